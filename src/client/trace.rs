//! The `-v` trace and its redaction: no secret value is ever shown.

use std::io::{self, Write as _};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;

use super::Description;
use super::transport::user_agent;
use crate::output::Output;

/// What a masked value reads as.
pub const REDACTED: &str = crate::scrub::SCRUBBED;
/// JSON keys whose values never appear in the `-v` trace.
const SECRET_KEYS: &[&str] = &[
    "authToken",
    "token",
    "password",
    "currentPassword",
    "newPassword",
    "digest",
    "resume",
    "code",
    "services",
    "bcrypt",
    "hashedToken",
    "twoFactorCode",
];

pub fn trace_request(out: &Output, described: &Description) -> io::Result<()> {
    if !out.verbose {
        return Ok(());
    }
    let mut trace = out.trace();
    writeln!(trace, "> {} {}", described.method, described.url)?;
    writeln!(trace, "> user-agent: {}", user_agent())?;
    for (name, value) in &described.headers {
        writeln!(trace, "> {}: {value}", name.to_ascii_lowercase())?;
    }
    if let Some(body) = &described.body {
        writeln!(trace, "> content-type: application/json")?;
        writeln!(trace, "> {body}")?;
    }
    Ok(())
}

pub fn trace_response(
    out: &Output,
    status: StatusCode,
    headers: &HeaderMap,
    json: Option<&Value>,
    bytes: usize,
) -> io::Result<()> {
    if !out.verbose {
        return Ok(());
    }
    let mut trace = out.trace();
    writeln!(trace, "< {status}")?;
    for (name, value) in headers {
        let shown = if is_secret_header(name.as_str()) {
            "[REDACTED]".to_owned()
        } else {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        };
        writeln!(trace, "< {name}: {shown}")?;
    }
    match json {
        Some(json) => writeln!(trace, "< {}", redact_json(json)),
        None => writeln!(trace, "< ({bytes} bytes, not JSON)"),
    }
}

pub(super) fn is_secret_header(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "x-auth-token"
            | "x-2fa-code"
            | "authorization"
            | "cookie"
            | "set-cookie"
            | "proxy-authorization"
    )
}

/// A copy of a JSON document with every secret value replaced, for the `-v` trace.
pub fn redact_json(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let shown = if SECRET_KEYS.iter().any(|secret| secret.eq_ignore_ascii_case(key))
                    {
                        Value::String("[REDACTED]".into())
                    } else {
                        redact_json(value)
                    };
                    (key.clone(), shown)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_covers_secret_fields_at_any_depth() {
        let body = serde_json::json!({
            "user": "jane",
            "password": {"digest": "abc", "algorithm": "sha-256"},
            "data": {"currentPassword": "d", "newPassword": "n", "email": "e@x"},
            "nested": [{"authToken": "t", "Token": "t2"}],
            "services": {"password": {"bcrypt": "$2b$"}}
        });
        let shown = redact_json(&body).to_string();
        for secret in ["abc", "\"d\"", "\"n\"", "\"t\"", "t2", "$2b$"] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
        assert!(shown.contains("e@x") && shown.contains("jane"));
    }

    #[test]
    fn secret_headers_are_recognised_in_any_case() {
        for name in ["X-Auth-Token", "x-2FA-code", "Authorization", "SET-COOKIE"] {
            assert!(is_secret_header(name), "{name}");
        }
        assert!(!is_secret_header("x-user-id"));
    }
}
