//! Client-side and server-side route guards. They read the [`Session`] context, which works
//! offline; the server checks every API call again on its own.

use crate::session::use_session;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Which layout a subtree belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Butlers and department staff.
    Phone,
    /// Office and admin.
    Desktop,
}

/// Renders the nested route only for a signed-in user of the right layout; sends anyone else
/// to sign in, or to their own home.
#[component]
pub fn RequireLayout(layout: Layout, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    move || match session.user.get() {
        None => EitherOf3::A(view! { <Redirect path="/login"/> }),
        // A password an admin set is changed before anything else.
        Some(user) if user.must_change_password => {
            EitherOf3::B(view! { <Redirect path="/password"/> })
        }
        Some(user) if user.role.works_on_phone() != (layout == Layout::Phone) => {
            EitherOf3::B(view! { <Redirect path=user.role.home_path()/> })
        }
        Some(_) => EitherOf3::C(children()),
    }
}

/// `/`: the signed-in user's home, or the sign-in page.
#[component]
pub fn RootRedirect() -> impl IntoView {
    let session = use_session();
    move || {
        let path = session
            .user
            .get()
            .map(|u| u.role.home_path())
            .unwrap_or("/login");
        view! { <Redirect path=path/> }
    }
}
