//! Personal access tokens (`users.*PersonalAccessToken*`), following 6.x (hand-checked
//! `tokenName`, DDP method), 7.x (`generatePersonalAccessTokenOfUser`) and 8.x (AJV bodies with
//! `additionalProperties: false`; `bypassTwoFactor` always a boolean in the list). Tokens are
//! stored hashed among the login tokens, so a PAT authenticates like a session token.

use serde_json::{Value, json};

use super::two_factor::two_factor_required;
use super::user::{PersonalToken, TokenInfo};
use super::util::{
    check_schema, hash_token, iso, json_body, meteor_error, now_ms, permission_denied,
    plain_failure, random_token, success,
};
use super::{Mode, State};
use crate::support::http::{Request, Response};

const PERMISSION: &str = "create-personal-access-tokens";

pub(super) fn list(state: &mut State, _request: &Request, user_id: &str) -> Response {
    if !state.has_permission(user_id, PERMISSION) {
        return permission_denied(state.mode);
    }
    let mode = state.mode;
    let tokens: Vec<Value> = personal_tokens(state, user_id)
        .into_iter()
        .map(|(_, pat)| {
            let mut entry = json!({
                "name": pat.name,
                "createdAt": iso(pat.created_at),
                "lastTokenPart": pat.last_token_part,
            });
            // Before 8.x the flag is only there when the token was made with it.
            if mode == Mode::V8 || pat.bypass_two_factor {
                entry["bypassTwoFactor"] = json!(pat.bypass_two_factor);
            }
            entry
        })
        .collect();
    success(json!({"tokens": tokens}))
}

pub(super) fn generate(state: &mut State, request: &Request, user_id: &str) -> Response {
    let body = match token_body(state, request, "users.generatePersonalAccessToken") {
        Ok(body) => body,
        Err(response) => return response,
    };
    let name = body["tokenName"].as_str().unwrap_or_default().to_owned();
    let bypass = body.get("bypassTwoFactor").and_then(Value::as_bool).unwrap_or(false);
    if let Err(response) = guard(state, request, user_id, "generateToken") {
        return response;
    }
    if personal_tokens(state, user_id).iter().any(|(_, pat)| pat.name == name) {
        return meteor_error(
            "error-token-already-exists",
            "A token with this name already exists",
            Some(json!({"method": "personalAccessTokens:generateToken"})),
        );
    }
    let token = mint(state, user_id, &name, bypass);
    success(json!({"token": token}))
}

pub(super) fn regenerate(state: &mut State, request: &Request, user_id: &str) -> Response {
    let body = match token_body(state, request, "users.regeneratePersonalAccessToken") {
        Ok(body) => body,
        Err(response) => return response,
    };
    let name = body["tokenName"].as_str().unwrap_or_default().to_owned();
    if let Err(response) = guard(state, request, user_id, "regenerateToken") {
        return response;
    }
    let Some((hashed, old)) =
        personal_tokens(state, user_id).into_iter().find(|(_, pat)| pat.name == name)
    else {
        return missing_token("regenerateToken");
    };
    state.user_mut(user_id).tokens.retain(|t| *t != hashed);
    let token = mint(state, user_id, &name, old.bypass_two_factor);
    success(json!({"token": token}))
}

pub(super) fn remove(state: &mut State, request: &Request, user_id: &str) -> Response {
    let body = match token_body(state, request, "users.removePersonalAccessToken") {
        Ok(body) => body,
        Err(response) => return response,
    };
    let name = body["tokenName"].as_str().unwrap_or_default().to_owned();
    if let Err(response) = guard(state, request, user_id, "removeToken") {
        return response;
    }
    let Some((hashed, _)) =
        personal_tokens(state, user_id).into_iter().find(|(_, pat)| pat.name == name)
    else {
        return missing_token("removeToken");
    };
    state.user_mut(user_id).tokens.retain(|t| *t != hashed);
    success(json!({}))
}

/// 8.x: the AJV body schema; earlier: `tokenName` checked by hand, extra keys ignored.
fn token_body(state: &State, request: &Request, endpoint: &str) -> Result<Value, Response> {
    let mut body = json_body(request);
    if state.mode == Mode::V8 {
        check_schema(state.mode, endpoint, &mut body)?;
    } else if body.get("tokenName").and_then(Value::as_str).is_none_or(str::is_empty) {
        return Err(plain_failure("The 'tokenName' param is required"));
    }
    Ok(body)
}

/// The route's two-factor check, then the method's permission check (`not-authorized`).
fn guard(
    state: &mut State,
    request: &Request,
    user_id: &str,
    method: &str,
) -> Result<(), Response> {
    two_factor_required(state, request, user_id, false)?;
    if !state.has_permission(user_id, PERMISSION) {
        return Err(meteor_error(
            "not-authorized",
            "Not Authorized",
            Some(json!({"method": format!("personalAccessTokens:{method}")})),
        ));
    }
    Ok(())
}

fn missing_token(method: &str) -> Response {
    meteor_error(
        "error-token-does-not-exists",
        "Token does not exist",
        Some(json!({"method": format!("personalAccessTokens:{method}")})),
    )
}

/// The caller's live personal access tokens: (hashed token, what is stored beside it).
pub(super) fn personal_tokens(state: &State, user_id: &str) -> Vec<(String, PersonalToken)> {
    let Some(user) = state.users.iter().find(|u| u.id == user_id) else { return Vec::new() };
    user.tokens
        .iter()
        .filter_map(|hashed| {
            let pat = state.token_info.get(hashed)?.pat.clone()?;
            Some((hashed.clone(), pat))
        })
        .collect()
}

/// `Random.secret()`, stored only as its hash with the last six characters.
fn mint(state: &mut State, user_id: &str, name: &str, bypass: bool) -> String {
    let token = random_token(&format!("pat{user_id}{name}{}", state.next_id));
    state.next_id += 1;
    let hashed = hash_token(&token);
    let pat = PersonalToken {
        name: name.to_owned(),
        created_at: now_ms(),
        last_token_part: token[token.len() - 6..].to_owned(),
        bypass_two_factor: bypass,
    };
    state.token_info.insert(hashed.clone(), TokenInfo { pat: Some(pat), remembered: None });
    state.user_mut(user_id).tokens.push(hashed);
    token
}
