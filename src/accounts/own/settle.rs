//! After a change of the own profile: settle an answer that never came (re-read, never resend),
//! keep the stored session alive after a password change revoked the account's other tokens, and
//! follow a new username in the stored context.

use std::io::Write as _;

use anyhow::Result;

use crate::accounts::change::AccountChange;
use crate::api::{self, ApiError, Client, User};
use crate::client::Credentials;
use crate::credentials;
use crate::credentials::StoreChoice;
use crate::exit::{Exit, Failure};
use crate::secret::Secret;
use crate::settings::{Settings, Source, Target};

const CHECK: &str = "check with `rocketctl profile show` before running the command again";

/// The answer never came (or made no sense) after the change was sent: look at the server
/// instead of guessing, and never send the change again.
pub(super) fn settle(
    settings: &Settings,
    client: &Client,
    change: &AccountChange,
    new_password: Option<&Secret>,
    err: ApiError,
) -> Result<User> {
    writeln!(
        settings.out.warning(),
        "no clear answer after sending the change ({err}); checking what the server has now"
    )?;
    let unsettled = |cause: &dyn std::fmt::Display| -> anyhow::Error {
        Failure::new(
            Exit::OutcomeUnknown,
            format!("the server may or may not have applied the change ({err}); checking failed: {cause}"),
        )
        .hint(CHECK)
        .into()
    };
    let record = match api::me(client) {
        Ok(record) => record,
        Err(check) => return Err(unsettled(&check)),
    };
    let crate::accounts::change::Applied { mut done, mut missing } = change.applied(&record);
    if let Some(password) = new_password {
        match password_works(client, &record, password) {
            Ok(true) => done.push("password".into()),
            Ok(false) => missing.push("password".into()),
            Err(check) => return Err(unsettled(&check)),
        }
    }
    if missing.is_empty() {
        writeln!(
            settings.out.status(),
            "the change is on the server: the answer was lost, not the change"
        )?;
        return Ok(record);
    }
    if done.is_empty() {
        writeln!(
            settings.out.note(),
            "the change was not applied; it is safe to run the command again"
        )?;
        return Err(err.into());
    }
    Err(Failure::new(
        Exit::OutcomeUnknown,
        format!(
            "the answer was lost and only part of the change is on the server: applied {}; \
             not applied {}",
            done.join(", "),
            missing.join(", ")
        ),
    )
    .hint(CHECK)
    .into())
}

/// Whether the new password logs in: a login with its digest, whose token is logged out at once.
fn password_works(client: &Client, record: &User, password: &Secret) -> Result<bool, ApiError> {
    let mut probe = client.anonymous();
    match api::login(&probe, record.username(), &password.sha256_hex(), None) {
        Ok(data) => {
            let credentials = Credentials { user_id: data.user_id, token: data.auth_token };
            if probe.set_credentials(credentials).is_ok() {
                let _ = api::logout(&probe);
            }
            Ok(true)
        }
        // A malformed answer still means the password was accepted.
        Err(ApiError::Malformed { .. }) => Ok(true),
        Err(ApiError::Unauthorized { error_type: Some(kind), .. }) if kind.is_totp() => Ok(true),
        Err(ApiError::Unauthorized { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}

/// After a password change Rocket.Chat removes the account's other login tokens, and falls back
/// to removing all of them if that fails. Make sure the next command still works.
pub fn keep_the_session(
    settings: &Settings,
    client: &Client,
    target: &Target,
    user: &User,
    new_password: Option<&Secret>,
) -> Result<()> {
    // That the server signs out the other sessions is said in the summary line.
    match api::me(client) {
        Ok(_) => Ok(()),
        Err(ApiError::Unauthorized { .. }) => {
            let from_config =
                matches!(target.token_source, Some(Source::Config { .. } | Source::Keyring { .. }));
            let (Some(password), Some(context), true) =
                (new_password, target.context.as_ref(), from_config)
            else {
                return Err(Failure::new(
                    Exit::NotAuthenticated,
                    "password changed, but the token in use was revoked by the server",
                )
                .hint("log in again with `rocketctl login` (or renew ROCKETCHAT_AUTH_TOKEN)")
                .into());
            };
            relogin(settings, client, context, user, password)
        }
        Err(other) => {
            writeln!(
                settings.out.warning(),
                "password changed; could not check the stored token: {other}"
            )?;
            Ok(())
        }
    }
}

fn relogin(
    settings: &Settings,
    client: &Client,
    context: &str,
    user: &User,
    password: &Secret,
) -> Result<()> {
    let username = user.username().to_owned();
    let fresh = client.anonymous();
    let revoked = || {
        Failure::new(
            Exit::NotAuthenticated,
            "password changed, but the stored token was revoked and logging in again failed",
        )
        .hint("run `rocketctl login`")
    };
    let data =
        api::login(&fresh, &username, &password.sha256_hex(), None).map_err(|_| revoked())?;
    crate::config::check_login_values(&data.user_id, data.auth_token.expose(), &username)?;
    // The new token goes where the revoked one was kept.
    let (_, config) = settings.load_config()?;
    let choice = config.contexts.get(context).map_or(StoreChoice::File, credentials::same_store);
    let placement = settings.token_stores()?.place(context, choice, data.auth_token)?;
    settings.store()?.update(&settings.out, |config| {
        if let Some(stored) = config.contexts.get_mut(context) {
            stored.user_id = Some(data.user_id.clone());
            placement.record(stored);
        }
        Ok(())
    })?;
    writeln!(
        settings.out.status(),
        "the stored token was revoked; logged in again and saved the new token in context `{context}`"
    )?;
    Ok(())
}

/// After a username change the context keeps the new name, so `rocketctl login` (which reuses
/// it) only asks for the password (docs/security.md, F18). Only a context that holds this
/// account (the same user id) is touched.
pub fn follow_username(
    settings: &Settings,
    client: &Client,
    target: &Target,
    change: &AccountChange,
    user: &User,
) -> Result<()> {
    if !change.changes_username() {
        return Ok(());
    }
    let (Some(context), Some(name), Some(user_id)) =
        (target.context.as_ref(), user.username.as_deref(), client.user_id())
    else {
        return Ok(());
    };
    if name.is_empty() || name.chars().count() > crate::config::MAX_USERNAME_CHARS {
        return Ok(());
    }
    settings.store()?.update(&settings.out, |config| {
        if let Some(stored) = config.contexts.get_mut(context)
            && stored.user_id.as_deref() == Some(user_id)
        {
            stored.username = Some(name.to_owned());
        }
        Ok(())
    })
}
