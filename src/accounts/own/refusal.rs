//! The server said no to a change of the own profile: a sentence per Rocket.Chat refusal that
//! says what to do, and for a multi-field change which parts were saved before the refusal.

use crate::accounts::change::AccountChange;
use crate::api::{self, ApiError, Client, ErrorType, TwoFactorMethod};
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

/// Turn a refusal into a message that says what to do, and for a multi-field change say which
/// parts the server saved before it refused (custom fields are checked after the other writes).
pub(super) fn explain(
    settings: &Settings,
    client: &Client,
    change: &AccountChange,
    err: ApiError,
) -> anyhow::Error {
    let Some(error_type) = err.error_type().cloned() else {
        return err.into();
    };
    // 7.x/8.x put "You must be logged in to do this." in a 401's `error`: that is no refusal
    // of the change but a token the server no longer takes (exit 3 with the login hint).
    if matches!(err, ApiError::Unauthorized { .. }) && !error_type.is_totp() {
        return err.into();
    }
    let method = err.two_factor_method();
    let named = method.as_ref().map_or_else(|| "unknown".to_owned(), ToString::to_string);
    let (exit, mut message) = match &error_type {
        // ≤2.x says error-invalid-password; later servers check the password as a 2FA method.
        ErrorType::InvalidPassword => {
            (Exit::VerificationFailed, "the current password was rejected".to_owned())
        }
        ErrorType::TotpInvalid if method == Some(TwoFactorMethod::Password) => {
            (Exit::VerificationFailed, "the current password was rejected".to_owned())
        }
        ErrorType::TotpInvalid | ErrorType::TotpMaxAttempts => (
            Exit::VerificationFailed,
            format!("the two-factor code was rejected (method: {named})"),
        ),
        ErrorType::TotpRequired => {
            (Exit::VerificationFailed, format!("two-factor code required (method: {named})"))
        }
        kind => (kind.exit(), refusal_text(kind, &err)),
    };
    let mut hints = Vec::new();
    if error_type == ErrorType::InvalidParams {
        hints.push(
            "this server does not accept one of the fields; `bio` needs Rocket.Chat 6.4 or later",
        );
    }
    if exit == Exit::Refused && change.changes.len() > 1 {
        match api::me(client) {
            Ok(record) => {
                let crate::accounts::change::Applied { done, missing } = change.applied(&record);
                if !done.is_empty() {
                    message = format!(
                        "{message}\napplied before the refusal: {}\nnot applied: {}",
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
    hints.into_iter().fold(Failure::new(exit, message), Failure::hint).into()
}

const SAME_PASSWORD: &str = "the new password is the same as the current one";
const IN_HISTORY: &str = "the new password was used before; the server keeps a password history";
const POLICY: &str = "the new password does not meet the server's password policy";
const NOT_ALLOWED: &str = "the server does not allow changing your profile \
    (Accounts_AllowUserProfileChange is off)";
const IDENTITY: &str =
    "the server refused the username or name: it is reserved, invalid or already taken";
const INVISIBLE: &str = "the server does not allow the invisible status";
const BIO_SIZE: &str = "the bio is longer than the server allows (260 characters)";
const NICKNAME_SIZE: &str = "the nickname is longer than the server allows (120 characters)";
const CUSTOM_FIELD_JSON: &str = "the server's custom field settings are broken \
    (Accounts_CustomFields is not valid JSON); ask an administrator";

/// A clear sentence per refusal.
fn refusal_text(error_type: &ErrorType, err: &ApiError) -> String {
    let said = err.reason();
    match error_type {
        ErrorType::PasswordSameAsCurrent => SAME_PASSWORD.into(),
        ErrorType::PasswordInHistory => IN_HISTORY.into(),
        ErrorType::PasswordPolicyNotMet => policy_text(err),
        ErrorType::PasswordPolicyRule(_) => format!("{POLICY}: {said}"),
        ErrorType::NotAllowed => NOT_ALLOWED.into(),
        ErrorType::ActionNotAllowed => {
            format!("the server does not allow changing {}", field_named(&said))
        }
        ErrorType::CouldNotSaveIdentity => IDENTITY.into(),
        ErrorType::FieldUnavailable => match err.unavailable_field() {
            Some(address) => format!("{address} is already in use by another account"),
            None => format!("that email address is already in use ({said})"),
        },
        ErrorType::InvalidEmail => format!("the server refused the email address: {said}"),
        ErrorType::InvalidDomain | ErrorType::EmailDomainBlacklisted => {
            format!("the server does not accept that email domain ({said})")
        }
        ErrorType::StatusNotAllowed => INVISIBLE.into(),
        ErrorType::BioSizeExceeded => BIO_SIZE.into(),
        ErrorType::NicknameSizeExceeded => NICKNAME_SIZE.into(),
        ErrorType::UserRegistrationCustomField => {
            format!("the server refused the custom fields: {said}")
        }
        ErrorType::InvalidCustomFieldJson => CUSTOM_FIELD_JSON.into(),
        ErrorType::InvalidParams => format!("the server rejected the request body: {said}"),
        _ => format!("the server refused the change: {said}"),
    }
}

fn policy_text(err: &ApiError) -> String {
    let rules: Vec<String> = err.policy_rules().iter().map(|rule| format!("  - {rule}")).collect();
    if rules.is_empty() { POLICY.to_owned() } else { format!("{POLICY}:\n{}", rules.join("\n")) }
}

/// Which field an `error-action-not-allowed` is about, from the server's text.
fn field_named(said: &str) -> &'static str {
    let lower = said.to_lowercase();
    ["username", "status", "real name", "email", "password"]
        .into_iter()
        .find(|f| lower.contains(f))
        .map_or("this field", |f| match f {
            "real name" => "the name",
            "status" => "the status text",
            "username" => "username",
            "email" => "email",
            _ => "password",
        })
}
