//! Documents to customers for the office (issue 19): issuing a document to a set of
//! households (`POST /api/v1/documents`: the clusters, perhaps some buildings, and who — every
//! household, those moved in, those not, key customers), one delivery per unit made and
//! published to its cluster's butlers in one transaction; a preview counts them first. The
//! browser makes the document's id, so a retry issues it once.

use crate::auth::Authenticated;
use crate::db;
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::document::{
    Audience, Delivery, DeliveryId, Document, IssueProblem, IssueRefusal, IssueRequest,
    IssueResponse, MAX_HOUSEHOLDS,
};
use app::domain::household::{Household, Relation};
use app::domain::unit::{Occupancy, Unit};
use app::domain::UserId;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap, HashSet};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(issue))
}

/// The deliveries a request makes, from the estate's units and households; or why none.
pub fn plan(
    req: &IssueRequest,
    known_clusters: &HashSet<app::domain::ClusterId>,
    units: &[Unit],
    households: &[Household],
    by: UserId,
    at: DateTime<Utc>,
) -> Result<Vec<Delivery>, IssueRefusal> {
    let refuse = |problem| IssueRefusal {
        problem,
        buildings: vec![],
    };
    req.check().map_err(refuse)?;
    if req.clusters.iter().any(|c| !known_clusters.contains(c)) {
        return Err(refuse(IssueProblem::Clusters));
    }
    let chosen: HashSet<_> = req.clusters.iter().copied().collect();
    let units: Vec<&Unit> = units
        .iter()
        .filter(|u| chosen.contains(&u.cluster_id))
        .collect();
    let buildings: BTreeSet<String> = req
        .buildings
        .iter()
        .map(|b| b.trim().to_owned())
        .filter(|b| !b.is_empty())
        .collect();
    let present: HashSet<&str> = units.iter().map(|u| u.building.as_str()).collect();
    let unknown: Vec<String> = buildings
        .iter()
        .filter(|b| !present.contains(b.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(IssueRefusal {
            problem: IssueProblem::Buildings,
            buildings: unknown,
        });
    }
    let mut of_unit: HashMap<_, Vec<&Household>> = HashMap::new();
    for h in households {
        of_unit.entry(h.unit_id).or_default().push(h);
    }
    let document = Document {
        id: req.id,
        kind: req.kind,
        title: req.title.trim().to_owned(),
        explanation: req.explanation.trim().to_owned(),
        date: req.date,
        issued_by: by,
        issued_at: at,
    };
    let mut out = Vec::new();
    for u in units {
        if !buildings.is_empty() && !buildings.contains(&u.building) {
            continue;
        }
        let hs = of_unit.get(&u.id).map(Vec::as_slice).unwrap_or(&[]);
        // Addressed to the owner (the first in the ledger), else whoever lives there.
        let addressee = hs
            .iter()
            .find(|h| h.relation == Relation::Owner)
            .or_else(|| hs.first());
        let key_customer = hs.iter().any(|h| h.key_customer);
        let moved_in = u.state_on(req.date) == Some(Occupancy::Occupied);
        let wanted = match req.audience {
            Audience::All => true,
            Audience::MovedIn => moved_in,
            Audience::NotMovedIn => !moved_in,
            Audience::KeyCustomers => key_customer,
        };
        if !wanted {
            continue;
        }
        if out.len() == MAX_HOUSEHOLDS {
            return Err(refuse(IssueProblem::TooMany));
        }
        out.push(Delivery {
            id: DeliveryId(uuid::Uuid::now_v7()),
            document: document.clone(),
            cluster_id: u.cluster_id,
            unit_id: u.id,
            unit: u.code(),
            household_id: addressee.map(|h| h.id),
            name: addressee.map(|h| h.name.clone()).unwrap_or_default(),
            key_customer,
            moved_in,
            attempts: vec![],
            posting: None,
            calls: vec![],
        });
    }
    if out.is_empty() {
        return Err(refuse(IssueProblem::Nobody));
    }
    Ok(out)
}

fn counts(ds: &[Delivery], issued: bool) -> IssueResponse {
    IssueResponse {
        households: ds.len() as u32,
        not_moved_in: ds.iter().filter(|d| !d.moved_in).count() as u32,
        key_customers: ds.iter().filter(|d| d.key_customer).count() as u32,
        issued,
    }
}

/// Issues a document to households, or counts them (`preview`) (office). Each household's
/// delivery reaches its cluster's butlers with their next sync. The same id again issues
/// nothing more.
#[utoipa::path(post, path = "/documents", tag = "documents", request_body = IssueRequest,
    responses((status = 200, description = "Issued, or counted: how many households.", body = IssueResponse), (status = 422, description = "Refused, nothing issued: why.", body = IssueRefusal)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn issue(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(req): Json<IssueRequest>,
) -> Result<Response, ApiError> {
    session.require_office()?;
    let by = session.user.id;
    let device = session.device_id.0;
    let out = state
        .db
        .write(move |tx| {
            let already = db::document::households_of_document(tx, req.id)?;
            if already > 0 {
                let ds = db::document::deliveries_of_document(tx, req.id)?;
                return Ok(Ok(counts(&ds, false)));
            }
            let clusters = db::sync::cluster_ids(tx)?;
            let mut units = Vec::new();
            let mut households = Vec::new();
            for c in req
                .clusters
                .iter()
                .filter(|c| clusters.contains(c))
                .take(100)
            {
                units.extend(db::unit::units(tx, Some(*c))?);
                households.extend(db::household::households(tx, Some(*c))?);
            }
            let now = Utc::now();
            let ds = match plan(&req, &clusters, &units, &households, by, now) {
                Ok(ds) => ds,
                Err(refusal) => return Ok(Err(refusal)),
            };
            if req.preview {
                return Ok(Ok(counts(&ds, false)));
            }
            let now_text = db::instant_text(now);
            for d in &ds {
                db::document::save_delivery(tx, d, &now_text)?;
            }
            db::audit::record(
                tx,
                &db::audit::Audit {
                    user: Some(by),
                    device: Some(device),
                    source: app::estate::audit::AuditSource::Office,
                    kind: "delivery",
                    record: req.id.to_string(),
                    action: "create",
                    detail: format!(
                        "发放文件“{}”（{}）：{} 户",
                        req.title.trim(),
                        req.date,
                        ds.len()
                    ),
                    change: None,
                },
                &now_text,
            )?;
            Ok(Ok(counts(&ds, true)))
        })
        .await?;
    Ok(match out {
        Ok(r) => Json(r).into_response(),
        Err(refusal) => (StatusCode::UNPROCESSABLE_ENTITY, Json(refusal)).into_response(),
    })
}
