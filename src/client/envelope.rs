//! Classifying an answer: a pure function from status, headers and body to the JSON value a
//! call returns or the [`ApiError`] it fails with.

use std::time::SystemTime;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION};
use serde_json::Value;

use super::error::ApiError;
use super::error_type::ErrorType;
use super::rate_limit::{RATE_LIMIT_FALLBACK, rate_limit_wait};
use crate::text::escape;
use crate::url::ServerUrl;

pub fn classify(
    server: &ServerUrl,
    status: StatusCode,
    headers: &HeaderMap,
    json: Option<Value>,
    body: &[u8],
) -> Result<Value, ApiError> {
    if status.is_redirection() {
        let (location, base) = redirect_target(server, headers);
        return Err(ApiError::Redirect { status: status.as_u16(), location, base });
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        let text = json
            .as_ref()
            .map_or_else(|| String::from_utf8_lossy(body).into_owned(), envelope_message);
        let wait =
            rate_limit_wait(headers, &text, SystemTime::now()).unwrap_or(RATE_LIMIT_FALLBACK);
        return Err(ApiError::RateLimited {
            host: server.host(),
            wait,
            retry_at: SystemTime::now().checked_add(wait).unwrap_or_else(SystemTime::now),
        });
    }
    if status == StatusCode::UNAUTHORIZED {
        let json = json.unwrap_or(Value::Null);
        return Err(ApiError::Unauthorized {
            message: envelope_message(&json),
            error_type: json.get("error").and_then(Value::as_str).map(ErrorType::parse),
            details: json.get("details").cloned().map(Box::new),
        });
    }
    let Some(json) = json else {
        return Err(unexpected(server, status, headers, body));
    };
    if status == StatusCode::FORBIDDEN {
        return Err(ApiError::Forbidden { message: envelope_message(&json) });
    }
    let failed = json.get("success") == Some(&Value::Bool(false))
        || json.get("status").and_then(Value::as_str) == Some("error");
    if status.is_success() && !failed {
        return if json.is_object() {
            Ok(json)
        } else {
            Err(ApiError::Malformed {
                server: server.host(),
                detail: "expected a JSON object".into(),
            })
        };
    }
    if status == StatusCode::BAD_REQUEST || (status.is_success() && failed) {
        let message = envelope_message(&json);
        let named = json.get("errorType").and_then(Value::as_str);
        return Err(ApiError::Rejected {
            error_type: named.or_else(|| bracketed_type(&message)).map(ErrorType::parse),
            message,
            details: json.get("details").cloned().map(Box::new),
        });
    }
    Err(unexpected(server, status, headers, body))
}

/// The `[error-…]` Rocket.Chat appends to a message (`Not allowed [error-unauthorized]`): some
/// routes give the type only there, with no `errorType`.
fn bracketed_type(message: &str) -> Option<&str> {
    let (_, code) = message.trim_end().rsplit_once(" [")?;
    let code = code.strip_suffix(']')?;
    let looks_like_a_type = !code.is_empty()
        && code.len() <= 100
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    looks_like_a_type.then_some(code)
}

fn unexpected(
    server: &ServerUrl,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> ApiError {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("no content type")
        .to_owned();
    // Scrubbed before it is cut, so a cut cannot leave part of a secret behind.
    let text = String::from_utf8_lossy(body);
    let text = crate::scrub::scrub(&text);
    let snippet: String =
        text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect();
    ApiError::Unexpected {
        status: status.as_u16(),
        content_type: escape(&content_type),
        bytes: body.len(),
        snippet: escape(&snippet),
        server: server.host(),
    }
}

/// Where a redirect pointed, as origin and path only (never userinfo or query), and the base
/// URL a `--server` would take from it, quoted for the shell: the path up to `/api/`, since a
/// moved server redirects the endpoint itself (`.../api/v1/me`).
fn redirect_target(server: &ServerUrl, headers: &HeaderMap) -> (String, String) {
    let location = headers.get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Ok(mut url) = server.url().join(location) else {
        return ("an invalid location".to_owned(), "URL".to_owned());
    };
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_query(None);
    url.set_fragment(None);
    let shown = escape(url.as_str());
    let path = url.path().to_owned();
    let base_path = path.find("/api/").map_or(path.as_str(), |at| &path[..at]);
    url.set_path(base_path.trim_end_matches('/'));
    (shown, shell_quoted(&escape(url.as_str().trim_end_matches('/'))))
}

/// A word the shell takes as is: left alone when it holds only URL characters with no meaning
/// to a shell, else in single quotes.
fn shell_quoted(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-._~:/@%+,=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

pub(super) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .is_some_and(|mime| mime == "application/json" || mime.ends_with("+json"))
}

/// The human part of a Rocket.Chat error envelope, escaped for the terminal.
/// What an error answer without any text reads as (`{"success": false}`).
pub(super) const NO_MESSAGE: &str = "no message";

pub(super) fn envelope_message(json: &Value) -> String {
    let text = ["error", "message", "reason"]
        .iter()
        .find_map(|key| json.get(key).and_then(Value::as_str))
        .unwrap_or(NO_MESSAGE);
    // Scrubbed before it is cut, so a cut cannot leave part of a secret behind.
    escape(&crate::scrub::scrub(text).chars().take(500).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn a_redirect_hint_names_the_base_url_quoted_for_the_shell() {
        let server = ServerUrl::parse("http://127.0.0.1:9").unwrap();
        let hint = |location: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(LOCATION, HeaderValue::from_str(location).unwrap());
            redirect_target(&server, &headers).1
        };
        assert_eq!(hint("https://chat.example.com/api/v1/me"), "https://chat.example.com");
        assert_eq!(
            hint("https://chat.example.com/chat/api/v1/me"),
            "https://chat.example.com/chat"
        );
        assert_eq!(
            hint("https://evil.example/chat;touch$IFS./PWNED;#"),
            "'https://evil.example/chat;touch$IFS./PWNED;'"
        );
        assert_eq!(hint("https://e.example/a'b"), "'https://e.example/a'\\''b'");
    }

    #[test]
    fn an_error_type_only_in_the_message_is_read_from_its_brackets() {
        let server = ServerUrl::parse("http://127.0.0.1:9").unwrap();
        let rejected = |envelope: Value| {
            let body = envelope.to_string().into_bytes();
            classify(&server, StatusCode::BAD_REQUEST, &HeaderMap::new(), Some(envelope), &body)
                .unwrap_err()
        };
        let only_message = rejected(serde_json::json!({"success": false,
            "error": "Not allowed [error-unauthorized]"}));
        assert_eq!(only_message.error_type(), Some(&ErrorType::Unauthorized));
        let named =
            rejected(serde_json::json!({"success": false, "errorType": "error-not-allowed",
            "error": "Not allowed [error-unauthorized]"}));
        assert_eq!(named.error_type(), Some(&ErrorType::NotAllowed), "errorType wins");
        let prose = rejected(serde_json::json!({"success": false, "error": "see [the docs]"}));
        assert_eq!(prose.error_type(), None);
        assert_eq!(bracketed_type("x [error-a_b]"), Some("error-a_b"));
        assert_eq!(bracketed_type("x [error-a]]"), None);
        assert!(rejected(serde_json::json!({"success": false})).is_bare());
        assert!(!prose.is_bare() && !named.is_bare());
    }

    /// Only an answer that says it is JSON is parsed as JSON (docs/security.md R40): a captive
    /// portal's `text/plain` page that happens to hold `{"success": true}` is no answer.
    #[test]
    fn only_json_content_types_are_read_as_json() {
        let is = |value: Option<&'static str>| {
            let mut headers = HeaderMap::new();
            if let Some(value) = value {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(value));
            }
            is_json(&headers)
        };
        for json in
            ["application/json", "Application/JSON; charset=utf-8", "application/problem+json"]
        {
            assert!(is(Some(json)), "{json}");
        }
        for other in
            [Some("text/html"), Some("text/plain; charset=utf-8"), Some("application/jsonp"), None]
        {
            assert!(!is(other), "{other:?}");
        }
    }

    proptest! {
        #[test]
        fn any_answer_is_classified_without_panicking(status in 100u16..600, json in any::<bool>(), body in proptest::collection::vec(any::<u8>(), 0..600)) {
            let server = ServerUrl::parse("http://127.0.0.1:9").unwrap();
            let mut headers = HeaderMap::new();
            if json {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            let status = StatusCode::from_u16(status).unwrap();
            let parsed = json.then(|| serde_json::from_slice::<Value>(&body).ok()).flatten();
            if let Err(err) = classify(&server, status, &headers, parsed, &body) {
                let text = err.to_string();
                prop_assert!(text.len() < 2_000, "bounded message");
                prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            }
        }

        #[test]
        fn error_envelopes_are_read_without_panicking(error in ".{0,300}", error_type in proptest::option::of("[a-z-]{1,30}"), status in prop_oneof![Just(400u16), Just(401), Just(403), Just(429), Just(200)]) {
            let server = ServerUrl::parse("http://127.0.0.1:9").unwrap();
            let mut envelope = serde_json::json!({"success": false, "error": error});
            if let Some(error_type) = &error_type {
                envelope["errorType"] = Value::String(error_type.clone());
            }
            let body = envelope.to_string().into_bytes();
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
            let result = classify(&server, StatusCode::from_u16(status).unwrap(), &headers, Some(envelope), &body);
            prop_assert!(result.is_err(), "success:false is never a success");
            let text = result.unwrap_err().to_string();
            prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }
}
