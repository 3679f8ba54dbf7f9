//! settings.ts › `[/settings.public]`, `[/settings]` and `[/settings/:_id]`.
//! (`[/service.configurations]`, `/settings.oauth` and the Enterprise `/audit.settings` are
//! listed as skipped in docs/server.md.)

use serde_json::Value;
use serde_json::json;

use crate::SETTINGS;
use crate::harness::Case;

const PUBLIC: &str = "[Settings] › [/settings.public]";
const PRIVATE: &str = "[Settings] › [/settings]";
const ONE: &str = "[Settings] › [/settings/:_id]";
const UNAUTHORIZED: &str =
    "User does not have the permissions required for this action [error-unauthorized]";

fn settings_len(body: &Value) -> Option<usize> {
    body["settings"].as_array().map(Vec::len)
}

#[test]
fn should_return_public_settings() {
    let t = Case::new(SETTINGS, PUBLIC, "should return public settings");
    t.get("settings.public").send().expect(200).prop("success", true).has("settings").has("count");
}

#[test]
fn should_return_public_settings_even_requested_with_count_and_offset_params() {
    let t = Case::new(
        SETTINGS,
        PUBLIC,
        "should return public settings even requested with count and offset params",
    );
    t.get("settings.public")
        .query(&[("count", "5"), ("offset", "0")])
        .send()
        .expect(200)
        .prop("success", true)
        .check("five settings", |b| settings_len(b) == Some(5))
        .prop("count", 5);
}

#[test]
fn should_return_public_settings_even_requested_with_id_param() {
    let t =
        Case::new(SETTINGS, PUBLIC, "should return public settings even requested with _id param");
    t.get("settings.public")
        .query(&[("_id", "Site_Url")])
        .send()
        .expect(200)
        .prop("success", true)
        .check("one setting", |b| settings_len(b) == Some(1))
        .prop("count", 1);
}

#[test]
fn should_return_public_settings_even_requested_with_id_param_as_an_array() {
    let t = Case::new(
        SETTINGS,
        PUBLIC,
        "should return public settings even requested with _id param as an array",
    );
    t.get("settings.public")
        .query(&[("_id", "Site_Url,LDAP_Enable")])
        .send()
        .expect(200)
        .prop("success", true)
        .check("two settings", |b| settings_len(b) == Some(2))
        .prop("count", 2);
}

#[test]
fn should_return_an_empty_response_when_requesting_public_settings_with_a_broken_id_param() {
    let t = Case::new(
        SETTINGS,
        PUBLIC,
        "should return an empty response when requesting public settings with a broken _id param",
    );
    t.get("settings.public")
        .query(&[("_id", "10")])
        .send()
        .expect(200)
        .prop("success", true)
        .check("no settings", |b| settings_len(b) == Some(0))
        .prop("count", 0)
        .prop("offset", 0)
        .prop("total", 0);
}

#[test]
fn should_return_private_settings() {
    let t = Case::new(SETTINGS, PRIVATE, "should return private settings");
    t.get("settings")
        .as_(&t.admin)
        .send()
        .expect(200)
        .prop("success", true)
        .has("settings")
        .has("count");
}

#[test]
fn should_return_the_default_values_of_the_settings_when_include_defaults_is_true() {
    let t = Case::new(
        SETTINGS,
        PRIVATE,
        "should return the default values of the settings when includeDefaults is true",
    );
    t.get("settings")
        .as_(&t.admin)
        .query(&[("includeDefaults", "true")])
        .send()
        .expect(200)
        .prop("success", true)
        .has("settings")
        .has("count")
        .has("settings[0].packageValue");
}

/// The block's `before`: both privileged-setting permissions back to `admin` only.
fn case(title: &str) -> Case {
    let t = Case::new(SETTINGS, ONE, title);
    t.update_permission("view-privileged-setting", &["admin"]);
    t.update_permission("edit-privileged-setting", &["admin"]);
    t
}

#[test]
fn should_successfully_return_one_setting_get() {
    let t = case("should successfully return one setting (GET)");
    t.get("settings/Site_Url")
        .as_(&t.admin)
        .send()
        .expect(200)
        .prop("success", true)
        .prop("_id", "Site_Url")
        .has("value");
}

#[test]
fn should_fail_returning_a_setting_without_the_view_privileged_setting_permission_get() {
    let t = case(
        "should fail returning a setting if user does NOT have the view-privileged-setting permission (GET)",
    );
    t.update_permission("view-privileged-setting", &[]);
    t.get("settings/Site_Url")
        .as_(&t.admin)
        .send()
        .expect(403)
        .prop("success", false)
        .prop("error", UNAUTHORIZED);
}

#[test]
fn should_successfully_set_the_value_of_a_setting_post() {
    let t = case("should successfully set the value of a setting (POST)");
    t.post("settings/LDAP_Enable")
        .as_(&t.admin)
        .json(json!({"value": false}))
        .send()
        .expect(200)
        .prop("success", true);
}

#[test]
fn should_fail_updating_the_value_of_a_setting_less_than_its_min_value_post() {
    let t = case("should fail updating the value of a setting less than its minValue (POST)");
    t.post("settings/Accounts_Default_User_Preferences_masterVolume").as_(&t.admin).json(json!({"value": "-1"}))
        .send().expect(400)
        .prop("success", false)
        .prop("error", "Value for setting Accounts_Default_User_Preferences_masterVolume must be greater than or equal to 0 [error-invalid-setting-value]");
}

#[test]
fn should_fail_updating_the_value_of_a_setting_greater_than_its_max_value_post() {
    let t = case("should fail updating the value of a setting greater than its maxValue (POST)");
    t.post("settings/Accounts_Default_User_Preferences_masterVolume").as_(&t.admin).json(json!({"value": "101"}))
        .send().expect(400)
        .prop("success", false)
        .prop("error", "Value for setting Accounts_Default_User_Preferences_masterVolume must be less than or equal to 100 [error-invalid-setting-value]");
}

#[test]
fn should_fail_updating_the_value_of_a_setting_without_the_edit_privileged_setting_permission_post()
{
    let t = case(
        "should fail updating the value of a setting if user does NOT have the edit-privileged-setting permission (POST)",
    );
    t.update_permission("edit-privileged-setting", &[]);
    t.post("settings/LDAP_Enable")
        .as_(&t.admin)
        .json(json!({"value": false}))
        .send()
        .expect(403)
        .prop("success", false)
        .prop("error", UNAUTHORIZED);
}
