//! `admin user logout`: every session of the user ends and its personal access tokens are
//! revoked (a bot's token file stops working), it needs `--yes` without a terminal, and the dry
//! run, the JSON and the refusals.

use serde_json::json;

use crate::common::{PASSWORD, Ran, TestEnv, assert_ran_snapshot, json_out, run};
use crate::support::{Mode, User};

/// `root` (admin) is logged in; `deploy-bot` exists with a personal access token in a file.
fn with_bot(mode: Mode) -> (TestEnv, String) {
    let env = TestEnv::new(mode);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.login_as("root", PASSWORD, "admin");
    env.server.grant("create-personal-access-tokens", "bot");
    let created = run(env.cmd().args([
        "admin",
        "user",
        "create",
        "deploy-bot",
        "--email",
        "deploy-bot@example.com",
        "--name",
        "Deploy Bot",
        "--role",
        "bot",
        "--random-password",
        "--token",
        "ci",
        "--token-file",
        "deploy-bot.token",
    ]));
    assert_eq!(created.code, 0, "{created:?}");
    let token = std::fs::read_to_string(env.home.path().join("deploy-bot.token")).unwrap();
    (env, token.trim_end().to_owned())
}

/// `rocketctl status` with the bot's token from the environment.
fn status_as_bot(env: &TestEnv, token: &str) -> Ran {
    run(env
        .cmd()
        .arg("status")
        .env("ROCKETCHAT_URL", env.server.url())
        .env("ROCKETCHAT_USER_ID", env.server.user("deploy-bot").id)
        .env("ROCKETCHAT_AUTH_TOKEN", token))
}

fn logout(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().args(["admin", "user", "logout"]).args(args))
}

#[test]
fn logout_revokes_the_personal_access_token_of_a_bot() {
    for mode in [Mode::V8, Mode::V7] {
        let (env, token) = with_bot(mode);
        assert_eq!(status_as_bot(&env, &token).code, 0, "{mode:?}: the token works before");
        let ran = logout(&env, &["deploy-bot", "--yes", "-o", "json"]);
        assert_eq!(ran.code, 0, "{mode:?} {ran:?}");
        assert_eq!(json_out(&ran), json!({"changed": true, "username": "deploy-bot"}));
        assert_eq!(
            ran.stderr,
            "Logged out deploy-bot: ended every session and personal access token it had\n"
        );
        let sent = env.server.requests_to("users.logout");
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].json(), json!({"userId": env.server.user("deploy-bot").id}));
        let after = status_as_bot(&env, &token);
        assert_eq!(after.code, 3, "{mode:?}: the token file is useless now: {after:?}");
        let bot_requests: Vec<_> = env
            .server
            .requests()
            .into_iter()
            .filter(|r| r.header("x-auth-token") == Some(token.as_str()))
            .collect();
        assert!(!bot_requests.is_empty(), "the last status call sent the token");
    }
}

#[test]
fn without_a_terminal_it_needs_yes_and_a_dry_run_needs_none() {
    let (env, token) = with_bot(Mode::V8);
    let ran = logout(&env, &["deploy-bot"]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("pass `--yes` to log out without asking"), "{ran:?}");
    let dry = logout(&env, &["deploy-bot", "--dry-run"]);
    assert_ran_snapshot!("dry_run_user_logout", dry);
    let dry_json = json_out(&logout(&env, &["deploy-bot", "--dry-run", "-o", "json"]));
    assert_eq!((&dry_json["changed"], &dry_json["dryRun"]), (&json!(false), &json!(true)));
    assert!(env.server.requests_to("users.logout").is_empty());
    assert_eq!(status_as_bot(&env, &token).code, 0, "the token still works");
}

#[test]
fn refusals_name_the_user_or_the_permission() {
    let (env, token) = with_bot(Mode::V8);
    let missing = logout(&env, &["nobody", "--yes"]);
    assert_eq!(missing.code, 1, "{missing:?}");
    assert!(missing.stderr.contains("no user named nobody"), "{missing:?}");
    env.server.revoke("logout-other-user", "admin");
    let refused = logout(&env, &["deploy-bot", "--yes"]);
    assert_eq!(refused.code, 5, "{refused:?}");
    assert!(refused.stderr.contains("`logout-other-user` permission"), "{refused:?}");
    assert_eq!(status_as_bot(&env, &token).code, 0, "the token still works");
}

#[test]
fn at_a_terminal_it_asks_first() {
    let (env, token) = with_bot(Mode::V8);
    let ask = |answer: &str| {
        crate::terminal::on_terminal(
            &env,
            "rocketctl admin user logout deploy-bot",
            json!([
                ["expect", "End every session and personal access token of deploy-bot?"],
                ["echo-off"],
                ["send", answer]
            ]),
        )
    };
    let declined = ask("n");
    assert_eq!(declined.code, 1, "{declined:?}");
    assert!(declined.transcript.contains("not logged out"), "{declined:?}");
    assert!(env.server.requests_to("users.logout").is_empty());
    let confirmed = ask("y");
    assert_eq!(confirmed.code, 0, "{confirmed:?}");
    assert_eq!(status_as_bot(&env, &token).code, 3);
}
