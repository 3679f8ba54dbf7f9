//! A plan as text (the `+ ~ -` lines of docs/cli.md#desired-state, one per change, grouped by
//! account) and as JSON (`{"changes": [{"target", "field", "action", "before", "after"}]}`).
//! Values are quoted as JSON strings; `output.rs` escapes what is left when it prints.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use super::Plan;
use super::change::{Action, Change, Val};

/// How a secret shows in a plan.
pub const SENSITIVE: &str = "(sensitive)";

impl Change {
    /// `+ users.deploy-bot (create)`, `~ profile.name: "Old" -> "New"`,
    /// `+ profile.custom_fields.team: "x"`, `- profile.custom_fields.old`.
    pub fn line(&self) -> String {
        let Some(field) = &self.field else {
            let sign = if self.action == Action::Remove { '-' } else { '+' };
            return format!("{sign} {} ({})", self.target, self.action.as_str());
        };
        let path = format!("{}.{}", self.target, field.key());
        let line = match self.action {
            Action::Create | Action::Add => format!("+ {path}: {}", text(self.after.as_ref())),
            Action::Update => {
                format!("~ {path}: {} -> {}", text(self.before.as_ref()), text(self.after.as_ref()))
            }
            Action::Remove => format!("- {path}"),
        };
        match self.cost() {
            Some(cost) => format!("{line} ({cost})"),
            None => line,
        }
    }

    /// What a change costs besides itself, when it costs more than it says: deactivating an
    /// account revokes every session it has and every personal access token.
    pub fn cost(&self) -> Option<&'static str> {
        let deactivates = self.field == Some(super::Field::Active)
            && self.after == Some(Val::Flag(false))
            && matches!(self.target, super::Target::User(_));
        deactivates.then_some("revokes its sessions and access tokens")
    }
}

impl Plan {
    /// One line per change, in plan order (which groups them by account).
    pub fn lines(&self) -> Vec<String> {
        self.changes.iter().map(Change::line).collect()
    }
}

/// A value in a plan line: JSON, so strings are quoted and a reader can tell `""` from nothing.
fn text(value: Option<&Val>) -> String {
    match value {
        None => "(unknown)".to_owned(),
        Some(Val::Sensitive) => SENSITIVE.to_owned(),
        Some(value) => serde_json::to_string(value).unwrap_or_default(),
    }
}

impl Serialize for Val {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Flag(flag) => serializer.serialize_bool(*flag),
            Self::Sensitive => serializer.serialize_str(SENSITIVE),
            Self::Json(value) => value.serialize(serializer),
            Self::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Record(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut change = serializer.serialize_struct("Change", 5)?;
        change.serialize_field("target", &self.target.to_string())?;
        change.serialize_field("field", &self.field.as_ref().map(super::Field::key))?;
        change.serialize_field("action", self.action.as_str())?;
        change.serialize_field("before", &self.before)?;
        change.serialize_field("after", &self.after)?;
        change.end()
    }
}

impl Serialize for Plan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut plan = serializer.serialize_struct("Plan", 1)?;
        plan.serialize_field("changes", &self.changes)?;
        plan.end()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::fields::TextField;
    use crate::plan::change::{Field, Target};

    fn change(
        target: Target,
        field: Option<Field>,
        action: Action,
        before: Option<Val>,
        after: Option<Val>,
    ) -> Change {
        Change { target, field, action, before, after }
    }

    fn text_val(text: &str) -> Option<Val> {
        Some(Val::Text(text.to_owned()))
    }

    fn sample() -> Plan {
        let deploy = Target::User("deploy-bot".into());
        let alert = Target::User("alert-bot".into());
        let record = Val::Record(vec![
            ("name".into(), Val::Text("Deploy Bot".into())),
            ("password".into(), Val::Sensitive),
            ("roles".into(), Val::List(vec!["bot".into()])),
        ]);
        Plan {
            changes: vec![
                change(
                    Target::Profile,
                    Some(Field::Text(TextField::Name)),
                    Action::Update,
                    text_val("Old"),
                    text_val("New"),
                ),
                change(
                    Target::Profile,
                    Some(Field::Custom("team".into())),
                    Action::Add,
                    None,
                    text_val("x"),
                ),
                change(
                    Target::Profile,
                    Some(Field::Custom("old".into())),
                    Action::Remove,
                    text_val("y"),
                    None,
                ),
                change(deploy.clone(), None, Action::Create, None, Some(record)),
                change(deploy, Some(Field::Token), Action::Add, None, text_val("ci")),
                change(
                    alert,
                    Some(Field::Active),
                    Action::Update,
                    Some(Val::Flag(true)),
                    Some(Val::Flag(false)),
                ),
            ],
            notices: Vec::new(),
        }
    }

    #[test]
    fn lines_are_the_documented_ones() {
        assert_eq!(
            sample().lines(),
            [
                "~ profile.name: \"Old\" -> \"New\"",
                "+ profile.custom_fields.team: \"x\"",
                "- profile.custom_fields.old",
                "+ users.deploy-bot (create)",
                "+ users.deploy-bot.token: \"ci\"",
                "~ users.alert-bot.active: true -> false (revokes its sessions and access tokens)",
            ]
        );
    }

    #[test]
    fn secrets_and_unknowns_show_as_words() {
        let password = change(
            Target::Profile,
            Some(Field::Password),
            Action::Update,
            Some(Val::Sensitive),
            Some(Val::Sensitive),
        );
        assert_eq!(password.line(), "~ profile.password: (sensitive) -> (sensitive)");
        let presence =
            change(Target::Profile, Some(Field::Presence), Action::Update, None, text_val("away"));
        assert_eq!(presence.line(), "~ profile.presence: (unknown) -> \"away\"");
        let quoted = change(
            Target::Profile,
            Some(Field::Text(TextField::Bio)),
            Action::Update,
            text_val(""),
            text_val("a \"b\"\n"),
        );
        assert_eq!(quoted.line(), "~ profile.bio: \"\" -> \"a \\\"b\\\"\\n\"");
    }

    #[test]
    fn json_has_the_documented_keys() {
        let json = serde_json::to_value(sample()).unwrap();
        assert_eq!(
            json["changes"][0],
            json!({"target": "profile", "field": "name", "action": "update", "before": "Old", "after": "New"})
        );
        assert_eq!(json["changes"][1]["field"], "custom_fields.team");
        assert_eq!(json["changes"][1]["before"], json!(null));
        assert_eq!(
            json["changes"][3],
            json!({"target": "users.deploy-bot", "field": null, "action": "create", "before": null,
                   "after": {"name": "Deploy Bot", "password": "(sensitive)", "roles": ["bot"]}})
        );
        assert_eq!(json["changes"][5]["before"], json!(true));
        assert_eq!(serde_json::to_value(Plan::default()).unwrap(), json!({"changes": []}));
    }
}
