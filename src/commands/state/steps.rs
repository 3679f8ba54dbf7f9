//! The steps an account has besides its profile request, in the order `apply` sends them:
//! preferences (`users.setPreferences`), presence (`users.setStatus`, one's own only), avatar
//! (`users.setAvatar`) and, for a new account, its token.

use anyhow::Result;

use super::Secrets;
use crate::accounts::avatar::{read_image, refused};
use crate::accounts::token::{self, Mint};
use crate::accounts::users;
use crate::api::{self, Client, NewAvatar, SetStatus, User};
use crate::fields::{Route, Texts};
use crate::output::Output;
use crate::plan::state::AvatarTarget;
use crate::plan::{Change, DesiredAccount, Field, Step, Val};
use crate::secret::Secret;

/// Whose account the step is for.
pub enum Whose<'a> {
    Own,
    /// Another account, as the server has it (read, or just created).
    Other(&'a User),
}

/// Changes grouped by their request, in the order the steps are sent.
pub fn by_step(changes: Vec<Change>) -> Vec<(Step, Vec<Change>)> {
    let mut steps: Vec<(Step, Vec<Change>)> = Vec::new();
    for change in changes {
        match steps.iter_mut().find(|(step, _)| *step == change.step()) {
            Some((_, group)) => group.push(change),
            None => steps.push((change.step(), vec![change])),
        }
    }
    steps.sort_by_key(|(step, _)| *step);
    steps
}

/// Carry out one step of `whose` account.
pub fn run(
    client: &Client,
    out: &Output,
    whose: &Whose<'_>,
    step: Step,
    changes: &[Change],
    desired: &DesiredAccount,
    secrets: &Secrets,
) -> Result<()> {
    let _change = changing(step, whose);
    match (step, whose) {
        (Step::Route(Route::Preferences), Whose::Own) => {
            api::set_preferences(client, None, &route_texts(changes)).map_err(Into::into)
        }
        (Step::Route(Route::Preferences), Whose::Other(user)) => {
            api::set_preferences(client, Some(user.id()), &route_texts(changes))
                .map_err(|err| users::permission(err, "edit-other-user-info"))
        }
        (Step::Presence, Whose::Own) => {
            let status = desired.presence.map(|presence| presence.as_str().to_owned());
            api::set_status(client, &SetStatus { status, message: None }).map_err(Into::into)
        }
        (Step::Avatar, _) => avatar(client, whose, desired),
        (Step::Token, Whose::Other(user)) => new_token(client, out, user, desired, secrets),
        _ => {
            let keys: Vec<String> =
                changes.iter().filter_map(|c| c.field.as_ref().map(Field::key)).collect();
            anyhow::bail!("`{}` is not a step of its own", keys.join(", "))
        }
    }
}

/// Name a step for a signal while it is on its way (docs/security.md G9). A new account's token
/// names itself (`accounts::token`).
fn changing(step: Step, whose: &Whose<'_>) -> crate::interrupt::Changing {
    let what = match step {
        Step::Route(_) => "preferences",
        Step::Presence => "presence",
        Step::Avatar => "avatar",
        Step::Account | Step::Token | Step::Server => "change",
    };
    let target = match whose {
        Whose::Own => "profile".to_owned(),
        Whose::Other(user) => format!("users.{}", crate::output::escape(user.username())),
    };
    crate::interrupt::changing(
        format!("the {what} of {target}"),
        "see what is left with `rocketctl diff` of the same file: applying it again sends only that",
    )
}

/// The values a route's step sets.
fn route_texts(changes: &[Change]) -> Texts<Option<String>> {
    let mut texts = Texts::default();
    for change in changes {
        if let (Some(Field::Text(field)), Some(Val::Text(value))) = (&change.field, &change.after) {
            texts.set(*field, Some(value.clone()));
        }
    }
    texts
}

fn avatar(client: &Client, whose: &Whose<'_>, desired: &DesiredAccount) -> Result<()> {
    let Some(avatar) = &desired.avatar else {
        anyhow::bail!("an avatar change without an avatar");
    };
    let new = match &avatar.source {
        AvatarTarget::File(path) => read_image(path)?,
        AvatarTarget::Url(url) => NewAvatar::Url(url.clone()),
    };
    let request = match whose {
        Whose::Own => api::set_avatar_request(new)?,
        Whose::Other(user) => api::set_avatar_for_request(user.username(), new)?,
    };
    api::set_avatar(client, &request).map_err(refused)
}

/// Log in as the new account, make its token, write it to a new 0600 file, log out.
fn new_token(
    client: &Client,
    out: &Output,
    user: &User,
    desired: &DesiredAccount,
    secrets: &Secrets,
) -> Result<()> {
    let name = user.username();
    let (Some(spec), Some(password)) = (&desired.token, secrets.new_passwords.get(name)) else {
        anyhow::bail!("users.{name}: a token step without a token or a new account");
    };
    let mint = Mint { name: &spec.name, bypass: spec.bypass_2fa, regenerate: false };
    let keep = |token: &Secret| token::write_new_file(&spec.file, token);
    token::for_new_account(client, out, name, password, &mint, keep).map_err(|failure| {
        failure
            .into_error()
            .context(format!("users.{name} was created, but its token was not made"))
    })
}
