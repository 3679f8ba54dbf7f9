//! The locked, atomic write path and the checked read path of the config file.

use std::fs::{self, DirBuilder, File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::io::Errno;

use super::perms::{check_permissions, resolve_for_write};
use super::{ConfigError, ConfigFile, MAX_CONFIG_BYTES};
use crate::output::Output;
use crate::test_hooks::{TestHooks, WriteStep};

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
        Ok(self.read(&self.path, out)?.map(|(config, _)| config).unwrap_or_default())
    }

    /// The config in the file and the file's text; `None` when there is no file.
    fn read(&self, path: &Path, out: &Output) -> Result<Option<(ConfigFile, String)>, ConfigError> {
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
        Ok(Some((config, text)))
    }

    /// Change the file under the lock: re-read, apply `change`, write the file's own text with the
    /// changed values edited in (its comments and order stay), atomically, 0600.
    pub fn update<T>(
        &self,
        out: &Output,
        change: impl FnOnce(&mut ConfigFile) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let target = resolve_for_write(&self.path)?;
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let write_err = |source| ConfigError::Write { path: target.clone(), source };
        DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(write_err)?;
        let _lock = self.lock(&target, out)?;

        remove_stale_temp_files(dir, &target);
        let before = fs::metadata(&target).ok();
        let (mut config, old_text) = self.read(&target, out)?.unwrap_or_default();
        let result = change(&mut config)?;
        let text = config.edit(&old_text).map_err(|reason| ConfigError::Write {
            path: target.clone(),
            source: std::io::Error::other(reason),
        })?;
        // Never write what the next run would refuse to read.
        if text.len() as u64 > MAX_CONFIG_BYTES {
            return Err(ConfigError::WouldBeTooLarge { path: target }.into());
        }
        self.write_atomically(dir, &target, text.as_bytes())
            .map_err(|source| ConfigError::Write { path: target.clone(), source })?;

        if let Some(mode) = before.map(|meta| meta.permissions().mode() & 0o777)
            && mode != 0o600
        {
            out.progress(&format!(
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
                        out.progress(&format!("waiting for lock on `{}`", lock_path.display()));
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
        out.warn_once(&format!(
            "unknown keys in `{}`: {} (kept as they are)",
            path.display(),
            unknown.join(", ")
        ));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_that_would_pass_the_read_limit_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = ConfigStore {
            path: dir.path().join("config.toml"),
            lock_timeout: Duration::from_secs(1),
            hooks: TestHooks::default(),
        };
        let out = Output::default();
        store
            .update(&out, |config| {
                config.current = Some("small".into());
                Ok(())
            })
            .unwrap();
        let before = fs::read(&store.path).unwrap();
        let err = store
            .update(&out, |config| {
                let huge = "\u{7f}".repeat(200_000); // 6 bytes each once escaped
                config.unknown.insert("note".into(), toml::Value::String(huge));
                Ok(())
            })
            .unwrap_err();
        assert!(matches!(err.downcast_ref(), Some(ConfigError::WouldBeTooLarge { .. })), "{err:?}");
        assert_eq!(fs::read(&store.path).unwrap(), before);
        assert!(store.load(&out).is_ok(), "still readable");
    }
}
