//! A reader that went away: stdout or stderr is a pipe whose read end is already closed, so
//! every write fails with EPIPE at once (no race with a `head` that may or may not have read).

use std::io::{PipeWriter, pipe};
use std::process::{Output, Stdio};

use crate::common::{Env, logged_in};
use crate::support::Mode;

/// The write end of a pipe nobody reads.
fn closed_pipe() -> PipeWriter {
    let (reader, writer) = pipe().expect("a pipe");
    drop(reader);
    writer
}

fn run_with(env: &Env, args: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    env.process().args(args).stdout(stdout).stderr(stderr).output().expect("rocketctl runs")
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let env = logged_in(Mode::V8);
    for args in [&["profile", "show"][..], &["completions", "bash"], &["help", "environment"]] {
        let output = run_with(&env, args, closed_pipe().into(), Stdio::piped());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("error") && !stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_closed_stderr_neither_aborts_nor_hides_the_data() {
    let env = logged_in(Mode::V8);
    // `-v` writes the HTTP trace to stderr before the table goes to stdout.
    let output = run_with(&env, &["-v", "profile", "show"], Stdio::piped(), closed_pipe().into());
    assert_eq!(output.status.code(), Some(0), "no abort, no panic");
    assert!(String::from_utf8_lossy(&output.stdout).contains("jane"), "the data still arrives");

    // A failure still exits with its own code when its message cannot be written.
    let fresh = Env::new(Mode::V8);
    let output = run_with(&fresh, &["profile", "show"], Stdio::piped(), closed_pipe().into());
    assert_eq!(output.status.code(), Some(3), "not logged in");
}
