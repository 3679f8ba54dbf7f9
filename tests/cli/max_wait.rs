//! `--max-wait` bounds the wall-clock time a command spends waiting for rate limits (docs/cli.md,
//! docs/security.md G11): parallel workers waiting through the same second count it once.

use crate::common::{PASSWORD, TestEnv, run};
use crate::support::{Fault, Mode, User};

const TOO_MANY: &str = r#"{"success":false,"error":"Error, too many requests. Please slow down. You must wait 1 seconds before trying this endpoint again. [error-too-many-requests]"}"#;

const ACCOUNTS: usize = 12;

#[test]
fn g11_parallel_workers_rate_limited_at_once_spend_max_wait_once() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    let mut file = String::from("version = 1\n");
    for index in 0..ACCOUNTS {
        let name = format!("bot{index:02}");
        env.server.add_user(User::new(&name, "bot-password-1").with_roles(&["bot"]));
        file.push_str(&format!(
            "\n[[users]]\nusername = \"{name}\"\nnickname = \"nick-{index}\"\n"
        ));
    }
    env.login_as("root", PASSWORD, "admin");
    let path = env.home.path().join("fleet.toml");
    std::fs::write(&path, file).unwrap();
    // Each account's first users.update is told to wait a second: twelve waits of about 1.25 s,
    // which overlap. Added up they would pass `--max-wait 8` (exit 8); as time spent, they fit.
    let too_many = Fault::Respond {
        status: 429,
        content_type: "application/json".into(),
        body: TOO_MANY.into(),
        headers: vec![("Retry-After".into(), "1".into())],
    };
    env.server.inject("users.update", too_many, ACCOUNTS);
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args(["apply", "-f", path.to_str().unwrap()])
        .args(["--parallel", &ACCOUNTS.to_string(), "--max-wait", "8"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(
        ran.stderr.contains(&format!("Applied {ACCOUNTS} changes to {ACCOUNTS} accounts")),
        "{ran:?}"
    );
    // Every 429 was answered (and waited out): twelve refused requests, then twelve applied
    // ones (and, between them, the server's requests for the administrator's second factor).
    let unanswered: usize = env.server.state().faults.iter().map(|rule| rule.times).sum();
    assert_eq!(unanswered, 0, "{ran:?}");
    assert!(env.server.requests_to("users.update").len() >= 2 * ACCOUNTS, "{ran:?}");
    for index in 0..ACCOUNTS {
        let user = env.server.user(&format!("bot{index:02}"));
        assert_eq!(user.nickname, Some(format!("nick-{index}")));
    }
}

#[test]
fn g11_a_request_turned_away_again_and_again_keeps_trying_while_max_wait_lasts() {
    let env = crate::common::logged_in(Mode::V8);
    // Eight 429s in a row, each asking for no wait (rocketctl adds a quarter of a second): two
    // seconds in all, well within `--max-wait 30`, so it is not exit 8.
    let too_many = Fault::Respond {
        status: 429,
        content_type: "application/json".into(),
        body: TOO_MANY.into(),
        headers: vec![("Retry-After".into(), "0".into())],
    };
    env.server.inject("me", too_many, 8);
    let ran = run(env.cmd().args(["--max-wait", "30", "profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.server.requests_to("me").len(), 9, "eight refused, then the answer");
}
