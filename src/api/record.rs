//! The user record: it stays a JSON value (servers differ in what they add) and is cut down to
//! an allow-list before anyone sees it.

use serde_json::{Map, Value};

use super::TwoFactorMethod;

/// The fields of a user record rocketctl ever prints (docs/cli.md#output). Everything else, above all
/// `services` with its bcrypt hash and login-token hashes on 7.x servers, is dropped.
pub const USER_FIELDS: &[&str] = &[
    "_id",
    "username",
    "name",
    "nickname",
    "bio",
    "emails",
    "status",
    "statusText",
    "active",
    "roles",
    "type",
    "utcOffset",
    "language",
    "customFields",
    "avatarUrl",
    "requirePasswordChange",
    "createdAt",
    "lastLogin",
    "_updatedAt",
];

/// The allow-listed view of a user record, in the order of [`USER_FIELDS`].
pub fn public_user(record: &Value) -> Value {
    let mut user = Map::new();
    for &field in USER_FIELDS {
        let Some(value) = record.get(field) else {
            continue;
        };
        let value = if field == "emails" { public_emails(value) } else { value.clone() };
        user.insert(field.to_owned(), value);
    }
    Value::Object(user)
}

fn public_emails(emails: &Value) -> Value {
    let Some(list) = emails.as_array() else {
        return Value::Array(Vec::new());
    };
    let kept = list
        .iter()
        .map(|email| {
            let mut entry = Map::new();
            for key in ["address", "verified"] {
                if let Some(value) = email.get(key) {
                    entry.insert(key.to_owned(), value.clone());
                }
            }
            Value::Object(entry)
        })
        .collect();
    Value::Array(kept)
}

/// The username of a user record, if it has one.
pub fn username(record: &Value) -> Option<&str> {
    record.get("username").and_then(Value::as_str)
}

/// The second factor an 8.x record says the user has (`services.totp` / `services.email2fa`).
/// Older servers do not say; they answer `totp-required` when one is needed.
pub fn second_factor(record: &Value) -> Option<TwoFactorMethod> {
    let enabled = |name: &str| {
        record.get("services").and_then(|s| s.get(name)).and_then(|m| m.get("enabled"))
            == Some(&Value::Bool(true))
    };
    if enabled("totp") {
        Some(TwoFactorMethod::Totp)
    } else if enabled("email2fa") {
        Some(TwoFactorMethod::Email)
    } else {
        None
    }
}

/// Rows for the FIELD/VALUE table: scalar fields as they are, lists joined, objects flattened
/// to `customFields.key` rows.
pub fn user_rows(user: &Value) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let Some(map) = user.as_object() else {
        return rows;
    };
    for (field, value) in map {
        match (field.as_str(), value) {
            ("emails", Value::Array(emails)) => {
                let shown: Vec<String> = emails.iter().map(email_text).collect();
                rows.push((field.clone(), shown.join(", ")));
            }
            (_, Value::Object(inner)) => {
                for (key, value) in inner {
                    rows.push((format!("{field}.{key}"), scalar_text(value)));
                }
            }
            _ => rows.push((field.clone(), scalar_text(value))),
        }
    }
    rows
}

fn email_text(email: &Value) -> String {
    let address = email.get("address").and_then(Value::as_str).unwrap_or("");
    match email.get("verified").and_then(Value::as_bool) {
        Some(true) => format!("{address} (verified)"),
        Some(false) => format!("{address} (unverified)"),
        None => address.to_owned(),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        Value::Array(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_allow_listed_fields_survive() {
        let raw = json!({
            "_id": "u1", "username": "jane", "name": "Jane",
            "emails": [{"address": "j@x", "verified": false, "secret": "no"}],
            "services": {"password": {"bcrypt": "$2b$10$hash"}, "resume": {"loginTokens": [{"hashedToken": "h"}]}},
            "e2e": {"private_key": "k"}, "settings": {"preferences": {}},
            "customFields": {"team": "core"}, "success": true
        });
        let user = public_user(&raw);
        let text = user.to_string();
        assert!(
            !text.contains("bcrypt") && !text.contains("hashedToken") && !text.contains("services")
        );
        assert!(
            !text.contains("private_key")
                && !text.contains("\"secret\"")
                && !text.contains("success")
        );
        assert_eq!(user["emails"][0]["address"], "j@x");
        assert_eq!(user["customFields"]["team"], "core");
        let keys: Vec<&String> = user.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["_id", "username", "name", "emails", "customFields"]);
    }

    #[test]
    fn table_rows_flatten_lists_and_objects() {
        let user = json!({"username": "jane", "emails": [{"address": "j@x", "verified": true}], "roles": ["user", "bot"], "customFields": {"team": "core"}});
        let rows = user_rows(&user);
        assert!(rows.contains(&("emails".into(), "j@x (verified)".into())));
        assert!(rows.contains(&("roles".into(), "user, bot".into())));
        assert!(rows.contains(&("customFields.team".into(), "core".into())));
    }

    #[test]
    fn the_second_factor_comes_from_services() {
        let with = |name: &str| json!({"services": {name: {"enabled": true}}});
        assert_eq!(second_factor(&with("totp")), Some(TwoFactorMethod::Totp));
        assert_eq!(second_factor(&with("email2fa")), Some(TwoFactorMethod::Email));
        assert_eq!(second_factor(&json!({"services": {"totp": {"enabled": false}}})), None);
        assert_eq!(second_factor(&json!({})), None);
    }
}
