//! Prompts as people expect them, driven through a pseudo-terminal: they name the account and
//! server, ask again after a typo (three tries, as sudo and passwd do), `login` asks for a
//! missing server and checks it answers first, and an empty two-factor code says why it is refused.

use serde_json::json;

use crate::common::{ClosedPort, PASSWORD, TestEnv, run};
use crate::support::{Mode, StandIn, User, totp};
use crate::terminal::on_terminal;

#[test]
fn a_mismatched_new_password_is_asked_again() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let new = "CANARY-tty-New-7";
    let session = on_terminal(
        &env,
        "rocketctl profile set-password",
        json!([
            ["expect", "Current password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", format!("{PASSWORD}\r")],
            ["expect", "New password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", "CANARY-one-1\r"],
            ["expect", "(again): "],
            ["echo-off"],
            ["send", "CANARY-two-2\r"],
            ["expect", "do not match; try again"],
            ["expect", "New password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", format!("{new}\r")],
            ["expect", "(again): "],
            ["echo-off"],
            ["send", format!("{new}\r")],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");
    assert!(session.transcript.contains("Changed password"), "{session:?}");
    assert_eq!(env.server.requests_to("users.updateOwnBasicInfo").len(), 1);
    assert!(env.server.user("jane").password_is(new));
}

#[test]
fn a_wrong_current_password_is_asked_again_at_a_terminal_only() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let session = on_terminal(
        &env,
        "rocketctl profile set-email again@example.org",
        json!([
            ["expect", "Current password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", "CANARY-wrong-1\r"],
            ["expect", "the current password was rejected; try again"],
            ["expect", "Current password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", format!("{PASSWORD}\r")],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");
    for secret in ["CANARY-wrong-1", PASSWORD] {
        assert!(!session.transcript.contains(secret), "{secret} was shown: {session:?}");
    }
    assert_eq!(env.server.user("jane").email(), Some("again@example.org"));
    assert_eq!(env.server.requests_to("users.updateOwnBasicInfo").len(), 2);
    // A script is not asked again: one request, exit 4.
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", "wrong").args([
        "profile",
        "set-email",
        "script@example.org",
    ]));
    assert_eq!(ran.code, 4, "{ran:?}");
    assert_eq!(env.server.requests_to("users.updateOwnBasicInfo").len(), 3);
}

#[test]
fn a_refused_login_is_asked_again_three_times() {
    let env = TestEnv::new(Mode::V8);
    let login = format!("rocketctl login --server {} --username jane", env.server.url());
    let mut steps = Vec::new();
    for _ in 0..3 {
        steps.extend([
            json!(["expect", "Password for jane on 127.0.0.1:"]),
            json!(["echo-off"]),
            json!(["send", "CANARY-wrong-2\r"]),
        ]);
    }
    let session = on_terminal(&env, &login, serde_json::Value::Array(steps));
    assert_eq!(session.code, 3, "{session:?}");
    assert_eq!(session.transcript.matches("login refused; try again").count(), 2, "{session:?}");
    assert!(!session.transcript.contains("CANARY-wrong-2"), "{session:?}");
    assert_eq!(env.server.requests_to("login").len(), 3);
    assert!(!env.config_path().exists());
}

#[test]
fn login_asks_for_a_missing_server_and_checks_it_answers_first() {
    let env = TestEnv::new(Mode::V8);
    let closed = ClosedPort::new();
    let session = on_terminal(
        &env,
        "rocketctl login",
        json!([["expect", "Server URL"], ["echo-off"], ["send", format!("{}\r", closed.url())],]),
    );
    assert_eq!(session.code, 7, "{session:?}");
    assert!(session.transcript.contains("cannot connect to"), "{session:?}");
    assert!(
        !session.transcript.contains("Username"),
        "nothing asked of a dead server: {session:?}"
    );

    let session = on_terminal(
        &env,
        "rocketctl login",
        json!([
            ["expect", "Server URL"],
            ["echo-off"],
            ["send", format!("{}\r", env.server.url())],
            ["expect", "Username"],
            ["echo-off"],
            ["send", "jane\r"],
            ["expect", "Password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", format!("{PASSWORD}\r")],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");
    assert!(env.config_text().contains(&env.server.url()), "{}", env.config_text());
}

#[test]
fn an_empty_two_factor_code_says_why_it_is_refused() {
    let server = StandIn::start(Mode::V8);
    let secret = b"tty-totp-empty";
    server.add_user(User::new("jane", PASSWORD).with_totp(secret));
    let env = TestEnv::with_server(server);
    let login = format!(
        "ROCKETCHAT_PASSWORD={PASSWORD} rocketctl login --server {} --username jane",
        env.server.url()
    );
    let session = on_terminal(
        &env,
        &login,
        json!([
            ["expect", "authenticator app"],
            ["echo-off"],
            ["send", "\r"],
            ["expect", "an empty one is refused"],
            ["expect", "authenticator app"],
            ["echo-off"],
            ["send", format!("{}\r", totp::current(secret))],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");
}
