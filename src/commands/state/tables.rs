//! `[settings]` and `[permissions]`: what the server holds for the ones a file names (an
//! unknown one is refused before anything is sent), and carrying out their changes, before
//! any account's: settings one request each (two-factor protected), then one
//! `permissions.update` per permission.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::Value;

use super::run::AccountRun;
use super::{Planned, Secrets};
use crate::accounts::permissions as server_permissions;
use crate::accounts::second_factor::Answers;
use crate::accounts::settings as server_settings;
use crate::api::{Client, Permission};
use crate::exit::{Exit, Failure};
use crate::output::escape;
use crate::plan::state::{DesiredSetting, SettingNow};
use crate::plan::{Change, Desired, Field, Target, Val};
use crate::secret::Secret;
use crate::settings::Settings;

/// The current value of every setting the file names. A secret setting is compared with its
/// wanted value here, so the plan only learns whether it already holds it. A setting the
/// server does not show is exit 5; a value of another type than the setting's is exit 2.
pub fn read_settings(
    client: &Client,
    desired: &Desired,
    secrets: &BTreeMap<String, Secret>,
) -> Result<BTreeMap<String, SettingNow>> {
    let mut current = BTreeMap::new();
    for (id, wanted) in &desired.settings {
        server_settings::check_id(id)?;
        let now = server_settings::read_known(client, id)?;
        let state = match (wanted, secrets.get(id)) {
            (DesiredSetting::Secret(_), Some(secret)) => {
                SettingNow::Sensitive { holds_wanted: now.as_str() == Some(secret.expose()) }
            }
            (DesiredSetting::Value(value), _) => {
                check_type(id, &now, value)?;
                SettingNow::Value(now)
            }
            (DesiredSetting::Secret(_), None) => {
                anyhow::bail!("settings.{id}: its value was not read")
            }
        };
        current.insert(id.clone(), state);
    }
    Ok(current)
}

/// A value of the type the setting holds (a setting without a value takes any).
fn check_type(id: &str, now: &Value, wanted: &Value) -> Result<(), Failure> {
    let kind = |value: &Value| match value {
        Value::Null => "no value",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "a table",
    };
    if now.is_null() || kind(now) == kind(wanted) {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "settings.{}: the setting holds {}, and the file gives {}",
        escape(id),
        kind(now),
        kind(wanted)
    ))
    .hint(format!("`rocketctl admin setting show {}` shows its value", escape(id))))
}

/// The roles of every permission the file names, from the server's whole list (read once by
/// the checks).
pub fn read_permissions(
    desired: &Desired,
    all: &[Permission],
) -> Result<BTreeMap<String, Vec<String>>> {
    let mut current = BTreeMap::new();
    for (id, _) in &desired.permissions {
        let permission = server_permissions::find(all, id, Exit::Refused)?;
        current.insert(id.clone(), permission.roles.clone());
    }
    Ok(current)
}

/// Carry out one table's changes (the settings', or the permissions'), each on its own.
pub fn carry_out(
    settings: &Settings,
    planned: &Planned,
    table: &Target,
    changes: Vec<Change>,
    secrets: &Secrets,
) -> AccountRun {
    let mut run = AccountRun::new(table.clone());
    for change in changes {
        let outcome = one(settings, &planned.client, &change, secrets);
        run.step(vec![change], outcome, || None);
    }
    run
}

fn one(settings: &Settings, client: &Client, change: &Change, secrets: &Secrets) -> Result<()> {
    match (&change.field, &change.after) {
        (Some(Field::Setting(id)), Some(after)) => {
            let value = match after {
                Val::Json(value) => value.clone(),
                Val::Sensitive => match secrets.setting_values.get(id) {
                    Some(secret) => Value::String(secret.expose().to_owned()),
                    None => anyhow::bail!("settings.{id}: its value was not read"),
                },
                _ => anyhow::bail!("settings.{id}: not a setting's value"),
            };
            let password = secrets.own_password.as_ref().map(Secret::duplicate);
            let code = secrets.code.as_ref().map(Secret::duplicate);
            let mut answers =
                Answers::given(&settings.out, password, code).prompting(settings.can_prompt);
            server_settings::set(client, id, &value, &mut answers).map(drop)
        }
        (Some(Field::Permission(id)), Some(Val::List(roles))) => {
            server_permissions::set_roles(client, id, roles).map(drop)
        }
        _ => anyhow::bail!("`{}` is not a setting or a permission", change.line()),
    }
}
