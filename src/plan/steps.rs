//! What each step of an account sends, typed and still free of any wire format: the new
//! account of a creation, and the one profile request of an update (custom fields whole, as the
//! server replaces them). `src/api/` turns these into request bodies.

use std::collections::BTreeMap;

use super::change::{Action, Change, Field, PlanError, Step, Target, Val};
use super::file::PasswordSource;
use super::state::{AccountState, CustomFields, DesiredAccount};

/// An account to create, with the defaults of `admin user create` filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub username: String,
    pub name: String,
    pub email: String,
    /// `None`: a random password nobody sees (the file names none).
    pub password: Option<PasswordSource>,
    pub roles: Vec<String>,
    pub active: bool,
    pub verified: bool,
    pub require_password_change: bool,
    pub nickname: Option<String>,
    pub bio: Option<String>,
    /// Sent in a follow-up `users.update`: `users.create` ignores it.
    pub status_text: Option<String>,
    pub custom_fields: BTreeMap<String, String>,
}

impl NewAccount {
    pub fn new(target: &Target, desired: &DesiredAccount) -> Result<Self, PlanError> {
        let (Target::User(username), Some(name), Some(email)) =
            (target, &desired.name, &desired.email)
        else {
            return Err(PlanError(format!(
                "{target} does not exist, and creating it needs `name` and `email` in the file"
            )));
        };
        let custom_fields = match &desired.custom_fields {
            CustomFields::Exactly(fields) | CustomFields::Merge { set: fields, .. } => {
                fields.clone()
            }
            CustomFields::Keep => BTreeMap::new(),
        };
        Ok(Self {
            username: username.clone(),
            name: name.clone(),
            email: email.clone(),
            password: desired.initial_password.clone(),
            roles: desired.roles.clone().unwrap_or_else(|| vec!["user".into()]),
            active: desired.active.unwrap_or(true),
            verified: desired.verified.unwrap_or(false),
            require_password_change: desired.require_password_change.unwrap_or(false),
            nickname: desired.nickname.clone(),
            bio: desired.bio.clone(),
            status_text: desired.status_text.clone(),
            custom_fields,
        })
    }

    /// The creation's `after` in a plan, keyed as the file is. The password is a secret.
    pub fn record(&self) -> Val {
        let text = |value: &String| Val::Text(value.clone());
        let mut record = vec![
            ("name".to_owned(), text(&self.name)),
            ("email".to_owned(), text(&self.email)),
            ("password".to_owned(), Val::Sensitive),
            ("roles".to_owned(), Val::List(self.roles.clone())),
            ("active".to_owned(), Val::Flag(self.active)),
            ("verified".to_owned(), Val::Flag(self.verified)),
            ("require_password_change".to_owned(), Val::Flag(self.require_password_change)),
        ];
        let texts =
            [("nickname", &self.nickname), ("bio", &self.bio), ("status_text", &self.status_text)];
        for (key, value) in texts {
            if let Some(value) = value {
                record.push((key.to_owned(), text(value)));
            }
        }
        if !self.custom_fields.is_empty() {
            let fields = self.custom_fields.iter().map(|(key, value)| (key.clone(), text(value)));
            record.push(("custom_fields".to_owned(), Val::Record(fields.collect())));
        }
        Val::Record(record)
    }
}

/// The one `updateOwnBasicInfo` / `users.update` of an account: only what changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountUpdate {
    pub name: Option<String>,
    pub username: Option<String>,
    pub nickname: Option<String>,
    pub bio: Option<String>,
    pub status_text: Option<String>,
    pub email: Option<String>,
    pub roles: Option<Vec<String>>,
    pub active: Option<bool>,
    pub verified: Option<bool>,
    pub require_password_change: Option<bool>,
    /// The whole object once any key changes: the server replaces it.
    pub custom_fields: Option<BTreeMap<String, String>>,
    /// A new password goes with it (given separately, as a secret).
    pub password: bool,
}

impl AccountUpdate {
    /// The update that carries an account's [`Step::Account`] changes; `None` when it has none
    /// (or only a creation, which is sent as a [`NewAccount`]).
    pub fn from_changes<'a>(
        changes: impl IntoIterator<Item = &'a Change>,
        current: &AccountState,
    ) -> Option<Self> {
        let mut update = Self::default();
        let mut any = false;
        for change in changes.into_iter().filter(|change| change.step() == Step::Account) {
            let Some(field) = &change.field else { continue };
            any = true;
            update.set(field, change.action, change.after.as_ref(), current);
        }
        any.then_some(update)
    }

    fn set(&mut self, field: &Field, action: Action, after: Option<&Val>, current: &AccountState) {
        let text = || match after {
            Some(Val::Text(text)) => Some(text.clone()),
            _ => None,
        };
        let flag = || match after {
            Some(Val::Flag(flag)) => Some(*flag),
            _ => None,
        };
        match field {
            Field::Name => self.name = text(),
            Field::Username => self.username = text(),
            Field::Nickname => self.nickname = text(),
            Field::Bio => self.bio = text(),
            Field::StatusText => self.status_text = text(),
            Field::Email => self.email = text(),
            Field::Roles => {
                if let Some(Val::List(roles)) = after {
                    self.roles = Some(roles.clone());
                }
            }
            Field::Active => self.active = flag(),
            Field::Verified => self.verified = flag(),
            Field::RequirePasswordChange => self.require_password_change = flag(),
            Field::Custom(key) => {
                let fields =
                    self.custom_fields.get_or_insert_with(|| current.custom_fields.clone());
                match (action, text()) {
                    (Action::Remove, _) | (_, None) => fields.remove(key),
                    (_, Some(value)) => fields.insert(key.clone(), value),
                };
            }
            Field::Password => self.password = true,
            Field::Presence | Field::Avatar | Field::Token => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan_account;

    #[test]
    fn an_update_carries_only_the_changes_and_the_custom_fields_whole() {
        let current = AccountState {
            username: "jane".into(),
            nickname: "J".into(),
            custom_fields: [("team", "core"), ("floor", "2")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .into(),
            ..AccountState::default()
        };
        let desired = DesiredAccount {
            nickname: Some("JD".into()),
            active: Some(true),
            custom_fields: CustomFields::Merge {
                set: [("desk".to_owned(), "4".to_owned())].into(),
                unset: ["floor".to_owned()].into(),
            },
            ..DesiredAccount::default()
        };
        let plan = plan_account(&Target::User("jane".into()), &desired, Some(&current)).unwrap();
        let update = AccountUpdate::from_changes(&plan.changes, &current).unwrap();
        assert_eq!(update.nickname.as_deref(), Some("JD"));
        assert_eq!(update.active, Some(true));
        assert_eq!((update.name, update.email), (None, None));
        let fields = update.custom_fields.unwrap();
        assert_eq!(
            fields,
            [("desk", "4"), ("team", "core")].map(|(k, v)| (k.to_owned(), v.to_owned())).into()
        );
        assert!(AccountUpdate::from_changes(&[], &current).is_none());
    }
}
