//! What an empty database starts with.
//!
//! In demo mode: a fictional but realistic estate (翠湖花园, two clusters, eight buildings,
//! 608 units with households, about 8 % vacant), the seven departments' staff and the demo
//! accounts listed in the README. In production: only the first administrator.
//! Everything is generated from a fixed seed, so every demo database is the same.

use super::estate::{self, NewHousehold, Occupancy};
use super::staff::{self, NewUser};
use super::DbError;
use app::domain::complaint::ComplaintCategory;
use app::domain::{ClusterId, UserId};
use app::domain::{Department, Role};
use sha2::Digest;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo1234";

/// A demo account: username, display name, role, department, cluster index.
pub struct DemoAccount {
    /// Sign-in name.
    pub username: &'static str,
    /// Name shown.
    pub display_name: &'static str,
    /// Role.
    pub role: Role,
    /// Department.
    pub department: Option<Department>,
    /// Which of the two clusters (butlers only).
    pub cluster: Option<usize>,
    /// Their department's lead (department staff).
    pub lead: bool,
}

/// The demo accounts (the README lists them too).
pub const DEMO_ACCOUNTS: [DemoAccount; 8] = [
    DemoAccount {
        username: "wangjing",
        display_name: "王静",
        role: Role::Butler,
        department: Some(Department::CustomerService),
        cluster: Some(0),
        lead: false,
    },
    DemoAccount {
        username: "liming",
        display_name: "李明",
        role: Role::Butler,
        department: Some(Department::CustomerService),
        cluster: Some(1),
        lead: false,
    },
    DemoAccount {
        username: "chenfang",
        display_name: "陈芳",
        role: Role::Office,
        department: Some(Department::CustomerService),
        cluster: None,
        lead: false,
    },
    DemoAccount {
        username: "admin",
        display_name: "系统管理员",
        role: Role::Admin,
        department: None,
        cluster: None,
        lead: false,
    },
    DemoAccount {
        username: "zhaoqiang",
        display_name: "赵强",
        role: Role::Staff,
        department: Some(Department::Engineering),
        cluster: None,
        lead: true,
    },
    DemoAccount {
        username: "sunwei",
        display_name: "孙伟",
        role: Role::Staff,
        department: Some(Department::Engineering),
        cluster: None,
        lead: false,
    },
    DemoAccount {
        username: "zhouyong",
        display_name: "周勇",
        role: Role::Staff,
        department: Some(Department::Security),
        cluster: None,
        lead: true,
    },
    DemoAccount {
        username: "wuli",
        display_name: "吴丽",
        role: Role::Staff,
        department: Some(Department::Cleaning),
        cluster: None,
        lead: false,
    },
];

const CLUSTERS: [&str; 2] = ["东区组团", "西区组团"];
const BUILDINGS: usize = 8;
const ENTRANCES: usize = 2;
const FLOORS: i64 = 19;
const ROOMS_PER_FLOOR: i64 = 2;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "雪梅", "文博", "子涵",
    "浩然", "欣怡", "宇轩", "佳琪", "思远", "雨萱", "俊杰", "梦瑶", "国庆", "春生", "玉兰",
];
const CITIES: &[&str] = &[
    "上海市徐汇区",
    "杭州市西湖区",
    "南京市鼓楼区",
    "苏州市姑苏区",
    "宁波市鄞州区",
];

/// A small deterministic generator (SplitMix64), so the demo estate is the same every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
    fn phone(&mut self) -> String {
        const PREFIXES: [&str; 6] = ["139", "138", "137", "186", "159", "152"];
        let prefix = PREFIXES[self.below(PREFIXES.len())];
        format!("{prefix}{:08}", self.next() % 100_000_000)
    }
}

/// Fills an empty database with the demo estate and accounts. Does nothing if an estate exists.
pub fn seed_demo(tx: &rusqlite::Transaction<'_>, hashes: &[String]) -> Result<bool, DbError> {
    if estate::has_estate(tx)? {
        return Ok(false);
    }
    let mut rng = Rng(20_261_128);
    let estate_id = estate::insert_estate(tx, "翠湖花园", "Asia/Shanghai")?;
    let clusters = CLUSTERS
        .iter()
        .map(|name| estate::insert_cluster(tx, estate_id, name))
        .collect::<Result<Vec<_>, _>>()?;

    for b in 1..=BUILDINGS {
        let cluster = clusters[(b - 1) * clusters.len() / BUILDINGS];
        let code = b.to_string();
        let building = estate::insert_building(tx, estate_id, cluster, &code, &format!("{b}栋"))?;
        for e in 1..=ENTRANCES {
            let entrance = estate::insert_entrance(tx, building, &e.to_string())?;
            for floor in 1..=FLOORS {
                for r in 1..=ROOMS_PER_FLOOR {
                    let room = format!("{floor}{r:02}");
                    let area = [89.5, 118.0, 136.5][rng.below(3)];
                    let unit = estate::insert_unit(tx, entrance, &room, floor, area)?;
                    seed_unit(tx, &mut rng, unit)?;
                }
            }
        }
    }

    for (account, hash) in DEMO_ACCOUNTS.iter().zip(hashes) {
        let id = staff::insert_user(
            tx,
            &NewUser {
                username: account.username,
                display_name: account.display_name,
                password_hash: hash,
                role: account.role,
                department: account.department,
                must_change_password: false,
                lead: account.lead,
            },
        )?;
        if let Some(c) = account.cluster {
            staff::assign_cluster(tx, id, clusters[c])?;
        }
    }
    seed_complaints(tx, &mut rng, chrono::Utc::now())?;
    seed_charges(tx, &mut rng, chrono::Utc::now())?;
    seed_collection(tx, &mut rng, chrono::Utc::now())?;
    seed_places(tx, chrono::Utc::now())?;
    seed_patrols(tx, chrono::Utc::now())?;
    seed_documents(tx, &mut rng, chrono::Utc::now())?;
    seed_activities(tx, &mut rng, chrono::Utc::now())?;
    Ok(true)
}

/// What the estate's boards carry: a title and who issued it.
const NOTICES: [(&str, app::domain::place::Issuer); 10] = {
    use app::domain::place::Issuer as I;
    [
        ("停水通知：二次供水水箱清洗", I::Utility),
        ("电梯年度检验安排", I::Engineering),
        ("关于规范电动车停放充电的通知", I::Security),
        ("冬季消防安全温馨提示", I::Security),
        ("绿化修剪及病虫害防治作业通知", I::Landscaping),
        ("物业服务费缴费提醒", I::Finance),
        ("业主大会会议公告", I::OwnersCommittee),
        ("社区疫苗接种服务安排", I::Community),
        ("楼道杂物清理通知", I::Cleaning),
        ("停电通知：配电房检修", I::Utility),
    ]
};

/// The demo's places and two months of notices before the start date (fixed seed, relative
/// to the start; decided by the same rules as a push). Each cluster has an entrance board and
/// one in every building's lobby, two recreation facilities and three checkpoints, each at a
/// position around the estate; notices were posted every few days, each on some of the boards,
/// and taken down the morning after their last day (now and then a day late). Today, one notice
/// of each cluster ends, and the first cluster has one a day past its end still up: the
/// butlers' morning lists are not empty.
fn seed_places(
    tx: &rusqlite::Transaction<'_>,
    start: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    use app::domain::follow_up::Actor;
    use app::domain::place::{NoticeId, Place, PlaceId, PlaceKind, Position};
    use app::sync::kind::{decide, Decision, Notices, Places};
    use app::sync::Op;
    use chrono::Duration;
    let mut rng = Rng(20_261_207);
    let today = app::domain::time::estate_today(start);
    let now_text = super::instant_text(start);
    let at =
        |day: chrono::NaiveDate, hour: u32, minute: u32| estate_instant(day, hour, minute, start);
    let Some(office) = office_actor(tx)? else {
        return Ok(());
    };
    let directory = staff::directory(tx)?;
    let templates = super::checklist::templates(tx)?;
    let of_purpose = |purpose| {
        templates
            .iter()
            .find(|t| t.purpose == purpose)
            .map(|t| t.id)
    };
    // The morning check names the boards and facilities; the daily patrol, the checkpoints.
    let template = of_purpose(app::domain::checklist::Purpose::NoticeBoard);
    let patrol = of_purpose(app::domain::checklist::Purpose::Patrol);
    for (c, (cluster, butler)) in cluster_butlers(tx)?.into_iter().enumerate() {
        // The clusters side by side on the map, in the order the butlers are listed.
        let buildings = estate::building_codes_of_cluster(tx, cluster)?;
        let name = directory
            .clusters
            .iter()
            .find(|k| k.id == cluster)
            .map(|k| k.name.clone())
            .unwrap_or_default();
        let mut places: Vec<Place> = vec![];
        let mut add = |kind, name: String, location: String, template| {
            // Around 翠湖花园: the clusters side by side, the places a few dozen metres apart.
            let n = places.len() as f64;
            let position = Position::from_degrees(
                31.2300 + 0.0004 * (n % 4.0),
                121.4700 + 0.0030 * c as f64 + 0.0005 * (n / 4.0).floor(),
            );
            places.push(Place {
                id: PlaceId::new_v7(),
                cluster_id: cluster,
                kind,
                name,
                location,
                position,
                template,
                retired: false,
            });
        };
        add(
            PlaceKind::NoticeBoard,
            format!("{name}入口公告栏"),
            "组团入口岗亭旁".to_owned(),
            template,
        );
        for b in &buildings {
            add(
                PlaceKind::NoticeBoard,
                format!("{b}栋大堂公告栏"),
                format!("{b}栋1单元大堂"),
                template,
            );
        }
        for (f, spot) in [
            ("儿童游乐场", "中心花园东侧"),
            ("健身器材区", "中心花园北侧"),
        ] {
            add(PlaceKind::Facility, f.to_owned(), spot.to_owned(), template);
        }
        for (p, spot) in [
            ("地下车库入口", "负一层坡道口"),
            ("消防通道", "组团北侧"),
            ("水泵房", "负一层东北角"),
        ] {
            add(PlaceKind::Checkpoint, p.to_owned(), spot.to_owned(), patrol);
        }
        for p in &places {
            if let Decision::Apply(p) = decide::<Places>(
                &office,
                None,
                &Op::SavePlace { place: p.clone() },
                (),
                start,
                app::sync::SCHEMA_VERSION,
            ) {
                super::place::save_place(tx, &p, &now_text)?;
            }
        }
        let boards: Vec<&Place> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::NoticeBoard)
            .collect();
        let actor = Actor {
            user: butler,
            role: Role::Butler,
            department: Some(Department::CustomerService),
            clusters: vec![cluster],
        };
        // (posted, last day, taken down the morning after): the past every few days, then
        // today's.
        let mut plan: Vec<(chrono::NaiveDate, chrono::NaiveDate, bool)> = vec![];
        let mut day = today - Duration::days(60);
        while day < today - Duration::days(3) {
            let last = day + Duration::days(3 + rng.below(12) as i64);
            // Still up today: it ends later (today's ends are the two below).
            let last = if last < today {
                last
            } else {
                last.max(today + Duration::days(1))
            };
            plan.push((day, last, last < today));
            day += Duration::days(4 + rng.below(4) as i64);
        }
        plan.push((today - Duration::days(5), today, false));
        if name == CLUSTERS[0] {
            plan.push((today - Duration::days(8), today - Duration::days(1), false));
        }
        plan.push((today - Duration::days(2), today + Duration::days(12), false));
        for (posted, last, down) in plan {
            let (title, issuer) = NOTICES[rng.below(NOTICES.len())];
            let on: Vec<_> = if rng.chance(50) {
                boards.iter().map(|b| b.id).collect()
            } else {
                boards
                    .iter()
                    .filter(|_| rng.chance(50))
                    .map(|b| b.id)
                    .collect()
            };
            let on = if on.is_empty() {
                vec![boards[0].id]
            } else {
                on
            };
            let poster = if rng.chance(60) { &office } else { &actor };
            let post = Op::PostNotice {
                id: NoticeId::new_v7(),
                cluster_id: cluster,
                title: title.to_owned(),
                issuer,
                boards: on,
                posted_on: posted,
                expires_on: last,
                photos: vec![],
            };
            let Decision::Apply(mut n) = decide::<Notices>(
                poster,
                None,
                &post,
                boards.clone(),
                at(posted, 9, 0),
                app::sync::SCHEMA_VERSION,
            ) else {
                continue;
            };
            if down {
                let late = if rng.chance(15) {
                    1 + rng.below(2) as i64
                } else {
                    0
                };
                let when = at(
                    last + Duration::days(1 + late),
                    8,
                    10 + rng.below(40) as u32,
                );
                let take = Op::TakeDownNotice {
                    id: n.id,
                    at: when.min(start),
                    photos: vec![],
                };
                if let Decision::Apply(d) = decide::<Notices>(
                    &actor,
                    Some(&n),
                    &take,
                    vec![],
                    start,
                    app::sync::SCHEMA_VERSION,
                ) {
                    n = d;
                }
            }
            super::place::save_notice(tx, &n, &now_text)?;
        }
    }
    Ok(())
}

/// Two weeks of daily patrols before the start date, with their check-ins (issue 18), decided
/// by the same rules as a push (fixed seed, relative to the start): each cluster's butler walked
/// the round every morning, every item in order (no finding: a finding makes a follow-up, and
/// the demo estate starts with none), and checked in at the cluster's checkpoints a few minutes
/// apart — now and then with the short code typed (手输), one morning twice within half a minute
/// (速度异常), one with the phone's fix across the estate (位置不符). The patrol register and
/// its check-ins are not empty on a newcomer's first look.
fn seed_patrols(
    tx: &rusqlite::Transaction<'_>,
    start: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    use app::domain::checklist::{Answer, ItemKind, Purpose, Scan};
    use app::domain::follow_up::Actor;
    use app::domain::place::{PlaceKind, Position};
    use app::domain::RunId;
    use app::sync::kind::{decide, Decision, Runs};
    use app::sync::Op;
    use chrono::Duration;
    let mut rng = Rng(20_261_208);
    let today = app::domain::time::estate_today(start);
    let now_text = super::instant_text(start);
    let Some(template) = super::checklist::templates(tx)?
        .into_iter()
        .filter(|t| t.purpose == Purpose::Patrol && t.active)
        .max_by_key(|t| t.version)
    else {
        return Ok(());
    };
    let places = super::place::all_places(tx)?;
    for (c, (cluster, butler)) in cluster_butlers(tx)?.into_iter().enumerate() {
        let actor = Actor {
            user: butler,
            role: Role::Butler,
            department: Some(Department::CustomerService),
            clusters: vec![cluster],
        };
        let checkpoints: Vec<_> = places
            .iter()
            .filter(|p| p.cluster_id == cluster && p.kind == PlaceKind::Checkpoint && !p.retired)
            .collect();
        for back in (1..=14).rev() {
            let day = today - Duration::days(back);
            let mut at =
                estate_instant(day, 9, 40, start) + Duration::minutes(rng.below(30) as i64);
            let id = RunId::new_v7();
            let mut ops = vec![(
                at,
                Op::StartRun {
                    id,
                    template_version: template.version_id,
                    cluster_id: cluster,
                    date: day,
                    unit: None,
                },
            )];
            for (n, p) in checkpoints.iter().enumerate() {
                let hurried = back == 6 && c == 0 && n == 1;
                at += if hurried {
                    Duration::seconds(10)
                } else {
                    Duration::minutes(4 + rng.below(6) as i64)
                };
                let jitter = |rng: &mut Rng| (rng.below(120) as i32) - 60;
                let position = match p.position {
                    _ if rng.chance(20) => None,
                    Some(_) if back == 9 && c == 1 && n == 0 => {
                        Position::from_degrees(31.2420, 121.4810)
                    }
                    Some(there) => Some(Position {
                        lat_e6: there.lat_e6 + jitter(&mut rng),
                        lon_e6: there.lon_e6 + jitter(&mut rng),
                    }),
                    None => None,
                };
                ops.push((
                    at,
                    Op::RecordScan {
                        run: id,
                        scan: Scan {
                            id: uuid::Uuid::now_v7(),
                            place: p.id,
                            at,
                            typed: rng.chance(12),
                            position,
                        },
                    },
                ));
            }
            for item in template.items() {
                let answer = match item.kind {
                    ItemKind::Check => Answer::Pass,
                    _ => continue,
                };
                at += Duration::seconds(20 + rng.below(60) as i64);
                ops.push((
                    at,
                    Op::RecordItem {
                        run: id,
                        item: item.key.clone(),
                        answer,
                        note: String::new(),
                        photos: vec![],
                        follow_up: None,
                    },
                ));
            }
            ops.push((at + Duration::minutes(2), Op::FinishRun { run: id }));
            let mut run = None;
            for (when, op) in ops {
                if let Decision::Apply(r) = decide::<Runs>(
                    &actor,
                    run.as_ref(),
                    &op,
                    app::sync::kind::RunNeeds::template(Some(&template)),
                    when,
                    app::sync::SCHEMA_VERSION,
                ) {
                    run = Some(*r);
                }
            }
            if let Some(r) = run.filter(|r| r.finished_at.is_some()) {
                super::checklist::save_run(tx, &r, 0, &now_text)?;
            }
        }
    }
    Ok(())
}

/// Six months of charges from finance before the start date, as if imported each month: every
/// unit's property fee (by floor), parking for about two units in five; most paid within
/// their month, a few owed lately, and about one unit in thirty owing for the last four
/// months (the collection list's regulars).
fn seed_charges(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut Rng,
    start: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    use super::fee::{ChargeImport, StoredCharge};
    use app::domain::fee::{FeeType, Fen};
    use chrono::{Datelike, Duration, Months, NaiveDate};
    let today = app::domain::time::estate_today(start);
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .ok_or_else(|| DbError::Corrupt("start date".into()))?;
    let admin = staff::find_for_sign_in(tx, "admin")?
        .ok_or_else(|| DbError::Corrupt("the demo admin".into()))?
        .id;
    let mut charges = Vec::new();
    for u in super::unit::units(tx, None)? {
        let chronic = rng.chance(3);
        let parks = rng.chance(40);
        let property = 18_000 + u.floor.clamp(1, 30) * 500 + rng.below(6) as i64 * 1_000;
        for back in 1..=6u32 {
            let (Some(period), Some(next)) = (
                this_month.checked_sub_months(Months::new(back)),
                this_month.checked_sub_months(Months::new(back - 1)),
            ) else {
                continue;
            };
            let due_date = next - Duration::days(1);
            let fees = std::iter::once((FeeType::Property, property))
                .chain(parks.then_some((FeeType::Parking, 15_000)));
            for (fee, due) in fees {
                let owed = (chronic && back <= 4) || (back <= 2 && rng.chance(8)) || rng.chance(2);
                let paid = match (owed, rng.chance(20)) {
                    (false, _) => due,
                    (true, true) => due / 2,
                    (true, false) => 0,
                };
                charges.push((
                    (u.id, fee, period),
                    StoredCharge {
                        cluster_id: u.cluster_id,
                        due: Fen(due),
                        paid: Fen(paid),
                        due_date,
                        paid_on: (!owed).then(|| due_date - Duration::days(rng.below(25) as i64)),
                        in_latest: true,
                    },
                ));
            }
        }
    }
    let id = uuid::Uuid::now_v7();
    super::fee::store_charges(tx, id, &charges)?;
    super::fee::record_charge_import(
        tx,
        &ChargeImport {
            id,
            file_name: "演示数据".into(),
            sha256: String::new(),
            by: admin,
            plan: app::fees::api::ChargePlan {
                rows: charges.len(),
                new: charges.len(),
                applied: true,
                ..Default::default()
            },
        },
    )?;
    super::collection::publish_arrears(tx, &super::now_text()).map(|_| ())
}

/// What customers said, by category, for the demo's complaints.
const COMPLAINTS: &[(ComplaintCategory, &str, &str)] = &[
    (
        ComplaintCategory::Security,
        "夜里车库出口道闸一直响，吵得睡不着",
        "检修道闸并调低夜间提示音",
    ),
    (
        ComplaintCategory::Security,
        "外卖员随意进出单元门，担心安全",
        "门岗加强登记，提醒住户勿随意开门",
    ),
    (
        ComplaintCategory::Cleaning,
        "楼道垃圾两天没人清理，有异味",
        "保洁当日清理并增加巡查频次",
    ),
    (
        ComplaintCategory::Cleaning,
        "电梯轿厢地面很脏",
        "电梯轿厢每日早晚各清洁一次",
    ),
    (
        ComplaintCategory::Landscaping,
        "楼下树枝挡住窗户，白天屋里很暗",
        "绿化组修剪遮挡树枝",
    ),
    (
        ComplaintCategory::Engineering,
        "楼道灯坏了一个星期没人修",
        "工程部更换灯具",
    ),
    (
        ComplaintCategory::Engineering,
        "电梯经常停在一楼不动",
        "联系电梯维保单位检修",
    ),
    (
        ComplaintCategory::Parking,
        "车位被别人占用，找不到车主",
        "安防联系车主挪车，张贴提示",
    ),
    (
        ComplaintCategory::Fees,
        "物业费账单金额和去年不一样",
        "核对账单并向业主解释调整依据",
    ),
    (
        ComplaintCategory::StaffConduct,
        "门岗保安说话态度不好",
        "对当班保安进行服务礼仪培训",
    ),
    (
        ComplaintCategory::Neighbours,
        "楼上装修噪音太大，中午也在施工",
        "提醒装修户遵守施工时间",
    ),
    (
        ComplaintCategory::Other,
        "快递柜经常满，取件不方便",
        "与快递柜运营方沟通扩容",
    ),
];

/// The demo's complaints over the last twelve weeks before `start` (deterministic: the same
/// seed and day give the same complaints): most reached within the hour, judged, answered and
/// signed or refused; the last week's still open; one household complaining three times in a
/// month, which the register flags. Valid ones were answered on the spot (no follow-ups, so
/// the demo's follow-up queues stay as the other features seed them).
fn seed_complaints(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut Rng,
    start: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    use app::domain::complaint::{
        Agreement, Complaint, ComplaintChannel, ComplaintId, Judgement, Reply, SignOff, Urgency,
    };
    use chrono::Duration;
    let butlers = cluster_butlers(tx)?;
    let now_text = super::instant_text(start);
    for (n, (cluster, butler)) in butlers.iter().cycle().take(36).enumerate() {
        let households = super::household::households(tx, Some(*cluster))?;
        if households.is_empty() {
            continue;
        }
        // The first three of the east cluster are one household's, within three weeks.
        let h = if n < 6 && n % 2 == 0 {
            &households[7]
        } else {
            &households[rng.below(households.len())]
        };
        let (category, said, solution) = COMPLAINTS[rng.below(COMPLAINTS.len())];
        let days_ago = if n < 6 {
            20 - n as i64 * 3
        } else {
            rng.below(84) as i64
        };
        let received =
            start - Duration::days(days_ago) - Duration::minutes(rng.below(600) as i64 + 60);
        let mut c = Complaint {
            id: ComplaintId(uuid::Uuid::now_v7()),
            cluster_id: *cluster,
            household: Some(h.id),
            complainant: h.name.clone(),
            place: h.unit_code.clone(),
            channel: [
                ComplaintChannel::OnSite,
                ComplaintChannel::Phone,
                ComplaintChannel::FrontDesk,
            ][rng.below(3)],
            said: said.to_owned(),
            category,
            urgency: if rng.chance(20) {
                Urgency::Urgent
            } else {
                Urgency::Normal
            },
            photos: vec![],
            received_at: received,
            reached_at: rng
                .chance(95)
                .then(|| received + Duration::minutes(5 + rng.below(85) as i64)),
            taken_by: *butler,
            judgement: None,
            reply: None,
            sign_off: None,
            closed_at: None,
            closed_by: None,
            override_reason: None,
            receipt: None,
            corrective: None,
            version: 1,
        };
        let recent = days_ago < 4;
        if c.reached_at.is_some() && !(recent && rng.chance(50)) {
            c.judgement = Some(if rng.chance(75) {
                Judgement::Valid {
                    department: category.usual_department(),
                    person: String::new(),
                    solution: solution.to_owned(),
                    follow_up: None,
                }
            } else {
                Judgement::Invalid {
                    reason: "经核实不属于物业服务范围，已向客户解释".to_owned(),
                }
            });
            c.version += 1;
        }
        if c.judgement.is_some() && !(recent && rng.chance(50)) {
            let at = c.reached_at.unwrap_or(received) + Duration::hours(2 + rng.below(46) as i64);
            c.reply = Some(Reply {
                text: format!("已按方案处理：{solution}"),
                at,
                agreement: [
                    Agreement::Satisfied,
                    Agreement::Satisfied,
                    Agreement::Accepted,
                    Agreement::NotSatisfied,
                ][rng.below(4)],
            });
            c.version += 1;
            if !recent {
                c.sign_off = Some(if rng.chance(85) {
                    let strokes = demo_signature(rng);
                    let image =
                        crate::blobs::hex(&sha2::Sha256::digest(format!("{strokes:?}").as_bytes()));
                    SignOff::Signed {
                        signer: h.name.clone(),
                        image,
                        strokes,
                    }
                } else {
                    SignOff::Refused {
                        note: "客户表示不需要签字".to_owned(),
                    }
                });
                c.closed_at = Some(at + Duration::minutes(10));
                c.closed_by = Some(*butler);
                c.receipt = Some(c.receipt_of(*butler));
                c.version += 1;
            }
        }
        if c.valid() == Some(true) && c.closed_at.is_some() && rng.chance(40) {
            c.corrective = Some(app::domain::complaint::Corrective {
                text: "已对责任岗位进行培训并加强督导".to_owned(),
                by: *butler,
                at: c.closed_at.unwrap_or(start),
            });
        }
        super::complaint::save_complaint(tx, &c, &now_text)?;
    }
    Ok(())
}

/// Each butler with the first cluster they look after (the demo's butlers have one each).
/// `day` at `hour:minute` in the estate, as an instant (`fallback` if there is no such time).
fn estate_instant(
    day: chrono::NaiveDate,
    hour: u32,
    minute: u32,
    fallback: chrono::DateTime<chrono::Utc>,
) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    app::domain::time::estate_offset()
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).unwrap_or_default())
        .single()
        .map_or(fallback, |t| t.with_timezone(&chrono::Utc))
}

/// The demo's office clerk as the rules see them (`None`: the estate has no office account).
fn office_actor(
    tx: &rusqlite::Transaction<'_>,
) -> Result<Option<app::domain::follow_up::Actor>, DbError> {
    Ok(staff::directory(tx)?
        .users
        .into_iter()
        .find(|u| u.role == Role::Office)
        .map(|u| app::domain::follow_up::Actor {
            user: u.id,
            role: Role::Office,
            department: u.department,
            clusters: vec![],
        }))
}

fn cluster_butlers(tx: &rusqlite::Transaction<'_>) -> Result<Vec<(ClusterId, UserId)>, DbError> {
    Ok(staff::directory(tx)?
        .users
        .iter()
        .filter(|u| u.role == Role::Butler)
        .filter_map(|u| {
            let clusters = staff::session_user(tx, u.id).ok().flatten()?.clusters;
            clusters.first().map(|c| (c.id, u.id))
        })
        .collect())
}

/// What the butlers heard on the phone: said, and a reason.
const COLLECTION_CALLS: [(&str, app::domain::collection::ArrearsReason); 5] = {
    use app::domain::collection::ArrearsReason as R;
    [
        ("忘了交，这两天就去交", R::Forgot),
        ("人在外地出差，回来就交", R::Away),
        ("最近手头紧，月底发了工资交", R::Hardship),
        ("说物业费太贵，不想交", R::Refuses),
        ("家里老人不会用手机缴费，让子女代交", R::Other),
    ]
};

/// The butlers' case files over the last two months before the start date, decided by the
/// same rules as a push (fixed seed, relative to the start): each owing unit's statements
/// delivered at the months' ends and third-week calls with promises (some kept, some broken by
/// the arrears finance's export shows). No service problem: that would make a follow-up, and
/// the demo estate starts with none (the sync tests count on it).
fn seed_collection(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut Rng,
    start: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    use app::domain::collection::{ArrearsReason, ContactId, ContactKind, ContactNote, Delivery};
    use app::domain::follow_up::Actor;
    use app::sync::kind::{decide, Collections, Decision};
    use app::sync::Op;
    use chrono::{Datelike, Duration, Months, NaiveDate};
    let today = app::domain::time::estate_today(start);
    let at = |day: NaiveDate, hour: u32| estate_instant(day, hour, 20, start);
    let butlers: std::collections::HashMap<ClusterId, UserId> =
        cluster_butlers(tx)?.into_iter().collect();
    let now_text = super::instant_text(start);
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    for a in super::collection::arrears_of_units(tx)?
        .into_iter()
        .filter(|a| a.owes())
    {
        let Some(butler) = butlers.get(&a.cluster_id).copied() else {
            continue;
        };
        let actor = Actor {
            user: butler,
            role: Role::Butler,
            department: Some(app::domain::Department::CustomerService),
            clusters: vec![a.cluster_id],
        };
        let Some(unit) = super::unit::load_unit(tx, a.unit_id)? else {
            continue;
        };
        let owner = a.owners.split('、').next().unwrap_or_default().to_owned();
        let mut contacts: Vec<ContactNote> = vec![];
        for back in [2u32, 1] {
            let Some(month) = this_month.checked_sub_months(Months::new(back)) else {
                continue;
            };
            // The statement at the month's end (for the next month).
            let Some(end) = month
                .checked_add_months(Months::new(1))
                .and_then(|m| m.pred_opt())
            else {
                continue;
            };
            let delivered = end - Duration::days(rng.below(3) as i64);
            if delivered < today {
                let delivery = [
                    Delivery::HandedSelf,
                    Delivery::HandedSelf,
                    Delivery::HandedFamily,
                    Delivery::WithSecurity,
                    Delivery::Registered,
                ][rng.below(5)];
                let when = at(delivered, 10 + rng.below(7) as u32);
                contacts.push(ContactNote {
                    delivery: Some(delivery),
                    tracking: if delivery == Delivery::Registered {
                        format!("EMS{}", 1_000_000_000 + rng.below(899_999_999))
                    } else {
                        String::new()
                    },
                    signer: match delivery {
                        Delivery::HandedSelf => owner.clone(),
                        Delivery::HandedFamily => "家属".to_owned(),
                        _ => String::new(),
                    },
                    signature: if matches!(delivery, Delivery::HandedSelf | Delivery::HandedFamily)
                    {
                        demo_signature(rng)
                    } else {
                        vec![]
                    },
                    ..ContactNote::new(ContactKind::Statement, when, a.owed())
                });
            }
            // The third-week call.
            let called = month + Duration::days(14 + rng.below(7) as i64);
            if called >= today {
                continue;
            }
            let reached = rng.chance(80);
            let (said, reason) = COLLECTION_CALLS[rng.below(COLLECTION_CALLS.len())];
            let call_at = at(called, 9 + rng.below(9) as u32);
            let what = if rng.chance(25) {
                ContactKind::Visit
            } else {
                ContactKind::Call
            };
            contacts.push(ContactNote {
                reached,
                said: if reached {
                    said.to_owned()
                } else {
                    "电话无人接听".to_owned()
                },
                promised_on: (reached && reason != ArrearsReason::Refuses)
                    .then(|| called + Duration::days(7 + rng.below(8) as i64)),
                reason: reached.then_some(reason),
                ..ContactNote::new(what, call_at, a.owed())
            });
        }
        for note in contacts {
            let op = Op::RecordCollectionContact {
                id: ContactId(uuid::Uuid::now_v7()),
                unit_id: a.unit_id,
                note,
            };
            if let Decision::Apply(c) = decide::<Collections>(
                &actor,
                None,
                &op,
                Some(&unit),
                start,
                app::sync::SCHEMA_VERSION,
            ) {
                super::collection::save_contact(tx, &c, &now_text)?;
            }
        }
    }
    Ok(())
}

/// The demo's documents (fixed seed, dates relative to the start; decided by the same rule as
/// a push): last month's statement, issued 20 days ago to every household — most signed for by
/// the owner or family, some left with security (never a key customer's), a few refused, the
/// owners not moved in mailed by registered post, and some still unclaimed, a few already
/// phoned: the call list and the register's columns are lived-in; and a water stoppage notice
/// two days ago to the households moved in of one building per cluster, half handed so far.
fn seed_documents(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut Rng,
    start: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    use app::domain::document::{
        plan_issue, Attempt, Audience, Call, DocumentId, DocumentKind, Handover, IssueRequest,
    };
    use app::domain::follow_up::Actor;
    use app::sync::kind::{decide, Decision, Deliveries};
    use app::sync::Op;
    use chrono::{Datelike, Duration, NaiveDate};
    let today = app::domain::time::estate_today(start);
    let at = |day: NaiveDate, hour: u32| estate_instant(day, hour, 10, start).min(start);
    let butlers: std::collections::HashMap<ClusterId, UserId> =
        cluster_butlers(tx)?.into_iter().collect();
    let Some(office_actor) = office_actor(tx)? else {
        return Ok(());
    };
    let office = office_actor.user;
    let clusters = super::sync::cluster_ids(tx)?;
    let mut cluster_list: Vec<ClusterId> = clusters.iter().copied().collect();
    cluster_list.sort();
    let units = super::unit::units(tx, None)?;
    let households = super::household::households(tx, None)?;
    let first_buildings: Vec<String> = cluster_list
        .iter()
        .filter_map(|c| {
            units
                .iter()
                .filter(|u| u.cluster_id == *c)
                .map(|u| u.building.clone())
                .min_by_key(|b| b.parse::<u32>().unwrap_or(u32::MAX))
        })
        .collect();
    let statement_day = today - Duration::days(20);
    let notice_day = today - Duration::days(2);
    let month = statement_day.month();
    let issues = [
        IssueRequest {
            id: DocumentId(uuid::Uuid::now_v7()),
            kind: DocumentKind::Statement,
            title: format!("{month}月对账单"),
            explanation: format!("{month}月物业服务费及公摊水电费，请核对后按时缴纳"),
            date: statement_day,
            clusters: cluster_list.clone(),
            buildings: vec![],
            audience: Audience::All,
            preview: false,
        },
        IssueRequest {
            id: DocumentId(uuid::Uuid::now_v7()),
            kind: DocumentKind::WaterOutage,
            title: "停水通知：二次供水水箱清洗".to_owned(),
            explanation: format!(
                "{} 9:00–17:00 清洗二次供水水箱，届时停水，请提前储水",
                today + Duration::days(3)
            ),
            date: notice_day,
            clusters: cluster_list.clone(),
            buildings: first_buildings,
            audience: Audience::MovedIn,
            preview: false,
        },
    ];
    let now_text = super::instant_text(start);
    for req in issues {
        let Ok(deliveries) = plan_issue(
            &req,
            &clusters,
            &units,
            &households,
            office,
            at(req.date, 9),
        ) else {
            continue;
        };
        let statement = req.kind == DocumentKind::Statement;
        for mut d in deliveries {
            let Some(butler) = butlers.get(&d.cluster_id).copied() else {
                continue;
            };
            let actor = Actor {
                user: butler,
                role: Role::Butler,
                department: Some(app::domain::Department::CustomerService),
                clusters: vec![d.cluster_id],
            };
            let days = (today - req.date).num_days().max(1);
            let day_of = |rng: &mut Rng, upto: i64| {
                req.date + Duration::days(rng.below(upto.clamp(1, days) as usize) as i64)
            };
            let mut ops: Vec<(Actor, Op)> = vec![];
            let attempt = |rng: &mut Rng, how: Handover, day: NaiveDate| Attempt {
                id: uuid::Uuid::now_v7(),
                how,
                at: at(day, 9 + rng.below(10) as u32),
                by: None,
                signer: if how == Handover::HandedFamily {
                    "家属".to_owned()
                } else {
                    String::new()
                },
                signature: if how.signed() {
                    demo_signature(rng)
                } else {
                    vec![]
                },
                note: String::new(),
            };
            if !d.moved_in {
                // The front desk mails it (a few still waiting for the post).
                let marked = day_of(rng, 2);
                ops.push((
                    actor.clone(),
                    Op::RecordHandover {
                        id: d.id,
                        attempt: attempt(rng, Handover::ToMail, marked),
                    },
                ));
                if rng.chance(85) {
                    ops.push((
                        office_actor.clone(),
                        Op::PostDocument {
                            id: d.id,
                            posted_on: (marked + Duration::days(1 + rng.below(2) as i64))
                                .min(today),
                            tracking: format!("XA{}CN", 100_000_000 + rng.below(899_999_999)),
                        },
                    ));
                }
            } else {
                let r = rng.below(100);
                let handed = if statement { 82 } else { 50 };
                if r < handed {
                    let how = match rng.below(100) {
                        0..=54 => Handover::HandedSelf,
                        55..=74 => Handover::HandedFamily,
                        _ if d.key_customer => Handover::HandedSelf,
                        _ => Handover::Security,
                    };
                    let day = day_of(rng, 10);
                    ops.push((
                        actor.clone(),
                        Op::RecordHandover {
                            id: d.id,
                            attempt: attempt(rng, how, day),
                        },
                    ));
                } else if r < handed + 4 {
                    let day = day_of(rng, 10);
                    let mut a = attempt(rng, Handover::Refused, day);
                    a.note = "对费用有异议".to_owned();
                    ops.push((
                        actor.clone(),
                        Op::RecordHandover {
                            id: d.id,
                            attempt: a,
                        },
                    ));
                }
                // Past the two weeks and unclaimed: some already phoned.
                if statement && r >= handed && rng.chance(40) {
                    let day = req.date + Duration::days(15 + rng.below(3) as i64);
                    let reached = rng.chance(60);
                    ops.push((
                        actor.clone(),
                        Op::CallAboutDocument {
                            id: d.id,
                            call: Call {
                                id: uuid::Uuid::now_v7(),
                                at: at(day.min(today), 10 + rng.below(8) as u32),
                                by: None,
                                reached,
                                said: if reached {
                                    "说这周末来物业中心领取".to_owned()
                                } else {
                                    "电话无人接听".to_owned()
                                },
                            },
                        },
                    ));
                }
            }
            for (who, op) in ops {
                if let Decision::Apply(next) =
                    decide::<Deliveries>(&who, Some(&d), &op, (), start, app::sync::SCHEMA_VERSION)
                {
                    d = *next;
                }
            }
            super::document::save_delivery(tx, &d, &now_text)?;
        }
    }
    Ok(())
}

/// What customers said on the feedback visits: a rating, comments, a suggestion.
const ACTIVITY_FEEDBACK: [(u8, &str, &str); 6] = [
    (5, "孩子玩得很开心，组织得很好", "希望多办亲子活动"),
    (5, "节目精彩，工作人员很热情", ""),
    (4, "整体不错，就是签到排队久了点", "签到可以分几个入口"),
    (4, "挺热闹的，认识了几位邻居", "下次可以安排在周末上午"),
    (3, "场地有点小，人多的时候太挤", "换个大一点的场地"),
    (5, "老人也能参加，很贴心", "多办健康讲座"),
];

/// The demo's activities: last month's mid-autumn garden party, held, with each butler's
/// households signed up from their share (a few cancelled), who came and what they said on
/// the feedback visits; and a craft class in ten days, open, a few households signed up.
/// Decided by the same rule as a push.
fn seed_activities(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut Rng,
    start: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    use app::domain::activity::{
        Activity, ActivityDraft, ActivityId, Feedback, Share, SignUpDraft, SignUpId,
    };
    use app::domain::follow_up::Actor;
    use app::sync::kind::{decide, Activities, Decision};
    use app::sync::Op;
    use chrono::{Duration, NaiveDate};
    let today = app::domain::time::estate_today(start);
    let at = |day: NaiveDate, hour: u32| estate_instant(day, hour, 0, start);
    let butlers = cluster_butlers(tx)?;
    let Some(office) = office_actor(tx)? else {
        return Ok(());
    };
    let households = super::household::households(tx, None)?;
    let now_text = super::instant_text(start);
    let plans = [
        (
            "中秋游园会",
            "猜灯谜、做月饼、亲子游戏，凭报名短信入场",
            "会所前广场",
            -25i64,
            19u32,
            80u32,
            14usize,
        ),
        (
            "亲子手工课：圣诞花环",
            "材料由物业准备，每户限一名儿童带一名家长",
            "会所二楼活动室",
            10,
            15,
            30,
            3,
        ),
    ];
    for (title, description, place, day, hour, capacity, per_butler) in plans {
        let starts_at = at(today + Duration::days(day), hour);
        let shares: Vec<Share> = butlers
            .iter()
            .map(|(_, b)| Share {
                butler: *b,
                places: capacity / (butlers.len() as u32 + 1),
            })
            .collect();
        let draft = ActivityDraft {
            title: title.to_owned(),
            description: description.to_owned(),
            place: place.to_owned(),
            starts_at,
            deadline: starts_at - Duration::days(2),
            capacity,
            shares,
        };
        let announced = starts_at - Duration::days(14);
        let mut a: Activity = match decide::<Activities>(
            &office,
            None,
            &Op::SaveActivity {
                id: ActivityId(uuid::Uuid::now_v7()),
                draft,
            },
            (),
            announced,
            app::sync::SCHEMA_VERSION,
        ) {
            Decision::Apply(a) => *a,
            _ => continue,
        };
        let activity = a.id;
        let apply = |a: &mut Activity, who: &Actor, op: Op, now| {
            if let Decision::Apply(next) =
                decide::<Activities>(who, Some(a), &op, (), now, app::sync::SCHEMA_VERSION)
            {
                *a = *next;
            }
        };
        for (cluster, butler) in &butlers {
            let actor = Actor {
                user: *butler,
                role: Role::Butler,
                department: Some(app::domain::Department::CustomerService),
                clusters: vec![*cluster],
            };
            let theirs: Vec<_> = households
                .iter()
                .filter(|h| {
                    h.cluster_id == *cluster
                        && h.relation == app::domain::household::Relation::Owner
                })
                .collect();
            for _ in 0..per_butler {
                let Some(h) = theirs.get(rng.below(theirs.len().max(1))) else {
                    break;
                };
                let when = (announced + Duration::hours(2 + rng.below(24 * 10) as i64)).min(start);
                let id = SignUpId(uuid::Uuid::now_v7());
                let op = Op::SignUpForActivity {
                    id: activity,
                    sign_up: SignUpDraft {
                        id,
                        cluster_id: *cluster,
                        unit_id: h.unit_id,
                        unit: h.unit_code.clone(),
                        name: h.name.clone(),
                        people: 1 + rng.below(3) as u32,
                        at: when,
                    },
                };
                apply(&mut a, &actor, op, when);
                if a.sign_up(id).is_some() && rng.chance(8) {
                    apply(
                        &mut a,
                        &actor,
                        Op::CancelSignUp {
                            id: activity,
                            sign_up: id,
                        },
                        when + Duration::hours(20),
                    );
                }
            }
            if starts_at >= start {
                continue;
            }
            // Held: who came, and the feedback visits in the days after.
            let ids: Vec<_> = a
                .sign_ups
                .iter()
                .filter(|s| s.butler == *butler && s.active())
                .map(|s| s.id)
                .collect();
            for id in ids {
                let came = rng.chance(88);
                apply(
                    &mut a,
                    &office,
                    Op::RecordAttendance {
                        id: activity,
                        sign_up: id,
                        attended: came,
                    },
                    starts_at + Duration::hours(1),
                );
                if came && rng.chance(75) {
                    let (rating, comments, suggestions) =
                        ACTIVITY_FEEDBACK[rng.below(ACTIVITY_FEEDBACK.len())];
                    let asked = (starts_at + Duration::days(1 + rng.below(5) as i64)).min(start);
                    let feedback = Feedback {
                        rating,
                        comments: comments.to_owned(),
                        suggestions: suggestions.to_owned(),
                        at: asked,
                        by: None,
                    };
                    apply(
                        &mut a,
                        &actor,
                        Op::RecordActivityFeedback {
                            id: activity,
                            sign_up: id,
                            feedback,
                        },
                        asked,
                    );
                }
            }
        }
        super::activity::save_activity(tx, &a, &now_text)?;
    }
    Ok(())
}

/// A scribble of two or three strokes in the pad's units.
fn demo_signature(rng: &mut Rng) -> Vec<Vec<(u16, u16)>> {
    (0..2 + rng.below(2))
        .map(|s| {
            let x0 = 100 + s as u16 * 250 + rng.below(60) as u16;
            (0..14u16)
                .map(|i| {
                    let x = x0 + i * 14;
                    let y = 420 + (rng.below(260) as u16);
                    (x.min(1000), y.min(1000))
                })
                .collect()
        })
        .collect()
}

fn seed_unit(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut Rng,
    unit: uuid::Uuid,
) -> Result<(), DbError> {
    let vacant = rng.chance(8);
    let year = 2019 + rng.below(6);
    let since = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let state = if vacant {
        Occupancy::Vacant
    } else {
        Occupancy::Occupied
    };
    estate::record_occupancy(tx, unit, state, &since)?;

    // Every unit has an owner; one who has not moved in gets documents by mail.
    let owner = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
    let address = vacant.then(|| {
        format!(
            "{}{}路{}号",
            rng.pick(CITIES),
            rng.pick(GIVEN),
            1 + rng.below(300)
        )
    });
    estate::insert_household(
        tx,
        unit,
        &NewHousehold {
            name: &owner,
            owner: true,
            phone: &rng.phone(),
            mailing_address: address.as_deref(),
            key_customer: rng.chance(3),
        },
    )?;
    // Some occupied units are let to a tenant.
    if !vacant && rng.chance(15) {
        let mut tenant = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
        if tenant == owner {
            tenant.push('二');
        }
        estate::insert_household(
            tx,
            unit,
            &NewHousehold {
                name: &tenant,
                owner: false,
                phone: &rng.phone(),
                mailing_address: None,
                key_customer: false,
            },
        )?;
    }
    Ok(())
}

/// In production, an empty database gets only the first administrator, who must change the
/// password at first sign-in. Returns whether it was created.
pub fn ensure_first_admin(
    tx: &rusqlite::Transaction<'_>,
    password_hash: &str,
) -> Result<bool, DbError> {
    if staff::count_users(tx)? > 0 {
        return Ok(false);
    }
    staff::insert_user(
        tx,
        &NewUser {
            username: "admin",
            display_name: "系统管理员",
            password_hash,
            role: Role::Admin,
            department: None,
            must_change_password: true,
            lead: false,
        },
    )?;
    Ok(true)
}
