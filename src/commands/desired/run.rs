//! Carrying out a plan, account by account: per account its steps in order (the one profile
//! request, then presence, avatar, token), each change ending applied, failed or skipped.

use std::io::Write as _;

use serde::Serialize;

use super::Planned;
use super::profile::{self, SecretSources};
use crate::api::{self, NewAvatar, SetStatus};
use crate::plan::change::AccountPlan;
use crate::plan::state::AvatarTarget;
use crate::plan::{self, Change, Field, Step, Target};
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
    fn new(target: Target) -> Self {
        Self { target, changes: Vec::new(), error: None }
    }

    /// Record a step's changes as applied, or as failed with the step's error (the first error
    /// of the account is the one it reports). A failed step may still have made some of its
    /// changes (the server saves fields one by one): `still_planned` re-reads the account and
    /// plans again, and what is no longer planned was applied.
    fn step(
        &mut self,
        changes: Vec<Change>,
        outcome: anyhow::Result<()>,
        still_planned: impl FnOnce() -> Option<Vec<Change>>,
    ) {
        let Err(err) = outcome else {
            self.changes.extend(changes.into_iter().map(|change| (change, Fate::Applied)));
            return;
        };
        self.error.get_or_insert(err);
        let pending = still_planned();
        for change in changes {
            let done = pending
                .as_ref()
                .is_some_and(|pending| !pending.iter().any(|left| left.field == change.field));
            self.changes.push((change, if done { Fate::Applied } else { Fate::Failed }));
        }
    }

    pub fn failed(&self) -> bool {
        self.error.is_some()
    }
}

/// Every account of the plan. The own account goes first and alone: it may ask for a password
/// or a code on the terminal.
pub fn carry_out(
    settings: &Settings,
    planned: &Planned,
    inputs: &mut SecretSources,
    _parallel: usize,
) -> Vec<AccountRun> {
    let mut runs = Vec::new();
    for target in planned.plan.targets() {
        let changes: Vec<Change> = planned.plan.for_target(target).cloned().collect();
        let run = match target {
            Target::Profile => own_account(settings, planned, changes, inputs),
            Target::User(_) => unreachable!("`[[users]]` is refused before planning"),
        };
        tell(settings, &run);
        runs.push(run);
    }
    runs
}

/// The own account: its profile fields in one `updateOwnBasicInfo`, as `profile update` sends
/// them.
fn own_account(
    settings: &Settings,
    planned: &Planned,
    changes: Vec<Change>,
    inputs: &mut SecretSources,
) -> AccountRun {
    let mut run = AccountRun::new(Target::Profile);
    let (account, rest): (Vec<Change>, Vec<Change>) =
        changes.into_iter().partition(|change| change.step() == Step::Account);
    if !account.is_empty() {
        let me = planned.read.me.as_ref().expect("the own record is read with a [profile]");
        let engine = AccountPlan { changes: account.clone(), notices: Vec::new() };
        let outcome = profile::apply_own(settings, &planned.client, engine, me, inputs);
        run.step(account, outcome.map(drop), || own_still_planned(planned));
    }
    for change in rest {
        let outcome = own_follow_up(planned, &change);
        run.step(vec![change], outcome, || own_still_planned(planned));
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
fn tell(settings: &Settings, run: &AccountRun) {
    let line = match &run.error {
        Some(err) => format!("failed {}: {err}", run.target),
        None => {
            let fields: Vec<String> = run
                .changes
                .iter()
                .map(|(change, _)| {
                    change.field.as_ref().map_or_else(|| "created".into(), |f| f.key())
                })
                .collect();
            format!("applied {}: {}", run.target, fields.join(", "))
        }
    };
    let _ = writeln!(settings.out.status(), "{line}");
}
