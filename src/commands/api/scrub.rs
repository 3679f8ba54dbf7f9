//! Removing `services` from whatever an endpoint answers.
//!
//! A user record's `services` object holds the bcrypt hash, login-token hashes and the TOTP
//! secret. Older servers send it from many endpoints (`me`, `users.info`, `users.list`, ...)
//! and in places no list could foresee, so every `services` object goes, at any depth.
//! A `services` that is not an object (the array `settings.oauth` answers) is not a user's
//! and stays.

use serde_json::Value;

/// Removes every `services` member whose value is an object, at any depth.
pub fn remove_services(value: &mut Value) {
    match value {
        Value::Object(members) => {
            members.retain(|name, member| !(name == "services" && member.is_object()));
            members.values_mut().for_each(remove_services);
        }
        Value::Array(items) => items.iter_mut().for_each(remove_services),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    fn scrubbed(mut value: Value) -> Value {
        remove_services(&mut value);
        value
    }

    fn has_services_object(value: &Value) -> bool {
        match value {
            Value::Object(members) => members.iter().any(|(name, member)| {
                (name == "services" && member.is_object()) || has_services_object(member)
            }),
            Value::Array(items) => items.iter().any(has_services_object),
            _ => false,
        }
    }

    #[test]
    fn a_raw_me_answer_loses_its_services() {
        let me = json!({
            "username": "jane",
            "services": {
                "password": {"bcrypt": "$2b$10$hash"},
                "resume": {"loginTokens": [{"hashedToken": "h"}]},
                "totp": {"enabled": true, "secret": "JBSWY3DP"}
            },
            "emails": [{"address": "j@x", "verified": true}],
            "success": true
        });
        assert_eq!(
            scrubbed(me),
            json!({"username": "jane", "emails": [{"address": "j@x", "verified": true}], "success": true})
        );
    }

    #[test]
    fn services_go_at_any_depth_and_in_arrays() {
        let page = json!({
            "users": [
                {"username": "a", "services": {"password": {"bcrypt": "x"}}},
                {"username": "b", "nested": {"deeper": [{"services": {"resume": {}}}]}}
            ],
            "count": 2
        });
        assert_eq!(
            scrubbed(page),
            json!({"users": [{"username": "a"}, {"username": "b", "nested": {"deeper": [{}]}}], "count": 2})
        );
    }

    #[test]
    fn a_services_list_that_is_not_a_user_record_stays() {
        let oauth =
            json!({"services": [{"service": "github", "clientId": "abc"}], "success": true});
        assert_eq!(scrubbed(oauth.clone()), oauth);
        let text = json!({"services": "none", "n": {"services": null}});
        assert_eq!(scrubbed(text.clone()), text);
    }

    #[test]
    fn the_order_of_the_other_members_is_kept() {
        let value = json!({"z": 1, "services": {}, "a": 2, "m": {"services": {}, "y": 3, "b": 4}});
        let value = scrubbed(value);
        assert_eq!(value.as_object().unwrap().keys().collect::<Vec<_>>(), ["z", "a", "m"]);
        assert_eq!(value["m"].as_object().unwrap().keys().collect::<Vec<_>>(), ["y", "b"]);
    }

    /// Any JSON value, with `services` a likely member name.
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i32>().prop_map(Value::from),
            "[a-z]{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(6, 64, 5, |inner| {
            let name = prop_oneof![Just("services".to_owned()), "[a-z]{1,4}"];
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                proptest::collection::vec((name, inner), 0..5)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn no_services_object_survives(value in json_value()) {
            let once = scrubbed(value);
            prop_assert!(!has_services_object(&once));
            prop_assert_eq!(scrubbed(once.clone()), once);
        }

        #[test]
        fn values_without_services_objects_are_untouched(value in json_value()) {
            prop_assume!(!has_services_object(&value));
            prop_assert_eq!(scrubbed(value.clone()), value);
        }
    }
}
