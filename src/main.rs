//! rocketctl: administer your own Rocket.Chat account from a terminal, a script or a CI job.

mod api;
mod cli;
mod client;
mod commands;
mod config;
mod error;
mod interrupt;
#[allow(dead_code)] // wired into login, status and logout next
mod keyring_store;
mod output;
mod secret;
mod settings;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    secret::protect_process();
    let cli = cli::Cli::parse();
    let settings = settings::Settings::new(&cli.global);
    let Err(err) = commands::run(&settings, cli.command) else {
        return ExitCode::SUCCESS;
    };
    if error::is_broken_pipe(&err) {
        return ExitCode::SUCCESS;
    }
    let (exit, hints) = error::classify(&err);
    let causes: Vec<String> = err.chain().skip(1).map(ToString::to_string).collect();
    settings.out.error(&err.to_string(), &causes, &hints);
    exit.into()
}
