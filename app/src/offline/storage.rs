//! Will this phone keep its records? What the browser says of the site's storage, and what to
//! tell the butler about it (design §4): a browser may clear a site's data under storage
//! pressure unless it was granted persistent storage; Safari clears a site's data after seven
//! days unused unless it is installed to the home screen, and an installed app on iOS has
//! storage of its own, so everything must be synced before it is installed; a nearly full
//! phone refuses photos and records.
//!
//! Pure: the browser's answers come in as [`DeviceStorage`], the advice goes out.

/// Less free space than this (bytes) is "nearly full" whatever the quota: about 150 photos.
const LOW_FREE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;
/// Or less than this share of the quota left.
const LOW_FREE_SHARE: f64 = 0.10;

/// What the browser says of this site's storage and of how the app runs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DeviceStorage {
    /// `navigator.storage.persisted()`; `None` where the browser cannot say.
    pub persisted: Option<bool>,
    /// Bytes used and the quota (`navigator.storage.estimate()`), where the browser says.
    pub usage: Option<(f64, f64)>,
    /// Running as an app installed to the home screen (display mode standalone).
    pub installed: bool,
    /// iPhone or iPad (Safari's rules: seven days, separate storage once installed).
    pub ios: bool,
    /// The browser offered to install the app (Chromium's `beforeinstallprompt`).
    pub can_prompt: bool,
}

/// One thing to tell the butler, most urgent first (see [`advice`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StorageAdvice {
    /// Little space left: new photos and records may fail to save.
    NearlyFull,
    /// iPhone in Safari: add to the home screen, after syncing everything (`pending` > 0 says
    /// there is still something to sync first).
    InstallIos {
        /// Changes still waiting to sync.
        pending: u32,
    },
    /// The browser offers to install the app: one tap.
    Install,
    /// The browser did not promise to keep the records (not persisted, not installed).
    MayBeCleared,
}

impl DeviceStorage {
    /// Whether little space is left (under 10 % of the quota or under 50 MB).
    pub fn nearly_full(&self) -> bool {
        self.usage.is_some_and(|(used, quota)| {
            let free = (quota - used).max(0.0);
            quota > 0.0 && (free < LOW_FREE_BYTES || free < quota * LOW_FREE_SHARE)
        })
    }
}

/// What to tell the butler, most urgent first; empty when all is well.
pub fn advice(s: &DeviceStorage, pending: u32) -> Vec<StorageAdvice> {
    let mut out = vec![];
    if s.nearly_full() {
        out.push(StorageAdvice::NearlyFull);
    }
    if !s.installed {
        if s.ios {
            out.push(StorageAdvice::InstallIos { pending });
        } else {
            if s.can_prompt {
                out.push(StorageAdvice::Install);
            }
            if s.persisted == Some(false) {
                out.push(StorageAdvice::MayBeCleared);
            }
        }
    }
    out
}

/// Bytes as a person reads them: "820 KB", "12.5 MB", "1.2 GB".
pub fn human_bytes(bytes: f64) -> String {
    const KB: f64 = 1024.0;
    if bytes < KB * KB {
        format!("{:.0} KB", (bytes / KB).max(0.0))
    } else if bytes < KB * KB * KB {
        format!("{:.1} MB", bytes / KB / KB)
    } else {
        format!("{:.1} GB", bytes / KB / KB / KB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: f64 = 1024.0 * 1024.0;

    #[test]
    fn an_installed_phone_with_room_needs_nothing() {
        let s = DeviceStorage {
            persisted: Some(true),
            usage: Some((20.0 * MB, 2_000.0 * MB)),
            installed: true,
            ..Default::default()
        };
        assert!(advice(&s, 3).is_empty());
    }

    #[test]
    fn nearly_full_by_share_or_by_bytes_comes_first() {
        let by_share = DeviceStorage {
            usage: Some((910.0 * MB, 1_000.0 * MB)),
            installed: true,
            ..Default::default()
        };
        assert_eq!(advice(&by_share, 0), vec![StorageAdvice::NearlyFull]);
        // 40 MB left of a large quota is still too little for a day of photos.
        let by_bytes = DeviceStorage {
            usage: Some((9_960.0 * MB, 10_000.0 * MB)),
            persisted: Some(false),
            ..Default::default()
        };
        assert_eq!(
            advice(&by_bytes, 0),
            vec![StorageAdvice::NearlyFull, StorageAdvice::MayBeCleared]
        );
        // Over quota (an estimate can say so) is nearly full too, not a negative free space.
        let over = DeviceStorage {
            usage: Some((1_100.0 * MB, 1_000.0 * MB)),
            installed: true,
            ..Default::default()
        };
        assert!(over.nearly_full());
        // No quota reported: nothing can be said.
        assert!(!DeviceStorage::default().nearly_full());
    }

    #[test]
    fn an_iphone_in_safari_is_asked_to_install_after_syncing() {
        let s = DeviceStorage {
            ios: true,
            persisted: Some(false),
            usage: Some((5.0 * MB, 1_000.0 * MB)),
            ..Default::default()
        };
        assert_eq!(
            advice(&s, 4),
            vec![StorageAdvice::InstallIos { pending: 4 }]
        );
        assert_eq!(
            advice(&s, 0),
            vec![StorageAdvice::InstallIos { pending: 0 }]
        );
        let installed = DeviceStorage {
            installed: true,
            ..s
        };
        assert!(advice(&installed, 4).is_empty());
    }

    #[test]
    fn chromium_offers_the_install_and_says_the_records_may_be_cleared() {
        let s = DeviceStorage {
            persisted: Some(false),
            can_prompt: true,
            usage: Some((5.0 * MB, 1_000.0 * MB)),
            ..Default::default()
        };
        assert_eq!(
            advice(&s, 0),
            vec![StorageAdvice::Install, StorageAdvice::MayBeCleared]
        );
        let kept = DeviceStorage {
            persisted: Some(true),
            can_prompt: false,
            ..s
        };
        assert!(advice(&kept, 0).is_empty());
    }

    #[test]
    fn bytes_read_as_a_person_reads_them() {
        assert_eq!(human_bytes(820.0 * 1024.0), "820 KB");
        assert_eq!(human_bytes(12.5 * MB), "12.5 MB");
        assert_eq!(human_bytes(1.5 * 1024.0 * MB), "1.5 GB");
    }
}
