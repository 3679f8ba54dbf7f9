//! users.ts › `[/users.update]` › `Custom Fields`: what an 8.x server stores when
//! `users.update` sends some custom fields (it merges them into the stored ones; a key sent
//! as `""` or `null` is kept with that value).

use serde_json::{Value, json};

use crate::USERS;
use crate::harness::{Case, id_of, map};

/// `Custom Fields`: two optional text fields, a fresh user per case.
fn custom_fields_case(title: &str) -> (Case, Value) {
    let t = Case::new(USERS, "[/users.update] › Custom Fields", title);
    let fields = json!({"customFieldText1": {"type": "text", "required": false},
                        "customFieldText2": {"type": "text", "required": false}});
    t.update_setting("Accounts_CustomFields", json!(fields.to_string()));
    let user = t.create_user(json!({}));
    (t, user)
}

fn set_fields(t: &Case, user: &Value, fields: Value) -> crate::harness::Reply {
    let fields = Value::Object(map(fields));
    t.post("users.update")
        .as_(&t.admin)
        .json(json!({"userId": id_of(user), "data": {"customFields": fields}}))
        .send()
}

#[test]
fn should_merge_custom_fields_instead_of_replacing_them_when_updating_a_user() {
    let (t, user) = custom_fields_case(
        "should merge custom fields instead of replacing them when updating a user",
    );
    set_fields(&t, &user, json!({"customFieldText1": "value1", "customFieldText2": "value2"}))
        .status(200);
    set_fields(&t, &user, json!({"customFieldText1": "updated1"}))
        .status(200)
        .prop("success", true)
        .prop("user.customFields.customFieldText1", "updated1")
        .prop("user.customFields.customFieldText2", "value2");
    t.get("users.info")
        .as_(&t.admin)
        .query(&[("userId", &id_of(&user))])
        .send()
        .status(200)
        .prop("success", true)
        .prop("user.customFields.customFieldText1", "updated1")
        .prop("user.customFields.customFieldText2", "value2");
}

#[test]
fn should_preserve_existing_custom_fields_when_adding_new_ones() {
    let (t, user) =
        custom_fields_case("should preserve existing custom fields when adding new ones");
    set_fields(&t, &user, json!({"customFieldText1": "initial1"})).status(200);
    set_fields(&t, &user, json!({"customFieldText2": "additional2"}))
        .status(200)
        .prop("success", true)
        .prop("user.customFields.customFieldText1", "initial1")
        .prop("user.customFields.customFieldText2", "additional2");
}

#[test]
fn should_update_custom_field_with_empty_string() {
    let (t, user) = custom_fields_case("should update custom field with empty string");
    set_fields(&t, &user, json!({"customFieldText1": "value1"})).status(200);
    set_fields(&t, &user, json!({"customFieldText1": ""}))
        .status(200)
        .prop("success", true)
        .prop("user.customFields.customFieldText1", "");
}

#[test]
fn should_update_custom_field_with_null() {
    let (t, user) = custom_fields_case("should update custom field with null");
    set_fields(&t, &user, json!({"customFieldText1": "value1"})).status(200);
    set_fields(&t, &user, json!({"customFieldText1": null}))
        .status(200)
        .prop("success", true)
        .prop("user.customFields.customFieldText1", Value::Null);
}
