#![recursion_limit = "256"]
//! The WASM entry point. A server-rendered page is hydrated — once the code of its route has
//! arrived, when the route is loaded on demand (`app::shell::lazy`); the offline shell (an
//! empty body with a marker, served by the service worker for any navigation) is mounted
//! instead, since hydrating a route against the shell's markup would not match (design §4).

use wasm_bindgen::prelude::wasm_bindgen;

/// Called by the hydration script that the server puts in every page and in the shell.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    if app::browser::is_shell() {
        leptos::mount::mount_to_body(app::App);
        app::browser::mark_ready();
    } else {
        // A page the server rendered may be one loaded on demand: hydration waits for its
        // code, and the app is ready when hydration is done.
        wasm_bindgen_futures::spawn_local(async {
            if let Some(body) = leptos::prelude::document().body() {
                leptos::mount::hydrate_from_async(body, app::App)
                    .await
                    .forget();
                app::browser::mark_ready();
            }
        });
    }
}
