//! users.ts › `Personal Access Tokens`: the `successful cases` (with
//! `create-personal-access-tokens` held by `admin` only) and the `unsuccessful cases` (held by
//! nobody). The administrator makes every call; the token `tokenName` the generate case makes
//! is what the regenerate and remove cases act on, so they make it first.

use serde_json::json;

use crate::USERS;
use crate::harness::{Case, Creds};

const OK: &str = "Personal Access Tokens › successful cases";
const REFUSED: &str = "Personal Access Tokens › unsuccessful cases › should return an error when the user dont have the necessary permission \"create-personal-access-tokens\"";
const TOKEN: &str = "1700000000000token";

fn case(describe: &str, title: &str, holders: &[&str]) -> Case {
    let t = Case::new(USERS, describe, title);
    t.update_permission("create-personal-access-tokens", holders);
    t
}

fn generate(t: &Case, name: &str) -> crate::harness::Reply {
    t.post("users.generatePersonalAccessToken")
        .as_(&t.admin)
        .json(json!({"tokenName": name}))
        .send()
}

#[test]
fn should_accept_login_token_when_we_call_me() {
    let t = case(OK, "should accept loginToken when we call /me", &["admin"]);
    let reply = generate(&t, "test").expect(200).prop("success", true).has("token");
    let token = reply.body["token"].as_str().unwrap_or_default().to_owned();
    let pat = Creds { user_id: t.admin.user_id.clone(), token };
    t.get("me").as_(&pat).send().status(200);
}

#[test]
fn should_return_an_array_when_the_user_does_not_have_personal_tokens_configured() {
    let t = case(
        &format!("{OK} › [/users.getPersonalAccessTokens]"),
        "should return an array when the user does not have personal tokens configured",
        &["admin"],
    );
    t.get("users.getPersonalAccessTokens")
        .as_(&t.admin)
        .send()
        .expect(200)
        .prop("success", true)
        .check("tokens is an array", |b| b["tokens"].is_array());
}

#[test]
fn get_personal_access_tokens_should_return_401_when_not_authenticated() {
    let t = case(
        &format!("{OK} › [/users.getPersonalAccessTokens]"),
        "should return 401 when not authenticated",
        &["admin"],
    );
    t.get("users.getPersonalAccessTokens").send().expect(401).prop("status", "error");
}

const GENERATE: &str =
    "Personal Access Tokens › successful cases › [/users.generatePersonalAccessToken]";

#[test]
fn should_return_a_personal_access_token_to_user() {
    let t = case(GENERATE, "should return a personal access token to user", &["admin"]);
    generate(&t, TOKEN).expect(200).prop("success", true).has("token");
}

#[test]
fn should_throw_an_error_when_user_tries_generate_a_token_with_the_same_name() {
    let t = case(
        GENERATE,
        "should throw an error when user tries generate a token with the same name",
        &["admin"],
    );
    generate(&t, TOKEN).expect(200);
    generate(&t, TOKEN).expect(400).prop("success", false);
}

/// The `should return 401 when not authenticated` and `should return 400 when body is empty`
/// pair every token route has.
fn unauthenticated(describe: &str, endpoint: &str) {
    let t = case(describe, "should return 401 when not authenticated", &["admin"]);
    t.post(endpoint).send().expect(401).prop("status", "error");
}

fn empty_body(describe: &str, endpoint: &str) {
    let t = case(describe, "should return 400 when body is empty", &["admin"]);
    t.post(endpoint).as_(&t.admin).json(json!({})).send().expect(400).prop("success", false);
}

#[test]
fn generate_should_return_401_when_not_authenticated() {
    unauthenticated(GENERATE, "users.generatePersonalAccessToken");
}

#[test]
fn generate_should_return_400_when_body_is_empty() {
    empty_body(GENERATE, "users.generatePersonalAccessToken");
}

const REGENERATE: &str =
    "Personal Access Tokens › successful cases › [/users.regeneratePersonalAccessToken]";

#[test]
fn should_return_a_personal_access_token_to_user_when_user_regenerates_the_token() {
    let t = case(
        REGENERATE,
        "should return a personal access token to user when user regenerates the token",
        &["admin"],
    );
    generate(&t, TOKEN).expect(200);
    t.post("users.regeneratePersonalAccessToken")
        .as_(&t.admin)
        .json(json!({"tokenName": TOKEN}))
        .send()
        .expect(200)
        .prop("success", true)
        .has("token");
}

#[test]
fn should_throw_an_error_when_user_tries_regenerate_a_token_that_does_not_exist() {
    let t = case(
        REGENERATE,
        "should throw an error when user tries regenerate a token that does not exist",
        &["admin"],
    );
    t.post("users.regeneratePersonalAccessToken")
        .as_(&t.admin)
        .json(json!({"tokenName": "tokenthatdoesnotexist"}))
        .send()
        .expect(400)
        .prop("success", false);
}

#[test]
fn regenerate_should_return_401_when_not_authenticated() {
    unauthenticated(REGENERATE, "users.regeneratePersonalAccessToken");
}

#[test]
fn regenerate_should_return_400_when_body_is_empty() {
    empty_body(REGENERATE, "users.regeneratePersonalAccessToken");
}

#[test]
fn should_return_my_personal_access_tokens() {
    let t = case(
        &format!("{OK} › [/users.getPersonalAccessTokens]"),
        "should return my personal access tokens",
        &["admin"],
    );
    generate(&t, TOKEN).expect(200);
    t.get("users.getPersonalAccessTokens")
        .as_(&t.admin)
        .send()
        .expect(200)
        .prop("success", true)
        .check("tokens is an array", |b| b["tokens"].is_array());
}

const REMOVE: &str =
    "Personal Access Tokens › successful cases › [/users.removePersonalAccessToken]";

#[test]
fn should_return_success_when_user_remove_a_personal_access_token() {
    let t =
        case(REMOVE, "should return success when user remove a personal access token", &["admin"]);
    generate(&t, TOKEN).expect(200);
    t.post("users.removePersonalAccessToken")
        .as_(&t.admin)
        .json(json!({"tokenName": TOKEN}))
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_throw_an_error_when_user_tries_remove_a_token_that_does_not_exist() {
    let t = case(
        REMOVE,
        "should throw an error when user tries remove a token that does not exist",
        &["admin"],
    );
    t.post("users.removePersonalAccessToken")
        .as_(&t.admin)
        .json(json!({"tokenName": "tokenthatdoesnotexist"}))
        .send()
        .expect(400)
        .prop("success", false);
}

#[test]
fn remove_should_return_401_when_not_authenticated() {
    unauthenticated(REMOVE, "users.removePersonalAccessToken");
}

#[test]
fn remove_should_return_400_when_body_is_empty() {
    empty_body(REMOVE, "users.removePersonalAccessToken");
}

fn not_authorized(title: &str, endpoint: &str, name: &str) {
    let t = case(REFUSED, title, &[]);
    t.post(endpoint)
        .as_(&t.admin)
        .json(json!({"tokenName": name}))
        .send()
        .expect(400)
        .prop("success", false)
        .prop("errorType", "not-authorized");
}

#[test]
fn unsuccessful_generate_personal_access_token() {
    not_authorized(
        "/users.generatePersonalAccessToken",
        "users.generatePersonalAccessToken",
        TOKEN,
    );
}

#[test]
fn unsuccessful_regenerate_personal_access_token() {
    not_authorized(
        "/users.regeneratePersonalAccessToken",
        "users.regeneratePersonalAccessToken",
        TOKEN,
    );
}

#[test]
fn unsuccessful_get_personal_access_tokens() {
    let t = case(REFUSED, "/users.getPersonalAccessTokens", &[]);
    t.get("users.getPersonalAccessTokens")
        .as_(&t.admin)
        .send()
        .expect(403)
        .prop("success", false)
        .prop(
            "error",
            "User does not have the permissions required for this action [error-unauthorized]",
        );
}

#[test]
fn unsuccessful_remove_personal_access_token() {
    not_authorized("/users.removePersonalAccessToken", "users.removePersonalAccessToken", TOKEN);
}

#[test]
fn unsuccessful_remove_a_token_that_does_not_exist() {
    not_authorized(
        "should throw an error when user tries remove a token that does not exist",
        "users.removePersonalAccessToken",
        "tokenthatdoesnotexist",
    );
}
