//! The top of error handling, called once from `main`: have `errors.rs` find what a failed
//! run's error chain means, and print `error:`, `caused by:` and `hint:` lines (and the JSON
//! error object under `-o json`). Nothing below `main` imports this module; the layer test in
//! `src/layers.rs` keeps it so.

use crate::client::ApiError;
use crate::errors::diagnose;
use crate::exit::{Exit, Outcome};
use crate::output::Output;
use crate::settings::{ENV_TOKEN, ENV_USER_ID};

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
