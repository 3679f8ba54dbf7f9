//! RFC 6238 time-based one-time codes (HMAC-SHA1, 30 s steps, 6 digits), so the stand-in
//! server's TOTP users work with a real authenticator app too.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

pub fn code_at(secret: &[u8], unix_seconds: u64) -> String {
    let counter = unix_seconds / 30;
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let value =
        u32::from_be_bytes([hash[offset], hash[offset + 1], hash[offset + 2], hash[offset + 3]])
            & 0x7fff_ffff;
    format!("{:06}", value % 1_000_000)
}

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The current code.
pub fn current(secret: &[u8]) -> String {
    code_at(secret, now())
}

/// Accept the code of this step or one step either side (Rocket.Chat's `MaxDelta` 1).
pub fn verify(secret: &[u8], code: &str) -> bool {
    let now = now();
    [now.saturating_sub(30), now, now + 30].iter().any(|&t| code_at(secret, t) == code)
}

/// Base32 (RFC 4648, no padding) for the `otpauth://` URI the demo prints.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            out.push(char::from(ALPHABET[((buffer >> (bits - 5)) & 31) as usize]));
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_vector() {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) → last 6 digits.
        assert_eq!(code_at(b"12345678901234567890", 59), "287082");
    }
}
