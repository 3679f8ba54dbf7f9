//! The one second-factor driver: every route the server guards with a two-factor check (login,
//! the profile update, tokens, `users.update`, settings, whatever `rocketctl api` calls) is sent
//! through [`Challenge::send`], which answers the server's challenge the same way everywhere.
//!
//! Like `client/retry.rs`'s `Budget`, the decision is a pure function ([`decide`]) of the answer
//! and what was sent; the driver around it fetches what the decision asks for (a given or typed
//! password, a given or typed code) and sends again. Its result names what happened: the route's
//! answer, or a refusal that is not about the second factor, for the caller to explain.

use std::io::Write as _;

use anyhow::Result;

use crate::api::{ApiError, ErrorType, TwoFactor, TwoFactorMethod};
use crate::exit::{Exit, Failure};
use crate::input::{CURRENT_PASSWORD, PROMPT_TRIES, SecretInput};
use crate::output::Output;
use crate::secret::Secret;

const PASSWORD_REJECTED: &str = "the current password was rejected";
const CODE_REJECTED: &str = "the two-factor code was rejected";
const GIVE_PASSWORD: &str = "pass it with `--password-stdin`, `--password-file FILE` or \
    ROCKETCHAT_PASSWORD";
const GIVE_CODE: &str = "pass `--2fa-code CODE` or set ROCKETCHAT_2FA_CODE";

/// `--2fa-code` / `ROCKETCHAT_2FA_CODE`: one that no request could carry, or an empty one, is a
/// usage error before anything is sent (docs/cli.md: an empty secret is a usage error).
pub fn given_code(code: Option<String>) -> Result<Option<Secret>, Failure> {
    let Some(code) = code else {
        return Ok(None);
    };
    if code.is_empty() {
        return Err(Failure::usage("the two-factor code is empty")
            .hint("leave out `--2fa-code` (and unset ROCKETCHAT_2FA_CODE) to be asked for one"));
    }
    let code = Secret::new(code);
    TwoFactor::check_code(&code)?;
    Ok(Some(code))
}

/// What can answer a challenge: the current password and a code given up front, and, on a
/// terminal, prompts for what was not given.
#[derive(Debug)]
pub struct Answers<'a> {
    out: &'a Output,
    can_prompt: bool,
    password: Option<Secret>,
    password_input: SecretInput,
    code: Option<Secret>,
    /// Whose password a prompt asks for (`jane on chat.example.com`); empty names nobody.
    whose: String,
}

impl<'a> Answers<'a> {
    /// Read a password given without a prompt now (stdin, a file, the environment), so a bad
    /// input fails before any request; a prompt waits until a challenge asks for it.
    pub fn read(
        out: &'a Output,
        can_prompt: bool,
        password_input: SecretInput,
        code: Option<Secret>,
    ) -> Result<Self> {
        let password = if password_input.given() {
            Some(CURRENT_PASSWORD.read(&password_input, false, out)?)
        } else {
            None
        };
        Ok(Self { out, can_prompt, password, password_input, code, whose: String::new() })
    }

    /// Answers that never prompt (a worker of `apply`, a new account answering for itself).
    pub fn given(out: &'a Output, password: Option<Secret>, code: Option<Secret>) -> Self {
        let password_input = SecretInput::default();
        Self { out, can_prompt: false, password, password_input, code, whose: String::new() }
    }

    /// Ask on the terminal for what was not given, when there is one.
    #[must_use]
    pub fn prompting(mut self, can_prompt: bool) -> Self {
        self.can_prompt = can_prompt;
        self
    }

    /// Name the account in password prompts.
    #[must_use]
    pub fn for_account(mut self, whose: String) -> Self {
        self.whose = whose;
        self
    }

    /// The password will be typed at a prompt (none was given, and there is a terminal).
    pub fn password_is_typed(&self) -> bool {
        self.password.is_none() && !self.password_input.given() && self.can_prompt
    }

    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }

    pub fn has_code(&self) -> bool {
        self.code.is_some()
    }

    /// The current password now: given, typed, or (nothing to ask on) exit 2 naming the inputs.
    pub fn password_now(&mut self) -> Result<Secret> {
        match self.password.take() {
            Some(password) => Ok(password),
            None => CURRENT_PASSWORD.read_for(
                &self.password_input,
                self.can_prompt,
                self.out,
                &self.whose,
            ),
        }
    }

    /// The code given up front, else one typed now; `mailed` says a code was just e-mailed.
    pub fn code_now(&mut self, method: &TwoFactorMethod, mailed: bool) -> Result<Secret> {
        match self.code.take() {
            Some(code) => Ok(code),
            None => self.prompt_code(method, mailed),
        }
    }

    /// The current password for a challenge found only after a request: given or typed, else
    /// exit 4 naming the inputs (docs/cli.md, "Details that scripts rely on").
    fn password_for_challenge(&mut self) -> Result<Secret> {
        if self.password.is_none() && !self.password_input.given() && !self.can_prompt {
            return Err(Failure::new(
                Exit::VerificationFailed,
                "the server asks for your current password to confirm this change",
            )
            .hint(GIVE_PASSWORD)
            .into());
        }
        self.password_now()
    }

    fn prompt_code(&self, method: &TwoFactorMethod, mailed: bool) -> Result<Secret> {
        if !self.can_prompt {
            let sent = if mailed { "; a code was sent to your e-mail address" } else { "" };
            return Err(Failure::new(
                Exit::VerificationFailed,
                format!("two-factor code required (method: {method}){sent}"),
            )
            .hint(GIVE_CODE)
            .into());
        }
        if *method == TwoFactorMethod::Email {
            let note = if mailed {
                "a code was sent to your e-mail address"
            } else {
                "use the code e-mailed to you earlier"
            };
            writeln!(self.out.note(), "{note}")?;
            crate::input::prompt_code("Code from the e-mail", self.out)
        } else {
            crate::input::prompt_code("Two-factor code from your authenticator app", self.out)
        }
    }
}

/// How a request proves it is the user.
#[derive(Debug)]
pub enum Proof {
    /// Nothing: a bypass token, a remembered check or a new account needs none.
    None,
    /// The current password's SHA-256 digest in the body (`data.currentPassword` of the profile
    /// update, for users without a second factor); `typed` when it was typed at a prompt.
    Digest { digest: Secret, typed: bool },
    /// `X-2fa-Method` / `X-2fa-Code` (a code, or the password's digest for method `password`).
    Header { factor: TwoFactor, typed: bool },
}

impl Proof {
    /// The second factor of the headers, if any.
    pub fn header(&self) -> Option<&TwoFactor> {
        match self {
            Self::Header { factor, .. } => Some(factor),
            _ => None,
        }
    }

    /// The digest for the body, if any.
    pub fn digest(&self) -> Option<&Secret> {
        match self {
            Self::Digest { digest, .. } => Some(digest),
            _ => None,
        }
    }

    fn is_password(&self) -> bool {
        match self {
            Self::Digest { .. } => true,
            Self::Header { factor, .. } => *factor.method() == TwoFactorMethod::Password,
            Self::None => false,
        }
    }

    fn typed(&self) -> bool {
        matches!(self, Self::Digest { typed: true, .. } | Self::Header { typed: true, .. })
    }

    /// What a rejection of this proof says.
    fn rejected(&self) -> &'static str {
        if self.is_password() { PASSWORD_REJECTED } else { CODE_REJECTED }
    }
}

/// What became of a guarded request.
#[derive(Debug)]
pub enum Sent<T> {
    /// The route's answer.
    Done(T),
    /// A refusal that is not about the second factor (or one the caller explains itself).
    Refused(ApiError),
}

/// What to do after a refusal: the pure part of the driver.
#[derive(Debug, PartialEq, Eq)]
enum Decision {
    /// The code went stale while a rate limit was waited out: ask for a fresh one.
    FreshCode,
    /// Answer the challenge with the method it names.
    Answer,
    /// A typed password was rejected: ask again.
    Retype,
    /// What was sent was rejected: exit 4 with this message.
    Reject(&'static str),
    /// Not about the second factor: hand the refusal back.
    Refuse,
}

/// The state [`decide`] looks at besides the refusal.
struct State<'a> {
    proof: &'a Proof,
    /// A challenge was answered already: a second one is a rejection.
    answered: bool,
    password_tries: u32,
    can_prompt: bool,
}

fn decide(err: &ApiError, state: &State<'_>) -> Decision {
    let proof = state.proof;
    if matches!(err, ApiError::CodeExpired { .. }) && proof.header().is_some() && state.can_prompt {
        return Decision::FreshCode;
    }
    let Some(kind) = err.error_type() else {
        return Decision::Refuse;
    };
    let named = err.two_factor_method();
    // The server read the password in the body as a code: the user has a second factor the
    // record did not show (servers before 8.x do not say).
    let code_wanted = *kind == ErrorType::TotpInvalid
        && matches!(proof, Proof::Digest { .. })
        && named != Some(TwoFactorMethod::Password);
    if *kind == ErrorType::TotpRequired || code_wanted {
        return if state.answered || matches!(proof, Proof::Header { .. }) {
            Decision::Reject(proof.rejected())
        } else {
            Decision::Answer
        };
    }
    let rejected = match kind {
        ErrorType::InvalidPassword => true,
        ErrorType::TotpInvalid | ErrorType::TotpMaxAttempts => !matches!(proof, Proof::None),
        _ => false,
    };
    if !rejected {
        return Decision::Refuse;
    }
    let password_rejected = *kind == ErrorType::InvalidPassword
        || named == Some(TwoFactorMethod::Password)
        || proof.is_password();
    let retypable = proof.typed() && proof.is_password() && password_rejected;
    if retypable && state.password_tries < PROMPT_TRIES {
        return Decision::Retype;
    }
    Decision::Reject(proof.rejected())
}

/// One guarded request and its challenges.
pub struct Challenge<'a, 'o> {
    answers: &'a mut Answers<'o>,
    proof: Proof,
    answered: bool,
    password_tries: u32,
}

impl<'a, 'o> Challenge<'a, 'o> {
    /// First sent without a second factor: a bypass token, a remembered check or a new account
    /// needs none, and the server's challenge names the method it wants.
    pub fn new(answers: &'a mut Answers<'o>) -> Self {
        Self::with_proof(answers, Proof::None)
    }

    /// First sent with `proof`, when the account's second factor is known before sending.
    pub fn with_proof(answers: &'a mut Answers<'o>, proof: Proof) -> Self {
        let answered = matches!(proof, Proof::Header { .. });
        Self { answers, proof, answered, password_tries: 1 }
    }

    /// Send, and send again with what each challenge asks for, until the route answers, a
    /// refusal is not about the second factor ([`Sent::Refused`]), or what was sent is
    /// rejected (exit 4). A 429 is waited out by the client before it comes back here.
    pub fn send<T>(
        mut self,
        mut send: impl FnMut(&Proof) -> Result<T, ApiError>,
    ) -> Result<Sent<T>> {
        loop {
            let err = match send(&self.proof) {
                Ok(value) => return Ok(Sent::Done(value)),
                Err(err) => err,
            };
            let state = State {
                proof: &self.proof,
                answered: self.answered,
                password_tries: self.password_tries,
                can_prompt: self.answers.can_prompt,
            };
            self.proof = match decide(&err, &state) {
                Decision::Refuse => return Ok(Sent::Refused(err)),
                Decision::Reject(message) => {
                    return Err(Failure::new(Exit::VerificationFailed, message).into());
                }
                Decision::FreshCode => self.fresh_code(&err)?,
                Decision::Answer => self.answer(&err)?,
                Decision::Retype => self.retype()?,
            };
        }
    }

    fn fresh_code(&mut self, err: &ApiError) -> Result<Proof> {
        let method =
            self.proof.header().map_or(TwoFactorMethod::Totp, |factor| factor.method().clone());
        writeln!(self.answers.out.warning(), "{err}")?;
        let code = self.answers.prompt_code(&method, false)?;
        Ok(Proof::Header { factor: TwoFactor::new(method, code)?, typed: true })
    }

    fn answer(&mut self, err: &ApiError) -> Result<Proof> {
        self.answered = true;
        let method = method_asked(err)?;
        let typed = !self.answers.has_password() && !self.answers.password_input.given();
        let code = if method == TwoFactorMethod::Password {
            self.answers.password_for_challenge()?.sha256_hex()
        } else {
            let mailed = method == TwoFactorMethod::Email && err.code_mailed();
            self.answers.code_now(&method, mailed)?
        };
        let typed = typed && method == TwoFactorMethod::Password && self.answers.can_prompt;
        Ok(Proof::Header { factor: TwoFactor::new(method, code)?, typed })
    }

    fn retype(&mut self) -> Result<Proof> {
        self.password_tries += 1;
        writeln!(self.answers.out.note(), "{PASSWORD_REJECTED}; try again")?;
        let password = CURRENT_PASSWORD.prompt(&self.answers.whose, self.answers.out)?;
        if password.expose().is_empty() {
            return Err(Failure::usage("the current password is empty").into());
        }
        let digest = password.sha256_hex();
        Ok(match &self.proof {
            Proof::Header { .. } => Proof::Header {
                factor: TwoFactor::new(TwoFactorMethod::Password, digest)?,
                typed: true,
            },
            _ => Proof::Digest { digest, typed: true },
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refusal(kind: &str, method: Option<&str>) -> ApiError {
        let details = method.map(|method| Box::new(json!({"method": method})));
        ApiError::Rejected {
            error_type: Some(ErrorType::parse(kind)),
            message: format!("refused [{kind}]"),
            details,
        }
    }

    fn state(proof: &Proof, answered: bool) -> State<'_> {
        State { proof, answered, password_tries: 1, can_prompt: true }
    }

    fn header(method: TwoFactorMethod, typed: bool) -> Proof {
        Proof::Header { factor: TwoFactor::new(method, Secret::new("123456")).unwrap(), typed }
    }

    #[test]
    fn a_challenge_is_answered_once_then_rejected() {
        let required = refusal("totp-required", Some("password"));
        assert_eq!(decide(&required, &state(&Proof::None, false)), Decision::Answer);
        let sent = header(TwoFactorMethod::Password, false);
        assert_eq!(decide(&required, &state(&sent, true)), Decision::Reject(PASSWORD_REJECTED));
        let code = header(TwoFactorMethod::Totp, false);
        let invalid = refusal("totp-invalid", Some("totp"));
        assert_eq!(decide(&invalid, &state(&code, true)), Decision::Reject(CODE_REJECTED));
    }

    #[test]
    fn a_password_read_as_a_code_asks_for_a_code() {
        let digest = Proof::Digest { digest: Secret::new("d"), typed: false };
        let invalid = refusal("totp-invalid", Some("totp"));
        assert_eq!(decide(&invalid, &state(&digest, false)), Decision::Answer);
        let wrong = refusal("totp-invalid", Some("password"));
        assert_eq!(decide(&wrong, &state(&digest, false)), Decision::Reject(PASSWORD_REJECTED));
    }

    #[test]
    fn a_typed_password_is_asked_again_up_to_the_limit() {
        let typed = Proof::Digest { digest: Secret::new("d"), typed: true };
        let wrong = refusal("error-invalid-password", None);
        assert_eq!(decide(&wrong, &state(&typed, false)), Decision::Retype);
        let tired = State { password_tries: PROMPT_TRIES, ..state(&typed, false) };
        assert_eq!(decide(&wrong, &tired), Decision::Reject(PASSWORD_REJECTED));
    }

    #[test]
    fn other_refusals_go_back_to_the_caller() {
        let taken = refusal("error-field-unavailable", None);
        assert_eq!(decide(&taken, &state(&Proof::None, false)), Decision::Refuse);
        let expired = ApiError::CodeExpired { waited: std::time::Duration::from_secs(31) };
        let code = header(TwoFactorMethod::Totp, false);
        assert_eq!(decide(&expired, &state(&code, true)), Decision::FreshCode);
        let script = State { can_prompt: false, ..state(&code, true) };
        assert_eq!(decide(&expired, &script), Decision::Refuse);
    }

    #[test]
    fn an_empty_code_is_a_usage_error() {
        assert_eq!(given_code(Some(String::new())).unwrap_err().exit, Exit::Usage);
        assert_eq!(given_code(Some("12\n".into())).unwrap_err().exit, Exit::Usage);
        assert!(given_code(None).unwrap().is_none());
        assert!(given_code(Some("123456".into())).unwrap().is_some());
    }
}
