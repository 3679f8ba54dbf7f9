//! The system keyring itself, each call on its own thread and bounded by a timeout: the Secret
//! Service on Linux and the other Unix systems (`secret_service.rs`), the `keyring` crate's
//! platform store on macOS and Windows (`native.rs`).

use std::ffi::{OsStr, OsString};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::{CALL_TIMEOUT, KeyringError, Operation, Problem, failure};
use crate::secret::Secret;

#[cfg(not(all(unix, not(target_os = "macos"))))]
mod native;
#[cfg(all(unix, not(target_os = "macos")))]
mod secret_service;

#[cfg(not(all(unix, not(target_os = "macos"))))]
use native::Backend;
#[cfg(all(unix, not(target_os = "macos")))]
use secret_service::Backend;

/// The system keyring, each call bounded by a timeout. Create one per command: once a call has
/// timed out, the later ones fail at once instead of waiting again.
#[derive(Debug)]
pub struct Keyring {
    timeout: Duration,
    gave_up: AtomicBool,
    /// `DBUS_SESSION_BUS_ADDRESS` as the run began.
    bus: Option<OsString>,
    /// The store, connected by the first call and kept for the others.
    backend: Backend,
}

impl Keyring {
    pub fn new() -> Self {
        Self::on_bus(std::env::var_os("DBUS_SESSION_BUS_ADDRESS"))
    }

    /// A keyring reached through `bus`; `None` is a session without one.
    pub fn on_bus(bus: Option<OsString>) -> Self {
        Self {
            timeout: CALL_TIMEOUT,
            gave_up: AtomicBool::new(false),
            bus,
            backend: Backend::default(),
        }
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
        let (account, token, backend) =
            (context.to_owned(), token.duplicate(), self.backend.clone());
        self.call(move || backend.store(&account, token.expose()))
            .map_err(|problem| failure(Operation::Store, context, problem))
    }

    /// Proves the keyring can store an entry for `context`, before a session is opened for it:
    /// writes a throw-away entry beside the context's own (the account name has a space no
    /// context name has) and deletes it. A bus with no Secret Service, a locked collection or
    /// a keyring that only reads fails here as the real store would.
    pub fn check_writable(&self, context: &str) -> Result<(), KeyringError> {
        let account = format!("{context} (write check)");
        let (probe, backend) = (account.clone(), self.backend.clone());
        self.call(move || backend.store(&probe, "rocketctl checks it can store a token"))
            .map_err(|problem| failure(Operation::Store, context, problem))?;
        // The entry is no secret; one that cannot be deleted again is left, not fatal.
        let backend = self.backend.clone();
        let _ = self.call(move || backend.delete(&account));
        Ok(())
    }

    /// The context's token.
    pub fn read(&self, context: &str) -> Result<Secret, KeyringError> {
        let (account, backend) = (context.to_owned(), self.backend.clone());
        self.call(move || backend.read(&account))
            .map_err(|problem| failure(Operation::Read, context, problem))
    }

    /// Deletes the context's entry; `Ok(false)` when there was none.
    pub fn delete(&self, context: &str) -> Result<bool, KeyringError> {
        let (account, backend) = (context.to_owned(), self.backend.clone());
        self.call(move || backend.delete(&account))
            .map_err(|problem| failure(Operation::Delete, context, problem))
    }

    /// Runs one keyring call on its own thread and waits at most `timeout` for it. The crates'
    /// calls block on D-Bus with no timeout of their own; a call that never returns is left
    /// behind and dies with the process. Without a session bus nothing is tried at all.
    fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, Problem> + Send + 'static,
    ) -> Result<T, Problem> {
        self.reachable()?;
        self.bounded(work)
    }

    /// The timeout half of [`Self::call`].
    fn bounded<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, Problem> + Send + 'static,
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
            Ok(answer) => answer,
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

#[cfg(test)]
mod tests;
