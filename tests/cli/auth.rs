//! login, logout, status, contexts and credential precedence.

use crate::common::{PASSWORD, TestEnv, logged_in, run, sha256};
use crate::support::{Mode, StandIn, User, totp};

#[test]
fn login_with_password_sends_only_the_digest_and_stores_the_token_0600() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env.login_cmd("jane", &[]).write_stdin(format!("{PASSWORD}\n")));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("Logged in to"), "{ran:?}");

    let logins = env.server.requests_to("login");
    assert_eq!(logins.len(), 1);
    let body = logins[0].json();
    assert_eq!(body["user"], "jane");
    assert_eq!(body["password"]["digest"], sha256(PASSWORD));
    assert_eq!(body["password"]["algorithm"], "sha-256");
    for request in env.server.requests() {
        assert!(!request.body.contains(PASSWORD), "plain password sent to {}", request.path);
    }

    assert_eq!(env.config_mode(), 0o600);
    let config = env.config();
    let name = config["current"].as_str().unwrap().to_owned();
    assert_eq!(name, env.server.url().trim_start_matches("http://"));
    let context = &config["contexts"][&name];
    assert_eq!(context["username"].as_str(), Some("jane"));
    assert_eq!(context["user_id"].as_str(), Some(env.server.user("jane").id.as_str()));
    let token = context["auth_token"].as_str().unwrap();
    assert!(env.server.user("jane").has_token(token));
    let text = env.config_text();
    assert!(!text.contains(PASSWORD) && !text.contains(&sha256(PASSWORD)));
    let dir_mode = std::fs::metadata(env.config_path().parent().unwrap()).unwrap();
    assert_eq!(std::os::unix::fs::PermissionsExt::mode(&dir_mode.permissions()) & 0o777, 0o700);
}

#[test]
fn login_with_a_totp_code() {
    let server = StandIn::start(Mode::V8);
    let secret = b"totp-test-secret-123";
    server.add_user(User::new("tina", PASSWORD).with_totp(secret));
    let env = TestEnv::with_server(server);

    // Without a code and without a terminal: exit 4 naming the flag.
    let ran = run(env.login_cmd("tina", &[]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(ran.stderr.contains("two-factor code required (method: totp)"), "{ran:?}");
    assert!(ran.stderr.contains("--2fa-code"), "{ran:?}");

    let code = totp::current(secret);
    let ran = run(env.login_cmd("tina", &["--2fa-code", &code]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.server.requests_to("login").last().unwrap().json()["code"], code.as_str());
    assert!(!ran.stderr.contains(&code));

    let ran = run(env.login_cmd("tina", &["--2fa-code", "000000"]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 4, "{ran:?}");
}

#[test]
fn login_with_a_personal_access_token_checks_it_with_me() {
    let env = TestEnv::new(Mode::V8);
    let token = env.server.token_for("jane");
    let id = env.server.user("jane").id;
    let ran = run(env
        .cmd()
        .args([
            "login",
            "--server",
            &env.server.url(),
            "--user-id",
            &id,
            "--token-stdin",
            "--context",
            "pat",
        ])
        .write_stdin(format!("{token}\r\n")));
    assert_eq!(ran.code, 0, "{ran:?}");
    let me = env.server.requests_to("me");
    assert_eq!(me.len(), 1);
    assert_eq!(me[0].header("x-auth-token"), Some(token.as_str()));
    assert_eq!(env.stored_token("pat"), token);
    assert_eq!(env.config()["contexts"]["pat"]["username"].as_str(), Some("jane"));
    assert!(!ran.stdout.contains(&token) && !ran.stderr.contains(&token));

    // A wrong token is refused and nothing is stored.
    let before = env.config_text();
    let ran = run(env
        .cmd()
        .args([
            "login",
            "--server",
            &env.server.url(),
            "--user-id",
            &id,
            "--token-stdin",
            "--context",
            "bad",
        ])
        .write_stdin("not-the-token"));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert_eq!(env.config_text(), before);
}

#[test]
fn wrong_password_is_exit_3_and_stores_nothing() {
    let env = TestEnv::new(Mode::V7);
    let ran = run(env.login_cmd("jane", &[]).write_stdin("wrong-password"));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(ran.stderr.contains("error: login refused"), "{ran:?}");
    assert!(!env.config_path().exists());
}

#[test]
fn login_refuses_while_an_env_token_is_set() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let before = env.config_text();
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_AUTH_TOKEN", "CANARY-env-token")
        .args(env.login_args("jane"))
        .args(["--password-stdin"])
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("ROCKETCHAT_AUTH_TOKEN is set"), "{ran:?}");
    assert!(!ran.stderr.contains("CANARY-env-token"));
    assert_eq!(env.config_text(), before);
}

#[test]
fn a_missing_password_without_a_terminal_fails_at_once() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env.cmd().args(["login", "--server", &env.server.url(), "--username", "jane"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(env.server.requests_to("login").is_empty(), "no login without a password");
    assert!(
        ran.stderr.contains("--password-stdin") && ran.stderr.contains("ROCKETCHAT_PASSWORD"),
        "{ran:?}"
    );
    assert!(env.server.requests().is_empty());

    let ran = run(env.login_cmd("jane", &[]).write_stdin("\n"));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("is empty"), "{ran:?}");
    assert!(env.server.requests().is_empty());
}

#[test]
fn logout_revokes_the_token_on_the_server() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let token = env.stored_token("test");
    let ran = run(env.cmd().arg("logout"));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!env.server.user("jane").has_token(&token));
    assert!(env.config()["contexts"]["test"].get("auth_token").is_none());
    assert_eq!(env.config()["contexts"]["test"]["username"].as_str(), Some("jane"));

    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(ran.stderr.contains("rocketctl login"), "{ran:?}");
}

#[test]
fn logout_still_forgets_the_token_when_the_server_is_gone() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let config = env.config_text().replace(&env.server.url(), "http://127.0.0.1:9");
    std::fs::write(env.config_path(), config).unwrap();
    let ran = run(env.cmd().arg("logout"));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("could not revoke the token on the server"), "{ran:?}");
    assert!(env.config()["contexts"]["test"].get("auth_token").is_none());
}

#[test]
fn status_names_sources_and_never_prints_the_token() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let token = env.stored_token("test");
    let ran = run(env.cmd().arg("status"));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("8.7"), "{ran:?}");
    assert!(ran.stdout.contains("jane"), "{ran:?}");
    assert!(ran.stdout.contains("context test in"), "{ran:?}");
    assert!(ran.stdout.contains("valid"), "{ran:?}");
    assert!(!ran.stdout.contains(&token) && !ran.stderr.contains(&token));

    let ran = run(env.cmd().args(["status", "-o", "json"]));
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(json["serverVersion"], "8.7");
    assert_eq!(json["username"], "jane");
    assert_eq!(json["token"], "valid");
    assert!(!ran.stdout.contains(&token));
}

#[test]
fn env_credentials_need_no_config_and_write_none() {
    let env = TestEnv::new(Mode::V8);
    let token = env.server.token_for("jane");
    let id = env.server.user("jane").id;
    let with_env = |cmd: &mut assert_cmd::Command| {
        cmd.env("ROCKETCHAT_URL", env.server.url())
            .env("ROCKETCHAT_USER_ID", &id)
            .env("ROCKETCHAT_AUTH_TOKEN", &token);
    };
    let mut cmd = env.cmd();
    with_env(&mut cmd);
    let ran = run(cmd.args(["profile", "show", "-o", "json"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&ran.stdout).unwrap()["username"], "jane");
    assert_eq!(env.server.requests_to("me")[0].header("x-auth-token"), Some(token.as_str()));

    let mut cmd = env.cmd();
    with_env(&mut cmd);
    let ran = run(cmd.arg("status"));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("env ROCKETCHAT_AUTH_TOKEN"), "{ran:?}");
    assert!(ran.stdout.contains("env ROCKETCHAT_URL"), "{ran:?}");
    assert!(!env.home.path().join(".config").exists(), "nothing may be written");
}

#[test]
fn half_of_the_env_credentials_is_ignored_with_a_warning() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let stored = env.stored_token("test");
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_AUTH_TOKEN", env.server.token_for("jane"))
        .args(["profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(
        ran.stderr.contains(
            "ROCKETCHAT_USER_ID and ROCKETCHAT_AUTH_TOKEN are used only together; ignoring the one that is set"
        ),
        "{ran:?}"
    );
    let sent =
        env.server.requests_to("me").last().unwrap().header("x-auth-token").map(str::to_owned);
    assert_eq!(sent, Some(stored), "the stored token is used");
}

#[test]
fn env_token_wins_over_the_stored_one() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let other = env.server.token_for("jane");
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_USER_ID", env.server.user("jane").id)
        .env("ROCKETCHAT_AUTH_TOKEN", &other)
        .args(["profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(
        env.server.requests_to("me").last().unwrap().header("x-auth-token"),
        Some(other.as_str())
    );
}

#[test]
fn contexts_can_be_listed_switched_and_removed() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("bob", "bob-pw"));
    env.login_as("jane", PASSWORD, "work");
    env.login_as("bob", "bob-pw", "bot");
    assert_eq!(env.config()["current"].as_str(), Some("bot"));

    let ran = run(env.cmd().args(["context", "list"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.lines().any(|l| l.starts_with('*') && l.contains("bot")), "{ran:?}");

    let ran = run(env.cmd().args(["profile", "show", "-o", "json"]));
    assert!(ran.stdout.contains("\"bob\""), "{ran:?}");
    let ran = run(env.cmd().args(["--context", "work", "profile", "show", "-o", "json"]));
    assert!(ran.stdout.contains("\"jane\""), "{ran:?}");
    let ran =
        run(env.cmd().env("ROCKETCTL_CONTEXT", "work").args(["profile", "show", "-o", "json"]));
    assert!(ran.stdout.contains("\"jane\""), "{ran:?}");

    assert_eq!(run(env.cmd().args(["context", "use", "work"])).code, 0);
    assert_eq!(env.config()["current"].as_str(), Some("work"));
    let ran = run(env.cmd().args(["context", "use", "nope"]));
    assert_eq!(ran.code, 2, "{ran:?}");

    let ran = run(env.cmd().args(["context", "list", "-o", "json"]));
    let list: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);

    assert_eq!(run(env.cmd().args(["context", "remove", "bot"])).code, 0);
    assert!(env.config()["contexts"].get("bot").is_none());
    assert_eq!(env.config_mode(), 0o600);
}

#[test]
fn a_stored_token_is_never_sent_to_another_server() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let other = StandIn::start(Mode::V8);
    let ran = run(env.cmd().args(["--server", &other.url(), "profile", "show"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(other.requests().is_empty());
}

#[test]
fn concurrent_logins_into_eight_contexts_all_land() {
    let env = TestEnv::new(Mode::V8);
    env.concurrent_logins(8);
    let config = env.config();
    for i in 0..8 {
        assert!(
            config["contexts"].get(format!("c{i}")).is_some(),
            "context c{i} lost:\n{}",
            env.config_text()
        );
    }
    assert_eq!(env.config_mode(), 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(env.config_path().parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "config.toml" && name != "config.toml.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn env_credentials_without_a_server_say_what_is_missing() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_USER_ID", "u1")
        .env("ROCKETCHAT_AUTH_TOKEN", "t1")
        .args(["profile", "show"]));
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(ran.stderr.contains("no server") && ran.stderr.contains("ROCKETCHAT_URL"), "{ran:?}");
    assert!(!env.home.path().join(".config").exists());
}

/// A login into a side account's context makes it current, and says so, naming how to switch
/// back: later commands run as that account.
#[test]
fn login_with_a_context_says_when_it_becomes_current() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("bot", "bot-password-1"));
    env.login_as("jane", PASSWORD, "jane");
    let ran = run(env.login_cmd("bot", &["--context", "bot"]).write_stdin("bot-password-1"));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(
        ran.stderr.contains(
            "note: `bot` is now the current context instead of `jane`; `rocketctl context use jane` switches back"
        ),
        "{ran:?}"
    );
    let again = run(env.login_cmd("bot", &["--context", "bot"]).write_stdin("bot-password-1"));
    assert!(!again.stderr.contains("now the current context"), "already current: {again:?}");
}

/// A login whose token cannot be kept (here the config write fails, as on a full disk) logs
/// the session it opened out again: no token nobody holds stays valid on the server.
#[test]
fn a_session_whose_token_cannot_be_kept_is_logged_out_again() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env
        .login_cmd("jane", &["--context", "work", "--store", "file"])
        .env("ROCKETCTL_TEST_FAIL_AT", "disk-full")
        .write_stdin(format!("{PASSWORD}\n")));
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(ran.stderr.contains("note: logged the new session out again"), "{ran:?}");
    let logins = env.server.requests_to("login");
    let logouts = env.server.requests_to("logout");
    assert_eq!((logins.len(), logouts.len()), (1, 1), "{ran:?}");
    assert!(env.server.user("jane").tokens.is_empty(), "the session is gone");
    assert!(!env.config_text().contains("auth_token"));
}

/// A token the user gave (`--user-id` with `--token-stdin`) is theirs: a failure to keep it
/// never logs it out.
#[test]
fn a_given_token_that_cannot_be_kept_is_not_logged_out() {
    let env = logged_in(Mode::V8);
    let token = env.stored_token("test");
    let user_id = env.server.user("jane").id;
    let ran = run(env
        .cmd()
        .args(["login", "--server", &env.server.url(), "--context", "copy", "--store", "file"])
        .args(["--user-id", &user_id, "--token-stdin"])
        .env("ROCKETCTL_TEST_FAIL_AT", "disk-full")
        .write_stdin(token.clone()));
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(env.server.requests_to("logout").is_empty(), "{ran:?}");
    assert!(env.server.user("jane").has_token(&token));
}
