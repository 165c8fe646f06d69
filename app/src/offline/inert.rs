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

/// Nothing to sync on the server.
pub fn sync_now() {}

/// Not callable on the server.
pub async fn settle_attention(_device: crate::domain::DeviceId, _seq: i64, _apply: bool) -> bool {
    false
}

/// Nothing runs on the server.
pub fn stop() {}
