//! Id newtypes over UUID v7. A record's id is made by the client that creates it, so that a
//! record made offline keeps its id forever.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id (UUID v7).
            pub fn new_v7() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

uuid_id!(
    /// A staff user.
    UserId
);
uuid_id!(
    /// A cluster (组团) of buildings.
    ClusterId
);
uuid_id!(
    /// One browser on one phone or computer; made by the browser on first use and kept in its
    /// local storage. Sessions and (later) sync sequences belong to a device.
    DeviceId
);

uuid_id!(
    /// A checklist template (the same id across its versions).
    TemplateId
);
uuid_id!(
    /// One checklist run: a patrol round, a briefing, an inspection.
    RunId
);

uuid_id!(
    /// A unit (房屋): building + entrance + room.
    UnitId
);

uuid_id!(
    /// A follow-up (UUID v7, made by the device that creates it).
    FollowUpId
);
uuid_id!(
    /// A contact of the fee collection (a statement delivered, a call, a visit, a letter).
    ContactId
);
uuid_id!(
    /// A household (户): the people of a unit, owner or tenant.
    HouseholdId
);
uuid_id!(
    /// A complaint (UUID v7, made by the device that takes it).
    ComplaintId
);
uuid_id!(
    /// A visit to a customer.
    VisitId
);
uuid_id!(
    /// A place on the estate: a notice board, a facility, a checkpoint.
    PlaceId
);
uuid_id!(
    /// A notice posted on notice boards.
    NoticeId
);
uuid_id!(
    /// A document issued to households (对客文件).
    DocumentId
);
uuid_id!(
    /// One household's delivery of a document.
    DeliveryId
);
uuid_id!(
    /// A community activity (社区文化活动).
    ActivityId
);
uuid_id!(
    /// A household's sign-up for an activity.
    SignUpId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_v7_and_round_trip_as_plain_strings() {
        let id = UserId::new_v7();
        assert_eq!(id.0.get_version_num(), 7);
        let json = serde_json::to_string(&id).expect("serialises");
        assert_eq!(json, format!("\"{id}\""));
        let back: UserId = json.trim_matches('"').parse().expect("parses");
        assert_eq!(back, id);
    }
}
