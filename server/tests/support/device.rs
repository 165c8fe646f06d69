//! A simulated device: a signed-in session, a device id, an outbox with rising sequences, a
//! cursor and a local copy of the records — what the browser keeps, minus the browser.

use super::{json, session_cookie, TestApp};
use app::domain::follow_up::FollowUp;
use app::sync::machine::{Command, Event, Halt, LocalState, PullAnswer, PushAnswer, SyncLoop};
use app::sync::{Mutation, Op, Outcome, PullResponse, PushResponse, Record};
use axum::http::StatusCode;
use std::collections::BTreeMap;
use uuid::Uuid;

pub struct Device {
    pub username: String,
    pub cookie: String,
    pub device_id: Uuid,
    pub user_id: Uuid,
    pub clusters: Vec<app::domain::ClusterId>,
    pub next_seq: i64,
    pub outbox: Vec<Mutation>,
    pub cursor: i64,
    pub scope_hash: Option<String>,
    pub records: BTreeMap<Uuid, FollowUp>,
    /// Checklist runs and template versions pulled.
    pub runs: BTreeMap<Uuid, app::domain::checklist::Run>,
    pub templates: BTreeMap<Uuid, app::domain::checklist::Template>,
    /// Units of the user's clusters.
    pub units: BTreeMap<Uuid, app::domain::unit::Unit>,
    /// Households of the user's clusters.
    pub households: BTreeMap<Uuid, app::domain::household::Household>,
    /// Visit notes of the user's clusters.
    pub visits: BTreeMap<Uuid, app::domain::visit::Visit>,
    /// Complaints of the user's clusters.
    pub complaints: BTreeMap<Uuid, app::domain::complaint::Complaint>,
    /// Units' arrears (butlers, office).
    pub arrears: BTreeMap<Uuid, app::domain::collection::Arrears>,
    /// Fee-collection contacts.
    pub contacts: BTreeMap<Uuid, app::domain::collection::CollectionContact>,
    /// Places of the user's clusters.
    pub places: BTreeMap<Uuid, app::domain::place::Place>,
    /// Notices on their boards.
    pub notices: BTreeMap<Uuid, app::domain::place::Notice>,
    /// Documents' deliveries.
    pub deliveries: BTreeMap<Uuid, app::domain::document::Delivery>,
    /// Community activities.
    pub activities: BTreeMap<Uuid, app::domain::activity::Activity>,
    /// Outcomes the server returned, by sequence.
    pub outcomes: BTreeMap<i64, Outcome>,
}

/// How a push went.
#[derive(Debug)]
pub enum PushResult {
    Ok(PushResponse),
    Status(StatusCode, serde_json::Value),
}

impl PushResult {
    /// What became of each mutation, in order (a failed push panics with its status).
    pub fn verdicts(self) -> Vec<app::sync::Verdict> {
        match self {
            PushResult::Ok(r) => r.outcomes.into_iter().map(|o| o.verdict).collect(),
            PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
        }
    }
}

impl Device {
    pub async fn sign_in(app: &TestApp, username: &str) -> Device {
        let res = app
            .post_json(
                "/api/v1/auth/sign-in",
                serde_json::json!({ "username": username, "password": "demo1234" }),
                None,
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{username} signs in");
        let cookie = session_cookie(&res).expect("cookie");
        let body = json(res).await;
        Device {
            username: username.into(),
            cookie,
            device_id: body["device_id"]
                .as_str()
                .expect("device")
                .parse()
                .expect("uuid"),
            user_id: body["user"]["id"]
                .as_str()
                .expect("user")
                .parse()
                .expect("uuid"),
            clusters: serde_json::from_value(
                body["user"]["clusters"]
                    .as_array()
                    .map(|a| a.iter().map(|c| c["id"].clone()).collect::<Vec<_>>())
                    .map(serde_json::Value::Array)
                    .unwrap_or_default(),
            )
            .expect("clusters"),
            next_seq: 1,
            outbox: vec![],
            cursor: 0,
            scope_hash: None,
            records: BTreeMap::new(),
            runs: BTreeMap::new(),
            templates: BTreeMap::new(),
            units: BTreeMap::new(),
            households: BTreeMap::new(),
            visits: BTreeMap::new(),
            complaints: BTreeMap::new(),
            arrears: BTreeMap::new(),
            contacts: BTreeMap::new(),
            places: BTreeMap::new(),
            notices: BTreeMap::new(),
            deliveries: BTreeMap::new(),
            activities: BTreeMap::new(),
            outcomes: BTreeMap::new(),
        }
    }

    /// Signs in again on the same device (a new session, e.g. after expiry).
    pub async fn sign_in_again(&mut self, app: &TestApp) {
        let res = app
            .post_json(
                "/api/v1/auth/sign-in",
                serde_json::json!({ "username": self.username, "password": "demo1234",
                                    "device_id": self.device_id }),
                None,
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        self.cookie = session_cookie(&res).expect("cookie");
        assert_eq!(
            json(res).await["device_id"],
            self.device_id.to_string().as_str()
        );
    }

    /// Queues an intent (what a tap does, minus IndexedDB).
    pub fn queue(&mut self, op: Op) -> Uuid {
        let m = Mutation::new(self.next_seq, op);
        self.next_seq += 1;
        let id = m.id;
        self.outbox.push(m);
        id
    }

    /// The push request body for the whole outbox.
    pub fn push_body(&self) -> serde_json::Value {
        serde_json::json!({
            "protocol": app::sync::PROTOCOL_VERSION,
            "device_id": self.device_id,
            "mutations": self.outbox,
        })
    }

    /// Pushes the outbox; on success the settled entries leave it.
    pub async fn push(&mut self, app: &TestApp) -> PushResult {
        if self.outbox.is_empty() {
            return PushResult::Ok(PushResponse {
                outcomes: vec![],
                last_seq: self.next_seq - 1,
                server_time: chrono::Utc::now(),
            });
        }
        let res = app
            .post_json("/api/v1/sync/push", self.push_body(), Some(&self.cookie))
            .await;
        let status = res.status();
        let body = json(res).await;
        if status != StatusCode::OK {
            return PushResult::Status(status, body);
        }
        let response: PushResponse = serde_json::from_value(body).expect("push response");
        self.settle(&response);
        PushResult::Ok(response)
    }

    /// Pushes through a layer that lets the server commit and then loses the answer (a
    /// connection cut after the commit): the device learns nothing.
    pub async fn push_and_lose_the_answer(&self, app: &TestApp) {
        use axum::middleware::{from_fn, Next};
        use tower::ServiceExt;
        let router = app.router.clone().layer(from_fn(
            |req: axum::http::Request<axum::body::Body>, next: Next| async move {
                let _committed = next.run(req).await;
                StatusCode::BAD_GATEWAY
            },
        ));
        let req = axum::http::Request::post("/api/v1/sync/push")
            .header("content-type", "application/json")
            .header("cookie", &self.cookie)
            .body(axum::body::Body::from(self.push_body().to_string()))
            .expect("request");
        let res = router.oneshot(req).await.expect("infallible");
        assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
    }

    /// Removes what the server has answered for.
    pub fn settle(&mut self, response: &PushResponse) {
        for o in &response.outcomes {
            self.outcomes.insert(o.seq, o.clone());
        }
        self.outbox.retain(|m| m.seq > response.last_seq);
    }

    pub async fn pull_page(
        &mut self,
        app: &TestApp,
        limit: u32,
    ) -> Result<PullResponse, (StatusCode, serde_json::Value)> {
        let res = app
            .get(
                &format!(
                    "/api/v1/sync/pull?cursor={}&limit={limit}&protocol={}",
                    self.cursor,
                    app::sync::PROTOCOL_VERSION
                ),
                Some(&self.cookie),
            )
            .await;
        let status = res.status();
        let body = json(res).await;
        if status != StatusCode::OK {
            return Err((status, body));
        }
        let page: PullResponse = serde_json::from_value(body).expect("pull response");
        Ok(page)
    }

    /// Applies a pulled page: records replaced whole, tombstones removed, cursor advanced.
    pub fn apply_page(&mut self, page: &PullResponse) {
        if self.scope_hash.as_deref() != Some(page.scope.hash.as_str()) && self.scope_hash.is_some()
        {
            // The scope changed: start again from 0 (the caller pulls again).
            self.scope_hash = Some(page.scope.hash.clone());
            self.cursor = 0;
            self.clear_records();
            return;
        }
        self.put_changes(page);
        self.outbox.retain(|m| m.seq > page.last_seq);
    }

    fn clear_records(&mut self) {
        self.records.clear();
        self.runs.clear();
        self.templates.clear();
        self.units.clear();
        self.households.clear();
        self.visits.clear();
        self.complaints.clear();
        self.arrears.clear();
        self.contacts.clear();
        self.places.clear();
        self.notices.clear();
        self.deliveries.clear();
        self.activities.clear();
    }

    /// A page's records replaced whole or removed; the cursor and scope advanced.
    fn put_changes(&mut self, page: &PullResponse) {
        self.scope_hash = Some(page.scope.hash.clone());
        for c in &page.changes {
            match &c.record {
                Some(Record::FollowUp(f)) => {
                    self.records.insert(c.id, f.clone());
                }
                Some(Record::Run(r)) => {
                    self.runs.insert(c.id, r.clone());
                }
                Some(Record::Template(t)) => {
                    self.templates.insert(c.id, t.clone());
                }
                Some(Record::Unit(u)) => {
                    self.units.insert(c.id, u.clone());
                }
                Some(Record::Household(h)) => {
                    self.households.insert(c.id, h.clone());
                }
                Some(Record::Visit(v)) => {
                    self.visits.insert(c.id, v.clone());
                }
                Some(Record::Complaint(x)) => {
                    self.complaints.insert(c.id, x.clone());
                }
                Some(Record::Arrears(x)) => {
                    self.arrears.insert(c.id, x.clone());
                }
                Some(Record::Collection(x)) => {
                    self.contacts.insert(c.id, x.clone());
                }
                Some(Record::Place(x)) => {
                    self.places.insert(c.id, x.clone());
                }
                Some(Record::Notice(x)) => {
                    self.notices.insert(c.id, x.clone());
                }
                Some(Record::Delivery(x)) => {
                    self.deliveries.insert(c.id, x.clone());
                }
                Some(Record::Activity(x)) => {
                    self.activities.insert(c.id, x.clone());
                }
                // A tombstone removes the record, whatever its kind (as the browser does).
                None => {
                    self.records.remove(&c.id);
                    self.runs.remove(&c.id);
                    self.units.remove(&c.id);
                    self.households.remove(&c.id);
                    self.visits.remove(&c.id);
                    self.complaints.remove(&c.id);
                    self.arrears.remove(&c.id);
                    self.contacts.remove(&c.id);
                    self.places.remove(&c.id);
                    self.notices.remove(&c.id);
                    self.deliveries.remove(&c.id);
                    self.activities.remove(&c.id);
                }
            }
            // The browser keeps every kind in one store keyed by the record's id: two kinds
            // sharing an id would overwrite each other there.
            let held = [
                self.records.contains_key(&c.id),
                self.runs.contains_key(&c.id),
                self.templates.contains_key(&c.id),
                self.units.contains_key(&c.id),
                self.households.contains_key(&c.id),
                self.visits.contains_key(&c.id),
                self.complaints.contains_key(&c.id),
                self.arrears.contains_key(&c.id),
                self.contacts.contains_key(&c.id),
                self.places.contains_key(&c.id),
                self.notices.contains_key(&c.id),
                self.deliveries.contains_key(&c.id),
                self.activities.contains_key(&c.id),
            ]
            .into_iter()
            .filter(|h| *h)
            .count();
            assert!(held <= 1, "two kinds of record share the id {}", c.id);
        }
        self.cursor = page.next_cursor;
    }

    /// One sync as the browser makes it: the app's own state machine
    /// (`app::sync::machine::SyncLoop`) decides every step, and this carries its commands out
    /// against the real router, with this device's maps as the local store. How it ended:
    /// `Ok(changed)` or the machine's reason to stop.
    pub async fn sync_as_browser(&mut self, app: &TestApp) -> Result<bool, Halt> {
        let (mut machine, mut command) = SyncLoop::start(app::domain::DeviceId(self.device_id));
        loop {
            let event = match command {
                Command::ReadLocal => Event::LocalRead(LocalState {
                    outbox: self.outbox.clone(),
                    cursor: self.cursor,
                    first_sync: self.cursor == 0,
                    scope_hash: self.scope_hash.clone(),
                }),
                Command::Push(request) => {
                    let body = serde_json::to_value(&request).expect("push body");
                    let res = app
                        .post_json("/api/v1/sync/push", body, Some(&self.cookie))
                        .await;
                    let status = res.status().as_u16();
                    let body = json(res).await;
                    Event::PushAnswered(match status {
                        200 => PushAnswer::Taken(serde_json::from_value(body).expect("answer")),
                        409 => PushAnswer::Gap(body["expected_seq"].as_i64()),
                        s => PushAnswer::Status(s),
                    })
                }
                Command::SettlePush { response, .. } => {
                    for o in response.outcomes {
                        self.outcomes.insert(o.seq, o);
                    }
                    Event::Stored
                }
                Command::Pull { cursor } => {
                    let url = format!(
                        "/api/v1/sync/pull?cursor={cursor}&limit=100&protocol={}",
                        app::sync::PROTOCOL_VERSION
                    );
                    let res = app.get(&url, Some(&self.cookie)).await;
                    let status = res.status().as_u16();
                    let body = json(res).await;
                    Event::PageReceived(match status {
                        200 => PullAnswer::Page(serde_json::from_value(body).expect("page")),
                        s => PullAnswer::Status(s),
                    })
                }
                Command::StorePage {
                    page,
                    outbox,
                    reset,
                } => {
                    if reset {
                        self.clear_records();
                    }
                    self.put_changes(&page);
                    if !page.has_more {
                        let settled: Vec<i64> = outbox
                            .iter()
                            .filter(|m| m.seq <= page.last_seq)
                            .map(|m| m.seq)
                            .collect();
                        self.outbox.retain(|m| !settled.contains(&m.seq));
                    }
                    Event::Stored
                }
                Command::ResetCursor => {
                    self.cursor = 0;
                    self.scope_hash = None;
                    Event::Stored
                }
                Command::Finish { changed, .. } => return Ok(changed),
                Command::Stop(halt) => return Err(halt),
            };
            command = machine.step(event);
        }
    }

    /// Pulls until there is no more.
    pub async fn pull_all(&mut self, app: &TestApp) {
        loop {
            let page = self.pull_page(app, 100).await.expect("pull");
            self.apply_page(&page);
            if !page.has_more {
                break;
            }
        }
    }

    /// Pushes, and answers a 409 by resending from the expected sequence (what the loop does).
    pub async fn sync(&mut self, app: &TestApp) {
        match self.push(app).await {
            PushResult::Ok(_) => {}
            PushResult::Status(s, body) => panic!("{} push failed: {s} {body}", self.username),
        }
        self.pull_all(app).await;
    }
}

impl Device {
    /// A new follow-up in this device's first cluster, for engineering, with `photos`.
    pub fn new_follow_up(
        &self,
        title: &str,
        photos: Vec<String>,
    ) -> (app::domain::follow_up::FollowUpId, Op) {
        let id = app::domain::follow_up::FollowUpId(Uuid::now_v7());
        let op = Op::CreateFollowUp {
            id,
            cluster_id: self.clusters[0],
            place: "3-2-1201".into(),
            source: "巡查".into(),
            title: title.into(),
            department: app::domain::Department::Engineering,
            due_date: None,
            origin: None,
            photos,
            household: None,
            facility: None,
        };
        (id, op)
    }
}
