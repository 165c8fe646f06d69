//! The places import as parse → plan → apply: the office's sheet of notice boards, facilities
//! and checkpoints is parsed into places (or row problems), planned against the places stored
//! (nothing written: a place is the same place when its cluster and name are), and applied
//! only when no row has a problem.
//!
//! An empty optional cell keeps what is stored (a position measured on the desktop is not
//! wiped by a sheet without one); a new place without a checklist gets its kind's standard
//! one for its cluster — the morning notice-board and facility check for boards and
//! facilities, the daily patrol for checkpoints — so its round lists it at once.

use crate::estate::read::{Columns, Table};
use app::domain::checklist::{Purpose, Template};
use app::domain::place::{Place, PlaceId, PlaceKind, Position, MAX_LOCATION, MAX_PLACE_NAME};
use app::domain::{ClusterId, TemplateId};
use app::i18n::{Lang, Msg};
use app::places::import::{
    PlaceField, PlaceImportProblem, PlacePlan, PlaceRowProblem, MAX_LISTED_PROBLEMS,
};
use std::collections::{BTreeMap, HashMap};

/// A row read: the place it states; `None` for an optional cell left empty.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceIn {
    /// The spreadsheet's row number.
    pub row: usize,
    /// Its cluster.
    pub cluster_id: ClusterId,
    /// Board, facility or checkpoint.
    pub kind: PlaceKind,
    /// Its name, trimmed.
    pub name: String,
    /// Where it is, in words.
    pub location: Option<String>,
    /// Where it is on the map.
    pub position: Option<Position>,
    /// The checklist that applies.
    pub template: Option<TemplateId>,
}

/// What the parser looks names up in: the estate's clusters and the checklists in use, each
/// by name.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Cluster name → id.
    pub clusters: HashMap<String, ClusterId>,
    /// Checklist name (its newest version's) → id.
    pub templates: HashMap<String, TemplateId>,
}

impl Names {
    /// The names from the clusters and every version of every template (a retired checklist
    /// is not offered).
    pub fn of(clusters: &[app::domain::ClusterRef], templates: &[Template]) -> Names {
        let mut newest: BTreeMap<TemplateId, &Template> = BTreeMap::new();
        for t in templates {
            let e = newest.entry(t.id).or_insert(t);
            if t.version > e.version {
                *e = t;
            }
        }
        Names {
            clusters: clusters
                .iter()
                .map(|c| (c.name.trim().to_owned(), c.id))
                .collect(),
            templates: newest
                .values()
                .filter(|t| t.active)
                .map(|t| (t.name.trim().to_owned(), t.id))
                .collect(),
        }
    }
}

/// The kind a cell names: its name in either language, or a word offices use for it.
pub fn kind_of_text(text: &str) -> Option<PlaceKind> {
    let t = text.trim().to_lowercase();
    PlaceKind::ALL.iter().copied().find(|k| {
        let m = Msg::place_kind(*k);
        t == m.text(Lang::ZhCn)
            || t == m.text(Lang::En).to_lowercase()
            || match k {
                PlaceKind::NoticeBoard => ["公告牌", "宣传栏", "布告栏"].contains(&t.as_str()),
                PlaceKind::Facility => {
                    ["设施", "文体", "健身器材", "facility"].contains(&t.as_str())
                }
                PlaceKind::Checkpoint => {
                    ["巡检点", "打卡点", "巡更点", "巡逻点"].contains(&t.as_str())
                }
            }
    })
}

/// Reads every row: the places, and the problems of the rows that are not.
pub fn parse(table: &Table, names: &Names) -> (Vec<PlaceIn>, Vec<PlaceRowProblem>) {
    let columns = Columns::of(&table.headers, PlaceField::of_header);
    let missing: Vec<PlaceRowProblem> = PlaceField::ALL
        .into_iter()
        .filter(|f| f.required() && !columns.has(*f))
        .map(|field| PlaceRowProblem {
            row: 0,
            problem: PlaceImportProblem::MissingColumn { field },
        })
        .collect();
    if !missing.is_empty() {
        return (vec![], missing);
    }
    let mut places = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<(ClusterId, String), usize> = HashMap::new();
    for (row, cells) in &table.rows {
        let cell = |f: PlaceField| columns.cell(cells, f);
        match parse_row(*row, &cell, names) {
            Ok(p) => {
                let key = (p.cluster_id, p.name.clone());
                match seen.get(&key) {
                    Some(first_row) => problems.push(PlaceRowProblem {
                        row: *row,
                        problem: PlaceImportProblem::Duplicate {
                            first_row: *first_row,
                        },
                    }),
                    None => {
                        seen.insert(key, *row);
                        places.push(p);
                    }
                }
            }
            Err(problem) => problems.push(PlaceRowProblem { row: *row, problem }),
        }
    }
    (places, problems)
}

fn parse_row<'a>(
    row: usize,
    cell: &dyn Fn(PlaceField) -> &'a str,
    names: &Names,
) -> Result<PlaceIn, PlaceImportProblem> {
    let required = |field: PlaceField| {
        let text = cell(field);
        if text.is_empty() {
            Err(PlaceImportProblem::Required { field })
        } else {
            Ok(text)
        }
    };
    let cluster_text = required(PlaceField::Cluster)?;
    let cluster_id =
        *names
            .clusters
            .get(cluster_text)
            .ok_or_else(|| PlaceImportProblem::UnknownCluster {
                text: cluster_text.to_owned(),
            })?;
    let kind_text = required(PlaceField::Kind)?;
    let kind = kind_of_text(kind_text).ok_or_else(|| PlaceImportProblem::BadKind {
        text: kind_text.to_owned(),
    })?;
    let name = required(PlaceField::Name)?;
    if name.chars().count() > MAX_PLACE_NAME {
        return Err(PlaceImportProblem::TooLong {
            field: PlaceField::Name,
            max: MAX_PLACE_NAME,
        });
    }
    let location = match cell(PlaceField::Location) {
        "" => None,
        t if t.chars().count() > MAX_LOCATION => {
            return Err(PlaceImportProblem::TooLong {
                field: PlaceField::Location,
                max: MAX_LOCATION,
            })
        }
        t => Some(t.to_owned()),
    };
    let position = match (cell(PlaceField::Latitude), cell(PlaceField::Longitude)) {
        ("", "") => None,
        (a, b) => {
            let degrees = |s: &str| s.trim_end_matches('°').trim().parse::<f64>().ok();
            match (degrees(a), degrees(b)) {
                (Some(lat), Some(lon)) => Position::from_degrees(lat, lon),
                _ => None,
            }
            .map(Some)
            .ok_or_else(|| PlaceImportProblem::BadPosition {
                text: format!("{a}, {b}"),
            })?
        }
    };
    let template = match cell(PlaceField::Template) {
        "" => None,
        t => Some(
            *names
                .templates
                .get(t)
                .ok_or_else(|| PlaceImportProblem::UnknownTemplate { text: t.to_owned() })?,
        ),
    };
    Ok(PlaceIn {
        row,
        cluster_id,
        kind,
        name: name.to_owned(),
        location,
        position,
        template,
    })
}

/// The standard checklist of a kind of place in a cluster: the newest active template of the
/// kind's purpose that applies to the cluster.
pub fn standard_template(
    templates: &[Template],
    kind: PlaceKind,
    cluster: ClusterId,
) -> Option<TemplateId> {
    let purpose = match kind {
        PlaceKind::NoticeBoard | PlaceKind::Facility => Purpose::NoticeBoard,
        PlaceKind::Checkpoint => Purpose::Patrol,
    };
    let mut newest: BTreeMap<TemplateId, &Template> = BTreeMap::new();
    for t in templates {
        let e = newest.entry(t.id).or_insert(t);
        if t.version > e.version {
            *e = t;
        }
    }
    newest
        .values()
        .find(|t| t.active && t.purpose == purpose && t.applies_to(cluster))
        .map(|t| t.id)
}

/// What a file does to the stored places: the plan to show, and the places to store if
/// applied.
#[derive(Debug, Clone, Default)]
pub struct Planned {
    /// What to tell the office.
    pub plan: PlacePlan,
    /// Places new or changed, as they will be stored.
    pub writes: Vec<Place>,
}

/// Plans the file's places against the stored ones (a place is its cluster and name).
pub fn plan(
    rows: Vec<PlaceIn>,
    problems: Vec<PlaceRowProblem>,
    stored: &[Place],
    templates: &[Template],
) -> Planned {
    let mut out = Planned::default();
    out.plan.rows = rows.len() + problems.iter().filter(|p| p.row > 0).count();
    out.plan.problem_count = problems.len();
    out.plan.problems = problems.into_iter().take(MAX_LISTED_PROBLEMS).collect();
    let by_name: HashMap<(ClusterId, &str), &Place> = stored
        .iter()
        .map(|p| ((p.cluster_id, p.name.trim()), p))
        .collect();
    for r in rows {
        let before = by_name.get(&(r.cluster_id, r.name.as_str())).copied();
        let place = match before {
            Some(b) => Place {
                kind: r.kind,
                location: r.location.unwrap_or_else(|| b.location.clone()),
                position: r.position.or(b.position),
                template: r.template.or(b.template),
                retired: false,
                ..b.clone()
            },
            None => Place {
                id: PlaceId::new_v7(),
                cluster_id: r.cluster_id,
                kind: r.kind,
                template: r
                    .template
                    .or_else(|| standard_template(templates, r.kind, r.cluster_id)),
                name: r.name,
                location: r.location.unwrap_or_default(),
                position: r.position,
                retired: false,
            },
        };
        match before {
            None => out.plan.new += 1,
            Some(b) if *b == place => out.plan.unchanged += 1,
            Some(_) => out.plan.updated += 1,
        }
        if before != Some(&place) {
            out.writes.push(place);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::checklist::Schedule;

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 2, r.iter().map(|s| s.to_string()).collect()))
                .collect(),
            encoding: None,
        }
    }

    const HEADERS: [&str; 7] = ["组团", "类型", "名称", "位置", "纬度", "经度", "检查表"];

    fn template(name: &str, purpose: Purpose, version: i64, active: bool) -> Template {
        Template {
            id: TemplateId(uuid::Uuid::from_u128(purpose as u128 + 1)),
            version,
            version_id: uuid::Uuid::now_v7(),
            name: name.into(),
            purpose,
            schedule: Schedule::Daily,
            clusters: vec![],
            sections: vec![],
            active,
            scans_required: false,
            created_by: None,
            created_at: chrono::Utc::now(),
        }
    }

    fn estate() -> (Names, Vec<Template>, ClusterId, ClusterId) {
        let (east, west) = (ClusterId::new_v7(), ClusterId::new_v7());
        let templates = vec![
            template("组团日常巡视（旧）", Purpose::Patrol, 1, true),
            template("组团日常巡视", Purpose::Patrol, 2, true),
            template("公告栏及文体设施检查", Purpose::NoticeBoard, 1, true),
        ];
        let clusters = [
            app::domain::ClusterRef {
                id: east,
                name: "东区组团".into(),
            },
            app::domain::ClusterRef {
                id: west,
                name: "西区组团".into(),
            },
        ];
        (Names::of(&clusters, &templates), templates, east, west)
    }

    #[test]
    fn kinds_are_read_in_either_language_and_the_offices_words() {
        assert_eq!(kind_of_text("公告栏"), Some(PlaceKind::NoticeBoard));
        assert_eq!(kind_of_text(" Notice board "), Some(PlaceKind::NoticeBoard));
        assert_eq!(kind_of_text("健身器材"), Some(PlaceKind::Facility));
        assert_eq!(kind_of_text("巡更点"), Some(PlaceKind::Checkpoint));
        assert_eq!(kind_of_text("checkpoint"), Some(PlaceKind::Checkpoint));
        assert_eq!(kind_of_text("停车场"), None);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_number_and_in_words() {
        let (names, _, _, _) = estate();
        let long = "长".repeat(MAX_PLACE_NAME + 1);
        let t = table(
            &HEADERS,
            &[
                &["东区组团", "公告栏", "1栋大堂公告栏", "", "", "", ""],
                &["北区组团", "公告栏", "2栋大堂公告栏", "", "", "", ""],
                &["东区组团", "停车场", "地面车位", "", "", "", ""],
                &["东区组团", "巡查点", "", "", "", "", ""],
                &["东区组团", "巡查点", &long, "", "", "", ""],
                &["东区组团", "巡查点", "南门", "", "22.5", "", ""],
                &["东区组团", "巡查点", "北门", "", "95", "114", ""],
                &["东区组团", "巡查点", "西门", "", "", "", "夜间巡视"],
                &["东区组团", "文体设施", "1栋大堂公告栏", "", "", "", ""],
            ],
        );
        let (places, problems) = parse(&t, &names);
        assert_eq!(places.len(), 1);
        let rows: Vec<(usize, PlaceImportProblem)> =
            problems.into_iter().map(|p| (p.row, p.problem)).collect();
        assert_eq!(
            rows,
            vec![
                (
                    3,
                    PlaceImportProblem::UnknownCluster {
                        text: "北区组团".into()
                    }
                ),
                (
                    4,
                    PlaceImportProblem::BadKind {
                        text: "停车场".into()
                    }
                ),
                (
                    5,
                    PlaceImportProblem::Required {
                        field: PlaceField::Name
                    }
                ),
                (
                    6,
                    PlaceImportProblem::TooLong {
                        field: PlaceField::Name,
                        max: MAX_PLACE_NAME
                    }
                ),
                (
                    7,
                    PlaceImportProblem::BadPosition {
                        text: "22.5, ".into()
                    }
                ),
                (
                    8,
                    PlaceImportProblem::BadPosition {
                        text: "95, 114".into()
                    }
                ),
                (
                    9,
                    PlaceImportProblem::UnknownTemplate {
                        text: "夜间巡视".into()
                    }
                ),
                (10, PlaceImportProblem::Duplicate { first_row: 2 }),
            ]
        );
        assert_eq!(
            rows[1].1.text(Lang::ZhCn),
            "类型“停车场”不在列表中（公告栏、文体设施、巡查点）"
        );
        assert_eq!(rows[3].1.text(Lang::ZhCn), "名称超过 100 个字");
    }

    #[test]
    fn a_missing_column_is_named_and_optional_ones_may_be_absent() {
        let (names, _, _, _) = estate();
        let (_, problems) = parse(&table(&["组团", "地点", "位置"], &[]), &names);
        assert_eq!(
            problems,
            vec![PlaceRowProblem {
                row: 0,
                problem: PlaceImportProblem::MissingColumn {
                    field: PlaceField::Kind
                }
            }]
        );
        let (places, problems) = parse(
            &table(
                &["所属组团", "地点类型", "地点名称"],
                &[&["西区组团", "巡查点", "水泵房"]],
            ),
            &names,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(places[0].name, "水泵房");
    }

    #[test]
    fn the_sheet_adds_new_places_updates_the_rest_and_again_changes_nothing() {
        let (names, templates, east, west) = estate();
        let patrol = names.templates["组团日常巡视"];
        let morning = names.templates["公告栏及文体设施检查"];
        assert!(
            !names.templates.contains_key("组团日常巡视（旧）"),
            "an older version's name is not the checklist's"
        );
        let measured = Position::from_degrees(22.5431, 114.0579).expect("on the globe");
        let stored = vec![Place {
            id: PlaceId::new_v7(),
            cluster_id: east,
            kind: PlaceKind::Checkpoint,
            name: "水泵房".into(),
            location: "地下一层".into(),
            position: Some(measured),
            template: Some(patrol),
            retired: true,
        }];
        let t = table(
            &HEADERS,
            &[
                &["东区组团", "巡查点", "水泵房", "", "", "", ""],
                &["东区组团", "公告栏", "1栋大堂公告栏", "1栋大堂", "", "", ""],
                &["西区组团", "巡查点", "南门岗亭", "", "22.54", "114.05", ""],
                &[
                    "西区组团",
                    "文体设施",
                    "儿童乐园",
                    "中心花园",
                    "",
                    "",
                    "组团日常巡视",
                ],
            ],
        );
        let (rows, problems) = parse(&t, &names);
        let p = plan(rows, problems, &stored, &templates);
        assert_eq!((p.plan.new, p.plan.updated, p.plan.unchanged), (3, 1, 0));
        let pump = p.writes.iter().find(|w| w.name == "水泵房").expect("kept");
        assert_eq!(pump.id, stored[0].id, "the same place, by cluster and name");
        assert!(!pump.retired, "listed again: in use again");
        assert_eq!(
            pump.location, "地下一层",
            "an empty cell keeps what is stored"
        );
        assert_eq!(pump.position, Some(measured));
        let board = p
            .writes
            .iter()
            .find(|w| w.name == "1栋大堂公告栏")
            .expect("new");
        assert_eq!(
            board.template,
            Some(morning),
            "a board's standard checklist"
        );
        let gate = p.writes.iter().find(|w| w.name == "南门岗亭").expect("new");
        assert_eq!((gate.cluster_id, gate.template), (west, Some(patrol)));
        assert_eq!(gate.position, Position::from_degrees(22.54, 114.05));
        let play = p.writes.iter().find(|w| w.name == "儿童乐园").expect("new");
        assert_eq!(play.template, Some(patrol), "the sheet's checklist wins");

        let mut after: Vec<Place> = stored
            .iter()
            .filter(|s| !p.writes.iter().any(|w| w.id == s.id))
            .cloned()
            .collect();
        after.extend(p.writes);
        let (rows, problems) = parse(&t, &names);
        let again = plan(rows, problems, &after, &templates);
        assert_eq!(
            (again.plan.new, again.plan.updated, again.plan.unchanged),
            (0, 0, 4)
        );
        assert!(again.writes.is_empty());
    }
}
