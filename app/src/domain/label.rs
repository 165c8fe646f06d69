//! The QR labels of places (issue 18): proof that a label is the estate's own. Each label
//! carries the place's id and an Ed25519 signature by the estate's key (kept in the server's
//! database); the phone holds the estate's public keys (in the directory) and checks a scanned
//! code offline, so a code made up by hand is refused. A signed code proves the label is
//! genuine, not that the phone was there (a photo of a label scans too): the walking-speed
//! check ([`super::place::implausible_walk`]) is the second line. Rotating the key reprints the
//! labels; codes of a retired key are refused with that reason. The short code printed under
//! the QR can always be typed; it names the place but proves nothing, and is marked 手输.

use super::place::PlaceId;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The first field of every label's code (the format's version).
pub const LABEL_PREFIX: &str = "BTL1";

/// One of the estate's public keys, as the phone holds it. Wire type (in the directory).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LabelKey {
    /// Its number (a label names the key that signed it).
    pub id: u32,
    /// The Ed25519 public key, 64 hexadecimal digits.
    pub public: String,
    /// The key labels are signed with now; the others are retired.
    pub current: bool,
}

/// A place's label on the office's sheet. Wire type (`GET /api/v1/places/labels`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlaceLabel {
    /// The place.
    pub place: PlaceId,
    /// Its cluster.
    pub cluster_id: super::ClusterId,
    /// What it is.
    pub kind: super::place::PlaceKind,
    /// Its name, printed under the code.
    pub name: String,
    /// The short code printed under the name, typed when the camera cannot read the label.
    pub short_code: String,
    /// The signed code the QR carries.
    pub code: String,
    /// The QR code as an SVG image (drawn by the server).
    pub svg: String,
}

/// Why a scanned code is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelProblem {
    /// Not a label of this app.
    Malformed,
    /// Signed by a key this estate never had, or not signed by it: made up or another estate's.
    Forged,
    /// Signed by a key since retired: the label was reprinted.
    Retired,
}

/// What the key signs for a place.
pub fn message(key: u32, place: PlaceId) -> Vec<u8> {
    let mut m = b"butler-place-label\0".to_vec();
    m.extend_from_slice(&key.to_be_bytes());
    m.extend_from_slice(place.0.as_bytes());
    m
}

/// A label's code: prefix, key number, the place's id and the signature, in characters a QR
/// code holds compactly (digits, capitals, dots).
pub fn label_code(key: u32, place: PlaceId, signature: &[u8; 64]) -> String {
    format!(
        "{LABEL_PREFIX}.{key}.{}.{}",
        hex_upper(place.0.as_bytes()),
        hex_upper(signature)
    )
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != 2 * N || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// Checks a scanned code against the estate's keys: the place it names, or why not.
pub fn verify_label(code: &str, keys: &[LabelKey]) -> Result<PlaceId, LabelProblem> {
    // Bounded before anything else: a label's code is 168 characters.
    if code.len() > 200 {
        return Err(LabelProblem::Malformed);
    }
    let mut parts = code.trim().split('.');
    let (Some(LABEL_PREFIX), Some(key), Some(place), Some(sig), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(LabelProblem::Malformed);
    };
    let key: u32 = key.parse().map_err(|_| LabelProblem::Malformed)?;
    let place = unhex::<16>(place)
        .map(|b| PlaceId(uuid::Uuid::from_bytes(b)))
        .ok_or(LabelProblem::Malformed)?;
    let sig = unhex::<64>(sig).ok_or(LabelProblem::Malformed)?;
    let Some(k) = keys.iter().find(|k| k.id == key) else {
        return Err(LabelProblem::Forged);
    };
    let public = unhex::<32>(&k.public)
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
        .ok_or(LabelProblem::Forged)?;
    public
        .verify(&message(key, place), &Signature::from_bytes(&sig))
        .map_err(|_| LabelProblem::Forged)?;
    if k.current {
        Ok(place)
    } else {
        Err(LabelProblem::Retired)
    }
}

/// The short code printed under a place's QR code ("K7Q-2MD"): six characters from the
/// place's id, typed when the camera cannot read the label. It names the place, proves nothing.
pub fn short_code(place: PlaceId) -> String {
    // Crockford's alphabet: no I, L, O, U to misread.
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let digest = Sha256::digest(place.0.as_bytes());
    let mut bits = u64::from_be_bytes(digest[..8].try_into().unwrap_or([0; 8]));
    let mut out = String::with_capacity(7);
    for i in 0..6 {
        if i == 3 {
            out.push('-');
        }
        out.push(ALPHABET[(bits & 31) as usize] as char);
        bits >>= 5;
    }
    out
}

/// The place whose short code this is, among `places` (typing is forgiving: case, spaces and
/// the dash do not matter).
pub fn place_of_short_code(code: &str, places: &[PlaceId]) -> Option<PlaceId> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect::<String>()
    };
    let typed = norm(code);
    if typed.len() != 6 {
        return None;
    }
    places
        .iter()
        .copied()
        .find(|p| norm(&short_code(*p)) == typed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn public(k: &SigningKey, id: u32, current: bool) -> LabelKey {
        LabelKey {
            id,
            public: hex_upper(k.verifying_key().as_bytes()),
            current,
        }
    }

    fn sign(k: &SigningKey, id: u32, place: PlaceId) -> String {
        label_code(id, place, &k.sign(&message(id, place)).to_bytes())
    }

    #[test]
    fn a_label_signed_by_the_estate_names_its_place() {
        let ours = key(7);
        let place = PlaceId::new_v7();
        let code = sign(&ours, 1, place);
        assert!(code.len() <= 200 && code.starts_with("BTL1.1."));
        assert_eq!(verify_label(&code, &[public(&ours, 1, true)]), Ok(place));
    }

    #[test]
    fn a_forged_label_or_another_estates_is_refused() {
        let ours = key(7);
        let keys = [public(&ours, 1, true)];
        let place = PlaceId::new_v7();
        // Another place's id with this place's signature.
        let good = sign(&ours, 1, place);
        let other = PlaceId::new_v7();
        let swapped = good.replace(
            &hex_upper(place.0.as_bytes()),
            &hex_upper(other.0.as_bytes()),
        );
        assert_eq!(verify_label(&swapped, &keys), Err(LabelProblem::Forged));
        // A signature made up by hand.
        let made_up = label_code(1, place, &[0x42; 64]);
        assert_eq!(verify_label(&made_up, &keys), Err(LabelProblem::Forged));
        // Another estate's key, numbered alike.
        let theirs = sign(&key(9), 1, place);
        assert_eq!(verify_label(&theirs, &keys), Err(LabelProblem::Forged));
        // A key number this estate never had.
        assert_eq!(
            verify_label(&sign(&ours, 5, place), &keys),
            Err(LabelProblem::Forged)
        );
        // Not a label at all.
        for junk in [
            "",
            "https://example.com",
            "BTL1.1.XYZ.00",
            &"A".repeat(5000),
        ] {
            assert_eq!(
                verify_label(junk, &keys),
                Err(LabelProblem::Malformed),
                "{junk}"
            );
        }
    }

    #[test]
    fn a_label_of_a_retired_key_is_refused_as_such() {
        let (old, new) = (key(7), key(8));
        let keys = [public(&old, 1, false), public(&new, 2, true)];
        let place = PlaceId::new_v7();
        assert_eq!(
            verify_label(&sign(&old, 1, place), &keys),
            Err(LabelProblem::Retired)
        );
        assert_eq!(verify_label(&sign(&new, 2, place), &keys), Ok(place));
    }

    #[test]
    fn a_short_code_is_typed_forgivingly() {
        let places: Vec<PlaceId> = (0..50).map(|_| PlaceId::new_v7()).collect();
        let code = short_code(places[17]);
        assert_eq!(code.len(), 7);
        assert_eq!(place_of_short_code(&code, &places), Some(places[17]));
        let sloppy = format!(" {} ", code.replace('-', "").to_lowercase());
        assert_eq!(place_of_short_code(&sloppy, &places), Some(places[17]));
        assert_eq!(place_of_short_code("123", &places), None);
    }
}
