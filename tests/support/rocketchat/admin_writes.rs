//! Creating, (de)activating and deleting accounts, as 6.3/7.x/8.x `users.create` (no second
//! factor and no password policy; the checks of `validateUserData` in its order, then the
//! e-mail domain; `joinDefaultChannels` defaults to true; roles default to
//! `Accounts_Registration_Users_Default_Roles`; the address is verified only with `verified`;
//! new users are opted into e-mail 2FA), `users.setActiveStatus` (deactivation revokes every
//! token, personal access tokens included) and `users.delete` (8.x answers `deletedRooms`).
//! `users.update` is in `user_update.rs`.

use serde_json::{Map, Value, json};

use super::custom_fields;
use super::docs::admin_view;
use super::presence::target_user;
use super::profile::valid_name_chars;
use super::user_checks::{
    blocked_username, check_email_domain, check_roles, default_new_user_roles, escape, not_allowed,
    required, unavailable, valid_username_chars,
};
use super::util::{
    check_schema, forbidden, json_body, meteor_error, now_ms, permission_denied, plain_failure,
    success,
};
use super::{Mode, State, User};
use crate::support::http::{Request, Response};

pub(super) fn create(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.create", &mut body) {
        return response;
    }
    // 8.x: `active` without the permission is a plain forbidden().
    if body.get("active").is_some()
        && !state.has_permission(user_id, "edit-other-user-active-status")
    {
        return forbidden();
    }
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or("").trim().to_owned();
    if matches!(state.mode, Mode::V7 | Mode::V8) && !valid_name_chars(&text("name")) {
        return plain_failure("Name contains invalid characters");
    }
    let submitted_fields = body.get("customFields").and_then(Value::as_object).cloned();
    if let Some(fields) = &submitted_fields
        && let Err(response) = custom_fields::validate(state, fields)
    {
        return response;
    }
    if let Err(response) = validate_new_user(state, user_id, &body) {
        return response;
    }
    if let Err(response) = check_email_domain(state, &text("email")) {
        return response;
    }
    if let Some(map) = body.as_object()
        && let Err(response) = super::user_update::check_text_lengths(map)
    {
        return response;
    }
    let user = new_user(state, &body, submitted_fields.as_ref());
    let id = state.add_user(user);
    let user = state.users.iter().find(|u| u.id == id).expect("just added");
    success(json!({"user": admin_view(state, user, user_id, false)}))
}

/// `validateUserData` for a new user, in the server's order.
fn validate_new_user(state: &State, caller: &str, body: &Value) -> Result<(), Response> {
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or("").trim().to_owned();
    if !state.has_permission(caller, "create-user") {
        return Err(not_allowed("Adding user is not allowed", "Adding_user"));
    }
    check_roles(state, caller, &requested_roles(body).unwrap_or_default())?;
    if state.settings.require_name && text("name").is_empty() {
        return Err(required("Name"));
    }
    let username = text("username");
    if username.is_empty() {
        return Err(required("Username"));
    }
    if !valid_username_chars(&username) {
        return Err(meteor_error(
            "error-input-is-not-a-valid-field",
            &format!("{} is not a valid username", escape(&username)),
            Some(json!({"method": "insertOrUpdateUser", "input": username, "field": "Username"})),
        ));
    }
    let random = body.get("setRandomPassword").and_then(Value::as_bool) == Some(true);
    if text("password").is_empty() && !random {
        return Err(required("Password"));
    }
    if blocked_username(state, &username) {
        return Err(meteor_error(
            "error-blocked-username",
            &format!("{} is blocked and can't be used!", escape(&username)),
            Some(json!({"method": "checkUsernameAvailability", "field": username})),
        ));
    }
    if state.users.iter().any(|u| u.username.eq_ignore_ascii_case(&username)) {
        return Err(unavailable(&username));
    }
    let email = text("email");
    let taken = |u: &User| u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(&email));
    if !email.is_empty() && state.users.iter().any(taken) {
        return Err(unavailable(&email));
    }
    Ok(())
}

fn requested_roles(body: &Value) -> Option<Vec<String>> {
    body.get("roles")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
}

fn new_user(state: &State, body: &Value, fields: Option<&Map<String, Value>>) -> User {
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or("").trim().to_owned();
    let flag = |key: &str| body.get(key).and_then(Value::as_bool);
    let random = flag("setRandomPassword") == Some(true);
    let password = if random { format!("random-{}", now_ms()) } else { text("password") };
    let mut user = User::new(&text("username"), &password).created_now();
    user.name = text("name");
    user.emails = vec![(text("email"), flag("verified") == Some(true))];
    user.roles = requested_roles(body)
        .filter(|roles| !roles.is_empty())
        .unwrap_or_else(|| default_new_user_roles(state));
    user.active = flag("active").unwrap_or(true);
    if let Some(required) = flag("requirePasswordChange").or(random.then_some(true)) {
        user.require_password_change = required;
        user.require_password_change_stored = true;
    }
    let kept = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    user.nickname = kept("nickname");
    user.bio = kept("bio");
    user.custom_fields = fields.and_then(|f| custom_fields::on_create(state, f));
    user.welcome_email_sent = flag("sendWelcomeEmail") == Some(true);
    if flag("joinDefaultChannels").unwrap_or(true) {
        user.rooms = vec!["GENERAL".to_owned()];
    }
    let s = &state.settings;
    user.email2fa = s.two_factor_enabled && s.two_factor_by_email && s.two_factor_email_auto_opt_in;
    user
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
