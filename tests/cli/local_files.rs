//! Local inputs are regular files (or standard input where `-` is offered) of a stated size:
//! `diff`/`apply -f`, `api --input` and `-F KEY=@FILE`, avatar images in a desired-state file and
//! `profile avatar set`. A FIFO, a directory or a device is exit 2 at once naming the file and
//! what it is; an oversized input is exit 2 naming the limit; nothing is sent either way.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use crate::common::{Ran, TestEnv, logged_in, ran, wait_until};
use crate::support::Mode;

/// Long enough for a refusal, short enough that a command blocked on a FIFO fails the test
/// quickly instead of holding it for a minute.
const LIMIT: Duration = Duration::from_secs(15);

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(made.success());
}

/// A FIFO, the home directory and `/dev/zero`, each with the words that name what it is.
fn not_files(env: &TestEnv) -> Vec<(PathBuf, &'static str)> {
    let fifo = env.home.path().join("input.fifo");
    if !fifo.exists() {
        mkfifo(&fifo);
    }
    vec![
        (fifo, "is a FIFO (named pipe), not a regular file"),
        (env.home.path().to_path_buf(), "is a directory, not a regular file"),
        (PathBuf::from("/dev/zero"), "is a character device, not a regular file"),
    ]
}

/// `rocketctl ARGS` with standard input from `stdin` (a path), or none; killed after [`LIMIT`].
fn rocketctl(env: &TestEnv, args: &[&str], stdin: Option<&Path>) -> Ran {
    let mut cmd = env.process();
    cmd.args(args).stdout(Stdio::piped());
    if let Some(path) = stdin {
        cmd.stdin(Stdio::from(std::fs::File::open(path).expect("stdin opens")));
    }
    let mut child = cmd.spawn().expect("rocketctl starts");
    // The output is a few lines, well within a pipe's buffer, so polling cannot deadlock.
    let ended =
        wait_until(LIMIT, || child.try_wait().expect("the child can be waited on").is_some());
    if !ended {
        child.kill().expect("the child can be killed");
    }
    ran(&child.wait_with_output().expect("the output is read"))
}

/// The command is refused as a usage error, saying `says`, and sends nothing.
fn refused(env: &TestEnv, args: &[&str], stdin: Option<&Path>, says: &str) {
    let before = env.server.requests().len();
    let ran = rocketctl(env, args, stdin);
    assert_eq!(ran.code, 2, "{args:?}: {ran:?}");
    assert!(ran.stderr.contains(says), "{args:?} should say {says:?}: {ran:?}");
    assert_eq!(env.server.requests().len(), before, "{args:?} sent something");
}

#[test]
fn g3_a_desired_state_file_that_is_not_a_regular_file_is_refused_at_once() {
    let env = logged_in(Mode::V8);
    for (path, says) in not_files(&env) {
        let file = path.to_str().unwrap();
        for command in ["diff", "apply"] {
            refused(&env, &[command, "-f", file], None, &format!("{file}: it {says}"));
        }
    }
}

#[test]
fn g3_a_desired_state_file_over_16_mib_is_refused_from_a_file_or_stdin() {
    let env = logged_in(Mode::V8);
    let big = env.home.path().join("big.toml");
    let mut text = "version = 1\n".to_owned().into_bytes();
    text.resize(16 * 1024 * 1024 + 1, b'\n');
    std::fs::write(&big, &text).unwrap();
    let file = big.to_str().unwrap();
    refused(&env, &["diff", "-f", file], None, "it is larger than 16 MiB");
    refused(&env, &["apply", "-f", "-"], Some(&big), "stdin: it is larger than 16 MiB");
    // A stream that never ends stops at the limit too.
    refused(&env, &["diff", "-f", "-"], Some(Path::new("/dev/zero")), "larger than 16 MiB");
}

#[test]
fn g3_api_inputs_that_are_not_regular_files_or_too_large_are_refused() {
    let env = logged_in(Mode::V8);
    for (path, says) in not_files(&env) {
        let file = path.to_str().unwrap();
        refused(&env, &["api", "users.update", "--input", file], None, &format!("it {says}"));
        let field = format!("bio=@{file}");
        refused(&env, &["api", "users.update", "-F", &field], None, &format!("it {says}"));
    }
    let big = env.home.path().join("big.json");
    std::fs::write(&big, vec![b' '; 16 * 1024 * 1024 + 1]).unwrap();
    let file = big.to_str().unwrap();
    refused(&env, &["api", "x", "--input", file], None, "it is larger than 16 MiB");
    refused(&env, &["api", "x", "-F", &format!("k=@{file}")], None, "it is larger than 16 MiB");
    let zero = Some(Path::new("/dev/zero"));
    refused(&env, &["api", "x", "--input", "-"], zero, "it is larger than 16 MiB");
    refused(&env, &["api", "x", "-F", "k=@-"], zero, "it is larger than 16 MiB");
}

#[test]
fn g4_an_avatar_that_is_a_fifo_or_a_device_is_refused_before_anything_is_sent() {
    let env = logged_in(Mode::V8);
    for (path, says) in not_files(&env) {
        let image = path.to_str().unwrap();
        refused(&env, &["profile", "avatar", "set", image], None, &format!("`{image}` {says}"));
        let desired = env.home.path().join("avatar.toml");
        let text = format!("version = 1\n[profile]\navatar = {{ file = \"{image}\" }}\n");
        std::fs::write(&desired, text).unwrap();
        for command in ["diff", "apply"] {
            let file = desired.to_str().unwrap();
            refused(&env, &[command, "-f", file], None, &format!("`{image}` {says}"));
        }
    }
}

#[test]
fn g4_an_avatar_over_20_mib_is_refused_before_anything_is_sent() {
    let env = logged_in(Mode::V8);
    let big = env.home.path().join("big.png");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(20 * 1024 * 1024 + 1, 0);
    std::fs::write(&big, png).unwrap();
    let desired = env.home.path().join("avatar.toml");
    std::fs::write(&desired, "version = 1\n[profile]\navatar = { file = \"big.png\" }\n").unwrap();
    refused(&env, &["profile", "avatar", "set", big.to_str().unwrap()], None, "larger than 20 MiB");
    refused(&env, &["diff", "-f", desired.to_str().unwrap()], None, "larger than 20 MiB");
}
