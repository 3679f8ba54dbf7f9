//! Reading what the server has now, for the accounts a desired state names, into the planning
//! engine's typed state.

use std::collections::BTreeMap;

use anyhow::Result;

use super::pool;
use crate::api::{self, Client, User};
use crate::plan::convert::sha256_hex;
use crate::plan::state::Presence;
use crate::plan::{AccountState, Current, Desired};

/// The current state, and the records it was read from (the own record's second factor decides
/// how an e-mail change is verified; another account's id is where its changes go).
pub struct Read {
    pub current: Current,
    pub me: Option<User>,
    /// The records of the users that exist, by username.
    pub users: BTreeMap<String, User>,
}

/// The records of the users `names` names, `parallel` at a time; a missing one does not exist.
pub fn users(client: &Client, names: &[String], parallel: usize) -> Result<BTreeMap<String, User>> {
    let found = pool::run(names, parallel, |name| api::user_info(client, name), |_| {});
    let mut users = BTreeMap::new();
    for (name, record) in names.iter().zip(found) {
        if let Some(user) = record? {
            users.insert(name.clone(), user);
        }
    }
    Ok(users)
}

/// Everything `desired` speaks of (users `parallel` at a time): presence and avatar only when
/// the file names them.
pub fn read(client: &Client, desired: &Desired, parallel: usize) -> Result<Read> {
    let names: Vec<String> = desired.users.iter().map(|(name, _)| name.clone()).collect();
    let users = users(client, &names, parallel)?;
    let mut states: BTreeMap<String, AccountState> =
        users.iter().map(|(name, user)| (name.clone(), AccountState::from(user))).collect();
    // The avatars the file names, compared by the bytes the server serves.
    let with_avatar: Vec<&String> = desired
        .users
        .iter()
        .filter(|(name, wanted)| wanted.avatar.is_some() && states.contains_key(name))
        .map(|(name, _)| name)
        .collect();
    let digests = pool::run(&with_avatar, parallel, |name| avatar_digest(client, name), |_| {});
    for (name, digest) in with_avatar.into_iter().zip(digests) {
        if let Some(state) = states.get_mut(name) {
            state.avatar_digest = digest;
        }
    }
    let Some(profile) = &desired.profile else {
        let current = Current { users: states, ..Current::default() };
        return Ok(Read { current, me: None, users });
    };
    let me = api::me(client)?;
    let mut own = AccountState::from(&me);
    if profile.presence.is_some() {
        own.presence = presence(client)?;
    }
    if profile.avatar.is_some() {
        own.avatar_digest = avatar_digest(client, &own.username);
    }
    let current = Current { profile: Some(own), users: states, ..Current::default() };
    Ok(Read { current, me: Some(me), users })
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
