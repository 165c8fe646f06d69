//! The installable, offline app shell (design §4).
//!
//! - [`BuildInfo`] names the build's hashed files (from cargo-leptos' `hash.txt`) and its id.
//! - `/shell` is a page identical for every user, with an empty body and the
//!   `data-butler-shell` marker: the WASM mounts the app into it instead of hydrating.
//! - `/sw.js` is generated per build (its id and file list are written into it), so it differs
//!   byte for byte between builds and the browser sees each new version. It precaches the shell
//!   and the build's files, answers every navigation from the network but falls back to the
//!   shell when the network fails or takes longer than three seconds, and never touches `/api/`.
//! - A new worker waits until the user accepts the update (`sw-register.js` announces it).

mod document;

pub use document::{document, render_shell};

use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use leptos::prelude::LeptosOptions;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The service worker's source, with `__BUILD_ID__` and `__PRECACHE__` filled in per build.
const SW_TEMPLATE: &str = include_str!("sw.js");

/// The build being served.
#[derive(Debug, Clone)]
pub struct BuildInfo {
    /// Names the service worker's cache; changes with every build.
    pub id: String,
    /// `/pkg/…` file names.
    pub js: String,
    /// The WASM's file name.
    pub wasm: String,
    /// The stylesheet's file name.
    pub css: String,
    /// A split build's (`cargo leptos build --split`) loader, its manifest and every chunk the
    /// manifest names: the pages loaded on demand, all precached so that they open offline.
    pub split: Vec<String>,
    /// Chunks only an on-demand split point needs (the QR decoder, [`ON_DEMAND_SPLITS`]): not
    /// precached, so the first visit does not carry them; the worker keeps one once fetched.
    pub on_demand: Vec<String>,
    /// The shell page, rendered once.
    pub shell_html: String,
    /// The service worker script.
    pub service_worker: String,
}

impl BuildInfo {
    /// Reads `hash.txt` beside the executable (where cargo-leptos writes it and Leptos reads
    /// it); without one (tests, plain `cargo run`) the names carry no hash.
    pub fn load(options: &LeptosOptions, build_id: Option<&str>) -> BuildInfo {
        let hashes = hash_file_beside_exe()
            .filter(|_| options.hash_files)
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default();
        let manifest = split_manifest_name(&hashes).and_then(|name| {
            let path = Path::new(options.site_root.as_ref())
                .join(options.site_pkg_dir.as_ref())
                .join(name);
            std::fs::read_to_string(path).ok()
        });
        Self::from_hashes(options, &hashes, manifest.as_deref(), build_id)
    }

    /// Builds the info from the text of a `hash.txt` (`js: …`, `wasm: …`, `css: …`, and for a
    /// split build `manifest: …`, `split: …`) and a split build's manifest.
    pub fn from_hashes(
        options: &LeptosOptions,
        hashes: &str,
        manifest: Option<&str>,
        build_id: Option<&str>,
    ) -> BuildInfo {
        let name = options.output_name.to_string();
        let file = |kind: &str, ext: &str| match hash_line(hashes, kind) {
            Some(h) => format!("{name}.{h}.{ext}"),
            None => format!("{name}.{ext}"),
        };
        let id = build_id.map(str::to_owned).unwrap_or_else(|| {
            let digest = Sha256::digest(format!("{}\n{hashes}", env!("CARGO_PKG_VERSION")));
            digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
        });
        let (split, on_demand) = split_files(hashes, manifest);
        let mut info = BuildInfo {
            id,
            js: file("js", "js"),
            wasm: file("wasm", "wasm"),
            css: file("css", "css"),
            split,
            on_demand,
            shell_html: String::new(),
            service_worker: String::new(),
        };
        info.shell_html = render_shell(options, &info);
        info.service_worker = info.render_service_worker(&options.site_pkg_dir);
        info
    }

    /// Everything the service worker precaches: the shell and this build's files.
    pub fn precache(&self, pkg: &str) -> Vec<String> {
        let mut files = vec![
            "/shell".into(),
            format!("/{pkg}/{}", self.js),
            format!("/{pkg}/{}", self.wasm),
            format!("/{pkg}/{}", self.css),
            "/sw-register.js".into(),
            "/manifest.webmanifest".into(),
            "/favicon.ico".into(),
            "/icons/icon-192.png".into(),
            "/icons/icon-512.png".into(),
        ];
        files.extend(self.split.iter().map(|f| format!("/{pkg}/{f}")));
        files
    }

    fn render_service_worker(&self, pkg: &str) -> String {
        let list = serde_json::to_string(&self.precache(pkg)).unwrap_or_else(|_| "[]".into());
        let on_demand: Vec<String> = self
            .on_demand
            .iter()
            .map(|f| format!("/{pkg}/{f}"))
            .collect();
        let on_demand = serde_json::to_string(&on_demand).unwrap_or_else(|_| "[]".into());
        SW_TEMPLATE
            .replace("__BUILD_ID__", &self.id)
            .replace("__PRECACHE__", &list)
            .replace("__ON_DEMAND__", &on_demand)
    }

    /// Whether every precached (or on-demand) build file exists under the site root (checked at
    /// start-up, so that a missing build is a clear log line rather than a worker that never
    /// installs or a scanner that never loads).
    pub fn missing_files(&self, site_root: &Path, pkg: &str) -> Vec<String> {
        self.precache(pkg)
            .into_iter()
            .chain(self.on_demand.iter().map(|f| format!("/{pkg}/{f}")))
            .filter(|p| p != "/shell")
            .filter(|p| !site_root.join(p.trim_start_matches('/')).exists())
            .collect()
    }
}

/// The most chunks a split build's manifest may name (a few hundred in practice).
const MAX_SPLIT_FILES: usize = 2_000;

/// A split build's manifest file name, from `hash.txt`.
fn split_manifest_name(hashes: &str) -> Option<String> {
    hash_line(hashes, "manifest").map(|h| format!("__wasm_split_manifest.{h}.json"))
}

/// The value of a `kind: value` line of `hash.txt`.
fn hash_line<'a>(hashes: &'a str, kind: &str) -> Option<&'a str> {
    hashes
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim() == kind)
        .map(|(_, v)| v.trim())
}

/// Split points whose chunks are fetched only when first used (a manifest key containing one
/// of these names): the camera's QR decoder, which most visits never open.
pub const ON_DEMAND_SPLITS: &[&str] = &["qr_decoder"];

/// A split build's files: the loader, the manifest, and each `.wasm` the manifest names (its
/// values are lists of file stems) — then apart, the chunks only [`ON_DEMAND_SPLITS`] need.
/// Names that are not plain file names are left out, and at most [`MAX_SPLIT_FILES`] are
/// taken. Empty for a build that is not split.
fn split_files(hashes: &str, manifest: Option<&str>) -> (Vec<String>, Vec<String>) {
    let (Some(loader), Some(manifest_name), Some(manifest)) = (
        hash_line(hashes, "split").map(|h| format!("__wasm_split.{h}.js")),
        split_manifest_name(hashes),
        manifest,
    ) else {
        return (vec![], vec![]);
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.len() <= 200
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            && !s.contains("..")
    };
    let parsed: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_str(manifest).unwrap_or_default();
    let (on_demand, always): (Vec<_>, Vec<_>) = parsed
        .into_iter()
        .partition(|(key, _)| ON_DEMAND_SPLITS.iter().any(|n| key.contains(n)));
    let stems = |entries: Vec<(String, Vec<String>)>| -> std::collections::BTreeSet<String> {
        entries
            .into_iter()
            .flat_map(|(_, v)| v)
            .filter(|s| plain(s))
            .map(|s| format!("{s}.wasm"))
            .take(MAX_SPLIT_FILES)
            .collect()
    };
    let chunks = stems(always);
    let on_demand = stems(on_demand)
        .into_iter()
        .filter(|f| !chunks.contains(f))
        .collect();
    let mut files = vec![loader, manifest_name];
    files.extend(chunks);
    (files, on_demand)
}

/// cargo-leptos' `hash.txt` beside the running executable, if there is one.
pub fn hash_file_beside_exe() -> Option<std::path::PathBuf> {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join("hash.txt")))
        .filter(|p| p.exists())
}

/// `GET /shell`.
pub async fn shell(State(state): State<AppState>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        state.build.shell_html.clone(),
    )
}

/// `GET /sw.js`.
pub async fn service_worker(State(state): State<AppState>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        state.build.service_worker.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> LeptosOptions {
        LeptosOptions::builder().output_name("butler").build()
    }

    #[test]
    fn a_new_build_gets_a_different_worker_and_the_shell_is_empty() {
        let a = BuildInfo::from_hashes(&options(), "js: aaa\nwasm: bbb\ncss: ccc\n", None, None);
        let b = BuildInfo::from_hashes(&options(), "js: aaa2\nwasm: bbb2\ncss: ccc\n", None, None);
        assert_eq!(a.wasm, "butler.bbb.wasm");
        assert_ne!(a.id, b.id);
        assert_ne!(a.service_worker, b.service_worker);
        assert!(a.service_worker.contains("/pkg/butler.bbb.wasm"));
        assert!(!a.service_worker.contains("__PRECACHE__"));
        let forced = BuildInfo::from_hashes(
            &options(),
            "js: aaa\nwasm: bbb\ncss: ccc\n",
            None,
            Some("B"),
        );
        assert_ne!(forced.service_worker, a.service_worker);
        assert!(a.shell_html.contains("data-butler-shell"));
        assert!(a.shell_html.contains("/pkg/butler.ccc.css"));
        assert!(
            !a.shell_html.contains("butler-boot"),
            "the shell carries no user data"
        );
    }

    #[test]
    fn a_split_build_precaches_its_loader_manifest_and_every_chunk_once() {
        let hashes = "js: aaa\nwasm: bbb\ncss: ccc\nmanifest: mmm\nsplit: sss\n";
        let manifest = r#"{"__fees_view_1":["chunk_1.x","split___fees_view_1.y"],
                           "__staff_view_1":["chunk_1.x","split___staff_view_1.z","../etc/passwd"],
                           "__qr_decoder":["chunk_1.x","split___qr_decoder.q"]}"#;
        let info = BuildInfo::from_hashes(&options(), hashes, Some(manifest), None);
        assert_eq!(
            info.split,
            vec![
                "__wasm_split.sss.js",
                "__wasm_split_manifest.mmm.json",
                "chunk_1.x.wasm",
                "split___fees_view_1.y.wasm",
                "split___staff_view_1.z.wasm",
            ]
        );
        assert!(info
            .service_worker
            .contains("/pkg/split___staff_view_1.z.wasm"));
        // The decoder's own chunk is fetched when first used; the chunk it shares stays.
        assert_eq!(info.on_demand, vec!["split___qr_decoder.q.wasm"]);
        assert!(info
            .service_worker
            .contains(r#"const ON_DEMAND = ["/pkg/split___qr_decoder.q.wasm"];"#));
        // Not split, or an unreadable manifest: nothing more.
        let plain = BuildInfo::from_hashes(&options(), "js: a\nwasm: b\ncss: c\n", None, None);
        assert!(plain.split.is_empty());
        let garbled = BuildInfo::from_hashes(&options(), hashes, Some("[not json"), None);
        assert_eq!(garbled.split.len(), 2);
    }
}
