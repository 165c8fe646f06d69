//! Argon2id password hashes in PHC string form.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::LazyLock;

/// Hashes a password with Argon2id and a random salt.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        // Argon2 with default parameters only fails for absurd inputs; the caller caps lengths.
        .unwrap_or_default()
}

/// A hash of nothing, checked when the user does not exist, so that a wrong username takes as
/// long as a wrong password.
static DUMMY: LazyLock<String> = LazyLock::new(|| hash_password("butler-no-such-user"));

/// The most memory a stored hash may ask for (the default is 19 MiB): a hash with more is not
/// checked, whatever wrote it.
const MAX_HASH_KIB: u32 = 64 * 1024;

/// Like [`verify_password`], but in `memory` (Argon2's work area, grown to what the hash needs
/// and kept by the caller for the next check): sign-ins reuse a few areas instead of each
/// allocating 19 MiB, which the allocator then keeps per thread (100 sign-ins at once held
/// about 600 MB that way).
pub fn verify_password_in(password: &str, stored: Option<&str>, memory: &mut Vec<Block>) -> bool {
    let candidate = stored.unwrap_or(DUMMY.as_str());
    let mut check = || -> Option<bool> {
        let parsed = PasswordHash::new(candidate).ok()?;
        let params = Params::try_from(&parsed).ok()?;
        if params.m_cost() > MAX_HASH_KIB {
            return None;
        }
        let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
        let version = match parsed.version {
            Some(v) => Version::try_from(v).ok()?,
            None => Version::default(),
        };
        let expected = parsed.hash?;
        let mut salt = [0u8; 64];
        let salt = parsed.salt?.decode_b64(&mut salt).ok()?;
        let blocks = params.block_count();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        let mut out = vec![0u8; expected.len()];
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt,
                &mut out,
                &mut memory[..blocks],
            )
            .ok()?;
        // Compared in constant time.
        let diff = out
            .iter()
            .zip(expected.as_bytes())
            .fold(0u8, |d, (a, b)| d | (a ^ b));
        Some(diff == 0)
    };
    check().unwrap_or(false) && stored.is_some()
}

/// Whether `password` matches `stored` (a PHC string); `None` checks against a dummy and fails.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let candidate = stored.unwrap_or(DUMMY.as_str());
    let ok = PasswordHash::new(candidate)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    ok && stored.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_in_reused_memory_agrees_with_the_plain_one() {
        let stored = hash_password("correct horse");
        let mut memory = Vec::new();
        assert!(verify_password_in(
            "correct horse",
            Some(&stored),
            &mut memory
        ));
        assert!(!memory.is_empty());
        let kept = memory.capacity();
        assert!(!verify_password_in(
            "wrong horse",
            Some(&stored),
            &mut memory
        ));
        assert!(!verify_password_in("correct horse", None, &mut memory));
        assert!(!verify_password_in("x", Some("not a hash"), &mut memory));
        assert_eq!(memory.capacity(), kept, "the area is reused, not grown");
        assert!(verify_password("correct horse", Some(&stored)));
    }

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("demo1234");
        let b = hash_password("demo1234");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(verify_password("demo1234", Some(&a)));
        assert!(!verify_password("demo12345", Some(&a)));
        assert!(!verify_password("demo1234", None));
        assert!(!verify_password("demo1234", Some("not a hash")));
    }
}
