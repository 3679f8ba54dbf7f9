//! The TOML text `export` prints: a file meant to be reviewed and committed, so text from the
//! server must neither start a line of its own nor hide or reorder what a reader sees (Trojan
//! Source). Every string is a single-line basic string, with line breaks, other controls, DEL,
//! C1 and the bidi and zero-width format characters written as escapes (`"a\nb"`,
//! `"\u202E"`); both read back to the same text. The toml crate's writer picks multi-line and
//! literal strings and writes format characters raw, so this small writer does it, walking the
//! file as serde sees it (in its field order).

use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::text::must_escape;

/// TOML text of a serialized document (an object). Plain keys come first, then sub-tables as
/// `[a.b]` and arrays of tables as `[[a]]`, as TOML requires.
pub fn document(root: &Map<String, Value>) -> String {
    let mut out = String::new();
    table(&mut out, &mut Vec::new(), root);
    out
}

fn table(out: &mut String, path: &mut Vec<String>, members: &Map<String, Value>) {
    for (name, value) in members {
        if !is_table(value) && !is_array_of_tables(value) && !value.is_null() {
            let _ = writeln!(out, "{} = {}", key(name), inline(value));
        }
    }
    for (name, value) in members {
        path.push(key(name));
        match value {
            Value::Object(sub) => {
                let _ = writeln!(out, "\n[{}]", path.join("."));
                table(out, path, sub);
            }
            Value::Array(items) if is_array_of_tables(value) => {
                for item in items.iter().filter_map(Value::as_object) {
                    let _ = writeln!(out, "\n[[{}]]", path.join("."));
                    table(out, path, item);
                }
            }
            _ => {}
        }
        path.pop();
    }
}

fn is_table(value: &Value) -> bool {
    value.is_object()
}

fn is_array_of_tables(value: &Value) -> bool {
    value.as_array().is_some_and(|items| !items.is_empty() && items.iter().all(Value::is_object))
}

/// A value on one line: a string, number, boolean, array or inline table.
fn inline(value: &Value) -> String {
    match value {
        Value::String(text) => basic_string(text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(members) => {
            let pairs: Vec<String> = members
                .iter()
                .map(|(name, value)| format!("{} = {}", key(name), inline(value)))
                .collect();
            if pairs.is_empty() { "{}".to_owned() } else { format!("{{ {} }}", pairs.join(", ")) }
        }
        // Numbers and booleans read the same in TOML; `null` is never serialized (it is skipped).
        other => other.to_string(),
    }
}

/// A bare key when it is one (`A-Za-z0-9_-`), else a basic string.
fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-'));
    if bare { name.to_owned() } else { basic_string(name) }
}

/// `"…"` with `"` and `\` escaped, the short escapes TOML has, and `\uXXXX` for every other
/// character the terminal output escapes too: controls (C0, DEL, C1) and the format characters
/// that reorder or hide text.
pub fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if must_escape(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_hidden_or_line_breaking_character_is_escaped_and_reads_back() {
        let tricky = "a\u{1b}]0;x\u{7}\r\nhint: run\u{202e}evil\u{200b}\u{85}\u{7f}\t\"q\" \\ 'é'";
        let text = basic_string(tricky);
        assert_eq!(
            text,
            "\"a\\u001B]0;x\\u0007\\r\\nhint: run\\u202Eevil\\u200B\\u0085\\u007F\\t\\\"q\\\" \\\\ 'é'\""
        );
        assert!(text.chars().all(|c| !must_escape(c)), "{text}");
        let back: toml::Table = toml::from_str(&format!("k = {text}")).unwrap();
        assert_eq!(back["k"].as_str(), Some(tricky));
    }

    #[test]
    fn tables_follow_the_keys_and_arrays_of_tables_repeat() {
        let file = json!({
            "version": 1,
            "profile": {"name": "A\nB", "custom_fields": {"team": "x", "odd key": "y"}, "roles": ["a", "b"]},
            "users": [{"username": "u", "active": true}, {"username": "v"}],
        });
        let text = document(file.as_object().unwrap());
        assert_eq!(
            text,
            "version = 1\n\n[profile]\nname = \"A\\nB\"\nroles = [\"a\", \"b\"]\n\n\
             [profile.custom_fields]\nteam = \"x\"\n\"odd key\" = \"y\"\n\n\
             [[users]]\nusername = \"u\"\nactive = true\n\n[[users]]\nusername = \"v\"\n"
        );
        let back: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(back["profile"]["custom_fields"]["odd key"].as_str(), Some("y"));
        assert_eq!(back["users"].as_array().map(Vec::len), Some(2));
    }
}
