//! users.ts › `Avatars` › `[/users.setAvatar]` and `[/users.resetAvatar]`. The block's `before`
//! creates a user, turns `Accounts_AllowUserAvatarChange` on and gives `edit-other-user-avatar`
//! to `admin` and `user`. (`users.getAvatar` and `users.getAvatarSuggestion` are not called by
//! rocketctl and are listed as skipped.)

use serde_json::json;

use crate::USERS;
use crate::harness::{ADMIN_USERNAME, Case, Creds, IMAGE};

fn case(describe: &str, title: &str) -> (Case, Creds) {
    let t = Case::new(USERS, describe, title);
    let (_, user) = t.user_with_login(json!({}));
    t.update_setting("Accounts_AllowUserAvatarChange", json!(true));
    t.update_permission("edit-other-user-avatar", &["admin", "user"]);
    (t, user)
}

const SET: &str = "Avatars › [/users.setAvatar]";
const RESET: &str = "Avatars › [/users.resetAvatar]";

#[test]
fn should_set_the_avatar_of_the_logged_user_by_a_local_image() {
    let (t, user) = case(SET, "should set the avatar of the logged user by a local image");
    t.post("users.setAvatar")
        .as_(&user)
        .upload(&[], IMAGE)
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_update_the_avatar_of_another_user_by_user_id_with_permission() {
    let (t, user) = case(
        SET,
        "should update the avatar of another user by userId when the logged user has the necessary permission (edit-other-user-avatar)",
    );
    t.post("users.setAvatar")
        .as_(&user)
        .upload(&[("userId", &t.admin.user_id)], IMAGE)
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_set_the_avatar_of_another_user_by_username_with_permission() {
    let (t, _) = case(
        SET,
        "should set the avatar of another user by username and local image when the logged user has the necessary permission (edit-other-user-avatar)",
    );
    t.post("users.setAvatar")
        .as_(&t.admin)
        .upload(&[("username", ADMIN_USERNAME)], IMAGE)
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_prevent_from_updating_someone_elses_avatar_without_permission() {
    let (t, user) = case(
        SET,
        "should prevent from updating someone else's avatar when the logged user doesn't have the necessary permission(edit-other-user-avatar)",
    );
    t.update_permission("edit-other-user-avatar", &[]);
    t.post("users.setAvatar")
        .as_(&user)
        .upload(&[("userId", &t.admin.user_id)], IMAGE)
        .send()
        .expect(400)
        .prop("success", false);
}

#[test]
fn should_allow_users_with_the_permission_to_update_avatars_when_the_setting_is_off() {
    let (t, user) = case(
        SET,
        "should allow users with the edit-other-user-avatar permission to update avatars when the Accounts_AllowUserAvatarChange setting is off",
    );
    t.update_setting("Accounts_AllowUserAvatarChange", json!(false));
    t.update_permission("edit-other-user-avatar", &["admin"]);
    t.post("users.setAvatar")
        .as_(&t.admin)
        .upload(&[("userId", &user.user_id)], IMAGE)
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_prevent_users_from_passing_ssrf_payloads_as_avatar_url() {
    let (t, user) = case(
        SET,
        "should prevent users from passing server-side request forgery (SSRF) payloads as avatarUrl",
    );
    t.post("users.setAvatar")
        .as_(&t.admin)
        .json(json!({"userId": user.user_id, "avatarUrl": "http://169.254.169.254/"}))
        .send()
        .expect(400)
        .prop("success", false);
}

#[test]
fn set_avatar_should_return_401_when_not_authenticated() {
    let (t, _) = case(SET, "should return 401 when not authenticated");
    t.post("users.setAvatar").send().expect(401).prop("status", "error");
}

#[test]
fn reset_block_should_set_the_avatar_of_the_logged_user_by_a_local_image() {
    let (t, user) = case(RESET, "should set the avatar of the logged user by a local image");
    t.post("users.setAvatar")
        .as_(&user)
        .upload(&[], IMAGE)
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_reset_the_avatar_of_the_logged_user() {
    let (t, user) = case(RESET, "should reset the avatar of the logged user");
    t.post("users.setAvatar").as_(&user).upload(&[], IMAGE).send().expect(200);
    t.post("users.resetAvatar")
        .as_(&user)
        .json(json!({"userId": user.user_id}))
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_reset_the_avatar_of_another_user_by_user_id_with_permission() {
    let (t, user) = case(
        RESET,
        "should reset the avatar of another user by userId when the logged user has the necessary permission (edit-other-user-avatar)",
    );
    t.post("users.resetAvatar")
        .as_(&user)
        .json(json!({"userId": t.admin.user_id}))
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_reset_the_avatar_of_another_user_by_username_with_permission() {
    let (t, _) = case(
        RESET,
        "should reset the avatar of another user by username and local image when the logged user has the necessary permission (edit-other-user-avatar)",
    );
    t.post("users.resetAvatar")
        .as_(&t.admin)
        .json(json!({"username": ADMIN_USERNAME}))
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_prevent_from_resetting_someone_elses_avatar_without_permission() {
    let (t, user) = case(
        RESET,
        "should prevent from resetting someone else's avatar when the logged user doesn't have the necessary permission(edit-other-user-avatar)",
    );
    t.update_permission("edit-other-user-avatar", &[]);
    t.post("users.resetAvatar")
        .as_(&user)
        .json(json!({"userId": t.admin.user_id}))
        .send()
        .expect(400)
        .prop("success", false);
}

#[test]
fn should_allow_users_with_the_permission_to_reset_avatars_when_the_setting_is_off() {
    let (t, user) = case(
        RESET,
        "should allow users with the edit-other-user-avatar permission to reset avatars when the Accounts_AllowUserAvatarChange setting is off",
    );
    t.update_setting("Accounts_AllowUserAvatarChange", json!(false));
    t.update_permission("edit-other-user-avatar", &["admin"]);
    t.post("users.resetAvatar")
        .as_(&t.admin)
        .json(json!({"userId": user.user_id}))
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn reset_avatar_should_return_401_when_not_authenticated() {
    let (t, _) = case(RESET, "should return 401 when not authenticated");
    t.post("users.resetAvatar").send().expect(401).prop("status", "error");
}
