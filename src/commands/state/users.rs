//! Other accounts (`[[users]]`) in `apply`: created as `admin user create` creates them (then
//! what `users.create` does not take), or changed with one `users.update` of what differs; then
//! the steps of `steps.rs`. Workers never prompt.

use anyhow::Result;

use super::run::AccountRun;
use super::steps::{self, Whose};
use super::{Planned, Secrets};
use crate::accounts::change::AccountChange;
use crate::accounts::second_factor::Answers;
use crate::accounts::users::{self, Creation};
use crate::api::{self, User};
use crate::output::Output;
use crate::plan::steps::NewAccount;
use crate::plan::{self, AccountState, Change, DesiredAccount, Step, Target};
use crate::secret::Secret;

/// What every worker shares. Not the settings: they hold secret inputs that cannot be shared
/// between threads.
pub struct Worker<'a> {
    pub out: &'a Output,
    pub planned: &'a Planned,
    pub secrets: &'a Secrets,
}

impl Worker<'_> {
    /// The administrator's own answers to a challenge: the password and code given, no prompt.
    fn answers(&self) -> Answers<'_> {
        let password = self.secrets.own_password.as_ref().map(Secret::duplicate);
        let code = self.secrets.code.as_ref().map(Secret::duplicate);
        Answers::given(self.out, password, code)
    }
}

/// One user's changes: its creation or its one `users.update`, then the steps of its own.
pub fn account(worker: &Worker<'_>, name: &str, changes: Vec<Change>) -> AccountRun {
    let mut run = AccountRun::new(Target::User(name.to_owned()));
    let Some(wanted) = worker.planned.desired.user(name) else {
        return run;
    };
    let (step, rest): (Vec<Change>, Vec<Change>) =
        changes.into_iter().partition(|change| change.step() == Step::Account);
    let creates = step.iter().any(|change| change.field.is_none());
    let mut user = worker.planned.read.users.get(name).cloned();
    if !step.is_empty() {
        let outcome = if creates {
            create(worker, name, wanted).map(|created| user = Some(created))
        } else {
            update(worker, user.as_ref(), &step, wanted)
        };
        run.step(step, outcome, || still_planned(worker, name, wanted));
    }
    for (step, changes) in steps::by_step(rest) {
        if run.failed() && creates {
            // Nothing to attach the rest to.
            changes.into_iter().for_each(|change| run.skip(change));
            continue;
        }
        let Some(user) = &user else {
            // Not read and not created: nothing to attach the step to.
            changes.into_iter().for_each(|change| run.skip(change));
            continue;
        };
        let client = &worker.planned.client;
        let whose = Whose::Other(user);
        let outcome =
            steps::run(client, worker.out, &whose, step, &changes, wanted, worker.secrets);
        run.step(changes, outcome, || None);
    }
    run
}

/// The user's changes still planned after a re-read; `None` when it cannot be read.
fn still_planned(worker: &Worker<'_>, name: &str, wanted: &DesiredAccount) -> Option<Vec<Change>> {
    let record = api::user_info(&worker.planned.client, name).ok()?;
    let state = record.as_ref().map(AccountState::from);
    let target = Target::User(name.to_owned());
    plan::plan_account(&target, wanted, state.as_ref()).ok().map(|plan| plan.changes)
}

/// `users.create` with the provisioning defaults, then what it does not take.
fn create(worker: &Worker<'_>, name: &str, wanted: &DesiredAccount) -> Result<User> {
    let client = &worker.planned.client;
    let account = NewAccount::new(&Target::User(name.to_owned()), wanted)?;
    let password = &worker.secrets.new_passwords[name];
    let creation = Creation { account: &account, password, join_default_channels: false };
    let user = users::create(client, &creation)?;
    let after = users::follow_up(client, &account, &user, &mut worker.answers())?;
    Ok(after.unwrap_or(user))
}

/// One `users.update` of what differs.
fn update(
    worker: &Worker<'_>,
    user: Option<&User>,
    changes: &[Change],
    wanted: &DesiredAccount,
) -> Result<()> {
    let Some(user) = user else {
        anyhow::bail!("the account was not read");
    };
    let target = Target::User(user.username().to_owned());
    let change = AccountChange::from_changes(target, changes.to_vec(), wanted.clone(), user);
    let body = change.user_body(user.id(), None);
    users::update(&worker.planned.client, user.username(), &body, &mut worker.answers()).map(drop)
}
