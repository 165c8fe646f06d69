//! Checklist runs on screen: the patrol round, the notice-board check and the 09:30 briefing
//! on the phone (offline, on the local store), and the office's register, run detail, today's
//! board and template editor.

pub mod api;
mod editor;
mod home;
mod item;
mod office;
mod photo;
mod run;

pub use editor::TemplatesPage;
pub use home::{board_msg, PatrolHome};
pub use office::{PatrolRegister, RunDetailPage, TodayBoardCard};
pub use photo::{PhotoButton, PhotoThumb};
pub use run::RunScreen;
