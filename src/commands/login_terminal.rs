//! `login` at a terminal, as gh does it: ask for a missing server, check that it answers before
//! asking for anything secret, name the account in the password prompt, and ask again when the
//! password is refused. Scripts (no terminal, `--no-input`) get none of this and fail at once.

use std::io::Write as _;

use anyhow::Result;

use super::auth::{LoggedIn, login_with_password};
use crate::api::{self, ApiError};
use crate::client::{Client, ServerUrl};
use crate::exit::{Exit, Failure};
use crate::input::{self, LOGIN_PASSWORD, PROMPT_TRIES, SecretInput};
use crate::secret::Secret;
use crate::settings::Settings;

/// The server typed at the prompt, when no flag, variable or context gave one.
fn ask_server(settings: &Settings) -> Result<Option<String>> {
    if !settings.can_prompt {
        return Ok(None);
    }
    let typed = input::prompt_text("Server URL (for example https://chat.example.com)")?;
    Ok(Some(typed.trim().to_owned()).filter(|typed| !typed.is_empty()))
}

/// At a terminal, a server that cannot be reached (refused, unknown host, plain HTTP behind an
/// `https://` URL) is reported before the user types a password. Any answer at all will do: the
/// login itself says what is wrong with a server that answers oddly.
pub fn check_answers(settings: &Settings, client: &Client) -> Result<()> {
    if !settings.can_prompt {
        return Ok(());
    }
    match api::info(client) {
        Err(err @ (ApiError::Transport { .. } | ApiError::Redirect { .. })) => Err(err.into()),
        _ => Ok(()),
    }
}

/// Log in with the password from its inputs; one typed at the prompt is asked again when the
/// server refuses it, up to three tries.
pub fn password_login(
    settings: &Settings,
    client: &Client,
    username: &str,
    input: &SecretInput,
    code: Option<Secret>,
) -> Result<LoggedIn> {
    let prompted = settings.can_prompt && !input.given();
    let account = format!("{username} on {}", client.server().host());
    let password = LOGIN_PASSWORD.read_for(input, settings.can_prompt, &settings.out, &account)?;
    let mut result = login_with_password(settings, client, username, &password, code);
    let mut tries = 1;
    while prompted && tries < PROMPT_TRIES && result.as_ref().is_err_and(refused) {
        tries += 1;
        writeln!(settings.out.note(), "login refused; try again")?;
        let password = LOGIN_PASSWORD.prompt(&account, &settings.out)?;
        if password.expose().is_empty() {
            return Err(Failure::usage("the password is empty").into());
        }
        result = login_with_password(settings, client, username, &password, None);
    }
    result
}

/// A refused login (wrong username or password), not a network error or a two-factor failure.
fn refused(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Failure>().is_some_and(|failure| failure.exit == Exit::NotAuthenticated)
}

/// The server given, else the one typed at the prompt.
pub fn server_or_ask(settings: &Settings, given: Option<String>) -> Result<Option<ServerUrl>> {
    let text = match given {
        Some(text) => Some(text),
        None => ask_server(settings)?,
    };
    Ok(text.map(|text| ServerUrl::parse(&text)).transpose()?)
}
