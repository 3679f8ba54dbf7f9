//! The fields of a user record that a desired-state file speaks of, read leniently: a field the
//! server leaves out is empty (or false), never an error, since servers differ in what they send.

use std::collections::BTreeMap;

use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountFields {
    pub username: String,
    pub name: String,
    /// The first address (`emails[0].address`), and whether it is verified.
    pub email: String,
    pub verified: bool,
    pub nickname: String,
    pub bio: String,
    pub status_text: String,
    pub roles: Vec<String>,
    pub active: bool,
    pub require_password_change: bool,
    /// `customFields`; a value that is not text is kept as its JSON text.
    pub custom_fields: BTreeMap<String, String>,
}

/// Read the fields of a user record (`/me`, `users.info`, `users.list`).
pub fn account_fields(record: &Value) -> AccountFields {
    let text = |key: &str| record.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let flag = |key: &str| record.get(key).and_then(Value::as_bool).unwrap_or(false);
    let first_email = record.pointer("/emails/0");
    let custom_fields = record
        .get("customFields")
        .and_then(Value::as_object)
        .map(|fields| {
            fields
                .iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| {
                    let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
                    (key.clone(), value)
                })
                .collect()
        })
        .unwrap_or_default();
    AccountFields {
        username: text("username"),
        name: text("name"),
        email: first_email
            .and_then(|email| email.get("address"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
        verified: first_email.and_then(|email| email.get("verified")).and_then(Value::as_bool)
            == Some(true),
        nickname: text("nickname"),
        bio: text("bio"),
        status_text: text("statusText"),
        roles: record
            .get("roles")
            .and_then(Value::as_array)
            .map(|roles| roles.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default(),
        active: flag("active"),
        require_password_change: flag("requirePasswordChange"),
        custom_fields,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_full_record_is_read_and_a_sparse_one_is_empty() {
        let record = json!({
            "username": "bot", "name": "Bot", "emails": [{"address": "b@x.io", "verified": true}],
            "statusText": "up", "roles": ["bot"], "active": true,
            "customFields": {"team": "infra", "floor": 2, "gone": null}
        });
        let fields = account_fields(&record);
        assert_eq!((fields.email.as_str(), fields.verified), ("b@x.io", true));
        assert_eq!(fields.status_text, "up");
        assert_eq!(fields.roles, ["bot"]);
        assert!(fields.active && !fields.require_password_change);
        assert_eq!(fields.custom_fields.len(), 2);
        assert_eq!(fields.custom_fields["floor"], "2");
        assert_eq!(account_fields(&json!({})), AccountFields::default());
    }
}
