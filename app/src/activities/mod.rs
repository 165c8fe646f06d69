//! Community activities (社区文化活动, issue 19): the butler's list (`/m/activities`) and an
//! activity's page (`/m/activities/:id`, offline) — their share of the places, households
//! signed up from it, cancelled, and after the activity the feedback visits; at the office the
//! register with the form to announce one (`/office/activities`) and an activity's page
//! (`/office/activities/:id`) — moving places between butlers, every sign-up, who came, the
//! feedback and its average. All read the device's own copy; every change is a mutation on
//! the kit (`sync::activity`).

mod office;
mod phone;

pub use office::ActivityRegister;
pub use phone::{ActivityScreen, PhoneActivities};

use crate::domain::activity::{Activity, ActivityId, Headcount};
use crate::domain::time::estate_offset;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::View;
use crate::ui::estate_time;
use chrono::{DateTime, NaiveDateTime, Utc};
use leptos::prelude::*;

/// An activity of the device's copy.
pub fn of_id(all: &[View<Activity>], id: ActivityId) -> Option<View<Activity>> {
    all.iter().find(|a| a.record.id == id).cloned()
}

/// A time as a `datetime-local` input holds it, in the estate's time.
pub fn local_input(t: DateTime<Utc>) -> String {
    t.with_timezone(&estate_offset())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A `datetime-local` input's value, read in the estate's time.
pub fn parse_local(s: &str) -> Option<DateTime<Utc>> {
    let t = NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").ok()?;
    t.and_local_timezone(estate_offset())
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// Where an activity stands at `now`: open for sign-ups, closed, or held.
pub fn stage(a: &Activity, now: DateTime<Utc>) -> (Msg, &'static str) {
    if a.started(now) {
        (Msg::ActPast, "chip")
    } else if a.open_at(now) {
        (Msg::ActOpen, "chip board-done")
    } else {
        (Msg::ActClosed, "chip warn")
    }
}

/// The headcount in words: households and people, who came, feedback and its average.
pub fn headcount_text(h: &Headcount, lang: crate::i18n::Lang) -> String {
    let mut out = Msg::ActHeadcount
        .text(lang)
        .replace("{h}", &h.households.to_string())
        .replace("{p}", &h.people.to_string());
    if h.attended > 0 {
        out.push_str(" · ");
        out.push_str(&Msg::ActAttendedN.with(lang, h.attended));
    }
    if h.feedback > 0 {
        out.push_str(&format!(
            " · {} · {} {}",
            Msg::ActFeedbackN.with(lang, h.feedback),
            Msg::ActAverage.text(lang),
            h.average_text()
        ));
    }
    out
}

/// The activity's time, place, deadline, capacity and what it is.
#[component]
pub fn ActivityHead(activity: Activity) -> impl IntoView {
    let lang = use_i18n().lang;
    let (stage_msg, class) = stage(&activity, Utc::now());
    let description = activity.description.clone();
    view! {
        <p class="muted small" data-testid="activity-when">
            {tr(Msg::ActStarts)} " " {estate_time(activity.starts_at)} " · "
            {tr(Msg::ActPlace)} " " {activity.place.clone()} " · "
            {tr(Msg::ActDeadline)} " " {estate_time(activity.deadline)} " · "
            {tr(Msg::ActCapacity)} " " {activity.capacity}
            " " <span class=class data-testid="activity-stage">{move || stage_msg.text(lang.get())}</span>
        </p>
        {(!description.is_empty()).then(|| view! { <p class="explanation">{description.clone()}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_input_reads_back_in_the_estates_time() {
        let t: DateTime<Utc> = "2026-12-20T02:00:00Z".parse().expect("test value");
        assert_eq!(local_input(t), "2026-12-20T10:00");
        assert_eq!(parse_local("2026-12-20T10:00"), Some(t));
        assert_eq!(parse_local("20-12-2026"), None);
    }
}
