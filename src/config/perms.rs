//! Who may write or read the config file and its directory, and where a symlinked config leads.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::ConfigError;
use super::store::warn_once;
use crate::output::Output;

/// Follow a chain of symlinks (relative ones from the link's directory, dangling ones too) so a
/// dotfile manager's link survives our rename: we replace the file it points at.
pub(super) fn resolve_symlinks(path: &Path) -> PathBuf {
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
pub(super) fn check_permissions(
    path: &Path,
    meta: &fs::Metadata,
    out: &Output,
) -> Result<(), ConfigError> {
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
