//! From what the user asked for and the current record to the one request that makes the
//! difference: only fields that change, custom fields merged, nothing sent when nothing changes.

use serde_json::{Map, Value};

use super::requested::Requested;
use crate::api::{self, BasicInfo, BasicInfoData, UpdateOwnBasicInfo};
use crate::plan::change as engine;
use crate::plan::change::AccountPlan;
use crate::plan::{AccountState, Action, Target, Val, plan_account};
use crate::secret::Secret;

/// The request body's `data` and `customFields`, and what changes.
#[derive(Debug, Default)]
pub struct Plan {
    pub info: BasicInfo,
    /// What cannot be planned (removing every custom field), to tell the user.
    pub notices: Vec<String>,
    pub custom_fields: Option<Map<String, Value>>,
    pub changes: Vec<Change>,
    pub password: bool,
}

/// One requested change: which field, and what a user record looks like once it is made.
#[derive(Debug)]
pub struct Change {
    pub field: Field,
    expect: Expect,
}

/// What a change is about, as a person names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Email,
    Name,
    Username,
    Nickname,
    Bio,
    StatusText,
    Custom(String),
    CustomRemoved(String),
    Password,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Email => f.write_str("email"),
            Self::Name => f.write_str("name"),
            Self::Username => f.write_str("username"),
            Self::Nickname => f.write_str("nickname"),
            Self::Bio => f.write_str("bio"),
            Self::StatusText => f.write_str("status text"),
            Self::Custom(key) => write!(f, "custom field {key}"),
            Self::CustomRemoved(key) => write!(f, "custom field {key} (removed)"),
            Self::Password => f.write_str("password"),
        }
    }
}

impl Change {
    /// The value the field gets, for the summary; None for a secret or a removal.
    pub fn new_value(&self) -> Option<&str> {
        match &self.expect {
            Expect::Email(value) | Expect::Text(_, value) => Some(value),
            Expect::CustomField(_, value) => value.as_deref(),
            Expect::Password => None,
        }
    }
}

#[derive(Debug)]
enum Expect {
    /// `emails[0].address`, compared without regard to case.
    Email(String),
    /// A top-level text field; absent and empty are the same to a user clearing it.
    Text(&'static str, String),
    /// `customFields.KEY` set to the value, or gone.
    CustomField(String, Option<String>),
    /// A record cannot show a password; it is settled by logging in.
    Password,
}

impl Expect {
    /// Whether the record already shows this change; None when a record cannot tell.
    fn holds(&self, record: &Value) -> Option<bool> {
        Some(match self {
            Self::Email(wanted) => record
                .pointer("/emails/0/address")
                .and_then(Value::as_str)
                .is_some_and(|current| current.eq_ignore_ascii_case(wanted.trim())),
            Self::Text(key, wanted) => {
                record.get(*key).and_then(Value::as_str).unwrap_or("") == wanted
            }
            Self::CustomField(key, wanted) => {
                // A lookup by name, not a JSON pointer: a key may hold `/` or `~`.
                record.get("customFields").and_then(|f| f.get(key)).and_then(Value::as_str)
                    == wanted.as_deref()
            }
            Self::Password => return None,
        })
    }
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Human names of the changes, in order ("email", "nickname", "custom field team").
    pub fn labels(&self) -> Vec<String> {
        self.changes.iter().map(|c| c.field.to_string()).collect()
    }

    pub fn changes_email(&self) -> bool {
        self.info.email.is_some()
    }

    /// Whether this change needs the current password or a second factor.
    pub fn needs_verification(&self) -> bool {
        self.changes_email() || self.password
    }

    /// The body for `users.updateOwnBasicInfo`, with the current password's digest for users
    /// without a second factor and the new password when it changes.
    pub fn body<'a>(
        &'a self,
        current_password: Option<&'a Secret>,
        new_password: Option<&'a Secret>,
    ) -> UpdateOwnBasicInfo<'a> {
        UpdateOwnBasicInfo {
            data: BasicInfoData { info: &self.info, current_password, new_password },
            custom_fields: self.custom_fields.as_ref(),
        }
    }
}

/// Compare what was asked for with the current record, through the one planning engine that
/// `diff` and `apply` use, and turn its changes into the request and what to check afterwards.
pub fn plan(requested: &Requested, current: &Value) -> Plan {
    let state = AccountState::from(api::account_fields(current));
    // The own account exists, so planning cannot fail for want of a name and an e-mail.
    let engine =
        plan_account(&Target::Profile, &requested.desired(), Some(&state)).unwrap_or_default();
    from_engine(engine, current)
}

/// The request that carries the engine's changes of the own account (those of its one
/// profile request; presence, avatar and token have their own).
pub fn from_engine(engine: AccountPlan, current: &Value) -> Plan {
    let mut plan = Plan { notices: engine.notices, ..Plan::default() };
    // The server replaces the whole object: send the current one (its values as they are)
    // with the changes made.
    let mut fields = current.get("customFields").and_then(Value::as_object).cloned();
    for change in engine.changes {
        let Some(field) = change.field else { continue };
        let after = match change.after {
            Some(Val::Text(text)) => text,
            _ => String::new(),
        };
        plan.push(field, change.action == Action::Remove, after, &mut fields);
    }
    plan
}

impl Plan {
    /// Add one engine change: its field to the body, and what a re-read should show.
    fn push(
        &mut self,
        field: engine::Field,
        removed: bool,
        after: String,
        fields: &mut Option<Map<String, Value>>,
    ) {
        type Slot = fn(&mut BasicInfo) -> &mut Option<String>;
        let (field, expect, slot): (Field, Expect, Option<Slot>) = match field {
            engine::Field::Email => {
                (Field::Email, Expect::Email(after.clone()), Some(|i| &mut i.email))
            }
            engine::Field::Name => {
                (Field::Name, Expect::Text("name", after.clone()), Some(|i| &mut i.name))
            }
            engine::Field::Username => (
                Field::Username,
                Expect::Text("username", after.clone()),
                Some(|i| &mut i.username),
            ),
            engine::Field::Nickname => (
                Field::Nickname,
                Expect::Text("nickname", after.clone()),
                Some(|i| &mut i.nickname),
            ),
            engine::Field::Bio => {
                (Field::Bio, Expect::Text("bio", after.clone()), Some(|i| &mut i.bio))
            }
            engine::Field::StatusText => (
                Field::StatusText,
                Expect::Text("statusText", after.clone()),
                Some(|i| &mut i.status_text),
            ),
            engine::Field::Custom(key) => {
                let fields =
                    self.custom_fields.get_or_insert_with(|| fields.take().unwrap_or_default());
                if removed {
                    fields.remove(&key);
                    (Field::CustomRemoved(key.clone()), Expect::CustomField(key, None), None)
                } else {
                    fields.insert(key.clone(), Value::String(after.clone()));
                    (
                        Field::Custom(key.clone()),
                        Expect::CustomField(key, Some(after.clone())),
                        None,
                    )
                }
            }
            engine::Field::Password => {
                self.password = true;
                (Field::Password, Expect::Password, None)
            }
            // Not part of a profile update.
            _ => return,
        };
        if let Some(slot) = slot {
            *slot(&mut self.info) = Some(after);
        }
        self.changes.push(Change { field, expect });
    }
}

/// Which requested changes a re-read record shows, by label. The password is in neither list:
/// a record cannot show it.
#[derive(Debug, Default)]
pub struct Applied {
    pub done: Vec<String>,
    pub missing: Vec<String>,
}

/// The custom fields the plan sets (not those it removes).
pub fn custom_fields_set(plan: &Plan) -> Vec<&str> {
    plan.changes
        .iter()
        .filter_map(|change| match &change.field {
            Field::Custom(key) => Some(key.as_str()),
            _ => None,
        })
        .collect()
}

/// The custom field changes a record does not show: what the server dropped.
pub fn dropped_custom_fields(plan: &Plan, record: &Value) -> Vec<String> {
    plan.changes
        .iter()
        .filter(|change| matches!(change.field, Field::Custom(_) | Field::CustomRemoved(_)))
        .filter(|change| change.expect.holds(record) == Some(false))
        .map(|change| change.field.to_string())
        .collect()
}

pub fn applied(plan: &Plan, record: &Value) -> Applied {
    let mut applied = Applied::default();
    for change in &plan.changes {
        match change.expect.holds(record) {
            Some(true) => applied.done.push(change.field.to_string()),
            Some(false) => applied.missing.push(change.field.to_string()),
            None => {}
        }
    }
    applied
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(plan: &Plan, current: Option<&Secret>, new: Option<&Secret>) -> Value {
        serde_json::to_value(plan.body(current, new)).unwrap()
    }

    fn record() -> Value {
        json!({"username": "jane", "name": "Jane", "emails": [{"address": "jane@example.com", "verified": true}],
               "customFields": {"team": "core", "floor": "2"}})
    }

    #[test]
    fn only_differences_are_planned() {
        let requested = Requested {
            email: Some("JANE@example.com".into()),
            name: Some("Jane".into()),
            nickname: Some("JD".into()),
            ..Requested::default()
        };
        let plan = plan(&requested, &record());
        assert_eq!(plan.labels(), ["nickname"]);
        assert_eq!(body(&plan, None, None), json!({"data": {"nickname": "JD"}}));
    }

    #[test]
    fn nothing_to_do_is_an_empty_plan() {
        let requested = Requested {
            name: Some("Jane".into()),
            set_fields: vec![("team".into(), "core".into())],
            ..Requested::default()
        };
        assert!(plan(&requested, &record()).is_empty());
    }

    #[test]
    fn custom_fields_are_merged_and_sent_whole_at_top_level() {
        let requested = Requested {
            set_fields: vec![("team".into(), "infra".into())],
            unset_fields: vec!["floor".into()],
            ..Requested::default()
        };
        let plan = plan(&requested, &record());
        assert_eq!(plan.labels(), ["custom field team", "custom field floor (removed)"]);
        assert_eq!(body(&plan, None, None), json!({"data": {}, "customFields": {"team": "infra"}}));
    }

    #[test]
    fn secrets_go_into_data() {
        let requested = Requested {
            email: Some("new@example.com".into()),
            new_password: true,
            ..Requested::default()
        };
        let plan = plan(&requested, &record());
        assert!(plan.needs_verification());
        let body = body(&plan, Some(&Secret::new("digest")), Some(&Secret::new("new")));
        assert_eq!(
            body["data"],
            json!({"email": "new@example.com", "currentPassword": "digest", "newPassword": "new"})
        );
    }

    #[test]
    fn applied_changes_are_told_apart() {
        let requested = Requested {
            name: Some("Janet".into()),
            set_fields: vec![("team".into(), "x".into())],
            ..Requested::default()
        };
        let plan = plan(&requested, &record());
        let mut after = record();
        after["name"] = json!("Janet");
        let Applied { done, missing } = applied(&plan, &after);
        assert_eq!(done, ["name"]);
        assert_eq!(missing, ["custom field team"]);
    }

    #[test]
    fn field_names_with_slash_or_tilde_are_looked_up_as_names() {
        let record = json!({"customFields": {"a/b": "x", "c~d": "y", "a": {"b": "nested"}}});
        let requested =
            Requested { unset_fields: vec!["a/b".into(), "c~d".into()], ..Requested::default() };
        let plan = plan(&requested, &record);
        assert_eq!(plan.labels(), ["custom field a/b (removed)", "custom field c~d (removed)"]);
        let set =
            Requested { set_fields: vec![("a/b".into(), "x".into())], ..Requested::default() };
        assert!(super::plan(&set, &record).is_empty(), "already set under its own name");
    }
}
