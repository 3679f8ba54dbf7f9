//! One exhaustive match from a parsed command to its handler. Command groups never import each
//! other: what two of them share is an account operation (`src/accounts/`) or one of the small
//! helpers below.

mod admin;
mod api;
mod auth;
mod context;
mod dry_run;
mod generate;
mod help;
mod login_terminal;
mod presence;
mod profile;
mod state;
mod token;
mod two_factor;

use anyhow::Result;
use serde::Serialize;

use crate::api::{User, user_rows};
use crate::cli::Command;
use crate::client::Client;
use crate::fields::{TextField, Texts};
use crate::settings::{Settings, Target};

pub fn run(settings: &Settings, command: Command) -> Result<()> {
    match command {
        Command::Login(args) => auth::login(settings, args),
        Command::Logout => auth::logout(settings),
        Command::Status => auth::status(settings),
        Command::Context(command) => context::run(settings, command),
        Command::Admin(command) => admin::run(settings, command),
        Command::Profile(command) => profile::run(settings, command),
        Command::Export(args) => state::export(settings, &args),
        Command::Diff(args) => state::diff(settings, &args),
        Command::Apply(args) => state::apply(settings, args),
        Command::Api(args) => api::run(settings, args),
        Command::Token(command) => token::run(settings, command),
        Command::Presence(command) => presence::run(settings, command),
        Command::TwoFactor(command) => two_factor::run(settings, command),
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

/// How far a command pages through a list (a debug build's test hook may shrink the limits).
fn page_limits(settings: &Settings) -> crate::api::PageLimits {
    let limits = crate::api::PageLimits::DEFAULT;
    settings.hooks().page_limits().map_or(limits, |(pages, items, bytes)| crate::api::PageLimits {
        pages,
        items,
        bytes,
        ..limits
    })
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

/// A user record as a FIELD/VALUE table, or as JSON (`profile show`, `admin user show`).
fn print_user(settings: &Settings, user: &User) -> Result<()> {
    if settings.out.is_json() {
        settings.out.json(user)
    } else {
        settings.out.field_table(&user_rows(user))
    }
}

/// `-o json` of a change to another account: whether anything changed, and its record. In
/// table mode the status line said it all.
fn print_changed(settings: &Settings, changed: bool, user: &User) -> Result<()> {
    #[derive(Serialize)]
    struct Changed<'a> {
        changed: bool,
        user: &'a User,
    }
    if settings.out.is_json() {
        return settings.out.json(&Changed { changed, user });
    }
    Ok(())
}

/// The text fields the flags of `profile update` and `admin user create|update` give.
fn texts(
    name: Option<String>,
    nickname: Option<String>,
    bio: Option<String>,
    status_text: Option<String>,
) -> Texts<Option<String>> {
    let mut texts = Texts::default();
    texts.set(TextField::Name, name);
    texts.set(TextField::Nickname, nickname);
    texts.set(TextField::Bio, bio);
    texts.set(TextField::StatusText, status_text);
    texts
}
