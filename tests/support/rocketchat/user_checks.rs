//! The checks the admin user routes share (6.x-8.x `validateUserData`, `checkUsernameAvailability`,
//! `validateEmailDomain`): usernames (the `UTF8_User_Names_Validation` default pattern; blocked
//! names: `all`, `here`, `Accounts_BlockedUsernameList` and the hidden
//! `Accounts_SystemBlockedUsernameList`, `admin,administrator,system,user`), e-mail syntax (the
//! server's default check is only `^[^@]+@[^@]+$`: `odd@host-2` and `bot@localhost` pass) and
//! the domain lists.

use serde_json::{Value, json};

use super::State;
use super::util::meteor_error;
use crate::support::http::Response;

/// The default `UTF8_User_Names_Validation`, `[0-9a-zA-Z-_.]+`.
pub(super) fn valid_username_chars(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// Blocked for everyone (`checkUsernameAvailability` and `validateName`).
pub(super) fn blocked_username(state: &State, name: &str) -> bool {
    let name = name.trim().to_lowercase();
    let listed = |id: &str| {
        state.setting_text(id).split(',').map(|n| n.trim().to_lowercase()).any(|n| n == name)
    };
    name == "all"
        || name == "here"
        || listed("Accounts_BlockedUsernameList")
        || listed("Accounts_SystemBlockedUsernameList")
}

/// `validateEmail(email)` in its default, basic style.
pub(super) fn valid_email_syntax(email: &str) -> bool {
    email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    })
}

/// lodash `escape`, which the server applies to names it puts in messages.
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `validateEmailDomain`: syntax, then `Accounts_AllowedDomainsList` and
/// `Accounts_BlockedDomainsList`.
pub(super) fn check_email_domain(state: &State, email: &str) -> Result<(), Response> {
    let details = |extra: Value| {
        let mut d = json!({"function": "RocketChat.validateEmailDomain"});
        if let (Some(map), Some(more)) = (d.as_object_mut(), extra.as_object()) {
            map.extend(more.clone());
        }
        Some(d)
    };
    if !valid_email_syntax(email) {
        return Err(meteor_error(
            "error-invalid-email",
            &format!("Invalid email {email}"),
            details(json!({"email": email})),
        ));
    }
    let domain = email.rsplit('@').next().unwrap_or("");
    let list = |id: &str| -> Vec<String> {
        state
            .setting_text(id)
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let allowed = list("Accounts_AllowedDomainsList");
    if !allowed.is_empty() && !allowed.iter().any(|d| d == domain) {
        let reason = "The email domain is not in whitelist";
        return Err(meteor_error("error-invalid-domain", reason, details(json!({}))));
    }
    if list("Accounts_BlockedDomainsList").iter().any(|d| d == domain) {
        let reason = "The email domain is blacklisted";
        return Err(meteor_error("error-email-domain-blacklisted", reason, details(json!({}))));
    }
    Ok(())
}

pub(super) fn not_allowed(reason: &str, action: &str) -> Response {
    meteor_error(
        "error-action-not-allowed",
        reason,
        Some(json!({"method": "insertOrUpdateUser", "action": action})),
    )
}

pub(super) fn required(field: &str) -> Response {
    meteor_error(
        "error-the-field-is-required",
        &format!("The field {field} is required"),
        Some(json!({"method": "insertOrUpdateUser", "field": field})),
    )
}

pub(super) fn unavailable(value: &str) -> Response {
    meteor_error(
        "error-field-unavailable",
        &format!("{} is already in use :(", escape(value)),
        Some(json!({"method": "insertOrUpdateUser", "field": value})),
    )
}

/// Roles must exist; `admin` needs `assign-admin-role`.
pub(super) fn check_roles(state: &State, caller: &str, roles: &[String]) -> Result<(), Response> {
    if roles.iter().any(|r| !state.roles.contains(r)) {
        return Err(not_allowed("The field Roles consist invalid role id", "Assign_role"));
    }
    if roles.iter().any(|r| r == "admin") && !state.has_permission(caller, "assign-admin-role") {
        return Err(not_allowed("Assigning admin is not allowed", "Assign_admin"));
    }
    Ok(())
}

/// `Accounts_Registration_Users_Default_Roles`, for a new user created without roles.
pub(super) fn default_new_user_roles(state: &State) -> Vec<String> {
    state
        .setting_text("Accounts_Registration_Users_Default_Roles")
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A username that is not valid, blocked or taken (by someone else) cannot be saved.
pub(super) fn username_usable(state: &State, own_id: &str, name: &str) -> bool {
    let own = state.users.iter().any(|u| u.id == own_id && u.username.eq_ignore_ascii_case(name));
    let taken = state.users.iter().any(|u| u.id != own_id && u.username.eq_ignore_ascii_case(name));
    valid_username_chars(name) && !blocked_username(state, name) && (own || !taken)
}
