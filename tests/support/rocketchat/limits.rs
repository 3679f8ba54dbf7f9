//! The REST rate limiter (ApiClass `enforceRateLimit`, 7.x-8.x): per client IP and route.

use std::time::{Duration, Instant};

use serde_json::json;

use super::State;
use super::auth::authenticate as authenticated_caller;
use super::util::now_ms;
use crate::support::http::{Request, Response};

/// Rocket.Chat's limiter: per client IP and route, before the body is even looked at. Ok carries
/// the `X-RateLimit-*` headers every limited answer gets.
pub(super) fn rate_limit(
    state: &mut State,
    request: &Request,
    route: &str,
    specific: Option<(u32, Duration)>,
) -> Result<Vec<(String, String)>, Response> {
    // Callers with `api-bypass-rate-limit` (admin, bot, app by default) are never limited.
    if let Some(user_id) = authenticated_caller(state, request)
        && state.has_permission(&user_id, "api-bypass-rate-limit")
    {
        return Ok(Vec::new());
    }
    let Some((allowed, window)) = specific.or(state.settings.rate_limit) else {
        return Ok(Vec::new());
    };
    let key = (request.peer.ip().to_string(), route.to_owned());
    let now = Instant::now();
    let calls = state.rate.entry(key).or_default();
    calls.retain(|at| now.duration_since(*at) < window);
    let reset_in =
        calls.first().map_or(window, |first| window.saturating_sub(now.duration_since(*first)));
    let reset_ms = (now_ms() + reset_in.as_millis() as u64).to_string();
    if calls.len() as u32 >= allowed {
        let seconds = reset_in.as_millis().div_ceil(1000);
        let message = format!(
            "Error, too many requests. Please slow down. You must wait {seconds} seconds before trying this endpoint again. [error-too-many-requests]"
        );
        return Err(Response::json(429, &json!({"success": false, "error": message}))
            .with_header("X-RateLimit-Limit", &allowed.to_string())
            .with_header("X-RateLimit-Remaining", "0")
            .with_header("X-RateLimit-Reset", &reset_ms));
    }
    calls.push(now);
    Ok(vec![
        ("X-RateLimit-Limit".into(), allowed.to_string()),
        ("X-RateLimit-Remaining".into(), (allowed - calls.len() as u32).to_string()),
        ("X-RateLimit-Reset".into(), reset_ms),
    ])
}

/// Run `action` behind the limiter, adding its headers to the answer.
pub(super) fn limited(
    state: &mut State,
    request: &Request,
    route: &str,
    specific: Option<(u32, Duration)>,
    action: impl FnOnce(&mut State) -> Response,
) -> Response {
    match rate_limit(state, request, route, specific) {
        Ok(headers) => {
            let mut response = action(state);
            response.headers.extend(headers);
            response
        }
        Err(response) => response,
    }
}
