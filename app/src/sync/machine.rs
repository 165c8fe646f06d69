//! The browser's sync loop as a pure state machine: no IndexedDB, no fetch, no clock.
//!
//! A thin driver (`offline/web/engine.rs` in the browser, the test device natively) carries
//! out each [`Command`] and answers with the [`Event`] it led to; [`SyncLoop::step`] decides
//! what comes next. One sync pushes the whole outbox in batches of at most
//! [`MAX_PUSH_BATCH`], then pulls pages until there is no more:
//!
//! ```text
//! ReadLocal ─LocalRead─▶ Push ─PushAnswered─▶ SettlePush ─Stored─▶ ReadLocal … (outbox sent)
//!           ─LocalRead─▶ Pull ─PageReceived─▶ StorePage ─Stored─▶ ReadLocal … ▶ Finish
//!                              (scope changed, 410) ▶ ResetCursor ─Stored─▶ ReadLocal
//! any answer the user must act on ▶ Stop(Problem); a fault worth retrying ▶ Stop(Retry)
//! ```
//!
//! Entries the server has taken stay in the outbox until the last page of the pull that
//! follows (which carries their effect, so the screens never flicker back); the push goes on
//! after them (`acked`).

use super::{Mutation, PullResponse, PushRequest, PushResponse, MAX_PUSH_BATCH, PROTOCOL_VERSION};
use crate::domain::DeviceId;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Why the loop stopped, when the user must act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncProblem {
    /// The session expired: sign in again (nothing is lost).
    SignIn,
    /// The app is too old: update it.
    Upgrade,
    /// The browser refused to store more.
    Quota,
    /// The local database could not be opened.
    Storage,
}

/// How a sync ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Halt {
    /// Try again later (a batch taken in part, a gap the server did not explain, an event
    /// out of order): see [`retry_delay`].
    Retry,
    /// The server could not be reached: no answer, one that could not be read, or a 5xx.
    /// Tried again like [`Halt::Retry`]; the screens say "无法连接服务器".
    Unreachable,
    /// The user must act.
    Problem(SyncProblem),
}

/// What the local store holds that the loop reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LocalState {
    /// The outbox, by sequence.
    pub outbox: Vec<Mutation>,
    /// Where the next pull starts.
    pub cursor: i64,
    /// A first sync is under way (from 0, or after a reset).
    pub first_sync: bool,
    /// The scope the records were pulled in.
    pub scope_hash: Option<String>,
}

/// The answer to a push.
#[derive(Debug, Clone, PartialEq)]
pub enum PushAnswer {
    /// 200: the server's outcomes.
    Taken(PushResponse),
    /// 409: a sequence gap; the server expects this one (`None`: it did not say).
    Gap(Option<i64>),
    /// Any other status.
    Status(u16),
    /// No answer, or one that could not be read.
    Unreachable,
}

/// The answer to a pull.
#[derive(Debug, Clone, PartialEq)]
pub enum PullAnswer {
    /// 200: a page.
    Page(Box<PullResponse>),
    /// Any other status (410: the cursor is older than the server keeps).
    Status(u16),
    /// No answer, or one that could not be read.
    Unreachable,
}

/// What the driver reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The local store as read for [`Command::ReadLocal`].
    LocalRead(LocalState),
    /// The answer to [`Command::Push`].
    PushAnswered(PushAnswer),
    /// The answer to [`Command::Pull`].
    PageReceived(PullAnswer),
    /// The write asked for ([`Command::SettlePush`], [`Command::StorePage`],
    /// [`Command::ResetCursor`]) is committed.
    Stored,
    /// The local store failed; `quota` when the browser refused to store more.
    StoreFailed {
        /// The browser's storage is full.
        quota: bool,
    },
}

/// What the driver is to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Read the outbox and the cursor.
    ReadLocal,
    /// Send this push.
    Push(PushRequest),
    /// Keep the refused, conflicting and flagged outcomes of `batch` (needs attention).
    SettlePush {
        /// The mutations sent.
        batch: Vec<Mutation>,
        /// The server's answer.
        response: PushResponse,
    },
    /// Ask for the page after `cursor`.
    Pull {
        /// The cursor.
        cursor: i64,
    },
    /// Store a page in one transaction: records replaced or removed, cursor and scope
    /// advanced, and, on the last page, the outbox entries up to `page.last_seq` removed.
    StorePage {
        /// The page.
        page: Box<PullResponse>,
        /// The outbox as read before the pull.
        outbox: Vec<Mutation>,
        /// Empty the records first (a pull from 0).
        reset: bool,
    },
    /// Start again from cursor 0 (the scope changed, or the cursor is stale).
    ResetCursor,
    /// The sync is done.
    Finish {
        /// Anything was sent or anything local changed: redraw.
        changed: bool,
        /// It was a first sync.
        first_sync: bool,
        /// The server's clock at the last page.
        server_time: DateTime<Utc>,
    },
    /// The sync ended early.
    Stop(Halt),
}

#[derive(Debug, Clone, PartialEq)]
enum Waiting {
    Local,
    PushAnswer(Vec<Mutation>),
    PushStored {
        whole: bool,
        acked: i64,
    },
    Page {
        local: LocalState,
    },
    PageStored {
        has_more: bool,
        server_time: DateTime<Utc>,
    },
    CursorReset,
    Over,
}

/// One sync of one device.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncLoop {
    device: DeviceId,
    pulling: bool,
    /// The last sequence the server has taken in this sync.
    acked: i64,
    sent: bool,
    from_zero: bool,
    changed: bool,
    waiting: Waiting,
}

impl SyncLoop {
    /// A sync about to start, and its first command.
    pub fn start(device: DeviceId) -> (SyncLoop, Command) {
        let machine = SyncLoop {
            device,
            pulling: false,
            acked: 0,
            sent: false,
            from_zero: false,
            changed: false,
            waiting: Waiting::Local,
        };
        (machine, Command::ReadLocal)
    }

    /// The next command, given what the last one led to.
    pub fn step(&mut self, event: Event) -> Command {
        let waiting = std::mem::replace(&mut self.waiting, Waiting::Over);
        match (waiting, event) {
            (_, Event::StoreFailed { quota }) => self.stop(Halt::Problem(if quota {
                SyncProblem::Quota
            } else {
                SyncProblem::Storage
            })),
            (Waiting::Local, Event::LocalRead(local)) if !self.pulling => self.push(local),
            (Waiting::Local, Event::LocalRead(local)) => self.pull(local),
            (Waiting::PushAnswer(batch), Event::PushAnswered(answer)) => {
                self.push_answered(batch, answer)
            }
            (Waiting::PushStored { whole, acked }, Event::Stored) => {
                if !whole {
                    // The server did not take the whole batch: try again later.
                    return self.stop(Halt::Retry);
                }
                self.acked = acked;
                self.read()
            }
            (Waiting::Page { local }, Event::PageReceived(answer)) => self.page(local, answer),
            (Waiting::CursorReset, Event::Stored) => self.read(),
            (
                Waiting::PageStored {
                    has_more,
                    server_time,
                },
                Event::Stored,
            ) => {
                if has_more {
                    return self.read();
                }
                Command::Finish {
                    changed: self.sent || self.changed,
                    first_sync: self.from_zero,
                    server_time,
                }
            }
            // An event the machine did not ask for: a driver fault. Nothing is lost by
            // stopping; the next sync starts over.
            _ => self.stop(Halt::Retry),
        }
    }

    fn stop(&mut self, halt: Halt) -> Command {
        self.waiting = Waiting::Over;
        Command::Stop(halt)
    }

    fn read(&mut self) -> Command {
        self.waiting = Waiting::Local;
        Command::ReadLocal
    }

    fn push(&mut self, local: LocalState) -> Command {
        let batch: Vec<Mutation> = local
            .outbox
            .iter()
            .filter(|m| m.seq > self.acked)
            .take(MAX_PUSH_BATCH as usize)
            .cloned()
            .collect();
        if batch.is_empty() {
            self.pulling = true;
            return self.pull(local);
        }
        self.sent = true;
        self.waiting = Waiting::PushAnswer(batch.clone());
        Command::Push(PushRequest {
            protocol: PROTOCOL_VERSION,
            device_id: self.device,
            mutations: batch,
        })
    }

    fn push_answered(&mut self, batch: Vec<Mutation>, answer: PushAnswer) -> Command {
        match answer {
            PushAnswer::Taken(response) => {
                let whole = batch.last().is_none_or(|m| m.seq <= response.last_seq);
                self.waiting = Waiting::PushStored {
                    whole,
                    acked: response.last_seq,
                };
                Command::SettlePush { batch, response }
            }
            PushAnswer::Gap(Some(expected)) => {
                if batch.first().is_some_and(|m| m.seq >= expected) {
                    // The server expects a sequence this device no longer holds: nothing can
                    // fill the gap, so stop rather than loop.
                    return self.stop(Halt::Problem(SyncProblem::Storage));
                }
                // Entries below the expected sequence are settled on the server (with no
                // outcome to keep here); the push goes on after them.
                self.acked = expected - 1;
                self.read()
            }
            PushAnswer::Status(status) => self.refused(status),
            PushAnswer::Gap(None) => self.stop(Halt::Retry),
            PushAnswer::Unreachable => self.stop(Halt::Unreachable),
        }
    }

    fn pull(&mut self, local: LocalState) -> Command {
        self.from_zero |= local.cursor == 0 || local.first_sync;
        self.changed |= self.from_zero || !local.outbox.is_empty();
        let cursor = local.cursor;
        self.waiting = Waiting::Page { local };
        Command::Pull { cursor }
    }

    fn page(&mut self, local: LocalState, answer: PullAnswer) -> Command {
        match answer {
            PullAnswer::Page(page) => {
                let scope_changed = local
                    .scope_hash
                    .as_ref()
                    .is_some_and(|h| *h != page.scope.hash);
                if scope_changed && local.cursor != 0 {
                    // Newly visible data is older than the cursor: start again from 0.
                    return self.reset();
                }
                self.changed |= !page.changes.is_empty();
                self.waiting = Waiting::PageStored {
                    has_more: page.has_more,
                    server_time: page.server_time,
                };
                Command::StorePage {
                    page,
                    outbox: local.outbox,
                    reset: local.cursor == 0,
                }
            }
            // The cursor is older than the server keeps; the outbox went first.
            PullAnswer::Status(410) => self.reset(),
            PullAnswer::Status(status) => self.refused(status),
            PullAnswer::Unreachable => self.stop(Halt::Unreachable),
        }
    }

    fn reset(&mut self) -> Command {
        self.waiting = Waiting::CursorReset;
        Command::ResetCursor
    }

    fn refused(&mut self, status: u16) -> Command {
        self.stop(match status {
            401 | 403 => Halt::Problem(SyncProblem::SignIn),
            426 => Halt::Problem(SyncProblem::Upgrade),
            500..=599 => Halt::Unreachable,
            _ => Halt::Retry,
        })
    }
}

/// How long to wait before the `failures`-th retry: exponential from 2 s, capped at a minute,
/// spread by `jitter` in [0, 1) so that phones that lost the server together do not return
/// together.
pub fn retry_delay(failures: u32, jitter: f64) -> Duration {
    let base = 1000.0 * 2f64.powi(failures.clamp(1, 6) as i32);
    let spread = 0.5 + jitter.clamp(0.0, 1.0);
    Duration::from_millis((base * spread).min(60_000.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::follow_up::FollowUpId;
    use crate::domain::Role;
    use crate::sync::{Change, Op, Outcome, Record, Scope, Verdict};
    use uuid::Uuid;

    fn mutation(seq: i64) -> Mutation {
        Mutation::new(
            seq,
            Op::CommentFollowUp {
                id: FollowUpId(Uuid::now_v7()),
                comment_id: Uuid::now_v7(),
                text: "已联系".into(),
            },
        )
    }

    fn local(seqs: impl IntoIterator<Item = i64>, cursor: i64, scope: Option<&str>) -> LocalState {
        LocalState {
            outbox: seqs.into_iter().map(mutation).collect(),
            cursor,
            first_sync: false,
            scope_hash: scope.map(str::to_owned),
        }
    }

    fn page(next_cursor: i64, has_more: bool, last_seq: i64, scope: &str) -> PullAnswer {
        PullAnswer::Page(Box::new(PullResponse {
            changes: vec![Change {
                seq: next_cursor,
                kind: crate::sync::RecordKind::FollowUp,
                id: Uuid::now_v7(),
                record: None::<Record>,
            }],
            next_cursor,
            has_more,
            last_seq,
            server_time: Utc::now(),
            scope: Scope {
                hash: scope.into(),
                role: Role::Butler,
                clusters: vec![],
                department: None,
            },
        }))
    }

    fn taken(batch: &[Mutation], last_seq: i64) -> PushAnswer {
        PushAnswer::Taken(PushResponse {
            outcomes: batch
                .iter()
                .map(|m| Outcome {
                    seq: m.seq,
                    mutation_id: m.id,
                    verdict: Verdict::Applied,
                    server_seq: Some(m.seq),
                    skew_secs: None,
                    notice: None,
                })
                .collect(),
            last_seq,
            server_time: Utc::now(),
        })
    }

    fn device() -> DeviceId {
        DeviceId(Uuid::now_v7())
    }

    #[test]
    fn a_large_outbox_goes_in_bounded_batches_then_the_pull_runs_to_its_last_page() {
        let (mut m, first) = SyncLoop::start(device());
        assert_eq!(first, Command::ReadLocal);
        let n = i64::from(MAX_PUSH_BATCH) + 20;
        let Command::Push(req) = m.step(Event::LocalRead(local(1..=n, 7, Some("s")))) else {
            panic!("push expected")
        };
        assert_eq!(req.mutations.len(), MAX_PUSH_BATCH as usize);
        let batch = req.mutations;
        let Command::SettlePush { .. } = m.step(Event::PushAnswered(taken(
            &batch,
            i64::from(MAX_PUSH_BATCH),
        ))) else {
            panic!("settle expected")
        };
        assert_eq!(m.step(Event::Stored), Command::ReadLocal);
        // The taken entries are still in the outbox; the push goes on after them.
        let Command::Push(req) = m.step(Event::LocalRead(local(1..=n, 7, Some("s")))) else {
            panic!("second push expected")
        };
        assert_eq!(req.mutations.len(), 20);
        assert_eq!(req.mutations[0].seq, i64::from(MAX_PUSH_BATCH) + 1);
        m.step(Event::PushAnswered(taken(&req.mutations, n)));
        m.step(Event::Stored);
        assert_eq!(
            m.step(Event::LocalRead(local(1..=n, 7, Some("s")))),
            Command::Pull { cursor: 7 }
        );
        let Command::StorePage { reset, outbox, .. } =
            m.step(Event::PageReceived(page(9, true, n, "s")))
        else {
            panic!("store expected")
        };
        assert!(!reset);
        assert_eq!(outbox.len() as i64, n);
        assert_eq!(m.step(Event::Stored), Command::ReadLocal);
        assert_eq!(
            m.step(Event::LocalRead(local(1..=n, 9, Some("s")))),
            Command::Pull { cursor: 9 }
        );
        m.step(Event::PageReceived(page(12, false, n, "s")));
        let Command::Finish {
            changed,
            first_sync,
            ..
        } = m.step(Event::Stored)
        else {
            panic!("finish expected")
        };
        assert!(changed);
        assert!(!first_sync);
    }

    #[test]
    fn a_gap_resends_from_the_expected_sequence_or_stops_when_nothing_can_fill_it() {
        let (mut m, _) = SyncLoop::start(device());
        m.step(Event::LocalRead(local(3..=6, 1, None)));
        // The server has 1..=4 already: the push goes on from 5.
        assert_eq!(
            m.step(Event::PushAnswered(PushAnswer::Gap(Some(5)))),
            Command::ReadLocal
        );
        let Command::Push(req) = m.step(Event::LocalRead(local(3..=6, 1, None))) else {
            panic!("push expected")
        };
        assert_eq!(
            req.mutations.iter().map(|m| m.seq).collect::<Vec<_>>(),
            [5, 6]
        );

        let (mut m, _) = SyncLoop::start(device());
        m.step(Event::LocalRead(local(8..=9, 1, None)));
        assert_eq!(
            m.step(Event::PushAnswered(PushAnswer::Gap(Some(3)))),
            Command::Stop(Halt::Problem(SyncProblem::Storage))
        );
    }

    #[test]
    fn a_batch_taken_in_part_is_retried_later_and_statuses_say_what_the_user_must_do() {
        let (mut m, _) = SyncLoop::start(device());
        let Command::Push(req) = m.step(Event::LocalRead(local(1..=3, 0, None))) else {
            panic!("push expected")
        };
        m.step(Event::PushAnswered(taken(&req.mutations[..1], 1)));
        assert_eq!(m.step(Event::Stored), Command::Stop(Halt::Retry));

        for (status, halt) in [
            (401, Halt::Problem(SyncProblem::SignIn)),
            (403, Halt::Problem(SyncProblem::SignIn)),
            (426, Halt::Problem(SyncProblem::Upgrade)),
            (500, Halt::Unreachable),
            (503, Halt::Unreachable),
            (400, Halt::Retry),
        ] {
            let (mut m, _) = SyncLoop::start(device());
            m.step(Event::LocalRead(local(1..=1, 0, None)));
            assert_eq!(
                m.step(Event::PushAnswered(PushAnswer::Status(status))),
                Command::Stop(halt)
            );
            let (mut m, _) = SyncLoop::start(device());
            m.step(Event::LocalRead(local([], 4, None)));
            assert_eq!(
                m.step(Event::PageReceived(PullAnswer::Status(status))),
                Command::Stop(halt)
            );
        }
        let (mut m, _) = SyncLoop::start(device());
        m.step(Event::LocalRead(local([], 4, None)));
        assert_eq!(
            m.step(Event::PageReceived(PullAnswer::Unreachable)),
            Command::Stop(Halt::Unreachable)
        );
        let (mut m, _) = SyncLoop::start(device());
        m.step(Event::LocalRead(local(1..=1, 0, None)));
        assert_eq!(
            m.step(Event::PushAnswered(PushAnswer::Unreachable)),
            Command::Stop(Halt::Unreachable)
        );
    }

    #[test]
    fn a_changed_scope_or_a_stale_cursor_starts_again_from_zero_as_a_first_sync() {
        let (mut m, _) = SyncLoop::start(device());
        m.step(Event::LocalRead(local([], 40, Some("old"))));
        assert_eq!(
            m.step(Event::PageReceived(page(50, false, 0, "new"))),
            Command::ResetCursor
        );
        assert_eq!(m.step(Event::Stored), Command::ReadLocal);
        let mut fresh = local([], 0, None);
        fresh.first_sync = true;
        assert_eq!(m.step(Event::LocalRead(fresh)), Command::Pull { cursor: 0 });
        let Command::StorePage { reset, .. } =
            m.step(Event::PageReceived(page(50, false, 0, "new")))
        else {
            panic!("store expected")
        };
        assert!(reset, "a pull from 0 empties the records first");
        let Command::Finish { first_sync, .. } = m.step(Event::Stored) else {
            panic!("finish expected")
        };
        assert!(first_sync);

        let (mut m, _) = SyncLoop::start(device());
        m.step(Event::LocalRead(local([], 40, Some("s"))));
        assert_eq!(
            m.step(Event::PageReceived(PullAnswer::Status(410))),
            Command::ResetCursor
        );
    }

    #[test]
    fn a_failed_store_stops_with_the_problem_and_an_unasked_event_stops_the_sync() {
        let (mut m, _) = SyncLoop::start(device());
        assert_eq!(
            m.step(Event::StoreFailed { quota: true }),
            Command::Stop(Halt::Problem(SyncProblem::Quota))
        );
        let (mut m, _) = SyncLoop::start(device());
        assert_eq!(m.step(Event::Stored), Command::Stop(Halt::Retry));
        // Over is over.
        assert_eq!(
            m.step(Event::LocalRead(LocalState::default())),
            Command::Stop(Halt::Retry)
        );
    }

    #[test]
    fn nothing_to_send_and_nothing_new_is_an_unchanged_sync() {
        let (mut m, _) = SyncLoop::start(device());
        m.step(Event::LocalRead(local([], 12, Some("s"))));
        let Some(PullAnswer::Page(mut p)) = Some(page(12, false, 0, "s")) else {
            unreachable!()
        };
        p.changes.clear();
        m.step(Event::PageReceived(PullAnswer::Page(p)));
        let Command::Finish { changed, .. } = m.step(Event::Stored) else {
            panic!("finish expected")
        };
        assert!(!changed, "a timer sync that found nothing does not redraw");
    }

    #[test]
    fn retries_back_off_exponentially_within_a_minute() {
        assert_eq!(retry_delay(1, 0.5), Duration::from_millis(2000));
        assert_eq!(retry_delay(3, 0.5), Duration::from_millis(8000));
        assert!(retry_delay(40, 0.99) <= Duration::from_secs(60));
        assert!(retry_delay(1, 0.0) < retry_delay(1, 0.9));
    }
}
