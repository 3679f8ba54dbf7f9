//! A signal at a prompt: put the terminal back the way it was, then end as the signal asks.
//!
//! A no-echo prompt turns terminal echo off (and the line discipline raw). The default action
//! of every signal in [`ENDING`] kills the process before the prompt can turn it back on,
//! leaving the user's shell without echo (an interactive shell repairs its own foreground job,
//! but not one run from a script, `timeout` or another program). So before the first prompt we
//! save the terminal's settings and watch for those signals on a thread (signal-hook), which
//! restores them first.
//!
//! The same watcher speaks for changes in flight (docs/security.md, F12, G9): each sent change
//! that has no answer yet holds an [`InFlight`] guard with the lines to print, prepared by
//! `output.rs`, so that a signal meanwhile says the outcome is unknown and how to check (or,
//! while a rate limit is waited out, that nothing was changed). The client makes those guards
//! for every change it sends; what the change is called and how to check it comes from the
//! caller that knows, through [`changing`]. Files that hold nothing yet ([`remove_if_interrupted`])
//! are removed before the process ends. This module prints those bytes as they are and imports
//! nothing that prints.

use std::cell::RefCell;
use std::fs::File;
use std::io::Write;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, Once, PoisonError};
use std::time::Duration;

use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};
use signal_hook::consts::signal::{
    SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU,
    SIGXFSZ,
};

use signal_hook::iterator::Signals;

use crate::exit::Exit;

/// The signals that end a process by default and can be caught: the watcher restores the
/// terminal before any of them ends it. Not here: SIGPIPE, which the Rust runtime ignores (a
/// closed pipe is an error a write returns, and `kill -PIPE` does nothing); SIGKILL and SIGSTOP,
/// which cannot be caught; the faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS,
/// SIGABRT), which a program raises on itself and must not return from; and SIGIO, Linux's
/// SIGPWR, SIGSTKFLT and real-time signals, which nothing sends a command-line program that
/// did not ask for them.
pub const ENDING: &[i32] = &[
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ,
];

static INSTALL: Once = Once::new();
/// Set by the watcher as soon as a signal arrives, before it restores the terminal.
static SIGNALLED: AtomicBool = AtomicBool::new(false);
/// The changes sent whose answers have not come, in the order they were sent: what a signal
/// must say the outcome of is unknown.
static IN_FLIGHT: Mutex<Vec<Unsettled>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
/// Files made for a secret that has not arrived yet: removed if a signal ends the process first.
static UNWRITTEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

thread_local! {
    /// What the changes this thread sends are, innermost last ([`changing`]).
    static ABOUT: RefCell<Vec<About>> = const { RefCell::new(Vec::new()) };
}

/// How long a failed read waits for the watcher to end the process.
const SETTLE: Duration = Duration::from_secs(2);

/// What a signal says about one change in flight, ready to print (escaped, scrubbed, coloured
/// by `output.rs`): its own line, and the hint for checking it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsettled {
    id: u64,
    line: String,
    hint: String,
}

/// Install the signal watcher (once), saving the terminal's settings when there is one.
pub fn guard_terminal() {
    INSTALL.call_once(|| {
        let tty = File::options().read(true).write(true).open("/dev/tty").ok();
        let saved = tty.as_ref().and_then(|tty| tcgetattr(tty).ok());
        let Ok(mut signals) = Signals::new(ENDING) else {
            return;
        };
        std::thread::spawn(move || {
            let signal = the_signal_sent(&mut signals);
            SIGNALLED.store(true, Ordering::SeqCst);
            restore(tty.as_ref(), saved.as_ref());
            let _ = std::io::stderr().lock().write_all(said_if_in_flight().as_bytes());
            // Held until the process ends: a file being filled now is finished first, and kept.
            let unwritten = UNWRITTEN.lock().unwrap_or_else(PoisonError::into_inner);
            for path in unwritten.iter() {
                let _ = std::fs::remove_file(path);
            }
            crate::scrub::KNOWN.forget_all_if_free();
            finish(signal);
        });
    });
}

/// Wait for the first signals, and pick the one that was sent. A prompt that reads key by key
/// (dialoguer's, through `console`) takes the interrupted read of any signal for a Ctrl-C and
/// raises SIGINT itself: a signal that arrived with that SIGINT (its flag is set before the
/// read is interrupted) is the one to act on.
fn the_signal_sent(signals: &mut Signals) -> i32 {
    loop {
        let arrived: Vec<i32> = signals.wait().chain(signals.pending()).collect();
        if let Some(&first) = arrived.first() {
            return arrived.into_iter().find(|&signal| signal != SIGINT).unwrap_or(first);
        }
    }
}

/// A prompt's read failed. When a signal is the cause (the read was interrupted), the watcher is
/// restoring the terminal and is about to end the process with the signal's exit code: wait for
/// that instead of racing it with a "read failed" error (exit 1). Nothing here can tell when the
/// watcher is done, because what it does last is end the process; a read interrupted by a
/// signal it does not watch returns after [`SETTLE`].
pub fn settle_failed_read(interrupted: bool) {
    if interrupted || SIGNALLED.load(Ordering::SeqCst) {
        std::thread::sleep(SETTLE);
    }
}

/// Mark a change as sent until the guard is dropped: a signal meanwhile prints `line` and
/// `hint` instead of ending silently. Each change holds its own guard, so workers sending in
/// parallel (`apply --parallel`) are each reported, and one finishing does not unmark another.
/// `output.rs` prepares the text (`Output::change_in_flight`).
pub fn change_in_flight(line: String, hint: String) -> InFlight {
    guard_terminal();
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    in_flight().push(Unsettled { id, line, hint });
    InFlight { id }
}

/// A change on its way: dropped when its answer came (or its outcome was settled).
#[must_use = "the change counts as in flight only while the guard lives"]
#[derive(Debug)]
pub struct InFlight {
    id: u64,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        in_flight().retain(|change| change.id != self.id);
    }
}

fn in_flight() -> std::sync::MutexGuard<'static, Vec<Unsettled>> {
    IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What a change is called and how to check it, in plain words (escaped when printed):
/// `the deletion of bob` and `check with `rocketctl admin user show bob``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    pub what: String,
    pub hint: String,
}

/// Name the changes this thread sends until the guard is dropped: the client's marks for them
/// say `what` and `hint` instead of the bare method and endpoint. The innermost name wins. It
/// also installs the watcher, so a signal anywhere in a changing command ends it with its exit
/// code rather than silently.
pub fn changing(what: impl Into<String>, hint: impl Into<String>) -> Changing {
    guard_terminal();
    ABOUT.with_borrow_mut(|about| about.push(About { what: what.into(), hint: hint.into() }));
    Changing { _this_thread: PhantomData }
}

/// The name [`changing`] gave this thread's changes, if any.
pub fn about_this_change() -> Option<About> {
    ABOUT.with_borrow(|about| about.last().cloned())
}

/// A name for this thread's changes, given up when dropped (on the thread that made it).
#[must_use = "the changes are named only while the guard lives"]
#[derive(Debug)]
pub struct Changing {
    _this_thread: PhantomData<*const ()>,
}

impl Drop for Changing {
    fn drop(&mut self) {
        ABOUT.with_borrow_mut(|about| about.pop());
    }
}

/// A file just made to receive a secret (`token create --save FILE`): a signal before the
/// secret is written removes it, so no empty file is left in its way. [`Unwritten::fill`]
/// writes it and keeps it.
pub fn remove_if_interrupted(path: &Path) -> Unwritten {
    guard_terminal();
    unwritten().push(path.to_owned());
    Unwritten { path: path.to_owned() }
}

/// A file [`remove_if_interrupted`] would remove.
#[must_use = "the file is removed on a signal only while the guard lives"]
#[derive(Debug)]
pub struct Unwritten {
    path: PathBuf,
}

impl Unwritten {
    /// Write the file and keep it from then on. The watcher waits while it is written (it
    /// holds the same lock to the end), so a file that holds the secret is never removed.
    pub fn fill<T>(self, write: impl FnOnce() -> T) -> T {
        let mut unwritten = unwritten();
        let written = write();
        unwritten.retain(|path| *path != self.path);
        written
    }
}

impl Drop for Unwritten {
    fn drop(&mut self) {
        unwritten().retain(|path| *path != self.path);
    }
}

fn unwritten() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNWRITTEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One line per change in flight, then a blank line and each distinct hint once (a change
/// waiting out a rate limit has none: nothing to check).
fn said_if_in_flight() -> String {
    let changes = in_flight();
    let mut text: String = changes.iter().map(|change| format!("{}\n", change.line)).collect();
    let mut hints: Vec<&str> = Vec::new();
    for change in changes.iter().filter(|change| !change.hint.is_empty()) {
        if !hints.contains(&change.hint.as_str()) {
            hints.push(&change.hint);
        }
    }
    if !hints.is_empty() {
        text.push('\n');
    }
    for hint in hints {
        text.push_str(hint);
        text.push('\n');
    }
    text
}

fn restore(tty: Option<&File>, saved: Option<&Termios>) {
    let (Some(tty), Some(saved)) = (tty, saved) else {
        return;
    };
    let _ = tcsetattr(tty, OptionalActions::Now, saved);
    // The prompt left the cursor after the question; end the line like a shell does.
    let _ = (&*tty).write_all(b"\n");
}

/// Ctrl-C is exit 130 (the documented code); any other signal ends the process as its default
/// action would, so a parent sees "killed by SIGTERM".
fn finish(signal: i32) -> ! {
    if signal != SIGINT {
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
    std::process::exit(if signal == SIGINT { Exit::Interrupted as i32 } else { 128 + signal })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_keeps_its_own_mark_and_hints_are_said_once() {
        let first = change_in_flight("error: first".into(), "hint: check".into());
        let second = change_in_flight("error: second".into(), "hint: check".into());
        let third = change_in_flight("error: third".into(), "hint: other".into());
        drop(first);
        let said = said_if_in_flight();
        assert_eq!(said, "error: second\nerror: third\n\nhint: check\nhint: other\n");
        drop((second, third));
        assert_eq!(said_if_in_flight(), "");
        // A change that was not sent (a rate limit is waited out) has nothing to check.
        let waiting = change_in_flight("error: waiting".into(), String::new());
        assert_eq!(said_if_in_flight(), "error: waiting\n");
        let sent = change_in_flight("error: sent".into(), "hint: check".into());
        assert_eq!(said_if_in_flight(), "error: waiting\nerror: sent\n\nhint: check\n");
        drop((waiting, sent));
    }

    #[test]
    fn the_innermost_name_of_a_change_wins_on_its_own_thread_only() {
        assert_eq!(about_this_change(), None);
        let outer = changing("the update of bob", "check bob");
        let inner = changing("the token of bob", "check the token");
        assert_eq!(
            about_this_change().map(|about| about.what).as_deref(),
            Some("the token of bob")
        );
        let elsewhere = std::thread::spawn(about_this_change).join().unwrap();
        assert_eq!(elsewhere, None);
        drop(inner);
        assert_eq!(about_this_change().map(|about| about.hint).as_deref(), Some("check bob"));
        drop(outer);
        assert_eq!(about_this_change(), None);
    }

    #[test]
    fn a_file_is_left_for_the_watcher_to_remove_until_it_is_filled() {
        let listed = |path: &Path| unwritten().iter().any(|listed| listed == path);
        let (filled, dropped) =
            (Path::new("/nonexistent/filled"), Path::new("/nonexistent/dropped"));
        let guard = remove_if_interrupted(filled);
        assert!(listed(filled));
        let held = guard.fill(|| UNWRITTEN.try_lock().is_err());
        assert!(held, "the watcher waits while the file is written");
        assert!(!listed(filled));
        let guard = remove_if_interrupted(dropped);
        drop(guard);
        assert!(!listed(dropped));
    }
}
