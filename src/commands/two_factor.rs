//! Getting a second factor from the user: shared by `login` and the profile changes.

use std::io::Write as _;

use anyhow::Result;

use crate::api::{ApiError, TwoFactor, TwoFactorMethod};
use crate::exit::{Exit, Failure};
use crate::secret::{self, Secret};
use crate::settings::Settings;

/// `--2fa-code` / `ROCKETCHAT_2FA_CODE`: empty means none; one that no request could carry is
/// a usage error before anything is sent.
pub fn given_code(code: Option<String>) -> Result<Option<Secret>> {
    let Some(code) = code.filter(|code| !code.is_empty()).map(Secret::new) else {
        return Ok(None);
    };
    TwoFactor::check_code(&code)?;
    Ok(Some(code))
}

/// The method a `totp-required` answer names. A name that could not be sent back in a header
/// is an answer rocketctl cannot follow (exit 1), not a reason to crash.
pub fn method_asked(err: &ApiError) -> Result<TwoFactorMethod> {
    err.two_factor_method().ok_or_else(|| {
        Failure::new(
            Exit::Failure,
            "the server asked for a second factor by a method name that is not valid in a header",
        )
        .into()
    })
}

/// Get a code for a `totp-required` answer from the terminal, or fail with exit 4.
pub fn ask_for_code(settings: &Settings, err: &ApiError) -> Result<(TwoFactorMethod, Secret)> {
    let method = method_asked(err)?;
    let mailed = method == TwoFactorMethod::Email && err.code_mailed();
    let code = prompt_for_code(settings, &method, mailed)?;
    Ok((method, code))
}

/// Ask for a two-factor code on the terminal; without one, exit 4 naming `--2fa-code`.
pub fn prompt_for_code(
    settings: &Settings,
    method: &TwoFactorMethod,
    code_mailed: bool,
) -> Result<Secret> {
    if !settings.can_prompt {
        let sent = if code_mailed { "; a code was sent to your e-mail address" } else { "" };
        return Err(Failure::new(
            Exit::VerificationFailed,
            format!("two-factor code required (method: {method}){sent}"),
        )
        .hint("pass `--2fa-code CODE` or set ROCKETCHAT_2FA_CODE")
        .into());
    }
    if *method == TwoFactorMethod::Email {
        let note = if code_mailed {
            "a code was sent to your e-mail address"
        } else {
            "use the code e-mailed to you earlier"
        };
        writeln!(settings.out.note(), "{note}")?;
        secret::prompt_code("Code from the e-mail")
    } else {
        secret::prompt_code("Two-factor code from your authenticator app")
    }
}
