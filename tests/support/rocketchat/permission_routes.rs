//! `GET permissions.listAll` (any authenticated user; `{update: [{_id, roles, _updatedAt}],
//! remove: []}`, only the permissions changed after `updatedSince` when it is given) and
//! `POST permissions.update` (`access-permissions`; replaces each named permission's role list;
//! unknown ids `error-invalid-permission`, unknown roles `error-invalid-role`, both plain
//! failures with an `errorType`; answers every permission). Source: 8.x
//! `app/api/server/v1/permissions.ts`.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::State;
use super::util::{
    check_schema, iso, json_body, meteor_error, parse_iso, permission_denied, query, success,
};
use crate::support::http::{Request, Response};

fn failure(error: &str, error_type: &str) -> Response {
    Response::json(400, &json!({"success": false, "error": error, "errorType": error_type}))
}

fn permission_doc(state: &State, id: &str, roles: &[String]) -> Value {
    json!({"_id": id, "roles": roles, "_updatedAt": iso(state.permission_updated_at(id))})
}

pub(super) fn list_all(state: &mut State, request: &Request, _user_id: &str) -> Response {
    let mut params = query(request);
    if let Err(response) = check_schema(state.mode, "permissions.listAll", &mut params) {
        return response;
    }
    let since = match params.get("updatedSince").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => match parse_iso(text) {
            Some(ms) => Some(ms),
            None => {
                return meteor_error(
                    "error-roomId-param-invalid",
                    "The \"updatedSince\" query parameter must be a valid date.",
                    None,
                );
            }
        },
    };
    let update: Vec<Value> = state
        .permissions
        .iter()
        .filter(|(id, _)| since.is_none_or(|ms| state.permission_updated_at(id) as i64 > ms))
        .map(|(id, roles)| permission_doc(state, id, roles))
        .collect();
    success(json!({"update": update, "remove": []}))
}

pub(super) fn update(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "permissions.update", &mut body) {
        return response;
    }
    if !state.has_permission(user_id, "access-permissions") {
        return permission_denied(state.mode);
    }
    let Some(wanted) = parse_update(&body) else {
        return failure("Invalid body params", "error-invalid-body-params");
    };
    let known: BTreeSet<&String> =
        wanted.iter().map(|(id, _)| id).filter(|id| state.permissions.contains_key(*id)).collect();
    if known.len() != wanted.len() {
        return failure("Invalid permission", "error-invalid-permission");
    }
    let roles: BTreeSet<&String> = wanted.iter().flat_map(|(_, roles)| roles).collect();
    if roles.iter().any(|role| !state.roles.contains(role)) {
        return failure("Invalid role", "error-invalid-role");
    }
    for (id, roles) in wanted.clone() {
        state.set_permission_roles(&id, roles);
    }
    let all: Vec<Value> =
        state.permissions.iter().map(|(id, roles)| permission_doc(state, id, roles)).collect();
    success(json!({"permissions": all}))
}

/// `{permissions: [{_id, roles: [..]}]}` as pairs, or None when the body is not of that shape.
fn parse_update(body: &Value) -> Option<Vec<(String, Vec<String>)>> {
    body.get("permissions")?
        .as_array()?
        .iter()
        .map(|item| {
            let id = item.get("_id")?.as_str()?.to_owned();
            let roles = item.get("roles")?.as_array()?;
            let roles: Option<Vec<String>> =
                roles.iter().map(|r| r.as_str().map(str::to_owned)).collect();
            Some((id, roles?))
        })
        .collect()
}
