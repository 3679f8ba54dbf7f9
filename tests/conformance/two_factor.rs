//! Self-service two-factor: methods/2fa-enable.ts › `2fa:enable` (TOTP enrolment through
//! `method.call`, its five cases in their order, each on a fresh server with the users the
//! original's `before` makes), and users.ts › `[/users.2fa.enableEmail]` and
//! `[/users.2fa.disableEmail]`. Answers of `method.call` carry the method's outcome as JSON
//! text in `message`.

use serde_json::{Value, json};

use crate::harness::{Case, Creds, Reply};
use crate::support::totp;
use crate::{TWO_FACTOR_ENABLE, USERS};

const ENABLE: &str = "2fa:enable";

/// The original's users: two verified (`user1`, `user2`), one not (`user3`), each logged in.
struct Users {
    user1: Creds,
    user2: Creds,
    user3: Creds,
}

fn case(title: &str) -> (Case, Users) {
    let t = Case::new(TWO_FACTOR_ENABLE, ENABLE, title);
    let [user1, user2, user3] = [true, true, false].map(|verified| {
        let name = crate::harness::unique("2fa.enable.");
        let email = format!("{name}@example.com");
        t.user_with_login(json!({"username": name, "email": email, "verified": verified})).1
    });
    (t, Users { user1, user2, user3 })
}

/// `request.post(methodCall(method)).send({message: JSON.stringify({msg, id, method, params})})`.
fn method_call(t: &Case, creds: Option<&Creds>, id: &str, method: &str, params: Value) -> Reply {
    let message = json!({"msg": "method", "id": id, "method": method, "params": params});
    let call = t.post(&format!("method.call/{method}"));
    let call = match creds {
        Some(creds) => call.as_(creds),
        None => call,
    };
    call.json(json!({"message": message.to_string()})).send()
}

/// `JSON.parse(res.body.message)`.
fn outcome(reply: &Reply) -> Value {
    serde_json::from_str(reply.body["message"].as_str().unwrap_or_default()).unwrap_or(Value::Null)
}

#[test]
fn should_return_error_when_user_is_not_logged_in() {
    let (t, _) = case("should return error when user is not logged in");
    method_call(&t, None, "id1", ENABLE, json!([])).status(401).prop("status", "error");
}

#[test]
fn should_return_error_when_user_is_not_verified() {
    let (t, users) = case("should return error when user is not verified");
    let reply =
        method_call(&t, Some(&users.user3), "id1", ENABLE, json!([])).status(200).has("message");
    let data = outcome(&reply);
    assert!(data.get("error").is_some(), "{}: error; body {}", t.cite(), reply.body);
}

#[test]
fn should_return_secret_and_qr_code_url_when_2fa_is_disabled_on_user() {
    let (t, users) = case("should return secret and qr code url when 2fa is disabled on user");
    let reply = method_call(&t, Some(&users.user1), "id1", ENABLE, json!([]))
        .status(200)
        .prop("success", true);
    let result = &outcome(&reply)["result"];
    assert!(result["secret"].is_string(), "{}: secret; body {}", t.cite(), reply.body);
    let url = result["url"].as_str().unwrap_or_default();
    assert!(url.starts_with("otpauth://"), "{}: url {url}", t.cite());
}

/// `should enable 2fa on the user`, up to its end: user2 enrolled with a code of its secret.
fn enrol(t: &Case, user: &Creds) -> Reply {
    let enabled = method_call(t, Some(user), "id2", ENABLE, json!([])).status(200);
    let secret = outcome(&enabled)["result"]["secret"].as_str().unwrap_or_default().to_owned();
    let code = totp::current_base32(&secret);
    method_call(t, Some(user), "id3", "2fa:validateTempToken", json!([code])).status(200)
}

#[test]
fn should_enable_2fa_on_the_user() {
    let (t, users) = case("should enable 2fa on the user");
    let reply = enrol(&t, &users.user2).prop("success", true);
    let data = outcome(&reply);
    assert!(data["result"]["codes"].is_array(), "{}: codes; body {}", t.cite(), reply.body);
}

#[test]
fn should_return_error_when_2fa_is_already_enabled_on_the_user() {
    let (t, users) = case("should return error when 2fa is already enabled on the user");
    enrol(&t, &users.user2);
    let reply = method_call(&t, Some(&users.user2), "id4", ENABLE, json!([]))
        .status(200)
        .prop("success", true);
    let data = outcome(&reply);
    assert!(data.get("error").is_some(), "{}: error; body {}", t.cite(), reply.body);
    assert!(data.get("result").is_none(), "{}: no result; body {}", t.cite(), reply.body);
}

#[test]
fn enable_email_should_return_401_when_not_authenticated() {
    let t =
        Case::new(USERS, "[/users.2fa.enableEmail]", "should return 401 when not authenticated");
    t.post("users.2fa.enableEmail").send().expect(401).prop("status", "error");
}

#[test]
fn disable_email_should_return_401_when_not_authenticated() {
    let t =
        Case::new(USERS, "[/users.2fa.disableEmail]", "should return 401 when not authenticated");
    t.post("users.2fa.disableEmail").send().expect(401).prop("status", "error");
}
