//! users.ts › `[/users.update]`. The describe's `before` turns the six Allow settings on and
//! gives `edit-other-user-info` to `admin`; `targetUser` is `[Users]`'s first user. Cases that
//! follow one another in the original and lean on an earlier one's state repeat that state
//! here. (The Enterprise `Voice call extension` block is listed as skipped.)

use serde_json::{Value, json};

use crate::USERS;
use crate::harness::{Case, PASSWORD, hex_string, id_of, unique};

const DESCRIBE: &str = "[/users.update]";

fn case(title: &str) -> (Case, Value) {
    let t = Case::new(USERS, DESCRIBE, title);
    for setting in [
        "Accounts_AllowUserProfileChange",
        "Accounts_AllowUsernameChange",
        "Accounts_AllowRealNameChange",
        "Accounts_AllowUserStatusMessageChange",
        "Accounts_AllowEmailChange",
        "Accounts_AllowPasswordChange",
    ] {
        t.update_setting(setting, json!(true));
    }
    t.update_permission("edit-other-user-info", &["admin"]);
    let target = t.create_user(
        json!({"active": true, "roles": ["user"], "joinDefaultChannels": true, "verified": true}),
    );
    (t, target)
}

fn update(t: &Case, target: &Value, data: Value) -> crate::harness::Reply {
    t.post("users.update").as_(&t.admin).json(json!({"userId": id_of(target), "data": data})).send()
}

#[test]
fn should_update_a_users_info_by_user_id() {
    let (t, target) = case("should update a user's info by userId");
    let edited = unique("editedapiuser.test-");
    let email = format!("{}@rocket.chat-1", unique("apiuser.test"));
    let data = json!({"email": email, "name": edited, "username": edited, "password": PASSWORD, "active": true, "roles": ["user"]});
    update(&t, &target, data)
        .expect(200)
        .prop("success", true)
        .prop("user.username", edited.as_str())
        .prop("user.emails[0].address", email.as_str())
        .prop("user.active", true)
        .prop("user.name", edited.as_str())
        .lacks("user.e2e");
}

#[test]
fn should_update_a_users_email_by_user_id() {
    let (t, target) = case("should update a user's email by userId");
    let email = format!("edited{}@rocket.chat-1", unique("apiuser.test"));
    update(&t, &target, json!({"email": email}))
        .expect(200)
        .prop("success", true)
        .prop("user.emails[0].address", email.as_str())
        .prop("user.emails[0].verified", false)
        .lacks("user.e2e");
}

#[test]
fn should_update_a_users_bio_by_user_id() {
    let (t, target) = case("should update a user's bio by userId");
    update(&t, &target, json!({"bio": "edited-bio-test"}))
        .expect(200)
        .prop("success", true)
        .prop("user.bio", "edited-bio-test")
        .lacks("user.e2e");
}

#[test]
fn should_update_a_users_nickname_by_user_id() {
    let (t, target) = case("should update a user's nickname by userId");
    update(&t, &target, json!({"nickname": "edited-nickname-test"}))
        .expect(200)
        .prop("success", true)
        .prop("user.nickname", "edited-nickname-test")
        .lacks("user.e2e");
}

#[test]
fn should_return_an_error_when_trying_to_set_a_nickname_longer_than_120_characters() {
    let (t, target) =
        case("should return an error when trying to set a nickname longer than 120 characters");
    update(&t, &target, json!({"nickname": hex_string(121)}))
        .expect(400)
        .prop("success", false)
        .prop("error", "Nickname size exceeds 120 characters [error-nickname-size-exceeded]");
}

#[test]
fn should_return_an_error_when_trying_to_set_a_bio_longer_than_260_characters() {
    let (t, target) =
        case("should return an error when trying to set a bio longer than 260 characters");
    update(&t, &target, json!({"bio": hex_string(261)}))
        .expect(400)
        .prop("success", false)
        .prop("error", "Bio size exceeds 260 characters [error-bio-size-exceeded]");
}

#[test]
fn should_return_an_error_when_trying_to_upsert_a_user_by_sending_an_empty_user_id() {
    let (t, _) =
        case("should return an error when trying to upsert a user by sending an empty userId");
    t.post("users.update")
        .as_(&t.admin)
        .json(json!({"userId": "", "data": {}}))
        .send()
        .expect(400)
        .prop("success", false)
        .prop("errorType", "invalid-params")
        .prop("error", "must NOT have fewer than 1 characters");
}

#[test]
fn should_return_an_error_when_trying_to_use_the_join_default_channels_param() {
    let (t, target) = case(
        "should return an error when trying to use the joinDefaultChannels param, which is not intended for updates",
    );
    update(&t, &target, json!({"joinDefaultChannels": true}))
        .expect(400)
        .prop("success", false)
        .prop("errorType", "invalid-params")
        .prop("error", "must NOT have additional properties");
}

#[test]
fn should_update_a_bots_email() {
    let (t, _) = case("should update a bot's email");
    t.post("users.update")
        .as_(&t.admin)
        .json(json!({"userId": "rocket.cat", "data": {"email": "nouser@rocket.cat"}}))
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_verify_users_email_by_user_id() {
    let (t, target) = case("should verify user's email by userId");
    update(&t, &target, json!({"verified": true}))
        .expect(200)
        .prop("success", true)
        .prop("user.emails[0].verified", true)
        .lacks("user.e2e");
}

/// A pair of cases: refused while the caller lacks `permission`, then accepted with it.
fn setting_pair(title: &str, permission: &str, setting: &str, data: Value, allowed: bool) {
    let (t, target) = case(title);
    t.update_permission(permission, if allowed { &["admin"] } else { &["user"] });
    t.update_setting(setting, json!(false));
    let reply = update(&t, &target, data);
    if allowed {
        reply.expect(200).prop("success", true);
    } else {
        reply.expect(400).prop("success", false);
    }
}

#[test]
fn should_return_an_error_when_trying_update_username_and_it_is_not_allowed() {
    setting_pair(
        "should return an error when trying update username and it is not allowed",
        "edit-other-user-info",
        "Accounts_AllowUsernameChange",
        json!({"username": "fake.name"}),
        false,
    );
}

#[test]
fn should_update_the_user_name_when_the_required_permission_is_applied() {
    setting_pair(
        "should update the user name when the required permission is applied",
        "edit-other-user-info",
        "Accounts_AllowUsernameChange",
        json!({"username": unique("fake.name.")}),
        true,
    );
}

#[test]
fn should_return_an_error_when_trying_update_user_real_name_and_it_is_not_allowed() {
    setting_pair(
        "should return an error when trying update user real name and it is not allowed",
        "edit-other-user-info",
        "Accounts_AllowRealNameChange",
        json!({"name": "Fake name"}),
        false,
    );
}

#[test]
fn should_update_user_real_name_when_the_required_permission_is_applied() {
    setting_pair(
        "should update user real name when the required permission is applied",
        "edit-other-user-info",
        "Accounts_AllowRealNameChange",
        json!({"name": "Fake name"}),
        true,
    );
}

#[test]
fn should_return_an_error_when_trying_update_user_status_message_and_it_is_not_allowed() {
    setting_pair(
        "should return an error when trying update user status message and it is not allowed",
        "edit-other-user-info",
        "Accounts_AllowUserStatusMessageChange",
        json!({"statusMessage": "a new status"}),
        false,
    );
}

#[test]
fn should_update_user_status_message_when_the_required_permission_is_applied() {
    setting_pair(
        "should update user status message when the required permission is applied",
        "edit-other-user-info",
        "Accounts_AllowUserStatusMessageChange",
        json!({"name": "a new status"}),
        true,
    );
}

#[test]
fn should_return_an_error_when_trying_update_user_email_and_it_is_not_allowed() {
    setting_pair(
        "should return an error when trying update user email and it is not allowed",
        "edit-other-user-info",
        "Accounts_AllowEmailChange",
        json!({"email": "itsnotworking@email.com"}),
        false,
    );
}

#[test]
fn should_update_user_email_when_the_required_permission_is_applied() {
    let email = format!("{}@rocket.chat-1", unique("apiuser.test"));
    setting_pair(
        "should update user email when the required permission is applied",
        "edit-other-user-info",
        "Accounts_AllowEmailChange",
        json!({"email": email}),
        true,
    );
}

#[test]
fn should_return_an_error_when_trying_update_user_password_and_it_is_not_allowed() {
    setting_pair(
        "should return an error when trying update user password and it is not allowed",
        "edit-other-user-password",
        "Accounts_AllowPasswordChange",
        json!({"password": "1tsn0tw0rkingP@ssw0rd1234.!"}),
        false,
    );
}

#[test]
fn should_update_user_password_when_the_required_permission_is_applied() {
    setting_pair(
        "should update user password when the required permission is applied",
        "edit-other-user-password",
        "Accounts_AllowPasswordChange",
        json!({"password": "1tsn0tw0rkingP@ssw0rd1234.!"}),
        true,
    );
}

#[test]
fn should_return_an_error_when_trying_update_profile_and_it_is_not_allowed() {
    setting_pair(
        "should return an error when trying update profile and it is not allowed",
        "edit-other-user-info",
        "Accounts_AllowUserProfileChange",
        json!({"verified": true}),
        false,
    );
}

#[test]
fn should_update_profile_when_the_required_permission_is_applied() {
    setting_pair(
        "should update profile when the required permission is applied",
        "edit-other-user-info",
        "Accounts_AllowUserProfileChange",
        json!({"verified": true}),
        true,
    );
}

#[test]
fn should_delete_require_password_change_reason_when_require_password_change_is_set_to_false() {
    let (t, _) = case(
        "should delete requirePasswordChangeReason when requirePasswordChange is set to false",
    );
    let user = t.create_user(json!({"requirePasswordChange": true}));
    // `updateUserInDb(user._id, { requirePasswordChangeReason: 'any_data' })`: a database write.
    t.server
        .state()
        .users
        .iter_mut()
        .filter(|u| u.id == id_of(&user))
        .for_each(|u| u.require_password_change_reason = Some("any_data".to_owned()));
    update(&t, &user, json!({"requirePasswordChange": false}))
        .expect(200)
        .prop("success", true)
        .has("user")
        .prop("user.requirePasswordChange", false)
        .lacks("user.requirePasswordChangeReason");
}

/// `email verification`'s `beforeEach`: a second administrator and a user to update.
fn verification_case(title: &str, data: impl FnOnce(&Value) -> Value) {
    let (t, _) = case(title);
    let admin = t.create_user(json!({"roles": ["admin"]}));
    let user = t.create_user(json!({}));
    let creds = t.login(admin["username"].as_str().unwrap_or_default(), PASSWORD);
    t.post("users.update")
        .as_(&creds)
        .json(json!({"userId": id_of(&user), "data": data(&user)}))
        .send()
        .expect(200)
        .prop("success", true)
        .prop("user.emails[0].verified", true)
        .lacks("user.e2e");
}

#[test]
fn should_update_users_email_verified_correctly() {
    verification_case(
        "should update user's email verified correctly",
        |_| json!({"verified": true}),
    );
}

#[test]
fn should_update_users_email_verified_even_if_email_is_not_changed() {
    verification_case(
        "should update user's email verified even if email is not changed",
        |user| json!({"email": user["emails"][0]["address"], "verified": true}),
    );
}

/// `failUpdateUser(name)` for each of `reservedWords`.
fn reserved(name: &str) {
    let (t, target) =
        case(&format!("should not update an user if the new username is the reserved word {name}"));
    update(&t, &target, json!({"username": name}))
        .expect(400)
        .prop("success", false)
        .prop("error", "Could not save user identity [error-could-not-save-identity]");
}

#[test]
fn should_not_update_an_user_if_the_new_username_is_the_reserved_word_admin() {
    reserved("admin");
}

#[test]
fn should_not_update_an_user_if_the_new_username_is_the_reserved_word_administrator() {
    reserved("administrator");
}

#[test]
fn should_not_update_an_user_if_the_new_username_is_the_reserved_word_system() {
    reserved("system");
}

#[test]
fn should_not_update_an_user_if_the_new_username_is_the_reserved_word_user() {
    reserved("user");
}

#[test]
fn should_return_401_when_not_authenticated() {
    let (t, _) = case("should return 401 when not authenticated");
    t.post("users.update").send().expect(401).prop("status", "error");
}
