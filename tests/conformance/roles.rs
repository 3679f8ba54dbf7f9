//! roles.ts › `[/roles.update]`, `[/roles.getUsersInRole]` and `[/roles.removeUserFromRole]`,
//! as a Community server runs them. The cases the original runs only on Enterprise servers
//! need a role made by the Enterprise `roles.create`; the ones whose subject is a route
//! rocketctl calls are replayed with the built-in `livechat-manager` role (held by nobody on a
//! new server) in its place, and say so in their citation. `roles.create` (skipped in the
//! original), `roles.delete`, the Enterprise `roles.update` and `roles.getUsersInPublicRoles`
//! are listed as skipped in docs/server.md.

use serde_json::{Value, json};

use crate::ROLES;
use crate::harness::{Case, Creds, name_of};

const UPDATE: &str = "[Roles] › [/roles.update]";
const IN_ROLE: &str = "[Roles] › [/roles.getUsersInRole]";
const REMOVE: &str = "[Roles] › [/roles.removeUserFromRole]";
const UNAUTHORIZED: &str =
    "User does not have the permissions required for this action [error-unauthorized]";
/// Stands in for the role the Enterprise-only cases create.
const STAND_IN_ROLE: &str = "livechat-manager";

fn adapted(title: &str) -> String {
    format!("{title} (Enterprise case; built-in role {STAND_IN_ROLE} in place of a created one)")
}

#[test]
fn should_throw_an_error_when_not_running_ee_to_update_a_role() {
    let t = Case::new(ROLES, UPDATE, "should throw an error when not running EE to update a role");
    t.post("roles.update")
        .as_(&t.admin)
        .json(json!({"name": "role.test.1", "roleId": ""}))
        .send()
        .expect(400)
        .prop("success", false)
        .prop("error", "This is an enterprise feature [error-action-not-allowed]")
        .prop("errorType", "error-action-not-allowed");
}

/// The block's `before`: `access-permissions` back to `admin`, a user logged in.
fn in_role_case(title: &str) -> (Case, Creds) {
    let t = Case::new(ROLES, IN_ROLE, title);
    t.update_permission("access-permissions", &["admin"]);
    let (_, creds) = t.user_with_login(json!({}));
    (t, creds)
}

fn users_in_role(t: &Case, role: &str) -> crate::harness::Reply {
    t.get("roles.getUsersInRole").as_(&t.admin).query(&[("role", role)]).send()
}

#[test]
fn should_successfully_get_an_empty_list_of_users_in_a_role_if_no_user_has_been_assigned_to_it() {
    let (t, _) = in_role_case(&adapted(
        "should successfully get an empty list of users in a role if no user has been assigned to it",
    ));
    users_in_role(&t, STAND_IN_ROLE)
        .expect(200)
        .prop("success", true)
        .prop("total", 0)
        .prop("users", json!([]));
}

#[test]
fn should_successfully_get_a_list_of_users_in_a_role() {
    let (t, _) = in_role_case(&adapted("should successfully get a list of users in a role"));
    t.post("roles.addUserToRole")
        .as_(&t.admin)
        .json(json!({"roleId": STAND_IN_ROLE, "username": crate::harness::ADMIN_USERNAME}))
        .send()
        .expect(200)
        .prop("success", true);
    let admin = t.admin.user_id.clone();
    users_in_role(&t, STAND_IN_ROLE)
        .expect(200)
        .prop("success", true)
        .prop("total", 1)
        .check("one user", |b| b["users"].as_array().map(Vec::len) == Some(1))
        .prop("users[0]._id", admin);
}

#[test]
fn should_fail_getting_a_list_of_users_in_a_role_in_case_an_invalid_role_is_provided() {
    let (t, _) = in_role_case(
        "should fail getting a list of users in a role in case an invalid role is provided (Enterprise case; needs no created role)",
    );
    users_in_role(&t, "invalid-role")
        .expect(400)
        .prop("success", false)
        .prop("errorType", "error-invalid-roleId");
}

#[test]
fn should_fail_when_user_does_not_have_the_access_permissions_permission() {
    let (t, user) =
        in_role_case("should fail when user does NOT have the access-permissions permission");
    t.get("roles.getUsersInRole")
        .as_(&user)
        .query(&[("role", "admin")])
        .send()
        .expect(403)
        .prop("success", false)
        .prop("error", UNAUTHORIZED);
}

/// The block's `before`: `access-permissions` back to `admin`, a user logged in and (on
/// Enterprise) given the created role.
fn remove_case(title: &str, enterprise: bool) -> (Case, Value, Creds) {
    let t = Case::new(ROLES, REMOVE, title);
    t.update_permission("access-permissions", &["admin"]);
    let (user, creds) = t.user_with_login(json!({}));
    if enterprise {
        t.post("roles.addUserToRole")
            .as_(&t.admin)
            .json(json!({"roleId": STAND_IN_ROLE, "username": name_of(&user)}))
            .send()
            .expect(200)
            .prop("success", true);
    }
    (t, user, creds)
}

fn remove(t: &Case, creds: &Creds, role: &str, username: &str) -> crate::harness::Reply {
    t.post("roles.removeUserFromRole")
        .as_(creds)
        .json(json!({"roleId": role, "username": username}))
        .send()
}

#[test]
fn should_fail_removing_a_user_from_a_role_without_the_access_permissions_permission() {
    let (t, user, creds) = remove_case(
        "should fail removing a user from a role when user does NOT have the access-permissions permission",
        false,
    );
    // On a Community server no role was created: the original sends an empty `roleId`.
    remove(&t, &creds, "", &name_of(&user))
        .expect(403)
        .prop("success", false)
        .prop("error", UNAUTHORIZED);
}

#[test]
fn should_fail_removing_an_invalid_user_from_a_role() {
    let (t, _, _) = remove_case(&adapted("should fail removing an invalid user from a role"), true);
    remove(&t, &t.admin, STAND_IN_ROLE, "invalid-username")
        .expect(400)
        .prop("success", false)
        .prop("errorType", "error-invalid-user")
        .prop("error", "There is no user with this username [error-invalid-user]");
}

#[test]
fn should_fail_removing_a_user_from_an_invalid_role() {
    let (t, user, _) =
        remove_case(&adapted("should fail removing a user from an invalid role"), true);
    remove(&t, &t.admin, "invalid-role", &name_of(&user))
        .expect(400)
        .prop("success", false)
        .prop("errorType", "error-invalid-roleId")
        .prop("error", "This role does not exist [error-invalid-roleId]");
}

#[test]
fn should_fail_removing_a_user_from_a_role_they_do_not_have() {
    let (t, user, _) =
        remove_case(&adapted("should fail removing a user from a role they do not have"), true);
    remove(&t, &t.admin, "admin", &name_of(&user))
        .expect(400)
        .prop("success", false)
        .prop("errorType", "error-user-not-in-role")
        .prop("error", "User is not in this role [error-user-not-in-role]");
}

#[test]
fn should_successfully_remove_a_user_from_a_role() {
    let (t, user, _) = remove_case(&adapted("should successfully remove a user from a role"), true);
    remove(&t, &t.admin, STAND_IN_ROLE, &name_of(&user)).expect(200).prop("success", true);
    users_in_role(&t, STAND_IN_ROLE)
        .expect(200)
        .prop("success", true)
        .prop("total", 0)
        .prop("users", json!([]));
}
