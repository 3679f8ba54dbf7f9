//! The server-wide tables of a desired state: `[settings]` (each setting holds exactly this
//! value) and `[permissions]` (each permission is held by exactly these roles). They are
//! planned before the accounts, and `apply` sends them first: a new account's token step may
//! need a permission the same file grants.

use std::collections::BTreeSet;

use serde_json::Value;

use super::change::{Action, Change, Field, PlanError, Target, Val};
use super::state::{DesiredSetting, SettingNow};

/// One change per setting whose value differs. A secret setting's values are never known to
/// the plan: its change shows `(sensitive)` on both sides.
pub fn plan_settings(
    desired: &[(String, DesiredSetting)],
    current: &std::collections::BTreeMap<String, SettingNow>,
) -> Result<Vec<Change>, PlanError> {
    let mut changes = Vec::new();
    for (id, wanted) in desired {
        let Some(now) = current.get(id) else {
            return Err(PlanError(format!("settings.{id} was not read")));
        };
        let (before, after) = match (wanted, now) {
            (DesiredSetting::Value(wanted), SettingNow::Value(now)) => {
                if same_value(wanted, now) {
                    continue;
                }
                (Val::Json(now.clone()), Val::Json(wanted.clone()))
            }
            (_, SettingNow::Sensitive { holds_wanted: true }) => continue,
            (_, SettingNow::Sensitive { holds_wanted: false }) => (Val::Sensitive, Val::Sensitive),
            (DesiredSetting::Secret(_), SettingNow::Value(_)) => {
                return Err(PlanError(format!("settings.{id}: a secret value read as plain")));
            }
        };
        changes.push(Change {
            target: Target::Settings,
            field: Some(Field::Setting(id.clone())),
            action: Action::Update,
            before: Some(before),
            after: Some(after),
        });
    }
    Ok(changes)
}

/// One change per permission whose set of roles differs; the order of roles does not matter.
pub fn plan_permissions(
    desired: &[(String, Vec<String>)],
    current: &std::collections::BTreeMap<String, Vec<String>>,
) -> Result<Vec<Change>, PlanError> {
    let mut changes = Vec::new();
    for (id, wanted) in desired {
        let Some(now) = current.get(id) else {
            return Err(PlanError(format!("permissions.{id} was not read")));
        };
        if role_set(wanted) == role_set(now) {
            continue;
        }
        changes.push(Change {
            target: Target::Permissions,
            field: Some(Field::Permission(id.clone())),
            action: Action::Update,
            before: Some(Val::List(now.clone())),
            after: Some(Val::List(wanted.clone())),
        });
    }
    Ok(changes)
}

/// The same value as a setting holds it: numbers by what they are (`50` and `50.0`), arrays
/// and objects member by member, everything else exactly.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(key, a)| y.get(key).is_some_and(|b| same_value(a, b)))
        }
        _ => a == b,
    }
}

fn role_set(roles: &[String]) -> BTreeSet<&str> {
    roles.iter().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;

    fn setting(id: &str, value: Value) -> (String, DesiredSetting) {
        (id.to_owned(), DesiredSetting::Value(value))
    }

    #[test]
    fn a_setting_changes_only_when_its_value_differs_and_numbers_compare_by_value() {
        let current: BTreeMap<String, SettingNow> = [
            ("A".to_owned(), SettingNow::Value(json!(50))),
            ("B".to_owned(), SettingNow::Value(json!(false))),
            ("S".to_owned(), SettingNow::Sensitive { holds_wanted: false }),
            ("T".to_owned(), SettingNow::Sensitive { holds_wanted: true }),
        ]
        .into();
        let secret = |id: &str| {
            let source = crate::plan::file::SecretSource::Env("X".into());
            (id.to_owned(), DesiredSetting::Secret(source))
        };
        let desired =
            [setting("A", json!(50.0)), setting("B", json!(true)), secret("S"), secret("T")];
        let changes = plan_settings(&desired, &current).unwrap();
        let lines: Vec<String> = changes.iter().map(Change::line).collect();
        assert_eq!(
            lines,
            ["~ settings.B: false -> true", "~ settings.S: (sensitive) -> (sensitive)"]
        );
        assert!(plan_settings(&[setting("unread", json!(1))], &current).is_err());
    }

    #[test]
    fn a_permission_changes_when_its_set_of_roles_differs() {
        let current: BTreeMap<String, Vec<String>> = [
            ("p".to_owned(), vec!["admin".to_owned(), "user".to_owned()]),
            ("q".to_owned(), vec!["admin".to_owned()]),
        ]
        .into();
        let desired = [
            ("p".to_owned(), vec!["user".to_owned(), "admin".to_owned()]),
            ("q".to_owned(), vec!["admin".to_owned(), "bot".to_owned()]),
        ];
        let changes = plan_permissions(&desired, &current).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].line(), r#"~ permissions.q: ["admin"] -> ["admin","bot"]"#);
    }

    #[test]
    fn values_compare_member_by_member() {
        assert!(same_value(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!same_value(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(!same_value(&json!("1"), &json!(1)));
    }
}
