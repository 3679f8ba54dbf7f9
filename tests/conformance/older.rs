//! The cases of an older users.ts whose expectations changed since: `users.update` answered
//! its typed-route errors with an `[invalid-params]` suffix, `users.info` about oneself
//! carried the login-token hashes (`services.resume`), and `users.setStatus` refused an
//! unknown status with `error-invalid-status` where 8.x refuses it in the body schema. The
//! stand-in's 7.x mode answers as those servers did.

use serde_json::{Value, json};

use crate::USERS_OLDER;
use crate::harness::{Case, Creds, id_of};
use crate::support::Mode;

fn case(describe: &str, title: &str) -> Case {
    Case::in_mode(Mode::V7, USERS_OLDER, describe, title)
}

/// `[Users]`'s `before`: the target user.
fn target(t: &Case) -> (Value, Creds) {
    t.user_with_login(
        json!({"active": true, "roles": ["user"], "joinDefaultChannels": true, "verified": true}),
    )
}

#[test]
fn should_return_an_error_when_trying_to_upsert_a_user_by_sending_an_empty_user_id() {
    let t = case(
        "[/users.update]",
        "should return an error when trying to upsert a user by sending an empty userId",
    );
    t.post("users.update")
        .as_(&t.admin)
        .json(json!({"userId": "", "data": {}}))
        .send()
        .expect(400)
        .prop("success", false)
        .prop("errorType", "invalid-params")
        .prop("error", "must NOT have fewer than 1 characters [invalid-params]");
}

#[test]
fn should_return_an_error_when_trying_to_use_the_join_default_channels_param() {
    let t = case(
        "[/users.update]",
        "should return an error when trying to use the joinDefaultChannels param, which is not intended for updates",
    );
    let (user, _) = target(&t);
    t.post("users.update")
        .as_(&t.admin)
        .json(json!({"userId": id_of(&user), "data": {"joinDefaultChannels": true}}))
        .send()
        .expect(400)
        .prop("success", false)
        .prop("errorType", "invalid-params")
        .prop("error", "must NOT have additional properties [invalid-params]");
}

#[test]
fn should_return_all_services_fields_when_request_for_myself_data_even_without_privileged_permission()
 {
    let t = case(
        "[/users.info]",
        "should return all services fields when request for myself data even without privileged permission",
    );
    t.update_permission("view-full-other-user-info", &[]);
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("userId", &t.admin.user_id)])
        .send()
        .expect(200)
        .prop("success", true)
        .has("user.services.password")
        .has("user.services.resume");
}

#[test]
fn should_return_an_error_when_the_user_try_to_update_user_status_with_an_invalid_status() {
    let t = case(
        "[/users.setStatus]",
        "should return an error when the user try to update user status with an invalid status",
    );
    t.create_user(json!({}));
    t.post("users.setStatus")
        .as_(&t.admin)
        .json(json!({"status": "invalid"}))
        .send()
        .expect(400)
        .prop("success", false)
        .prop("errorType", "error-invalid-status")
        .prop(
            "error",
            "Valid status types include online, away, offline, and busy. [error-invalid-status]",
        );
}
