//! `profile show` against each server generation; nothing secret in any output.

use crate::common::{TestEnv, login_args_at, run};
use crate::support::{Mode, StandIn, State, User};

fn assert_no_server_secrets(env: &TestEnv, text: &str) {
    assert_no_secrets_of(env, "jane", text);
}

fn assert_no_secrets_of(env: &TestEnv, username: &str, text: &str) {
    assert!(!text.contains("services"), "{text}");
    assert!(!text.contains("bcrypt") && !text.contains("$2b$"), "{text}");
    assert!(!text.contains("hashedToken") && !text.contains("loginTokens"), "{text}");
    assert!(!text.contains("resume"), "{text}");
    for hashed in env.server.user(username).tokens {
        assert!(!text.contains(&hashed), "a token hash leaked: {text}");
    }
}

/// `users.info` about oneself carries `services` (7.x: `services.resume` with the hashes of every
/// login token); `admin user show` of oneself prints none of it, as a table or as JSON.
#[test]
fn admin_user_show_of_oneself_prints_no_services() {
    for mode in [Mode::V7, Mode::V8] {
        let env = TestEnv::new(mode);
        env.server.add_user(User::new("root", crate::common::PASSWORD).with_roles(&["admin"]));
        env.login_as("root", crate::common::PASSWORD, "admin");
        for output in [&[][..], &["-o", "json"]] {
            let ran = run(env.cmd().args(["admin", "user", "show", "root"]).args(output));
            assert_eq!(ran.code, 0, "{mode:?} {ran:?}");
            assert!(ran.stdout.contains("root"), "{mode:?} {ran:?}");
            assert_no_secrets_of(&env, "root", &ran.stdout);
            assert_no_secrets_of(&env, "root", &ran.stderr);
        }
        let asked = env.server.requests_to("users.info");
        assert!(asked.iter().all(|r| r.query.contains("username=root")), "{mode:?} {asked:?}");
        assert_eq!(asked.len(), 2, "{mode:?}");
    }
}

fn shows_the_record_without_secrets(mode: Mode, raw_me: bool) {
    let env = TestEnv::new(mode);
    env.server.state().settings.raw_me = raw_me;
    env.login();

    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.starts_with("FIELD"), "{ran:?}");
    assert!(
        ran.stdout.lines().any(|l| l.starts_with("username") && l.ends_with("jane")),
        "{ran:?}"
    );
    assert!(ran.stdout.contains("jane@example.com (verified)"), "{ran:?}");
    assert_no_server_secrets(&env, &ran.stdout);
    assert_no_server_secrets(&env, &ran.stderr);

    let ran = run(env.cmd().args(["profile", "show", "-o", "json"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    let user: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(user["username"], "jane");
    assert_eq!(user["name"], "Jane Doe");
    assert_eq!(user["emails"][0]["address"], "jane@example.com");
    assert_eq!(user["_id"].as_str(), Some(env.server.user("jane").id.as_str()));
    let allowed = [
        "_id",
        "username",
        "name",
        "nickname",
        "bio",
        "emails",
        "status",
        "statusText",
        "active",
        "roles",
        "type",
        "utcOffset",
        "language",
        "customFields",
        "avatarUrl",
        "requirePasswordChange",
        "createdAt",
        "lastLogin",
        "_updatedAt",
    ];
    for key in user.as_object().unwrap().keys() {
        assert!(allowed.contains(&key.as_str()), "unexpected field {key}");
    }
    assert_no_server_secrets(&env, &ran.stdout);
    // --json is the same as -o json.
    let again = run(env.cmd().args(["profile", "show", "--json"]));
    assert_eq!(again.stdout, ran.stdout);
}

#[test]
fn profile_show_on_8x() {
    shows_the_record_without_secrets(Mode::V8, false);
}

#[test]
fn profile_show_on_7x_with_a_raw_document_leaks_nothing() {
    shows_the_record_without_secrets(Mode::V7, true);
}

#[test]
fn profile_show_on_8x_with_a_raw_document_leaks_nothing() {
    shows_the_record_without_secrets(Mode::V8, true);
}

#[test]
fn profile_show_on_6_3() {
    shows_the_record_without_secrets(Mode::V6_3, false);
}

#[test]
fn a_path_prefixed_server_works() {
    let server = StandIn::start_with(State::new(Mode::V8).with_prefix("/chat"), 0);
    server.add_user(User::new("jane", crate::common::PASSWORD));
    let env = TestEnv::with_server(server);
    assert!(env.server.url().ends_with("/chat"));
    env.login();
    let ran = run(env.cmd().args(["profile", "show", "-o", "json"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    for request in env.server.requests() {
        assert!(request.path.starts_with("/chat/api/"), "{}", request.path);
    }
    let ran = run(env.cmd().arg("status"));
    assert_eq!(ran.code, 0, "{ran:?}");
}

#[test]
fn a_server_without_the_prefix_answers_unknown_path() {
    let server = StandIn::start_with(State::new(Mode::V8).with_prefix("/chat"), 0);
    server.add_user(User::new("jane", crate::common::PASSWORD));
    let env = TestEnv::with_server(server);
    let bare = format!("http://127.0.0.1:{}", env.server.port());
    let ran = run(env
        .cmd()
        .args(login_args_at(&bare, "jane"))
        .args(["--password-stdin"])
        .write_stdin(crate::common::PASSWORD));
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("unexpected 404 response (text/plain"), "{ran:?}");
    assert!(ran.stderr.contains("Unknown path"), "{ran:?}");
}

#[test]
fn a_revoked_token_is_exit_3_with_the_login_hint() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    env.server.state().users.iter_mut().for_each(|u| u.tokens.clear());
    for args in [&["profile", "show"][..], &["status"][..]] {
        let ran = run(env.cmd().args(args));
        assert_eq!(ran.code, 3, "{ran:?}");
        assert!(ran.stderr.contains("hint:") && ran.stderr.contains("rocketctl login"), "{ran:?}");
    }
}

#[test]
fn not_logged_in_is_exit_3() {
    let env = TestEnv::new(Mode::V8);
    for args in [&["profile", "show"][..], &["status"][..]] {
        let ran = run(env.cmd().args(args));
        assert_eq!(ran.code, 3, "{args:?}: {ran:?}");
        assert!(ran.stderr.contains("not logged in"), "{ran:?}");
    }
}

#[test]
fn tables_are_aligned_columns_without_borders() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("bob", "bob-pw"));
    env.login_as("jane", crate::common::PASSWORD, "work");
    env.login_as("bob", "bob-pw", "bot");
    let ran = run(env.cmd().args(["context", "list"]));
    let server = env.server.url();
    let pad = " ".repeat(server.len() - "SERVER".len());
    let expected = format!(
        "CURRENT  NAME  SERVER{pad}  USER  STATE\n*        bot   {server}  bob   logged in\n         work  {server}  jane  logged in\n"
    );
    assert_eq!(ran.stdout, expected);

    let ran = run(env.cmd().args(["profile", "show"]));
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert_eq!(lines[0], "FIELD       VALUE");
    assert_eq!(lines[2], "username    bob");
    assert!(lines.iter().all(|line| !line.ends_with(' ')), "no trailing blanks");
}
