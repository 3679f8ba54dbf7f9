//! `users.updateOwnBasicInfo` (users.ts and saveUserProfile.ts, 2.x-8.x), in the server's
//! order: schema, 2FA, settings, field rules, writes, custom fields last.

use serde_json::{Map, Value, json};

use super::custom_fields;
use super::docs::{raw_user, user_info};
use super::profile_writes::{set_email, set_password};
use super::two_factor::{check_factor, second_factor_method};
use super::user_checks::username_usable;
use super::util::{invalid_params, meteor_error, now_ms, plain_failure};
use super::{Mode, State};
use crate::support::http::{Request, Response};
use crate::support::schema;

// ------------------------------------------------------------------------------------------
// users.updateOwnBasicInfo (users.ts + saveUserProfile.ts)

pub(super) fn update_own_basic_info(
    state: &mut State,
    request: &Request,
    user_id: &str,
) -> Response {
    let mut body: Value = match serde_json::from_slice(&request.body) {
        Ok(body) => body,
        Err(_) => Value::Object(Map::new()),
    };
    let schema = schema::update_own_basic_info(state.mode.schema_version());
    if let Err(message) = schema::validate(&schema, &mut body) {
        return invalid_params(state.mode, &message);
    }
    let data = body["data"].as_object().cloned().unwrap_or_default();
    let submitted_fields = body.get("customFields").and_then(Value::as_object).cloned();
    let text = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_owned);
    let change = Change {
        email: text("email"),
        name: text("name"),
        username: text("username"),
        nickname: text("nickname"),
        bio: text("bio"),
        status_text: text("statusText"),
        status_type: text("statusType"),
        current_password: text("currentPassword"),
        new_password: text("newPassword"),
    };

    if state.mode != Mode::V6_3
        && state.mode != Mode::V2
        && let Some(name) = &change.name
        && !valid_name_chars(name)
    {
        return plain_failure("Name contains invalid characters");
    }
    let index = state.users.iter().position(|u| u.id == user_id).expect("authenticated");
    if let Err(response) = second_factor_for_update(state, request, index, &change) {
        return response;
    }
    if let Err(response) = check_settings(state, index, &change) {
        return response;
    }
    if let Err(response) = apply_fields(state, request, index, &change) {
        return response;
    }
    // Custom fields run last: an error here leaves the writes above in place.
    if let Some(fields) = submitted_fields.filter(|f| !f.is_empty()) {
        let current = state.users[index].custom_fields.clone();
        match custom_fields::saved(state, current.as_ref(), &fields) {
            Ok(Some(saved)) => state.users[index].custom_fields = Some(saved),
            Ok(None) => {}
            Err(response) => return response,
        }
    }
    state.users[index].updated_at = now_ms();
    let user = &state.users[index];
    let doc = if state.mode == Mode::V8 && !state.settings.raw_documents {
        user_info(state, user, false)
    } else {
        raw_user(user)
    };
    Response::json(200, &json!({"user": doc, "success": true}))
}

pub(super) struct Change {
    email: Option<String>,
    name: Option<String>,
    username: Option<String>,
    nickname: Option<String>,
    bio: Option<String>,
    status_text: Option<String>,
    status_type: Option<String>,
    current_password: Option<String>,
    new_password: Option<String>,
}

pub(super) fn valid_name_chars(name: &str) -> bool {
    !name.contains(['<', '>', '\\', '/'])
}

pub(super) fn second_factor_for_update(
    state: &mut State,
    request: &Request,
    index: usize,
    change: &Change,
) -> Result<(), Response> {
    let user = &state.users[index];
    let wants_email = change.email.as_deref().is_some_and(|e| !e.is_empty());
    let wants_password = change.new_password.as_deref().is_some_and(|p| !p.is_empty());
    if state.mode == Mode::V2 {
        // ≤2.x: the method checks the typed password itself.
        if (wants_email || wants_password) && user.password_digest.is_some() {
            let typed = change.current_password.as_deref().map(str::to_ascii_lowercase);
            if typed.as_deref() != user.password_digest.as_deref() {
                return Err(meteor_error(
                    "error-invalid-password",
                    "Invalid password",
                    Some(json!({"method": "saveUserProfile"})),
                ));
            }
        }
        return Ok(());
    }
    let required = if state.mode == Mode::V8 {
        (wants_email && !user.emails.is_empty())
            || (wants_password && user.password_digest.is_some() && !user.require_password_change)
    } else {
        wants_email || wants_password
    };
    if !required || !state.settings.two_factor_enabled {
        return Ok(());
    }
    // The endpoint turns currentPassword into {code, method: 'password'}; without it the
    // method reads the X-2fa-* headers (both needed).
    let (code, named) = match &change.current_password {
        Some(current) => (Some(current.clone()), Some("password".to_owned())),
        None => match (request.header("x-2fa-code"), request.header("x-2fa-method")) {
            (Some(code), Some(method)) => (Some(code.to_owned()), Some(method.to_owned())),
            _ => (None, None),
        },
    };
    let method = second_factor_method(user, named.as_deref());
    let username = user.username.clone();
    check_factor(state, index, &method, code.as_deref(), &username).map_err(|(error, details)| {
        let reason = if error == "totp-required" { "TOTP Required" } else { "TOTP Invalid" };
        meteor_error(&error, reason, Some(details))
    })
}

/// `Accounts_AllowUserProfileChange`, then `validateUserEditing` (only fields that differ).
pub(super) fn check_settings(state: &State, index: usize, change: &Change) -> Result<(), Response> {
    let settings = &state.settings;
    let user = &state.users[index];
    if !settings.allow_user_profile_change {
        return Err(meteor_error(
            "error-not-allowed",
            "Not allowed",
            Some(json!({"method": "saveUserProfile"})),
        ));
    }
    let not_allowed = |what: &str| {
        meteor_error(
            "error-action-not-allowed",
            &format!("Edit {what} is not allowed"),
            Some(json!({"method": "insertOrUpdateUser", "action": "Update_user"})),
        )
    };
    let differs =
        |new: &Option<String>, old: Option<&str>| new.as_deref().is_some_and(|n| Some(n) != old);
    if !settings.allow_username_change && differs(&change.username, Some(&user.username)) {
        return Err(not_allowed("username"));
    }
    if !settings.allow_status_message_change
        && differs(&change.status_text, user.status_text.as_deref())
    {
        return Err(not_allowed("user status"));
    }
    if !settings.allow_real_name_change && differs(&change.name, Some(&user.name)) {
        return Err(not_allowed("user real name"));
    }
    if !settings.allow_email_change && differs(&change.email, user.email()) {
        return Err(not_allowed("user email"));
    }
    if !settings.allow_password_change && change.new_password.is_some() {
        return Err(not_allowed("user password"));
    }
    Ok(())
}

pub(super) fn apply_fields(
    state: &mut State,
    request: &Request,
    index: usize,
    change: &Change,
) -> Result<(), Response> {
    let mode = state.mode;
    let identity_error = || {
        meteor_error(
            "error-could-not-save-identity",
            "Could not save user identity",
            Some(json!({"method": "saveUserProfile"})),
        )
    };
    if change.name.as_deref().is_some_and(|n| !n.is_empty())
        || change.username.as_deref().is_some_and(|u| !u.is_empty())
    {
        if let Some(username) = change.username.as_deref().filter(|u| !u.is_empty())
            && !username_usable(state, &state.users[index].id, username)
        {
            return Err(identity_error());
        }
        if let Some(name) = change.name.as_deref() {
            if name.trim().is_empty() && state.settings.require_name {
                return Err(identity_error());
            }
            state.users[index].name = name.trim().to_owned();
        }
        if let Some(username) = change.username.as_deref().filter(|u| !u.is_empty()) {
            state.users[index].username = username.to_owned();
        }
    }
    if change.status_type.as_deref() == Some("offline") && !state.settings.allow_invisible_status {
        return Err(meteor_error("error-status-not-allowed", "Invisible status is disabled", None));
    }
    if let Some(status) = &change.status_type {
        state.users[index].status = status.clone();
    }
    if let Some(text) = &change.status_text {
        state.users[index].status_text = Some(text.clone());
    }
    if let Some(bio) = &change.bio {
        // `bio.length`: UTF-16 units, counted before the trim.
        if bio.encode_utf16().count() > 260 {
            return Err(meteor_error(
                "error-bio-size-exceeded",
                "Bio size exceeds 260 characters",
                None,
            ));
        }
        let bio = bio.trim();
        state.users[index].bio =
            if bio.is_empty() && mode == Mode::V8 { None } else { Some(bio.to_owned()) };
    }
    if let Some(nickname) = &change.nickname {
        if nickname.encode_utf16().count() > 120 {
            return Err(meteor_error(
                "error-nickname-size-exceeded",
                "Nickname size exceeds 120 characters",
                None,
            ));
        }
        // 7.x applies the nickname only when truthy; 8.x clears it with ''.
        if nickname.is_empty() {
            if mode == Mode::V8 {
                state.users[index].nickname = None;
            }
        } else {
            state.users[index].nickname = Some(nickname.clone());
        }
    }
    if let Some(email) = change.email.as_deref().filter(|e| !e.is_empty()) {
        set_email(state, index, email)?;
    }
    if let Some(new_password) = change.new_password.as_deref().filter(|p| !p.is_empty()) {
        set_password(state, request, index, new_password)?;
    }
    Ok(())
}
