//! `POST users.setPreferences {userId?, data}` (8.7-dev route, `saveUserPreferences`): each key
//! of `data` is stored as a preference; `language` also sets the user's top-level `language`,
//! which `/me`, `users.info` and `users.list` answer. Another user's preferences need
//! `edit-other-user-info` (`error-action-not-allowed`, "Editing user is not allowed"); an
//! unknown `userId` is `error-invalid-user`. The 8.8.1 schema allows no other top-level key and
//! only the known preference keys in `data` (`additionalProperties: false` at both levels).

use serde_json::{Value, json};

use super::State;
use super::util::{invalid_params, json_body, meteor_error, success};
use crate::support::http::{Request, Response};

/// The preference keys of rest-typings 8.8.1 `UsersSetPreferenceParamsPOST` that take text.
const TEXT_KEYS: &[&str] = &[
    "language",
    "clockMode",
    "alsoSendThreadToChannel",
    "emailNotificationMode",
    "desktopNotifications",
    "pushNotifications",
    "sidebarSortby",
    "sidebarViewMode",
    "themeAppearence",
    "fontSize",
];

pub(super) fn set_preferences(state: &mut State, request: &Request, caller: &str) -> Response {
    let body = json_body(request);
    let Some(top) = body.as_object() else {
        return invalid_params(state.mode, "must be object");
    };
    if let Some(key) = top.keys().find(|key| !["userId", "data"].contains(&key.as_str())) {
        return invalid_params(state.mode, &format!("must NOT have additional properties '{key}'"));
    }
    let Some(data) = top.get("data").and_then(Value::as_object) else {
        return invalid_params(state.mode, "must have required property 'data'");
    };
    for (key, value) in data {
        if !TEXT_KEYS.contains(&key.as_str()) {
            return invalid_params(
                state.mode,
                &format!("must NOT have additional properties '{key}'"),
            );
        }
        if !value.is_string() {
            return invalid_params(state.mode, &format!("/data/{key} must be string"));
        }
    }
    let target = top.get("userId").and_then(Value::as_str).unwrap_or(caller).to_owned();
    if target != caller && !state.has_permission(caller, "edit-other-user-info") {
        return meteor_error("error-action-not-allowed", "Editing user is not allowed", None);
    }
    let Some(user) = state.users.iter_mut().find(|u| u.id == target) else {
        return meteor_error("error-invalid-user", "Invalid user", None);
    };
    if let Some(language) = data.get("language").and_then(Value::as_str) {
        user.language = Some(language.to_owned());
    }
    let preferences = Value::Object(data.clone());
    success(json!({"user": {"_id": target, "settings": {"preferences": preferences}}}))
}
