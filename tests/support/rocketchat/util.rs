//! Hashes, times and Rocket.Chat's answer envelopes (Meteor.Error `reason [code]`; AJV
//! `invalid-params` with the suffix before 8.x), shared by every route.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Mode;
use crate::support::http::{Request, Response};
use crate::support::schema;

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hash_token(token: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(token.as_bytes()))
}

pub(super) fn random_token(seed: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let digest = Sha256::digest(format!("{seed}{nanos}").as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..32])
}

pub(super) fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

pub(super) fn iso(ms: u64) -> String {
    let secs = ms / 1000;
    let days = secs / 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    let rest = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60,
        ms % 1000
    )
}

pub(super) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Rocket.Chat's failure envelope for a Meteor.Error: `"<reason> [<code>]"`.
pub(super) fn meteor_error(code: &str, reason: &str, details: Option<Value>) -> Response {
    let mut body =
        json!({"success": false, "error": format!("{reason} [{code}]"), "errorType": code});
    if let Some(details) = details {
        body["details"] = details;
    }
    Response::json(400, &body)
}

pub(super) fn plain_failure(message: &str) -> Response {
    Response::json(400, &json!({"success": false, "error": message}))
}

pub(super) fn invalid_params(mode: Mode, message: &str) -> Response {
    let error =
        if mode == Mode::V8 { message.to_owned() } else { format!("{message} [invalid-params]") };
    Response::json(400, &json!({"success": false, "error": error, "errorType": "invalid-params"}))
}

/// The JSON body, or an empty object when there is none or it is not JSON.
pub(super) fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or_else(|_| json!({}))
}

/// The query string as the AJV query instance: every value a string.
pub(super) fn query(request: &Request) -> Value {
    let pairs = url::form_urlencoded::parse(request.query.as_deref().unwrap_or("").as_bytes());
    Value::Object(pairs.map(|(k, v)| (k.into_owned(), Value::String(v.into_owned()))).collect())
}

/// Validate `instance` against the named fixture schema when this version publishes one.
pub(super) fn check_schema(mode: Mode, name: &str, instance: &mut Value) -> Result<(), Response> {
    match schema::published(name, mode.schema_version()) {
        Some(schema) => schema::validate(&schema, instance).map_err(|m| invalid_params(mode, &m)),
        None => Ok(()),
    }
}

/// `API.v1.forbidden()` (7.x+) and the 6.x `unauthorized()`: both 403.
pub(super) fn forbidden() -> Response {
    Response::json(403, &json!({"success": false, "error": "unauthorized"}))
}

/// A route's `permissionsRequired` failure (7.x+ wrapper): 403 with the permission named.
pub(super) fn permission_denied(mode: Mode) -> Response {
    if mode == Mode::V6_3 || mode == Mode::V2 {
        return forbidden();
    }
    Response::json(
        403,
        &json!({"success": false, "error": "User does not have the permissions required for this action [error-unauthorized]"}),
    )
}

pub(super) fn success(mut body: Value) -> Response {
    body["success"] = Value::Bool(true);
    Response::json(200, &body)
}
