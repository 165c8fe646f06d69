//! Checklist runs on screen: the patrol round, the notice-board check and the 09:30 briefing
//! on the phone (offline, on the local store), and the office's register, run detail, today's
//! board and template editor.

pub mod api;
