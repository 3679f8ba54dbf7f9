//! Request validation the way Rocket.Chat's AJV does it (`coerceTypes: true`, first error only),
//! for the keywords the published `users.updateOwnBasicInfo` schemas use: `type`, `nullable`,
//! `properties`, `required`, `additionalProperties: false`. The schemas themselves are the
//! files in `tests/fixtures/schemas/`, copied from `@rocket.chat/rest-typings`.

use serde_json::Value;

/// The published schema of the given rest-typings version.
pub fn update_own_basic_info(version: &str) -> Value {
    let text = match version {
        "6.3.0" => {
            include_str!("../fixtures/schemas/users.updateOwnBasicInfo.rest-typings-6.3.0.json")
        }
        "7.0.0" => {
            include_str!("../fixtures/schemas/users.updateOwnBasicInfo.rest-typings-7.0.0.json")
        }
        _ => include_str!("../fixtures/schemas/users.updateOwnBasicInfo.rest-typings-8.8.1.json"),
    };
    serde_json::from_str(text).expect("the schema fixtures are JSON")
}

/// Validate (and coerce, as AJV does) `instance`; the error is AJV's message.
pub fn validate(schema: &Value, instance: &mut Value) -> Result<(), String> {
    if instance.is_null() && schema.get("nullable") == Some(&Value::Bool(true)) {
        return Ok(());
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => validate_object(schema, instance),
        Some("string") => coerce_to_string(instance),
        _ => Ok(()),
    }
}

fn validate_object(schema: &Value, instance: &mut Value) -> Result<(), String> {
    let Some(map) = instance.as_object_mut() else {
        return Err("must be object".into());
    };
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        for key in required.iter().filter_map(Value::as_str) {
            if !map.contains_key(key) {
                return Err(format!("must have required property '{key}'"));
            }
        }
    }
    let properties = schema.get("properties").and_then(Value::as_object);
    if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
        let known = |key: &String| properties.is_some_and(|p| p.contains_key(key));
        if map.keys().any(|key| !known(key)) {
            return Err("must NOT have additional properties".into());
        }
    }
    if let Some(properties) = properties {
        for (key, property_schema) in properties {
            if let Some(value) = map.get_mut(key) {
                validate(property_schema, value)?;
            }
        }
    }
    Ok(())
}

fn coerce_to_string(instance: &mut Value) -> Result<(), String> {
    match instance {
        Value::String(_) => Ok(()),
        Value::Number(number) => {
            *instance = Value::String(number.to_string());
            Ok(())
        }
        Value::Bool(flag) => {
            *instance = Value::String(flag.to_string());
            Ok(())
        }
        Value::Null => {
            *instance = Value::String(String::new());
            Ok(())
        }
        _ => Err("must be string".into()),
    }
}
