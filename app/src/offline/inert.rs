//! On the server there is no local store: rendering shows the empty, loading state the
//! browser then fills.

use super::{LocalWriteError, Offline};
use crate::domain::SessionUser;
use crate::sync::Op;

/// Nothing to start on the server.
pub fn start(_user: &SessionUser, _offline: Offline) {}

/// Not callable on the server.
pub async fn queue(_op: Op) -> Result<(), LocalWriteError> {
    Err(LocalWriteError::NotSignedIn)
}

/// Not callable on the server.
pub async fn queue_all(_ops: Vec<Op>) -> Result<(), LocalWriteError> {
    Err(LocalWriteError::NotSignedIn)
}

/// Nothing is ever in flight on the server.
pub async fn settled() {}

/// Not callable on the server.
pub async fn keep_photo(_ev: leptos::ev::Event) -> Result<String, LocalWriteError> {
    Err(LocalWriteError::NotSignedIn)
}

/// Nothing to keep on the server.
pub async fn keep_signature(_png: Vec<u8>) -> Result<String, LocalWriteError> {
    Err(LocalWriteError::NotSignedIn)
}

/// On the server, a photo is the server's URL.
pub async fn photo_src(sha: String, _thumb: bool) -> Option<(String, bool)> {
    Some((format!("/api/v1/blobs/{sha}"), false))
}

/// Nothing to sync on the server.
pub fn sync_now() {}

/// Not callable on the server.
pub async fn settle_attention(_device: crate::domain::DeviceId, _seq: i64, _apply: bool) -> bool {
    false
}

/// Nothing runs on the server.
pub fn stop() {}
