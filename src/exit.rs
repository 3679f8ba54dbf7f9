//! The vocabulary every layer shares: [`Exit`], the exit-code table of the command-line
//! contract (docs/cli.md), and [`Failure`], an error rocketctl raises itself. A leaf: it imports
//! nothing of the crate, so any module may use it without a cycle.
//!
//! Each error type that decides an exit code implements [`Diagnose`] beside its definition;
//! `errors.rs` walks an error chain and asks the first one it finds, for `diagnostics.rs` (the
//! final report) and for commands that report failures one by one.

use std::process::ExitCode;

/// Exit codes, exactly as the command-line contract lists them. Scripts depend on these numbers.
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
    ChangesPending = 10,
    PlanStale = 11,
    Interrupted = 130,
}

impl Exit {
    /// Every code, in order: the table `help exit-codes` and the man pages print.
    pub const ALL: [Self; 13] = [
        Self::Success,
        Self::Failure,
        Self::Usage,
        Self::NotAuthenticated,
        Self::VerificationFailed,
        Self::Refused,
        Self::Config,
        Self::Network,
        Self::RateLimited,
        Self::OutcomeUnknown,
        Self::ChangesPending,
        Self::PlanStale,
        Self::Interrupted,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    /// What the code means, as the contract words it.
    pub fn description(self) -> &'static str {
        match self {
            Self::Success => "success, including \"nothing to change\"",
            Self::Failure => "any other failure (server error 5xx, unexpected response)",
            Self::Usage => {
                "usage or input error: bad flag, invalid value, missing secret with no terminal, \
                 empty secret"
            }
            Self::NotAuthenticated => {
                "not authenticated: no stored credentials, token rejected (401), login refused"
            }
            Self::VerificationFailed => {
                "verification failed: current password or two-factor code rejected, or a code is \
                 needed and cannot be asked for"
            }
            Self::Refused => {
                "the server refused the change: validation, \"not allowed\" settings, taken name \
                 or email, password policy"
            }
            Self::Config => "configuration error: unreadable, invalid or unsafe config file",
            Self::Network => {
                "network error before an answer: cannot connect, TLS failure, timeout, refused \
                 redirect"
            }
            Self::RateLimited => "rate limited for longer than --max-wait",
            Self::OutcomeUnknown => {
                "outcome unknown: a change was sent and no answer came back, and re-reading could \
                 not settle it"
            }
            Self::ChangesPending => {
                "changes pending (diff --exit-code, apply --dry-run --exit-code)"
            }
            Self::PlanStale => {
                "the saved plan no longer matches the server (apply --plan): nothing was sent"
            }
            Self::Interrupted => "interrupted",
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        Self::from(exit.code())
    }
}

/// How an error says what it means for the process: its exit code and what to do next.
pub trait Diagnose {
    fn exit(&self) -> Exit;

    fn hints(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A run that finished as it should but whose exit code says something (`diff --exit-code`
/// with changes pending, `apply` after reporting its failures itself): the code, and nothing
/// more printed.
#[derive(Debug, thiserror::Error)]
#[error("finished with exit code {}", .0.code())]
pub struct Outcome(pub Exit);

/// An error raised by rocketctl itself, with the exit code and the hints it deserves.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub exit: Exit,
    message: String,
    hints: Vec<String>,
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

impl Diagnose for Failure {
    fn exit(&self) -> Exit {
        self.exit
    }

    fn hints(&self) -> Vec<String> {
        self.hints.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_code_once_in_order() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|exit| exit.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 130]);
        assert!(Exit::ALL.iter().all(|exit| !exit.description().contains("  ")));
    }
}
