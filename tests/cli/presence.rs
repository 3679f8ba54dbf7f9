//! `presence show | set` against the stand-in, on 8.x and 7.x servers answering raw user
//! documents on every route.

use std::time::Duration;

use crate::common::{Ran, TestEnv, json_out, run};
use crate::support::Mode;

const SET_STATUS: &str = "users.setStatus";
const MODES: [Mode; 2] = [Mode::V8, Mode::V7];

fn env_for(mode: Mode) -> TestEnv {
    let env = TestEnv::new(mode);
    env.login();
    env.server.raw_documents();
    env
}

fn presence(env: &TestEnv, args: &[&str]) -> Ran {
    let ran = run(env.cmd().arg("presence").args(args));
    assert!(!ran.stdout.contains("services") && !ran.stderr.contains("services"), "{ran:?}");
    ran
}

#[test]
fn set_busy_with_a_message_then_the_same_again_sends_nothing() {
    for mode in MODES {
        let env = env_for(mode);
        let ran = presence(&env, &["set", "busy", "--message", "Deploying", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(
            json_out(&ran),
            serde_json::json!({"changed": true, "status": "busy", "message": "Deploying"})
        );
        let sent = env.server.requests_to(SET_STATUS);
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].json(), serde_json::json!({"status": "busy", "message": "Deploying"}));
        let jane = env.server.user("jane");
        assert_eq!(
            (jane.status.as_str(), jane.status_text.as_deref()),
            ("busy", Some("Deploying"))
        );

        let ran = presence(&env, &["set", "busy", "--message", "Deploying", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(json_out(&ran)["changed"], false);
        assert!(ran.stderr.contains("nothing to change"), "{ran:?}");
        assert_eq!(env.server.requests_to(SET_STATUS).len(), 1, "nothing sent");

        let ran = presence(&env, &["show", "-o", "json"]);
        assert_eq!(
            json_out(&ran),
            serde_json::json!({"status": "busy", "message": "Deploying", "connectionStatus": "online"})
        );
    }
}

#[test]
fn a_message_over_120_utf16_units_is_refused_locally() {
    for mode in MODES {
        let env = env_for(mode);
        // 61 emoji are 61 characters but 122 UTF-16 units, as the server counts.
        for message in ["x".repeat(121), "😀".repeat(61)] {
            let ran = presence(&env, &["set", "--message", &message]);
            assert_eq!(ran.code, 2, "{ran:?}");
            assert!(ran.stderr.contains("120"), "{ran:?}");
        }
        assert!(env.server.requests().iter().all(|r| !r.path.ends_with(SET_STATUS)));
        let ran = presence(&env, &["set", "--message", &"x".repeat(120)]);
        assert_eq!(ran.code, 0, "{ran:?}");
    }
}

#[test]
fn offline_with_invisible_disabled_names_the_setting() {
    for mode in MODES {
        let env = env_for(mode);
        env.server.state().settings.allow_invisible_status = false;
        let ran = presence(&env, &["set", "offline"]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(ran.stderr.contains("Accounts_AllowInvisibleStatusOption"), "{ran:?}");
        assert_eq!(env.server.user("jane").status, "online");

        env.server.state().settings.allow_status_message_change = false;
        let ran = presence(&env, &["set", "away"]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(ran.stderr.contains("Accounts_AllowUserStatusMessageChange"), "{ran:?}");
    }
}

#[test]
fn the_five_a_minute_limit_is_waited_out() {
    for mode in MODES {
        let env = env_for(mode);
        env.server.state().settings.status_rate_limit = Some((5, Duration::from_secs(2)));
        for state in ["away", "busy", "online", "away", "busy"] {
            let ran = presence(&env, &["set", state]);
            assert_eq!(ran.code, 0, "{ran:?}");
        }
        let ran = presence(&env, &["set", "online"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stderr.contains("rate limited"), "the sixth call waited: {ran:?}");
        let sent = env.server.requests_to(SET_STATUS);
        assert!(sent.len() >= 6, "the sixth was answered 429 and sent again: {}", sent.len());
        assert_eq!(env.server.user("jane").status, "online");
    }
}

#[test]
fn dry_run_sends_nothing() {
    let env = env_for(Mode::V8);
    let ran = presence(&env, &["set", "busy", "--clear-message", "--dry-run"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("POST ") && ran.stdout.contains("users.setStatus"), "{ran:?}");
    assert!(env.server.requests_to(SET_STATUS).is_empty());
}
