//! Who is signed in, and the sign-in wire types.
//!
//! The session cookie is HttpOnly, so the page cannot read it and the server cannot be asked
//! while offline (design §4). The server therefore embeds [`BootData`] in every rendered page,
//! and the browser keeps a copy of the signed-in user and its device id in local storage; route
//! guards read the [`Session`] context, which starts from whichever of the two the page has.

#[cfg(feature = "ssr")]
mod server;

use crate::domain::{DeviceId, SessionUser};
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The `id` of the `<script type="application/json">` that carries [`BootData`] in a
/// server-rendered page. The offline shell has none.
pub const BOOT_ELEMENT_ID: &str = "butler-boot";

/// What the server knew about the request when it rendered the page: the browser starts from
/// exactly this so that hydration matches. Wire type: do not rename fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BootData {
    /// The signed-in user, if the session cookie is valid.
    pub user: Option<SessionUser>,
    /// The device the session belongs to.
    pub device_id: Option<DeviceId>,
    /// The UI language from the `butler_lang` cookie.
    pub lang: Lang,
}

impl BootData {
    /// JSON safe to put inside a `<script>` element (no `<` can close it).
    pub fn to_script_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| "{}".to_owned())
            .replace('<', "\\u003c")
    }
}

/// `POST /api/v1/auth/sign-in` as JSON. Wire type: do not rename fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    /// The sign-in name (case-insensitive).
    pub username: String,
    /// The password, checked against its Argon2id hash.
    pub password: String,
    /// The browser's device id, if it has one already; the server makes one otherwise.
    #[serde(default)]
    pub device_id: Option<DeviceId>,
}

/// The answer to a successful sign-in. Wire type: do not rename fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    /// The signed-in user.
    pub user: SessionUser,
    /// The device the new session belongs to.
    pub device_id: DeviceId,
}

/// Why an API call was refused: a stable code the browser turns into a message in the user's
/// language, never raw server text. Wire type: codes are only ever added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Username and password were not given.
    Missing,
    /// No such user, or the wrong password (the two are not told apart).
    BadCredentials,
    /// Too many failed sign-ins for this username; see `retry_after_secs`.
    Throttled,
    /// The account is deactivated.
    Inactive,
    /// No valid session: sign in again.
    Unauthorized,
    /// Signed in, but this role may not do this.
    Forbidden,
    /// The request was malformed.
    BadRequest,
    /// Something broke on the server; details are in its log.
    Internal,
    /// Sync: the push skipped a sequence; resend from `expected_seq`.
    SequenceGap,
    /// Sync: this app is too old for the server; update it (the outbox is kept).
    UpgradeRequired,
    /// Sync: the cursor is older than the server keeps; push the outbox, then pull from 0.
    CursorExpired,
    /// Sync: the device is not the signed-in session's, or it was revoked.
    DeviceMismatch,
    /// The request is larger than the server takes; send it in smaller parts.
    TooLarge,
    /// No such record, or not one this user may see.
    NotFound,
    /// An uploaded photo's bytes do not match its name (its SHA-256).
    HashMismatch,
    /// An upload is not a photo this server takes (JPEG, PNG or WebP).
    UnsupportedType,
    /// The password was set by an admin: change it before anything else.
    PasswordChangeRequired,
    /// The server is busy (too many sign-ins at once); see `retry_after_secs`.
    Busy,
    /// A change sent from another site's page (`Origin` / `Sec-Fetch-Site`): refused.
    CrossSite,
}

impl ErrorCode {
    /// The message shown to the user.
    pub fn message(self) -> Msg {
        match self {
            ErrorCode::Missing => Msg::SignInMissing,
            ErrorCode::BadCredentials | ErrorCode::Unauthorized => Msg::SignInBadCredentials,
            ErrorCode::Throttled => Msg::SignInThrottled,
            ErrorCode::Inactive => Msg::SignInInactive,
            ErrorCode::UpgradeRequired => Msg::UpgradeRequired,
            ErrorCode::DeviceMismatch => Msg::DeviceRevoked,
            ErrorCode::PasswordChangeRequired => Msg::PasswordChangeRequired,
            ErrorCode::Busy => Msg::ServerBusy,
            ErrorCode::CrossSite => Msg::CrossSite,
            ErrorCode::Forbidden
            | ErrorCode::BadRequest
            | ErrorCode::Internal
            | ErrorCode::SequenceGap
            | ErrorCode::CursorExpired
            | ErrorCode::NotFound
            | ErrorCode::HashMismatch
            | ErrorCode::UnsupportedType
            | ErrorCode::TooLarge => Msg::ServerError,
        }
    }

    /// The code as it appears in `?error=` after a sign-in form was posted without script.
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::Missing => "missing",
            ErrorCode::BadCredentials => "bad_credentials",
            ErrorCode::Throttled => "throttled",
            ErrorCode::Inactive => "inactive",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Internal => "internal",
            ErrorCode::SequenceGap => "sequence_gap",
            ErrorCode::UpgradeRequired => "upgrade_required",
            ErrorCode::CursorExpired => "cursor_expired",
            ErrorCode::DeviceMismatch => "device_mismatch",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::NotFound => "not_found",
            ErrorCode::HashMismatch => "hash_mismatch",
            ErrorCode::UnsupportedType => "unsupported_type",
            ErrorCode::PasswordChangeRequired => "password_change_required",
            ErrorCode::Busy => "busy",
            ErrorCode::CrossSite => "cross_site",
        }
    }

    /// Reads a code back from `?error=`.
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        [
            ErrorCode::Missing,
            ErrorCode::BadCredentials,
            ErrorCode::Throttled,
            ErrorCode::Inactive,
            ErrorCode::Unauthorized,
            ErrorCode::Forbidden,
            ErrorCode::BadRequest,
            ErrorCode::Internal,
            ErrorCode::SequenceGap,
            ErrorCode::UpgradeRequired,
            ErrorCode::CursorExpired,
            ErrorCode::DeviceMismatch,
            ErrorCode::TooLarge,
            ErrorCode::Busy,
            ErrorCode::CrossSite,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }
}

/// The body of every refused API call. Wire type: do not rename fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    /// Why.
    pub code: ErrorCode,
    /// For [`ErrorCode::Throttled`]: how long to wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u32>,
    /// For [`ErrorCode::SequenceGap`]: the sequence the server expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_seq: Option<i64>,
    /// For [`ErrorCode::BadRequest`]: the field at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiErrorBody {
    /// A refusal with only a code.
    pub fn new(code: ErrorCode) -> ApiErrorBody {
        ApiErrorBody {
            code,
            retry_after_secs: None,
            expected_seq: None,
            field: None,
        }
    }
}

impl ApiErrorBody {
    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match (self.code, self.retry_after_secs) {
            (ErrorCode::Throttled, Some(secs)) => {
                Msg::SignInThrottled.with(lang, secs.div_ceil(60).max(1))
            }
            (code, _) => code.message().text(lang).to_owned(),
        }
    }
}

/// A staff member as lists show them (assignees, comment authors). Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffRef {
    /// The user.
    pub id: crate::domain::UserId,
    /// Their name.
    pub display_name: String,
    /// Their role.
    pub role: crate::domain::Role,
    /// Their department.
    pub department: Option<crate::domain::Department>,
    /// The clusters they look after (a butler's; empty for others).
    #[serde(default)]
    pub clusters: Vec<crate::domain::ClusterId>,
}

/// Staff and clusters, for names on screen and the assignee picker
/// (`GET /api/v1/directory`). Wire type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Directory {
    /// Active staff.
    pub users: Vec<StaffRef>,
    /// Every cluster.
    pub clusters: Vec<crate::domain::ClusterRef>,
    /// Each department's default time for a follow-up (a department not listed has
    /// [`crate::domain::follow_up::DEFAULT_DUE_DAYS`]).
    #[serde(default)]
    pub due_days: Vec<crate::domain::follow_up::DueDays>,
    /// The estate's public keys for the places' QR labels (a scanned code is checked offline).
    #[serde(default)]
    pub label_keys: Vec<crate::domain::label::LabelKey>,
}

impl Directory {
    /// A department's default time for a follow-up, in days.
    pub fn due_days_of(&self, department: crate::domain::Department) -> u32 {
        self.due_days
            .iter()
            .find(|d| d.department == department)
            .map_or(crate::domain::follow_up::DEFAULT_DUE_DAYS, |d| d.days)
    }
}

/// The due date a follow-up handed to `department` today gets when nobody chose one: the
/// department's default from the directory (or the general default before it has loaded).
pub fn default_due_date(
    directory: Option<&Directory>,
    department: crate::domain::Department,
) -> chrono::NaiveDate {
    let days = directory.map_or(crate::domain::follow_up::DEFAULT_DUE_DAYS, |d| {
        d.due_days_of(department)
    });
    crate::domain::follow_up::default_due_date(
        crate::domain::time::estate_today(chrono::Utc::now()),
        days,
    )
}

impl Directory {
    /// A user's name.
    pub fn name_of(&self, id: crate::domain::UserId) -> Option<String> {
        self.users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.display_name.clone())
    }

    /// A cluster's name.
    pub fn cluster_name(&self, id: crate::domain::ClusterId) -> Option<String> {
        self.clusters
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
    }
}

/// The directory, provided as context by the root; `None` until loaded (a copy is kept in
/// local storage for offline use).
pub fn use_directory() -> RwSignal<Option<Directory>> {
    expect_context::<RwSignal<Option<Directory>>>()
}

/// Names for ids, from the directory: a person's (empty until it has loaded) and a cluster's.
pub fn use_names() -> (
    impl Fn(crate::domain::UserId) -> String + Copy,
    impl Fn(crate::domain::ClusterId) -> String + Copy,
) {
    let directory = use_directory();
    (
        move |id| {
            directory
                .with(|d| d.as_ref().and_then(|d| d.name_of(id)))
                .unwrap_or_default()
        },
        move |id| {
            directory
                .with(|d| d.as_ref().and_then(|d| d.cluster_name(id)))
                .unwrap_or_default()
        },
    )
}

/// The signed-in user as the UI sees it, provided as context by the root.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// `None` when nobody is signed in on this browser.
    pub user: RwSignal<Option<SessionUser>>,
}

/// The session context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Makes the server answer 404 for this render (a no-op in the browser).
pub fn respond_not_found() {
    #[cfg(feature = "ssr")]
    server::respond_not_found();
}

/// What the page starts from: on the server, what the request carried; in the browser, the
/// page's embedded boot data, or — in the offline shell — local storage.
pub fn initial_boot() -> BootData {
    #[cfg(feature = "ssr")]
    {
        server::boot_from_request()
    }
    #[cfg(not(feature = "ssr"))]
    {
        crate::browser::boot_from_page()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boot_json_cannot_close_its_script_element() {
        use crate::domain::{Role, UserId};
        let boot = BootData {
            user: Some(SessionUser {
                id: UserId::new_v7(),
                username: "x".into(),
                display_name: "</script><b>".into(),
                role: Role::Butler,
                department: None,
                clusters: vec![],
                lead: false,
                must_change_password: false,
            }),
            device_id: None,
            lang: Lang::En,
        };
        let json = boot.to_script_json();
        assert!(!json.contains('<'));
        let back: BootData = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, boot);
    }

    #[test]
    fn throttle_message_rounds_up_to_minutes() {
        let body = ApiErrorBody {
            retry_after_secs: Some(61),
            ..ApiErrorBody::new(ErrorCode::Throttled)
        };
        assert!(body.message(Lang::En).contains("2 minutes"));
        for c in ["missing", "bad_credentials", "throttled", "inactive"] {
            assert_eq!(ErrorCode::from_code(c).map(|e| e.code()), Some(c));
        }
    }
}
