//! The stand-in Rocket.Chat server, by hand:
//!
//!     cargo run --example stand-in-server -- --port 3000 [--mode 8|7|6.3|2] [--prefix /chat] [--no-rate-limit]
//!
//! For `scripts/bench`: `--latency-ms N` adds N ms before every answer (a network stand-in) and
//! `--seed-users N` adds N plain accounts `fleet-0001`, `fleet-0002`, ... (password
//! `fleet-password-1`).
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
            "usage: stand-in-server [--port PORT] [--mode 8|7|6.3|2] [--prefix /PATH] [--no-rate-limit] [--latency-ms N] [--seed-users N]"
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
    demo::seed(&mut state);
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
        let log = server.requests();
        for request in &log[seen..] {
            eprintln!("{} {}", request.method, request.path);
        }
        seen = log.len();
    }
}

/// `count` plain accounts for benchmarks of listing and exporting many users.
fn seed_fleet(state: &mut State, count: u64) {
    for n in 1..=count {
        let mut user = User::new(&format!("fleet-{n:04}"), FLEET_PASSWORD);
        user.name = format!("Fleet User {n:04}");
        state.add_user(user);
    }
}
