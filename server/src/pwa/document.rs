//! The HTML document around the app: one head for server-rendered pages and for the shell.

use super::BuildInfo;
use app::session::{BootData, BOOT_ELEMENT_ID};
use app::App;
use leptos::prelude::*;

/// The `<head>` shared by every page and the shell.
#[component]
fn Head(options: LeptosOptions, css: String) -> impl IntoView {
    let pkg = options.site_pkg_dir.clone();
    view! {
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
        <meta name="theme-color" content="#0f766e"/>
        <meta name="apple-mobile-web-app-capable" content="yes"/>
        <title>"物业管家"</title>
        <link rel="manifest" href="/manifest.webmanifest"/>
        <link rel="icon" href="/favicon.ico"/>
        <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
        <link rel="stylesheet" href=format!("/{pkg}/{css}")/>
        <script src="/sw-register.js" defer></script>
        <HydrationScripts options/>
    }
}

/// A server-rendered page: the head, the request's [`BootData`], and the app.
pub fn document(options: LeptosOptions, build: &BuildInfo) -> impl IntoView + use<> {
    let boot = use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<BootData>().cloned())
        .unwrap_or_default();
    let css = build.css.clone();
    view! {
        <!DOCTYPE html>
        <html lang=boot.lang.tag()>
            <head>
                <Head options css/>
                <script id=BOOT_ELEMENT_ID type="application/json" inner_html=boot.to_script_json()></script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The shell: the same head, an empty body with the marker, no user data.
pub fn render_shell(options: &LeptosOptions, build: &BuildInfo) -> String {
    let owner = Owner::new();
    let options = options.clone();
    let css = build.css.clone();
    owner.with(move || {
        view! {
            <!DOCTYPE html>
            <html lang="zh-CN">
                <head>
                    <Head options css/>
                </head>
                <body data-butler-shell=""></body>
            </html>
        }
        .to_html()
    })
}
