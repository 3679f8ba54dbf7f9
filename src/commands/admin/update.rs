//! `admin user update`: read the user, send only what differs in one `users.update`, with the
//! administrator's own second factor when the server asks for it. The difference is worked
//! out by `profile update`'s plan, so both commands read a record the same way.

use std::io::Write as _;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{find, permission, print_changed, print_dry_run, user_id};
use crate::api::{self, ApiError, ErrorType, TwoFactor, TwoFactorMethod, UserData, UserUpdate};
use crate::cli::AdminUpdateArgs;
use crate::client::Client;
use crate::client::REDACTED;
use crate::commands::desired::update_data;
use crate::commands::logged_in_client;
use crate::commands::profile::requested::{Requested, parse_field};
use crate::commands::two_factor::{ask_for_code, given_code, method_asked};
use crate::exit::{Exit, Failure};
use crate::input::{CURRENT_PASSWORD, NEW_PASSWORD, SecretInput};
use crate::output::escape;
use crate::plan::steps::AccountUpdate;
use crate::plan::{AccountState, Action, Change, Field, Target, plan_account};
use crate::secret::Secret;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: AdminUpdateArgs) -> Result<()> {
    let new_password = new_password(settings, &args)?;
    let set_fields = args.fields.iter().map(|f| parse_field(f)).collect::<Result<Vec<_>, _>>()?;
    let requested = Requested {
        email: args.email,
        name: args.name,
        username: args.username,
        nickname: args.nickname,
        bio: args.bio,
        status_text: args.status_text,
        set_fields,
        unset_fields: args.unset_fields,
        new_password: false,
    };
    requested.validate()?;
    let code = given_code(args.two_factor.code)?;
    let password =
        settings.current_password_input(args.password.password_stdin, args.password.password_file);
    let (client, _) = logged_in_client(settings)?;
    let user = find(&client, &args.user)?;
    let access = Access {
        roles: &args.roles,
        verified: args.verified,
        require_password_change: args.require_password_change,
    };
    let (data, mut labels) = difference(&requested, &access, &user);
    let name = escape(&args.user);
    if new_password.is_some() {
        labels.push("password".to_owned());
    }
    if data.is_empty() && new_password.is_none() {
        writeln!(settings.out.status(), "nothing to change: {name} already has these values")?;
        return print_changed(settings, false, &api::public_user(&user));
    }
    let body = UserUpdate {
        user_id: user_id(&user),
        data: UserData { fields: &data, password: new_password.as_ref() },
    };
    if args.dry_run {
        let request = api::update_user_request(&body, None)?;
        let what = format!("change {} of {name}", labels.join(", "));
        return print_dry_run(settings, &client, &what, &request);
    }
    let sent = send(settings, &client, &body, code, &password);
    let after = settle(&client, &requested, &access, &args.user, sent)?;
    if let Some(password) = &new_password {
        password_stored(&client, api::username(&after).unwrap_or(&args.user), password)?;
    }
    writeln!(settings.out.status(), "Changed {} of {name}", labels.join(", "))?;
    print_changed(settings, true, &api::public_user(&after))
}

/// What `admin user update` asks of the account beside the profile fields.
struct Access<'a> {
    /// Replaces the roles when not empty.
    roles: &'a [String],
    verified: Option<bool>,
    require_password_change: Option<bool>,
}

/// `users.update`'s `data` and the changes' names, planned by the engine `diff` and `apply` use:
/// only what differs, the custom fields whole, the roles when the set given differs.
fn difference(
    requested: &Requested,
    access: &Access<'_>,
    user: &Value,
) -> (Map<String, Value>, Vec<String>) {
    let mut desired = requested.desired();
    desired.roles = (!access.roles.is_empty()).then(|| access.roles.to_vec());
    desired.verified = access.verified;
    desired.require_password_change = access.require_password_change;
    let state = AccountState::from(api::account_fields(user));
    let target = Target::User(state.username.clone());
    // The account exists, so planning cannot fail for want of a name and an e-mail.
    let engine = plan_account(&target, &desired, Some(&state)).unwrap_or_default();
    let labels = engine.changes.iter().map(label).collect();
    let update = AccountUpdate::from_changes(&engine.changes, &state).unwrap_or_default();
    (update_data(&update), labels)
}

/// A change as the summary names it ("status text", "custom field team (removed)").
fn label(change: &Change) -> String {
    match (&change.field, change.action) {
        (Some(Field::Custom(key)), Action::Remove) => format!("custom field {key} (removed)"),
        (Some(Field::Custom(key)), _) => format!("custom field {key}"),
        (Some(field), _) => field.key().replace('_', " "),
        (None, _) => "account".to_owned(),
    }
}

/// The re-read decides what is reported, not the answer to the change: a lost answer is
/// settled by it (exit 9 only when it cannot be read either). The record after the change.
fn settle(
    client: &Client,
    requested: &Requested,
    access: &Access<'_>,
    user: &str,
    sent: Result<()>,
) -> Result<Value> {
    let name = escape(user);
    let reread =
        find(client, requested.username.as_deref().unwrap_or(user)).or_else(|_| find(client, user));
    match (sent, reread) {
        (Ok(()), reread) => reread,
        (Err(err), _) if !outcome_unknown(&err) => Err(err),
        (Err(err), Ok(after)) => {
            let (left, _) = difference(requested, access, &after);
            if left.is_empty() {
                Ok(after)
            } else {
                Err(err.context(format!("{name} was not changed")))
            }
        }
        (Err(err), Err(_)) => Err(Failure::new(
            Exit::OutcomeUnknown,
            format!("it is not known whether {name} was changed: {err}"),
        )
        .hint(format!("run `rocketctl admin user show {name}` to see"))
        .into()),
    }
}

/// The user's new password, read before any request; a dry run shows it masked.
fn new_password(settings: &Settings, args: &AdminUpdateArgs) -> Result<Option<Secret>> {
    let given = args.new_password_stdin || args.new_password_file.is_some();
    if !(args.change_password || given) {
        return Ok(None);
    }
    if args.dry_run {
        return Ok(Some(Secret::new(REDACTED)));
    }
    let input =
        settings.new_password_input(args.new_password_stdin, args.new_password_file.clone());
    Ok(Some(NEW_PASSWORD.read(&input, settings.can_prompt, &settings.out)?))
}

/// users.update skips a password silently when the caller lacks `edit-other-user-password`
/// (docs/server.md): a login as the user with it tells, and that session is logged out again.
/// A second factor asked for means the password was right.
fn password_stored(client: &Client, username: &str, password: &Secret) -> Result<()> {
    let mut session = client.anonymous();
    match api::login(&session, username, &password.sha256_hex(), None) {
        Ok(login) => {
            let credentials =
                crate::client::Credentials { user_id: login.user_id, token: login.auth_token };
            session.set_credentials(credentials)?;
            // Best effort: the check's own session is not needed.
            let _ = api::logout(&session);
            Ok(())
        }
        Err(err) if err.error_type().is_some_and(ErrorType::is_totp) => Ok(()),
        Err(ApiError::Unauthorized { .. }) => Err(Failure::new(
            Exit::Refused,
            format!("the server did not store the new password of {}", escape(username)),
        )
        .hint("this needs the `edit-other-user-password` permission for one of your roles")
        .into()),
        Err(err) => Err(err.into()),
    }
}

fn outcome_unknown(err: &anyhow::Error) -> bool {
    err.downcast_ref::<ApiError>().is_some_and(ApiError::outcome_unknown)
}

/// Send once; when the server asks for the administrator's second factor, get it (the given
/// code, a prompt, or for the password method the own password's digest) and send once more.
pub(super) fn send(
    settings: &Settings,
    client: &Client,
    body: &UserUpdate<'_>,
    code: Option<Secret>,
    password: &SecretInput,
) -> Result<()> {
    let Err(err) = api::update_user(client, body, None) else {
        return Ok(());
    };
    if !matches!(err.error_type(), Some(ErrorType::TotpRequired)) {
        return Err(permission(err, "edit-other-user-info"));
    }
    let (method, code) = match (method_asked(&err)?, code) {
        (TwoFactorMethod::Password, _) => {
            let own = CURRENT_PASSWORD.read(password, settings.can_prompt, &settings.out)?;
            (TwoFactorMethod::Password, own.sha256_hex())
        }
        (method, Some(code)) => (method, code),
        (_, None) => ask_for_code(settings, &err)?,
    };
    let two_factor = TwoFactor::new(method, code)?;
    api::update_user(client, body, Some(&two_factor))
        .map(drop)
        .map_err(|err| permission(err, "edit-other-user-info"))
}
