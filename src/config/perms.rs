//! Who may write or read the config file and its directory, and where a symlinked config leads.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::ConfigError;
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

/// Where a write to `path` lands, checked as a read is: no link in the chain was planted by
/// another user in a directory others can write (even a sticky one such as /tmp: the link may
/// appear while we wait for the server), and the final directory is not writable by others.
pub(super) fn resolve_for_write(path: &Path) -> Result<PathBuf, ConfigError> {
    let uid = current_uid();
    let mut current = path.to_owned();
    for _ in 0..32 {
        let Ok(link) = fs::symlink_metadata(&current) else { break };
        if !link.file_type().is_symlink() {
            break;
        }
        let dir = parent_dir(&current);
        if let Ok(dir_meta) = fs::metadata(dir)
            && dir_meta.permissions().mode() & 0o022 != 0
            && link.uid() != uid
        {
            return Err(ConfigError::ForeignSymlink { path: current, owner: link.uid() });
        }
        let Ok(next) = fs::read_link(&current) else { break };
        current = if next.is_absolute() { next } else { dir.join(next) };
    }
    if let Ok(dir_meta) = fs::metadata(parent_dir(&current)) {
        check_directory(parent_dir(&current), &dir_meta)?;
    }
    Ok(current)
}

fn parent_dir(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A directory others can write (and that is not sticky, like /tmp) lets them replace our file.
fn check_directory(dir: &Path, dir_meta: &fs::Metadata) -> Result<(), ConfigError> {
    let dir_mode = dir_meta.permissions().mode();
    if dir_mode & 0o022 != 0 && dir_mode & 0o1000 == 0 {
        return Err(ConfigError::Writable {
            what: "config directory",
            path: dir.to_owned(),
            mode: dir_mode & 0o777,
        });
    }
    Ok(())
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
        check_directory(dir, &dir_meta)?;
    }
    if mode & 0o044 != 0 {
        let who = if mode & 0o004 != 0 { "world-readable" } else { "group-readable" };
        out.warn_once(&format!(
                "config file `{}` is {who} (mode {mode:04o}); it holds access tokens, run `chmod 600 {}`",
                path.display(),
                path.display()
        ));
    }
    Ok(())
}

fn current_uid() -> u32 {
    rustix::process::getuid().as_raw()
}
