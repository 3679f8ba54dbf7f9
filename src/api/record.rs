//! The user record, typed: the allow-listed fields (docs/cli.md#output), each kept only when the
//! server sent it, read leniently (a field of an odd type is dropped, never an error: servers
//! differ in what they send). Nothing else the server sends is kept, above all `services` with
//! its password hash, login-token hashes and two-factor secrets; only which second factor it
//! names is read from it.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::TwoFactorMethod;
use crate::fields::TextField;

/// A user record as rocketctl reads and prints it, in the order it prints the fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(rename = "_id", default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub username: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub nickname: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub bio: Option<String>,
    #[serde(default, deserialize_with = "lenient_emails", skip_serializing_if = "none")]
    pub emails: Option<Vec<Email>>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub status_text: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub active: Option<bool>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub roles: Option<Vec<String>>,
    #[serde(rename = "type", default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub utc_offset: Option<Value>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub language: Option<String>,
    /// Keys holding `null` or `""` are left out: a server that merges custom fields can only
    /// blank a key, never remove it (docs/server.md), so a blank key is no value.
    #[serde(default, deserialize_with = "custom_fields", skip_serializing_if = "none")]
    pub custom_fields: Option<Map<String, Value>>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub avatar_url: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub require_password_change: Option<bool>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub created_at: Option<Value>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub last_login: Option<Value>,
    #[serde(
        rename = "_updatedAt",
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "none"
    )]
    pub updated_at: Option<Value>,
    /// The second factor `services` names (8.x `/me`); older servers do not say.
    #[serde(skip)]
    pub second_factor: Option<TwoFactorMethod>,
}

/// One address of `emails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub address: Option<String>,
    #[serde(default, deserialize_with = "lenient", skip_serializing_if = "none")]
    pub verified: Option<bool>,
}

fn none<T>(value: &Option<T>) -> bool {
    value.is_none()
}

/// A value of the expected type, or nothing: an odd type is dropped, not an error.
fn lenient<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

/// `emails`: a list (an odd one is an empty list, as shown), each entry read leniently.
fn lenient_emails<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Email>>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    let entries = value.as_array().map(Vec::as_slice).unwrap_or_default();
    Ok(Some(
        entries.iter().filter_map(|entry| serde_json::from_value(entry.clone()).ok()).collect(),
    ))
}

fn custom_fields<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Map<String, Value>>, D::Error> {
    let fields: Option<Map<String, Value>> = lenient(deserializer)?;
    Ok(fields.map(|fields| {
        fields
            .into_iter()
            .filter(|(_, value)| !value.is_null() && value.as_str() != Some(""))
            .collect()
    }))
}

macro_rules! text_accessor {
    ($($variant:ident $field:ident $wire:literal $label:literal $route:ident $in_create:literal $max:expr;)*) => {
        impl User {
            /// A plain text field, if the server sent it.
            pub fn text(&self, field: TextField) -> Option<&str> {
                match field { $(TextField::$variant => self.$field.as_deref(),)* }
            }
        }
    };
}

crate::fields::with_text_fields!(text_accessor);

impl User {
    /// Read a record the server sent; one that is not a JSON object is an empty record.
    pub fn from_value(record: Value) -> Self {
        let second_factor = second_factor(&record);
        let user: Self = serde_json::from_value(record).unwrap_or_default();
        Self { second_factor, ..user }
    }

    /// The username of a record not read yet, without reading the rest (to skip the records
    /// of a page that are not wanted).
    pub fn username_in(record: &Value) -> &str {
        record.get("username").and_then(Value::as_str).unwrap_or_default()
    }

    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or_default()
    }

    pub fn username(&self) -> &str {
        self.username.as_deref().unwrap_or_default()
    }

    /// The first address (`emails[0]`), the one rocketctl reads and changes.
    pub fn email(&self) -> Option<&Email> {
        self.emails.as_ref().and_then(|emails| emails.first())
    }

    pub fn email_address(&self) -> &str {
        self.email().and_then(|email| email.address.as_deref()).unwrap_or_default()
    }

    pub fn email_verified(&self) -> bool {
        self.email().and_then(|email| email.verified) == Some(true)
    }

    pub fn roles(&self) -> &[String] {
        self.roles.as_deref().unwrap_or_default()
    }

    /// The custom fields, each as text: a value that is not text is kept as its JSON text.
    pub fn custom_field_texts(&self) -> BTreeMap<String, String> {
        let Some(fields) = &self.custom_fields else {
            return BTreeMap::new();
        };
        fields
            .iter()
            .map(|(key, value)| {
                let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
                (key.clone(), value)
            })
            .collect()
    }
}

/// The second factor an 8.x record says the user has (`services.totp` / `services.email2fa`).
fn second_factor(record: &Value) -> Option<TwoFactorMethod> {
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
pub fn user_rows(user: &User) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let Ok(Value::Object(map)) = serde_json::to_value(user) else {
        return rows;
    };
    for (field, value) in &map {
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
        let user = User::from_value(raw);
        let text = serde_json::to_string(&user).unwrap();
        assert!(
            !text.contains("bcrypt") && !text.contains("hashedToken") && !text.contains("services")
        );
        assert!(
            !text.contains("private_key")
                && !text.contains("\"secret\"")
                && !text.contains("success")
        );
        let value = serde_json::to_value(&user).unwrap();
        assert_eq!(value["emails"][0]["address"], "j@x");
        assert_eq!(value["customFields"]["team"], "core");
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["_id", "username", "name", "emails", "customFields"]);
    }

    #[test]
    fn fields_of_an_odd_type_are_dropped_not_fatal() {
        let user =
            User::from_value(json!({"username": 7, "active": "yes", "name": "N", "emails": "x"}));
        assert_eq!((user.username, user.active, user.name.as_deref()), (None, None, Some("N")));
        assert_eq!(user.emails, Some(Vec::new()));
        assert_eq!(User::from_value(json!([1, 2])), User::default());
    }

    #[test]
    fn table_rows_flatten_lists_and_objects() {
        let user = User::from_value(
            json!({"username": "jane", "emails": [{"address": "j@x", "verified": true}], "roles": ["user", "bot"], "customFields": {"team": "core"}}),
        );
        let rows = user_rows(&user);
        assert!(rows.contains(&("emails".into(), "j@x (verified)".into())));
        assert!(rows.contains(&("roles".into(), "user, bot".into())));
        assert!(rows.contains(&("customFields.team".into(), "core".into())));
    }

    #[test]
    fn the_second_factor_comes_from_services() {
        let with = |name: &str| User::from_value(json!({"services": {name: {"enabled": true}}}));
        assert_eq!(with("totp").second_factor, Some(TwoFactorMethod::Totp));
        assert_eq!(with("email2fa").second_factor, Some(TwoFactorMethod::Email));
        let off = User::from_value(json!({"services": {"totp": {"enabled": false}}}));
        assert_eq!(off.second_factor, None);
    }

    #[test]
    fn custom_fields_read_as_text() {
        let user = User::from_value(json!({
            "username": "bot", "name": "Bot", "emails": [{"address": "b@x.io", "verified": true}],
            "statusText": "up", "roles": ["bot"], "active": true,
            "customFields": {"team": "infra", "floor": 2, "gone": null, "blank": ""}
        }));
        assert_eq!((user.email_address(), user.email_verified()), ("b@x.io", true));
        assert_eq!(user.text(TextField::StatusText), Some("up"));
        let fields = user.custom_field_texts();
        assert_eq!(fields.len(), 2);
        assert_eq!(fields["floor"], "2");
    }
}
