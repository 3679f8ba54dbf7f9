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
mod errors;
mod exit;
mod fields;
mod input;
mod input_file;
mod interrupt;
mod jq;
mod keyring_store;
mod known_names;
#[cfg(test)]
mod layers;
mod output;
mod plan;
mod scrub;
mod secret;
mod settings;
mod test_hooks;
mod text;
mod url;

use std::process::ExitCode;

fn main() -> ExitCode {
    let _zeroed_at_exit = scrub::ZeroOnDrop(&scrub::KNOWN);
    secret::protect_process();
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(err) => return clap_answer(&err),
    };
    let settings = settings::Settings::new(&cli.global);
    let Err(err) = commands::run(&settings, cli.command) else {
        return ExitCode::SUCCESS;
    };
    diagnostics::report(&settings.out, &err, settings.env_credentials_given()).into()
}

/// What clap answered instead of a command: help or version on stdout (exit 0), or a usage
/// error on stderr (exit 2), printed by clap's own printer; under `-o json` a usage error is
/// also a JSON object on stdout.
fn clap_answer(err: &clap::Error) -> ExitCode {
    if let Some(usage) = cli::UsageError::for_json(err) {
        output::Output::default().json_error(&usage.message, usage.exit_code, &usage.hints);
    }
    let _ = err.print();
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}
