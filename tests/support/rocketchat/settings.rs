//! `GET /api/v1/settings.public` (no auth): the public settings rocketctl reads, paged like
//! every list. The `_id` filter (comma-separated ids) exists from 7.0; a 6.3 server ignores it
//! and answers every public setting.

use serde_json::{Value, json};

use super::util::{check_schema, query, success};
use super::{Mode, State};
use crate::support::http::{Request, Response};

pub(super) fn public(state: &mut State, request: &Request) -> Response {
    let mut params = query(request);
    if state.mode != Mode::V6_3
        && state.mode != Mode::V2
        && let Err(response) = check_schema(state.mode, "settings.public", &mut params)
    {
        return response;
    }
    let wanted: Option<Vec<String>> = params
        .get("_id")
        .and_then(Value::as_str)
        .filter(|ids| !ids.is_empty() && state.mode != Mode::V6_3 && state.mode != Mode::V2)
        .map(|ids| ids.split(',').map(|id| id.trim().to_owned()).collect());
    let all: Vec<Value> = public_settings(state)
        .into_iter()
        .filter(|(id, _)| wanted.as_ref().is_none_or(|w| w.contains(id)))
        .map(|(id, value)| json!({"_id": id, "value": value, "enterprise": false}))
        .collect();
    let number = |key: &str, default: usize| {
        params.get(key).and_then(Value::as_i64).map_or(default, |n| n.max(0) as usize)
    };
    let offset = number("offset", 0);
    let count = number("count", state.settings.default_count).min(state.settings.max_count);
    let page: Vec<Value> = all.iter().skip(offset).take(count).cloned().collect();
    success(json!({"settings": page, "count": page.len(), "offset": offset, "total": all.len()}))
}

/// Every public setting the stand-in models, with its current value.
pub fn public_settings(state: &State) -> Vec<(String, Value)> {
    let s = &state.settings;
    let custom = s.custom_fields.as_ref().map_or(String::new(), Value::to_string);
    let mut list: Vec<(String, Value)> = [
        ("Accounts_AllowEmailChange", json!(s.allow_email_change)),
        ("Accounts_AllowInvisibleStatusOption", json!(s.allow_invisible_status)),
        ("Accounts_AllowPasswordChange", json!(s.allow_password_change)),
        ("Accounts_AllowRealNameChange", json!(s.allow_real_name_change)),
        ("Accounts_AllowUserAvatarChange", json!(s.allow_user_avatar_change)),
        ("Accounts_AllowUserProfileChange", json!(s.allow_user_profile_change)),
        ("Accounts_AllowUserStatusMessageChange", json!(s.allow_status_message_change)),
        ("Accounts_AllowUsernameChange", json!(s.allow_username_change)),
        ("Accounts_AvatarBlockUnauthenticatedAccess", json!(s.avatar_block_unauthenticated)),
        ("Accounts_CustomFields", json!(custom)),
        ("Accounts_TwoFactorAuthentication_By_Email_Enabled", json!(s.two_factor_by_email)),
        ("Accounts_TwoFactorAuthentication_By_TOTP_Enabled", json!(s.two_factor_by_totp)),
        ("Accounts_TwoFactorAuthentication_Enabled", json!(s.two_factor_enabled)),
        (
            "Accounts_TwoFactorAuthentication_Enforce_Password_Fallback",
            json!(s.enforce_password_fallback),
        ),
        ("FileUpload_MaxFileSize", json!(s.max_file_size)),
    ]
    .into_iter()
    .map(|(id, value)| (id.to_owned(), value))
    .collect();
    list.extend(s.public_extra.iter().cloned());
    list
}
