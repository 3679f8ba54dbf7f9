//! Every command's `--dry-run`, pinned whole as text and as JSON: one view of the request that
//! would be sent (the status line, then method and URL, headers, content type and body, secrets
//! masked), and nothing sent that changes state.

use crate::common::{PASSWORD, Ran, TestEnv, assert_ran_snapshot, logged_in, run};
use crate::support::{Mode, User};

/// Requests that could change something: anything but a read and the setup login.
fn writes(env: &TestEnv) -> usize {
    let requests = env.server.requests();
    requests.iter().filter(|r| r.method != "GET" && !r.path.ends_with("/login")).count()
}

/// The command, then again with `-o json`; both snapshotted, and neither sends a change.
fn pin(env: &TestEnv, name: &str, args: &[&str]) {
    let command = |extra: &[&str]| -> Ran {
        run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args(args).args(extra))
    };
    let before = writes(env);
    assert_ran_snapshot!(format!("dry_run_{name}"), command(&[]));
    assert_ran_snapshot!(format!("dry_run_{name}_json"), command(&["-o", "json"]));
    assert_eq!(writes(env), before, "{name}: a dry run sends no change");
}

#[test]
fn own_account_dry_runs() {
    let env = logged_in(Mode::V8);
    pin(&env, "set_password", &["profile", "set-password", "--dry-run"]);
    pin(&env, "presence", &["presence", "set", "busy", "--message", "In a meeting", "--dry-run"]);
    let image = env.home.path().join("a.png");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\nnot really an image").unwrap();
    pin(&env, "avatar_set", &["profile", "avatar", "set", image.to_str().unwrap(), "--dry-run"]);
    pin(&env, "avatar_reset", &["profile", "avatar", "reset", "--dry-run"]);
}

#[test]
fn administrator_dry_runs() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.server.add_user(User::new("old-bot", "bot-password-1").with_roles(&["bot"]));
    env.login_as("root", PASSWORD, "admin");
    let create = [
        "admin",
        "user",
        "create",
        "new-bot",
        "--email",
        "new-bot@example.com",
        "--name",
        "New Bot",
        "--role",
        "bot",
        "--random-password",
        "--dry-run",
    ];
    pin(&env, "admin_create", &create);
    let update = [
        "admin",
        "user",
        "update",
        "old-bot",
        "--nickname",
        "old",
        "--role",
        "bot",
        "--role",
        "user",
        "--dry-run",
    ];
    pin(&env, "admin_update", &update);
    pin(&env, "admin_deactivate", &["admin", "user", "deactivate", "old-bot", "--dry-run"]);
    pin(&env, "admin_delete", &["admin", "user", "delete", "old-bot", "--dry-run"]);
}
