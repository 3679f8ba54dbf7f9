//! What users read, pinned whole: the rendered error (`error:`, `caused by:`, `hint:` lines)
//! for one representative failure per exit code, `status`, the dry run and `help exit-codes`.
//! Exit 130 (Ctrl-C) needs a terminal: its snapshot is in terminal.rs.
//! Review a changed snapshot with `cargo insta review` (or read the `.snap.new` file).

use crate::common::{
    ClosedPort, PASSWORD, TestEnv, assert_ran_snapshot, logged_in, login_args_at, run,
};
use crate::support::{Fault, Mode};

#[test]
fn exit_1_an_unexpected_answer_to_a_change() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::NonJson200, 1);
    assert_ran_snapshot!("exit_1", env.profile(&["update", "--nickname", "portal"]));
}

#[test]
fn exit_2_no_password_and_no_terminal() {
    let env = TestEnv::new(Mode::V8);
    assert_ran_snapshot!("exit_2", run(env.cmd().args(env.login_args("jane"))));
}

#[test]
fn exit_3_not_logged_in() {
    let env = TestEnv::new(Mode::V8);
    assert_ran_snapshot!("exit_3", run(env.cmd().args(["profile", "show"])));
}

#[test]
fn exit_4_a_wrong_current_password() {
    let env = logged_in(Mode::V8);
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", "wrong").args([
        "profile",
        "set-email",
        "x@example.org",
    ]));
    assert_ran_snapshot!("exit_4", ran);
}

#[test]
fn exit_5_a_change_the_server_does_not_allow() {
    let env = logged_in(Mode::V8);
    env.server.state().settings.allow_email_change = false;
    assert_ran_snapshot!("exit_5", env.profile(&["set-email", "new@example.org"]));
}

#[test]
fn exit_6_a_config_that_is_a_directory() {
    let env = TestEnv::new(Mode::V8);
    let dir = env.home.path().join("dir.toml");
    std::fs::create_dir(&dir).unwrap();
    let ran = run(env.cmd().args(["--config", dir.to_str().unwrap(), "context", "list"]));
    assert_ran_snapshot!("exit_6", ran);
}

#[test]
fn exit_7_a_refused_connection() {
    let env = TestEnv::new(Mode::V8);
    let closed = ClosedPort::new();
    let ran = run(env
        .cmd()
        .args(login_args_at(&closed.url(), "jane"))
        .arg("--password-stdin")
        .write_stdin(PASSWORD));
    assert_ran_snapshot!("exit_7", ran);
}

#[test]
fn exit_8_rate_limited_beyond_max_wait() {
    let env = logged_in(Mode::V8);
    let body = r#"{"success":false,"error":"Too many requests"}"#;
    let fault = Fault::Respond {
        status: 429,
        content_type: "application/json".into(),
        body: body.into(),
        headers: vec![("Retry-After".into(), "3600".into())],
    };
    env.server.inject("users.updateOwnBasicInfo", fault, 1);
    assert_ran_snapshot!("exit_8", env.profile(&["update", "--nickname", "x"]));
}

#[test]
fn exit_9_an_answer_lost_and_no_way_to_check() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::DropAfterApply, 1);
    env.server.inject_after("me", 1, Fault::Html502, 10);
    assert_ran_snapshot!("exit_9", env.profile(&["set-email", "unknown@example.org"]));
}

#[test]
fn status_as_table_and_json() {
    let env = logged_in(Mode::V8);
    assert_ran_snapshot!("status", run(env.cmd().arg("status")));
    assert_ran_snapshot!("status_json", run(env.cmd().args(["status", "-o", "json"])));
}

#[test]
fn dry_run_as_table_and_json() {
    let env = logged_in(Mode::V8);
    let args = ["update", "--nickname", "D", "--email", "d@example.org", "--dry-run"];
    assert_ran_snapshot!("dry_run", env.profile(&args));
    assert_ran_snapshot!("dry_run_json", env.profile(&[&args[..], &["-o", "json"]].concat()));
}

#[test]
fn help_exit_codes() {
    let env = TestEnv::new(Mode::V8);
    assert_ran_snapshot!("help_exit_codes", run(env.cmd().args(["help", "exit-codes"])));
}

#[test]
fn an_error_with_its_cause() {
    // Reading /proc/self/mem from offset 0 always fails with EIO: a read error with a cause.
    let env = TestEnv::new(Mode::V8);
    let ran =
        run(env.cmd().args(env.login_args("jane")).args(["--password-file", "/proc/self/mem"]));
    assert_ran_snapshot!("caused_by", ran);
}
