//! `/m/notices`: the butler's notice boards, offline. First what to take down this morning (its
//! last day was yesterday or today), each taken down with one tap and an optional photo of the
//! cleared board; then what is up; the form to post one; and what was taken down lately.

use super::{board_names, NoticeForm, NoticeStateChip};
use crate::domain::place::Notice;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline, View};
use crate::patrol::{PhotoButton, PhotoThumb};
use crate::session::{use_names, use_session};
use crate::sync::Op;
use crate::ui::{estate_time, estate_today, StateChip};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The butler's notice boards.
#[component]
pub fn NoticeBoards() -> impl IntoView {
    let offline = use_offline();
    let session = use_session();
    let today = estate_today(chrono::Utc::now());
    let notices = move |keep: fn(&Notice, chrono::NaiveDate) -> bool| {
        offline.notices.with(|ns| {
            ns.iter()
                .filter(|n| keep(&n.record, today))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let due = Memo::new(move |_| {
        let mut list = notices(|n, d| n.due_down(d));
        list.sort_by_key(|n| n.record.expires_on);
        list
    });
    let up = Memo::new(move |_| {
        let mut list = notices(|n, d| n.up_on(d) && !n.due_down(d));
        list.sort_by_key(|n| n.record.expires_on);
        list
    });
    let down = Memo::new(move |_| {
        notices(|n, d| {
            n.taken_down
                .as_ref()
                .is_some_and(|t| (d - estate_today(t.at)).num_days() < 7)
        })
    });
    let clusters = Signal::derive(move || {
        session
            .user
            .with(|u| u.as_ref().map(|u| u.clusters.clone()).unwrap_or_default())
    });
    view! {
        <section class="card">
            <h1>{tr(Msg::NavNotices)}</h1>
            <h2>{tr(Msg::NoticesDueTitle)}</h2>
            <ul class="items" data-testid="notices-due">
                {move || due.get().into_iter().map(|n| view! { <DueNotice notice=n today=today/> }).collect_view()}
            </ul>
            <Show when=move || offline.loaded.get() && due.with(Vec::is_empty)>
                <p class="muted" data-testid="notices-due-none">{tr(Msg::NoticesDueNone)}</p>
            </Show>
        </section>
        <section class="card">
            <h2>{tr(Msg::NoticesUpTitle)}</h2>
            <ul class="items" data-testid="notices-up">
                {move || up.get().into_iter().map(|n| view! { <NoticeLine notice=n today=today/> }).collect_view()}
            </ul>
            <Show when=move || offline.loaded.get() && up.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::NoticesNone)}</p>
            </Show>
        </section>
        <Facilities/>
        <NoticeForm clusters=clusters/>
        <section class="card">
            <h2>{tr(Msg::NoticesDownTitle)}</h2>
            <ul class="items" data-testid="notices-down">
                {move || down.get().into_iter().map(|n| view! { <NoticeLine notice=n today=today/> }).collect_view()}
            </ul>
        </section>
    }
}

/// A notice in a list.
#[component]
fn NoticeLine(notice: View<Notice>, today: chrono::NaiveDate) -> impl IntoView {
    let title = notice.record.title.clone();
    view! {
        <li class="item" data-testid="notice" data-title=title>
            <NoticeBody notice=notice today=today/>
        </li>
    }
}

/// A notice: its title, issuer, boards, dates and state; who took it down and when.
#[component]
fn NoticeBody(notice: View<Notice>, today: chrono::NaiveDate) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (name_of, _) = use_names();
    let n = notice.record;
    let issuer = n.issuer;
    let boards = offline
        .places
        .with_untracked(|ps| board_names(ps, &n.boards));
    let down = n.taken_down.clone();
    view! {
        <div class="item-top">
            <strong>{n.title.clone()}</strong>
            <NoticeStateChip notice=n.clone() day=today/>
        </div>
        <p class="muted small">
            {move || Msg::issuer(issuer).text(lang.get())} " · " <span data-testid="notice-boards-named">{boards}</span>
        </p>
        <p class="muted small">{format!("{} → {}", n.posted_on, n.expires_on)}</p>
        {down.map(|t| {
            let when = estate_time(t.at);
            let by = t.by;
            view! {
                <p class="muted small" data-testid="notice-taken-down">
                    {move || Msg::NoticeTakenDownAt.text(lang.get()).replace("{t}", &when).replace("{n}", &name_of(by))}
                </p>
                <div class="photos">{t.photos.into_iter().map(|sha| view! { <PhotoThumb sha=sha/> }).collect_view()}</div>
            }
        })}
        {(notice.state != crate::offline::RecordState::Synced).then(|| view! { <StateChip state=notice.state/> })}
    }
}

/// A notice to take down, with its button and an optional photo of the cleared board.
#[component]
fn DueNotice(notice: View<Notice>, today: chrono::NaiveDate) -> impl IntoView {
    let lang = use_i18n().lang;
    let id = notice.record.id;
    let title = notice.record.title.clone();
    let photos = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<Msg>);
    let add_photo = Callback::new(move |sha: String| photos.update(|p| p.push(sha)));
    let take_down = move |_| {
        let op = Op::TakeDownNotice {
            id,
            at: chrono::Utc::now(),
            photos: photos.get_untracked(),
        };
        spawn_local(async move {
            if let Err(e) = offline::queue(op).await {
                error.set(Some(e.message()));
            }
        });
    };
    view! {
        <li class="item due-notice" data-testid="due-notice" data-title=title>
            <NoticeBody notice=notice today=today/>
            <div class="actions">
                {move || photos.get().into_iter().map(|sha| view! { <PhotoThumb sha=sha/> }).collect_view()}
                <PhotoButton on_photo=add_photo error=error testid="take-down-photo"/>
                <button class="btn" data-testid="take-down" on:click=take_down>{tr(Msg::TakeDown)}</button>
            </div>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
        </li>
    }
}

/// The cluster's recreation facilities, each in order or out of use while a fault reported on
/// it is not resolved (SOP procedure 2: they touch people's safety). A fault is reported with
/// a photo and handed to a department as a follow-up marked safety-related, first in its
/// queue.
#[component]
fn Facilities() -> impl IntoView {
    let offline = use_offline();
    let facilities = Memo::new(move |_| {
        offline.places.with(|ps| {
            ps.iter()
                .map(|p| &p.record)
                .filter(|p| p.kind == crate::domain::place::PlaceKind::Facility && !p.retired)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card">
            <h2>{tr(Msg::FacilitiesTitle)}</h2>
            <ul class="items" data-testid="facilities">
                {move || facilities.get().into_iter().map(|p| view! { <FacilityLine place=p/> }).collect_view()}
            </ul>
            <Show when=move || offline.loaded.get() && facilities.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::NoFacilities)}</p>
            </Show>
        </section>
    }
}

/// One facility: its state, and the fault form.
#[component]
fn FacilityLine(place: crate::domain::place::Place) -> impl IntoView {
    use crate::domain::follow_up::FollowUpId;
    use crate::domain::Department;
    let offline = use_offline();
    let lang = use_i18n().lang;
    let directory = crate::session::use_directory();
    let id = place.id;
    let fault = move || {
        offline.follow_ups.with(|fs| {
            crate::domain::place::facility_fault(id, fs.iter().map(|v| &v.record))
                .map(|f| (f.id, f.title.clone()))
        })
    };
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let department = RwSignal::new(Department::Engineering.code().to_owned());
    let photos = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<Msg>);
    let saved = RwSignal::new(false);
    let add_photo = Callback::new(move |sha: String| photos.update(|p| p.push(sha)));
    // The follow-up's place: the facility and where it is, if that fits the field.
    let where_ = match format!("{} · {}", place.name, place.location) {
        w if !place.location.is_empty() && w.chars().count() <= 100 => w,
        _ => place.name.clone(),
    };
    let report = {
        let where_ = where_.clone();
        let cluster = place.cluster_id;
        move |_| {
            let title = text.get_untracked();
            let n = title.trim().chars().count();
            if n == 0 || n > crate::sync::apply::MAX_TITLE {
                error.set(Some(Msg::FaultMissing));
                return;
            }
            let dept = department
                .get_untracked()
                .parse()
                .unwrap_or(Department::Engineering);
            let l = lang.get_untracked();
            let op = Op::CreateFollowUp {
                id: FollowUpId::new_v7(),
                cluster_id: cluster,
                place: where_.clone(),
                source: Msg::FacilityCheckSource.text(l).to_owned(),
                title: title.trim().to_owned(),
                department: dept,
                due_date: Some(
                    directory
                        .with_untracked(|d| crate::session::default_due_date(d.as_ref(), dept)),
                ),
                origin: None,
                photos: photos.get_untracked(),
                household: None,
                facility: Some(id),
            };
            spawn_local(async move {
                match offline::queue(op).await {
                    Ok(()) => {
                        error.set(None);
                        saved.set(true);
                        open.set(false);
                        text.set(String::new());
                        photos.set(vec![]);
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    const HANDS: [Department; 4] = [
        Department::Engineering,
        Department::Cleaning,
        Department::Security,
        Department::Landscaping,
    ];
    view! {
        <li class="item" data-testid="facility" data-name=place.name.clone()>
            <div class="item-top">
                <strong>{place.name.clone()}</strong>
                {move || match fault() {
                    Some((f, _)) => view! {
                        <a class="chip overdue" data-testid="facility-state" href=format!("/m/follow-ups/{f}")>{tr(Msg::FacilityOutOfOrder)}</a>
                    }.into_any(),
                    None => view! { <span class="chip board-done" data-testid="facility-state">{tr(Msg::FacilityInOrder)}</span> }.into_any(),
                }}
            </div>
            <p class="muted small">{place.location.clone()}</p>
            {move || fault().map(|(_, t)| view! { <p class="small" data-testid="facility-fault">{t}</p> })}
            <Show when=move || !open.get()>
                <button class="btn secondary" data-testid="report-fault" on:click=move |_| { open.set(true); saved.set(false); }>{tr(Msg::ReportFault)}</button>
            </Show>
            <Show when=move || saved.get()>
                <p class="ok" role="status" data-testid="fault-saved">{tr(Msg::FaultSaved)}</p>
            </Show>
            <Show when=move || open.get()>
                <div class="form" data-testid="fault-form">
                    <label><span>{tr(Msg::FaultLabel)}</span><textarea data-testid="fault-text" maxlength="200" bind:value=text></textarea></label>
                    <label><span>{tr(Msg::FaultHandTo)}</span>
                        <select data-testid="fault-department" on:change=move |ev| department.set(event_target_value(&ev))>
                            {HANDS.into_iter().map(|d| view! {
                                <option value=d.code() selected=move || department.get() == d.code()>{move || Msg::department(d).text(lang.get())}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <div class="photos">
                        {move || photos.get().into_iter().map(|sha| view! { <PhotoThumb sha=sha/> }).collect_view()}
                        <PhotoButton on_photo=add_photo error=error testid="fault-photo"/>
                    </div>
                    <Show when=move || error.get().is_some()>
                        <p class="error" role="alert" data-testid="fault-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
                    </Show>
                    <div class="actions">
                        <button class="btn" data-testid="save-fault" on:click=report.clone()>{tr(Msg::Save)}</button>
                        <button class="btn secondary" on:click=move |_| open.set(false)>{tr(Msg::Cancel)}</button>
                    </div>
                </div>
            </Show>
        </li>
    }
}
