//! rocketctl: administer your own Rocket.Chat account from a terminal, a script or a CI job.

mod accounts;
mod api;
mod cli;
mod client;
mod commands;
mod config;
mod credentials;
mod diagnostics;
mod endpoints;
mod exit;
mod fields;
mod input_file;
mod interrupt;
mod keyring_store;
mod known_names;
mod output;
mod plan;
mod scrub;
mod secret;
mod settings;
mod test_hooks;

use std::process::ExitCode;

fn main() -> ExitCode {
    secret::protect_process();
    let cli = cli::parse();
    let settings = settings::Settings::new(&cli.global);
    let Err(err) = commands::run(&settings, cli.command) else {
        return ExitCode::SUCCESS;
    };
    diagnostics::report(&settings.out, &err, settings.env_credentials_given()).into()
}
