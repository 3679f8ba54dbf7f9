//! Help that fits on a screen: each command's own options, one line pointing to the global
//! ones, examples safe to paste, and topics that wrap at 80 columns.

use crate::common::{TestEnv, run};
use crate::support::Mode;

const POINTER: &str =
    "Global options (--context, --server, -o, -q, -v, …): run `rocketctl help options`";

/// Every visible command path.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["login"],
    &["logout"],
    &["status"],
    &["context"],
    &["context", "list"],
    &["context", "use"],
    &["context", "remove"],
    &["profile"],
    &["profile", "show"],
    &["profile", "set-email"],
    &["profile", "set-password"],
    &["profile", "update"],
    &["2fa"],
    &["2fa", "status"],
    &["2fa", "email"],
    &["2fa", "email", "enable"],
    &["2fa", "email", "disable"],
    &["2fa", "totp"],
    &["2fa", "totp", "enable"],
    &["2fa", "totp", "disable"],
    &["2fa", "backup-codes"],
    &["completions"],
    &["help"],
];

fn help(env: &TestEnv, path: &[&str]) -> String {
    let ran = run(env.cmd().args(path).arg("--help"));
    assert_eq!(ran.code, 0, "{path:?}: {ran:?}");
    ran.stdout
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({filters => vec![(r"rocketctl \d+\.\d+\.\d+", "rocketctl [VERSION]")]}, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn subcommand_help_fits_a_screen_and_points_to_global_options() {
    let env = TestEnv::new(Mode::V8);
    let logout = help(&env, &["logout"]);
    assert!(logout.lines().count() <= 25, "{logout}");
    let update = help(&env, &["profile", "update"]);
    assert!(update.lines().count() <= 60, "{update}");
    for path in COMMANDS {
        let text = help(&env, path);
        assert_eq!(text.matches(POINTER).count(), 1, "{path:?}: {text}");
        assert!(!text.contains("--max-wait") && !text.contains("--timeout"), "{path:?}: {text}");
        assert!(!text.contains("-V, --version") || path.is_empty(), "{path:?}: {text}");
    }
    snapshot("logout_help", &logout);
    snapshot("profile_update_help", &update);
    assert!(update.contains("Usage: rocketctl profile update <CHANGE>... [OPTIONS]"), "{update}");
}

#[test]
fn help_options_lists_every_global_option_with_its_environment_variable() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env.cmd().args(["help", "options"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    // Wrapped at 80 columns, so compare with runs of spaces and newlines as one space.
    let flat = ran.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "--context <CONTEXT>",
        "[env: ROCKETCTL_CONTEXT]",
        "[env: ROCKETCHAT_URL]",
        "[env: ROCKETCTL_CONFIG]",
        "--timeout <SECS>",
        "--max-wait <SECS>",
        "--insecure",
        "--color <WHEN>",
    ] {
        assert!(flat.contains(needle), "{needle}: {}", ran.stdout);
    }
    assert!(ran.stdout.lines().all(|line| line.chars().count() <= 80), "{}", ran.stdout);
    snapshot("help_options", &ran.stdout);
    let update = help(&env, &["profile", "update"]);
    for needle in
        ["[env: ROCKETCHAT_PASSWORD", "[env: ROCKETCHAT_NEW_PASSWORD", "[env: ROCKETCHAT_2FA_CODE]"]
    {
        assert!(update.contains(needle), "{needle}: {update}");
    }
}

#[test]
fn bare_rocketctl_prints_help_and_succeeds() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(&mut env.cmd());
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout, help(&env, &[]));
    snapshot("rocketctl_help", &ran.stdout);
}

#[test]
fn hidden_commands_never_show_in_help_or_usage_errors() {
    let env = TestEnv::new(Mode::V8);
    let mut texts: Vec<String> = COMMANDS.iter().map(|path| help(&env, path)).collect();
    for args in [&["-q"][..], &["gene"], &["complete-contexts"], &["help", "generat"]] {
        let ran = run(env.cmd().args(args));
        assert_eq!(ran.code, 2, "{args:?}: {ran:?}");
        texts.push(ran.stderr);
    }
    for text in texts {
        let text = text.replace("The shell to generate for", "").replace("regenerate", "");
        assert!(!text.contains("generate") && !text.contains("__complete"), "{text}");
    }
}

#[test]
fn examples_are_safe_to_paste_and_never_wrap() {
    let env = TestEnv::new(Mode::V8);
    for path in COMMANDS {
        let text = help(&env, path);
        let examples = text.split("Examples:\n").nth(1).unwrap_or_else(|| panic!("{path:?}"));
        for line in examples.lines().take_while(|line| !line.is_empty()) {
            assert!(line.chars().count() <= 80, "{path:?}: wraps at 80 columns: {line}");
            // Outside single quotes, `&` only as `&&`: nothing goes to the background.
            let unquoted: String = line.split('\'').step_by(2).collect();
            assert!(!unquoted.replace("&&", "").contains('&'), "{path:?}: {line}");
            assert!(
                line.starts_with("  rocketctl ")
                    || line.starts_with("  printf ")
                    || line.starts_with("  mkdir -p ")
                    || line.starts_with("  eval \"$(rocketctl ")
                    || line.starts_with("      "),
                "{path:?}: an example line that is not a command or its continuation: {line}"
            );
        }
    }
}

#[test]
fn help_topics_wrap_at_80_columns_and_suggest_the_nearest_topic() {
    let env = TestEnv::new(Mode::V8);
    for topic in ["options", "environment", "exit-codes", "desired-state"] {
        let ran = run(env.cmd().args(["help", topic]));
        assert_eq!(ran.code, 0, "{topic}: {ran:?}");
        for line in ran.stdout.lines() {
            assert!(line.chars().count() <= 80, "{topic}: {line}");
        }
    }
    let ran = run(env.cmd().args(["help", "enviroment"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("did you mean `environment`?"), "{ran:?}");
    let ran = run(env.cmd().args(["help", "desired-stat"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("did you mean `desired-state`?"), "{ran:?}");
    let ran = run(env.cmd().args(["help", "profile", "set-mail"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("did you mean `set-email`?"), "{ran:?}");
}

#[test]
fn the_desired_state_topic_describes_every_key_and_the_commands_point_to_it() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env.cmd().args(["help", "desired-state"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    // A section runs from its heading to the next line that starts in column 0; its keys are
    // the one-word lines indented by two (the meanings are indented by six).
    let keys = |section: &str| -> Vec<String> {
        let body = ran.stdout.split(&format!("\n{section}\n")).nth(1).unwrap_or_default();
        body.lines()
            .take_while(|line| line.is_empty() || line.starts_with(' '))
            .filter_map(|line| line.strip_prefix("  "))
            .filter(|key| !key.is_empty() && !key.contains(' ') && !key.starts_with('`'))
            .map(str::to_owned)
            .collect()
    };
    let users = keys("Users");
    for key in ["username", "email", "name", "status_text", "language", "roles", "active"] {
        assert!(users.contains(&key.to_owned()), "{key}: {users:?}");
    }
    for key in ["verified", "require_password_change", "custom_fields", "password", "token"] {
        assert!(users.contains(&key.to_owned()), "{key}: {users:?}");
    }
    let profile = keys("Profile");
    for key in ["username", "email", "nickname", "bio", "presence", "avatar", "custom_fields"] {
        assert!(profile.contains(&key.to_owned()), "{key}: {profile:?}");
    }
    let flat = ran.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "A key that is absent leaves that value as the server has it",
        "{ env = \"NAME\" }",
        "\"random\"",
        "Without it a new account gets a random password",
        "relative to the directory of the desired-state file",
        "any other custom field the account has is removed",
        "a new file of mode 0600",
        "not described yet",
    ] {
        let expected = needle != "not described yet";
        assert_eq!(flat.contains(needle), expected, "{needle}: {}", ran.stdout);
    }
    let flat = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    for command in ["export", "diff", "apply"] {
        let text = flat(help(&env, &[command]));
        assert!(text.contains("`rocketctl help desired-state`"), "{command}: {text}");
    }
    let top = flat(help(&env, &[]));
    assert!(top.contains("`rocketctl help desired-state`"), "{top}");
}
