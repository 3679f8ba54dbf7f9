//! What the user gives rocketctl besides flags: a secret from stdin, a file, the environment or
//! a no-echo prompt (docs/cli.md#secret-inputs), a two-factor code, a username, a yes or no.
//! Every prompt first has `interrupt.rs` guard the terminal.

use std::io::{IsTerminal, Read, Write as _};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use zeroize::Zeroizing;

use crate::exit::{Exit, Failure};
use crate::output::Output;
use crate::secret::Secret;

/// Largest secret accepted from stdin or a file (docs/security.md R8).
const MAX_SECRET_BYTES: u64 = 64 * 1024;

/// Where one kind of secret may come from, as the table in docs/cli.md#secret-inputs names it.
pub struct SecretKind {
    /// "current password", "new password", "access token".
    pub what: &'static str,
    pub stdin_flag: &'static str,
    pub file_flag: &'static str,
    pub env_var: Option<&'static str>,
    /// On a terminal, ask twice and require both answers to match.
    pub confirm: bool,
}

pub const CURRENT_PASSWORD: SecretKind = SecretKind {
    what: "current password",
    stdin_flag: "--password-stdin",
    file_flag: "--password-file",
    env_var: Some("ROCKETCHAT_PASSWORD"),
    confirm: false,
};

/// The same inputs as [`CURRENT_PASSWORD`], asked for as plain "Password" at login.
pub const LOGIN_PASSWORD: SecretKind = SecretKind { what: "password", ..CURRENT_PASSWORD };

pub const NEW_PASSWORD: SecretKind = SecretKind {
    what: "new password",
    stdin_flag: "--new-password-stdin",
    file_flag: "--new-password-file",
    env_var: Some("ROCKETCHAT_NEW_PASSWORD"),
    confirm: true,
};

pub const ACCESS_TOKEN: SecretKind = SecretKind {
    what: "access token",
    stdin_flag: "--token-stdin",
    file_flag: "--token-file",
    env_var: None,
    confirm: false,
};

/// A sensitive setting's new value (`admin setting set --value-stdin | --value-file`).
pub const SETTING_VALUE: SecretKind = SecretKind {
    what: "setting value",
    stdin_flag: "--value-stdin",
    file_flag: "--value-file",
    env_var: None,
    confirm: false,
};

/// The inputs a user gave for one secret.
#[derive(Debug, Default)]
pub struct SecretInput {
    pub stdin: bool,
    pub file: Option<PathBuf>,
    /// Moved out by the read that uses it.
    pub env: std::cell::RefCell<Option<Secret>>,
}

impl SecretInput {
    /// Given without a prompt: stdin, a file or the environment (before a read moves it out).
    pub fn given(&self) -> bool {
        self.stdin || self.file.is_some() || self.env.borrow().is_some()
    }
}

impl SecretKind {
    /// Read the secret from the first input given: stdin, file, environment, else a no-echo
    /// prompt when `can_prompt`. Anything missing or empty is a usage error (exit 2), raised
    /// before any network call.
    pub fn read(&self, input: &SecretInput, can_prompt: bool, out: &Output) -> Result<Secret> {
        self.read_for(input, can_prompt, out, "")
    }

    /// [`Self::read`], with a prompt that names whose secret it is (`jane on chat.example.com`):
    /// with several contexts, `Password:` alone does not say which account it is for.
    pub fn read_for(
        &self,
        input: &SecretInput,
        can_prompt: bool,
        out: &Output,
        account: &str,
    ) -> Result<Secret> {
        let raw = if input.stdin {
            let mut text = read_bounded(std::io::stdin().lock(), self.what, "stdin")?;
            strip_one_line_ending(&mut text);
            Secret::new(text)
        } else if let Some(path) = &input.file {
            read_secret_file(path, self.what, out)?
        } else if let Some(value) = input.env.borrow_mut().take() {
            value
        } else if can_prompt {
            self.prompt(account, out)?
        } else {
            return Err(self.missing().into());
        };
        if raw.expose().is_empty() {
            return Err(Failure::usage(format!("the {} is empty", self.what)).into());
        }
        Ok(raw)
    }

    /// Read the secret from stdin or a file (the only inputs some values have) as [`Self::read`]
    /// does, but leave registering it for scrubbing to the caller: a sensitive setting's value
    /// is registered once the setting's type says it is text (`true` or `3600` registered would
    /// be cut out of every later line of output).
    pub fn read_unregistered(
        &self,
        input: &SecretInput,
        out: &Output,
    ) -> Result<Zeroizing<String>> {
        let text = if input.stdin {
            let mut text =
                Zeroizing::new(read_bounded(std::io::stdin().lock(), self.what, "stdin")?);
            strip_one_line_ending(&mut text);
            text
        } else if let Some(path) = &input.file {
            read_secret_text(path, self.what, out)?
        } else {
            return Err(self.missing().into());
        };
        if text.is_empty() {
            return Err(Failure::usage(format!("the {} is empty", self.what)).into());
        }
        Ok(text)
    }

    fn missing(&self) -> Failure {
        let ways = match self.env_var {
            Some(env) => format!("`{}`, `{} FILE` or `{env}`", self.stdin_flag, self.file_flag),
            None => format!("`{}` or `{} FILE`", self.stdin_flag, self.file_flag),
        };
        Failure::usage(format!(
            "cannot prompt for the {}: stdin is not a terminal (or --no-input was given)",
            self.what
        ))
        .hint(format!("pass the {} with {ways}", self.what))
    }

    /// Ask on the terminal. A secret asked twice that does not match is asked again, up to
    /// [`PROMPT_TRIES`] times, as passwd does.
    pub fn prompt(&self, account: &str, out: &Output) -> Result<Secret> {
        let label = match account {
            "" => capitalise(self.what),
            account => format!("{} for {account}", capitalise(self.what)),
        };
        for _ in 1..PROMPT_TRIES {
            match self.prompt_once(&label)? {
                Some(secret) => return Ok(secret),
                None => {
                    let _ = writeln!(out.note(), "the two {}s do not match; try again", self.what);
                }
            }
        }
        self.prompt_once(&label)?
            .ok_or_else(|| Failure::usage(format!("the two {}s do not match", self.what)).into())
    }

    /// One prompt (two when confirming); None when the two answers differ.
    fn prompt_once(&self, label: &str) -> Result<Option<Secret>> {
        let first = Secret::new(prompt_hidden(&format!("{label}: "))?);
        if self.confirm && !first.expose().is_empty() {
            let again = Secret::new(prompt_hidden(&format!("{label} (again): "))?);
            if again != first {
                return Ok(None);
            }
        }
        Ok(Some(first))
    }
}

/// How often a person at a terminal may try: a mismatch, a rejected password or an empty code
/// is asked again, as sudo and passwd do (three tries). Scripts fail at once.
pub const PROMPT_TRIES: u32 = 3;

/// Ask for a two-factor code on the terminal (codes are one-time, so they are echoed). An empty
/// answer is refused with the reason and asked again, up to [`PROMPT_TRIES`] times.
pub fn prompt_code(prompt: &str, out: &Output) -> Result<Secret> {
    crate::interrupt::guard_terminal();
    for _ in 0..PROMPT_TRIES {
        let code: String = dialoguer::Input::new()
            .with_prompt(prompt)
            .allow_empty(true)
            .interact_text_on(&dialoguer::console::Term::stderr())
            .map_err(prompt_failed)
            .context("failed to read the two-factor code")?;
        let code = code.trim().to_owned();
        if !code.is_empty() {
            return Ok(Secret::new(code));
        }
        let _ = writeln!(
            out.note(),
            "the server needs a two-factor code for this; an empty one is refused"
        );
    }
    Err(Failure::new(Exit::VerificationFailed, "the two-factor code is empty")
        .hint("type the code, or pass `--2fa-code CODE`")
        .into())
}

/// Ask for a plain, non-secret value (a username) on the terminal.
pub fn prompt_text(prompt: &str) -> Result<String> {
    crate::interrupt::guard_terminal();
    dialoguer::Input::new()
        .with_prompt(prompt)
        .interact_text_on(&dialoguer::console::Term::stderr())
        .map_err(prompt_failed)
        .context("failed to read from the terminal")
}

/// Ask a yes/no question on the terminal; anything but yes is no.
pub fn confirm(prompt: &str) -> Result<bool> {
    crate::interrupt::guard_terminal();
    dialoguer::Confirm::new()
        .with_prompt(prompt)
        .default(false)
        .interact_on(&dialoguer::console::Term::stderr())
        .map_err(prompt_failed)
        .context("failed to read from the terminal")
}

fn prompt_hidden(prompt: &str) -> Result<String> {
    crate::interrupt::guard_terminal();
    rpassword::prompt_password(prompt)
        .map_err(|err| prompt_failed(dialoguer::Error::IO(err)))
        .context("failed to read from the terminal")
}

/// A failed terminal read: a signal's own handling wins over the read error it caused.
fn prompt_failed(err: dialoguer::Error) -> std::io::Error {
    let dialoguer::Error::IO(err) = err;
    crate::interrupt::settle_failed_read(err.kind() == std::io::ErrorKind::Interrupted);
    err
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Remove exactly one trailing `\n` or `\r\n`, nothing else (docs/cli.md#secret-inputs).
pub fn strip_one_line_ending(text: &mut String) {
    if text.ends_with("\r\n") {
        text.truncate(text.len() - 2);
    } else if text.ends_with('\n') {
        text.pop();
    }
}

fn read_bounded(reader: impl Read, what: &str, from: &str) -> Result<String> {
    let mut bytes = Vec::with_capacity(256);
    reader
        .take(MAX_SECRET_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("failed to read the {what} from {from}"))?;
    if bytes.len() as u64 > MAX_SECRET_BYTES {
        return Err(Failure::usage(format!(
            "the {what} from {from} is larger than {} KiB",
            MAX_SECRET_BYTES / 1024
        ))
        .into());
    }
    String::from_utf8(bytes)
        .map_err(|_| Failure::usage(format!("the {what} from {from} is not valid UTF-8")).into())
}

fn read_secret_file(path: &Path, what: &str, out: &Output) -> Result<Secret> {
    Ok(Secret::new(std::mem::take(&mut *read_secret_text(path, what, out)?)))
}

/// A secret file's text, not yet registered for scrubbing.
fn read_secret_text(path: &Path, what: &str, out: &Output) -> Result<Zeroizing<String>> {
    let shown = path.display();
    // A regular file only (a FIFO would block, a device never end), opened without blocking.
    let file = crate::input_file::open(path, &format!("{what} file"))
        .map_err(|err| Failure::usage(err.to_string()))?;
    let meta = file
        .metadata()
        .map_err(|err| Failure::usage(format!("cannot read the {what} file `{shown}`: {err}")))?;
    if meta.len() > MAX_SECRET_BYTES {
        return Err(Failure::usage(format!(
            "the {what} file `{shown}` is larger than {} KiB",
            MAX_SECRET_BYTES / 1024
        ))
        .into());
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o044 != 0 {
        out.warn(&format!(
            "the {what} file `{shown}` is readable by other users (mode {mode:04o}); consider `chmod 600`"
        ));
    }
    let mut text = Zeroizing::new(read_bounded(file, what, &format!("`{shown}`"))?);
    strip_one_line_ending(&mut text);
    Ok(text)
}

/// Whether prompting is allowed: stdin and stderr are terminals and `--no-input` was not given.
pub fn terminal_can_prompt(no_input: bool) -> bool {
    !no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_are_kept_and_one_line_ending_is_stripped() {
        let mut text = " pass word \n".to_owned();
        strip_one_line_ending(&mut text);
        assert_eq!(text, " pass word ");
        assert_eq!(
            Secret::new(text).sha256_hex().expose(),
            "50486a3658d0ac16ded7b4ed64e477cb4813df7ab0d09d3ab21c0991d505216c"
        );
        let mut crlf = "x\r\n\r\n".to_owned();
        strip_one_line_ending(&mut crlf);
        assert_eq!(crlf, "x\r\n");
        let mut bare_cr = "x\r".to_owned();
        strip_one_line_ending(&mut bare_cr);
        assert_eq!(bare_cr, "x\r");
    }

    #[test]
    fn oversized_input_is_refused() {
        let big = vec![b'a'; (MAX_SECRET_BYTES + 1) as usize];
        assert!(read_bounded(&big[..], "token", "stdin").is_err());
        let ok = [b'a'; 10];
        assert_eq!(read_bounded(&ok[..], "token", "stdin").unwrap(), "aaaaaaaaaa");
    }
}
