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
use std::sync::Once;

use rustix::termios::{OptionalActions, tcgetattr, tcsetattr};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::exit::Exit;

static INSTALL: Once = Once::new();

/// Install the signal watcher (once). Without a controlling terminal it does nothing.
pub fn guard_terminal() {
    INSTALL.call_once(|| {
        let Ok(tty) = File::options().read(true).write(true).open("/dev/tty") else {
            return;
        };
        let Ok(saved) = tcgetattr(&tty) else {
            return;
        };
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _ = tcsetattr(&tty, OptionalActions::Now, &saved);
                // The prompt left the cursor after the question; end the line like a shell does.
                let _ = (&tty).write_all(b"\n");
                finish(signal);
            }
        });
    });
}

/// Ctrl-C is exit 130 (the documented code); any other signal ends the process as its default
/// action would, so a parent sees "killed by SIGTERM".
fn finish(signal: i32) -> ! {
    if signal != SIGINT {
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
    std::process::exit(if signal == SIGINT { Exit::Interrupted as i32 } else { 128 + signal })
}
