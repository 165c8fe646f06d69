//! The butler's case file of fee collection, offline (催收档案; issue 17): the households of
//! the user's clusters in arrears, grouped by what the SOP's window of the day asks (deliver
//! statements, third-week calls, the quarter's reasons, quarter-end confirmation, lawyer's
//! letter candidates), each with what is owed, the months, the last contact, the promise and
//! the service problem; and per household the charges with their limitation clocks, the
//! history of contacts and the two forms — a statement delivered, a call or visit (with the
//! promised date and the reason; a service problem becomes a follow-up in the same tap).
//! The office opens the same case file from its register.

use super::letter::fee_type_msg;
use super::office::yuan;
use crate::domain::collection::{
    Arrears, ArrearsReason, Case, CollectionContact, ContactId, ContactKind, ContactNote, Delivery,
    ProblemState, PromiseState,
};
use crate::domain::fee::{ClockState, CollectionWindow, Fen};
use crate::domain::follow_up::FollowUpId;
use crate::domain::{Department, UnitId};
use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::offline::{self, use_offline};
use crate::sync::Op;
use crate::ui::code_select;
use crate::ui::estate_time;
use crate::ui::signature::{Pad, SignaturePad, SignatureView};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::collections::HashMap;
use uuid::Uuid;

/// A unit's case as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    arrears: Arrears,
    case: Case,
}

/// Every household of the device's arrears that owes, with its case on `today`, most owed
/// first.
fn rows(
    arrears: &[Arrears],
    contacts: &[offline::View<CollectionContact>],
    follow_ups: &[crate::offline::FollowUpView],
    today: NaiveDate,
) -> Vec<Row> {
    let mut by_unit: HashMap<UnitId, Vec<&CollectionContact>> = HashMap::new();
    for c in contacts {
        by_unit.entry(c.record.unit_id).or_default().push(&c.record);
    }
    let status: HashMap<FollowUpId, crate::domain::follow_up::FollowUpStatus> = follow_ups
        .iter()
        .map(|f| (f.record.id, f.record.status))
        .collect();
    let mut out: Vec<Row> = arrears
        .iter()
        .filter(|a| a.owes())
        .map(|a| {
            let cs = by_unit.get(&a.unit_id).map(Vec::as_slice).unwrap_or(&[]);
            Row {
                arrears: a.clone(),
                case: Case::of(a, cs, |f| status.get(&f).copied(), today),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.case
            .owed
            .cmp(&a.case.owed)
            .then_with(|| a.arrears.unit.cmp(&b.arrears.unit))
    });
    out
}

fn day_text(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("{}月{}日", d.month(), d.day()),
        Lang::En => d.format("%-d %b").to_string(),
    }
}

/// The promise as words and a class.
fn promise_words(p: (NaiveDate, PromiseState), lang: Lang) -> (String, &'static str) {
    let (d, state) = p;
    let (msg, class) = match state {
        PromiseState::Waiting => (Msg::PromiseWaiting, "chip"),
        PromiseState::Kept => (Msg::PromiseKept, "chip ok"),
        PromiseState::Broken => (Msg::PromiseBroken, "chip warn"),
        PromiseState::AwaitingExport => (Msg::PromiseAwaiting, "chip"),
    };
    (msg.text(lang).replace("{d}", &day_text(d, lang)), class)
}

/// `/m/fees`: the households in arrears, grouped by the day's windows.
#[component]
pub fn CollectionList() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let today = crate::domain::time::estate_today(chrono::Utc::now());
    let all = Memo::new(move |_| {
        offline.arrears.with(|a| {
            offline
                .contacts
                .with(|c| offline.follow_ups.with(|f| rows(a, c, f, today)))
        })
    });
    let as_of = move || offline.arrears.with(|a| a.iter().map(|a| a.as_of).max());
    let windows = CollectionWindow::on(today);
    // When no window is open today: the next one.
    let next = (windows.is_empty())
        .then(|| {
            CollectionWindow::ALL
                .into_iter()
                .filter_map(|w| w.current_or_next(today).map(|(from, _)| (from, w)))
                .min()
        })
        .flatten();
    // A quick filter over the list, one tap.
    let only = RwSignal::new(Only::All);
    // Drawn from the households' cases, not from the filter: a tap on a filter hides and shows
    // the rows already drawn (500 households redraw in a frame) instead of drawing them again.
    let groups = move || {
        all.with(|rows| {
            let rows: Vec<&Row> = rows.iter().collect();
            let mut out: Vec<(Msg, &'static str, Vec<Row>)> = vec![];
            let mut placed = vec![false; rows.len()];
            for w in CollectionWindow::on(today) {
                let list: Vec<Row> = rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.case.due.contains(&w))
                    .map(|(i, r)| {
                        placed[i] = true;
                        (*r).clone()
                    })
                    .collect();
                out.push((Msg::window(w), w.code(), list));
            }
            let rest: Vec<Row> = rows
                .iter()
                .zip(&placed)
                .filter(|(_, p)| !**p)
                .map(|(r, _)| (*r).clone())
                .collect();
            if !rest.is_empty() {
                out.push((Msg::WindowOthers, "others", rest));
            }
            out
        })
    };
    view! {
        <section class="card">
            <h1>{tr(Msg::NavFees)}</h1>
            <p class="muted" data-testid="arrears-summary">
                {move || Msg::ArrearsCount.with(lang.get(), all.with(Vec::len))}
                {move || as_of().map(|d| format!(" · {}", Msg::AsOfExport.text(lang.get()).replace("{d}", &d.to_string())))}
            </p>
            {next.map(|(from, w)| view! {
                <p class="muted small" data-testid="next-window">
                    {move || Msg::NextWindow.text(lang.get())
                        .replace("{w}", Msg::window(w).text(lang.get()))
                        .replace("{d}", &day_text(from, lang.get()))}
                </p>
            })}
            <Show when=move || offline.loaded.get() && all.with(Vec::is_empty)>
                <p class="muted" data-testid="no-arrears">{tr(Msg::NoHouseholdsOwing)}</p>
            </Show>
            <div class="segments" role="group" data-testid="arrears-only">
                {Only::ALL.into_iter().map(|o| view! {
                    <button class="seg" class:active=move || only.get() == o data-testid=format!("only-{}", o.code())
                        on:click=move |_| only.set(o)>
                        {tr(o.msg())}
                    </button>
                }).collect_view()}
            </div>
        </section>
        {move || groups().into_iter().map(|(title, code, list)| {
            // How many each filter keeps, counted once; a tap changes one attribute a group and
            // the stylesheet hides the rows the filter does not keep (see `.items[data-only]`).
            let mut counts = [0usize; Only::ALL.len()];
            for (i, o) in Only::ALL.iter().enumerate() {
                counts[i] = list.iter().filter(|r| o.keeps(&r.case)).count();
            }
            let shown = move || counts[only.get().index()];
            view! {
                <section class="card" data-testid="arrears-group" data-window=code hidden=move || shown() == 0>
                    <h2>{move || title.text(lang.get())} " · " {shown}</h2>
                    <ul class="items long" data-only=move || only.get().code()>
                        {list.into_iter().map(|r| view! { <ArrearsRow row=r/> }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}

/// The list's quick filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Only {
    All,
    NotContacted,
    BrokenPromise,
    Problem,
    Candidate,
    Limitation,
}

impl Only {
    const ALL: [Only; 6] = [
        Only::All,
        Only::NotContacted,
        Only::BrokenPromise,
        Only::Problem,
        Only::Candidate,
        Only::Limitation,
    ];

    fn code(self) -> &'static str {
        match self {
            Only::All => "all",
            Only::NotContacted => "not-contacted",
            Only::BrokenPromise => "broken",
            Only::Problem => "problem",
            Only::Candidate => "candidate",
            Only::Limitation => "limitation",
        }
    }

    fn msg(self) -> Msg {
        match self {
            Only::All => Msg::FilterAll,
            Only::NotContacted => Msg::NoContactYet,
            Only::BrokenPromise => Msg::OnlyBroken,
            Only::Problem => Msg::OnlyProblem,
            Only::Candidate => Msg::LetterCandidate,
            Only::Limitation => Msg::OnlyLimitation,
        }
    }

    fn index(self) -> usize {
        Only::ALL.iter().position(|o| *o == self).unwrap_or(0)
    }

    /// The row's classes naming the filters that keep it (`f-broken`, …).
    fn classes(c: &Case) -> String {
        Only::ALL
            .iter()
            .filter(|o| **o != Only::All && o.keeps(c))
            .map(|o| format!(" f-{}", o.code()))
            .collect()
    }

    fn keeps(self, c: &Case) -> bool {
        match self {
            Only::All => true,
            Only::NotContacted => c.last_contact.is_none(),
            Only::BrokenPromise => c.broken_promises > 0,
            Only::Problem => c.problem.is_some(),
            Only::Candidate => c.letter_candidate,
            Only::Limitation => c.limitation_soon,
        }
    }
}

#[component]
fn ArrearsRow(row: Row) -> impl IntoView {
    let lang = use_i18n().lang;
    let Row { arrears: a, case } = row;
    let class = format!("item{}", Only::classes(&case));
    let last = case.last_contact;
    let promise = case.promise;
    let problem = case.problem;
    let months = case.months;
    let code = a.unit.clone();
    let title = format!("{} {}", a.unit, a.owners);
    view! {
        <li class=class data-testid="arrears-row" data-unit=code>
            <A href=format!("/m/fees/{}", a.unit_id)>
                <div class="item-top">
                    <strong>{title}</strong>
                    <span data-testid="arrears-owed">{yuan(case.owed)}</span>
                </div>
                <p class="muted small">
                    {move || Msg::MonthsCount.with(lang.get(), months)} " · "
                    {move || match last {
                        Some((d, k)) => format!("{} {} {}", Msg::LastContactLabel.text(lang.get()), day_text(d, lang.get()), Msg::contact_kind(k).text(lang.get())),
                        None => Msg::NoContactYet.text(lang.get()).to_owned(),
                    }}
                </p>
                <p class="chips">
                    {promise.map(|p| view! {
                        <span class=move || promise_words(p, lang.get()).1 data-testid="promise-chip">{move || promise_words(p, lang.get()).0}</span>
                    })}
                    {problem.map(|p| view! { <ProblemChip problem=p/> })}
                    {case.letter_candidate.then(|| view! { <span class="chip warn" data-testid="letter-candidate">{tr(Msg::LetterCandidate)}</span> })}
                    {case.limitation_soon.then(|| view! { <span class="chip warn" data-testid="limitation-chip">{tr(Msg::LimitationEndsSoon)}</span> })}
                </p>
            </A>
        </li>
    }
}

#[component]
fn ProblemChip(problem: ProblemState) -> impl IntoView {
    let (msg, class) = match problem {
        ProblemState::Open => (Msg::ProblemOpen, "chip"),
        ProblemState::SolvedTellThem => (Msg::ProblemSolved, "chip warn"),
    };
    view! { <span class=class data-testid="problem-chip">{tr(msg)}</span> }
}

/// What the forms hold while the butler types; kept across redraws.
#[derive(Clone, Copy)]
struct Drafts {
    delivery: RwSignal<String>,
    signer: RwSignal<String>,
    tracking: RwSignal<String>,
    delivered_at: RwSignal<String>,
    what: RwSignal<String>,
    reached: RwSignal<bool>,
    said: RwSignal<String>,
    promised: RwSignal<String>,
    reason: RwSignal<String>,
    problem: RwSignal<String>,
    department: RwSignal<String>,
    at: RwSignal<String>,
    pad: Pad,
}

impl Drafts {
    fn new() -> Drafts {
        Drafts {
            delivery: RwSignal::new(Delivery::HandedSelf.code().to_owned()),
            signer: RwSignal::new(String::new()),
            tracking: RwSignal::new(String::new()),
            delivered_at: RwSignal::new(String::new()),
            what: RwSignal::new(ContactKind::Call.code().to_owned()),
            reached: RwSignal::new(true),
            said: RwSignal::new(String::new()),
            promised: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
            problem: RwSignal::new(String::new()),
            department: RwSignal::new(Department::Engineering.code().to_owned()),
            at: RwSignal::new(String::new()),
            pad: Pad::new(),
        }
    }
}

/// `/m/fees/:unit` (and `/office/fees/case/:unit`): one household's case file.
#[component]
pub fn CaseFile(base: &'static str) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let params = use_params_map();
    let unit = move || params.with(|p| p.get("unit").unwrap_or_default());
    let today = crate::domain::time::estate_today(chrono::Utc::now());
    let arrears = Memo::new(move |_| {
        let id = unit();
        offline
            .arrears
            .with(|a| a.iter().find(|a| a.unit_id.to_string() == id).cloned())
    });
    let contacts = Memo::new(move |_| {
        let id = unit();
        offline.contacts.with(|cs| {
            cs.iter()
                .filter(|c| c.record.unit_id.to_string() == id)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let case = Memo::new(move |_| {
        let a = arrears.get()?;
        let cs = contacts.get();
        let refs: Vec<&CollectionContact> = cs.iter().map(|c| &c.record).collect();
        let case = offline.follow_ups.with(|fs| {
            Case::of(
                &a,
                &refs,
                |f| {
                    fs.iter()
                        .find(|x| x.record.id == f)
                        .map(|x| x.record.status)
                },
                today,
            )
        });
        // A statement handed out as a document (signed for, or by registered post) is a
        // demand for payment too.
        let delivered: Vec<crate::domain::fee::Demand> = offline.deliveries.with(|ds| {
            ds.iter()
                .filter(|d| d.record.unit_id == a.unit_id)
                .filter_map(|d| d.record.demand())
                .collect()
        });
        Some((
            case,
            crate::domain::collection::clocks_with(&a, &refs, &delivered, today),
        ))
    });
    let office = base == "/office";
    let drafts = Drafts::new();
    let error = RwSignal::new(None::<Msg>);
    let saved = RwSignal::new(false);
    let head = move || {
        let Some(a) = arrears.get() else {
            return view! {
                <section class="card">
                    <crate::ui::NotOnDevice kind=crate::sync::RecordKind::Arrears id=Signal::derive(move || {
                        unit().parse().map(|u| Arrears::record_id(UnitId(u)).to_string()).unwrap_or_default()
                    }) loaded=offline.loaded/>
                </section>
            }
            .into_any();
        };
        let rule = a.limitation;
        let (case, clocks) = case
            .get()
            .unwrap_or_else(|| (Case::of(&a, &[], |_| None, today), vec![]));
        view! {
            <section class="card detail" data-testid="case-file">
                <div class="item-top">
                    <h1>{a.unit.clone()} " " {a.owners.clone()}</h1>
                    <strong data-testid="case-owed">{yuan(case.owed)}</strong>
                </div>
                <p class="muted small">{move || Msg::AsOfExport.text(lang.get()).replace("{d}", &a.as_of.to_string())}</p>
                <p class="chips">
                    {case.promise.map(|p| view! {
                        <span class=move || promise_words(p, lang.get()).1 data-testid="promise-chip">{move || promise_words(p, lang.get()).0}</span>
                    })}
                    {case.problem.map(|p| view! { <ProblemChip problem=p/> })}
                    {case.letter_candidate.then(|| view! { <span class="chip warn" data-testid="letter-candidate">{tr(Msg::LetterCandidate)}</span> })}
                </p>
                {office.then(|| view! {
                    <p><a class="link" href=format!("/office/fees/letters/{}", a.unit_id) data-testid="case-letter">{tr(Msg::LawyerLetter)}</a></p>
                })}
                <h2>{tr(Msg::ChargesOwed)}</h2>
                <table class="grid" data-testid="case-charges">
                    <thead><tr>
                        <th>{tr(Msg::FeeTypeLabel)}</th>
                        <th>{tr(Msg::BillingPeriodLabel)}</th>
                        <th>{tr(Msg::OwedLabel)}</th>
                        <th>{tr(Msg::RunsOutLabel)}</th>
                    </tr></thead>
                    <tbody>
                        {a.charges.iter().zip(clocks.into_iter().chain(std::iter::repeat(None))).map(|(c, clock)| {
                            let fee = c.fee_type;
                            let flagged = clock.is_some_and(|k| k.state != ClockState::Running);
                            view! {
                                <tr data-testid="case-charge" class:flagged=flagged>
                                    <td>{move || fee_type_msg(fee).text(lang.get())}</td>
                                    <td>{format!("{}-{:02}", c.period.year(), c.period.month())}</td>
                                    <td>{yuan(c.owed_fen)}</td>
                                    <td data-testid="case-clock">
                                        {clock.map(|k| view! {
                                            {k.runs_out.to_string()}
                                            {k.last_demand.map(|d| view! { <br/><span class="muted small">{tr(Msg::LastDemandLabel)}" "{d.to_string()}</span> })}
                                            {match k.state {
                                                ClockState::Running => None,
                                                ClockState::EndsSoon => Some(view! { <br/><span class="chip warn">{tr(Msg::LimitationEndsSoon)}</span> }.into_any()),
                                                ClockState::Ended => Some(view! { <br/><span class="chip warn">{tr(Msg::LimitationEnded)}</span> }.into_any()),
                                            }}
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="muted small" data-testid="limitation-note">
                    {move || Msg::LimitationNote.text(lang.get())
                        .replace("{years}", &rule.years.to_string())
                        .replace("{months}", &rule.warn_months.to_string())}
                </p>
            </section>
        }
        .into_any()
    };
    view! {
        {head}
        <Show when=move || arrears.with(Option::is_some)>
            <ContactForms arrears=arrears drafts=drafts error=error saved=saved/>
        </Show>
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert" data-testid="contact-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
        </Show>
        <Show when=move || saved.get()>
            <p class="ok" role="status" data-testid="contact-saved">{tr(Msg::ContactSaved)}</p>
        </Show>
        <section class="card">
            <h2>{tr(Msg::CaseTimeline)}</h2>
            <ul class="items" data-testid="case-timeline">
                {move || contacts.get().into_iter().map(|c| view! { <ContactLine contact=c base=base/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ContactLine(contact: offline::View<CollectionContact>, base: &'static str) -> impl IntoView {
    let lang = use_i18n().lang;
    let offline = use_offline();
    let (name_of, _) = crate::session::use_names();
    let c = contact.record;
    let n = c.note.clone();
    let what = n.what;
    let delivery = n.delivery;
    let reason = n.reason;
    let reached = n.reached;
    let talked = !matches!(what, ContactKind::Statement | ContactKind::Letter);
    let follow_up = n.follow_up.and_then(|f| {
        offline.follow_ups.with_untracked(|fs| {
            fs.iter()
                .find(|x| x.record.id == f)
                .map(|x| (x.record.id, x.record.title.clone(), x.record.status))
        })
    });
    let by = name_of(c.by);
    view! {
        <li class="item" data-testid="case-contact" data-kind=what.code()>
            <div class="item-top">
                <strong>{move || Msg::contact_kind(what).text(lang.get())}</strong>
                <span class="muted small">{estate_time(n.at)} " · " {by}</span>
                <crate::ui::StateChip state=contact.state/>
            </div>
            <p>
                {delivery.map(|d| view! { <span>{move || Msg::delivery(d).text(lang.get())}</span> })}
                {(!n.signer.is_empty()).then(|| format!(" · {}", n.signer))}
                {(!n.tracking.is_empty()).then(|| format!(" · {}", n.tracking))}
                {(talked && !reached).then(|| view! { <span class="muted">{tr(Msg::NotReached)}</span> })}
                {(!n.said.is_empty()).then(|| view! { <span data-testid="contact-said">{n.said.clone()}</span> })}
            </p>
            <p class="chips">
                {n.promised_on.map(|d| view! { <span class="chip" data-testid="contact-promise">{move || Msg::PromiseWaiting.text(lang.get()).replace("{d}", &d.to_string())}</span> })}
                {reason.map(|r| view! { <span class="chip" data-testid="contact-reason">{move || Msg::arrears_reason(r).text(lang.get())}</span> })}
                {(n.owed_fen > Fen(0)).then(|| view! { <span class="chip">{tr(Msg::OwedLabel)}" "{yuan(n.owed_fen)}</span> })}
            </p>
            {(!n.signature.is_empty()).then(|| view! {
                <figure class="signature" data-testid="contact-signature">
                    <SignatureView strokes=n.signature.clone()/>
                    <figcaption class="muted small">{tr(Msg::SignedOnScreen)}</figcaption>
                </figure>
            })}
            {(!n.problem.is_empty()).then(|| view! { <p data-testid="contact-problem">{n.problem.clone()}</p> })}
            {follow_up.map(|(id, title, status)| view! {
                <p data-testid="contact-follow-up">
                    {tr(Msg::HandedOnAs)}" "
                    <A href=format!("{base}/follow-ups/{id}")>{title}</A>
                    " "<crate::ui::StatusChip status=status/>
                </p>
            })}
        </li>
    }
}

/// The two forms: a statement delivered; a call, visit or return visit.
#[component]
fn ContactForms(
    arrears: Memo<Option<Arrears>>,
    drafts: Drafts,
    error: RwSignal<Option<Msg>>,
    saved: RwSignal<bool>,
) -> impl IntoView {
    let offline = use_offline();
    let directory = crate::session::use_directory();
    let lang = use_i18n().lang;
    let Drafts {
        delivery,
        signer,
        tracking,
        delivered_at,
        what,
        reached,
        said,
        promised,
        reason,
        problem,
        department,
        at,
        pad,
    } = drafts;
    let write = move |ops: Vec<Op>, after: Box<dyn FnOnce() + Send + Sync>| {
        spawn_local(async move {
            match offline::queue_all(ops).await {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                    after();
                }
                Err(e) => {
                    saved.set(false);
                    error.set(Some(e.message()));
                }
            }
        });
    };
    // Checks a note as the rule will; `None` (with the message shown) when it is refused.
    let checked = move |note: ContactNote| -> Option<ContactNote> {
        match note.check(chrono::Utc::now()) {
            Ok(()) => Some(note),
            Err(p) => {
                saved.set(false);
                error.set(Some(Msg::contact_problem(p)));
                None
            }
        }
    };
    let time_of = move |input: &str| {
        crate::domain::time::typed_past_time(input, chrono::Utc::now()).ok_or_else(|| {
            saved.set(false);
            error.set(Some(Msg::ContactTimeInvalid));
        })
    };
    let save_statement = move |_| {
        let Some(a) = arrears.get_untracked() else {
            return;
        };
        let Ok(when) = time_of(&delivered_at.get_untracked()) else {
            return;
        };
        let d = delivery.get_untracked().parse::<Delivery>().ok();
        let handed = matches!(d, Some(Delivery::HandedSelf | Delivery::HandedFamily));
        let Some(note) = checked(ContactNote {
            delivery: d,
            tracking: if d == Some(Delivery::Registered) {
                tracking.get_untracked()
            } else {
                String::new()
            },
            signer: if handed {
                signer.get_untracked()
            } else {
                String::new()
            },
            signature: if handed {
                pad.strokes.get_untracked()
            } else {
                vec![]
            },
            ..ContactNote::new(ContactKind::Statement, when, a.owed())
        }) else {
            return;
        };
        write(
            vec![Op::RecordCollectionContact {
                id: ContactId(Uuid::now_v7()),
                unit_id: a.unit_id,
                note,
            }],
            Box::new(move || {
                pad.strokes.set(vec![]);
                signer.set(String::new());
                tracking.set(String::new());
                delivered_at.set(String::new());
            }),
        );
    };
    let save_contact = move |_| {
        let Some(a) = arrears.get_untracked() else {
            return;
        };
        let Ok(when) = time_of(&at.get_untracked()) else {
            return;
        };
        let Ok(kind) = what.get_untracked().parse::<ContactKind>() else {
            return;
        };
        let reached_v = reached.get_untracked();
        // What the hidden fields hold counts only for someone reached.
        let reason_v = reason
            .get_untracked()
            .parse::<ArrearsReason>()
            .ok()
            .filter(|_| reached_v);
        let dispute = reason_v == Some(ArrearsReason::ServiceDispute);
        let problem_text = if dispute {
            problem.get_untracked()
        } else {
            String::new()
        };
        let promised_text = if reached_v {
            promised.get_untracked()
        } else {
            String::new()
        };
        let promised_on = match promised_text.as_str() {
            "" => None,
            t => match t.parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    saved.set(false);
                    return error.set(Some(Msg::ContactPromiseInvalid));
                }
            },
        };
        let dept = department
            .get_untracked()
            .parse::<Department>()
            .unwrap_or(Department::Engineering);
        let follow_up =
            (dispute && !problem_text.trim().is_empty()).then(|| FollowUpId(Uuid::now_v7()));
        let Some(note) = checked(ContactNote {
            reached: reached_v,
            said: said.get_untracked(),
            promised_on,
            reason: reason_v,
            problem: problem_text.clone(),
            follow_up,
            ..ContactNote::new(kind, when, a.owed())
        }) else {
            return;
        };
        let mut ops = vec![];
        if let Some(f) = follow_up {
            // The household the problem is referred for: the unit's owner in the ledger.
            let household = offline.households.with_untracked(|hs| {
                hs.iter()
                    .find(|h| h.record.unit_id == a.unit_id)
                    .map(|h| h.record.id)
            });
            ops.push(Op::CreateFollowUp {
                id: f,
                cluster_id: a.cluster_id,
                place: a.unit.clone(),
                source: Msg::CollectionSource.text(lang.get_untracked()).to_owned(),
                title: problem_text.trim().chars().take(200).collect(),
                department: dept,
                due_date: Some(
                    directory
                        .with_untracked(|d| crate::session::default_due_date(d.as_ref(), dept)),
                ),
                origin: None,
                photos: vec![],
                household,
                facility: None,
            });
        }
        ops.push(Op::RecordCollectionContact {
            id: ContactId(Uuid::now_v7()),
            unit_id: a.unit_id,
            note,
        });
        write(
            ops,
            Box::new(move || {
                said.set(String::new());
                promised.set(String::new());
                reason.set(String::new());
                problem.set(String::new());
                at.set(String::new());
            }),
        );
    };
    const TALKS: &[ContactKind] = &[
        ContactKind::Call,
        ContactKind::Visit,
        ContactKind::ReturnVisit,
    ];
    const REASONS: &[ArrearsReason] = ArrearsReason::ALL;
    view! {
        <section class="card" data-testid="statement-form">
            <h2>{tr(Msg::RecordStatementTitle)}</h2>
            <label><span>{tr(Msg::DeliveryLabel)}</span>
                {code_select("statement-delivery", Delivery::ALL, Delivery::code, Msg::delivery, delivery, None)}
            </label>
            <Show when=move || matches!(delivery.get().as_str(), "handed_self" | "handed_family")>
                <label><span>{tr(Msg::SignerLabel)}</span><input data-testid="statement-signer" bind:value=signer/></label>
                <SignaturePad pad=pad/>
            </Show>
            <Show when=move || delivery.get() == Delivery::Registered.code()>
                <label><span>{tr(Msg::TrackingLabel)}</span><input data-testid="statement-tracking" bind:value=tracking/></label>
            </Show>
            <label><span>{tr(Msg::ContactTimeLabel)}</span><input type="datetime-local" data-testid="statement-at" bind:value=delivered_at/></label>
            <button class="btn primary wide" data-testid="statement-save" on:click=save_statement>{tr(Msg::Save)}</button>
        </section>
        <section class="card" data-testid="contact-form">
            <h2>{tr(Msg::RecordContactTitle)}</h2>
            <label><span>{tr(Msg::ContactKindLabel)}</span>
                {code_select("contact-what", TALKS, ContactKind::code, Msg::contact_kind, what, None)}
            </label>
            <label class="check">
                <input type="checkbox" data-testid="contact-reached" prop:checked=reached
                    on:change=move |ev| reached.set(event_target_checked(&ev))/>
                <span>{tr(Msg::ReachedLabel)}</span>
            </label>
            <label><span>{tr(Msg::SaidLabel)}</span><textarea data-testid="contact-said-input" bind:value=said></textarea></label>
            <Show when=move || reached.get()>
                <label><span>{tr(Msg::PromisedLabel)}</span><input type="date" data-testid="contact-promised" bind:value=promised/></label>
                <label><span>{tr(Msg::ReasonLabel)}</span>
                    {code_select("contact-reason", REASONS, ArrearsReason::code, Msg::arrears_reason, reason, Some(Msg::ReasonLabel))}
                </label>
            </Show>
            <Show when=move || reason.get() == ArrearsReason::ServiceDispute.code() && reached.get()>
                <label><span>{tr(Msg::ProblemLabel)}</span><textarea data-testid="contact-problem-input" bind:value=problem></textarea></label>
                <label><span>{tr(Msg::ProblemDepartmentLabel)}</span>
                    {code_select("contact-department", &Department::ALL, Department::code, Msg::department, department, None)}
                </label>
            </Show>
            <label><span>{tr(Msg::ContactTimeLabel)}</span><input type="datetime-local" data-testid="contact-at" bind:value=at/></label>
            <button class="btn primary wide" data-testid="contact-save" on:click=save_contact>{tr(Msg::Save)}</button>
        </section>
    }
}
