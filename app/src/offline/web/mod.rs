//! The browser side: the engine that owns the user's local database and runs the sync loop.

mod engine;
mod idb;
mod lazy;
mod photo;

pub use lazy::{
    keep_photo, keep_signature, photo_src, queue, queue_all, settle_attention, settled, start,
    stop, sync_now,
};
