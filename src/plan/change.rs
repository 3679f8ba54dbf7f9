//! The planning engine: one account's desired state against its current state gives a list of
//! typed changes. `diff`, `apply` and the single changing commands all plan here, so there is one
//! diff logic (docs/cli.md#desired-state).

use std::collections::BTreeSet;
use std::fmt;

use super::state::{AccountState, CustomFields, DesiredAccount};
use super::steps::NewAccount;
use crate::fields::{Route, TextField};

/// What a change is for: a server-wide table or an account. The order is the order `apply`
/// sends them in: settings, then permissions (a new account's token step may need one), then
/// the own account, then the others.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// `[settings]`: each change is one setting ([`Field::Setting`]).
    Settings,
    /// `[permissions]`: each change is one permission's roles ([`Field::Permission`]).
    Permissions,
    /// The context's own account.
    Profile,
    /// Another account, by username.
    User(String),
}

impl Target {
    /// Whether the target is an account (the own one or another).
    pub fn is_account(&self) -> bool {
        matches!(self, Self::Profile | Self::User(_))
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Settings => f.write_str("settings"),
            Self::Permissions => f.write_str("permissions"),
            Self::Profile => f.write_str("profile"),
            Self::User(name) => write!(f, "users.{name}"),
        }
    }
}

/// A key of an account in the desired-state file and the plan: the one list of what rocketctl
/// can change about an account. Plain text fields come from `src/fields.rs`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// A rename (the own account); `[[users]]` name their account by it instead.
    Username,
    /// The first e-mail address: compared without regard to case, and verified when it changes.
    Email,
    Text(TextField),
    Roles,
    Active,
    Verified,
    RequirePasswordChange,
    /// One key of `custom_fields`.
    Custom(String),
    Password,
    Presence,
    Avatar,
    Token,
    /// A setting of `[settings]`, by id.
    Setting(String),
    /// A permission of `[permissions]`, by id: the roles that hold it.
    Permission(String),
}

impl Field {
    /// The key as the file writes it (`status_text`, `custom_fields.team`).
    pub fn key(&self) -> String {
        let key = match self {
            Self::Username => "username",
            Self::Email => "email",
            Self::Text(field) => field.key(),
            Self::Roles => "roles",
            Self::Active => "active",
            Self::Verified => "verified",
            Self::RequirePasswordChange => "require_password_change",
            Self::Custom(key) => return format!("custom_fields.{key}"),
            Self::Setting(id) | Self::Permission(id) => return id.clone(),
            Self::Password => "password",
            Self::Presence => "presence",
            Self::Avatar => "avatar",
            Self::Token => "token",
        };
        key.to_owned()
    }

    /// How a summary names it ("status text", "custom field team").
    pub fn label(&self) -> String {
        match self {
            Self::Text(field) => field.label().to_owned(),
            Self::Custom(key) => format!("custom field {key}"),
            Self::Setting(id) | Self::Permission(id) => id.clone(),
            other => other.key().replace('_', " "),
        }
    }

    /// The request that carries a change of this field.
    pub fn step(&self) -> Step {
        match self {
            Self::Text(field) if field.route() != Route::Profile => Step::Route(field.route()),
            Self::Presence => Step::Presence,
            Self::Avatar => Step::Avatar,
            Self::Token => Step::Token,
            Self::Setting(_) | Self::Permission(_) => Step::Server,
            _ => Step::Account,
        }
    }
}

/// The requests of one account, in the order `apply` sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// A setting's or a permission's own request (server-wide tables, not an account).
    Server,
    /// The account's creation, or its one `updateOwnBasicInfo` / `users.update`.
    Account,
    /// The request of the text fields that have a route of their own (`src/fields.rs`).
    Route(Route),
    Presence,
    Avatar,
    Token,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Add,
    Remove,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Add => "add",
            Self::Remove => "remove",
        }
    }
}

/// A value before or after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    Text(String),
    Flag(bool),
    List(Vec<String>),
    /// The fields of an account being created, in the file's order.
    Record(Vec<(String, Self)>),
    /// A setting's value, whatever JSON it is.
    Json(serde_json::Value),
    /// A secret: shown as `(sensitive)`, never as itself.
    Sensitive,
}

/// One change to one account. `field` is `None` for the account's creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub target: Target,
    pub field: Option<Field>,
    pub action: Action,
    pub before: Option<Val>,
    pub after: Option<Val>,
}

impl Change {
    pub fn step(&self) -> Step {
        self.field.as_ref().map_or(Step::Account, Field::step)
    }
}

/// One account's changes, and what could not be planned but deserves a word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountPlan {
    pub changes: Vec<Change>,
    pub notices: Vec<String>,
}

/// A desired state that cannot be planned: exit 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PlanError(pub String);

/// Plan one account. `current` is `None` for an account that does not exist: it is created.
pub fn plan_account(
    target: &Target,
    desired: &DesiredAccount,
    current: Option<&AccountState>,
) -> Result<AccountPlan, PlanError> {
    let mut planner = Planner { target, plan: AccountPlan::default() };
    match current {
        Some(current) => planner.update(desired, current),
        None => planner.create(desired)?,
    }
    Ok(planner.plan)
}

struct Planner<'a> {
    target: &'a Target,
    plan: AccountPlan,
}

impl Planner<'_> {
    fn push(&mut self, field: Field, action: Action, before: Option<Val>, after: Option<Val>) {
        let target = self.target.clone();
        self.plan.changes.push(Change { target, field: Some(field), action, before, after });
    }

    fn update(&mut self, desired: &DesiredAccount, current: &AccountState) {
        // Addresses differ only in case: the server stores them lowercase.
        self.text(
            Field::Email,
            desired.email.as_deref(),
            &current.email,
            str::eq_ignore_ascii_case,
        );
        self.text(Field::Username, desired.username.as_deref(), &current.username, |a, b| a == b);
        for (field, wanted) in desired.texts.iter() {
            let now = current.texts.get(field);
            self.text(Field::Text(field), wanted.as_deref(), now, |a, b| a == b);
        }
        if let Some(roles) = &desired.roles
            && role_set(roles) != role_set(&current.roles)
        {
            let (before, after) = (Val::List(current.roles.clone()), Val::List(roles.clone()));
            self.push(Field::Roles, Action::Update, Some(before), Some(after));
        }
        let flags = [
            (Field::Active, desired.active, current.active),
            (Field::Verified, desired.verified, current.verified),
            (
                Field::RequirePasswordChange,
                desired.require_password_change,
                current.require_password_change,
            ),
        ];
        for (field, wanted, now) in flags {
            if let Some(wanted) = wanted.filter(|wanted| *wanted != now) {
                self.push(field, Action::Update, Some(Val::Flag(now)), Some(Val::Flag(wanted)));
            }
        }
        self.custom_fields(&desired.custom_fields, current);
        if desired.new_password {
            self.push(Field::Password, Action::Update, Some(Val::Sensitive), Some(Val::Sensitive));
        }
        self.follow_ups(desired, current);
    }

    fn text(
        &mut self,
        field: Field,
        wanted: Option<&str>,
        now: &str,
        same: fn(&str, &str) -> bool,
    ) {
        // The server trims what it stores, so `" x "` is already there when `x` is.
        if let Some(wanted) = wanted.filter(|wanted| !same(wanted.trim(), now)) {
            let (before, after) = (Val::Text(now.to_owned()), Val::Text(wanted.to_owned()));
            self.push(field, Action::Update, Some(before), Some(after));
        }
    }

    /// `Exactly` removes the keys it does not name; `Merge` touches only the keys it names. The
    /// server ignores an empty object, so removing every custom field cannot be planned: that
    /// is a notice instead of a change.
    fn custom_fields(&mut self, wanted: &CustomFields, current: &AccountState) {
        let now = &current.custom_fields;
        let (set, unset): (Vec<(&String, &String)>, Vec<&String>) = match wanted {
            CustomFields::Keep => return,
            CustomFields::Exactly(fields) => (
                fields.iter().collect(),
                now.keys().filter(|key| !fields.contains_key(*key)).collect(),
            ),
            CustomFields::Merge { set, unset } => (set.iter().collect(), unset.iter().collect()),
        };
        let removes_all =
            set.is_empty() && !now.is_empty() && now.keys().all(|key| unset.contains(&key));
        if removes_all {
            let asked = match wanted {
                CustomFields::Exactly(_) => "`custom_fields = {}`",
                _ => "removing every custom field",
            };
            self.plan.notices.push(format!(
                "{}: {asked} cannot be done (the server ignores an empty object); keep at least one field",
                self.target
            ));
            return;
        }
        for (key, value) in set {
            let field = Field::Custom(key.clone());
            let after = Some(Val::Text(value.clone()));
            match now.get(key) {
                // An empty value is no value: nothing to add.
                None if value.is_empty() => {}
                None => self.push(field, Action::Add, None, after),
                Some(old) if old != value => {
                    self.push(field, Action::Update, Some(Val::Text(old.clone())), after);
                }
                Some(_) => {}
            }
        }
        for key in unset {
            if let Some(old) = now.get(key) {
                let before = Some(Val::Text(old.clone()));
                self.push(Field::Custom(key.clone()), Action::Remove, before, None);
            }
        }
    }

    /// Presence and avatar, which have requests of their own.
    fn follow_ups(&mut self, desired: &DesiredAccount, current: &AccountState) {
        if let Some(wanted) = desired.presence
            && current.presence != Some(wanted)
        {
            let before = current.presence.map(|now| Val::Text(now.as_str().to_owned()));
            self.push(
                Field::Presence,
                Action::Update,
                before,
                Some(Val::Text(wanted.as_str().into())),
            );
        }
        if let Some(avatar) = &desired.avatar {
            // A URL's bytes may be unknown here: then it is always sent, the server fetches it.
            let same = avatar.digest.is_some() && avatar.digest == current.avatar_digest;
            if !same {
                let before = current.avatar_digest.as_ref().map(|hex| Val::Text(short_digest(hex)));
                self.push(
                    Field::Avatar,
                    Action::Update,
                    before,
                    Some(Val::Text(avatar.label.clone())),
                );
            }
        }
    }

    /// A new account: one change with every field it is created with (the defaults of
    /// `admin user create` filled in), then presence, avatar and token.
    fn create(&mut self, desired: &DesiredAccount) -> Result<(), PlanError> {
        let account = NewAccount::new(self.target, desired)?;
        self.plan.changes.push(Change {
            target: self.target.clone(),
            field: None,
            action: Action::Create,
            before: None,
            after: Some(account.record()),
        });
        // Fields with a route of their own follow the creation, each a change of its own.
        let own_route = desired.texts.given().filter(|(field, _)| field.route() != Route::Profile);
        for (field, value) in own_route {
            self.push(Field::Text(field), Action::Add, None, Some(Val::Text(value.to_owned())));
        }
        self.follow_ups(desired, &AccountState::default());
        if let Some(token) = &desired.token {
            self.push(Field::Token, Action::Add, None, Some(Val::Text(token.name.clone())));
        }
        Ok(())
    }
}

fn role_set(roles: &[String]) -> BTreeSet<&str> {
    roles.iter().map(String::as_str).collect()
}

/// `sha256:` and the first 12 hex digits: enough to tell two images apart in a plan.
fn short_digest(hex: &str) -> String {
    format!("sha256:{}", hex.get(..12).unwrap_or(hex))
}
