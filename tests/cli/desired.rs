//! export and diff (desired state) against the stand-in server.

use std::path::PathBuf;

use serde_json::json;

use crate::common::{Ran, TestEnv, json_out, logged_in, run};
use crate::support::Mode;

/// Requests that could change something: anything but a read.
fn writes(env: &TestEnv) -> Vec<String> {
    env.server
        .requests()
        .into_iter()
        .filter(|request| request.method != "GET" && !request.path.ends_with("/login"))
        .map(|request| request.path)
        .collect()
}

fn write_file(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let path = env.home.path().join(name);
    std::fs::write(&path, text).expect("the file is written");
    path
}

/// The server defines `team`, `desk` and `floor`, and jane has `team = "core"`.
fn with_team(env: &TestEnv) {
    let mut state = env.server.state();
    state.settings.custom_fields = Some(
        json!({"team": {"type": "text"}, "desk": {"type": "text"}, "floor": {"type": "text"}}),
    );
    let jane = state.users.iter_mut().find(|user| user.username == "jane").expect("jane");
    jane.custom_fields = Some(json!({"team": "core"}).as_object().cloned().unwrap());
}

fn rocketctl(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().args(args))
}

#[test]
fn an_exported_file_plans_nothing() {
    let env = logged_in(Mode::V8);
    env.profile(&["update", "--nickname", "JD", "--bio", "Line one\nline two"]);
    let exported = rocketctl(&env, &["export"]);
    assert_eq!(exported.code, 0, "{exported:?}");
    assert!(exported.stdout.starts_with("version = 1\n"), "{exported:?}");
    assert!(exported.stdout.contains("[profile]"), "{exported:?}");
    assert!(exported.stdout.contains("nickname = \"JD\""), "{exported:?}");
    assert!(exported.stdout.contains("email = \"jane@example.com\""), "{exported:?}");
    let path = write_file(&env, "jane.toml", &exported.stdout);
    let writes_before = writes(&env).len();
    let diff = rocketctl(&env, &["diff", "-f", path.to_str().unwrap(), "--exit-code"]);
    assert_eq!(diff.code, 0, "{diff:?}");
    assert_eq!(diff.stdout, "");
    assert!(diff.stderr.contains("nothing to change"), "{diff:?}");
    assert_eq!(writes(&env).len(), writes_before, "diff sends no change");
}

#[test]
fn export_as_json_reads_back_from_stdin() {
    let env = logged_in(Mode::V8);
    let exported = rocketctl(&env, &["export", "-o", "json"]);
    assert_eq!(exported.code, 0, "{exported:?}");
    let file = json_out(&exported);
    assert_eq!(file["version"], 1);
    assert_eq!(file["profile"]["username"], "jane");
    let diff = run(env.cmd().args(["diff", "-f", "-", "--exit-code"]).write_stdin(exported.stdout));
    assert_eq!(diff.code, 0, "{diff:?}");
}

#[test]
fn diff_shows_the_changes_and_exit_code_says_they_are_pending() {
    let env = logged_in(Mode::V8);
    with_team(&env);
    let path = write_file(
        &env,
        "jane.toml",
        "version = 1\n[profile]\nname = \"Jane Q\"\nnickname = \"JQ\"\nemail = \"JANE@example.com\"\n\
         [profile.custom_fields]\n",
    );
    let plain = rocketctl(&env, &["diff", "-f", path.to_str().unwrap()]);
    assert_eq!(plain.code, 0, "without --exit-code a plan is a success: {plain:?}");
    let notice = "profile: `custom_fields = {}` cannot be done";
    assert!(plain.stderr.contains(notice), "{plain:?}");
    assert_eq!(
        plain.stdout,
        "~ profile.name: \"Jane Doe\" -> \"Jane Q\"\n~ profile.nickname: \"\" -> \"JQ\"\n"
    );
    let ran = rocketctl(&env, &["diff", "-f", path.to_str().unwrap(), "--exit-code", "-o", "json"]);
    assert_eq!(ran.code, 10, "{ran:?}");
    assert_eq!(
        json_out(&ran),
        json!({"changes": [
            {"target": "profile", "field": "name", "action": "update", "before": "Jane Doe", "after": "Jane Q"},
            {"target": "profile", "field": "nickname", "action": "update", "before": "", "after": "JQ"},
        ]})
    );
    assert!(!ran.stderr.contains("error"), "pending changes are not an error: {ran:?}");
    assert!(env.updates().is_empty(), "diff sends no change");

    env.profile(&["update", "--name", "Jane Q", "--nickname", "JQ"]);
    let after = rocketctl(&env, &["diff", "-f", path.to_str().unwrap(), "--exit-code"]);
    assert_eq!(after.code, 0, "{after:?}");
}

#[test]
fn custom_fields_present_means_exactly_these_keys() {
    let env = logged_in(Mode::V8);
    with_team(&env);
    let path = write_file(
        &env,
        "jane.json",
        r#"{"version": 1, "profile": {"custom_fields": {"desk": "4"}}}"#,
    );
    let ran = rocketctl(&env, &["diff", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout, "+ profile.custom_fields.desk: \"4\"\n- profile.custom_fields.team\n");
}

#[test]
fn an_unknown_key_or_an_inline_secret_is_exit_2_with_its_line_before_any_request() {
    let env = logged_in(Mode::V8);
    let requests = env.server.requests().len();
    let unknown =
        write_file(&env, "a.toml", "version = 1\n\n[profile]\nname = \"x\"\ncolour = \"red\"\n");
    let ran = rocketctl(&env, &["diff", "-f", unknown.to_str().unwrap()]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("a.toml, line 5: unknown field `colour`"), "{ran:?}");
    let inline = write_file(
        &env,
        "b.toml",
        "version = 1\n[[users]]\nusername = \"bot\"\npassword = \"CANARY-inline-pw\"\n",
    );
    let ran = rocketctl(&env, &["diff", "-f", inline.to_str().unwrap()]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(
        ran.stderr.contains("b.toml, line 4: a password is never written in the file"),
        "{ran:?}"
    );
    assert!(!ran.stderr.contains("CANARY") && !ran.stdout.contains("CANARY"), "{ran:?}");
    let json = run(env
        .cmd()
        .args(["diff", "-f", "-"])
        .write_stdin("{\"version\": 1,\n\"profile\": {\"nick\": \"x\"}}"));
    assert_eq!(json.code, 2, "{json:?}");
    assert!(json.stderr.contains("stdin, line 2: unknown field `nick`"), "{json:?}");
    assert_eq!(env.server.requests().len(), requests, "nothing was sent");
}
