//! What stands before the password hash (issue 12): each Argon2id check holds about 19 MiB
//! and a core for tens of milliseconds, so only a few run at once (one a core); a sign-in
//! that cannot get a turn within [`WAIT`] is answered 503 with `Retry-After`. Failures are
//! also counted per client address (in memory; the per-username count is in SQLite): more
//! than [`ADDRESS_FAILURES`] in [`WINDOW`] and that address is throttled, whichever usernames
//! it guesses.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, SemaphorePermit};

/// How long a sign-in waits for a turn at the hash before it is told the server is busy.
pub const WAIT: Duration = Duration::from_secs(3);
/// What a busy answer asks the client to wait, in seconds.
pub const BUSY_RETRY_SECS: u32 = 2;
/// Failed sign-ins one address may make within [`WINDOW`].
pub const ADDRESS_FAILURES: u32 = 30;
/// The window of the per-address count.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Addresses remembered at most; past it, expired windows are forgotten first, then the
/// oldest.
const MAX_ADDRESSES: usize = 10_000;

/// The sign-in gate, shared by every request.
#[derive(Debug)]
pub struct SignInGate {
    hashes: Semaphore,
    /// Argon2's work areas, one a turn, kept between sign-ins.
    memory: Mutex<Vec<Vec<argon2::Block>>>,
    addresses: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Default for SignInGate {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        SignInGate::new(cores)
    }
}

impl SignInGate {
    /// A gate letting `at_once` hashes run together.
    pub fn new(at_once: usize) -> SignInGate {
        SignInGate {
            hashes: Semaphore::new(at_once.max(1)),
            memory: Mutex::new(Vec::new()),
            addresses: Mutex::new(HashMap::new()),
        }
    }

    /// A turn at the hash, or `None` when none came within [`WAIT`].
    pub async fn turn(&self) -> Option<SemaphorePermit<'_>> {
        tokio::time::timeout(WAIT, self.hashes.acquire())
            .await
            .ok()?
            .ok()
    }

    /// A work area for a hash (taken with a turn; give it back with [`SignInGate::put_back`]).
    /// There are never more than turns, so the memory hashes hold is bounded by them.
    pub fn take_memory(&self) -> Vec<argon2::Block> {
        self.memory
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default()
    }

    /// Returns a work area after its hash.
    pub fn put_back(&self, area: Vec<argon2::Block>) {
        self.memory
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(area);
    }

    /// Counts one attempt from `address` as a failure before its hash is checked (so parallel
    /// guesses all count); `Some(secs)` when the address is throttled and nothing may be
    /// checked. A success gives it back with [`SignInGate::succeeded`].
    pub fn reserve(&self, address: Option<IpAddr>, now: Instant) -> Option<u32> {
        let address = address.filter(counted)?;
        let mut map = self
            .addresses
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if map.len() >= MAX_ADDRESSES && !map.contains_key(&address) {
            map.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
            if map.len() >= MAX_ADDRESSES {
                if let Some(oldest) = map.iter().min_by_key(|(_, (s, _))| *s).map(|(a, _)| *a) {
                    map.remove(&oldest);
                }
            }
        }
        let entry = map.entry(address).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= ADDRESS_FAILURES {
            let left = WINDOW.saturating_sub(now.duration_since(entry.0));
            return Some(u32::try_from(left.as_secs()).unwrap_or(u32::MAX).max(1));
        }
        entry.1 += 1;
        None
    }

    /// The attempt reserved for `address` succeeded: it does not count.
    pub fn succeeded(&self, address: Option<IpAddr>) {
        let Some(address) = address.filter(counted) else {
            return;
        };
        let mut map = self
            .addresses
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = map.get_mut(&address) {
            entry.1 = entry.1.saturating_sub(1);
        }
    }
}

/// Loopback is not counted: it is this machine, or a proxy on it that was not configured to
/// pass the client's address (`--trust-forwarded-for`), where one count would lock out every
/// user at once. The per-username lock still holds.
fn counted(address: &IpAddr) -> bool {
    !address.is_loopback()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_throttled_after_its_failures_and_forgiven_after_the_window() {
        let gate = SignInGate::new(2);
        let ip: IpAddr = [10, 0, 0, 7].into();
        let t0 = Instant::now();
        for _ in 0..ADDRESS_FAILURES {
            assert_eq!(gate.reserve(Some(ip), t0), None);
        }
        assert!(gate.reserve(Some(ip), t0).is_some());
        // Another address is not affected; no address (a test client) is never counted.
        assert_eq!(gate.reserve(Some([10, 0, 0, 8].into()), t0), None);
        assert_eq!(gate.reserve(None, t0), None);
        for _ in 0..ADDRESS_FAILURES * 2 {
            assert_eq!(gate.reserve(Some([127, 0, 0, 1].into()), t0), None);
        }
        assert_eq!(gate.reserve(Some(ip), t0 + WINDOW), None);
    }

    #[test]
    fn a_success_gives_its_reservation_back() {
        let gate = SignInGate::new(2);
        let ip: IpAddr = [10, 0, 0, 9].into();
        let t0 = Instant::now();
        for _ in 0..ADDRESS_FAILURES * 2 {
            assert_eq!(gate.reserve(Some(ip), t0), None);
            gate.succeeded(Some(ip));
        }
    }
}
