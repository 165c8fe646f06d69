//! What the fuzz targets (`fuzz/`, run by `scripts/fuzz.sh`) exercise, and what the stable
//! tests replay from `server/tests/fuzz-regressions/`: each function takes arbitrary bytes,
//! must never panic, and checks what must hold of its answer.

use crate::config::Config;
use crate::db::DbError;
use crate::estate::import::{floor_of, phone_of};
use crate::state::AppState;
use crate::sync::{check_push, push_batch, Mode};
use app::domain::follow_up::Actor;
use app::domain::household::normalise_phone;
use app::domain::DeviceId;
use app::estate::api::Encoding;
use app::sync::PushRequest;
use std::path::Path;

/// The spreadsheet reader, on bytes as uploaded (xlsx, CSV in any encoding, or anything).
pub fn spreadsheet(data: &[u8]) {
    for encoding in [Encoding::Auto, Encoding::Gbk] {
        if let Ok(table) = crate::estate::read::read(data, encoding) {
            assert!(table.headers.len() <= app::estate::api::MAX_IMPORT_COLUMNS);
            assert!(table.rows.len() <= app::estate::api::MAX_IMPORT_ROWS);
            for (_, row) in &table.rows {
                assert!(row.len() <= table.headers.len());
                assert!(row
                    .iter()
                    .all(|c| c.chars().count() <= app::estate::api::MAX_IMPORT_CELL_CHARS));
            }
        }
    }
}

/// The phone normalisers (the import's, for what Excel did to a number, and the app's), and
/// the unit-code readers (a code Excel turned into a date, the floor a room number tells).
pub fn codes(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(phone) = phone_of(s) {
        assert!(phone.len() <= 20, "a phone of {} characters", phone.len());
        assert_eq!(
            normalise_phone(&phone).as_deref(),
            Ok(phone.as_str()),
            "normalising twice changes nothing"
        );
    }
    if let Ok(phone) = normalise_phone(s) {
        // It may add the dash after an area code, never a digit.
        let digits = |t: &str| t.chars().filter(char::is_ascii_digit).count();
        assert!(digits(&phone) <= digits(s), "{s:?} became {phone:?}");
        assert_eq!(normalise_phone(&phone).as_deref(), Ok(phone.as_str()));
    }
    let code = crate::estate::import::undate(s);
    assert!(
        code.len() <= s.len().max(5),
        "undate grew {s:?} to {code:?}"
    );
    if let Some(floor) = floor_of(s) {
        assert!(floor != 0);
    }
}

/// A push as a phone sends it, decoded and decided against the demo estate, in a transaction
/// that is rolled back (so every input meets the same database).
///
/// Inputs may name the demo's records by placeholder, so that seeds reach the rules past
/// "not found": `@cluster@` (the butler's cluster), `@unit@` and `@household@` (one of it),
/// `@patrol@`, `@briefing@`, `@vacant@` (the latest version of that checklist), `@other@`
/// (another cluster's unit).
pub struct Push {
    rt: tokio::runtime::Runtime,
    state: AppState,
    device: DeviceId,
    actor: Actor,
    names: Vec<(&'static str, String)>,
}

impl Push {
    /// A demo database at `db` (a file in a temporary folder), with a butler signed in.
    pub fn new(db: &Path) -> Push {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("runtime: {e}"));
        let (state, device, actor) = rt.block_on(async {
            let mut config = Config::for_tests(db.to_path_buf());
            config.demo = true;
            let state = crate::build_state(config)
                .await
                .unwrap_or_else(|e| panic!("state: {e}"));
            let signed = crate::auth::sign_in(
                &state,
                crate::auth::SignInAttempt {
                    username: "wangjing",
                    password: crate::db::seed::DEMO_PASSWORD,
                    device: None,
                    user_agent: None,
                    address: None,
                },
            )
            .await
            .unwrap_or_else(|e| panic!("sign-in: {e:?}"));
            let actor = Actor::of(&signed.response.user);
            (state, signed.response.device_id, actor)
        });
        let names = rt
            .block_on(state.db.read({
                let actor = actor.clone();
                move |c| placeholders(c, &actor)
            }))
            .unwrap_or_else(|e| panic!("demo records: {e}"));
        Push {
            rt,
            state,
            device,
            actor,
            names,
        }
    }

    /// One input: a push body. Its device is made this butler's and its sequences the next
    /// ones, so that the apply rules see it; what they decide is rolled back. Answers the
    /// verdicts (none when the body is not a push this server takes).
    pub fn run(&self, data: &[u8]) -> Vec<app::sync::Verdict> {
        let text;
        let data = match std::str::from_utf8(data) {
            Ok(s) if s.contains('@') => {
                text = self
                    .names
                    .iter()
                    .fold(s.to_owned(), |t, (name, id)| t.replace(name, id));
                text.as_bytes()
            }
            _ => data,
        };
        let Ok(mut req) = serde_json::from_slice::<PushRequest>(data) else {
            return vec![];
        };
        req.device_id = self.device;
        for (i, m) in req.mutations.iter_mut().enumerate() {
            m.seq = i as i64 + 1;
        }
        if check_push(&req, self.device).is_err() {
            return vec![];
        }
        let (device, actor) = (self.device, self.actor.clone());
        let result = self
            .rt
            .block_on(self.state.db.write_or_roll_back(move |tx| {
                let outcome = push_batch(
                    tx,
                    device,
                    &actor,
                    &req.mutations,
                    chrono::Utc::now(),
                    Mode::Careful,
                );
                match outcome {
                    Ok(response) => {
                        assert_eq!(response.outcomes.len(), req.mutations.len());
                        serde_json::to_vec(&response).map_err(|e| DbError::Task(e.to_string()))?;
                        let verdicts = response.outcomes.into_iter().map(|o| o.verdict).collect();
                        Ok((verdicts, false))
                    }
                    Err(crate::sync::PushRefusal::Gap { expected }) => {
                        panic!("sequences renumbered from 1 and still a gap (expected {expected})")
                    }
                    Err(crate::sync::PushRefusal::Db(e)) => Err(e),
                }
            }));
        result.unwrap_or_else(|e| panic!("the database refused a push the rules took: {e}"))
    }
}

/// The demo records the placeholders stand for.
fn placeholders(
    c: &rusqlite::Connection,
    actor: &Actor,
) -> Result<Vec<(&'static str, String)>, DbError> {
    use app::domain::checklist::{latest_versions, Purpose};
    let mine = *actor
        .clusters
        .first()
        .ok_or(DbError::Task("no cluster".into()))?;
    let units = crate::db::unit::units(c, None)?;
    let unit = units.iter().find(|u| u.cluster_id == mine);
    let other = units.iter().find(|u| u.cluster_id != mine);
    let households = crate::db::household::households(c, Some(mine))?;
    let templates = crate::db::checklist::templates(c)?;
    let latest = latest_versions(&templates);
    let version = |p: Purpose| {
        latest
            .iter()
            .find(|t| t.purpose == p)
            .map(|t| t.version_id.to_string())
            .unwrap_or_default()
    };
    Ok(vec![
        ("@cluster@", mine.to_string()),
        ("@unit@", unit.map(|u| u.id.to_string()).unwrap_or_default()),
        (
            "@other@",
            other.map(|u| u.id.to_string()).unwrap_or_default(),
        ),
        (
            "@household@",
            households
                .first()
                .map(|h| h.id.to_string())
                .unwrap_or_default(),
        ),
        ("@patrol@", version(Purpose::Patrol)),
        ("@briefing@", version(Purpose::Briefing)),
        ("@vacant@", version(Purpose::VacantUnit)),
    ])
}
