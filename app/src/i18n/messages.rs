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
    ServerBusy => "登录的人太多，服务器正忙，请几秒后再试", "The server is busy with other sign-ins. Try again in a few seconds.";
    CrossSite => "请求来自其他网站，已拒绝：请直接打开物业管家再操作", "The request came from another site and was refused: open Butler itself and try again.";
    SignOutPending => "还有 {n} 条记录未同步：它们会保留在本机，下次登录后自动同步。再点一次即退出。", "{n} records have not synced yet: they stay on this device and sync at your next sign-in. Tap again to sign out.";
    SignOutOffline => "离线时无法退出登录，请联网后再试", "You cannot sign out while offline. Try again when connected.";
    Online => "在线", "Online";
    Offline => "离线", "Offline";
    ServerUnreachable => "无法连接服务器", "Server unreachable";
    ServerUnreachableSince => "无法连接服务器 · 上次成功 {n}", "Server unreachable · last success {n}";
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
    ToldAt => "告知时间（不填为现在）", "When told (empty: now)";
    ToldAtLater => "告知时间不能晚于现在", "The time told cannot be later than now";
    WaitingKinds => "{n}待同步", "{n} waiting";
    WaitingRuns => "{n} 次巡查", "{n} round{s}";
    WaitingFollowUps => "{n} 条跟进", "{n} follow-up{s}";
    WaitingVisits => "{n} 次拜访", "{n} visit{s}";
    WaitingHouseholds => "{n} 户客户资料", "{n} household{s}";
    WaitingUnits => "{n} 套房屋入住变更", "{n} occupancy change{s}";
    WaitingOther => "{n} 条记录", "{n} record{s}";
    WaitingListTitle => "待同步的记录", "Waiting to sync";
    WaitingDiscardedRun => "已放弃的巡查（放弃的消息待送达）", "A discarded round (its discarding waits)";
    WaitingGone => "本机已不显示的记录", "A record no longer shown here";
    AllSynced => "全部已同步", "All synced";
    ReadingLocal => "读取本机记录…", "Reading this phone's records…";
    LastSync => "上次同步 {n}", "Last sync {n}";
    NeverSynced => "尚未同步", "Not synced yet";
    Syncing => "同步中…", "Syncing…";
    FirstSync => "首次同步：已下载 {n} 条", "First sync: {n} records so far";
    ProblemSignIn => "登录已过期，请重新登录后继续同步（未同步的记录都会保留）", "Your session expired: sign in again to sync (nothing waiting is lost).";
    StorageTitle => "本机存储", "Storage on this phone";
    StorageInstalledLabel => "打开方式", "Opened as";
    StorageInstalled => "已安装到主屏幕", "Installed on the home screen";
    StorageInBrowser => "在浏览器中打开", "A page in the browser";
    StorageKeptLabel => "记录保留", "Records kept";
    StorageKept => "已保留：浏览器不会自动清除本机记录", "Yes: the browser will not clear them by itself";
    StorageNotKept => "未保留：空间紧张时浏览器可能清除", "No: the browser may clear them when space runs short";
    StorageKeptUnknown => "浏览器未说明", "The browser does not say";
    StorageUsedLabel => "已用 / 可用", "Used / allowed";
    StorageNearlyFull => "手机存储空间快满了：新的照片和记录可能无法保存。请清理手机空间，并尽快联网同步。", "The phone is nearly full: new photos and records may fail to save. Free some space and sync soon.";
    StorageMayBeCleared => "浏览器没有承诺保留本机记录：安装到主屏幕后不会被自动清除。未同步的记录请尽快联网同步。", "The browser has not promised to keep the records on this phone: installed on the home screen they are not cleared. Sync waiting changes soon.";
    StorageInstallInvite => "安装到主屏幕：无信号时也能直接打开，本机记录不会被自动清除。", "Install on the home screen: it opens with no signal, and its records are not cleared.";
    StorageInstallButton => "安装到主屏幕", "Install on the home screen";
    StorageInstallIos => "iPhone 请在 Safari 中点「分享」→「添加到主屏幕」。Safari 会清除七天未打开的网站数据，主屏幕上的应用不会。", "On an iPhone, tap Share → Add to Home Screen in Safari. Safari clears a site's data after seven days unused; the home-screen app keeps it.";
    StorageInstallIosSyncFirst => "还有 {n} 条记录未同步：请先联网同步完，再添加到主屏幕（主屏幕上的应用看不到 Safari 中未同步的记录）。", "{n} records have not synced yet: sync them first, then add to the home screen (the home-screen app cannot see what Safari has not synced).";
    StorageKeepButton => "请浏览器保留本机记录", "Ask the browser to keep the records";
    StorageKeepRefused => "浏览器没有同意。安装到主屏幕后再试，或尽快联网同步。", "The browser said no. Install the app on the home screen and try again, or sync soon.";
    StorageDetails => "查看本机存储", "See this phone's storage";
    ProblemQuota => "手机存储空间不足，记录未能保存，请清理空间", "The phone's storage is full; free some space. The change was not saved.";
    EngineMissing => "同步组件未能下载，无法在本机保存：请联网后刷新页面", "The sync component did not download, so nothing can be kept on this device: reload the page when online.";
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
    CheckedItem => "检查项", "Checklist item";
    OpenSourceRun => "查看来源检查记录", "Open the round or inspection it came from";
    OpenSourceHousehold => "查看客户", "Open the household";
    DueDate => "期限", "Due date";
    DueDefaultHint => "留空则按部门默认期限：{n}", "Left empty: the department's default, {n}";
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
    NotSyncedYet => "这条记录还没同步到本机，稍后会自动出现", "This record has not reached this device yet; it will appear after the next sync";
    NotYours => "这条记录不在你负责的组团或部门内，本机不保存", "This record belongs to another cluster or department, so this device does not keep it";
    RecordRemoved => "这条记录已被删除", "This record has been removed";
    NoSuchRecord => "没有这条记录，请检查链接", "There is no such record; check the link";
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
    ToCheckedClosed => "已复核，关闭", "Checked, close";
    PublicAreaHint => "公共区域的事项，没有要告知的客户，也无需回访：管家到场复核修好后关闭。", "A public-area matter: no customer to tell and no return visit. The butler checks the work on site, then closes it.";
    AnyOption => "不限", "Any";
    ReasonNotFound => "记录不存在", "The record does not exist";
    ReasonAlreadyExists => "记录已存在", "The record exists already";
    ReasonForbidden => "您的角色无权执行此操作", "Your role may not do this";
    ReasonOutOfScope => "该记录不在您的负责范围内", "This record is outside your clusters or department";
    ReasonInvalid => "内容不完整或有误：{n}", "Missing or invalid: {n}";
    ReasonTooMany => "已达上限，不能再添加{n}", "The limit is reached: no more {n} can be added";
    ReasonPhotoNotYours => "照片不是本机拍摄或无权查看，未保存", "A photo was neither taken on this device nor one you may see; not saved";
    LimitEntries => "登记条目（每次最多 100 条）", "entries (100 a round at most)";
    LimitComments => "评论（每项最多 200 条）", "comments (200 a follow-up at most)";
    LimitOwnerNotices => "告知业主记录（每次最多 20 条）", "owner notices (20 an inspection at most)";
    LimitHistory => "修改记录（最多 500 条）", "changes (500 at most)";
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
    VacantSummary => "本月要巡视 {d}（其中逾期 {o}）· 业主未告知 {u}", "Due this month {d} ({o} overdue) · Owner not told {u}";
    DueThisMonth => "本月要巡视", "Due this month";
    OverdueOfThem => "其中逾期", "Of them overdue";
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
    MadeOnDevice => "设备上记录于", "Made on the device at";
    FloorN => "{n} 层", "Floor {n}";
    HouseholdsOfUnit => "住户", "Households";
    Acknowledge => "知道了", "Got it";
    CustomerLedger => "客户台账", "Customer ledger";
    SearchHint => "房号（3-2-1201）、姓名，或电话的后几位、中间任意 4 位", "Unit (3-2-1201), name, or a phone's last digits or any 4 in it";
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
    ByCluster => "按组团", "By cluster";
    FinancePhoneIntro => "导入财务的收费数据，查看收费率", "Import finance's charges and read the collection rates";
    RatesOf => "图表范围", "Charts for";
    WholeEstate => "全小区", "The whole estate";
    TableBy => "明细", "Table";
    RatesByMonth => "各月收费率、户收费率与清缴率", "Collection, household and recovery rates by month";
    VisitTime => "拜访时间（不填为现在）", "When (empty: now)";
    VisitTimeLater => "拜访时间不能晚于现在", "The visit's time cannot be later than now";
    UpgradeRequired => "应用版本过旧，请更新后再同步（未同步的记录都会保留）", "This app is too old to sync: update it (nothing waiting is lost).";
    ImportTitle => "导入房屋与客户", "Import units and households";
    ImportIntro => "上传 Excel（.xlsx）或 CSV 文件：核对列对应，预览每一行的问题，没有问题再导入。按“楼栋-单元-房号”和客户姓名更新，重复导入不会产生重复记录。", "Upload an Excel (.xlsx) or CSV file: check the column mapping, preview every row's problems, and import when there are none. Units update by building-entrance-room and households by name: importing again makes no duplicates.";
    DownloadTemplate => "下载导入模板", "Download the template";
    ChooseFile => "选择文件", "Choose a file";
    Uploading => "上传中", "Uploading";
    ColumnMapping => "列对应", "Column mapping";
    ColumnInFile => "文件中的列", "Column in the file";
    SampleValues => "示例", "Sample";
    MapsTo => "对应字段", "Field";
    IgnoreColumn => "（不导入）", "(not imported)";
    FileEncoding => "文字编码", "Text encoding";
    EncodingAuto => "自动识别", "Detect";
    RowsInFile => "数据行数：{n}", "Data rows: {n}";
    RemoveMissing => "将文件中没有的房屋和客户标记为移除（预览中会列出；文件中没有客户列时只移除房屋）", "Mark units and households not in the file as removed (listed in the preview; households only when the file has customers)";
    PreviewImport => "预览", "Preview";
    ApplyImport => "确认导入", "Import";
    Checking => "检查中…", "Checking…";
    ImportProblems => "发现 {n} 个问题：修改文件后重新上传，或调整列对应。数据没有任何改动。", "{n} problems found: fix the file and upload it again, or change the mapping. Nothing was changed.";
    ImportReady => "没有问题，可以导入：", "No problems; the import will:";
    ImportDone => "导入完成：", "Imported:";
    RowCol => "行", "Row";
    ColumnCol => "列", "Column";
    ProblemCol => "问题", "Problem";
    NavFees => "费用催收", "Fee collection";
    FeesTitle => "费用催收", "Fee collection";
    FeesIntro => "按组团和所属月份统计：收费率（实收 ÷ 应收）、户收费率（结清户数 ÷ 收费户数）和清缴率（当月收回的往期欠费 ÷ 月初往期欠费）。实收以财务最新导出为准。", "By cluster and month billed: the collection rate (paid ÷ billed), the household rate (units paid in full ÷ units billed) and the recovery rate (earlier arrears paid in the month ÷ earlier arrears at its start). Paid amounts are as finance's latest export states them.";
    NoCharges => "还没有导入财务的费用明细。", "No charges from finance have been imported yet.";
    PaidAndUnpaidByMonth => "各月应收：已收与未收（元）", "Billed each month: paid and unpaid (yuan)";
    MonthBilled => "所属月份", "Month billed";
    AmountDue => "应收", "Billed";
    AmountPaid => "实收", "Paid";
    AmountUnpaid => "未收", "Unpaid";
    CollectionRate => "收费率", "Collection rate";
    HouseholdRate => "户收费率", "Household rate";
    BroughtForward => "月初往期欠费", "Arrears at the month's start";
    RecoveryRate => "清缴率", "Recovery rate";
    ChargesImportTitle => "导入财务费用明细", "Import finance's charges";
    ChargesImportHint => "财务导出的 .xlsx 或 .csv，列：房号（如 3-2-1201）、费用类型（物业费、停车费、水电费、其他）、所属期间（如 2026-11）、应收金额、实收金额、缴费期限，可选缴费日期。金额以元为单位，最多两位小数。选择文件后先预览；任何一行有问题都不会导入。下月的导出再导入即更新缴费情况。", "finance's .xlsx or .csv with the columns unit (e.g. 3-2-1201), fee type (property fee, parking, water and power, other), period (e.g. 2026-11), amount due, amount paid, due date and, optionally, the date paid. Amounts in yuan with at most two decimals. A file is previewed first; if any row has a problem nothing is imported. Importing next month's export updates the payments.";
    ImportPreviewReady => "预览：文件没有问题，导入后将：", "Preview: the file has no problems. Importing it will:";
    ImportApplied => "已导入。", "Imported.";
    ImportRefused => "有 {n} 处问题，未导入：请在文件中修改后重新选择。", "{n} problems: nothing imported. Correct the file and choose it again.";
    MoreProblems => "另有 {n} 处问题未列出。", "{n} more problems not listed.";
    ImportApply => "确认导入", "Import";
    LawyerLetter => "律师函", "Lawyer's letter";
    DraftLetter => "律师函", "Letter";
    LetterDate => "函件日期", "Date of the letter";
    RecordLetterIssued => "登记已发出", "Record as issued";
    LetterIssued => "已登记发出。", "Recorded as issued.";
    LetterNothingOwed => "该房屋在函件日期没有欠费，无需发函。", "The unit owes nothing on the letter's date: no letter.";
    LettersIssued => "已发出的律师函", "Letters issued";
    OwnerOfUnit => "业主", "The owner";
    LetterOpening => "截至 {n}，您尚欠以下费用：", "As of {n}, the following remain unpaid:";
    FeeTypeLabel => "费用类型", "Fee type";
    DueDateLabel => "缴费期限", "Due date";
    DaysLate => "逾期天数", "Days late";
    LateFee => "滞纳金", "Late fee";
    Total => "合计", "Total";
    LetterTerms => "依据{basis}，逾期缴费按欠费金额每日{rate}计收滞纳金{cap}，计至本函日期。", "Under {basis}, a late fee of {rate} of the amount owed a day is charged{cap}, counted to the date of this letter.";
    LetterCap => "（以欠费金额的 {n} 为限）", " (at most {n} of the amount owed)";
    LetterDemand => "请于收到本函之日起七日内缴清上述费用及滞纳金。如对费用有异议，请与物业服务中心联系核对。逾期未缴，我方将依法追收。", "Please pay the above and the late fee within seven days of receiving this letter. If you dispute a charge, contact the service centre to check it. Failing payment, we will recover it by law.";
    FeeProperty => "物业费", "Property fee";
    FeeParking => "停车费", "Parking";
    FeeUtilities => "水电费", "Water and power";
    FeeOther => "其他", "Other";
    FeeSettingsTitle => "催收设置", "Collection settings";
    CompanyLabel => "发函单位", "Company";
    DailyRateLabel => "每日滞纳金（万分之）", "Daily late fee (per ten thousand)";
    CapLabel => "滞纳金上限（欠费的 %，留空为不设上限）", "Cap (% of the amount owed; empty for none)";
    BasisLabel => "合同依据", "Contract clause";
    LimitationYearsLabel => "诉讼时效（年）", "Limitation (years)";
    WarnMonthsLabel => "提前提醒（月）", "Warn before (months)";
    CollectionRegister => "物管费催收登记表", "Fee-collection register";
    WaitingContacts => "{n} 条催收记录", "{n} collection note{s}";
    KindContact => "催收", "Collection";
    OpRecordCollectionContact => "登记催收记录", "Record a collection contact";
    ContactStatement => "送达对账单", "Statement delivered";
    ContactCall => "电话催缴", "Call";
    ContactVisit => "上门拜访", "Visit";
    ContactReturnVisit => "回访", "Return visit";
    ContactLetter => "律师函", "Lawyer's letter";
    DeliveryHandedSelf => "本人签收", "Signed for by the customer";
    DeliveryHandedFamily => "家属签收", "Signed for by family";
    DeliveryWithSecurity => "交安防转交", "Left with security";
    DeliveryMailed => "平信邮寄", "By post";
    DeliveryRegistered => "挂号信/EMS", "Registered post";
    DeliveryRefused => "拒收", "Refused";
    ReasonForgot => "忘记缴费", "Forgot";
    ReasonAway => "长期外出", "Away";
    ReasonHardship => "经济困难", "Financial hardship";
    ReasonServiceDispute => "对服务有意见", "Dispute about service";
    ReasonRefuses => "拒绝缴费", "Refuses to pay";
    ReasonOther => "其他", "Other";
    WindowStatements => "送达对账单（每月28日至月底）", "Deliver statements (28th to month end)";
    WindowCalls => "第三周电话催缴（15–21日）", "Third-week calls (15th–21st)";
    WindowReasons => "查明欠费原因（季度第二月25日起）", "Find the reason (from the 25th of the quarter's second month)";
    WindowConfirm => "季末确认承诺与问题（15–21日）", "Quarter-end confirmation (15th–21st)";
    WindowLetters => "律师函候选（22–27日）", "Lawyer's letter candidates (22nd–27th)";
    WindowOthers => "其他欠费户", "Other households in arrears";
    NextWindow => "下一项：{w}，{d} 起", "Next: {w}, from {d}";
    MyArrears => "欠费户", "Households in arrears";
    ArrearsCount => "{n} 户欠费", "{n} owing";
    MonthsCount => "{n} 个月", "{n} months";
    NoContactYet => "尚未联系", "Not contacted yet";
    LastContactLabel => "上次联系", "Last contact";
    PromiseWaiting => "承诺 {d} 前缴费", "Promised by {d}";
    PromiseBroken => "承诺 {d} 已过期未缴", "Promise of {d} broken";
    PromiseKept => "已按承诺缴费", "Paid as promised";
    PromiseAwaiting => "承诺 {d} 已到期，待财务导出核对", "Promise of {d} due: waiting for finance's export";
    ProblemOpen => "服务问题处理中", "Service problem being handled";
    ProblemSolved => "问题已解决：回复并提醒缴费", "Problem solved: tell them and remind them to pay";
    LetterCandidate => "律师函候选", "Letter candidate";
    NoHouseholdsOwing => "您的组团没有欠费户（以财务最新导出为准）。", "No household of your clusters owes anything (as finance's latest export states).";
    AsOfExport => "财务导出日期 {d}", "Finance's export of {d}";
    ChargesOwed => "欠费明细", "Charges owed";
    BillingPeriodLabel => "所属期间", "Period";
    OwedLabel => "欠费", "Owed";
    RunsOutLabel => "时效届满", "Limitation ends";
    LastDemandLabel => "最近有效催告", "Last demand that counts";
    LimitationEndsSoon => "即将届满，需有效催告", "Ends soon: a demand that counts is needed";
    LimitationEnded => "已过时效", "Ended";
    LimitationNote => "诉讼时效提醒（不是法律意见，规则由物业服务中心设定）：每期自缴费期限起 {years} 年；本人签收或挂号邮寄（有单号）的书面催告重新起算，电话、平信、公告、群消息不算；届满前 {months} 个月提醒。", "Limitation reminder (not legal advice; the rule is the service centre's): {years} years from each due date; a written demand signed for by the owner or sent by registered post (with its number) restarts it, calls, ordinary post, notices and group messages do not; flagged {months} months before.";
    CaseTimeline => "催收记录", "Collection history";
    RecordStatementTitle => "登记送达对账单", "Record a statement delivered";
    RecordContactTitle => "登记电话或上门", "Record a call or visit";
    ContactKindLabel => "方式", "How";
    DeliveryLabel => "送达方式", "Delivery";
    TrackingLabel => "挂号单号", "Tracking number";
    SignerLabel => "签收人（在回执上签字的人）", "Signed for by (on the receipt)";
    ReachedLabel => "已联系上", "Reached them";
    SaidLabel => "客户怎么说", "What they said";
    PromisedLabel => "承诺缴费日期", "Promised payment date";
    ReasonLabel => "欠费原因", "Reason";
    ProblemLabel => "服务问题（将转为跟进事项）", "The service problem (becomes a follow-up)";
    ProblemDepartmentLabel => "交给部门", "Hand to department";
    ContactTimeLabel => "时间（留空为现在）", "When (empty for now)";
    CollectionSource => "费用催收", "Fee collection";
    ContactDeliveryNeeded => "请选择送达方式", "Choose how it was delivered";
    ContactTrackingNeeded => "挂号邮寄请填写单号（不超过60字）", "Registered post needs its tracking number (at most 60 characters)";
    ContactSignerTooLong => "签收人姓名不能超过60字", "The signer's name is at most 60 characters";
    ContactSignatureNeeded => "本人签收请业主在屏幕上签名（只有签收和家属签收可签名）", "Signed for by the owner: they sign on the screen (only a hand-over is signed)";
    SignedOnScreen => "签名", "Signature";
    ContactSaidNeeded => "请填写客户怎么说（不超过2000字）", "Write what they said (at most 2,000 characters)";
    ContactPromiseInvalid => "承诺日期只能在联系上时登记，且不能早于联系当天", "A promise needs the household reached and a date not before the contact";
    ContactReasonInvalid => "只有联系上时才能登记欠费原因", "A reason needs the household reached";
    ContactProblemNeeded => "请描述服务问题", "Describe the service problem";
    ContactTimeInvalid => "时间不能晚于现在", "The time cannot be later than now";
    ContactOwedInvalid => "欠费金额有误", "The amount owed is not valid";
    ContactSaved => "已保存。", "Saved.";
    NotReached => "未联系上", "Not reached";
    PromiseKeeping => "共 {n} 条记录；到期承诺 {kept} 户已按时缴费、{broken} 户未缴（守约率 {share}）", "{n} entries; promises due: {kept} kept, {broken} broken (kept {share})";
    PersonContacts => "{who}：{n} 条（联系上 {reached}）", "{who}: {n} ({reached} reached)";
    ContactTimeHead => "时间", "When";
    ProblemHead => "服务问题 / 跟进", "Service problem / follow-up";
    PromiseKeptShort => "已守约", "kept";
    PromiseBrokenShort => "未守约", "broken";
    PromiseAwaitingShort => "待核对", "to check";
    NoContacts => "所选范围内没有催收记录。", "No collection entries in this range.";
    OpenRegister => "物管费催收登记表", "Fee-collection register";
    OnlyCandidates => "只看律师函候选", "Letter candidates only";
    OnlyBroken => "承诺未兑现", "Promise broken";
    OnlyProblem => "服务问题", "Service problem";
    OnlyLimitation => "时效", "Limitation";
    FeesPhoneIntro => "欠费户、送达对账单、电话催缴与承诺", "Arrears, statements, calls and promises";
    OpenCaseFile => "催收档案", "Case file";
    UnitsInArrears => "欠费房屋", "Units in arrears";
    NoArrears => "没有欠费的房屋。", "No unit owes anything.";
    AllClusters => "全部组团", "All clusters";
    ArrearsTotal => "{n} 户欠费", "{n} units owing";
    UnitCodeLabel => "房号", "Unit";
    OwnersLabel => "业主", "Owners";
    MonthsOwed => "欠费月数", "Months owed";
    AmountOwed => "欠费金额", "Owed";
    OldestDue => "最早缴费期限", "Earliest due date";
    NotInLatest => "未在最新导出中", "Not in the latest export";
    NotInLatestHint => "财务最新的导出中没有这笔费用：请与财务核对是否已缴或已核销", "finance's latest export lacks this charge: check with finance whether it was paid or written off";
    PlanRows => "数据行", "Rows";
    PlanNew => "新增费用", "New charges";
    PlanUpdated => "更新", "Updated";
    PlanUnchanged => "未变", "Unchanged";
    PlanPaidInFull => "本次显示结清", "Now paid in full";
    PlanMissing => "未在最新导出中（保留）", "Not in this export (kept)";
    PlanArrears => "导入后欠费合计", "Owed after the import";
    PlanUnitsInArrears => "欠费房屋", "Units owing";
    WholeFile => "整个文件", "Whole file";
    CountRows => "数据行", "Rows";
    CountClustersNew => "新建组团", "New clusters";
    CountBuildingsNew => "新建楼栋", "New buildings";
    CountUnitsNew => "新建房屋", "New units";
    CountUnitsChanged => "更新房屋", "Changed units";
    CountUnitsUnchanged => "房屋无变化", "Units unchanged";
    CountUnitsRemoved => "移除房屋", "Removed units";
    CountHouseholdsNew => "新建客户", "New households";
    CountHouseholdsChanged => "更新客户", "Changed households";
    CountHouseholdsUnchanged => "客户无变化", "Households unchanged";
    CountHouseholdsRemoved => "移除客户", "Removed households";
    CountOverwrites => "覆盖了管家较新的修改（列入需处理）", "Overwrote newer corrections (on Needs attention)";
    UnitsToRemove => "将被移除的房屋与客户", "Units and households to be removed";
    ImportTooLarge => "文件太大（最大 20 MB），请拆分后上传", "The file is too large (20 MB at most): split it";
    StaffTitle => "员工与设备", "Staff and devices";
    StaffAdminOnly => "只有管理员可以管理员工与设备。", "Only an admin manages staff and devices.";
    NewStaff => "新建员工", "New staff member";
    DisplayNameLabel => "姓名", "Name";
    ClustersLabel => "组团", "Clusters";
    NoneOption => "（无）", "(none)";
    FirstPassword => "初始密码（首次登录后须修改）", "First password (changed at the first sign-in)";
    Inactive => "已停用", "Inactive";
    DepartmentLead => "部门负责人", "Department lead";
    DepartmentLeadHint => "可查看针对本部门的客户投诉（只读）", "Sees the complaints against the department (read-only)";
    MustChange => "待改密码", "Must change password";
    ResetPassword => "重置密码", "Reset password";
    TempPassword => "临时密码", "Temporary password";
    PasswordResetDone => "已重置：该员工的登录已失效，下次登录须修改密码。", "Reset: their sessions ended; they change it at the next sign-in.";
    Devices => "设备", "Devices";
    RevokeDevice => "停用此设备", "Revoke";
    Revoked => "已停用", "Revoked";
    LastSeen => "最近使用", "Last used";
    Saved => "已保存", "Saved";
    ChangePasswordTitle => "修改密码", "Change your password";
    ChangePasswordIntro => "管理员为您设置了临时密码。请设置您自己的密码后继续。", "An admin set a temporary password for you. Set your own to go on.";
    CurrentPassword => "当前密码", "Current password";
    NewPassword => "新密码", "New password";
    RepeatPassword => "再次输入新密码", "New password again";
    PasswordsDiffer => "两次输入的新密码不一致", "The two new passwords differ";
    AuditTrail => "变更记录", "Change history";
    AuditLog => "审计日志", "Audit log";
    AuditEmpty => "暂无记录", "Nothing recorded";
    KindLabel => "记录类型", "Record kind";
    WhoLabel => "操作人", "Who";
    WhenLabel => "时间", "When";
    ActionLabel => "操作", "Action";
    DetailLabel => "内容", "Detail";
    AuditDeviceLabel => "设备", "Device";
    SomeoneElse => "其他人员", "Someone else";
    AnswerOrReferNotBoth => "当场答复与转交部门只能选一项：转交的问题由部门答复", "Answer on the spot or refer it, not both: a referred question is answered by the department";
    RemoveQuestion => "删除", "Remove";
    HistoryCreated => "新建", "Created";
    HistoryAssigned => "指派给 {who}", "Assigned to {who}";
    HistoryApplied => "服务中心从需处理中应用", "Applied by the office from Needs attention";
    KindUnit => "房屋", "Unit";
    KindHousehold => "客户", "Household";
    KindFollowUp => "跟进事项", "Follow-up";
    KindRun => "巡查", "Round";
    KindVisit => "拜访", "Visit";
    KindTemplate => "检查表", "Checklist";
    KindUser => "员工", "Staff member";
    KindDevice => "设备", "Device";
    KindImport => "导入", "Import";
    KindCluster => "组团", "Cluster";
    KindBuilding => "楼栋", "Building";
    KindDepartment => "部门", "Department";
    Complaints => "客户投诉", "Complaints";
    ComplaintsIntro => "登记、判定、答复，客户签字结案", "Take, judge, reply; the customer signs to close";
    ComplaintRegister => "投诉登记表", "Complaint register";
    NewComplaint => "登记投诉", "New complaint";
    NewPublicComplaint => "登记公共区域投诉", "Public-area complaint";
    ComplaintsToReach => "{n} 件待联系客户", "{n} to reach the customer";
    ComplaintsOfDepartment => "针对本部门的投诉（只读）：由客服管家处理，服务中心记录整改。", "Complaints against your department (read-only): the butler handles them, the office records the corrective action.";
    ComplaintFromCustomerHint => "住户的投诉请从“客户”中找到住户后登记。", "For a household's complaint, find the household under Customers and record it there.";
    NoComplaints => "暂无投诉", "No complaints";
    Complainant => "投诉人", "Complainant";
    CategoryLabel => "类别", "Category";
    ChooseCategory => "请选择类别", "Choose a category";
    UrgencyLabel => "紧急程度", "Urgency";
    ComplaintSaid => "投诉内容（客户原话）", "What the customer said";
    ReceivedAt => "接到投诉时间", "Received";
    ReachedAt => "到场或联系时间", "Reached";
    ReachedNow => "已在现场或已电话联系客户", "I am with the customer or on the phone now";
    SaveComplaint => "保存投诉", "Save the complaint";
    ComplaintChannelNeeded => "请选择投诉方式", "Choose how it came in";
    ComplaintCategoryNeeded => "请从列表中选择投诉类别", "Choose a category from the list";
    ComplaintSaidNeeded => "请填写客户的投诉内容", "Write down what the customer said";
    ComplaintPlaceNeeded => "请填写公共区域投诉的地点", "Say where, for a public-area complaint";
    ComplaintTimeLater => "接到投诉的时间不能晚于现在", "The time received cannot be later than now";
    ChOnSite => "现场", "On site";
    ChPhone => "电话", "Phone";
    ChFrontDesk => "前台", "Front desk";
    ChOnline => "网上", "Online";
    CatSecurity => "安防", "Security";
    CatCleaning => "保洁", "Cleaning";
    CatLandscaping => "绿化", "Landscaping";
    CatEngineering => "工程维修", "Engineering";
    CatParking => "停车", "Parking";
    CatFees => "收费", "Fees";
    CatStaffConduct => "员工服务", "Staff conduct";
    CatNeighbours => "邻里", "Neighbours";
    CatOther => "其他", "Other";
    UrgNormal => "一般", "Normal";
    UrgUrgent => "紧急", "Urgent";
    AgrSatisfied => "满意", "Satisfied";
    AgrAccepted => "接受", "Accepted";
    AgrNotSatisfied => "不满意", "Not satisfied";
    SatisfiedOrAccepted => "满意或接受", "Satisfied or accepted";
    CsReceived => "待联系", "To reach";
    CsReached => "待判定", "To judge";
    CsHandling => "处理中", "Being handled";
    CsReplied => "待签字", "To sign";
    CsClosed => "已关闭", "Closed";
    OpenComplaints => "未关闭", "Open";
    MarkReached => "已联系到客户", "Customer reached";
    Judgement => "判定", "Judgement";
    Valid => "有效投诉", "Valid";
    Invalid => "无效投诉", "Invalid";
    InvalidReason => "无效的原因", "Why it is invalid";
    InvalidReasonNeeded => "无效投诉须写明原因", "An invalid complaint needs the reason";
    ResponsibleDepartment => "责任部门", "Responsible department";
    ResponsiblePerson => "责任人（如已知）", "Responsible person (if known)";
    Solution => "解决方案", "Proposed solution";
    SolutionNeeded => "请填写解决方案", "Write the proposed solution";
    HandToDepartment => "转交责任部门跟进（不勾选则为当场答复）", "Hand to the department as a follow-up (unticked: answered on the spot)";
    AnsweredOnTheSpot => "当场答复", "answered on the spot";
    HandedOnAs => "已转部门跟进：", "Handed on as:";
    ComplaintSource => "客户投诉", "Complaint";
    ReplyLabel => "答复", "Reply";
    ReplyText => "答复内容", "What was answered";
    ReplyNeeded => "请填写答复内容", "Write what was answered";
    AgreementLabel => "客户意见", "The customer's view";
    CustomerSigns => "客户签字确认", "The customer signs";
    SignerName => "签字人姓名", "Signer's name";
    SignerNeeded => "请填写签字人姓名", "Write the signer's name";
    SignHere => "请客户在框内签字", "The customer signs in the box";
    ClearSignature => "清除重签", "Clear";
    ConfirmSignature => "确认签字并结案", "Confirm the signature and close";
    SignatureEmpty => "签名为空，请客户在框内签字", "The signature is empty: the customer signs in the box";
    SignatureTooLarge => "签名过大，请清除后重签", "The signature is too large: clear it and sign again";
    RefusedToSign => "客户拒绝签字", "The customer refused to sign";
    RefusalNote => "客户的说法", "What the customer said";
    RecordRefusal => "记录拒签并结案", "Record the refusal and close";
    SignedBy => "客户签字", "Signed by";
    ClosedAt => "结案时间", "Closed";
    WaitsForFollowUp => "转交部门的跟进事项尚未解决，解决后才能结案。", "The follow-up handed to the department is not resolved yet; the complaint closes once it is.";
    OverrideReason => "提前结案的原因（物业服务中心）", "Why it closes before the follow-up (office)";
    Corrective => "整改措施", "Corrective action";
    CorrectiveHint => "对责任部门的培训和督导，以防同类事件再次发生。", "Training and supervision of the responsible department, so that it does not happen again.";
    ResponseTime => "响应时间", "Response time";
    RepeatComplaint => "重复投诉", "Repeat";
    ReceiptValue => "签收凭证 {n}", "Receipt {n}";
    RowNo => "序号", "No.";
    ComplaintCount => "投诉数", "Complaints";
    ValidShare => "有效投诉占比", "Valid share";
    MedianResponse => "响应时间中位数", "Median response";
    MedianClosing => "结案时间中位数", "Median time to close";
    ComplaintsPerWeek => "每周投诉（按类别）", "Complaints a week, by category";
    ValidPerWeekByDepartment => "每周有效投诉（按责任部门）", "Valid complaints a week, by responsible department";
    WaitingComplaints => "{n} 件投诉", "{n} complaint{s}";
    KindComplaint => "投诉", "Complaint";
    OpTakeComplaint => "登记投诉", "Complaint taken";
    OpReachComplaint => "联系客户", "Customer reached";
    OpJudgeComplaint => "判定投诉", "Complaint judged";
    OpReplyComplaint => "答复客户", "Reply";
    OpSignOffComplaint => "客户签字结案", "Signed off";
    OpRecordCorrective => "整改措施", "Corrective action";
    DueDaysValue => "默认期限 {n} 天", "due in {n} days by default";
    DueDaysTitle => "各部门跟进事项默认期限", "Default time for each department's follow-ups";
    DueDaysHint => "跟进事项未填写期限时，按创建当天起算的天数自动填写（手机离线时按上次同步的设置）。", "A follow-up made without a due date gets this many days from the day it is made (a phone offline uses the setting it last synced).";
    DaysLabel => "天数", "Days";
    AppliedFromAttention => "需处理中应用（提交人 {who}）", "Applied from Needs attention (sent by {who})";
    OpCreateFollowUp => "新建跟进事项", "New follow-up";
    OpAssignFollowUp => "指派", "Assignment";
    OpSetFollowUpStatus => "更新状态", "Status change";
    OpReopenFollowUp => "重新打开", "Reopened";
    OpCommentFollowUp => "评论", "Comment";
    OpStartRun => "开始巡查", "Round started";
    OpRecordItem => "记录检查项", "Item answered";
    OpAddEntry => "添加记录", "Entry added";
    OpFinishRun => "完成巡查", "Round finished";
    OpDiscardRun => "放弃巡查", "Round discarded";
    DiscardRun => "放弃这次巡查", "Discard this round";
    ConfirmDiscardRun => "确定放弃", "Discard it";
    DiscardRunHint => "误开始的巡查可以放弃：尚未记录任何检查项，放弃后不计入巡查记录。", "Started by mistake? Nothing is answered yet: a discarded round does not count anywhere.";
    ReasonDiscarded => "这次巡查已放弃", "This round was discarded";
    ReasonAnswered => "这次巡查已有记录，不能放弃", "This round has answers and can no longer be discarded";
    OpInformOwner => "告知业主", "Owner told";
    OpRecordOccupancy => "房屋状态变更", "Occupancy change";
    OpCorrectHousehold => "更正客户资料", "Ledger correction";
    OpReturnVisit => "回访", "Return visit";
    OpRecordVisit => "拜访记录", "Visit note";
    ActCreate => "新建", "Created";
    ActUpdate => "更新", "Changed";
    ActRemove => "移除", "Removed";
    ActApplyImport => "导入文件", "File imported";
    ActResetPassword => "重置密码", "Password reset";
    ActChangePassword => "修改密码", "Password changed";
    ActRevoke => "停用设备", "Device revoked";
    ActPublish => "发布新版本", "New version published";
    RecentImports => "最近的导入", "Recent imports";
    FileLabel => "文件", "File";
    UploadedBy => "上传人", "Uploaded by";
    ImportedAt => "已导入", "Imported";
    PreviewedOnly => "未导入", "Not imported";
    TookMillis => "用时 {n} 毫秒", "Took {n} ms";
    PasswordChangeRequired => "管理员为您设置了临时密码，请先修改密码", "An admin set a temporary password: change it first.";
    DeviceRevoked => "此设备已停用或不属于当前账号，请重新登录", "This device was revoked or is not this account's: sign in again.";
    WaitingPlaces => "{n} 个地点", "{n} place{s}";
    WaitingNotices => "{n} 条公告", "{n} notice{s}";
    KindPlace => "地点", "Place";
    KindNotice => "公告", "Notice";
    OpSavePlace => "保存地点", "Save a place";
    OpPostNotice => "张贴公告", "Post a notice";
    OpChangeNoticeExpiry => "更改公告到期日", "Change a notice's expiry date";
    OpTakeDownNotice => "取下公告", "Take down a notice";
    PlaceNoticeBoard => "公告栏", "Notice board";
    PlaceFacility => "文体设施", "Recreation facility";
    PlaceCheckpoint => "巡查点", "Checkpoint";
    IssuerServiceCentre => "物业服务中心", "Service centre";
    IssuerEngineering => "工程部", "Engineering";
    IssuerSecurity => "安防部", "Security";
    IssuerCleaning => "保洁部", "Cleaning";
    IssuerLandscaping => "绿化部", "Landscaping";
    IssuerFinance => "财务部", "Finance";
    IssuerOwnersCommittee => "业主委员会", "Owners' committee";
    IssuerCommunity => "社区居委会", "Residents' committee";
    IssuerUtility => "水电气单位", "Utility company";
    NavNotices => "公告栏", "Notice boards";
    NavPlaces => "地点", "Places";
    NoticeRegister => "公告登记", "Notice register";
    NoticesDueTitle => "今日需取下", "To take down today";
    NoticesDueNone => "今天没有到期的公告", "No notice has expired";
    NoticesUpTitle => "张贴中", "Posted";
    NoticesDownTitle => "近期已取下", "Taken down lately";
    NoticesNone => "没有公告", "No notices";
    NoticesDueCount => "{n} 条公告到期待取下", "{n} expired notice{s} to take down";
    NoticeExpiresToday => "今日到期", "Expires today";
    NoticeExpiredDays => "已过期 {n} 天", "Expired {n} day(s) ago";
    NoticeUp => "张贴中", "Up";
    NoticeTakenDown => "已取下", "Taken down";
    NoticeNotYet => "未张贴", "Not yet posted";
    TakeDown => "取下", "Take down";
    TakeDownPhoto => "拍空公告栏（可选）", "Photo of the cleared board (optional)";
    NoticeTakenDownAt => "{t} 由 {n} 取下", "Taken down {t} by {n}";
    PostNoticeTitle => "张贴公告", "Post a notice";
    NoticeTitleLabel => "标题", "Title";
    IssuerLabel => "发布部门", "Issued by";
    BoardsLabel => "张贴的公告栏", "Notice boards";
    PostedOnLabel => "张贴日期", "Posted on";
    ExpiresOnLabel => "到期日期", "Expires on";
    PostNotice => "张贴", "Post";
    NoticePostedOk => "已张贴，将自动同步", "Posted; it will sync by itself";
    NoticeTitleMissing => "请填写公告标题（200 字以内）", "Enter the notice's title (200 characters at most)";
    NoticeBoardsMissing => "请至少选择一个本组团的公告栏", "Choose at least one notice board of the cluster";
    NoticeExpiryInvalid => "到期日期不能早于张贴日期，也不能超过两年", "The expiry date cannot be before the posting date, nor more than two years after it";
    NoticePhotosTooMany => "最多 5 张照片", "Five photos at most";
    ChangeExpiry => "改到期日", "Change the expiry date";
    ExpiryChangedLine => "{t} {n} 将到期日由 {a} 改为 {b}", "{t} {n} changed the expiry date from {a} to {b}";
    ExpiryChangeAfterDown => "（取下后才到达，未改变）", " (arrived after the take-down: no effect)";
    PostedByLine => "{n} 张贴", "posted by {n}";
    RegisterOnDay => "查看日期", "On the day";
    NoticesOnDay => "{d} 张贴中的公告：{n} 条", "Notices up on {d}: {n}";
    StateLabel => "状态", "State";
    PlacesTitle => "地点登记", "Places";
    PlaceKindLabel => "类别", "Kind";
    PlaceNameLabel => "名称", "Name";
    LocationLabel => "位置说明", "Location";
    LatLabel => "纬度", "Latitude";
    LonLabel => "经度", "Longitude";
    PositionLabel => "地图位置", "Map position";
    PlaceTemplateLabel => "适用检查表", "Checklist";
    PlaceNoTemplate => "无", "None";
    PlaceRetired => "已停用", "Retired";
    RetirePlace => "停用", "Retire";
    AddPlace => "新增地点", "Add a place";
    PlaceSavedOk => "已保存，将自动同步", "Saved; it will sync by itself";
    PlaceNameMissing => "请填写名称（100 字以内）", "Enter a name (100 characters at most)";
    PlaceLocationTooLong => "位置说明不超过 200 字", "The location takes 200 characters at most";
    PlacePositionInvalid => "纬度在 -90 到 90 之间，经度在 -180 到 180 之间，两者都填或都不填", "Latitude between -90 and 90, longitude between -180 and 180; both or neither";
    NoPlaces => "还没有登记地点", "No place registered yet";
    PlacesImportTitle => "从表格导入地点", "Import places from a spreadsheet";
    PlacesImportHint => ".xlsx 或 .csv，列：组团、类型（公告栏、文体设施、巡查点）、名称，可选位置、纬度、经度、检查表。同一组团、同一名称即同一地点：再次导入只更新有变化的；空白的可选列保留原值。新地点未填检查表时，公告栏和文体设施用晨检表，巡查点用日常巡视表。选择文件后先预览；任何一行有问题都不会导入。", ".xlsx or .csv with the columns cluster, kind (notice board, facility, checkpoint), name and, optionally, location, latitude, longitude and checklist. The same cluster and name are the same place: importing again updates only what changed, and an empty optional cell keeps what is stored. A new place without a checklist gets the morning check (boards and facilities) or the daily patrol (checkpoints). A file is previewed first; if any row has a problem nothing is imported.";
    PlanPlacesNew => "新增地点", "New places";
    PlaceClusterMissing => "请选择组团", "Choose a cluster";
    NoticesIntro => "到期公告及时取下，检查文体设施", "Take down expired notices, check the facilities";
    SafetyRelated => "安全相关", "Safety";
    FacilitiesTitle => "文体设施", "Recreation facilities";
    FacilityInOrder => "正常", "In order";
    FacilityOutOfOrder => "停用/待修", "Closed / to repair";
    ReportFault => "报损", "Report a fault";
    FaultLabel => "发现的问题", "What is wrong";
    FaultHandTo => "交给", "Hand to";
    FaultSaved => "已记录并转交，将自动同步", "Recorded and handed on; it will sync by itself";
    FacilityCheckSource => "文体设施检查", "Facility check";
    FaultMissing => "请写明问题（200 字以内）", "Say what is wrong (200 characters at most)";
    NoFacilities => "本组团还没有登记文体设施", "No recreation facility is registered in your cluster";
    FacilityStateLabel => "设施状态", "Facility state";
    LabelsTitle => "二维码标签", "QR labels";
    LabelsNote => "每个地点一张标签，贴在现场。扫码证明标签是本小区的，不能证明人到过现场（标签的照片也能扫）；换密钥后旧标签作废，须重新打印。扫不出时输入码下的短码，登记为“手输”。", "One label per place, fixed on site. A scan proves the label is this estate's, not that the phone was there (a photo of it scans too); after the key is changed old labels are refused and must be reprinted. When the camera cannot read one, type the short code under it: it is recorded as typed.";
    PrintLabels => "打印二维码标签", "Print QR labels";
    ActRotateKey => "更换标签密钥", "Change the labels' key";
    ScanTitle => "地点打卡", "Places checked in";
    ScanHint => "扫描地点的二维码标签；扫不出时输入码下的短码（记为手输）。", "Scan the place's QR label; when it cannot be read, type the short code under it (recorded as typed).";
    ScanRecord => "打卡", "Check in";
    ScanTyped => "手输", "Typed";
    ScanTooFast => "速度异常", "Too fast";
    ScanForged => "标签无效：不是本小区签发的二维码", "Invalid label: this code was not issued by this estate";
    ScanRetired => "标签已作废（已更换密钥），请使用新打印的标签", "This label was withdrawn (the key was changed): use the newly printed one";
    ScanOtherCluster => "这个地点不在本次巡查的组团", "This place is not in this round's cluster";
    ScanUnknownCode => "没有这个地点码，请核对标签下的短码", "No place has this code: check the short code under the label";
    ScanRunFinished => "巡查已完成，不能再打卡", "The round is finished: no more check-ins";
    ScanNotLabel => "这个二维码不是地点标签", "This QR code is not a place's label";
    ScanFromPlace => "距地点", "From the place:";
    ScanMetres => "米", "m";
    ScanKilometres => "公里", "km";
    ScanDoubtful => "存疑", "Doubtful";
    ScanMissing => "缺打卡", "Not checked in";
    ScansRequiredLabel => "须在各地点扫码打卡", "Check-ins required at its places";
    RoundPlaces => "本次应到的地点", "This round's places";
    RoundPlacesRequired => "本检查表要求在下列每个地点打卡后才能完成。", "This checklist can be finished only after checking in at each place below.";
    PlaceChecked => "已打卡", "Checked in";
    PlaceNotChecked => "未打卡", "Not yet";
    GoToScans => "前往打卡", "Go to the check-ins";
    FaultItemWording => "检查项名称（1–200 字）", "the item's wording (1–200 characters)";
    FaultItemNumber => "检查项编号为空或重复", "the item's number is empty or used twice";
    FaultItemOptions => "选项（至少两个，每个不超过 50 字）", "the options (two at least, 50 characters each at most)";
    FaultItemRange => "范围（最小值大于最大值）", "the range (its lowest is above its highest)";
    FaultItemFields => "登记栏目（至少一个，每个不超过 50 字）", "the fields (one at least, 50 characters each at most)";
    FaultItemOther => "草稿中的内容", "the draft";
    CheckedInHere => "刚在此打卡：", "Just checked in here: ";
    ReasonUnscanned => "还有 {n} 个地点未打卡", "{n} places are not checked in yet";
    ScanFarAway => "位置不符", "Far from the place";
    ScanLocated => "已定位", "Located";
    CameraOpen => "扫码", "Scan";
    CameraClose => "关闭相机", "Close the camera";
    CameraStarting => "正在打开相机…", "Opening the camera…";
    CameraLooking => "把二维码标签放进画面中", "Hold the QR label in the picture";
    CameraUnavailable => "无法打开相机：请允许本应用使用相机，或输入标签下的短码", "The camera cannot be opened: allow this app to use it, or type the short code under the label";
    CameraDecoderMissing => "扫码组件还没有下载（联网时打开一次巡查即可）：请输入标签下的短码", "The scanner is not on this phone yet (open a round once while online): type the short code under the label";
    OpRecordScan => "地点打卡", "Check in at a place";
    WaitingDeliveries => "{n} 份文件发放", "{n} document deliver{s}";
    KindDelivery => "文件发放", "Document delivery";
    OpRecordHandover => "文件发放", "Hand over a document";
    OpPostDocument => "邮寄文件", "Post a document";
    OpCallAboutDocument => "电话告知未领取文件", "Call about an unclaimed document";
    NavDocuments => "文件发放", "Documents";
    DocumentsIntro => "对账单、停水停电停气通知、特约服务收费标准，逐户签收", "Statements, outage notices and price lists, household by household";
    DocumentRegister => "文件发放登记", "Document distribution register";
    NavActivities => "社区活动", "Activities";
    ActivitiesIntro => "社区文化活动：报名、到场与回访", "Community activities: sign-ups, attendance and feedback";
    KindActivity => "社区活动", "Community activity";
    WaitingActivities => "{n} 个活动的报名或回访", "{n} activity record{s}";
    ActivityRegister => "社区活动登记", "Activity register";
    OpSaveActivity => "发布或调整活动", "Announce or change an activity";
    OpSignUpForActivity => "活动报名", "Sign up for an activity";
    OpCancelSignUp => "取消活动报名", "Cancel a sign-up";
    OpRecordAttendance => "登记到场", "Record attendance";
    OpRecordActivityFeedback => "活动回访", "Activity feedback visit";
    ActPeopleN => "{n} 人", "{n} people";
    ActProblemTitle => "请填写活动名称（不超过100字）", "Enter the activity's title (100 characters at most)";
    ActProblemPlace => "请填写活动地点（不超过100字）", "Enter where it takes place (100 characters at most)";
    ActProblemDescription => "活动说明不能超过500字", "The description may have 500 characters at most";
    ActProblemCapacity => "总名额须在 1 到 5000 之间", "Places must be between 1 and 5,000";
    ActProblemDeadline => "报名截止时间不能晚于活动开始时间", "Sign-ups must close before the activity starts";
    ActProblemShares => "各管家名额之和不能超过总名额", "The butlers' places together may not exceed the places in all";
    ActProblemBelowSignedUp => "管家名额不能少于其已报名的人数", "A butler's places may not go below the people they have signed up";
    ActProblemShare => "超出您的名额：请联系服务中心调整名额", "Beyond your places: ask the service centre to give you more";
    ActProblemClosed => "报名已截止", "Sign-ups have closed";
    ActProblemSignedUp => "该户已报名", "This household is already signed up";
    ActProblemPeople => "人数须在 1 到 20 之间", "People must be between 1 and 20";
    ActProblemHousehold => "请选择住户", "Choose the household";
    ActProblemAt => "手机时间不对：请校准时间后再试", "The phone's clock is wrong: set it and try again";
    ActProblemNotStarted => "活动尚未开始", "The activity has not started yet";
    ActProblemStarted => "活动已开始，不能取消报名", "The activity has started: a sign-up can no longer be cancelled";
    ActProblemCancelled => "该报名已取消", "This sign-up was cancelled";
    ActProblemRating => "请选择满意度（1–5 分）", "Choose how it went (1–5)";
    ActProblemText => "意见或建议不能超过300字", "Comments and suggestions may have 300 characters each at most";
    ActProblemTooMany => "报名记录已达上限", "This activity has too many sign-ups";
    ActProblemNoSuchSignUp => "找不到该报名", "No such sign-up";
    ActNone => "暂无活动", "No activities";
    ActOpenCount => "{n} 个活动报名中", "{n} open for sign-up";
    ActMyShare => "我的名额：已报 {u} 人 / 共 {s} 人，剩余 {l} 人", "My places: {u} of {s} filled, {l} left";
    ActNoShare => "您在此活动没有名额：需要时请联系服务中心", "You have no places for this activity: ask the service centre";
    ActTitle => "活动名称", "Title";
    ActDescription => "活动说明", "Description";
    ActPlace => "地点", "Place";
    ActStarts => "开始时间", "Starts";
    ActDeadline => "报名截止", "Sign-ups close";
    ActCapacity => "总名额", "Places";
    ActShares => "各管家名额", "Each butler's places";
    ActUnshared => "未分配 {n} 个名额", "{n} places not given to anyone";
    ActSignUpTitle => "为住户报名", "Sign a household up";
    ActFindHousehold => "输入房号或姓名查找住户", "Type a unit or a name to find the household";
    ActPeople => "人数", "People";
    ActSignUp => "报名", "Sign up";
    ActSignUps => "报名名单", "Sign-ups";
    ActCancel => "取消报名", "Cancel";
    ActCancelled => "已取消", "Cancelled";
    ActOpen => "报名中", "Open";
    ActClosed => "报名已截止", "Closed";
    ActPast => "已举办", "Held";
    ActFeedback => "活动回访", "Feedback visit";
    ActRating => "满意度", "How it went";
    ActComments => "客户意见", "What they thought";
    ActSuggestions => "对下次活动的建议", "Suggestions for the next one";
    ActRecordFeedback => "记录回访", "Record the feedback";
    ActAttended => "到场", "Came";
    ActAbsent => "未到", "Did not come";
    ActAttendance => "到场", "Attendance";
    ActNew => "发布新活动", "Announce an activity";
    ActAnnounce => "发布", "Announce";
    ActChange => "调整活动与名额", "Change the activity and its places";
    ActSave => "保存调整", "Save the changes";
    ActSaved => "已保存，将同步给各管家", "Saved: it reaches the butlers with their next sync";
    ActHeadcount => "报名 {h} 户 {p} 人", "{h} households, {p} people";
    ActAttendedN => "到场 {n} 人", "{n} came";
    ActFeedbackN => "回访 {n} 户", "{n} asked";
    ActAverage => "平均满意度", "Average rating";
    ActButler => "管家", "Butler";
    ActFilled => "已报", "Filled";
    ActLeft => "剩余", "Left";
    ActSignedAt => "报名时间", "Signed up";
    ActHousehold => "住户", "Household";
    ActNeedTimes => "请填写开始时间和报名截止时间", "Enter when it starts and when sign-ups close";
    DocStatement => "对账单", "Statement";
    DocWaterOutage => "停水通知", "Water stoppage notice";
    DocPowerOutage => "停电通知", "Power stoppage notice";
    DocGasOutage => "停气通知", "Gas stoppage notice";
    DocPriceList => "特约服务收费标准", "Special-service price list";
    DocOther => "其他文件", "Other document";
    AudienceAll => "全部住户", "Every household";
    AudienceMovedIn => "已入住住户", "Households moved in";
    AudienceNotMovedIn => "未入住住户（邮寄）", "Not moved in (mailed)";
    AudienceKeyCustomers => "重点客户", "Key customers";
    HandedSelf => "本人签收", "Signed by the customer";
    HandedFamily => "家属签收", "Signed by family";
    HandoverSecurity => "交安防派送", "Left with security";
    HandoverRefused => "拒收", "Refused";
    HandoverToMail => "转大厅邮寄", "To the front desk to mail";
    DeliveryPending => "未发放", "Not handed yet";
    DeliveryToMail => "待邮寄", "To be mailed";
    DocMailed => "已邮寄", "Mailed";
    DocumentKindLabel => "文件类型", "Document";
    DocumentTitleLabel => "标题", "Title";
    DocumentExplanationLabel => "内容说明（安防队员与重点客户须知）", "What it says (for security and key customers)";
    DocumentDateLabel => "发放日期", "Date";
    DocumentClustersLabel => "组团", "Clusters";
    DocumentBuildingsLabel => "楼栋（空白为全部，用逗号分隔）", "Buildings (blank for all, comma-separated)";
    DocumentAudienceLabel => "发放对象", "To";
    DocumentPreview => "统计户数", "Count households";
    DocumentIssue => "发放", "Issue";
    DocumentIssuing => "正在发放…", "Issuing…";
    DocumentPreviewText => "共 {n} 户（未入住 {m} 户将由大厅邮寄，重点客户 {k} 户由管家亲自发放）", "{n} households ({m} not moved in, mailed by the front desk; {k} key customers, handed by the butler in person)";
    DocumentIssued => "已发放给 {n} 户，管家的手机同步后即可逐户签收", "Issued to {n} households: the butlers' phones list them once synced";
    DocumentIssueNew => "发放新文件", "Issue a document";
    IssueProblemTitle => "请填写标题（1–100 字）", "Enter a title (1–100 characters)";
    IssueProblemExplanation => "内容说明最多 500 字", "The explanation takes at most 500 characters";
    IssueProblemDate => "请填写有效的发放日期", "Enter a valid date";
    IssueProblemClusters => "请至少选择一个组团", "Choose at least one cluster";
    IssueProblemBuildings => "所选组团中没有这些楼栋：{b}", "The chosen clusters have no such buildings: {b}";
    IssueProblemNobody => "没有符合条件的住户", "No household matches";
    IssueProblemTooMany => "一次最多发放 5000 户", "At most 5,000 households at once";
    DocHouseholds => "户数", "Households";
    DocCoverage => "送达率", "Delivered";
    DocOverdue => "超两周未领取", "Unclaimed over two weeks";
    DocNone => "还没有发放文件", "No documents issued yet";
    DocOpen => "查看", "Open";
    DocProgress => "已送达 {d}/{n}", "Delivered {d} of {n}";
    DocKeyFirst => "重点客户（须亲自发放）", "Key customers (hand in person)";
    DocOthers => "其他住户", "Other households";
    DocNotMovedIn => "未入住", "Not moved in";
    DocHandedBy => "{t} · {n}", "{t} · {n}";
    DocSignerLabel => "签收家属姓名", "Family member's name";
    DocNoteLabel => "备注（可选）", "Note (optional)";
    DocSignHere => "请客户在下方签名", "The customer signs below";
    DocRecord => "确认", "Record";
    DocHandOver => "登记发放", "Record the hand-over";
    DocCallList => "超两周未领取：电话告知", "Unclaimed over two weeks: phone the customer";
    DocCallNone => "没有需要电话告知的住户", "Nobody to phone";
    DocCallReached => "已接通", "Answered";
    DocCallNotReached => "未接通", "No answer";
    DocCallSaid => "通话内容（何时来领、是否改为邮寄）", "What was said (when they will collect it, or to mail it)";
    DocCallRecord => "记录通话", "Record the call";
    DocCalls => "电话记录", "Calls";
    DocMailingList => "邮寄清单", "Mailing list";
    DocMailingNone => "没有待邮寄的文件", "Nothing to mail";
    DocMailingAddress => "邮寄地址", "Mailing address";
    DocPostedOn => "寄出日期", "Posted on";
    DocTracking => "挂号信单号", "Tracking number";
    DocPost => "登记寄出", "Record the posting";
    DocPrintLabels => "打印地址标签", "Print address labels";
    DocLabelsTitle => "文件邮寄地址标签", "Address labels for mailing";
    DocNoAddress => "（台账无通讯地址）", "(no mailing address in the ledger)";
    DocDayN => "第 {n} 天", "Day {n}";
    DocExplanationFor => "内容说明", "What it says";
    DocProblemSignature => "请客户签名后再确认", "The customer must sign first";
    DocProblemSigner => "请填写签收家属的姓名（最多 50 字）", "Enter the family member's name (at most 50 characters)";
    DocProblemNote => "备注最多 300 字", "A note takes at most 300 characters";
    DocProblemAt => "时间不能早于发放日期或晚于现在", "The time cannot be before the document's date or in the future";
    DocProblemKeyCustomer => "重点客户须由管家亲自发放，不能交安防派送", "A key customer's document is handed by the butler in person, not left with security";
    DocProblemNotToMail => "这户不在邮寄清单上", "This household is not on the mailing list";
    DocProblemTracking => "请填写挂号信单号（字母和数字，最多 40 位）", "Enter the tracking number (letters and digits, at most 40)";
    DocProblemPostedOn => "寄出日期不能早于发放日期或晚于今天", "The posting date cannot be before the document's date or after today";
    DocProblemTooMany => "记录已满 30 条", "This delivery has 30 entries already";
    DocLockedConflict => "另一部手机已先登记送达，以先到的为准", "Another phone recorded the delivery first: that one stands";
    DocUnitLabel => "房号", "Unit";
    DocNameLabel => "住户", "Household";
    DocStateLabel => "发放情况", "Delivery";
    DocNobodyInLedger => "（台账无住户）", "(nobody in the ledger)";
    DocBack => "返回", "Back";
    DocumentsOpenCount => "{n} 户待发放或待电话", "{n} to hand out or phone";
    DocRegisterEmpty => "还没有发放过文件：用上面的表单发放", "No document issued yet: issue one with the form above";
}

impl Msg {
    /// The label of a mutation's or an audit entry's action code, if it has one.
    pub fn action(code: &str) -> Option<Msg> {
        Some(match code {
            "create_follow_up" => Msg::OpCreateFollowUp,
            "assign_follow_up" => Msg::OpAssignFollowUp,
            "set_follow_up_status" => Msg::OpSetFollowUpStatus,
            "reopen_follow_up" => Msg::OpReopenFollowUp,
            "comment_follow_up" => Msg::OpCommentFollowUp,
            "start_run" => Msg::OpStartRun,
            "record_item" => Msg::OpRecordItem,
            "add_entry" => Msg::OpAddEntry,
            "finish_run" => Msg::OpFinishRun,
            "record_scan" => Msg::OpRecordScan,
            "discard_run" => Msg::OpDiscardRun,
            "inform_owner" => Msg::OpInformOwner,
            "record_occupancy" => Msg::OpRecordOccupancy,
            "correct_household" => Msg::OpCorrectHousehold,
            "return_visit" => Msg::OpReturnVisit,
            "record_visit" => Msg::OpRecordVisit,
            "take_complaint" => Msg::OpTakeComplaint,
            "reach_complaint" => Msg::OpReachComplaint,
            "judge_complaint" => Msg::OpJudgeComplaint,
            "reply_complaint" => Msg::OpReplyComplaint,
            "sign_off_complaint" => Msg::OpSignOffComplaint,
            "record_corrective" => Msg::OpRecordCorrective,
            "record_collection_contact" => Msg::OpRecordCollectionContact,
            "save_place" => Msg::OpSavePlace,
            "post_notice" => Msg::OpPostNotice,
            "change_notice_expiry" => Msg::OpChangeNoticeExpiry,
            "take_down_notice" => Msg::OpTakeDownNotice,
            "record_handover" => Msg::OpRecordHandover,
            "post_document" => Msg::OpPostDocument,
            "call_about_document" => Msg::OpCallAboutDocument,
            "save_activity" => Msg::OpSaveActivity,
            "sign_up_for_activity" => Msg::OpSignUpForActivity,
            "cancel_sign_up" => Msg::OpCancelSignUp,
            "record_attendance" => Msg::OpRecordAttendance,
            "record_activity_feedback" => Msg::OpRecordActivityFeedback,
            "create" => Msg::ActCreate,
            "update" => Msg::ActUpdate,
            "remove" => Msg::ActRemove,
            "apply" => Msg::ActApplyImport,
            "reset_password" => Msg::ActResetPassword,
            "change_password" => Msg::ActChangePassword,
            "revoke" => Msg::ActRevoke,
            "publish" => Msg::ActPublish,
            "rotate" => Msg::ActRotateKey,
            _ => return None,
        })
    }

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

    /// The name of a kind of document.
    pub fn document_kind(k: crate::domain::document::DocumentKind) -> Msg {
        use crate::domain::document::DocumentKind as K;
        match k {
            K::Statement => Msg::DocStatement,
            K::WaterOutage => Msg::DocWaterOutage,
            K::PowerOutage => Msg::DocPowerOutage,
            K::GasOutage => Msg::DocGasOutage,
            K::PriceList => Msg::DocPriceList,
            K::Other => Msg::DocOther,
        }
    }

    /// The name of a document's audience.
    pub fn audience(a: crate::domain::document::Audience) -> Msg {
        use crate::domain::document::Audience as A;
        match a {
            A::All => Msg::AudienceAll,
            A::MovedIn => Msg::AudienceMovedIn,
            A::NotMovedIn => Msg::AudienceNotMovedIn,
            A::KeyCustomers => Msg::AudienceKeyCustomers,
        }
    }

    /// The name of a hand-over's outcome.
    pub fn handover(h: crate::domain::document::Handover) -> Msg {
        use crate::domain::document::Handover as H;
        match h {
            H::HandedSelf => Msg::HandedSelf,
            H::HandedFamily => Msg::HandedFamily,
            H::Security => Msg::HandoverSecurity,
            H::Refused => Msg::HandoverRefused,
            H::ToMail => Msg::HandoverToMail,
        }
    }

    /// The name of where a delivery stands.
    pub fn delivery_state(s: crate::domain::document::DeliveryState) -> Msg {
        use crate::domain::document::DeliveryState as S;
        match s {
            S::Pending => Msg::DeliveryPending,
            S::Refused => Msg::HandoverRefused,
            S::ToMail => Msg::DeliveryToMail,
            S::Mailed => Msg::DocMailed,
            S::Security => Msg::HandoverSecurity,
            S::HandedSelf => Msg::HandedSelf,
            S::HandedFamily => Msg::HandedFamily,
        }
    }

    /// Why a hand-over, posting or call cannot be recorded.
    pub fn delivery_problem(p: crate::domain::document::DeliveryProblem) -> Msg {
        use crate::domain::document::DeliveryProblem as P;
        match p {
            P::Signature => Msg::DocProblemSignature,
            P::Signer => Msg::DocProblemSigner,
            P::Note => Msg::DocProblemNote,
            P::At => Msg::DocProblemAt,
            P::KeyCustomer => Msg::DocProblemKeyCustomer,
            P::NotToMail => Msg::DocProblemNotToMail,
            P::Tracking => Msg::DocProblemTracking,
            P::PostedOn => Msg::DocProblemPostedOn,
            P::TooMany => Msg::DocProblemTooMany,
        }
    }

    /// Why an activity, a sign-up or a feedback cannot be recorded.
    pub fn activity_problem(p: crate::domain::activity::ActivityProblem) -> Msg {
        use crate::domain::activity::ActivityProblem as P;
        match p {
            P::Title => Msg::ActProblemTitle,
            P::Place => Msg::ActProblemPlace,
            P::Description => Msg::ActProblemDescription,
            P::Capacity => Msg::ActProblemCapacity,
            P::Deadline => Msg::ActProblemDeadline,
            P::Shares => Msg::ActProblemShares,
            P::BelowSignedUp => Msg::ActProblemBelowSignedUp,
            P::Share => Msg::ActProblemShare,
            P::Closed => Msg::ActProblemClosed,
            P::AlreadySignedUp => Msg::ActProblemSignedUp,
            P::People => Msg::ActProblemPeople,
            P::Household => Msg::ActProblemHousehold,
            P::At => Msg::ActProblemAt,
            P::NotStarted => Msg::ActProblemNotStarted,
            P::Started => Msg::ActProblemStarted,
            P::Cancelled => Msg::ActProblemCancelled,
            P::Rating => Msg::ActProblemRating,
            P::Text => Msg::ActProblemText,
            P::TooMany => Msg::ActProblemTooMany,
            P::NoSuchSignUp => Msg::ActProblemNoSuchSignUp,
        }
    }

    /// Why a document cannot be issued.
    pub fn issue_problem(p: crate::domain::document::IssueProblem) -> Msg {
        use crate::domain::document::IssueProblem as P;
        match p {
            P::Title => Msg::IssueProblemTitle,
            P::Explanation => Msg::IssueProblemExplanation,
            P::Date => Msg::IssueProblemDate,
            P::Clusters => Msg::IssueProblemClusters,
            P::Buildings => Msg::IssueProblemBuildings,
            P::Nobody => Msg::IssueProblemNobody,
            P::TooMany => Msg::IssueProblemTooMany,
        }
    }

    /// The name of a kind of place.
    pub fn place_kind(k: crate::domain::place::PlaceKind) -> Msg {
        use crate::domain::place::PlaceKind as K;
        match k {
            K::NoticeBoard => Msg::PlaceNoticeBoard,
            K::Facility => Msg::PlaceFacility,
            K::Checkpoint => Msg::PlaceCheckpoint,
        }
    }

    /// The name of a notice's issuer.
    pub fn issuer(i: crate::domain::place::Issuer) -> Msg {
        use crate::domain::place::Issuer as I;
        match i {
            I::ServiceCentre => Msg::IssuerServiceCentre,
            I::Engineering => Msg::IssuerEngineering,
            I::Security => Msg::IssuerSecurity,
            I::Cleaning => Msg::IssuerCleaning,
            I::Landscaping => Msg::IssuerLandscaping,
            I::Finance => Msg::IssuerFinance,
            I::OwnersCommittee => Msg::IssuerOwnersCommittee,
            I::Community => Msg::IssuerCommunity,
            I::Utility => Msg::IssuerUtility,
        }
    }

    /// A notice's state on a day, in words.
    pub fn notice_state(s: crate::domain::place::NoticeState, lang: super::Lang) -> String {
        use crate::domain::place::NoticeState as S;
        match s {
            S::NotYet => Msg::NoticeNotYet.text(lang).to_owned(),
            S::Up => Msg::NoticeUp.text(lang).to_owned(),
            S::ExpiresToday => Msg::NoticeExpiresToday.text(lang).to_owned(),
            S::Expired(n) => Msg::NoticeExpiredDays
                .text(lang)
                .replace("{n}", &n.to_string()),
            S::TakenDown => Msg::NoticeTakenDown.text(lang).to_owned(),
        }
    }

    /// The name of a kind of collection contact.
    pub fn contact_kind(k: crate::domain::collection::ContactKind) -> Msg {
        use crate::domain::collection::ContactKind as K;
        match k {
            K::Statement => Msg::ContactStatement,
            K::Call => Msg::ContactCall,
            K::Visit => Msg::ContactVisit,
            K::ReturnVisit => Msg::ContactReturnVisit,
            K::Letter => Msg::ContactLetter,
        }
    }

    /// The name of a delivery.
    pub fn delivery(d: crate::domain::collection::Delivery) -> Msg {
        use crate::domain::collection::Delivery as D;
        match d {
            D::HandedSelf => Msg::DeliveryHandedSelf,
            D::HandedFamily => Msg::DeliveryHandedFamily,
            D::WithSecurity => Msg::DeliveryWithSecurity,
            D::Mailed => Msg::DeliveryMailed,
            D::Registered => Msg::DeliveryRegistered,
            D::Refused => Msg::DeliveryRefused,
        }
    }

    /// The name of a reason for arrears.
    pub fn arrears_reason(r: crate::domain::collection::ArrearsReason) -> Msg {
        use crate::domain::collection::ArrearsReason as R;
        match r {
            R::Forgot => Msg::ReasonForgot,
            R::Away => Msg::ReasonAway,
            R::Hardship => Msg::ReasonHardship,
            R::ServiceDispute => Msg::ReasonServiceDispute,
            R::Refuses => Msg::ReasonRefuses,
            R::Other => Msg::ReasonOther,
        }
    }

    /// The name of a collection window.
    pub fn window(w: crate::domain::fee::CollectionWindow) -> Msg {
        use crate::domain::fee::CollectionWindow as W;
        match w {
            W::Statements => Msg::WindowStatements,
            W::ArrearsCalls => Msg::WindowCalls,
            W::QuarterReasons => Msg::WindowReasons,
            W::QuarterConfirm => Msg::WindowConfirm,
            W::LawyerLetters => Msg::WindowLetters,
        }
    }

    /// What to say of a contact the form or the rule refuses.
    pub fn contact_problem(p: crate::domain::collection::ContactProblem) -> Msg {
        use crate::domain::collection::ContactProblem as P;
        match p {
            P::Delivery => Msg::ContactDeliveryNeeded,
            P::Tracking => Msg::ContactTrackingNeeded,
            P::Signer => Msg::ContactSignerTooLong,
            P::Signature => Msg::ContactSignatureNeeded,
            P::Said => Msg::ContactSaidNeeded,
            P::Promise => Msg::ContactPromiseInvalid,
            P::Reason => Msg::ContactReasonInvalid,
            P::Problem => Msg::ContactProblemNeeded,
            P::At => Msg::ContactTimeInvalid,
            P::Owed => Msg::ContactOwedInvalid,
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
