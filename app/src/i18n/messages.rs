//! The table of UI texts: key, zh-CN, English. Words follow `shared/glossary.md`.

use super::Lang;

macro_rules! messages {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A UI text. See the table in `messages.rs`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)* }

        impl Msg {
            /// Every text, for tests.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The text in a language.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::ZhCn) => $zh, (Msg::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

messages! {
    AppName => "物业管家", "Butler";
    AppTagline => "客服管家工作台", "The butler's workbench";
    LanguageSwitch => "English", "中文";
    Username => "用户名", "Username";
    Password => "密码", "Password";
    SignIn => "登录", "Sign in";
    SigningIn => "正在登录…", "Signing in…";
    SignOut => "退出登录", "Sign out";
    SignInBadCredentials => "用户名或密码不正确", "Wrong username or password";
    SignInThrottled => "登录失败次数过多，请 {n} 分钟后再试", "Too many failed sign-ins. Try again in {n} minutes.";
    SignInInactive => "该账号已停用，请联系管理员", "This account is deactivated. Ask an administrator.";
    SignInMissing => "请输入用户名和密码", "Enter your username and password";
    NetworkError => "无法连接服务器，请检查网络后重试", "Cannot reach the server. Check the network and try again.";
    ServerError => "服务器出错，请稍后再试", "The server had a problem. Try again later.";
    SignOutPending => "还有 {n} 条记录未同步：它们会保留在本机，下次登录后自动同步。再点一次即退出。", "{n} changes have not synced yet: they stay on this device and sync at your next sign-in. Tap again to sign out.";
    SignOutOffline => "离线时无法退出登录，请联网后再试", "You cannot sign out while offline. Try again when connected.";
    Online => "在线", "Online";
    Offline => "离线", "Offline";
    Loading => "加载中…", "Loading…";
    UpdateAvailable => "有新版本可用", "A new version is available";
    UpdateNow => "更新", "Update";
    WeChatWarning => "微信内置浏览器无法离线使用：请点右上角「…」，选择「在浏览器打开」", "WeChat's built-in browser cannot work offline: tap “…” and choose “Open in browser”.";
    NotFound => "页面不存在", "Page not found";
    BackHome => "返回首页", "Back to home";
    Hello => "你好，{n}", "Hello, {n}";
    MyClusters => "我的组团", "My clusters";
    NoClusters => "尚未分配组团", "No cluster assigned yet";
    TabHome => "首页", "Home";
    TabPatrol => "巡查", "Patrol";
    TabFollowUps => "跟进", "Follow-ups";
    TabCustomers => "客户", "Customers";
    TabMe => "我的", "Me";
    NavWorkbench => "工作台", "Workbench";
    NavFollowUps => "跟进事项", "Follow-ups";
    NavTemplates => "检查表", "Checklists";
    NavEstate => "小区资料", "Estate";
    NavRegisters => "登记表", "Registers";
    NavStaff => "员工", "Staff";
    ComingLater => "此功能将在后续版本中提供。", "This arrives in a later release.";
    PatrolIntro => "组团巡视、公告栏及文体设施检查、09:30 晨间询问：按检查表逐项记录，离线可用。", "Patrol rounds, the notice-board and facility check, the 09:30 briefing: checklists item by item, offline.";
    FollowUpsIntro => "跟进事项：交给各部门的事项，跟进到底，并回访客户。", "Follow-ups: matters handed to departments, followed to the end, with a return visit.";
    CustomersIntro => "客户台账、拜访记录与回访。", "The customer ledger, visit notes and return visits.";
    VacantIntro => "空置房每月巡视与业主告知。", "Monthly vacant-unit inspections, and telling the owner.";
    VacantTitle => "空置房", "Vacant units";
    TemplatesIntro => "检查表模板：分区、检查项与频次。每次发布都是一个新版本；进行中的巡查按开始时的版本完成。", "Checklist templates: sections, items and schedules. Each save publishes a new version; rounds under way finish on the version they began with.";
    EstateIntro => "楼栋、单元、房屋与住户资料，Excel 导入。", "Buildings, entrances, units and households; import from Excel.";
    RegistersIntro => "各类登记表：筛选、打印、导出 Excel。", "Every register: filter, print, export to Excel.";
    StaffIntro => "员工、角色、设备与组团分配。", "Staff, roles, devices and cluster assignments.";
    WorkbenchIntro => "物业服务中心：派单、跟进与登记表。", "The service centre: dispatch, follow-up and registers.";
    Account => "账号", "Account";
    RoleLabel => "角色", "Role";
    DepartmentLabel => "部门", "Department";
    DeviceLabel => "本设备", "This device";
    RoleButler => "客服管家", "Butler";
    RoleOffice => "物业服务中心", "Service centre";
    RoleAdmin => "管理员", "Administrator";
    RoleStaff => "部门员工", "Department staff";
    DeptCustomerService => "客服", "Customer service";
    DeptSecurity => "安防", "Security";
    DeptEngineering => "工程", "Engineering";
    DeptCleaning => "保洁", "Cleaning";
    DeptLandscaping => "绿化", "Landscaping";
    DeptFinance => "财务", "Finance";
    DeptMonitoring => "监控中心", "Monitoring centre";
    OfflineReady => "已可离线使用", "Ready to work offline";
    Pending => "待同步", "Waiting";
    Synced => "已同步", "Synced";
    Refused => "被拒绝", "Refused";
    Conflict => "有冲突", "Conflict";
    WaitingCount => "{n} 条待同步", "{n} waiting";
    AllSynced => "全部已同步", "All synced";
    LastSync => "上次同步 {n}", "Last sync {n}";
    NeverSynced => "尚未同步", "Not synced yet";
    Syncing => "同步中…", "Syncing…";
    FirstSync => "首次同步：已下载 {n} 条", "First sync: {n} records so far";
    ProblemSignIn => "登录已过期，请重新登录后继续同步（未同步的记录都会保留）", "Your session expired: sign in again to sync (nothing waiting is lost).";
    ProblemQuota => "手机存储空间不足，记录未能保存，请清理空间", "The phone's storage is full; free some space. The change was not saved.";
    ProblemStorage => "本地数据库无法打开，请关闭其他标签页后重试", "The local database could not be opened; close other tabs and retry.";
    NeedsAttention => "需处理", "Needs attention";
    NothingNeedsAttention => "没有需要处理的事项", "Nothing needs attention";
    Apply => "采纳", "Apply";
    Discard => "放弃", "Discard";
    NewFollowUp => "新建跟进事项", "New follow-up";
    Create => "保存", "Save";
    Cancel => "取消", "Cancel";
    Place => "房号或地点", "Unit or place";
    TitleLabel => "事项", "Matter";
    SourceLabel => "来源", "Source";
    DueDate => "期限", "Due date";
    Assignee => "处理人", "Assignee";
    StatusLabel => "状态", "Status";
    ClusterLabel => "组团", "Cluster";
    Comments => "评论", "Comments";
    AddComment => "添加评论", "Add a comment";
    Send => "发送", "Send";
    History => "处理记录", "History";
    Reopen => "重新打开", "Reopen";
    ReopenReason => "重新打开的原因", "Why reopen";
    Assign => "派单", "Assign";
    FilterMine => "我的", "Mine";
    FilterWaiting => "待我处理", "Waiting for me";
    FilterOverdue => "逾期", "Overdue";
    FilterAll => "全部", "All";
    NoFollowUps => "暂无跟进事项", "No follow-ups";
    NotFoundLocally => "本机没有这条记录（可能尚未同步）", "This record is not on this device (not synced yet?)";
    Required => "请填写{n}", "Please fill in {n}";
    SavedLocally => "已保存在本机，将自动同步", "Saved on this device; it will sync by itself.";
    StOpen => "待派单", "Open";
    StAssigned => "已派单", "Assigned";
    StInProgress => "处理中", "In progress";
    StResolved => "已解决", "Resolved";
    StCustomerInformed => "已告知客户", "Customer informed";
    StClosed => "已关闭", "Closed";
    ToInProgress => "开始处理", "Start work";
    ToResolved => "标记已解决", "Mark resolved";
    ToCustomerInformed => "已告知客户", "Customer informed";
    ToClosed => "关闭", "Close";
    AnyOption => "不限", "Any";
    ReasonNotFound => "记录不存在", "The record does not exist";
    ReasonAlreadyExists => "记录已存在", "The record exists already";
    ReasonForbidden => "您的角色无权执行此操作", "Your role may not do this";
    ReasonOutOfScope => "该记录不在您的负责范围内", "This record is outside your clusters or department";
    ReasonInvalid => "内容不完整或有误：{n}", "Missing or invalid: {n}";
    ReasonNotAllowed => "您的角色不能执行这一步", "Your role may not take this step";
    ReasonIllegal => "状态已被他人更改，此操作不再适用", "Someone changed the status first; this step no longer applies";
    ReasonSchema => "应用版本过新，服务器无法识别", "This app is newer than the server understands";
    ReasonLocked => "巡查已完成并锁定，不能再修改", "The round is finished and locked; it cannot be changed";
    ReasonIncomplete => "还有 {n} 项必填项未完成", "{n} required items are not answered yet";
    PhotoUnreadable => "无法读取这张照片，请换一张或重新拍摄", "This photo cannot be read: take it again or choose another";
    TodaysRounds => "今日巡查", "Today's rounds";
    RecentRounds => "最近的巡查", "Recent rounds";
    StartRound => "开始", "Start";
    ResumeRound => "继续", "Resume";
    OpenRound => "查看", "Open";
    NotStarted => "未开始", "Not started";
    InProgress => "进行中", "In progress";
    Done => "已完成", "Done";
    Pass => "合格", "Pass";
    Fail => "不合格", "Fail";
    NotApplicable => "不适用", "N/A";
    NothingToReport => "无事项", "Nothing to report";
    FailNote => "问题说明", "What is wrong";
    HandOnTo => "转跟进给部门", "Hand on to a department";
    SaveFinding => "保存问题", "Save the finding";
    AddMatter => "添加事项", "Add the matter";
    NoteNeeded => "请填写说明", "Write what it is";
    NumberNeeded => "请输入数字", "Enter a number";
    Save => "保存", "Save";
    Saving => "正在保存…", "Saving…";
    TakePhoto => "拍照 / 选图", "Take or choose a photo";
    PhotoOnItsWay => "照片上传中", "Photo on its way";
    Photos => "照片", "Photos";
    Progress => "已完成 {n} 项", "{n} items answered";
    VersionNo => "版本 {n}", "Version {n}";
    CarriedOver => "前日未解决的事项", "Matters still open from earlier days";
    NothingCarried => "没有遗留事项", "Nothing left open";
    FinishRun => "完成巡查", "Finish";
    RunFinished => "已完成", "Finished";
    GoToItem => "前往该项", "Take me to it";
    SummaryCounts => "合格 {p} · 不合格 {f} · 不适用 {n}", "Passed {p} · Failed {f} · N/A {n}";
    HandedOn => "已转跟进", "Handed on";
    NothingHandedOn => "没有转跟进的事项", "Nothing was handed on";
    PatrolRegister => "组团巡查登记表", "Patrol register";
    ExportXlsx => "导出 Excel", "Export to Excel";
    Print => "打印", "Print";
    FromDate => "开始日期", "From";
    ToDate => "结束日期", "To";
    FailuresOnly => "只看有问题的", "With failures only";
    NoRecords => "没有符合条件的记录", "No records match";
    DateLabel => "日期", "Date";
    Answered => "已答/总项", "Answered";
    Started => "开始时间", "Started";
    ItemLabel => "检查项", "Item";
    ResultLabel => "结果", "Result";
    TemplateName => "名称", "Name";
    PurposeLabel => "用途", "Purpose";
    ScheduleLabel => "频次", "Schedule";
    ActiveLabel => "启用", "Active";
    AppliesTo => "适用组团", "Applies to";
    AllClustersHint => "都不选即适用于所有组团", "Choose none for every cluster";
    SectionN => "第 {n} 部分", "Section {n}";
    ItemN => "第 {n} 项", "Item {n}";
    SectionTitle => "部分标题", "Section title";
    AddItem => "添加检查项", "Add an item";
    AddSection => "添加部分", "Add a section";
    Remove => "删除", "Remove";
    RequiredLabel => "必填", "Required";
    NoDepartment => "不转部门", "No department";
    Publish => "发布新版本", "Publish a new version";
    Published => "已发布第 {n} 版", "Version {n} published";
    FixField => "请修改：", "Please fix: ";
    AtLeastOneItem => "至少需要一个检查项", "At least one item is needed";
    NewTemplate => "新建检查表", "New checklist";
    EditTemplate => "编辑检查表", "Edit the checklist";
    Edit => "编辑", "Edit";
    PurposePatrol => "组团巡视", "Patrol round";
    PurposeNoticeBoard => "公告栏及文体设施", "Notice board and facilities";
    PurposeBriefing => "09:30 晨间询问", "09:30 briefing";
    PurposeVacantUnit => "空置房巡视", "Vacant-unit inspection";
    Daily => "每天", "Daily";
    Weekly => "每周", "Weekly";
    Monthly => "每月", "Monthly";
    KindCheck => "合格/不合格", "Pass / fail";
    KindNumber => "数值", "Number";
    KindText => "文字", "Text";
    KindChoice => "单选", "Single choice";
    KindPhoto => "照片", "Photo";
    KindGroup => "可重复条目", "Repeatable entries";
    NumberParamsHint => "单位,最小值,最大值（如 MPa,0.2,0.6）", "unit,min,max (e.g. MPa,0.2,0.6)";
    ChoiceParamsHint => "选项，用逗号分隔", "Options, separated by commas";
    GroupParamsHint => "每条的字段，用逗号分隔", "Fields of an entry, separated by commas";
    VacantUnits => "空置房巡视", "Vacant units";
    VacantSummary => "待巡视 {d} · 逾期 {o} · 业主未告知 {u}", "Due {d} · Overdue {o} · Owner not told {u}";
    Vacant => "空置", "Vacant";
    Occupied => "已入住", "Occupied";
    Renovating => "装修中", "Renovating";
    DueLabel => "待巡视", "Due";
    OverdueLabel => "逾期", "Overdue";
    InspectedLabel => "本月已巡视", "Done this month";
    OwnerNotTold => "业主未告知", "Owner not told";
    NothingUntold => "所有巡视结果都已告知业主", "Every owner has been told";
    BuildingEntrance => "{b} 栋 {e} 单元", "Building {b}, entrance {e}";
    LastInspectionOk => "上次 {d}：无问题", "Last {d}: all well";
    LastInspectionFound => "上次 {d}：发现 {n} 项问题", "Last {d}: {n} defects";
    NeverInspected => "尚无巡视记录", "Never inspected";
    DateNeeded => "请选择日期", "Choose a date";
    NoTemplate => "没有可用的空置房巡视表，请联系物业服务中心", "No vacant-unit checklist is available: ask the service centre";
    StartInspection => "开始巡视", "Start the inspection";
    Inspections => "巡视记录", "Inspections";
    OccupancyHistory => "入住情况变化", "Occupancy history";
    ReplacedUnseen => "覆盖了未看到的「{s}」", "Replaced “{s}” unseen";
    RecordChange => "登记变化", "Record a change";
    EffectiveDate => "生效日期", "From (date)";
    HouseholdLabel => "住户", "Household";
    NoteLabel => "备注", "Note";
    RecordMoveIn => "登记入住", "Move-in";
    RecordMoveOut => "登记迁出（空置）", "Move-out (vacant)";
    RecordRenovation => "开始装修", "Renovation starts";
    TellTheOwner => "告知业主", "Tell the owner";
    ChannelLabel => "方式", "How";
    WhatWasSaid => "告知内容", "What was said";
    RecordOwnerTold => "登记已告知", "Record it";
    ChannelPhone => "电话", "Phone";
    ChannelWechat => "微信", "WeChat";
    ChannelSms => "短信", "SMS";
    ChannelLetter => "信件", "Letter";
    VacantRegister => "空置房巡视登记表", "Vacant-unit register";
    PeriodRecordsTab => "空置房月报 / 入住周报", "Monthly vacancy / weekly move-ins";
    MonthlyRecord => "空置房月报", "Monthly vacant-unit record";
    WeeklyMoveIns => "入住周报", "Weekly move-in record";
    AnyDayOfMonth => "月份（选该月任一天）", "Month (any day of it)";
    AnyDayOfWeek => "周（选该周任一天）", "Week (any day of it)";
    VacantSince => "空置起始", "Vacant since";
    Coverage => "本月空置房巡视覆盖率", "This month's vacant-unit coverage";
    UnitLabel => "房屋", "Unit";
    Findings => "发现问题", "Findings";
    RecordedBy => "登记人", "Recorded by";
    ReasonOverwrote => "已生效，但覆盖了您未看到的「{n}」（已保留在记录历史中）", "Applied, but it replaced “{n}”, which you had not seen (kept in the record's history)";
    Overwrote => "已覆盖", "Overwrote";
    Acknowledge => "知道了", "Got it";
    CustomerLedger => "客户台账", "Customer ledger";
    SearchHint => "房号（3-2-1201）、姓名或电话后几位", "Unit (3-2-1201), name or last digits of a phone";
    Found => "找到 {n} 户", "{n} households found";
    Owner => "业主", "Owner";
    Tenant => "租户", "Tenant";
    KeyCustomer => "重点客户", "Key customer";
    MovedIn => "已入住", "Moved in";
    NotMovedIn => "未入住", "Not moved in";
    RelationLabel => "身份", "Relation";
    PhoneLabel => "电话", "Phone";
    MailingAddress => "通讯地址", "Mailing address";
    CorrectLedger => "更正资料", "Correct the details";
    Corrected => "资料更正", "Corrected";
    AuthorSaw => "更正时看到的是「{s}」", "The author saw “{s}”";
    Timeline => "客户动态", "Timeline";
    PhoneEmpty => "请输入电话号码", "Enter a phone number";
    PhoneMobile => "手机号应为 1 开头的 11 位数字", "A mobile number has 11 digits and starts with 1";
    PhoneLandline => "固定电话需带区号，如 010-12345678", "A landline needs its area code, e.g. 010-12345678";
    PhoneMalformed => "电话号码格式不正确：手机号为 11 位数字，固话需带区号", "Not a phone number: mobiles have 11 digits, landlines an area code";
    RecordVisit => "记录拜访", "Record a visit";
    CustomerVisit => "客户拜访", "Customer visit";
    ByAppointment => "预约拜访", "By appointment";
    MetOnTheWay => "途中偶遇", "Met on the way";
    WhoWasMet => "拜访对象", "Who was met";
    AddQuestion => "添加问题或需求", "Add a question or need";
    QuestionLabel => "问题或需求", "Question or need";
    AnswerOnTheSpot => "现场答复", "Answered on the spot";
    OrReferTo => "或转交部门跟进", "Or refer it to";
    NotReferred => "不转交", "Not referred";
    ReferredTo => "已转{d}", "Referred to {d}";
    AnswerOrRefer => "请填写现场答复，或选择转交的部门", "Write the answer, or choose a department to refer it to";
    SaveVisit => "保存拜访记录", "Save the visit";
    ReturnVisit => "回访", "Return visit";
    Attitude => "服务态度", "Attitude";
    Quality => "维修质量", "Quality";
    Etiquette => "礼仪规范", "Etiquette";
    CustomerSaid => "客户意见", "What the customer said";
    SaveReturnVisit => "保存回访", "Save the return visit";
    ToTell => "待告知客户（{n}）", "To tell the customer ({n})";
    ToReturnVisit => "待回访（{n}）", "To return-visit ({n})";
    VisitReport => "拜访报告 / 满意度", "Visit report / satisfaction";
    PeriodLabel => "期间", "Period";
    VisitsLabel => "拜访次数", "Visits";
    HouseholdsReached => "拜访户数（占组团）", "Households reached (of the cluster)";
    Referrals => "转介", "Referrals";
    ReferralsOpen => "未告知客户", "Not yet told";
    Overall => "综合", "Overall";
    ByDepartment => "按部门", "By department";
    ByRepairer => "按维修人员", "By repairer";
    ByButler => "按管家", "By butler";
    VisitTime => "拜访时间（不填为现在）", "When (empty: now)";
    UpgradeRequired => "应用版本过旧，请更新后再同步（未同步的记录都会保留）", "This app is too old to sync: update it (nothing waiting is lost).";
    PasswordChangeRequired => "管理员为您设置了临时密码，请先修改密码", "An admin set a temporary password: change it first.";
    DeviceRevoked => "此设备已停用或不属于当前账号，请重新登录", "This device was revoked or is not this account's: sign in again.";
}

impl Msg {
    /// The name of a role.
    pub fn role(role: crate::domain::Role) -> Msg {
        use crate::domain::Role;
        match role {
            Role::Butler => Msg::RoleButler,
            Role::Office => Msg::RoleOffice,
            Role::Admin => Msg::RoleAdmin,
            Role::Staff => Msg::RoleStaff,
        }
    }

    /// The name of a department.
    pub fn department(dept: crate::domain::Department) -> Msg {
        use crate::domain::Department as D;
        match dept {
            D::CustomerService => Msg::DeptCustomerService,
            D::Security => Msg::DeptSecurity,
            D::Engineering => Msg::DeptEngineering,
            D::Cleaning => Msg::DeptCleaning,
            D::Landscaping => Msg::DeptLandscaping,
            D::Finance => Msg::DeptFinance,
            D::Monitoring => Msg::DeptMonitoring,
        }
    }
}
