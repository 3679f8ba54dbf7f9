//! The server said no: a sentence per Rocket.Chat errorType that says what to do, and for a
//! multi-field change which parts were saved before the refusal.

use serde_json::Value;

use super::plan::{self, Plan};
use crate::client::{ApiError, Client};
use crate::commands::auth::two_factor_method;
use crate::error::{Exit, Failure, exit_for_error_type};
use crate::settings::Settings;

/// Turn a refusal into a message that says what to do, and for a multi-field change say which
/// parts the server saved before it refused (custom fields are checked after the other writes).
pub(super) fn explain(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    err: ApiError,
) -> anyhow::Error {
    let error_type = err.error_type().map(str::to_owned);
    let method = two_factor_method(&err);
    let (exit, message) = match error_type.as_deref() {
        // ≤2.x says error-invalid-password; later servers check the password as a 2FA method.
        Some("error-invalid-password") | Some("totp-invalid") if password_check(&err, &method) => {
            (Exit::VerificationFailed, "the current password was rejected".to_owned())
        }
        Some("totp-invalid" | "totp-max-attempts") => (
            Exit::VerificationFailed,
            format!("the two-factor code was rejected (method: {method})"),
        ),
        Some("totp-required") => {
            (Exit::VerificationFailed, format!("two-factor code required (method: {method})"))
        }
        Some(kind) => (exit_for_error_type(kind), refusal_text(kind, &err)),
        None => return err.into(),
    };
    let mut failure = Failure::new(exit, message);
    if error_type.as_deref() == Some("invalid-params") {
        failure = failure.hint(
            "this server does not accept one of the fields; `bio` needs Rocket.Chat 6.4 or later",
        );
    }
    if exit == Exit::Refused && plan.changes.len() > 1 {
        match client.get("api/v1/me") {
            Ok(record) => {
                let (done, missing) = plan::applied(plan, &record);
                if !done.is_empty() {
                    failure.message = format!(
                        "{}\napplied before the refusal: {}\nnot applied: {}",
                        failure.message,
                        done.join(", "),
                        missing.join(", ")
                    );
                }
            }
            Err(check) => settings
                .out
                .warn(&format!("could not re-read the profile to see what was saved: {check}")),
        }
    }
    failure.into()
}

fn password_check(err: &ApiError, method: &str) -> bool {
    err.error_type() == Some("error-invalid-password") || method == "password"
}

/// R58: a clear sentence per Rocket.Chat errorType.
fn refusal_text(error_type: &str, err: &ApiError) -> String {
    // Rocket.Chat's text is "<reason> [<errorType>]"; the reason is what a person reads.
    let full = err.to_string();
    let server_said = match full.rsplit_once(" [") {
        Some((reason, code)) if code.ends_with(']') => reason.to_owned(),
        _ => full,
    };
    let field = || {
        let lower = server_said.to_lowercase();
        ["username", "status", "real name", "email", "password"]
            .into_iter()
            .find(|f| lower.contains(f))
            .map_or("this field", |f| match f {
                "real name" => "the name",
                "status" => "the status text",
                other => other,
            })
            .to_owned()
    };
    match error_type {
        "error-password-same-as-current" => "the new password is the same as the current one".into(),
        "error-password-in-history" => "the new password was used before; the server keeps a password history".into(),
        "error-password-policy-not-met" => {
            let rules: Vec<String> = err
                .details()
                .and_then(Value::as_array)
                .map(|rules| rules.iter().filter_map(|r| r.get("message").and_then(Value::as_str)).map(|m| format!("  - {m}")).collect())
                .unwrap_or_default();
            let mut text = "the new password does not meet the server's password policy".to_owned();
            if !rules.is_empty() {
                text = format!("{text}:\n{}", rules.join("\n"));
            }
            text
        }
        kind if kind.starts_with("error-password-policy-not-met-") => {
            format!("the new password does not meet the server's password policy: {server_said}")
        }
        "error-not-allowed" => "the server does not allow changing your profile (Accounts_AllowUserProfileChange is off)".into(),
        "error-action-not-allowed" => format!("the server does not allow changing {}", field()),
        "error-could-not-save-identity" => "the server refused the username or name: it is reserved, invalid or already taken".into(),
        "error-field-unavailable" => match err.details().and_then(|d| d.get("field")).and_then(Value::as_str) {
            Some(address) => format!("{address} is already in use by another account"),
            None => format!("that email address is already in use ({server_said})"),
        },
        "error-invalid-email" => format!("the server refused the email address: {server_said}"),
        "error-invalid-domain" | "error-email-domain-blacklisted" => format!("the server does not accept that email domain ({server_said})"),
        "error-status-not-allowed" => "the server does not allow the invisible status".into(),
        "error-bio-size-exceeded" => "the bio is longer than the server allows (260 characters)".into(),
        "error-nickname-size-exceeded" => "the nickname is longer than the server allows (120 characters)".into(),
        "error-user-registration-custom-field" => format!("the server refused the custom fields: {server_said}"),
        "error-invalid-customfield-json" => "the server's custom field settings are broken (Accounts_CustomFields is not valid JSON); ask an administrator".into(),
        "invalid-params" | "error-invalid-params" => format!("the server rejected the request body: {server_said}"),
        _ => format!("the server refused the change: {server_said}"),
    }
}
