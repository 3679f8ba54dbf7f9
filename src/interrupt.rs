//! A signal at a prompt: put the terminal back the way it was, then end as the signal asks.
//!
//! A no-echo prompt turns terminal echo off (and the line discipline raw). The default action
//! of SIGINT, SIGTERM, SIGHUP or SIGQUIT kills the process before the prompt can turn it back
//! on, leaving the user's shell without echo (an interactive shell repairs its own foreground
//! job, but not one run from a script, `timeout` or another program). So before the first
//! prompt we save the terminal's settings and watch for those signals on a thread
//! (signal-hook), which restores them first.

use std::fs::File;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once, PoisonError};
use std::time::{Duration, Instant};

use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::exit::Exit;
use crate::output::Output;

static INSTALL: Once = Once::new();
/// Set by the watcher as soon as a signal arrives, before it restores the terminal.
static SIGNALLED: AtomicBool = AtomicBool::new(false);
/// Set while a change is on its way and its answer has not come: where a signal must say the
/// outcome is unknown.
static IN_FLIGHT: Mutex<Option<Output>> = Mutex::new(None);

const UNKNOWN: &str = "interrupted after the change was sent, before its answer came: the server may or may not \
     have applied it";
const CHECK: &str = "check with `rocketctl profile show` before running the command again";

/// Install the signal watcher (once), saving the terminal's settings when there is one.
pub fn guard_terminal() {
    INSTALL.call_once(|| {
        let tty = File::options().read(true).write(true).open("/dev/tty").ok();
        let saved = tty.as_ref().and_then(|tty| tcgetattr(tty).ok());
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                SIGNALLED.store(true, Ordering::SeqCst);
                restore(tty.as_ref(), saved.as_ref());
                say_if_in_flight();
                finish(signal);
            }
        });
    });
}

/// A prompt's read failed. When a signal is the cause (the read was interrupted), the watcher is
/// restoring the terminal and is about to end the process with the signal's exit code: wait for
/// it instead of racing it with a "read failed" error (exit 1). Returns when no signal came.
pub fn settle_failed_read(interrupted: bool) {
    if !interrupted && !SIGNALLED.load(Ordering::SeqCst) {
        return;
    }
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Mark a change as sent until the guard is dropped (docs/security.md, F12): a Ctrl-C then says
/// that the outcome is unknown and how to check, instead of ending silently.
pub fn change_in_flight(out: Output) -> InFlight {
    guard_terminal();
    *IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner) = Some(out);
    InFlight
}

pub struct InFlight;

impl Drop for InFlight {
    fn drop(&mut self) {
        *IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

fn say_if_in_flight() {
    if let Some(out) = *IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner) {
        out.error(UNKNOWN, &[], &[CHECK.to_owned()]);
    }
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
