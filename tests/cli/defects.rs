//! Inputs that once crashed or were silently ignored: a two-factor code with a line break, and
//! custom field names that hold `/` or `~`.

use serde_json::json;

use crate::common::{CUSTOM_FIELD_WRITES, PASSWORD, TestEnv, json_out, logged_in, run};
use crate::support::{Mode, StandIn, User, totp};

const SECRET: &[u8] = b"totp-secret-for-jane";

/// A TOTP user, logged in.
fn totp_user() -> TestEnv {
    let server = StandIn::start(Mode::V8);
    server.add_user(User::new("jane", PASSWORD).with_totp(SECRET));
    let env = TestEnv::with_server(server);
    let ran =
        run(env.login_cmd("jane", &["--2fa-code", &totp::current(SECRET)]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");
    env
}

#[test]
fn a_two_factor_code_with_a_line_break_is_a_usage_error() {
    let env = totp_user();
    let code = format!("{}\r\n", totp::current(SECRET));
    let ran = env.profile(&["set-email", "t@example.org", "--2fa-code", &code]);
    assert_eq!(ran.code, 2, "a bad code is a usage error, never an abort: {ran:?}");
    assert!(ran.stderr.contains("two-factor code"), "{ran:?}");
    assert!(!ran.stderr.contains(code.trim()), "the code is not echoed: {ran:?}");
    assert!(env.updates().is_empty(), "nothing was sent");

    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_2FA_CODE", format!("{}\n", totp::current(SECRET)))
        .args(["profile", "set-email", "t@example.org"]));
    assert_eq!(ran.code, 2, "the same from the environment: {ran:?}");
    assert!(env.updates().is_empty());
}

#[test]
fn a_login_code_with_a_line_break_is_a_usage_error() {
    let server = StandIn::start(Mode::V8);
    server.add_user(User::new("jane", PASSWORD).with_totp(SECRET));
    let env = TestEnv::with_server(server);
    let code = format!("{}\r", totp::current(SECRET));
    let ran = run(env.login_cmd("jane", &["--2fa-code", &code]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(env.server.requests_to("login").is_empty(), "checked before anything is sent");
}

#[test]
fn custom_fields_named_with_slash_or_tilde_are_removed() {
    for write in CUSTOM_FIELD_WRITES {
        let env = logged_in(Mode::V8);
        // A removed key is sent as null: blank on a server that replaces the object, and on
        // one that merges (docs/server.md#custom-fields-replace-or-merge).
        env.custom_fields_stored_by(write);
        env.server.state().settings.custom_fields = Some(
            json!({"a/b": {"type": "text"}, "c~d": {"type": "text"}, "team": {"type": "text"}}),
        );
        env.server.state().users[0].custom_fields =
            Some(json!({"a/b": "x", "c~d": "y", "team": "core"}).as_object().unwrap().clone());
        let ran = env.profile(&["update", "--unset-field", "a/b", "--unset-field", "c~d"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        let updates = env.updates();
        assert_eq!(updates.len(), 1, "the change is sent, not seen as already made: {ran:?}");
        let removed =
            json!({"data": {}, "customFields": {"a/b": null, "c~d": null, "team": "core"}});
        assert_eq!(updates[0].json(), removed, "{write:?}");
        assert!(ran.stderr.contains("custom field a/b (removed)"), "{ran:?}");
        let shown = json_out(&env.show(&["-o", "json"]));
        assert_eq!(shown["customFields"], json!({"team": "core"}), "{write:?}");
        let again = env.profile(&["update", "--unset-field", "a/b"]);
        assert!(again.stderr.contains("nothing to change"), "{write:?}: {again:?}");
    }
}
