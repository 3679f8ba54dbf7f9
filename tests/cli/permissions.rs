//! `admin permission list | show | grant | revoke` against the stand-in, and the check that
//! `admin user create --token` makes before the user exists: on a default server the `bot` role
//! cannot make its token, and nothing is sent.

use serde_json::json;

use crate::common::{PASSWORD, Ran, TestEnv, assert_ran_snapshot, json_out, run};
use crate::support::{Mode, User};

const MODES: [Mode; 2] = [Mode::V8, Mode::V7];
const TOKENS: &str = "create-personal-access-tokens";

/// `root` (admin) is logged in and current.
fn as_admin(mode: Mode) -> TestEnv {
    let env = TestEnv::new(mode);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.login_as("root", PASSWORD, "admin");
    env
}

fn permission(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().args(["admin", "permission"]).args(args))
}

fn holders(env: &TestEnv, id: &str) -> Vec<String> {
    env.server.state().permissions.get(id).cloned().unwrap_or_default()
}

#[test]
fn list_and_show_read_every_permission() {
    let env = as_admin(Mode::V8);
    let ran = permission(&env, &["list"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout.lines().next(), Some("PERMISSION                         ROLES"));
    assert!(ran.stdout.contains(&format!("\n{TOKENS}      admin,user\n")), "{ran:?}");
    let bot = json_out(&permission(&env, &["list", "--role", "bot", "-o", "json"]));
    let ids: Vec<&str> =
        bot.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"api-bypass-rate-limit") && !ids.contains(&TOKENS), "{ids:?}");
    let shown = permission(&env, &["show", TOKENS, "-o", "json"]);
    assert_eq!(json_out(&shown), json!({"id": TOKENS, "roles": ["admin", "user"]}));
    let table = permission(&env, &["show", TOKENS]);
    assert_eq!(
        table.stdout,
        format!("PERMISSION                     ROLES\n{TOKENS}  admin,user\n")
    );
}

#[test]
fn show_of_an_unknown_permission_is_exit_1_and_list_of_an_unknown_role_too() {
    let env = as_admin(Mode::V8);
    let ran = permission(&env, &["show", "create-personal-access-token"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("no permission named create-personal-access-token\n"), "{ran:?}");
    let ran = permission(&env, &["list", "--role", "bots"]);
    assert_eq!(ran.code, 1, "{ran:?}");
}

#[test]
fn grant_sends_the_whole_new_role_list_once_and_again_nothing() {
    for mode in MODES {
        let env = as_admin(mode);
        let ran = permission(&env, &["grant", TOKENS, "bot", "user", "-o", "json"]);
        assert_eq!(ran.code, 0, "{mode:?} {ran:?}");
        assert_eq!(ran.stderr, format!("Granted {TOKENS} to bot\n"));
        assert_eq!(
            json_out(&ran),
            json!({"changed": true, "permission": TOKENS, "roles": ["admin", "user", "bot"],
                   "granted": ["bot"]})
        );
        let sent = env.server.requests_to("permissions.update");
        assert_eq!(sent.len(), 1);
        assert_eq!(
            sent[0].json(),
            json!({"permissions": [{"_id": TOKENS, "roles": ["admin", "user", "bot"]}]})
        );
        assert_eq!(holders(&env, TOKENS), ["admin", "user", "bot"]);
        let again = permission(&env, &["grant", TOKENS, "bot", "-o", "json"]);
        assert_eq!(again.code, 0, "{again:?}");
        assert_eq!(again.stderr, format!("nothing to change: bot already holds {TOKENS}\n"));
        assert_eq!(json_out(&again)["changed"], false);
        assert_eq!(env.server.requests_to("permissions.update").len(), 1, "{mode:?}");
    }
}

#[test]
fn revoke_keeps_the_other_roles() {
    let env = as_admin(Mode::V8);
    let ran = permission(&env, &["revoke", "view-d-room", "guest", "bot"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stderr, "Revoked view-d-room from guest, bot\n");
    assert_eq!(holders(&env, "view-d-room"), ["admin", "user", "app"]);
    let again = permission(&env, &["revoke", "view-d-room", "bot"]);
    assert_eq!(
        (again.code, again.stderr.as_str()),
        (0, "nothing to change: bot already lacks view-d-room\n")
    );
    assert_eq!(env.server.requests_to("permissions.update").len(), 1);
}

#[test]
fn unknown_permissions_and_roles_are_exit_5_and_nothing_is_sent() {
    let env = as_admin(Mode::V8);
    let ran = permission(&env, &["grant", "create-personal-access-token", "bot"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(
        ran.stderr.contains("no permission named create-personal-access-token; nothing was sent")
    );
    let ran = permission(&env, &["grant", TOKENS, "bot", "robot", "droid"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("no roles named robot, droid; nothing was sent"), "{ran:?}");
    assert!(env.server.requests_to("permissions.update").is_empty());
}

#[test]
fn without_access_permissions_the_refusal_names_it() {
    let env = as_admin(Mode::V8);
    env.server.revoke("access-permissions", "admin");
    let ran = permission(&env, &["grant", TOKENS, "bot"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("this needs the `access-permissions` permission"), "{ran:?}");
    assert_eq!(holders(&env, TOKENS), ["admin", "user"]);
}

#[test]
fn a_dry_run_shows_the_whole_list_and_sends_nothing() {
    let env = as_admin(Mode::V8);
    let ran = permission(&env, &["grant", TOKENS, "bot", "--dry-run"]);
    assert_ran_snapshot!("dry_run_permission_grant", ran);
    let json = json_out(&permission(&env, &["revoke", TOKENS, "user", "--dry-run", "-o", "json"]));
    assert_eq!(
        (&json["changed"], &json["dryRun"], &json["roles"], &json["revoked"]),
        (&json!(false), &json!(true), &json!(["admin"]), &json!(["user"]))
    );
    assert_eq!(
        json["request"]["body"],
        json!({"permissions": [{"_id": TOKENS, "roles": ["admin"]}]})
    );
    assert!(env.server.requests_to("permissions.update").is_empty());
}

fn create_bot(env: &TestEnv, extra: &[&str]) -> Ran {
    run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args([
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
        ])
        .args(extra))
}

#[test]
fn create_with_a_token_on_a_default_server_is_refused_before_the_user_exists() {
    for mode in MODES {
        let env = as_admin(mode);
        let ran = create_bot(&env, &[]);
        assert_eq!(ran.code, 5, "{mode:?} {ran:?}");
        if mode == Mode::V8 {
            assert_ran_snapshot!("create_token_preflight", ran);
        }
        assert!(env.server.requests_to("users.create").is_empty(), "{mode:?}: nothing created");
        assert!(env.server.requests_to("login").len() == 1, "{mode:?}: only the setup login");
        assert!(!env.home.path().join("deploy-bot.token").exists());
        let dry = create_bot(&env, &["--dry-run"]);
        assert_eq!(dry.code, 5, "{mode:?}: the dry run fails where the run would: {dry:?}");
    }
}

#[test]
fn create_with_a_token_passes_the_check_once_a_role_holds_the_permission() {
    let env = as_admin(Mode::V8);
    let granted = permission(&env, &["grant", TOKENS, "bot"]);
    assert_eq!(granted.code, 0, "{granted:?}");
    let ran = create_bot(&env, &[]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(env.home.path().join("deploy-bot.token").exists());
    // A bot that also has `user` passes without a grant.
    let env = as_admin(Mode::V8);
    let ran = create_bot(&env, &["--role", "user"]);
    assert_eq!(ran.code, 0, "{ran:?}");
}
