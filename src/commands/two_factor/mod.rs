//! `2fa status | email enable|disable | totp enable|disable | backup-codes [--regenerate]`:
//! two-factor authentication of one's own account (docs/cli.md, "Two-factor authentication").
//! A TOTP secret is shown on the terminal only; backup codes are printed once, like a new
//! token: one a line on stdout, or in the JSON.

mod codes;
mod email;
mod qr;
mod status;
mod totp;

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::accounts::second_factor::Answers;
use crate::api::{ApiError, ErrorType};
use crate::cli::{CurrentPasswordArgs, FactorCommand, TotpCommand, TwoFactorCommand};
use crate::exit::{Exit, Failure};
use crate::secret::Secret;
use crate::settings::Settings;

pub fn run(settings: &Settings, command: TwoFactorCommand) -> Result<()> {
    match command {
        TwoFactorCommand::Status => status::show(settings),
        TwoFactorCommand::Email(FactorCommand::Enable(_)) => email::enable(settings),
        TwoFactorCommand::Email(FactorCommand::Disable(args)) => {
            email::disable(settings, args.password, args.two_factor.code)
        }
        TwoFactorCommand::Totp(TotpCommand::Enable(args)) => {
            totp::enable(settings, args.password, args.two_factor.code)
        }
        TwoFactorCommand::Totp(TotpCommand::Disable(args)) => {
            totp::disable(settings, args.password, args.two_factor.code)
        }
        TwoFactorCommand::BackupCodes(args) => codes::run(settings, args),
    }
}

/// What answers the server's second-factor checks: the password inputs, and a code given up
/// front (`code`), which a TOTP challenge may take too.
fn answers<'o>(
    settings: &'o Settings,
    password: CurrentPasswordArgs,
    code: Option<Secret>,
) -> Result<Answers<'o>> {
    let input = settings.current_password_input(password.password_stdin, password.password_file);
    Answers::read(&settings.out, settings.can_prompt, input, code)
}

/// `-o json` of a change: whether it changed, and the factor's state after it.
#[derive(Serialize)]
struct Changed {
    changed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    totp: Option<bool>,
}

fn print_changed(settings: &Settings, changed: Changed) -> Result<()> {
    if settings.out.is_json() {
        settings.out.json(&changed)?;
    }
    Ok(())
}

/// A change that needs nothing sent: said on stderr, and in the JSON.
fn nothing_to_change(settings: &Settings, why: &str, state: Changed) -> Result<()> {
    writeln!(settings.out.status(), "nothing to change: {why}")?;
    print_changed(settings, state)
}

/// New backup codes, shown this once: one a line on stdout, or in the JSON beside `extra`
/// (`{"changed": true, …, "codes": [...]}`).
fn print_codes(settings: &Settings, codes: &[Secret], totp: Option<bool>) -> Result<()> {
    #[derive(Serialize)]
    struct View<'a> {
        changed: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        totp: Option<bool>,
        codes: Vec<&'a str>,
    }
    if settings.out.is_json() {
        let shown: Vec<&Secret> = codes.iter().collect();
        let view = View { changed: true, totp, codes: codes.iter().map(Secret::expose).collect() };
        return settings.out.json_showing_all(&view, &shown);
    }
    settings.out.reveal_all(codes)
}

/// A refusal of the two-factor routes, in words that say what to do.
fn explain(err: ApiError) -> anyhow::Error {
    match err.error_type() {
        Some(ErrorType::InvalidTotp) => {
            Failure::new(Exit::VerificationFailed, "the two-factor code was rejected").into()
        }
        Some(ErrorType::InvalidUser) => Failure::new(
            Exit::Refused,
            format!("the server refused: {}", err.reason()),
        )
        .hint("every e-mail address of the account must be verified first (`rocketctl profile show` lists them)")
        .into(),
        _ => err.into(),
    }
}
