//! users.ts › `[/users.delete]`, `[/users.setActiveStatus]`, `[/users.logout]` and
//! `[/users.2fa.sendEmailCode]`. Their `last owner cases`, the livechat-agent cases of
//! `setActiveStatus` (and the agent its `before` makes for them) and the push-token case of
//! `logout` are skipped: rooms, livechat and push are outside account administration.

use serde_json::{Value, json};

use crate::USERS;
use crate::harness::{Case, Creds, id_of, name_of};

const PERMISSION_ERROR: &str =
    "User does not have the permissions required for this action [error-unauthorized]";

#[test]
fn should_return_an_error_when_trying_delete_user_account_without_delete_user_permission() {
    let t = Case::new(
        USERS,
        "[/users.delete]",
        "should return an error when trying delete user account without \"delete-user\" permission",
    );
    let target = t.create_user(json!({"active": true, "roles": ["user"], "verified": true}));
    t.update_permission("delete-user", &["user"]);
    t.post("users.delete")
        .as_(&t.admin)
        .json(json!({"userId": id_of(&target)}))
        .send()
        .expect(403)
        .prop("success", false)
        .prop("error", PERMISSION_ERROR);
}

#[test]
fn should_delete_user_account_when_logged_user_has_delete_user_permission() {
    let t = Case::new(
        USERS,
        "[/users.delete]",
        "should delete user account when logged user has \"delete-user\" permission",
    );
    let new_user = t.create_user(json!({}));
    t.update_permission("delete-user", &["admin"]);
    t.post("users.delete")
        .as_(&t.admin)
        .json(json!({"userId": id_of(&new_user)}))
        .send()
        .expect(200)
        .prop("success", true);
}

/// `[/users.setActiveStatus]`'s `before`: a logged-in user, `edit-other-user-active-status`
/// for `admin` and `user`, `manage-moderation-actions` for `admin`; `[Users]`'s target user.
fn active_case(title: &str) -> (Case, Creds, Value) {
    let t = Case::new(USERS, "[/users.setActiveStatus]", title);
    let target = t.create_user(json!({"active": true, "roles": ["user"], "verified": true}));
    let (_, user) = t.user_with_login(json!({}));
    t.update_permission("edit-other-user-active-status", &["admin", "user"]);
    t.update_permission("manage-moderation-actions", &["admin"]);
    (t, user, target)
}

fn set_active(t: &Case, creds: &Creds, user_id: &str, active: bool) -> crate::harness::Reply {
    t.post("users.setActiveStatus")
        .as_(creds)
        .json(json!({"activeStatus": active, "userId": user_id}))
        .send()
}

#[test]
fn should_set_other_user_active_status_to_false_with_permission() {
    let (t, user, target) = active_case(
        "should set other user active status to false when the logged user has the necessary permission(edit-other-user-active-status)",
    );
    set_active(&t, &user, &id_of(&target), false)
        .expect(200)
        .prop("success", true)
        .prop("user.active", false);
}

#[test]
fn should_set_other_user_active_status_to_true_with_permission() {
    let (t, user, target) = active_case(
        "should set other user active status to true when the logged user has the necessary permission(edit-other-user-active-status)",
    );
    set_active(&t, &user, &id_of(&target), false).status(200);
    set_active(&t, &user, &id_of(&target), true)
        .expect(200)
        .prop("success", true)
        .prop("user.active", true);
}

#[test]
fn should_return_an_error_when_trying_to_set_other_user_active_status_without_permission() {
    let (t, user, target) = active_case(
        "should return an error when trying to set other user active status and has not the necessary permission(edit-other-user-active-status)",
    );
    t.update_permission("edit-other-user-active-status", &[]);
    set_active(&t, &user, &id_of(&target), false)
        .expect(403)
        .prop("success", false)
        .prop("error", PERMISSION_ERROR);
}

#[test]
fn should_return_an_error_when_trying_to_set_user_own_active_status_without_permission() {
    let (t, user, _) = active_case(
        "should return an error when trying to set user own active status and has not the necessary permission(edit-other-user-active-status)",
    );
    t.update_permission("edit-other-user-active-status", &[]);
    set_active(&t, &user, &user.user_id, false)
        .expect(403)
        .prop("success", false)
        .prop("error", PERMISSION_ERROR);
}

#[test]
fn should_set_user_own_active_status_to_false_when_the_user_has_the_necessary_permission() {
    let (t, user, _) = active_case(
        "should set user own active status to false when the user has the necessary permission(edit-other-user-active-status)",
    );
    t.update_permission("edit-other-user-active-status", &["admin"]);
    set_active(&t, &user, &user.user_id, false)
        .expect(403)
        .prop("success", false)
        .prop("error", PERMISSION_ERROR);
}

#[test]
fn users_should_retain_their_roles_when_they_are_deactivated() {
    let (t, _, _) = active_case("users should retain their roles when they are deactivated");
    let test_user = t.create_user(json!({"roles": ["user", "livechat-agent"]}));
    set_active(&t, &t.admin, &id_of(&test_user), false).expect(200);
    let user = t.user_by_username(&name_of(&test_user));
    let roles: Vec<&str> =
        user["roles"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    assert!(roles.len() == 2 && roles.contains(&"user"), "{}: roles {roles:?}", t.cite());
}

#[test]
fn set_active_status_should_return_400_when_body_is_empty() {
    let (t, _, _) = active_case("should return 400 when body is empty");
    t.post("users.setActiveStatus")
        .as_(&t.admin)
        .json(json!({}))
        .send()
        .expect(400)
        .prop("success", false);
}

/// `[/users.logout]`'s `before`: a logged-in user and another one.
fn logout_case(title: &str) -> (Case, Creds, Value) {
    let t = Case::new(USERS, "[/users.logout]", title);
    let (_, user) = t.user_with_login(json!({}));
    let other = t.create_user(json!({}));
    (t, user, other)
}

#[test]
fn should_throw_unauthorized_error_to_user_without_logout_other_user_permission() {
    let (t, _, other) =
        logout_case("should throw unauthorized error to user w/o \"logout-other-user\" permission");
    t.update_permission("logout-other-user", &[]);
    t.post("users.logout").as_(&t.admin).json(json!({"userId": id_of(&other)})).send().expect(403);
}

#[test]
fn should_logout_other_user() {
    let (t, _, other) = logout_case("should logout other user");
    t.update_permission("logout-other-user", &["admin"]);
    t.post("users.logout").as_(&t.admin).json(json!({"userId": id_of(&other)})).send().expect(200);
}

#[test]
fn should_logout_the_requester() {
    let (t, user, _) = logout_case("should logout the requester");
    t.update_permission("logout-other-user", &[]);
    t.post("users.logout").as_(&user).send().expect(200);
}

#[test]
fn logout_should_return_401_when_not_authenticated() {
    let (t, _, _) = logout_case("should return 401 when not authenticated");
    t.post("users.logout").send().expect(401).prop("status", "error");
}

#[test]
fn should_return_400_when_email_or_username_is_missing() {
    let t = Case::new(
        USERS,
        "[/users.2fa.sendEmailCode]",
        "should return 400 when emailOrUsername is missing",
    );
    t.post("users.2fa.sendEmailCode").json(json!({})).send().expect(400).prop("success", false);
}
