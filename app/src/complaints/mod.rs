//! Complaints (客户投诉, SOP procedure 5) on the butler's phone, offline, and the office's
//! register: taken for a household (from its page) or a public area, reached, judged valid
//! (handed to a department as a follow-up, or answered on the spot) or invalid with the
//! reason, replied to, and signed by the customer on the screen — or the refusal recorded.

mod office;

pub use office::ComplaintRegister;

use crate::domain::complaint::{
    Agreement, Complaint, ComplaintCategory, ComplaintChannel, ComplaintId, ComplaintStatus,
    Judgement, SignOff, Urgency,
};
use crate::domain::follow_up::{Actor, FollowUpId};
use crate::domain::household::HouseholdId;
use crate::domain::{ClusterId, Department};
use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::offline::{self, use_offline, View};
use crate::session::use_session;
use crate::sync::Op;
use crate::ui::code_select;
use crate::ui::estate_time;
use crate::ui::signature::{problem_msg, render_png, Pad, SignaturePad, SignatureView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use uuid::Uuid;

/// A channel in words.
pub fn channel_msg(c: ComplaintChannel) -> Msg {
    match c {
        ComplaintChannel::OnSite => Msg::ChOnSite,
        ComplaintChannel::Phone => Msg::ChPhone,
        ComplaintChannel::FrontDesk => Msg::ChFrontDesk,
        ComplaintChannel::Online => Msg::ChOnline,
    }
}

/// A category in words.
pub fn category_msg(c: ComplaintCategory) -> Msg {
    match c {
        ComplaintCategory::Security => Msg::CatSecurity,
        ComplaintCategory::Cleaning => Msg::CatCleaning,
        ComplaintCategory::Landscaping => Msg::CatLandscaping,
        ComplaintCategory::Engineering => Msg::CatEngineering,
        ComplaintCategory::Parking => Msg::CatParking,
        ComplaintCategory::Fees => Msg::CatFees,
        ComplaintCategory::StaffConduct => Msg::CatStaffConduct,
        ComplaintCategory::Neighbours => Msg::CatNeighbours,
        ComplaintCategory::Other => Msg::CatOther,
    }
}

/// An urgency in words.
pub fn urgency_msg(u: Urgency) -> Msg {
    match u {
        Urgency::Normal => Msg::UrgNormal,
        Urgency::Urgent => Msg::UrgUrgent,
    }
}

/// An agreement in words.
pub fn agreement_msg(a: Agreement) -> Msg {
    match a {
        Agreement::Satisfied => Msg::AgrSatisfied,
        Agreement::Accepted => Msg::AgrAccepted,
        Agreement::NotSatisfied => Msg::AgrNotSatisfied,
    }
}

/// A status in words.
pub fn status_msg(s: ComplaintStatus) -> Msg {
    match s {
        ComplaintStatus::Received => Msg::CsReceived,
        ComplaintStatus::Reached => Msg::CsReached,
        ComplaintStatus::Handling => Msg::CsHandling,
        ComplaintStatus::Replied => Msg::CsReplied,
        ComplaintStatus::Closed => Msg::CsClosed,
    }
}

/// Minutes as a person reads them: "18 分钟", "2 小时 5 分".
pub fn minutes_text(m: i64, lang: Lang) -> String {
    let (h, m) = (m / 60, m % 60);
    match (lang, h) {
        (Lang::ZhCn, 0) => format!("{m} 分钟"),
        (Lang::ZhCn, h) => format!("{h} 小时 {m} 分"),
        (Lang::En, 0) => format!("{m} min"),
        (Lang::En, h) => format!("{h} h {m} min"),
    }
}

/// A select over coded values, each in words; `chosen` holds the chosen code (`empty`, when
/// given, is the first option and stands for nothing chosen yet).
/// The status as a chip.
#[component]
pub fn ComplaintChip(status: ComplaintStatus) -> impl IntoView {
    let lang = use_i18n().lang;
    view! {
        <span class=format!("chip complaint-{}", status.code()) data-testid="complaint-status">
            {move || status_msg(status).text(lang.get())}
        </span>
    }
}

/// `/m/complaints`: my clusters' complaints, those still open first.
#[component]
pub fn ComplaintList(base: &'static str) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let rows = move || {
        let mut all: Vec<View<Complaint>> = offline.complaints.get();
        all.sort_by_key(|v| {
            (
                v.record.status() == ComplaintStatus::Closed,
                std::cmp::Reverse(v.record.received_at),
            )
        });
        all
    };
    // Department staff (a lead) read the complaints against their department; they take none.
    let session = use_session();
    let takes = move || {
        session.user.with(|u| {
            u.as_ref()
                .is_some_and(|u| u.role != crate::domain::Role::Staff)
        })
    };
    view! {
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::Complaints)}</h1>
                <Show when=takes>
                    <A href=format!("{base}/complaints/new") attr:class="btn primary" attr:data-testid="new-complaint">
                        {tr(Msg::NewPublicComplaint)}
                    </A>
                </Show>
            </div>
            <Show
                when=takes
                fallback=|| view! { <p class="muted small" data-testid="complaints-read-only">{tr(Msg::ComplaintsOfDepartment)}</p> }
            >
                <p class="muted small">{tr(Msg::ComplaintFromCustomerHint)}</p>
            </Show>
            <Show when=move || offline.loaded.get() && offline.complaints.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::NoComplaints)}</p>
            </Show>
            <ul class="list" data-testid="complaint-list">
                {move || rows().into_iter().map(|v| {
                    let c = v.record;
                    let category = c.category;
                    view! {
                        <li class="item" data-testid="complaint-row">
                            <A href=format!("{base}/complaints/{}", c.id)>
                                <div class="item-top">
                                    <strong>{format!("{} · {}", c.place, c.complainant)}</strong>
                                    <ComplaintChip status=c.status()/>
                                </div>
                                <p>{c.said.chars().take(60).collect::<String>()}</p>
                                <p class="muted small">
                                    {move || category_msg(category).text(lang.get())} " · " {estate_time(c.received_at)}
                                </p>
                            </A>
                            <crate::ui::StateChip state=v.state/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// `/m/complaints/new` (`?household=<id>` for a household's complaint).
#[component]
pub fn NewComplaint(base: &'static str) -> impl IntoView {
    let offline = use_offline();
    let session = use_session();
    let lang = use_i18n().lang;
    let navigate = use_navigate();
    let query = use_query_map();
    let household = Memo::new(move |_| {
        let id = query.with(|q| q.get("household"))?.parse::<Uuid>().ok()?;
        offline.households.with(|all| {
            all.iter()
                .map(|h| &h.record)
                .find(|h| h.id == HouseholdId(id))
                .cloned()
        })
    });
    let complainant = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let channel = RwSignal::new(ComplaintChannel::OnSite.code().to_owned());
    let category = RwSignal::new(String::new());
    let urgency = RwSignal::new(Urgency::Normal.code().to_owned());
    let said = RwSignal::new(String::new());
    let received = RwSignal::new(String::new());
    // On the phone the butler is usually with the customer or on the line; at the desk the
    // office takes it and the cluster's butler records reaching the customer.
    let on_phone = session
        .user
        .with_untracked(|u| u.as_ref().is_none_or(|u| u.role.works_on_phone()));
    let reached_now = RwSignal::new(on_phone);
    let photos = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<Msg>);
    // A butler's own clusters; the office (front desk, phone) takes one for any cluster, and
    // the cluster's butler reaches the customer.
    let directory = crate::session::use_directory();
    let clusters = move || {
        let own = session
            .user
            .with(|u| u.as_ref().map(|u| u.clusters.clone()))
            .unwrap_or_default();
        if own.is_empty() {
            directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default())
        } else {
            own
        }
    };
    let cluster = RwSignal::new(String::new());
    let save = move |_| {
        let now = chrono::Utc::now();
        let Ok(channel) = channel.get_untracked().parse::<ComplaintChannel>() else {
            return error.set(Some(Msg::ComplaintChannelNeeded));
        };
        let Ok(category) = category.get_untracked().parse::<ComplaintCategory>() else {
            return error.set(Some(Msg::ComplaintCategoryNeeded));
        };
        let Ok(urgency) = urgency.get_untracked().parse::<Urgency>() else {
            return error.set(Some(Msg::ComplaintCategoryNeeded));
        };
        if said.with_untracked(|s| s.trim().is_empty()) {
            return error.set(Some(Msg::ComplaintSaidNeeded));
        }
        let h = household.get_untracked();
        if h.is_none() && place.with_untracked(|p| p.trim().is_empty()) {
            return error.set(Some(Msg::ComplaintPlaceNeeded));
        }
        let Some(received_at) =
            received.with_untracked(|w| crate::domain::time::typed_past_time(w, now))
        else {
            return error.set(Some(Msg::ComplaintTimeLater));
        };
        let cluster_id = match &h {
            Some(h) => Some(h.cluster_id),
            None => cluster
                .get_untracked()
                .parse::<Uuid>()
                .ok()
                .map(ClusterId)
                .or_else(|| clusters().first().map(|c| c.id)),
        };
        let Some(cluster_id) = cluster_id else {
            return error.set(Some(Msg::ComplaintPlaceNeeded));
        };
        let id = ComplaintId(Uuid::now_v7());
        let op = Op::TakeComplaint {
            id,
            cluster_id,
            household: h.as_ref().map(|h| h.id),
            complainant: complainant.get_untracked().trim().to_owned(),
            place: place.get_untracked().trim().to_owned(),
            channel,
            said: said.get_untracked(),
            category,
            urgency,
            photos: photos.get_untracked(),
            received_at,
            reached_at: reached_now.get_untracked().then_some(now.max(received_at)),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => navigate(&format!("{base}/complaints/{id}"), Default::default()),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let photo_error = RwSignal::new(None::<Msg>);
    view! {
        <section class="card" data-testid="complaint-form">
            <h1>{tr(Msg::NewComplaint)}</h1>
            {move || match household.get() {
                Some(h) => view! {
                    <p data-testid="complaint-household"><strong>{h.unit_code.clone()}</strong>" "{h.name.clone()}</p>
                }.into_any(),
                None => view! {
                    <label><span>{tr(Msg::Place)}</span><input data-testid="complaint-place" placeholder="东门岗亭" bind:value=place/></label>
                    <label><span>{tr(Msg::Complainant)}</span><input data-testid="complaint-complainant" bind:value=complainant/></label>
                    <Show when=move || { clusters().len() > 1 }>
                        <label>
                            <span>{tr(Msg::ClusterLabel)}</span>
                            <select data-testid="complaint-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                                {move || clusters().into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                            </select>
                        </label>
                    </Show>
                }.into_any(),
            }}
            <label>
                <span>{tr(Msg::ChannelLabel)}</span>
                {code_select("complaint-channel", ComplaintChannel::ALL, ComplaintChannel::code, channel_msg, channel, None)}
            </label>
            <label>
                <span>{tr(Msg::CategoryLabel)}</span>
                {code_select("complaint-category", ComplaintCategory::ALL, ComplaintCategory::code, category_msg, category, Some(Msg::ChooseCategory))}
            </label>
            <label>
                <span>{tr(Msg::UrgencyLabel)}</span>
                {code_select("complaint-urgency", Urgency::ALL, Urgency::code, urgency_msg, urgency, None)}
            </label>
            <label>
                <span>{tr(Msg::ComplaintSaid)}</span>
                <textarea data-testid="complaint-said" bind:value=said></textarea>
            </label>
            <label>
                <span>{tr(Msg::ReceivedAt)}</span>
                <input type="datetime-local" data-testid="complaint-received" bind:value=received/>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="complaint-reached-now" prop:checked=reached_now
                    on:change=move |ev| reached_now.set(event_target_checked(&ev))/>
                <span>{tr(Msg::ReachedNow)}</span>
            </label>
            <div class="photos">
                {move || photos.get().into_iter().map(|sha| view! { <crate::patrol::PhotoThumb sha=sha/> }).collect_view()}
            </div>
            <crate::patrol::PhotoButton on_photo=Callback::new(move |sha: String| photos.update(|p| p.push(sha))) error=photo_error/>
            <Show when=move || error.with(Option::is_some) || photo_error.with(Option::is_some)>
                <p class="error" role="alert" data-testid="complaint-error">
                    {move || error.get().or(photo_error.get()).map(|m| m.text(lang.get()))}
                </p>
            </Show>
            <button class="btn primary wide" data-testid="complaint-save" on:click=save>{tr(Msg::SaveComplaint)}</button>
        </section>
    }
}

/// What the step forms hold while the user types. Kept by the screen, not by the forms: a sync
/// or another tap redraws the forms, and nothing typed or drawn may be lost to that.
#[derive(Debug, Clone, Copy)]
struct Drafts {
    valid: RwSignal<bool>,
    department: RwSignal<String>,
    person: RwSignal<String>,
    solution: RwSignal<String>,
    hand_on: RwSignal<bool>,
    reason: RwSignal<String>,
    reply: RwSignal<String>,
    agreement: RwSignal<String>,
    signer: RwSignal<String>,
    note: RwSignal<String>,
    override_reason: RwSignal<String>,
    corrective: RwSignal<Option<String>>,
    pad: Pad,
}

impl Drafts {
    fn new() -> Drafts {
        Drafts {
            valid: RwSignal::new(true),
            department: RwSignal::new(String::new()),
            person: RwSignal::new(String::new()),
            solution: RwSignal::new(String::new()),
            hand_on: RwSignal::new(true),
            reason: RwSignal::new(String::new()),
            reply: RwSignal::new(String::new()),
            agreement: RwSignal::new(Agreement::Satisfied.code().to_owned()),
            signer: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            override_reason: RwSignal::new(String::new()),
            corrective: RwSignal::new(None),
            pad: Pad::new(),
        }
    }
}

/// `/m/complaints/:id` and `/office/complaints/:id`: the complaint and the next step.
#[component]
pub fn ComplaintDetail(base: &'static str) -> impl IntoView {
    let params = use_params_map();
    let offline = use_offline();
    let session = use_session();
    let lang = use_i18n().lang;
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let view_of = Memo::new(move |_| {
        let id = id();
        offline
            .complaints
            .with(|all| all.iter().find(|v| v.record.id.to_string() == id).cloned())
    });
    let error = RwSignal::new(None::<Msg>);
    let drafts = Drafts::new();
    let write = move |ops: Vec<Op>| {
        spawn_local(async move {
            match offline::queue_all(ops).await {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let me = Memo::new(move |_| session.user.get().map(|u| Actor::of(&u)));
    // The follow-up a valid one was handed on as, redrawn only when it changes.
    let follow_up = Memo::new(move |_| {
        let f = view_of.with(|v| v.as_ref().and_then(|v| v.record.follow_up()))?;
        offline.follow_ups.with(|all| {
            all.iter()
                .find(|x| x.record.id == f)
                .map(|x| x.record.clone())
        })
    });
    // The record without its sync state: the screen redraws when the complaint changes,
    // not when its change is taken by the server.
    let record = Memo::new(move |_| view_of.with(|v| v.as_ref().map(|v| v.record.clone())));
    // Which forms are open: they are drawn again only when this changes, so a pull that
    // brings the same complaint back neither empties a form nor takes the focus from it.
    let step = Memo::new(move |_| {
        let me = me.get();
        record.with(|c| {
            c.as_ref().map(|c| {
                let may = me.as_ref().is_some_and(|me| {
                    me.is_office()
                        || (me.role == crate::domain::Role::Butler
                            && me.clusters.contains(&c.cluster_id))
                });
                let office = me.as_ref().is_some_and(Actor::is_office);
                (c.id, c.status(), may, office, c.valid())
            })
        })
    });
    let facts = move || {
        let Some(c) = record.get() else {
            return view! {
                <section class="card">
                    <crate::ui::NotOnDevice kind=crate::sync::RecordKind::Complaint id=Signal::derive(id) loaded=offline.loaded/>
                </section>
            }
            .into_any();
        };
        let office = step.with(|s| s.is_some_and(|s| s.3));
        let follow_up = follow_up.get();
        view! {
            <section class="card detail" data-testid="complaint-detail">
                <div class="item-top">
                    <h1>{format!("{} · {}", c.place, c.complainant)}</h1>
                    <ComplaintChip status=c.status()/>
                </div>
                {office.then(|| view! {
                    <div class="actions no-print">
                        <button class="btn secondary" data-testid="complaint-print" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                    </div>
                })}
                <Facts c=c.clone()/>
                {follow_up.map(|f| view! {
                    <p data-testid="complaint-follow-up">
                        {tr(Msg::HandedOnAs)}" "
                        <A href=format!("{base}/follow-ups/{}", f.id)>{f.title.clone()}</A>
                        " "<crate::ui::StatusChip status=f.status/>
                    </p>
                })}
            </section>
        }
        .into_any()
    };
    let forms = move || {
        let (_, status, may, office, valid) = step.get()?;
        let c = record.get_untracked()?;
        Some(view! {
            {(may && status != ComplaintStatus::Closed).then(|| view! {
                <NextStep c=c.clone() office=office write=write error=error drafts=drafts/>
            })}
            {(office && valid == Some(true)).then(|| {
                let recorded = Signal::derive(move || record.with(|c| {
                    c.as_ref().and_then(|c| c.corrective.as_ref()).map(|x| x.text.clone()).unwrap_or_default()
                }));
                view! { <CorrectiveForm id=c.id recorded=recorded write=write drafts=drafts/> }
            })}
        })
    };
    view! {
        {facts}
        {forms}
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert" data-testid="complaint-step-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
        </Show>
    }
}

/// What the complaint holds, in words.
#[component]
fn Facts(c: Complaint) -> impl IntoView {
    let lang = use_i18n().lang;
    let (channel, category, urgency) = (c.channel, c.category, c.urgency);
    let response = c.response_minutes();
    view! {
        <dl class="facts">
            <dt>{tr(Msg::ChannelLabel)}</dt><dd>{move || channel_msg(channel).text(lang.get())}</dd>
            <dt>{tr(Msg::CategoryLabel)}</dt><dd data-testid="complaint-category-text">{move || category_msg(category).text(lang.get())}</dd>
            <dt>{tr(Msg::UrgencyLabel)}</dt><dd>{move || urgency_msg(urgency).text(lang.get())}</dd>
            <dt>{tr(Msg::ComplaintSaid)}</dt><dd data-testid="complaint-said-text">{c.said.clone()}</dd>
            <dt>{tr(Msg::ReceivedAt)}</dt><dd>{estate_time(c.received_at)}</dd>
            <dt>{tr(Msg::ReachedAt)}</dt>
            <dd data-testid="complaint-reached">
                {c.reached_at.map(estate_time).unwrap_or_else(|| "—".into())}
                {response.map(|m| view! { " · " {tr(Msg::ResponseTime)} " " {move || minutes_text(m, lang.get())} })}
            </dd>
            {c.judgement.clone().map(|j| match j {
                Judgement::Valid { department, person, solution, follow_up } => view! {
                    <dt>{tr(Msg::Judgement)}</dt>
                    <dd data-testid="complaint-judgement">
                        {tr(Msg::Valid)} " · " {move || Msg::department(department).text(lang.get())}
                        {(!person.is_empty()).then(|| format!(" · {person}"))}
                        {follow_up.is_none().then(|| view! { " · " {tr(Msg::AnsweredOnTheSpot)} })}
                    </dd>
                    <dt>{tr(Msg::Solution)}</dt><dd>{solution}</dd>
                }.into_any(),
                Judgement::Invalid { reason } => view! {
                    <dt>{tr(Msg::Judgement)}</dt>
                    <dd data-testid="complaint-judgement">{tr(Msg::Invalid)} " · " {reason}</dd>
                }.into_any(),
            })}
            {c.reply.clone().map(|r| {
                let agreement = r.agreement;
                view! {
                    <dt>{tr(Msg::ReplyLabel)}</dt>
                    <dd data-testid="complaint-reply">
                        {r.text.clone()} " · " {estate_time(r.at)} " · " {move || agreement_msg(agreement).text(lang.get())}
                    </dd>
                }
            })}
            {c.sign_off.clone().map(|s| match s {
                SignOff::Signed { signer, strokes, .. } => view! {
                    <dt>{tr(Msg::SignedBy)}</dt>
                    <dd data-testid="complaint-signed">{signer}<SignatureView strokes=strokes/></dd>
                }.into_any(),
                SignOff::Refused { note } => view! {
                    <dt>{tr(Msg::SignedBy)}</dt>
                    <dd data-testid="complaint-signed">{tr(Msg::RefusedToSign)}{(!note.is_empty()).then(|| format!(" · {note}"))}</dd>
                }.into_any(),
            })}
            {c.closed_at.map(|t| view! { <dt>{tr(Msg::ClosedAt)}</dt><dd>{estate_time(t)}</dd> })}
            {c.override_reason.clone().map(|r| view! { <dt>{tr(Msg::OverrideReason)}</dt><dd>{r}</dd> })}
            {c.corrective.clone().map(|r| view! { <dt>{tr(Msg::Corrective)}</dt><dd data-testid="complaint-corrective">{r.text}</dd> })}
        </dl>
        {(!c.photos.is_empty()).then(|| view! {
            <div class="photos" data-testid="complaint-photos">
                {c.photos.iter().map(|sha| view! { <crate::patrol::PhotoThumb sha=sha.clone()/> }).collect_view()}
            </div>
        })}
    }
}

/// The step the complaint waits for: reach, judge, reply, sign.
#[component]
fn NextStep(
    c: Complaint,
    office: bool,
    write: impl Fn(Vec<Op>) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<Msg>>,
    drafts: Drafts,
) -> impl IntoView {
    let id = c.id;
    match c.status() {
        ComplaintStatus::Received => view! {
            <section class="card">
                <button class="btn primary wide" data-testid="complaint-reach"
                    on:click=move |_| write(vec![Op::ReachComplaint { id, at: chrono::Utc::now() }])>
                    {tr(Msg::MarkReached)}
                </button>
            </section>
        }
        .into_any(),
        ComplaintStatus::Reached => {
            view! { <JudgeForm c=c write=write error=error drafts=drafts/> }.into_any()
        }
        ComplaintStatus::Handling => {
            view! { <ReplyForm id=id write=write error=error drafts=drafts/> }.into_any()
        }
        ComplaintStatus::Replied | ComplaintStatus::Closed => {
            view! { <SignForm c=c office=office write=write error=error drafts=drafts/> }.into_any()
        }
    }
}

#[component]
fn JudgeForm(
    c: Complaint,
    write: impl Fn(Vec<Op>) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<Msg>>,
    drafts: Drafts,
) -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = crate::session::use_directory();
    let Drafts {
        valid,
        department,
        person,
        solution,
        hand_on,
        reason,
        ..
    } = drafts;
    // Until the butler chooses, the department the category usually goes to.
    if department.with_untracked(String::is_empty) {
        department.set(c.category.usual_department().code().to_owned());
    }
    let save = move |_| {
        let mut ops = vec![];
        let judgement = if valid.get_untracked() {
            let Ok(department) = department.get_untracked().parse::<Department>() else {
                return error.set(Some(Msg::DepartmentLabel));
            };
            if solution.with_untracked(|s| s.trim().is_empty()) {
                return error.set(Some(Msg::SolutionNeeded));
            }
            let follow_up = hand_on.get_untracked().then(|| {
                let f = FollowUpId(Uuid::now_v7());
                ops.push(Op::CreateFollowUp {
                    id: f,
                    cluster_id: c.cluster_id,
                    place: c.place.clone(),
                    source: Msg::ComplaintSource.text(lang.get_untracked()).to_owned(),
                    title: c.said.chars().take(200).collect(),
                    department,
                    due_date: Some(directory.with_untracked(|d| {
                        crate::session::default_due_date(d.as_ref(), department)
                    })),
                    origin: None,
                    photos: c.photos.clone(),
                    household: c.household,
                    facility: None,
                });
                f
            });
            Judgement::Valid {
                department,
                person: person.get_untracked(),
                solution: solution.get_untracked(),
                follow_up,
            }
        } else {
            if reason.with_untracked(|r| r.trim().is_empty()) {
                return error.set(Some(Msg::InvalidReasonNeeded));
            }
            Judgement::Invalid {
                reason: reason.get_untracked(),
            }
        };
        ops.push(Op::JudgeComplaint {
            id: c.id,
            judgement,
        });
        write(ops);
    };
    view! {
        <section class="card" data-testid="judge-form">
            <h2>{tr(Msg::Judgement)}</h2>
            <div class="answer-buttons">
                <button type="button" class="btn answer" class:chosen=move || valid.get() data-testid="judge-valid"
                    on:click=move |_| valid.set(true)>{tr(Msg::Valid)}</button>
                <button type="button" class="btn answer" class:chosen=move || !valid.get() data-testid="judge-invalid"
                    on:click=move |_| valid.set(false)>{tr(Msg::Invalid)}</button>
            </div>
            <Show when=move || valid.get() fallback=move || view! {
                <label><span>{tr(Msg::InvalidReason)}</span><textarea data-testid="judge-reason" bind:value=reason></textarea></label>
            }>
                <label>
                    <span>{tr(Msg::ResponsibleDepartment)}</span>
                    <select data-testid="judge-department" on:change=move |ev| department.set(event_target_value(&ev))>
                        {Department::ALL.into_iter().map(|d| view! {
                            <option value=d.code() selected=move || department.get() == d.code()>{move || Msg::department(d).text(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label><span>{tr(Msg::ResponsiblePerson)}</span><input data-testid="judge-person" bind:value=person/></label>
                <label><span>{tr(Msg::Solution)}</span><textarea data-testid="judge-solution" bind:value=solution></textarea></label>
                <label class="check">
                    <input type="checkbox" data-testid="judge-hand-on" prop:checked=hand_on
                        on:change=move |ev| hand_on.set(event_target_checked(&ev))/>
                    <span>{tr(Msg::HandToDepartment)}</span>
                </label>
            </Show>
            <button class="btn primary wide" data-testid="judge-save" on:click=save>{tr(Msg::Save)}</button>
        </section>
    }
}

#[component]
fn ReplyForm(
    id: ComplaintId,
    write: impl Fn(Vec<Op>) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<Msg>>,
    drafts: Drafts,
) -> impl IntoView {
    let (text, agreement) = (drafts.reply, drafts.agreement);
    let save = move |_| {
        if text.with_untracked(|t| t.trim().is_empty()) {
            return error.set(Some(Msg::ReplyNeeded));
        }
        let Ok(agreement) = agreement.get_untracked().parse::<Agreement>() else {
            return error.set(Some(Msg::ReplyNeeded));
        };
        write(vec![Op::ReplyComplaint {
            id,
            text: text.get_untracked(),
            at: chrono::Utc::now(),
            agreement,
        }]);
    };
    view! {
        <section class="card" data-testid="reply-form">
            <h2>{tr(Msg::ReplyLabel)}</h2>
            <label><span>{tr(Msg::ReplyText)}</span><textarea data-testid="reply-text" bind:value=text></textarea></label>
            <label>
                <span>{tr(Msg::AgreementLabel)}</span>
                {code_select("reply-agreement", Agreement::ALL, Agreement::code, agreement_msg, agreement, None)}
            </label>
            <button class="btn primary wide" data-testid="reply-save" on:click=save>{tr(Msg::Save)}</button>
        </section>
    }
}

#[component]
fn SignForm(
    c: Complaint,
    office: bool,
    write: impl Fn(Vec<Op>) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<Msg>>,
    drafts: Drafts,
) -> impl IntoView {
    let offline = use_offline();
    let id = c.id;
    let Drafts {
        pad,
        signer,
        note,
        override_reason,
        ..
    } = drafts;
    // A household's complaint is usually signed by the one who complained.
    if signer.with_untracked(String::is_empty) && c.household.is_some() {
        signer.set(c.complainant.clone());
    }
    let busy = RwSignal::new(false);
    let follow_up = c.follow_up();
    let work_open = move || {
        follow_up.is_some_and(|f| {
            !offline.follow_ups.with(|all| {
                all.iter()
                    .any(|x| x.record.id == f && x.record.status.work_done())
            })
        })
    };
    let reason = move || {
        let r = override_reason.get_untracked();
        (!r.trim().is_empty()).then_some(r)
    };
    let sign = move |_| {
        if signer.with_untracked(|s| s.trim().is_empty()) {
            return error.set(Some(Msg::SignerNeeded));
        }
        if let Some(p) = pad.problem() {
            return error.set(Some(problem_msg(p)));
        }
        let strokes = pad.strokes.get_untracked();
        let Some(png) = render_png(&strokes) else {
            return error.set(Some(Msg::SignatureTooLarge));
        };
        if png.len() > crate::domain::complaint::MAX_SIGNATURE_BYTES {
            return error.set(Some(Msg::SignatureTooLarge));
        }
        busy.set(true);
        let signer = signer.get_untracked();
        let override_reason = reason();
        spawn_local(async move {
            match offline::keep_signature(png).await {
                Ok(image) => write(vec![Op::SignOffComplaint {
                    id,
                    sign_off: SignOff::Signed {
                        signer,
                        image,
                        strokes,
                    },
                    override_reason,
                }]),
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    let refuse = move |_| {
        write(vec![Op::SignOffComplaint {
            id,
            sign_off: SignOff::Refused {
                note: note.get_untracked(),
            },
            override_reason: reason(),
        }]);
    };
    view! {
        <section class="card" data-testid="sign-form">
            <h2>{tr(Msg::CustomerSigns)}</h2>
            <Show when=work_open>
                <p class="muted" data-testid="sign-waits">{tr(Msg::WaitsForFollowUp)}</p>
                {office.then(|| view! {
                    <label><span>{tr(Msg::OverrideReason)}</span><input data-testid="sign-override" bind:value=override_reason/></label>
                })}
            </Show>
            <label><span>{tr(Msg::SignerName)}</span><input data-testid="sign-signer" bind:value=signer/></label>
            <SignaturePad pad=pad/>
            <button class="btn primary wide" data-testid="sign-save" disabled=move || busy.get() on:click=sign>{tr(Msg::ConfirmSignature)}</button>
            <details>
                <summary data-testid="sign-refused-open">{tr(Msg::RefusedToSign)}</summary>
                <label><span>{tr(Msg::RefusalNote)}</span><input data-testid="sign-refused-note" bind:value=note/></label>
                <button class="btn secondary wide" data-testid="sign-refused" on:click=refuse>{tr(Msg::RecordRefusal)}</button>
            </details>
        </section>
    }
}

#[component]
fn CorrectiveForm(
    id: ComplaintId,
    recorded: Signal<String>,
    write: impl Fn(Vec<Op>) + Copy + Send + Sync + 'static,
    drafts: Drafts,
) -> impl IntoView {
    // What was typed, else what is recorded.
    let typed = drafts.corrective;
    let text = Signal::derive(move || typed.get().unwrap_or_else(|| recorded.get()));
    view! {
        <section class="card" data-testid="corrective-form">
            <h2>{tr(Msg::Corrective)}</h2>
            <p class="muted small">{tr(Msg::CorrectiveHint)}</p>
            <textarea data-testid="corrective-text" prop:value=text
                on:input=move |ev| typed.set(Some(event_target_value(&ev)))></textarea>
            <button class="btn secondary" data-testid="corrective-save"
                on:click=move |_| {
                    let t = text.get_untracked();
                    typed.set(None);
                    if !t.trim().is_empty() {
                        write(vec![Op::RecordCorrective { id, text: t }]);
                    }
                }>
                {tr(Msg::Save)}
            </button>
        </section>
    }
}
