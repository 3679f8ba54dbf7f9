//! What a changing command prints: the resulting record, a summary, or the dry-run request.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};

use super::plan::{Change, Field, Plan};
use crate::accounts::summary::shown;
use crate::api::{self, TwoFactor};
use crate::client::{Client, Description, REDACTED};
use crate::commands::dry_run::RequestView;
use crate::secret::Secret;
use crate::settings::Settings;

/// docs/cli.md "Output": one line naming each new value; a secret is only "changed".
/// `Changed email to jane.doe@example.com (unverified until you confirm it), nickname to relbot`
pub(super) fn summary(plan: &Plan) -> String {
    let changes: Vec<String> = plan.changes.iter().map(describe).collect();
    format!("Changed {}", changes.join(", "))
}

fn describe(change: &Change) -> String {
    match (&change.field, change.new_value()) {
        (Field::Email, Some(email)) => {
            format!("email to {} (unverified until you confirm it)", shown(email))
        }
        (Field::CustomRemoved(key), _) => format!("custom field {key} (removed)"),
        (field, Some(value)) => format!("{field} to {}", shown(value)),
        (Field::Password, _) => {
            "password (Rocket.Chat signs out this account's other sessions)".to_owned()
        }
        (field, None) => field.to_string(),
    }
}

/// `-o json` of a change: whether anything changed, and the record.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeView<'a> {
    changed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    dry_run: Option<bool>,
    user: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<RequestView>,
}

/// docs/cli.md "Output": in table mode the summary line on stderr is all a change prints
/// (`profile show` prints the record); with `-o json`, `{"changed", "user"}`.
pub(super) fn print_result(settings: &Settings, changed: bool, user: &Value) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(&ChangeView { changed, dry_run: None, user, request: None });
    }
    Ok(())
}

/// `--dry-run`: the request as it would be sent, secrets masked.
pub(super) fn print_dry_run(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    me: &Value,
) -> Result<()> {
    let placeholder = Secret::new(REDACTED);
    let method = plan.needs_verification().then(|| api::second_factor(me)).flatten();
    let digest = (plan.needs_verification() && method.is_none()).then_some(&placeholder);
    let new_password = plan.password.then_some(&placeholder);
    let two_factor =
        method.map(|method| TwoFactor::new(method, Secret::new(REDACTED))).transpose()?;
    let body = plan.body(digest, new_password);
    let described =
        client.describe(&api::update_own_basic_info_request(&body, two_factor.as_ref())?);
    writeln!(
        settings.out.status(),
        "dry run: would change {}; nothing was sent",
        plan.labels().join(", ")
    )?;
    if settings.out.is_json() {
        // The usual shape (nothing changed, the current record) plus the planned request.
        let user = api::public_user(me);
        let request = Some(RequestView::from(described));
        return settings.out.json(&ChangeView {
            changed: false,
            dry_run: Some(true),
            user: &user,
            request,
        });
    }
    let mut text = format!("{} {}\n", described.method, described.url);
    for (name, value) in &described.headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    text.push_str("Content-Type: application/json\n\n");
    text.push_str(&serde_json::to_string_pretty(&described.body.unwrap_or(Value::Null))?);
    settings.out.text(&text)
}

/// The record as a FIELD/VALUE table, or as JSON.
pub(crate) fn print_user(settings: &Settings, user: &Value) -> Result<()> {
    if settings.out.is_json() {
        settings.out.json(user)
    } else {
        settings.out.field_table(&api::user_rows(user))
    }
}
