//! permissions.ts › `[/permissions.listAll]` and `[/permissions.update]`. (`permissions.addRole`
//! and `permissions.removeRole` are newer than the 8.x routes the stand-in follows and are
//! listed as skipped in docs/server.md.)

use serde_json::{Value, json};

use crate::PERMISSIONS;
use crate::harness::{Case, Creds};

const LIST: &str = "[Permissions] › [/permissions.listAll]";
const UPDATE: &str = "[Permissions] › [/permissions.update]";

fn arrays(body: &Value) -> bool {
    body["update"].is_array() && body["remove"].is_array()
}

#[test]
fn should_return_an_array_with_update_and_remove_properties() {
    let t =
        Case::new(PERMISSIONS, LIST, "should return an array with update and remove properties");
    t.get("permissions.listAll")
        .as_(&t.admin)
        .send()
        .expect(200)
        .prop("success", true)
        .check("update and remove are arrays", arrays);
}

#[test]
fn should_return_an_array_with_update_and_remove_properties_when_search_by_updated_since() {
    let t = Case::new(
        PERMISSIONS,
        LIST,
        "should return an array with update and remov properties when search by \"updatedSince\" query parameter",
    );
    t.get("permissions.listAll")
        .as_(&t.admin)
        .query(&[("updatedSince", "2018-11-27T13:52:01Z")])
        .send()
        .expect(200)
        .prop("success", true)
        .check("update and remove are arrays", arrays);
}

#[test]
fn should_return_an_error_when_updated_since_is_not_a_valid_iso_date_string() {
    let t = Case::new(
        PERMISSIONS,
        LIST,
        "should return an error when updatedSince query parameter is not a valid ISODate string",
    );
    t.get("permissions.listAll")
        .as_(&t.admin)
        .query(&[("updatedSince", "fsafdf")])
        .send()
        .expect(400)
        .prop("success", false);
}

/// The block's `before`: a user logged in, `access-permissions` back to `admin` only.
fn case(title: &str) -> (Case, Creds) {
    let t = Case::new(PERMISSIONS, UPDATE, title);
    let (_, creds) = t.user_with_login(json!({}));
    t.update_permission("access-permissions", &["admin"]);
    (t, creds)
}

fn update(t: &Case, creds: &Creds, permissions: Value) -> crate::harness::Reply {
    t.post("permissions.update").as_(creds).json(json!({"permissions": permissions})).send()
}

#[test]
fn should_change_the_permissions_on_the_server() {
    let (t, _) = case("should change the permissions on the server");
    update(&t, &t.admin, json!([{"_id": "add-oauth-service", "roles": ["admin", "user"]}]))
        .expect(200)
        .prop("success", true)
        .has("permissions")
        .has("permissions[0]._id")
        .check("permissions[0].roles is an array", |b| b["permissions"][0]["roles"].is_array())
        .has("permissions[0]._updatedAt");
}

#[test]
fn should_400_when_trying_to_set_an_unknown_permission() {
    let (t, _) = case("should 400 when trying to set an unknown permission");
    update(&t, &t.admin, json!([{"_id": "this-permission-does-not-exist", "roles": ["admin"]}]))
        .expect(400)
        .prop("success", false);
}

#[test]
fn should_400_when_trying_to_assign_a_permission_to_an_unknown_role() {
    let (t, _) = case("should 400 when trying to assign a permission to an unknown role");
    update(
        &t,
        &t.admin,
        json!([{"_id": "add-oauth-service", "roles": ["this-role-does-not-exist"]}]),
    )
    .expect(400)
    .prop("success", false);
}

#[test]
fn should_400_when_trying_to_set_permissions_to_a_string() {
    let (t, _) = case("should 400 when trying to set permissions to a string");
    update(&t, &t.admin, json!("")).expect(400).prop("success", false);
}

#[test]
fn should_fail_updating_permission_without_the_access_permissions_permission() {
    let (t, user) = case(
        "should fail updating permission if user does NOT have the access-permissions permission",
    );
    update(&t, &user, json!([{"_id": "add-oauth-service", "roles": ["admin", "user"]}]))
        .expect(403)
        .prop("success", false)
        .prop(
            "error",
            "User does not have the permissions required for this action [error-unauthorized]",
        );
}
