//! `/office/fees/letters/:unit`: a lawyer's letter (律师函) to a unit's owners, drafted for a
//! date from what the unit owes and the office's terms — each charge, its days late and its
//! late fee, the terms and their basis — printed on A4, and recorded as issued.

use super::api::{ppm_percent, IssueLetter, LetterDraft};
use super::office::yuan;
use crate::domain::collection::Delivery;
use crate::i18n::{tr, use_i18n, Msg};
use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

/// The letter page.
#[component]
pub fn LetterPage() -> impl IntoView {
    let lang = use_i18n().lang;
    let params = use_params_map();
    let unit = move || params.with(|p| p.get("unit").unwrap_or_default());
    let dated = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<Msg>);
    let delivery = RwSignal::new(Delivery::Registered.code().to_owned());
    let tracking = RwSignal::new(String::new());
    let letter = LocalResource::new(move || {
        version.get();
        let date = dated.get();
        let url = if date.is_empty() {
            format!("/api/v1/fees/letters/{}", unit())
        } else {
            format!("/api/v1/fees/letters/{}?dated={date}", unit())
        };
        crate::browser::fetch_json::<LetterDraft>(url)
    });
    let issue = move |d: chrono::NaiveDate| {
        notice.set(None);
        spawn_local(async move {
            let url = format!("/api/v1/fees/letters/{}", unit());
            let req = IssueLetter {
                dated: d,
                delivery: delivery
                    .get_untracked()
                    .parse()
                    .unwrap_or(Delivery::Registered),
                tracking: tracking.get_untracked(),
            };
            match crate::browser::post_json(&url, &req).await {
                Ok((200, _)) => {
                    notice.set(Some(Msg::LetterIssued));
                    tracking.set(String::new());
                    version.update(|v| *v += 1);
                }
                Ok((422, body)) => notice.set(Some(
                    match serde_json::from_str::<super::api::LetterProblem>(&body) {
                        Ok(super::api::LetterProblem::Tracking) => Msg::ContactTrackingNeeded,
                        _ => Msg::LetterNothingOwed,
                    },
                )),
                Ok(_) => notice.set(Some(Msg::ServerError)),
                Err(_) => notice.set(Some(Msg::NetworkError)),
            }
        });
    };
    let day_text = |d: chrono::NaiveDate| format!("{}年{}月{}日", d.year(), d.month(), d.day());
    view! {
        <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
            {move || letter.get().map(|r| match r {
                Err(m) => view! { <p class="error" role="alert">{move || m.text(lang.get())}</p> }.into_any(),
                Ok(l) => {
                    let terms = l.settings.late_fee.clone();
                    let cap = terms.cap_ppm.map(ppm_percent);
                    let rate = ppm_percent(terms.per_day_ppm);
                    let date = l.dated;
                    let owes = !l.lines.is_empty();
                    view! {
                        <section class="card no-print" data-testid="letter-tools">
                            <div class="item-top">
                                <a href="/office/fees">{tr(Msg::FeesTitle)}</a>
                                <label>
                                    <span>{tr(Msg::LetterDate)}</span>
                                    <input type="date" data-testid="letter-date" prop:value=date.to_string()
                                        on:change=move |ev| dated.set(event_target_value(&ev))/>
                                </label>
                            </div>
                            <div class="item-top">
                                <label>
                                    <span>{tr(Msg::DeliveryLabel)}</span>
                                    <select data-testid="letter-delivery" on:change=move |ev| delivery.set(event_target_value(&ev))>
                                        {[Delivery::Registered, Delivery::HandedSelf, Delivery::Mailed].into_iter().map(|d| view! {
                                            <option value=d.code() selected=move || delivery.get() == d.code()>{move || Msg::delivery(d).text(lang.get())}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <Show when=move || delivery.get() == Delivery::Registered.code()>
                                    <label>
                                        <span>{tr(Msg::TrackingLabel)}</span>
                                        <input data-testid="letter-tracking" bind:value=tracking/>
                                    </label>
                                </Show>
                            </div>
                            <div class="actions">
                                <button class="btn secondary" data-testid="letter-print" on:click=|_| crate::browser::print()>
                                    {tr(Msg::Print)}
                                </button>
                                <button class="btn primary" data-testid="letter-issue" disabled=!owes on:click=move |_| issue(date)>
                                    {tr(Msg::RecordLetterIssued)}
                                </button>
                            </div>
                            {move || notice.get().map(|n| view! { <p role="status" class="ok" data-testid="letter-notice">{move || n.text(lang.get())}</p> })}
                            {(!l.issued.is_empty()).then(|| view! {
                                <h2>{tr(Msg::LettersIssued)}</h2>
                                <ul class="plain" data-testid="letters-issued">
                                    {l.issued.iter().map(|i| view! {
                                        <li data-testid="letter-issued">
                                            {day_text(i.dated)}" · "{i.issued_by.clone()}" · "{yuan(i.owed_fen)}" + "{yuan(i.late_fee_fen)}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </section>
                        <article class="card letter" data-testid="letter">
                            <h1 class="letter-title">{tr(Msg::LawyerLetter)}</h1>
                            <p>{format!("{}（{}）：", if l.owners.is_empty() { Msg::OwnerOfUnit.text(lang.get_untracked()).to_owned() } else { l.owners.clone() }, l.unit)}</p>
                            <p>{move || Msg::LetterOpening.with(lang.get(), day_text(date))}</p>
                            <table class="grid" data-testid="letter-lines">
                                <thead><tr>
                                    <th>{tr(Msg::FeeTypeLabel)}</th>
                                    <th>{tr(Msg::MonthBilled)}</th>
                                    <th>{tr(Msg::DueDateLabel)}</th>
                                    <th>{tr(Msg::AmountOwed)}</th>
                                    <th>{tr(Msg::DaysLate)}</th>
                                    <th>{tr(Msg::LateFee)}</th>
                                </tr></thead>
                                <tbody>
                                    {l.lines.iter().map(|x| {
                                        let fee = x.fee_type;
                                        view! {
                                            <tr data-testid="letter-line">
                                                <td>{move || fee_type_msg(fee).text(lang.get())}</td>
                                                <td>{format!("{}-{:02}", x.month.year(), x.month.month())}</td>
                                                <td>{x.due_date.to_string()}</td>
                                                <td>{yuan(x.owed_fen)}</td>
                                                <td>{x.days_late}</td>
                                                <td>{yuan(x.late_fee_fen)}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                                <tfoot><tr>
                                    <th colspan="3">{tr(Msg::Total)}</th>
                                    <th data-testid="letter-owed">{yuan(l.owed_fen)}</th>
                                    <th></th>
                                    <th data-testid="letter-late-fee">{yuan(l.late_fee_fen)}</th>
                                </tr></tfoot>
                            </table>
                            <p data-testid="letter-terms">
                                {move || Msg::LetterTerms.text(lang.get())
                                    .replace("{basis}", &terms.basis)
                                    .replace("{rate}", &rate)
                                    .replace("{cap}", &cap.clone().map(|c| Msg::LetterCap.with(lang.get(), c)).unwrap_or_default())}
                            </p>
                            <p>{tr(Msg::LetterDemand)}</p>
                            <p class="letter-sign">{l.settings.company.clone()}<br/>{day_text(date)}</p>
                        </article>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

/// A fee type in words.
pub fn fee_type_msg(f: crate::domain::fee::FeeType) -> Msg {
    use crate::domain::fee::FeeType;
    match f {
        FeeType::Property => Msg::FeeProperty,
        FeeType::Parking => Msg::FeeParking,
        FeeType::Utilities => Msg::FeeUtilities,
        FeeType::Other => Msg::FeeOther,
    }
}
