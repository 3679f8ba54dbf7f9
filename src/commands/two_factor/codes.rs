//! `2fa backup-codes [--regenerate]`: how many backup codes are left, or a new set for a
//! current code, printed once (one a line on stdout, or `{"changed": true, "codes": [...]}`):
//! that is how a script keeps them, as it keeps a new token.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use super::totp::current_code;
use super::{answers, explain, print_codes};
use crate::accounts::second_factor::{Sent, given_code};
use crate::accounts::two_factor::OwnTwoFactor;
use crate::cli::BackupCodesArgs;
use crate::commands::logged_in_client;
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: BackupCodesArgs) -> Result<()> {
    let code = given_code(args.two_factor.code)?;
    let (client, _) = logged_in_client(settings)?;
    let mut own = OwnTwoFactor::new(&client);
    if !own.factors()?.0.totp {
        return Err(Failure::new(
            Exit::Failure,
            "there are no backup codes: no authenticator app is enrolled",
        )
        .hint("enrol one with `rocketctl 2fa totp enable` (its backup codes come with it)")
        .into());
    }
    if !args.regenerate {
        return remaining(settings, own.codes_remaining()?);
    }
    let code = current_code(settings, code)?;
    let mut answers = answers(settings, args.password, Some(code.duplicate()))?;
    match own.regenerate_codes(&code, &mut answers)? {
        Sent::Done(Some(codes)) => {
            writeln!(
                settings.out.status(),
                "Made {} new backup codes (the old ones no longer work); they are shown only \
                 this once, keep them safe",
                codes.len()
            )?;
            print_codes(settings, &codes, None)
        }
        Sent::Done(None) => Err(Failure::new(
            Exit::VerificationFailed,
            "the two-factor code was rejected; the backup codes are unchanged",
        )
        .into()),
        Sent::Refused(err) => Err(explain(err)),
    }
}

fn remaining(settings: &Settings, count: u64) -> Result<()> {
    #[derive(Serialize)]
    struct Remaining {
        remaining: u64,
    }
    if settings.out.is_json() {
        return settings.out.json(&Remaining { remaining: count });
    }
    let codes = if count == 1 { "backup code" } else { "backup codes" };
    settings.out.text(&format!("{count} {codes} left"))
}
