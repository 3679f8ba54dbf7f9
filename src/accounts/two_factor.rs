//! Two-factor authentication of one's own account: what is on (for the account and on the
//! server), and each change, sent through the second-factor driver (a route may ask for the
//! factor the account already has before it changes one). Which routes TOTP enrolment takes is
//! decided here, once, from the server's version: REST on 8.8 and later, the DDP methods
//! through `method.call` before.

use anyhow::Result;

use super::second_factor::{Answers, Challenge, Sent};
use crate::api::{self, ApiError, Client, Enrolment, ServerSwitches, TotpRoutes};
use crate::secret::Secret;

/// What to run to see where a change stands that may or may not have been made.
const CHECK: &str = "see where it stands with `rocketctl 2fa status`";

/// What `2fa status` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub totp: bool,
    pub email: bool,
    /// Backup codes left; None while TOTP is off (there are none).
    pub backup_codes: Option<u64>,
    pub server: ServerSwitches,
}

/// One's own account on one server, for two-factor changes.
pub struct OwnTwoFactor<'c> {
    client: &'c Client,
    routes: Option<TotpRoutes>,
}

impl<'c> OwnTwoFactor<'c> {
    pub fn new(client: &'c Client) -> Self {
        Self { client, routes: None }
    }

    /// The TOTP routes of this server, asked of `/api/info` the first time they are needed.
    fn routes(&mut self) -> Result<TotpRoutes> {
        if let Some(routes) = self.routes {
            return Ok(routes);
        }
        let routes = TotpRoutes::for_version(api::info(self.client)?.major_minor());
        self.routes = Some(routes);
        Ok(routes)
    }

    /// The account's factors, and the server's switches.
    pub fn factors(&self) -> Result<(api::OwnFactors, ServerSwitches)> {
        Ok((api::own_factors(self.client)?, api::server_switches(self.client)?))
    }

    pub fn status(&mut self) -> Result<Status> {
        let (own, server) = self.factors()?;
        let backup_codes = if own.totp { Some(self.codes_remaining()?) } else { None };
        Ok(Status { totp: own.totp, email: own.email, backup_codes, server })
    }

    pub fn codes_remaining(&mut self) -> Result<u64> {
        let routes = self.routes()?;
        Ok(api::totp_codes_remaining(self.client, routes)?)
    }

    /// Turn e-mailed codes on (the server asks for no second factor).
    pub fn enable_email(&self) -> Result<(), ApiError> {
        let _change = crate::interrupt::changing("the change to e-mailed codes", CHECK);
        api::enable_email(self.client)
    }

    /// Turn e-mailed codes off: the server always asks for a second factor.
    pub fn disable_email(&self, answers: &mut Answers<'_>) -> Result<Sent<()>> {
        let client = self.client;
        Challenge::new(answers).send(|proof| {
            let _change = crate::interrupt::changing("the change to e-mailed codes", CHECK);
            api::disable_email(client, proof.header())
        })
    }

    /// A new TOTP secret (8.8 and later ask for the factor the account has first).
    pub fn begin_totp(&mut self, answers: &mut Answers<'_>) -> Result<Sent<Enrolment>> {
        let (client, routes) = (self.client, self.routes()?);
        Challenge::new(answers).send(|proof| api::totp_begin(client, routes, proof.header()))
    }

    /// Confirm the new secret with a code of it: the backup codes, or None when the server
    /// gave none.
    pub fn confirm_totp(
        &mut self,
        code: &Secret,
        answers: &mut Answers<'_>,
    ) -> Result<Sent<Option<Vec<Secret>>>> {
        let (client, routes) = (self.client, self.routes()?);
        Challenge::new(answers).send(|proof| {
            let _change =
                crate::interrupt::changing("the confirmation of the authenticator", CHECK);
            api::totp_confirm(client, routes, code, proof.header())
        })
    }

    /// Turn TOTP off with a current code (or a backup code): false when it was not taken.
    pub fn disable_totp(&mut self, code: &Secret, answers: &mut Answers<'_>) -> Result<Sent<bool>> {
        let (client, routes) = (self.client, self.routes()?);
        Challenge::new(answers).send(|proof| {
            let _change = crate::interrupt::changing("the removal of the authenticator", CHECK);
            api::totp_disable(client, routes, code, proof.header())
        })
    }

    /// A new set of backup codes for a current code: None when the code was not taken.
    pub fn regenerate_codes(
        &mut self,
        code: &Secret,
        answers: &mut Answers<'_>,
    ) -> Result<Sent<Option<Vec<Secret>>>> {
        let (client, routes) = (self.client, self.routes()?);
        Challenge::new(answers).send(|proof| {
            let _change = crate::interrupt::changing("the request for new backup codes", CHECK);
            api::totp_regenerate(client, routes, code, proof.header())
        })
    }
}
