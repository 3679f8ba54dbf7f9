//! Getting a second factor from the user: shared by `login` and the profile changes.

use std::io::Write as _;

use anyhow::Result;

use crate::api::{ApiError, ErrorType, TwoFactor, TwoFactorMethod};
use crate::exit::{Exit, Failure};
use crate::input::{self, CURRENT_PASSWORD, SecretInput};
use crate::secret::Secret;
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
        input::prompt_code("Code from the e-mail", &settings.out)
    } else {
        input::prompt_code("Two-factor code from your authenticator app", &settings.out)
    }
}

/// What a user gave to answer a `totp-required` challenge on a two-factor protected route: the
/// current password (read before anything is sent when it comes from stdin, a file or the
/// environment) and a code.
pub struct Answers {
    pub password_input: SecretInput,
    pub password: Option<Secret>,
    pub code: Option<Secret>,
}

impl Answers {
    /// Read a password given without a prompt now, so a bad input fails before any request.
    pub fn read_given(
        settings: &Settings,
        input: SecretInput,
        code: Option<Secret>,
    ) -> Result<Self> {
        let given = input.stdin || input.file.is_some() || input.env.borrow().is_some();
        let password =
            if given { Some(CURRENT_PASSWORD.read(&input, false, &settings.out)?) } else { None };
        Ok(Self { password_input: input, password, code })
    }
}

/// Send a request to a two-factor protected route, first without a second factor (a token
/// with `bypassTwoFactor`, a remembered check or a new account pass without one), then once
/// with what the server's `totp-required` names: the password's SHA-256 digest in `X-2fa-Code`
/// with `X-2fa-Method: password`, or a code. A rejected answer is exit 4; other refusals are
/// handed back to the caller to explain.
pub fn with_second_factor<T>(
    settings: &Settings,
    answers: &mut Answers,
    mut send: impl FnMut(Option<&TwoFactor>) -> Result<T, ApiError>,
) -> Result<Result<T, ApiError>> {
    let mut factor: Option<TwoFactor> = None;
    loop {
        let err = match send(factor.as_ref()) {
            Ok(value) => return Ok(Ok(value)),
            Err(err) => err,
        };
        let Some(error_type) = err.error_type().filter(|kind| kind.is_totp()) else {
            return Ok(Err(err));
        };
        if factor.is_some() || *error_type != ErrorType::TotpRequired {
            let what = match factor.as_ref().map(TwoFactor::method) {
                Some(TwoFactorMethod::Password) => "the current password was rejected",
                _ => "the two-factor code was rejected",
            };
            return Err(Failure::new(Exit::VerificationFailed, what).into());
        }
        factor = Some(answer(settings, answers, &err)?);
    }
}

/// The second factor for one challenge.
fn answer(settings: &Settings, answers: &mut Answers, err: &ApiError) -> Result<TwoFactor> {
    let method = method_asked(err)?;
    let code = if method == TwoFactorMethod::Password {
        let password = match answers.password.take() {
            Some(password) => password,
            None if settings.can_prompt => {
                CURRENT_PASSWORD.read(&answers.password_input, true, &settings.out)?
            }
            None => {
                return Err(Failure::new(
                    Exit::VerificationFailed,
                    "the server asks for your current password to confirm this change",
                )
                .hint("pass it with `--password-stdin`, `--password-file FILE` or ROCKETCHAT_PASSWORD")
                .into());
            }
        };
        password.sha256_hex()
    } else {
        match answers.code.take() {
            Some(code) => code,
            None => prompt_for_code(settings, &method, err.code_mailed())?,
        }
    };
    Ok(TwoFactor::new(method, code)?)
}
