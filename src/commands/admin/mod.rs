//! `admin user show | list | create | update | activate | deactivate | logout | delete`: other
//! accounts, with an administrator's permissions (docs/cli.md, "Administering other accounts");
//! `admin role | permission | setting`: the server-wide tables (docs/cli.md, "Roles,
//! permissions and settings"). The operations are in `accounts/`; this module turns flags into
//! them and prints.

mod create;
mod list;
mod logout;
mod permission;
mod role;
mod setting;
mod update;

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::accounts::users;
use crate::api;
use crate::cli::{AdminCommand, AdminUserCommand, DeleteArgs, TargetArgs};
use crate::exit::{Exit, Failure};
use crate::output::escape;
use crate::settings::Settings;

use super::{dry_run, logged_in_client, print_changed, print_user};

pub fn run(settings: &Settings, command: AdminCommand) -> Result<()> {
    let command = match command {
        AdminCommand::User(command) => command,
        AdminCommand::Role(command) => return role::run(settings, command),
        AdminCommand::Permission(command) => return permission::run(settings, command),
        AdminCommand::Setting(command) => return setting::run(settings, command),
    };
    match command {
        AdminUserCommand::Show { username } => show(settings, &username),
        AdminUserCommand::List(args) => list::run(settings, &args),
        AdminUserCommand::Create(args) => create::run(settings, args),
        AdminUserCommand::Update(args) => update::run(settings, args),
        AdminUserCommand::Activate(args) => set_active(settings, &args, true),
        AdminUserCommand::Deactivate(args) => set_active(settings, &args, false),
        AdminUserCommand::Delete(args) => delete(settings, &args),
        AdminUserCommand::Logout(args) => logout::run(settings, &args),
    }
}

fn show(settings: &Settings, username: &str) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    print_user(settings, &users::find(&client, username)?)
}

fn set_active(settings: &Settings, args: &TargetArgs, active: bool) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let user = users::find(&client, &args.username)?;
    let name = escape(&args.username);
    let state = if active { "active" } else { "inactive" };
    if user.active == Some(active) {
        writeln!(settings.out.status(), "nothing to change: {name} is already {state}")?;
        return print_changed(settings, false, &user);
    }
    let verb = if active { "activate" } else { "deactivate" };
    if args.dry_run {
        let request = api::set_active_status_request(user.id(), active)?;
        return dry_run::print(
            settings,
            &client,
            &format!("{verb} {name}"),
            &request,
            dry_run::Nothing {},
        );
    }
    users::set_active(&client, &user, active)?;
    let after = users::find(&client, &args.username)?;
    writeln!(settings.out.status(), "{}d {name}", capitalised(verb))?;
    print_changed(settings, true, &after)
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
    let name = escape(&args.username);
    let Some(user) = api::user_info(&client, &args.username)? else {
        writeln!(settings.out.status(), "nothing to delete: there is no user named {name}")?;
        return print_deleted(settings, false);
    };
    if args.dry_run {
        let request = api::delete_user_request(user.id())?;
        return dry_run::print(
            settings,
            &client,
            &format!("delete {name}"),
            &request,
            dry_run::Nothing {},
        );
    }
    if !args.yes && !crate::input::confirm(&format!("Delete the user {name} for good?"))? {
        return Err(Failure::new(Exit::Failure, "not deleted: not confirmed").into());
    }
    users::delete(&client, &user)?;
    writeln!(settings.out.status(), "Deleted {name}")?;
    print_deleted(settings, true)
}

#[derive(Serialize)]
struct Deleted {
    changed: bool,
}

fn print_deleted(settings: &Settings, changed: bool) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(&Deleted { changed });
    }
    Ok(())
}
