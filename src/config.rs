//! The config file: named contexts in one TOML file, mode 0600.
//!
//! Reads refuse a file that others could edit (they could point `server` at their own host and
//! collect the token) and warn about one others can read. Writes never leave a half-written or
//! clobbered file: under an exclusive lock on a sidecar `<file>.lock` (flock, so a killed process
//! never leaves a stale lock) we re-read the file, apply the change, write a temp file in the same
//! directory, fsync it, rename it over the old one and fsync the directory.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{self, DirBuilder, File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::io::Errno;
use serde::{Deserialize, Serialize};

use crate::output::Output;
use crate::secret::Secret;
use crate::test_hooks::{TestHooks, WriteStep};

/// Larger files are refused rather than read (a config is a few hundred bytes).
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfigFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    #[serde(default)]
    pub contexts: BTreeMap<String, Context>,
    /// Keys this version does not know; kept on rewrite, warned about on read.
    #[serde(flatten)]
    pub unknown: toml::Table,
}

#[derive(Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub server: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insecure: Option<bool>,
    #[serde(flatten)]
    pub unknown: toml::Table,
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
            .finish_non_exhaustive()
    }
}

impl ConfigFile {
    /// Parse the text of a config file. Errors carry a location and never the offending text.
    pub fn parse(text: &str) -> Result<Self, (Option<(usize, usize)>, String)> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        toml::from_str(text).map_err(|err| {
            let location = err.span().map(|span| line_and_column(text, span.start));
            (location, without_quoted_values(err.message()))
        })
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a config of strings, booleans and tables always serialises")
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
    #[error("cannot write config file `{path}`")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("timed out waiting for lock on `{path}`")]
    LockTimeout { path: PathBuf },
    #[error("cannot find the config directory: neither HOME nor XDG_CONFIG_HOME is set")]
    NoHome,
}

impl ConfigError {
    pub fn hints(&self) -> Vec<String> {
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

/// The config file at a resolved path, with the knobs the write path needs.
#[derive(Debug, Clone)]
pub struct ConfigStore {
    pub path: PathBuf,
    pub lock_timeout: Duration,
    pub hooks: TestHooks,
}

impl ConfigStore {
    /// Read the file; a missing file is an empty config.
    pub fn load(&self, out: &Output) -> Result<ConfigFile, ConfigError> {
        Ok(self.read(&self.path, out)?.unwrap_or_default())
    }

    fn read(&self, path: &Path, out: &Output) -> Result<Option<ConfigFile>, ConfigError> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(ConfigError::Read { path: path.to_owned(), source });
            }
        };
        check_permissions(path, &meta, out)?;
        let mut bytes = Vec::new();
        File::open(path)
            .and_then(|file| file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
        if bytes.len() as u64 > MAX_CONFIG_BYTES {
            return Err(ConfigError::TooLarge { path: path.to_owned() });
        }
        let text = String::from_utf8(bytes).map_err(|_| ConfigError::Parse {
            path: path.to_owned(),
            location: None,
            message: "the file is not UTF-8".to_owned(),
        })?;
        let config = ConfigFile::parse(&text).map_err(|(location, message)| {
            ConfigError::Parse { path: path.to_owned(), location, message }
        })?;
        warn_about_unknown_keys(&config, path, out);
        Ok(Some(config))
    }

    /// Change the file under the lock: re-read, apply `change`, write atomically, 0600.
    pub fn update<T>(
        &self,
        out: &Output,
        change: impl FnOnce(&mut ConfigFile) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let target = resolve_symlinks(&self.path);
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let write_err = |source| ConfigError::Write { path: target.clone(), source };
        DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(write_err)?;
        let _lock = self.lock(&target, out)?;

        remove_stale_temp_files(dir, &target);
        let before = fs::metadata(&target).ok();
        let mut config = self.read(&target, out)?.unwrap_or_default();
        let result = change(&mut config)?;
        self.write_atomically(dir, &target, config.to_toml().as_bytes())
            .map_err(|source| ConfigError::Write { path: target.clone(), source })?;

        if let Some(mode) = before.map(|meta| meta.permissions().mode() & 0o777)
            && mode != 0o600
        {
            out.status(&format!(
                "tightened permissions on `{}` from {mode:04o} to 0600",
                target.display()
            ));
        }
        Ok(result)
    }

    fn write_atomically(&self, dir: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
        // tempfile creates the file with mode 0600 whatever the umask, in the target's directory
        // so that the rename stays on one filesystem.
        let mut temp = tempfile::Builder::new().prefix(&temp_prefix(target)).tempfile_in(dir)?;
        self.hooks.before_write()?;
        temp.write_all(bytes)?;
        self.hooks.at(WriteStep::AfterWrite)?;
        temp.as_file().sync_all()?;
        temp.as_file().set_permissions(fs::Permissions::from_mode(0o600))?;
        self.hooks.at(WriteStep::BeforeRename)?;
        temp.persist(target).map_err(|err| err.error)?;
        File::open(dir)?.sync_all()?;
        Ok(())
    }

    /// Take the exclusive lock on `<target>.lock`, waiting up to `lock_timeout`.
    fn lock(&self, target: &Path, out: &Output) -> Result<Option<File>, ConfigError> {
        let mut lock_path = target.as_os_str().to_owned();
        lock_path.push(".lock");
        let lock_path = PathBuf::from(lock_path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&lock_path)
            .map_err(|source| ConfigError::Write { path: lock_path.clone(), source })?;
        let deadline = Instant::now() + self.lock_timeout;
        let mut announced = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    if !announced {
                        out.status(&format!("waiting for lock on `{}`", lock_path.display()));
                        announced = true;
                    }
                    if Instant::now() >= deadline {
                        return Err(ConfigError::LockTimeout { path: lock_path });
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::Error(err))
                    if matches!(
                        rustix::io::Errno::from_io_error(&err),
                        Some(Errno::NOTSUP | Errno::NOSYS | Errno::NOLCK)
                    ) =>
                {
                    // cargo does the same: a filesystem without flock (some NFS) must not block
                    // forever or fail every command.
                    out.warn(&format!(
                        "cannot lock `{}` on this filesystem ({err}); writing without a lock",
                        lock_path.display()
                    ));
                    return Ok(None);
                }
                Err(TryLockError::Error(source)) => {
                    return Err(ConfigError::Write { path: lock_path, source });
                }
            }
        }
        self.hooks.after_lock();
        Ok(Some(file))
    }
}

/// Name keys this version does not know (a typo like `tokne`).
fn warn_about_unknown_keys(config: &ConfigFile, path: &Path, out: &Output) {
    let unknown = config.unknown_keys();
    if !unknown.is_empty() {
        warn_once(
            out,
            &format!(
                "unknown keys in `{}`: {} (kept as they are)",
                path.display(),
                unknown.join(", ")
            ),
        );
    }
}

/// A command may read the file twice (to look, then again under the lock to write); the user
/// hears about a problem with it once.
fn warn_once(out: &Output, message: &str) {
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if !said.iter().any(|m| m == message) {
        said.push(message.to_owned());
        out.warn(message);
    }
}

/// `.config.toml.` for `config.toml`: temp files are named after the file they replace.
fn temp_prefix(target: &Path) -> String {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!(".{name}.")
}

/// Temp files left by a writer that was killed before its rename. Called under the lock, when
/// no other writer can be half-way through, so any such file is stale.
fn remove_stale_temp_files(dir: &Path, target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Follow a chain of symlinks (relative ones from the link's directory, dangling ones too) so a
/// dotfile manager's link survives our rename: we replace the file it points at.
fn resolve_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    for _ in 0..32 {
        match fs::read_link(&current) {
            Ok(next) if next.is_absolute() => current = next,
            Ok(next) => {
                current = current.parent().map_or_else(|| next.clone(), |dir| dir.join(&next));
            }
            Err(_) => break,
        }
    }
    current
}

/// Refuse what others can write, warn about what others can read.
fn check_permissions(path: &Path, meta: &fs::Metadata, out: &Output) -> Result<(), ConfigError> {
    if !meta.is_file() {
        return Err(ConfigError::NotRegular { path: path.to_owned() });
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o022 != 0 {
        return Err(ConfigError::Writable { what: "config file", path: path.to_owned(), mode });
    }
    let uid = current_uid();
    if meta.uid() != uid && meta.uid() != 0 {
        return Err(ConfigError::Owner { path: path.to_owned(), owner: meta.uid() });
    }
    let real = resolve_symlinks(path);
    if let Some(dir) = real.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(dir_meta) = fs::metadata(dir)
    {
        let dir_mode = dir_meta.permissions().mode();
        // A sticky directory (/tmp) does not let others replace our file.
        if dir_mode & 0o022 != 0 && dir_mode & 0o1000 == 0 {
            return Err(ConfigError::Writable {
                what: "config directory",
                path: dir.to_owned(),
                mode: dir_mode & 0o777,
            });
        }
    }
    if mode & 0o044 != 0 {
        let who = if mode & 0o004 != 0 { "world-readable" } else { "group-readable" };
        warn_once(
            out,
            &format!(
                "config file `{}` is {who} (mode {mode:04o}); it holds access tokens, run `chmod 600 {}`",
                path.display(),
                path.display()
            ),
        );
    }
    Ok(())
}

fn current_uid() -> u32 {
    rustix::process::getuid().as_raw()
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
        let again = ConfigFile::parse(&config.to_toml()).unwrap();
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
                let text = config.to_toml();
                prop_assert_eq!(ConfigFile::parse(&text).unwrap(), config);
            }
        }
    }
}
