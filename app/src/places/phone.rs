//! `/m/notices`: the butler's notice boards, offline. First what to take down this morning (its
//! last day was yesterday or today), each taken down with one tap and an optional photo of the
//! cleared board; then what is up; the form to post one; and what was taken down lately.

use super::{board_names, NoticeForm, NoticeStateChip};
use crate::domain::place::Notice;
use crate::follow_ups::{estate_time, estate_today, StateChip};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline, View};
use crate::patrol::{PhotoButton, PhotoThumb};
use crate::session::{use_names, use_session};
use crate::sync::Op;
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
