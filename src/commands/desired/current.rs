//! Reading what the server has now, for the accounts a desired state names, into the planning
//! engine's typed state.

use anyhow::Result;

use crate::api::{self, Client};
use crate::plan::{AccountState, Current, Desired};

/// The own account (`/me`).
pub fn own(client: &Client) -> Result<AccountState> {
    Ok(api::account_fields(&api::me(client)?).into())
}

/// Everything `desired` speaks of.
pub fn read(client: &Client, desired: &Desired) -> Result<Current> {
    let profile = desired.profile.as_ref().map(|_| own(client)).transpose()?;
    Ok(Current { profile, ..Current::default() })
}
