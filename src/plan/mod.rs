//! Desired state against current state (docs/cli.md#desired-state): the desired-state file
//! ([`file`], [`read`]), the typed states ([`state`]), the one planning engine ([`change`]) and
//! the plan's text and JSON ([`render`]). Nothing here speaks HTTP: the commands read the
//! current state through the API and hand it over typed.

pub mod basis;
pub mod change;
pub mod convert;
pub mod file;
mod pieces;
pub mod read;
pub mod render;
pub mod server;
pub mod state;
pub mod steps;
mod toml_text;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

pub use change::{Action, Change, Field, PlanError, Step, Target, Val, plan_account};
pub use state::{AccountState, Current, Desired, DesiredAccount};

/// Every change a desired state needs, account by account (the own account first, then the
/// users in the file's order), and the notices for what cannot be planned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub notices: Vec<String>,
}

impl Plan {
    /// Add `other`'s changes and notices after this plan's.
    pub fn append(&mut self, other: Self) {
        self.changes.extend(other.changes);
        self.notices.extend(other.notices);
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The targets that have changes (server tables and accounts), in plan order.
    pub fn targets(&self) -> Vec<&Target> {
        let mut targets: Vec<&Target> = Vec::new();
        for change in &self.changes {
            if targets.last() != Some(&&change.target) {
                targets.push(&change.target);
            }
        }
        targets
    }

    /// The changes of one account.
    pub fn for_target<'a>(&'a self, target: &'a Target) -> impl Iterator<Item = &'a Change> {
        self.changes.iter().filter(move |change| &change.target == target)
    }
}

/// Plan the server-wide tables `desired` names, settings then permissions; `current` must hold
/// every setting and permission named.
pub fn plan_tables(desired: &Desired, current: &Current) -> Result<Plan, PlanError> {
    let mut plan = Plan::default();
    plan.changes.extend(server::plan_settings(&desired.settings, &current.settings)?);
    plan.changes.extend(server::plan_permissions(&desired.permissions, &current.permissions)?);
    Ok(plan)
}

/// Plan everything `desired` names: settings, permissions, then every account. `current` must
/// hold every setting and permission named, and the own account when the file has a
/// `[profile]`; a user missing from it does not exist and is created. (`diff` and `apply` plan
/// account by account as they read a fleet, with [`plan_account`]; this whole-file form is the
/// one the engine's own tests check.)
#[cfg_attr(not(test), allow(dead_code))]
pub fn plan(desired: &Desired, current: &Current) -> Result<Plan, PlanError> {
    let mut plan = plan_tables(desired, current)?;
    let mut add = |account: change::AccountPlan| {
        plan.changes.extend(account.changes);
        plan.notices.extend(account.notices);
    };
    if let Some(profile) = &desired.profile {
        let Some(own) = &current.profile else {
            return Err(PlanError("the own account was not read".into()));
        };
        add(plan_account(&Target::Profile, profile, Some(own))?);
    }
    for (username, user) in &desired.users {
        let target = Target::User(username.clone());
        add(plan_account(&target, user, current.users.get(username))?);
    }
    Ok(plan)
}
