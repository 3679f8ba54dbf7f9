//! users.ts › `[/users.info]`. The describe's `before` also creates a channel for the
//! `includeUserRooms` cases, which are skipped (rooms are outside account administration), so
//! the remaining cases do without it. `targetUser` is the one `[Users]` creates first.

use serde_json::{Value, json};

use crate::USERS;
use crate::harness::{Case, Creds, PASSWORD, id_of, name_of, unique};

/// `[Users]`'s `before`: the target user, created active, verified, with the `user` role.
fn target(t: &Case) -> (Value, Creds) {
    t.user_with_login(
        json!({"active": true, "roles": ["user"], "joinDefaultChannels": true, "verified": true}),
    )
}

fn case(describe: &str, title: &str) -> Case {
    Case::new(USERS, describe, title)
}

#[test]
fn should_fail_when_request_is_without_authentication_credentials() {
    let t = case("[/users.info]", "should fail when request is without authentication credentials");
    let (user, _) = target(&t);
    t.get("users.info")
        .query(&[("userId", &id_of(&user))])
        .send()
        .expect(401)
        .prop("success", false)
        .has("error");
}

fn anonymous_read(title: &str, with_user_id: bool) {
    let t = case("[/users.info] › authentication", title);
    let (user, _) = target(&t);
    t.update_setting("Accounts_AllowAnonymousRead", json!(true));
    let mut call = t.get("users.info").query(&[("userId", &id_of(&user))]);
    if with_user_id {
        call = call.header("X-User-Id", &t.admin.user_id);
    }
    call.send().expect(401).prop("success", false).has("error");
}

#[test]
fn should_fail_when_request_is_without_authentication_credentials_and_anonymous_read_is_enabled() {
    anonymous_read(
        "should fail when request is without authentication credentials and Anonymous Read is enabled",
        false,
    );
}

#[test]
fn should_fail_when_request_is_without_token_and_anonymous_read_is_enabled() {
    anonymous_read("should fail when request is without token and Anonymous Read is enabled", true);
}

#[test]
fn should_return_an_error_when_the_user_does_not_exist() {
    let t = case("[/users.info]", "should return an error when the user does not exist");
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("username", "invalid-username")])
        .send()
        .expect(400)
        .prop("success", false)
        .has("error");
}

#[test]
fn should_query_information_about_a_user_by_user_id() {
    let t = case("[/users.info]", "should query information about a user by userId");
    let (user, _) = target(&t);
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("userId", &id_of(&user))])
        .send()
        .expect(200)
        .prop("success", true)
        .prop("user.username", name_of(&user))
        .prop("user.active", true)
        .prop("user.name", name_of(&user))
        .lacks("user.e2e");
}

#[test]
fn should_not_return_any_services_fields_when_requesting_another_users_info() {
    let t = case(
        "[/users.info]",
        "should NOT return any services fields when requesting another user's info, even if the user has the necessary permission",
    );
    let (user, _) = target(&t);
    t.update_permission("view-full-other-user-info", &["admin"]);
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("userId", &id_of(&user))])
        .send()
        .expect(200)
        .prop("success", true)
        .lacks("user.services.emailCode")
        .lacks("user.services");
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
        .has("user.services.password");
}

#[test]
fn should_correctly_route_users_that_have_ufs_in_their_username() {
    let t = case("[/users.info]", "should correctly route users that have `ufs` in their username");
    let name = unique("ufs-");
    t.create_user(json!({"email": format!("me-{name}@email.com"), "name": "testuser", "username": name, "password": PASSWORD}));
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("username", &name)])
        .send()
        .expect(200)
        .prop("success", true)
        .prop("user.type", "user")
        .prop("user.name", "testuser")
        .prop("user.username", name.as_str())
        .prop("user.active", true);
}

#[test]
fn should_not_return_sensitive_fields_on_services_even_though_its_the_same_user() {
    let t = case(
        "[/users.info]",
        "should NOT return sensitive fields on services even though it's the same user requesting its info",
    );
    t.update_permission("view-full-other-user-info", &[]);
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("userId", &t.admin.user_id)])
        .send()
        .expect(200)
        .prop("success", true)
        .check("user.services.password is a boolean", |b| {
            b["user"]["services"]["password"].is_boolean()
        })
        .lacks("user.services.email")
        .lacks("user.services.resume")
        .lacks("user.services.passwordHistory");
}

const BY_EMAIL_WITH: &str =
    "[/users.info] › querying by user email › with 'view-full-other-user-info' permission";
const BY_EMAIL_WITHOUT: &str =
    "[/users.info] › querying by user email › without 'view-full-other-user-info' permission";

#[test]
fn should_query_information_about_a_user_by_email() {
    let t = case(BY_EMAIL_WITH, "should query information about a user by email");
    let (user, _) = target(&t);
    t.update_permission("view-full-other-user-info", &["admin"]);
    let email = user["emails"][0]["address"].as_str().unwrap_or_default().to_owned();
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("email", &email)])
        .send()
        .expect(200)
        .prop("success", true)
        .prop("user.username", name_of(&user))
        .prop("user._id", id_of(&user))
        .prop("user.emails[0].address", email.as_str());
}

#[test]
fn should_return_an_error_when_querying_by_an_email_that_does_not_exist() {
    let t =
        case(BY_EMAIL_WITH, "should return an error when querying by an email that does not exist");
    t.update_permission("view-full-other-user-info", &["admin"]);
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("email", "this_is_a_fake_email_that_does_not_exist@invalid.com")])
        .send()
        .expect(400)
        .prop("success", false)
        .prop("error", "User not found.");
}

#[test]
fn should_return_an_error_when_querying_another_user_by_email_and_lacking_the_permission() {
    let t = case(
        BY_EMAIL_WITHOUT,
        "should return an error when querying another user by email and lacking \"view-full-other-user-info\" permission",
    );
    let (user, _) = target(&t);
    t.update_permission("view-full-other-user-info", &[]);
    let email = user["emails"][0]["address"].as_str().unwrap_or_default().to_owned();
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("email", &email)])
        .send()
        .expect(400)
        .prop("success", false)
        .prop("error", "User not found.");
}

#[test]
fn should_query_information_about_myself_by_email() {
    let t = case(BY_EMAIL_WITHOUT, "should query information about myself by email");
    let (user, creds) = target(&t);
    t.update_permission("view-full-other-user-info", &[]);
    let email = user["emails"][0]["address"].as_str().unwrap_or_default().to_owned();
    t.get("users.info")
        .as_(&creds)
        .query(&[("email", &email)])
        .send()
        .expect(200)
        .prop("success", true)
        .prop("user.username", name_of(&user))
        .prop("user.emails[0].address", email.as_str());
}
