//! users.ts › `[/users.list]`. The describe's `before` hooks create a deactivated user, a user
//! with a custom field and two logged-in users; its private group and invite link serve only
//! the two `inviteToken` cases, which are skipped (invites are rooms' business).

use serde_json::{Value, json};

use crate::USERS;
use crate::harness::{Case, Creds, PASSWORD, id_of, unique};

struct Fixture {
    t: Case,
    deactivated: Value,
    target: Value,
    user2: Creds,
}

fn fixture(describe: &str, title: &str) -> Fixture {
    let t = Case::new(USERS, describe, title);
    let name = unique("deactivated_");
    let deactivated = t.create_user(json!({"email": format!("{name}+apiuser.test@rocket.chat-1"), "name": name,
                                            "username": name, "password": PASSWORD, "active": false}));
    let fields = json!({"customFieldText": {"type": "text", "required": true, "minLength": 2, "maxLength": 10}});
    t.update_setting("Accounts_CustomFields", json!(fields.to_string()));
    let name = unique("customField_");
    t.create_user(json!({"email": format!("{name}+apiuser.test@rocket.chat-1"), "name": name, "username": name,
                         "password": PASSWORD, "active": true, "roles": ["user"], "joinDefaultChannels": true,
                         "verified": true, "customFields": {"customFieldText": "success"}}));
    let (_, user2) = t.user_with_login(json!({"joinDefaultChannels": false}));
    t.user_with_login(json!({"joinDefaultChannels": false}));
    // `[Users]`'s target user, whose address the e-mail queries look up.
    let target = t.create_user(
        json!({"active": true, "roles": ["user"], "joinDefaultChannels": true, "verified": true}),
    );
    Fixture { t, deactivated, target, user2 }
}

const DESCRIBE: &str = "[/users.list]";

#[test]
fn should_query_all_users_in_the_system() {
    let f = fixture(DESCRIBE, "should query all users in the system");
    let admin = f.t.admin.user_id.clone();
    f.t.get("users.list")
        .as_(&f.t.admin)
        .send()
        .expect(200)
        .prop("success", true)
        .has("count")
        .has("total")
        .check("the administrator is listed without e2e", |b| {
            b["users"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|u| u["_id"] == json!(admin) && u.get("e2e").is_none())
        });
}

#[test]
fn should_sort_for_user_statuses_and_check_if_deactivated_user_is_correctly_sorted() {
    let f = fixture(
        DESCRIBE,
        "should sort for user statuses and check if deactivated user is correctly sorted",
    );
    let fields = json!({"username": 1, "_id": 1, "active": 1, "status": 1}).to_string();
    let sort = json!({"status": 1}).to_string();
    let id = id_of(&f.deactivated);
    f.t.get("users.list")
        .as_(&f.t.admin)
        .query(&[("fields", &fields), ("sort", &sort)])
        .send()
        .expect(200)
        .prop("success", true)
        .has("count")
        .has("total")
        .has("users")
        .check("the deactivated user is listed with active false", |b| {
            b["users"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|u| u["_id"] == json!(id) && u["active"] == json!(false))
        });
}

#[test]
fn should_query_all_users_when_logged_as_normal_user_and_view_outside_room_not_granted() {
    let f = fixture(
        DESCRIBE,
        "should query all users in the system when logged as normal user and `view-outside-room` not granted",
    );
    f.t.update_permission("view-outside-room", &["admin"]);
    f.t.get("users.list")
        .as_(&f.user2)
        .send()
        .expect(200)
        .prop("success", true)
        .has("count")
        .has("total");
}

#[test]
fn should_not_query_users_when_view_outside_room_not_granted_and_temp_setting_enabled() {
    let f = fixture(
        DESCRIBE,
        "should not query users when logged as normal user, `view-outside-room` not granted and temp setting enabled",
    );
    f.t.update_permission("view-outside-room", &["admin"]);
    f.t.update_setting("API_Apply_permission_view-outside-room_on_users-list", json!(true));
    f.t.get("users.list").as_(&f.user2).send().expect(403);
}

const BY_EMAIL_WITH: &str =
    "[/users.list] › querying by user email › with 'view-full-other-user-info' permission";

#[test]
fn should_return_the_specific_user_with_the_emails_property() {
    let f = fixture(BY_EMAIL_WITH, "should return the specific user with the \"emails\" property");
    f.t.update_permission("view-full-other-user-info", &["admin"]);
    let email = f.target["emails"][0]["address"].as_str().unwrap_or_default().to_owned();
    f.t.get("users.list")
        .as_(&f.t.admin)
        .query(&[("email", &email)])
        .send()
        .expect(200)
        .prop("success", true)
        .check("exactly one user", |b| b["users"].as_array().is_some_and(|u| u.len() == 1))
        .prop("users[0]._id", id_of(&f.target))
        .check("emails is an array", |b| b["users"][0]["emails"].is_array())
        .prop("users[0].emails[0].address", email.as_str());
}

#[test]
fn should_return_an_empty_array_when_querying_by_an_email_that_does_not_exist() {
    let f = fixture(
        BY_EMAIL_WITH,
        "should return an empty array when querying by an email that does not exist",
    );
    f.t.update_permission("view-full-other-user-info", &["admin"]);
    f.t.get("users.list")
        .as_(&f.t.admin)
        .query(&[("email", "this_email_does_not_exist@invalid.com")])
        .send()
        .expect(200)
        .prop("success", true)
        .prop("users", json!([]))
        .prop("count", 0);
}

#[test]
fn should_return_403_forbidden() {
    let f = fixture(
        "[/users.list] › querying by user email › without 'view-full-other-user-info' permission",
        "should return 403 Forbidden",
    );
    f.t.update_permission("view-full-other-user-info", &[]);
    let email = f.target["emails"][0]["address"].as_str().unwrap_or_default().to_owned();
    f.t.get("users.list")
        .as_(&f.t.admin)
        .query(&[("email", &email)])
        .send()
        .expect(403)
        .prop("success", false)
        .prop("error", "unauthorized");
}

#[test]
fn should_return_401_when_not_authenticated() {
    let t = Case::new(USERS, DESCRIBE, "should return 401 when not authenticated");
    t.get("users.list").send().expect(401).prop("status", "error");
}
