//! `rocketctl help [COMMAND…|TOPIC]`: clap's help for a command, or a topic page in the way
//! `gh help environment` and `gh help exit-codes` work. The same tables feed the man pages.

pub mod desired_state;

use anyhow::Result;

use crate::cli;
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

/// Environment variables and what they do, highest precedence noted in the text.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    ("ROCKETCHAT_URL", "Server URL. Below --server, above the config file."),
    (
        "ROCKETCHAT_USER_ID",
        "User id. With ROCKETCHAT_AUTH_TOKEN it replaces the stored credentials.",
    ),
    (
        "ROCKETCHAT_AUTH_TOKEN",
        "Login or personal access token. With ROCKETCHAT_USER_ID set too, no config file is read or written, and `login` refuses to run.",
    ),
    ("ROCKETCHAT_USER", "Username (or email address) for `login`."),
    (
        "ROCKETCHAT_PASSWORD",
        "Current password, for scripts (below --password-stdin and --password-file).",
    ),
    (
        "ROCKETCHAT_NEW_PASSWORD",
        "New password, for scripts (below --new-password-stdin and --new-password-file).",
    ),
    ("ROCKETCHAT_2FA_CODE", "Two-factor code, like --2fa-code."),
    ("ROCKETCTL_CONTEXT", "Context to use, like --context."),
    ("ROCKETCTL_CONFIG", "Config file, like --config."),
    ("ROCKETCTL_STORE", "Where `login` keeps the token (auto, keyring or file), like --store."),
    (
        "DBUS_SESSION_BUS_ADDRESS",
        "The session bus the system keyring is found on; without it the keyring is not tried.",
    ),
    (
        "XDG_CONFIG_HOME",
        "Base of the default config location (an absolute path; a relative one is ignored).",
    ),
    ("NO_COLOR", "Any value turns colour off, like --color never."),
    ("HTTPS_PROXY, HTTP_PROXY, NO_PROXY", "Proxies, as most tools read them."),
    ("SSL_CERT_FILE, SSL_CERT_DIR", "Trusted root certificates instead of the system's."),
];

pub const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/rocketctl/config.toml",
        "The config file (default ~/.config/rocketctl/config.toml; --config or ROCKETCTL_CONFIG choose another). Mode 0600; holds named contexts with server, user id, username and token (or `token_store = \"keyring\"` when the token is in the system keyring).",
    ),
    (
        "config.toml.lock",
        "Beside the config file: the lock that keeps concurrent runs from losing each other's changes. Safe to leave; never stale.",
    ),
];

const PRECEDENCE: &str = "Where credentials come from, highest first:
  1. --server URL and --context NAME
  2. ROCKETCHAT_URL, and ROCKETCHAT_USER_ID with ROCKETCHAT_AUTH_TOKEN
     (both, or neither is used)
  3. the config file: the context named by --context, else ROCKETCTL_CONTEXT,
     else `current`
`rocketctl status` shows where each value came from.";

/// Topics besides the commands, for `rocketctl help TOPIC` and its typo suggestions.
const TOPICS: &[&str] = &["options", "environment", "exit-codes", "desired-state"];

/// Topic pages wrap here, whatever the terminal, so they read the same in a pipe and a pager.
const WIDTH: usize = 80;

pub fn run(settings: &Settings, words: &[String]) -> Result<()> {
    match words.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["options"] => settings.out.text(&global_options_text()),
        ["environment"] => settings.out.text(&environment_text()),
        ["exit-codes"] => settings.out.text(&exit_codes_text()),
        ["desired-state"] => settings.out.text(&desired_state::text()),
        path => settings.out.text(&command_help(path)?),
    }
}

/// The long help of a visible command, or a usage error suggesting the nearest name.
fn command_help(path: &[&str]) -> Result<String> {
    let mut command = cli::command();
    command.build();
    let mut current = &command;
    for word in path {
        current = current
            .find_subcommand(word)
            .filter(|sub| !sub.is_hide_set())
            .ok_or_else(|| unknown(current, path, word))?;
    }
    Ok(current.clone().render_help().to_string())
}

fn unknown(parent: &clap::Command, path: &[&str], word: &str) -> Failure {
    let visible = parent.get_subcommands().filter(|sub| !sub.is_hide_set()).map(|s| s.get_name());
    let topics = if path.len() == 1 { TOPICS } else { &[] };
    let nearest = visible
        .chain(topics.iter().copied())
        .map(|name| (strsim::jaro_winkler(word, name), name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let failure = Failure::usage(format!("no help for `{}`", path.join(" ")));
    match nearest {
        Some((_, name)) => failure.hint(format!("did you mean `{name}`?")),
        None => failure.hint(
            "topics: `rocketctl help options`, `rocketctl help environment`, `rocketctl help exit-codes`, `rocketctl help desired-state`; commands: `rocketctl --help`",
        ),
    }
}

fn global_options_text() -> String {
    cli::global_options().render_help().to_string()
}

fn environment_text() -> String {
    let mut text = String::from("Environment variables\n\n");
    for (name, meaning) in ENVIRONMENT {
        text.push_str(&format!("  {name}\n"));
        text.push_str(&wrap(meaning, "      "));
    }
    text.push('\n');
    text.push_str(PRECEDENCE);
    text
}

fn exit_codes_text() -> String {
    let mut text = String::from("Exit codes\n\n");
    for exit in Exit::ALL {
        let wrapped = wrap(exit.description(), "       ");
        text.push_str(&format!("  {:>3}  {}", exit.code(), wrapped.trim_start()));
    }
    text
}

/// Greedy word wrap at [`WIDTH`] columns, every line indented; ends with a newline.
fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    for word in text.split_whitespace() {
        if line.len() > indent.len() && line.len() + 1 + word.chars().count() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The precedence paragraph, for the man page.
pub fn precedence() -> &'static str {
    PRECEDENCE
}
