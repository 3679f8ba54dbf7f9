//! users.ts › `[/users.create]`, with its `users default roles configuration` and `default
//! email2fa auto opt in configuration` blocks. (`auto join default channels` and the
//! Enterprise `Voice call extension` block are listed as skipped in docs/server.md.)

use serde_json::{Value, json};

use crate::USERS;
use crate::harness::{Case, PASSWORD, unique};

const DESCRIBE: &str = "[/users.create]";

/// The block's `before`: `clearCustomFields()`.
fn case(title: &str) -> Case {
    let t = Case::new(USERS, DESCRIBE, title);
    t.update_setting("Accounts_CustomFields", json!(""));
    t
}

/// `setCustomFields({ customFieldText })`: required, 2 to 10 characters.
fn with_custom_field_text(t: &Case) {
    let fields = json!({"customFieldText": {"type": "text", "required": true, "minLength": 2, "maxLength": 10}});
    t.update_setting("Accounts_CustomFields", json!(fields.to_string()));
}

fn full_body(prefix: &str, username: &str) -> Value {
    json!({"email": format!("{prefix}{}@rocket.chat-1", unique("api")), "name": format!("{prefix}{username}"),
           "username": username, "password": PASSWORD, "active": true, "roles": ["user"],
           "joinDefaultChannels": true, "verified": true})
}

#[test]
fn should_create_a_new_user_with_custom_fields() {
    let t = case("should create a new user with custom fields");
    with_custom_field_text(&t);
    let username = unique("customField_apiuser.test-");
    let mut body = full_body("customField_", &username);
    body["name"] = json!(username);
    body["customFields"] = json!({"customFieldText": "success"});
    let email = body["email"].clone();
    t.post("users.create")
        .as_(&t.admin)
        .json(body)
        .send()
        .expect(200)
        .prop("success", true)
        .prop("user.username", username.as_str())
        .prop("user.emails[0].address", email)
        .prop("user.active", true)
        .prop("user.name", username.as_str())
        .prop("user.customFields.customFieldText", "success")
        .lacks("user.e2e");
}

/// `failCreateUser(name)` for each of `reservedWords` (api-data.ts).
fn reserved(name: &str) {
    let t = case(&format!("should not create a new user if username is the reserved word {name}"));
    let body = full_body("create_user_fail_", name);
    t.post("users.create")
        .as_(&t.admin)
        .json(body)
        .send()
        .expect(400)
        .prop("success", false)
        .prop("error", format!("{name} is blocked and can't be used! [error-blocked-username]"));
}

#[test]
fn should_not_create_a_new_user_if_username_is_the_reserved_word_admin() {
    reserved("admin");
}

#[test]
fn should_not_create_a_new_user_if_username_is_the_reserved_word_administrator() {
    reserved("administrator");
}

#[test]
fn should_not_create_a_new_user_if_username_is_the_reserved_word_system() {
    reserved("system");
}

#[test]
fn should_not_create_a_new_user_if_username_is_the_reserved_word_user() {
    reserved("user");
}

/// `failUserWithCustomField(field)`.
fn custom_field_refused(value: &str, reason: &str) {
    let t = case(&format!("should not create a user if a custom field {reason}"));
    with_custom_field_text(&t);
    let mut body = full_body("customField_fail_", &unique("customField_fail_apiuser.test-"));
    body["customFields"] = json!({"customFieldText": value});
    t.post("users.create")
        .as_(&t.admin)
        .json(body)
        .send()
        .expect(400)
        .prop("success", false)
        .prop("errorType", "error-user-registration-custom-field");
}

#[test]
fn should_not_create_a_user_if_a_custom_field_is_required_and_missing() {
    custom_field_refused("", "is required and missing");
}

#[test]
fn should_not_create_a_user_if_a_custom_field_length_is_less_than_min_length() {
    custom_field_refused("0", "length is less than minLength");
}

#[test]
fn should_not_create_a_user_if_a_custom_field_length_is_more_than_max_length() {
    custom_field_refused("0123456789-0", "length is more than maxLength");
}

fn roles_case(title: &str, roles: Option<&[&str]>, expected: &[&str]) {
    let t = Case::new(USERS, "[/users.create] › users default roles configuration", title);
    t.update_setting("Accounts_CustomFields", json!(""));
    t.update_setting("Accounts_Registration_Users_Default_Roles", json!("user,admin"));
    let username = unique("defaultUserRole_apiuser.test-");
    let email = format!("{username}@rocket.chat-1");
    let mut body =
        json!({"email": email, "name": username, "username": username, "password": PASSWORD});
    if let Some(roles) = roles {
        body["roles"] = json!(roles);
    }
    t.post("users.create")
        .as_(&t.admin)
        .json(body)
        .send()
        .expect(200)
        .prop("success", true)
        .prop("user.username", username.as_str())
        .prop("user.emails[0].address", email.as_str())
        .prop("user.active", true)
        .prop("user.name", username.as_str())
        .check("user.roles has exactly the members expected", |b| {
            let mut got: Vec<&str> = b["user"]["roles"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let mut want = expected.to_vec();
            got.sort_unstable();
            want.sort_unstable();
            got == want
        });
}

#[test]
fn should_create_a_new_user_with_default_roles() {
    roles_case("should create a new user with default roles", None, &["user", "admin"]);
}

#[test]
fn should_create_a_new_user_with_only_the_role_provided() {
    roles_case(
        "should create a new user with only the role provided",
        Some(&["guest"]),
        &["guest"],
    );
}

/// The `default email2fa auto opt in configuration` cases: `dummyUser` is created, logs in and
/// reads itself with `users.info`.
fn email2fa_case(title: &str, setting: Option<&str>, opted_in: bool) {
    let t = Case::new(USERS, "[/users.create] › default email2fa auto opt in configuration", title);
    if let Some(setting) = setting {
        t.update_setting(setting, json!(false));
    }
    let dummy = json!({"email": "email2fa_auto_opt_in@rocket.chat", "name": "email2fa_auto_opt_in",
                       "username": "email2fa_auto_opt_in", "password": PASSWORD});
    t.post("users.create").as_(&t.admin).json(dummy).send().expect(200).prop("success", true);
    let creds = t.login("email2fa_auto_opt_in", PASSWORD);
    let reply =
        t.get("users.info").as_(&creds).query(&[("username", "email2fa_auto_opt_in")]).send();
    let reply = reply.expect(200).prop("success", true);
    if opted_in {
        reply.prop("user.services.email2fa.enabled", true);
    } else {
        reply.lacks("user.services.email2fa.enabled");
    }
}

#[test]
fn should_auto_opt_in_new_users_for_email2fa() {
    email2fa_case("should auto opt in new users for email2fa ", None, true);
}

#[test]
fn should_not_auto_opt_in_new_users_for_email2fa_if_email2fa_is_disabled() {
    let title = "should not auto opt in new users for email2fa if email2fa is disabled";
    email2fa_case(title, Some("Accounts_TwoFactorAuthentication_By_Email_Enabled"), false);
}

#[test]
fn should_not_auto_opt_in_new_users_for_email2fa_if_two_factor_authentication_is_disabled() {
    let title =
        "should not auto opt in new users for email2fa if two factor authentication is disabled";
    email2fa_case(title, Some("Accounts_TwoFactorAuthentication_Enabled"), false);
}

#[test]
fn should_not_auto_opt_in_new_users_for_email2fa_if_email2fa_is_enabled_but_auto_opt_in_is_disabled()
 {
    let title = "should not auto opt in new users for email2fa if email2fa is enabled but auto opt in is disabled";
    email2fa_case(title, Some("Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In"), false);
}

#[test]
fn should_return_401_when_not_authenticated() {
    let t = case("should return 401 when not authenticated");
    t.post("users.create").send().expect(401).prop("status", "error");
}

#[test]
fn should_return_400_when_body_is_empty() {
    let t = case("should return 400 when body is empty");
    t.post("users.create").as_(&t.admin).json(json!({})).send().expect(400).prop("success", false);
}
