//! Custom fields are stored only when the server's administrator defined them
//! (`Accounts_CustomFields`; docs/cli.md "Output"). Undefined keys are refused before anything
//! is sent, and after a change the re-read decides what is reported: a field the server
//! dropped is never reported as changed.

use serde_json::Value;

use super::plan::{self, Plan};
use crate::api::{self, Client};
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

const HOW_TO_DEFINE: &str = "an administrator defines custom fields in the server's \
    Accounts_CustomFields setting";

/// Refuse `--field` keys the server does not define (exit 5), naming the ones it does.
pub(super) fn check_defined(client: &Client, plan: &Plan) -> anyhow::Result<()> {
    let wanted = plan::custom_fields_set(plan);
    if wanted.is_empty() {
        return Ok(());
    }
    let Some(defined) = api::custom_field_names(client)? else {
        return Ok(());
    };
    let undefined: Vec<&str> =
        wanted.into_iter().filter(|key| !defined.iter().any(|d| d == key)).collect();
    if undefined.is_empty() {
        return Ok(());
    }
    let names =
        |keys: &[&str]| keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let defines = if defined.is_empty() {
        "it defines none".to_owned()
    } else {
        let defined: Vec<&str> = defined.iter().map(String::as_str).collect();
        format!("it defines {}", names(&defined))
    };
    Err(Failure::new(
        Exit::Refused,
        format!("the server does not store the custom field {}; {defines}", names(&undefined)),
    )
    .hint(HOW_TO_DEFINE)
    .into())
}

/// The record that decides what was stored: a fresh read of `/me` after the change (the answer
/// of some servers leaves fields out), or the answer when a password change may have revoked
/// the token, or when the read fails. Returns it with the custom fields the server dropped.
pub(super) fn stored(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    answer: Value,
) -> (Value, Vec<String>) {
    let record = if plan.password {
        answer
    } else {
        match api::me(client) {
            Ok(record) => record,
            Err(err) => {
                settings
                    .out
                    .warn(&format!("could not re-read the profile after the change: {err}"));
                answer
            }
        }
    };
    let dropped = plan::dropped_custom_fields(plan, &record);
    (record, dropped)
}

/// The error for fields the server answered for but did not store (exit 5).
pub(super) fn dropped_failure(plan: &Plan, record: &Value, dropped: &[String]) -> anyhow::Error {
    let kept: Vec<String> = plan::applied(plan, record)
        .done
        .into_iter()
        .filter(|label| !dropped.contains(label))
        .collect();
    let mut message = format!("the server did not store {}", dropped.join(", "));
    if !kept.is_empty() {
        message = format!("{message}; changed {}", kept.join(", "));
    }
    Failure::new(Exit::Refused, message).hint(HOW_TO_DEFINE).into()
}
