//! Not Rocket.Chat's test cases: behaviour the next rocketctl commands rely on that the
//! originals do not exercise, checked against what the server source does (each case names
//! the source it follows; docs/server.md describes them). Counted apart from the replayed cases.

use serde_json::{Value, json};

use crate::harness::{ADMIN_USERNAME, Case, Creds, PASSWORD, id_of, name_of, unique};
use crate::support::Mode;
use crate::support::rocketchat::CustomFieldsWrite;

const SOURCE: &str = "server source";

fn case(source: &str, what: &str) -> Case {
    Case::new(SOURCE, source, what)
}

const ROLES: &str = "app/api/server/v1/roles.ts, app/authorization/server/methods/addUserToRole.ts";

#[test]
fn every_default_role_exists_including_the_livechat_ones() {
    let t = case(ROLES, "roles.list answers the default roles");
    t.get("roles.list").as_(&t.admin).send().expect(200).check("default roles", |b| {
        let names: Vec<&str> =
            b["roles"].as_array().into_iter().flatten().filter_map(|r| r["_id"].as_str()).collect();
        [
            "admin",
            "moderator",
            "leader",
            "owner",
            "user",
            "bot",
            "app",
            "guest",
            "anonymous",
            "livechat-agent",
            "livechat-manager",
        ]
        .iter()
        .all(|role| names.contains(role))
    });
}

#[test]
fn adding_a_user_to_a_role_they_hold_is_refused() {
    let t = case(ROLES, "roles.addUserToRole: error-user-already-in-role");
    let user = t.create_user(json!({}));
    t.post("roles.addUserToRole")
        .as_(&t.admin)
        .json(json!({"roleId": "user", "username": name_of(&user)}))
        .send()
        .expect(400)
        .prop("errorType", "error-user-already-in-role")
        .prop("error", "User already in role [error-user-already-in-role]");
}

#[test]
fn adding_a_user_to_a_role_needs_access_permissions_checked_by_the_method() {
    let t = case(ROLES, "roles.addUserToRole without access-permissions: error-action-not-allowed");
    let (user, creds) = t.user_with_login(json!({}));
    t.post("roles.addUserToRole")
        .as_(&creds)
        .json(json!({"roleId": "bot", "username": name_of(&user)}))
        .send()
        .expect(400)
        .prop("errorType", "error-action-not-allowed")
        .prop("error", "Accessing permissions is not allowed [error-action-not-allowed]");
}

#[test]
fn adding_a_user_to_an_unknown_role_is_a_plain_failure() {
    let t = case(ROLES, "roles.addUserToRole with an unknown role: Role not found");
    let user = t.create_user(json!({}));
    t.post("roles.addUserToRole")
        .as_(&t.admin)
        .json(json!({"roleId": "no-such-role", "username": name_of(&user)}))
        .send()
        .expect(400)
        .prop("success", false)
        .prop("error", "Role not found")
        .lacks("errorType");
}

#[test]
fn removing_the_last_administrator_is_refused() {
    let t = case(ROLES, "roles.removeUserFromRole of the last admin: error-admin-required");
    t.post("roles.removeUserFromRole")
        .as_(&t.admin)
        .json(json!({"roleId": "admin", "username": ADMIN_USERNAME}))
        .send()
        .expect(400)
        .prop("errorType", "error-admin-required")
        .prop("error", "You need to have at least one admin [error-admin-required]");
}

#[test]
fn a_role_added_and_removed_shows_in_users_info() {
    let t =
        case(ROLES, "roles.addUserToRole then roles.removeUserFromRole change the user's roles");
    let user = t.create_user(json!({}));
    let body = json!({"roleId": "livechat-agent", "username": name_of(&user)});
    t.post("roles.addUserToRole")
        .as_(&t.admin)
        .json(body.clone())
        .send()
        .expect(200)
        .prop("role._id", "livechat-agent");
    let roles = |t: &Case| t.user_by_username(&name_of(&user))["roles"].clone();
    assert_eq!(roles(&t), json!(["user", "livechat-agent"]), "{}", t.cite());
    t.post("roles.removeUserFromRole").as_(&t.admin).json(body).send().expect(200);
    assert_eq!(roles(&t), json!(["user"]), "{}", t.cite());
}

const PERMISSIONS: &str =
    "app/api/server/v1/permissions.ts, app/authorization/server/constant/permissions.ts";

#[test]
fn default_permissions_are_held_by_the_default_roles() {
    let t = case(PERMISSIONS, "permissions.listAll: the default grants rocketctl relies on");
    let reply = t.get("permissions.listAll").as_(&t.admin).send().expect(200);
    let roles_of = |id: &str| -> Value {
        reply.body["update"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["_id"] == id)
            .map_or(Value::Null, |p| p["roles"].clone())
    };
    assert_eq!(roles_of("create-personal-access-tokens"), json!(["admin", "user"]), "{}", t.cite());
    assert_eq!(roles_of("api-bypass-rate-limit"), json!(["admin", "bot", "app"]), "{}", t.cite());
    assert_eq!(roles_of("logout-other-user"), json!(["admin"]), "{}", t.cite());
}

#[test]
fn unknown_permissions_and_roles_are_named_in_the_error_type() {
    let t = case(PERMISSIONS, "permissions.update: error-invalid-permission, error-invalid-role");
    let update = |permissions: Value| {
        t.post("permissions.update").as_(&t.admin).json(json!({"permissions": permissions})).send()
    };
    update(json!([{"_id": "no-such-permission", "roles": ["admin"]}]))
        .expect(400)
        .prop("errorType", "error-invalid-permission")
        .prop("error", "Invalid permission");
    update(json!([{"_id": "add-oauth-service", "roles": ["no-such-role"]}]))
        .expect(400)
        .prop("errorType", "error-invalid-role")
        .prop("error", "Invalid role");
}

#[test]
fn list_all_since_a_time_answers_only_the_permissions_changed_after_it() {
    let t = case(PERMISSIONS, "permissions.listAll?updatedSince: only later changes");
    let since = t.get("permissions.listAll").as_(&t.admin).send().body["update"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["_updatedAt"].as_str())
        .max()
        .map(str::to_owned)
        .unwrap_or_default();
    t.update_permission("add-oauth-service", &["admin", "user"]);
    t.get("permissions.listAll")
        .as_(&t.admin)
        .query(&[("updatedSince", &since)])
        .send()
        .expect(200)
        .prop("update[0]._id", "add-oauth-service")
        .check("only the changed permission", |b| b["update"].as_array().map(Vec::len) == Some(1));
}

const SETTINGS: &str = "app/api/server/v1/settings.ts";

#[test]
fn a_hidden_setting_is_never_answered() {
    let t = case(SETTINGS, "GET settings/:_id of a hidden setting: a bare failure");
    t.get("settings/Accounts_SystemBlockedUsernameList")
        .as_(&t.admin)
        .send()
        .expect(400)
        .check("only success: false", |b| *b == json!({"success": false}));
}

#[test]
fn a_setting_blocked_by_the_environment_is_not_written() {
    let t = case(SETTINGS, "POST settings/:_id of a SETTINGS_BLOCKED setting: a bare failure");
    t.server.state().settings.blocked.insert("Site_Url".to_owned());
    t.post("settings/Site_Url")
        .as_(&t.admin)
        .json(json!({"value": "https://elsewhere.example"}))
        .send()
        .expect(400)
        .check("only success: false", |b| *b == json!({"success": false}));
    t.get("settings/Site_Url")
        .as_(&t.admin)
        .send()
        .expect(200)
        .prop("value", "http://localhost:3000");
}

const LOGOUT: &str = "app/api/server/v1/users.ts users.logout, Users.unsetLoginTokens";

/// A logged-in user holding a personal access token.
fn user_with_token(t: &Case) -> (Value, Creds) {
    let (user, creds) = t.user_with_login(json!({}));
    t.post("users.generatePersonalAccessToken")
        .as_(&creds)
        .json(json!({"tokenName": "ci", "bypassTwoFactor": false}))
        .send()
        .expect(200)
        .has("token");
    (user, creds)
}

#[test]
fn logging_another_user_out_empties_their_login_and_personal_access_tokens() {
    let t = case(LOGOUT, "users.logout {userId}: every login token and personal access token gone");
    let (user, creds) = user_with_token(&t);
    t.post("users.logout")
        .as_(&t.admin)
        .json(json!({"userId": id_of(&user)}))
        .send()
        .expect(200)
        .prop("message", format!("User {} has been logged out!", id_of(&user)));
    t.get("me").as_(&creds).send().expect(401);
    assert!(
        t.server.personal_tokens(&name_of(&user)).is_empty(),
        "{}: personal access tokens left",
        t.cite()
    );
    t.login(&name_of(&user), PASSWORD);
}

#[test]
fn logging_another_user_out_needs_logout_other_user() {
    let t = case(LOGOUT, "users.logout {userId} without logout-other-user: 403");
    let (_, creds) = t.user_with_login(json!({}));
    let (victim, victim_creds) = user_with_token(&t);
    t.post("users.logout")
        .as_(&creds)
        .json(json!({"userId": id_of(&victim)}))
        .send()
        .expect(403)
        .prop("success", false)
        .prop("error", "unauthorized");
    t.get("me").as_(&victim_creds).send().expect(200);
}

const SAVER: &str =
    "app/lib/server/functions/saveCustomFields.ts (replace before the merge fix, merge after)";

fn custom_fields_server(mode: Mode, write: Option<CustomFieldsWrite>) -> (Case, Value, Creds) {
    let t = Case::in_mode(mode, SOURCE, SAVER, &format!("{mode:?} {write:?}"));
    t.server.state().settings.custom_fields_write = write;
    let fields = json!({"team": {"type": "text"}, "site": {"type": "text"}});
    t.update_setting("Accounts_CustomFields", json!(fields.to_string()));
    let (user, creds) =
        t.user_with_login(json!({"customFields": {"team": "core", "site": "lyon"}}));
    (t, user, creds)
}

fn stored_fields(t: &Case, user: &Value) -> Value {
    t.user_by_username(&name_of(user))["customFields"].clone()
}

/// `users.update` by the administrator sets `team`, then `users.updateOwnBasicInfo` by the
/// user sets `site`: what is stored after each.
fn both_savers(t: &Case, user: &Value, creds: &Creds, after_update: Value, after_own: Value) {
    t.post("users.update")
        .as_(&t.admin)
        .json(json!({"userId": id_of(user), "data": {"customFields": {"team": "ops"}}}))
        .send()
        .expect(200);
    assert_eq!(stored_fields(t, user), after_update, "{}: users.update", t.cite());
    t.post("users.updateOwnBasicInfo")
        .as_(creds)
        .json(json!({"data": {}, "customFields": {"site": "paris"}}))
        .send()
        .expect(200);
    assert_eq!(stored_fields(t, user), after_own, "{}: users.updateOwnBasicInfo", t.cite());
}

#[test]
fn a_seven_x_server_replaces_the_custom_fields_on_both_routes() {
    let (t, user, creds) = custom_fields_server(Mode::V7, None);
    both_savers(&t, &user, &creds, json!({"team": "ops"}), json!({"site": "paris"}));
}

#[test]
fn an_eight_x_server_merges_the_custom_fields_on_both_routes() {
    let (t, user, creds) = custom_fields_server(Mode::V8, None);
    both_savers(
        &t,
        &user,
        &creds,
        json!({"team": "ops", "site": "lyon"}),
        json!({"team": "ops", "site": "paris"}),
    );
}

#[test]
fn the_custom_field_write_is_a_switch_independent_of_the_mode() {
    let (t, user, creds) = custom_fields_server(Mode::V8, Some(CustomFieldsWrite::Replace));
    both_savers(&t, &user, &creds, json!({"team": "ops"}), json!({"site": "paris"}));
}

#[test]
fn on_a_merging_server_a_key_is_blanked_but_never_removed() {
    let (t, user, _) = custom_fields_server(Mode::V8, None);
    let set = |fields: Value| {
        t.post("users.update")
            .as_(&t.admin)
            .json(json!({"userId": id_of(&user), "data": {"customFields": fields}}))
            .send()
    };
    set(json!({"team": null})).expect(200);
    assert_eq!(
        stored_fields(&t, &user),
        json!({"team": null, "site": "lyon"}),
        "{}: null",
        t.cite()
    );
    set(json!({"team": ""})).expect(200);
    assert_eq!(
        stored_fields(&t, &user),
        json!({"team": "", "site": "lyon"}),
        "{}: empty string",
        t.cite()
    );
    set(json!({})).expect(200);
    assert_eq!(
        stored_fields(&t, &user),
        json!({"team": "", "site": "lyon"}),
        "{}: nothing sent",
        t.cite()
    );
}

const VALIDATE: &str = "server/lib/users/saveCustomFields.ts, validateCustomFields.js @8ace62ae";

#[test]
fn a_merging_server_still_checks_every_configured_field_against_what_is_sent() {
    let t = Case::in_mode(Mode::V8, SOURCE, VALIDATE, "a required or select field left out");
    let fields = json!({"team": {"type": "text", "required": true},
                        "floor": {"type": "select", "options": ["1", "2"]}});
    t.update_setting("Accounts_CustomFields", json!(fields.to_string()));
    let user = t.create_user(json!({"customFields": {"team": "core", "floor": "1"}}));
    let set = |fields: Value| {
        let body = json!({"userId": id_of(&user), "data": {"customFields": fields}});
        t.post("users.update").as_(&t.admin).json(body).send()
    };
    set(json!({"floor": "2"}))
        .expect(400)
        .prop("error", "Field team is required [error-user-registration-custom-field]");
    set(json!({"team": "ops"}))
        .expect(400)
        .prop("error", "Value for field floor is invalid [error-user-registration-custom-field]");
    set(json!({"team": "ops", "floor": "2"})).expect(200);
}

const EMAIL: &str =
    "packages/tools validateEmail, app/lib/server/functions/saveUser/validateUserData.ts";

#[test]
fn an_address_is_only_checked_for_one_at_sign_with_text_around_it() {
    let t = case(EMAIL, "users.create accepts odd@host-2 and bot@localhost, refuses two @");
    for email in ["odd@host-2", "bot@localhost"] {
        let username = unique("mail.");
        t.post("users.create").as_(&t.admin)
            .json(json!({"email": email, "name": username, "username": username, "password": PASSWORD}))
            .send().expect(200).prop("user.emails[0].address", email);
    }
    let username = unique("mail.");
    t.post("users.create")
        .as_(&t.admin)
        .json(
            json!({"email": "a@b@c", "name": username, "username": username, "password": PASSWORD}),
        )
        .send()
        .expect(400)
        .prop("errorType", "error-invalid-email");
}
