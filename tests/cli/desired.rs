//! export and diff (desired state) against the stand-in server.

use serde_json::json;

use crate::common::{
    CUSTOM_FIELD_WRITES, PASSWORD, Ran, TestEnv, json_out, logged_in, run, sha256,
};
use crate::support::{Mode, User};

/// Requests that could change something: anything but a read.
fn writes(env: &TestEnv) -> Vec<String> {
    env.server
        .requests()
        .into_iter()
        .filter(|request| request.method != "GET" && !request.path.ends_with("/login"))
        .map(|request| request.path)
        .collect()
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
    let setup = env.profile(&["update", "--nickname", "JD", "--bio", "Line one\nline two"]);
    assert_eq!(setup.code, 0, "the setup: {setup:?}");
    let exported = rocketctl(&env, &["export"]);
    assert_eq!(exported.code, 0, "{exported:?}");
    assert!(exported.stdout.starts_with("version = 1\n"), "{exported:?}");
    assert!(exported.stdout.contains("[profile]"), "{exported:?}");
    assert!(exported.stdout.contains("nickname = \"JD\""), "{exported:?}");
    assert!(exported.stdout.contains("email = \"jane@example.com\""), "{exported:?}");
    let path = env.write_file("jane.toml", &exported.stdout);
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
    for write in CUSTOM_FIELD_WRITES {
        let env = logged_in(Mode::V8);
        env.custom_fields_stored_by(write);
        with_team(&env);
        let path = env.write_file("jane.toml",
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
        let ran =
            rocketctl(&env, &["diff", "-f", path.to_str().unwrap(), "--exit-code", "-o", "json"]);
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
    let env = logged_in(Mode::V8);
    with_team(&env);
    let path = env.write_file("jane.toml",
        "version = 1\n[profile]\nname = \"Jane Q\"\nnickname = \"JQ\"\nemail = \"JANE@example.com\"\n\
         [profile.custom_fields]\n",
    );
    let plain = rocketctl(&env, &["diff", "-f", path.to_str().unwrap()]);
    assert_eq!(plain.code, 0, "without --exit-code a plan is a success: {plain:?}");
    let notice = "note: profile: `custom_fields = {}` cannot be done (the server ignores an empty \
                  object); keep at least one field\n";
    assert_eq!(plain.stderr, notice);
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
    assert_eq!(ran.stderr, notice, "pending changes are not an error");
    assert!(env.updates().is_empty(), "diff sends no change");

    let setup = env.profile(&["update", "--name", "Jane Q", "--nickname", "JQ"]);
    assert_eq!(setup.code, 0, "the setup: {setup:?}");
    let after = rocketctl(&env, &["diff", "-f", path.to_str().unwrap(), "--exit-code"]);
    assert_eq!(after.code, 0, "{after:?}");
}

#[test]
fn custom_fields_present_means_exactly_these_keys() {
    for write in CUSTOM_FIELD_WRITES {
        let env = logged_in(Mode::V8);
        env.custom_fields_stored_by(write);
        with_team(&env);
        let path = env.write_file(
            "jane.json",
            r#"{"version": 1, "profile": {"custom_fields": {"desk": "4"}}}"#,
        );
        let ran = rocketctl(&env, &["diff", "-f", path.to_str().unwrap()]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(
            ran.stdout,
            "+ profile.custom_fields.desk: \"4\"\n- profile.custom_fields.team\n"
        );
        // Applied, the server holds exactly that on either kind of server: the removed key is
        // sent blank, since one that merges would keep a key left out.
        let applied = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
        assert_eq!(applied.code, 0, "{write:?}: {applied:?}");
        let shown = json_out(&env.show(&["-o", "json"]));
        assert_eq!(shown["customFields"], json!({"desk": "4"}), "{write:?}");
        let again = rocketctl(&env, &["diff", "-f", path.to_str().unwrap(), "--exit-code"]);
        assert_eq!(again.code, 0, "{write:?}: {again:?}");
    }
}

#[test]
fn an_unknown_key_or_an_inline_secret_is_exit_2_with_its_line_before_any_request() {
    let env = logged_in(Mode::V8);
    let requests = env.server.requests().len();
    let unknown =
        env.write_file("a.toml", "version = 1\n\n[profile]\nname = \"x\"\ncolour = \"red\"\n");
    let ran = rocketctl(&env, &["diff", "-f", unknown.to_str().unwrap()]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(
        ran.stderr.contains(
            "a.toml, line 5: unknown key `colour`; the keys here are: user_id, username,"
        ),
        "{ran:?}"
    );
    assert!(!ran.stderr.contains("red"), "no value of the file is quoted: {ran:?}");
    let inline = env.write_file(
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
    assert!(
        json.stderr
            .contains("stdin, line 2: unknown key `nick`; the keys here are: user_id, username,"),
        "{json:?}"
    );
    assert_eq!(env.server.requests().len(), requests, "nothing was sent");
}

#[test]
fn apply_sends_one_profile_request_and_a_rerun_sends_nothing() {
    let env = logged_in(Mode::V8);
    let path = env.write_file(
        "jane.toml",
        "version = 1\n[profile]\nname = \"Jane Q\"\nnickname = \"JQ\"\nbio = \"Ships\"\n",
    );
    let file = path.to_str().unwrap();
    assert_eq!(rocketctl(&env, &["diff", "-f", file, "--exit-code"]).code, 10);
    let dry = rocketctl(&env, &["apply", "-f", file, "--dry-run", "--exit-code"]);
    assert_eq!(dry.code, 10, "{dry:?}");
    assert!(env.updates().is_empty(), "a dry run changes nothing");

    let ran = rocketctl(&env, &["apply", "-f", file]);
    assert_eq!(ran.code, 0, "{ran:?}");
    // The plan on stdout; each account's line and the summary on stderr.
    crate::common::assert_ran_snapshot!("apply_report", &ran);
    let updates = env.updates();
    assert_eq!(updates.len(), 1, "one request for every profile field");
    assert_eq!(
        updates[0].json(),
        json!({"data": {"name": "Jane Q", "nickname": "JQ", "bio": "Ships"}})
    );

    let again = rocketctl(&env, &["apply", "-f", file]);
    assert_eq!(again.code, 0, "{again:?}");
    assert!(again.stderr.contains("nothing to change"), "{again:?}");
    assert_eq!(env.updates().len(), 1, "a rerun sends nothing");
    assert_eq!(rocketctl(&env, &["diff", "-f", file, "--exit-code"]).code, 0);
}

#[test]
fn apply_of_an_email_needs_the_current_password_before_any_change() {
    let env = logged_in(Mode::V8);
    let path =
        env.write_file("jane.toml", "version = 1\n[profile]\nemail = \"jane.q@example.org\"\n");
    let file = path.to_str().unwrap();
    let refused = rocketctl(&env, &["apply", "-f", file, "--no-input"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("--password-stdin"), "{refused:?}");
    assert!(env.updates().is_empty());

    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args(["apply", "-f", file, "-o", "json"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(
        env.updates()[0].json(),
        json!({"data": {"email": "jane.q@example.org", "currentPassword": sha256(PASSWORD)}})
    );
    let out = json_out(&ran);
    assert_eq!(out["changed"], true);
    assert_eq!(out["failed"], 0);
    assert_eq!(out["changes"][0]["result"], "applied");
    assert_eq!(out["changes"][0]["field"], "email");
    for text in [&ran.stdout, &ran.stderr] {
        assert!(!text.contains(PASSWORD) && !text.contains(&sha256(PASSWORD)), "{ran:?}");
    }
}

#[test]
fn a_refused_change_is_reported_with_its_exit_code() {
    let env = logged_in(Mode::V8);
    env.server.add_user(User::new("other", "other-password-1"));
    let path = env.write_file(
        "jane.toml",
        "version = 1\n[profile]\nnickname = \"JQ\"\nemail = \"other@example.com\"\n",
    );
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args([
        "apply",
        "-f",
        path.to_str().unwrap(),
        "-o",
        "json",
    ]));
    assert_eq!(ran.code, 5, "{ran:?}");
    let out = json_out(&ran);
    // The server saves the nickname before it refuses the address; a re-read tells them apart.
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("JQ"));
    assert_eq!(out["changed"], true, "{ran:?}");
    assert_eq!(out["failed"], 1);
    let results: Vec<(&str, &str)> = out["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| (change["field"].as_str().unwrap(), change["result"].as_str().unwrap()))
        .collect();
    assert_eq!(results, [("email", "failed"), ("nickname", "applied")]);
    assert_eq!(out["error"]["exitCode"], 5);
    crate::common::assert_ran_snapshot!("apply_report_refused_json", &ran);
}

/// The smallest bytes the avatar check takes for a PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-desired-state";

#[test]
fn presence_and_avatar_of_the_own_account_are_applied_once() {
    let env = logged_in(Mode::V8);
    std::fs::create_dir(env.home.path().join("avatars")).unwrap();
    std::fs::write(env.home.path().join("avatars/jane.png"), PNG).unwrap();
    let path = env.write_file(
        "jane.toml",
        "version = 1\n[profile]\npresence = \"busy\"\navatar = { file = \"avatars/jane.png\" }\n",
    );
    let file = path.to_str().unwrap();
    let ran = rocketctl(&env, &["apply", "-f", file]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("~ profile.presence: \"online\" -> \"busy\""), "{ran:?}");
    assert!(ran.stdout.contains("-> \"avatars/jane.png\""), "{ran:?}");
    let statuses = env.server.requests_to("users.setStatus");
    assert_eq!(statuses.len(), 1);
    assert_eq!(statuses[0].json(), json!({"status": "busy"}));
    let avatars = env.server.requests_to("users.setAvatar");
    assert_eq!(avatars.len(), 1);
    assert_eq!(avatars[0].part("image").expect("an image part").bytes, PNG);
    assert!(env.updates().is_empty(), "no profile field changed");

    let again = rocketctl(&env, &["apply", "-f", file]);
    assert_eq!(again.code, 0, "{again:?}");
    assert!(again.stderr.contains("nothing to change"), "{again:?}");
    assert_eq!(env.server.requests_to("users.setStatus").len(), 1);
    assert_eq!(env.server.requests_to("users.setAvatar").len(), 1);
    let exported = rocketctl(&env, &["export"]);
    assert!(exported.stdout.contains("presence = \"busy\""), "{exported:?}");
}

#[test]
fn an_avatar_that_is_not_an_image_is_refused_before_anything_is_sent() {
    let env = logged_in(Mode::V8);
    env.write_file("notes.txt", "not an image");
    let path = env.write_file(
        "jane.toml",
        "version = 1\n[profile]\nname = \"Jane Q\"\navatar = { file = \"notes.txt\" }\n",
    );
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("is not a PNG, JPEG, GIF, WebP or SVG image"), "{ran:?}");
    assert!(env.server.requests().iter().all(|r| r.method == "GET" || r.path.ends_with("/login")));
}

#[test]
fn the_file_and_the_password_cannot_both_come_from_stdin() {
    let env = logged_in(Mode::V8);
    let ran = run(env
        .cmd()
        .args(["apply", "-f", "-", "--password-stdin"])
        .write_stdin("version = 1\n[profile]\nnickname = \"x\"\n"));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("both read stdin"), "{ran:?}");
    assert!(env.updates().is_empty());
}

#[test]
fn a_renamed_own_account_is_followed_in_the_context() {
    let env = logged_in(Mode::V8);
    let path = env.write_file("jane.toml", "version = 1\n[profile]\nusername = \"jane-q\"\n");
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.updates()[0].json(), json!({"data": {"username": "jane-q"}}));
    assert_eq!(env.config()["contexts"]["test"]["username"].as_str(), Some("jane-q"));
    let again = rocketctl(&env, &["diff", "-f", path.to_str().unwrap(), "--exit-code"]);
    assert_eq!(again.code, 0, "{again:?}");
}
