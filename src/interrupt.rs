//! Ctrl-C at a prompt: put the terminal back the way it was and exit 130.
//!
//! A no-echo prompt turns terminal echo off. The default SIGINT action kills the process before
//! the prompt can turn it back on, leaving the user's shell without echo. So before the first
//! prompt we save the terminal's settings and install a handler that restores them.

#![allow(unsafe_code)] // termios calls are plain FFI; each block below is one libc call.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::sync::Once;

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

fn terminal_settings(tty: &File) -> Option<libc::termios> {
    let mut settings = std::mem::MaybeUninit::<libc::termios>::uninit();
    // SAFETY: tcgetattr writes a full termios into the pointer on success.
    let ok = unsafe { libc::tcgetattr(tty.as_raw_fd(), settings.as_mut_ptr()) } == 0;
    // SAFETY: initialised by the successful call above.
    ok.then(|| unsafe { settings.assume_init() })
}

fn restore_terminal_settings(tty: &File, saved: &libc::termios) {
    // SAFETY: `saved` is a termios read from this same terminal.
    unsafe {
        libc::tcsetattr(tty.as_raw_fd(), libc::TCSANOW, saved);
    }
}
