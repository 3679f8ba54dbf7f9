//! The stand-in Rocket.Chat server, by hand:
//!
//!     cargo run --example stand-in-server -- --port 3000 [--mode 8|7|6.3|2] [--prefix /chat] [--no-rate-limit]
//!
//! It seeds demo accounts, prints it with commands to try, and logs every request on stderr.

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "mod.rs"]
mod support;

use std::time::Duration;

use support::{Mode, StandIn, State, User, totp};

const DEMO_PASSWORD: &str = "demo-password-1";
const ADMIN_PASSWORD: &str = "admin-password-1";
const TOTP_SECRET: &[u8] = b"rocketctl-demo-totp-secret";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value =
        |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!(
            "usage: stand-in-server [--port PORT] [--mode 8|7|6.3|2] [--prefix /PATH] [--no-rate-limit]"
        );
        return;
    }
    let port: u16 = value("--port").and_then(|p| p.parse().ok()).unwrap_or(3000);
    let mode = match value("--mode").as_deref() {
        Some("7") => Mode::V7,
        Some("6.3" | "6") => Mode::V6_3,
        Some("2") => Mode::V2,
        _ => Mode::V8,
    };
    let mut state = State::new(mode).with_prefix(&value("--prefix").unwrap_or_default());
    if !args.iter().any(|a| a == "--no-rate-limit") {
        // A real server's defaults: 10 calls a minute per route and IP, 1 profile update (8.x).
        state.settings.rate_limit = Some((10, Duration::from_secs(60)));
        if mode == Mode::V8 {
            state.settings.profile_rate_limit = Some((1, Duration::from_secs(60)));
            state.settings.status_rate_limit = Some((5, Duration::from_secs(60)));
        } else {
            state.settings.email_function_limit = Some(Duration::from_secs(60));
        }
    }
    seed(&mut state);

    let server = match StandIn::try_start_with(state, port) {
        Ok(server) => server,
        Err(err) => {
            eprintln!(
                "error: cannot listen on 127.0.0.1:{port}: {err}; try another --port (0 picks a free one)"
            );
            std::process::exit(1);
        }
    };
    let url = server.url();
    print_intro(&url, mode);
    println!("Ctrl-C stops the server. Requests are listed below as they arrive.");
    let mut seen = 0;
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let log = server.requests();
        for request in &log[seen..] {
            eprintln!("{} {}", request.method, request.path);
        }
        seen = log.len();
    }
}

/// The demo data: the custom field the README uses, a plain user, a TOTP user, a second user,
/// an administrator and a bot-only account.
fn seed(state: &mut State) {
    // The custom field the README's examples set (`--field team=...`).
    state.settings.custom_fields =
        Some(serde_json::json!({"team": {"type": "text", "required": false, "maxLength": 30}}));
    let mut jane = User::new("jane", DEMO_PASSWORD);
    jane.name = "Jane Doe".into();
    jane.emails = vec![("jane@example.com".into(), true)];
    state.add_user(jane);
    state.add_user(User::new("totp-user", DEMO_PASSWORD).with_totp(TOTP_SECRET));
    state.add_user(User::new("bob", "bob-password-1"));
    let mut admin = User::new("admin", ADMIN_PASSWORD).with_roles(&["admin", "user"]);
    admin.name = "Administrator".into();
    state.add_user(admin);
    let mut bot = User::new("ci-bot", DEMO_PASSWORD).with_roles(&["bot"]);
    bot.emails = vec![("ci-bot@example.com".into(), false)];
    state.add_user(bot);
}

fn print_intro(url: &str, mode: Mode) {
    println!("Stand-in Rocket.Chat {} listening on {url}", mode.version());
    println!();
    println!("Demo accounts (password {DEMO_PASSWORD} unless noted):");
    println!("  jane       plain password account");
    println!(
        "  totp-user  two-factor with an authenticator app; secret (base32) {}",
        totp::base32(TOTP_SECRET)
    );
    println!("  bob        password bob-password-1 (owns bob@example.com)");
    println!("  admin      password {ADMIN_PASSWORD}; roles admin and user");
    println!("  ci-bot     role bot only (no personal access tokens until granted)");
    println!();
    println!("Custom fields defined (Accounts_CustomFields): team");
    println!();
    println!("Try, in another terminal (a throw-away config; your own stays untouched):");
    println!("  export ROCKETCTL_CONFIG=\"$(mktemp -d)/config.toml\"");
    println!("  cargo run -- login --server {url} --username jane");
    println!("  cargo run -- profile show");
    println!("  cargo run -- profile set-email jane.doe@example.com");
    println!("  cargo run -- profile update --nickname JD --status-text 'Trying rocketctl'");
    println!("  cargo run -- profile set-password");
    println!("  cargo run -- status");
    println!();
}
