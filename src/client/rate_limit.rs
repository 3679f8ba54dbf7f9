//! How long a 429 asks us to wait: pure functions of the answer and the clock.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// Longest rate-limit wait taken from a server's answer.
const MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(86_400);
/// Wait for a 429 that says nothing about when to come back.
pub const RATE_LIMIT_FALLBACK: Duration = Duration::from_secs(5);

/// How long a 429 asks us to wait: `Retry-After` seconds, else Rocket.Chat's
/// `X-RateLimit-Reset` (epoch milliseconds), else the "wait N seconds" text of its message.
pub fn rate_limit_wait(headers: &HeaderMap, message: &str, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let until = |at: SystemTime| at.duration_since(now).unwrap_or(Duration::ZERO);
    let wait = if let Some(seconds) = header("retry-after").and_then(|v| v.parse::<u64>().ok()) {
        Some(Duration::from_secs(seconds))
    } else if let Some(at) = header("retry-after").and_then(|v| httpdate::parse_http_date(v).ok()) {
        Some(until(at))
    } else if let Some(reset_ms) = header("x-ratelimit-reset").and_then(|v| v.parse::<u64>().ok()) {
        UNIX_EPOCH.checked_add(Duration::from_millis(reset_ms)).map(until)
    } else {
        wait_seconds_in_text(message).map(Duration::from_secs)
    };
    // Anything past a day is as good as "give up"; the cap keeps time arithmetic from overflowing.
    wait.map(|wait| wait.min(MAX_RATE_LIMIT_WAIT))
}

/// "... You must wait 42 seconds before trying ..." → 42.
fn wait_seconds_in_text(message: &str) -> Option<u64> {
    let after = message.split("wait ").nth(1)?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let rest = &after[digits.len()..];
    rest.trim_start().starts_with("second").then(|| digits.parse().ok()).flatten()
}

/// `HH:MM:SS UTC` of a moment, for "retry after" messages.
pub fn format_time(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let day = secs % 86_400;
    format!("{:02}:{:02}:{:02} UTC", day / 3600, (day / 60) % 60, day % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn rate_limit_waits() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        let mut headers = HeaderMap::new();
        assert_eq!(rate_limit_wait(&headers, "", now), None);
        assert_eq!(
            rate_limit_wait(
                &headers,
                "Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again.",
                now
            ),
            Some(Duration::from_secs(42))
        );
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("1002500"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::from_millis(2500)));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("999000"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::ZERO));
        headers.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::from_secs(7)));
        headers.insert("retry-after", HeaderValue::from_static("-1"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::ZERO));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("garbage"));
        assert_eq!(rate_limit_wait(&headers, "wait soon", now), None);
    }

    #[test]
    fn retry_after_accepts_an_http_date() {
        let now = UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("Wed, 21 Oct 2015 07:28:10 GMT"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::from_secs(10)));
        headers.insert("retry-after", HeaderValue::from_static("Wed, 21 Oct 2015 07:27:00 GMT"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::ZERO), "a past date");
        headers.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(rate_limit_wait(&headers, "", now), None, "garbage");
    }

    #[test]
    fn times_are_shown_in_utc() {
        assert_eq!(format_time(UNIX_EPOCH + Duration::from_secs(3_600 + 61)), "01:01:01 UTC");
    }

    proptest! {
            #[test]
            fn rate_limit_parsing_never_panics_and_is_capped(retry_after in ".{0,40}", reset in ".{0,30}", text in ".{0,120}", now in 0u64..4_000_000_000) {
                let mut headers = HeaderMap::new();
                if let Ok(value) = HeaderValue::from_str(&retry_after) {
                    headers.insert("retry-after", value);
                }
                if let Ok(value) = HeaderValue::from_str(&reset) {
                    headers.insert("x-ratelimit-reset", value);
                }
                let now = UNIX_EPOCH + Duration::from_secs(now);
                if let Some(wait) = rate_limit_wait(&headers, &text, now) {
                    prop_assert!(wait <= MAX_RATE_LIMIT_WAIT);
                }
            }

    }
}
