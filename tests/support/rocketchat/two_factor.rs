//! Two-factor checks (app/2fa/server/code, 6.x-8.x): TOTP, e-mailed codes, the password
//! fallback, and for `twoFactorRequired` routes the trust a token can carry (a bypass PAT,
//! "remember me", the grace window after sign-up; `checkCodeForUser` @14ba297c).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::util::{hash_token, iso, meteor_error, now_ms};
use super::{State, User};
use crate::support::http::{Request, Response};
use crate::support::totp;

/// The method `checkCodeForUser` would pick: a named totp/email method if the user has it,
/// else the first enabled one, else the password fallback when `allow_password` is set.
pub(super) fn second_factor_method(user: &User, named: Option<&str>) -> String {
    let totp = user.totp_secret.is_some();
    let email = user.email2fa && user.emails.iter().any(|(_, verified)| *verified);
    match named {
        Some("totp") if totp => return "totp".into(),
        Some("email") if email => return "email".into(),
        _ => {}
    }
    if totp {
        "totp".into()
    } else if email {
        "email".into()
    } else {
        "password".into()
    }
}

pub(super) fn available_methods(user: &User) -> Vec<&'static str> {
    let mut methods = Vec::new();
    if user.totp_secret.is_some() {
        methods.push("totp");
    }
    if user.email2fa {
        methods.push("email");
    }
    methods
}

/// Check one factor. Err carries the errorType and the details Rocket.Chat sends.
pub(super) fn check_factor(
    state: &mut State,
    index: usize,
    method: &str,
    code: Option<&str>,
    username: &str,
) -> Result<(), (String, Value)> {
    let user = &state.users[index];
    let mut details = json!({"method": method, "codeGenerated": false, "availableMethods": available_methods(user)});
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        if method == "email" {
            details["emailOrUsername"] = json!(user.username);
            let live = state
                .email_codes
                .get(username)
                .filter(|(_, expires)| *expires > Instant::now())
                .is_some();
            if live {
                details["codeExpires"] = json!(iso(now_ms() + 3_600_000));
            } else {
                let code = format!("{:06}", (now_ms() * 7919 + index as u64 * 104_729) % 1_000_000);
                state.email_codes.insert(
                    username.to_owned(),
                    (code.clone(), Instant::now() + Duration::from_secs(3600)),
                );
                state.outbox.push((username.to_owned(), code));
                details["codeGenerated"] = json!(true);
            }
        }
        return Err(("totp-required".into(), details));
    };
    let valid = match method {
        "totp" => {
            user.totp_secret.as_deref().is_some_and(|secret| totp::verify(secret, code))
                || user.backup_codes.iter().any(|backup| backup == code)
        }
        "email" => {
            let digits: String = code.chars().filter(char::is_ascii_digit).collect();
            let matched = state.email_codes.get(username).is_some_and(|(expected, expires)| {
                *expected == digits && *expires > Instant::now()
            });
            if matched {
                state.email_codes.remove(username); // single use
            }
            matched
        }
        _ => user.password_digest.as_deref() == Some(code.to_ascii_lowercase().as_str()),
    };
    if valid { Ok(()) } else { Err(("totp-invalid".into(), details)) }
}

pub(super) fn send_email_code(state: &mut State, request: &Request) -> Response {
    let mut body = super::util::json_body(request);
    if let Err(response) =
        super::util::check_schema(state.mode, "users.2fa.sendEmailCode", &mut body)
    {
        return response;
    }
    let who = body.get("emailOrUsername").and_then(Value::as_str).unwrap_or("");
    if let Some(index) =
        state.users.iter().position(|u| u.username == who || u.email() == Some(who))
    {
        let username = state.users[index].username.clone();
        state.email_codes.remove(&username);
        let _ = check_factor(state, index, "email", None, &username);
    }
    Response::json(200, &json!({"success": true}))
}

/// The check a `twoFactorRequired` route runs before its action, reading `X-2fa-Code` with
/// `X-2fa-Method`. `disable_remember_me` is the option some routes set (no remembered or
/// grace-window pass; a bypass token still passes).
pub(super) fn two_factor_required(
    state: &mut State,
    request: &Request,
    user_id: &str,
    disable_remember_me: bool,
) -> Result<(), Response> {
    // `checkCodeForUser`: a TEST_MODE server checks only where a second factor is required.
    if !state.settings.two_factor_enabled || state.settings.test_mode {
        return Ok(());
    }
    let token = request.header("x-auth-token").map(hash_token).unwrap_or_default();
    let fingerprint = fingerprint(request);
    let info = state.token_info.get(&token);
    let bypass = info.and_then(|i| i.pat.as_ref()).is_some_and(|pat| pat.bypass_two_factor);
    if bypass && !state.settings.challenge_bypass_tokens {
        return Ok(());
    }
    let index = state.users.iter().position(|u| u.id == user_id).expect("authenticated");
    if !disable_remember_me {
        let remembered = info
            .and_then(|i| i.remembered.as_ref())
            .is_some_and(|(hash, until)| *hash == fingerprint && *until > Instant::now());
        let window = state.settings.two_factor_remember_for.as_millis() as u64;
        let just_created = state.users[index].created_at + window > now_ms();
        if remembered || just_created {
            return Ok(());
        }
    }
    let named = request.header("x-2fa-method");
    let code = request.header("x-2fa-code").filter(|_| named.is_some());
    let Some(method) = enabled_method(state, index, named) else { return Ok(()) };
    let username = state.users[index].username.clone();
    check_factor(state, index, &method, code, &username).map_err(|(error, details)| {
        let reason = if error == "totp-required" { "TOTP Required" } else { "TOTP Invalid" };
        meteor_error(&error, reason, Some(details))
    })?;
    if !disable_remember_me {
        let until = Instant::now() + state.settings.two_factor_remember_for;
        let entry = state.token_info.entry(token).or_default();
        entry.remembered = Some((fingerprint, until));
    }
    Ok(())
}

/// The method `getMethodByNameOrFirstActiveForUser` picks under the current settings, or None
/// when the user has none (then the check passes).
pub(super) fn enabled_method(state: &State, index: usize, named: Option<&str>) -> Option<String> {
    let settings = &state.settings;
    let mut user = state.users[index].clone();
    if !settings.two_factor_by_totp {
        user.totp_secret = None;
    }
    if !settings.two_factor_by_email {
        user.email2fa = false;
    }
    let method = second_factor_method(&user, named);
    let fallback = settings.enforce_password_fallback && user.password_digest.is_some();
    (method != "password" || fallback).then_some(method)
}

/// Stand-in for md5(JSON{userAgent, clientAddress}).
fn fingerprint(request: &Request) -> String {
    format!("{}|{}", request.header("user-agent").unwrap_or(""), request.peer.ip())
}
