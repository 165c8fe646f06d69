//! `/office/fees` (费用催收): each cluster's collection month by month — 收费率, 户收费率 and
//! 清缴率, with the billed month's paid and unpaid amounts as a chart — and the import of
//! finance's export of charges: choose the file, read the preview (every bad row by number, or
//! what the import will do), then import. Needs the network: the server reads the file.

use super::api::{ChargePlan, FeeSettings, FeeSettingsProblem, MonthCollection, UnitArrears};
use crate::domain::fee::Fen;
use crate::i18n::{tr, use_i18n, Msg};
use crate::session::use_names;
use crate::ui::chart::{RateLines, Rates, Series, StackedBars};
use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;

const PREVIEW_URL: &str = "/api/v1/fees/charges/preview";
const APPLY_URL: &str = "/api/v1/fees/charges/apply";

/// ¥ and the amount, e.g. ¥1,234.50.
pub fn yuan(f: Fen) -> String {
    format!("¥{f}")
}

/// The fee-collection page.
#[component]
pub fn FeesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    view! {
        <Collection version=version/>
        <Arrears version=version/>
        <ChargesImport on_applied=Callback::new(move |_| version.update(|v| *v += 1))/>
        <SettingsForm/>
    }
}

/// Whose months the rates table lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RatesBy {
    Cluster,
    Butler,
}

/// `/m/fees/finance`: finance staff on the phone layout import finance's export and read the
/// collection rates (no household's case file: that is the butlers' and the office's).
#[component]
pub fn FinancePage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    view! {
        <ChargesImport on_applied=Callback::new(move |_| version.update(|v| *v += 1))/>
        <Collection version=version/>
    }
}

#[component]
fn Collection(version: RwSignal<u32>) -> impl IntoView {
    let lang = use_i18n().lang;
    let (user_name, cluster_name) = use_names();
    let directory = crate::session::use_directory();
    let months = LocalResource::new(move || {
        version.get();
        crate::browser::fetch_json::<Vec<MonthCollection>>("/api/v1/fees/collection".into())
    });
    // The butlers and the clusters each looks after, by name.
    let butlers = move || {
        directory.with(|d| {
            d.as_ref().map_or_else(Vec::new, |d| {
                d.users
                    .iter()
                    .filter(|u| u.role == crate::domain::Role::Butler && !u.clusters.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let clusters =
        move || directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default());
    let by = RwSignal::new(RatesBy::Cluster);
    // What the charts follow: "" the estate, "c:<id>" a cluster, "b:<id>" a butler.
    let scope = RwSignal::new(String::new());
    let month_text = |m: chrono::NaiveDate| format!("{}-{:02}", m.year(), m.month());
    view! {
        <section class="card" data-testid="fee-collection">
            <h1>{tr(Msg::FeesTitle)}</h1>
            <p class="muted">{tr(Msg::FeesIntro)}</p>
            <div class="item-top no-print">
                <label>
                    <span>{tr(Msg::RatesOf)}</span>
                    <select data-testid="collection-scope" on:change=move |ev| scope.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::WholeEstate)}</option>
                        <optgroup label=move || Msg::ClusterLabel.text(lang.get())>
                            {move || clusters().into_iter().map(|c| view! { <option value=format!("c:{}", c.id)>{c.name}</option> }).collect_view()}
                        </optgroup>
                        <optgroup label=move || Msg::RoleButler.text(lang.get())>
                            {move || butlers().into_iter().map(|u| view! { <option value=format!("b:{}", u.id)>{u.display_name}</option> }).collect_view()}
                        </optgroup>
                    </select>
                </label>
                <label>
                    <span>{tr(Msg::TableBy)}</span>
                    <select data-testid="collection-by" on:change=move |ev| by.set(if event_target_value(&ev) == "butler" { RatesBy::Butler } else { RatesBy::Cluster })>
                        <option value="cluster">{tr(Msg::ByCluster)}</option>
                        <option value="butler">{tr(Msg::ByButler)}</option>
                    </select>
                </label>
            </div>
            {crate::ui::server_list(months, Msg::NoCharges, move |v| {
                // The charts: the chosen scope, oldest month first.
                let chosen = scope.get();
                let looked_after: Option<Vec<crate::domain::ClusterId>> = if let Some(c) = chosen.strip_prefix("c:") {
                    Some(c.parse().into_iter().collect())
                } else {
                    chosen.strip_prefix("b:").map(|b| {
                        butlers().into_iter().find(|u| u.id.to_string() == b).map(|u| u.clusters).unwrap_or_default()
                    })
                };
                let mut trend = super::api::months_over(&v, looked_after.as_deref());
                trend.reverse();
                let yuan_of = |fen: i64| u32::try_from((fen / 100).max(0)).unwrap_or(u32::MAX);
                let paid: Vec<u32> = trend.iter().map(|m| yuan_of(m.paid_fen.0)).collect();
                let unpaid: Vec<u32> = trend.iter().map(|m| yuan_of(m.due_fen.0 - m.paid_fen.0)).collect();
                let series = vec![
                    Series { name: Msg::AmountPaid.text(lang.get_untracked()).into(), values: paid },
                    Series { name: Msg::AmountUnpaid.text(lang.get_untracked()).into(), values: unpaid },
                ];
                let rate_names = [Msg::CollectionRate, Msg::HouseholdRate, Msg::RecoveryRate];
                let rates: Vec<Rates> = rate_names.iter().enumerate().map(|(k, name)| Rates {
                    name: name.text(lang.get_untracked()).into(),
                    values: trend.iter().map(|m| m.rates_permille()[k]).collect(),
                }).collect();
                let labels: Vec<String> = trend.iter().map(|m| month_text(m.month)).collect();
                // The table: each cluster's months, or each butler's over their clusters.
                let rows: Vec<(String, String, MonthCollection)> = match by.get() {
                    RatesBy::Cluster => v.iter().map(|m| (String::new(), cluster_name(m.cluster_id), m.clone())).collect(),
                    RatesBy::Butler => {
                        let mut rows: Vec<(String, String, MonthCollection)> = butlers().into_iter().flat_map(|u| {
                            let names = u.clusters.iter().map(|c| cluster_name(*c)).collect::<Vec<_>>().join("、");
                            let name = user_name(u.id);
                            super::api::months_over(&v, Some(&u.clusters)).into_iter().map(move |m| (name.clone(), names.clone(), m))
                        }).collect();
                        rows.sort_by(|a, b| b.2.month.cmp(&a.2.month).then_with(|| a.0.cmp(&b.0)));
                        rows
                    }
                };
                let per_butler = by.get() == RatesBy::Butler;
                view! {
                    <h2>{tr(Msg::RatesByMonth)}</h2>
                    <RateLines periods=labels.clone() series=rates testid="collection-trend"/>
                    <h2>{tr(Msg::PaidAndUnpaidByMonth)}</h2>
                    <StackedBars periods=labels series=series testid="collection-chart"/>
                    <table class="grid" data-testid="collection-table">
                        <thead><tr>
                            <th>{tr(Msg::MonthBilled)}</th>
                            {per_butler.then(|| view! { <th>{tr(Msg::RoleButler)}</th> })}
                            <th>{tr(Msg::ClusterLabel)}</th>
                            <th>{tr(Msg::AmountDue)}</th>
                            <th>{tr(Msg::AmountPaid)}</th>
                            <th>{tr(Msg::CollectionRate)}</th>
                            <th>{tr(Msg::HouseholdRate)}</th>
                            <th>{tr(Msg::BroughtForward)}</th>
                            <th>{tr(Msg::RecoveryRate)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(butler, clusters, m)| view! {
                                <tr data-testid="collection-row">
                                    <td>{month_text(m.month)}</td>
                                    {per_butler.then(|| view! { <td data-testid="collection-butler">{butler}</td> })}
                                    <td>{clusters}</td>
                                    <td>{yuan(m.due_fen)}</td>
                                    <td>{yuan(m.paid_fen)}</td>
                                    <td data-testid="collection-rate">{m.collection_rate()}</td>
                                    <td data-testid="household-rate">{m.household_rate()}</td>
                                    <td>{yuan(m.brought_forward_fen)}</td>
                                    <td data-testid="recovery-rate">{m.recovery_rate()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </section>
    }
}

/// The units owing, most owed first, one cluster or all.
#[component]
fn Arrears(version: RwSignal<u32>) -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = crate::session::use_directory();
    let (_, cluster_name) = use_names();
    let cluster = RwSignal::new(String::new());
    let list = LocalResource::new(move || {
        version.get();
        crate::browser::fetch_json::<Vec<UnitArrears>>("/api/v1/fees/arrears".into())
    });
    let clusters =
        move || directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default());
    // The lawyer's-letter candidates, from the case files the office holds (synced): owing for
    // a past quarter, a promise broken, no open service problem.
    let offline = crate::offline::use_offline();
    let today = crate::domain::time::estate_today(chrono::Utc::now());
    let candidates = Memo::new(move |_| {
        offline.arrears.with(|all| {
            offline.contacts.with(|cs| {
                offline.follow_ups.with(|fs| {
                    all.iter()
                        .filter(|a| {
                            let mine: Vec<&crate::domain::collection::CollectionContact> = cs
                                .iter()
                                .map(|c| &c.record)
                                .filter(|c| c.unit_id == a.unit_id)
                                .collect();
                            crate::domain::collection::Case::of(
                                a,
                                &mine,
                                |f| {
                                    fs.iter()
                                        .find(|x| x.record.id == f)
                                        .map(|x| x.record.status)
                                },
                                today,
                            )
                            .letter_candidate
                        })
                        .map(|a| a.unit_id)
                        .collect::<std::collections::HashSet<_>>()
                })
            })
        })
    });
    let only_candidates = RwSignal::new(false);
    view! {
        <section class="card" data-testid="arrears">
            <div class="item-top">
                <h2>{tr(Msg::UnitsInArrears)}</h2>
                <a class="btn secondary" href="/office/fees/register" data-testid="open-register">{tr(Msg::OpenRegister)}</a>
                <label class="check">
                    <input type="checkbox" data-testid="only-candidates" prop:checked=only_candidates
                        on:change=move |ev| only_candidates.set(event_target_checked(&ev))/>
                    <span>{tr(Msg::OnlyCandidates)}</span>
                </label>
                <select data-testid="arrears-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                    <option value="">{tr(Msg::AllClusters)}</option>
                    {move || clusters().into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                </select>
            </div>
            {crate::ui::server_list(list, Msg::NoArrears, move |all| {
                let chosen = cluster.get();
                let only = only_candidates.get();
                let picked = candidates.get();
                let rows: Vec<UnitArrears> = all.into_iter()
                    .filter(|u| chosen.is_empty() || u.cluster_id.to_string() == chosen)
                    .filter(|u| !only || picked.contains(&u.unit_id))
                    .collect();
                let owed: i64 = rows.iter().map(|u| u.owed_fen.0).sum();
                let count = rows.len();
                view! {
                    <p data-testid="arrears-total">
                        {move || Msg::ArrearsTotal.with(lang.get(), count)}" · "{yuan(Fen(owed))}
                    </p>
                    <table class="grid" data-testid="arrears-table">
                        <thead><tr>
                            <th>{tr(Msg::UnitCodeLabel)}</th>
                            <th>{tr(Msg::ClusterLabel)}</th>
                            <th>{tr(Msg::OwnersLabel)}</th>
                            <th>{tr(Msg::MonthsOwed)}</th>
                            <th>{tr(Msg::AmountOwed)}</th>
                            <th>{tr(Msg::OldestDue)}</th>
                            <th class="no-print"></th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|u| view! {
                                <tr data-testid="arrears-row">
                                    <td>
                                        <a href=format!("/office/fees/case/{}", u.unit_id) data-testid="arrears-case">{u.unit.clone()}</a>
                                        {picked.contains(&u.unit_id).then(|| view! { " " <span class="chip warn" data-testid="letter-candidate">{tr(Msg::LetterCandidate)}</span> })}
                                    </td>
                                    <td>{move || cluster_name(u.cluster_id)}</td>
                                    <td>{u.owners.clone()}</td>
                                    <td data-testid="arrears-months">{u.months}</td>
                                    <td data-testid="arrears-owed">{yuan(u.owed_fen)}</td>
                                    <td>
                                        {u.oldest_due.to_string()}
                                        {u.not_in_latest.then(|| view! { " " <span class="chip" title=move || Msg::NotInLatestHint.text(lang.get())>{tr(Msg::NotInLatest)}</span> })}
                                    </td>
                                    <td class="no-print">
                                        <a href=format!("/office/fees/letters/{}", u.unit_id) data-testid="arrears-letter">{tr(Msg::DraftLetter)}</a>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </section>
    }
}

/// The office's terms for letters: company, late fee rate, cap and basis, limitation rule.
#[component]
fn SettingsForm() -> impl IntoView {
    let lang = use_i18n().lang;
    let company = RwSignal::new(String::new());
    let rate = RwSignal::new(String::new());
    let cap = RwSignal::new(String::new());
    let basis = RwSignal::new(String::new());
    let years = RwSignal::new(String::new());
    let warn = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<Result<Msg, FeeSettingsProblem>>);
    let loaded = LocalResource::new(|| {
        crate::browser::fetch_json::<FeeSettings>("/api/v1/fees/settings".into())
    });
    Effect::new(move |_| {
        if let Some(Ok(s)) = loaded.get() {
            company.set(s.company.clone());
            rate.set(per_ten_thousand(s.late_fee.per_day_ppm));
            cap.set(
                s.late_fee
                    .cap_ppm
                    .map(|c| (c / 10_000).to_string())
                    .unwrap_or_default(),
            );
            basis.set(s.late_fee.basis.clone());
            years.set(s.limitation.years.to_string());
            warn.set(s.limitation.warn_months.to_string());
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<f64>().ok();
        let whole = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().ok();
        let Some(per_day_ppm) = number(rate)
            .filter(|r| r.is_finite() && *r >= 0.0 && *r <= 1000.0)
            .map(|r| (r * 100.0).round() as u32)
        else {
            return notice.set(Some(Err(FeeSettingsProblem::BadRate)));
        };
        let cap_ppm = match cap.get_untracked().trim() {
            "" => None,
            _ => match whole(cap) {
                Some(c) if c <= 1_000 => Some(c * 10_000),
                _ => return notice.set(Some(Err(FeeSettingsProblem::BadCap))),
            },
        };
        let (Some(years), Some(warn_months)) = (whole(years), whole(warn)) else {
            return notice.set(Some(Err(FeeSettingsProblem::BadLimitation)));
        };
        let settings = FeeSettings {
            company: company.get_untracked(),
            late_fee: crate::domain::fee::LateFeeTerms {
                per_day_ppm,
                cap_ppm,
                basis: basis.get_untracked(),
            },
            limitation: crate::domain::fee::LimitationRule { years, warn_months },
        };
        if let Err(p) = settings.check() {
            return notice.set(Some(Err(p)));
        }
        spawn_local(async move {
            match crate::browser::post_json("/api/v1/fees/settings", &settings).await {
                Ok((200, _)) => notice.set(Some(Ok(Msg::Saved))),
                Ok((422, body)) => match serde_json::from_str::<FeeSettingsProblem>(&body) {
                    Ok(p) => notice.set(Some(Err(p))),
                    Err(_) => notice.set(Some(Ok(Msg::ServerError))),
                },
                Ok(_) => notice.set(Some(Ok(Msg::ServerError))),
                Err(_) => notice.set(Some(Ok(Msg::NetworkError))),
            }
        });
    };
    view! {
        <form class="card no-print" data-testid="fee-settings" on:submit=save>
            <h2>{tr(Msg::FeeSettingsTitle)}</h2>
            <div class="form-grid">
                <label><span>{tr(Msg::CompanyLabel)}</span><input data-testid="settings-company" bind:value=company/></label>
                <label><span>{tr(Msg::DailyRateLabel)}</span><input data-testid="settings-rate" inputmode="decimal" bind:value=rate/></label>
                <label><span>{tr(Msg::CapLabel)}</span><input data-testid="settings-cap" inputmode="numeric" bind:value=cap/></label>
                <label><span>{tr(Msg::BasisLabel)}</span><input data-testid="settings-basis" bind:value=basis/></label>
                <label><span>{tr(Msg::LimitationYearsLabel)}</span><input data-testid="settings-years" inputmode="numeric" bind:value=years/></label>
                <label><span>{tr(Msg::WarnMonthsLabel)}</span><input data-testid="settings-warn" inputmode="numeric" bind:value=warn/></label>
            </div>
            <div class="actions">
                <button type="submit" class="btn primary" data-testid="settings-save">{tr(Msg::Save)}</button>
            </div>
            {move || notice.get().map(|n| match n {
                Ok(m) => view! { <p role="status" class="ok" data-testid="settings-notice">{move || m.text(lang.get())}</p> }.into_any(),
                Err(p) => view! { <p role="alert" class="error" data-testid="settings-error">{move || p.text(lang.get())}</p> }.into_any(),
            })}
        </form>
    }
}

/// Parts per million as 万分之 (300 → "3", 250 → "2.5").
fn per_ten_thousand(ppm: u32) -> String {
    if ppm.is_multiple_of(100) {
        (ppm / 100).to_string()
    } else {
        format!("{}", f64::from(ppm) / 100.0)
    }
}

#[component]
fn ChargesImport(on_applied: Callback<()>) -> impl IntoView {
    view! {
        <crate::ui::import::ImportCard title=Msg::ChargesImportTitle hint=Msg::ChargesImportHint
            preview=PREVIEW_URL apply=APPLY_URL prefix="charges"
            on_applied=Callback::new(move |_: ChargePlan| on_applied.run(()))/>
    }
}

impl crate::ui::import::ImportPlan for ChargePlan {
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
            (Msg::PlanNew, self.new.to_string(), "plan-new"),
            (Msg::PlanUpdated, self.updated.to_string(), "plan-updated"),
            (
                Msg::PlanUnchanged,
                self.unchanged.to_string(),
                "plan-unchanged",
            ),
            (
                Msg::PlanPaidInFull,
                self.paid_in_full.to_string(),
                "plan-paid",
            ),
            (Msg::PlanMissing, self.missing.to_string(), "plan-missing"),
            (Msg::PlanArrears, yuan(self.arrears_fen), "plan-arrears"),
            (
                Msg::PlanUnitsInArrears,
                self.units_in_arrears.to_string(),
                "plan-units",
            ),
        ]
    }
}
