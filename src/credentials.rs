//! Where a context's token is kept: the 0600 config file (`auth_token`) or the system keyring
//! (`token_store = "keyring"`). Every command that reads, writes or removes a stored token goes
//! through here, so each works with either store, and a token never lands in the file without
//! the user being told (docs/cli.md, "Credential storage").

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Result;

use crate::config::{Context, TokenStore};
use crate::exit::Failure;
use crate::keyring_store::{self, Keyring, KeyringError, SERVICE};
use crate::output::Output;
use crate::secret::Secret;

/// Where a new token is to be kept: `login --store` (or `ROCKETCTL_STORE`), or the store a
/// replaced token was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreChoice {
    /// The keyring when it answers, else the file, saying so.
    Auto,
    /// The keyring, or fail (exit 6).
    Keyring,
    /// The config file (mode 0600).
    File,
}

/// What the token stores need from a run: the keyring (one per run: a call that timed out is not
/// waited for again), where to say what happened, and the config file, named when a token
/// goes there instead of the keyring.
pub struct TokenStores<'a> {
    keyring: &'a Keyring,
    out: &'a Output,
    config_path: PathBuf,
}

impl<'a> TokenStores<'a> {
    pub fn new(keyring: &'a Keyring, out: &'a Output, config_path: PathBuf) -> Self {
        Self { keyring, out, config_path }
    }

    /// The token of context `name`, from wherever the context keeps it; `None` when it has
    /// none. A file token moves out of the context: one reader per run.
    pub fn read(&self, name: &str, context: &mut Context) -> Result<Option<Secret>, KeyringError> {
        match context.token_store {
            Some(TokenStore::Keyring) => self.keyring.read(name).map(Some),
            Some(TokenStore::File) | None => Ok(context.auth_token.take()),
        }
    }

    /// Put a new token for context `name` where `choice` says. `keyring` stores it there or
    /// fails (exit 6); `file` leaves it for the file; `auto` tries the keyring and otherwise
    /// warns, before anything is written, that the token goes into the file. Either way it says
    /// which it chose.
    pub fn place(&self, name: &str, choice: StoreChoice, token: Secret) -> Result<Placement> {
        let stored = match choice {
            // A rocketctl built without a keyring has nothing to try: `auto` is the file.
            StoreChoice::File => return Ok(Placement::File(token)),
            StoreChoice::Auto if !keyring_store::BUILT_IN => return Ok(Placement::File(token)),
            StoreChoice::Keyring => self.keyring.store(name, &token).map_err(anyhow::Error::new),
            StoreChoice::Auto => match self.keyring.store(name, &token) {
                Ok(()) => Ok(()),
                Err(err) => {
                    writeln!(
                        self.out.warning(),
                        "no usable system keyring ({}); storing the token in `{}` (mode 0600)",
                        err.problem,
                        self.config_path.display()
                    )?;
                    return Ok(Placement::File(token));
                }
            },
        };
        stored?;
        writeln!(
            self.out.status(),
            "Token stored in the system keyring (service `{SERVICE}`, account `{name}`)"
        )?;
        Ok(Placement::Keyring)
    }

    /// `--store keyring` with a keyring that is not there, does not answer, is locked or cannot
    /// store cannot succeed: say so before a password is read or a session is opened on the
    /// server (which would stay open). The probe stores and deletes a throw-away entry: a read
    /// alone passes on a bus whose keyring cannot store. A rocketctl built without a keyring
    /// cannot be asked for one: a usage error (exit 2).
    pub fn precheck(&self, name: &str, choice: StoreChoice) -> Result<()> {
        if choice != StoreChoice::Keyring {
            return Ok(());
        }
        if !keyring_store::BUILT_IN {
            return Err(Failure::usage(
                "`--store keyring`: this rocketctl was built without keyring support",
            )
            .hint(
                "use `--store file` (the 0600 config file), or a rocketctl built with the \
                 `keyring` cargo feature",
            )
            .into());
        }
        Ok(self.keyring.check_writable(name)?)
    }

    /// Delete the keyring entry of a context that keeps its token there. A failure is a warning
    /// with the way to remove the entry by hand: the file's side of a logout or a removal
    /// still happens.
    pub fn forget(&self, name: &str, store: Option<TokenStore>) -> Result<()> {
        if store != Some(TokenStore::Keyring) {
            return Ok(());
        }
        if let Err(err) = self.keyring.delete(name) {
            writeln!(self.out.warning(), "{err}")?;
            for hint in err.hints() {
                writeln!(self.out.note(), "{hint}")?;
            }
        }
        Ok(())
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

/// Where a context keeps its token now, to pick the same store for a token that replaces it.
pub fn same_store(context: &Context) -> StoreChoice {
    match context.token_store {
        Some(TokenStore::Keyring) => StoreChoice::Keyring,
        Some(TokenStore::File) | None => StoreChoice::File,
    }
}
