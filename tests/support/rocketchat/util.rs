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

/// JavaScript's `Date.parse` for the ISO 8601 forms clients send (`2018-11-27`,
/// `2018-11-27T13:52:01Z`, with fractions and offsets): milliseconds since the epoch, or None
/// where JavaScript answers NaN.
pub(super) fn parse_iso(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = text.split_at(text.find(['T', 't', ' ']).unwrap_or(text.len()));
    let mut parts = date.split('-');
    let year: i64 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: i64 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: i64 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * 86_400_000;
    let time = rest.get(1..).unwrap_or("");
    if !time.is_empty() {
        let (clock, offset_ms) = split_offset(time)?;
        let mut fields = clock.split(':');
        let hours: i64 = fields.next()?.parse().ok()?;
        let minutes: i64 = fields.next()?.parse().ok()?;
        let seconds: f64 = fields.next().map_or(Some(0.0), |s| s.parse().ok())?;
        if fields.next().is_some() || hours > 24 || minutes > 59 || !(0.0..60.0).contains(&seconds)
        {
            return None;
        }
        // Rounded: `01.023` is 1022.999… milliseconds in floating point, and a stamp read back
        // one millisecond early would count as changed after itself.
        ms += hours * 3_600_000 + minutes * 60_000 + (seconds * 1000.0).round() as i64 - offset_ms;
    }
    Some(ms)
}

/// `13:52:01Z` → ("13:52:01", 0); `13:52+02:00` → ("13:52", 7 200 000).
fn split_offset(time: &str) -> Option<(&str, i64)> {
    if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        return Some((clock, 0));
    }
    let Some(at) = time.rfind(['+', '-']) else { return Some((time, 0)) };
    let (clock, offset) = time.split_at(at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let (h, m) = offset[1..].split_once(':').unwrap_or((&offset[1..], "0"));
    let minutes = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?;
    Some((clock, sign * minutes * 60_000))
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_millisecond_reads_back_as_written() {
        // Every millisecond of a minute: `01.023` once read as `01.022`.
        let start = 1_796_000_040_000_u64;
        assert!(iso(start).ends_with(":00.000Z"), "{}", iso(start));
        for ms in start..start + 60_000 {
            assert_eq!(parse_iso(&iso(ms)), Some(ms as i64), "{}", iso(ms));
        }
    }
}
