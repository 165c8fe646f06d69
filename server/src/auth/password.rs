//! Argon2id password hashes in PHC string form.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
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
