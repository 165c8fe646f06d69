//! Community activities (issue 19) through the real router on a real SQLite file: the office
//! announces an activity of 10 places, 6 for 王静 and 4 for 李明; both butlers pull it (a
//! department's staff does not); 王静's phone signs two households up offline while the
//! office moves two of her places to 李明: on push the first sign-up fits her reduced share
//! and the second is refused naming `share`; 李明 fills his; the office cannot take his places
//! below his sign-ups; after the activity the office records who came and 王静 the feedback;
//! the register's spreadsheet has the headcount, the average and the comments; a butler may
//! not download it.

mod support;

use app::domain::activity::{ActivityDraft, ActivityId, Feedback, Share, SignUpDraft, SignUpId};
use app::sync::{Op, Reason, Verdict};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use support::device::Device;
use support::TestApp;

fn refused(field: &str) -> Verdict {
    Verdict::Refused {
        reason: Reason::Invalid {
            field: field.to_owned(),
        },
    }
}

fn sign_up(d: &Device, n: usize, people: u32) -> SignUpDraft {
    let h = d
        .households
        .values()
        .filter(|h| d.clusters.contains(&h.cluster_id))
        .nth(n)
        .expect("a household");
    SignUpDraft {
        id: SignUpId(uuid::Uuid::now_v7()),
        cluster_id: h.cluster_id,
        unit_id: h.unit_id,
        unit: h.unit_code.clone(),
        name: h.name.clone(),
        people,
        at: Utc::now() - Duration::minutes(1),
    }
}

#[tokio::test]
async fn shares_hold_against_phones_offline_and_the_register_counts_the_feedback() {
    let app = TestApp::new().await;
    let mut wang = Device::sign_in(&app, "wangjing").await;
    let mut li = Device::sign_in(&app, "liming").await;
    let mut office = Device::sign_in(&app, "chenfang").await;
    let mut staff = Device::sign_in(&app, "zhaoqiang").await;
    let (wang_id, li_id) = (wang.user_id, li.user_id);
    let shares = move |w: u32, l: u32| {
        vec![
            Share {
                butler: app::domain::UserId(wang_id),
                places: w,
            },
            Share {
                butler: app::domain::UserId(li_id),
                places: l,
            },
        ]
    };
    let id = ActivityId(uuid::Uuid::now_v7());
    let starts = Utc::now() + Duration::days(7);
    let mut draft = ActivityDraft {
        title: " 冬至包饺子 ".into(),
        description: "自带围裙".into(),
        place: "会所活动室".into(),
        starts_at: starts,
        deadline: starts - Duration::days(1),
        capacity: 10,
        shares: shares(6, 4),
    };
    // A butler cannot announce; shares beyond the capacity are refused.
    wang.queue(Op::SaveActivity {
        id,
        draft: draft.clone(),
    });
    assert_eq!(
        wang.push(&app).await.verdicts(),
        vec![Verdict::Refused {
            reason: Reason::Forbidden
        }]
    );
    office.queue(Op::SaveActivity {
        id,
        draft: ActivityDraft {
            shares: shares(7, 4),
            ..draft.clone()
        },
    });
    assert_eq!(office.push(&app).await.verdicts(), vec![refused("shares")]);
    office.queue(Op::SaveActivity {
        id,
        draft: draft.clone(),
    });
    assert_eq!(office.push(&app).await.verdicts(), vec![Verdict::Applied]);

    for d in [&mut wang, &mut li, &mut staff] {
        d.pull_all(&app).await;
    }
    let a = wang.activities.get(&id.0).expect("王静 has the activity");
    assert_eq!(a.title, "冬至包饺子");
    assert!(li.activities.contains_key(&id.0), "李明 has it");
    assert!(staff.activities.is_empty(), "a department's staff has none");
    // The demo's own: the garden party held and the craft class to come.
    assert!(wang.activities.len() >= 3);

    // 王静, offline: two households, 2 and 3 people (5 of her 6).
    let first = sign_up(&wang, 0, 2);
    let second = sign_up(&wang, 1, 3);
    wang.queue(Op::SignUpForActivity {
        id,
        sign_up: first.clone(),
    });
    wang.queue(Op::SignUpForActivity {
        id,
        sign_up: second.clone(),
    });
    // Meanwhile the office moves two of her places to 李明 (nothing of hers synced yet).
    draft.shares = shares(4, 6);
    office.queue(Op::SaveActivity {
        id,
        draft: draft.clone(),
    });
    assert_eq!(office.push(&app).await.verdicts(), vec![Verdict::Applied]);
    // On push: the first fits the 4, the second would take her to 5.
    assert_eq!(
        wang.push(&app).await.verdicts(),
        vec![Verdict::Applied, refused("share")]
    );
    // 李明 fills his 6; a seventh is refused.
    li.queue(Op::SignUpForActivity {
        id,
        sign_up: sign_up(&li, 0, 6),
    });
    li.queue(Op::SignUpForActivity {
        id,
        sign_up: sign_up(&li, 1, 1),
    });
    assert_eq!(
        li.push(&app).await.verdicts(),
        vec![Verdict::Applied, refused("share")]
    );
    // The office cannot take his places below his sign-ups.
    office.queue(Op::SaveActivity {
        id,
        draft: ActivityDraft {
            shares: shares(6, 4),
            ..draft.clone()
        },
    });
    assert_eq!(
        office.push(&app).await.verdicts(),
        vec![refused("shares_below_signed_up")]
    );
    office.pull_all(&app).await;
    let a = office.activities.get(&id.0).expect("the office has it");
    let h = a.headcount();
    assert_eq!((h.households, h.people), (2, 8));
    assert!(h.people <= a.capacity);

    // The activity moved to this morning: who came, and the feedback visit.
    draft.starts_at = Utc::now() - Duration::hours(2);
    draft.deadline = draft.starts_at - Duration::hours(1);
    office.queue(Op::SaveActivity {
        id,
        draft: draft.clone(),
    });
    office.queue(Op::RecordAttendance {
        id,
        sign_up: first.id,
        attended: true,
    });
    assert_eq!(
        office.push(&app).await.verdicts(),
        vec![Verdict::Applied, Verdict::Applied]
    );
    wang.pull_all(&app).await;
    let feedback = |rating| Op::RecordActivityFeedback {
        id,
        sign_up: first.id,
        feedback: Feedback {
            rating,
            comments: "饺子很好吃，气氛热闹".into(),
            suggestions: "下次请社区医生来讲讲冬季养生".into(),
            at: Utc::now(),
            by: None,
        },
    };
    wang.queue(feedback(6));
    wang.queue(feedback(4));
    assert_eq!(
        wang.push(&app).await.verdicts(),
        vec![refused("rating"), Verdict::Applied]
    );
    // 李明 cannot record feedback for 王静's cluster's household.
    li.queue(feedback(1));
    assert_eq!(
        li.push(&app).await.verdicts(),
        vec![Verdict::Refused {
            reason: Reason::OutOfScope
        }]
    );

    let res = app
        .get("/api/v1/activities/register.xlsx", Some(&office.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(res.into_body(), 10_000_000)
        .await
        .expect("body");
    let text = support::xlsx_text(&bytes);
    let line = text
        .lines()
        .find(|l| l.contains("冬至包饺子") && l.contains("会所活动室"))
        .expect("the activity's line");
    // 10 places, 2 households, 8 people, 2 came, 1 asked, average 4.0.
    assert!(line.contains("\t10\t2\t8\t2\t1\t4.0\t"), "{line}");
    assert!(text.contains("饺子很好吃，气氛热闹") && text.contains(&first.unit));
    assert!(
        text.contains("中秋游园会"),
        "the demo's past is in the register"
    );
    assert_eq!(
        app.get("/api/v1/activities/register.xlsx", Some(&wang.cookie))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
