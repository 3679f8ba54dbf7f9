//! The demo accounts the hand-run stand-in seeds (`cargo run --example stand-in-server`,
//! `scripts/try`) and the README's examples run against (tests/cli/readme.rs): one list, so the
//! banner, the README and its test never disagree about a username or a password.

use std::time::Duration;

use super::{Mode, State, User, totp};

/// Jane's id: the one the README's examples show (`--user-id aobEdbYhXfu5hkeqG`).
pub const JANE_ID: &str = "aobEdbYhXfu5hkeqG";
pub const DEMO_PASSWORD: &str = "demo-password-1";
pub const ADMIN_PASSWORD: &str = "admin-password-1";
pub const BOB_PASSWORD: &str = "bob-password-1";
pub const TOTP_SECRET: &[u8] = b"rocketctl-demo-totp-secret";

/// `(username, password)` of every demo account.
pub const ACCOUNTS: &[(&str, &str)] = &[
    ("jane", DEMO_PASSWORD),
    ("totp-user", DEMO_PASSWORD),
    ("bob", BOB_PASSWORD),
    ("admin", ADMIN_PASSWORD),
    ("ci-bot", DEMO_PASSWORD),
];

/// The password of a demo account.
pub fn password_of(username: &str) -> Option<&'static str> {
    ACCOUNTS.iter().find(|(name, _)| *name == username).map(|(_, password)| *password)
}

/// The demo data: the custom field the README uses, a plain user, a TOTP user, a second user,
/// an administrator and a bot-only account.
pub fn seed(state: &mut State) {
    // The custom field the README's examples set (`--field team=...`).
    state.settings.custom_fields =
        Some(serde_json::json!({"team": {"type": "text", "required": false, "maxLength": 30}}));
    let mut jane = User::new("jane", DEMO_PASSWORD);
    jane.id = JANE_ID.to_owned();
    jane.name = "Jane Doe".into();
    jane.emails = vec![("jane@example.com".into(), true)];
    state.add_user(jane);
    state.add_user(User::new("totp-user", DEMO_PASSWORD).with_totp(TOTP_SECRET));
    state.add_user(User::new("bob", BOB_PASSWORD));
    let mut admin = User::new("admin", ADMIN_PASSWORD).with_roles(&["admin", "user"]);
    admin.name = "Administrator".into();
    state.add_user(admin);
    let mut bot = User::new("ci-bot", DEMO_PASSWORD).with_roles(&["bot"]);
    bot.emails = vec![("ci-bot@example.com".into(), false)];
    state.add_user(bot);
}

/// A real server's defaults: 10 calls a minute per route and IP; on 8.x one profile update and
/// five status changes a minute, on older servers one e-mail change a minute.
pub fn real_rate_limits(state: &mut State, mode: Mode) {
    state.settings.rate_limit = Some((10, Duration::from_secs(60)));
    if mode == Mode::V8 {
        state.settings.profile_rate_limit = Some((1, Duration::from_secs(60)));
        state.settings.status_rate_limit = Some((5, Duration::from_secs(60)));
    } else {
        state.settings.email_function_limit = Some(Duration::from_secs(60));
    }
}

/// What the hand-run server prints when it starts: the demo accounts, its rate limits (and
/// how to turn them off), and commands to try.
pub fn banner(url: &str, mode: Mode, rate_limited: bool) -> String {
    let mut lines = vec![
        format!("Stand-in Rocket.Chat {} listening on {url}", mode.version()),
        String::new(),
        format!("Demo accounts (password {DEMO_PASSWORD} unless noted):"),
        "  jane       plain password account".to_owned(),
        format!(
            "  totp-user  two-factor with an authenticator app; secret (base32) {}",
            totp_secret_base32()
        ),
        format!("  bob        password {BOB_PASSWORD} (owns bob@example.com)"),
        format!("  admin      password {ADMIN_PASSWORD}; roles admin and user"),
        "  ci-bot     role bot only (no personal access tokens until granted)".to_owned(),
        String::new(),
        "Custom fields defined (Accounts_CustomFields): team".to_owned(),
        String::new(),
    ];
    if rate_limited {
        lines.push(format!(
            "Rate limits as on a real {} server (rocketctl waits them out, up to --max-wait):",
            mode.version()
        ));
        lines.extend(rate_limit_lines(mode).into_iter().map(|line| format!("  {line}")));
        lines.push("Start it with --no-rate-limit for a demo without these waits.".to_owned());
    } else {
        lines.push("Rate limits: off (--no-rate-limit).".to_owned());
    }
    lines.push(String::new());
    lines.push("Try, in another terminal (a throw-away config; your own stays untouched):".into());
    for command in [
        "export ROCKETCTL_CONFIG=\"$(mktemp -d)/config.toml\" ROCKETCTL_STORE=file".to_owned(),
        format!("cargo run -- login --server {url} --username jane"),
        "cargo run -- profile show".to_owned(),
        "cargo run -- profile set-email jane.doe@example.com".to_owned(),
        "cargo run -- profile update --nickname JD --status-text 'Trying rocketctl'".to_owned(),
        "cargo run -- profile set-password".to_owned(),
        "cargo run -- status".to_owned(),
        format!("cargo run -- login --server {url} --username admin --context admin"),
        "cargo run -- --context admin admin user list".to_owned(),
    ] {
        lines.push(format!("  {command}"));
    }
    lines.push(String::new());
    lines.join("\n") + "\n"
}

/// What [`real_rate_limits`] turns on, one line each.
fn rate_limit_lines(mode: Mode) -> Vec<&'static str> {
    let mut lines = vec!["10 calls a minute per route"];
    if mode == Mode::V8 {
        lines.push("one profile update a minute (users.updateOwnBasicInfo)");
        lines.push("five status changes a minute (users.setStatus)");
    } else {
        lines.push("one e-mail change a minute");
    }
    lines
}

/// The base32 TOTP secret of `totp-user`, as an authenticator app takes it.
pub fn totp_secret_base32() -> String {
    totp::base32(TOTP_SECRET)
}
