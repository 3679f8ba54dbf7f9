//! The checks `diff`, `apply --dry-run` and `apply` make, alike, before anything that changes
//! the server is sent (docs/cli.md#checks-before-anything-is-sent): a pull-request check that
//! runs `diff` fails where the merge's `apply` would, with the same exit code.
//!
//! Exit 2: inline secrets, bindings to another server or account, secret inputs that cannot be
//! read, token files that exist or cannot be made, usernames the server would refuse. Exit 5:
//! unknown settings, permissions and roles, custom fields the server does not define, and
//! steps the caller's roles may not take.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context as _, Result};

use crate::accounts::password::random_password;
use crate::accounts::permissions::{self as server_permissions, ACCESS_PERMISSIONS, CREATE_TOKENS};
use crate::accounts::settings as server_settings;
use crate::accounts::token::check_new_file;
use crate::api::{Client, Permission, Role, User};
use crate::exit::{Exit, Failure};
use crate::input::NEW_PASSWORD;
use crate::output::escape;
use crate::plan::file::{PasswordSource, SecretSource};
use crate::plan::state::DesiredSetting;
use crate::plan::steps::NewAccount;
use crate::plan::{Change, Desired, Field, Plan, Target};
use crate::secret::Secret;
use crate::settings::Settings;
use crate::url::ServerUrl;

/// What reading another user's fields needs: without it the server leaves them out, and a
/// plan would change fields it cannot see.
const VIEW_OTHERS: &str = "view-full-other-user-info";

/// A secret setting given inline is refused: its value would sit in a file meant for review.
pub fn no_inline_secrets(desired: &Desired) -> Result<()> {
    for (id, wanted) in &desired.settings {
        if server_settings::is_sensitive(id) && matches!(wanted, DesiredSetting::Value(_)) {
            return Err(Failure::usage(format!(
                "settings.{}: a secret setting's value is never written in the file",
                escape(id)
            ))
            .hint(format!("use `{} = {{ env = \"NAME\" }}` or `{{ file = \"PATH\" }}`", escape(id)))
            .into());
        }
    }
    Ok(())
}

/// A file bound to a server (its `server`) is used with that server only.
pub fn same_server(desired: &Desired, target: &ServerUrl) -> Result<()> {
    let Some(bound) = &desired.bindings.server else { return Ok(()) };
    let bound_url = ServerUrl::parse(bound)
        .map_err(|err| Failure::usage(format!("the file's `server`: {err}")))?;
    if &bound_url == target {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "the file is bound to {bound_url}, and this context's server is {target}; nothing was sent"
    ))
    .hint("use a context for that server (`--context NAME`), or remove `server` from the file")
    .into())
}

/// A file whose `[profile]` is bound to an account (its `user_id`) is used by that account only.
pub fn same_account(desired: &Desired, me: &User) -> Result<()> {
    let Some(bound) = &desired.bindings.user_id else { return Ok(()) };
    if bound == me.id() {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "the file's [profile] is bound to the account {}, and this context is {} ({}); nothing \
         was sent",
        escape(bound),
        escape(me.username()),
        escape(me.id())
    ))
    .hint("run it with that account's context (`rocketctl context list`), or remove `user_id`")
    .into())
}

/// The values of the secret settings, read before anything is sent (exit 2 when one cannot
/// be read).
pub fn secret_settings(settings: &Settings, desired: &Desired) -> Result<BTreeMap<String, Secret>> {
    let mut values = BTreeMap::new();
    for (id, wanted) in &desired.settings {
        if let DesiredSetting::Secret(source) = wanted {
            let what = format!("settings.{}", escape(id));
            values.insert(id.clone(), read_secret(settings, &what, source)?);
        }
    }
    Ok(values)
}

fn read_secret(settings: &Settings, what: &str, source: &SecretSource) -> Result<Secret> {
    match source {
        SecretSource::File(path) => {
            let input =
                crate::input::SecretInput { file: Some(path.clone()), ..Default::default() };
            crate::input::SETTING_VALUE
                .read(&input, false, &settings.out)
                .with_context(|| format!("{what}: cannot read its value from {}", path.display()))
        }
        SecretSource::Env(name) => {
            match std::env::var(name) {
                Ok(value) if !value.is_empty() => Ok(Secret::new(value)),
                _ => Err(Failure::usage(format!("{what} names {name}, which is not set or empty"))
                    .into()),
            }
        }
    }
}

/// Whether the plan needs to know what the caller's roles may do (and the server's roles).
pub fn needs_permissions(desired: &Desired) -> bool {
    !desired.settings.is_empty() || !desired.permissions.is_empty() || !desired.users.is_empty()
}

/// `[[users]]` is planned only from what the caller can see: without the right to see other
/// users' fields the server leaves them out, and the plan would change what it cannot read.
pub fn may_see_users(desired: &Desired, held: &BTreeSet<String>) -> Result<()> {
    if desired.users.is_empty() || held.contains(VIEW_OTHERS) {
        return Ok(());
    }
    Err(lacking(&[(VIEW_OTHERS.to_owned(), "[[users]] (reading other accounts)".to_owned())]))
}

/// Every permission and role the file names exists on the server (exit 5 naming the unknown).
pub fn names_known(desired: &Desired, permissions: &[Permission], roles: &[Role]) -> Result<()> {
    for (id, _) in &desired.permissions {
        server_permissions::find(permissions, id, Exit::Refused)?;
    }
    let mut named: Vec<String> = desired.permissions.iter().flat_map(|(_, r)| r.clone()).collect();
    for (_, user) in &desired.users {
        named.extend(user.roles.iter().flatten().cloned());
    }
    named.sort();
    named.dedup();
    server_permissions::role_ids(roles, &named).map(drop)
}

/// The accounts the plan creates: a username the server would refuse (exit 2), a token file
/// that exists or cannot be made (exit 2), and a password that cannot be read (exit 2). The
/// passwords read are returned for `apply`.
pub fn new_accounts(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    desired: &Desired,
) -> Result<BTreeMap<String, Secret>> {
    let mut passwords = BTreeMap::new();
    let mut names = Vec::new();
    if let Some(Change { after: Some(crate::plan::Val::Text(name)), .. }) =
        plan.for_target(&Target::Profile).find(|c| c.field == Some(Field::Username))
    {
        names.push(name.clone());
    }
    for change in plan.changes.iter().filter(|change| change.field.is_none()) {
        let Target::User(name) = &change.target else { continue };
        let Some(wanted) = desired.user(name) else { continue };
        names.push(name.clone());
        if let Some(token) = &wanted.token {
            check_new_file(&token.file).with_context(|| format!("users.{}", escape(name)))?;
        }
        passwords
            .insert(name.clone(), password(settings, name, wanted.initial_password.as_deref())?);
    }
    usernames(client, &names)?;
    Ok(passwords)
}

fn password(settings: &Settings, name: &str, source: Option<&PasswordSource>) -> Result<Secret> {
    Ok(match source {
        None | Some(PasswordSource::Random) => random_password(),
        Some(PasswordSource::File(path)) => {
            let input = settings.new_password_input(false, Some(path.clone()));
            NEW_PASSWORD.read(&input, false, &settings.out).with_context(|| {
                format!("users.{name}: cannot read `password` from {}", path.display())
            })?
        }
        Some(PasswordSource::Env(var)) => match std::env::var(var) {
            Ok(value) if !value.is_empty() => Secret::new(value),
            _ => {
                let message =
                    format!("users.{name}: `password` names {var}, which is not set or empty");
                return Err(Failure::usage(message).into());
            }
        },
    })
}

/// The server's default username pattern, `[0-9a-zA-Z-_.]+`.
const DEFAULT_NAME_PATTERN: &str = "[0-9a-zA-Z-_.]+";

/// Names no account may take on a default server (`all` and `here` mean everyone in a room).
const BLOCKED_NAMES: &[&str] = &["all", "here", "admin", "administrator", "system", "user"];

/// A new or changed username the server would refuse. The characters are checked against the
/// server's default pattern; a server set to another pattern (readable by administrators) is
/// left to judge them itself.
fn usernames(client: &Client, names: &[String]) -> Result<()> {
    let default_chars =
        |name: &str| name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    for name in names {
        if BLOCKED_NAMES.contains(&name.to_lowercase().as_str()) {
            return Err(refused_name(name, "the server keeps it for itself"));
        }
    }
    let odd: Vec<&String> = names.iter().filter(|name| !default_chars(name)).collect();
    let Some(first) = odd.first() else { return Ok(()) };
    let pattern = server_settings::read(client, "UTF8_User_Names_Validation").ok().flatten();
    let default = pattern.as_ref().is_none_or(|value| value.as_str() == Some(DEFAULT_NAME_PATTERN));
    if default || first.is_empty() {
        return Err(refused_name(first, "use letters, digits, `-`, `_` and `.`"));
    }
    Ok(())
}

fn refused_name(name: &str, why: &str) -> anyhow::Error {
    Failure::usage(format!(
        "the server would refuse the username `{}`: {why}; nothing was sent",
        escape(name)
    ))
    .into()
}

/// The permission each change needs of the caller's roles; `None` for one's own account, and
/// for a new account's token (which its own roles need, see [`token_steps`]).
fn needed(change: &Change) -> Option<&'static str> {
    match (&change.target, &change.field) {
        (Target::Settings, _) => Some("edit-privileged-setting"),
        (Target::Permissions, _) => Some(ACCESS_PERMISSIONS),
        (Target::Profile, _) | (Target::User(_), Some(Field::Token)) => None,
        (Target::User(_), None) => Some("create-user"),
        (Target::User(_), Some(Field::Roles)) => Some("assign-roles"),
        (Target::User(_), Some(Field::Active)) => Some("edit-other-user-active-status"),
        (Target::User(_), Some(Field::Avatar)) => Some("edit-other-user-avatar"),
        (Target::User(_), Some(_)) => Some("edit-other-user-info"),
    }
}

/// Every change is one the caller's roles may make (exit 5 naming what is missing).
pub fn steps_allowed(plan: &Plan, held: &BTreeSet<String>) -> Result<()> {
    let mut missing: Vec<(String, String)> = Vec::new();
    for change in &plan.changes {
        let Some(permission) = needed(change).filter(|p| !held.contains(*p)) else { continue };
        if !missing.iter().any(|(p, _)| p == permission) {
            let what = change.field.as_ref().map_or_else(
                || format!("{} (create)", change.target),
                |field| format!("{}.{}", change.target, field.key()),
            );
            missing.push((permission.to_owned(), what));
        }
    }
    if missing.is_empty() { Ok(()) } else { Err(lacking(&missing)) }
}

fn lacking(missing: &[(String, String)]) -> anyhow::Error {
    let listed: Vec<String> =
        missing.iter().map(|(permission, what)| format!("`{permission}` for {what}")).collect();
    Failure::new(
        Exit::Refused,
        format!("your roles do not hold {}; nothing was sent", listed.join(", ")),
    )
    .hint(
        "an administrator can grant a permission to one of your roles: `rocketctl admin \
         permission grant PERMISSION ROLE`",
    )
    .into()
}

/// A new account's token step needs its roles to hold `create-personal-access-tokens` once the
/// file's `[permissions]` are applied (they are applied first).
pub fn token_steps(plan: &Plan, desired: &Desired, permissions: &[Permission]) -> Result<()> {
    let holders: Vec<String> = desired
        .permissions
        .iter()
        .find(|(id, _)| id == CREATE_TOKENS)
        .map(|(_, roles)| roles.clone())
        .or_else(|| permissions.iter().find(|p| p.id == CREATE_TOKENS).map(|p| p.roles.clone()))
        .unwrap_or_default();
    for change in plan.changes.iter().filter(|change| change.field.is_none()) {
        let Target::User(name) = &change.target else { continue };
        let Some(wanted) = desired.user(name).filter(|wanted| wanted.token.is_some()) else {
            continue;
        };
        let account = NewAccount::new(&change.target, wanted)?;
        server_permissions::check_token_roles(name, &account.roles, &holders)?;
    }
    Ok(())
}
