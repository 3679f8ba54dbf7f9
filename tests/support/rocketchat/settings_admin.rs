//! The administrator's settings routes (8.7 `app/api/server/v1/settings.ts`):
//! `GET settings` (every setting not hidden for `view-privileged-setting`, else the public
//! ones; `includeDefaults` adds `packageValue`), `GET settings/:_id` (`view-privileged-setting`;
//! a hidden or unknown id is a bare 400 `{success: false}`) and `POST settings/:_id {value}`
//! (`edit-privileged-setting`, two-factor protected; no type check, only the bounds of number
//! settings; a setting blocked by `SETTINGS_BLOCKED` is not updated: the same bare 400).

use serde_json::{Value, json};

use super::settings::page;
use super::settings_registry::{Kind, definition, number, visible};
use super::two_factor::two_factor_required;
use super::util::{check_schema, json_body, meteor_error, permission_denied, query, success};
use super::{Mode, State};
use crate::support::http::{Request, Response};
use crate::support::schema;

/// `API.v1.failure()` without a message.
fn bare_failure() -> Response {
    Response::json(400, &json!({"success": false}))
}

pub(super) fn list(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut params = query(request);
    if let Err(response) = check_schema(state.mode, "settings", &mut params) {
        return response;
    }
    let privileged = state.has_permission(user_id, "view-privileged-setting");
    let defaults = params.get("includeDefaults") == Some(&Value::Bool(true))
        || params.get("includeDefaults").and_then(Value::as_str) == Some("true");
    let mut items: Vec<(String, Value)> = visible()
        .filter(|def| privileged || def.public)
        .filter_map(|def| {
            let mut item =
                json!({"_id": def.id, "value": state.setting_value(def.id)?, "enterprise": false});
            if defaults {
                item["packageValue"] = def.package_value();
            }
            Some((def.id.to_owned(), item))
        })
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let items: Vec<Value> = items.into_iter().map(|(_, item)| item).collect();
    page(state, &params, &items)
}

pub(super) fn get_one(state: &mut State, _request: &Request, user_id: &str, id: &str) -> Response {
    if !state.has_permission(user_id, "view-privileged-setting") {
        return permission_denied(state.mode);
    }
    match definition(id).filter(|def| !def.hidden).and_then(|_| state.setting_value(id)) {
        Some(value) => success(json!({"_id": id, "value": value})),
        None => bare_failure(),
    }
}

pub(super) fn set_one(state: &mut State, request: &Request, user_id: &str, id: &str) -> Response {
    let mut body = json_body(request);
    let body_schema = json!({"type": "object", "properties": {"value": {}, "execute": {"type": "boolean"}, "editor": {"type": "string"}}});
    if state.mode == Mode::V8
        && let Err(message) = schema::validate(&body_schema, &mut body)
    {
        return super::util::invalid_params(state.mode, &message);
    }
    if !state.has_permission(user_id, "edit-privileged-setting") {
        return permission_denied(state.mode);
    }
    if let Err(response) = two_factor_required(state, request, user_id, false) {
        return response;
    }
    let Some(def) = definition(id).filter(|def| !def.hidden) else {
        return bare_failure();
    };
    let Some(value) = body.get("value").cloned() else {
        return bare_failure();
    };
    if let Kind::Range(min, max) = def.kind
        && let Some(n) = number(&value)
    {
        let bound = if n < min as f64 {
            Some(format!("greater than or equal to {min}"))
        } else if n > max as f64 {
            Some(format!("less than or equal to {max}"))
        } else {
            None
        };
        if let Some(bound) = bound {
            return meteor_error(
                "error-invalid-setting-value",
                &format!("Value for setting {id} must be {bound}"),
                None,
            );
        }
    }
    if state.settings.blocked.contains(id) {
        return bare_failure();
    }
    state.write_setting(id, value);
    success(json!({}))
}
