//! The writes behind a profile update (2.x-8.x): e-mail (with the 3.x-7.x function limiter),
//! password (history and policy: one error on 2.x, the aggregate from 6.x). Custom fields are
//! in `custom_fields.rs`.

use std::time::Instant;

use serde_json::{Value, json};

use super::util::{hash_token, meteor_error, sha256_hex};
use super::{Mode, PasswordPolicy, State};
use crate::support::http::{Request, Response};

pub(super) fn set_email(state: &mut State, index: usize, email: &str) -> Result<(), Response> {
    if let Some(window) = state.settings.email_function_limit.filter(|_| state.mode != Mode::V8) {
        let now = Instant::now();
        let user_id = state.users[index].id.clone();
        if let Some(last) =
            state.email_calls.get(&user_id).filter(|last| now.duration_since(**last) < window)
        {
            let seconds =
                window.saturating_sub(now.duration_since(*last)).as_millis().div_ceil(1000);
            // A function limiter: no X-RateLimit-* headers, only the text.
            let message = format!(
                "Error, too many requests. Please slow down. You must wait {seconds} seconds before trying again. [error-too-many-requests]"
            );
            return Err(Response::json(429, &json!({"success": false, "error": message})));
        }
        state.email_calls.insert(user_id, now);
    }
    let email = email.trim();
    if !state.settings.allow_email_change {
        return Err(meteor_error(
            "error-action-not-allowed",
            "Changing email is not allowed",
            Some(json!({"method": "setEmail", "action": "Changing_email"})),
        ));
    }
    // `setEmail` checks with the same `validateEmail` as the admin routes: only `^[^@]+@[^@]+$`.
    if !super::user_checks::valid_email_syntax(email) {
        return Err(meteor_error(
            "error-invalid-email",
            &format!("Invalid email {email}"),
            Some(json!({"function": "RocketChat.setEmail", "email": email})),
        ));
    }
    if state.users[index].email().is_some_and(|current| current.eq_ignore_ascii_case(email)) {
        return Ok(());
    }
    let taken =
        state.users.iter().enumerate().any(|(i, u)| {
            i != index && u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(email))
        });
    if taken {
        return Err(meteor_error(
            "error-field-unavailable",
            &format!("{email} is already in use :("),
            Some(json!({"function": "_setEmail", "field": email})),
        ));
    }
    state.users[index].emails = vec![(email.to_owned(), false)];
    Ok(())
}

pub(super) fn set_password(
    state: &mut State,
    request: &Request,
    index: usize,
    new_password: &str,
) -> Result<(), Response> {
    if !state.settings.allow_password_change || state.users[index].password_digest.is_none() {
        return Ok(());
    }
    let digest = sha256_hex(new_password);
    if state.users[index].password_digest.as_deref() == Some(digest.as_str()) {
        return Err(meteor_error(
            "error-password-same-as-current",
            "Entered password same as current password",
            None,
        ));
    }
    if state.users[index].password_history.contains(&digest) {
        return Err(meteor_error(
            "error-password-in-history",
            "Entered password has been previously used",
            None,
        ));
    }
    if let Some(policy) = &state.settings.password_policy {
        let failures = policy_failures(policy, new_password);
        if let Some((first_code, first_message)) = failures.first() {
            if state.mode == Mode::V2 {
                return Err(meteor_error(first_code, first_message, None));
            }
            let details: Vec<Value> =
                failures.iter().map(|(e, m)| json!({"error": e, "message": m})).collect();
            return Err(meteor_error(
                "error-password-policy-not-met",
                "The password provided does not meet the server's password policy.",
                Some(Value::Array(details)),
            ));
        }
    }
    let current_token = request.header("x-auth-token").map(hash_token).unwrap_or_default();
    let revoke_all = state.settings.revoke_all_tokens_on_password_change;
    let pats: Vec<String> = state
        .token_info
        .iter()
        .filter(|(_, info)| info.pat.is_some())
        .map(|(hashed, _)| hashed.clone())
        .collect();
    let user = &mut state.users[index];
    if let Some(old) = user.password_digest.replace(digest) {
        user.password_history.push(old);
    }
    user.require_password_change = false;
    user.require_password_change_stored = false;
    user.require_password_change_reason = None;
    // removeNonPATLoginTokensExcept: the calling session and personal access tokens survive
    // (nothing survives `_clearAllLoginTokens`, the fallback).
    user.tokens.retain(|t| (*t == current_token || pats.contains(t)) && !revoke_all);
    Ok(())
}

pub(super) fn policy_failures(policy: &PasswordPolicy, password: &str) -> Vec<(String, String)> {
    let mut failures = Vec::new();
    let mut fail = |rule: &str, message: &str| {
        failures.push((format!("error-password-policy-not-met-{rule}"), message.to_owned()));
    };
    // `password.length`: UTF-16 units, as JavaScript counts.
    let length = password.encode_utf16().count();
    if policy.min_length.is_some_and(|min| length < min) {
        fail("minLength", "The password does not meet the minimum length password policy.");
    }
    if policy.max_length.is_some_and(|max| length > max) {
        fail("maxLength", "The password does not meet the maximum length password policy.");
    }
    if let Some(count) = policy.forbid_repeating {
        let chars: Vec<char> = password.chars().collect();
        if chars.windows(count.max(2)).any(|w| w.iter().all(|c| *c == w[0])) {
            fail(
                "repeatingCharacters",
                "The password contains repeating characters which is against the password policy.",
            );
        }
    }
    if policy.lowercase && !password.chars().any(char::is_lowercase) {
        fail(
            "oneLowercase",
            "The password does not contain at least one lowercase character which is against the password policy.",
        );
    }
    if policy.uppercase && !password.chars().any(char::is_uppercase) {
        fail(
            "oneUppercase",
            "The password does not contain at least one uppercase character which is against the password policy.",
        );
    }
    if policy.number && !password.chars().any(|c| c.is_ascii_digit()) {
        fail(
            "oneNumber",
            "The password does not contain at least one numerical character which is against the password policy.",
        );
    }
    if policy.special && password.chars().all(char::is_alphanumeric) {
        fail(
            "oneSpecial",
            "The password does not contain at least one special character which is against the password policy.",
        );
    }
    failures
}
