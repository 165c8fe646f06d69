//! Follow-ups (跟进事项) on screen: the phone lists (mine, waiting for me, overdue), the
//! office queue with filters, one detail for both, the new-follow-up form and the "needs
//! attention" list. Every screen reads the local store (`crate::offline`) and writes through
//! its outbox, so all of it works with the network off.

mod attention;
mod detail;
mod list;
mod new;

pub use attention::AttentionList;
pub use detail::FollowUpDetail;
pub use list::{OfficeQueue, PhoneList};
pub use new::NewFollowUp;

use crate::domain::follow_up::{Actor, FollowUp, FollowUpStatus};
use crate::i18n::{use_i18n, Lang, Msg};
use crate::offline::RecordState;
use crate::sync::Reason;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

pub use crate::domain::time::{estate_offset, estate_today};

/// An instant as the estate's clock shows it, `MM-DD HH:MM` (hand-written: chrono's strftime
/// machinery would add kilobytes to the WASM for two formats).
pub fn estate_time(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let l = t.with_timezone(&estate_offset());
    format!(
        "{:02}-{:02} {:02}:{:02}",
        l.month(),
        l.day(),
        l.hour(),
        l.minute()
    )
}

/// The estate's clock, `HH:MM`.
pub fn estate_clock(t: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let l = t.with_timezone(&estate_offset());
    format!("{:02}:{:02}", l.hour(), l.minute())
}

/// Whether a follow-up is past its due date and not yet resolved.
pub fn is_overdue(f: &FollowUp, today: NaiveDate) -> bool {
    f.due_date.is_some_and(|d| d < today)
        && matches!(
            f.status,
            FollowUpStatus::Open | FollowUpStatus::Assigned | FollowUpStatus::InProgress
        )
}

/// Whether the follow-up waits for this user's next step.
pub fn waits_for(actor: &Actor, f: &FollowUp) -> bool {
    use FollowUpStatus as S;
    match f.status {
        S::Open => actor.is_office(),
        S::Assigned | S::InProgress => f.assignee == Some(actor.user) || actor.is_office(),
        S::Resolved | S::CustomerInformed => actor.is_cluster_butler(f) || actor.is_office(),
        S::Closed => false,
    }
}

/// The name of a status.
pub fn status_msg(s: FollowUpStatus) -> Msg {
    match s {
        FollowUpStatus::Open => Msg::StOpen,
        FollowUpStatus::Assigned => Msg::StAssigned,
        FollowUpStatus::InProgress => Msg::StInProgress,
        FollowUpStatus::Resolved => Msg::StResolved,
        FollowUpStatus::CustomerInformed => Msg::StCustomerInformed,
        FollowUpStatus::Closed => Msg::StClosed,
    }
}

/// Why the server refused a change, in the user's language.
pub fn reason_text(r: &Reason, lang: Lang) -> String {
    match r {
        Reason::NotFound => Msg::ReasonNotFound.text(lang).into(),
        Reason::AlreadyExists => Msg::ReasonAlreadyExists.text(lang).into(),
        Reason::Forbidden => Msg::ReasonForbidden.text(lang).into(),
        Reason::OutOfScope => Msg::ReasonOutOfScope.text(lang).into(),
        Reason::Invalid { field } => match field.as_str() {
            "entries" => Msg::ReasonTooMany.with(lang, Msg::LimitEntries.text(lang)),
            "comments" => Msg::ReasonTooMany.with(lang, Msg::LimitComments.text(lang)),
            "owner_notices" => Msg::ReasonTooMany.with(lang, Msg::LimitOwnerNotices.text(lang)),
            "history" => Msg::ReasonTooMany.with(lang, Msg::LimitHistory.text(lang)),
            "photos" => Msg::ReasonPhotoNotYours.text(lang).into(),
            _ => Msg::ReasonInvalid.with(lang, field_name(field, lang)),
        },
        Reason::NotAllowed { .. } => Msg::ReasonNotAllowed.text(lang).into(),
        Reason::IllegalTransition { from, to } => format!(
            "{}（{} → {}）",
            Msg::ReasonIllegal.text(lang),
            status_msg(*from).text(lang),
            status_msg(*to).text(lang)
        ),
        Reason::UnsupportedSchema { .. } => Msg::ReasonSchema.text(lang).into(),
        Reason::Locked => Msg::ReasonLocked.text(lang).into(),
        Reason::Discarded => Msg::ReasonDiscarded.text(lang).into(),
        Reason::Answered => Msg::ReasonAnswered.text(lang).into(),
        Reason::Incomplete { items }
            if items
                .iter()
                .all(|i| i.starts_with(crate::sync::run::UNSCANNED_PREFIX)) =>
        {
            Msg::ReasonUnscanned.with(lang, items.len().to_string())
        }
        Reason::Incomplete { items } => Msg::ReasonIncomplete.with(lang, items.len().to_string()),
        Reason::Overwrote { previous } => {
            let was = previous
                .parse::<crate::domain::unit::Occupancy>()
                .map(|o| crate::vacant::occupancy_msg(o).text(lang))
                .unwrap_or(previous.as_str());
            Msg::ReasonOverwrote.with(lang, was)
        }
    }
}

/// A refused mutation's field in words (the wire names the field by its key).
fn field_name(field: &str, lang: Lang) -> &'static str {
    let (zh, en) = match field {
        "answer" => ("检查结果", "the answer"),
        "assignee" => ("处理人", "the assignee"),
        "cluster_id" => ("组团", "the cluster"),
        "comment" | "text" => ("留言", "the comment"),
        "item" | "items" => ("检查项", "the checklist item"),
        "mailing_address" => ("通讯地址", "the mailing address"),
        "met" => ("接待人", "who was met"),
        "note" => ("说明", "the note"),
        "origin" => ("来源检查项", "the checklist item it came from"),
        "phone" => ("电话", "the phone"),
        "place" => ("房号或地点", "the unit or place"),
        "reason" => ("原因", "the reason"),
        "run" => ("检查记录", "the checklist record"),
        "said" => ("内容", "what was said"),
        "score" => ("评分", "the score"),
        "source" => ("来源", "the source"),
        "template_version" => ("检查表版本", "the checklist version"),
        "title" => ("事项", "the title"),
        "to" => ("状态", "the status"),
        "unit" => ("房屋", "the unit"),
        "values" => ("登记内容", "the entry"),
        "date" | "effective_date" => ("日期", "the date"),
        "household" => ("住户", "the household"),
        _ => ("某项内容", "a field"),
    };
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// The status of a follow-up as a chip.
#[component]
pub fn StatusChip(status: FollowUpStatus) -> impl IntoView {
    let lang = use_i18n().lang;
    view! {
        <span class=format!("chip status-{}", status.code())>
            {move || status_msg(status).text(lang.get())}
        </span>
    }
}

/// The sync state of a record as a chip: pending / synced / refused / conflict.
#[component]
pub fn StateChip(state: RecordState) -> impl IntoView {
    let lang = use_i18n().lang;
    let (class, msg) = match state {
        RecordState::Synced => ("state synced", Msg::Synced),
        RecordState::Pending => ("state pending", Msg::Pending),
        RecordState::Refused => ("state refused", Msg::Refused),
        RecordState::Conflict => ("state conflict", Msg::Conflict),
    };
    view! { <span class=class data-testid="state-chip">{move || msg.text(lang.get())}</span> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_refused_field_is_named_in_words_not_by_its_key() {
        for field in [
            "note",
            "place",
            "template_version",
            "cluster_id",
            "something_new",
        ] {
            let r = Reason::Invalid {
                field: field.into(),
            };
            let zh = reason_text(&r, Lang::ZhCn);
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
            let en = reason_text(&r, Lang::En);
            assert!(!en.contains('_') && !en.contains("something"), "{en}");
        }
        let r = Reason::Invalid {
            field: "note".into(),
        };
        assert_eq!(reason_text(&r, Lang::ZhCn), "内容不完整或有误：说明");
    }

    #[test]
    fn times_show_on_the_estates_clock() {
        let t = Utc
            .with_ymd_and_hms(2026, 3, 31, 23, 5, 0)
            .single()
            .expect("time");
        assert_eq!(estate_time(t), "04-01 07:05");
        assert_eq!(estate_clock(t), "07:05");
    }

    #[test]
    fn today_is_the_estates_not_the_devices() {
        // 23:30 on 31 March UTC is already 1 April in Shanghai.
        let late = Utc
            .with_ymd_and_hms(2026, 3, 31, 23, 30, 0)
            .single()
            .expect("time");
        assert_eq!(
            estate_today(late),
            NaiveDate::from_ymd_opt(2026, 4, 1).expect("date")
        );
        let early = Utc
            .with_ymd_and_hms(2026, 3, 31, 15, 59, 0)
            .single()
            .expect("time");
        assert_eq!(
            estate_today(early),
            NaiveDate::from_ymd_opt(2026, 3, 31).expect("date")
        );
    }
}
