//! The top of error handling, called once from `main`: walk an error chain, let the first
//! error that knows its meaning ([`Diagnose`]) pick the exit code and hints, and print
//! `error:`, `caused by:` and `hint:` lines. Nothing below `main` imports this module.

use std::error::Error;
use std::io::ErrorKind;

use crate::client::ApiError;
use crate::config::ConfigError;
use crate::exit::{Diagnose, Exit, Failure, Outcome};
use crate::keyring_store::KeyringError;
use crate::output::Output;
use crate::settings::{ENV_TOKEN, ENV_USER_ID};

/// What a failed run reports: the exit code, the message, its causes and what to do next.
#[derive(Debug, PartialEq, Eq)]
pub struct Report {
    pub exit: Exit,
    pub message: String,
    pub causes: Vec<String>,
    pub hints: Vec<String>,
}

/// Print the report of a failed run and give its exit code. A closed stdout
/// (`rocketctl profile show | head -1`) is not a failure: exit quietly.
/// With `env_credentials` (ROCKETCHAT_USER_ID and ROCKETCHAT_AUTH_TOKEN set), a rejected token
/// is fixed in the environment: `login` refuses to run then, so no hint may suggest it.
pub fn report(out: &Output, err: &anyhow::Error, env_credentials: bool) -> Exit {
    if let Some(Outcome(exit)) = err.downcast_ref::<Outcome>() {
        return *exit;
    }
    let Some(mut report) = diagnose(err) else {
        return Exit::Success;
    };
    if env_credentials && rejected_token(err) {
        report.hints = vec![format!(
            "the token in {ENV_TOKEN} is invalid or expired, or does not belong to the user in \
             {ENV_USER_ID}; set both to a valid personal access token"
        )];
    }
    out.error(&report.message, &report.causes, &report.hints);
    if out.is_json() {
        out.json_error(&report.message, report.exit.code(), &report.hints);
    }
    report.exit
}

/// The server answered 401 to the credentials sent.
fn rejected_token(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| matches!(cause.downcast_ref(), Some(ApiError::Unauthorized { .. })))
}

/// The report for an error chain; None for a broken pipe.
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
    if let Some(failure) = cause.downcast_ref::<Failure>() {
        return Some(failure);
    }
    if let Some(api) = cause.downcast_ref::<ApiError>() {
        return Some(api);
    }
    if let Some(keyring) = cause.downcast_ref::<KeyringError>() {
        return Some(keyring);
    }
    cause.downcast_ref::<ConfigError>().map(|config| config as &dyn Diagnose)
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
}
