//! Reading what the server has now, for the accounts a desired state names, into the planning
//! engine's typed state.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::Value;

use super::{pool, users};
use crate::api::{self, Client};
use crate::plan::convert::sha256_hex;
use crate::plan::{AccountState, Current, Desired};

/// The current state, and the own record as the server sent it (its second factor decides how
/// an e-mail change is verified).
pub struct Read {
    pub current: Current,
    pub me: Option<Value>,
    /// The ids of the users that exist, by username.
    pub ids: BTreeMap<String, String>,
}

/// Everything `desired` speaks of (users `parallel` at a time): presence and avatar only when
/// the file names them.
pub fn read(client: &Client, desired: &Desired, parallel: usize) -> Result<Read> {
    let names: Vec<String> = desired.users.iter().map(|(name, _)| name.clone()).collect();
    let (mut users, ids) = users::read(client, &names, parallel)?;
    // The avatars the file names, compared by the bytes the server serves.
    let with_avatar: Vec<&String> = desired
        .users
        .iter()
        .filter(|(name, wanted)| wanted.avatar.is_some() && users.contains_key(name))
        .map(|(name, _)| name)
        .collect();
    let digests = pool::run(&with_avatar, parallel, |name| avatar_digest(client, name), |_| {});
    for (name, digest) in with_avatar.into_iter().zip(digests) {
        if let Some(state) = users.get_mut(name) {
            state.avatar_digest = digest;
        }
    }
    let Some(profile) = &desired.profile else {
        return Ok(Read { current: Current { profile: None, users }, me: None, ids });
    };
    let me = api::me(client)?;
    let mut own = AccountState::from(api::account_fields(&me));
    if profile.presence.is_some() {
        own.presence = presence(client)?;
    }
    if profile.avatar.is_some() {
        own.avatar_digest = avatar_digest(client, &own.username);
    }
    Ok(Read { current: Current { profile: Some(own), users }, me: Some(me), ids })
}

/// The own account for `export`: the record and the presence.
pub fn own_for_export(client: &Client) -> Result<AccountState> {
    let mut own = AccountState::from(api::account_fields(&api::me(client)?));
    own.presence = presence(client)?;
    Ok(own)
}

/// `users.getStatus`; a state the file cannot name is none of the four.
fn presence(client: &Client) -> Result<Option<crate::plan::state::Presence>> {
    let status = api::get_status(client)?.status;
    Ok(serde_json::from_value(Value::String(status)).ok())
}

/// The digest of the avatar the server serves now; not knowing it only means it is sent.
fn avatar_digest(client: &Client, username: &str) -> Option<String> {
    api::current_avatar(client, username).ok().map(|(_, bytes)| sha256_hex(&bytes))
}
