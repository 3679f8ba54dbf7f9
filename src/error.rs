//! The exit codes of the command-line contract, and how an error chain maps to one.
//!
//! Errors travel as `anyhow::Error`. The few types a caller branches on ([`Failure`],
//! [`crate::client::ApiError`], [`crate::config::ConfigError`]) carry their own exit code and
//! hints; `main` finds the first of them in the chain.

use std::process::ExitCode;

use crate::client::ApiError;
use crate::config::ConfigError;

/// Exit codes, exactly as CLI.md lists them. Scripts depend on these numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
    NotAuthenticated = 3,
    VerificationFailed = 4,
    Refused = 5,
    Config = 6,
    Network = 7,
    RateLimited = 8,
    OutcomeUnknown = 9,
    Interrupted = 130,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        Self::from(exit as u8)
    }
}

/// An error raised by rocketctl itself, with the exit code and the hints it deserves.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
    pub hints: Vec<String>,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self { exit, message: message.into(), hints: Vec::new() }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// The exit code and hints an error chain asks for: the first typed error found wins.
pub fn classify(err: &anyhow::Error) -> (Exit, Vec<String>) {
    for cause in err.chain() {
        if let Some(failure) = cause.downcast_ref::<Failure>() {
            return (failure.exit, failure.hints.clone());
        }
        if let Some(api) = cause.downcast_ref::<ApiError>() {
            return (api.exit(), api.hints());
        }
        if let Some(config) = cause.downcast_ref::<ConfigError>() {
            return (Exit::Config, config.hints());
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return (Exit::Success, Vec::new());
        }
    }
    (Exit::Failure, Vec::new())
}

/// Whether the error is a closed stdout (`rocketctl profile show | head -1`): exit quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_typed_error_in_the_chain_decides() {
        let err = anyhow::Error::new(Failure::new(Exit::Config, "bad").hint("fix it"))
            .context("while loading");
        assert_eq!(classify(&err), (Exit::Config, vec!["fix it".to_owned()]));
        let plain = anyhow::anyhow!("something else");
        assert_eq!(classify(&plain).0, Exit::Failure);
    }
}
