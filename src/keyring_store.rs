//! The token in the system keyring: the Secret Service on Linux (through the `keyring` crate's
//! pure-Rust zbus store), the login keychain on macOS. One entry per context: service
//! [`SERVICE`], account the context name.
//!
//! The 0600 config file stays the dependable baseline. This module only talks to the keyring and
//! says precisely why it could not, so that the caller can refuse (exit 6, with the fix) or fall
//! back to the file out loud; it never falls back by itself.
//!
//! The keyring is the default-on cargo feature `keyring` (`system.rs`). A build without it
//! (`--no-default-features`: no D-Bus stack) has a [`Keyring`] whose every call answers
//! [`Problem::NotBuilt`] (`absent.rs`).

use std::fmt;
use std::time::Duration;

use crate::exit::{Diagnose, Exit};

#[cfg(not(feature = "keyring"))]
mod absent;
#[cfg(feature = "keyring")]
mod system;

#[cfg(not(feature = "keyring"))]
pub use absent::Keyring;
#[cfg(feature = "keyring")]
pub use system::Keyring;

/// Whether this rocketctl was built with the system keyring (the `keyring` cargo feature).
pub const BUILT_IN: bool = cfg!(feature = "keyring");

/// The `service` of every rocketctl entry; the account (`username` attribute) is the context.
pub const SERVICE: &str = "rocketctl";

/// How long one keyring call may take. A D-Bus that accepts and never answers, or a prompt
/// nobody can see, must not hang the command; 3 s is gh's value (cli/cli#7580).
const CALL_TIMEOUT: Duration = Duration::from_secs(3);

/// What was asked of the keyring, for the error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Store,
    Read,
    Delete,
}

/// Why the keyring could not do it. Its `Display` is a short reason, fit for
/// `no usable system keyring (<reason>)`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    not(feature = "keyring"),
    expect(dead_code, reason = "without a keyring every call is NotBuilt")
)]
pub enum Problem {
    /// Nothing to talk to: no session bus, no Secret Service on it, or it failed outright.
    Unavailable(String),
    /// It did not answer within [`CALL_TIMEOUT`].
    NoAnswer,
    /// It answered but refused access: a locked collection, or no default collection, and no
    /// unlock prompt could be shown (none can without a display).
    Locked(String),
    /// No entry for the context: never stored, or deleted outside rocketctl.
    Missing,
    /// An entry exists but does not hold one usable token.
    Invalid(String),
    /// This rocketctl was built without the `keyring` feature.
    NotBuilt,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable(reason) => f.write_str(reason),
            Self::NoAnswer => write!(f, "no answer within {} s", CALL_TIMEOUT.as_secs()),
            Self::Locked(reason) => write!(f, "locked or not set up ({reason})"),
            Self::Missing => f.write_str("no entry for this context"),
            Self::Invalid(reason) => write!(f, "the entry holds no usable token ({reason})"),
            Self::NotBuilt => f.write_str(
                "this rocketctl was built without keyring support (the `keyring` cargo feature)",
            ),
        }
    }
}

/// A keyring call that failed, naming the context it was for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct KeyringError {
    pub operation: Operation,
    pub context: String,
    pub problem: Problem,
}

impl fmt::Display for KeyringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (verb, preposition) = match self.operation {
            Operation::Store => ("store", "in"),
            Operation::Read => ("read", "from"),
            Operation::Delete => ("delete", "from"),
        };
        write!(
            f,
            "cannot {verb} the token of context \"{}\" {preposition} the system keyring: {}",
            self.context, self.problem
        )
    }
}

/// A token that cannot be stored or read is a configuration error (exit 6), as the contract
/// says for a keyring that is gone or locked.
impl Diagnose for KeyringError {
    fn exit(&self) -> Exit {
        Exit::Config
    }

    fn hints(&self) -> Vec<String> {
        Self::hints(self)
    }
}

impl KeyringError {
    /// What the user can do about it.
    pub fn hints(&self) -> Vec<String> {
        let context = &self.context;
        let login = format!("rocketctl login --context {context}");
        match self.operation {
            Operation::Read if self.problem == Problem::NotBuilt => vec![format!(
                "run `{login} --store file` to keep the token in the config file (mode 0600), \
                 or use a rocketctl built with the `keyring` feature"
            )],
            Operation::Read => {
                let mut hints = vec![format!("run `{login}` to log in again")];
                if !matches!(self.problem, Problem::Missing | Problem::Invalid(_)) {
                    hints.push(format!(
                        "or `{login} --store file` to keep the token in the config file (mode 0600)"
                    ));
                }
                hints
            }
            Operation::Store => vec![format!(
                "log in with `--store file` to keep the token in the config file (mode 0600) \
                 instead: `{login} --store file`"
            )],
            Operation::Delete => vec![format!(
                "the entry may remain: service \"{SERVICE}\", account \"{context}\" \
                 (e.g. `secret-tool clear service {SERVICE} username {context}`)"
            )],
        }
    }
}

fn failure(operation: Operation, context: &str, problem: Problem) -> KeyringError {
    KeyringError { operation, context: context.to_owned(), problem }
}

#[cfg(test)]
mod tests;
