//! `POST users.2fa.enableEmail` and `users.2fa.disableEmail` (users.ts of the 8.7-dev fork
//! @3eacd950; the 6.x and 7.x routes only set the flag). Turning e-mail codes on needs every
//! address verified and logs the account's other sessions out; turning them off is two-factor
//! protected without "remember me".

use super::two_factor::two_factor_required;
use super::util::{hash_token, meteor_error, now_ms, success};
use super::{Mode, State};
use crate::support::http::{Request, Response};

pub(super) fn enable_email(state: &mut State, request: &Request, user_id: &str) -> Response {
    let newer = state.mode == Mode::V8;
    let user = state.user_mut(user_id);
    if newer && user.emails.iter().any(|(_, verified)| !verified) {
        return meteor_error(
            "error-invalid-user",
            "You need to verify your emails before setting up 2FA",
            None,
        );
    }
    user.email2fa = true;
    user.updated_at = now_ms();
    if newer {
        log_out_other_sessions(state, request, user_id);
    }
    success(serde_json::json!({}))
}

pub(super) fn disable_email(state: &mut State, request: &Request, user_id: &str) -> Response {
    if let Err(response) = two_factor_required(state, request, user_id, true) {
        return response;
    }
    let user = state.user_mut(user_id);
    user.email2fa = false;
    user.updated_at = now_ms();
    success(serde_json::json!({}))
}

/// `removeNonPATLoginTokensExcept`: every login token of the user but the caller's and the
/// personal access tokens.
pub(super) fn log_out_other_sessions(state: &mut State, request: &Request, user_id: &str) {
    let current = request.header("x-auth-token").map(hash_token).unwrap_or_default();
    let pats: Vec<String> = state
        .token_info
        .iter()
        .filter(|(_, info)| info.pat.is_some())
        .map(|(hashed, _)| hashed.clone())
        .collect();
    state.user_mut(user_id).tokens.retain(|token| *token == current || pats.contains(token));
}
