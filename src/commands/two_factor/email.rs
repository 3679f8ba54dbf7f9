//! `2fa email enable | disable`: codes by e-mail for the own account. Turning them on needs
//! every address verified (checked before anything is sent; the server refuses too); turning
//! them off is two-factor protected without "remember me".

use std::io::Write as _;

use anyhow::Result;

use super::{Changed, answers, explain, nothing_to_change, print_changed};
use crate::accounts::second_factor::{Sent, given_code};
use crate::accounts::two_factor::OwnTwoFactor;
use crate::cli::CurrentPasswordArgs;
use crate::commands::logged_in_client;
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

pub fn enable(settings: &Settings) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let own = OwnTwoFactor::new(&client);
    let (factors, server) = own.factors()?;
    let after = Changed { changed: false, email: Some(true), totp: None };
    if factors.email {
        return nothing_to_change(settings, "codes by e-mail are already on", after);
    }
    if !factors.emails_verified {
        return Err(Failure::new(
            Exit::Refused,
            "codes by e-mail need every address of the account verified; nothing was changed",
        )
        .hint("verify the address from the server's confirmation e-mail (`rocketctl profile show` lists the addresses)")
        .into());
    }
    if server.enabled == Some(false) || server.email == Some(false) {
        settings.out.warn(
            "the server has codes by e-mail turned off (Accounts_TwoFactorAuthentication_Enabled or \
             _By_Email_Enabled): your choice is kept, and used once an administrator turns them on",
        );
    }
    own.enable_email().map_err(explain)?;
    writeln!(settings.out.status(), "Turned on two-factor codes by e-mail")?;
    writeln!(
        settings.out.note(),
        "the server may have logged out this account's other sessions (personal access tokens stay)"
    )?;
    print_changed(settings, Changed { changed: true, ..after })
}

pub fn disable(
    settings: &Settings,
    password: CurrentPasswordArgs,
    code: Option<String>,
) -> Result<()> {
    let code = given_code(code)?;
    let (client, _) = logged_in_client(settings)?;
    let own = OwnTwoFactor::new(&client);
    let after = Changed { changed: false, email: Some(false), totp: None };
    if !own.factors()?.0.email {
        return nothing_to_change(settings, "codes by e-mail are already off", after);
    }
    let mut answers = answers(settings, password, code)?;
    match own.disable_email(&mut answers)? {
        Sent::Done(()) => {
            writeln!(settings.out.status(), "Turned off two-factor codes by e-mail")?;
            print_changed(settings, Changed { changed: true, ..after })
        }
        Sent::Refused(err) => Err(explain(err)),
    }
}
