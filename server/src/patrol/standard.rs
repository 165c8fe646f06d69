//! The standard templates, from the SOP's procedures 1 and 2 (程序一, 程序二), published on
//! the first start of any database (demo or not). The office edits them from there; every edit
//! is a new version.

use crate::db::{checklist, DbError};
use app::domain::checklist::{Field, Item, ItemKind, Purpose, Schedule, Section, Template};
use app::domain::{Department, TemplateId};
use chrono::Utc;
use uuid::Uuid;

fn check(key: &str, label: &str, required: bool, department: Option<Department>) -> Item {
    Item {
        key: key.into(),
        label: label.into(),
        kind: ItemKind::Check,
        required,
        department,
    }
}

fn lead(key: &str, label: &str, department: Department) -> Item {
    Item {
        key: key.into(),
        label: label.into(),
        kind: ItemKind::Group {
            fields: vec![Field {
                key: "matter".into(),
                label: "事项".into(),
            }],
        },
        required: true,
        department: Some(department),
    }
}

fn section(title: &str, items: Vec<Item>) -> Section {
    Section {
        title: title.into(),
        items,
    }
}

fn template(name: &str, purpose: Purpose, sections: Vec<Section>) -> Template {
    Template {
        id: TemplateId::new_v7(),
        version: 1,
        version_id: Uuid::now_v7(),
        name: name.into(),
        purpose,
        schedule: Schedule::Daily,
        clusters: vec![],
        sections,
        active: true,
        scans_required: false,
        created_by: None,
        created_at: Utc::now(),
    }
}

/// The standard templates: the daily patrol, the morning notice-board and facility check, the
/// 09:30 briefing (SOP procedures 1 and 2) and the monthly vacant-unit inspection (procedure 6).
pub fn standard_templates() -> Vec<Template> {
    use Department as D;
    vec![
        template(
            "组团日常巡视",
            Purpose::Patrol,
            vec![
                section(
                    "岗位人员",
                    vec![
                        check("duty.presence", "各岗位人员在岗", true, Some(D::Security)),
                        check(
                            "duty.appearance",
                            "仪容仪表、着装符合员工手册",
                            true,
                            Some(D::Security),
                        ),
                        check(
                            "duty.state",
                            "工作状态良好（无脱岗、睡岗、闲聊）",
                            true,
                            Some(D::Security),
                        ),
                    ],
                ),
                section(
                    "安全防范",
                    vec![
                        check(
                            "security.hazards",
                            "无安全隐患（消防通道畅通、消防设施完好、无高空坠物风险）",
                            true,
                            Some(D::Security),
                        ),
                        check(
                            "security.log",
                            "访客、车辆、物品出入登记完整",
                            true,
                            Some(D::Security),
                        ),
                    ],
                ),
                section(
                    "清洁卫生",
                    vec![
                        check(
                            "cleaning.public",
                            "大堂、楼道、电梯等公共区域干净整洁",
                            true,
                            Some(D::Cleaning),
                        ),
                        check(
                            "cleaning.bins",
                            "垃圾清运及时，垃圾桶无满溢、无异味",
                            true,
                            Some(D::Cleaning),
                        ),
                    ],
                ),
                section(
                    "园林绿化",
                    vec![check(
                        "landscaping.state",
                        "绿化养护良好（无枯死、无践踏、无杂物）",
                        true,
                        Some(D::Landscaping),
                    )],
                ),
                section(
                    "工程维修",
                    vec![
                        check(
                            "engineering.systems",
                            "照明、门禁、对讲、道闸运行正常",
                            true,
                            Some(D::Engineering),
                        ),
                        check(
                            "engineering.repairs",
                            "报修事项按时处理，无遗留",
                            true,
                            Some(D::Engineering),
                        ),
                    ],
                ),
                section(
                    "装修巡查",
                    vec![check(
                        "renovation.seen",
                        "途经装修户按规定施工（时间、垃圾、公共区域保护）",
                        false,
                        Some(D::CustomerService),
                    )],
                ),
                section(
                    "公共设施设备",
                    vec![check(
                        "facilities.intact",
                        "公共设施设备完好（座椅、标识、井盖、护栏）",
                        true,
                        Some(D::Engineering),
                    )],
                ),
                section(
                    "客户接待",
                    vec![
                        check("customers.greeted", "主动问候途中遇到的客户", false, None),
                        Item {
                            key: "customers.notes".into(),
                            label: "客户意见或需求".into(),
                            kind: ItemKind::Text,
                            required: false,
                            department: Some(D::CustomerService),
                        },
                    ],
                ),
            ],
        ),
        template(
            "公告栏及文体设施检查",
            Purpose::NoticeBoard,
            vec![
                section(
                    "公告栏",
                    vec![
                        check(
                            "board.expired",
                            "过期通知已撤下",
                            true,
                            Some(D::CustomerService),
                        ),
                        check(
                            "board.tidy",
                            "公告栏整洁，张贴规范",
                            true,
                            Some(D::CustomerService),
                        ),
                    ],
                ),
                section(
                    "文体设施",
                    vec![
                        check("facility.clean", "文体设施清洁", true, Some(D::Cleaning)),
                        check(
                            "facility.intact",
                            "文体设施完好、安全（无松动、破损、锐边）",
                            true,
                            Some(D::Engineering),
                        ),
                    ],
                ),
            ],
        ),
        template(
            "09:30 晨间询问",
            Purpose::Briefing,
            vec![section(
                "昨夜情况（逐一询问各负责人）",
                vec![
                    lead("briefing.security", "安防队长 / 当班班长", D::Security),
                    lead("briefing.engineering", "维修负责人", D::Engineering),
                    lead("briefing.cleaning", "保洁负责人", D::Cleaning),
                    lead("briefing.landscaping", "绿化负责人", D::Landscaping),
                    lead("briefing.monitoring", "监控中心", D::Monitoring),
                    lead("briefing.service", "客服中心", D::CustomerService),
                ],
            )],
        ),
        Template {
            schedule: Schedule::Monthly,
            ..template(
                "空置房巡视",
                Purpose::VacantUnit,
                vec![section(
                    "房屋状况",
                    vec![
                        check(
                            "vacant.doors_windows",
                            "门窗关闭、完好",
                            true,
                            Some(D::Engineering),
                        ),
                        check(
                            "vacant.utilities_off",
                            "水、电、燃气总阀已关闭",
                            true,
                            Some(D::Engineering),
                        ),
                        check("vacant.no_leak", "无漏水、漏气", true, Some(D::Engineering)),
                        check(
                            "vacant.no_cracks",
                            "墙面、地面无明显裂缝",
                            true,
                            Some(D::Engineering),
                        ),
                        Item {
                            key: "vacant.other".into(),
                            label: "其他情况".into(),
                            kind: ItemKind::Text,
                            required: false,
                            department: Some(D::Engineering),
                        },
                    ],
                )],
            )
        },
    ]
}

/// Publishes the standard templates if the database has none. Returns whether it did.
pub fn ensure_standard_templates(tx: &rusqlite::Transaction<'_>) -> Result<bool, DbError> {
    let count: i64 = tx.query_row("SELECT COUNT(*) FROM checklist_templates", [], |r| r.get(0))?;
    if count > 0 {
        return Ok(false);
    }
    let now = crate::db::now_text();
    for t in standard_templates() {
        debug_assert_eq!(t.problem(), None);
        checklist::save_template(tx, &t, &now)?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_standard_templates_are_publishable() {
        for t in super::standard_templates() {
            assert_eq!(t.problem(), None, "{}", t.name);
        }
    }
}
