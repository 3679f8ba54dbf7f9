//! The 8.8 REST routes for TOTP enrolment (rest-typings 8.8.1 `users.d.ts`; the changeset of
//! RocketChat/Rocket.Chat#40734): `users.enableTotp` → `{secret, url}`, `users.validateTotp
//! {code}` → `{codes}`, `users.disableTotp {code}` → `{disabled}`, `users.regenerateTotpCodes
//! {code}` → `{codes}`, `GET users.totpCodesRemaining` → `{remaining}`. Enabling and validating
//! are two-factor protected. Before 8.8 none of them exists (404, as any unknown route).

use serde_json::{Value, json};

use super::State;
use super::totp_enrolment::{self, MeteorError};
use super::two_factor::two_factor_required;
use super::util::{invalid_params, json_body, success};
use crate::support::http::{Request, Response};

fn exists(state: &State) -> bool {
    state.version_at_least(8, 8)
}

fn not_found() -> Response {
    Response::json(404, &json!({"success": false, "error": "Resource not found"}))
}

/// `{code}`: a string is required and nothing else is allowed (the typings name no schema;
/// the AJV messages of the typed routes are assumed).
fn code_of(state: &State, request: &Request) -> Result<String, Response> {
    let body = json_body(request);
    let Some(fields) = body.as_object() else {
        return Err(invalid_params(state.mode, "must be object"));
    };
    if fields.keys().any(|key| key != "code") {
        return Err(invalid_params(state.mode, "must NOT have additional properties"));
    }
    match fields.get("code") {
        Some(Value::String(code)) => Ok(code.clone()),
        Some(_) => Err(invalid_params(state.mode, "must be string")),
        None => Err(invalid_params(state.mode, "must have required property 'code'")),
    }
}

fn answer(result: Result<Value, MeteorError>) -> Response {
    result.map_or_else(|error| error.rest(), success)
}

pub(super) fn enable_totp(state: &mut State, request: &Request, user_id: &str) -> Response {
    if !exists(state) {
        return not_found();
    }
    if let Err(response) = two_factor_required(state, request, user_id, false) {
        return response;
    }
    answer(totp_enrolment::enable(state, user_id, false))
}

pub(super) fn validate_totp(state: &mut State, request: &Request, user_id: &str) -> Response {
    if !exists(state) {
        return not_found();
    }
    let code = match code_of(state, request) {
        Ok(code) => code,
        Err(response) => return response,
    };
    if let Err(response) = two_factor_required(state, request, user_id, false) {
        return response;
    }
    answer(totp_enrolment::validate(state, request, user_id, &code))
}

pub(super) fn disable_totp(state: &mut State, request: &Request, user_id: &str) -> Response {
    if !exists(state) {
        return not_found();
    }
    match code_of(state, request) {
        Ok(code) => success(json!({"disabled": totp_enrolment::disable(state, user_id, &code)})),
        Err(response) => response,
    }
}

/// A wrong code: the function answers nothing; the route is taken to refuse it as
/// `invalid-totp` (uncertain: docs/server.md).
pub(super) fn regenerate_totp_codes(
    state: &mut State,
    request: &Request,
    user_id: &str,
) -> Response {
    if !exists(state) {
        return not_found();
    }
    let code = match code_of(state, request) {
        Ok(code) => code,
        Err(response) => return response,
    };
    match totp_enrolment::regenerate(state, user_id, &code) {
        Ok(Some(codes)) => success(codes),
        Ok(None) => MeteorError::new("invalid-totp").rest(),
        Err(error) => error.rest(),
    }
}

pub(super) fn totp_codes_remaining(state: &mut State, _: &Request, user_id: &str) -> Response {
    if !exists(state) {
        return not_found();
    }
    answer(totp_enrolment::remaining(state, user_id))
}
