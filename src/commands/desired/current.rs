//! Reading what the server has now, for the accounts a desired state names, into the planning
//! engine's typed state.

use anyhow::Result;

use crate::api::{self, AccountFields, Client};
use crate::plan::{AccountState, Current, Desired};

/// The engine's view of a user record's fields.
pub fn state(fields: AccountFields) -> AccountState {
    AccountState {
        username: fields.username,
        name: fields.name,
        email: fields.email,
        nickname: fields.nickname,
        bio: fields.bio,
        status_text: fields.status_text,
        roles: fields.roles,
        active: fields.active,
        verified: fields.verified,
        require_password_change: fields.require_password_change,
        custom_fields: fields.custom_fields,
        ..AccountState::default()
    }
}

/// The own account (`/me`).
pub fn own(client: &Client) -> Result<AccountState> {
    Ok(state(api::account_fields(&api::me(client)?)))
}

/// Everything `desired` speaks of.
pub fn read(client: &Client, desired: &Desired) -> Result<Current> {
    let profile = desired.profile.as_ref().map(|_| own(client)).transpose()?;
    Ok(Current { profile, ..Current::default() })
}
