//! Self-service TOTP, the steps both ways of reaching them share: the DDP methods `2fa:*`
//! (6.x–8.x, through `method.call`) and the 8.8 REST routes (`app/2fa/server/functions/totp.ts`
//! of the 8.7-dev fork, which the methods and the routes call). Enabling sets a temporary
//! secret; validating a code of it makes it the account's secret and issues 12 backup codes;
//! disabling and new backup codes need a current code or an unused backup code.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::State;
use super::email_two_factor::log_out_other_sessions;
use super::util::now_ms;
use crate::support::http::{Request, Response};
use crate::support::totp;

/// `Random.id`'s alphabet, which backup codes are drawn from.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
const BACKUP_CODES: usize = 12;

/// A `Meteor.Error(error, reason, details)` one of the steps throws. `error` is a string, or a
/// number for Meteor's own errors (404: no such method).
#[derive(Debug)]
pub(super) struct MeteorError {
    pub error: Value,
    pub reason: Option<String>,
    pub details: Option<Box<Value>>,
}

impl MeteorError {
    pub fn new(error: impl Into<Value>) -> Self {
        Self { error: error.into(), reason: None, details: None }
    }

    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// `details: {method}`, as the older methods add.
    pub fn in_method(mut self, method: &str) -> Self {
        self.details = Some(Box::new(json!({"method": method})));
        self
    }

    fn code(&self) -> String {
        self.error.as_str().map_or_else(|| self.error.to_string(), str::to_owned)
    }

    /// `message`: `reason [error]`, or `[error]` without a reason.
    pub fn message(&self) -> String {
        match &self.reason {
            Some(reason) => format!("{reason} [{}]", self.code()),
            None => format!("[{}]", self.code()),
        }
    }

    /// The REST envelope: 400 with `error`, `errorType` and `details`.
    pub fn rest(&self) -> Response {
        let mut body = json!({"success": false, "error": self.message(), "errorType": self.code()});
        if let Some(details) = &self.details {
            body["details"] = (**details).clone();
        }
        Response::json(400, &body)
    }

    /// What `EJSON.stringify` makes of the error object in a `method.call` answer: its own
    /// enumerable members (`stack` is not one).
    pub fn ejson(&self) -> Value {
        let mut error = json!({"isClientSafe": true, "error": self.error, "message": self.message(), "errorType": "Meteor.Error"});
        if let Some(reason) = &self.reason {
            error["reason"] = json!(reason);
        }
        if let Some(details) = &self.details {
            error["details"] = (**details).clone();
        }
        error
    }
}

fn index_of(state: &State, user_id: &str) -> usize {
    state.users.iter().position(|user| user.id == user_id).expect("authenticated")
}

/// `enableTotp`: a new temporary secret and its `otpauth://` URL. The DDP method of 6.x–8.7
/// also refuses an account with an unverified address (`check_verified`); the function the
/// 8.8 route calls does not.
pub(super) fn enable(
    state: &mut State,
    user_id: &str,
    check_verified: bool,
) -> Result<Value, MeteorError> {
    let index = index_of(state, user_id);
    let user = &state.users[index];
    if user.username.is_empty() {
        return Err(MeteorError::new("error-invalid-user").because("Invalid user"));
    }
    if check_verified && user.emails.iter().any(|(_, verified)| !verified) {
        return Err(MeteorError::new("error-invalid-user")
            .because("You need to verify your emails before setting up 2FA"));
    }
    if user.totp_secret.is_some() {
        return Err(MeteorError::new("error-2fa-already-enabled"));
    }
    let secret = new_secret(&format!("{user_id}{}", state.next_id));
    state.next_id += 1;
    let user = &mut state.users[index];
    let encoded = totp::base32(&secret);
    let url = format!("otpauth://totp/Rocket.Chat%3A{}?secret={encoded}", user.username);
    user.totp_temp_secret = Some(secret);
    Ok(json!({"secret": encoded, "url": url}))
}

/// `validateTotpTempToken`: a code of the temporary secret turns it on, with 12 new backup
/// codes; the account's other sessions (not its personal access tokens) are logged out.
pub(super) fn validate(
    state: &mut State,
    request: &Request,
    user_id: &str,
    code: &str,
) -> Result<Value, MeteorError> {
    let index = index_of(state, user_id);
    let Some(temp) = state.users[index].totp_temp_secret.clone() else {
        return Err(MeteorError::new("invalid-totp"));
    };
    if !totp::verify(&temp, code) {
        return Err(MeteorError::new("invalid-totp"));
    }
    let codes = new_backup_codes(&format!("{user_id}{}", state.next_id));
    state.next_id += 1;
    let user = &mut state.users[index];
    user.totp_secret = Some(temp);
    user.totp_temp_secret = None;
    user.backup_codes.clone_from(&codes);
    user.updated_at = now_ms();
    log_out_other_sessions(state, request, user_id);
    Ok(json!({"codes": codes}))
}

/// `disableTotp`: false when TOTP is off or the code is wrong.
pub(super) fn disable(state: &mut State, user_id: &str, code: &str) -> bool {
    let index = index_of(state, user_id);
    if state.users[index].totp_secret.is_none() || !verify(state, index, code) {
        return false;
    }
    let user = &mut state.users[index];
    user.totp_secret = None;
    user.totp_temp_secret = None;
    user.backup_codes.clear();
    user.updated_at = now_ms();
    true
}

/// `regenerateTotpCodes`: 12 new backup codes (the old ones stop working); None for a wrong
/// code.
pub(super) fn regenerate(
    state: &mut State,
    user_id: &str,
    code: &str,
) -> Result<Option<Value>, MeteorError> {
    let index = index_of(state, user_id);
    if state.users[index].totp_secret.is_none() {
        return Err(MeteorError::new("invalid-totp"));
    }
    if !verify(state, index, code) {
        return Ok(None);
    }
    let codes = new_backup_codes(&format!("{user_id}{}", state.next_id));
    state.next_id += 1;
    state.users[index].backup_codes.clone_from(&codes);
    Ok(Some(json!({"codes": codes})))
}

/// `codesRemainingTotp`: the backup codes not used yet.
pub(super) fn remaining(state: &State, user_id: &str) -> Result<Value, MeteorError> {
    let user = &state.users[index_of(state, user_id)];
    if user.totp_secret.is_none() {
        return Err(MeteorError::new("invalid-totp"));
    }
    Ok(json!({"remaining": user.backup_codes.len()}))
}

/// `TOTP.verify` with the backup codes: an 8-character code is a backup code, used up when it
/// matches; anything else is a code of the secret, one step either side.
fn verify(state: &mut State, index: usize, code: &str) -> bool {
    let user = &mut state.users[index];
    if code.chars().count() == 8 {
        let Some(at) = user.backup_codes.iter().position(|backup| backup == code) else {
            return false;
        };
        user.backup_codes.remove(at);
        return true;
    }
    user.totp_secret.as_deref().is_some_and(|secret| totp::verify(secret, code))
}

/// speakeasy's `generateSecret()` is 32 random characters; the stand-in's secret is 20 bytes.
fn new_secret(seed: &str) -> Vec<u8> {
    Sha256::digest(format!("totp-secret{seed}{}", nanos()).as_bytes())[..20].to_vec()
}

/// `Random.id(8)`, twelve times.
fn new_backup_codes(seed: &str) -> Vec<String> {
    (0..BACKUP_CODES)
        .map(|n| {
            let digest = Sha256::digest(format!("backup{seed}#{n}{}", nanos()).as_bytes());
            digest
                .iter()
                .take(8)
                .map(|byte| char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]))
                .collect()
        })
        .collect()
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos())
}
