//! `admin role list | members | add | remove` against the stand-in: the change, the no-op, the
//! refusals (unknown role or user, a room role, the missing permission, the last administrator),
//! the dry run and the JSON.

use serde_json::json;

use crate::common::{PASSWORD, Ran, TestEnv, assert_ran_snapshot, json_out, run};
use crate::support::{Mode, User};

const MODES: [Mode; 2] = [Mode::V8, Mode::V7];

/// `root` (admin) is logged in and current; jane exists, and two bots.
fn as_admin(mode: Mode) -> TestEnv {
    let env = TestEnv::new(mode);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.server.add_user(User::new("deploy-bot", "bot-password-1").with_roles(&["bot"]));
    env.server.add_user(User::new("alert-bot", "bot-password-2").with_roles(&["bot", "user"]));
    env.login_as("root", PASSWORD, "admin");
    env
}

fn role(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().args(["admin", "role"]).args(args))
}

/// Requests to the roles routes that change something.
fn membership_requests(env: &TestEnv) -> usize {
    env.server.requests_to("roles.addUserToRole").len()
        + env.server.requests_to("roles.removeUserFromRole").len()
}

#[test]
fn list_shows_every_role_as_a_table_and_as_json() {
    let env = as_admin(Mode::V8);
    let ran = role(&env, &["list"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert_eq!(lines[0], "ROLE              SCOPE          PROTECTED  DESCRIPTION");
    assert!(lines.contains(&"admin             Users          yes        Admin"), "{ran:?}");
    assert!(lines.contains(&"owner             Subscriptions  yes        Owner"), "{ran:?}");
    assert_eq!(lines.len(), 12, "a header and the eleven built-in roles: {ran:?}");
    let roles = json_out(&role(&env, &["list", "-o", "json"]));
    assert_eq!(
        roles[0],
        json!({"id": "admin", "name": "admin", "scope": "Users", "protected": true,
               "description": "Admin"})
    );
    assert_eq!(roles.as_array().unwrap().len(), 11);
}

#[test]
fn members_pages_through_the_holders_of_a_role() {
    let env = as_admin(Mode::V8);
    for i in 0..120 {
        env.server
            .add_user(User::new(&format!("bot{i:03}"), "bot-password-1").with_roles(&["bot"]));
    }
    let ran = role(&env, &["members", "bot", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let users = json_out(&ran);
    let names: Vec<&str> =
        users.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 122);
    assert_eq!((names[0], names[121]), ("alert-bot", "deploy-bot"));
    let pages = env.server.requests_to("roles.getUsersInRole");
    assert_eq!(pages.len(), 2, "two pages of a hundred");
    assert!(pages[1].query.contains("role=bot") && pages[1].query.contains("offset=100"));
    assert!(users[0].get("services").is_none() && users[0]["_id"].is_string());
    let table = role(&env, &["members", "admin"]);
    assert_eq!(
        table.stdout, "USERNAME  NAME  EMAIL\nroot      root  root@example.com\n",
        "{table:?}"
    );
}

#[test]
fn members_of_an_unknown_role_is_exit_1() {
    let env = as_admin(Mode::V8);
    let ran = role(&env, &["members", "bots"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("the server has no role named bots"), "{ran:?}");
    assert!(env.server.requests_to("roles.getUsersInRole").is_empty());
}

#[test]
fn add_sends_one_request_per_user_who_lacks_the_role() {
    for mode in MODES {
        let env = as_admin(mode);
        let ran = role(&env, &["add", "user", "deploy-bot", "alert-bot", "jane", "-o", "json"]);
        assert_eq!(ran.code, 0, "{mode:?} {ran:?}");
        assert_eq!(
            json_out(&ran),
            json!({"changed": true, "role": "user", "added": ["deploy-bot"],
                   "unchanged": ["alert-bot", "jane"]})
        );
        assert_eq!(ran.stderr, "Gave user to deploy-bot\n", "{mode:?}");
        let sent = env.server.requests_to("roles.addUserToRole");
        assert_eq!(sent.len(), 1, "{mode:?}");
        assert_eq!(sent[0].json(), json!({"roleId": "user", "username": "deploy-bot"}));
        assert_eq!(env.server.user("deploy-bot").roles, ["bot", "user"]);
    }
}

#[test]
fn remove_takes_the_role_and_a_second_run_sends_nothing() {
    let env = as_admin(Mode::V8);
    let ran = role(&env, &["remove", "bot", "deploy-bot", "alert-bot"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stderr, "Took bot from deploy-bot, alert-bot\n");
    assert!(env.server.user("alert-bot").roles == ["user"]);
    assert!(env.server.user("deploy-bot").roles.is_empty());
    let again = role(&env, &["remove", "bot", "deploy-bot", "alert-bot", "-o", "json"]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(again.stderr, "nothing to change: deploy-bot, alert-bot already lack bot\n");
    assert_eq!(
        json_out(&again),
        json!({"changed": false, "role": "bot", "removed": [], "unchanged": ["deploy-bot", "alert-bot"]})
    );
    assert_eq!(env.server.requests_to("roles.removeUserFromRole").len(), 2);
}

#[test]
fn unknown_roles_and_users_are_exit_5_before_anything_is_sent() {
    let env = as_admin(Mode::V8);
    let ran = role(&env, &["add", "bots", "deploy-bot"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("the server has no role named bots; nothing was sent"), "{ran:?}");
    let ran = role(&env, &["add", "user", "deploy-bot", "nobody", "ghost"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(
        ran.stderr.contains("there are no users named nobody, ghost; nothing was sent"),
        "{ran:?}"
    );
    assert_eq!(membership_requests(&env), 0);
    assert_eq!(env.server.user("deploy-bot").roles, ["bot"], "deploy-bot was not given the role");
}

#[test]
fn a_room_role_is_refused_as_a_usage_error() {
    let env = as_admin(Mode::V8);
    let ran = role(&env, &["add", "moderator", "jane"]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("moderator is a room role (scope Subscriptions)"), "{ran:?}");
    assert_eq!(membership_requests(&env), 0);
}

#[test]
fn the_last_administrator_keeps_the_role() {
    let env = as_admin(Mode::V8);
    let ran = role(&env, &["remove", "admin", "root"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert_ran_snapshot!("role_remove_last_admin", ran);
    assert_eq!(env.server.user("root").roles, ["admin", "user"]);
}

#[test]
fn without_access_permissions_the_refusal_names_it() {
    let env = as_admin(Mode::V8);
    env.server.revoke("access-permissions", "admin");
    let ran = role(&env, &["add", "user", "deploy-bot"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("`access-permissions` permission"), "{ran:?}");
    let members = role(&env, &["members", "bot"]);
    assert_eq!(members.code, 5, "{members:?}");
    assert!(members.stderr.contains("`access-permissions` permission"), "{members:?}");
    assert_eq!(env.server.user("deploy-bot").roles, ["bot"]);
}

#[test]
fn a_dry_run_shows_every_request_and_sends_none() {
    let env = as_admin(Mode::V8);
    let args = ["add", "user", "deploy-bot", "alert-bot", "jane", "root", "--dry-run"];
    let ran = role(&env, &args);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_ran_snapshot!("dry_run_role_add", ran);
    let mut json = args.to_vec();
    json.extend(["-o", "json"]);
    let shown = json_out(&role(&env, &json));
    assert_eq!((&shown["changed"], &shown["dryRun"]), (&json!(false), &json!(true)));
    assert_eq!(shown["unchanged"], json!(["alert-bot", "jane", "root"]));
    assert_eq!(shown["added"], json!(["deploy-bot"]));
    assert_eq!(shown["requests"].as_array().unwrap().len(), 1);
    assert_eq!(shown["requests"][0]["body"], json!({"roleId": "user", "username": "deploy-bot"}));
    let two = json_out(&role(
        &env,
        &["remove", "bot", "deploy-bot", "alert-bot", "--dry-run", "-o", "json"],
    ));
    assert_eq!(two["requests"].as_array().unwrap().len(), 2);
    assert_eq!(membership_requests(&env), 0);
}
