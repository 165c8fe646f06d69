//! App-wide chrome: the online/offline chip, the "update available" banner, the WeChat notice,
//! the language switch and the sign-out button.

use crate::browser;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{use_offline, SyncProblem};
use crate::session::use_session;
use crate::sync::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// Online or offline, always visible in the layouts' top bar.
#[component]
pub fn OnlineStatus() -> impl IntoView {
    // Rendered pages start "online"; the browser corrects it once it runs.
    let online = RwSignal::new(true);
    Effect::new(move |_| {
        online.set(browser::is_online());
        let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
    });
    // The phone's network (navigator.onLine) first; with a network, whether the last sync
    // reached the server (design: a basement's Wi-Fi without the internet is not "online").
    let offline = use_offline();
    let lang = use_i18n().lang;
    let unreachable = move || online.get() && offline.unreachable.get();
    let label = move || {
        let l = lang.get();
        if !online.get() {
            Msg::Offline.text(l).to_owned()
        } else if offline.unreachable.get() {
            match offline.last_sync.get() {
                Some(t) => Msg::ServerUnreachableSince.with(l, crate::ui::estate_clock(t)),
                None => Msg::ServerUnreachable.text(l).to_owned(),
            }
        } else {
            Msg::Online.text(l).to_owned()
        }
    };
    view! {
        <span
            class="net-chip"
            class:offline=move || !online.get()
            class:unreachable=unreachable
            data-testid="net-status"
            data-state=move || if !online.get() { "offline" } else if offline.unreachable.get() { "unreachable" } else { "online" }
        >
            {label}
        </span>
    }
}

/// "A new version is available": shown when a new build's service worker waits; the page keeps
/// working on the old build until the user accepts (design §4: never replaced mid-round).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let waiting = RwSignal::new(false);
    Effect::new(move |_| {
        waiting.set(browser::update_waiting());
        let handle = window_event_listener_untyped("butler-update", move |_| waiting.set(true));
        on_cleanup(move || handle.remove());
    });
    view! {
        <Show when=move || waiting.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{tr(Msg::UpdateAvailable)}</span>
                <button class="btn small" on:click=|_| browser::apply_update()>
                    {tr(Msg::UpdateNow)}
                </button>
            </div>
        </Show>
    }
}

/// WeChat's in-app browser cannot host an offline app: ask for the system browser.
#[component]
pub fn WeChatNotice() -> impl IntoView {
    let wechat = RwSignal::new(false);
    Effect::new(move |_| wechat.set(browser::in_wechat()));
    view! {
        <Show when=move || wechat.get()>
            <div class="wechat-notice" role="alert">{tr(Msg::WeChatWarning)}</div>
        </Show>
    }
}

/// Switches between 中文 and English; the choice survives reloads and reaches the server.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_i18n().lang;
    let switch = move |_| {
        let next = lang.get_untracked().other();
        browser::store_lang(next);
        lang.set(next);
    };
    view! {
        <button class="btn link lang-switch" data-testid="lang-switch" on:click=switch>
            {tr(Msg::LanguageSwitch)}
        </button>
    }
}

/// Signs out (needs the network) and goes to the sign-in page. With changes still waiting it
/// first says so (they stay in this user's local database and sync at the next sign-in:
/// nothing is discarded) and signs out on the second tap.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let session = use_session();
    let offline = use_offline();
    let lang = use_i18n().lang;
    let error = RwSignal::new(None::<String>);
    let warned = RwSignal::new(false);
    let navigate = use_navigate();
    let click = move |_| {
        let pending = untrack(|| offline.waiting_records()).max(1);
        if offline.pending.get_untracked() > 0 && !warned.get_untracked() {
            warned.set(true);
            error.set(Some(
                Msg::SignOutPending.with(lang.get_untracked(), pending),
            ));
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            match browser::sign_out().await {
                Ok(()) => {
                    // The local database stays, outbox and all; the screens empty.
                    crate::offline::stop();
                    session.user.set(None);
                    navigate("/login", Default::default());
                }
                Err(_) => error.set(Some(
                    Msg::SignOutOffline.text(lang.get_untracked()).to_owned(),
                )),
            }
        });
    };
    view! {
        <button class="btn secondary" data-testid="sign-out" on:click=click>
            {tr(Msg::SignOut)}
        </button>
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert" data-testid="sign-out-message">{move || error.get()}</p>
        </Show>
    }
}

/// Waiting changes and the last successful sync, always visible next to the online chip.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let text = move || {
        let l = lang.get();
        // Until this phone's records are read, the outbox is not counted: "all synced" then
        // would be a guess.
        if !offline.loaded.get() {
            return Msg::ReadingLocal.text(l).to_owned();
        }
        if offline.syncing.get()
            && (offline.pending.get() > 0 || offline.first_sync.get().is_some())
        {
            return Msg::Syncing.text(l).to_owned();
        }
        // Counted by record and named by kind: a round of twenty answers is one round.
        let waiting = offline.waiting.with(|w| waiting_text(w, l));
        let last = offline
            .last_sync
            .get()
            .map(|t| Msg::LastSync.with(l, crate::ui::estate_clock(t)));
        match (offline.pending.get() > 0, last) {
            (true, Some(last)) => format!("{waiting} · {last}"),
            (true, None) => format!("{waiting} · {}", Msg::NeverSynced.text(l)),
            // Nothing waits but nothing has been heard from the server yet: "all synced"
            // would be a guess (issue 13, bug 5).
            (false, None) => Msg::NeverSynced.text(l).to_owned(),
            (false, Some(last)) => format!("{} · {last}", Msg::AllSynced.text(l)),
        }
    };
    // With changes waiting, a tap lists them, each linking to its record.
    let open = RwSignal::new(false);
    let waiting = move || offline.pending.get() > 0;
    view! {
        <span
            class="sync-status"
            class:has-waiting=waiting
            data-testid="sync-status"
            data-pending=move || offline.pending.get()
            role=move || waiting().then_some("button")
            tabindex=move || waiting().then_some("0")
            aria-expanded=move || waiting().then(|| open.get().to_string())
            on:click=move |_| if waiting() { open.update(|o| *o = !*o) }
        >
            {text}
        </span>
        <Show when=move || open.get() && waiting()>
            <WaitingList close=open/>
        </Show>
    }
}

/// "2 次巡查、3 条跟进、1 次拜访待同步": the waiting records counted by kind.
pub fn waiting_text(waiting: &[(RecordKind, uuid::Uuid)], l: crate::i18n::Lang) -> String {
    if waiting.is_empty() {
        return Msg::WaitingCount.with(l, 1);
    }
    let parts: Vec<String> = KIND_ORDER
        .iter()
        .filter_map(|&kind| {
            let n = waiting.iter().filter(|(k, _)| *k == kind).count();
            (n > 0).then(|| counted(kind_count(kind), l, n))
        })
        .collect();
    let sep = match l {
        crate::i18n::Lang::ZhCn => "、",
        crate::i18n::Lang::En => ", ",
    };
    Msg::WaitingKinds.with(l, parts.join(sep))
}

/// The order kinds are named in.
const KIND_ORDER: [RecordKind; 13] = [
    RecordKind::Run,
    RecordKind::FollowUp,
    RecordKind::Complaint,
    RecordKind::Collection,
    RecordKind::Notice,
    RecordKind::Delivery,
    RecordKind::Activity,
    RecordKind::Place,
    RecordKind::Visit,
    RecordKind::Household,
    RecordKind::Unit,
    RecordKind::Template,
    RecordKind::Arrears,
];

fn kind_count(kind: RecordKind) -> Msg {
    match kind {
        RecordKind::Run => Msg::WaitingRuns,
        RecordKind::FollowUp => Msg::WaitingFollowUps,
        RecordKind::Visit => Msg::WaitingVisits,
        RecordKind::Complaint => Msg::WaitingComplaints,
        RecordKind::Household => Msg::WaitingHouseholds,
        RecordKind::Unit => Msg::WaitingUnits,
        RecordKind::Collection => Msg::WaitingContacts,
        RecordKind::Place => Msg::WaitingPlaces,
        RecordKind::Notice => Msg::WaitingNotices,
        RecordKind::Delivery => Msg::WaitingDeliveries,
        RecordKind::Activity => Msg::WaitingActivities,
        RecordKind::Template | RecordKind::Arrears => Msg::WaitingOther,
    }
}

/// `{n}` replaced by the count and `{s}` by the English plural ending.
fn counted(msg: Msg, l: crate::i18n::Lang, n: usize) -> String {
    msg.with(l, n).replace("{s}", if n == 1 { "" } else { "s" })
}

/// What waits to sync, one line per record, each a link to it.
#[component]
fn WaitingList(close: RwSignal<bool>) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (_, cluster_name) = crate::session::use_names();
    let location = leptos_router::hooks::use_location();
    let base = move || {
        if location.pathname.get().starts_with("/office") {
            "/office"
        } else {
            "/m"
        }
    };
    let unit_code = move |id: crate::domain::UnitId| {
        offline.units.with(|us| {
            us.iter()
                .find(|u| u.record.id == id)
                .map(|u| u.record.code())
        })
    };
    // (label, link): a record no longer shown here (a discarded round) has no link.
    let line = move |kind: RecordKind, id: uuid::Uuid| -> (String, Option<String>) {
        let l = lang.get();
        let base = base();
        let found = match kind {
            RecordKind::Run => offline.runs.with(|rs| {
                rs.iter().find(|r| r.record.id.0 == id).map(|r| {
                    let r = &r.record;
                    let place = r
                        .unit
                        .and_then(unit_code)
                        .unwrap_or_else(|| cluster_name(r.cluster_id));
                    (
                        format!("{} · {place} · {}", r.template_name, r.date),
                        Some(format!("/m/patrol/runs/{id}")),
                    )
                })
            }),
            RecordKind::FollowUp => offline.follow_ups.with(|fs| {
                fs.iter().find(|f| f.record.id.0 == id).map(|f| {
                    (
                        format!("{} · {}", f.record.title, f.record.place),
                        Some(format!("{base}/follow-ups/{id}")),
                    )
                })
            }),
            RecordKind::Complaint => offline.complaints.with(|cs| {
                cs.iter().find(|c| c.record.id.0 == id).map(|c| {
                    (
                        format!(
                            "{} · {} {}",
                            Msg::KindComplaint.text(l),
                            c.record.place,
                            c.record.complainant
                        ),
                        Some(format!("{base}/complaints/{id}")),
                    )
                })
            }),
            RecordKind::Visit => offline.visits.with(|vs| {
                vs.iter().find(|v| v.record.id.0 == id).map(|v| {
                    let who = offline.households.with(|hs| {
                        hs.iter()
                            .find(|h| h.record.id == v.record.household)
                            .map(|h| format!("{} {}", h.record.unit_code, h.record.name))
                    });
                    (
                        format!("{} · {}", Msg::KindVisit.text(l), who.unwrap_or_default()),
                        Some(format!("{base}/customers/{}", v.record.household)),
                    )
                })
            }),
            RecordKind::Household => offline.households.with(|hs| {
                hs.iter().find(|h| h.record.id.0 == id).map(|h| {
                    (
                        format!("{} {}", h.record.unit_code, h.record.name),
                        Some(format!("{base}/customers/{id}")),
                    )
                })
            }),
            RecordKind::Unit => offline.units.with(|us| {
                us.iter()
                    .find(|u| u.record.id.0 == id)
                    .map(|u| (u.record.code(), Some(format!("{base}/units/{id}"))))
            }),
            RecordKind::Collection => offline.contacts.with(|cs| {
                cs.iter().find(|c| c.record.id.0 == id).map(|c| {
                    (
                        format!(
                            "{} · {} {}",
                            Msg::KindContact.text(l),
                            c.record.unit,
                            Msg::contact_kind(c.record.note.what).text(l)
                        ),
                        Some(format!("/m/fees/{}", c.record.unit_id)),
                    )
                })
            }),
            RecordKind::Notice => offline.notices.with(|ns| {
                ns.iter().find(|n| n.record.id.0 == id).map(|n| {
                    (
                        format!("{} · {}", Msg::KindNotice.text(l), n.record.title),
                        Some(format!("{base}/notices")),
                    )
                })
            }),
            RecordKind::Delivery => offline.deliveries.with(|ds| {
                ds.iter().find(|d| d.record.id.0 == id).map(|d| {
                    let d = &d.record;
                    (
                        format!(
                            "{} · {} · {}",
                            Msg::KindDelivery.text(l),
                            d.document.title,
                            d.unit
                        ),
                        Some(format!("{base}/documents/{}", d.document.id)),
                    )
                })
            }),
            RecordKind::Activity => offline.activities.with(|all| {
                all.iter().find(|a| a.record.id.0 == id).map(|a| {
                    (
                        format!("{} · {}", Msg::KindActivity.text(l), a.record.title),
                        Some(format!("{base}/activities/{id}")),
                    )
                })
            }),
            RecordKind::Place => offline.places.with(|ps| {
                ps.iter().find(|p| p.record.id.0 == id).map(|p| {
                    (
                        format!("{} · {}", Msg::KindPlace.text(l), p.record.name),
                        Some("/office/places".to_owned()),
                    )
                })
            }),
            RecordKind::Template | RecordKind::Arrears => None,
        };
        found.unwrap_or_else(|| {
            let what = match kind {
                RecordKind::Run => Msg::WaitingDiscardedRun,
                _ => Msg::WaitingGone,
            };
            (what.text(l).to_owned(), None)
        })
    };
    view! {
        <div class="waiting-list card" data-testid="waiting-list">
            <h2>{tr(Msg::WaitingListTitle)}</h2>
            <ul>
                {move || offline.waiting.get().into_iter().map(|(kind, id)| {
                    let (label, link) = line(kind, id);
                    view! {
                        <li data-testid="waiting-record" data-kind=kind.code()>
                            {match link {
                                Some(href) => view! {
                                    <a href=href on:click=move |_| close.set(false)>{label}</a>
                                }.into_any(),
                                None => view! { <span class="muted">{label}</span> }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A first sync's progress, and problems the user must act on (sign in, update, storage).
#[component]
pub fn SyncBanner() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let problem = move || {
        offline.problem.get().map(|p| match p {
            SyncProblem::SignIn => Msg::ProblemSignIn,
            SyncProblem::Upgrade => Msg::UpgradeRequired,
            SyncProblem::Quota => Msg::ProblemQuota,
            SyncProblem::Storage => Msg::ProblemStorage,
        })
    };
    view! {
        <Show when=move || offline.first_sync.get().is_some()>
            <div class="progress" role="progressbar" data-testid="first-sync">
                <span>{move || Msg::FirstSync.with(lang.get(), offline.first_sync.get().unwrap_or(0))}</span>
                <div class="bar"><div class="fill"></div></div>
            </div>
        </Show>
        <Show when=move || problem().is_some()>
            <div class="sync-problem" role="alert" data-testid="sync-problem">
                {move || problem().map(|m| m.text(lang.get()))}
                <Show when=move || offline.problem.get() == Some(SyncProblem::SignIn)>
                    " "
                    <a href="/login">{tr(Msg::SignIn)}</a>
                </Show>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::waiting_text;
    use crate::i18n::Lang;
    use crate::sync::RecordKind;
    use uuid::Uuid;

    #[test]
    fn what_waits_is_counted_by_record_and_named_by_kind_in_a_fixed_order() {
        let ids: Vec<Uuid> = (0..6).map(|_| Uuid::now_v7()).collect();
        let waiting = vec![
            (RecordKind::Visit, ids[0]),
            (RecordKind::FollowUp, ids[1]),
            (RecordKind::Run, ids[2]),
            (RecordKind::FollowUp, ids[3]),
            (RecordKind::Run, ids[4]),
            (RecordKind::FollowUp, ids[5]),
        ];
        assert_eq!(
            waiting_text(&waiting, Lang::ZhCn),
            "2 次巡查、3 条跟进、1 次拜访待同步"
        );
        assert_eq!(
            waiting_text(&waiting, Lang::En),
            "2 rounds, 3 follow-ups, 1 visit waiting"
        );
        assert_eq!(
            waiting_text(&[(RecordKind::Household, ids[0])], Lang::ZhCn),
            "1 户客户资料待同步"
        );
    }
}
