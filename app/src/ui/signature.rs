//! The signature pad: the customer signs on the phone's screen with a finger (pointer events:
//! touch, pen or mouse). Strokes are kept in the pad's own units (0–1000 on both axes), so the
//! signature is redrawn from them at any size — after a rotation, on the office's print view —
//! and the image kept with the record is drawn from them at a fixed size (PNG), whatever the
//! screen. Reused by the complaints, documents and renovation screens.

use crate::domain::complaint::{signature_problem, Point, SignatureProblem, PAD_UNITS};
use crate::i18n::{tr, Msg};
use leptos::html;
use leptos::prelude::*;

/// The image's size in pixels (wide, like the line on a paper form).
pub const IMAGE_WIDTH: u32 = 600;
/// See [`IMAGE_WIDTH`].
pub const IMAGE_HEIGHT: u32 = 240;

/// What a pad holds: the strokes drawn so far.
#[derive(Debug, Clone, Copy)]
pub struct Pad {
    /// The strokes, each a list of points in pad units.
    pub strokes: RwSignal<Vec<Vec<Point>>>,
}

impl Pad {
    /// An empty pad.
    pub fn new() -> Pad {
        Pad {
            strokes: RwSignal::new(vec![]),
        }
    }

    /// Why what is drawn is not a signature yet (none: it is one).
    pub fn problem(&self) -> Option<SignatureProblem> {
        self.strokes.with_untracked(|s| signature_problem(s))
    }
}

impl Default for Pad {
    fn default() -> Self {
        Pad::new()
    }
}

/// The message for a signature that cannot be kept.
pub fn problem_msg(p: SignatureProblem) -> Msg {
    match p {
        SignatureProblem::Empty => Msg::SignatureEmpty,
        SignatureProblem::TooLarge | SignatureProblem::OffPad => Msg::SignatureTooLarge,
    }
}

/// Draws `strokes` (pad units) onto a 2D context `width` × `height` pixels.
#[cfg(feature = "hydrate")]
fn draw(ctx: &web_sys::CanvasRenderingContext2d, strokes: &[Vec<Point>], width: f64, height: f64) {
    ctx.clear_rect(0.0, 0.0, width, height);
    ctx.set_line_width((width / 200.0).max(2.0));
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.set_stroke_style_str("#111");
    let scale = |(x, y): Point| {
        (
            f64::from(x) * width / f64::from(PAD_UNITS),
            f64::from(y) * height / f64::from(PAD_UNITS),
        )
    };
    for stroke in strokes {
        let Some(first) = stroke.first() else {
            continue;
        };
        ctx.begin_path();
        let (x, y) = scale(*first);
        ctx.move_to(x, y);
        if stroke.len() == 1 {
            ctx.line_to(x + 0.1, y + 0.1);
        }
        for p in &stroke[1..] {
            let (x, y) = scale(*p);
            ctx.line_to(x, y);
        }
        ctx.stroke();
    }
}

/// The signature as a PNG drawn from its strokes at [`IMAGE_WIDTH`] × [`IMAGE_HEIGHT`].
#[cfg(feature = "hydrate")]
pub fn render_png(strokes: &[Vec<Point>]) -> Option<Vec<u8>> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(IMAGE_WIDTH);
    canvas.set_height(IMAGE_HEIGHT);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(IMAGE_WIDTH), f64::from(IMAGE_HEIGHT));
    draw(
        &ctx,
        strokes,
        f64::from(IMAGE_WIDTH),
        f64::from(IMAGE_HEIGHT),
    );
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    let b64 = url.split_once(',')?.1;
    let binary = web_sys::window()?.atob(b64).ok()?;
    Some(binary.chars().map(|c| c as u32 as u8).collect())
}

/// On the server there is no canvas.
#[cfg(not(feature = "hydrate"))]
pub fn render_png(_strokes: &[Vec<Point>]) -> Option<Vec<u8>> {
    None
}

/// The pad: draw with a finger; 清除 starts again.
#[component]
pub fn SignaturePad(pad: Pad) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    let drawing = RwSignal::new(false);
    // Where a pointer is, in pad units.
    #[cfg(feature = "hydrate")]
    let at = move |ev: &web_sys::PointerEvent| -> Option<Point> {
        let c = canvas.get_untracked()?;
        let r = c.get_bounding_client_rect();
        let unit = |v: f64, size: f64| {
            ((v / size.max(1.0)) * f64::from(PAD_UNITS)).clamp(0.0, f64::from(PAD_UNITS)) as u16
        };
        Some((
            unit(f64::from(ev.client_x()) - r.left(), r.width()),
            unit(f64::from(ev.client_y()) - r.top(), r.height()),
        ))
    };
    // Redraws the strokes at the canvas's size on screen (after a rotation too).
    #[cfg(feature = "hydrate")]
    let redraw = move || {
        use wasm_bindgen::JsCast;
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let (w, h) = (
            f64::from(c.client_width()) * ratio,
            f64::from(c.client_height()) * ratio,
        );
        if c.width() != w as u32 || c.height() != h as u32 {
            c.set_width(w as u32);
            c.set_height(h as u32);
        }
        if let Some(ctx) = c
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|x| x.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        {
            pad.strokes.with_untracked(|s| draw(&ctx, s, w, h));
        }
    };
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            pad.strokes.track();
            redraw();
        });
        let handle = leptos::prelude::window_event_listener(leptos::ev::resize, move |_| redraw());
        on_cleanup(move || handle.remove());
    }
    let down = move |ev: leptos::ev::PointerEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        if let Some(p) = at(&ev) {
            drawing.set(true);
            pad.strokes.update(|s| s.push(vec![p]));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, drawing);
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        if let Some(p) = at(&ev) {
            pad.strokes.update(|s| {
                if let Some(last) = s.last_mut() {
                    if last.last() != Some(&p) {
                        last.push(p);
                    }
                }
            });
        }
    };
    let up = move |_| drawing.set(false);
    view! {
        <div class="signature" data-testid="signature">
            <canvas
                node_ref=canvas
                class="signature-pad"
                data-testid="signature-pad"
                data-strokes=move || pad.strokes.with(Vec::len).to_string()
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointerleave=up
                on:pointercancel=up
            ></canvas>
            <div class="item-top">
                <span class="muted small">{tr(Msg::SignHere)}</span>
                <button type="button" class="btn link" data-testid="signature-clear"
                    on:click=move |_| pad.strokes.set(vec![])>
                    {tr(Msg::ClearSignature)}
                </button>
            </div>
        </div>
    }
}

/// A kept signature, redrawn from its strokes at whatever size it is shown (the print view's
/// too), as an SVG: no image to fetch.
#[component]
pub fn SignatureView(strokes: Vec<Vec<Point>>) -> impl IntoView {
    let w = f64::from(PAD_UNITS);
    let h = w * f64::from(IMAGE_HEIGHT) / f64::from(IMAGE_WIDTH);
    let scale_y = h / w;
    let paths: Vec<String> = strokes
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.iter()
                .enumerate()
                .map(|(i, (x, y))| {
                    format!(
                        "{}{x} {:.0}",
                        if i == 0 { "M" } else { "L" },
                        f64::from(*y) * scale_y
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    view! {
        <svg class="signature-view" data-testid="signature-view" viewBox=format!("0 0 {w} {h:.0}")
            preserveAspectRatio="xMidYMid meet" role="img">
            {paths.into_iter().map(|d| view! {
                <path d=d fill="none" stroke="#111" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
            }).collect_view()}
        </svg>
    }
}
