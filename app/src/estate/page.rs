//! `/office/estate`: the import of units and households. Upload (with a progress bar) → the
//! column mapping, guessed by the server and editable, with a sample of each column → a
//! preview listing every problem by row and column in the user's language, and what the
//! import will do → the import itself, applied in one transaction. Needs the network: the
//! server reads the file.

use super::api::{Encoding, Field, ImportFile, ImportReport, ImportRequest};
use crate::i18n::{tr, use_i18n, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local;

const UPLOAD_URL: &str = "/api/v1/estate/imports";

fn field_of(code: &str) -> Option<Field> {
    Field::from_code(code)
}

/// The import page.
#[component]
pub fn EstatePage() -> impl IntoView {
    let lang = use_i18n().lang;
    let file = RwSignal::new(None::<ImportFile>);
    let progress = RwSignal::new(None::<u32>);
    let busy = RwSignal::new(false);
    let mapping = RwSignal::new(Vec::<Option<Field>>::new());
    let encoding = RwSignal::new(Encoding::Auto);
    let remove_missing = RwSignal::new(false);
    let report = RwSignal::new(None::<ImportReport>);
    let error = RwSignal::new(None::<String>);

    let upload = move |ev: leptos::ev::Event| {
        file.set(None);
        report.set(None);
        error.set(None);
        progress.set(Some(0));
        spawn_local(async move {
            let sent =
                crate::browser::upload_input(UPLOAD_URL, &ev, move |p| progress.set(Some(p))).await;
            progress.set(None);
            match sent {
                Ok((200, body)) => match serde_json::from_str::<ImportFile>(&body) {
                    Ok(f) => {
                        mapping.set(f.mapping.clone());
                        encoding.set(f.encoding.unwrap_or_default());
                        file.set(Some(f));
                    }
                    Err(_) => error.set(Some(Msg::ServerError.text(lang.get_untracked()).into())),
                },
                Ok((422, body)) => match serde_json::from_str::<ImportReport>(&body) {
                    Ok(r) => report.set(Some(r)),
                    Err(_) => error.set(Some(Msg::ServerError.text(lang.get_untracked()).into())),
                },
                Ok((413, _)) => {
                    error.set(Some(Msg::ImportTooLarge.text(lang.get_untracked()).into()))
                }
                Ok(_) => error.set(Some(Msg::ServerError.text(lang.get_untracked()).into())),
                Err(_) => error.set(Some(Msg::NetworkError.text(lang.get_untracked()).into())),
            }
        });
    };

    let send = move |what: &'static str| {
        let Some(f) = file.get_untracked() else {
            return;
        };
        let req = ImportRequest {
            encoding: encoding.get_untracked(),
            mapping: mapping.get_untracked(),
            remove_missing: remove_missing.get_untracked(),
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let url = format!("{UPLOAD_URL}/{}/{what}", f.id);
            match crate::browser::post_json(&url, &req).await {
                Ok((200 | 422, body)) => match serde_json::from_str::<ImportReport>(&body) {
                    Ok(r) => report.set(Some(r)),
                    Err(_) => error.set(Some(Msg::ServerError.text(lang.get_untracked()).into())),
                },
                Ok(_) => error.set(Some(Msg::ServerError.text(lang.get_untracked()).into())),
                Err(_) => error.set(Some(Msg::NetworkError.text(lang.get_untracked()).into())),
            }
            busy.set(false);
        });
    };
    let imports_version = RwSignal::new(0u32);
    Effect::new(move |_| {
        if report.with(|r| r.as_ref().is_some_and(|r| r.applied)) {
            imports_version.update(|v| *v += 1);
        }
    });
    // Any change to what would be imported makes the last preview stale.
    let stale = move || report.set(None);

    view! {
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::ImportTitle)}</h1>
                <a class="btn secondary" href="/api/v1/estate/import-template.xlsx" download="estate-import-template.xlsx"
                    data-testid="import-template">{tr(Msg::DownloadTemplate)}</a>
            </div>
            <p class="muted">{tr(Msg::ImportIntro)}</p>
            <label class="file-pick">
                <span>{tr(Msg::ChooseFile)}</span>
                <input type="file" accept=".xlsx,.csv,text/csv" data-testid="import-file" on:change=upload/>
            </label>
            {move || progress.get().map(|p| view! {
                <div class="run-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=p
                    data-testid="upload-progress">
                    <div class="run-progress-bar" style=format!("width:{p}%")></div>
                </div>
                <p class="muted">{tr(Msg::Uploading)}" "{p}"%"</p>
            })}
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="import-error">{e}</p> })}
        </section>
        {move || file.get().map(|f| {
            let is_csv = f.encoding.is_some();
            let headers = f.headers.clone();
            let sample = f.sample.clone();
            view! {
                <section class="card" data-testid="mapping">
                    <h2>{tr(Msg::ColumnMapping)}" · "{f.file_name.clone()}</h2>
                    <p class="muted" data-testid="row-count">{move || Msg::RowsInFile.with(lang.get(), f.rows)}</p>
                    <Show when=move || is_csv>
                        <label>
                            <span>{tr(Msg::FileEncoding)}</span>
                            <select data-testid="encoding" on:change=move |ev| {
                                encoding.set(match event_target_value(&ev).as_str() {
                                    "utf8" => Encoding::Utf8,
                                    "gbk" => Encoding::Gbk,
                                    _ => Encoding::Auto,
                                });
                                stale();
                            }>
                                <option value="auto" selected=move || encoding.get() == Encoding::Auto>{tr(Msg::EncodingAuto)}</option>
                                <option value="utf8" selected=move || encoding.get() == Encoding::Utf8>"UTF-8"</option>
                                <option value="gbk" selected=move || encoding.get() == Encoding::Gbk>"GBK"</option>
                            </select>
                        </label>
                    </Show>
                    <table class="grid">
                        <thead><tr>
                            <th>{tr(Msg::ColumnInFile)}</th>
                            <th>{tr(Msg::SampleValues)}</th>
                            <th>{tr(Msg::MapsTo)}</th>
                        </tr></thead>
                        <tbody>
                            {headers.into_iter().enumerate().map(|(i, h)| {
                                let example = sample.iter().take(3).filter_map(|r| r.get(i).cloned())
                                    .filter(|v| !v.is_empty()).collect::<Vec<_>>().join(" · ");
                                view! {
                                    <tr data-testid="mapping-row" data-column=h.clone()>
                                        <td>{h.clone()}</td>
                                        <td class="muted">{example}</td>
                                        <td>
                                            <select data-testid=format!("map-{i}") on:change=move |ev| {
                                                let v = field_of(&event_target_value(&ev));
                                                mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = v; });
                                                stale();
                                            }>
                                                <option value="" selected=move || mapping.with(|m| m.get(i).copied().flatten().is_none())>
                                                    {tr(Msg::IgnoreColumn)}
                                                </option>
                                                {Field::ALL.into_iter().map(|field| view! {
                                                    <option value=field.code()
                                                        selected=move || mapping.with(|m| m.get(i).copied().flatten() == Some(field))>
                                                        {move || field.label(lang.get())}
                                                    </option>
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <label class="check">
                        <input type="checkbox" data-testid="remove-missing"
                            prop:checked=move || remove_missing.get()
                            on:change=move |ev| { remove_missing.set(event_target_checked(&ev)); stale(); }/>
                        <span>{tr(Msg::RemoveMissing)}</span>
                    </label>
                    <div class="actions">
                        <button class="btn primary" data-testid="preview" disabled=move || busy.get()
                            on:click=move |_| send("preview")>
                            {move || if busy.get() { tr(Msg::Checking)() } else { tr(Msg::PreviewImport)() }}
                        </button>
                    </div>
                </section>
            }
        })}
        {move || report.get().map(|r| view! { <ReportCard report=r busy=busy on_apply=Callback::new(move |_| send("apply"))/> })}
        <RecentImports version=imports_version/>
    }
}

#[component]
fn RecentImports(version: RwSignal<u32>) -> impl IntoView {
    let list = LocalResource::new(move || {
        version.get();
        crate::browser::fetch_json::<Vec<super::api::ImportSummary>>(format!("{UPLOAD_URL}/recent"))
    });
    view! {
        <section class="card">
            <h2>{tr(Msg::RecentImports)}</h2>
            {crate::ui::server_list(list, Msg::NoRecords, |rows| view! {
                <table class="grid" data-testid="recent-imports">
                    <thead><tr>
                        <th>{tr(Msg::WhenLabel)}</th>
                        <th>{tr(Msg::FileLabel)}</th>
                        <th>{tr(Msg::UploadedBy)}</th>
                        <th>{tr(Msg::ImportedAt)}</th>
                        <th>{tr(Msg::CountUnitsNew)}</th>
                        <th>{tr(Msg::CountUnitsChanged)}</th>
                        <th>{tr(Msg::CountHouseholdsNew)}</th>
                        <th>{tr(Msg::CountHouseholdsChanged)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|i| {
                            let c = i.counts.clone().unwrap_or_default();
                            view! {
                                <tr data-testid="recent-import" data-applied=i.applied_at.is_some().to_string()>
                                    <td>{crate::ui::estate_time(i.uploaded_at)}</td>
                                    <td>{i.file_name.clone()}</td>
                                    <td>{i.uploaded_by.clone()}</td>
                                    <td>{match i.applied_at {
                                        Some(at) => crate::ui::estate_time(at).into_any(),
                                        None => view! { <span class="muted">{tr(Msg::PreviewedOnly)}</span> }.into_any(),
                                    }}</td>
                                    <td>{c.units_new}</td>
                                    <td>{c.units_changed}</td>
                                    <td>{c.households_new}</td>
                                    <td>{c.households_changed}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

#[component]
fn ReportCard(report: ImportReport, busy: RwSignal<bool>, on_apply: Callback<()>) -> impl IntoView {
    let lang = use_i18n().lang;
    let c = report.counts.clone();
    let problems = report.problems.clone();
    let n = problems.len();
    let applied = report.applied;
    let removed = report.removed.clone();
    let lines = [
        (Msg::CountRows, c.rows),
        (Msg::CountClustersNew, c.clusters_new),
        (Msg::CountBuildingsNew, c.buildings_new),
        (Msg::CountUnitsNew, c.units_new),
        (Msg::CountUnitsChanged, c.units_changed),
        (Msg::CountUnitsUnchanged, c.units_unchanged),
        (Msg::CountUnitsRemoved, c.units_removed),
        (Msg::CountHouseholdsNew, c.households_new),
        (Msg::CountHouseholdsChanged, c.households_changed),
        (Msg::CountHouseholdsUnchanged, c.households_unchanged),
        (Msg::CountHouseholdsRemoved, c.households_removed),
        (Msg::CountOverwrites, c.overwrites),
    ];
    let millis = report.millis;
    view! {
        <section class="card" data-testid="import-report" data-applied=applied.to_string()>
            {if n > 0 {
                view! {
                    <p class="error" role="alert" data-testid="problem-count">{move || Msg::ImportProblems.with(lang.get(), n)}</p>
                    <table class="grid" data-testid="problems">
                        <thead><tr>
                            <th>{tr(Msg::RowCol)}</th><th>{tr(Msg::ColumnCol)}</th><th>{tr(Msg::ProblemCol)}</th>
                        </tr></thead>
                        <tbody>
                            {problems.into_iter().map(|p| {
                                let row = p.row;
                                let problem = p.problem.clone();
                                view! {
                                    <tr data-testid="problem" data-row=row.map(|r| r.to_string()).unwrap_or_default()>
                                        <td>{move || row.map(|r| r.to_string()).unwrap_or_else(|| tr(Msg::WholeFile)().to_owned())}</td>
                                        <td>{p.column.clone().unwrap_or_default()}</td>
                                        <td>{move || problem.text(lang.get())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            } else {
                view! {
                    <h2 data-testid="import-status">{if applied { tr(Msg::ImportDone) } else { tr(Msg::ImportReady) }}</h2>
                    <ul class="counts" data-testid="import-counts">
                        {lines.into_iter().filter(|(_, v)| *v > 0).map(|(m, v)| view! {
                            <li><span>{tr(m)}</span>" "<strong>{v}</strong></li>
                        }).collect_view()}
                    </ul>
                    {(!removed.is_empty()).then(|| view! {
                        <p><strong>{tr(Msg::UnitsToRemove)}</strong></p>
                        <p class="muted" data-testid="units-removed">{removed.join("，")}</p>
                    })}
                    <p class="muted">{move || Msg::TookMillis.with(lang.get(), millis)}</p>
                    {(!applied).then(|| view! {
                        <div class="actions">
                            <button class="btn primary" data-testid="apply" disabled=move || busy.get()
                                on:click=move |_| on_apply.run(())>
                                {tr(Msg::ApplyImport)}
                            </button>
                        </div>
                    })}
                }.into_any()
            }}
        </section>
    }
}
