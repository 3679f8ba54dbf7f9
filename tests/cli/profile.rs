//! profile set-email, set-password and update against the stand-in server.

use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{CUSTOM_FIELD_WRITES, PASSWORD, TestEnv, json_out, logged_in, run, sha256};
use crate::support::rocketchat::PasswordPolicy;
use crate::support::{Fault, Mode, StandIn, User, schema, totp};

const NEW_PASSWORD: &str = "CANARY-new-Pw-2!";

fn assert_valid_against_schema(mode_schema: &str, body: &Value) {
    let mut body = body.clone();
    schema::validate(&schema::update_own_basic_info(mode_schema), &mut body)
        .expect("the request matches the published schema");
}

#[test]
fn set_email_sends_the_digest_and_the_new_address_is_unverified() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["set-email", "jane.doe@example.org", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let out = json_out(&ran);
    assert_eq!(out["changed"], true);
    assert_eq!(
        out["user"]["emails"][0],
        json!({"address": "jane.doe@example.org", "verified": false})
    );
    assert!(out["user"].get("services").is_none());

    let updates = env.updates();
    assert_eq!(updates.len(), 1);
    let body = updates[0].json();
    assert_eq!(
        body,
        json!({"data": {"email": "jane.doe@example.org", "currentPassword": sha256(PASSWORD)}})
    );
    assert_valid_against_schema("8.8.1", &body);
    assert_eq!(env.server.user("jane").emails, vec![("jane.doe@example.org".to_owned(), false)]);
    assert!(ran.stderr.contains("Changed email"), "{ran:?}");
}

#[test]
fn set_email_to_the_current_address_sends_nothing() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["set-email", "JANE@example.com"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("nothing to change"), "{ran:?}");
    assert!(env.updates().is_empty());
}

/// Read first, as every other no-op does: the address already there needs no password.
#[test]
fn set_email_to_the_current_address_asks_for_no_password() {
    let env = logged_in(Mode::V8);
    for args in [&["set-email", "jane@example.com"][..], &["update", "--email", "Jane@example.com"]]
    {
        let ran = run(env.cmd().arg("profile").args(args));
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stderr.contains("nothing to change"), "{ran:?}");
    }
    assert!(env.updates().is_empty());
    let missing = run(env.cmd().args(["profile", "set-email", "new@example.com"]));
    assert_eq!(missing.code, 2, "a change still needs the password: {missing:?}");
    assert!(missing.stderr.contains("--password-stdin"), "{missing:?}");
    assert!(env.updates().is_empty());
}

/// An empty secret is a usage error (docs/cli.md), also an empty code, before any request.
#[test]
fn an_empty_two_factor_code_is_a_usage_error_before_any_request() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    let flag = env.profile(&["set-email", "new@example.com", "--2fa-code", ""]);
    let variable = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_2FA_CODE", "")
        .args(["profile", "set-email", "new@example.com"]));
    for ran in [flag, variable] {
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("the two-factor code is empty"), "{ran:?}");
    }
    assert_eq!(env.server.requests().len(), before, "nothing was sent");
}

/// Red team G15: a field the server answered for but did not keep is never reported as
/// changed, whatever the field: the re-read decides, exit 5 naming it.
#[test]
fn a_plain_field_the_server_did_not_keep_is_not_reported_as_changed() {
    let env = logged_in(Mode::V8);
    let answer = serde_json::json!({"success": true, "user": {"_id": "x", "username": "jane"}});
    let kept_nothing = Fault::Respond {
        status: 200,
        content_type: "application/json".into(),
        body: answer.to_string(),
        headers: Vec::new(),
    };
    env.server.inject("users.updateOwnBasicInfo", kept_nothing, 1);
    let ran = env.profile(&["update", "--nickname", "kept-not", "--bio", "kept", "-o", "json"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("the server did not store nickname, bio"), "{ran:?}");
    assert!(ran.stderr.contains("running it again sends it again"), "{ran:?}");
    assert!(!ran.stderr.contains("Changed"), "{ran:?}");
    assert!(!ran.stdout.contains("\"changed\": true"), "{ran:?}");
    assert_eq!(env.server.user("jane").nickname, None);
}

#[test]
fn json_changed_is_true_then_false_on_a_repeat() {
    let env = logged_in(Mode::V8);
    let first = env.profile(&["update", "--nickname", "JD", "-o", "json"]);
    assert_eq!(json_out(&first)["changed"], true, "{first:?}");
    let second = env.profile(&["update", "--nickname", "JD", "-o", "json"]);
    assert_eq!(second.code, 0, "{second:?}");
    assert_eq!(json_out(&second)["changed"], false);
    assert_eq!(json_out(&second)["user"]["nickname"], "JD");
    assert_eq!(env.updates().len(), 1);
}

#[test]
fn a_wrong_password_is_exit_4_and_changes_nothing() {
    let env = logged_in(Mode::V8);
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", "wrong").args([
        "profile",
        "set-email",
        "new@example.org",
    ]));
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(ran.stderr.contains("the current password was rejected"), "{ran:?}");
    assert_eq!(env.updates().len(), 1, "never retried");
    assert_eq!(env.server.user("jane").email(), Some("jane@example.com"));
}

#[test]
fn an_invalid_email_is_exit_2_and_nothing_is_sent() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    for bad in ["not-an-email", "jane@", "a@b@c"] {
        let ran = env.profile(&["set-email", bad]);
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("is not an email address"), "{ran:?}");
    }
    assert_eq!(env.server.requests().len(), before);
}

/// rocketctl's checks are never stricter than the server's: `^[^@]+@[^@]+$` after trimming
/// takes the addresses bot accounts often have.
#[test]
fn addresses_the_server_accepts_are_sent() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["set-email", "bot@localhost"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.server.user("jane").email(), Some("bot@localhost"));
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["update", "--email", "odd@host-2"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.server.user("jane").email(), Some("odd@host-2"));
}

/// The bio and nickname limits are the server's exactly, counted as it counts (UTF-16 units of
/// the value as sent): at the limit it is sent, one past it is refused before anything is sent.
#[test]
fn length_limits_are_the_servers_to_the_unit() {
    for (flag, max) in [("--bio", 260), ("--nickname", 120)] {
        let env = logged_in(Mode::V8);
        let over = env.profile(&["update", flag, &"x".repeat(max + 1)]);
        assert_eq!(over.code, 2, "{flag}: {over:?}");
        let emoji_over = env.profile(&["update", flag, &format!("{}x", "😀".repeat(max / 2))]);
        assert_eq!(emoji_over.code, 2, "{flag}: an emoji counts two: {emoji_over:?}");
        assert!(env.updates().is_empty(), "{flag}: nothing was sent");
        let at = env.profile(&["update", flag, &"😀".repeat(max / 2)]);
        assert_eq!(at.code, 0, "{flag}: {at:?}");
        assert_eq!(env.updates().len(), 1, "{flag}");
    }
}

#[test]
fn a_taken_email_is_exit_5() {
    let env = logged_in(Mode::V8);
    env.server.add_user(User::new("bob", "bob-pw"));
    let ran = env.profile(&["set-email", "bob@example.com"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("already in use"), "{ran:?}");
    assert_eq!(env.server.user("jane").email(), Some("jane@example.com"));
}

#[test]
fn set_password_from_a_file_and_stdin_and_the_stored_token_still_works() {
    let env = logged_in(Mode::V8);
    let other_session = env.server.token_for("jane");
    let current_file = env.home.path().join("current.txt");
    std::fs::write(&current_file, format!("{PASSWORD}\n")).unwrap();
    std::fs::set_permissions(&current_file, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .unwrap();
    let ran = run(env
        .cmd()
        .args([
            "profile",
            "set-password",
            "--password-file",
            current_file.to_str().unwrap(),
            "--new-password-stdin",
        ])
        .write_stdin(format!("{NEW_PASSWORD}\n")));
    assert_eq!(ran.code, 0, "{ran:?}");
    let body = env.updates()[0].json();
    assert_eq!(body["data"]["currentPassword"], sha256(PASSWORD));
    assert_eq!(body["data"]["newPassword"], NEW_PASSWORD);

    let jane = env.server.user("jane");
    assert!(jane.password_is(NEW_PASSWORD) && !jane.password_is(PASSWORD));
    assert!(!jane.has_token(&other_session), "the server signed out other sessions");
    assert_eq!(
        ran.stderr, "Changed password (Rocket.Chat signs out this account's other sessions)\n",
        "one line, and nothing on stdout: {ran:?}"
    );
    assert_eq!(ran.stdout, "", "{ran:?}");
    assert_eq!(run(env.cmd().args(["profile", "show"])).code, 0, "the stored token still works");

    // The old password no longer logs in, the new one does.
    let old = run(env
        .cmd()
        .args(["login", "--username", "jane", "--password-stdin", "--context", "x"])
        .write_stdin(PASSWORD));
    assert_eq!(old.code, 3, "{old:?}");
    let new = run(env
        .cmd()
        .args(["login", "--username", "jane", "--password-stdin", "--context", "y"])
        .write_stdin(NEW_PASSWORD));
    assert_eq!(new.code, 0, "{new:?}");
    for text in [&ran.stdout, &ran.stderr] {
        assert!(
            !text.contains(NEW_PASSWORD)
                && !text.contains(PASSWORD)
                && !text.contains(&sha256(PASSWORD))
        );
    }
}

#[test]
fn a_revoked_token_after_a_password_change_is_renewed() {
    let env = logged_in(Mode::V8);
    let old_token = env.stored_token("test");
    // removeOtherTokens failed and the server cleared every token, ours included.
    env.server.state().settings.revoke_all_tokens_on_password_change = true;
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", NEW_PASSWORD)
        .args(["profile", "set-password"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("logged in again and saved the new token"), "{ran:?}");
    let new_token = env.stored_token("test");
    assert_ne!(new_token, old_token);
    assert!(env.server.user("jane").has_token(&new_token));
    assert_eq!(run(env.cmd().args(["profile", "show"])).code, 0);
    assert_eq!(env.config_mode(), 0o600);

    // With the token from the environment there is nothing to renew: exit 3 with the hint.
    let token = env.server.token_for("jane");
    env.server.state().users[0].password_history.clear();
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_URL", env.server.url())
        .env("ROCKETCHAT_USER_ID", env.server.user("jane").id)
        .env("ROCKETCHAT_AUTH_TOKEN", &token)
        .env("ROCKETCHAT_PASSWORD", NEW_PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", "CANARY-third-Pw-3!")
        .args(["profile", "set-password"]));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(ran.stderr.contains("password changed, but the token in use was revoked"), "{ran:?}");
}

#[test]
fn the_password_policy_failure_lists_every_rule() {
    let env = logged_in(Mode::V8);
    env.server.state().settings.password_policy = Some(PasswordPolicy {
        min_length: Some(12),
        forbid_repeating: Some(3),
        uppercase: true,
        number: true,
        special: true,
        ..PasswordPolicy::default()
    });
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", "aaaa")
        .args(["profile", "set-password"]));
    assert_eq!(ran.code, 5, "{ran:?}");
    for rule in ["minimum length", "repeating characters", "uppercase", "numerical", "special"] {
        assert!(ran.stderr.contains(rule), "{rule} missing: {ran:?}");
    }
    assert!(env.server.user("jane").password_is(PASSWORD));
}

#[test]
fn update_sends_four_fields_in_exactly_one_request() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&[
        "update",
        "--name",
        "Jane Q. Doe",
        "--nickname",
        "JQ",
        "--bio",
        "Engineer",
        "--status-text",
        "On holiday",
    ]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let updates = env.updates();
    assert_eq!(updates.len(), 1);
    let body = updates[0].json();
    assert_eq!(
        body,
        json!({"data": {"name": "Jane Q. Doe", "nickname": "JQ", "bio": "Engineer", "statusText": "On holiday"}})
    );
    assert_valid_against_schema("8.8.1", &body);
    let jane = env.server.user("jane");
    assert_eq!(
        (
            jane.name.as_str(),
            jane.nickname.as_deref(),
            jane.bio.as_deref(),
            jane.status_text.as_deref()
        ),
        ("Jane Q. Doe", Some("JQ"), Some("Engineer"), Some("On holiday"))
    );
    assert_eq!(ran.stdout, "", "the summary is all a change prints in table mode: {ran:?}");
    assert_eq!(
        ran.stderr,
        "Changed name to \"Jane Q. Doe\", nickname to JQ, bio to Engineer, status text to \"On holiday\"\n",
        "one line naming each new value: {ran:?}"
    );
}

fn with_custom_fields(env: &TestEnv) {
    env.server.state().settings.custom_fields = Some(json!({
        "team": {"type": "text", "required": true, "maxLength": 10},
        "floor": {"type": "select", "options": ["1", "2", "3"]},
        "desk": {"type": "text"}
    }));
    env.server.state().users[0].custom_fields =
        Some(json!({"team": "core", "floor": "2"}).as_object().unwrap().clone());
}

#[test]
fn fields_merge_into_the_current_custom_fields() {
    for write in CUSTOM_FIELD_WRITES {
        let env = logged_in(Mode::V8);
        env.custom_fields_stored_by(write);
        with_custom_fields(&env);
        // A select field cannot be left out on a real server (`Value for field floor is invalid`),
        // so the field removed is the free-text one.
        env.server.state().users[0].custom_fields =
            Some(json!({"team": "core", "floor": "2", "desk": "D1"}).as_object().unwrap().clone());
        let ran =
            env.profile(&["update", "--field", "floor=3", "--unset-field", "desk", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        let body = env.updates()[0].json();
        let sent =
            json!({"data": {}, "customFields": {"team": "core", "floor": "3", "desk": null}});
        assert_eq!(body, sent, "{write:?}");
        assert_valid_against_schema("8.8.1", &body);
        assert_eq!(json_out(&ran)["user"]["customFields"], json!({"team": "core", "floor": "3"}));
    }
}

#[test]
fn a_partial_update_is_reported() {
    for write in CUSTOM_FIELD_WRITES {
        let env = logged_in(Mode::V8);
        env.custom_fields_stored_by(write);
        with_custom_fields(&env);
        let ran =
            env.profile(&["update", "--nickname", "JD", "--field", "team=far-too-long-for-it"]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(ran.stderr.contains("Max length of field team"), "{ran:?}");
        assert!(ran.stderr.contains("applied before the refusal: nickname"), "{ran:?}");
        assert!(ran.stderr.contains("not applied: custom field team"), "{ran:?}");
        assert_eq!(env.server.user("jane").nickname.as_deref(), Some("JD"));
    }
}

#[test]
fn a_totp_user_verifies_with_headers() {
    let server = StandIn::start(Mode::V8);
    let secret = b"totp-secret-for-jane";
    server.add_user(User::new("jane", PASSWORD).with_totp(secret));
    let env = TestEnv::with_server(server);
    let login =
        run(env.login_cmd("jane", &["--2fa-code", &totp::current(secret)]).write_stdin(PASSWORD));
    assert_eq!(login.code, 0, "the setup login: {login:?}");

    // No code and no terminal: exit 4 before anything is sent.
    let ran = env.profile(&["set-email", "t@example.org"]);
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(
        ran.stderr.contains("two-factor code required (method: totp)")
            && ran.stderr.contains("--2fa-code"),
        "{ran:?}"
    );
    assert!(env.updates().is_empty());

    let code = totp::current(secret);
    let ran = env.profile(&["set-email", "t@example.org", "--2fa-code", &code]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let update = &env.updates()[0];
    assert_eq!(update.header("x-2fa-method"), Some("totp"));
    assert_eq!(update.header("x-2fa-code"), Some(code.as_str()));
    assert!(
        update.json()["data"].get("currentPassword").is_none(),
        "a password would be read as a wrong code"
    );
    assert!(!ran.stderr.contains(&code) && !ran.stdout.contains(&code));
}

#[test]
fn an_email_2fa_user_gets_a_code_in_one_run_and_uses_it_in_the_next() {
    let server = StandIn::start(Mode::V8);
    server.add_user(User::new("jane", PASSWORD).with_email_2fa());
    let env = TestEnv::with_server(server);
    // Email 2FA users are challenged at login too.
    let ran = run(env.login_cmd("jane", &[]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 4, "{ran:?}");
    let code = env.server.outbox().last().unwrap().1.clone();
    let ran = run(env.login_cmd("jane", &["--2fa-code", &code]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");

    let ran = env.profile(&["set-email", "e@example.org"]);
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(ran.stderr.contains("a code was sent"), "{ran:?}");
    assert!(env.updates().is_empty(), "the code is fetched without spending the profile update");
    let code = env.server.outbox().last().unwrap().1.clone();
    let formatted = format!("{}-{}", &code[..3], &code[3..]);

    let ran = env.profile(&["set-email", "e@example.org", "--2fa-code", &formatted]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let update = &env.updates()[0];
    assert_eq!(update.header("x-2fa-method"), Some("email"));
    assert_eq!(env.server.user("jane").email(), Some("e@example.org"));
}

#[test]
fn an_unknown_second_factor_is_asked_for_and_sent_once_more() {
    // 6.3 sends no services in /me, so rocketctl cannot know the user has TOTP: the server reads
    // the password as a code, and rocketctl resends with the code.
    let server = StandIn::start(Mode::V6_3);
    let secret = b"totp-secret-on-6.3";
    server.add_user(User::new("jane", PASSWORD).with_totp(secret));
    let env = TestEnv::with_server(server);
    let login =
        run(env.login_cmd("jane", &["--2fa-code", &totp::current(secret)]).write_stdin(PASSWORD));
    assert_eq!(login.code, 0, "the setup login: {login:?}");
    let ran = env.profile(&["set-email", "x@example.org", "--2fa-code", &totp::current(secret)]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let updates = env.updates();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[1].header("x-2fa-method"), Some("totp"));
}

#[test]
fn a_rate_limit_is_waited_out() {
    let env = logged_in(Mode::V8);
    env.server.state().settings.profile_rate_limit = Some((1, Duration::from_secs(2)));
    assert_eq!(env.profile(&["update", "--nickname", "one"]).code, 0);
    let ran = env.profile(&["update", "--nickname", "two"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("rate limited by") && ran.stderr.contains("waiting"), "{ran:?}");
    assert_eq!(env.updates().len(), 3, "one refused before acting, then sent again");
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("two"));
}

#[test]
fn a_rate_limit_longer_than_max_wait_is_exit_8() {
    let env = logged_in(Mode::V8);
    env.server.state().settings.profile_rate_limit = Some((1, Duration::from_secs(60)));
    assert_eq!(env.profile(&["update", "--nickname", "one"]).code, 0);
    let ran = env.profile(&["update", "--nickname", "two", "--max-wait", "5"]);
    assert_eq!(ran.code, 8, "{ran:?}");
    assert!(
        ran.stderr.contains("rate limited by") && ran.stderr.contains("retry after"),
        "{ran:?}"
    );
    assert!(!ran.stderr.contains("waiting"), "a wait past --max-wait is not begun: {ran:?}");
    assert_eq!(env.updates().len(), 2, "the first change, then one refusal: {ran:?}");
}

#[test]
fn a_dropped_connection_after_the_change_is_settled_as_changed() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::DropAfterApply, 1);
    let ran = env.profile(&["set-email", "late@example.org", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("the answer was lost, not the change"), "{ran:?}");
    assert_eq!(env.updates().len(), 1, "never resent");
    assert_eq!(json_out(&ran)["changed"], true);
}

#[test]
fn a_dropped_connection_before_the_change_is_settled_as_not_changed() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::DropBeforeApply, 1);
    let ran = env.profile(&["set-email", "late@example.org"]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("safe to run the command again"), "{ran:?}");
    assert_eq!(env.updates().len(), 1, "never resent");
    assert_eq!(env.server.user("jane").email(), Some("jane@example.com"));
}

#[test]
fn a_lost_answer_to_a_password_change_is_settled_by_logging_in() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::Html502AfterApply, 1);
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", NEW_PASSWORD)
        .args(["profile", "set-password"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.updates().len(), 1);
    let probe = env.server.requests_to("login").last().unwrap().json();
    assert_eq!(probe["password"]["digest"], sha256(NEW_PASSWORD));
    assert!(!env.server.requests_to("logout").is_empty(), "the probe's token is logged out again");
    assert_eq!(env.server.user("jane").tokens.len(), 1, "only the stored token is left");
}

#[test]
fn bio_is_refused_locally_on_a_6_3_server() {
    let env = logged_in(Mode::V6_3);
    let ran = env.profile(&["update", "--bio", "Engineer"]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(
        ran.stderr.contains("needs Rocket.Chat 6.4 or later") && ran.stderr.contains("runs 6.3"),
        "{ran:?}"
    );
    assert!(env.updates().is_empty());
}

/// Each `Accounts_Allow*Change` switch (profile, username, real name, status message, email,
/// password) turned off: exit 5 and a message naming what may not change.
#[test]
fn every_settings_switch_is_a_clear_refusal() {
    type Switch = fn(&mut crate::support::rocketchat::ServerSettings);
    let cases: [(Switch, &[&str], &str); 6] = [
        (
            |s| s.allow_user_profile_change = false,
            &["update", "--nickname", "x"],
            "the server does not allow changing your profile",
        ),
        (
            |s| s.allow_username_change = false,
            &["update", "--username", "jane2"],
            "the server does not allow changing username",
        ),
        (
            |s| s.allow_real_name_change = false,
            &["update", "--name", "Other"],
            "the server does not allow changing the name",
        ),
        (
            |s| s.allow_status_message_change = false,
            &["update", "--status-text", "hi"],
            "the server does not allow changing the status text",
        ),
        (
            |s| s.allow_email_change = false,
            &["set-email", "new@example.org"],
            "the server does not allow changing email",
        ),
        (
            |s| s.allow_password_change = false,
            &["set-password"],
            "the server does not allow changing password",
        ),
    ];
    for (switch, args, message) in cases {
        let env = logged_in(Mode::V8);
        switch(&mut env.server.state().settings);
        let ran = run(env
            .cmd()
            .env("ROCKETCHAT_PASSWORD", PASSWORD)
            .env("ROCKETCHAT_NEW_PASSWORD", NEW_PASSWORD)
            .arg("profile")
            .args(args));
        assert_eq!(ran.code, 5, "{args:?}: {ran:?}");
        assert!(ran.stderr.contains(message), "{args:?}: {ran:?}");
    }
}

#[test]
fn dry_run_sends_nothing_and_prints_no_secret() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", NEW_PASSWORD)
        .args([
            "profile",
            "update",
            "--email",
            "d@example.org",
            "--nickname",
            "D",
            "--change-password",
            "--dry-run",
        ]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(
        ran.stdout.contains("POST ") && ran.stdout.contains("users.updateOwnBasicInfo"),
        "{ran:?}"
    );
    assert!(
        ran.stdout.contains("\"email\": \"d@example.org\"") && ran.stdout.contains("[REDACTED]"),
        "{ran:?}"
    );
    let token = env.stored_token("test");
    for text in [&ran.stdout, &ran.stderr] {
        for secret in [PASSWORD, NEW_PASSWORD, &sha256(PASSWORD), &token] {
            assert!(!text.contains(secret), "secret printed: {ran:?}");
        }
    }
    assert!(env.server.requests()[before..].iter().all(|r| r.method == "GET"), "only reads");
    assert!(env.updates().is_empty());
}

#[test]
fn a_raw_7x_answer_is_cut_down_to_the_allow_list() {
    let env = logged_in(Mode::V7);
    let ran = env.profile(&["update", "--nickname", "Raw", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let out = json_out(&ran);
    assert_eq!(out["user"]["nickname"], "Raw");
    assert!(
        !ran.stdout.contains("services")
            && !ran.stdout.contains("bcrypt")
            && !ran.stdout.contains("hashedToken")
    );
    assert!(out["user"].get("__rooms").is_none());
}

#[test]
fn a_2x_server_says_invalid_password() {
    let env = logged_in(Mode::V2);
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", "wrong").args([
        "profile",
        "set-email",
        "x@example.org",
    ]));
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(ran.stderr.contains("the current password was rejected"), "{ran:?}");
}

#[test]
fn the_7x_email_limiter_is_waited_out_and_the_resend_is_harmless() {
    // On 7.x the e-mail limiter fires inside the method, after the nickname was saved; sending
    // the same body again sets the same nickname and then the e-mail.
    let env = logged_in(Mode::V7);
    env.server.state().settings.email_function_limit = Some(Duration::from_secs(2));
    assert_eq!(env.profile(&["set-email", "first@example.org"]).code, 0);
    let ran = env.profile(&["update", "--nickname", "N", "--email", "second@example.org"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("rate limited by") && ran.stderr.contains("waiting 2s"), "{ran:?}");
    assert_eq!(env.updates().len(), 3);
    let jane = env.server.user("jane");
    assert_eq!((jane.email(), jane.nickname.as_deref()), (Some("second@example.org"), Some("N")));
}

#[test]
fn dry_run_json_keeps_the_usual_shape() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["update", "--nickname", "D", "--dry-run", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let out = json_out(&ran);
    assert_eq!(out["changed"], false);
    assert_eq!(out["dryRun"], true);
    assert_eq!(out["user"]["username"], "jane");
    assert_eq!(out["request"]["body"], json!({"data": {"nickname": "D"}}));
    assert_eq!(out["request"]["headers"]["X-Auth-Token"], "[REDACTED]");
    assert!(env.updates().is_empty());
}
