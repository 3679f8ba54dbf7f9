//! The Secret Service (freedesktop.org, as gnome-keyring and KeePassXC serve it) on the session
//! bus, through the `secret-service` crate: one connection per command, made by its first call
//! and kept for the others, and one session on it.
//!
//! The session is plain, as go-keyring's (gh's keyring) is: the token crosses the session bus,
//! a socket of the user's own, unencrypted. An encrypted session would make every run pay for a
//! Diffie-Hellman key exchange (two 1024-bit modular exponentiations here and one more in the
//! daemon) that protects the token from nobody who could not ask the Secret Service for it
//! directly: whoever can read the user's bus can talk on it (docs/security.md, keyring reads).
//!
//! Entries are those the `keyring` crate made before (attributes `service` and `username`), so
//! tokens stored by an earlier rocketctl are read, replaced and deleted alike.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use secret_service::blocking::{Item, SecretService};
use secret_service::{EncryptionType, Error};
use zeroize::Zeroizing;

use crate::keyring_store::{Problem, SERVICE};
use crate::secret::Secret;

/// gnome-keyring's collection that lives in memory and is gone at logout: the `default` alias
/// points to it when no login keyring was ever made. A token is not kept there.
const SESSION_COLLECTION: &str = "/org/freedesktop/secrets/collection/session";

/// The connection of one command, shared by its calls (each runs on a thread of its own).
#[derive(Clone, Default)]
pub struct Backend(Arc<Mutex<Option<SecretService<'static>>>>);

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Backend(the Secret Service)")
    }
}

impl Backend {
    /// The context's token: the one entry that matches, unlocked first if it is locked (which
    /// may show the desktop's unlock prompt).
    pub fn read(&self, context: &str) -> Result<Secret, Problem> {
        self.with(|service| {
            let found =
                service.search_items(attributes(context)).map_err(|err| problem_of(&err))?;
            let item = match (found.unlocked.as_slice(), found.locked.as_slice()) {
                ([], []) => return Err(Problem::Missing),
                ([item], []) => item,
                ([], [item]) => {
                    service.unlock_all(&[item]).map_err(|err| problem_of(&err))?;
                    item
                }
                (unlocked, locked) => {
                    let count = unlocked.len() + locked.len();
                    return Err(Problem::Invalid(format!("{count} entries match")));
                }
            };
            token_of(item)
        })
    }

    /// Store `token` as the context's entry in the default collection, replacing the one there.
    pub fn store(&self, context: &str, token: &str) -> Result<(), Problem> {
        self.with(|service| {
            let collection = service.get_default_collection().map_err(|err| problem_of(&err))?;
            check_kept(collection.collection_path.as_str())?;
            if collection.is_locked().map_err(|err| problem_of(&err))? {
                collection.unlock().map_err(|err| problem_of(&err))?;
            }
            let label = format!("rocketctl token of context {context}");
            collection
                .create_item(&label, attributes(context), token.as_bytes(), true, "text/plain")
                .map_err(|err| problem_of(&err))?;
            Ok(())
        })
    }

    /// Delete every entry of the context; `Ok(false)` when there was none.
    pub fn delete(&self, context: &str) -> Result<bool, Problem> {
        self.with(|service| {
            let found =
                service.search_items(attributes(context)).map_err(|err| problem_of(&err))?;
            let items: Vec<&Item<'_>> = found.unlocked.iter().chain(&found.locked).collect();
            if !found.locked.is_empty() {
                let locked: Vec<&Item<'_>> = found.locked.iter().collect();
                service.unlock_all(&locked).map_err(|err| problem_of(&err))?;
            }
            for item in &items {
                item.delete().map_err(|err| problem_of(&err))?;
            }
            Ok(!items.is_empty())
        })
    }

    /// Run `work` on the command's connection, connecting first if no call has yet.
    fn with<T>(
        &self,
        work: impl FnOnce(&SecretService<'_>) -> Result<T, Problem>,
    ) -> Result<T, Problem> {
        let mut connection = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if connection.is_none() {
            let made = SecretService::connect(EncryptionType::Plain);
            *connection = Some(made.map_err(|err| problem_of(&err))?);
        }
        let service =
            connection.as_ref().ok_or_else(|| Problem::Unavailable("no connection".into()))?;
        work(service)
    }
}

/// The attributes of the context's entry, as the `keyring` crate set them.
fn attributes(context: &str) -> HashMap<&str, &str> {
    HashMap::from([("service", SERVICE), ("username", context)])
}

fn token_of(item: &Item<'_>) -> Result<Secret, Problem> {
    let bytes = Zeroizing::new(item.get_secret().map_err(|err| problem_of(&err))?);
    let text = std::str::from_utf8(&bytes).map_err(|_| Problem::Invalid("not UTF-8".into()))?;
    Ok(Secret::new(text))
}

/// A collection that forgets its entries at logout keeps no token (docs/security.md R42).
fn check_kept(collection: &str) -> Result<(), Problem> {
    if collection == SESSION_COLLECTION {
        return Err(Problem::Unavailable(
            "the keyring's default collection is the session collection, which forgets its \
             entries at logout"
                .into(),
        ));
    }
    Ok(())
}

/// Sorts the crate's errors into the few cases rocketctl treats differently.
fn problem_of(err: &Error) -> Problem {
    match err {
        Error::Locked | Error::NoResult | Error::Prompt | Error::PromptDisconnected => {
            Problem::Locked(err.to_string())
        }
        _ => Problem::Unavailable(err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_collection_keeps_no_token() {
        assert!(check_kept("/org/freedesktop/secrets/collection/login").is_ok());
        let refused = check_kept(SESSION_COLLECTION).expect_err("the session collection");
        assert!(matches!(refused, Problem::Unavailable(reason) if reason.contains("logout")));
    }

    #[test]
    fn crate_errors_sort_into_problems() {
        for locked in [Error::Locked, Error::NoResult, Error::Prompt, Error::PromptDisconnected] {
            assert!(matches!(problem_of(&locked), Problem::Locked(_)), "{locked}");
        }
        assert_eq!(
            problem_of(&Error::Unavailable),
            Problem::Unavailable("no secret service provider or dbus session found".into())
        );
        assert!(matches!(problem_of(&Error::Crypto("bad")), Problem::Unavailable(_)));
    }

    #[test]
    fn entries_keep_the_attributes_earlier_versions_gave_them() {
        assert_eq!(
            attributes("work"),
            HashMap::from([("service", "rocketctl"), ("username", "work")])
        );
    }
}
