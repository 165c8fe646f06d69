//! Proof of presence on a round (issue 18): the place's label read — its signed code, checked
//! here offline against the estate's public keys, or the short code under it typed (手输, weaker
//! proof) — and recorded on the run. The list of a run's scans, in order, says which were typed
//! and which came faster than a person walks from the one before.

use crate::domain::checklist::{
    round_places, scans_checked, section_of_place, Scan, FAR_FROM_PLACE_METRES,
};
use crate::domain::label::{place_of_short_code, verify_label, LabelProblem, LABEL_PREFIX};
use crate::domain::place::PlaceId;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline, RunView};
use crate::session::use_directory;
use crate::sync::Op;
use crate::ui::estate_time;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The round's card: read a label (its code as a scanner types it, or pasted) or type the short
/// code; the scans so far.
#[component]
pub fn ScanCard(
    run: Memo<Option<RunView>>,
    /// Set to the section a check-in opens (its index) and the place's name.
    at_place: RwSignal<Option<(usize, String)>>,
) -> impl IntoView {
    let offline = use_offline();
    let directory = use_directory();
    let lang = use_i18n().lang;
    let input = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Msg>);
    let fix = super::camera::watch_position();
    super::camera::preload_decoder();
    // A label's text, typed or read by the camera (which reads only QR codes: anything but a
    // label's code from it is not a label).
    let check_in = move |text: String, from_camera: bool| {
        let Some(r) = run.get_untracked() else {
            return;
        };
        let r = r.record;
        if r.finished_at.is_some() {
            error.set(Some(Msg::ScanRunFinished));
            return;
        }
        let text = text.trim();
        let places: Vec<PlaceId> = offline.places.with_untracked(|ps| {
            ps.iter()
                .map(|p| &p.record)
                .filter(|p| p.cluster_id == r.cluster_id && !p.retired)
                .map(|p| p.id)
                .collect()
        });
        let found = if text.starts_with(LABEL_PREFIX) {
            let keys = directory
                .with_untracked(|d| d.as_ref().map(|d| d.label_keys.clone()).unwrap_or_default());
            match verify_label(text, &keys) {
                Ok(p) if places.contains(&p) => Ok((p, false)),
                Ok(_) => Err(Msg::ScanOtherCluster),
                Err(LabelProblem::Retired) => Err(Msg::ScanRetired),
                Err(_) => Err(Msg::ScanForged),
            }
        } else if from_camera {
            Err(Msg::ScanNotLabel)
        } else {
            place_of_short_code(text, &places)
                .map(|p| (p, true))
                .ok_or(Msg::ScanUnknownCode)
        };
        let (place, typed) = match found {
            Ok(f) => f,
            Err(m) => {
                error.set(Some(m));
                return;
            }
        };
        let now = chrono::Utc::now();
        let position = fix
            .get_untracked()
            .filter(|(_, at)| {
                (now.timestamp_millis() as f64 - at).abs() <= super::camera::POSITION_MAX_AGE_MS
            })
            .map(|(p, _)| p);
        let op = Op::RecordScan {
            run: r.id,
            scan: Scan {
                id: uuid::Uuid::now_v7(),
                place,
                at: now,
                typed,
                position,
            },
        };
        // The place's items: the section of the checklist that holds them.
        let opened = offline.places.with_untracked(|ps| {
            let p = ps.iter().find(|v| v.record.id == place)?;
            let section = offline.templates.with_untracked(|ts| {
                ts.iter()
                    .find(|t| t.version_id == r.template_version)
                    .and_then(|t| section_of_place(t, &p.record))
            })?;
            Some((section, p.record.name.clone()))
        });
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => {
                    error.set(None);
                    if !from_camera {
                        input.set(String::new());
                    }
                    if let Some((section, _)) = &opened {
                        crate::browser::scroll_to(&format!("run-section-{section}"));
                    }
                    at_place.set(opened);
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let record = move |_| check_in(input.get_untracked(), false);
    // The places this round should check in at, each with whether it has.
    let round = move || {
        let r = run.get()?.record;
        let required = offline.templates.with(|ts| {
            ts.iter()
                .find(|t| t.version_id == r.template_version)
                .is_some_and(|t| t.scans_required)
        });
        let lines = offline.places.with(|ps| {
            round_places(&r, ps.iter().map(|v| &v.record))
                .into_iter()
                .map(|p| (p.name.clone(), r.scans.iter().any(|s| s.place == p.id)))
                .collect::<Vec<_>>()
        });
        (!lines.is_empty()).then_some((required, lines))
    };
    let on_code = Callback::new(move |code: String| check_in(code, true));
    let scans = move || {
        run.with(|r| {
            r.as_ref()
                .map(|r| r.record.scans.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card" id="scan-card" data-testid="scan-card">
            <h2>{tr(Msg::ScanTitle)}</h2>
            <p class="muted small">{tr(Msg::ScanHint)}</p>
            <div class="inline-form">
                <input data-testid="scan-input" maxlength="200" autocomplete="off" bind:value=input/>
                <button class="btn" data-testid="scan-submit" on:click=record>{tr(Msg::ScanRecord)}</button>
            </div>
            <super::camera::CameraScan on_code=on_code/>
            {move || round().map(|(required, lines)| view! {
                <div class="round-places" data-testid="round-places">
                    <h3>{tr(Msg::RoundPlaces)}</h3>
                    {required.then(|| view! { <p class="muted small" data-testid="round-places-required">{tr(Msg::RoundPlacesRequired)}</p> })}
                    <ul>
                        {lines.into_iter().map(|(name, done)| view! {
                            <li data-testid="round-place" data-done=done.to_string()>
                                {name} " "
                                <span class=if done { "chip board-done" } else { "chip board-not-started" }>
                                    {if done { tr(Msg::PlaceChecked) } else { tr(Msg::PlaceNotChecked) }}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="scan-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
            {move || view! { <ScanList scans=scans()/> }}
        </section>
    }
}

/// A run's scans in order: the place, when, typed or scanned, and too fast from the one before.
/// Drawn again when this device's places arrive (the office's first sync may still be on).
#[component]
pub fn ScanList(scans: Vec<Scan>) -> impl IntoView {
    let offline = use_offline();
    let lines = move || {
        offline.places.with(|ps| {
            let place = |id: PlaceId| ps.iter().find(|p| p.record.id == id).map(|p| &p.record);
            scans_checked(&scans, |p| place(p).and_then(|x| x.position))
                .into_iter()
                .map(|(s, fast)| {
                    let at_place = place(s.place);
                    let name = at_place.map(|x| x.name.clone()).unwrap_or_default();
                    let whereabouts = s.position.map(|here| {
                        at_place
                            .and_then(|x| x.position)
                            .map(|there| here.metres_to(there).round() as i64)
                    });
                    (name, s.at, s.typed, fast, whereabouts)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ol class="scans" data-testid="scans">
            {move || lines().into_iter().map(|(name, at, typed, fast, whereabouts)| view! {
                <li data-testid="scan" data-typed=typed.to_string()>
                    <strong>{name}</strong>
                    " " <span class="muted small">{estate_time(at)}</span>
                    {typed.then(|| view! { " " <span class="chip warn" data-testid="scan-typed">{tr(Msg::ScanTyped)}</span> })}
                    {fast.then(|| view! { " " <span class="chip overdue" data-testid="scan-too-fast">{tr(Msg::ScanTooFast)}</span> })}
                    {whereabouts.map(|distance| match distance {
                        Some(m) => view! {
                            " " <span class="muted small" data-testid="scan-distance">{tr(Msg::ScanFromPlace)} " " {distance_text(m)} " " {if m < 1000 { tr(Msg::ScanMetres) } else { tr(Msg::ScanKilometres) }}</span>
                            {(m as f64 > FAR_FROM_PLACE_METRES).then(|| view! { " " <span class="chip overdue" data-testid="scan-far">{tr(Msg::ScanFarAway)}</span> })}
                        }.into_any(),
                        None => view! { " " <span class="muted small" data-testid="scan-located">{tr(Msg::ScanLocated)}</span> }.into_any(),
                    })}
                </li>
            }).collect_view()}
        </ol>
    }
}

/// A distance as a reader takes it in: metres below a kilometre, then kilometres.
fn distance_text(metres: i64) -> String {
    if metres < 1000 {
        metres.to_string()
    } else if metres < 100_000 {
        format!("{:.1}", metres as f64 / 1000.0)
    } else {
        (metres / 1000).to_string()
    }
}
