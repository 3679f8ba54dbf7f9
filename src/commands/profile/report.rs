//! What a changing command prints: the resulting record, a summary, or the dry-run request.

use anyhow::Result;
use serde_json::{Value, json};

use super::change::{ENDPOINT, enabled_method};
use super::plan::Plan;
use super::print_user;
use crate::client::{Client, redact_json};
use crate::secret::Secret;
use crate::settings::Settings;

pub(super) fn summary(plan: &Plan) -> String {
    let mut changes = plan.labels();
    if let Some(email) = changes.iter_mut().find(|c| *c == "email") {
        *email = "email (unverified until you confirm it)".into();
    }
    format!("Changed {}", changes.join(", "))
}

pub(super) fn print_result(settings: &Settings, changed: bool, user: &Value) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(&json!({ "changed": changed, "user": user }));
    }
    print_user(settings, user)
}

/// `--dry-run`: the request as it would be sent, secrets masked.
pub(super) fn print_dry_run(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    me: &Value,
) -> Result<()> {
    let placeholder = Secret::new("[REDACTED]");
    let method = plan.needs_verification().then(|| enabled_method(me)).flatten();
    let digest = (plan.needs_verification() && method.is_none()).then_some(&placeholder);
    let new_password = plan.password.then_some(&placeholder);
    let body = redact_json(&plan.body(digest, new_password));
    let mut headers = vec![
        ("X-User-Id", client.user_id().unwrap_or_default().to_owned()),
        ("X-Auth-Token", "[REDACTED]".to_owned()),
    ];
    if let Some(method) = method {
        headers.push(("X-2fa-Method", method.to_owned()));
        headers.push(("X-2fa-Code", "[REDACTED]".to_owned()));
    }
    let url = client.server().endpoint(ENDPOINT);
    settings
        .out
        .status(&format!("dry run: would change {}; nothing was sent", plan.labels().join(", ")));
    if settings.out.is_json() {
        let headers: serde_json::Map<String, Value> =
            headers.into_iter().map(|(k, v)| (k.to_owned(), Value::String(v))).collect();
        // The usual shape (nothing changed, the current record) plus the planned request.
        return settings.out.json(&json!({
            "changed": false,
            "dry_run": true,
            "user": crate::api::public_user(me),
            "request": {"method": "POST", "url": url, "headers": headers, "body": body},
        }));
    }
    let mut text = format!("POST {url}\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    text.push_str("Content-Type: application/json\n\n");
    text.push_str(&serde_json::to_string_pretty(&body)?);
    settings.out.text(&text)
}
