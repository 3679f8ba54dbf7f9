//! Header authentication, `login` and `logout` (ApiClass and loginHandler, 6.x-8.x).

use serde_json::{Value, json};

use super::docs::{answer_doc, user_info};
use super::two_factor::{check_factor, enabled_method};
use super::util::{
    check_schema, forbidden, hash_token, json_body, meteor_error, sha256_hex, success,
};
use super::{Mode, State};
use crate::support::http::{Request, Response};

pub(super) fn authenticate(state: &State, request: &Request) -> Option<String> {
    let user_id = request.header("x-user-id")?;
    let token = request.header("x-auth-token")?;
    let user = state.users.iter().find(|u| u.id == user_id)?;
    user.has_token(token).then(|| user.id.clone())
}

pub(super) fn login_failure(
    mode: Mode,
    error: &str,
    message: &str,
    details: Option<Value>,
) -> Response {
    let mut body = json!({"status": "error", "error": error, "message": message});
    if mode.has_success_on_401() {
        body["success"] = Value::Bool(false);
    }
    if let Some(details) = details {
        body["details"] = details;
    }
    Response::json(401, &body)
}

pub(super) fn login(state: &mut State, request: &Request) -> Response {
    let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    let who = body.get("user").or_else(|| body.get("username")).or_else(|| body.get("email"));
    let who = match who {
        Some(Value::String(name)) => name.clone(),
        Some(Value::Object(map)) => {
            map.values().next().and_then(Value::as_str).unwrap_or("").to_owned()
        }
        _ => String::new(),
    };
    let mode = state.mode;
    let Some(index) = state.users.iter().position(|u| {
        u.username.eq_ignore_ascii_case(&who)
            || u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(&who))
    }) else {
        return login_failure(mode, "Unauthorized", "Unauthorized", None);
    };
    let digest = match body.get("password") {
        Some(Value::String(plain)) => Some(sha256_hex(plain)),
        Some(Value::Object(map))
            if map.get("algorithm").and_then(Value::as_str) == Some("sha-256") =>
        {
            map.get("digest").and_then(Value::as_str).map(str::to_ascii_lowercase)
        }
        _ => None,
    };
    let user = &state.users[index];
    if digest.is_none() || user.password_digest != digest {
        return login_failure(mode, "Unauthorized", "Unauthorized", None);
    }
    if !user.active {
        let details = json!({"function": "Accounts.validateLoginAttempt"});
        return login_failure(
            mode,
            "error-user-is-not-activated",
            "User is not activated",
            Some(details),
        );
    }
    // Login uses disablePasswordFallback: only TOTP and email users are challenged.
    let code = body
        .get("code")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| request.header("x-2fa-code").map(str::to_owned));
    let method = enabled_method(state, index, None).filter(|m| m != "password");
    let checked = state.settings.two_factor_enabled && !state.settings.test_mode;
    if let Some(method) = method.filter(|_| checked) {
        let username = state.users[index].username.clone();
        if let Err((error, details)) =
            check_factor(state, index, &method, code.as_deref(), &username)
        {
            let message = if error == "totp-required" { "TOTP Required" } else { "TOTP Invalid" };
            return login_failure(mode, &error, message, Some(details));
        }
    }
    let username = state.users[index].username.clone();
    let token = state.issue_token(&username);
    let user = &state.users[index];
    let mut answer = json!({
        "status": "success",
        "data": {"userId": user.id, "authToken": token, "me": answer_doc(state, user, user_info(state, user, true))},
    });
    if mode.has_success_on_401() {
        answer["success"] = Value::Bool(true);
    }
    Response::json(200, &answer)
}

pub(super) fn logout(state: &mut State, request: &Request, user_id: &str) -> Response {
    let token = request.header("x-auth-token").map(hash_token).unwrap_or_default();
    state.user_mut(user_id).tokens.retain(|t| *t != token);
    let mut body = json!({"status": "success", "data": {"message": "You've been logged out!"}});
    if state.mode.has_success_on_401() {
        body["success"] = Value::Bool(true);
    }
    Response::json(200, &body)
}

/// `users.logout {userId?}`: empties the user's login tokens, personal access tokens included
/// (`Users.unsetLoginTokens`); another user needs `logout-other-user` (403 otherwise). A user
/// that does not exist is `error-invalid-user-id` (nothing modified; the server says the same
/// when the token list was already empty, which the stand-in does not track).
pub(super) fn users_logout(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.logout", &mut body) {
        return response;
    }
    let target = body
        .get("userId")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .unwrap_or(user_id)
        .to_owned();
    if target != user_id && !state.has_permission(user_id, "logout-other-user") {
        return forbidden();
    }
    let Some(user) = state.users.iter_mut().find(|u| u.id == target) else {
        return meteor_error("error-invalid-user-id", "Invalid user id", None);
    };
    user.tokens.clear();
    success(json!({"message": format!("User {target} has been logged out!")}))
}
