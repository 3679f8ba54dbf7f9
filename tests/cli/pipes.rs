//! A closed pipe on stdout or stderr (`rocketctl … | head -1`): rocketctl ends quietly with the
//! exit code of what it did, never a panic or an abort. Each pipe's reader is closed before
//! rocketctl starts, so the very first write fails with EPIPE, whatever the buffer sizes.

use std::io::PipeWriter;
use std::process::Stdio;

use crate::common::{PASSWORD, logged_in, ran};
use crate::support::Mode;

/// The write end of a pipe nobody will ever read.
fn closed_pipe() -> PipeWriter {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer
}

#[test]
fn a_closed_stdout_ends_quietly_with_success() {
    let env = logged_in(Mode::V8);
    for args in [
        &["profile", "show"][..],
        &["profile", "show", "-o", "json"],
        &["help", "exit-codes"],
        &["completions", "bash"],
    ] {
        let output = env.process().args(args).stdout(closed_pipe()).output().unwrap();
        let ran = ran(&output);
        assert_eq!(ran.code, 0, "{args:?}: {ran:?}");
        assert_eq!(ran.stderr, "", "{args:?}: nothing to say about a reader that left");
    }
}

#[test]
fn a_closed_stderr_after_a_change_ends_quietly_with_its_exit_code() {
    let env = logged_in(Mode::V8);
    let output = env
        .process()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args(["profile", "update", "--nickname", "piped"])
        .stdout(Stdio::piped())
        .stderr(closed_pipe())
        .output()
        .unwrap();
    let ran = ran(&output);
    assert_eq!(ran.code, 0, "the change was made, so the exit code says so: {ran:?}");
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("piped"));
}

#[test]
fn a_closed_stderr_keeps_the_exit_code_of_a_failure() {
    let env = crate::common::TestEnv::new(Mode::V8);
    let output = env.process().args(["profile", "show"]).stderr(closed_pipe()).output().unwrap();
    assert_eq!(ran(&output).code, 3, "not logged in, though the error could not be shown");
}

#[test]
fn a_closed_stderr_under_verbose_still_delivers_the_data() {
    let env = logged_in(Mode::V8);
    // `-v` writes the HTTP trace to stderr before the table goes to stdout.
    let output = env
        .process()
        .args(["-v", "profile", "show"])
        .stdout(Stdio::piped())
        .stderr(closed_pipe())
        .output()
        .unwrap();
    assert_eq!(ran(&output).code, 0, "no abort, no panic");
    assert!(String::from_utf8_lossy(&output.stdout).contains("jane"), "the data still arrives");
}
