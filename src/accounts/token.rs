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
/// digest), and log that session out, whatever happened.
pub fn for_new_account(
    admin: &Client,
    out: &Output,
    username: &str,
    password: &Secret,
    mint_spec: &Mint<'_>,
) -> Result<Secret, NewAccountToken> {
    let mut bot = admin.anonymous();
    let login =
        api::login(&bot, username, &password.sha256_hex(), None).map_err(NewAccountToken::Login)?;
    bot.set_credentials(Credentials { user_id: login.user_id, token: login.auth_token })
        .map_err(NewAccountToken::Other)?;
    let mut answers = Answers::given(out, Some(password.duplicate()), None);
    let made = mint(&bot, mint_spec, &mut answers);
    // The session made for the token is not needed afterwards, whatever happened.
    if let Err(err) = api::logout(&bot) {
        out.warn(&format!(
            "the session used to make the token of {} was not logged out: {err}",
            escape(username)
        ));
    }
    match made {
        Ok(Sent::Done(token)) => Ok(token),
        Ok(Sent::Refused(err)) => Err(NewAccountToken::Refused(err)),
        Err(err) => Err(NewAccountToken::Other(err)),
    }
}

/// Why a new account got no token.
pub enum NewAccountToken {
    /// Logging in as it failed.
    Login(ApiError),
    /// The token route refused.
    Refused(ApiError),
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
            Self::Other(err) => err,
        }
    }
}

/// The token file must be new: checked before anything is sent, so a bad path fails first.
pub fn check_new_file(file: &Path) -> Result<()> {
    if file.exists() || file.symlink_metadata().is_ok() {
        return Err(Failure::usage(format!(
            "{} already exists; --token-file must name a new file",
            file.display()
        ))
        .into());
    }
    Ok(())
}

/// A new file, 0600 from the start: never a moment when others could read it.
pub fn write_new_file(file: &Path, token: &Secret) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut out =
        std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(file).map_err(
            |err| Failure::new(Exit::Failure, format!("cannot create {}: {err}", file.display())),
        )?;
    out.write_all(token.expose().as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}
