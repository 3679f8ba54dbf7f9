//! Hints that point the right way, network errors said once, and output that says what changed
//! (logout twice, JSON errors on stdout, camelCase keys, bold headers only on request).

use crate::common::{
    ClosedPort, PASSWORD, TestEnv, assert_ran_snapshot, json_out, logged_in, login_args_at, run,
};
use crate::support::Mode;
use crate::terminal::on_terminal;

#[test]
fn after_logout_plain_login_is_the_hint() {
    let env = logged_in(Mode::V8);
    assert_eq!(run(env.cmd().arg("logout")).code, 0);
    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(!ran.stderr.contains("--server"), "the context keeps the server: {ran:?}");
    assert_ran_snapshot!("hint_after_logout", ran);
}

#[test]
fn logout_when_already_logged_out_is_a_note_and_exit_0() {
    let env = logged_in(Mode::V8);
    assert_eq!(run(env.cmd().arg("logout")).code, 0);
    let ran = run(env.cmd().arg("logout"));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stderr, "note: already logged out of context `test`\n", "{ran:?}");
    assert_eq!(env.server.requests_to("logout").len(), 1, "nothing sent the second time");
    let fresh = TestEnv::new(Mode::V8);
    let ran = run(fresh.cmd().arg("logout"));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.starts_with("note: not logged in"), "{ran:?}");
}

#[test]
fn with_no_current_context_the_hint_is_context_use() {
    let env = TestEnv::new(Mode::V8);
    env.login_as("jane", PASSWORD, "work");
    env.login_as("jane", PASSWORD, "home");
    let removed = run(env.cmd().args(["context", "remove", "home"]));
    assert_eq!(removed.code, 0, "{removed:?}");
    assert!(removed.stderr.contains("it was the current context; none is current now"));
    assert!(removed.stderr.contains("`rocketctl context use work`"), "{removed:?}");
    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert_ran_snapshot!("hint_no_current_context", ran);
}

#[test]
fn with_environment_credentials_login_is_never_suggested() {
    let env = logged_in(Mode::V8);
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_URL", env.server.url())
        .env("ROCKETCHAT_USER_ID", "nobody")
        .env("ROCKETCHAT_AUTH_TOKEN", "not-a-token")
        .args(["profile", "show"]));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(!ran.stderr.contains("rocketctl login"), "{ran:?}");
    assert!(ran.stderr.contains("ROCKETCHAT_AUTH_TOKEN"), "{ran:?}");
    assert!(!ran.stderr.contains("not-a-token"), "{ran:?}");
}

#[test]
fn tls_to_a_plain_http_server_suggests_http() {
    let env = TestEnv::new(Mode::V8);
    let https = env.server.url().replacen("http://", "https://", 1);
    let ran = run(env
        .cmd()
        .args(login_args_at(&https, "jane"))
        .arg("--password-stdin")
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(!ran.stderr.contains("retrying"), "{ran:?}");
    assert_ran_snapshot!("hint_plain_http", ran);
}

#[test]
fn an_unresolvable_host_is_not_retried() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env
        .cmd()
        .args(login_args_at("http://rocketctl-test.invalid", "jane"))
        .arg("--password-stdin")
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(!ran.stderr.contains("retrying"), "DNS failures do not heal in a second: {ran:?}");
    assert!(ran.stderr.contains("cannot find the host of http://rocketctl-test.invalid"));
}

#[test]
fn a_refused_connection_is_announced_once_and_named_once() {
    let env = TestEnv::new(Mode::V8);
    let closed = ClosedPort::new();
    let ran = run(env
        .cmd()
        .args(login_args_at(&closed.url(), "jane"))
        .arg("--password-stdin")
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 7, "{ran:?}");
    let verbose = run(env
        .cmd()
        .args(login_args_at(&closed.url(), "jane"))
        .args(["--password-stdin", "-v"])
        .write_stdin(PASSWORD));
    assert!(verbose.stderr.contains("client error (Connect)"), "the chain under -v: {verbose:?}");
    // The whole message is pinned in the exit_7 snapshot (rendered.rs).
    assert_eq!(ran.stderr.matches("note: retrying…").count(), 1, "{ran:?}");
    assert_eq!(ran.stderr.matches("connection refused").count(), 1, "{ran:?}");
    assert!(!ran.stderr.contains("client error"), "{ran:?}");
    assert!(
        ran.stderr.contains("hint: nothing is listening there: check that the server is running"),
        "{ran:?}"
    );
}

#[test]
fn json_errors_are_one_object_on_stdout_too() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env.cmd().args(["profile", "show", "-o", "json"]));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(ran.stderr.starts_with("error: not logged in"), "still on stderr: {ran:?}");
    let error = &json_out(&ran)["error"];
    assert_eq!(error["message"], "not logged in");
    assert_eq!(error["exitCode"], 3);
    assert!(error["hints"][0].as_str().unwrap().contains("rocketctl login --server URL"));
    // A usage error too (clap's, before anything else runs).
    let usage = run(env.cmd().args(["profile", "show", "--nick", "-o", "json"]));
    assert_eq!(usage.code, 2, "{usage:?}");
    assert_eq!(json_out(&usage)["error"]["exitCode"], 2, "{usage:?}");
    assert!(usage.stderr.starts_with("error: unexpected argument"), "{usage:?}");
    // `status` writes its report and then fails: stdout still holds exactly one document.
    let status = run(env.cmd().args(["status", "--server", &env.server.url(), "-o", "json"]));
    assert_eq!(status.code, 3, "{status:?}");
    assert_eq!(json_out(&status)["token"], "none", "{status:?}");
}

#[test]
fn json_keys_are_camel_case() {
    let env = logged_in(Mode::V8);
    let status = json_out(&run(env.cmd().args(["status", "-o", "json"])));
    for key in ["serverSource", "serverVersion", "userId", "userIdSource", "tokenSource"] {
        assert!(status.get(key).is_some(), "{key} in {status}");
    }
    let contexts = json_out(&run(env.cmd().args(["context", "list", "-o", "json"])));
    assert_eq!(contexts[0]["loggedIn"], true, "{contexts}");
}

#[test]
fn table_headers_are_bold_only_when_colour_is_on() {
    let env = logged_in(Mode::V8);
    let plain = run(env.cmd().args(["context", "list"]));
    assert!(plain.stdout.starts_with("CURRENT"), "no escapes in a pipe: {plain:?}");
    let bold = run(env.cmd().args(["--color", "always", "context", "list"]));
    assert!(bold.stdout.starts_with("\u{1b}[1mCURRENT"), "{bold:?}");
    assert_eq!(bold.stdout.matches('\u{1b}').count(), 2, "only the header: {bold:?}");
}

#[test]
fn on_a_terminal_headers_are_bold_unless_no_color() {
    let env = logged_in(Mode::V8);
    let steps = serde_json::json!([["expect", "logged in"]]);
    let bold = on_terminal(&env, "env -u NO_COLOR rocketctl context list", steps.clone());
    assert!(bold.transcript.contains("\u{1b}[1mCURRENT"), "{bold:?}");
    let plain = on_terminal(&env, "rocketctl context list", steps);
    assert!(plain.transcript.starts_with("CURRENT"), "NO_COLOR=1: {plain:?}");
    assert!(!plain.transcript.contains('\u{1b}'), "{plain:?}");
}

#[test]
fn a_change_prints_one_line_naming_the_new_value() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["set-email", "jane.doe@example.com"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout, "", "{ran:?}");
    assert_ran_snapshot!("changed_email", ran);
}

#[test]
fn api_mistakes_point_to_the_fix() {
    let env = logged_in(Mode::V8);
    let ran = run(env.cmd().args(["api", "info"]));
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("unexpected 404 response"), "{ran:?}");
    assert!(ran.stderr.contains("hint: the server's version is at /api/info"), "{ran:?}");
    assert!(ran.stderr.contains("`rocketctl api /api/info`"), "{ran:?}");
    let ran = run(env.cmd().args(["api", "users.lst"]));
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("this was /api/v1/users.lst"), "{ran:?}");
    // Fields make it a POST, as in gh; the hint says how to page with them.
    let ran = run(env.cmd().args(["api", "users.list", "--paginate", "-f", "count=2"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("add `-X GET`"), "{ran:?}");
    let ran =
        run(env.cmd().args(["api", "-X", "GET", "users.list", "--paginate", "-f", "count=2"]));
    assert_eq!(ran.code, 0, "the hint works: {ran:?}");
    let ran = run(env.cmd().args(["api", "-X", "POST", "users.list", "--paginate"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(!ran.stderr.contains("-X GET"), "an explicit method gets no hint: {ran:?}");
    assert!(env.server.requests_to("users.list").iter().all(|r| r.method == "GET"), "no POST");
}

#[test]
fn empty_listings_say_so_instead_of_printing_a_header_alone() {
    let env = logged_in(Mode::V8);
    let ran = run(env.cmd().args(["token", "list"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout, "", "{ran:?}");
    assert!(ran.stderr.contains("no personal access tokens"), "{ran:?}");
    let ran = run(env.cmd().args(["token", "list", "-o", "json"]));
    assert_eq!((ran.code, ran.stdout.trim()), (0, "[]"), "{ran:?}");
    let ran = run(env.cmd().args(["admin", "user", "list", "--filter", "alert", "--role", "bot"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout, "", "{ran:?}");
    assert!(ran.stderr.contains("no user matches --filter alert and --role bot"), "{ran:?}");
    let ran = run(env.cmd().args(["-q", "admin", "user", "list", "--filter", "alert"]));
    assert_eq!((ran.code, ran.stderr.as_str()), (0, ""), "-q keeps it quiet: {ran:?}");
    let ran = run(env.cmd().args(["admin", "user", "list", "--filter", "jane"]));
    assert!(ran.stdout.starts_with("USERNAME") && ran.stdout.contains("jane"), "{ran:?}");
}
