//! One registry of every secret value this process knows (passwords, digests, tokens, codes,
//! proxy credentials), and the scrubbing `output.rs` applies to everything it prints.
//!
//! Redacting by key name is not enough: a server or proxy may echo a request back in a 400
//! body, an HTML page, a header dump or a JSON string holding JSON (docs/security.md, F2). So
//! every [`crate::secret::Secret`] registers its value when it is made, and no printed text may
//! contain a registered value in any of the spellings an echo can give it.

use std::borrow::Cow;
use std::sync::{Mutex, MutexGuard, PoisonError};

use base64::Engine as _;
use zeroize::Zeroizing;

/// What a scrubbed value reads as (the same marker as the `-v` trace's key redaction).
pub const SCRUBBED: &str = "[REDACTED]";

/// Shorter values are not scrubbed: replacing every "ab" in the output would garble it and
/// hide nothing an attacker could not guess.
const MIN_CHARS: usize = 4;

/// Every spelling of every secret value this process knows, longest first. A `static` is never
/// dropped, so `main` zeroes it on its way out ([`ZeroOnDrop`]), and the signal watcher before
/// it ends the process ([`Registry::forget_all_if_free`]). An abort (a panic in a release
/// build) or SIGKILL leaves it to the kernel, and core dumps are off
/// (`secret::protect_process`).
pub static KNOWN: Registry = Registry::new();

/// Secret values in every spelling; [`KNOWN`] is the process's.
pub struct Registry(Mutex<Vec<Zeroizing<String>>>);

impl Registry {
    const fn new() -> Self {
        Self(Mutex::new(Vec::new()))
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Zeroizing<String>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn register(&self, value: &str) {
        // The marker itself is what scrubbing writes: a dry run's placeholder is no secret.
        if value.chars().count() < MIN_CHARS || value == SCRUBBED {
            return;
        }
        let mut known = self.lock();
        for spelling in spellings(value) {
            if !known.iter().any(|seen| **seen == spelling) {
                known.push(Zeroizing::new(spelling));
            }
        }
        // Longest first, so a value is replaced whole before a shorter one inside it.
        known.sort_by_key(|spelling| std::cmp::Reverse(spelling.len()));
    }

    fn scrub_except<'a>(&self, text: &'a str, shown: &[&str]) -> Cow<'a, str> {
        let kept: Vec<Zeroizing<String>> =
            shown.iter().flat_map(|value| spellings(value)).map(Zeroizing::new).collect();
        let known = self.lock();
        let mut text = Cow::Borrowed(text);
        for spelling in known.iter().filter(|spelling| !kept.contains(spelling)) {
            if text.contains(spelling.as_str()) {
                text = Cow::Owned(text.replace(spelling.as_str(), SCRUBBED));
            }
        }
        text
    }

    /// Zero every spelling (each `Zeroizing` zeroes its bytes as it is dropped).
    fn forget_all(known: &mut Vec<Zeroizing<String>>) {
        known.clear();
        known.shrink_to_fit();
    }

    /// Zero the registry unless another thread holds it: the signal watcher must end the
    /// process even when the signal came in the middle of a scrub.
    pub fn forget_all_if_free(&self) {
        if let Ok(mut known) = self.0.try_lock() {
            Self::forget_all(&mut known);
        }
    }
}

/// Remember a secret value: from now on it is never printed.
pub fn register(value: &str) {
    KNOWN.register(value);
}

/// Zeroes a registry when dropped: `main` holds one on [`KNOWN`] for the whole run, so the
/// registry is zeroed however `main` ends (a return, a usage error, a panic that unwinds).
pub struct ZeroOnDrop(pub &'static Registry);

impl Drop for ZeroOnDrop {
    fn drop(&mut self) {
        Registry::forget_all(&mut self.0.lock());
    }
}

/// The forms an echo may give a value: as is, JSON-escaped once and twice (a JSON string that
/// holds JSON), percent-encoded (a form body or URL), and as `text::escape` shows it.
fn spellings(value: &str) -> Vec<String> {
    let json_once = json_inner(value);
    let json_twice = json_inner(&json_once);
    let percent: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    let shown = crate::text::escape(value);
    [value.to_owned(), json_once, json_twice, percent, shown]
        .into_iter()
        .filter(|spelling| spelling.chars().count() >= MIN_CHARS)
        .collect()
}

/// A string as it sits between the quotes of a JSON string.
fn json_inner(value: &str) -> String {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or_default().to_owned()
}

/// Proxy credentials from `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY` (either case).
pub fn register_proxy_credentials() {
    for name in ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
    {
        let Some(raw) = std::env::var_os(name) else { continue };
        let raw = Zeroizing::new(raw.to_string_lossy().into_owned());
        for secret in proxy_secrets(&raw) {
            register(&secret);
        }
    }
}

/// The secrets of a proxy URL with a password: the password as written and decoded, and the
/// `Proxy-Authorization: Basic` value built from the decoded user and password.
fn proxy_secrets(raw: &str) -> Vec<Zeroizing<String>> {
    let Ok(url) = url::Url::parse(raw) else { return Vec::new() };
    let Some(password) = url.password() else { return Vec::new() };
    let decoded = Zeroizing::new(decode(password));
    let user = Zeroizing::new(decode(url.username()));
    let basic = Zeroizing::new(format!("{}:{}", *user, *decoded));
    let encoded = base64::engine::general_purpose::STANDARD.encode(basic.as_bytes());
    vec![Zeroizing::new(password.to_owned()), decoded, Zeroizing::new(encoded)]
}

fn decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// The text with every known secret value replaced by [`SCRUBBED`].
pub fn scrub(text: &str) -> Cow<'_, str> {
    scrub_except(text, &[])
}

/// [`scrub`], leaving the values `shown` as they are: the secrets a command exists to show (a
/// new personal access token or new backup codes, printed once on stdout).
pub fn scrub_except<'a>(text: &'a str, shown: &[&str]) -> Cow<'a, str> {
    KNOWN.scrub_except(text, shown)
}

/// A JSON document with every string (keys included) scrubbed, but for `shown` (see
/// [`scrub_except`]).
pub fn scrub_json(value: serde_json::Value, shown: &[&str]) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(text) => Value::String(scrub_except(&text, shown).into_owned()),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|item| scrub_json(item, shown)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    (scrub_except(&key, shown).into_owned(), scrub_json(value, shown))
                })
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_registered_value_is_scrubbed() {
        register("CANARY-scrub-pa\"ss");
        let echoes = [
            "Invalid request: {\"data\":{\"newPassword\":\"CANARY-scrub-pa\\\"ss\"}}",
            "{\"echo\":\"{\\\"newPassword\\\":\\\"CANARY-scrub-pa\\\\\\\"ss\\\"}\"}",
            "x-auth-token:CANARY-scrub-pa\"ss; other",
            "form: p=CANARY-scrub-pa%22ss",
        ];
        for echo in echoes {
            let shown = scrub(echo);
            assert!(!shown.contains("CANARY-scrub"), "{echo} -> {shown}");
            assert!(shown.contains(SCRUBBED), "{shown}");
        }
        assert_eq!(scrub("nothing secret here"), "nothing secret here");
    }

    #[test]
    fn the_marker_is_no_secret_and_forgetting_empties_the_registry() {
        let registry = Registry::new();
        registry.register(SCRUBBED);
        assert!(registry.lock().is_empty(), "a dry run's placeholder is not registered");
        registry.register("CANARY-forgotten");
        assert_eq!(registry.scrub_except("a CANARY-forgotten b", &[]), "a [REDACTED] b");
        Registry::forget_all(&mut registry.lock());
        assert!(registry.lock().is_empty());
        assert_eq!(registry.scrub_except("a CANARY-forgotten b", &[]), "a CANARY-forgotten b");
    }

    #[test]
    fn short_values_are_left_alone() {
        register("ab");
        assert_eq!(scrub("abc cab"), "abc cab");
    }

    #[test]
    fn a_value_under_four_characters_is_not_kept_in_any_spelling_and_four_are() {
        let registry = Registry::new();
        // Three characters, whose JSON and percent spellings are longer than four.
        registry.register("x\"y");
        assert!(registry.lock().is_empty());
        assert_eq!(registry.scrub_except("q=x%22y \"x\\\"y\"", &[]), "q=x%22y \"x\\\"y\"");
        registry.register("wxyz");
        assert_eq!(registry.scrub_except("a wxyz b", &[]), "a [REDACTED] b");
    }

    /// Each spelling an echo can give a value is scrubbed; each line holds that spelling alone.
    #[test]
    fn every_spelling_is_scrubbed_on_its_own() {
        let registry = Registry::new();
        registry.register("CANARY a\"b\\c\u{1b}d&e");
        let echoes = [
            ("as is", "x CANARY a\"b\\c\u{1b}d&e x"),
            ("JSON once", r#"{"p":"CANARY a\"b\\c\u001bd&e"}"#),
            ("JSON twice", r#"{"e":"{\"p\":\"CANARY a\\\"b\\\\c\\u001bd&e\"}"}"#),
            ("percent-encoded", "p=CANARY+a%22b%5Cc%1Bd%26e&q=1"),
            ("as text::escape shows it", "CANARY a\"b\\c\\u{001b}d&e"),
        ];
        for (spelling, echo) in echoes {
            let shown = registry.scrub_except(echo, &[]);
            assert!(!shown.contains("CANARY"), "{spelling}: {echo} -> {shown}");
        }
        assert_eq!(registry.lock().len(), 5, "five spellings, each kept once");
        registry.register("CANARY a\"b\\c\u{1b}d&e");
        assert_eq!(registry.lock().len(), 5, "registering again adds nothing");
    }

    #[test]
    fn a_proxy_password_is_kept_as_written_decoded_and_in_its_basic_header() {
        let secrets = proxy_secrets("http://us%40er:p%40ss%2F-CANARY@proxy.example:3128");
        let secrets: Vec<&str> = secrets.iter().map(|secret| secret.as_str()).collect();
        let basic = base64::engine::general_purpose::STANDARD.encode("us@er:p@ss/-CANARY");
        assert_eq!(secrets, ["p%40ss%2F-CANARY", "p@ss/-CANARY", basic.as_str()]);
        assert!(proxy_secrets("http://user@proxy.example:3128").is_empty(), "no password");
        assert!(proxy_secrets("not a url").is_empty());
    }

    #[test]
    fn the_registry_is_zeroed_when_dropped_or_when_it_is_free() {
        static LOCAL: Registry = Registry::new();
        LOCAL.register("CANARY-zeroed");
        drop(ZeroOnDrop(&LOCAL));
        assert!(LOCAL.lock().is_empty());
        LOCAL.register("CANARY-zeroed");
        {
            let _held = LOCAL.lock();
            // The watcher must not wait for a scrub in progress.
            LOCAL.forget_all_if_free();
        }
        assert!(!LOCAL.lock().is_empty(), "held by another: left");
        LOCAL.forget_all_if_free();
        assert!(LOCAL.lock().is_empty());
    }

    #[test]
    fn json_keys_and_strings_are_scrubbed() {
        register("CANARY-json-key");
        let value = serde_json::json!({"CANARY-json-key": ["a CANARY-json-key b", 1]});
        let text = scrub_json(value, &[]).to_string();
        assert!(!text.contains("CANARY-json-key"), "{text}");
    }

    #[test]
    fn the_values_shown_are_left_and_the_others_scrubbed() {
        let registry = Registry::new();
        for value in ["CANARY-code-one", "CANARY-code-two", "CANARY-token"] {
            registry.register(value);
        }
        let text = "CANARY-code-one CANARY-code-two CANARY-token";
        let shown = registry.scrub_except(text, &["CANARY-code-one", "CANARY-code-two"]);
        assert_eq!(shown, "CANARY-code-one CANARY-code-two [REDACTED]");
    }
}
