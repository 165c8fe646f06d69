//! Pages loaded on demand (issue 22): with `cargo leptos build --split` the code of the
//! office's pages and of the phone's screens (but its home) is cut from the main WASM into two
//! groups, each one chunk (a route per page would make hundreds of small chunks and half as many
//! bytes again in all), fetched when a page of the group is first opened — and precached by the
//! service worker right after the first page is interactive, so every page opens offline too.
//! The main WASM keeps the shell, sign-in, the sync engine and the phone's home. Without
//! `--split` (tests, `cargo check`) a lazy page is an ordinary one.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// A route loaded on demand: the call that draws it from its group (whose code, reached only
/// from the group's routes, the splitter puts in one chunk they share).
macro_rules! lazy_page {
    ($(#[$doc:meta])* $name:ident => $call:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                $call
            }
        }
    };
}

/// The office's pages.
#[derive(Clone, Copy)]
enum OfficePage {
    /// 工作台.
    Workbench,
    /// The office's follow-up queue.
    FollowUpQueue,
    /// Checklist templates.
    Templates,
    /// A round or inspection, read by the office.
    RunDetail,
    /// 小区资料.
    Estate,
    /// The registers.
    Registers,
    /// Staff.
    Staff,
    /// The audit trail.
    AuditLog,
    /// 投诉登记表.
    ComplaintRegister,
    /// 费用催收.
    Fees,
    /// A lawyer's letter.
    Letter,
    /// 物管费催收登记表.
    CollectionRegister,
    /// 公告登记.
    NoticeRegister,
    /// 地点登记.
    Places,
    /// The places' QR labels.
    Labels,
    /// 文件发放登记.
    DocumentRegister,
    /// 社区活动登记.
    ActivityRegister,
}

/// Draws one of the office's pages: their code is one chunk of its own.
fn office_page(page: OfficePage) -> AnyView {
    match page {
        OfficePage::Workbench => crate::office::Workbench().into_any(),
        OfficePage::FollowUpQueue => crate::follow_ups::OfficeQueue().into_any(),
        OfficePage::Templates => crate::patrol::TemplatesPage().into_any(),
        OfficePage::RunDetail => crate::patrol::RunDetailPage().into_any(),
        OfficePage::Estate => crate::estate::EstatePage().into_any(),
        OfficePage::Registers => crate::office::RegistersPage().into_any(),
        OfficePage::Staff => crate::estate::StaffPage().into_any(),
        OfficePage::AuditLog => crate::estate::AuditLogPage().into_any(),
        OfficePage::ComplaintRegister => crate::complaints::ComplaintRegister().into_any(),
        OfficePage::Fees => crate::fees::FeesPage().into_any(),
        OfficePage::Letter => crate::fees::LetterPage().into_any(),
        OfficePage::CollectionRegister => crate::fees::CollectionRegister().into_any(),
        OfficePage::NoticeRegister => crate::places::NoticeRegister().into_any(),
        OfficePage::Places => crate::places::PlacesPage().into_any(),
        OfficePage::Labels => crate::places::LabelsPage().into_any(),
        OfficePage::DocumentRegister => crate::documents::DocumentRegister().into_any(),
        OfficePage::ActivityRegister => crate::activities::ActivityRegister().into_any(),
    }
}

lazy_page!(
    /// 工作台.
    Workbench => office_page(OfficePage::Workbench)
);
lazy_page!(
    /// The office's follow-up queue.
    FollowUpQueue => office_page(OfficePage::FollowUpQueue)
);
lazy_page!(
    /// Checklist templates.
    Templates => office_page(OfficePage::Templates)
);
lazy_page!(
    /// A round or inspection, read by the office.
    RunDetail => office_page(OfficePage::RunDetail)
);
lazy_page!(
    /// 小区资料.
    Estate => office_page(OfficePage::Estate)
);
lazy_page!(
    /// The registers.
    Registers => office_page(OfficePage::Registers)
);
lazy_page!(
    /// Staff.
    Staff => office_page(OfficePage::Staff)
);
lazy_page!(
    /// The audit trail.
    AuditLog => office_page(OfficePage::AuditLog)
);
lazy_page!(
    /// 投诉登记表.
    ComplaintRegister => office_page(OfficePage::ComplaintRegister)
);
lazy_page!(
    /// 费用催收.
    Fees => office_page(OfficePage::Fees)
);
lazy_page!(
    /// A lawyer's letter.
    Letter => office_page(OfficePage::Letter)
);
lazy_page!(
    /// 物管费催收登记表.
    CollectionRegister => office_page(OfficePage::CollectionRegister)
);
lazy_page!(
    /// 公告登记.
    NoticeRegister => office_page(OfficePage::NoticeRegister)
);
lazy_page!(
    /// 地点登记.
    Places => office_page(OfficePage::Places)
);
lazy_page!(
    /// The places' QR labels.
    Labels => office_page(OfficePage::Labels)
);

/// The phone's screens but its home, and the pages both layouts share.
#[derive(Clone, Copy)]
enum PhoneScreen {
    /// Today's rounds.
    PatrolHome,
    /// A round or inspection on the phone.
    RunScreen,
    /// The vacant units.
    VacantList,
    /// A unit on the phone.
    PhoneUnit,
    /// A unit for the office.
    OfficeUnit,
    /// The phone's follow-ups.
    PhoneFollowUps,
    /// A new follow-up on the phone.
    PhoneNewFollowUp,
    /// A new follow-up at the office.
    OfficeNewFollowUp,
    /// A follow-up.
    FollowUpDetail,
    /// What needs attention, on the phone.
    PhoneAttention,
    /// What needs attention, at the office.
    OfficeAttention,
    /// The household ledger on the phone.
    PhoneCustomers,
    /// The household ledger at the office.
    OfficeCustomers,
    /// A household on the phone.
    PhoneCustomer,
    /// A household at the office.
    OfficeCustomer,
    /// 我的.
    Me,
    /// The butler's complaints.
    PhoneComplaints,
    /// A complaint taken on the phone.
    PhoneNewComplaint,
    /// A complaint taken at the office.
    OfficeNewComplaint,
    /// A complaint on the phone.
    PhoneComplaint,
    /// A complaint at the office.
    OfficeComplaint,
    /// The households owing, on the phone.
    CollectionList,
    /// Finance staff's page.
    FinancePage,
    /// A household's case file on the phone.
    PhoneCaseFile,
    /// A household's case file at the office.
    OfficeCaseFile,
    /// The butler's notice boards.
    NoticeBoards,
    /// The butler's documents.
    PhoneDocuments,
    /// A document's households on the phone.
    PhoneDocument,
    /// A document's households at the office.
    OfficeDocument,
    /// The butler's activities.
    PhoneActivities,
    /// An activity on the phone.
    PhoneActivity,
    /// An activity at the office.
    OfficeActivity,
}

/// Draws one of the phone's screens (but its home) or a page both layouts share: their code
/// is one chunk of its own.
fn phone_screen(page: PhoneScreen) -> AnyView {
    match page {
        PhoneScreen::PatrolHome => crate::patrol::PatrolHome().into_any(),
        PhoneScreen::RunScreen => crate::patrol::RunScreen().into_any(),
        PhoneScreen::VacantList => crate::vacant::VacantList().into_any(),
        PhoneScreen::PhoneUnit => view! { <crate::vacant::UnitScreen base="/m"/> }.into_any(),
        PhoneScreen::OfficeUnit => view! { <crate::vacant::UnitScreen base="/office"/> }.into_any(),
        PhoneScreen::PhoneFollowUps => crate::follow_ups::PhoneList().into_any(),
        PhoneScreen::PhoneNewFollowUp => {
            view! { <crate::follow_ups::NewFollowUp base="/m/follow-ups"/> }.into_any()
        }
        PhoneScreen::OfficeNewFollowUp => {
            view! { <crate::follow_ups::NewFollowUp base="/office/follow-ups"/> }.into_any()
        }
        PhoneScreen::FollowUpDetail => crate::follow_ups::FollowUpDetail().into_any(),
        PhoneScreen::PhoneAttention => {
            view! { <crate::follow_ups::AttentionList base="/m/follow-ups"/> }.into_any()
        }
        PhoneScreen::OfficeAttention => {
            view! { <crate::follow_ups::AttentionList base="/office/follow-ups"/> }.into_any()
        }
        PhoneScreen::PhoneCustomers => {
            view! { <crate::customers::CustomerList base="/m"/> }.into_any()
        }
        PhoneScreen::OfficeCustomers => {
            view! { <crate::customers::CustomerList base="/office"/> }.into_any()
        }
        PhoneScreen::PhoneCustomer => {
            view! { <crate::customers::CustomerDetail base="/m"/> }.into_any()
        }
        PhoneScreen::OfficeCustomer => {
            view! { <crate::customers::CustomerDetail base="/office"/> }.into_any()
        }
        PhoneScreen::Me => crate::phone::MeScreen().into_any(),
        PhoneScreen::PhoneComplaints => {
            view! { <crate::complaints::ComplaintList base="/m"/> }.into_any()
        }
        PhoneScreen::PhoneNewComplaint => {
            view! { <crate::complaints::NewComplaint base="/m"/> }.into_any()
        }
        PhoneScreen::OfficeNewComplaint => {
            view! { <crate::complaints::NewComplaint base="/office"/> }.into_any()
        }
        PhoneScreen::PhoneComplaint => {
            view! { <crate::complaints::ComplaintDetail base="/m"/> }.into_any()
        }
        PhoneScreen::OfficeComplaint => {
            view! { <crate::complaints::ComplaintDetail base="/office"/> }.into_any()
        }
        PhoneScreen::CollectionList => crate::fees::CollectionList().into_any(),
        PhoneScreen::FinancePage => crate::fees::FinancePage().into_any(),
        PhoneScreen::PhoneCaseFile => view! { <crate::fees::CaseFile base="/m"/> }.into_any(),
        PhoneScreen::OfficeCaseFile => view! { <crate::fees::CaseFile base="/office"/> }.into_any(),
        PhoneScreen::NoticeBoards => crate::places::NoticeBoards().into_any(),
        PhoneScreen::PhoneDocuments => crate::documents::PhoneDocuments().into_any(),
        PhoneScreen::PhoneDocument => {
            view! { <crate::documents::DocumentScreen base="/m"/> }.into_any()
        }
        PhoneScreen::OfficeDocument => {
            view! { <crate::documents::DocumentScreen base="/office"/> }.into_any()
        }
        PhoneScreen::PhoneActivities => crate::activities::PhoneActivities().into_any(),
        PhoneScreen::PhoneActivity => {
            view! { <crate::activities::ActivityScreen base="/m"/> }.into_any()
        }
        PhoneScreen::OfficeActivity => {
            view! { <crate::activities::ActivityScreen base="/office"/> }.into_any()
        }
    }
}

lazy_page!(
    /// Today's rounds.
    PatrolHome => phone_screen(PhoneScreen::PatrolHome)
);
lazy_page!(
    /// A round or inspection on the phone.
    RunScreen => phone_screen(PhoneScreen::RunScreen)
);
lazy_page!(
    /// The vacant units.
    VacantList => phone_screen(PhoneScreen::VacantList)
);
lazy_page!(
    /// A unit on the phone.
    PhoneUnit => phone_screen(PhoneScreen::PhoneUnit)
);
lazy_page!(
    /// A unit for the office.
    OfficeUnit => phone_screen(PhoneScreen::OfficeUnit)
);
lazy_page!(
    /// The phone's follow-ups.
    PhoneFollowUps => phone_screen(PhoneScreen::PhoneFollowUps)
);
lazy_page!(
    /// A new follow-up on the phone.
    PhoneNewFollowUp => phone_screen(PhoneScreen::PhoneNewFollowUp)
);
lazy_page!(
    /// A new follow-up at the office.
    OfficeNewFollowUp => phone_screen(PhoneScreen::OfficeNewFollowUp)
);
lazy_page!(
    /// A follow-up.
    FollowUpDetail => phone_screen(PhoneScreen::FollowUpDetail)
);
lazy_page!(
    /// What needs attention, on the phone.
    PhoneAttention => phone_screen(PhoneScreen::PhoneAttention)
);
lazy_page!(
    /// What needs attention, at the office.
    OfficeAttention => phone_screen(PhoneScreen::OfficeAttention)
);
lazy_page!(
    /// The household ledger on the phone.
    PhoneCustomers => phone_screen(PhoneScreen::PhoneCustomers)
);
lazy_page!(
    /// The household ledger at the office.
    OfficeCustomers => phone_screen(PhoneScreen::OfficeCustomers)
);
lazy_page!(
    /// A household on the phone.
    PhoneCustomer => phone_screen(PhoneScreen::PhoneCustomer)
);
lazy_page!(
    /// A household at the office.
    OfficeCustomer => phone_screen(PhoneScreen::OfficeCustomer)
);
lazy_page!(
    /// 我的.
    Me => phone_screen(PhoneScreen::Me)
);
lazy_page!(
    /// The butler's complaints.
    PhoneComplaints => phone_screen(PhoneScreen::PhoneComplaints)
);
lazy_page!(
    /// A complaint taken on the phone.
    PhoneNewComplaint => phone_screen(PhoneScreen::PhoneNewComplaint)
);
lazy_page!(
    /// A complaint taken at the office.
    OfficeNewComplaint => phone_screen(PhoneScreen::OfficeNewComplaint)
);
lazy_page!(
    /// A complaint on the phone.
    PhoneComplaint => phone_screen(PhoneScreen::PhoneComplaint)
);
lazy_page!(
    /// A complaint at the office.
    OfficeComplaint => phone_screen(PhoneScreen::OfficeComplaint)
);
lazy_page!(
    /// The households owing, on the phone.
    CollectionList => phone_screen(PhoneScreen::CollectionList)
);
lazy_page!(
    /// Finance staff's page.
    FinancePage => phone_screen(PhoneScreen::FinancePage)
);
lazy_page!(
    /// A household's case file on the phone.
    PhoneCaseFile => phone_screen(PhoneScreen::PhoneCaseFile)
);
lazy_page!(
    /// A household's case file at the office.
    OfficeCaseFile => phone_screen(PhoneScreen::OfficeCaseFile)
);
lazy_page!(
    /// The butler's notice boards.
    NoticeBoards => phone_screen(PhoneScreen::NoticeBoards)
);
lazy_page!(
    /// The butler's documents.
    PhoneDocuments => phone_screen(PhoneScreen::PhoneDocuments)
);
lazy_page!(
    /// A document's households on the phone.
    PhoneDocument => phone_screen(PhoneScreen::PhoneDocument)
);
lazy_page!(
    /// A document's households at the office.
    OfficeDocument => phone_screen(PhoneScreen::OfficeDocument)
);
lazy_page!(
    /// 文件发放登记.
    DocumentRegister => office_page(OfficePage::DocumentRegister)
);
lazy_page!(
    /// The butler's activities.
    PhoneActivities => phone_screen(PhoneScreen::PhoneActivities)
);
lazy_page!(
    /// An activity on the phone.
    PhoneActivity => phone_screen(PhoneScreen::PhoneActivity)
);
lazy_page!(
    /// An activity at the office.
    OfficeActivity => phone_screen(PhoneScreen::OfficeActivity)
);
lazy_page!(
    /// 社区活动登记.
    ActivityRegister => office_page(OfficePage::ActivityRegister)
);
