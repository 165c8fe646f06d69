//! Wire types of the office's checklist API (`/api/v1/templates`, `/api/v1/patrol/*`): the
//! template editor, the patrol register and its export, a run's detail, today's board.

use crate::domain::checklist::{BoardLine, Purpose, Run, Schedule, Section, Template};
use crate::domain::follow_up::FollowUp;
use crate::domain::{ClusterId, RunId, TemplateId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/templates`: publish a template's next version (or a new template). Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TemplateDraft {
    /// The template edited; `None` for a new one.
    #[serde(default)]
    pub id: Option<TemplateId>,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub purpose: Purpose,
    /// How often it is due.
    pub schedule: Schedule,
    /// The clusters it applies to; empty: all.
    #[serde(default)]
    pub clusters: Vec<ClusterId>,
    /// Sections and items.
    pub sections: Vec<Section>,
    /// Offered for new runs.
    pub active: bool,
    /// Check-ins required at its places before a run finishes.
    #[serde(default)]
    pub scans_required: bool,
}

impl TemplateDraft {
    /// A draft that edits `t`.
    pub fn of(t: &Template) -> TemplateDraft {
        TemplateDraft {
            id: Some(t.id),
            name: t.name.clone(),
            purpose: t.purpose,
            schedule: t.schedule,
            clusters: t.clusters.clone(),
            sections: t.sections.clone(),
            active: t.active,
            scans_required: t.scans_required,
        }
    }
}

/// The register's filters (`GET /api/v1/patrol/register?…`, `…/register.xlsx?…`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct RegisterQuery {
    /// First estate date.
    #[serde(default, deserialize_with = "crate::domain::time::bounded_date")]
    pub from: Option<NaiveDate>,
    /// Last estate date.
    #[serde(default, deserialize_with = "crate::domain::time::bounded_date")]
    pub to: Option<NaiveDate>,
    /// One cluster.
    #[serde(default)]
    pub cluster: Option<ClusterId>,
    /// One butler.
    #[serde(default)]
    pub butler: Option<UserId>,
    /// One template.
    #[serde(default)]
    pub template: Option<TemplateId>,
    /// Only runs with findings.
    #[serde(default)]
    pub failures: bool,
}

impl RegisterQuery {
    /// As a query string (without `?`).
    pub fn to_query(&self) -> String {
        let mut parts = vec![];
        if let Some(d) = self.from {
            parts.push(format!("from={d}"));
        }
        if let Some(d) = self.to {
            parts.push(format!("to={d}"));
        }
        if let Some(c) = self.cluster {
            parts.push(format!("cluster={c}"));
        }
        if let Some(u) = self.butler {
            parts.push(format!("butler={u}"));
        }
        if let Some(t) = self.template {
            parts.push(format!("template={t}"));
        }
        if self.failures {
            parts.push("failures=true".into());
        }
        parts.join("&")
    }
}

/// One line of the patrol register (组团巡查登记表). Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RegisterRow {
    /// The run.
    pub run: RunId,
    /// Its estate date.
    pub date: NaiveDate,
    /// Where.
    pub cluster_id: ClusterId,
    /// Who.
    pub butler: UserId,
    /// Which template.
    pub template_id: TemplateId,
    /// Its name then.
    pub template_name: String,
    /// The version it kept.
    pub version_no: i64,
    /// What kind of run.
    pub purpose: Purpose,
    /// Started (server time).
    pub started_at: DateTime<Utc>,
    /// Finished, if it is.
    pub finished_at: Option<DateTime<Utc>>,
    /// Items answered.
    pub answered: u32,
    /// Items in all.
    pub items: u32,
    /// Findings.
    pub failures: u32,
    /// Follow-ups handed on.
    pub follow_ups: u32,
    /// Photos taken.
    pub photos: u32,
    /// Places checked in at (issue 18).
    #[serde(default)]
    pub scans: u32,
    /// Of which typed (手输).
    #[serde(default)]
    pub scans_typed: u32,
    /// Of which doubtful: too fast from the one before, or far from the place.
    #[serde(default)]
    pub scans_doubtful: u32,
    /// Places its template requires a check-in at that it has none at.
    #[serde(default)]
    pub scans_missing: u32,
}

impl RegisterRow {
    /// The register's line for a run on its template, with the estate's places (for the
    /// check-ins' doubts and the places a template requires).
    pub fn of(
        run: &Run,
        template: &Template,
        places: &[crate::domain::place::Place],
    ) -> RegisterRow {
        let (answered, items) = run.progress(template);
        let position_of = |id| places.iter().find(|p| p.id == id).and_then(|p| p.position);
        let scans = crate::domain::checklist::scan_summary(&run.scans, position_of);
        let scans_missing = if template.scans_required {
            crate::domain::checklist::unscanned(run, places).len() as u32
        } else {
            0
        };
        RegisterRow {
            run: run.id,
            date: run.date,
            cluster_id: run.cluster_id,
            butler: run.butler,
            template_id: run.template_id,
            template_name: run.template_name.clone(),
            version_no: run.version_no,
            purpose: run.purpose,
            started_at: run.started_at,
            finished_at: run.finished_at,
            answered: answered as u32,
            items: items as u32,
            failures: run.failures(template) as u32,
            follow_ups: run.follow_ups().len() as u32,
            photos: run.results.iter().map(|r| r.photos.len() as u32).sum(),
            scans: scans.scans,
            scans_typed: scans.typed,
            scans_doubtful: scans.doubtful,
            scans_missing,
        }
    }
}

/// `GET /api/v1/patrol/runs/{id}`: a run with its template version and the follow-ups it
/// handed on. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RunDetail {
    /// The run.
    pub run: Run,
    /// The version it kept.
    pub template: Template,
    /// The follow-ups it handed on, as they stand.
    pub follow_ups: Vec<FollowUp>,
}

/// `GET /api/v1/patrol/today`: the board of today's scheduled rounds. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TodayBoard {
    /// Today, in the estate's calendar.
    pub date: NaiveDate,
    /// One line per cluster and template due.
    pub lines: Vec<BoardLine>,
}
