//! `2fa status | email | totp | backup-codes` against the stand-in: on 8.7 (TOTP through the
//! DDP methods and `method.call`) and 8.8 (the REST routes), with what the server received and
//! stored. TOTP enrolment runs on a pseudo-terminal as a person would: the test reads the
//! secret off the screen and types the authenticator's code.

use serde_json::{Value, json};

use crate::common::{PASSWORD, Ran, TestEnv, json_out, logged_in, run};
use crate::support::{Mode, totp};
use crate::terminal::on_terminal_answering;

/// The two ways a server takes TOTP enrolment: `(version it reports, route that counts backup
/// codes)`.
const VERSIONS: [(&str, &str); 2] =
    [("8.7", "method.call/2fa:checkCodesRemaining"), ("8.8", "users.totpCodesRemaining")];

fn env_at(version: &str) -> TestEnv {
    let env = logged_in(Mode::V8);
    env.server.state().settings.version = Some(version.to_owned());
    env
}

fn twofa(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().arg("2fa").args(args))
}

/// Give jane an authenticator app (and these backup codes) after she logged in.
fn enrol_directly(env: &TestEnv, secret: &[u8], codes: &[&str]) {
    let mut state = env.server.state();
    let jane = state.users.iter_mut().find(|u| u.username == "jane").unwrap();
    jane.totp_secret = Some(secret.to_vec());
    jane.backup_codes = codes.iter().map(|code| (*code).to_owned()).collect();
}

/// The requests whose path ends with `name` (`method.call/2fa:disable` included).
fn sent_to(env: &TestEnv, name: &str) -> usize {
    env.server.requests().iter().filter(|r| r.path.ends_with(name)).count()
}

/// Requests that change two-factor state (everything but reads).
fn changes_sent(env: &TestEnv) -> Vec<String> {
    env.server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && !r.path.ends_with("/login"))
        .map(|r| r.path)
        .collect()
}

#[test]
fn status_reports_the_account_and_the_server_as_json() {
    for (version, remaining_route) in VERSIONS {
        let env = env_at(version);
        let ran = twofa(&env, &["status", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(
            json_out(&ran),
            json!({"totp": false, "email": false, "backupCodes": null,
                   "server": {"enabled": true, "totp": true, "email": true}})
        );
        assert_eq!(sent_to(&env, remaining_route), 0, "no codes to count without TOTP");

        enrol_directly(&env, b"status-secret", &["aaaa1111", "bbbb2222", "cccc3333"]);
        env.server.state().users.iter_mut().for_each(|u| u.email2fa = u.username == "jane");
        env.server.state().settings.two_factor_by_email = false;
        let ran = twofa(&env, &["status", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(
            json_out(&ran),
            json!({"totp": true, "email": true, "backupCodes": 3,
                   "server": {"enabled": true, "totp": true, "email": false}})
        );
        assert_eq!(sent_to(&env, remaining_route), 1, "{version} counts through {remaining_route}");
        assert!(changes_sent(&env).iter().all(|path| path.contains("method.call")), "reads only");

        let ran = twofa(&env, &["status"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        for row in ["totp  ", "backupCodes  ", "server.email  "] {
            assert!(ran.stdout.contains(row), "{row}: {ran:?}");
        }
        assert!(ran.stdout.lines().any(|l| l.starts_with("backupCodes") && l.ends_with('3')));
    }
}

#[test]
fn email_codes_turn_on_once_and_log_other_sessions_out() {
    let env = env_at("8.7");
    let other_session = env.server.token_for("jane");
    let ran = twofa(&env, &["email", "enable", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(json_out(&ran), json!({"changed": true, "email": true}));
    assert!(ran.stderr.contains("Turned on two-factor codes by e-mail"), "{ran:?}");
    let jane = env.server.user("jane");
    assert!(jane.email2fa);
    assert!(!jane.has_token(&other_session), "the other session was logged out");
    assert_eq!(env.server.requests_to("users.2fa.enableEmail").len(), 1);

    let ran = twofa(&env, &["email", "enable", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(json_out(&ran), json!({"changed": false, "email": true}));
    assert!(ran.stderr.contains("nothing to change"), "{ran:?}");
    assert_eq!(env.server.requests_to("users.2fa.enableEmail").len(), 1, "nothing sent again");
}

#[test]
fn email_codes_need_every_address_verified() {
    let env = env_at("8.7");
    env.server.state().users.iter_mut().for_each(|u| u.emails[0].1 = false);
    let ran = twofa(&env, &["email", "enable"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("every address of the account verified"), "{ran:?}");
    assert!(env.server.requests_to("users.2fa.enableEmail").is_empty(), "nothing sent");
    assert!(!env.server.user("jane").email2fa);
}

#[test]
fn email_codes_turn_off_only_with_a_second_factor() {
    let env = env_at("8.7");
    env.server.state().users.iter_mut().for_each(|u| u.email2fa = true);
    // No code and no terminal: the server mails one, and nothing changes.
    let ran = twofa(&env, &["email", "disable"]);
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(ran.stderr.contains("a code was sent to your e-mail address"), "{ran:?}");
    assert!(env.server.user("jane").email2fa);
    let (_, code) = env.server.outbox().last().cloned().expect("a code was mailed");

    let ran = twofa(&env, &["email", "disable", "--2fa-code", &code, "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(json_out(&ran), json!({"changed": true, "email": false}));
    assert!(!env.server.user("jane").email2fa);
    let sent = env.server.requests_to("users.2fa.disableEmail");
    let answered = sent.last().unwrap();
    assert_eq!(answered.header("x-2fa-method"), Some("email"));
    assert!(!ran.stdout.contains(&code) && !ran.stderr.contains(&code));

    let ran = twofa(&env, &["email", "disable"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("nothing to change"), "{ran:?}");
}

#[test]
fn a_wrong_code_does_not_turn_email_codes_off() {
    let env = env_at("8.7");
    env.server.state().users.iter_mut().for_each(|u| u.email2fa = true);
    let ran = twofa(&env, &["email", "disable", "--2fa-code", "000000"]);
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(env.server.user("jane").email2fa);
}

/// `2fa totp enable` on a pseudo-terminal: the secret read off the screen, its current code
/// typed at the prompt. Answers the session and the secret shown.
fn enrol_at_a_terminal(env: &TestEnv) -> (crate::terminal::Session, String) {
    let mut shown = String::new();
    let session = on_terminal_answering(
        env,
        &format!("ROCKETCHAT_PASSWORD={PASSWORD} rocketctl 2fa totp enable"),
        json!([
            ["ask", r"secret \(base32\):\s+([A-Z2-7]+)"],
            ["expect", "Code from your authenticator app"],
            ["echo-off"],
            ["send-answer"],
        ]),
        |secret| {
            shown = secret.to_owned();
            format!("{}\r", totp::current_base32(secret))
        },
    );
    (session, shown)
}

#[test]
fn totp_is_enrolled_at_a_terminal_and_its_backup_codes_are_shown_once() {
    for (version, remaining_route) in VERSIONS {
        let env = env_at(version);
        let (session, secret) = enrol_at_a_terminal(&env);
        assert_eq!(session.code, 0, "{version}: {session:?}");
        let jane = env.server.user("jane");
        let stored = jane.totp_secret.clone().expect("TOTP is on");
        assert_eq!(totp::base32(&stored), secret, "the secret shown is the one stored");
        assert!(session.transcript.contains("otpauth://totp/"), "{session:?}");
        assert!(session.transcript.contains('\u{2588}'), "a QR code is drawn: {session:?}");
        assert_eq!(jane.backup_codes.len(), 12);
        for code in &jane.backup_codes {
            assert_eq!(session.transcript.matches(code.as_str()).count(), 1, "{code} once");
        }
        let (rest, methods) = (sent_to(&env, "users.enableTotp"), sent_to(&env, "2fa:enable"));
        match version {
            "8.8" => assert!(rest >= 1 && methods == 0, "REST on {version}"),
            _ => assert!(rest == 0 && methods == 1, "method.call on {version}"),
        }

        let ran = twofa(&env, &["status", "-o", "json"]);
        assert_eq!(json_out(&ran)["totp"], true, "{ran:?}");
        assert_eq!(json_out(&ran)["backupCodes"], 12, "{ran:?}");
        assert_eq!(sent_to(&env, remaining_route), 1);
    }
}

#[test]
fn rest_enrolment_answers_the_servers_check_first() {
    let env = env_at("8.8");
    let (session, _) = enrol_at_a_terminal(&env);
    assert_eq!(session.code, 0, "{session:?}");
    let asked = env.server.requests_to("users.enableTotp");
    assert_eq!(asked.len(), 2, "challenged, then answered");
    assert_eq!(asked[1].header("x-2fa-method"), Some("password"));
    assert_eq!(asked[1].header("x-2fa-code"), Some(crate::common::sha256(PASSWORD).as_str()));
    let confirmed = env.server.requests_to("users.validateTotp");
    assert_eq!(confirmed.len(), 1, "remembered after the first check");
}

#[test]
fn enrolment_without_a_terminal_is_refused_and_changes_nothing() {
    for (version, _) in VERSIONS {
        let env = env_at(version);
        let ran = twofa(&env, &["totp", "enable"]);
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("needs a terminal"), "{ran:?}");
        assert!(changes_sent(&env).is_empty(), "{:?}", changes_sent(&env));
        let jane = env.server.user("jane");
        assert!(jane.totp_secret.is_none() && jane.totp_temp_secret.is_none());
        assert!(!ran.stdout.contains("otpauth") && !ran.stderr.contains("otpauth"));
    }
}

#[test]
fn enrolment_of_an_enrolled_account_changes_nothing() {
    let env = env_at("8.8");
    enrol_directly(&env, b"already-enrolled", &[]);
    let ran = twofa(&env, &["totp", "enable", "-o", "json"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(json_out(&ran), json!({"changed": false, "totp": true}));
    assert!(changes_sent(&env).is_empty(), "{:?}", changes_sent(&env));
}

#[test]
fn totp_is_removed_with_a_current_code() {
    for (version, _) in VERSIONS {
        let env = env_at(version);
        let secret = b"disable-me-secret";
        enrol_directly(&env, secret, &["keepcode"]);
        let ran = twofa(&env, &["totp", "disable", "--2fa-code", "000000"]);
        assert_eq!(ran.code, 4, "{version}: {ran:?}");
        assert!(env.server.user("jane").totp_secret.is_some(), "a wrong code changes nothing");

        let code = totp::current(secret);
        let ran = twofa(&env, &["totp", "disable", "--2fa-code", &code, "-o", "json"]);
        assert_eq!(ran.code, 0, "{version}: {ran:?}");
        assert_eq!(json_out(&ran), json!({"changed": true, "totp": false}));
        let jane = env.server.user("jane");
        assert!(jane.totp_secret.is_none() && jane.backup_codes.is_empty());

        let ran = twofa(&env, &["totp", "disable"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stderr.contains("nothing to change"), "{ran:?}");
    }
}

#[test]
fn removing_totp_without_a_code_or_terminal_sends_nothing() {
    let env = env_at("8.8");
    enrol_directly(&env, b"no-code-here", &[]);
    let ran = twofa(&env, &["totp", "disable"]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("--2fa-code"), "{ran:?}");
    assert!(changes_sent(&env).is_empty());
}

#[test]
fn backup_codes_are_counted_and_regenerated_once() {
    for (version, _) in VERSIONS {
        let env = env_at(version);
        let secret = b"backup-codes-secret";
        enrol_directly(&env, secret, &["old11111", "old22222"]);
        let ran = twofa(&env, &["backup-codes"]);
        assert_eq!((ran.code, ran.stdout.as_str()), (0, "2 backup codes left\n"), "{ran:?}");
        let ran = twofa(&env, &["backup-codes", "-o", "json"]);
        assert_eq!(json_out(&ran), json!({"remaining": 2}));

        // A backup code stands in for the app's code, once.
        let ran = twofa(&env, &["backup-codes", "--regenerate", "--2fa-code", "old11111"]);
        assert_eq!(ran.code, 0, "{version}: {ran:?}");
        let jane = env.server.user("jane");
        assert_eq!(jane.backup_codes.len(), 12);
        let printed: Vec<&str> = ran.stdout.lines().collect();
        assert_eq!(printed, jane.backup_codes.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(ran.stderr.contains("shown only this once"), "{ran:?}");

        let code = totp::current(secret);
        let ran = twofa(&env, &["backup-codes", "--regenerate", "--2fa-code", &code, "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        let codes = json_out(&ran)["codes"].clone();
        let stored: Vec<Value> =
            env.server.user("jane").backup_codes.iter().map(|c| json!(c)).collect();
        assert_eq!(codes, Value::Array(stored));

        let ran = twofa(&env, &["backup-codes", "--regenerate", "--2fa-code", "000000"]);
        assert_eq!(ran.code, 4, "{ran:?}");
    }
}

#[test]
fn backup_codes_without_totp_is_a_failure_that_sends_nothing() {
    let env = env_at("8.8");
    let ran = twofa(&env, &["backup-codes", "--regenerate", "--2fa-code", "123456"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("no authenticator app is enrolled"), "{ran:?}");
    assert!(changes_sent(&env).is_empty());
}

#[test]
fn secrets_and_codes_stay_out_of_the_verbose_trace() {
    for (version, _) in VERSIONS {
        let env = env_at(version);
        let secret = b"verbose-trace-secret";
        enrol_directly(&env, secret, &[]);
        let code = totp::current(secret);
        let ran = twofa(&env, &["-v", "backup-codes", "--regenerate", "--2fa-code", &code]);
        assert_eq!(ran.code, 0, "{ran:?}");
        let codes = env.server.user("jane").backup_codes;
        for code in &codes {
            assert!(!ran.stderr.contains(code.as_str()), "{code} in the trace: {ran:?}");
            assert_eq!(ran.stdout.matches(code.as_str()).count(), 1);
        }
        assert!(!ran.stderr.contains(&code), "the code sent is masked: {ran:?}");
        assert!(ran.stderr.contains("[REDACTED]"), "{ran:?}");
    }
}
