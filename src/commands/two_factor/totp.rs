//! `2fa totp enable | disable`: an authenticator app for the own account. Enrolment happens at
//! a terminal: the server's new secret is shown there (a QR code, its `otpauth://` URL, the
//! secret in base32) and nowhere else, a code from the app confirms it, and the backup codes
//! the server returns are printed once. Without a terminal nothing that changes is sent.

use std::io::Write as _;

use anyhow::Result;

use super::{Changed, answers, explain, nothing_to_change, print_changed, print_codes, qr};
use crate::accounts::second_factor::{Answers, Sent, given_code};
use crate::accounts::two_factor::OwnTwoFactor;
use crate::api::{Enrolment, ErrorType};
use crate::cli::CurrentPasswordArgs;
use crate::commands::logged_in_client;
use crate::exit::{Exit, Failure};
use crate::input::{PROMPT_TRIES, prompt_code};
use crate::secret::Secret;
use crate::settings::Settings;

const ENROLLED: &str = "an authenticator app is already enrolled (`rocketctl 2fa totp disable` \
    removes it)";

pub fn enable(
    settings: &Settings,
    password: CurrentPasswordArgs,
    code: Option<String>,
) -> Result<()> {
    let code = given_code(code)?;
    let (client, _) = logged_in_client(settings)?;
    let mut own = OwnTwoFactor::new(&client);
    let (factors, server) = own.factors()?;
    let after = Changed { changed: false, email: None, totp: Some(true) };
    if factors.totp {
        return nothing_to_change(settings, ENROLLED, after);
    }
    if !settings.can_prompt {
        return Err(Failure::usage(
            "enrolling an authenticator app needs a terminal: its secret is shown there only, \
             and a code from the app is typed there; nothing was changed",
        )
        .hint("run `rocketctl 2fa totp enable` in a terminal (not with --no-input)")
        .into());
    }
    if server.enabled == Some(false) || server.totp == Some(false) {
        settings.out.warn(
            "the server has two-factor by authenticator app turned off \
             (Accounts_TwoFactorAuthentication_Enabled or _By_TOTP_Enabled): the app is enrolled, \
             and asked for once an administrator turns it on",
        );
    }
    let mut answers = answers(settings, password, code)?;
    let enrolment = match own.begin_totp(&mut answers)? {
        Sent::Done(enrolment) => enrolment,
        Sent::Refused(err) if err.error_type() == Some(&ErrorType::TotpAlreadyEnabled) => {
            return nothing_to_change(settings, ENROLLED, after);
        }
        Sent::Refused(err) => return Err(explain(err)),
    };
    show(settings, &enrolment)?;
    let codes = confirm(settings, &mut own, &mut answers)?;
    writeln!(
        settings.out.status(),
        "Enrolled the authenticator app: the server now asks for its codes. The {} backup codes \
         below stand in for it, each once; they are shown only this once, keep them safe",
        codes.len()
    )?;
    writeln!(
        settings.out.note(),
        "the server logged out this account's other sessions (personal access tokens stay)"
    )?;
    print_codes(settings, &codes, Some(true))
}

/// The QR code, the URL and the secret, on the terminal.
fn show(settings: &Settings, enrolment: &Enrolment) -> Result<()> {
    let (secret, url) = (&enrolment.secret, &enrolment.url);
    let picture = qr::draw(url.expose()).unwrap_or_default();
    let text = format!(
        "Scan this QR code with your authenticator app:\n\n{picture}\n\nOr add it by hand:\n  \
         otpauth URL:      {}\n  secret (base32):  {}\n",
        url.expose(),
        secret.expose()
    );
    if settings.out.show_on_terminal(&text, &[secret, url])? {
        return Ok(());
    }
    Err(Failure::usage(
        "stderr is not a terminal: the secret cannot be shown; nothing was enrolled",
    )
    .into())
}

/// Type codes of the new secret until the server takes one (three tries): the backup codes.
fn confirm(
    settings: &Settings,
    own: &mut OwnTwoFactor<'_>,
    answers: &mut Answers<'_>,
) -> Result<Vec<Secret>> {
    for _ in 0..PROMPT_TRIES {
        let code = prompt_code("Code from your authenticator app", &settings.out)?;
        match own.confirm_totp(&code, answers)? {
            Sent::Done(Some(codes)) => return Ok(codes),
            // Older servers answer a wrong code with nothing rather than an error.
            Sent::Done(None) => {}
            Sent::Refused(err) if err.error_type() == Some(&ErrorType::InvalidTotp) => {}
            Sent::Refused(err) => return Err(explain(err)),
        }
        writeln!(settings.out.note(), "the server did not take that code; type the next one")?;
    }
    Err(Failure::new(
        Exit::VerificationFailed,
        "the authenticator app's codes were rejected; the app was not enrolled",
    )
    .hint("check the device's clock, then run `rocketctl 2fa totp enable` again (it shows a new secret)")
    .into())
}

pub fn disable(
    settings: &Settings,
    password: CurrentPasswordArgs,
    code: Option<String>,
) -> Result<()> {
    let code = given_code(code)?;
    let (client, _) = logged_in_client(settings)?;
    let mut own = OwnTwoFactor::new(&client);
    let after = Changed { changed: false, email: None, totp: Some(false) };
    if !own.factors()?.0.totp {
        return nothing_to_change(settings, "no authenticator app is enrolled", after);
    }
    let code = current_code(settings, code)?;
    let mut answers = answers(settings, password, Some(code.duplicate()))?;
    match own.disable_totp(&code, &mut answers)? {
        Sent::Done(true) => {
            writeln!(settings.out.status(), "Removed the authenticator app and its backup codes")?;
            print_changed(settings, Changed { changed: true, ..after })
        }
        Sent::Done(false) => Err(Failure::new(
            Exit::VerificationFailed,
            "the two-factor code was rejected; the authenticator app is still enrolled",
        )
        .into()),
        Sent::Refused(err) => Err(explain(err)),
    }
}

/// A current code of the app (or a backup code): given, else typed; without either, a usage
/// error before anything is sent.
pub fn current_code(settings: &Settings, given: Option<Secret>) -> Result<Secret> {
    if let Some(code) = given {
        return Ok(code);
    }
    if !settings.can_prompt {
        return Err(Failure::usage(
            "a code from the authenticator app (or a backup code) is needed, and there is no \
             terminal to ask for one",
        )
        .hint("pass `--2fa-code CODE` or set ROCKETCHAT_2FA_CODE")
        .into());
    }
    prompt_code("Code from your authenticator app (or a backup code)", &settings.out)
}
