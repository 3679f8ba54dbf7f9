//! Other accounts (`[[users]]`), through the admin endpoints: read with `users.info`, created
//! as `admin user create` creates them (then the status text and `active` in one
//! `users.update`), or changed with one `users.update` of what differs; then the avatar and
//! (for a new account) the token.

use std::collections::BTreeMap;
use std::io::Write as _;

use anyhow::{Context as _, Result};
use serde_json::{Map, Value};

use super::pool;
use super::run::AccountRun;
use crate::api::{
    self, ApiError, ErrorType, NewAvatar, NewUser, TwoFactor, TwoFactorMethod, UserData, UserUpdate,
};
use crate::client::{Client, Credentials};
use crate::commands::two_factor::method_asked;
use crate::commands::{admin, profile};
use crate::exit::{Exit, Failure};
use crate::input::NEW_PASSWORD;
use crate::output::Output;
use crate::plan::file::{PasswordSource, TokenSpec};
use crate::plan::state::AvatarTarget;
use crate::plan::steps::{AccountUpdate, NewAccount};
use crate::plan::{self, AccountState, Change, Desired, DesiredAccount, Field, Step, Target};
use crate::secret::Secret;
use crate::settings::Settings;

/// The users a file names as the server has them, with their ids; a missing one does not exist.
pub fn read(
    client: &Client,
    names: &[String],
    parallel: usize,
) -> Result<(BTreeMap<String, AccountState>, BTreeMap<String, String>)> {
    let (mut states, mut ids) = (BTreeMap::new(), BTreeMap::new());
    let found = pool::run(names, parallel, |name| api::user_info(client, name), |_| {});
    for (name, record) in names.iter().zip(found) {
        let Some(record) = record? else { continue };
        let id = record.get("_id").and_then(Value::as_str).unwrap_or_default().to_owned();
        ids.insert(name.clone(), id);
        states.insert(name.clone(), AccountState::from(api::account_fields(&record)));
    }
    Ok((states, ids))
}

/// Secrets read before anything is sent: the administrator's own (for a password challenge
/// on `users.update`), a code, and the passwords of the accounts to create.
pub struct Secrets {
    pub own_password: Option<Secret>,
    pub code: Option<Secret>,
    pub new_passwords: BTreeMap<String, Secret>,
}

/// The passwords of the accounts the plan creates (exit 2 for one that cannot be read), and
/// their token files, which must be new.
pub fn read_new_accounts(
    settings: &Settings,
    plan: &plan::Plan,
    desired: &Desired,
) -> Result<BTreeMap<String, Secret>> {
    let mut passwords = BTreeMap::new();
    for change in plan.changes.iter().filter(|change| change.field.is_none()) {
        let Target::User(name) = &change.target else { continue };
        let Some(wanted) = find(desired, name) else { continue };
        if let Some(token) = &wanted.token {
            admin::check_new_file(&token.file)?;
        }
        passwords.insert(name.clone(), password(settings, name, wanted.initial_password.as_ref())?);
    }
    Ok(passwords)
}

fn password(settings: &Settings, name: &str, source: Option<&PasswordSource>) -> Result<Secret> {
    Ok(match source {
        None | Some(PasswordSource::Random) => admin::random_password(),
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

fn find<'a>(desired: &'a Desired, name: &str) -> Option<&'a DesiredAccount> {
    desired.users.iter().find(|(user, _)| user == name).map(|(_, wanted)| wanted)
}

/// What every worker shares.
pub struct Ctx<'a> {
    /// Not the settings: they hold secret inputs that cannot be shared between threads.
    pub out: Output,
    pub client: &'a Client,
    pub desired: &'a Desired,
    pub current: &'a BTreeMap<String, AccountState>,
    pub ids: &'a BTreeMap<String, String>,
    pub secrets: &'a Secrets,
}

/// One user's changes: its creation or its one `users.update`, then avatar, then token.
pub fn account(ctx: &Ctx<'_>, name: &str, changes: Vec<Change>) -> AccountRun {
    let target = Target::User(name.to_owned());
    let mut run = AccountRun::new(target);
    let wanted = find(ctx.desired, name).expect("a planned user is in the file");
    let (step, rest): (Vec<Change>, Vec<Change>) =
        changes.into_iter().partition(|change| change.step() == Step::Account);
    let creates = step.iter().any(|change| change.field.is_none());
    if !step.is_empty() {
        let outcome = if creates {
            create(ctx, name, wanted)
        } else {
            let id = ctx.ids.get(name).map_or("", String::as_str);
            let current = &ctx.current[name];
            let update = AccountUpdate::from_changes(&step, current).unwrap_or_default();
            send_update(ctx, id, &update_data(&update))
        };
        run.step(step, outcome, || still_planned(ctx, name, wanted));
    }
    for change in rest {
        if run.failed() && creates {
            // Nothing to attach a token to.
            run.skip(change);
            continue;
        }
        let outcome = match (&change.field, &wanted.token, &wanted.avatar) {
            (Some(Field::Token), Some(token), _) => make_token(ctx, name, token),
            (Some(Field::Avatar), _, Some(avatar)) => set_avatar(ctx, name, &avatar.source),
            _ => Err(anyhow::anyhow!("`{}` is not a step of its own", change.line())),
        };
        run.step(vec![change], outcome, || None);
    }
    run
}

/// The user's changes still planned after a re-read; `None` when it cannot be read.
fn still_planned(ctx: &Ctx<'_>, name: &str, wanted: &DesiredAccount) -> Option<Vec<Change>> {
    let record = api::user_info(ctx.client, name).ok()?;
    let state = record.map(|record| AccountState::from(api::account_fields(&record)));
    let target = Target::User(name.to_owned());
    plan::plan_account(&target, wanted, state.as_ref()).ok().map(|plan| plan.changes)
}

/// `users.create` with the provisioning defaults, then the status text and `active` (which
/// `users.create` does not take) in one `users.update`.
fn create(ctx: &Ctx<'_>, name: &str, wanted: &DesiredAccount) -> Result<()> {
    let new = NewAccount::new(&Target::User(name.to_owned()), wanted)?;
    let password = &ctx.secrets.new_passwords[name];
    let fields: Map<String, Value> =
        new.custom_fields.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
    let body = NewUser {
        username: &new.username,
        email: &new.email,
        name: &new.name,
        password,
        roles: &new.roles,
        join_default_channels: false,
        verified: new.verified,
        require_password_change: new.require_password_change,
        nickname: new.nickname.as_deref(),
        bio: new.bio.as_deref(),
        custom_fields: (!fields.is_empty()).then_some(&fields),
    };
    let user = admin::create(ctx.client, &body, name)?;
    let mut data = Map::new();
    if let Some(text) = &new.status_text {
        data.insert("statusText".to_owned(), Value::String(text.clone()));
    }
    if !new.active {
        data.insert("active".to_owned(), Value::Bool(false));
    }
    if data.is_empty() {
        return Ok(());
    }
    let id = user.get("_id").and_then(Value::as_str).unwrap_or_default();
    send_update(ctx, id, &data).with_context(|| {
        format!("users.{name} was created, but its status text or `active` was not set")
    })
}

/// `users.update`'s `data`, keyed as the server names them (also `admin user update`'s).
pub(crate) fn update_data(update: &AccountUpdate) -> Map<String, Value> {
    let mut data = Map::new();
    let texts = [
        ("name", &update.name),
        ("username", &update.username),
        ("nickname", &update.nickname),
        ("bio", &update.bio),
        ("statusText", &update.status_text),
        ("email", &update.email),
    ];
    for (key, value) in texts {
        if let Some(value) = value {
            data.insert(key.to_owned(), Value::String(value.clone()));
        }
    }
    if let Some(roles) = &update.roles {
        data.insert("roles".to_owned(), roles.iter().cloned().map(Value::String).collect());
    }
    let flags = [
        ("active", update.active),
        ("verified", update.verified),
        ("requirePasswordChange", update.require_password_change),
    ];
    for (key, value) in flags {
        if let Some(value) = value {
            data.insert(key.to_owned(), Value::Bool(value));
        }
    }
    if let Some(fields) = &update.custom_fields {
        let fields = fields.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        data.insert("customFields".to_owned(), Value::Object(fields));
    }
    data
}

/// One `users.update`; when the server asks for the administrator's second factor, the
/// password's digest or the code given, and once more. No prompt: workers run in parallel.
fn send_update(ctx: &Ctx<'_>, user_id: &str, data: &Map<String, Value>) -> Result<()> {
    let body = UserUpdate { user_id, data: UserData { fields: data, password: None } };
    let Err(err) = api::update_user(ctx.client, &body, None) else {
        return Ok(());
    };
    if !matches!(err.error_type(), Some(ErrorType::TotpRequired)) {
        return Err(err.into());
    }
    let method = method_asked(&err)?;
    let code = match (&method, &ctx.secrets.own_password, &ctx.secrets.code) {
        (TwoFactorMethod::Password, Some(password), _) => password.sha256_hex(),
        (TwoFactorMethod::Password, None, _) => {
            return Err(missing(&method, "--password-file FILE"));
        }
        (_, _, Some(code)) => Secret::new(code.expose().to_owned()),
        (_, _, None) => return Err(missing(&method, "--2fa-code CODE")),
    };
    let two_factor = TwoFactor::new(method, code)?;
    api::update_user(ctx.client, &body, Some(&two_factor)).map(drop).map_err(Into::into)
}

fn missing(method: &TwoFactorMethod, input: &str) -> anyhow::Error {
    Failure::new(
        Exit::VerificationFailed,
        format!("users.update asks for your second factor (method: {method})"),
    )
    .hint(format!("pass {input} (or ROCKETCHAT_PASSWORD / ROCKETCHAT_2FA_CODE)"))
    .into()
}

/// `users.setAvatar` naming the user (`edit-other-user-avatar`).
fn set_avatar(ctx: &Ctx<'_>, name: &str, source: &AvatarTarget) -> Result<()> {
    let new = match source {
        AvatarTarget::File(path) => profile::read_image(path)?,
        AvatarTarget::Url(url) => NewAvatar::Url(url.clone()),
    };
    let request = api::set_avatar_for_request(name, new)?;
    api::set_avatar(ctx.client, &request).map_err(profile::avatar_refused)
}

/// Log in as the new account, make its token, write it to a new 0600 file, log out.
fn make_token(ctx: &Ctx<'_>, name: &str, spec: &TokenSpec) -> Result<()> {
    let password = &ctx.secrets.new_passwords[name];
    let mut bot = ctx.client.anonymous();
    let login = api::login(&bot, name, &password.sha256_hex(), None)
        .with_context(|| format!("users.{name} was created, but logging in as it failed"))?;
    bot.set_credentials(Credentials { user_id: login.user_id, token: login.auth_token })?;
    let made = admin::generate(&bot, &spec.name, spec.bypass_2fa, password);
    // The session made for the token is not needed afterwards, whatever happened.
    let logged_out = api::logout(&bot);
    let token = made.map_err(|err: ApiError| {
        anyhow::Error::from(err)
            .context(format!("users.{name} was created, but its token was not made"))
    })?;
    admin::write_token(&spec.file, &token)?;
    if let Err(err) = logged_out {
        let _ = writeln!(
            ctx.out.warning(),
            "the session used to make the token of users.{name} was not logged out: {err}"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_update_is_keyed_as_the_server_names_its_fields() {
        let update = AccountUpdate {
            status_text: Some("up".into()),
            roles: Some(vec!["bot".into()]),
            require_password_change: Some(false),
            custom_fields: Some([("team".to_owned(), "infra".to_owned())].into()),
            ..AccountUpdate::default()
        };
        assert_eq!(
            Value::Object(update_data(&update)),
            json!({"statusText": "up", "roles": ["bot"], "requirePasswordChange": false,
                   "customFields": {"team": "infra"}})
        );
        assert!(update_data(&AccountUpdate::default()).is_empty());
    }
}
