//! Personal access tokens: minting one (the route is two-factor protected; the challenge is
//! answered by the one driver), making one for a new account (log in as it, mint, log out), and
//! writing one to a new file of mode 0600.

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::accounts::second_factor::{Answers, Challenge, Sent};
use crate::api::{self, ApiError, Client};
use crate::client::Credentials;
use crate::exit::{Exit, Failure};
use crate::output::{Output, escape};
use crate::secret::Secret;

/// What to mint.
#[derive(Debug, Clone, Copy)]
pub struct Mint<'a> {
    pub name: &'a str,
    pub bypass: bool,
    /// `regenerate` (a new value for an existing token) rather than `create`.
    pub regenerate: bool,
}

/// Mint the token, answering the route's challenge. A refusal comes back for the caller to
/// explain.
pub fn mint(client: &Client, mint: &Mint<'_>, answers: &mut Answers<'_>) -> Result<Sent<Secret>> {
    Challenge::new(answers).send(|proof| {
        let factor = proof.header();
        if mint.regenerate {
            api::regenerate_personal_access_token(client, mint.name, factor)
        } else {
            api::generate_personal_access_token(client, mint.name, mint.bypass, factor)
        }
    })
}

/// A token for a new account: log in as it (inside its first minutes no second factor is
/// asked), mint the token (a server that asks for the password method gets the account's own
/// digest), hand it to `keep` (which writes it to its file), and log that session out, whatever
/// happened. When `keep` fails, the token is removed again before the logout: no token is left
/// valid that nobody holds.
pub fn for_new_account(
    admin: &Client,
    out: &Output,
    username: &str,
    password: &Secret,
    mint_spec: &Mint<'_>,
    keep: impl FnOnce(&Secret) -> Result<()>,
) -> Result<(), NewAccountToken> {
    let _change = crate::interrupt::changing(
        format!("the request for the token `{}` of {}", escape(mint_spec.name), escape(username)),
        format!("log in as {} and check with `rocketctl token list`", escape(username)),
    );
    let mut bot = admin.anonymous();
    let login =
        api::login(&bot, username, &password.sha256_hex(), None).map_err(NewAccountToken::Login)?;
    bot.set_credentials(Credentials { user_id: login.user_id, token: login.auth_token })
        .map_err(NewAccountToken::Other)?;
    let mut answers = Answers::given(out, Some(password.duplicate()), None);
    let made = match mint(&bot, mint_spec, &mut answers) {
        Ok(Sent::Done(token)) => keep(&token).map_err(|err| {
            let removed = remove(&bot, mint_spec.name, &mut answers).is_ok();
            NewAccountToken::NotKept { err, removed }
        }),
        Ok(Sent::Refused(err)) => Err(NewAccountToken::Refused(err)),
        Err(err) => Err(NewAccountToken::Other(err)),
    };
    // The session made for the token is not needed afterwards, whatever happened.
    if let Err(err) = api::logout(&bot) {
        out.warn(&format!(
            "the session used to make the token of {} was not logged out: {err}",
            escape(username)
        ));
    }
    made
}

/// Remove a token (the route is two-factor protected).
pub fn remove(client: &Client, name: &str, answers: &mut Answers<'_>) -> Result<()> {
    match Challenge::new(answers)
        .send(|proof| api::remove_personal_access_token(client, name, proof.header()))?
    {
        Sent::Done(()) => Ok(()),
        Sent::Refused(err) => Err(err.into()),
    }
}

/// Why a new account got no token.
pub enum NewAccountToken {
    /// Logging in as it failed.
    Login(ApiError),
    /// The token route refused.
    Refused(ApiError),
    /// The token was made but could not be kept (its file could not be written); `removed`
    /// says whether it was removed again.
    NotKept {
        err: anyhow::Error,
        removed: bool,
    },
    Other(anyhow::Error),
}

impl NewAccountToken {
    /// The route refused for want of `create-personal-access-tokens`.
    pub fn lacks_permission(&self) -> bool {
        matches!(self, Self::Refused(err) if api::lacks_permission(err))
    }

    /// The error, with the exit code it deserves.
    pub fn into_error(self) -> anyhow::Error {
        match self {
            Self::Login(err) | Self::Refused(err) => err.into(),
            Self::NotKept { err, removed: true } => {
                err.context("the token was made but not kept, and it was removed again")
            }
            Self::NotKept { err, removed: false } => err.context(
                "the token was made but not kept, and removing it failed: it is valid and nobody \
                 holds it; log in as the account and run `rocketctl token delete NAME`",
            ),
            Self::Other(err) => err,
        }
    }
}

/// The token file must be new, in a directory that exists and can be written: checked before
/// anything is sent, so a bad path fails while nothing has changed (docs/security.md G5).
pub fn check_new_file(file: &Path) -> Result<()> {
    check_new(file, "the token file")
}

/// A file rocketctl writes once (a token, a saved plan) must be new, in a directory that
/// exists and can be written; `what` names it in the refusal.
pub fn check_new(file: &Path, what: &str) -> Result<()> {
    let shown = file.display();
    if file.exists() || file.symlink_metadata().is_ok() {
        return Err(Failure::usage(format!("{shown} already exists; {what} must be new")).into());
    }
    let parent = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    match std::fs::metadata(parent) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(Failure::usage(format!("{} is not a directory", parent.display())).into());
        }
        Err(err) => {
            return Err(Failure::usage(format!(
                "cannot use {} for {shown}: {err}",
                parent.display()
            ))
            .into());
        }
    }
    // A file made and removed again: the one sure test that the directory can be written.
    tempfile::Builder::new().prefix(".rocketctl-probe-").tempfile_in(parent).map_err(|err| {
        Failure::usage(format!("cannot write a file in {}: {err}", parent.display()))
    })?;
    Ok(())
}

/// A new file, 0600 from the start: never a moment when others could read it. A signal before
/// the token is in it removes it rather than leave it empty.
pub fn write_new_file(file: &Path, token: &Secret) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut out =
        std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(file).map_err(
            |err| Failure::new(Exit::Failure, format!("cannot create {}: {err}", file.display())),
        )?;
    crate::interrupt::remove_if_interrupted(file).fill(|| {
        out.write_all(token.expose().as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    })
}
