//! The browser side: the engine that owns the user's local database and runs the sync loop.

mod engine;
mod idb;

pub use engine::{queue, settle_attention, start, stop, sync_now};
