//! Local files a command reads as input (a desired-state file, `api --input` and `-F KEY=@FILE`,
//! an avatar image, a secret file): a regular file, or standard input where the command offers
//! `-`, and never more than a stated size. A leaf: it imports nothing of the crate.
//!
//! A FIFO would block the command forever (opening one waits for a writer), and `/dev/zero` or
//! `/dev/urandom` never end; a directory or a device is never what was meant. So a path is
//! checked before it is opened, opened without blocking (if it was swapped for a FIFO since
//! the check, the open returns at once), and the opened file checked again. Reads stop one byte
//! past the limit, so an oversized input costs at most the limit in memory.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
use std::path::Path;

/// One mebibyte, the unit limits are stated in.
pub const MIB: u64 = 1024 * 1024;

/// Why an input cannot be used. The text names the input and what is wrong, never its content.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.describe())]
pub struct InputError {
    /// What the input is for: "desired-state file", "--input file", "image".
    what: String,
    /// The path as given, or `None` for standard input.
    path: Option<String>,
    problem: Problem,
}

#[derive(Debug)]
enum Problem {
    /// What the path is instead of a regular file.
    NotRegular(&'static str),
    TooLarge(u64),
    NotUtf8,
    Io(std::io::Error),
}

impl InputError {
    fn new(what: &str, path: Option<&Path>, problem: Problem) -> Self {
        let path = path.map(|path| path.display().to_string());
        Self { what: what.to_owned(), path, problem }
    }

    /// What is wrong, without naming the input: "it is a FIFO (named pipe), not a regular file".
    pub fn reason(&self) -> String {
        match &self.problem {
            Problem::Io(err) => err.to_string(),
            _ => format!("it {}", self.predicate()),
        }
    }

    fn predicate(&self) -> String {
        match &self.problem {
            Problem::NotRegular(kind) => format!("is {kind}, not a regular file"),
            Problem::TooLarge(limit) => format!("is larger than {}", size_text(*limit)),
            Problem::NotUtf8 => "is not UTF-8 text".to_owned(),
            Problem::Io(err) => format!("cannot be read: {err}"),
        }
    }

    /// "the image `a.png` is larger than 20 MiB", "cannot read the image `a.png`: …".
    fn describe(&self) -> String {
        let subject = match &self.path {
            Some(path) => format!("the {} `{path}`", self.what),
            None => format!("the {} on standard input", self.what),
        };
        match &self.problem {
            Problem::Io(err) => format!("cannot read {subject}: {err}"),
            _ => format!("{subject} {}", self.predicate()),
        }
    }
}

/// `16 MiB`, `64 KiB`, `100 bytes`.
pub fn size_text(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// What a path is when it is not a regular file, in words.
fn not_regular(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a directory")
    } else if kind.is_fifo() {
        Some("a FIFO (named pipe)")
    } else if kind.is_char_device() {
        Some("a character device")
    } else if kind.is_block_device() {
        Some("a block device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        Some("something other than a file")
    }
}

/// Open a regular file for reading, refusing anything else before it can block or run on.
/// `what` names the input in errors ("desired-state file").
pub fn open(path: &Path, what: &str) -> Result<File, InputError> {
    let failed = |problem| InputError::new(what, Some(path), problem);
    let check = |meta: &Metadata| {
        not_regular(meta).map_or(Ok(()), |kind| Err(failed(Problem::NotRegular(kind))))
    };
    check(&std::fs::metadata(path).map_err(|err| failed(Problem::Io(err)))?)?;
    // Non-blocking, and never as a controlling terminal: only a path swapped since the check
    // can be anything but a regular file here, and the second check refuses it.
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(|err| failed(Problem::Io(err)))?;
    check(&file.metadata().map_err(|err| failed(Problem::Io(err)))?)?;
    Ok(file)
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read(path: &Path, what: &str, limit: u64) -> Result<Vec<u8>, InputError> {
    let file = open(path, what)?;
    let failed = |problem| InputError::new(what, Some(path), problem);
    // A size known up front is refused without reading; a file growing meanwhile is caught below.
    let size = file.metadata().map_err(|err| failed(Problem::Io(err)))?.len();
    if size > limit {
        return Err(failed(Problem::TooLarge(limit)));
    }
    // Room for the whole file at once: a long file is not held twice while its buffer grows.
    read_bounded(file, limit, size).map_err(failed)
}

/// At most `limit` bytes of standard input (a pipe, a file or a device: the limit ends all).
pub fn read_stdin(what: &str, limit: u64) -> Result<Vec<u8>, InputError> {
    read_bounded(std::io::stdin().lock(), limit, 0)
        .map_err(|problem| InputError::new(what, None, problem))
}

/// A regular file, or standard input for `-`.
pub fn read_file_or_stdin(path: &Path, what: &str, limit: u64) -> Result<Vec<u8>, InputError> {
    if path == Path::new("-") { read_stdin(what, limit) } else { read(path, what, limit) }
}

/// [`read_file_or_stdin`] as UTF-8 text.
pub fn read_text(path: &Path, what: &str, limit: u64) -> Result<String, InputError> {
    let bytes = read_file_or_stdin(path, what, limit)?;
    let shown = (path != Path::new("-")).then_some(path);
    String::from_utf8(bytes).map_err(|_| InputError::new(what, shown, Problem::NotUtf8))
}

fn read_bounded(reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or_default());
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(Problem::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Problem::TooLarge(limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
        assert!(made.success());
    }

    #[test]
    fn a_fifo_a_directory_and_a_device_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        mkfifo(&fifo);
        let cases = [
            (fifo.as_path(), "a FIFO (named pipe)"),
            (dir.path(), "a directory"),
            (Path::new("/dev/zero"), "a character device"),
        ];
        for (path, kind) in cases {
            let err = read(path, "input", MIB).unwrap_err();
            assert_eq!(err.reason(), format!("it is {kind}, not a regular file"), "{path:?}");
            let whole = format!("the input `{}` is {kind}, not a regular file", path.display());
            assert_eq!(err.to_string(), whole);
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, vec![b'a'; 1025]).unwrap();
        let err = read(&path, "input", 1024).unwrap_err();
        assert_eq!(err.reason(), "it is larger than 1 KiB");
        std::fs::write(&path, vec![b'a'; 1024]).unwrap();
        assert_eq!(read(&path, "input", 1024).unwrap().len(), 1024);
    }

    #[test]
    fn an_endless_reader_stops_one_byte_past_the_limit() {
        let endless = std::io::repeat(b'x');
        assert!(matches!(read_bounded(endless, 10, 0), Err(Problem::TooLarge(10))));
        assert_eq!(read_bounded(&b"0123456789"[..], 10, 10).unwrap().len(), 10);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_text(16 * MIB), "16 MiB");
        assert_eq!(size_text(64 * 1024), "64 KiB");
        assert_eq!(size_text(100), "100 bytes");
    }

    #[test]
    fn a_missing_file_is_named_with_the_cause() {
        let err = read(Path::new("/nonexistent/x"), "image", MIB).unwrap_err();
        assert!(err.to_string().starts_with("cannot read the image `/nonexistent/x`: "), "{err}");
    }
}
