//! macOS and Windows: the `keyring` crate's platform store (the login keychain, the Credential
//! Manager). Its `v1` feature picks the platform's real store and has no in-memory mock to fall
//! back to; a store that would keep the token only in memory is refused all the same.

use keyring_core::api::CredentialPersistence;

use crate::keyring_store::{Problem, SERVICE};
use crate::secret::Secret;

/// Nothing to keep between calls: the crate keeps its own store.
#[derive(Debug, Clone, Default)]
pub struct Backend;

impl Backend {
    pub fn read(&self, context: &str) -> Result<Secret, Problem> {
        entry(context)?.get_password().map(Secret::new).map_err(|err| problem_of(&err))
    }

    pub fn store(&self, context: &str, token: &str) -> Result<(), Problem> {
        entry(context)?.set_password(token).map_err(|err| problem_of(&err))
    }

    pub fn delete(&self, context: &str) -> Result<bool, Problem> {
        match entry(context)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(err) => Err(problem_of(&err)),
        }
    }
}

/// The entry for a context. The first one connects to the platform's store; a store that would
/// keep the token only in memory (a mock, or the kernel keyring until reboot) is refused.
fn entry(context: &str) -> Result<keyring::Entry, Problem> {
    let entry = keyring::Entry::new(SERVICE, context).map_err(|err| problem_of(&err))?;
    if let Some(store) = keyring_core::get_default_store() {
        check_persistence(&store.persistence()).map_err(|err| problem_of(&err))?;
    }
    Ok(entry)
}

fn check_persistence(persistence: &CredentialPersistence) -> keyring::Result<()> {
    match persistence {
        CredentialPersistence::UntilDelete => Ok(()),
        _ => Err(keyring::Error::NotSupportedByStore(
            "the store would not keep the token on disk".into(),
        )),
    }
}

/// Sorts the crate's errors into the few cases rocketctl treats differently.
fn problem_of(err: &keyring::Error) -> Problem {
    use keyring::Error as E;
    match err {
        E::NoEntry => Problem::Missing,
        E::NoStorageAccess(inner) => Problem::Locked(inner.to_string()),
        E::PlatformFailure(inner) => Problem::Unavailable(inner.to_string()),
        E::NoDefaultStore => match keyring::Entry::store_status() {
            Err(cause) if !matches!(cause, E::NoDefaultStore) => problem_of(cause),
            _ => Problem::Unavailable("no credential store on this platform".into()),
        },
        E::BadEncoding(_) => Problem::Invalid("not UTF-8".into()),
        E::Ambiguous(entries) => Problem::Invalid(format!("{} entries match", entries.len())),
        other => Problem::Unavailable(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as StdError;

    use super::*;

    fn boxed(text: &str) -> Box<dyn StdError + Send + Sync> {
        text.into()
    }

    #[test]
    fn crate_errors_sort_into_problems() {
        use keyring::Error as E;
        assert_eq!(problem_of(&E::NoEntry), Problem::Missing);
        assert_eq!(
            problem_of(&E::NoStorageAccess(boxed("SS Error: object locked"))),
            Problem::Locked("SS Error: object locked".into())
        );
        assert_eq!(problem_of(&E::BadEncoding(vec![0xff])), Problem::Invalid("not UTF-8".into()));
        assert_eq!(
            problem_of(&E::Ambiguous(Vec::new())),
            Problem::Invalid("0 entries match".into())
        );
    }

    #[test]
    fn only_a_store_that_keeps_tokens_on_disk_is_accepted() {
        assert!(check_persistence(&CredentialPersistence::UntilDelete).is_ok());
        for memory_only in [
            CredentialPersistence::EntryOnly,
            CredentialPersistence::ProcessOnly,
            CredentialPersistence::UntilLogout,
            CredentialPersistence::UntilReboot,
            CredentialPersistence::Unspecified,
        ] {
            let err = check_persistence(&memory_only).expect_err("a memory-only store is refused");
            assert!(
                matches!(problem_of(&err), Problem::Unavailable(reason) if reason.contains("on disk"))
            );
        }
    }
}
