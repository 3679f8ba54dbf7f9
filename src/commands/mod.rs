//! One exhaustive match from a parsed command to its handler.

mod admin;
mod api;
mod auth;
mod context;
mod desired;
mod generate;
mod help;
mod login_terminal;
mod presence;
mod profile;
mod token;
mod two_factor;

use anyhow::Result;

use crate::cli::Command;
use crate::client::Client;
use crate::settings::{Settings, Target};

pub fn run(settings: &Settings, command: Command) -> Result<()> {
    match command {
        Command::Login(args) => auth::login(settings, args),
        Command::Logout => auth::logout(settings),
        Command::Status => auth::status(settings),
        Command::Context(command) => context::run(settings, command),
        Command::Admin(command) => admin::run(settings, command),
        Command::Profile(command) => profile::run(settings, command),
        Command::Export(args) => desired::export(settings, &args),
        Command::Diff(args) => desired::diff(settings, &args),
        Command::Apply(args) => desired::apply(settings, args),
        Command::Api(args) => api::run(settings, args),
        Command::Token(command) => token::run(settings, command),
        Command::Presence(command) => presence::run(settings, command),
        Command::Completions { shell } => generate::completions(settings, shell),
        Command::Help { topic } => help::run(settings, &topic),
        Command::CompleteContexts => context::print_names(settings),
        Command::Generate { completions, man } => {
            generate::write(completions.as_deref(), man.as_deref())
        }
    }
}

/// A client for a command that needs to be logged in.
fn logged_in_client(settings: &Settings) -> Result<(Client, Target)> {
    let mut target = settings.target()?;
    if let Some(problem) = target.token_problem.take() {
        return Err(problem.into());
    }
    if target.credentials.is_none() {
        return Err(settings.not_logged_in()?.into());
    }
    Ok((client_for(settings, &mut target)?, target))
}

/// A client for the target's server. Its credentials move into the client: a token is never
/// copied; ask the client for the user id.
fn client_for(settings: &Settings, target: &mut Target) -> Result<Client> {
    Client::new(
        target.server.clone(),
        target.credentials.take(),
        target.options.clone(),
        settings.out.clone(),
    )
}
