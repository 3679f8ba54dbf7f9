//! `users.update` (6.3/7.x/8.x `saveUser`), in the server's order: schema, two-factor, the name
//! characters, `validateUserData` (verified-self, `edit-other-user-info`, roles, username
//! pattern), `validateUserEditing` (`assign-roles`; the Allow settings bind unless the caller
//! may edit other users and is not editing themselves), then every write on a copy that is kept
//! only when all of them pass: identity (reserved, invalid or taken usernames are
//! `error-could-not-save-identity`), status text, e-mail, password (only with
//! `edit-other-user-password`, else skipped without a word; the password policy applies), bio
//! and nickname (260 and 120 UTF-16 units), roles, flags, custom fields. `active` is applied
//! last, as the route does after saving.

use serde_json::{Map, Value, json};

use super::custom_fields;
use super::docs::admin_view;
use super::presence::cut_status_text;
use super::profile::valid_name_chars;
use super::profile_writes::policy_failures;
use super::two_factor::two_factor_required;
use super::user_checks::{check_email_domain, check_roles, not_allowed, username_usable};
use super::util::{
    check_schema, json_body, meteor_error, now_ms, plain_failure, sha256_hex, success,
};
use super::{Mode, State, User};
use crate::support::http::{Request, Response};

pub(super) fn update(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.update", &mut body) {
        return response;
    }
    if let Err(response) = two_factor_required(state, request, user_id, false) {
        return response;
    }
    let data = body.get("data").and_then(Value::as_object).cloned().unwrap_or_default();
    let name = text(&data, "name").unwrap_or_default();
    if matches!(state.mode, Mode::V7 | Mode::V8) && !valid_name_chars(&name) {
        return plain_failure("Name contains invalid characters");
    }
    let target = body.get("userId").and_then(Value::as_str).unwrap_or("").to_owned();
    if !state.users.iter().any(|u| u.id == target) {
        return meteor_error(
            "error-invalid-user",
            "The optional \"userId\" param provided does not match any users",
            None,
        );
    }
    let result = validate_user_data(state, user_id, &target, &data)
        .and_then(|()| validate_user_editing(state, user_id, &target, &data))
        .and_then(|()| edited_copy(state, user_id, &target, &data));
    let updated = match result {
        Ok(user) => user,
        Err(response) => return response,
    };
    *state.user_mut(&target) = updated;
    if let Some(active) = data.get("active").and_then(Value::as_bool) {
        if !state.has_permission(user_id, "edit-other-user-active-status") {
            return not_allowed(
                "Edit user active status is not allowed",
                "Edit_user_active_status",
            );
        }
        let user = state.user_mut(&target);
        user.active = active;
        if !active {
            user.tokens.clear();
        }
    }
    let user = state.users.iter().find(|u| u.id == target).expect("checked above");
    success(json!({"user": admin_view(state, user, user_id, false)}))
}

fn text(data: &Map<String, Value>, key: &str) -> Option<String> {
    data.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn roles_of(data: &Map<String, Value>) -> Option<Vec<String>> {
    data.get("roles")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
}

fn validate_user_data(
    state: &State,
    caller: &str,
    target: &str,
    data: &Map<String, Value>,
) -> Result<(), Response> {
    if data.get("verified") == Some(&Value::Bool(true)) && caller == target {
        return Err(not_allowed("Editing email verification is not allowed", "Editing_user"));
    }
    if caller != target && !state.has_permission(caller, "edit-other-user-info") {
        return Err(not_allowed("Editing user is not allowed", "Editing_user"));
    }
    check_roles(state, caller, &roles_of(data).unwrap_or_default())?;
    let username = text(data, "username").unwrap_or_default();
    if !username.is_empty() && !super::user_checks::valid_username_chars(&username) {
        return Err(meteor_error(
            "error-input-is-not-a-valid-field",
            &format!("{} is not a valid username", super::user_checks::escape(&username)),
            Some(json!({"method": "insertOrUpdateUser", "input": username, "field": "Username"})),
        ));
    }
    Ok(())
}

fn validate_user_editing(
    state: &State,
    caller: &str,
    target: &str,
    data: &Map<String, Value>,
) -> Result<(), Response> {
    let user = state.users.iter().find(|u| u.id == target).expect("checked by the route");
    let myself = caller == target;
    let other_info = state.has_permission(caller, "edit-other-user-info");
    let other_password = state.has_permission(caller, "edit-other-user-password");
    let s = &state.settings;
    if let Some(roles) = roles_of(data) {
        let differs = roles.iter().any(|r| !user.roles.contains(r))
            || user.roles.iter().any(|r| !roles.contains(r));
        if differs && !state.has_permission(caller, "assign-roles") {
            return Err(not_allowed("Assign roles is not allowed", "Assign_role"));
        }
    }
    if !s.allow_user_profile_change && !other_info && !other_password {
        return Err(not_allowed("Edit user profile is not allowed", "Update_user"));
    }
    let bound = !other_info || myself;
    let edits =
        |key: &str, old: Option<&str>| text(data, key).is_some_and(|new| Some(new.as_str()) != old);
    let checks = [
        (
            "username",
            Some(user.username.as_str()),
            s.allow_username_change,
            "Edit username is not allowed",
        ),
        (
            "statusText",
            user.status_text.as_deref(),
            s.allow_status_message_change,
            "Edit user status is not allowed",
        ),
        (
            "name",
            Some(user.name.as_str()),
            s.allow_real_name_change,
            "Edit user real name is not allowed",
        ),
    ];
    for (key, old, allowed, reason) in checks {
        if edits(key, old) && !allowed && bound {
            return Err(not_allowed(reason, "Update_user"));
        }
    }
    if user.email().is_some() && edits("email", user.email()) && !s.allow_email_change && bound {
        return Err(not_allowed("Edit user email is not allowed", "Update_user"));
    }
    let password = text(data, "password").is_some_and(|p| !p.is_empty());
    if password && !s.allow_password_change && (!other_password || myself) {
        return Err(not_allowed("Edit user password is not allowed", "Update_user"));
    }
    Ok(())
}

/// Every write of `saveUser`, on a copy of the user: the first error leaves the stored user as
/// it was (the server applies one updater at the end).
fn edited_copy(
    state: &State,
    caller: &str,
    target: &str,
    data: &Map<String, Value>,
) -> Result<User, Response> {
    let mut user = state.users.iter().find(|u| u.id == target).cloned().expect("checked");
    write_identity(state, &mut user, data)?;
    if let Some(status) = text(data, "statusText") {
        user.status_text = Some(cut_status_text(&status)).filter(|t| !t.is_empty());
    }
    write_email(state, &mut user, data)?;
    write_password(state, caller, &mut user, data)?;
    write_texts(&mut user, data)?;
    if let Some(roles) = roles_of(data) {
        user.roles = roles;
    }
    if let Some(flag) = data.get("requirePasswordChange").and_then(Value::as_bool) {
        user.require_password_change = flag;
        user.require_password_change_stored = true;
        if !flag {
            user.require_password_change_reason = None;
        }
    }
    if let Some(fields) = data.get("customFields").and_then(Value::as_object)
        && let Some(saved) = custom_fields::saved(state, user.custom_fields.as_ref(), fields)?
    {
        user.custom_fields = Some(saved);
    }
    user.updated_at = now_ms();
    Ok(user)
}

/// `saveUserIdentity`: a username not valid, blocked or taken, or a blank name where names are
/// required, is refused as a whole.
fn write_identity(
    state: &State,
    user: &mut User,
    data: &Map<String, Value>,
) -> Result<(), Response> {
    let refused = || {
        meteor_error(
            "error-could-not-save-identity",
            "Could not save user identity",
            Some(json!({"method": "saveUser"})),
        )
    };
    if let Some(username) =
        text(data, "username").map(|u| u.trim().to_owned()).filter(|u| !u.is_empty())
    {
        if !username_usable(state, &user.id, &username) {
            return Err(refused());
        }
        user.username = username;
    }
    if let Some(name) = text(data, "name") {
        if name.trim().is_empty() && state.settings.require_name {
            return Err(refused());
        }
        user.name = name.trim().to_owned();
    }
    Ok(())
}

/// `setEmail`: the domain checks, then availability; a new address is unverified unless
/// `verified` is sent; `verified` alone (or with the same address) marks the first address.
fn write_email(state: &State, user: &mut User, data: &Map<String, Value>) -> Result<(), Response> {
    let verified = data.get("verified").and_then(Value::as_bool);
    let Some(email) = text(data, "email").map(|e| e.trim().to_owned()).filter(|e| !e.is_empty())
    else {
        if let Some(verified) = verified {
            user.emails.iter_mut().take(1).for_each(|(_, v)| *v = verified);
        }
        return Ok(());
    };
    check_email_domain(state, &email)?;
    if user.email().is_some_and(|current| current.eq_ignore_ascii_case(&email)) {
        if let Some(verified) = verified {
            user.emails.iter_mut().take(1).for_each(|(_, v)| *v = verified);
        }
        return Ok(());
    }
    let taken = state
        .users
        .iter()
        .any(|u| u.id != user.id && u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(&email)));
    if taken {
        return Err(meteor_error(
            "error-field-unavailable",
            &format!("{email} is already in use :("),
            Some(json!({"function": "_setEmail", "field": email})),
        ));
    }
    user.emails = vec![(email, verified == Some(true))];
    Ok(())
}

/// The password, trimmed, only with `edit-other-user-password` (silently skipped without it)
/// and when it meets the policy; setting it revokes every token of the user.
fn write_password(
    state: &State,
    caller: &str,
    user: &mut User,
    data: &Map<String, Value>,
) -> Result<(), Response> {
    let Some(password) =
        text(data, "password").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty())
    else {
        return Ok(());
    };
    if !state.has_permission(caller, "edit-other-user-password") {
        return Ok(());
    }
    if let Some(policy) = &state.settings.password_policy {
        let failures = policy_failures(policy, &password);
        if !failures.is_empty() {
            let details: Vec<Value> =
                failures.iter().map(|(e, m)| json!({"error": e, "message": m})).collect();
            return Err(meteor_error(
                "error-password-policy-not-met",
                "The password provided does not meet the server's password policy.",
                Some(Value::Array(details)),
            ));
        }
    }
    user.password_digest = Some(sha256_hex(&password));
    user.tokens.clear();
    Ok(())
}

/// `handleBio` and `handleNickname`: too long (counted in UTF-16 units, as JavaScript's
/// `.length`) is refused; `""` removes the field; anything else is stored trimmed.
fn write_texts(user: &mut User, data: &Map<String, Value>) -> Result<(), Response> {
    check_text_lengths(data)?;
    for key in ["bio", "nickname"] {
        let Some(value) = text(data, key) else { continue };
        let slot = if key == "bio" { &mut user.bio } else { &mut user.nickname };
        *slot = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    }
    Ok(())
}

/// The bio and nickname limits of `handleBio`/`handleNickname` (also on `users.create`).
pub(super) fn check_text_lengths(data: &Map<String, Value>) -> Result<(), Response> {
    for (key, max, code, label) in [
        ("bio", 260, "error-bio-size-exceeded", "Bio"),
        ("nickname", 120, "error-nickname-size-exceeded", "Nickname"),
    ] {
        if text(data, key).is_some_and(|value| value.encode_utf16().count() > max) {
            return Err(meteor_error(
                code,
                &format!("{label} size exceeds {max} characters"),
                None,
            ));
        }
    }
    Ok(())
}
