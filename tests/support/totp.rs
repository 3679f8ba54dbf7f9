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

/// The bytes of a base32 secret as an authenticator app reads it (RFC 4648; padding, spaces
/// and case ignored); None when it holds another character.
pub fn decode_base32(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for ch in text.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let value = ALPHABET.iter().position(|a| char::from(*a) == ch.to_ascii_uppercase())?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The current code of a base32 secret (what `speakeasy.totp({secret, encoding: 'base32'})`
/// gives).
pub fn current_base32(secret: &str) -> String {
    current(&decode_base32(secret).expect("a base32 secret"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_vector() {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) → last 6 digits.
        assert_eq!(code_at(b"12345678901234567890", 59), "287082");
    }

    #[test]
    fn base32_round_trips() {
        for bytes in [&b""[..], b"f", b"fo", b"foobar", b"rocketctl-demo-totp-secret"] {
            assert_eq!(decode_base32(&base32(bytes)).as_deref(), Some(bytes));
        }
        assert_eq!(decode_base32("MZXW6YTBOI======").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(decode_base32("not base32!"), None);
    }
}
