//! `token list | create | regenerate | delete` against the stand-in, on 8.x and 7.x servers
//! that answer with raw user documents on every route (nothing of `services` may show).

use std::os::unix::fs::PermissionsExt as _;
use std::time::Duration;

use crate::common::{PASSWORD, Ran, TestEnv, json_out, run, sha256};
use crate::support::{Mode, StandIn, User, totp};

const GENERATE: &str = "users.generatePersonalAccessToken";
const MODES: [Mode; 2] = [Mode::V8, Mode::V7];

/// Jane logged in (context `test`) on a server answering raw documents.
fn env_for(mode: Mode) -> TestEnv {
    let env = TestEnv::new(mode);
    env.login();
    env.server.raw_documents();
    env
}

/// `rocketctl token ARGS` with the password in ROCKETCHAT_PASSWORD; nothing of `services`
/// may reach either stream.
fn token(env: &TestEnv, args: &[&str]) -> Ran {
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).arg("token").args(args));
    assert_no_services(&ran);
    ran
}

fn assert_no_services(ran: &Ran) {
    assert!(!ran.stdout.contains("services") && !ran.stderr.contains("services"), "{ran:?}");
    assert!(!ran.stdout.contains("bcrypt") && !ran.stderr.contains("bcrypt"), "{ran:?}");
}

fn token_list(env: &TestEnv) -> serde_json::Value {
    let ran = token(env, &["list", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    json_out(&ran)
}

#[test]
fn a_password_user_creates_lists_regenerates_and_deletes() {
    for mode in MODES {
        let env = env_for(mode);
        let ran = token(&env, &["create", "ci"]);
        assert_eq!(ran.code, 0, "{mode:?} {ran:?}");
        let made = ran.stdout.trim_end().to_owned();
        assert_eq!(ran.stdout, format!("{made}\n"), "the token alone on stdout");
        let sent = env.server.requests_to(GENERATE);
        let answered = sent.last().expect("a generate request");
        assert_eq!(answered.header("x-2fa-method"), Some("password"));
        assert_eq!(answered.header("x-2fa-code"), Some(sha256(PASSWORD).as_str()));
        // The setup login sends the digest in its body, as a login does; nothing else may.
        for request in env.server.requests().iter().filter(|r| !r.path.ends_with("/login")) {
            assert!(!request.body.contains(&sha256(PASSWORD)), "the digest only in a header");
            assert!(!request.query.contains(&sha256(PASSWORD)));
        }
        let list = token_list(&env);
        assert_eq!(list[0]["name"], "ci");
        assert_eq!(list[0]["lastTokenPart"], made[made.len() - 6..]);
        assert_eq!(
            (&list[0]["bypassTwoFactor"], &list[0]["current"]),
            (&false.into(), &false.into())
        );
        assert!(list[0]["createdAt"].is_string(), "{list}");

        let ran = token(&env, &["regenerate", "ci", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        let out = json_out(&ran);
        assert_eq!((&out["name"], &out["bypassTwoFactor"]), (&"ci".into(), &false.into()));
        assert_ne!(out["token"], made.as_str());
        assert_eq!(out["userId"], env.server.user("jane").id.as_str());
        assert!(!env.server.user("jane").has_token(&made), "the old token is dead");

        let ran = token(&env, &["delete", "ci", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(json_out(&ran), serde_json::json!({"changed": true, "name": "ci"}));
        assert!(env.server.personal_tokens("jane").is_empty());
    }
}

#[test]
fn deleting_a_missing_name_sends_nothing() {
    for mode in MODES {
        let env = env_for(mode);
        let ran = token(&env, &["delete", "nope", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(json_out(&ran), serde_json::json!({"changed": false, "name": "nope"}));
        assert!(ran.stderr.contains("nothing to delete"), "{ran:?}");
        assert!(env.server.requests_to("users.removePersonalAccessToken").is_empty());
    }
}

#[test]
fn a_totp_user_answers_with_a_code() {
    for mode in MODES {
        let server = StandIn::start(mode);
        let secret = b"totp-secret-for-tokens";
        server.add_user(User::new("tina", PASSWORD).with_totp(secret));
        let env = TestEnv::with_server(server);
        let login = run(env
            .login_cmd("tina", &[])
            .arg("--2fa-code")
            .arg(totp::current(secret))
            .write_stdin(PASSWORD));
        assert_eq!(login.code, 0, "the setup login: {login:?}");
        env.server.raw_documents();
        env.server.state().settings.two_factor_remember_for = Duration::ZERO;

        let ran = run(env.cmd().args(["token", "create", "ci", "--no-input"]));
        assert_eq!(ran.code, 4, "no code, no terminal: {ran:?}");
        assert!(ran.stderr.contains("--2fa-code"), "{ran:?}");

        let code = totp::current(secret);
        let ran = run(env.cmd().args(["token", "create", "ci", "--2fa-code", &code]));
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_no_services(&ran);
        let sent = env.server.requests_to(GENERATE);
        assert_eq!(sent.last().unwrap().header("x-2fa-method"), Some("totp"));
        assert_eq!(env.server.personal_tokens("tina").len(), 1);
    }
}

#[test]
fn a_user_without_the_permission_is_told_which_one() {
    for mode in MODES {
        let server = StandIn::start(mode);
        server.add_user(User::new("bot", PASSWORD).with_roles(&["bot"]));
        let env = TestEnv::with_server(server);
        env.login_as("bot", PASSWORD, "test");
        env.server.raw_documents();
        let ran = token(&env, &["create", "ci"]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(ran.stderr.contains("create-personal-access-tokens"), "{ran:?}");
        assert!(ran.stderr.contains("`bot` role"), "{ran:?}");
        assert!(env.server.personal_tokens("bot").is_empty());
    }
}

#[test]
fn a_taken_name_is_refused_with_a_hint() {
    for mode in MODES {
        let env = env_for(mode);
        assert_eq!(token(&env, &["create", "ci"]).code, 0);
        let ran = token(&env, &["create", "ci"]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(ran.stderr.contains("token regenerate ci"), "{ran:?}");
        assert!(ran.stdout.is_empty(), "{ran:?}");
        assert_eq!(env.server.personal_tokens("jane").len(), 1);
    }
}

#[test]
fn save_writes_a_new_0600_file_and_refuses_an_existing_one() {
    for mode in MODES {
        let env = env_for(mode);
        let path = env.home.path().join("ci-token.txt");
        let ran = token(&env, &["create", "ci", "--save", path.to_str().unwrap()]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stdout.is_empty(), "nothing secret printed: {ran:?}");
        let saved = std::fs::read_to_string(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let last = env.server.personal_tokens("jane")[0].last_token_part.clone();
        assert!(saved.trim_end().ends_with(&last), "the file holds the token");
        assert!(!ran.stderr.contains(saved.trim_end()));

        let before = env.server.requests_to(GENERATE).len();
        let ran = token(&env, &["create", "other", "--save", path.to_str().unwrap()]);
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("already exists"), "{ran:?}");
        assert_eq!(env.server.requests_to(GENERATE).len(), before, "nothing sent");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), saved, "the file is untouched");
    }
}

#[test]
fn login_stores_the_token_and_logs_the_old_session_out() {
    for mode in MODES {
        let env = env_for(mode);
        let old = env.stored_token("test");
        let ran = token(&env, &["create", "laptop", "--login"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stdout.is_empty(), "{ran:?}");
        let stored = env.stored_token("test");
        assert_ne!(stored, old);
        assert!(env.server.user("jane").has_token(&stored), "the context holds the PAT");
        assert!(!env.server.user("jane").has_token(&old), "the old session is dead");
        assert!(!ran.stderr.contains(&stored));
        let list = token_list(&env);
        assert_eq!(list[0]["current"], true, "{list}");
        let table = token(&env, &["list"]);
        assert!(table.stdout.lines().nth(1).unwrap().trim_end().ends_with('*'), "{table:?}");
    }
}

#[test]
fn a_bypass_token_needs_no_second_factor_later() {
    for mode in MODES {
        let env = env_for(mode);
        let ran = token(&env, &["create", "bot", "--bypass-2fa", "--login"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        env.server.state().settings.two_factor_remember_for = Duration::ZERO;
        let ran = run(env.cmd().args(["token", "create", "next", "--no-input"]));
        assert_eq!(ran.code, 0, "{ran:?}");
        let sent = env.server.requests_to(GENERATE);
        assert_eq!(sent.last().unwrap().header("x-2fa-code"), None, "no code was sent");
        let list = token_list(&env);
        assert_eq!(list[0]["bypassTwoFactor"], true, "{list}");
    }
}

/// Red team G6: a mint whose answer is lost was still made; the token list settles it, and
/// the message says so and how to finish, never "no answer" as if nothing was sent.
#[test]
fn a_lost_mint_answer_is_settled_by_the_token_list() {
    let env = env_for(Mode::V8);
    // The first request is answered with the two-factor challenge; the second makes the token.
    env.server.inject_after(GENERATE, 1, crate::support::Fault::DropAfterApply, 1);
    let saved = env.home.path().join("lost.token");
    let ran = token(&env, &["create", "lost", "--save", saved.to_str().unwrap()]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("the token `lost` was made, but its value was lost"), "{ran:?}");
    assert!(ran.stderr.contains("rocketctl token regenerate lost"), "{ran:?}");
    assert!(!saved.exists(), "the empty --save file is gone, so the rerun can use it");
    let listed = token_list(&env);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");

    let again = token(&env, &["regenerate", "lost", "--save", saved.to_str().unwrap()]);
    assert_eq!(again.code, 0, "the hint's command finishes the job: {again:?}");
    assert!(!std::fs::read_to_string(&saved).unwrap().trim().is_empty());
}

#[test]
fn a_mint_that_never_reached_the_server_is_safe_to_run_again() {
    let env = env_for(Mode::V8);
    env.server.inject(GENERATE, crate::support::Fault::DropBeforeApply, 1);
    let ran = token(&env, &["create", "ci"]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("the token `ci` was not made; it is safe to run"), "{ran:?}");
    assert_eq!(token_list(&env), serde_json::json!([]));
}

#[test]
fn a_lost_regenerate_answer_is_told_by_the_token_s_last_characters() {
    let env = env_for(Mode::V8);
    assert_eq!(token(&env, &["create", "ci"]).code, 0);
    // The creation's second factor is remembered: the regeneration is sent once.
    let regenerate = "users.regeneratePersonalAccessToken";
    env.server.inject(regenerate, crate::support::Fault::Html502AfterApply, 1);
    let ran = token(&env, &["regenerate", "ci"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(
        ran.stderr.contains("the token `ci` was regenerated, but its value was lost"),
        "{ran:?}"
    );
    assert_eq!(ran.stdout, "", "no token is printed");
}

/// What `token list` prints, exactly: the table (the current token marked) and the JSON list.
#[test]
fn token_list_is_pinned_as_a_table_and_as_json() {
    let env = env_for(Mode::V8);
    let plain = token(&env, &["create", "ci"]);
    assert_eq!(plain.code, 0, "{plain:?}");
    let bot = token(&env, &["create", "bot", "--bypass-2fa", "--login"]);
    assert_eq!(bot.code, 0, "{bot:?}");
    // The tokens are random: their last six characters become LAST01 and LAST02.
    let bot_token = env.stored_token("test");
    let hide = |mut ran: Ran| {
        for (made, shown) in [(plain.stdout.trim_end(), "LAST01"), (bot_token.as_str(), "LAST02")] {
            ran.stdout = ran.stdout.replace(&made[made.len() - 6..], shown);
        }
        ran
    };
    crate::common::assert_ran_snapshot!("token_list", hide(token(&env, &["list"])));
    crate::common::assert_ran_snapshot!(
        "token_list_json",
        hide(token(&env, &["list", "-o", "json"]))
    );
}
