//! Behaviours the integration tests switch on with `ROCKETCTL_TEST_*` variables: a forced panic
//! while secrets are held, stops and stalls at each step of a config write, a fake full disk, a
//! short lock timeout, a fixed retry sleep, a short two-factor code life and small paging limits.
//!
//! They exist only in debug builds (what `cargo test` runs). A release build compiles
//! [`TestHooks::from_env`] to "no hooks", so the variables have no effect on a shipped binary:
//! nobody who controls a user's environment can make it panic or hold the config lock.

use std::time::Duration;

/// A point in a config write where a test can stop or stall the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStep {
    /// The temp file exists and holds the new text, not yet synced.
    AfterWrite,
    /// The temp file is complete; the rename has not happened.
    BeforeRename,
}

/// What a test asked for at a write step.
#[cfg_attr(
    not(debug_assertions),
    expect(dead_code, reason = "a release build never reads the hooks")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// Fail the write with an error at this step.
    Stop(WriteStep),
    /// Sleep for minutes at this step, so a test can SIGKILL the process there.
    Hang(WriteStep),
    /// Fail creating the temp file's contents as a full disk does.
    DiskFull,
    /// Keep the lock for a few seconds after taking it.
    HoldLock,
}

#[derive(Debug, Clone, Default)]
pub struct TestHooks {
    fault: Option<Fault>,
    panic: bool,
    retry_sleep: Option<Duration>,
    lock_timeout: Option<Duration>,
    code_life: Option<Duration>,
    page_limits: Option<PageLimits>,
}

/// Paging limits a test sets instead of the real ones: pages, items, bytes.
pub type PageLimits = (u64, u64, u64);

impl TestHooks {
    /// The hooks named by the environment (debug builds only).
    #[cfg(debug_assertions)]
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let ms = |name: &str| var(name).and_then(|v| v.parse().ok()).map(Duration::from_millis);
        Self {
            fault: var("ROCKETCTL_TEST_FAIL_AT").as_deref().and_then(parse_fault),
            panic: var("ROCKETCTL_TEST_PANIC").is_some(),
            retry_sleep: ms("ROCKETCTL_TEST_RETRY_SLEEP_MS"),
            lock_timeout: ms("ROCKETCTL_TEST_LOCK_TIMEOUT_MS"),
            code_life: ms("ROCKETCTL_TEST_CODE_LIFE_MS"),
            page_limits: var("ROCKETCTL_TEST_PAGE_LIMITS").as_deref().and_then(parse_page_limits),
        }
    }

    /// A release build has no hooks: the variables are never read.
    #[cfg(not(debug_assertions))]
    pub fn from_env() -> Self {
        Self::default()
    }

    /// A fixed sleep between retries instead of the backoff schedule.
    pub fn retry_sleep(&self) -> Option<Duration> {
        self.retry_sleep
    }

    /// How long a two-factor code lives, instead of its method's real life.
    pub fn code_life(&self) -> Option<Duration> {
        self.code_life
    }

    /// Paging limits (pages, items, bytes) instead of the real ones, so a test reaches them fast.
    pub fn page_limits(&self) -> Option<PageLimits> {
        self.page_limits
    }

    /// How long to wait for the config lock instead of the default.
    pub fn lock_timeout(&self) -> Option<Duration> {
        self.lock_timeout
    }

    /// Panic while `held` (secrets) is in memory, to check a panic never prints them.
    pub fn panic_holding(&self, held: &dyn std::fmt::Debug) {
        assert!(!self.panic, "test hook: forced panic holding {held:?}");
    }

    /// Before writing the temp file: a fake full disk.
    pub fn before_write(&self) -> std::io::Result<()> {
        if self.fault == Some(Fault::DiskFull) {
            return Err(std::io::Error::from(rustix::io::Errno::NOSPC));
        }
        Ok(())
    }

    /// At `step` of a write: stop with an error, or stall.
    pub fn at(&self, step: WriteStep) -> std::io::Result<()> {
        match self.fault {
            Some(Fault::Stop(at)) if at == step => {
                Err(std::io::Error::other(format!("test hook: stopped at {step:?}")))
            }
            Some(Fault::Hang(at)) if at == step => {
                std::thread::sleep(Duration::from_secs(600));
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Just after taking the config lock: hold it a while, so another writer has to wait.
    pub fn after_lock(&self) {
        if self.fault == Some(Fault::HoldLock) {
            std::thread::sleep(Duration::from_secs(3));
        }
    }
}

#[cfg(debug_assertions)]
fn parse_fault(text: &str) -> Option<Fault> {
    let step = |name: &str| match name {
        "after-write" => Some(WriteStep::AfterWrite),
        "before-rename" => Some(WriteStep::BeforeRename),
        _ => None,
    };
    match text {
        "disk-full" => Some(Fault::DiskFull),
        "hold-lock" => Some(Fault::HoldLock),
        _ => match text.strip_prefix("hang-") {
            Some(name) => step(name).map(Fault::Hang),
            None => step(text).map(Fault::Stop),
        },
    }
}

/// `PAGES,ITEMS,BYTES`, e.g. `5,100000,1048576`.
#[cfg(debug_assertions)]
fn parse_page_limits(text: &str) -> Option<PageLimits> {
    let numbers: Vec<u64> =
        text.split(',').map(|n| n.trim().parse().ok()).collect::<Option<_>>()?;
    match numbers.as_slice() {
        [pages, items, bytes] => Some((*pages, *items, *bytes)),
        _ => None,
    }
}

#[cfg(all(test, debug_assertions))]
mod tests {
    use super::*;

    #[test]
    fn fault_names() {
        assert_eq!(parse_fault("disk-full"), Some(Fault::DiskFull));
        assert_eq!(parse_fault("hold-lock"), Some(Fault::HoldLock));
        assert_eq!(parse_fault("after-write"), Some(Fault::Stop(WriteStep::AfterWrite)));
        assert_eq!(parse_fault("hang-before-rename"), Some(Fault::Hang(WriteStep::BeforeRename)));
        assert_eq!(parse_fault("hang-nowhere"), None);
    }

    #[test]
    fn page_limits_are_three_numbers() {
        assert_eq!(parse_page_limits("5, 100,2048"), Some((5, 100, 2048)));
        assert_eq!(parse_page_limits("5,100"), None);
        assert_eq!(parse_page_limits("a,b,c"), None);
    }

    #[test]
    fn a_stop_fails_only_its_own_step() {
        let hooks =
            TestHooks { fault: Some(Fault::Stop(WriteStep::AfterWrite)), ..TestHooks::default() };
        assert!(hooks.at(WriteStep::AfterWrite).is_err());
        assert!(hooks.at(WriteStep::BeforeRename).is_ok());
        assert!(hooks.before_write().is_ok());
    }
}
