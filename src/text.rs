//! Pure text functions every printing layer shares: how server text is made safe to show
//! ([`escape`]), the same for JSON ([`escape_json_text`]), and the lowercase hex SHA-256 the
//! password digest and the avatar comparison use. A leaf: it imports nothing of the crate.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// Escape control and format characters so text from a server cannot move the cursor, clear
/// the screen, rewrite the clipboard (OSC 52), hide a line with `\r`, reorder what is shown
/// (bidi overrides, "Trojan Source") or hide characters (zero-width). A line break is shown as
/// `\n`, so server text cannot start a line of its own that looks like `hint: ...`. Tabs stay.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\t' => escaped.push(ch),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c if must_escape(c) => {
                let _ = write!(escaped, "\\u{{{:04x}}}", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// C0, DEL, C1, and the Unicode format characters that reorder or hide text: bidi embeddings,
/// overrides, isolates and marks, zero-width spaces and joiners, word joiner, BOM.
pub fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// serde_json escapes only C0, quote and backslash; the other characters [`escape`] shows are
/// written as `\uXXXX` here. They only occur inside strings, so the result is the same JSON.
pub fn escape_json_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if must_escape(ch) && !ch.is_ascii_control() || ch == '\u{7f}' {
            let _ = write!(escaped, "\\u{:04x}", u32::from(ch));
        } else {
            escaped.push(ch);
        }
    }
    escaped
}

/// Lowercase hex SHA-256 of the exact bytes: the password digest Rocket.Chat expects and the
/// avatar digest a plan compares.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(64);
    for byte in Sha256::digest(bytes) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        let hostile = "ok\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\rfake\u{9b}";
        let shown = escape(hostile);
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\r'));
        assert!(!shown.contains('\u{9b}'));
        assert_eq!(shown, "ok\\u{001b}]52;c;ZXZpbA==\\u{0007}\\u{001b}[2J\\rfake\\u{009b}");
        assert_eq!(escape("tab\there\nnext"), "tab\there\\nnext");
        assert_eq!(escape("a\u{202e}b\u{200b}c\u{7f}"), "a\\u{202e}b\\u{200b}c\\u{007f}");
    }

    #[test]
    fn json_text_escapes_what_serde_json_leaves_raw() {
        let text = serde_json::to_string(&"J\u{9b}2J\u{7f}\u{202e}x\u{1b}").unwrap();
        let shown = escape_json_text(&text);
        assert_eq!(shown, "\"J\\u009b2J\\u007f\\u202ex\\u001b\"");
        let back: String = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, "J\u{9b}2J\u{7f}\u{202e}x\u{1b}");
    }

    #[test]
    fn json_text_escapes_what_the_serializer_leaves() {
        let value = serde_json::json!({"name": "a\u{7f}b\u{9b}c\u{202e}d\u{200b}e\u{1b}f\nx"});
        let text = escape_json_text(&serde_json::to_string_pretty(&value).unwrap());
        assert!(!text.contains(['\u{7f}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{1b}']), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "the escapes mean the same characters");
    }

    #[test]
    fn sha256_hex_matches_known_vectors() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha256_hex(b"").len(), 64);
    }
}
