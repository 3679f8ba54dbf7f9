//! Changing one's own profile: verify (the password's digest, or the second factor the record
//! names), send the one `users.updateOwnBasicInfo` once, settle an unclear answer by reading the
//! account again, and let that re-read decide what is reported. `profile set-email`,
//! `set-password`, `update` and `apply`'s `[profile]` all change the own account through here.

mod refusal;
mod settle;

use anyhow::Result;

use crate::accounts::change::AccountChange;
pub use settle::{follow_username, keep_the_session};

use crate::accounts::second_factor::{Answers, Challenge, Proof, Sent};
use crate::api::{self, Client, TwoFactor, TwoFactorMethod, User};
use crate::exit::{Exit, Failure};
use crate::input::{NEW_PASSWORD, SecretInput};
use crate::plan::{Change, Field};
use crate::secret::Secret;
use crate::settings::Settings;

/// What to do after a Ctrl-C while the change was on its way.
const CHECK: &str = "check with `rocketctl profile show` before running the command again";

/// The new password of a password change: read early when it was given without a prompt (so a
/// bad input fails before any request), else asked for after the current password.
#[derive(Debug)]
pub struct NewPassword {
    pub input: SecretInput,
    pub given: Option<Secret>,
}

/// What a change left behind: the account as re-read, the new password when one was sent, and
/// the changes the server answered for but did not make.
pub struct Executed {
    pub user: User,
    pub new_password: Option<Secret>,
    pub dropped: Vec<Change>,
}

/// Verify, send the one request, settle an unclear answer, and re-read.
pub fn execute(
    settings: &Settings,
    client: &Client,
    change: &AccountChange,
    me: &User,
    answers: &mut Answers<'_>,
    new: NewPassword,
) -> Result<Executed> {
    let proof = first_proof(client, change, me, answers)?;
    // Test hook: a panic while secrets are held must not print them (they Debug-redact).
    settings.hooks().panic_holding(&proof);
    // Asked after the current password, as a person expects.
    let new_password = match (change.changes_password(), new.given) {
        (true, Some(given)) => Some(given),
        (true, None) => Some(NEW_PASSWORD.read_for(
            &new.input,
            settings.can_prompt,
            &settings.out,
            &account(client, me),
        )?),
        (false, _) => None,
    };
    let sent = Challenge::with_proof(answers, proof).send(|proof| {
        // Until the answer comes, a Ctrl-C leaves the outcome unknown, and says so (the client
        // marks it; this names it).
        let _change = crate::interrupt::changing("the change of your profile", CHECK);
        api::update_own_basic_info(
            client,
            &change.own_body(proof, new_password.as_ref()),
            proof.header(),
        )
    })?;
    let answer = match sent {
        Sent::Done(user) => user,
        Sent::Refused(err) if err.outcome_unknown() => {
            let _in_flight = settings.out.change_in_flight("the change of your profile", CHECK);
            settle::settle(settings, client, change, new_password.as_ref(), err)?
        }
        Sent::Refused(err) => return Err(refusal::explain(settings, client, change, err)),
    };
    let user = reread(settings, client, change, answer);
    let dropped = change.still_planned(&user);
    Ok(Executed { user, new_password, dropped })
}

/// How the request proves it is the user, known before sending from the record (8.x names the
/// second factor; older servers do not, and challenge instead).
fn first_proof(
    client: &Client,
    change: &AccountChange,
    me: &User,
    answers: &mut Answers<'_>,
) -> Result<Proof> {
    if !change.needs_verification() {
        return Ok(Proof::None);
    }
    let Some(method) = me.second_factor.clone() else {
        let typed = answers.password_is_typed();
        let password = answers.password_now()?;
        return Ok(Proof::Digest { digest: password.sha256_hex(), typed });
    };
    let mailed = method == TwoFactorMethod::Email && !answers.has_code();
    if mailed {
        // Through its own route, so the one profile update a minute is not spent on it.
        api::send_email_code(client, me.username())?;
    }
    let typed = !answers.has_code();
    let code = answers.code_now(&method, mailed)?;
    Ok(Proof::Header { factor: TwoFactor::new(method, code)?, typed })
}

/// The record that decides what was stored: a fresh read of `/me` after the change (the answer
/// of some servers leaves fields out), or the answer when a password change may have revoked
/// the token, or when the read fails.
fn reread(settings: &Settings, client: &Client, change: &AccountChange, answer: User) -> User {
    if change.changes_password() {
        return answer;
    }
    api::me(client).unwrap_or_else(|err| {
        settings.out.warn(&format!("could not re-read the profile after the change: {err}"));
        answer
    })
}

/// Whose password a prompt asks for: `jane on chat.example.com`.
pub fn account(client: &Client, me: &User) -> String {
    let name = me.username.as_deref().unwrap_or("you");
    format!("{name} on {}", client.server().host())
}

/// The error for changes the server answered for but did not make (exit 5), naming what it did
/// make besides.
pub fn dropped_failure(change: &AccountChange, user: &User, dropped: &[Change]) -> anyhow::Error {
    let labels: Vec<String> = dropped.iter().map(crate::accounts::summary::label).collect();
    let kept: Vec<String> =
        change.applied(user).done.into_iter().filter(|label| !labels.contains(label)).collect();
    let custom = dropped.iter().any(|change| matches!(change.field, Some(Field::Custom(_))));
    let mut message = format!("the server did not store {}", labels.join(", "));
    if !kept.is_empty() {
        message = format!("{message}; changed {}", kept.join(", "));
    }
    let failure = Failure::new(Exit::Refused, message);
    if custom {
        return failure.hint(crate::accounts::custom_fields::HOW_TO_DEFINE).into();
    }
    failure
        .hint("the server answered the change but kept the old value; running it again sends it again")
        .into()
}

/// The own account's profile step of `apply`: the engine's changes in one request, verified and
/// settled as `profile update` does; a new username goes into the stored context.
pub fn apply(
    settings: &Settings,
    client: &Client,
    change: &AccountChange,
    me: &User,
    answers: &mut Answers<'_>,
    target: &crate::settings::Target,
) -> Result<User> {
    if change.is_empty() {
        return Ok(me.clone());
    }
    let wanted: Vec<&str> = crate::accounts::custom_fields::set_by(&change.changes).collect();
    crate::accounts::custom_fields::check_defined(client, wanted)?;
    let new = NewPassword { input: SecretInput::default(), given: None };
    let done = execute(settings, client, change, me, answers, new)?;
    follow_username(settings, client, target, change, &done.user)?;
    if !done.dropped.is_empty() {
        return Err(dropped_failure(change, &done.user, &done.dropped));
    }
    Ok(done.user)
}
