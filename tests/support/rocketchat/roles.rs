//! The roles routes (8.x `app/api/server/v1/roles.ts` and the `authorization:addUserToRole`
//! method): `roles.list`, `roles.getUsersInRole` (`access-permissions`, paged),
//! `roles.addUserToRole` (the permission is checked by the method, after the user and role
//! were found: `error-action-not-allowed`, 400), `roles.removeUserFromRole`
//! (`access-permissions`, 403; `error-admin-required` for the last admin) and, on a Community
//! server, `roles.update` refused as an Enterprise feature. 7.x also names a role by
//! `roleName`; 8.x knows only `roleId`. Room-scoped roles (owner, moderator, leader) are held
//! through room subscriptions, which the stand-in does not model: adding one without a room
//! changes nothing, as on the server.

use serde_json::{Value, json};

use super::permissions::role_definition;
use super::util::{
    check_schema, json_body, meteor_error, permission_denied, plain_failure, query, success,
};
use super::{Mode, State, User};
use crate::support::http::{Request, Response};

fn role_doc(name: &str) -> Value {
    let (scope, description) = role_definition(name).unwrap_or(("Users", ""));
    json!({"_id": name, "name": name, "scope": scope, "description": description,
           "protected": true, "mandatory2fa": false})
}

fn is_global(name: &str) -> bool {
    role_definition(name).is_none_or(|(scope, _)| scope == "Users")
}

pub(super) fn list(state: &mut State, _request: &Request, _user_id: &str) -> Response {
    let roles: Vec<Value> = state.roles.iter().map(|r| role_doc(r)).collect();
    success(json!({"roles": roles}))
}

pub(super) fn get_users_in_role(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut params = query(request);
    if let Err(response) = check_schema(state.mode, "roles.getUsersInRole", &mut params) {
        return response;
    }
    if !state.has_permission(user_id, "access-permissions") {
        return permission_denied(state.mode);
    }
    let text = |key: &str| params.get(key).and_then(Value::as_str).filter(|s| !s.is_empty());
    let Some(role) = text("role").map(str::to_owned) else {
        return meteor_error("error-param-not-provided", "Query param \"role\" is required", None);
    };
    if text("roomId").is_some() && !state.has_permission(user_id, "view-other-user-channels") {
        return meteor_error("error-not-allowed", "Not allowed", None);
    }
    if !state.roles.contains(&role) {
        return Response::json(
            400,
            &json!({"success": false, "error": "[error-invalid-roleId]", "errorType": "error-invalid-roleId"}),
        );
    }
    let number =
        |key: &str| params.get(key).and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()));
    let offset = number("offset").unwrap_or(0).max(0) as usize;
    let count = number("count").map_or(50, |c| c.max(0) as usize).min(state.settings.max_count);
    let mut holders: Vec<&User> = state
        .users
        .iter()
        .filter(|u| is_global(&role) && text("roomId").is_none() && u.roles.contains(&role))
        .collect();
    holders.sort_by(|a, b| a.username.cmp(&b.username));
    let users: Vec<Value> = holders.iter().skip(offset).take(count).map(|u| member(u)).collect();
    success(json!({"users": users, "total": holders.len()}))
}

fn member(user: &User) -> Value {
    let doc = super::docs::base_fields(user);
    let keep = ["_id", "name", "username", "emails", "avatarETag", "createdAt", "_updatedAt"];
    Value::Object(
        doc.as_object()
            .map(|m| {
                m.iter()
                    .filter(|(k, _)| keep.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// The role a body names: `roleId` (8.x), or `roleId`/`roleName` by id or name (7.x).
fn named_role(state: &State, body: &Value) -> Option<Option<String>> {
    let text = |key: &str| body.get(key).and_then(Value::as_str).filter(|s| !s.is_empty());
    let wanted = if state.mode == Mode::V8 {
        text("roleId")
    } else {
        text("roleId").or_else(|| text("roleName"))
    }?;
    Some(state.roles.iter().find(|r| *r == wanted).cloned())
}

pub(super) fn add_user_to_role(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "roles.addUserToRole", &mut body) {
        return response;
    }
    let target = match user_from_params(state, &body) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let Some(role) = named_role(state, &body) else {
        return plain_failure("error-invalid-role-properties");
    };
    let Some(role) = role else { return plain_failure("Role not found") };
    let holds = state.users.iter().any(|u| u.id == target && u.roles.contains(&role));
    if holds && is_global(&role) {
        return meteor_error("error-user-already-in-role", "User already in role", None);
    }
    let refused = |reason: &str, action: &str| {
        meteor_error(
            "error-action-not-allowed",
            reason,
            Some(json!({"method": "authorization:addUserToRole", "action": action})),
        )
    };
    if !state.has_permission(user_id, "access-permissions") {
        return refused("Accessing permissions is not allowed", "Accessing_permissions");
    }
    if role == "admin" && !state.has_permission(user_id, "assign-admin-role") {
        return refused("Assigning admin is not allowed", "Assign_admin");
    }
    if is_global(&role) {
        state.user_mut(&target).roles.push(role.clone());
    }
    success(json!({"role": role_doc(&role)}))
}

/// `getUserFromParams`: `userId`, `username` or `user`, one of them required.
fn user_from_params(state: &State, body: &Value) -> Result<String, Response> {
    let named = ["userId", "username", "user"].iter().any(|k| body.get(*k).is_some());
    if !named {
        return Err(meteor_error(
            "error-user-param-not-provided",
            "The required \"userId\" or \"username\" param was not provided",
            None,
        ));
    }
    super::presence::target_user(state, body, "")
}

pub(super) fn remove_user_from_role(
    state: &mut State,
    request: &Request,
    user_id: &str,
) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "roles.removeUserFromRole", &mut body) {
        return response;
    }
    if !state.has_permission(user_id, "access-permissions") {
        return permission_denied(state.mode);
    }
    let Some(role) = named_role(state, &body) else {
        return plain_failure("error-invalid-role-properties");
    };
    let username = body.get("username").and_then(Value::as_str).unwrap_or("");
    let Some(target) = state.users.iter().find(|u| u.username == username).map(|u| u.id.clone())
    else {
        return meteor_error("error-invalid-user", "There is no user with this username", None);
    };
    let Some(role) = role else {
        return meteor_error("error-invalid-roleId", "This role does not exist", None);
    };
    let holds = state.users.iter().any(|u| u.id == target && u.roles.contains(&role));
    if !holds || !is_global(&role) {
        return meteor_error("error-user-not-in-role", "User is not in this role", None);
    }
    let admins = state.users.iter().filter(|u| u.roles.iter().any(|r| r == "admin")).count();
    if role == "admin" && admins == 1 {
        return meteor_error("error-admin-required", "You need to have at least one admin", None);
    }
    state.user_mut(&target).roles.retain(|r| *r != role);
    success(json!({"role": role_doc(&role)}))
}

/// `roles.update` on a Community server.
pub(super) fn update(_state: &mut State, _request: &Request, _user_id: &str) -> Response {
    meteor_error("error-action-not-allowed", "This is an enterprise feature", None)
}
