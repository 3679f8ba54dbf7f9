//! `POST method.call/<method>`: a DDP method called over REST, the way to methods that have no
//! route of their own (self-service TOTP before 8.8). The body is `{"message": "<EJSON of
//! {msg: 'method', id, method, params}>"}`; the answer is a 200 whose `message` is the EJSON of
//! `{msg: 'result', id, result}`, or of `{msg: 'result', id, error}` when the method threw
//! (docs/server.md#methodcall). The parameters and the result travel inside that one string,
//! so it is masked whole wherever a request or an answer is shown (`-v`, `--dry-run`).
//!
//! The values sent and read here are plain JSON: EJSON adds `$date` and `$binary` forms that
//! none of these methods takes or returns.

use std::time::{Duration, SystemTime};

use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiError, Client, ErrorType, Method, Request, TwoFactor, decode};

const METHOD_CALL: &str = "api/v1/method.call/";
/// The one call a request carries; the server echoes it.
const CALL_ID: &str = "1";
/// Server text kept in an error message (as for REST error envelopes).
const MAX_MESSAGE_CHARS: usize = 500;

/// The request that calls `method` with `params`.
pub fn method_call_request<'a>(
    method: &str,
    params: &[Value],
    two_factor: Option<&'a TwoFactor>,
) -> Result<Request<'a>, ApiError> {
    let message = json!({"msg": "method", "id": CALL_ID, "method": method, "params": params});
    let body = json!({"message": message.to_string()});
    Ok(Request::new(Method::Post, format!("{METHOD_CALL}{method}"))
        .with_body(&body)?
        .masking("message")
        .with_two_factor(two_factor))
}

/// Call `method`: its result (`null` when it returned nothing), or what it threw as an
/// [`ApiError`] like a REST refusal.
pub fn call_method(
    client: &Client,
    method: &str,
    params: &[Value],
    two_factor: Option<&TwoFactor>,
) -> Result<Value, ApiError> {
    call(client, &method_call_request(method, params, two_factor)?)
}

/// [`call_method`] for a method that only reads (a POST all the same): a signal while it is on
/// its way leaves nothing unknown.
pub fn read_by_method(client: &Client, method: &str, params: &[Value]) -> Result<Value, ApiError> {
    call(client, &method_call_request(method, params, None)?.not_a_change())
}

fn call(client: &Client, request: &Request<'_>) -> Result<Value, ApiError> {
    let answer = client.send(request)?;
    let Envelope { message } = decode(client, answer, "the method.call answer has no message")?;
    outcome(&message, &client.server().host()).map_err(|problem| match problem {
        Problem::Threw(error) => error,
        Problem::Unreadable => ApiError::Malformed {
            server: client.server().host(),
            detail: "the method.call answer's message is not a result".to_owned(),
        },
    })
}

#[derive(Deserialize)]
struct Envelope {
    message: String,
}

#[derive(Debug)]
enum Problem {
    Threw(ApiError),
    Unreadable,
}

/// The method's result or error, read from the answer's `message`.
fn outcome(message: &str, host: &str) -> Result<Value, Problem> {
    let outcome: Value = serde_json::from_str(message).map_err(|_| Problem::Unreadable)?;
    if outcome.get("msg").and_then(Value::as_str) != Some("result") {
        return Err(Problem::Unreadable);
    }
    match outcome.get("error") {
        Some(error) => Err(Problem::Threw(thrown(error, host))),
        None => Ok(outcome.get("result").cloned().unwrap_or(Value::Null)),
    }
}

/// A `Meteor.Error` as EJSON gives it: `error` (a code, or a number such as 404), `reason`,
/// `message` (`reason [error]`) and `details`. The DDP rate limiter's `too-many-requests`
/// becomes a rate limit, with its `details.timeToReset` (milliseconds).
fn thrown(error: &Value, host: &str) -> ApiError {
    let code = match error.get("error") {
        Some(Value::String(code)) => code.clone(),
        Some(Value::Number(number)) => number.to_string(),
        _ => String::new(),
    };
    let details = error.get("details").filter(|details| details.is_object());
    if code == "too-many-requests" {
        let reset = details.and_then(|d| d.get("timeToReset")).and_then(Value::as_u64);
        let wait = Duration::from_millis(reset.unwrap_or(60_000));
        let retry_at = SystemTime::now().checked_add(wait).unwrap_or_else(SystemTime::now);
        return ApiError::RateLimited { host: host.to_owned(), wait, retry_at };
    }
    let text = ["message", "reason"]
        .iter()
        .find_map(|key| error.get(key).and_then(Value::as_str))
        .map_or_else(|| format!("[{code}]"), str::to_owned);
    let text: String = crate::scrub::scrub(&text).chars().take(MAX_MESSAGE_CHARS).collect();
    ApiError::Rejected {
        error_type: (!code.is_empty()).then(|| ErrorType::parse(&code)),
        message: crate::text::escape(&text),
        details: details.cloned().map(Box::new),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn threw(message: &str) -> ApiError {
        match outcome(message, "chat.example.com") {
            Err(Problem::Threw(error)) => error,
            other => panic!("not an error: {other:?}"),
        }
    }

    #[test]
    fn the_call_is_one_ejson_string_masked_whole() {
        let request = method_call_request("2fa:disable", &[json!("123456")], None).unwrap();
        assert_eq!(request.path, "api/v1/method.call/2fa:disable");
        let body = request.body.clone().unwrap();
        let message: Value = serde_json::from_str(body["message"].as_str().unwrap()).unwrap();
        assert_eq!(
            message,
            json!({"msg": "method", "id": "1", "method": "2fa:disable", "params": ["123456"]})
        );
        assert_eq!(request.mask(&body), json!({"message": "[REDACTED]"}));
    }

    #[test]
    fn a_result_is_read_and_an_undefined_one_is_null() {
        let answer = r#"{"msg":"result","id":"1","result":{"remaining":12}}"#;
        let read = |message: &str| outcome(message, "chat.example.com");
        assert_eq!(read(answer).unwrap(), json!({"remaining": 12}));
        assert_eq!(read(r#"{"msg":"result","id":"1"}"#).unwrap(), Value::Null);
        assert!(matches!(read("not json"), Err(Problem::Unreadable)));
        assert!(matches!(read(r#"{"msg":"ping"}"#), Err(Problem::Unreadable)));
    }

    #[test]
    fn a_thrown_error_reads_as_a_refusal() {
        let error = threw(
            r#"{"msg":"result","id":"1","error":{"isClientSafe":true,"error":"invalid-totp","message":"[invalid-totp]","errorType":"Meteor.Error"}}"#,
        );
        assert_eq!(error.error_type(), Some(&ErrorType::InvalidTotp));
        assert_eq!(error.to_string(), "[invalid-totp]");
        let missing = threw(
            r#"{"msg":"result","id":"1","error":{"error":404,"reason":"Method 'x' not found","message":"Method 'x' not found [404]"}}"#,
        );
        assert_eq!(missing.error_type(), Some(&ErrorType::Other("404".into())));
        let hostile =
            threw(r#"{"msg":"result","id":"1","error":{"error":"e","message":"a\u001b[2Jb"}}"#);
        assert!(!hostile.to_string().contains('\u{1b}'), "{hostile}");
    }

    #[test]
    fn the_method_rate_limit_is_a_rate_limit() {
        let limited = threw(
            r#"{"msg":"result","id":"1","error":{"error":"too-many-requests","reason":"slow down","details":{"timeToReset":4000}}}"#,
        );
        assert!(
            matches!(limited, ApiError::RateLimited { wait, .. } if wait == Duration::from_secs(4))
        );
    }
}
