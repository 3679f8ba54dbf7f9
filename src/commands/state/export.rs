//! `export`: the desired-state file of what the server holds now, bound to the server it was
//! read from and, for one's own account, to that account: `apply` of it changes nothing, and
//! `diff` and `apply` refuse it anywhere else.

use anyhow::Result;

use super::{DEFAULT_PARALLEL, current};
use crate::accounts::permissions as server_permissions;
use crate::accounts::settings as server_settings;
use crate::api;
use crate::cli::ExportArgs;
use crate::client::Client;
use crate::exit::{Exit, Failure};
use crate::output::escape;
use crate::plan::convert::{self, Export};
use crate::plan::file::{SecretSource, SettingSpec};
use crate::plan::{self, AccountState};
use crate::settings::Settings;

use super::super::logged_in_client;

pub fn export(settings: &Settings, args: &ExportArgs) -> Result<()> {
    if args.all_users {
        return super::all_users::export(settings, args);
    }
    let (client, _) = logged_in_client(settings)?;
    let table_settings = exported_settings(&client, &args.settings)?;
    let table_permissions = exported_permissions(&client, &args.permissions)?;
    let server = Some(client.server().to_string());
    // Only tables asked for: no account.
    let tables_only =
        args.users.is_empty() && !(args.settings.is_empty() && args.permissions.is_empty());
    let file = if !args.users.is_empty() {
        let users = users(&client, &args.users)?;
        convert::export(Export {
            server,
            settings: table_settings,
            permissions: table_permissions,
            users: &users,
            ..Export::default()
        })
    } else if tables_only {
        convert::export(Export {
            server,
            settings: table_settings,
            permissions: table_permissions,
            ..Export::default()
        })
    } else {
        let me = api::me(&client)?;
        let own = current::own_for_export(&client, &me)?;
        convert::export(Export { server, profile: Some((&own, me.id())), ..Export::default() })
    };
    if settings.out.is_json() {
        return settings.out.json(&file);
    }
    settings.out.text(&convert::to_toml(&file)?)
}

/// The accounts named, in the order given; one that does not exist is exit 1.
fn users(client: &Client, names: &[String]) -> Result<Vec<AccountState>> {
    let mut found = current::users(client, names, DEFAULT_PARALLEL)?;
    let mut states = Vec::new();
    for name in names {
        let Some(user) = found.remove(name) else {
            let message = format!("there is no user named {}", escape(name));
            return Err(Failure::new(Exit::Failure, message).into());
        };
        states.push(plan::AccountState::from(&user));
    }
    Ok(states)
}

/// Each setting's value; a secret setting as `{ env = "ID" }`, naming the variable that is
/// to hold it (its value is never written).
fn exported_settings(client: &Client, ids: &[String]) -> Result<Vec<(String, SettingSpec)>> {
    let mut settings = Vec::new();
    for id in ids {
        server_settings::check_id(id)?;
        let value = server_settings::read(client, id)?.ok_or_else(|| {
            Failure::new(
                Exit::Failure,
                format!("the server has no setting {} (or hides it)", escape(id)),
            )
        })?;
        let spec = if server_settings::is_sensitive(id) {
            SettingSpec::Secret(SecretSource::Env(id.clone()))
        } else {
            SettingSpec::Value(value)
        };
        settings.push((id.clone(), spec));
    }
    Ok(settings)
}

/// Each permission with the roles that hold it now.
fn exported_permissions(client: &Client, ids: &[String]) -> Result<Vec<(String, Vec<String>)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let all = server_permissions::list(client)?;
    ids.iter()
        .map(|id| {
            let permission = server_permissions::find(&all, id, Exit::Failure)?;
            Ok((id.clone(), permission.roles.clone()))
        })
        .collect()
}
