//! Places on the estate and the notices on its boards (issue 18): the butler's morning list of
//! notices to take down (`/m/notices`, offline), the notice register (`/office/notices`: what
//! was up where on any day) and the office's register of places (`/office/places`). All read
//! the device's own copy; every change is a mutation on the kit (`sync::place`).

mod camera;
#[cfg(any(feature = "hydrate", test))]
pub mod decoder;
pub mod import;
mod office;
mod phone;
mod scan;

pub use office::{LabelsPage, NoticeRegister, PlacesPage};
pub use phone::NoticeBoards;
pub use scan::{ScanCard, ScanList};

use crate::domain::place::{
    check_notice, Issuer, Notice, NoticeId, NoticeProblem, Place, PlaceId, PlaceKind,
};
use crate::domain::ClusterRef;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline};
use crate::patrol::{PhotoButton, PhotoThumb};
use crate::sync::Op;
use crate::ui::estate_today;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The names of a notice's boards, as this device knows them.
pub fn board_names(places: &[crate::offline::View<Place>], boards: &[PlaceId]) -> String {
    boards
        .iter()
        .filter_map(|b| places.iter().find(|p| p.record.id == *b))
        .map(|p| p.record.name.clone())
        .collect::<Vec<_>>()
        .join("、")
}

/// What the form says of a problem.
fn problem_msg(p: NoticeProblem) -> Msg {
    match p {
        NoticeProblem::Title => Msg::NoticeTitleMissing,
        NoticeProblem::Boards => Msg::NoticeBoardsMissing,
        NoticeProblem::ExpiresOn => Msg::NoticeExpiryInvalid,
        NoticeProblem::Photos => Msg::NoticePhotosTooMany,
    }
}

/// The chip of a notice's state on a day.
#[component]
pub fn NoticeStateChip(notice: Notice, day: chrono::NaiveDate) -> impl IntoView {
    use crate::domain::place::NoticeState as S;
    let lang = use_i18n().lang;
    let state = notice.state_on(day);
    let class = match state {
        S::ExpiresToday => "chip warn",
        S::Expired(_) => "chip overdue",
        S::TakenDown => "chip board-done",
        S::Up | S::NotYet => "chip",
    };
    view! { <span class=class data-testid="notice-state">{move || Msg::notice_state(state, lang.get())}</span> }
}

/// "Post a notice" on boards of one of `clusters` (the butler's, or every cluster at the
/// office): checked as the rule checks it before anything is queued.
#[component]
pub fn NoticeForm(clusters: Signal<Vec<ClusterRef>>) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let today = estate_today(chrono::Utc::now());
    let cluster = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let issuer = RwSignal::new(Issuer::ServiceCentre.code().to_owned());
    let chosen = RwSignal::new(Vec::<PlaceId>::new());
    let posted_on = RwSignal::new(today.to_string());
    let expires_on = RwSignal::new((today + chrono::Duration::days(7)).to_string());
    let photos = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<Msg>);
    let saved = RwSignal::new(false);
    // The cluster chosen, or the only one there is.
    let cluster_id = move || {
        let list = clusters.get();
        cluster
            .get()
            .parse()
            .ok()
            .map(crate::domain::ClusterId)
            .filter(|c| list.iter().any(|x| x.id == *c))
            .or_else(|| (list.len() == 1).then(|| list[0].id))
    };
    let boards = move || {
        let c = cluster_id();
        offline.places.with(|ps| {
            ps.iter()
                .map(|p| &p.record)
                .filter(|p| {
                    Some(p.cluster_id) == c && p.kind == PlaceKind::NoticeBoard && !p.retired
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let add_photo = Callback::new(move |sha: String| photos.update(|p| p.push(sha)));
    let post = move |_| {
        saved.set(false);
        let Some(c) = cluster_id() else {
            error.set(Some(Msg::NoticeBoardsMissing));
            return;
        };
        let (Ok(from), Ok(to)) = (
            posted_on.get_untracked().parse(),
            expires_on.get_untracked().parse(),
        ) else {
            error.set(Some(Msg::NoticeExpiryInvalid));
            return;
        };
        let known = boards();
        let refs: Vec<&Place> = known.iter().collect();
        let named = chosen.get_untracked();
        let text = title.get_untracked();
        let pics = photos.get_untracked();
        if let Err(p) = check_notice(&text, c, &named, &refs, from, to, &pics) {
            error.set(Some(problem_msg(p)));
            return;
        }
        let op = Op::PostNotice {
            id: NoticeId::new_v7(),
            cluster_id: c,
            title: text.trim().to_owned(),
            issuer: issuer
                .get_untracked()
                .parse()
                .unwrap_or(Issuer::ServiceCentre),
            boards: named,
            posted_on: from,
            expires_on: to,
            photos: pics,
        };
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                    title.set(String::new());
                    chosen.set(vec![]);
                    photos.set(vec![]);
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        <section class="card form" data-testid="notice-form">
            <h2>{tr(Msg::PostNoticeTitle)}</h2>
            <Show when=move || { clusters.with(|c| c.len() > 1) }>
                <label>
                    <span>{tr(Msg::ClusterLabel)}</span>
                    <select data-testid="notice-cluster" on:change=move |ev| { cluster.set(event_target_value(&ev)); chosen.set(vec![]); }>
                        <option value="">"—"</option>
                        {move || clusters.get().into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <label><span>{tr(Msg::NoticeTitleLabel)}</span><input data-testid="notice-title" maxlength="200" bind:value=title/></label>
            <label><span>{tr(Msg::IssuerLabel)}</span>
                {crate::ui::code_select("notice-issuer", Issuer::ALL, Issuer::code, Msg::issuer, issuer, None)}
            </label>
            <fieldset class="checks" data-testid="notice-boards">
                <legend>{tr(Msg::BoardsLabel)}</legend>
                {move || boards().into_iter().map(|b| {
                    let id = b.id;
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="notice-board" data-name=b.name.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } });
                                }/>
                            <span>{b.name.clone()}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="row">
                <label><span>{tr(Msg::PostedOnLabel)}</span><input type="date" data-testid="notice-posted-on" bind:value=posted_on/></label>
                <label><span>{tr(Msg::ExpiresOnLabel)}</span><input type="date" data-testid="notice-expires-on" bind:value=expires_on/></label>
            </div>
            <div class="photos">
                {move || photos.get().into_iter().map(|sha| view! { <PhotoThumb sha=sha/> }).collect_view()}
                <PhotoButton on_photo=add_photo error=error testid="notice-photo"/>
            </div>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="notice-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
            <Show when=move || saved.get()>
                <p class="ok" role="status" data-testid="notice-saved">{tr(Msg::NoticePostedOk)}</p>
            </Show>
            <button class="btn" data-testid="post-notice" on:click=post>{tr(Msg::PostNotice)}</button>
        </section>
    }
}
