//! From the engine's changes of one account to the one profile request that makes them
//! (`users.updateOwnBasicInfo` for one's own account, `users.update` for another), and back:
//! after a change, the account re-read and planned again says which changes the server made
//! (what is still planned, it did not).

use serde_json::{Map, Value};

use crate::accounts::custom_fields;
use crate::accounts::second_factor::Proof;
use crate::api::{BasicInfo, ProfileTexts, UpdateOwnBasicInfo, User, UserData, UserUpdate};
use crate::plan::steps::AccountUpdate;
use crate::plan::{AccountState, Change, DesiredAccount, Field, Step, Target, plan_account};
use crate::secret::Secret;

/// One account's profile request, planned: what it carries.
#[derive(Debug)]
pub struct AccountChange {
    target: Target,
    /// The engine's changes the request makes ([`Step::Account`] only).
    pub changes: Vec<Change>,
    /// What cannot be planned (removing every custom field), to tell the user.
    pub notices: Vec<String>,
    /// What was asked for: planned again against a re-read to see what the server made.
    desired: DesiredAccount,
    update: AccountUpdate,
    /// The whole object once any key changes (older servers replace it with what is sent).
    custom_fields: Option<Map<String, Value>>,
}

impl AccountChange {
    /// Plan `desired` against the account's record.
    pub fn plan(target: Target, desired: DesiredAccount, current: &User) -> Self {
        let state = AccountState::from(current);
        // The account exists, so planning cannot fail for want of a name and an e-mail.
        let plan = plan_account(&target, &desired, Some(&state)).unwrap_or_default();
        let mut change = Self::from_changes(target, plan.changes, desired, current);
        change.notices = plan.notices;
        change
    }

    /// The profile request of changes planned elsewhere (`apply`).
    pub fn from_changes(
        target: Target,
        changes: Vec<Change>,
        desired: DesiredAccount,
        current: &User,
    ) -> Self {
        let changes: Vec<Change> =
            changes.into_iter().filter(|change| change.step() == Step::Account).collect();
        let state = AccountState::from(current);
        let update = AccountUpdate::from_changes(&changes, &state).unwrap_or_default();
        let custom_fields = custom_fields::body(current, &changes);
        Self { target, changes, notices: Vec::new(), desired, update, custom_fields }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn changes_email(&self) -> bool {
        self.update.email.is_some()
    }

    pub fn changes_password(&self) -> bool {
        self.update.password
    }

    /// Whether this change needs the current password or a second factor.
    pub fn needs_verification(&self) -> bool {
        self.changes_email() || self.changes_password()
    }

    /// The account's new username, when the change renames it.
    pub fn renamed(&self) -> Option<&str> {
        self.update.username.as_deref()
    }

    pub fn changes_username(&self) -> bool {
        self.changes.iter().any(|change| change.field == Some(Field::Username))
    }

    /// Human names of the changes, in order ("email", "nickname", "custom field team").
    pub fn labels(&self) -> Vec<String> {
        self.changes.iter().map(crate::accounts::summary::label).collect()
    }

    /// The body of `users.updateOwnBasicInfo`, with the proof's digest for users without a
    /// second factor and the new password when it changes.
    pub fn own_body<'a>(
        &'a self,
        proof: &'a Proof,
        new_password: Option<&'a Secret>,
    ) -> UpdateOwnBasicInfo<'a> {
        let update = &self.update;
        UpdateOwnBasicInfo {
            data: BasicInfo {
                email: update.email.as_deref(),
                username: update.username.as_deref(),
                texts: ProfileTexts(&update.texts),
                current_password: proof.digest(),
                new_password,
            },
            custom_fields: self.custom_fields.as_ref(),
        }
    }

    /// The body of `users.update` for the user `user_id`, with its new password when it
    /// changes.
    pub fn user_body<'a>(
        &'a self,
        user_id: &'a str,
        password: Option<&'a Secret>,
    ) -> UserUpdate<'a> {
        let update = &self.update;
        let data = UserData {
            email: update.email.as_deref(),
            username: update.username.as_deref(),
            roles: update.roles.as_deref(),
            active: update.active,
            verified: update.verified,
            require_password_change: update.require_password_change,
            custom_fields: self.custom_fields.as_ref(),
            password,
            ..UserData::texts(&update.texts)
        };
        UserUpdate { user_id, data }
    }

    /// The changes a re-read record does not show: planned again against it. The password is
    /// never among them (a record cannot show it).
    pub fn still_planned(&self, record: &User) -> Vec<Change> {
        let state = AccountState::from(record);
        let Ok(plan) = plan_account(&self.target, &self.desired, Some(&state)) else {
            return Vec::new();
        };
        plan.changes
            .into_iter()
            .filter(|left| left.field != Some(Field::Password))
            .filter(|left| self.changes.iter().any(|change| change.field == left.field))
            .collect()
    }

    /// Which changes a re-read record shows, by label, and which it does not.
    pub fn applied(&self, record: &User) -> Applied {
        let left = self.still_planned(record);
        let mut applied = Applied::default();
        for change in self.changes.iter().filter(|c| c.field != Some(Field::Password)) {
            let label = crate::accounts::summary::label(change);
            if left.iter().any(|left| left.field == change.field) {
                applied.missing.push(label);
            } else {
                applied.done.push(label);
            }
        }
        applied
    }
}

/// Which requested changes a re-read record shows, by label. The password is in neither list:
/// a record cannot show it.
#[derive(Debug, Default)]
pub struct Applied {
    pub done: Vec<String>,
    pub missing: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::requested::Requested;
    use crate::fields::{TextField, Texts};
    use serde_json::json;

    fn record() -> User {
        User::from_value(json!({"username": "jane", "name": "Jane",
            "emails": [{"address": "jane@example.com", "verified": true}],
            "customFields": {"team": "core", "floor": "2"}}))
    }

    fn body(change: &AccountChange, proof: &Proof, new: Option<&Secret>) -> Value {
        serde_json::to_value(change.own_body(proof, new)).unwrap()
    }

    fn own(requested: &Requested, record: &User) -> AccountChange {
        AccountChange::plan(Target::Profile, requested.desired(), record)
    }

    #[test]
    fn only_differences_are_planned() {
        let mut texts = Texts::one(TextField::Name, "Jane");
        texts.set(TextField::Nickname, Some("JD".into()));
        let requested =
            Requested { email: Some("JANE@example.com".into()), texts, ..Requested::default() };
        let change = own(&requested, &record());
        assert_eq!(change.labels(), ["nickname"]);
        assert_eq!(body(&change, &Proof::None, None), json!({"data": {"nickname": "JD"}}));
    }

    #[test]
    fn custom_fields_are_merged_and_sent_whole_at_top_level() {
        let requested = Requested {
            set_fields: vec![("team".into(), "infra".into())],
            unset_fields: vec!["floor".into()],
            ..Requested::default()
        };
        let change = own(&requested, &record());
        assert_eq!(change.labels(), ["custom field team", "custom field floor (removed)"]);
        assert_eq!(
            body(&change, &Proof::None, None),
            json!({"data": {}, "customFields": {"team": "infra", "floor": null}})
        );
    }

    #[test]
    fn secrets_go_into_data() {
        let requested = Requested {
            email: Some("new@example.com".into()),
            new_password: true,
            ..Requested::default()
        };
        let change = own(&requested, &record());
        assert!(change.needs_verification());
        let proof = Proof::Digest { digest: Secret::new("digest"), typed: false };
        let body = body(&change, &proof, Some(&Secret::new("new")));
        assert_eq!(
            body["data"],
            json!({"email": "new@example.com", "currentPassword": "digest", "newPassword": "new"})
        );
    }

    #[test]
    fn a_re_read_tells_applied_changes_apart() {
        let requested = Requested {
            texts: Texts::one(TextField::Name, "Janet"),
            set_fields: vec![("team".into(), "x".into())],
            ..Requested::default()
        };
        let change = own(&requested, &record());
        let after = User { name: Some("Janet".into()), ..record() };
        let Applied { done, missing } = change.applied(&after);
        assert_eq!(done, ["name"]);
        assert_eq!(missing, ["custom field team"]);
    }

    #[test]
    fn field_names_with_slash_or_tilde_are_looked_up_as_names() {
        let record = User::from_value(
            json!({"customFields": {"a/b": "x", "c~d": "y", "a": {"b": "nested"}}}),
        );
        let unset =
            Requested { unset_fields: vec!["a/b".into(), "c~d".into()], ..Requested::default() };
        let change = own(&unset, &record);
        assert_eq!(change.labels(), ["custom field a/b (removed)", "custom field c~d (removed)"]);
        let set =
            Requested { set_fields: vec![("a/b".into(), "x".into())], ..Requested::default() };
        assert!(own(&set, &record).is_empty(), "already set");
    }
}
