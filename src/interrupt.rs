//! Ctrl-C at a prompt: put the terminal back the way it was and exit 130.
//!
//! A no-echo prompt turns terminal echo off. The default SIGINT action kills the process before
//! the prompt can turn it back on, leaving the user's shell without echo. So before the first
//! prompt we save the terminal's settings and install a handler that restores them.

use std::fs::File;
use std::sync::Once;

use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};

use crate::error::Exit;

static INSTALL: Once = Once::new();

/// Install the Ctrl-C handler (once). Without a controlling terminal it does nothing.
pub fn guard_terminal() {
    INSTALL.call_once(|| {
        let Ok(tty) = File::options().read(true).write(true).open("/dev/tty") else {
            return;
        };
        let Some(saved) = terminal_settings(&tty) else {
            return;
        };
        let _ = ctrlc::set_handler(move || {
            restore_terminal_settings(&tty, &saved);
            // The prompt left the cursor after the question; end the line like a shell does.
            let _ = std::io::Write::write_all(&mut &tty, b"\n");
            std::process::exit(Exit::Interrupted as i32);
        });
    });
}

fn terminal_settings(tty: &File) -> Option<Termios> {
    tcgetattr(tty).ok()
}

fn restore_terminal_settings(tty: &File, saved: &Termios) {
    let _ = tcsetattr(tty, OptionalActions::Now, saved);
}
