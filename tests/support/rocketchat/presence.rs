//! `users.setStatus` and `users.getStatus` (users.ts 6.x-8.7): the message is trimmed and cut
//! to 120 UTF-16 units without a word, before a refused status is checked; 8.x validates the
//! body with AJV (status enum). The route's own limit (5 a minute since 2026) is
//! `settings.status_rate_limit`.

use serde_json::{Value, json};

use super::util::{
    check_schema, forbidden, json_body, meteor_error, plain_failure, query, success,
};
use super::{Mode, State};
use crate::support::http::{Request, Response};

const STATUSES: &[&str] = &["online", "away", "offline", "busy"];

pub(super) fn set_status(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.setStatus", &mut body) {
        return response;
    }
    if body.get("status").is_none() && body.get("message").is_none() {
        return plain_failure(
            "Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation",
        );
    }
    let target = match target_user(state, &body, user_id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    if target != user_id && !state.has_permission(user_id, "edit-other-user-info") {
        return forbidden();
    }
    if !state.settings.allow_status_message_change {
        return meteor_error(
            "error-not-allowed",
            "Change status is not allowed",
            Some(json!({"method": "users.setStatus"})),
        );
    }
    // 8.7: a message-only update keeps the default status, which may not be `offline` while
    // the invisible status is off.
    let default_offline =
        state.users.iter().any(|u| u.id == target && u.status_default == "offline");
    if state.mode == Mode::V8
        && body.get("status").is_none()
        && default_offline
        && !state.settings.allow_invisible_status
    {
        return meteor_error(
            "error-status-not-allowed",
            "Invisible status is disabled",
            Some(json!({"method": "users.setStatus"})),
        );
    }
    if let Some(message) = body.get("message").and_then(Value::as_str) {
        state.user_mut(&target).status_text = Some(cut_status_text(message));
    }
    if let Some(status) = body.get("status").and_then(Value::as_str) {
        if !STATUSES.contains(&status) {
            return meteor_error(
                "error-invalid-status",
                "Valid status types include online, away, offline, and busy.",
                Some(json!({"method": "users.setStatus"})),
            );
        }
        if status == "offline" && !state.settings.allow_invisible_status {
            return meteor_error(
                "error-status-not-allowed",
                "Invisible status is disabled",
                Some(json!({"method": "users.setStatus"})),
            );
        }
        let user = state.user_mut(&target);
        user.status = status.to_owned();
        user.status_default = status.to_owned();
    }
    success(json!({}))
}

/// `setStatusText`: `statusText.trim().substr(0, 120)`, counted in UTF-16 units as JavaScript
/// does. A cut through a surrogate pair leaves half a character on the real server; Rust
/// strings cannot hold that, so the half is dropped.
pub fn cut_status_text(message: &str) -> String {
    let mut out = String::new();
    let mut units = 0;
    for c in message.trim().chars() {
        units += c.len_utf16();
        if units > 120 {
            break;
        }
        out.push(c);
    }
    out
}

pub(super) fn get_status(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut params = query(request);
    if let Err(response) = check_schema(state.mode, "users.getStatus", &mut params) {
        return response;
    }
    let target = match target_user(state, &params, user_id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let user = state.users.iter().find(|u| u.id == target).expect("found above");
    let mut body = json!({"_id": user.id, "status": user.status});
    if target == user_id {
        body["connectionStatus"] =
            json!(if user.status == "offline" { "offline" } else { "online" });
    }
    success(body)
}

/// `getUserFromParams`: `userId`, `username` or `user`; the caller when none is given.
pub(super) fn target_user(state: &State, params: &Value, caller: &str) -> Result<String, Response> {
    let text = |key: &str| params.get(key).and_then(Value::as_str).filter(|s| !s.is_empty());
    let found = if let Some(id) = text("userId") {
        state.users.iter().find(|u| u.id == id)
    } else if let Some(name) = text("username").or_else(|| text("user")) {
        state.find_by_username(name)
    } else {
        return Ok(caller.to_owned());
    };
    found.map(|u| u.id.clone()).ok_or_else(|| {
        meteor_error(
            "error-invalid-user",
            "The required \"userId\" or \"username\" param provided does not match any users",
            None,
        )
    })
}
