//! The config file: named contexts in one TOML file, mode 0600.
//!
//! Reads refuse a file that others could edit (they could point `server` at their own host and
//! collect the token) and warn about one others can read. Writes never leave a half-written or
//! clobbered file: under an exclusive lock on a sidecar `<file>.lock` (flock, so a killed process
//! never leaves a stale lock) we re-read the file, apply the change, write a temp file in the same
//! directory, fsync it, rename it over the old one and fsync the directory.

mod edit;
mod perms;
mod rules;
mod store;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

use crate::exit::{Diagnose, Exit};
use crate::secret::Secret;

pub use rules::{
    MAX_USERNAME_CHARS, check_context_name, check_login_values, default_context_name, login_tls,
};
pub use store::ConfigStore;

/// Deepest nesting of an unknown key's value (a config has none; the limit only guards rewrites).
const MAX_UNKNOWN_DEPTH: usize = 16;

/// Larger files are refused rather than read (a config is a few hundred bytes).
pub(crate) const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Default, PartialEq, Deserialize)]
pub struct ConfigFile {
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub contexts: BTreeMap<String, Context>,
    /// Keys this version does not know; kept on rewrite, warned about on read.
    #[serde(flatten)]
    pub unknown: toml::Table,
}

#[derive(Default, PartialEq, Deserialize)]
pub struct Context {
    pub server: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub auth_token: Option<Secret>,
    #[serde(default)]
    pub ca_cert: Option<PathBuf>,
    #[serde(default)]
    pub insecure: Option<bool>,
    /// Where the token is kept when it is not in `auth_token` (see `crate::credentials`).
    #[serde(default)]
    pub token_store: Option<TokenStore>,
    #[serde(flatten)]
    pub unknown: toml::Table,
}

/// `token_store = "keyring"`: the context's token is in the system keyring, not in this file.
/// `"file"` (or no key) keeps it in `auth_token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenStore {
    File,
    Keyring,
}

impl Context {
    /// Whether the context holds a token, wherever it is kept.
    pub fn logged_in(&self) -> bool {
        self.auth_token.is_some() || self.token_store == Some(TokenStore::Keyring)
    }
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("server", &self.server)
            .field("user_id", &self.user_id)
            .field("username", &self.username)
            .field("auth_token", &self.auth_token)
            .field("ca_cert", &self.ca_cert)
            .field("insecure", &self.insecure)
            .field("token_store", &self.token_store)
            .finish_non_exhaustive()
    }
}

impl ConfigFile {
    /// Parse the text of a config file. Errors carry a location and never the offending text.
    pub fn parse(text: &str) -> Result<Self, (Option<(usize, usize)>, String)> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let config: Self = toml::from_str(text).map_err(|err| {
            let location = err.span().map(|span| line_and_column(text, span.start));
            (location, without_quoted_values(err.message()))
        })?;
        config.check_nesting().map_err(|message| (None, message))?;
        Ok(config)
    }

    /// Unknown keys are kept on rewrite, and the parser's recursion limit rejects deep nesting.
    /// Refuse it at read time, so the file is never rewritten into one that cannot be read back.
    fn check_nesting(&self) -> Result<(), String> {
        let too_deep = |key: String, value: &toml::Value| {
            (depth(value) > MAX_UNKNOWN_DEPTH).then(|| {
                format!("`{key}` nests tables or arrays more than {MAX_UNKNOWN_DEPTH} levels deep")
            })
        };
        let top = self.unknown.iter().map(|(key, value)| (key.clone(), value));
        let contexts = self.contexts.iter().flat_map(|(name, context)| {
            context
                .unknown
                .iter()
                .map(move |(key, value)| (format!("contexts.{name}.{key}"), value))
        });
        match top.chain(contexts).find_map(|(key, value)| too_deep(key, value)) {
            Some(message) => Err(message),
            None => Ok(()),
        }
    }

    /// Dotted names of keys rocketctl does not know (for the typo warning).
    pub fn unknown_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.unknown.keys().cloned().collect();
        for (name, context) in &self.contexts {
            keys.extend(context.unknown.keys().map(|key| format!("contexts.{name}.{key}")));
        }
        keys
    }
}

/// Levels of tables and arrays in a value; a plain value is 0.
fn depth(value: &toml::Value) -> usize {
    match value {
        toml::Value::Table(table) => 1 + table.values().map(depth).max().unwrap_or(0),
        toml::Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |tail| tail.chars().count()) + 1;
    (line, column)
}

/// serde's messages quote the value they choked on (`invalid type: string "…"`), and that value
/// may be a token typed into the wrong key. Keep the message, drop the quoted text.
fn without_quoted_values(message: &str) -> String {
    let mut kept = String::with_capacity(message.len());
    let mut inside: Option<char> = None;
    for ch in message.chars() {
        match inside {
            Some(close) if ch == close => {
                kept.push('…');
                kept.push(ch);
                inside = None;
            }
            Some(_) => {}
            None if ch == '"' || ch == '`' => {
                kept.push(ch);
                inside = Some(ch);
            }
            None => kept.push(ch),
        }
    }
    kept.trim_end().to_owned()
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file `{path}`")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config file `{path}` is not a regular file")]
    NotRegular { path: PathBuf },
    #[error("config file `{path}` is larger than 1 MiB")]
    TooLarge { path: PathBuf },
    #[error("config file `{path}` is not valid{}: {message}", location.map(|(l, c)| format!(" at line {l}, column {c}")).unwrap_or_default())]
    Parse { path: PathBuf, location: Option<(usize, usize)>, message: String },
    #[error("{what} `{path}` is writable by other users (mode {mode:04o}); refusing to use it")]
    Writable { what: &'static str, path: PathBuf, mode: u32 },
    #[error("config file `{path}` is owned by another user (uid {owner})")]
    Owner { path: PathBuf, owner: u32 },
    #[error("refusing to write config file `{path}`: it would be larger than 1 MiB")]
    WouldBeTooLarge { path: PathBuf },
    #[error(
        "config file `{path}` is a symlink owned by another user (uid {owner}) in a directory others can write; refusing to follow it"
    )]
    ForeignSymlink { path: PathBuf, owner: u32 },
    #[error("cannot write config file `{path}`")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("timed out waiting for lock on `{path}`")]
    LockTimeout { path: PathBuf },
    #[error("cannot find the config directory: neither HOME nor XDG_CONFIG_HOME is set")]
    NoHome,
}

impl Diagnose for ConfigError {
    fn exit(&self) -> Exit {
        Exit::Config
    }

    fn hints(&self) -> Vec<String> {
        match self {
            Self::Parse { .. } => vec![
                "rocketctl never rewrites a file it cannot parse: fix it by hand or move it away and run `rocketctl login`".to_owned(),
            ],
            Self::Writable { what: "config file", path, .. } => {
                vec![format!("run `chmod 600 {}`", path.display())]
            }
            Self::Writable { path, .. } => vec![format!("run `chmod 700 {}`", path.display())],
            Self::NoHome => vec!["pass `--config FILE` or set `ROCKETCTL_CONFIG`".to_owned()],
            Self::LockTimeout { .. } => {
                vec!["another rocketctl is writing the config; try again when it is done".to_owned()]
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_contexts_and_keeps_unknown_keys() {
        let text = "current = \"prod\"\ncolour = \"blue\"\n\n[contexts.prod]\nserver = \"https://chat.example.com\"\nuser_id = \"u1\"\nauth_token = \"t\"\nextra = 1\n";
        let config = ConfigFile::parse(text).unwrap();
        assert_eq!(config.current.as_deref(), Some("prod"));
        assert_eq!(config.contexts["prod"].server, "https://chat.example.com");
        assert_eq!(config.unknown_keys(), vec!["colour", "contexts.prod.extra"]);
        let again = ConfigFile::parse(&config.edit("").unwrap()).unwrap();
        assert_eq!(again, config);
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = "\u{feff}current = \"a\"\r\n[contexts.a]\r\nserver = \"https://x\"\r\n";
        assert_eq!(ConfigFile::parse(text).unwrap().current.as_deref(), Some("a"));
    }

    #[test]
    fn parse_errors_name_the_place_but_not_the_value() {
        let text = "current = \"a\"\n[contexts.a]\nserver = \"https://x\"\nauth_token = CANARY-token-value\n";
        let (location, message) = ConfigFile::parse(text).unwrap_err();
        assert_eq!(location.map(|(line, _)| line), Some(4));
        assert!(!message.contains("CANARY"), "{message}");
        let wrong_type =
            "[contexts.a]\nserver = \"https://x\"\ninsecure = \"CANARY-token-value\"\n";
        let (_, message) = ConfigFile::parse(wrong_type).unwrap_err();
        assert!(!message.contains("CANARY"), "{message}");
    }

    #[test]
    fn duplicate_keys_are_an_error() {
        assert!(ConfigFile::parse("current = \"a\"\ncurrent = \"b\"\n").is_err());
    }

    #[test]
    fn debug_redacts_the_token() {
        let context = Context { auth_token: Some(Secret::new("CANARY")), ..Context::default() };
        assert!(!format!("{context:?}").contains("CANARY"));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn context() -> impl Strategy<Value = Context> {
            (
                "[a-z]{1,10}\\.example\\.com",
                proptest::option::of("[A-Za-z0-9]{17}"),
                proptest::option::of("[a-z.]{1,12}"),
                proptest::option::of("[A-Za-z0-9_-]{20,43}"),
                proptest::option::of(any::<bool>()),
            )
                .prop_map(|(host, user_id, username, auth_token, insecure)| Context {
                    server: format!("https://{host}"),
                    user_id,
                    username,
                    auth_token: auth_token.map(Secret::new),
                    insecure,
                    ..Context::default()
                })
        }

        proptest! {
            #[test]
            fn parsing_arbitrary_text_never_panics(text in ".{0,400}") {
                let _ = ConfigFile::parse(&text);
            }

            #[test]
            fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
                let _ = ConfigFile::parse(&String::from_utf8_lossy(&bytes));
            }

            #[test]
            fn configs_round_trip(current in proptest::option::of("[a-z0-9.:-]{1,20}"), contexts in proptest::collection::btree_map("[a-z0-9.:/-]{1,20}", context(), 0..5)) {
                let config = ConfigFile { current, contexts, unknown: toml::Table::new() };
                let text = config.edit("").unwrap();
                prop_assert_eq!(ConfigFile::parse(&text).unwrap(), config);
            }
        }
    }
}
