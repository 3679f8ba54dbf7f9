//! Writing other accounts, as 6.3/7.x/8.x `users.create`, `users.update` (two-factor
//! protected; a password without `edit-other-user-password` is silently skipped; 7.0 dropped
//! `joinDefaultChannels` there), `users.setActiveStatus` (deactivation revokes every token,
//! personal access tokens included) and `users.delete` (8.x answers `deletedRooms`).
//! `users.create` needs no second factor, defaults `joinDefaultChannels` to true, marks the
//! address verified only with `verified`, and opts new users into e-mail 2FA.

use serde_json::{Map, Value, json};

use super::docs::admin_view;
use super::presence::target_user;
use super::two_factor::two_factor_required;
use super::util::{
    check_schema, forbidden, json_body, meteor_error, now_ms, permission_denied, plain_failure,
    sha256_hex, success,
};
use super::{Mode, State, User};
use crate::support::http::{Request, Response};

pub(super) fn create(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.create", &mut body) {
        return response;
    }
    // 8.x: `active` without the permission is a plain forbidden(); then validateUserData
    // refuses a caller without create-user.
    if body.get("active").is_some()
        && !state.has_permission(user_id, "edit-other-user-active-status")
    {
        return forbidden();
    }
    if !state.has_permission(user_id, "create-user") {
        return meteor_error(
            "error-action-not-allowed",
            "Adding user is not allowed",
            Some(json!({"method": "insertOrUpdateUser", "action": "Adding_user"})),
        );
    }
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or("").trim().to_owned();
    let flag = |key: &str| body.get(key).and_then(Value::as_bool);
    let (username, email, name) = (text("username"), text("email"), text("name"));
    let roles: Vec<String> = body.get("roles").and_then(Value::as_array).map_or_else(
        || vec!["user".to_owned()],
        |r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
    );
    if let Err(response) =
        validate_user_data(state, user_id, None, &username, &email, &name, &roles)
    {
        return response;
    }
    let random = flag("setRandomPassword") == Some(true);
    if text("password").is_empty() && !random {
        return meteor_error(
            "error-the-field-is-required",
            "The field Password is required",
            Some(json!({"method": "insertOrUpdateUser", "field": "Password"})),
        );
    }
    let password = if random { format!("random-{}", now_ms()) } else { text("password") };
    let mut user = User::new(&username, &password).created_now();
    user.name = name;
    user.emails = vec![(email, flag("verified") == Some(true))];
    user.roles = roles;
    user.active = flag("active").unwrap_or(true);
    user.require_password_change = flag("requirePasswordChange").unwrap_or(false);
    user.nickname = body.get("nickname").and_then(Value::as_str).map(str::to_owned);
    user.bio = body.get("bio").and_then(Value::as_str).map(str::to_owned);
    user.custom_fields = body.get("customFields").and_then(Value::as_object).cloned();
    user.welcome_email_sent = flag("sendWelcomeEmail") == Some(true);
    if flag("joinDefaultChannels").unwrap_or(true) {
        user.rooms = vec!["GENERAL".to_owned()];
    }
    let s = &state.settings;
    user.email2fa = s.two_factor_enabled && s.two_factor_by_email && s.two_factor_email_auto_opt_in;
    let id = state.add_user(user);
    let user = state.users.iter().find(|u| u.id == id).expect("just added");
    success(json!({"user": admin_view(state, user, user_id, false)}))
}

/// `validateUserData`: name, username (format, free), e-mail (format, free), roles.
fn required(field: &str) -> Response {
    meteor_error(
        "error-the-field-is-required",
        &format!("The field {field} is required"),
        Some(json!({"method": "insertOrUpdateUser", "field": field})),
    )
}

fn validate_user_data(
    state: &State,
    caller: &str,
    own_id: Option<&str>,
    username: &str,
    email: &str,
    name: &str,
    roles: &[String],
) -> Result<(), Response> {
    let others = state.users.iter().filter(|u| Some(u.id.as_str()) != own_id);
    if own_id.is_none() && name.is_empty() && state.settings.require_name {
        return Err(required("Name"));
    }
    if own_id.is_none() && username.is_empty() {
        return Err(required("Username"));
    }
    if !username.is_empty() {
        if !username.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
            return Err(meteor_error(
                "error-input-is-not-a-valid-field",
                &format!("{username} is not a valid username"),
                Some(
                    json!({"method": "insertOrUpdateUser", "input": username, "field": "Username"}),
                ),
            ));
        }
        if others.clone().any(|u| u.username.eq_ignore_ascii_case(username)) {
            return Err(unavailable(username));
        }
    }
    check_email(state, own_id, email)?;
    check_roles(state, caller, roles)
}

/// A well-formed address nobody else has; required on creation.
fn check_email(state: &State, own_id: Option<&str>, email: &str) -> Result<(), Response> {
    let others = state.users.iter().filter(|u| Some(u.id.as_str()) != own_id);
    if !email.is_empty() {
        let valid = email.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
        if !valid {
            return Err(meteor_error(
                "error-invalid-email",
                &format!("Invalid email {email}"),
                Some(json!({"method": "insertOrUpdateUser", "email": email})),
            ));
        }
        if others.clone().any(|u| u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(email))) {
            return Err(unavailable(email));
        }
    } else if own_id.is_none() {
        return Err(required("Email"));
    }
    Ok(())
}

/// Roles must exist; `admin` needs `assign-admin-role`.
fn check_roles(state: &State, caller: &str, roles: &[String]) -> Result<(), Response> {
    if roles.iter().any(|r| !state.roles.contains(r)) {
        return Err(meteor_error(
            "error-action-not-allowed",
            "The field Roles consist invalid role id",
            Some(json!({"method": "insertOrUpdateUser", "action": "Assign_role"})),
        ));
    }
    if roles.iter().any(|r| r == "admin") && !state.has_permission(caller, "assign-admin-role") {
        return Err(meteor_error(
            "error-action-not-allowed",
            "Assigning admin is not allowed",
            Some(json!({"method": "insertOrUpdateUser", "action": "Assign_admin"})),
        ));
    }
    Ok(())
}

fn unavailable(value: &str) -> Response {
    meteor_error(
        "error-field-unavailable",
        &format!("{value} is already in use :("),
        Some(json!({"method": "insertOrUpdateUser", "field": value})),
    )
}

pub(super) fn update(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.update", &mut body) {
        return response;
    }
    if let Err(response) = two_factor_required(state, request, user_id, false) {
        return response;
    }
    let target = body.get("userId").and_then(Value::as_str).unwrap_or("").to_owned();
    if !state.users.iter().any(|u| u.id == target) {
        return meteor_error(
            "error-invalid-user",
            "The optional \"userId\" param provided does not match any users",
            None,
        );
    }
    if target != user_id && !state.has_permission(user_id, "edit-other-user-info") {
        return meteor_error(
            "error-action-not-allowed",
            "Editing user is not allowed",
            Some(json!({"method": "insertOrUpdateUser", "action": "Editing_user"})),
        );
    }
    let data = body.get("data").and_then(Value::as_object).cloned().unwrap_or_default();
    if let Err(response) = apply_update(state, user_id, &target, &data) {
        return response;
    }
    let user = state.users.iter().find(|u| u.id == target).expect("checked above");
    success(json!({"user": admin_view(state, user, user_id, false)}))
}

fn apply_update(
    state: &mut State,
    caller: &str,
    target: &str,
    data: &Map<String, Value>,
) -> Result<(), Response> {
    let roles: Option<Vec<String>> = data
        .get("roles")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    let username = text(data, "username").unwrap_or_default();
    let email = text(data, "email").unwrap_or_default();
    validate_user_data(
        state,
        caller,
        Some(target),
        &username,
        &email,
        "",
        roles.as_deref().unwrap_or(&[]),
    )?;
    if data.contains_key("active") && !state.has_permission(caller, "edit-other-user-active-status")
    {
        return Err(meteor_error(
            "error-action-not-allowed",
            "Edit user active status is not allowed",
            Some(json!({"method": "insertOrUpdateUser", "action": "Edit_user_active_status"})),
        ));
    }
    let may_set_password = state.has_permission(caller, "edit-other-user-password");
    let user = state.user_mut(target);
    write_identity(user, data);
    write_access(user, data, roles, may_set_password);
    user.updated_at = now_ms();
    Ok(())
}

fn text(data: &Map<String, Value>, key: &str) -> Option<String> {
    data.get(key).and_then(Value::as_str).map(|s| s.trim().to_owned())
}

/// Username, e-mail (unverified unless `verified`), name and the free-text fields.
fn write_identity(user: &mut User, data: &Map<String, Value>) {
    let verified = data.get("verified").and_then(Value::as_bool);
    if let Some(username) = text(data, "username").filter(|u| !u.is_empty()) {
        user.username = username;
    }
    match text(data, "email").filter(|e| !e.is_empty()) {
        Some(email) if user.email() != Some(email.as_str()) => {
            user.emails = vec![(email, verified == Some(true))];
        }
        _ => {
            if let Some(verified) = verified {
                user.emails.iter_mut().take(1).for_each(|(_, v)| *v = verified);
            }
        }
    }
    if let Some(name) = text(data, "name").filter(|n| !n.is_empty()) {
        user.name = name;
    }
    for (key, slot) in [
        ("nickname", &mut user.nickname),
        ("bio", &mut user.bio),
        ("statusText", &mut user.status_text),
    ] {
        if let Some(value) = text(data, key) {
            *slot = Some(value).filter(|v| !v.is_empty());
        }
    }
    if let Some(fields) = data.get("customFields").and_then(Value::as_object) {
        user.custom_fields = Some(fields.clone());
    }
}

/// Roles (replaced whole), active flag and password; the last two revoke every token.
fn write_access(
    user: &mut User,
    data: &Map<String, Value>,
    roles: Option<Vec<String>>,
    may_set_password: bool,
) {
    if let Some(roles) = roles {
        user.roles = roles;
    }
    if let Some(flag) = data.get("requirePasswordChange").and_then(Value::as_bool) {
        user.require_password_change = flag;
    }
    if let Some(active) = data.get("active").and_then(Value::as_bool) {
        user.active = active;
        if !active {
            user.tokens.clear();
        }
    }
    // Without edit-other-user-password the password is dropped without a word.
    if let Some(password) = text(data, "password").filter(|p| !p.is_empty() && may_set_password) {
        user.password_digest = Some(sha256_hex(&password));
        user.tokens.clear();
    }
}

pub(super) fn set_active_status(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.setActiveStatus", &mut body) {
        return response;
    }
    if !state.has_permission(user_id, "edit-other-user-active-status")
        && !state.has_permission(user_id, "manage-moderation-actions")
    {
        return permission_denied(state.mode);
    }
    let target = body.get("userId").and_then(Value::as_str).unwrap_or("");
    let active = body.get("activeStatus").and_then(Value::as_bool).unwrap_or(false);
    let Some(user) = state.users.iter_mut().find(|u| u.id == target) else {
        return plain_failure("User not found");
    };
    user.active = active;
    if !active {
        user.tokens.clear();
    }
    success(json!({"user": {"_id": user.id, "active": user.active}}))
}

pub(super) fn delete(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.delete", &mut body) {
        return response;
    }
    if !state.has_permission(user_id, "delete-user") {
        return permission_denied(state.mode);
    }
    let named = ["userId", "username", "user"].iter().any(|k| body.get(*k).is_some());
    if !named {
        return meteor_error(
            "error-user-param-not-provided",
            "The required \"userId\" or \"username\" param was not provided",
            None,
        );
    }
    let target = match target_user(state, &body, user_id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    state.users.retain(|u| u.id != target);
    if state.mode == Mode::V8 { success(json!({"deletedRooms": []})) } else { success(json!({})) }
}
