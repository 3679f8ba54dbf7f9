//! Reading what the server has now, for the accounts a desired state names, into the planning
//! engine's typed state, and planning it account by account as it is read. Other accounts are
//! read as a fleet (`accounts::fleet`: `users.list` pages where their fields suffice); an
//! account with nothing to change is counted and let go, so memory follows the plan, not the
//! fleet.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use anyhow::Result;

use crate::accounts::fleet::{self, Wanted};
use crate::accounts::parallel;
use crate::api::{self, Client, PageLimits, User};
use crate::exit::Failure;
use crate::plan::change::AccountPlan;
use crate::plan::convert::sha256_hex;
use crate::plan::plan_account;
use crate::plan::state::Presence;
use crate::plan::{AccountState, Current, Desired, DesiredAccount, Plan, PlanError, Target};

/// What was read for the accounts that have changes (the own record's second factor decides how
/// an e-mail change is verified; another account's id is where its changes go).
pub struct Read {
    /// The own account, and each other account that has changes and exists.
    pub current: Current,
    pub me: Option<User>,
    /// The records of the other accounts that have changes and exist, by username.
    pub users: BTreeMap<String, User>,
    /// Accounts the file names that need no change (the own one included).
    pub unchanged: usize,
}

/// The records of the users `names` names, `parallel` at a time; a missing one does not exist.
pub fn users(client: &Client, names: &[String], parallel: usize) -> Result<BTreeMap<String, User>> {
    let found = parallel::run(names, parallel, |name| api::user_info(client, name), |_| {});
    let mut users = BTreeMap::new();
    for (name, record) in names.iter().zip(found) {
        if let Some(user) = record? {
            users.insert(name.clone(), user);
        }
    }
    Ok(users)
}

/// Read everything `desired` speaks of (other accounts `parallel` at a time; presence and
/// avatar only when the file names them) and plan it; `me` is the caller's record when the
/// checks read it already. A plan that cannot be made is exit 2.
pub fn read_and_plan(
    client: &Client,
    desired: &Desired,
    me: Option<User>,
    parallel: usize,
    limits: PageLimits,
) -> Result<(Read, Plan)> {
    let usage = |err: PlanError| Failure::usage(err.to_string());
    let mut read =
        Read { current: Current::default(), me: None, users: BTreeMap::new(), unchanged: 0 };
    let mut plan = Plan::default();
    if let Some(profile) = &desired.profile {
        // The checks may have read the caller's record already.
        let me = match me {
            Some(me) => me,
            None => api::me(client)?,
        };
        let mut own = AccountState::from(&me);
        if profile.presence.is_some() {
            own.presence = presence(client)?;
        }
        if profile.avatar.is_some() {
            own.avatar_digest = avatar_digest(client, &own.username);
        }
        let account = plan_account(&Target::Profile, profile, Some(&own)).map_err(usage)?;
        read.unchanged += usize::from(account.changes.is_empty());
        add(&mut plan, account);
        (read.current.profile, read.me) = (Some(own), Some(me));
    }
    let users = users_planned(client, desired, parallel, limits)?;
    read.unchanged += users.unchanged;
    if let Some((_, err)) = users.error {
        return Err(usage(err).into());
    }
    for (_, account) in users.plans {
        add(&mut plan, account);
    }
    read.current.users = users.states;
    read.users = users.records;
    Ok((read, plan))
}

fn add(plan: &mut Plan, account: AccountPlan) {
    plan.changes.extend(account.changes);
    plan.notices.extend(account.notices);
}

/// The `[[users]]` accounts, read and planned.
#[derive(Default)]
struct UsersPlanned {
    /// By the entry's place in the file: the plans with changes or notices.
    plans: BTreeMap<usize, AccountPlan>,
    states: BTreeMap<String, AccountState>,
    records: BTreeMap<String, User>,
    unchanged: usize,
    /// The first entry (in file order) that could not be planned.
    error: Option<(usize, PlanError)>,
    /// Accounts whose avatar is still to be read before they are planned.
    avatars: Vec<(usize, AccountState, User)>,
}

impl UsersPlanned {
    /// Plan one account as it was read; keep it only when there is something to do or say.
    fn plan(
        &mut self,
        index: usize,
        name: &str,
        wanted: &DesiredAccount,
        read: Option<(AccountState, User)>,
    ) {
        let target = Target::User(name.to_owned());
        match plan_account(&target, wanted, read.as_ref().map(|(state, _)| state)) {
            Ok(account) => {
                if account.changes.is_empty() {
                    self.unchanged += 1;
                    if account.notices.is_empty() {
                        return;
                    }
                }
                if let (false, Some((state, user))) = (account.changes.is_empty(), read) {
                    self.states.insert(name.to_owned(), state);
                    self.records.insert(name.to_owned(), user);
                }
                self.plans.insert(index, account);
            }
            Err(err) => {
                if self.error.as_ref().is_none_or(|(first, _)| index < *first) {
                    self.error = Some((index, err));
                }
            }
        }
    }
}

/// Read the other accounts as a fleet and plan each as it comes; those with an avatar in the
/// file are planned once the digest of the one the server serves is read too.
fn users_planned(
    client: &Client,
    desired: &Desired,
    parallel: usize,
    limits: PageLimits,
) -> Result<UsersPlanned> {
    let wanted: Vec<Wanted<'_>> = desired
        .users
        .iter()
        .map(|(name, account)| Wanted { username: name, listed: fleet::list_is_enough(account) })
        .collect();
    let planned = Mutex::new(UsersPlanned::default());
    fleet::read(client, &wanted, parallel, limits, |index, record| {
        let (name, account) = &desired.users[index];
        let read = record.map(|user| (AccountState::from(&user), user));
        let mut planned = planned.lock().unwrap_or_else(PoisonError::into_inner);
        match read {
            Some((state, user)) if account.avatar.is_some() => {
                planned.avatars.push((index, state, user));
            }
            read => planned.plan(index, name, account, read),
        }
    })?;
    let mut planned = planned.into_inner().unwrap_or_else(PoisonError::into_inner);
    let avatars = std::mem::take(&mut planned.avatars);
    let digests = parallel::run(
        &avatars,
        parallel,
        |(_, state, _)| avatar_digest(client, &state.username),
        |_| {},
    );
    for ((index, mut state, user), digest) in avatars.into_iter().zip(digests) {
        state.avatar_digest = digest;
        let (name, account) = &desired.users[index];
        planned.plan(index, name, account, Some((state, user)));
    }
    Ok(planned)
}

/// The own account for `export`: the record and the presence.
pub fn own_for_export(client: &Client, me: &User) -> Result<AccountState> {
    let mut own = AccountState::from(me);
    own.presence = presence(client)?;
    Ok(own)
}

/// `users.getStatus`; a state the file cannot name is none of the four.
fn presence(client: &Client) -> Result<Option<Presence>> {
    let status = api::get_status(client)?.status;
    Ok(serde_json::from_value(serde_json::Value::String(status)).ok())
}

/// The digest of the avatar the server serves now; not knowing it only means it is sent.
fn avatar_digest(client: &Client, username: &str) -> Option<String> {
    api::current_avatar(client, username).ok().map(|(_, bytes)| sha256_hex(&bytes))
}
