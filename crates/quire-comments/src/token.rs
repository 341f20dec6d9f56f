//! Keyed signatures: the form's time-stamped token, and the hashed sender address
//! the rate limits count by (so no reader's address is ever stored).

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The secret everything is signed with.
#[derive(Clone)]
pub struct Key(Vec<u8>);

/// Why a token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Missing,
    Forged,
    TooFast,
    Expired,
}

impl Key {
    pub fn new(secret: &[u8]) -> Key {
        Key(secret.to_vec())
    }

    /// A key of 32 random bytes, for a single instance that was given none.
    pub fn random() -> Result<Key, String> {
        let mut bytes = vec![0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| format!("no randomness for a secret: {e}"))?;
        Ok(Key(bytes))
    }

    fn mac(&self, parts: &[&[u8]]) -> HmacSha256 {
        // HMAC takes a key of any length.
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in parts {
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part);
        }
        mac
    }

    /// A token for a form on `post`, issued at `now` (unix seconds):
    /// `<issued>.<signature>`.
    pub fn token(&self, post: &str, now: u64) -> String {
        let issued = now.to_string();
        let sig = self
            .mac(&[b"token", post.as_bytes(), issued.as_bytes()])
            .finalize()
            .into_bytes();
        format!("{issued}.{}", hex(&sig[..16]))
    }

    /// Whether `token` was issued by this key for `post` between `max_age` and
    /// `min_age` seconds before `now`.
    pub fn check(
        &self,
        token: &str,
        post: &str,
        now: u64,
        min_age: u64,
        max_age: u64,
    ) -> Result<(), TokenProblem> {
        if token.trim().is_empty() {
            return Err(TokenProblem::Missing);
        }
        let (issued, sig) = token.split_once('.').ok_or(TokenProblem::Forged)?;
        let sig = unhex(sig).ok_or(TokenProblem::Forged)?;
        self.mac(&[b"token", post.as_bytes(), issued.as_bytes()])
            .verify_truncated_left(&sig)
            .map_err(|_| TokenProblem::Forged)?;
        let issued: u64 = issued.parse().map_err(|_| TokenProblem::Forged)?;
        if issued > now + 5 {
            // Signed by us for the future: only a clock change does that.
            return Err(TokenProblem::Expired);
        }
        let age = now.saturating_sub(issued);
        if age < min_age {
            Err(TokenProblem::TooFast)
        } else if age > max_age {
            Err(TokenProblem::Expired)
        } else {
            Ok(())
        }
    }

    /// What the rate limits know of an address: a keyed hash, not the address.
    pub fn sender(&self, address: &str) -> String {
        let sig = self
            .mac(&[b"sender", address.as_bytes()])
            .finalize()
            .into_bytes();
        hex(&sig[..12])
    }
}

/// Bytes as lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() != 32 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_good_for_its_post_after_a_person_could_have_written() {
        let key = Key::new(b"k");
        let token = key.token("a-post", 1000);
        assert_eq!(key.check(&token, "a-post", 1003, 3, 60), Ok(()));
        assert_eq!(
            key.check(&token, "a-post", 1001, 3, 60),
            Err(TokenProblem::TooFast)
        );
        assert_eq!(
            key.check(&token, "a-post", 1061, 3, 60),
            Err(TokenProblem::Expired)
        );
        assert_eq!(
            key.check(&token, "other", 1003, 3, 60),
            Err(TokenProblem::Forged)
        );
        assert_eq!(
            Key::new(b"other key").check(&token, "a-post", 1003, 3, 60),
            Err(TokenProblem::Forged)
        );
        // A token moved back in time keeps its old signature, so it is forged.
        let backdated = format!("900.{}", token.split_once('.').map(|t| t.1).unwrap_or(""));
        assert_eq!(
            key.check(&backdated, "a-post", 1003, 3, 60),
            Err(TokenProblem::Forged)
        );
        assert_eq!(
            key.check("", "a-post", 1003, 3, 60),
            Err(TokenProblem::Missing)
        );
        assert_eq!(
            key.check("1000.zz", "a-post", 1003, 3, 60),
            Err(TokenProblem::Forged)
        );
    }

    #[test]
    fn senders_are_hashed_consistently() {
        let key = Key::new(b"k");
        assert_eq!(key.sender("127.0.0.1"), key.sender("127.0.0.1"));
        assert_ne!(key.sender("127.0.0.1"), key.sender("127.0.0.2"));
        assert!(!key.sender("127.0.0.1").contains("127"));
    }
}
