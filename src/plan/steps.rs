//! What each step of an account sends, typed and still free of any wire format: the new
//! account of a creation, and the one profile request of an update (custom fields whole, as the
//! server replaces them). `src/api/` turns these into request bodies.

use std::collections::BTreeMap;

use super::change::{Action, Change, Field, PlanError, Step, Target, Val};
use super::file::PasswordSource;
use super::state::{AccountState, CustomFields, DesiredAccount};
use crate::fields::{Route, TextField, Texts};

/// An account to create, with the defaults of `admin user create` filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub username: String,
    pub email: String,
    /// `name` is always set. Those `users.create` does not take follow the creation.
    pub texts: Texts<Option<String>>,
    /// `None`: a random password nobody sees (the file names none).
    pub password: Option<PasswordSource>,
    pub roles: Vec<String>,
    pub active: bool,
    pub verified: bool,
    pub require_password_change: bool,
    pub custom_fields: BTreeMap<String, String>,
}

impl NewAccount {
    pub fn new(target: &Target, desired: &DesiredAccount) -> Result<Self, PlanError> {
        let (Target::User(username), Some(_), Some(email)) =
            (target, desired.texts.get(TextField::Name), &desired.email)
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
            email: email.clone(),
            texts: desired.texts.clone(),
            password: desired.initial_password.as_deref().cloned(),
            roles: desired.roles.clone().unwrap_or_else(|| vec!["user".into()]),
            active: desired.active.unwrap_or(true),
            verified: desired.verified.unwrap_or(false),
            require_password_change: desired.require_password_change.unwrap_or(false),
            custom_fields,
        })
    }

    /// The text fields of the creation itself: those `users.create` takes, and the profile
    /// fields sent in the `users.update` that follows it.
    fn created_texts(&self) -> impl Iterator<Item = (TextField, &str)> {
        self.texts.given().filter(|(field, _)| field.route() == Route::Profile)
    }

    /// The fields set in the `users.update` that follows `users.create`: what it does not take.
    pub fn follow_up_texts(&self) -> Texts<Option<String>> {
        Texts::from_fn(|field| {
            let follows = !field.in_create() && field.route() == Route::Profile;
            self.texts.get(field).clone().filter(|_| follows)
        })
    }

    /// The creation's `after` in a plan, keyed as the file is. The password is a secret.
    pub fn record(&self) -> Val {
        let text = |value: &str| Val::Text(value.to_owned());
        let name = self.texts.get(TextField::Name).as_deref().unwrap_or_default();
        let mut record = vec![
            (TextField::Name.key().to_owned(), text(name)),
            ("email".to_owned(), text(&self.email)),
            ("password".to_owned(), Val::Sensitive),
            ("roles".to_owned(), Val::List(self.roles.clone())),
            ("active".to_owned(), Val::Flag(self.active)),
            ("verified".to_owned(), Val::Flag(self.verified)),
            ("require_password_change".to_owned(), Val::Flag(self.require_password_change)),
        ];
        let rest = self.created_texts().filter(|(field, _)| *field != TextField::Name);
        record.extend(rest.map(|(field, value)| (field.key().to_owned(), text(value))));
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
    pub username: Option<String>,
    pub email: Option<String>,
    pub texts: Texts<Option<String>>,
    pub roles: Option<Vec<String>>,
    pub active: Option<bool>,
    pub verified: Option<bool>,
    pub require_password_change: Option<bool>,
    /// The whole object once any key changes: older servers replace it with what is sent.
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
            Field::Username => self.username = text(),
            Field::Email => self.email = text(),
            Field::Text(field) => self.texts.set(*field, text()),
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
            Field::Presence
            | Field::Avatar
            | Field::Token
            | Field::Setting(_)
            | Field::Permission(_) => {}
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
            texts: Texts::from_fn(|f| {
                if f == TextField::Nickname { "J".into() } else { String::new() }
            }),
            custom_fields: [("team", "core"), ("floor", "2")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .into(),
            ..AccountState::default()
        };
        let desired = DesiredAccount {
            texts: Texts::one(TextField::Nickname, "JD"),
            active: Some(true),
            custom_fields: CustomFields::Merge {
                set: [("desk".to_owned(), "4".to_owned())].into(),
                unset: ["floor".to_owned()].into(),
            },
            ..DesiredAccount::default()
        };
        let plan = plan_account(&Target::User("jane".into()), &desired, Some(&current)).unwrap();
        let update = AccountUpdate::from_changes(&plan.changes, &current).unwrap();
        assert_eq!(update.texts.get(TextField::Nickname).as_deref(), Some("JD"));
        assert_eq!(update.active, Some(true));
        assert_eq!((update.texts.get(TextField::Name), update.email), (&None, None));
        let fields = update.custom_fields.unwrap();
        assert_eq!(
            fields,
            [("desk", "4"), ("team", "core")].map(|(k, v)| (k.to_owned(), v.to_owned())).into()
        );
        assert!(AccountUpdate::from_changes(&[], &current).is_none());
    }
}
