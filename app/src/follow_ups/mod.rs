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
use crate::i18n::{Lang, Msg};
use crate::sync::Reason;
use chrono::NaiveDate;

use crate::ui::{estate_time, estate_today, status_msg, StateChip, StatusChip};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
