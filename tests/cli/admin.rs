//! admin user show | list | create | update | activate | deactivate | delete against the
//! stand-in, in 8.x and 7.x modes.

use std::os::unix::fs::PermissionsExt as _;

use serde_json::Value;

use crate::common::{PASSWORD, Ran, TestEnv, json_out, run};
use crate::support::{Fault, Mode, User};

const MODES: [Mode; 2] = [Mode::V8, Mode::V7];

/// jane exists; `root` (admin) is logged in and current.
fn as_admin(mode: Mode) -> TestEnv {
    let env = TestEnv::new(mode);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.login_as("root", PASSWORD, "admin");
    env
}

fn admin(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().arg("admin").arg("user").args(args).env("ROCKETCHAT_PASSWORD", PASSWORD))
}

fn create_bot(env: &TestEnv, file: &str) -> Ran {
    admin(
        env,
        &[
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
            file,
        ],
    )
}

#[test]
fn create_a_bot_with_a_random_password_and_a_token_file() {
    for mode in MODES {
        let env = as_admin(mode);
        env.server.grant("create-personal-access-tokens", "bot");
        let ran = create_bot(&env, "bot.token");
        assert_eq!(ran.code, 0, "{mode:?} {ran:?}");
        let created = env.server.requests_to("users.create");
        assert_eq!(created.len(), 1);
        let body = created[0].json();
        let password = body["password"].as_str().unwrap().to_owned();
        assert_eq!(password.len(), 32);
        // Every rule a password policy can switch on: each class, no character three times
        // in a row, nothing a shell or a form would mangle.
        let has = |class: fn(&char) -> bool| password.chars().any(|c| class(&c));
        assert!(has(char::is_ascii_lowercase) && has(char::is_ascii_uppercase), "{password}");
        assert!(has(char::is_ascii_digit) && has(char::is_ascii_punctuation), "{password}");
        let chars: Vec<char> = password.chars().collect();
        assert!(!chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]), "{password}");
        assert!(password.chars().all(|c| c.is_ascii_alphanumeric() || "-_.,:+=@%^~".contains(c)));
        assert_eq!(body["joinDefaultChannels"], false);
        assert_eq!(body["verified"], false);
        let user = env.server.user("deploy-bot");
        assert_eq!(user.emails, vec![("deploy-bot@example.com".to_owned(), false)]);
        assert!(user.rooms.is_empty(), "{mode:?}: joined {:?}", user.rooms);
        assert_eq!(user.roles, vec!["bot".to_owned()]);

        let file = env.home.path().join("bot.token");
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        let token = std::fs::read_to_string(&file).unwrap().trim().to_owned();
        let status = run(env
            .cmd()
            .arg("status")
            .arg("-o")
            .arg("json")
            .env("ROCKETCHAT_URL", env.server.url())
            .env("ROCKETCHAT_USER_ID", &user.id)
            .env("ROCKETCHAT_AUTH_TOKEN", &token));
        assert_eq!(status.code, 0, "{mode:?} the token authenticates: {status:?}");
        assert!(status.stdout.contains("deploy-bot"), "{status:?}");

        let logouts = env.server.requests_to("logout");
        assert_eq!(logouts.len(), 1, "{mode:?}: the bot's session is logged out");
        assert_eq!(logouts[0].header("x-user-id"), Some(user.id.as_str()));
        for text in
            [&ran.stdout, &ran.stderr, &std::fs::read_to_string(&file).unwrap(), &env.config_text()]
        {
            assert!(!text.contains(&password), "{mode:?}: the random password leaked");
        }
    }
}

/// The permission check before the creation passes, and the token route still refuses (the
/// grant was taken back meanwhile): the user exists, and the message says so.
#[test]
fn create_when_the_token_route_still_refuses_says_the_user_exists() {
    for mode in MODES {
        let env = as_admin(mode);
        env.server.grant("create-personal-access-tokens", "bot");
        let body = r#"{"success": false, "error": "User does not have the permissions required for this action [error-unauthorized]"}"#;
        let refusal = Fault::Respond {
            status: 403,
            content_type: "application/json".into(),
            body: body.into(),
            headers: Vec::new(),
        };
        env.server.inject("users.generatePersonalAccessToken", refusal, 1);
        let ran = create_bot(&env, "bot.token");
        assert_eq!(ran.code, 5, "{mode:?} {ran:?}");
        assert!(ran.stderr.contains("deploy-bot was created"), "{ran:?}");
        assert!(ran.stderr.contains("create-personal-access-tokens"), "{ran:?}");
        assert!(ran.stderr.contains("admin user delete deploy-bot"), "{ran:?}");
        assert!(!env.home.path().join("bot.token").exists());
        assert_eq!(env.server.user("deploy-bot").roles, vec!["bot".to_owned()]);
    }
}

#[test]
fn create_of_a_taken_username_creates_nothing() {
    for mode in MODES {
        let env = as_admin(mode);
        let ran = admin(
            &env,
            &[
                "create",
                "jane",
                "--email",
                "other@example.com",
                "--name",
                "Other",
                "--random-password",
            ],
        );
        assert_eq!(ran.code, 5, "{mode:?} {ran:?}");
        assert!(ran.stderr.contains("admin user update"), "{ran:?}");
        assert!(env.server.requests_to("users.create").is_empty());
    }
}

#[test]
fn update_sends_only_the_differences_in_one_request_and_roles_replace() {
    for mode in MODES {
        let env = as_admin(mode);
        let ran = admin(
            &env,
            &[
                "update",
                "jane",
                "--name",
                "Jane Doe",
                "--nickname",
                "JD",
                "--role",
                "bot",
                "-o",
                "json",
            ],
        );
        assert_eq!(ran.code, 0, "{mode:?} {ran:?}");
        let updates = env.server.requests_to("users.update");
        // The server asks for the administrator's own factor (the password here): the same
        // body goes again with it, and that one request makes every change.
        let mut sent: Vec<Value> = updates.iter().map(|r| r.json()).collect();
        sent.dedup();
        assert_eq!(sent.len(), 1, "{mode:?} {updates:?}");
        assert_eq!(updates.last().unwrap().header("x-2fa-method"), Some("password"));
        let data = sent[0]["data"].as_object().unwrap();
        assert_eq!(data.keys().collect::<Vec<_>>(), ["nickname", "roles"], "{mode:?}");
        assert_eq!(env.server.user("jane").roles, vec!["bot".to_owned()]);
        assert_eq!(json_out(&ran)["user"]["roles"], serde_json::json!(["bot"]));
        let again = admin(&env, &["update", "jane", "--nickname", "JD", "--role", "bot"]);
        assert_eq!(again.code, 0, "{again:?}");
        assert!(again.stderr.contains("nothing to change"), "{again:?}");
    }
}

#[test]
fn a_caller_without_the_permission_is_refused_naming_it() {
    for mode in MODES {
        let env = TestEnv::new(mode);
        env.login();
        let ran = admin(
            &env,
            &["create", "x-bot", "--email", "x@example.com", "--name", "X", "--random-password"],
        );
        assert_eq!(ran.code, 5, "{mode:?} {ran:?}");
        assert!(ran.stderr.contains("`create-user`"), "{ran:?}");
        let ran = admin(&env, &["deactivate", "jane"]);
        assert_eq!(ran.code, 5, "{mode:?} {ran:?}");
        assert!(ran.stderr.contains("edit-other-user-active-status"), "{ran:?}");
    }
}

#[test]
fn deactivate_twice_sends_once() {
    for mode in MODES {
        let env = as_admin(mode);
        assert_eq!(admin(&env, &["deactivate", "jane"]).code, 0);
        let second = admin(&env, &["deactivate", "jane"]);
        assert_eq!(second.code, 0, "{second:?}");
        assert!(second.stderr.contains("already inactive"), "{second:?}");
        assert_eq!(env.server.requests_to("users.setActiveStatus").len(), 1);
        assert!(!env.server.user("jane").active);
    }
}

#[test]
fn delete_needs_yes_without_a_terminal_and_a_missing_user_is_fine() {
    for mode in MODES {
        let env = as_admin(mode);
        let ran = admin(&env, &["delete", "jane"]);
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("--yes"), "{ran:?}");
        assert!(env.server.requests_to("users.delete").is_empty());
        assert_eq!(admin(&env, &["delete", "jane", "--yes"]).code, 0);
        let missing = admin(&env, &["delete", "jane", "--yes"]);
        assert_eq!(missing.code, 0, "{missing:?}");
        assert_eq!(env.server.requests_to("users.delete").len(), 1);
    }
}

#[test]
fn list_pages_through_250_users_once_each() {
    for mode in MODES {
        let env = as_admin(mode);
        for n in 0..250 {
            env.server.add_user(User::new(&format!("user-{n:03}"), PASSWORD));
        }
        let ran = admin(&env, &["list", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(json_out(&ran).as_array().unwrap().len(), 252);
        let pages = env.server.requests_to("users.list");
        assert_eq!(pages.len(), 3, "{mode:?}: 252 users in pages of 100");
        let mut offsets: Vec<String> = pages.iter().filter_map(|r| r.param("offset")).collect();
        offsets.sort();
        offsets.dedup();
        assert_eq!(offsets.len(), pages.len(), "every page once: {offsets:?}");
        let filtered = admin(&env, &["list", "--filter", "USER-00", "-o", "json"]);
        assert_eq!(json_out(&filtered).as_array().unwrap().len(), 10);
    }
}

#[test]
fn raw_documents_never_reach_the_output() {
    for mode in MODES {
        let env = as_admin(mode);
        env.server.raw_documents();
        env.server.grant("create-personal-access-tokens", "bot");
        let runs = [
            admin(&env, &["show", "jane", "-v"]),
            admin(&env, &["show", "root", "-o", "json", "-v"]),
            admin(&env, &["list", "-v"]),
            admin(&env, &["list", "-o", "json"]),
            admin(&env, &["update", "jane", "--nickname", "X", "-v", "-o", "json"]),
            admin(&env, &["deactivate", "jane", "-v", "-o", "json"]),
            create_bot(&env, "bot.token"),
        ];
        for ran in runs {
            assert_eq!(ran.code, 0, "{mode:?} {ran:?}");
            for text in [&ran.stdout, &ran.stderr] {
                assert!(
                    !text.contains("bcrypt") && !text.contains("hashedToken"),
                    "{mode:?} {ran:?}"
                );
            }
            assert!(!ran.stdout.contains("services"), "{mode:?} {ran:?}");
        }
    }
}

#[test]
fn show_of_a_missing_user_is_exit_1() {
    let env = as_admin(Mode::V8);
    let ran = admin(&env, &["show", "nobody"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    let shown = admin(&env, &["show", "jane"]);
    assert_eq!(shown.code, 0);
    assert!(shown.stdout.contains("Jane Doe"), "{shown:?}");
}

#[test]
fn create_sends_the_status_text_in_a_follow_up_update() {
    let env = as_admin(Mode::V8);
    let ran = admin(
        &env,
        &[
            "create",
            "s-bot",
            "--email",
            "s@example.com",
            "--name",
            "S",
            "--random-password",
            "--status-text",
            "Shipping",
            "-o",
            "json",
        ],
    );
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(json_out(&ran)["user"]["statusText"], "Shipping");
    assert!(env.server.requests_to("users.create")[0].json().get("statusText").is_none());
    assert_eq!(
        env.server.requests_to("users.update").last().unwrap().json()["data"]["statusText"],
        "Shipping"
    );
}

fn create_plain(env: &TestEnv) -> Ran {
    admin(
        env,
        &[
            "create",
            "lost-bot",
            "--email",
            "lost@example.com",
            "--name",
            "Lost",
            "--random-password",
        ],
    )
}

#[test]
fn a_lost_answer_to_create_is_settled_by_reading_the_user() {
    for mode in MODES {
        let env = as_admin(mode);
        env.server.inject("users.create", Fault::DropAfterApply, 1);
        let ran = create_plain(&env);
        assert_eq!(ran.code, 0, "{mode:?} the user exists: {ran:?}");
        assert!(ran.stderr.contains("Created lost-bot"), "{ran:?}");
        assert_eq!(env.server.requests_to("users.create").len(), 1, "never sent twice");

        let env = as_admin(mode);
        env.server.inject("users.create", Fault::DropBeforeApply, 1);
        let ran = create_plain(&env);
        assert_eq!(ran.code, 7, "{mode:?} nothing was created: {ran:?}");
        assert!(ran.stderr.contains("lost-bot was not created"), "{ran:?}");

        let env = as_admin(mode);
        env.server.inject("users.create", Fault::DropAfterApply, 1);
        env.server.inject_after("users.info", 1, Fault::DropBeforeApply, 20);
        let ran = create_plain(&env);
        assert_eq!(ran.code, 9, "{mode:?} cannot tell: {ran:?}");
        assert!(ran.stderr.contains("admin user show lost-bot"), "{ran:?}");
    }
}

#[test]
fn the_token_step_answers_a_password_challenge_with_the_new_users_digest() {
    let env = as_admin(Mode::V8);
    env.server.state().settings.two_factor_remember_for = std::time::Duration::ZERO;
    env.server.grant("create-personal-access-tokens", "bot");
    let ran = create_bot(&env, "bot.token");
    assert_eq!(ran.code, 0, "{ran:?}");
    let made = env.server.requests_to("users.generatePersonalAccessToken");
    assert_eq!(made.last().unwrap().header("x-2fa-method"), Some("password"), "{made:?}");
    assert_eq!(env.server.personal_tokens("deploy-bot").len(), 1);
}

#[test]
fn update_sets_verified_and_require_password_change_only_when_they_differ() {
    let env = as_admin(Mode::V8);
    assert!(env.server.user("jane").emails[0].1, "jane starts verified");
    let args = ["update", "jane", "--verified", "false", "--require-password-change", "true"];
    let ran = admin(&env, &args);
    assert_eq!(ran.code, 0, "{ran:?}");
    let jane = env.server.user("jane");
    assert!(!jane.emails[0].1 && jane.require_password_change, "{ran:?}");
    let body = env.server.requests_to("users.update").last().unwrap().json();
    assert_eq!(body["data"], serde_json::json!({"verified": false, "requirePasswordChange": true}));
    let before = env.server.requests_to("users.update").len();
    assert_eq!(admin(&env, &args).code, 0);
    assert_eq!(env.server.requests_to("users.update").len(), before, "nothing sent again");
}

#[test]
fn a_lost_answer_to_update_is_settled_by_reading_the_user() {
    for mode in MODES {
        let env = as_admin(mode);
        // The first request meets the password challenge; the second carries the change.
        env.server.inject_after("users.update", 1, Fault::DropAfterApply, 1);
        let ran = admin(&env, &["update", "jane", "--nickname", "lost"]);
        assert_eq!(ran.code, 0, "{mode:?} the change is there: {ran:?}");
        assert_eq!(env.server.user("jane").nickname.as_deref(), Some("lost"));

        let env = as_admin(mode);
        env.server.inject_after("users.update", 1, Fault::DropBeforeApply, 1);
        let ran = admin(&env, &["update", "jane", "--nickname", "lost"]);
        assert_eq!(ran.code, 7, "{mode:?} {ran:?}");
        assert!(ran.stderr.contains("jane was not changed"), "{ran:?}");
        assert_eq!(env.server.requests_to("users.update").len(), 2, "never sent a third time");
    }
}

#[test]
fn dry_runs_send_nothing_and_mask_secrets() {
    let env = as_admin(Mode::V8);
    let ran = admin(&env, &["delete", "jane", "--dry-run", "-o", "json"]);
    assert_eq!(ran.code, 0, "delete --dry-run needs no --yes: {ran:?}");
    let out = json_out(&ran);
    assert_eq!(out["dryRun"], true);
    assert_eq!(out["request"]["method"], "POST");
    assert!(out["request"]["url"].as_str().unwrap().ends_with("/api/v1/users.delete"));
    assert_eq!(out["request"]["headers"]["X-Auth-Token"], "[REDACTED]", "{out}");
    let create = admin(
        &env,
        &[
            "create",
            "d-bot",
            "--email",
            "d@example.com",
            "--name",
            "D",
            "--random-password",
            "--dry-run",
        ],
    );
    assert_eq!(create.code, 0, "{create:?}");
    assert!(create.stdout.contains("\"password\": \"[REDACTED]\""), "{create:?}");
    assert!(create.stdout.contains("\"joinDefaultChannels\": false"), "{create:?}");
    for endpoint in ["users.delete", "users.create", "users.update", "users.setActiveStatus"] {
        assert!(env.server.requests_to(endpoint).is_empty(), "{endpoint} was sent");
    }
}

#[test]
fn update_sets_a_password_only_with_the_permission_and_checks_it() {
    let env = as_admin(Mode::V8);
    let new = "CANARY-admin-set-Pw-3";
    let set = |env: &TestEnv| {
        run(env
            .cmd()
            .args(["admin", "user", "update", "jane", "--new-password-stdin"])
            .env("ROCKETCHAT_PASSWORD", PASSWORD)
            .write_stdin(new))
    };
    let ran = set(&env);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(env.server.user("jane").password_is(new));
    assert!(!ran.stdout.contains(new) && !ran.stderr.contains(new), "{ran:?}");

    let env = as_admin(Mode::V8);
    env.server.revoke("edit-other-user-password", "admin");
    let ran = set(&env);
    assert_eq!(ran.code, 5, "the server skipped it silently: {ran:?}");
    assert!(ran.stderr.contains("edit-other-user-password"), "{ran:?}");
    assert!(env.server.user("jane").password_is(PASSWORD));
}

/// Red team G5: the token file's directory is checked before anything is sent.
#[test]
fn a_token_file_in_a_missing_directory_is_refused_before_anything_is_sent() {
    let env = as_admin(Mode::V8);
    env.server.grant("create-personal-access-tokens", "bot");
    let ran = create_bot(&env, "no-such-dir/bot.token");
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("no-such-dir"), "{ran:?}");
    assert!(env.server.requests_to("users.create").is_empty(), "nothing was created");
}

/// Red team G5: a token made but not written is removed again, so no valid token is left that
/// nobody holds, and the message says the user exists and how to finish.
#[test]
fn a_token_that_cannot_be_written_is_removed_again() {
    let env = as_admin(Mode::V8);
    env.server.grant("create-personal-access-tokens", "bot");
    env.server.inject(
        "users.generatePersonalAccessToken",
        crate::support::Fault::Delay(std::time::Duration::from_secs(2)),
        1,
    );
    let file = env.home.path().join("bot.token");
    let child = env
        .process()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args(["admin", "user", "create", "deploy-bot", "--email", "d@example.com", "--name"])
        .args(["D", "--role", "bot", "--random-password", "--token", "ci", "--token-file"])
        .arg(&file)
        .spawn()
        .unwrap();
    // While the mint is on its way, something else takes the file's name.
    let minting = || !env.server.requests_to("users.generatePersonalAccessToken").is_empty();
    assert!(crate::common::wait_until(std::time::Duration::from_secs(20), minting));
    std::fs::write(&file, "someone else's\n").unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("deploy-bot was created and its token made, but"), "{stderr}");
    assert!(stderr.contains("the token was removed again"), "{stderr}");
    assert!(env.server.personal_tokens("deploy-bot").is_empty(), "no token nobody holds");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "someone else's\n", "not touched");
}

/// A caller who cannot see other users' addresses is told so, instead of an empty EMAIL column
/// that reads as data.
#[test]
fn a_list_without_the_right_to_see_addresses_says_so() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.login();
    let ran = run(env.cmd().args(["admin", "user", "list"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("view-full-other-user-info"), "{ran:?}");
    let admin = as_admin(Mode::V8);
    let ran = run(admin.cmd().args(["admin", "user", "list"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stderr.contains("view-full-other-user-info"), "{ran:?}");
}

/// `admin user update --field/--unset-field` on both kinds of server: the key removed is sent
/// blank, the others whole, and the re-read shows exactly what was asked.
#[test]
fn update_merges_custom_fields_on_either_kind_of_server() {
    for write in crate::common::CUSTOM_FIELD_WRITES {
        let env = as_admin(Mode::V8);
        env.custom_fields_stored_by(write);
        env.server.state().settings.custom_fields =
            Some(serde_json::json!({"team": {"type": "text"}, "desk": {"type": "text"}}));
        let mut bot = User::new("bot-a", "bot-password-1").with_roles(&["bot"]);
        bot.custom_fields = serde_json::json!({"team": "ops", "desk": "D1"}).as_object().cloned();
        env.server.add_user(bot);
        let ran =
            admin(&env, &["update", "bot-a", "--field", "team=infra", "--unset-field", "desk"]);
        assert_eq!(ran.code, 0, "{write:?}: {ran:?}");
        let sent = env.server.requests_to("users.update").last().unwrap().json();
        assert_eq!(
            sent["data"]["customFields"],
            serde_json::json!({"team": "infra", "desk": null})
        );
        let shown = admin(&env, &["show", "bot-a", "-o", "json"]);
        let record: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
        assert_eq!(record["customFields"], serde_json::json!({"team": "infra"}), "{write:?}");
        let again = admin(&env, &["update", "bot-a", "--unset-field", "desk"]);
        assert!(again.stderr.contains("nothing to change"), "{write:?}: {again:?}");
    }
}

/// What `admin user list` prints, exactly, as a table and as JSON.
#[test]
fn list_is_pinned_as_a_table_and_as_json() {
    let env = as_admin(Mode::V8);
    let mut bot = User::new("deploy-bot", PASSWORD).with_roles(&["bot"]);
    bot.name = "Deploy Bot".into();
    bot.active = false;
    env.server.add_user(bot);
    crate::common::assert_ran_snapshot!("admin_user_list", admin(&env, &["list"]));
    crate::common::assert_ran_snapshot!(
        "admin_user_list_json",
        admin(&env, &["list", "-o", "json"])
    );
}
