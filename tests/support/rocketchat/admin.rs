//! Reading other accounts: `users.info` (by `userId`, `username`, 8.x also `email`; `services`
//! only about yourself) and `users.list` (`view-d-room`; pages of `count` from `offset`, default
//! `API_Default_Count` 50, at most `API_Upper_Count_Limit` 100, `sort` as JSON, sorted by
//! username by default; `query` is ignored from 7.0 and so here in every mode; 8.x filters by
//! `email` for callers with `view-full-other-user-info`, 403 for others; with
//! `API_Apply_permission_view-outside-room_on_users-list` on, `view-outside-room` is needed).
//! Each `users.list` record holds only the list's projection ([`list_members`]), never what
//! `users.info` adds (nickname, bio, status text, custom fields, `requirePasswordChange`, ...).

use serde_json::{Value, json};

use super::docs::{admin_view, base_fields};
use super::util::{
    check_schema, forbidden, meteor_error, permission_denied, plain_failure, query, success,
};
use super::{Mode, State};
use crate::support::http::{Request, Response};

pub(super) fn info(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut params = query(request);
    if let Err(response) = check_schema(state.mode, "users.info", &mut params) {
        return response;
    }
    let text = |key: &str| params.get(key).and_then(Value::as_str).map(str::to_owned);
    let found = if let Some(id) = text("userId") {
        state.users.iter().find(|u| u.id == id)
    } else if let Some(name) = text("username") {
        state.find_by_username(&name)
    } else if let Some(email) = text("email").filter(|_| state.mode == Mode::V8) {
        // Another user's address is searched only with `view-full-other-user-info`.
        let full = state.has_permission(user_id, "view-full-other-user-info");
        state.users.iter().find(|u| {
            (full || u.id == user_id)
                && u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(&email))
        })
    } else {
        return plain_failure("Invalid search query.");
    };
    match found {
        Some(user) => success(json!({"user": admin_view(state, user, user_id, true)})),
        None => plain_failure("User not found."),
    }
}

pub(super) fn list(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut params = query(request);
    if let Err(response) = check_schema(state.mode, "users.list", &mut params) {
        return response;
    }
    if !state.has_permission(user_id, "view-d-room") {
        return permission_denied(state.mode);
    }
    if state.setting_flag("API_Apply_permission_view-outside-room_on_users-list")
        && !state.has_permission(user_id, "view-outside-room")
    {
        return permission_denied(state.mode);
    }
    let email = params.get("email").and_then(Value::as_str).filter(|_| state.mode == Mode::V8);
    if email.is_some() && !state.has_permission(user_id, "view-full-other-user-info") {
        return forbidden();
    }
    let number =
        |key: &str| params.get(key).and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()));
    let offset = number("offset").unwrap_or(0).max(0) as usize;
    let count = number("count")
        .map_or(state.settings.default_count, |c| c.max(0) as usize)
        .min(state.settings.max_count);
    let mut users: Vec<&super::User> = state
        .users
        .iter()
        .filter(|u| email.is_none_or(|e| u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(e))))
        .collect();
    sort_users(&mut users, params.get("sort").and_then(Value::as_str));
    let total = users.len();
    let members = match list_members(state, user_id, params.get("fields").and_then(Value::as_str)) {
        Ok(members) => members,
        Err(response) => return response,
    };
    let page: Vec<Value> =
        users.iter().skip(offset).take(count).map(|u| list_record(state, u, &members)).collect();
    success(json!({"users": page, "count": page.len(), "offset": offset, "total": total}))
}

/// What `users.list` projects by default (`getNonEmptyFields`).
const LIST_DEFAULTS: &[&str] =
    &["name", "username", "emails", "roles", "status", "active", "avatarETag", "lastLogin", "type"];

/// Never selectable on any route (`defaultFieldsToExclude`).
const NEVER: &[&str] = &["joinCode", "members", "importIds", "e2e"];

/// Not selectable on `users.*` routes by a caller without `view-full-other-user-info`
/// (`limitedUserFieldsToExclude`); with it, only `services` and `inviteToken` are not.
const LIMITED: &[&str] = &[
    "avatarOrigin",
    "emails",
    "phone",
    "statusConnection",
    "createdAt",
    "lastLogin",
    "services",
    "requirePasswordChange",
    "requirePasswordChangeReason",
    "roles",
    "statusDefault",
    "_updatedAt",
    "settings",
    "inviteToken",
];
const PRIVILEGED: &[&str] = &["services", "inviteToken"];

/// The members of each `users.list` record for `caller` (`parseJsonQuery`, then
/// `getNonEmptyFields` and `getInclusiveFields`): the defaults and what the deprecated
/// `fields` parameter adds, less what the caller may not see; `_id` always.
fn list_members(
    state: &State,
    caller: &str,
    fields: Option<&str>,
) -> Result<Vec<String>, Response> {
    let excluded: Vec<&str> = if state.has_permission(caller, "view-full-other-user-info") {
        NEVER.iter().chain(PRIVILEGED).copied().collect()
    } else {
        NEVER.iter().chain(LIMITED).copied().collect()
    };
    let mut members: Vec<String> = LIST_DEFAULTS.iter().map(|&m| m.to_owned()).collect();
    if let Some(text) = fields {
        let invalid = || {
            meteor_error(
                "error-invalid-fields",
                &format!("Invalid fields parameter provided: \"{text}\""),
                None,
            )
        };
        let parsed: serde_json::Map<String, Value> =
            serde_json::from_str(text).map_err(|_| invalid())?;
        for (name, value) in parsed {
            let first = name.split('.').next().unwrap_or_default();
            if excluded.contains(&name.as_str()) || excluded.contains(&first) {
                continue;
            }
            match value.as_i64() {
                Some(1) if !members.contains(&name) => members.push(name),
                Some(1) => {}
                Some(0) => members.retain(|member| *member != name),
                _ => return Err(invalid()),
            }
        }
    }
    members.retain(|member| !excluded.contains(&member.as_str()));
    Ok(members)
}

/// One record of a `users.list` page: `_id`, the projected members the user has, and the
/// `nameInsensitive` the server's aggregation adds for sorting.
fn list_record(state: &State, user: &super::User, members: &[String]) -> Value {
    if state.settings.raw_documents {
        return super::docs::raw_user(user);
    }
    let doc = base_fields(user);
    let mut record = serde_json::Map::new();
    record.insert("_id".into(), json!(user.id));
    for member in members {
        if let Some(value) = doc.get(member.as_str()) {
            record.insert(member.clone(), value.clone());
        }
    }
    record.insert("nameInsensitive".into(), json!(user.name.to_lowercase()));
    Value::Object(record)
}

/// `sort={"field": 1|-1}` on username, name or createdAt; username ascending otherwise.
fn sort_users(users: &mut [&super::User], sort: Option<&str>) {
    let spec: Value = sort.and_then(|s| serde_json::from_str(s).ok()).unwrap_or(Value::Null);
    let (field, direction) = spec
        .as_object()
        .and_then(|m| m.iter().next())
        .map_or(("username".to_owned(), 1), |(k, v)| (k.clone(), v.as_i64().unwrap_or(1)));
    users.sort_by(|a, b| {
        let order = match field.as_str() {
            "name" => a.name.cmp(&b.name),
            "createdAt" => a.created_at.cmp(&b.created_at),
            _ => a.username.cmp(&b.username),
        };
        if direction < 0 { order.reverse() } else { order }
    });
}
