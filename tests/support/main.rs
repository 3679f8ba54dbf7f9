//! The stand-in Rocket.Chat server, by hand:
//!
//!     cargo run --example stand-in-server -- --port 3000 [--mode 8|7|6.3|2] [--prefix /chat] [--no-rate-limit]
//!
//! For `scripts/bench`: `--latency-ms N` adds N ms before every answer (a network stand-in),
//! `--seed-users N` adds N bot accounts `fleet-0001`, `fleet-0002`, ... (password
//! `fleet-password-1`) as `scripts/bench.d/bots N BASE fleet` describes them (name `Bot
//! fleet-0001`, role `bot`), so that file has nothing to change, `--rate-limit N/SECONDS` makes the default route limit N calls in a
//! window of SECONDS (instead of a real server's 10 a minute, to see pacing in seconds), and
//! `--no-bypass` takes `api-bypass-rate-limit` from the `admin` role, so the administrator is
//! counted like anyone.
//!
//! It seeds the demo accounts (`demo.rs`), prints them with commands to try, and logs every
//! request on stderr. It keeps a real server's rate limits (one profile update a minute, ...)
//! and says so; `--no-rate-limit` turns them off for a demo.

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "mod.rs"]
mod support;

use std::time::Duration;

use support::demo;
use support::{Mode, StandIn, State, User};

const FLEET_PASSWORD: &str = "fleet-password-1";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value =
        |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!(
            "usage: stand-in-server [--port PORT] [--mode 8|7|6.3|2] [--prefix /PATH] [--no-rate-limit] [--latency-ms N] [--seed-users N] [--rate-limit N/SECONDS] [--no-bypass]"
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
    let rate_limited = !args.iter().any(|a| a == "--no-rate-limit");
    if rate_limited {
        demo::real_rate_limits(&mut state, mode);
    }
    if let Some((calls, seconds)) = value("--rate-limit").as_deref().and_then(|v| v.split_once('/'))
    {
        let (Ok(calls), Ok(seconds)) = (calls.parse(), seconds.parse()) else {
            eprintln!("error: --rate-limit takes CALLS/SECONDS, e.g. 10/2");
            std::process::exit(2);
        };
        state.settings.rate_limit = Some((calls, Duration::from_secs(seconds)));
    }
    demo::seed(&mut state);
    if args.iter().any(|a| a == "--no-bypass") {
        state.revoke("api-bypass-rate-limit", "admin");
    }
    let number = |flag: &str| value(flag).and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
    state.settings.latency = Duration::from_millis(number("--latency-ms"));
    seed_fleet(&mut state, number("--seed-users"));

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
    print!("{}", demo::banner(&url, mode, rate_limited));
    let (latency, fleet) = (number("--latency-ms"), number("--seed-users"));
    if let Some((calls, window)) = value("--rate-limit").as_deref().and_then(|v| v.split_once('/'))
    {
        println!("Every route allows {calls} calls in a window of {window} s (--rate-limit).");
    }
    if args.iter().any(|a| a == "--no-bypass") {
        println!("The admin role lacks api-bypass-rate-limit (--no-bypass).");
    }
    if latency > 0 {
        println!("Every answer waits {latency} ms (--latency-ms).");
    }
    if fleet > 0 {
        println!("Seeded fleet-0001 .. fleet-{fleet:04} (password {FLEET_PASSWORD}).");
    }
    println!("Ctrl-C stops the server. Requests are listed below as they arrive.");
    let mut seen = 0;
    loop {
        std::thread::sleep(Duration::from_millis(200));
        // Only the new entries, under the lock: a copy of the whole log each time would cost a
        // long benchmark more than the requests themselves.
        let lines: Vec<String> = {
            let state = server.state();
            let lines = state.log[seen..].iter().map(|r| format!("{} {}", r.method, r.path));
            let lines = lines.collect();
            seen = state.log.len();
            lines
        };
        for line in lines {
            eprintln!("{line}");
        }
    }
}

/// `count` bot accounts for benchmarks of listing, exporting and applying many users, as
/// `scripts/bench.d/bots` writes them.
fn seed_fleet(state: &mut State, count: u64) {
    for n in 1..=count {
        let username = format!("fleet-{n:04}");
        let mut user = User::new(&username, FLEET_PASSWORD).with_roles(&["bot"]);
        user.name = format!("Bot {username}");
        state.add_user(user);
    }
}
