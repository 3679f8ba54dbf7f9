//! Carrying out a plan, account by account: per account its steps in order (the one profile
//! request, then presence, avatar, token), each change ending applied, failed or skipped.
//! The own account goes first and alone (it may prompt); other accounts run in parallel.

use std::io::Write as _;

use serde::Serialize;

use super::profile::{self, EarlySecrets, SecretSources};
use super::users::{self, Ctx, Secrets};
use super::{Planned, pool};
use crate::api::{self, ApiError, NewAvatar, SetStatus};
use crate::exit::{Exit, Failure};
use crate::output::Output;
use crate::plan::change::AccountPlan;
use crate::plan::state::AvatarTarget;
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

/// Every account of the plan.
pub fn carry_out(
    settings: &Settings,
    planned: &Planned,
    inputs: &mut SecretSources,
    secrets: &Secrets,
    parallel: usize,
) -> Vec<AccountRun> {
    let mut runs = Vec::new();
    let targets = planned.plan.targets();
    if targets.contains(&&Target::Profile) {
        let changes = planned.plan.for_target(&Target::Profile).cloned().collect();
        let run = own_account(settings, planned, changes, inputs, secrets);
        tell(&settings.out, &run);
        runs.push(run);
    }
    let names: Vec<&String> = targets
        .iter()
        .filter_map(|target| match target {
            Target::User(name) => Some(name),
            Target::Profile => None,
        })
        .collect();
    let out = settings.out.clone();
    let ctx = Ctx {
        out: settings.out.clone(),
        client: &planned.client,
        desired: &planned.desired,
        current: &planned.read.current.users,
        ids: &planned.read.ids,
        secrets,
    };
    let bar = settings.out.progress_bar(names.len() as u64);
    let work = |name: &&String| {
        let target = Target::User((*name).clone());
        users::account(&ctx, name, planned.plan.for_target(&target).cloned().collect())
    };
    let done = |run: &AccountRun| {
        bar.suspend(|| tell(&out, run));
        bar.inc(1);
    };
    runs.extend(pool::run(&names, parallel, work, done));
    bar.finish_and_clear();
    runs
}

/// The own account: its profile fields in one `updateOwnBasicInfo`, as `profile update` sends
/// them, then presence and avatar.
fn own_account(
    settings: &Settings,
    planned: &Planned,
    changes: Vec<Change>,
    inputs: &mut SecretSources,
    secrets: &Secrets,
) -> AccountRun {
    let mut run = AccountRun::new(Target::Profile);
    let (account, rest): (Vec<Change>, Vec<Change>) =
        changes.into_iter().partition(|change| change.step() == Step::Account);
    if !account.is_empty() {
        let me = planned.read.me.as_ref().expect("the own record is read with a [profile]");
        let engine = AccountPlan { changes: account.clone(), notices: Vec::new() };
        let current = secrets.own_password.as_ref().map(|p| Secret::new(p.expose().to_owned()));
        let given = EarlySecrets { current, new: None };
        let outcome = profile::apply_own(
            settings,
            &planned.client,
            engine,
            me,
            inputs,
            given,
            &planned.target,
        );
        run.step(account, outcome.map(drop), || own_still_planned(planned));
    }
    for change in rest {
        let outcome = own_follow_up(planned, &change);
        run.step(vec![change], outcome, || None);
    }
    run
}

/// Presence (`users.setStatus`) or avatar (`users.setAvatar`) of the own account.
fn own_follow_up(planned: &Planned, change: &Change) -> anyhow::Result<()> {
    let client = &planned.client;
    let desired = planned.desired.profile.as_ref().expect("a [profile] change has a [profile]");
    match change.field {
        Some(Field::Presence) => {
            let status = desired.presence.map(|presence| presence.as_str().to_owned());
            api::set_status(client, &SetStatus { status, message: None })?;
        }
        Some(Field::Avatar) => {
            let avatar = desired.avatar.as_ref().expect("an avatar change has an avatar");
            let new = match &avatar.source {
                AvatarTarget::File(path) => profile::read_image(path)?,
                AvatarTarget::Url(url) => NewAvatar::Url(url.clone()),
            };
            let request = api::set_avatar_request(new)?;
            api::set_avatar(client, &request).map_err(profile::avatar_refused)?;
        }
        _ => anyhow::bail!("`{}` is not a step of its own", change.line()),
    }
    Ok(())
}

/// The own account's changes still planned after a re-read; `None` when it cannot be read.
fn own_still_planned(planned: &Planned) -> Option<Vec<Change>> {
    let me = api::me(&planned.client).ok()?;
    let desired = planned.desired.profile.as_ref()?;
    let state = api::account_fields(&me).into();
    plan::plan_account(&Target::Profile, desired, Some(&state)).ok().map(|plan| plan.changes)
}

/// The line of an account once it is done.
fn tell(out: &Output, run: &AccountRun) {
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
