//! Complaints (issue 16) through the real router on a real SQLite file: taken offline and
//! pushed with the follow-up a valid judgement hands to the department; closed only with a
//! reply and a signature or a refusal, and only once the follow-up is resolved; another
//! cluster's butler neither sees nor changes it; the lead of the department it is against
//! reads it (other department staff do not receive it); apps of an older protocol do not receive
//! complaints; the register's .xlsx lists it with its response time and flags a repeat.

mod support;

use app::domain::complaint::{
    Agreement, Complaint, ComplaintCategory, ComplaintChannel, ComplaintId, Judgement, SignOff,
    Urgency,
};
use app::domain::follow_up::{FollowUpId, FollowUpStatus};
use app::domain::household::Household;
use app::domain::Department;
use app::sync::{Op, Reason, Verdict};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use support::device::{Device, PushResult};
use support::{applied, json, TestApp};
use uuid::Uuid;

fn take(h: &Household, received: chrono::DateTime<Utc>) -> (ComplaintId, Op) {
    let id = ComplaintId(Uuid::now_v7());
    let op = Op::TakeComplaint {
        id,
        cluster_id: h.cluster_id,
        household: Some(h.id),
        complainant: String::new(),
        place: String::new(),
        channel: ComplaintChannel::OnSite,
        said: "夜里车库出口道闸一直响，吵得睡不着".into(),
        category: ComplaintCategory::Security,
        urgency: Urgency::Urgent,
        photos: vec![],
        received_at: received,
        reached_at: Some(received + Duration::minutes(18)),
    };
    (id, op)
}

fn signature() -> SignOff {
    SignOff::Signed {
        signer: "业主本人".into(),
        image: "b".repeat(64),
        strokes: vec![
            (0..12).map(|i| (100 + i * 20, 400)).collect(),
            (0..12).map(|i| (150 + i * 15, 500 + i)).collect(),
        ],
    }
}

fn verdict(r: PushResult, n: usize) -> Verdict {
    match r {
        PushResult::Ok(r) => r.outcomes[n].verdict.clone(),
        PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
    }
}

/// A household of `d`'s first cluster with no demo complaints.
fn quiet_household(d: &Device) -> Household {
    d.households
        .values()
        .filter(|h| h.cluster_id == d.clusters[0])
        .find(|h| d.complaints.values().all(|c| c.household != Some(h.id)))
        .cloned()
        .expect("a household without complaints")
}

#[tokio::test]
async fn a_valid_complaint_goes_to_its_department_and_closes_with_the_signature_once_resolved() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    let mut guard = Device::sign_in(&app, "zhouyong").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    li.pull_all(&app).await;
    let seeded = wang.complaints.len();
    assert!(seeded > 0, "the demo estate has a past of complaints");
    assert!(
        wang.complaints
            .values()
            .all(|c| wang.clusters.contains(&c.cluster_id)),
        "a butler receives only the complaints of their clusters"
    );
    let h = quiet_household(&wang);
    let received = Utc::now() - Duration::hours(2);
    let (id, op) = take(&h, received);
    wang.queue(op);
    let follow_up = FollowUpId(Uuid::now_v7());
    wang.queue(Op::CreateFollowUp {
        id: follow_up,
        cluster_id: h.cluster_id,
        place: h.unit_code.clone(),
        source: "客户投诉".into(),
        title: "夜里车库出口道闸一直响".into(),
        department: Department::Security,
        due_date: None,
        origin: None,
        photos: vec![],
        household: Some(h.id),
        facility: None,
    });
    wang.queue(Op::JudgeComplaint {
        id,
        judgement: Judgement::Valid {
            department: Department::Security,
            person: "夜班岗".into(),
            solution: "检修道闸，夜间调低提示音".into(),
            follow_up: Some(follow_up),
        },
    });
    wang.queue(Op::ReplyComplaint {
        id,
        text: "已安排检修道闸".into(),
        at: Utc::now() - Duration::minutes(5),
        agreement: Agreement::Satisfied,
    });
    applied(wang.push(&app).await);

    // Another cluster's butler cannot see it or change it.
    li.pull_all(&app).await;
    assert!(!li.complaints.contains_key(&id.0));
    li.queue(Op::ReachComplaint { id, at: Utc::now() });
    assert_eq!(
        verdict(li.push(&app).await, 0),
        Verdict::Refused {
            reason: Reason::OutOfScope
        }
    );
    // The security lead receives the follow-up and, read-only, the complaint against security;
    // the engineering lead does not receive it.
    guard.pull_all(&app).await;
    assert!(guard.records.contains_key(&follow_up.0));
    assert!(
        guard.complaints.contains_key(&id.0),
        "the security lead sees the complaint against security"
    );
    assert!(guard
        .complaints
        .values()
        .all(|c| c.department() == Some(Department::Security)));
    guard.queue(Op::ReachComplaint { id, at: Utc::now() });
    assert!(
        matches!(verdict(guard.push(&app).await, 0), Verdict::Refused { .. }),
        "a lead reads complaints, and changes none"
    );
    let mut repairer = Device::sign_in(&app, "zhaoqiang").await;
    repairer.pull_all(&app).await;
    assert!(!repairer.complaints.contains_key(&id.0));

    // Not closed while security is still at it.
    wang.queue(Op::SignOffComplaint {
        id,
        sign_off: signature(),
        override_reason: None,
    });
    assert_eq!(
        verdict(wang.push(&app).await, 0),
        Verdict::Refused {
            reason: Reason::Invalid {
                field: "follow_up_open".into()
            }
        }
    );
    // Security assigns itself through the office, works and resolves it.
    let mut office = office;
    office.pull_all(&app).await;
    let guard_id = app::domain::UserId(guard.user_id);
    office.queue(Op::AssignFollowUp {
        id: follow_up,
        assignee: guard_id,
    });
    applied(office.push(&app).await);
    guard.pull_all(&app).await;
    for to in [FollowUpStatus::InProgress, FollowUpStatus::Resolved] {
        let version = guard.records[&follow_up.0].version;
        guard.queue(Op::SetFollowUpStatus {
            id: follow_up,
            to,
            base_version: version,
        });
        applied(guard.push(&app).await);
        guard.pull_all(&app).await;
    }
    wang.queue(Op::SignOffComplaint {
        id,
        sign_off: signature(),
        override_reason: None,
    });
    applied(wang.push(&app).await);
    wang.pull_all(&app).await;
    let c: &Complaint = &wang.complaints[&id.0];
    assert!(c.closed_at.is_some());
    assert_eq!(c.response_minutes(), Some(18));
    assert_eq!(
        c.receipt.as_deref(),
        Some(c.receipt_of(app::domain::UserId(wang.user_id)).as_str()),
        "the receipt matches what was signed"
    );
    // The receipt is on the audit trail.
    let res = app
        .get(
            &format!("/api/v1/audit?kind=complaint&record={id}"),
            Some(&office.cookie),
        )
        .await;
    let trail: Vec<app::estate::audit::AuditEntry> =
        serde_json::from_value(json(res).await).expect("trail");
    let signed = trail
        .iter()
        .find(|e| e.action == "sign_off_complaint")
        .expect("the sign-off on the trail");
    assert_eq!(
        signed.detail_text(app::i18n::Lang::ZhCn),
        format!("签收凭证 {}", c.receipt.clone().expect("receipt"))
    );

    // The register's spreadsheet lists it with its response time.
    let res = app
        .get(
            "/api/v1/complaints/register.xlsx?category=security&closed=true",
            Some(&office.cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    let rows = read_sheet(&bytes);
    let row = rows
        .iter()
        .find(|r| r[8] == "夜里车库出口道闸一直响，吵得睡不着" && r[3] == h.unit_code)
        .expect("the complaint's row");
    assert_eq!(row[10], "18");
    assert_eq!(row[11], "有效");
    assert_eq!(row[12], "安防");
    assert_eq!(row[18], "业主本人（已签字）");
    assert!(
        rows.iter().skip(1).all(|r| r[6] == "安防"),
        "filtered by category"
    );
    // The register is the office's.
    let res = app
        .get("/api/v1/complaints/register.xlsx", Some(&wang.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_admin_names_a_lead_and_only_a_lead_pulls_the_complaints_against_the_department() {
    use app::estate::staff::{StaffDraft, StaffMember};
    let app = TestApp::new().await;
    let mut lead = Device::sign_in(&app, "zhaoqiang").await;
    let mut other = Device::sign_in(&app, "sunwei").await;
    lead.pull_all(&app).await;
    other.pull_all(&app).await;
    assert!(
        !lead.complaints.is_empty(),
        "the demo's engineering lead has complaints against engineering"
    );
    assert!(lead
        .complaints
        .values()
        .all(|c| c.department() == Some(Department::Engineering)));
    assert!(other.complaints.is_empty(), "staff who are not the lead");

    // Judged against engineering, then again against security: the engineering lead's copy
    // goes, the security lead's comes, the butler and the office keep theirs.
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut guard = Device::sign_in(&app, "zhouyong").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let (id, op) = take(&quiet_household(&wang), Utc::now() - Duration::hours(1));
    wang.queue(op);
    let judged = |department| Op::JudgeComplaint {
        id,
        judgement: Judgement::Valid {
            department,
            person: String::new(),
            solution: "当天处理".into(),
            follow_up: None,
        },
    };
    wang.queue(judged(Department::Engineering));
    applied(wang.push(&app).await);
    lead.pull_all(&app).await;
    assert!(lead.complaints.contains_key(&id.0));
    wang.queue(judged(Department::Security));
    applied(wang.push(&app).await);
    for d in [&mut lead, &mut guard, &mut office, &mut wang] {
        d.pull_all(&app).await;
    }
    assert!(
        !lead.complaints.contains_key(&id.0),
        "no longer against engineering"
    );
    assert_eq!(
        guard.complaints[&id.0].department(),
        Some(Department::Security)
    );
    assert_eq!(
        office.complaints[&id.0].department(),
        Some(Department::Security)
    );
    assert_eq!(
        wang.complaints[&id.0].department(),
        Some(Department::Security)
    );
    let against = lead.complaints.len();
    let follow_ups = lead.records.len();

    // The admin makes 孙伟 the lead and 赵强 not; a butler marked lead is stored as not.
    let (_, admin, _) = app.sign_in("admin", "demo1234").await;
    let admin = admin.expect("cookie");
    let res = app.get("/api/v1/staff", Some(&admin)).await;
    let all: Vec<StaffMember> = serde_json::from_value(json(res).await).expect("staff");
    for (username, lead) in [("sunwei", true), ("zhaoqiang", false), ("wangjing", true)] {
        let m = all.iter().find(|m| m.username == username).expect(username);
        let draft = StaffDraft { lead, ..m.draft() };
        let res = app
            .post_json(
                &format!("/api/v1/staff/{}", m.id),
                serde_json::to_value(&draft).expect("draft"),
                Some(&admin),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{username}");
    }
    let res = app.get("/api/v1/staff", Some(&admin)).await;
    let all: Vec<StaffMember> = serde_json::from_value(json(res).await).expect("staff");
    let is_lead = |u: &str| all.iter().find(|m| m.username == u).expect(u).lead;
    assert!(is_lead("sunwei") && !is_lead("zhaoqiang") && !is_lead("wangjing"));

    // Their scopes changed: each phone pulls again from the start.
    for d in [&mut lead, &mut other] {
        d.pull_all(&app).await;
        d.pull_all(&app).await;
    }
    assert_eq!(other.complaints.len(), against, "the new lead has them all");
    assert!(lead.complaints.is_empty(), "no longer the lead");
    assert_eq!(
        lead.records.len(),
        follow_ups,
        "still the department's follow-ups"
    );
}

fn read_sheet(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = book.worksheet_range("投诉登记表").expect("sheet");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[tokio::test]
async fn a_refusal_closes_it_an_invalid_one_needs_a_reason_and_a_repeat_is_flagged() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let office = Device::sign_in(&app, "chenfang").await;
    wang.pull_all(&app).await;
    let h = quiet_household(&wang);
    let mut ids = vec![];
    for days in [20, 10, 1] {
        let (id, op) = take(&h, Utc::now() - Duration::days(days));
        ids.push(id);
        wang.queue(op);
    }
    wang.queue(Op::JudgeComplaint {
        id: ids[0],
        judgement: Judgement::Invalid {
            reason: "   ".into(),
        },
    });
    wang.queue(Op::JudgeComplaint {
        id: ids[0],
        judgement: Judgement::Invalid {
            reason: "属邻里纠纷，已向客户说明".into(),
        },
    });
    wang.queue(Op::ReplyComplaint {
        id: ids[0],
        text: "已说明物业的职责范围".into(),
        at: Utc::now(),
        agreement: Agreement::Accepted,
    });
    wang.queue(Op::SignOffComplaint {
        id: ids[0],
        sign_off: SignOff::Refused {
            note: "客户不愿签字".into(),
        },
        override_reason: None,
    });
    match wang.push(&app).await {
        PushResult::Ok(r) => {
            let v: Vec<_> = r.outcomes.iter().map(|o| o.verdict.clone()).collect();
            assert_eq!(
                v[3],
                Verdict::Refused {
                    reason: Reason::Invalid {
                        field: "reason".into()
                    }
                }
            );
            assert!(v
                .iter()
                .enumerate()
                .all(|(n, v)| n == 3 || *v == Verdict::Applied));
        }
        PushResult::Status(s, b) => panic!("{s} {b}"),
    }
    wang.pull_all(&app).await;
    let closed = &wang.complaints[&ids[0].0];
    assert!(matches!(closed.sign_off, Some(SignOff::Refused { .. })));
    assert!(closed.closed_at.is_some());

    let res = app
        .get("/api/v1/complaints/register.xlsx", Some(&office.cookie))
        .await;
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    let rows = read_sheet(&bytes);
    let mine: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == h.unit_code).collect();
    assert_eq!(mine.len(), 3);
    assert!(
        mine.iter().all(|r| r[21] == "是"),
        "three in 30 days: a repeat"
    );
    assert!(mine.iter().any(|r| r[18] == "客户拒绝签字：客户不愿签字"));
}

#[tokio::test]
async fn an_app_of_an_older_protocol_receives_no_complaints_and_pulls_again_after_upgrading() {
    let app = TestApp::new().await;
    let wang = Device::sign_in(&app, "wangjing").await;
    let pull = |protocol: u32| {
        let cookie = wang.cookie.clone();
        let app = &app;
        async move {
            let res = app
                .get(
                    &format!("/api/v1/sync/pull?cursor=0&limit=1000&protocol={protocol}"),
                    Some(&cookie),
                )
                .await;
            assert_eq!(res.status(), StatusCode::OK);
            json(res).await
        }
    };
    let mut old_kinds = std::collections::HashSet::new();
    let mut new_kinds = std::collections::HashSet::new();
    let (mut old_hash, mut new_hash) = (String::new(), String::new());
    for (protocol, kinds, hash) in [
        (2, &mut old_kinds, &mut old_hash),
        (3, &mut new_kinds, &mut new_hash),
    ] {
        let mut cursor = 0;
        loop {
            let res = app
                .get(
                    &format!("/api/v1/sync/pull?cursor={cursor}&limit=1000&protocol={protocol}"),
                    Some(&wang.cookie),
                )
                .await;
            let page = json(res).await;
            for c in page["changes"].as_array().expect("changes") {
                kinds.insert(c["kind"].as_str().expect("kind").to_owned());
            }
            *hash = page["scope"]["hash"].as_str().expect("hash").to_owned();
            if !page["has_more"].as_bool().expect("more") {
                break;
            }
            cursor = page["next_cursor"].as_i64().expect("cursor");
        }
    }
    let _ = pull(3).await;
    assert!(new_kinds.contains("complaint"));
    assert!(!old_kinds.contains("complaint"));
    assert!(old_kinds.contains("household"));
    assert_ne!(
        old_hash, new_hash,
        "an upgraded app pulls again from the start"
    );
}

#[tokio::test]
async fn a_signature_image_over_100_kb_is_refused_and_one_within_is_kept_as_it_is() {
    use sha2::Digest;
    let app = TestApp::new().await;
    let wang = Device::sign_in(&app, "wangjing").await;
    let png = |len: usize| {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        bytes.extend((0..len).map(|i| (i % 251) as u8));
        (server::blobs::hex(&sha2::Sha256::digest(&bytes)), bytes)
    };
    let (sha, big) = png(100 * 1024);
    let put = |sha: String, bytes: Vec<u8>| {
        let cookie = wang.cookie.clone();
        let app = &app;
        async move {
            app.send(
                axum::http::Request::put(format!("/api/v1/blobs/{sha}"))
                    .header(axum::http::header::COOKIE, cookie)
                    .header(axum::http::header::CONTENT_TYPE, "application/octet-stream")
                    .body(axum::body::Body::from(bytes))
                    .expect("request"),
            )
            .await
            .status()
        }
    };
    assert_eq!(put(sha, big).await, StatusCode::PAYLOAD_TOO_LARGE);
    let (sha, small) = png(20 * 1024);
    assert_eq!(put(sha.clone(), small.clone()).await, StatusCode::CREATED);
    let res = app
        .get(&format!("/api/v1/blobs/{sha}"), Some(&wang.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[axum::http::header::CONTENT_TYPE], "image/png");
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    assert_eq!(body.to_vec(), small, "kept as it is");
}
