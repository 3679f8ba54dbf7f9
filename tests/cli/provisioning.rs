//! README's "Provisioning a bot account", run as printed against a stand-in in its default
//! state (the `bot` role may not make personal access tokens), with an administrator's context:
//! every command line of the section's `sh` blocks, in order, in one shell, stopping at the first
//! that fails.

use std::os::unix::fs::PermissionsExt as _;

use crate::common::{PASSWORD, Ran, TestEnv, ran};
use crate::support::{Mode, User};

const HEADING: &str = "## Provisioning a bot account";
/// The server the README names, replaced by the stand-in's URL.
const README_SERVER: &str = "https://chat.example.com";

/// The section under `heading`, up to the next heading of the same level.
fn section(readme: &str, heading: &str) -> String {
    let start = readme.find(&format!("\n{heading}\n")).expect("README has the section") + 1;
    let body = &readme[start + heading.len()..];
    let end = body.find("\n## ").unwrap_or(body.len());
    body[..end].to_owned()
}

/// The command lines of the section's `sh` blocks, a line ending in `\` joined to the next;
/// comments and blank lines left out.
fn command_lines(section: &str) -> Vec<String> {
    let (mut lines, mut in_block, mut pending) = (Vec::new(), false, String::new());
    for line in section.lines() {
        match line.trim_end() {
            "```sh" => in_block = true,
            "```" => in_block = false,
            _ if !in_block => {}
            text if text.trim().is_empty() || text.trim_start().starts_with('#') => {}
            text => {
                let (text, continued) = match text.strip_suffix('\\') {
                    Some(head) => (head, true),
                    None => (text, false),
                };
                pending.push_str(text.trim());
                if continued {
                    pending.push(' ');
                } else {
                    lines.push(std::mem::take(&mut pending));
                }
            }
        }
    }
    lines
}

/// Run the lines in one bash, each announced on stderr, stopping at the first failure.
fn run_lines(env: &TestEnv, lines: &[String]) -> Ran {
    let mut script = String::from("set -euo pipefail\n");
    for (index, line) in lines.iter().enumerate() {
        script.push_str(&format!("echo '>>> line {}' >&2\n{line}\n", index + 1));
    }
    let output = env
        .script_process(std::path::Path::new("bash"))
        .args(["--norc", "--noprofile", "-c", &script])
        .stdout(std::process::Stdio::piped())
        .output()
        .expect("bash runs");
    ran(&output)
}

#[test]
fn readme_provisioning_works_on_a_default_server() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let lines = command_lines(&section(&readme, HEADING));
    assert!(lines.len() >= 4, "the section's commands: {lines:?}");
    assert!(
        lines[0].starts_with("rocketctl admin permission grant create-personal-access-tokens bot")
    );

    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.login_as("root", PASSWORD, "admin");
    let holders = env.server.state().permissions["create-personal-access-tokens"].clone();
    assert!(!holders.contains(&"bot".to_owned()), "a default server: {holders:?}");

    let lines: Vec<String> =
        lines.iter().map(|line| line.replace(README_SERVER, &env.server.url())).collect();
    let ran = run_lines(&env, &lines);
    assert_eq!(ran.code, 0, "{lines:#?}\n{ran:?}");

    assert_eq!(env.server.requests_to("permissions.update").len(), 1);
    assert_eq!(env.server.requests_to("users.create").len(), 1);
    let file = env.home.path().join("deploy-bot.token");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let bot = env.server.user("deploy-bot");
    assert_eq!(bot.roles, ["bot"]);
    // The last command authenticated with the bot's token and printed its record.
    let token = std::fs::read_to_string(&file).unwrap();
    let last = env.server.requests().pop().expect("requests were sent");
    assert_eq!(last.header("x-auth-token"), Some(token.trim_end()));
    assert!(ran.stdout.contains("deploy-bot") && ran.stdout.contains(&bot.id), "{ran:?}");

    // Run again, the grant sends nothing.
    let again = run_lines(&env, &lines[..1]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(env.server.requests_to("permissions.update").len(), 1);
}

#[test]
fn the_section_is_read_as_a_shell_would() {
    let text = "intro\n```sh\n# a comment\nrocketctl a \\\n    --b c\n\nrocketctl d\n```\n\
                ```toml\nnot = \"run\"\n```\n";
    assert_eq!(command_lines(text), ["rocketctl a --b c", "rocketctl d"]);
    let readme = format!("# x\n{HEADING}\nbody\n### sub\nmore\n## Next\nother\n");
    assert_eq!(section(&readme, HEADING), "\nbody\n### sub\nmore");
}
