//! What an error chain means for the process: the first error in it that knows its meaning
//! ([`Diagnose`]) picks the exit code and hints. One walk, shared by `diagnostics.rs` (the final
//! report `main` prints) and by commands that report each item's failure themselves (`apply`).
//!
//! It sits below `commands` and names the error types of the layers under it, so `exit.rs`
//! stays a leaf. A new error type that implements [`Diagnose`] is added to [`DIAGNOSABLE`]; a
//! test fails until it is.

use std::error::Error;
use std::io::ErrorKind;

use crate::client::ApiError;
use crate::config::ConfigError;
use crate::exit::{Diagnose, Exit, Failure};
use crate::keyring_store::KeyringError;

/// What a failed run reports: the exit code, the message, its causes and what to do next.
#[derive(Debug, PartialEq, Eq)]
pub struct Report {
    pub exit: Exit,
    pub message: String,
    pub causes: Vec<String>,
    pub hints: Vec<String>,
}

/// Each error type that decides an exit code, as a way to find it in a chain.
type Finder = for<'a> fn(&'a (dyn Error + 'static)) -> Option<&'a dyn Diagnose>;

/// Every type with an `impl Diagnose`, in the order they are looked for in each cause.
const DIAGNOSABLE: [(&str, Finder); 4] = [
    ("Failure", |cause| cause.downcast_ref::<Failure>().map(|e| e as &dyn Diagnose)),
    ("ApiError", |cause| cause.downcast_ref::<ApiError>().map(|e| e as &dyn Diagnose)),
    ("KeyringError", |cause| cause.downcast_ref::<KeyringError>().map(|e| e as &dyn Diagnose)),
    ("ConfigError", |cause| cause.downcast_ref::<ConfigError>().map(|e| e as &dyn Diagnose)),
];

/// The report for an error chain; None for a broken pipe, which is no failure
/// (`rocketctl profile show | head -1`).
pub fn diagnose(err: &anyhow::Error) -> Option<Report> {
    if err.chain().any(is_broken_pipe) {
        return None;
    }
    let (exit, hints) = err
        .chain()
        .find_map(|cause| diagnosis(cause).map(|d| (d.exit(), d.hints())))
        .unwrap_or((Exit::Failure, Vec::new()));
    Some(Report {
        exit,
        message: err.to_string(),
        causes: err.chain().skip(1).map(ToString::to_string).collect(),
        hints,
    })
}

/// The cause as an error that knows its exit code, if it is one.
fn diagnosis<'a>(cause: &'a (dyn Error + 'static)) -> Option<&'a dyn Diagnose> {
    DIAGNOSABLE.iter().find_map(|(_, find)| find(cause))
}

fn is_broken_pipe(cause: &(dyn Error + 'static)) -> bool {
    cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_error_that_knows_its_meaning_decides() {
        let err = anyhow::Error::new(Failure::new(Exit::Config, "bad").hint("fix it"))
            .context("while loading");
        let report = diagnose(&err).unwrap();
        assert_eq!((report.exit, report.hints), (Exit::Config, vec!["fix it".to_owned()]));
        assert_eq!(report.message, "while loading");
        assert_eq!(report.causes, ["bad"]);
        let plain = anyhow::anyhow!("something else");
        assert_eq!(diagnose(&plain).unwrap().exit, Exit::Failure);
    }

    #[test]
    fn a_closed_pipe_is_no_failure() {
        let err = anyhow::Error::new(std::io::Error::from(ErrorKind::BrokenPipe)).context("write");
        assert_eq!(diagnose(&err), None);
    }

    /// Forgetting a type here would silently give its errors exit 1.
    #[test]
    fn every_type_that_implements_diagnose_is_looked_for() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let listed: Vec<&str> = DIAGNOSABLE.iter().map(|(name, _)| *name).collect();
        let mut implemented = Vec::new();
        for file in crate::layers::rust_files(&src) {
            let text = std::fs::read_to_string(&file).unwrap();
            for line in text.lines() {
                if let Some(rest) = line.trim().strip_prefix("impl Diagnose for ") {
                    implemented.push(rest.trim_end_matches(" {").to_owned());
                }
            }
        }
        implemented.sort();
        let mut expected: Vec<String> = listed.iter().map(|name| (*name).to_owned()).collect();
        expected.sort();
        assert_eq!(implemented, expected, "add each `impl Diagnose` type to DIAGNOSABLE");
    }
}
