//! Request validation the way Rocket.Chat's AJV does it (`coerceTypes: true`, first error only),
//! for the keywords the published schemas use: `type`, `nullable`, `properties`, `required`,
//! `additionalProperties: false`, `items`, `enum`, `minLength`, `anyOf`. The schemas are the
//! files in `tests/fixtures/schemas/`, copied from `@rocket.chat/rest-typings` (6.3.0, 7.0.0,
//! 8.8.1) or from the 8.7 server source where the route declares its schema inline.

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

macro_rules! fixtures {
    ($($file:literal),* $(,)?) => {
        &[$(($file, include_str!(concat!("../fixtures/schemas/", $file)))),*]
    };
}

const FIXTURES: &[(&str, &str)] = fixtures![
    "method.call.rest-typings-8.8.1.json",
    "permissions.listAll.server-8.7-dev.json",
    "permissions.update.server-8.7-dev.json",
    "roles.addUserToRole.rest-typings-7.0.0.json",
    "roles.addUserToRole.rest-typings-8.8.1.json",
    "roles.getUsersInRole.rest-typings-7.0.0.json",
    "roles.getUsersInRole.rest-typings-8.8.1.json",
    "roles.removeUserFromRole.rest-typings-7.0.0.json",
    "roles.removeUserFromRole.rest-typings-8.8.1.json",
    "settings.rest-typings-8.8.1.json",
    "settings.public.rest-typings-7.0.0.json",
    "settings.public.rest-typings-8.8.1.json",
    "users.create.rest-typings-6.3.0.json",
    "users.create.rest-typings-7.0.0.json",
    "users.create.rest-typings-8.8.1.json",
    "users.2fa.sendEmailCode.rest-typings-7.0.0.json",
    "users.2fa.sendEmailCode.rest-typings-8.8.1.json",
    "users.delete.server-8.7-dev.json",
    "users.generatePersonalAccessToken.server-8.7-dev.json",
    "users.getStatus.rest-typings-8.8.1.json",
    "users.info.rest-typings-6.3.0.json",
    "users.info.rest-typings-7.0.0.json",
    "users.info.rest-typings-8.8.1.json",
    "users.list.rest-typings-8.8.1.json",
    "users.logout.rest-typings-7.0.0.json",
    "users.logout.rest-typings-8.8.1.json",
    "users.regeneratePersonalAccessToken.server-8.7-dev.json",
    "users.removePersonalAccessToken.server-8.7-dev.json",
    "users.resetAvatar.server-8.7-dev.json",
    "users.setActiveStatus.rest-typings-6.3.0.json",
    "users.setActiveStatus.rest-typings-7.0.0.json",
    "users.setActiveStatus.rest-typings-8.8.1.json",
    "users.setAvatar.rest-typings-8.8.1.json",
    "users.setStatus.server-8.7-dev.json",
    "users.update.rest-typings-6.3.0.json",
    "users.update.rest-typings-7.0.0.json",
    "users.update.rest-typings-8.8.1.json",
];

/// The schema `endpoint` has on a server whose rest-typings are `version` (6.3.0, 7.0.0 or
/// 8.8.1), or None when that version publishes none. Routes whose schema only the 8.7 source
/// declares have it on 8.x alone.
pub fn published(endpoint: &str, version: &str) -> Option<Value> {
    let candidates = [
        format!("{endpoint}.rest-typings-{version}.json"),
        format!("{endpoint}.server-8.7-dev.json"),
    ];
    let found = candidates.iter().enumerate().find_map(|(i, name)| {
        if i == 1 && version != "8.8.1" {
            return None;
        }
        FIXTURES.iter().find(|(file, _)| file == name)
    })?;
    Some(serde_json::from_str(found.1).expect("the schema fixtures are JSON"))
}

/// Validate (and coerce, as AJV does) `instance`; the error is AJV's message.
pub fn validate(schema: &Value, instance: &mut Value) -> Result<(), String> {
    if instance.is_null() && schema.get("nullable") == Some(&Value::Bool(true)) {
        return Ok(());
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        let mut first = None;
        for branch in branches {
            let mut merged = schema.clone();
            if let Some(map) = merged.as_object_mut() {
                map.remove("anyOf");
            }
            merge(&mut merged, branch);
            let mut attempt = instance.clone();
            match validate(&merged, &mut attempt) {
                Ok(()) => {
                    *instance = attempt;
                    return Ok(());
                }
                Err(error) => first = first.or(Some(error)),
            }
        }
        return Err(first.unwrap_or_else(|| "must match a schema in anyOf".into()));
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => validate_object(schema, instance),
        Some("string") => {
            coerce_to_string(instance)?;
            check_string(schema, instance)
        }
        Some("boolean") => coerce_to_bool(instance),
        Some("number") => coerce_to_number(instance),
        Some("array") => validate_array(schema, instance),
        _ => Ok(()),
    }
}

fn merge(into: &mut Value, from: &Value) {
    if let (Some(into), Some(from)) = (into.as_object_mut(), from.as_object()) {
        for (key, value) in from {
            into.insert(key.clone(), value.clone());
        }
    }
}

fn check_string(schema: &Value, instance: &Value) -> Result<(), String> {
    let text = instance.as_str().unwrap_or("");
    if let Some(min) = schema.get("minLength").and_then(Value::as_u64)
        && (text.chars().count() as u64) < min
    {
        return Err(format!("must NOT have fewer than {min} characters"));
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.iter().any(|a| a.as_str() == Some(text))
    {
        return Err("must be equal to one of the allowed values".into());
    }
    Ok(())
}

fn coerce_to_bool(instance: &mut Value) -> Result<(), String> {
    *instance = match &*instance {
        Value::Bool(flag) => Value::Bool(*flag),
        Value::String(s) if s == "true" => Value::Bool(true),
        Value::String(s) if s == "false" || s.is_empty() => Value::Bool(false),
        Value::Number(n) if n.as_f64() == Some(1.0) => Value::Bool(true),
        Value::Number(n) if n.as_f64() == Some(0.0) => Value::Bool(false),
        Value::Null => Value::Bool(false),
        _ => return Err("must be boolean".into()),
    };
    Ok(())
}

fn coerce_to_number(instance: &mut Value) -> Result<(), String> {
    *instance = match &*instance {
        Value::Number(n) => Value::Number(n.clone()),
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => return Err("must be number".into()),
        },
        Value::Bool(flag) => Value::from(i64::from(*flag)),
        Value::Null => Value::from(0),
        _ => return Err("must be number".into()),
    };
    Ok(())
}

fn validate_array(schema: &Value, instance: &mut Value) -> Result<(), String> {
    let Some(items) = instance.as_array_mut() else {
        return Err("must be array".into());
    };
    if let Some(item_schema) = schema.get("items") {
        for item in items {
            validate(item_schema, item)?;
        }
    }
    Ok(())
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
