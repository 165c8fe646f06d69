//! The office's notice register (`/office/notices`: what was up on which boards on a day, with
//! its history; a notice posted, its expiry date changed) and register of places
//! (`/office/places`: registered, changed or retired). Both read the office's own copy, which
//! holds every cluster's records, and print on A4.

use super::import::PlacePlan;
use super::{board_names, NoticeForm, NoticeStateChip};
use crate::domain::place::{
    Notice, NoticeFilter, Place, PlaceId, PlaceKind, PlaceProblem, Position,
};
use crate::domain::{ClusterId, TemplateId};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline, RecordState, View};
use crate::patrol::PhotoThumb;
use crate::session::{use_directory, use_names};
use crate::sync::Op;
use crate::ui::{estate_time, estate_today, StateChip};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn every_cluster() -> Signal<Vec<crate::domain::ClusterRef>> {
    let directory = use_directory();
    Signal::derive(move || {
        directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default())
    })
}

/// 公告登记: the notices up on a day (today unless chosen), of one cluster or all.
#[component]
pub fn NoticeRegister() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (_, cluster_name) = use_names();
    let today = estate_today(chrono::Utc::now());
    let day = RwSignal::new(today.to_string());
    let cluster = RwSignal::new(String::new());
    let clusters = every_cluster();
    let filter = Memo::new(move |_| NoticeFilter {
        day: day.get().parse().ok(),
        cluster: cluster.get().parse().ok().map(ClusterId),
    });
    let rows = Memo::new(move |_| {
        let f = filter.get();
        let d = f.day.unwrap_or(today);
        let list = offline.notices.with(|ns| {
            ns.iter()
                .filter(|n| f.matches(&n.record, d))
                .cloned()
                .collect::<Vec<_>>()
        });
        (d, list)
    });
    let export = move || format!("/api/v1/places/notices.xlsx?{}", filter.get().to_query());
    view! {
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::NoticeRegister)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href="/office/places">{tr(Msg::PlacesTitle)}</a>
                    <a class="btn secondary" href=export download="notice-register.xlsx" data-testid="export-xlsx">{tr(Msg::ExportXlsx)}</a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <div class="filters no-print">
                <label><span>{tr(Msg::RegisterOnDay)}</span><input type="date" data-testid="notices-day" bind:value=day/></label>
                <label>
                    <span>{tr(Msg::ClusterLabel)}</span>
                    <select data-testid="notices-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::FilterAll)}</option>
                        {move || clusters.get().into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <p data-testid="notices-figures">
                {move || rows.with(|(d, list)| {
                    let up = list.iter().filter(|n| n.record.up_on(*d)).count();
                    Msg::NoticesOnDay.text(lang.get()).replace("{d}", &d.to_string()).replace("{n}", &up.to_string())
                })}
            </p>
            <table class="grid register" data-testid="notice-register">
                <thead><tr>
                    <th>{tr(Msg::RowNo)}</th>
                    <th>{tr(Msg::ClusterLabel)}</th>
                    <th>{tr(Msg::NoticeTitleLabel)}</th>
                    <th>{tr(Msg::IssuerLabel)}</th>
                    <th>{tr(Msg::BoardsLabel)}</th>
                    <th>{tr(Msg::PostedOnLabel)}</th>
                    <th>{tr(Msg::ExpiresOnLabel)}</th>
                    <th>{tr(Msg::StateLabel)}</th>
                    <th>{tr(Msg::Photos)}</th>
                    <th class="no-print"></th>
                </tr></thead>
                <tbody>
                    {move || {
                        let (d, list) = rows.get();
                        list.into_iter().enumerate().map(|(i, n)| {
                            let cluster = cluster_name(n.record.cluster_id);
                            view! { <NoticeRow n=i + 1 notice=n day=d cluster=cluster/> }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            <Show when=move || rows.with(|(_, l)| l.is_empty())>
                <p class="muted">{tr(Msg::NoticesNone)}</p>
            </Show>
        </section>
        <div class="no-print"><NoticeForm clusters=clusters/></div>
    }
}

/// One row of the register, with its history and, at the office, the expiry date to change.
#[component]
fn NoticeRow(
    n: usize,
    notice: View<Notice>,
    day: chrono::NaiveDate,
    cluster: String,
) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (name_of, _) = use_names();
    let state = notice.state;
    let rec = notice.record;
    let id = rec.id;
    let issuer = rec.issuer;
    let boards = offline
        .places
        .with_untracked(|ps| board_names(ps, &rec.boards));
    let new_end = RwSignal::new(rec.expires_on.to_string());
    let error = RwSignal::new(None::<Msg>);
    let change = move |_| {
        let Ok(to) = new_end.get_untracked().parse() else {
            error.set(Some(Msg::NoticeExpiryInvalid));
            return;
        };
        if crate::domain::place::check_expiry(rec.posted_on, to).is_err() {
            error.set(Some(Msg::NoticeExpiryInvalid));
            return;
        }
        error.set(None);
        spawn_local(async move {
            if let Err(e) = offline::queue(Op::ChangeNoticeExpiry { id, expires_on: to }).await {
                error.set(Some(e.message()));
            }
        });
    };
    let poster = rec.posted_by;
    let down = rec.taken_down.clone();
    let changes = rec.changes.clone();
    view! {
        <tr data-testid="notice-row" data-title=rec.title.clone()>
            <td>{n}</td>
            <td class="nowrap">{cluster}</td>
            <td>
                {rec.title.clone()}
                <br/><span class="muted small">{move || Msg::PostedByLine.text(lang.get()).replace("{n}", &name_of(poster))}</span>
                {changes.into_iter().map(|c| {
                    let who = c.by;
                    let when = estate_time(c.at);
                    view! {
                        <br/><span class="muted small" data-testid="expiry-change">
                            {move || Msg::ExpiryChangedLine.text(lang.get())
                                .replace("{t}", &when).replace("{n}", &name_of(who))
                                .replace("{a}", &c.from.to_string()).replace("{b}", &c.to.to_string())}
                            {c.after_take_down.then(|| tr(Msg::ExpiryChangeAfterDown))}
                        </span>
                    }
                }).collect_view()}
            </td>
            <td class="nowrap">{move || Msg::issuer(issuer).text(lang.get())}</td>
            <td data-testid="row-boards">{boards}</td>
            <td class="nowrap">{rec.posted_on.to_string()}</td>
            <td class="nowrap" data-testid="row-expires">{rec.expires_on.to_string()}</td>
            <td>
                <NoticeStateChip notice=rec.clone() day=day/>
                {down.as_ref().map(|t| {
                    let when = estate_time(t.at);
                    let by = t.by;
                    view! { <br/><span class="muted small" data-testid="row-taken-down">{move || Msg::NoticeTakenDownAt.text(lang.get()).replace("{t}", &when).replace("{n}", &name_of(by))}</span> }
                })}
                {(state != RecordState::Synced).then(|| view! { <br/><StateChip state=state/> })}
            </td>
            <td class="photos">
                {rec.photos.iter().chain(down.iter().flat_map(|t| t.photos.iter())).cloned().map(|sha| view! { <PhotoThumb sha=sha/> }).collect_view()}
            </td>
            <td class="no-print">
                {down.is_none().then(|| view! {
                    <div class="inline-form">
                        <input type="date" data-testid="row-new-expiry" bind:value=new_end/>
                        <button class="btn secondary" data-testid="row-change-expiry" on:click=change>{tr(Msg::ChangeExpiry)}</button>
                    </div>
                })}
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
                </Show>
            </td>
        </tr>
    }
}

fn place_problem_msg(p: PlaceProblem) -> Msg {
    match p {
        PlaceProblem::Name => Msg::PlaceNameMissing,
        PlaceProblem::Location => Msg::PlaceLocationTooLong,
        PlaceProblem::Position => Msg::PlacePositionInvalid,
    }
}

/// 地点登记: every cluster's places, and the form that registers or changes one.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (_, cluster_name) = use_names();
    let clusters = every_cluster();
    // The form: a new place, or the one being changed.
    let editing = RwSignal::new(None::<PlaceId>);
    let cluster = RwSignal::new(String::new());
    let kind = RwSignal::new(PlaceKind::NoticeBoard.code().to_owned());
    let name = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let lat = RwSignal::new(String::new());
    let lon = RwSignal::new(String::new());
    let template = RwSignal::new(String::new());
    let retired = RwSignal::new(false);
    let error = RwSignal::new(None::<Msg>);
    let saved = RwSignal::new(false);
    let templates = move || {
        offline.templates.with(|ts| {
            let mut seen = std::collections::BTreeMap::new();
            for t in ts {
                seen.entry(t.id).or_insert_with(|| t.name.clone());
            }
            seen.into_iter().collect::<Vec<(TemplateId, String)>>()
        })
    };
    let load = move |p: Place| {
        editing.set(Some(p.id));
        cluster.set(p.cluster_id.to_string());
        kind.set(p.kind.code().to_owned());
        name.set(p.name);
        location.set(p.location);
        let (a, b) = p
            .position
            .map(|x| {
                let (a, b) = x.degrees();
                (format!("{a:.6}"), format!("{b:.6}"))
            })
            .unwrap_or_default();
        lat.set(a);
        lon.set(b);
        template.set(p.template.map(|t| t.to_string()).unwrap_or_default());
        retired.set(p.retired);
        saved.set(false);
        error.set(None);
    };
    let clear = move || {
        editing.set(None);
        name.set(String::new());
        location.set(String::new());
        lat.set(String::new());
        lon.set(String::new());
        retired.set(false);
    };
    let save = move |_| {
        saved.set(false);
        let Some(c) = cluster
            .get_untracked()
            .parse()
            .ok()
            .map(ClusterId)
            .or_else(|| clusters.with_untracked(|cs| (cs.len() == 1).then(|| cs[0].id)))
        else {
            error.set(Some(Msg::PlaceClusterMissing));
            return;
        };
        let (a, b) = (lat.get_untracked(), lon.get_untracked());
        let position = match (a.trim(), b.trim()) {
            ("", "") => None,
            (a, b) => match (a.parse::<f64>(), b.parse::<f64>()) {
                (Ok(a), Ok(b)) => match Position::from_degrees(a, b) {
                    Some(p) => Some(p),
                    None => {
                        error.set(Some(Msg::PlacePositionInvalid));
                        return;
                    }
                },
                _ => {
                    error.set(Some(Msg::PlacePositionInvalid));
                    return;
                }
            },
        };
        let place = Place {
            id: editing.get_untracked().unwrap_or_else(PlaceId::new_v7),
            cluster_id: c,
            kind: kind
                .get_untracked()
                .parse()
                .unwrap_or(PlaceKind::NoticeBoard),
            name: name.get_untracked(),
            location: location.get_untracked(),
            position,
            template: template.get_untracked().parse().ok().map(TemplateId),
            retired: retired.get_untracked(),
        };
        if let Err(p) = place.check() {
            error.set(Some(place_problem_msg(p)));
            return;
        }
        spawn_local(async move {
            match offline::queue(Op::SavePlace {
                place: place.trimmed(),
            })
            .await
            {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                    clear();
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::PlacesTitle)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href="/office/notices">{tr(Msg::NoticeRegister)}</a>
                    <a class="btn secondary" href="/office/places/labels" data-testid="labels-link">{tr(Msg::PrintLabels)}</a>
                    <a class="btn secondary" href="/api/v1/places/import-template.xlsx" download rel="external">{tr(Msg::DownloadTemplate)}</a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <table class="grid register" data-testid="places">
                <thead><tr>
                    <th>{tr(Msg::ClusterLabel)}</th>
                    <th>{tr(Msg::PlaceKindLabel)}</th>
                    <th>{tr(Msg::PlaceNameLabel)}</th>
                    <th>{tr(Msg::LocationLabel)}</th>
                    <th>{tr(Msg::PositionLabel)}</th>
                    <th>{tr(Msg::PlaceTemplateLabel)}</th>
                    <th>{tr(Msg::FacilityStateLabel)}</th>
                    <th class="no-print"></th>
                </tr></thead>
                <tbody>
                    {move || offline.places.get().into_iter().map(|v| {
                        let p = v.record.clone();
                        let k = p.kind;
                        let template_name = p.template.and_then(|t| templates().into_iter().find(|(id, _)| *id == t).map(|(_, n)| n));
                        let position = p.position.map(|x| { let (a, b) = x.degrees(); format!("{a:.5}, {b:.5}") });
                        let edit = p.clone();
                        let fault = (k == PlaceKind::Facility).then(|| offline.follow_ups.with(|fs| {
                            crate::domain::place::facility_fault(p.id, fs.iter().map(|v| &v.record)).map(|f| f.id)
                        }));
                        view! {
                            <tr data-testid="place-row" data-name=p.name.clone() class:retired=p.retired>
                                <td class="nowrap">{cluster_name(p.cluster_id)}</td>
                                <td class="nowrap">{move || Msg::place_kind(k).text(lang.get())}</td>
                                <td>
                                    {p.name.clone()}
                                    {p.retired.then(|| view! { " " <span class="chip">{tr(Msg::PlaceRetired)}</span> })}
                                    {(v.state != RecordState::Synced).then(|| view! { " " <StateChip state=v.state/> })}
                                </td>
                                <td>{p.location.clone()}</td>
                                <td class="nowrap">{position}</td>
                                <td>{template_name}</td>
                                <td class="nowrap" data-testid="place-state">{fault.map(|f| match f {
                                    Some(f) => view! { <a class="chip overdue" href=format!("/office/follow-ups/{f}")>{tr(Msg::FacilityOutOfOrder)}</a> }.into_any(),
                                    None => view! { <span class="chip board-done">{tr(Msg::FacilityInOrder)}</span> }.into_any(),
                                })}</td>
                                <td class="no-print"><button class="btn secondary" data-testid="edit-place" on:click=move |_| load(edit.clone())>{tr(Msg::Edit)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || offline.loaded.get() && offline.places.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::NoPlaces)}</p>
            </Show>
        </section>
        <crate::ui::import::ImportCard title=Msg::PlacesImportTitle hint=Msg::PlacesImportHint
            preview="/api/v1/places/import/preview" apply="/api/v1/places/import/apply" prefix="places"
            on_applied=Callback::new(move |_: PlacePlan| crate::offline::sync_now())/>
        <section class="card form no-print" data-testid="place-form">
            <h2>{move || if editing.get().is_some() { tr(Msg::Edit)() } else { tr(Msg::AddPlace)() }}</h2>
            <label>
                <span>{tr(Msg::ClusterLabel)}</span>
                <select data-testid="place-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || clusters.get().into_iter().map(|c| {
                        let id = c.id.to_string();
                        let chosen = id.clone();
                        view! { <option value=id selected=move || cluster.get() == chosen>{c.name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label><span>{tr(Msg::PlaceKindLabel)}</span>
                {crate::ui::code_select("place-kind", PlaceKind::ALL, PlaceKind::code, Msg::place_kind, kind, None)}
            </label>
            <label><span>{tr(Msg::PlaceNameLabel)}</span><input data-testid="place-name" maxlength="100" bind:value=name/></label>
            <label><span>{tr(Msg::LocationLabel)}</span><input data-testid="place-location" maxlength="200" bind:value=location/></label>
            <div class="row">
                <label><span>{tr(Msg::LatLabel)}</span><input inputmode="decimal" data-testid="place-lat" bind:value=lat/></label>
                <label><span>{tr(Msg::LonLabel)}</span><input inputmode="decimal" data-testid="place-lon" bind:value=lon/></label>
            </div>
            <label><span>{tr(Msg::PlaceTemplateLabel)}</span>
                <select data-testid="place-template" on:change=move |ev| template.set(event_target_value(&ev))>
                    <option value="">{tr(Msg::PlaceNoTemplate)}</option>
                    {move || templates().into_iter().map(|(id, n)| {
                        let v = id.to_string();
                        let chosen = v.clone();
                        view! { <option value=v selected=move || template.get() == chosen>{n}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="check"><input type="checkbox" data-testid="place-retired" bind:checked=retired/><span>{tr(Msg::RetirePlace)}</span></label>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="place-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
            <Show when=move || saved.get()>
                <p class="ok" role="status" data-testid="place-saved">{tr(Msg::PlaceSavedOk)}</p>
            </Show>
            <button class="btn" data-testid="save-place" on:click=save>{tr(Msg::Save)}</button>
        </section>
    }
}

/// 打印二维码标签: the places' QR labels on A4, several to a page — each its code, its name
/// and the short code to type when the camera cannot read it. Of one cluster or all.
#[component]
pub fn LabelsPage() -> impl IntoView {
    use crate::domain::label::PlaceLabel;
    let lang = use_i18n().lang;
    let (_, cluster_name) = use_names();
    let clusters = every_cluster();
    let cluster = RwSignal::new(String::new());
    let list = LocalResource::new(move || {
        let c = cluster.get();
        let url = if c.is_empty() {
            "/api/v1/places/labels".to_owned()
        } else {
            format!("/api/v1/places/labels?cluster={c}")
        };
        crate::browser::fetch_json::<Vec<PlaceLabel>>(url)
    });
    view! {
        <section class="card no-print">
            <div class="item-top">
                <h1>{tr(Msg::LabelsTitle)}</h1>
                <div class="actions">
                    <a class="btn secondary" href="/office/places">{tr(Msg::PlacesTitle)}</a>
                    <button class="btn" data-testid="print-labels" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <p class="muted small">{tr(Msg::LabelsNote)}</p>
            <div class="filters">
                <label>
                    <span>{tr(Msg::ClusterLabel)}</span>
                    <select data-testid="labels-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::FilterAll)}</option>
                        {move || clusters.get().into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                </label>
            </div>
        </section>
        {crate::ui::server_list(list, Msg::NoPlaces, move |labels: Vec<PlaceLabel>| view! {
            <div class="labels" data-testid="labels">
                {labels.into_iter().map(|l| {
                    let k = l.kind;
                    view! {
                        <figure class="label" data-testid="label" data-code=l.code.clone()>
                            <div class="qr" inner_html=l.svg.clone()></div>
                            <figcaption>
                                <strong>{l.name.clone()}</strong>
                                <span class="muted small">{cluster_name(l.cluster_id)} " · " {move || Msg::place_kind(k).text(lang.get())}</span>
                                <span class="short-code" data-testid="short-code">{l.short_code.clone()}</span>
                            </figcaption>
                        </figure>
                    }
                }).collect_view()}
            </div>
        })}
    }
}

impl crate::ui::import::ImportPlan for PlacePlan {
    fn applied(&self) -> bool {
        self.applied
    }

    fn problem_count(&self) -> usize {
        self.problem_count
    }

    fn problems(&self, lang: crate::i18n::Lang) -> Vec<(usize, String)> {
        self.problems
            .iter()
            .map(|p| (p.row, p.problem.text(lang)))
            .collect()
    }

    fn figures(&self) -> Vec<(Msg, String, &'static str)> {
        vec![
            (Msg::PlanRows, self.rows.to_string(), "plan-rows"),
            (Msg::PlanPlacesNew, self.new.to_string(), "plan-new"),
            (Msg::PlanUpdated, self.updated.to_string(), "plan-updated"),
            (
                Msg::PlanUnchanged,
                self.unchanged.to_string(),
                "plan-unchanged",
            ),
        ]
    }
}
