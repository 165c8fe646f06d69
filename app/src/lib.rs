//! Butler (物业管家): everything the server and the browser share — the domain, the wire types
//! and the UI. Built with feature `ssr` into the server and with `hydrate` into the WASM.
//!
//! Layout: [`domain`] (plain rules, no Leptos), [`i18n`] (every UI text), [`session`] (who is
//! signed in, online or offline), [`shell`] (the root, routes, layouts and app-wide chrome),
//! [`phone`] (the butler's and department staff's screens), [`office`] (the desktop workbench),
//! [`pages`] (screens both share: sign-in, not found), [`browser`] (the browser APIs, inert on
//! the server).

#![recursion_limit = "256"]

pub mod activities;
pub mod browser;
pub mod complaints;
pub mod customers;
pub mod documents;
pub mod domain;
pub mod estate;
pub mod fees;
pub mod follow_ups;
pub mod i18n;
pub mod office;
pub mod offline;
pub mod pages;
pub mod patrol;
pub mod phone;
pub mod places;
pub mod session;
pub mod shell;
pub mod sync;
pub mod ui;
pub mod vacant;

pub use shell::App;
