//! `POST method.call/:method`: a DDP method call over REST (misc.ts, 6.x–8.x). The body is
//! `{"message": "<EJSON of {msg: 'method', id, method, params}>"}`; the method is the one the
//! message names (the path's is not read). The answer is always 200 with `success: true` and
//! `message`, the EJSON of `{msg: 'result', id, result}` or, when the method threw, of `{msg:
//! 'result', id, error}`. The route has no REST rate limit. Methods: the `2fa:*` ones of
//! self-service TOTP; any other is Meteor's "method not found".

use serde_json::{Value, json};

use super::totp_enrolment::{self, MeteorError};
use super::util::{check_schema, json_body, plain_failure, success};
use super::{Mode, State};
use crate::support::http::{Request, Response};

pub(super) fn method_call(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "method.call", &mut body) {
        return response;
    }
    let Some(message) = body.get("message").and_then(Value::as_str) else {
        return plain_failure("Match error: Missing key 'message'");
    };
    let Some((id, method, params)) = parse(state.mode, message) else {
        return plain_failure("Invalid method call");
    };
    let outcome = call(state, request, user_id, &method, &params);
    let mut result = json!({"msg": "result", "id": id});
    match outcome {
        // `result: undefined` is left out by EJSON.stringify.
        Ok(Some(value)) => result["result"] = value,
        Ok(None) => {}
        Err(error) => result["error"] = error.ejson(),
    }
    success(json!({"message": result.to_string()}))
}

/// `isMethodCallProps`: `msg: 'method'`, a string `id` and `method`, an array `params` (8.x
/// allows nothing else). A message that is not JSON is refused alike.
fn parse(mode: Mode, message: &str) -> Option<(String, String, Vec<Value>)> {
    let data: Value = serde_json::from_str(message).ok()?;
    let fields = data.as_object()?;
    let allowed = ["msg", "id", "method", "params"];
    if mode == Mode::V8 && fields.keys().any(|key| !allowed.contains(&key.as_str())) {
        return None;
    }
    if fields.get("msg")?.as_str()? != "method" {
        return None;
    }
    let id = fields.get("id")?.as_str()?.to_owned();
    let method = fields.get("method")?.as_str()?.to_owned();
    let params = fields.get("params")?.as_array()?.clone();
    Some((id, method, params))
}

/// The first parameter as the code a method takes (anything but a string never matches).
fn code(params: &[Value]) -> String {
    params.first().and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn call(
    state: &mut State,
    request: &Request,
    user_id: &str,
    method: &str,
    params: &[Value],
) -> Result<Option<Value>, MeteorError> {
    let in_method = |error: MeteorError| error.in_method(method);
    match method {
        "2fa:enable" => totp_enrolment::enable(state, user_id, true).map(Some).map_err(in_method),
        "2fa:validateTempToken" => {
            totp_enrolment::validate(state, request, user_id, &code(params)).map(Some)
        }
        "2fa:disable" => Ok(Some(json!(totp_enrolment::disable(state, user_id, &code(params))))),
        "2fa:regenerateCodes" => totp_enrolment::regenerate(state, user_id, &code(params)),
        "2fa:checkCodesRemaining" => totp_enrolment::remaining(state, user_id).map(Some),
        _ => Err(not_found(method)),
    }
}

/// Meteor's answer for a method nobody defined: error 404 (a number).
fn not_found(method: &str) -> MeteorError {
    MeteorError::new(404).because(format!("Method '{method}' not found"))
}
