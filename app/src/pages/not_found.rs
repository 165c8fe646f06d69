//! The fallback for an unknown path.

use crate::i18n::{tr, Msg};
use leptos::prelude::*;

/// "Page not found", with a way home.
#[component]
pub fn NotFound() -> impl IntoView {
    crate::session::respond_not_found();
    view! {
        <main class="centered">
            <section class="card">
                <h1>{tr(Msg::NotFound)}</h1>
                <a class="btn" href="/">{tr(Msg::BackHome)}</a>
            </section>
        </main>
    }
}
