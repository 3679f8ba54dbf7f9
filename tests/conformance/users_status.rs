//! users.ts › `[/users.getStatus]` and `[/users.setStatus]` (the administrator calls; the
//! `setStatus` block's `before` creates a second user). The three `expiresAt` cases are not
//! replayed: they need the status scheduling of 8.6+ develop code newer than the route the
//! stand-in follows (docs/server.md#conformance-cases).

use serde_json::{Value, json};

use crate::USERS;
use crate::harness::{Case, id_of};

const GET: &str = "[/users.getStatus]";
const SET: &str = "[/users.setStatus]";

#[test]
fn should_return_my_own_status() {
    let t = Case::new(USERS, GET, "should return my own status");
    let admin = t.admin.user_id.clone();
    t.get("users.getStatus")
        .as_(&t.admin)
        .send()
        .expect(200)
        .prop("success", true)
        .prop("_id", admin)
        .has("status");
}

#[test]
fn should_return_other_user_status() {
    let t = Case::new(USERS, GET, "should return other user status");
    t.get("users.getStatus")
        .as_(&t.admin)
        .query(&[("userId", "rocket.cat")])
        .send()
        .expect(200)
        .prop("success", true)
        .prop("_id", "rocket.cat")
        .has("status");
}

#[test]
fn get_status_should_return_401_when_not_authenticated() {
    let t = Case::new(USERS, GET, "should return 401 when not authenticated");
    t.get("users.getStatus").send().expect(401).prop("status", "error");
}

fn case(title: &str) -> (Case, Value) {
    let t = Case::new(USERS, SET, title);
    let user = t.create_user(json!({}));
    (t, user)
}

fn set_status(t: &Case, body: Value) -> crate::harness::Reply {
    t.post("users.setStatus").as_(&t.admin).json(body).send()
}

#[test]
fn should_return_an_error_when_the_setting_is_disabled() {
    let (t, _) = case(
        "should return an error when the setting \"Accounts_AllowUserStatusMessageChange\" is disabled",
    );
    t.update_setting("Accounts_AllowUserStatusMessageChange", json!(false));
    set_status(&t, json!({"status": "busy", "message": ""}))
        .expect(400)
        .prop("success", false)
        .prop("errorType", "error-not-allowed")
        .prop("error", "Change status is not allowed [error-not-allowed]");
}

#[test]
fn should_update_my_own_status() {
    let (t, _) = case("should update my own status");
    t.update_setting("Accounts_AllowUserStatusMessageChange", json!(true));
    set_status(&t, json!({"status": "busy", "message": "test"})).expect(200).prop("success", true);
    t.get("users.getStatus")
        .as_(&t.admin)
        .query(&[("userId", &t.admin.user_id)])
        .send()
        .expect(200)
        .prop("status", "busy");
}

#[test]
fn should_return_an_error_when_trying_to_update_other_user_status_without_the_required_permission()
{
    let (t, user) = case(
        "should return an error when trying to update other user status without the required permission",
    );
    t.update_permission("edit-other-user-info", &[]);
    set_status(&t, json!({"status": "busy", "message": "test", "userId": id_of(&user)}))
        .expect(403)
        .prop("success", false)
        .prop("error", "unauthorized");
}

#[test]
fn should_update_another_user_status_succesfully() {
    let (t, user) = case("should update another user status succesfully");
    t.update_permission("edit-other-user-info", &["admin"]);
    set_status(&t, json!({"status": "busy", "message": "test", "userId": id_of(&user)}))
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_return_an_error_when_the_user_try_to_update_user_status_with_an_invalid_status() {
    let (t, _) = case(
        "should return an error when the user try to update user status with an invalid status",
    );
    set_status(&t, json!({"status": "invalid"}))
        .expect(400)
        .prop("success", false)
        .prop("errorType", "invalid-params")
        .check("the error names the allowed values", |b| {
            b["error"]
                .as_str()
                .is_some_and(|e| e.contains("must be equal to one of the allowed values"))
        });
}

#[test]
fn should_return_an_error_when_user_changes_status_to_offline_and_invisible_is_disabled() {
    let (t, _) = case(
        "should return an error when user changes status to offline and \"Accounts_AllowInvisibleStatusOption\" is disabled",
    );
    t.update_setting("Accounts_AllowInvisibleStatusOption", json!(false));
    set_status(&t, json!({"status": "offline"}))
        .expect(400)
        .prop("success", false)
        .prop("errorType", "error-status-not-allowed")
        .prop("error", "Invisible status is disabled [error-status-not-allowed]");
}

#[test]
fn should_reject_a_message_only_update_when_status_resolves_to_offline_via_status_default() {
    let (t, _) = case(
        "should reject a message-only update when status resolves to offline via statusDefault and \"Accounts_AllowInvisibleStatusOption\" is disabled",
    );
    t.update_setting("Accounts_AllowInvisibleStatusOption", json!(true));
    set_status(&t, json!({"status": "offline"})).status(200);
    t.update_setting("Accounts_AllowInvisibleStatusOption", json!(false));
    set_status(&t, json!({"message": "still trying to stay invisible"}))
        .status(400)
        .prop("success", false)
        .prop("errorType", "error-status-not-allowed");
}

#[test]
fn should_return_an_error_when_the_payload_is_missing_all_supported_fields() {
    let (t, _) = case("should return an error when the payload is missing all supported fields");
    set_status(&t, json!({}))
        .expect(400)
        .prop("success", false)
        .prop("error", "Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation");
}

#[test]
fn set_status_should_return_401_when_not_authenticated() {
    let (t, _) = case("should return 401 when not authenticated");
    t.post("users.setStatus").send().expect(401).prop("status", "error");
}

#[test]
fn should_update_only_the_status_message_when_no_status_is_provided() {
    let (t, _) = case("should update only the status message when no status is provided");
    t.update_setting("Accounts_AllowUserStatusMessageChange", json!(true));
    set_status(&t, json!({"message": "message only, no status"})).expect(200).prop("success", true);
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("userId", &t.admin.user_id)])
        .send()
        .status(200)
        .prop("user.statusText", "message only, no status");
}
