//! Custom fields are stored only when the server's administrator defined them
//! (`Accounts_CustomFields`; docs/cli.md "Output"). Undefined keys are refused before anything
//! is sent; the object sent is the account's whole current one with the changes made.

use serde_json::{Map, Value};

use crate::api::{self, Client, User};
use crate::exit::{Exit, Failure};
use crate::plan::{Action, Change, Field, Val};

pub const HOW_TO_DEFINE: &str = "an administrator defines custom fields in the server's \
    Accounts_CustomFields setting";

/// The custom fields the changes set (not those they remove).
pub fn set_by(changes: &[Change]) -> impl Iterator<Item = &str> {
    changes.iter().filter_map(|change| match (&change.field, change.action) {
        (Some(Field::Custom(key)), Action::Add | Action::Update) => Some(key.as_str()),
        _ => None,
    })
}

/// Refuse keys the server does not define (exit 5), naming the ones it does. A server that does
/// not say (no `Accounts_CustomFields` among its public settings) is not second-guessed.
pub fn check_defined<'a>(
    client: &Client,
    wanted: impl IntoIterator<Item = &'a str>,
) -> anyhow::Result<()> {
    let wanted: Vec<&str> = wanted.into_iter().collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let Some(defined) = api::custom_field_names(client)? else {
        return Ok(());
    };
    let undefined: Vec<&str> =
        wanted.into_iter().filter(|key| !defined.iter().any(|d| d == key)).collect();
    if undefined.is_empty() {
        return Ok(());
    }
    let defines = if defined.is_empty() {
        "it defines none".to_owned()
    } else {
        let defined: Vec<&str> = defined.iter().map(String::as_str).collect();
        format!("it defines {}", quoted(&defined))
    };
    Err(Failure::new(
        Exit::Refused,
        format!("the server does not store the custom field {}; {defines}", quoted(&undefined)),
    )
    .hint(HOW_TO_DEFINE)
    .into())
}

fn quoted(keys: &[&str]) -> String {
    keys.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ")
}

/// The object to send when any key changes: the record's current one, its values as they are,
/// with the changes made. A removed key is sent as `null`: a server that replaces the object
/// stores it blank, and one that merges what is sent into what it holds (where leaving the key
/// out would keep it) blanks it too; either way the key holds no value after, which a re-read
/// tells. `None` when no custom field changes.
pub fn body(record: &User, changes: &[Change]) -> Option<Map<String, Value>> {
    let mut fields: Option<Map<String, Value>> = None;
    for change in changes {
        let Some(Field::Custom(key)) = &change.field else { continue };
        let fields = fields.get_or_insert_with(|| record.custom_fields.clone().unwrap_or_default());
        match (&change.after, change.action) {
            (Some(Val::Text(value)), Action::Add | Action::Update) => {
                fields.insert(key.clone(), Value::String(value.clone()));
            }
            _ => {
                fields.insert(key.clone(), Value::Null);
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Target;
    use serde_json::json;

    #[test]
    fn the_body_keeps_the_values_it_does_not_change_as_they_are() {
        let record = User::from_value(json!({"customFields": {"floor": 2, "team": "core"}}));
        let change = |key: &str, action, after: Option<&str>| Change {
            target: Target::Profile,
            field: Some(Field::Custom(key.into())),
            action,
            before: None,
            after: after.map(|text| Val::Text(text.into())),
        };
        let changes =
            [change("team", Action::Remove, None), change("desk", Action::Add, Some("4"))];
        assert_eq!(
            body(&record, &changes),
            Some(Map::from_iter([
                ("floor".to_owned(), json!(2)),
                ("team".to_owned(), json!(null)),
                ("desk".to_owned(), json!("4")),
            ]))
        );
        assert_eq!(set_by(&changes).collect::<Vec<_>>(), ["desk"]);
        assert_eq!(body(&record, &[]), None);
    }
}
