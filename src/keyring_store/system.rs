//! The system keyring itself: the `keyring` crate's platform store, each call on its own thread
//! and bounded by a timeout.

use std::ffi::{OsStr, OsString};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use keyring_core::api::CredentialPersistence;

use super::{CALL_TIMEOUT, KeyringError, Operation, Problem, SERVICE, failure};
use crate::secret::Secret;

/// The system keyring, each call bounded by a timeout. Create one per command: once a call has
/// timed out, the later ones fail at once instead of waiting again.
#[derive(Debug)]
pub struct Keyring {
    timeout: Duration,
    gave_up: AtomicBool,
    /// `DBUS_SESSION_BUS_ADDRESS` as the run began.
    bus: Option<OsString>,
}

impl Keyring {
    pub fn new() -> Self {
        Self::on_bus(std::env::var_os("DBUS_SESSION_BUS_ADDRESS"))
    }

    /// A keyring reached through `bus`; `None` is a session without one.
    pub fn on_bus(bus: Option<OsString>) -> Self {
        Self { timeout: CALL_TIMEOUT, gave_up: AtomicBool::new(false), bus }
    }

    #[cfg(test)]
    fn with_timeout(timeout: Duration) -> Self {
        Self { timeout, ..Self::new() }
    }

    /// Whether there is a keyring to ask at all, without asking it. A session without a D-Bus
    /// session bus (containers, CI, ssh) has none.
    fn reachable(&self) -> Result<(), Problem> {
        bus_problem(self.bus.as_deref()).map_or(Ok(()), Err)
    }

    /// Stores `token` as the context's entry, replacing any earlier one.
    pub fn store(&self, context: &str, token: &Secret) -> Result<(), KeyringError> {
        let (account, token) = (context.to_owned(), token.duplicate());
        self.call(move || entry(&account)?.set_password(token.expose()))
            .map_err(|problem| failure(Operation::Store, context, problem))
    }

    /// Proves the keyring can store an entry for `context`, before a session is opened for it:
    /// writes a throw-away entry beside the context's own (the account name has a space no
    /// context name has) and deletes it. A bus with no Secret Service, a locked collection or
    /// a keyring that only reads fails here as the real store would.
    pub fn check_writable(&self, context: &str) -> Result<(), KeyringError> {
        let account = format!("{context} (write check)");
        let probe = account.clone();
        self.call(move || entry(&probe)?.set_password("rocketctl checks it can store a token"))
            .map_err(|problem| failure(Operation::Store, context, problem))?;
        // The entry is no secret; one that cannot be deleted again is left, not fatal.
        let _ = self.call(move || entry(&account)?.delete_credential());
        Ok(())
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
        self.reachable()?;
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
