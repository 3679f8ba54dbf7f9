//! Reading what the server has now, for the accounts a desired state names, into the planning
//! engine's typed state.

use anyhow::Result;
use serde_json::Value;

use crate::api::{self, Client};
use crate::plan::{Current, Desired};

/// The current state, and the own record as the server sent it (its second factor decides how
/// an e-mail change is verified).
pub struct Read {
    pub current: Current,
    pub me: Option<Value>,
}

/// Everything `desired` speaks of.
pub fn read(client: &Client, desired: &Desired) -> Result<Read> {
    let me = desired.profile.as_ref().map(|_| api::me(client)).transpose()?;
    let profile = me.as_ref().map(|me| api::account_fields(me).into());
    Ok(Read { current: Current { profile, ..Current::default() }, me })
}
