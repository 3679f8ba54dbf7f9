//! A release build has no test hooks: with every `ROCKETCTL_TEST_*` variable set, the release
//! binary behaves normally. `cargo test` builds only the debug binary, so this runs when asked:
//!
//! ```text
//! cargo build --release --locked
//! ROCKETCTL_RELEASE_BIN=target/release/rocketctl cargo test --locked --test cli release_build -- --ignored
//! ```

use std::time::Duration;

use assert_cmd::Command;

use crate::common::{PASSWORD, TestEnv, logged_in, run};
use crate::support::{Fault, Mode, User};

/// Each hook set to what makes the debug build misbehave visibly.
fn hooks(fail_at: &str) -> [(&'static str, String); 6] {
    [
        ("ROCKETCTL_TEST_FAIL_AT", fail_at.to_owned()),
        ("ROCKETCTL_TEST_PANIC", "1".to_owned()),
        // The debug build would sleep ten minutes, longer than the call's deadline, so it
        // would not retry at all.
        ("ROCKETCTL_TEST_RETRY_SLEEP_MS", "600000".to_owned()),
        ("ROCKETCTL_TEST_LOCK_TIMEOUT_MS", "0".to_owned()),
        ("ROCKETCTL_TEST_CODE_LIFE_MS", "0".to_owned()),
        // One item: the debug build refuses a list of two.
        ("ROCKETCTL_TEST_PAGE_LIMITS", "1,1,1".to_owned()),
    ]
}

/// The release binary in the same clean environment as [`TestEnv::cmd`], with every hook set.
fn release(env: &TestEnv, fail_at: &str) -> Command {
    let path = std::env::var("ROCKETCTL_RELEASE_BIN")
        .expect("set ROCKETCTL_RELEASE_BIN to the release binary (target/release/rocketctl)");
    let mut cmd = Command::new(std::path::absolute(path).expect("an absolute path"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", env.home.path())
        .env("XDG_CONFIG_HOME", env.home.path().join(".config"))
        .env("NO_COLOR", "1")
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .envs(hooks(fail_at))
        .current_dir(env.home.path())
        .timeout(Duration::from_secs(60));
    cmd
}

#[test]
#[ignore = "needs the release binary in ROCKETCTL_RELEASE_BIN"]
fn release_build_ignores_every_test_hook() {
    let env = logged_in(Mode::V8);
    for step in ["after-write", "before-rename", "disk-full", "hang-before-rename", "hold-lock"] {
        let ran = run(release(&env, step).args(["context", "use", "test"]));
        assert_eq!(ran.code, 0, "{step}: {ran:?}");
        assert!(!ran.stderr.contains("waiting for lock"), "{step}: {ran:?}");
    }

    // No forced panic while secrets are held: the change goes through.
    let ran = run(release(&env, "").args(["profile", "set-email", "release@example.org"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stderr.contains("panic"), "{ran:?}");
    assert_eq!(env.updates().len(), 1, "{ran:?}");

    // The real paging limits: the whole list.
    env.server.add_user(User::new("zed", PASSWORD));
    let ran = run(release(&env, "").args(["admin", "user", "list"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("jane") && ran.stdout.contains("zed"), "{ran:?}");

    // The normal backoff, not the hook's ten-minute sleep: a lost read is retried at once.
    env.server.inject("me", Fault::Html502, 1);
    let ran = run(release(&env, "").args(["profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("retrying"), "{ran:?}");
}
