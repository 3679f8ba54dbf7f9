//! From what the user asked for and the current record to the one request that makes the
//! difference: only fields that change, custom fields merged, nothing sent when nothing changes.

use serde_json::{Map, Value};

use super::requested::Requested;
use crate::api::{BasicInfo, BasicInfoData, UpdateOwnBasicInfo};
use crate::secret::Secret;

/// The request body's `data` and `customFields`, and what changes.
#[derive(Debug, Default)]
pub struct Plan {
    pub info: BasicInfo,
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

    /// Keep the change unless the current record already shows it.
    fn push_unless_done(&mut self, current: &Value, field: Field, expect: Expect) -> bool {
        let done = expect.holds(current) == Some(true);
        if !done {
            self.changes.push(Change { field, expect });
        }
        !done
    }
}

/// Compare what was asked for with the current record.
pub fn plan(requested: &Requested, current: &Value) -> Plan {
    let mut plan = Plan::default();
    if let Some(email) = &requested.email
        && plan.push_unless_done(current, Field::Email, Expect::Email(email.clone()))
    {
        plan.info.email = Some(email.clone());
    }
    type Slot = fn(&mut BasicInfo) -> &mut Option<String>;
    let texts: [(&str, Field, &Option<String>, Slot); 5] = [
        ("name", Field::Name, &requested.name, |i| &mut i.name),
        ("username", Field::Username, &requested.username, |i| &mut i.username),
        ("nickname", Field::Nickname, &requested.nickname, |i| &mut i.nickname),
        ("bio", Field::Bio, &requested.bio, |i| &mut i.bio),
        ("statusText", Field::StatusText, &requested.status_text, |i| &mut i.status_text),
    ];
    for (key, field, wanted, slot) in texts {
        if let Some(wanted) = wanted
            && plan.push_unless_done(current, field, Expect::Text(key, wanted.clone()))
        {
            *slot(&mut plan.info) = Some(wanted.clone());
        }
    }
    let mut fields_change = false;
    for (key, value) in &requested.set_fields {
        let expect = Expect::CustomField(key.clone(), Some(value.clone()));
        fields_change |= plan.push_unless_done(current, Field::Custom(key.clone()), expect);
    }
    for key in &requested.unset_fields {
        let expect = Expect::CustomField(key.clone(), None);
        fields_change |= plan.push_unless_done(current, Field::CustomRemoved(key.clone()), expect);
    }
    if fields_change {
        plan.custom_fields = Some(merged_custom_fields(requested, current.get("customFields")));
    }
    if requested.new_password {
        plan.password = true;
        plan.changes.push(Change { field: Field::Password, expect: Expect::Password });
    }
    plan
}

/// The current custom fields with `--field` set and `--unset-field` removed. The server replaces
/// the whole object, so the whole object is sent.
fn merged_custom_fields(requested: &Requested, current: Option<&Value>) -> Map<String, Value> {
    let mut merged = current.and_then(Value::as_object).cloned().unwrap_or_default();
    for (key, value) in &requested.set_fields {
        merged.insert(key.clone(), Value::String(value.clone()));
    }
    for key in &requested.unset_fields {
        merged.remove(key);
    }
    merged
}

/// Which requested changes a re-read record shows, by label. The password is in neither list:
/// a record cannot show it.
#[derive(Debug, Default)]
pub struct Applied {
    pub done: Vec<String>,
    pub missing: Vec<String>,
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
