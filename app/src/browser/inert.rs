//! Stand-ins for the browser's APIs on the server. Rendering never calls the ones that act.

use super::{NetError, SignInFailure};
use crate::domain::{DeviceId, SessionUser};
use crate::i18n::Lang;
use crate::session::{BootData, SignInResponse};

/// Never a shell on the server.
pub fn is_shell() -> bool {
    false
}

/// The server has no page to read.
pub fn boot_from_page() -> BootData {
    BootData::default()
}

/// Nothing to remember on the server.
pub fn remember_user(_user: &SessionUser, _device: DeviceId) {}

/// Nothing to forget on the server.
pub fn forget_user() {}

/// A fresh id; the server never keeps one for a browser this way.
pub fn device_id() -> DeviceId {
    DeviceId::new_v7()
}

/// No cookie to write from here.
pub fn store_lang(_lang: Lang) {}

/// Not callable on the server.
pub async fn sign_in(
    _username: String,
    _password: String,
) -> Result<SignInResponse, SignInFailure> {
    Err(SignInFailure::Unreachable)
}

/// Not callable on the server.
pub async fn sign_out() -> Result<(), NetError> {
    Err(NetError::Unreachable)
}

/// Rendered pages start "online".
pub fn is_online() -> bool {
    true
}

/// No browser on the server: no user agent.
pub fn user_agent() -> String {
    String::new()
}

/// Not known on the server.
pub fn in_wechat() -> bool {
    false
}

/// Not known on the server.
pub fn update_waiting() -> bool {
    false
}

/// Not callable on the server.
pub fn apply_update() {}

/// Nothing to mark on the server.
pub fn mark_ready() {}

/// The server renders; nothing runs after.
pub fn is_ready() -> bool {
    false
}

/// Not callable on the server.
pub async fn load_directory() -> Option<crate::session::Directory> {
    None
}

/// Nothing to scroll on the server.
pub fn scroll_to(_id: &str) {}

/// Nothing to print on the server.
pub fn print() {}

/// Not callable on the server.
pub async fn get_text(_url: &str) -> Result<(u16, String), NetError> {
    Err(NetError::Unreachable)
}

/// Not callable on the server.
pub async fn post_json<T: serde::Serialize>(
    _url: &str,
    _body: &T,
) -> Result<(u16, String), NetError> {
    Err(NetError::Unreachable)
}

/// No clock on the server.
pub fn now_ms() -> f64 {
    0.0
}

/// Nothing to measure on the server.
pub fn measure(_name: &str, _start: f64) {}

/// Not callable on the server.
pub async fn upload_input(
    _url: &str,
    _ev: &leptos::ev::Event,
    _on_progress: impl Fn(u32) + 'static,
) -> Result<(u16, String), NetError> {
    Err(NetError::Unreachable)
}

/// Not callable on the server.
pub async fn upload_file(
    _url: &str,
    _input: &leptos::web_sys::HtmlInputElement,
    _on_progress: impl Fn(u32) + 'static,
) -> Result<(u16, String), NetError> {
    Err(NetError::Unreachable)
}

/// On the server: nothing is known of a phone's storage.
pub async fn device_storage() -> crate::offline::storage::DeviceStorage {
    crate::offline::storage::DeviceStorage::default()
}

/// Nothing to ask on the server.
pub async fn request_persistence() -> Option<bool> {
    None
}

/// On the server: there is no install dialog.
pub async fn prompt_install() -> bool {
    false
}
