//! Carrying out a plan, account by account: per account its steps in order (the one profile
//! request, then those of `steps.rs`), each change ending applied, failed or
//! skipped. The own account goes first and alone (it may prompt); other accounts run in
//! parallel.

use std::io::Write as _;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;

use super::report::Tally;
use super::steps::{self, Whose};
use super::users::{self, Worker};
use super::{Planned, Secrets};
use crate::accounts::change::AccountChange;
use crate::accounts::own;
use crate::accounts::parallel as pool;
use crate::accounts::second_factor::Answers;
use crate::api::{self, ApiError};
use crate::exit::{Exit, Failure};
use crate::output::Output;
use crate::plan::{self, Change, Field, Step, Target};
use crate::secret::Secret;
use crate::settings::Settings;

/// What became of one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fate {
    Applied,
    Failed,
    Skipped,
}

/// One account's changes and what became of them; the error of its first failed step.
pub struct AccountRun {
    pub target: Target,
    pub changes: Vec<(Change, Fate)>,
    pub error: Option<anyhow::Error>,
}

impl AccountRun {
    pub fn new(target: Target) -> Self {
        Self { target, changes: Vec::new(), error: None }
    }

    /// Record a step's changes as applied, or as failed with the step's error (the first error
    /// of the account is the one it reports). A failed step may still have made some of its
    /// changes (the server saves fields one by one, or the answer was lost): `still_planned`
    /// re-reads the account and plans again, and what is no longer planned was applied.
    pub fn step(
        &mut self,
        changes: Vec<Change>,
        outcome: anyhow::Result<()>,
        still_planned: impl FnOnce() -> Option<Vec<Change>>,
    ) {
        let Err(err) = outcome else {
            self.changes.extend(changes.into_iter().map(|change| (change, Fate::Applied)));
            return;
        };
        let unknown = err
            .chain()
            .any(|cause| cause.downcast_ref::<ApiError>().is_some_and(ApiError::outcome_unknown));
        let pending = still_planned();
        let done = |change: &Change| {
            pending
                .as_ref()
                .is_some_and(|pending| !pending.iter().any(|left| left.field == change.field))
        };
        let all_done = changes.iter().all(done);
        let fates: Vec<Fate> =
            changes.iter().map(|c| if done(c) { Fate::Applied } else { Fate::Failed }).collect();
        self.changes.extend(changes.into_iter().zip(fates));
        match (unknown, &pending) {
            // The answer was lost, not the change.
            (true, Some(_)) if all_done => {}
            (true, None) => {
                let message = format!(
                    "{}: the server may or may not have applied the change ({err}); re-reading failed",
                    self.target
                );
                self.error.get_or_insert(Failure::new(Exit::OutcomeUnknown, message).into());
            }
            _ => {
                self.error.get_or_insert(err);
            }
        }
    }

    pub fn skip(&mut self, change: Change) {
        self.changes.push((change, Fate::Skipped));
    }

    pub fn failed(&self) -> bool {
        self.error.is_some()
    }
}

/// The server-wide tables first, then every account of the plan, each told as it finishes and counted into the report's tally
/// (no account is kept once it is told: memory follows the plan, not the results).
pub fn carry_out(
    settings: &Settings,
    planned: &Planned,
    secrets: &Secrets,
    parallel: usize,
) -> Tally {
    let accounts = accounts(&planned.plan);
    let tally = Mutex::new(Tally::new(settings.out.is_json(), planned.read.unchanged));
    let count = |place: usize, run: AccountRun| {
        tally.lock().unwrap_or_else(PoisonError::into_inner).add(place, run);
    };
    let (tables, accounts): (Vec<_>, Vec<_>) =
        accounts.into_iter().enumerate().partition(|(_, (target, _))| !target.is_account());
    for (place, (target, range)) in tables {
        let changes = planned.plan.changes[range].to_vec();
        let run = super::tables::carry_out(settings, planned, target, changes, secrets);
        tell(&settings.out, &run);
        count(place, run);
    }
    let (own, others): (Vec<_>, Vec<_>) =
        accounts.into_iter().partition(|(_, (target, _))| **target == Target::Profile);
    for (place, (_, range)) in own {
        let changes = planned.plan.changes[range].to_vec();
        let run = own_account(settings, planned, changes, secrets);
        tell(&settings.out, &run);
        count(place, run);
    }
    let out = &settings.out;
    let worker = Worker { out, planned, secrets };
    let bar = settings.out.progress_bar(others.len() as u64);
    let work = |(place, (target, range)): &(usize, (&Target, Range<usize>))| {
        let Target::User(name) = target else { return };
        let run = users::account(&worker, name, planned.plan.changes[range.clone()].to_vec());
        bar.suspend(|| tell(out, &run));
        count(*place, run);
        bar.inc(1);
    };
    pool::run(&others, parallel, work, |()| {});
    bar.finish_and_clear();
    tally.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// Each account of the plan with the range of its changes (a plan lists an account's changes
/// together), in plan order.
fn accounts(plan: &plan::Plan) -> Vec<(&Target, Range<usize>)> {
    let mut start = 0;
    let mut accounts = Vec::new();
    for target in plan.targets() {
        let end = start + plan.changes[start..].iter().take_while(|c| c.target == *target).count();
        accounts.push((target, start..end));
        start = end;
    }
    accounts
}

/// The own account: its profile fields in one `updateOwnBasicInfo`, as `profile update` sends
/// them, then preferences, presence and avatar.
fn own_account(
    settings: &Settings,
    planned: &Planned,
    changes: Vec<Change>,
    secrets: &Secrets,
) -> AccountRun {
    let mut run = AccountRun::new(Target::Profile);
    let (account, rest): (Vec<Change>, Vec<Change>) =
        changes.into_iter().partition(|change| change.step() == Step::Account);
    let desired = planned.desired.profile.clone().unwrap_or_default();
    if !account.is_empty() {
        let me = planned.read.me.clone().unwrap_or_default();
        let change =
            AccountChange::from_changes(Target::Profile, account.clone(), desired.clone(), &me);
        let password = secrets.own_password.as_ref().map(Secret::duplicate);
        let code = secrets.code.as_ref().map(Secret::duplicate);
        let mut answers = Answers::given(&settings.out, password, code)
            .prompting(settings.can_prompt)
            .for_account(own::account(&planned.client, &me));
        let outcome =
            own::apply(settings, &planned.client, &change, &me, &mut answers, &planned.target);
        run.step(account, outcome.map(drop), || own_still_planned(planned));
    }
    for (step, changes) in steps::by_step(rest) {
        let client = &planned.client;
        let outcome =
            steps::run(client, &settings.out, &Whose::Own, step, &changes, &desired, secrets);
        run.step(changes, outcome, || None);
    }
    run
}

/// The own account's changes still planned after a re-read; `None` when it cannot be read.
fn own_still_planned(planned: &Planned) -> Option<Vec<Change>> {
    let me = api::me(&planned.client).ok()?;
    let desired = planned.desired.profile.as_ref()?;
    let state = plan::AccountState::from(&me);
    plan::plan_account(&Target::Profile, desired, Some(&state)).ok().map(|plan| plan.changes)
}

/// The line of an account (or a server table) once it is done.
pub fn tell(out: &Output, run: &AccountRun) {
    let line = match &run.error {
        Some(err) => format!("failed {}: {err}", run.target),
        None => {
            let fields: Vec<String> = run
                .changes
                .iter()
                .map(|(change, _)| {
                    change.field.as_ref().map_or_else(|| "created".into(), Field::key)
                })
                .collect();
            format!("applied {}: {}", run.target, fields.join(", "))
        }
    };
    let _ = writeln!(out.status(), "{line}");
}
