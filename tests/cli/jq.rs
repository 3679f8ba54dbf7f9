//! `--jq EXPR`: the built-in jq filter over a command's JSON output, on `profile show`, `admin
//! user list` and `api`; a malformed expression fails before any request; error objects,
//! a token shown once and control characters are handled as in every JSON output.

use crate::common::{PASSWORD, Ran, TestEnv, json_out, logged_in, run};
use crate::support::{Mode, User};

fn rocketctl(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().args(args))
}

#[test]
fn profile_show_prints_each_result_strings_raw() {
    let env = logged_in(Mode::V8);
    let ran = rocketctl(&env, &["profile", "show", "--jq", ".username"]);
    assert_eq!((ran.code, ran.stdout.as_str()), (0, "jane\n"), "{ran:?}");
    let ran = rocketctl(&env, &["profile", "show", "--jq", ".emails[0], .name, .active"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(
        ran.stdout,
        "{\"address\":\"jane@example.com\",\"verified\":true}\nJane Doe\ntrue\n"
    );
    let ran =
        rocketctl(&env, &["profile", "show", "--jq", r#""\(.username) <\(.emails[0].address)>""#]);
    assert_eq!(ran.stdout, "jane <jane@example.com>\n", "{ran:?}");
}

#[test]
fn admin_user_list_filters_with_select_and_map() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.server.add_user(User::new("ci-bot", PASSWORD).with_roles(&["bot"]));
    env.login_as("root", PASSWORD, "admin");
    let ran = rocketctl(&env, &["admin", "user", "list", "--jq", ".[].username"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout, "ci-bot\njane\nroot\n");
    let bots = r#"map(select(.roles | index("bot"))) | map(.username)"#;
    let ran = rocketctl(&env, &["admin", "user", "list", "--jq", bots]);
    assert_eq!(ran.stdout, "[\"ci-bot\"]\n", "{ran:?}");
    let ran = rocketctl(&env, &["admin", "user", "list", "--jq", "length"]);
    assert_eq!(ran.stdout, "3\n", "{ran:?}");
}

#[test]
fn api_answers_are_filtered_too() {
    let env = logged_in(Mode::V8);
    let ran = rocketctl(&env, &["api", "me", "--jq", ".username"]);
    assert_eq!((ran.code, ran.stdout.as_str()), (0, "jane\n"), "{ran:?}");
    let ran = rocketctl(&env, &["api", "/api/info", "--jq", "{version}"]);
    assert_eq!(ran.stdout, "{\"version\":\"8.7\"}\n", "{ran:?}");
    let ran = rocketctl(&env, &["api", "me", "--jq", ".services"]);
    assert_eq!(ran.stdout, "null\n", "services stay removed: {ran:?}");
}

#[test]
fn a_malformed_expression_is_a_usage_error_before_any_request() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    for (args, what) in [
        (vec!["profile", "show", "--jq", ".["], "expected"),
        (vec!["api", "me", "--jq", "map("], "expected"),
        (vec!["admin", "user", "list", "--jq", "nosuchfilter"], "undefined filter `nosuchfilter`"),
        (vec!["profile", "show", "--jq", "$ENV.ROCKETCHAT_AUTH_TOKEN"], "undefined variable"),
    ] {
        let ran = rocketctl(&env, &args);
        assert_eq!(ran.code, 2, "{args:?}: {ran:?}");
        assert!(ran.stderr.contains("--jq") && ran.stderr.contains(what), "{args:?}: {ran:?}");
        // --jq implies JSON: the error object is on stdout, unfiltered.
        assert_eq!(json_out(&ran)["error"]["exitCode"], 2, "{ran:?}");
    }
    assert_eq!(env.server.requests().len(), before, "nothing was sent");
}

#[test]
fn an_error_object_is_not_filtered() {
    let env = TestEnv::new(Mode::V8);
    let ran = rocketctl(&env, &["profile", "show", "--jq", ".username"]);
    assert_eq!(ran.code, 3, "{ran:?}");
    let error = json_out(&ran);
    assert_eq!(error["error"]["exitCode"], 3, "{ran:?}");
    assert!(error["error"]["message"].is_string());
}

#[test]
fn an_expression_that_fails_on_the_output_is_exit_1_after_its_results() {
    let env = logged_in(Mode::V8);
    let ran = rocketctl(&env, &["profile", "show", "--jq", ".username, (.emails | .nope)"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stdout.starts_with("jane\n"), "{ran:?}");
    assert!(ran.stderr.contains("the --jq expression failed"), "{ran:?}");
}

#[test]
fn server_text_is_escaped_in_raw_strings() {
    let env = logged_in(Mode::V8);
    env.server.state().users.iter_mut().for_each(|u| u.name = "J\u{1b}[2Jane\u{202e}".into());
    let ran = rocketctl(&env, &["profile", "show", "--jq", ".name"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stdout.contains('\u{1b}') && !ran.stdout.contains('\u{202e}'), "{ran:?}");
    assert_eq!(ran.stdout, "J\\u{001b}[2Jane\\u{202e}\n");
}

#[test]
fn a_token_shown_once_can_be_picked() {
    let env = logged_in(Mode::V8);
    let ran = run(env
        .cmd()
        .args(["token", "create", "ci", "--jq", ".token"])
        .env("ROCKETCHAT_PASSWORD", PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");
    let token = ran.stdout.trim_end();
    assert!(token.len() > 20 && !token.contains("REDACTED"), "{ran:?}");
    assert_eq!(env.server.personal_tokens("jane")[0].last_token_part, token[token.len() - 6..]);
}

#[test]
fn jq_implies_json_and_commands_without_json_print_as_they_do() {
    let env = logged_in(Mode::V8);
    let ran = rocketctl(&env, &["presence", "show", "--jq", "keys"]);
    assert_eq!(ran.stdout, "[\"connectionStatus\",\"message\",\"status\"]\n", "{ran:?}");
    let ran = rocketctl(&env, &["status", "--jq", ".username"]);
    assert_eq!(ran.stdout, "jane\n", "{ran:?}");
    let ran = rocketctl(&env, &["2fa", "status", "--jq", ".server.enabled"]);
    assert_eq!(ran.stdout, "true\n", "{ran:?}");
    let ran = rocketctl(&env, &["completions", "bash", "--jq", "."]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("_rocketctl"), "the script, unfiltered: {ran:?}");
}
