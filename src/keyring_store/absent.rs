//! The keyring of a rocketctl built without the `keyring` feature: there is none, and every call
//! says so ([`Problem::NotBuilt`]).

use super::{KeyringError, Operation, Problem, failure};
use crate::secret::Secret;

#[derive(Debug)]
pub struct Keyring;

impl Keyring {
    pub fn new() -> Self {
        Self
    }

    /// The same as [`Keyring::new`]: without the feature there is nothing to reach on any bus.
    #[cfg(test)]
    pub fn on_bus(_bus: Option<std::ffi::OsString>) -> Self {
        Self
    }

    pub fn store(&self, context: &str, _token: &Secret) -> Result<(), KeyringError> {
        Err(failure(Operation::Store, context, Problem::NotBuilt))
    }

    pub fn check_writable(&self, context: &str) -> Result<(), KeyringError> {
        Err(failure(Operation::Store, context, Problem::NotBuilt))
    }

    pub fn read(&self, context: &str) -> Result<Secret, KeyringError> {
        Err(failure(Operation::Read, context, Problem::NotBuilt))
    }

    pub fn delete(&self, context: &str) -> Result<bool, KeyringError> {
        Err(failure(Operation::Delete, context, Problem::NotBuilt))
    }
}
