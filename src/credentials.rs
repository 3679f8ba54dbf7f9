//! Where a context's token is kept: the 0600 config file (`auth_token`) or the system keyring
//! (`token_store = "keyring"`). Every command that reads, writes or removes a stored token goes
//! through here, so each works with either store, and a token never lands in the file without
//! the user being told (docs/cli.md, "Credential storage").

use std::io::Write as _;

use anyhow::Result;

use crate::cli::StoreChoice;
use crate::config::{Context, TokenStore};
use crate::keyring_store::{KeyringError, Operation, Problem, SERVICE};
use crate::secret::Secret;
use crate::settings::Settings;

/// The token of context `name`, from wherever the context keeps it; `None` when it has none.
/// A file token moves out of the context: one reader per run.
pub fn read(
    settings: &Settings,
    name: &str,
    context: &mut Context,
) -> Result<Option<Secret>, KeyringError> {
    match context.token_store {
        Some(TokenStore::Keyring) => settings.keyring().read(name).map(Some),
        Some(TokenStore::File) | None => Ok(context.auth_token.take()),
    }
}

/// Where a new token went, to be recorded in the context.
#[must_use]
pub enum Placement {
    /// Already in the keyring; the file gets `token_store = "keyring"` and no token.
    Keyring,
    /// For the file.
    File(Secret),
}

impl Placement {
    /// Record the placement in the context, inside the config update that saves it.
    pub fn record(self, context: &mut Context) {
        match self {
            Self::Keyring => {
                context.auth_token = None;
                context.token_store = Some(TokenStore::Keyring);
            }
            Self::File(token) => {
                context.auth_token = Some(token);
                context.token_store = None;
            }
        }
    }
}

/// Put a new token for context `name` where `choice` says. `keyring` stores it there or fails
/// (exit 6); `file` leaves it for the file; `auto` tries the keyring and otherwise warns, before
/// anything is written, that the token goes into the file. Either way it says which it chose.
pub fn place(
    settings: &Settings,
    name: &str,
    choice: StoreChoice,
    token: Secret,
) -> Result<Placement> {
    let stored = match choice {
        StoreChoice::File => return Ok(Placement::File(token)),
        StoreChoice::Keyring => settings.keyring().store(name, &token).map_err(anyhow::Error::new),
        StoreChoice::Auto => match settings.keyring().store(name, &token) {
            Ok(()) => Ok(()),
            Err(err) => {
                writeln!(
                    settings.out.warning(),
                    "no usable system keyring ({}); storing the token in `{}` (mode 0600)",
                    err.problem,
                    settings.config_path()?.display()
                )?;
                return Ok(Placement::File(token));
            }
        },
    };
    stored?;
    writeln!(
        settings.out.status(),
        "Token stored in the system keyring (service `{SERVICE}`, account `{name}`)"
    )?;
    Ok(Placement::Keyring)
}

/// `--store keyring` with a keyring that is not there, does not answer or is locked cannot
/// succeed: say so before a password is read or a session is opened on the server (which would
/// stay open). Asking for the context's entry is the probe; not finding one is fine.
pub fn precheck(settings: &Settings, name: &str, choice: StoreChoice) -> Result<(), KeyringError> {
    if choice != StoreChoice::Keyring {
        return Ok(());
    }
    match settings.keyring().read(name) {
        Ok(_) => Ok(()),
        Err(err) if matches!(err.problem, Problem::Missing | Problem::Invalid(_)) => Ok(()),
        Err(err) => Err(KeyringError { operation: Operation::Store, ..err }),
    }
}

/// Where a context keeps its token now, to pick the same store for a token that replaces it.
pub fn same_store(context: &Context) -> StoreChoice {
    match context.token_store {
        Some(TokenStore::Keyring) => StoreChoice::Keyring,
        Some(TokenStore::File) | None => StoreChoice::File,
    }
}

/// Delete the keyring entry of a context that keeps its token there. A failure is a warning
/// with the way to remove the entry by hand: the file's side of a logout or a removal still
/// happens.
pub fn forget(settings: &Settings, name: &str, store: Option<TokenStore>) -> Result<()> {
    if store != Some(TokenStore::Keyring) {
        return Ok(());
    }
    if let Err(err) = settings.keyring().delete(name) {
        writeln!(settings.out.warning(), "{err}")?;
        for hint in err.hints() {
            writeln!(settings.out.note(), "{hint}")?;
        }
    }
    Ok(())
}
