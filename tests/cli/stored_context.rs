//! What a login may store in a context (issue 10: F3, F4's name rule, F7, F15): TLS settings
//! belong to one server, names are safe to type and complete, and a hostile login answer can
//! neither brick the config nor store credentials later runs refuse.

use crate::common::{PASSWORD, Ran, TestEnv, run};
use crate::support::{Fault, Mode, StandIn, User};

fn login(env: &TestEnv, server: &str, extra: &[&str]) -> Ran {
    run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args(["login", "--server", server, "--username", "jane"])
        .args(extra))
}

fn login_answer(user_id: &str, token: &str, username: &str) -> Fault {
    let body = serde_json::json!({
        "status": "success",
        "data": { "userId": user_id, "authToken": token, "me": { "_id": user_id, "username": username } },
    });
    Fault::Respond {
        status: 200,
        content_type: "application/json".into(),
        body: body.to_string(),
        headers: Vec::new(),
    }
}

#[test]
fn f3_a_login_to_another_server_drops_the_old_servers_tls_settings() {
    let env = TestEnv::new(Mode::V8);
    let other = StandIn::start(Mode::V8);
    other.add_user(User::new("jane", PASSWORD));
    let ca = env.home.path().join("staging-ca.pem");
    std::fs::write(&ca, "not needed over http").unwrap();
    let ca = ca.to_str().unwrap();

    let ran = login(&env, &env.server.url(), &["--context", "work", "--insecure", "--ca-cert", ca]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.config()["contexts"]["work"]["insecure"].as_bool(), Some(true));

    // The same server again keeps them; another server does not inherit them.
    let ran = login(&env, &env.server.url(), &["--context", "work"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.config()["contexts"]["work"]["insecure"].as_bool(), Some(true));
    let ran = login(&env, &other.url(), &["--context", "work"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let work = env.config()["contexts"]["work"].clone();
    assert_eq!(work["server"].as_str(), Some(other.url().as_str()));
    assert!(work.get("insecure").is_none(), "{work}");
    assert!(work.get("ca_cert").is_none(), "{work}");
    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stderr.contains("verification is disabled"), "{ran:?}");
}

#[test]
fn f4_context_names_are_limited_to_a_safe_set() {
    let env = TestEnv::new(Mode::V8);
    for bad in ["x$(touch pwned)", "a b", "tab\there", "semi;colon"] {
        let ran = login(&env, &env.server.url(), &["--context", bad]);
        assert_eq!(ran.code, 2, "{bad}: {ran:?}");
        assert!(ran.stderr.contains("invalid context name"), "{ran:?}");
    }
    assert!(env.server.requests_to("login").is_empty(), "refused before any request");
    assert!(!env.config_path().exists());

    // A name derived from a URL path is made safe.
    let url = format!("{}/x$(touch$IFS./pwned)", env.server.url());
    env.server.inject("login", login_answer("abcdefghijklmnopq", "tok-123", "jane"), 1);
    let ran = login(&env, &url, &[]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let config = env.config();
    let name = config["current"].as_str().unwrap();
    assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "._-:/@".contains(c)), "{name}");
    assert!(name.ends_with("/x__touch_IFS./pwned_"), "{name}");
}

#[test]
fn f7_a_huge_username_at_login_is_refused_and_the_config_survives() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let before = env.config_text();
    // 175 000 DEL characters: 6 bytes each once TOML escapes them, past the 1 MiB read limit.
    let huge = "\u{7f}".repeat(175_000);
    env.server.inject("login", login_answer("abcdefghijklmnopq", "tok-123", &huge), 1);
    let ran = login(&env, &env.server.url(), &["--context", "hostile"]);
    assert_eq!(ran.code, 1, "exit {} stderr {} bytes", ran.code, ran.stderr.len());
    assert!(
        ran.stderr.contains("invalid username"),
        "{}",
        &ran.stderr[..ran.stderr.len().min(500)]
    );
    assert!(ran.stderr.len() < 2000, "the username is not echoed back");
    assert_eq!(env.config_text(), before);
    let ran = run(env.cmd().args(["context", "list"]));
    assert_eq!(ran.code, 0, "{ran:?}");
}

#[test]
fn f15_a_login_answer_with_an_unusable_id_or_token_is_not_stored() {
    for (user_id, token) in
        [("id with space", "tok-123"), ("abcdefghijklmnopq", "tok en\r\nX-Evil: 1")]
    {
        let env = TestEnv::new(Mode::V8);
        env.server.inject("login", login_answer(user_id, token, "jane"), 1);
        let ran = login(&env, &env.server.url(), &["--context", "bad"]);
        assert_eq!(ran.code, 1, "{ran:?}");
        assert!(ran.stderr.contains("nothing was stored"), "{ran:?}");
        assert!(!ran.stderr.contains("X-Evil"), "{ran:?}");
        assert!(!env.config_path().exists(), "{}", env.config_text());
    }
}
