//! One chart for every register's trends: stacked bars drawn as SVG by the page (nothing to
//! download, sharp in print), a bar a period, a colour a series, with a legend.

use leptos::prelude::*;

const COLOURS: [&str; 9] = [
    "#0f766e", "#d97706", "#2563eb", "#dc2626", "#7c3aed", "#16a34a", "#db2777", "#475569",
    "#ca8a04",
];

/// The legend under a chart: each series' name beside its colour, in the chart's order.
fn legend(names: Vec<String>) -> impl IntoView {
    view! {
        <figcaption class="chart-legend">
            {names.into_iter().enumerate().map(|(k, name)| view! {
                <span><i style=format!("background:{}", COLOURS[k % COLOURS.len()])></i>{name}</span>
            }).collect_view()}
        </figcaption>
    }
}

/// One series: its name and a value per period.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Shown in the legend.
    pub name: String,
    /// One value per period, in the chart's order.
    pub values: Vec<u32>,
}

/// Stacked bars: `periods` along the bottom, `series` stacked in each bar.
#[component]
pub fn StackedBars(
    periods: Vec<String>,
    series: Vec<Series>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let (w, h, left, bottom, top) = (640.0_f64, 220.0_f64, 28.0_f64, 36.0_f64, 18.0_f64);
    let n = periods.len().max(1);
    let totals: Vec<u32> = (0..periods.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let slot = (w - left) / n as f64;
    let bar = (slot * 0.7).max(2.0);
    let scale = (h - bottom - top) / f64::from(max);
    let mut rects = vec![];
    for (i, _) in periods.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = h - bottom;
        for (k, s) in series.iter().enumerate() {
            let v = s.values.get(i).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let height = f64::from(v) * scale;
            y -= height;
            rects.push(view! {
                <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{bar:.1}") height=format!("{height:.1}")
                    fill=COLOURS[k % COLOURS.len()]>
                    <title>{format!("{} {}: {v}", periods[i], s.name)}</title>
                </rect>
            });
        }
    }
    let labels = periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = left + slot * i as f64 + slot / 2.0;
            view! {
                <text x=format!("{x:.1}") y=format!("{:.1}", h - bottom + 14.0) text-anchor="middle" class="chart-label">{p.clone()}</text>
            }
        })
        .collect_view();
    let totals_text = totals
        .iter()
        .enumerate()
        .filter(|(_, t)| **t > 0)
        .map(|(i, t)| {
            let x = left + slot * i as f64 + slot / 2.0;
            let y = h - bottom - f64::from(*t) * scale - 3.0;
            view! { <text x=format!("{x:.1}") y=format!("{y:.1}") text-anchor="middle" class="chart-total">{t.to_string()}</text> }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <svg viewBox=format!("0 0 {w} {h}") role="img" preserveAspectRatio="xMidYMid meet">
                <line x1=left y1=h - bottom x2=w y2=h - bottom stroke="#94a3b8"/>
                <text x="0" y=format!("{:.1}", top + 8.0) class="chart-label">{max.to_string()}</text>
                {rects}
                {labels}
                {totals_text}
            </svg>
            {legend(series.iter().map(|s| s.name.clone()).collect())}
        </figure>
    }
}

/// One series of percentages: its name and a value per period in tenths of a percent
/// (`None` where the period has nothing to measure).
#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    /// Shown in the legend.
    pub name: String,
    /// One value per period, in the chart's order.
    pub values: Vec<Option<u32>>,
}

/// Lines of percentages from 0 to 100 %: `periods` along the bottom, a line and a colour a
/// series; a gap where a period has no value.
#[component]
pub fn RateLines(
    periods: Vec<String>,
    series: Vec<Rates>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let (w, h, left, bottom, top) = (640.0_f64, 220.0_f64, 40.0_f64, 36.0_f64, 12.0_f64);
    let n = periods.len().max(1);
    let slot = (w - left) / n as f64;
    let x_of = |i: usize| left + slot * i as f64 + slot / 2.0;
    let y_of =
        |permille: u32| h - bottom - f64::from(permille.min(1000)) / 1000.0 * (h - bottom - top);
    let grid = [0_u32, 500, 1000]
        .into_iter()
        .map(|p| {
            let y = y_of(p);
            view! {
                <line x1=left y1=format!("{y:.1}") x2=w y2=format!("{y:.1}") stroke="#e2e8f0"/>
                <text x="0" y=format!("{:.1}", y + 4.0) class="chart-label">{format!("{}%", p / 10)}</text>
            }
        })
        .collect_view();
    let lines = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let colour = COLOURS[k % COLOURS.len()];
            // Runs of consecutive values, each its own polyline.
            let mut runs: Vec<Vec<(f64, f64)>> = vec![vec![]];
            for (i, v) in s.values.iter().enumerate() {
                match (v, runs.last_mut()) {
                    (Some(v), Some(run)) => run.push((x_of(i), y_of(*v))),
                    _ => runs.push(vec![]),
                }
            }
            let polylines = runs
                .into_iter()
                .filter(|r| r.len() > 1)
                .map(|r| {
                    let points = r.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ");
                    view! { <polyline points=points fill="none" stroke=colour stroke-width="2"/> }
                })
                .collect_view();
            let dots = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v)))
                .map(|(i, v)| {
                    let label = format!("{} {}: {}.{}%", periods.get(i).cloned().unwrap_or_default(), s.name, v / 10, v % 10);
                    view! {
                        <circle cx=format!("{:.1}", x_of(i)) cy=format!("{:.1}", y_of(v)) r="3" fill=colour>
                            <title>{label}</title>
                        </circle>
                    }
                })
                .collect_view();
            view! { <g>{polylines}{dots}</g> }
        })
        .collect_view();
    let labels = periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            view! {
                <text x=format!("{:.1}", x_of(i)) y=format!("{:.1}", h - bottom + 14.0) text-anchor="middle" class="chart-label">{p.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <svg viewBox=format!("0 0 {w} {h}") role="img" preserveAspectRatio="xMidYMid meet">
                {grid}
                {lines}
                {labels}
            </svg>
            {legend(series.iter().map(|s| s.name.clone()).collect())}
        </figure>
    }
}
