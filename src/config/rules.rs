//! What may be stored in a context: its name, the values a server hands back at login, and the
//! TLS settings that go with its server. Each rule is checked before anything is written, so a
//! hostile server or a pasted URL can never leave a config that later runs choke on.

use std::path::PathBuf;

use super::Context;
use crate::exit::{Exit, Failure};
use crate::url::ServerUrl;

/// Longest context name accepted at creation.
const MAX_NAME_CHARS: usize = 200;
/// Rocket.Chat ids are 17 characters and tokens 43; these bounds leave room for other servers
/// while keeping a hostile answer from growing the config file.
const MAX_USER_ID_CHARS: usize = 64;
const MAX_TOKEN_CHARS: usize = 256;
pub const MAX_USERNAME_CHARS: usize = 255;

/// Context names use letters, digits and `. _ - : / @` only: they are shown in tables, typed
/// after `--context` and completed by shells, so nothing in them may be read as shell syntax.
fn name_char_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | '/' | '@')
}

/// Check a context name given by the user (exit 2 otherwise).
pub fn check_context_name(name: &str) -> Result<(), Failure> {
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || !name.chars().all(name_char_allowed)
    {
        return Err(Failure::usage(
            "invalid context name: use 1 to 200 letters, digits and `. _ - : / @`",
        )
        .hint("pass another name with `--context NAME`"));
    }
    Ok(())
}

/// `chat.example.com`, `127.0.0.1:3000`, `host/chat`: readable and unique per server. Characters
/// outside the name rule (IPv6 brackets, anything a URL path allows) are dropped or replaced.
pub fn default_context_name(server: &ServerUrl) -> String {
    let text = server.as_str();
    let without_scheme = text.split_once("://").map_or(text, |(_, rest)| rest);
    let name: String = without_scheme
        .chars()
        .filter(|c| !matches!(c, '[' | ']'))
        .map(|c| if name_char_allowed(c) { c } else { '_' })
        .take(MAX_NAME_CHARS)
        .collect();
    if name.is_empty() { "default".to_owned() } else { name }
}

/// Check what a server returned at login before it is stored: the user id and token go into
/// headers on every later run (visible ASCII); the username is only ever shown, escaped, so any
/// text is kept as the server spells it. All three are bounded so the config file stays small
/// (even a username of control characters, six bytes each once TOML escapes them).
pub fn check_login_values(user_id: &str, token: &str, username: &str) -> Result<(), Failure> {
    let visible = |text: &str, max: usize| {
        !text.is_empty() && text.len() <= max && text.bytes().all(|b| b.is_ascii_graphic())
    };
    let problem = if !visible(user_id, MAX_USER_ID_CHARS) {
        Some("user id")
    } else if !visible(token, MAX_TOKEN_CHARS) {
        Some("token")
    } else if username.is_empty() || username.chars().count() > MAX_USERNAME_CHARS {
        Some("username")
    } else {
        None
    };
    match problem {
        Some(what) => Err(Failure::new(
            Exit::Failure,
            format!("the server's login answer has an invalid {what}; nothing was stored"),
        )
        .hint("this is not a Rocket.Chat answer: check the server URL")),
        None => Ok(()),
    }
}

/// TLS settings belong to a server. A login uses `--ca-cert` / `--insecure` when given; else the
/// previous context's settings, but only if it was for this same server (an `insecure` or a
/// private CA trusted for one server must not carry over to another).
pub fn login_tls(
    previous: Option<&Context>,
    server: &ServerUrl,
    ca_cert: Option<PathBuf>,
    insecure: bool,
) -> (Option<PathBuf>, bool) {
    let same_server =
        previous.filter(|c| ServerUrl::parse(&c.server).ok().as_ref() == Some(server));
    match same_server {
        Some(previous) => (
            ca_cert.or_else(|| previous.ca_cert.clone()),
            insecure || previous.insecure.unwrap_or(false),
        ),
        None => (ca_cert, insecure),
    }
}

impl Context {
    /// Store exactly the TLS settings a login to `server` worked with, replacing any others.
    pub fn set_tls(&mut self, ca_cert: Option<&PathBuf>, insecure: bool) {
        self.ca_cert =
            ca_cert.map(|path| std::path::absolute(path).unwrap_or_else(|_| path.clone()));
        self.insecure = insecure.then_some(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_names() {
        for good in ["prod", "chat.example.com:8443", "host/chat", "jane@work", "a_b-c"] {
            assert!(check_context_name(good).is_ok(), "{good}");
        }
        for bad in ["", "a b", "x$(touch y)", "a;b", "é", "a\nb", "`x`", &"a".repeat(201)] {
            assert!(check_context_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn default_names_always_pass_the_rule() {
        for url in [
            "https://chat.example.com",
            "http://127.0.0.1:3000/chat",
            "http://[::1]:3000",
            "http://127.0.0.1:3290/x$(touch$IFS./pwned)",
            "https://h/%C3%A9;|&",
        ] {
            let name = default_context_name(&ServerUrl::parse(url).unwrap());
            assert!(check_context_name(&name).is_ok(), "{url} -> {name}");
        }
        let plain = ServerUrl::parse("http://127.0.0.1:3000/chat").unwrap();
        assert_eq!(default_context_name(&plain), "127.0.0.1:3000/chat");
    }

    #[test]
    fn login_values() {
        assert!(check_login_values("abcdefghijklmnopq", "tok-en_123", "jane").is_ok());
        assert!(check_login_values("id with space", "tok", "jane").is_err());
        assert!(check_login_values("id", "tok en\r\nX: 1", "jane").is_err());
        assert!(check_login_values("id", "tok", "evil\u{1b}[2J").is_ok(), "escaped when shown");
        assert!(check_login_values("id", "tok", &"\u{7f}".repeat(256)).is_err());
        assert!(check_login_values("id", "tok", &"j".repeat(256)).is_err());
        assert!(check_login_values(&"i".repeat(65), "tok", "jane").is_err());
    }

    #[test]
    fn tls_settings_stay_with_their_server() {
        let old = Context {
            server: "https://staging.example.com".into(),
            insecure: Some(true),
            ca_cert: Some("/ca.pem".into()),
            ..Context::default()
        };
        let same = ServerUrl::parse("https://staging.example.com/").unwrap();
        assert_eq!(login_tls(Some(&old), &same, None, false), (Some("/ca.pem".into()), true));
        let other = ServerUrl::parse("https://prod.example.com").unwrap();
        assert_eq!(login_tls(Some(&old), &other, None, false), (None, false));
        let given = Some(PathBuf::from("/other.pem"));
        assert_eq!(login_tls(Some(&old), &other, given.clone(), true), (given, true));
    }
}
