//! Rocket.Chat's own API test cases for `users.updateOwnBasicInfo`
//! (`describe('[/users.updateOwnBasicInfo]')` in apps/meteor/tests/end-to-end/api/users.ts),
//! one rocketctl test each: what the server must do, and what rocketctl does with it. Case
//! numbers follow docs/server.md#conformance-cases.

use serde_json::json;

use crate::common::{PASSWORD, TestEnv, json_out, logged_in, run, sha256};
use crate::support::rocketchat::PasswordPolicy;
use crate::support::{Mode, User};

const NEW_PASSWORD: &str = "CANARY-conf-Pw-7!";

/// Case 1: E2E keys never appear in the answer.
#[test]
fn case_01_e2e_keys_are_never_printed() {
    let env = logged_in(Mode::V7);
    env.server.state().settings.raw_me = true; // a server that returns everything
    let ran = env.profile(&["show", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stdout.contains("e2e") && !ran.stdout.contains("private_key"), "{ran:?}");
    let ran = env.profile(&["update", "--nickname", "e2e-check", "-o", "json"]);
    assert!(json_out(&ran)["user"].get("e2e").is_none());
}

/// Case 2: Name, username and password in one call, verified with the current password's digest.
#[test]
fn case_02_updates_name_username_and_password_together() {
    let env = logged_in(Mode::V8);
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", NEW_PASSWORD)
        .args([
            "profile",
            "update",
            "--name",
            "basic-info-test-name",
            "--username",
            "basicInfo.name",
            "--change-password",
            "-o",
            "json",
        ]));
    assert_eq!(ran.code, 0, "{ran:?}");
    let updates = env.updates();
    assert_eq!(updates.len(), 1);
    assert_eq!(
        updates[0].json()["data"],
        json!({"name": "basic-info-test-name", "username": "basicInfo.name", "currentPassword": sha256(PASSWORD), "newPassword": NEW_PASSWORD})
    );
    let user = &json_out(&ran)["user"];
    assert_eq!(
        (user["username"].as_str(), user["name"].as_str()),
        (Some("basicInfo.name"), Some("basic-info-test-name"))
    );
    assert!(user.get("e2e").is_none());
    assert!(env.server.user("basicInfo.name").password_is(NEW_PASSWORD));
}

/// Case 3: The username alone, set to the value it already has: rocketctl sends nothing.
#[test]
fn case_03_the_same_username_again_is_a_no_op() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["update", "--username", "jane", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(json_out(&ran)["changed"], false);
    assert!(env.updates().is_empty());
}

/// Case 4: An email change without the password: the server says totp-required; rocketctl never
/// sends one without a factor and fails before sending.
#[test]
fn case_04_email_without_the_password() {
    let env = logged_in(Mode::V8);
    let ran = run(env.cmd().args(["profile", "set-email", "new@mail.com"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("--password-stdin"), "{ran:?}");
    assert!(env.updates().is_empty());
}

/// Case 5: A password change without the current password.
#[test]
fn case_05_password_without_the_current_one() {
    let env = logged_in(Mode::V8);
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_NEW_PASSWORD", "1Tsn3wP@ssw0rd1234.!")
        .args(["profile", "set-password"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(env.updates().is_empty());
    assert!(env.server.user("jane").password_is(PASSWORD));
}

/// Case 6: A name of only whitespace: refused locally (the server answers 400 for it too).
#[test]
fn case_06_whitespace_name_is_refused() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["update", "--name", "  "]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(env.updates().is_empty());
    assert_eq!(env.server.user("jane").name, "Jane Doe");
}

/// Case 7: The new email is stored unverified.
#[test]
fn case_07_new_email_is_unverified() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["set-email", "test1234@mail.com", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(
        json_out(&ran)["user"]["emails"][0],
        json!({"address": "test1234@mail.com", "verified": false})
    );
    assert_eq!(env.server.user("jane").emails, vec![("test1234@mail.com".to_owned(), false)]);
}

/// Case 8: No sensitive `services` data in what rocketctl prints (8.x sends a sanitized block).
#[test]
fn case_08_no_sensitive_services_data() {
    let env = logged_in(Mode::V8);
    let ran = env.profile(&["update", "--nickname", "svc", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stdout.contains("services") && !ran.stdout.contains("passwordHistory"), "{ran:?}");
}

/// Case 9: Reserved usernames are refused (error-could-not-save-identity → exit 5).
#[test]
fn case_09_reserved_usernames() {
    let env = logged_in(Mode::V8);
    for reserved in ["admin", "administrator", "system", "user"] {
        let ran = env.profile(&["update", "--username", reserved]);
        assert_eq!(ran.code, 5, "{reserved}: {ran:?}");
        assert!(ran.stderr.contains("reserved, invalid or already taken"), "{ran:?}");
    }
    assert_eq!(env.server.user("jane").username, "jane");
}

// Cases 10-14 (the Accounts_Allow*Change switches turned off) are checked, with the sixth
// switch, by `profile::every_settings_switch_is_a_clear_refusal`.

/// Case 15: Bio and nickname can be erased with '' (8.x): the stored user has neither afterwards.
#[test]
fn case_15_bio_and_nickname_can_be_erased() {
    let env = TestEnv::new(Mode::V8);
    {
        let mut state = env.server.state();
        let jane = state.users.iter_mut().find(|u| u.username == "jane").unwrap();
        jane.bio = Some("edited-bio-test".into());
        jane.nickname = Some("edited-nickname-test".into());
    }
    env.login();
    let ran = env.profile(&["update", "--bio", "", "--nickname", ""]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.updates()[0].json(), json!({"data": {"nickname": "", "bio": ""}}));
    let jane = env.server.user("jane");
    assert_eq!((jane.bio, jane.nickname), (None, None));
}

/// Case 16: The password policy block: each rule named, and a password meeting them all accepted.
#[test]
fn case_16_password_policy_rules() {
    let env = logged_in(Mode::V8);
    let policy = |min, max| PasswordPolicy {
        min_length: Some(min),
        max_length: max,
        forbid_repeating: Some(3),
        lowercase: true,
        uppercase: true,
        number: true,
        special: true,
    };
    env.server.state().settings.two_factor_enabled = false;
    let cases: [(usize, Option<usize>, &str, &str); 7] = [
        (7, None, "2", "minimum length"),
        (1, Some(5), "Abc@12345678", "maximum length"),
        (1, None, "A@123aaaa", "repeating characters"),
        (1, None, "PASSWORD@123", "lowercase"),
        (1, None, "password@123", "uppercase"),
        (1, None, "Password@", "numerical"),
        (1, None, "Password123", "special"),
    ];
    for (min, max, password, rule) in cases {
        env.server.state().settings.password_policy = Some(policy(min, max));
        let ran = run(env
            .cmd()
            .env("ROCKETCHAT_PASSWORD", PASSWORD)
            .env("ROCKETCHAT_NEW_PASSWORD", password)
            .args(["profile", "set-password"]));
        assert_eq!(ran.code, 5, "{password}: {ran:?}");
        assert!(ran.stderr.contains(rule), "{password} should fail {rule}: {ran:?}");
    }
    env.server.state().settings.password_policy = Some(policy(1, None));
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", "1Tsn3wP@ssw0rd1234.!")
        .args(["profile", "set-password"]));
    assert_eq!(ran.code, 0, "{ran:?}");
}

/// Case 17: Not authenticated: 401, and rocketctl exits 3 with the login hint.
#[test]
fn case_17_not_authenticated() {
    let env = logged_in(Mode::V8);
    env.server.state().users.iter_mut().for_each(|u| u.tokens.clear());
    let ran = env.profile(&["update", "--nickname", "x"]);
    assert_eq!(ran.code, 3, "{ran:?}");
    assert!(ran.stderr.contains("rocketctl login"), "{ran:?}");
}

/// The 401 body of an unauthenticated call, as the stand-in gives it per version.
#[test]
fn case_17_the_401_body_matches_each_version() {
    for (mode, has_success) in [(Mode::V6_3, false), (Mode::V7, true), (Mode::V8, true)] {
        let env = TestEnv::new(mode);
        env.server.add_user(User::new("other", "x"));
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::blocking::Client::new();
        let response = http
            .post(format!("{}/api/v1/users.updateOwnBasicInfo", env.server.url()))
            .body("{}")
            .send()
            .unwrap();
        assert_eq!(response.status(), 401);
        let body: serde_json::Value = response.json().unwrap();
        assert_eq!(body["status"], "error");
        assert_eq!(body["message"], "You must be logged in to do this.");
        assert_eq!(body.get("success").is_some(), has_success, "{mode:?}");
    }
}
