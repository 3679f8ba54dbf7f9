//! `admin user show | list | create | update | activate | deactivate | delete`: other
//! accounts, with an administrator's permissions (docs/cli.md, "Administering other accounts").

mod create;
mod list;
mod update;

// `apply` creates accounts exactly as `admin user create` does.
pub(crate) use create::{check_new_file, create, generate, random_password, write_token};

use std::io::Write as _;

use anyhow::Result;
use serde_json::Value;

use crate::api::{self, ApiError, ErrorType};
use crate::cli::{AdminCommand, AdminUserCommand, DeleteArgs, TargetArgs};
use crate::client::{Client, Request};
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

use super::logged_in_client;
use super::profile::print_user;

pub fn run(settings: &Settings, command: AdminCommand) -> Result<()> {
    let AdminCommand::User(command) = command;
    match command {
        AdminUserCommand::Show { username } => show(settings, &username),
        AdminUserCommand::List(args) => list::run(settings, &args),
        AdminUserCommand::Create(args) => create::run(settings, args),
        AdminUserCommand::Update(args) => update::run(settings, args),
        AdminUserCommand::Activate(args) => set_active(settings, &args, true),
        AdminUserCommand::Deactivate(args) => set_active(settings, &args, false),
        AdminUserCommand::Delete(args) => delete(settings, &args),
    }
}

fn show(settings: &Settings, username: &str) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let user = find(&client, username)?;
    print_user(settings, &api::public_user(&user))
}

/// The raw record of `username`; a missing user is exit 1 (docs/cli.md, "Details").
fn find(client: &Client, username: &str) -> Result<Value> {
    api::user_info(client, username)?.ok_or_else(|| no_such_user(username))
}

fn no_such_user(username: &str) -> anyhow::Error {
    Failure::new(Exit::Failure, format!("no user named {}", crate::output::escape(username)))
        .hint("`rocketctl admin user list` lists the users")
        .into()
}

fn user_id(user: &Value) -> &str {
    user.get("_id").and_then(Value::as_str).unwrap_or_default()
}

/// A refusal for want of a permission: exit 5, naming the permission the route needs (the
/// server's own message often names none). Any other error passes through as it is.
fn permission(err: ApiError, needed: &str) -> anyhow::Error {
    let denied = matches!(err, ApiError::Forbidden { .. })
        || matches!(err.error_type(), Some(ErrorType::NotAllowed | ErrorType::ActionNotAllowed))
        || matches!(err.error_type(), Some(ErrorType::Other(name)) if name == "error-unauthorized")
        || err.reason().contains("[error-unauthorized]")
        || err.reason().contains("not authorized");
    if !denied {
        return err.into();
    }
    Failure::new(Exit::Refused, format!("the server refused: {}", err.reason()))
        .hint(format!(
            "this needs the `{needed}` permission; an administrator can grant it to one of \
             your roles (Administration > Permissions)"
        ))
        .into()
}

/// `--dry-run`: say what would be sent, and print the request (secrets masked).
fn print_dry_run(
    settings: &Settings,
    client: &Client,
    what: &str,
    request: &Request,
) -> Result<()> {
    writeln!(settings.out.status(), "dry run: would {what}; nothing was sent")?;
    let described = client.describe(request);
    if settings.out.is_json() {
        // The shape of `profile update --dry-run`: headers as an object, as HTTP tools show them.
        let headers: serde_json::Map<String, Value> = described
            .headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), Value::String(value.clone())))
            .collect();
        return settings.out.json(&serde_json::json!({
            "changed": false,
            "dryRun": true,
            "request": {
                "method": described.method.to_string(),
                "url": described.url,
                "headers": headers,
                "body": described.body,
            },
        }));
    }
    let mut text = format!("{} {}\n", described.method, described.url);
    for (name, value) in &described.headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    if let Some(body) = &described.body {
        text.push_str("Content-Type: application/json\n\n");
        text.push_str(&serde_json::to_string_pretty(body)?);
    }
    settings.out.text(&text)
}

/// `-o json` of the changes without a record of their own: whether anything changed.
fn print_changed(settings: &Settings, changed: bool, user: &Value) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(&serde_json::json!({"changed": changed, "user": user}));
    }
    Ok(())
}

fn set_active(settings: &Settings, args: &TargetArgs, active: bool) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let user = find(&client, &args.username)?;
    let name = crate::output::escape(&args.username);
    let state = if active { "active" } else { "inactive" };
    if user.get("active").and_then(Value::as_bool) == Some(active) {
        writeln!(settings.out.status(), "nothing to change: {name} is already {state}")?;
        return print_changed(settings, false, &api::public_user(&user));
    }
    let verb = if active { "activate" } else { "deactivate" };
    if args.dry_run {
        let request = api::set_active_status_request(user_id(&user), active)?;
        return print_dry_run(settings, &client, &format!("{verb} {name}"), &request);
    }
    api::set_active_status(&client, user_id(&user), active)
        .map_err(|err| permission(err, "edit-other-user-active-status"))?;
    let after = find(&client, &args.username)?;
    writeln!(settings.out.status(), "{}d {name}", capitalised(verb))?;
    print_changed(settings, true, &api::public_user(&after))
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn delete(settings: &Settings, args: &DeleteArgs) -> Result<()> {
    if !args.yes && !args.dry_run && !settings.can_prompt {
        return Err(Failure::usage("deleting a user needs confirmation: no terminal to ask on")
            .hint("pass `--yes` to delete without asking")
            .into());
    }
    let (client, _) = logged_in_client(settings)?;
    let name = crate::output::escape(&args.username);
    let Some(user) = api::user_info(&client, &args.username)? else {
        writeln!(settings.out.status(), "nothing to delete: there is no user named {name}")?;
        return print_deleted(settings, false);
    };
    let request = api::delete_user_request(user_id(&user))?;
    if args.dry_run {
        return print_dry_run(settings, &client, &format!("delete {name}"), &request);
    }
    if !args.yes && !crate::input::confirm(&format!("Delete the user {name} for good?"))? {
        return Err(Failure::new(Exit::Failure, "not deleted: not confirmed").into());
    }
    api::delete_user(&client, user_id(&user)).map_err(|err| permission(err, "delete-user"))?;
    writeln!(settings.out.status(), "Deleted {name}")?;
    print_deleted(settings, true)
}

fn print_deleted(settings: &Settings, changed: bool) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(&serde_json::json!({"changed": changed}));
    }
    Ok(())
}
