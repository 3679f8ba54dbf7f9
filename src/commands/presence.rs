//! `presence show | set`: the own presence and status message (docs/cli.md, "Own account:
//! avatar and presence").

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use super::logged_in_client;
use crate::api::{self, ApiError, ErrorType, SetStatus};
use crate::cli::{PresenceCommand, PresenceSetArgs};
use crate::client::Client;
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

/// The server trims a status message and cuts it at this many UTF-16 code units.
const MAX_MESSAGE_UNITS: usize = 120;

pub fn run(settings: &Settings, command: PresenceCommand) -> Result<()> {
    match command {
        PresenceCommand::Show => show(settings),
        PresenceCommand::Set(args) => set(settings, args),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PresenceView {
    status: String,
    message: String,
    connection_status: String,
}

/// The presence from `users.getStatus`, the message from the own record.
fn current(client: &Client) -> Result<(api::Presence, String)> {
    let presence = api::get_status(client)?;
    let me = api::me(client)?;
    let message = me.status_text.unwrap_or_default();
    Ok((presence, message))
}

fn show(settings: &Settings) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let (presence, message) = current(&client)?;
    let view = PresenceView {
        connection_status: presence.connection_status.unwrap_or_default(),
        status: presence.status,
        message,
    };
    if settings.out.is_json() {
        return settings.out.json(&view);
    }
    settings.out.field_table(&[
        ("status".to_owned(), view.status),
        ("message".to_owned(), view.message),
        ("connectionStatus".to_owned(), view.connection_status),
    ])
}

#[derive(Serialize)]
struct SetView<'a> {
    changed: bool,
    status: &'a str,
    message: &'a str,
}

fn set(settings: &Settings, args: PresenceSetArgs) -> Result<()> {
    let wanted_message = if args.clear_message { Some(String::new()) } else { args.message };
    if let Some(message) = &wanted_message {
        check_message(message)?;
    }
    let (client, _) = logged_in_client(settings)?;
    let (presence, message) = current(&client)?;
    let wanted_status = args.state.map(|state| state.as_str().to_owned());
    // The server stores the message trimmed: compare what it would keep.
    let body = SetStatus {
        status: wanted_status.filter(|status| *status != presence.status),
        message: wanted_message.filter(|wanted| wanted.trim() != message),
    };
    let status = body.status.clone().unwrap_or(presence.status);
    let shown = body.message.as_deref().map_or(message.as_str(), str::trim).to_owned();
    if body.status.is_none() && body.message.is_none() {
        writeln!(settings.out.status(), "nothing to change: the presence already is {status}")?;
        return print(settings, false, &status, &shown);
    }
    if args.dry_run {
        return dry_run(settings, &client, &body, &status, &shown);
    }
    let change = crate::interrupt::changing(
        "the new presence",
        "check with `rocketctl presence show` before running the command again",
    );
    api::set_status(&client, &body).map_err(|err| explain(err, body.message.is_some()))?;
    drop(change);
    writeln!(settings.out.status(), "Changed presence to {status}{}", message_note(&body))?;
    print(settings, true, &status, &shown)
}

/// The request that would be sent; its JSON says the presence it would leave.
fn dry_run(
    settings: &Settings,
    client: &Client,
    body: &SetStatus,
    status: &str,
    message: &str,
) -> Result<()> {
    let request = api::set_status_request(body)?;
    let after = AfterView { status, message };
    super::dry_run::print(settings, client, "change the presence", &request, after)
}

#[derive(Serialize)]
struct AfterView<'a> {
    status: &'a str,
    message: &'a str,
}

fn message_note(body: &SetStatus) -> String {
    match body.message.as_deref().map(str::trim) {
        Some("") => ", message cleared".to_owned(),
        Some(message) => format!(", message to \"{message}\""),
        None => String::new(),
    }
}

fn print(settings: &Settings, changed: bool, status: &str, message: &str) -> Result<()> {
    if settings.out.is_json() {
        settings.out.json(&SetView { changed, status, message })?;
    }
    Ok(())
}

/// docs/cli.md: over 120 characters, counted in UTF-16 units as the server cuts, is refused
/// here rather than cut silently there.
fn check_message(message: &str) -> Result<()> {
    let units = message.trim().encode_utf16().count();
    if units > MAX_MESSAGE_UNITS {
        return Err(Failure::usage(format!(
            "the status message is {units} characters long; the server keeps at most \
             {MAX_MESSAGE_UNITS} (counted in UTF-16 units) and would cut the rest"
        ))
        .into());
    }
    Ok(())
}

/// The settings refusals, naming the setting.
fn explain(err: ApiError, with_message: bool) -> anyhow::Error {
    match err.error_type() {
        Some(ErrorType::NotAllowed) => Failure::new(
            Exit::Refused,
            "the server does not allow changing the status (setting \
             Accounts_AllowUserStatusMessageChange is off)",
        )
        .into(),
        Some(ErrorType::StatusNotAllowed) => {
            let failure = Failure::new(
                Exit::Refused,
                "the server does not allow the offline (invisible) status (setting \
                 Accounts_AllowInvisibleStatusOption is off)",
            );
            if with_message {
                // The server stores the message before it checks the status.
                failure.hint("the message was stored before the refusal; `rocketctl presence show` shows it").into()
            } else {
                failure.into()
            }
        }
        _ => err.into(),
    }
}
