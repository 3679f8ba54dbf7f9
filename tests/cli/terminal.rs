//! The interactive flows, driven through a pseudo-terminal (tests/pty_drive.py): no-echo
//! prompts, the new password asked twice, two-factor prompts, Ctrl-C restoring the terminal.

use serde_json::{Value, json};

use crate::common::{PASSWORD, TestEnv};
use crate::support::{Mode, StandIn, User, totp};

pub struct Session {
    pub code: i32,
    pub transcript: String,
    failed_step: Option<usize>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {} (failed step {:?})\n{}", self.code, self.failed_step, self.transcript)
    }
}

/// Run `shell_command` (rocketctl is on PATH) in a pseudo-terminal, answering prompts.
pub fn on_terminal(env: &TestEnv, shell_command: &str, steps: Value) -> Session {
    on_terminal_answering(env, shell_command, steps, |asked| {
        panic!("an `ask` step needs on_terminal_answering (it matched {asked:?})")
    })
}

/// [`on_terminal`] whose `ask` steps keep what `answer` makes of the text each matched (a TOTP
/// code for the secret shown on the screen), for the next `send-answer` step to type.
pub fn on_terminal_answering(
    env: &TestEnv,
    shell_command: &str,
    steps: Value,
    mut answer: impl FnMut(&str) -> String,
) -> Session {
    use std::io::{BufRead as _, Write as _};
    let mut vars: serde_json::Map<String, Value> = env
        .vars()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_string_lossy().into()))
        .collect();
    vars.insert("TERM".into(), "xterm".into());
    let spec = json!({
        "argv": ["sh", "-c", shell_command],
        "env": vars,
        "steps": steps,
        "timeout": 30,
    });
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty_drive.py");
    let mut driver = std::process::Command::new("python3")
        .arg(script)
        .arg(spec.to_string())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut typing = driver.stdin.take().expect("the driver's stdin");
    let mut last = String::new();
    for line in std::io::BufReader::new(driver.stdout.take().expect("the driver's stdout")).lines()
    {
        let line = line.expect("the driver writes text");
        let asked: Option<String> = serde_json::from_str::<Value>(&line)
            .ok()
            .and_then(|value| Some(value.get("ask")?.as_str()?.to_owned()));
        match asked {
            Some(asked) => writeln!(typing, "{}", answer(&asked)).expect("the driver reads"),
            None => last = line,
        }
    }
    let output = driver.wait_with_output().expect("the driver ends");
    let result: Value = serde_json::from_str(&last)
        .unwrap_or_else(|_| panic!("driver output: {}", String::from_utf8_lossy(&output.stderr)));
    Session {
        code: result["code"].as_i64().unwrap() as i32,
        transcript: result["transcript"].as_str().unwrap().to_owned(),
        failed_step: result["failed_step"].as_u64().map(|s| s as usize),
    }
}

#[test]
fn login_and_set_password_at_a_terminal() {
    let env = TestEnv::new(Mode::V8);
    let login = format!("rocketctl login --server {} --context tty", env.server.url());
    let session = on_terminal(
        &env,
        &login,
        json!([
            ["expect", "Username"],
            ["echo-off"],
            ["send", "jane\r"],
            ["expect", "Password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", format!("{PASSWORD}\r")],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");
    assert!(!session.transcript.contains(PASSWORD), "the password was echoed: {session:?}");

    let new = "CANARY-tty-New-9";
    let session = on_terminal(
        &env,
        "rocketctl profile set-password",
        json!([
            ["expect", "Current password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", format!("{PASSWORD}\r")],
            ["expect", "New password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", format!("{new}\r")],
            ["expect", "(again): "],
            ["echo-off"],
            ["send", format!("{new}\r")],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");
    assert!(
        !session.transcript.contains(new) && !session.transcript.contains(PASSWORD),
        "{session:?}"
    );
    assert!(env.server.user("jane").password_is(new));
}

#[test]
fn three_mismatched_new_passwords_send_nothing() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let mut steps = vec![
        json!(["expect", "Current password for jane on 127.0.0.1:"]),
        json!(["echo-off"]),
        json!(["send", format!("{PASSWORD}\r")]),
    ];
    for _ in 0..3 {
        steps.extend([
            json!(["expect", "New password for jane on 127.0.0.1:"]),
            json!(["echo-off"]),
            json!(["send", "CANARY-one-1\r"]),
            json!(["expect", "(again): "]),
            json!(["echo-off"]),
            json!(["send", "CANARY-two-2\r"]),
        ]);
    }
    let session = on_terminal(&env, "rocketctl profile set-password", Value::Array(steps));
    assert_eq!(session.code, 2, "{session:?}");
    assert_eq!(session.transcript.matches("do not match; try again").count(), 2, "{session:?}");
    assert!(session.transcript.contains("error: the two new passwords do not match"));
    assert!(env.server.requests_to("users.updateOwnBasicInfo").is_empty());
    assert!(env.server.user("jane").password_is(PASSWORD));
}

#[test]
fn a_totp_code_is_asked_for_at_a_terminal() {
    let server = StandIn::start(Mode::V8);
    let secret = b"tty-totp-secret";
    server.add_user(User::new("jane", PASSWORD).with_totp(secret));
    let env = TestEnv::with_server(server);
    let login = format!("rocketctl login --server {} --username jane", env.server.url());
    let session = on_terminal(
        &env,
        &login,
        json!([
            ["expect", "Password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", format!("{PASSWORD}\r")],
            ["expect", "authenticator app"],
            ["echo-off"],
            ["send", format!("{}\r", totp::current(secret))],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");

    let session = on_terminal(
        &env,
        "rocketctl profile set-email tty@example.org",
        json!([
            ["expect", "authenticator app"],
            ["echo-off"],
            ["send", format!("{}\r", totp::current(secret))],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");
    assert_eq!(env.server.user("jane").email(), Some("tty@example.org"));
}

#[test]
fn ctrl_c_at_a_password_prompt_restores_echo_and_exits_130() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let before = env.config_text();
    let session = on_terminal(
        &env,
        "rocketctl profile set-email x@example.org; echo \"exit=$?\"; stty -a",
        json!([
            ["expect", "Current password for jane on 127.0.0.1:"],
            ["echo-off"],
            ["send", "half-typed"],
            ["reading"],
            ["ctrl-c"],
            ["expect", "exit="],
        ]),
    );
    assert!(session.transcript.contains("exit=130"), "{session:?}");
    // What the terminal showed up to the exit code (the `stty -a` listing differs by system).
    let shown = session.transcript.replace("\r\n", "\n");
    let shown = &shown[..shown.find("exit=130").unwrap() + "exit=130".len()];
    crate::common::snapshot_settings().bind(|| insta::assert_snapshot!("exit_130", shown));
    let stty = session.transcript.split("exit=130").nth(1).unwrap_or_default();
    assert!(stty.split_whitespace().any(|word| word == "echo"), "echo is still off: {session:?}");
    assert!(!stty.split_whitespace().any(|word| word == "-echo"), "{session:?}");
    assert!(env.server.requests_to("users.updateOwnBasicInfo").is_empty());
    assert_eq!(env.config_text(), before);
}

#[test]
fn ctrl_c_at_a_two_factor_prompt_restores_the_terminal() {
    let server = StandIn::start(Mode::V8);
    server.add_user(User::new("jane", PASSWORD).with_totp(b"tty-totp-secret-2"));
    let env = TestEnv::with_server(server);
    let script = format!(
        "ROCKETCHAT_PASSWORD={PASSWORD} rocketctl login --server {} --username jane; echo \"exit=$?\"; stty -a",
        env.server.url()
    );
    let session = on_terminal(
        &env,
        &script,
        json!([
            ["expect", "authenticator app"],
            ["echo-off"],
            ["send", "12"],
            // The prompt reads key by key, each in raw mode, and is back in the cooked mode
            // between keys: a Ctrl-C there would be a signal to the shell too.
            ["reading"],
            ["ctrl-c"],
            ["expect", "exit="],
        ]),
    );
    assert!(session.transcript.contains("exit=130"), "{session:?}");
    let stty = session.transcript.split("exit=130").nth(1).unwrap_or_default();
    for setting in ["echo", "icanon"] {
        assert!(
            stty.split_whitespace().any(|word| word == setting),
            "{setting} is off: {session:?}"
        );
    }
    assert!(!env.config_path().exists());
}

/// Ctrl-C while the two-factor prompt waits for a key: the prompt library sees the key in raw
/// mode, raises SIGINT and also returns an error, and the two race to exit.
#[test]
fn ctrl_c_while_a_two_factor_prompt_waits_exits_130() {
    let server = StandIn::start(Mode::V8);
    server.add_user(User::new("jane", PASSWORD).with_totp(b"tty-totp-secret-3"));
    let env = TestEnv::with_server(server);
    let script = format!(
        "ROCKETCHAT_PASSWORD={PASSWORD} rocketctl login --server {} --username jane; echo \"exit=$?\"",
        env.server.url()
    );
    for _ in 0..5 {
        let session = on_terminal(
            &env,
            &script,
            json!([["expect", "authenticator app"], ["reading"], ["ctrl-c"], ["expect", "exit="]]),
        );
        assert!(session.transcript.contains("exit=130"), "{session:?}");
    }
}

#[test]
fn api_indents_on_a_terminal_and_asks_for_a_code() {
    let server = StandIn::start(Mode::V8);
    server.state().settings.two_factor_remember_for = std::time::Duration::ZERO;
    let secret = b"tty-api-totp-secret";
    server.add_user(User::new("jane", PASSWORD).with_totp(secret));
    let env = TestEnv::with_server(server);
    let code = totp::current(secret);
    let login = format!(
        "printf '%s' '{PASSWORD}' | rocketctl login --server {} --username jane --password-stdin \
         --2fa-code {code}",
        env.server.url()
    );
    assert_eq!(on_terminal(&env, &login, json!([])).code, 0);

    let session = on_terminal(&env, "rocketctl api me", json!([["expect", "\"username\""]]));
    assert_eq!(session.code, 0, "{session:?}");
    assert!(session.transcript.contains("\n  \"username\": \"jane\""), "{session:?}");

    let session = on_terminal(
        &env,
        "rocketctl api users.updateOwnBasicInfo -f 'data[email]=api@example.org'",
        json!([
            ["expect", "authenticator app"],
            ["echo-off"],
            ["send", format!("{}\r", totp::current(secret))],
        ]),
    );
    assert_eq!(session.code, 0, "{session:?}");
    assert_eq!(env.server.user("jane").email(), Some("api@example.org"));
}

#[test]
fn admin_user_delete_asks_at_a_terminal() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.login_as("root", PASSWORD, "admin");
    let ask = |answer: &str| {
        on_terminal(
            &env,
            "rocketctl admin user delete jane",
            json!([["expect", "Delete the user jane"], ["echo-off"], ["send", answer]]),
        )
    };
    let declined = ask("n");
    assert_eq!(declined.code, 1, "{declined:?}");
    assert!(declined.transcript.contains("not deleted"), "{declined:?}");
    assert!(env.server.requests_to("users.delete").is_empty());
    let confirmed = ask("y");
    assert_eq!(confirmed.code, 0, "{confirmed:?}");
    assert_eq!(env.server.requests_to("users.delete").len(), 1);
    assert!(env.server.state().users.iter().all(|u| u.username != "jane"));
}

#[test]
fn f9_a_code_that_expired_during_a_rate_limit_wait_is_asked_for_again() {
    let (env, secret) = crate::hostile::totp_user_rate_limited();
    let command = format!(
        "ROCKETCTL_TEST_CODE_LIFE_MS=200 rocketctl profile set-email t@example.org --2fa-code {}",
        totp::current(secret)
    );
    let fresh = format!("{}\r", totp::current(secret));
    let session =
        on_terminal(&env, &command, json!([["expect", "Two-factor code"], ["send", fresh]]));
    assert_eq!((session.code, session.failed_step), (0, None), "{session:?}");
    assert!(session.transcript.contains("expired while waiting"), "{session:?}");
    assert_eq!(env.updates().len(), 2, "the stale code was never sent: {session:?}");
    assert_eq!(env.server.user("jane").email(), Some("t@example.org"));
}
