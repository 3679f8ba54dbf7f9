//! The REST rate limiter (ApiClass `enforceRateLimit`, 7.x-8.x, over Meteor's `RateLimiter`):
//! one rule per route and method, counting calls per client IP in a fixed window.
//!
//! Meteor's rule keeps one window for the whole route: it starts when a call comes after the
//! previous window ended, and every count of the route (every IP's) starts again from zero
//! then. A call is counted before it is checked, refused calls too; the call that brings the
//! count past the limit is refused. Every answer of a limited route, the refusal included,
//! carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` (the calls left in the window) and
//! `X-RateLimit-Reset` (when the window ends, epoch milliseconds); a caller the limiter skips
//! (`api-bypass-rate-limit`, or the limiter off) gets none of them.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::json;

use super::State;
use super::auth::authenticate as authenticated_caller;
use super::util::now_ms;
use crate::support::http::{Request, Response};

/// One route's window: when it began and each IP's calls in it.
#[derive(Debug)]
pub(super) struct RouteWindow {
    started: Instant,
    /// When it began, as the epoch milliseconds the headers count from.
    started_ms: u64,
    calls: HashMap<String, u32>,
}

/// Rocket.Chat's limiter: per route and method, per client IP, before the body is even looked
/// at. Ok carries the `X-RateLimit-*` headers of an allowed call (none when not limited).
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
    let Some((allowed, interval)) = specific.or(state.settings.rate_limit) else {
        return Ok(Vec::new());
    };
    let now = Instant::now();
    let window = state.rate.entry(format!("{}{route}", request.method)).or_insert_with(|| {
        RouteWindow { started: now, started_ms: now_ms(), calls: HashMap::new() }
    });
    // `increment`: a call after the window ended starts a new one, for every IP.
    if now.duration_since(window.started) > interval {
        *window = RouteWindow { started: now, started_ms: now_ms(), calls: HashMap::new() };
    }
    let calls = window.calls.entry(request.peer.ip().to_string()).or_default();
    *calls += 1;
    let count = *calls;
    let reset_ms = window.started_ms + interval.as_millis() as u64;
    let reset_in = interval.saturating_sub(now.duration_since(window.started));
    if count > allowed {
        state.too_many.push(route.to_owned());
        let seconds = reset_in.as_millis().div_ceil(1000);
        let message = format!(
            "Error, too many requests. Please slow down. You must wait {seconds} seconds before trying this endpoint again. [error-too-many-requests]"
        );
        return Err(Response::json(429, &json!({"success": false, "error": message}))
            .with_header("X-RateLimit-Limit", &allowed.to_string())
            .with_header("X-RateLimit-Remaining", "0")
            .with_header("X-RateLimit-Reset", &reset_ms.to_string()));
    }
    Ok(vec![
        ("X-RateLimit-Limit".into(), allowed.to_string()),
        ("X-RateLimit-Remaining".into(), (allowed - count).to_string()),
        ("X-RateLimit-Reset".into(), reset_ms.to_string()),
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
