//! A spreadsheet import card as the office uses it for finance's charges and for the estate's
//! places: choose the file, read the preview (every bad row by number, or what the import will
//! do), then import. Needs the network: the server reads the file. Test ids are the card's
//! `prefix` and a suffix: `-file`, `-plan`, `-ready`, `-refused`, `-problem`, `-apply`,
//! `-applied`, `-error`, and each figure's own id.

use crate::i18n::{tr, use_i18n, Lang, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What an import's preview or result says.
pub trait ImportPlan: serde::de::DeserializeOwned + Clone + Send + Sync + 'static {
    /// The import went through.
    fn applied(&self) -> bool;
    /// Problems in all (listed or not).
    fn problem_count(&self) -> usize;
    /// The listed problems: row (0: the file) and message.
    fn problems(&self, lang: Lang) -> Vec<(usize, String)>;
    /// What the import does, as label, figure and test id.
    fn figures(&self) -> Vec<(Msg, String, &'static str)>;
}

/// The card: `title` and `hint` above the file button; `preview` and `apply` the endpoints;
/// `on_applied` has the result of an import that went through.
#[component]
pub fn ImportCard<P: ImportPlan>(
    title: Msg,
    hint: Msg,
    preview: &'static str,
    apply: &'static str,
    prefix: &'static str,
    on_applied: Callback<P>,
) -> impl IntoView {
    let lang = use_i18n().lang;
    let input = NodeRef::<leptos::html::Input>::new();
    let plan = RwSignal::new(None::<P>);
    let progress = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<Msg>);
    let busy = RwSignal::new(false);
    let send = move |url: &'static str| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        progress.set(Some(0));
        spawn_local(async move {
            let sent = crate::browser::upload_file(url, &el, move |p| progress.set(Some(p))).await;
            progress.set(None);
            busy.set(false);
            match sent {
                Ok((200 | 422, body)) => match serde_json::from_str::<P>(&body) {
                    Ok(p) => {
                        if p.applied() {
                            on_applied.run(p.clone());
                        }
                        plan.set(Some(p));
                    }
                    Err(_) => error.set(Some(Msg::ServerError)),
                },
                Ok((413, _)) => error.set(Some(Msg::ImportTooLarge)),
                Ok(_) => error.set(Some(Msg::ServerError)),
                Err(_) => error.set(Some(Msg::NetworkError)),
            }
        });
    };
    let id = move |suffix: &str| format!("{prefix}-{suffix}");
    view! {
        <section class="card no-print" data-testid=id("import")>
            <h2>{tr(title)}</h2>
            <p class="muted">{tr(hint)}</p>
            <label class="file-pick">
                <span>{tr(Msg::ChooseFile)}</span>
                <input type="file" accept=".xlsx,.csv,text/csv" data-testid=id("file") node_ref=input
                    on:change=move |_| { plan.set(None); send(preview) }/>
            </label>
            {move || progress.get().map(|p| view! { <p class="muted">{tr(Msg::Uploading)}" "{p}"%"</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid=id("error")>{move || e.text(lang.get())}</p> })}
            {move || plan.get().map(|p| view! {
                <PlanView plan=p prefix=prefix busy=busy on_apply=Callback::new(move |_| send(apply))/>
            })}
        </section>
    }
}

#[component]
fn PlanView<P: ImportPlan>(
    plan: P,
    prefix: &'static str,
    busy: RwSignal<bool>,
    on_apply: Callback<()>,
) -> impl IntoView {
    let lang = use_i18n().lang;
    let id = move |suffix: &str| format!("{prefix}-{suffix}");
    let count = plan.problem_count();
    let ok = count == 0;
    let applied = plan.applied();
    let figures = plan.figures();
    let listed = plan.problems(Lang::ZhCn).len();
    let more = count.saturating_sub(listed);
    let shown = plan.clone();
    view! {
        <div data-testid=id("plan")>
            {match (applied, ok) {
                (true, _) => view! { <p class="ok" role="status" data-testid=id("applied")>{tr(Msg::ImportApplied)}</p> }.into_any(),
                (false, true) => view! { <p data-testid=id("ready")>{tr(Msg::ImportPreviewReady)}</p> }.into_any(),
                (false, false) => view! {
                    <p class="error" role="alert" data-testid=id("refused")>
                        {move || Msg::ImportRefused.with(lang.get(), count)}
                    </p>
                }.into_any(),
            }}
            {ok.then(|| view! {
                <dl class="facts">
                    {figures.into_iter().map(|(label, value, fig)| view! {
                        <dt>{tr(label)}</dt><dd data-testid=fig>{value}</dd>
                    }).collect_view()}
                </dl>
            })}
            {(!ok).then(|| view! {
                <table class="grid" data-testid=id("problems")>
                    <thead><tr><th>{tr(Msg::RowCol)}</th><th>{tr(Msg::ProblemCol)}</th></tr></thead>
                    <tbody>
                        {move || shown.problems(lang.get()).into_iter().map(|(row, text)| view! {
                            <tr data-testid=id("problem")>
                                <td>{if row == 0 { String::new() } else { row.to_string() }}</td>
                                <td>{text}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {(more > 0).then(|| view! { <p class="muted">{move || Msg::MoreProblems.with(lang.get(), more)}</p> })}
            })}
            {(ok && !applied).then(|| view! {
                <div class="actions">
                    <button class="btn primary" data-testid=id("apply") disabled=move || busy.get()
                        on:click=move |_| on_apply.run(())>
                        {tr(Msg::ImportApply)}
                    </button>
                </div>
            })}
        </div>
    }
}
