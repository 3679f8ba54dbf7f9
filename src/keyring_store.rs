//! The token in the system keyring: the Secret Service on Linux (through the `keyring` crate's
//! pure-Rust zbus store), the login keychain on macOS. One entry per context: service
//! [`SERVICE`], account the context name.
//!
//! The 0600 config file stays the dependable baseline. This module only talks to the keyring and
//! says precisely why it could not, so that the caller can refuse (exit 6, with the fix) or fall
//! back to the file out loud; it never falls back by itself.

use std::ffi::OsStr;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use keyring_core::api::CredentialPersistence;

use crate::exit::{Diagnose, Exit};
use crate::secret::Secret;

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
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable(reason) => f.write_str(reason),
            Self::NoAnswer => write!(f, "no answer within {} s", CALL_TIMEOUT.as_secs()),
            Self::Locked(reason) => write!(f, "locked or not set up ({reason})"),
            Self::Missing => f.write_str("no entry for this context"),
            Self::Invalid(reason) => write!(f, "the entry holds no usable token ({reason})"),
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

/// The system keyring, each call bounded by a timeout. Create one per command: once a call has
/// timed out, the later ones fail at once instead of waiting again.
#[derive(Debug)]
pub struct Keyring {
    timeout: Duration,
    gave_up: AtomicBool,
}

impl Keyring {
    pub fn new() -> Self {
        Self::with_timeout(CALL_TIMEOUT)
    }

    fn with_timeout(timeout: Duration) -> Self {
        Self { timeout, gave_up: AtomicBool::new(false) }
    }

    /// Whether there is a keyring to ask at all, without asking it: cheap enough for `auto` to
    /// decide on. A session without a D-Bus session bus (containers, CI, ssh) has none.
    pub fn reachable() -> Result<(), Problem> {
        bus_problem(std::env::var_os("DBUS_SESSION_BUS_ADDRESS").as_deref()).map_or(Ok(()), Err)
    }

    /// Stores `token` as the context's entry, replacing any earlier one.
    pub fn store(&self, context: &str, token: &Secret) -> Result<(), KeyringError> {
        let (account, token) = (context.to_owned(), token.duplicate());
        self.call(move || entry(&account)?.set_password(token.expose()))
            .map_err(|problem| failure(Operation::Store, context, problem))
    }

    /// The context's token.
    pub fn read(&self, context: &str) -> Result<Secret, KeyringError> {
        let account = context.to_owned();
        self.call(move || entry(&account)?.get_password().map(Secret::new))
            .map_err(|problem| failure(Operation::Read, context, problem))
    }

    /// Deletes the context's entry; `Ok(false)` when there was none.
    pub fn delete(&self, context: &str) -> Result<bool, KeyringError> {
        let account = context.to_owned();
        match self.call(move || entry(&account)?.delete_credential()) {
            Ok(()) => Ok(true),
            Err(Problem::Missing) => Ok(false),
            Err(problem) => Err(failure(Operation::Delete, context, problem)),
        }
    }

    /// Runs one keyring call on its own thread and waits at most `timeout` for it. The crate's
    /// calls block on D-Bus with no timeout of their own; a call that never returns is left
    /// behind and dies with the process. Without a session bus nothing is tried at all.
    fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> keyring::Result<T> + Send + 'static,
    ) -> Result<T, Problem> {
        Self::reachable()?;
        self.bounded(work)
    }

    /// The timeout half of [`Self::call`].
    fn bounded<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> keyring::Result<T> + Send + 'static,
    ) -> Result<T, Problem> {
        if self.gave_up.load(Ordering::Relaxed) {
            return Err(Problem::NoAnswer);
        }
        let (sender, receiver) = mpsc::sync_channel(1);
        thread::Builder::new()
            .name("keyring".into())
            .spawn(move || sender.send(work()))
            .map_err(|err| Problem::Unavailable(format!("cannot start a thread: {err}")))?;
        match receiver.recv_timeout(self.timeout) {
            Ok(answer) => answer.map_err(|err| problem_of(&err)),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.gave_up.store(true, Ordering::Relaxed);
                Err(Problem::NoAnswer)
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(Problem::Unavailable("the keyring call ended without an answer".into()))
            }
        }
    }
}

fn failure(operation: Operation, context: &str, problem: Problem) -> KeyringError {
    KeyringError { operation, context: context.to_owned(), problem }
}

/// The entry for a context. The first one connects to the platform's store; a store that would
/// keep the token only in memory (a mock, or the kernel keyring until reboot) is refused.
fn entry(context: &str) -> keyring::Result<keyring::Entry> {
    let entry = keyring::Entry::new(SERVICE, context)?;
    if let Some(store) = keyring_core::get_default_store() {
        check_persistence(&store.persistence())?;
    }
    Ok(entry)
}

fn check_persistence(persistence: &CredentialPersistence) -> keyring::Result<()> {
    match persistence {
        CredentialPersistence::UntilDelete => Ok(()),
        _ => Err(keyring::Error::NotSupportedByStore(
            "the store would not keep the token on disk".into(),
        )),
    }
}

/// `Some` reason when there is no session bus to find a Secret Service on. macOS and Windows
/// keep their keychains without D-Bus.
fn bus_problem(address: Option<&OsStr>) -> Option<Problem> {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return None;
    }
    match address {
        Some(address) if !address.is_empty() => None,
        _ => Some(Problem::Unavailable(
            "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set".into(),
        )),
    }
}

/// Sorts the crate's errors into the few cases rocketctl treats differently.
fn problem_of(err: &keyring::Error) -> Problem {
    use keyring::Error as E;
    match err {
        E::NoEntry => Problem::Missing,
        E::NoStorageAccess(inner) => Problem::Locked(inner.to_string()),
        E::PlatformFailure(inner) => Problem::Unavailable(inner.to_string()),
        E::NoDefaultStore => match keyring::Entry::store_status() {
            Err(cause) if !matches!(cause, E::NoDefaultStore) => problem_of(cause),
            _ => Problem::Unavailable("no credential store on this platform".into()),
        },
        E::BadEncoding(_) => Problem::Invalid("not UTF-8".into()),
        E::Ambiguous(entries) => Problem::Invalid(format!("{} entries match", entries.len())),
        other => Problem::Unavailable(other.to_string()),
    }
}

#[cfg(test)]
mod tests;
