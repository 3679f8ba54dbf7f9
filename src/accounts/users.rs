//! Other accounts, with an administrator's permissions: find one, create one with the
//! provisioning defaults (and what `users.create` does not take, right after), change one in a
//! single `users.update`, (de)activate and delete. `admin user …` and `apply`'s `[[users]]` all
//! go through here. After a change, the re-read decides what is reported.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::accounts::change::AccountChange;
use crate::accounts::second_factor::{Answers, Challenge, Sent};
use crate::api::{self, ApiError, Client, ErrorType, NewUser, User, UserData, UserUpdate};
use crate::exit::{Diagnose as _, Exit, Failure};
use crate::output::escape;
use crate::plan::steps::NewAccount;
use crate::secret::Secret;

/// Name a change of `username` for a signal while it is on its way (docs/security.md G9).
fn changing(what: &str, username: &str) -> crate::interrupt::Changing {
    let name = escape(username);
    crate::interrupt::changing(
        format!("{what} {name}"),
        format!("check with `rocketctl admin user show {name}` before running the command again"),
    )
}

/// The record of `username`; a missing user is exit 1 (docs/cli.md, "Details").
pub fn find(client: &Client, username: &str) -> Result<User> {
    api::user_info(client, username)?.ok_or_else(|| no_such_user(username))
}

pub fn no_such_user(username: &str) -> anyhow::Error {
    Failure::new(Exit::Failure, format!("no user named {}", escape(username)))
        .hint("`rocketctl admin user list` lists the users")
        .into()
}

/// A refusal for want of a permission: exit 5, naming the permission the route needs (the
/// server's own message often names none). Any other error passes through as it is.
pub fn permission(err: ApiError, needed: &str) -> anyhow::Error {
    permissions(err, &[needed])
}

/// [`permission`] for a route that needs several permissions together.
pub fn permissions(err: ApiError, needed: &[&str]) -> anyhow::Error {
    if !api::lacks_permission(&err) {
        return err.into();
    }
    let names: Vec<String> = needed.iter().map(|name| format!("`{name}`")).collect();
    let what = match names.as_slice() {
        [one] => format!("the {one} permission"),
        [rest @ .., last] => format!("the {} and {last} permissions", rest.join(", ")),
        [] => "a permission".to_owned(),
    };
    Failure::new(Exit::Refused, format!("the server refused: {}", err.reason()))
        .hint(format!(
            "this needs {what}; an administrator can grant it to one of your roles \
             (`rocketctl admin permission grant PERMISSION ROLE`, or Administration > Permissions)"
        ))
        .into()
}

/// A new account and its password.
pub struct Creation<'a> {
    pub account: &'a NewAccount,
    pub password: &'a Secret,
    pub join_default_channels: bool,
}

impl Creation<'_> {
    fn custom_fields(&self) -> Option<Map<String, Value>> {
        let fields = &self.account.custom_fields;
        (!fields.is_empty()).then(|| {
            fields.iter().map(|(key, value)| (key.clone(), Value::String(value.clone()))).collect()
        })
    }

    /// The body of `users.create`.
    pub fn body<'a>(&'a self, custom_fields: Option<&'a Map<String, Value>>) -> NewUser<'a> {
        let account = self.account;
        NewUser {
            username: &account.username,
            email: &account.email,
            texts: api::CreateTexts(&account.texts),
            password: self.password,
            roles: &account.roles,
            join_default_channels: self.join_default_channels,
            verified: account.verified,
            require_password_change: account.require_password_change,
            custom_fields,
        }
    }
}

/// Create the account (`users.create`, once; a lost answer is settled by reading the account).
pub fn create(client: &Client, creation: &Creation<'_>) -> Result<User> {
    let custom_fields = creation.custom_fields();
    create_once(client, &creation.body(custom_fields.as_ref()), &creation.account.username)
}

/// After the creation, set what `users.create` does not take (the status text, an inactive
/// state) in one `users.update`. The record after it; `None` when there was nothing to set.
pub fn follow_up(
    client: &Client,
    account: &NewAccount,
    user: &User,
    answers: &mut Answers<'_>,
) -> Result<Option<User>> {
    let texts = account.follow_up_texts();
    let active = (!account.active).then_some(false);
    if texts.is_empty() && active.is_none() {
        return Ok(None);
    }
    let body =
        UserUpdate { user_id: user.id(), data: UserData { active, ..UserData::texts(&texts) } };
    if let Err(err) = update(client, &account.username, &body, answers) {
        let mut missing: Vec<&str> = texts.given().map(|(field, _)| field.label()).collect();
        missing.extend(active.map(|_| "inactive state"));
        return Err(after_creation(&account.username, &missing.join(" and "), err));
    }
    Ok(Some(api::user_info(client, &account.username)?.unwrap_or_else(|| user.clone())))
}

/// `users.create`, once. An answer that did not arrive or could not be read may hide a user that
/// was created (Rocket.Chat issue #7351): re-read before saying anything.
fn create_once(client: &Client, body: &NewUser<'_>, username: &str) -> Result<User> {
    let created = {
        let _change = changing("the creation of", username);
        api::create_user(client, body)
    };
    let err = match created {
        Ok(user) => return Ok(user),
        Err(err) => err,
    };
    let name = escape(username);
    match (api::user_info(client, username), err.outcome_unknown()) {
        (Ok(Some(user)), _) => Ok(user),
        (Ok(None), true) => Err(anyhow::Error::from(err)
            .context(format!("{name} was not created (the server has no such user now)"))),
        (_, false) => Err(create_refused(err)),
        (Err(_), true) => Err(Failure::new(
            Exit::OutcomeUnknown,
            format!("it is not known whether {name} was created: {err}"),
        )
        .hint(format!("run `rocketctl admin user show {name}` to see"))
        .into()),
    }
}

fn create_refused(err: ApiError) -> anyhow::Error {
    if err.error_type() == Some(&ErrorType::FieldUnavailable) {
        let what = err.unavailable_field().unwrap_or_default();
        return Failure::new(
            Exit::Refused,
            format!("{what} is already in use; nothing was created"),
        )
        .hint("`rocketctl admin user update` changes an existing user")
        .into();
    }
    permission(err, "create-user")
}

/// A step after the creation failed: the user exists. Say so, what is missing, and how to
/// finish, with the failing step's exit code.
fn after_creation(username: &str, missing: &str, err: anyhow::Error) -> anyhow::Error {
    let name = escape(username);
    let exit = exit_of(&err);
    Failure::new(exit, format!("{name} was created, but its {missing} was not set: {err}"))
        .hint(format!("finish with `rocketctl admin user update {name} ...`"))
        .into()
}

/// The exit code an error chain means, as the top of the program would find it.
pub fn exit_of(err: &anyhow::Error) -> Exit {
    err.chain()
        .find_map(|cause| {
            let failure = cause.downcast_ref::<Failure>().map(|f| f.exit);
            failure.or_else(|| cause.downcast_ref::<ApiError>().map(ApiError::exit))
        })
        .unwrap_or(Exit::Failure)
}

/// One `users.update` of `username` (two-factor protected): the administrator's own second
/// factor when the server asks for it. A refusal for want of a permission names
/// `edit-other-user-info`.
pub fn update(
    client: &Client,
    username: &str,
    body: &UserUpdate<'_>,
    answers: &mut Answers<'_>,
) -> Result<User> {
    let _change = changing("the update of", username);
    let sent =
        Challenge::new(answers).send(|proof| api::update_user(client, body, proof.header()))?;
    match sent {
        Sent::Done(user) => Ok(user),
        Sent::Refused(err) => Err(permission(err, "edit-other-user-info")),
    }
}

/// Change a user in one `users.update` and read it again: the re-read decides what is reported,
/// and a lost answer is settled by it (exit 9 only when it cannot be read either). The record
/// after the change.
pub fn change(
    client: &Client,
    user: &User,
    change: &AccountChange,
    password: Option<&Secret>,
    answers: &mut Answers<'_>,
) -> Result<User> {
    let sent = update(client, user.username(), &change.user_body(user.id(), password), answers);
    let name = escape(user.username());
    let renamed = change.renamed().unwrap_or_else(|| user.username());
    let reread = find(client, renamed).or_else(|_| find(client, user.username()));
    match (sent, reread) {
        (Ok(_), reread) => reread,
        (Err(err), _) if !outcome_unknown(&err) => Err(err),
        (Err(_), Ok(after)) if change.still_planned(&after).is_empty() => Ok(after),
        (Err(err), Ok(_)) => Err(err.context(format!("{name} was not changed"))),
        (Err(err), Err(_)) => Err(Failure::new(
            Exit::OutcomeUnknown,
            format!("it is not known whether {name} was changed: {err}"),
        )
        .hint(format!("run `rocketctl admin user show {name}` to see"))
        .into()),
    }
}

fn outcome_unknown(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<ApiError>().is_some_and(ApiError::outcome_unknown))
}

/// `users.update` skips a password silently when the caller lacks `edit-other-user-password`
/// (docs/server.md): a login as the user with it tells, and that session is logged out again.
/// A second factor asked for means the password was right.
pub fn password_stored(client: &Client, username: &str, password: &Secret) -> Result<()> {
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

/// Activate or deactivate a user.
pub fn set_active(client: &Client, user: &User, active: bool) -> Result<()> {
    let what = if active { "the activation of" } else { "the deactivation of" };
    let _change = changing(what, user.username());
    api::set_active_status(client, user.id(), active)
        .map_err(|err| permission(err, "edit-other-user-active-status"))
}

/// Delete a user for good.
pub fn delete(client: &Client, user: &User) -> Result<()> {
    let _change = changing("the deletion of", user.username());
    api::delete_user(client, user.id()).map_err(|err| permission(err, "delete-user"))
}
