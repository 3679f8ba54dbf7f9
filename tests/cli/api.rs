//! `rocketctl api`: any endpoint with the stored credentials, against the stand-in.

use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{PASSWORD, TestEnv, json_out, logged_in, run, sha256};
use crate::support::{Fault, Mode, StandIn, State, User, totp};

fn api(env: &TestEnv, args: &[&str]) -> crate::common::Ran {
    run(env.cmd().arg("api").args(args))
}

fn has_key(value: &Value, key: &str) -> bool {
    match value {
        Value::Object(members) => members.iter().any(|(k, v)| k == key || has_key(v, key)),
        Value::Array(items) => items.iter().any(|item| has_key(item, key)),
        _ => false,
    }
}

#[test]
fn me_on_a_7x_server_prints_no_services() {
    let env = logged_in(Mode::V7);
    env.server.raw_documents();
    let ran = api(&env, &["me"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout.lines().count(), 1, "one compact line when stdout is a pipe: {ran:?}");
    let me = json_out(&ran);
    assert_eq!(me["username"], "jane");
    assert!(!has_key(&me, "services"), "{ran:?}");
    for secret in ["bcrypt", "hashedToken", "$2b$"] {
        assert!(!ran.stdout.contains(secret), "{secret}: {ran:?}");
    }
    let sent = env.server.requests_to("me");
    let last = sent.last().unwrap();
    assert_eq!((last.method.as_str(), last.path.as_str()), ("GET", "/api/v1/me"));
}

#[test]
fn nested_fields_build_nested_objects() {
    let env = logged_in(Mode::V8);
    let ran =
        api(&env, &["users.updateOwnBasicInfo", "-f", "data[name]=X", "-f", "data[nickname]=JD"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let sent = env.updates();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].json(), json!({"data": {"name": "X", "nickname": "JD"}}));
    let user = env.server.user("jane");
    assert_eq!((user.name.as_str(), user.nickname.as_deref()), ("X", Some("JD")));
    assert_eq!(json_out(&ran)["success"], true);
}

#[test]
fn typed_fields_send_json_values_and_file_text() {
    let env = logged_in(Mode::V8);
    let bio = env.home.path().join("bio.txt");
    std::fs::write(&bio, "two\nlines\n").unwrap();
    let field = format!("data[bio]=@{}", bio.display());
    let ran = api(&env, &["users.updateOwnBasicInfo", "-F", &field]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.updates()[0].json(), json!({"data": {"bio": "two\nlines\n"}}));
}

#[test]
fn input_from_stdin_is_the_body() {
    let env = logged_in(Mode::V8);
    let body = r#"{"data": {"nickname": "From stdin", "bio": "piped"}}"#;
    let ran =
        run(env.cmd().args(["api", "users.updateOwnBasicInfo", "--input", "-"]).write_stdin(body));
    assert_eq!(ran.code, 0, "{ran:?}");
    let sent = env.updates();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].json(), serde_json::from_str::<Value>(body).unwrap());
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("From stdin"));
}

#[test]
fn input_that_is_not_json_is_refused_before_anything_is_sent() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    let ran = run(env
        .cmd()
        .args(["api", "users.updateOwnBasicInfo", "--input", "-"])
        .write_stdin("{nope"));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("is not JSON"), "{ran:?}");
    assert_eq!(env.server.requests().len(), before);
}

#[test]
fn get_fields_are_query_parameters() {
    let env = logged_in(Mode::V8);
    let ran = api(&env, &["users.info", "-X", "get", "-f", "username=jane"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let sent = env.server.requests_to("users.info");
    assert_eq!((sent[0].method.as_str(), sent[0].query.as_str()), ("GET", "username=jane"));
    assert_eq!(json_out(&ran)["user"]["username"], "jane");
    // Without -X, fields make a POST, as in gh.
    let ran = api(&env, &["users.info", "-f", "username=jane"]);
    assert_ne!(ran.code, 0, "{ran:?}");
    assert_eq!(env.server.requests_to("users.info").last().unwrap().method, "POST");
}

#[test]
fn totp_required_on_users_update_is_answered_with_the_given_code() {
    let server = StandIn::start(Mode::V8);
    server.state().settings.two_factor_remember_for = Duration::ZERO;
    let secret = b"totp-secret-for-admin";
    server.add_user(User::new("admin", PASSWORD).with_roles(&["admin", "user"]).with_totp(secret));
    let jane = server.add_user(User::new("jane", "jane-password-1"));
    let env = TestEnv::with_server(server);
    let login =
        run(env.login_cmd("admin", &["--2fa-code", &totp::current(secret)]).write_stdin(PASSWORD));
    assert_eq!(login.code, 0, "the setup login: {login:?}");
    let user_id = format!("userId={jane}");

    // No code and no terminal: exit 4 naming the flag, after the one refused request.
    let ran = api(&env, &["users.update", "-f", &user_id, "-f", "data[name]=Renamed"]);
    assert_eq!(ran.code, 4, "{ran:?}");
    assert!(ran.stderr.contains("--2fa-code"), "{ran:?}");
    assert_eq!(env.server.requests_to("users.update").len(), 1);

    let code = totp::current(secret);
    let ran = api(
        &env,
        &["users.update", "-f", &user_id, "-f", "data[name]=Renamed", "--2fa-code", &code],
    );
    assert_eq!(ran.code, 0, "{ran:?}");
    let sent = env.server.requests_to("users.update");
    assert_eq!(sent.len(), 3, "challenged once, then sent with the code");
    assert_eq!(sent[1].header("x-2fa-code"), None);
    assert_eq!(sent[2].header("x-2fa-method"), Some("totp"));
    assert_eq!(sent[2].header("x-2fa-code"), Some(code.as_str()));
    assert_eq!(sent[2].json(), json!({"userId": jane, "data": {"name": "Renamed"}}));
    assert_eq!(env.server.user("jane").name, "Renamed");
    assert!(!ran.stdout.contains(&code) && !ran.stderr.contains(&code));
}

#[test]
fn a_rate_limit_is_waited_out() {
    let env = logged_in(Mode::V8);
    env.server.state().settings.rate_limit = Some((1, Duration::from_secs(2)));
    assert_eq!(api(&env, &["me"]).code, 0);
    let before = env.server.requests_to("me").len();
    let ran = api(&env, &["me"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("rate limited by") && ran.stderr.contains("waiting"), "{ran:?}");
    assert_eq!(json_out(&ran)["username"], "jane");
    assert_eq!(env.server.requests_to("me").len(), before + 2, "refused once, then sent again");
}

#[test]
fn an_error_envelope_exits_5_with_the_servers_message() {
    let env = logged_in(Mode::V8);
    let ran = api(&env, &["users.updateOwnBasicInfo", "-f", "data[shoeSize]=44"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("must NOT have additional properties"), "{ran:?}");
    assert!(ran.stdout.is_empty(), "{ran:?}");
    assert_eq!(env.updates().len(), 1, "a refused change is not sent again");
}

#[test]
fn paginate_fetches_each_page_once_and_prints_one_array() {
    let env = logged_in(Mode::V8);
    env.server.state().settings.default_count = 100;
    for i in 1..250 {
        env.server.add_user(User::new(&format!("user{i:03}"), "pw-12345678"));
    }
    let total = env.server.state().users.len();
    assert_eq!(total, 250);
    let ran = api(&env, &["users.list", "--paginate"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let users = json_out(&ran);
    let names: Vec<&str> =
        users.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 250);
    let unique: std::collections::HashSet<&&str> = names.iter().collect();
    assert_eq!(unique.len(), 250, "no user twice");
    let queries: Vec<String> =
        env.server.requests_to("users.list").into_iter().map(|r| r.query).collect();
    assert_eq!(queries, ["", "offset=100", "offset=200"]);
}

#[test]
fn include_prints_the_status_line_and_headers_before_the_body() {
    let env = logged_in(Mode::V8);
    let ran = api(&env, &["-i", "/api/info"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let (head, body) = ran.stdout.split_once("\n\n").expect("a blank line after the headers");
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("HTTP/1.1 200 OK"), "{ran:?}");
    assert!(
        lines.any(|line| line.to_ascii_lowercase().starts_with("content-type: application/json"))
    );
    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["success"], true);
    assert_eq!(env.server.requests_to("info").last().unwrap().path, "/api/info");
}

#[test]
fn usage_errors_send_nothing() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    for args in [
        &["users.updateOwnBasicInfo", "-f", "data[name"][..],
        &["users.updateOwnBasicInfo", "-f", "name=a", "-f", "name=b"],
        &["users.list", "--paginate", "-X", "POST"],
        &["me", "-X", "PATCH"],
        &["users.updateOwnBasicInfo", "-F", "data[bio]=@/nonexistent/bio.txt"],
    ] {
        let ran = api(&env, args);
        assert_eq!(ran.code, 2, "{args:?}: {ran:?}");
    }
    assert_eq!(env.server.requests().len(), before);
}

#[test]
fn a_change_without_an_answer_is_not_resent_and_exits_9() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::DropAfterApply, 1);
    let ran = api(&env, &["users.updateOwnBasicInfo", "-f", "data[nickname]=Once"]);
    assert_eq!(ran.code, 9, "{ran:?}");
    assert!(ran.stderr.contains("may or may not have been carried out"), "{ran:?}");
    assert_eq!(env.updates().len(), 1, "a POST is never resent blindly");
}

#[test]
fn a_read_without_an_answer_is_retried() {
    let env = logged_in(Mode::V8);
    env.server.inject("me", Fault::DropBeforeApply, 1);
    let before = env.server.requests_to("me").len();
    let ran = api(&env, &["me"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(json_out(&ran)["username"], "jane");
    assert_eq!(env.server.requests_to("me").len(), before + 2);
}

#[test]
fn a_password_challenge_is_answered_with_the_digest() {
    let server = StandIn::start(Mode::V8);
    server.state().settings.two_factor_remember_for = Duration::ZERO;
    server.add_user(User::new("admin", PASSWORD).with_roles(&["admin", "user"]));
    let jane = server.add_user(User::new("jane", "jane-password-1"));
    let env = TestEnv::with_server(server);
    assert_eq!(run(env.login_cmd("admin", &[]).write_stdin(PASSWORD)).code, 0);
    let args = ["api", "users.update", "-f", &format!("userId={jane}"), "-f", "data[nickname]=N"];

    let ran = run(env.cmd().args(args));
    assert_eq!(ran.code, 4, "asked for after a request: {ran:?}");
    assert!(ran.stderr.contains("--password-stdin"), "{ran:?}");

    let ran =
        run(env.cmd().args(args).arg("--password-stdin").write_stdin(format!("{PASSWORD}\n")));
    assert_eq!(ran.code, 0, "{ran:?}");
    let sent = env.server.requests_to("users.update");
    let last = sent.last().unwrap();
    assert_eq!(last.header("x-2fa-method"), Some("password"));
    assert_eq!(last.header("x-2fa-code"), Some(sha256(PASSWORD).as_str()));
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("N"));
    assert!(!ran.stdout.contains(&sha256(PASSWORD)) && !ran.stderr.contains(&sha256(PASSWORD)));
}

#[test]
fn standard_input_is_read_by_one_input_at_most() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    let ran = run(env
        .cmd()
        .args(["api", "users.updateOwnBasicInfo", "--input", "-", "-F", "x=@-"])
        .write_stdin("{}"));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("standard input"), "{ran:?}");
    assert_eq!(env.server.requests().len(), before);
}

#[test]
fn server_text_cannot_drive_the_terminal() {
    let env = logged_in(Mode::V8);
    let hostile = "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{9b}c\u{7f}d\u{202e}e";
    {
        let mut state = env.server.state();
        let jane = state.users.iter_mut().find(|u| u.username == "jane").unwrap();
        jane.nickname = Some(hostile.to_owned());
    }
    let ran = api(&env, &["me"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{7f}', '\u{202e}'] {
        assert!(!ran.stdout.contains(raw), "{raw:?} printed raw: {ran:?}");
    }
    assert_eq!(json_out(&ran)["nickname"], hostile, "the escapes mean the same text");
}

#[test]
fn an_endpoint_not_in_the_completion_list_is_still_called() {
    let env = logged_in(Mode::V8);
    let ran = api(&env, &["livechat/department?count=5"]);
    assert_eq!(ran.code, 1, "the stand-in has no such route: {ran:?}");
    let sent = env.server.requests_to("livechat/department");
    assert_eq!(sent.len(), 1, "{ran:?}");
    assert_eq!(
        (sent[0].path.as_str(), sent[0].query.as_str()),
        ("/api/v1/livechat/department", "count=5")
    );
}

#[test]
fn g13_an_endpoint_that_climbs_out_of_api_is_refused_before_anything_is_sent() {
    // Behind a path prefix, `..` would reach other applications of the origin with the token.
    let server = StandIn::start_with(State::new(Mode::V8).with_prefix("/chat"), 0);
    server.add_user(User::new("jane", PASSWORD));
    let env = TestEnv::with_server(server);
    env.login();
    let before = env.server.requests().len();
    for endpoint in [
        "../../../etc/passwd",
        "/api/../../x",
        "%2e%2e/%2e%2e/x",
        "..\\..\\x",
        "x/..%2f..%2f..%2fy",
    ] {
        let ran = api(&env, &[endpoint]);
        assert_eq!(ran.code, 2, "{endpoint}: {ran:?}");
        assert!(ran.stderr.contains("leads out of the server's `api/`"), "{endpoint}: {ran:?}");
    }
    assert_eq!(env.server.requests().len(), before, "nothing was sent");
    // A `..` that stays inside `api/` is a path like any other.
    let ran = api(&env, &["../info"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let last = env.server.requests().pop().unwrap();
    assert_eq!(last.path, "/chat/api/info");
}
