//! Pacing one route by the server's own count: a pure state machine over the `X-RateLimit-*`
//! headers of its answers and the requests in flight, so a command sends no request the server
//! has already said it will refuse. `gate.rs` keeps one per route and makes workers wait.
//!
//! Rocket.Chat counts calls per route and method in a fixed window (docs/server.md, rate
//! limits): every answer says how many calls are left (`X-RateLimit-Remaining`) and when the
//! window ends (`X-RateLimit-Reset`, epoch milliseconds). A request may go while fewer are in
//! flight than calls are left; when none are left, the next one waits for the window's end.
//! Before the first answer nothing is known, so one request goes alone and its answer tells;
//! an answer without the headers means this caller is not limited on the route.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// What one answer said about its route's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Calls a window allows (`X-RateLimit-Limit`), when the server says.
    pub limit: Option<u32>,
    /// Calls left in this window after this one.
    pub remaining: u32,
    /// When the window ends, in the server's epoch milliseconds.
    pub reset_ms: u64,
}

impl Window {
    /// The window an answer's headers describe; `None` without both `Remaining` and `Reset`.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let number = |name: &str| {
            headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok())
        };
        let remaining: u64 = number("x-ratelimit-remaining")?;
        Some(Self {
            limit: number("x-ratelimit-limit").and_then(|limit: u64| u32::try_from(limit).ok()),
            remaining: u32::try_from(remaining).unwrap_or(u32::MAX),
            reset_ms: number("x-ratelimit-reset")?,
        })
    }
}

/// Whether a request to the route may be sent now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    Go,
    /// Wait for an answer in flight: it tells what is left (at most until the given time).
    AnswerDue {
        until_ms: Option<u64>,
    },
    /// Nothing left in this window and nothing in flight: wait until the given time.
    WindowEnds {
        at_ms: u64,
    },
}

/// One route's pace.
#[derive(Debug, Default)]
pub struct Pace {
    window: Option<Window>,
    in_flight: u32,
    /// An answer came without the headers: this caller is not limited here.
    unlimited: bool,
    /// The end of the last window a wait was announced for.
    announced: Option<u64>,
}

impl Pace {
    /// May a request go at `now_ms`, `margin_ms` after a window's end counting as ended (the
    /// server's clock is not ours)?
    pub fn turn(&self, now_ms: u64, margin_ms: u64) -> Turn {
        if self.unlimited {
            return Turn::Go;
        }
        let Some(window) = self.window else {
            // Nothing known yet: one request finds out.
            return if self.in_flight == 0 { Turn::Go } else { Turn::AnswerDue { until_ms: None } };
        };
        let ends = window.reset_ms.saturating_add(margin_ms);
        // A window that ended gives a new one's calls (the server starts it on the next call).
        let left = if now_ms >= ends { window.limit.unwrap_or(1).max(1) } else { window.remaining };
        if self.in_flight < left {
            Turn::Go
        } else if self.in_flight > 0 {
            Turn::AnswerDue { until_ms: (now_ms < ends).then_some(ends) }
        } else {
            Turn::WindowEnds { at_ms: ends }
        }
    }

    /// Whether a wait for the window ending at `at_ms` is the first one (the one that says so).
    pub fn announce(&mut self, at_ms: u64) -> bool {
        let first = self.announced != Some(at_ms);
        self.announced = Some(at_ms);
        first
    }

    pub fn sent(&mut self) {
        self.in_flight += 1;
    }

    /// An answer came, with what its headers said (or nothing: not limited).
    pub fn answered(&mut self, said: Option<Window>) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let Some(said) = said else {
            self.unlimited = true;
            return;
        };
        self.unlimited = false;
        self.window = match self.window {
            // Answers of one window can come out of order: the fewest calls left is the latest.
            Some(known) if known.reset_ms == said.reset_ms => {
                Some(Window { remaining: known.remaining.min(said.remaining), ..known })
            }
            // An answer from a window that already ended tells nothing new.
            Some(known) if known.reset_ms > said.reset_ms => Some(known),
            _ => Some(said),
        };
    }

    /// No answer came (the request failed on the way): it tells nothing.
    pub fn lost(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }
}

/// Now, in epoch milliseconds (the unit of `X-RateLimit-Reset`).
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// From `now_ms` to `at_ms`.
pub fn until(now_ms: u64, at_ms: u64) -> Duration {
    Duration::from_millis(at_ms.saturating_sub(now_ms))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn window(remaining: u32, reset_ms: u64) -> Option<Window> {
        Some(Window { limit: Some(3), remaining, reset_ms })
    }

    #[test]
    fn the_headers_give_the_window_and_a_missing_one_gives_none() {
        let mut headers = HeaderMap::new();
        assert_eq!(Window::from_headers(&headers), None);
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("10"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("4"));
        assert_eq!(Window::from_headers(&headers), None, "no reset");
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("1700000000123"));
        let said = Window { limit: Some(10), remaining: 4, reset_ms: 1_700_000_000_123 };
        assert_eq!(Window::from_headers(&headers), Some(said));
        headers.insert("x-ratelimit-limit", HeaderValue::from_static(""));
        assert_eq!(Window::from_headers(&headers).map(|w| w.limit), Some(None));
    }

    #[test]
    fn one_request_finds_out_and_no_headers_means_not_limited() {
        let mut pace = Pace::default();
        assert_eq!(pace.turn(0, 0), Turn::Go);
        pace.sent();
        assert_eq!(pace.turn(0, 0), Turn::AnswerDue { until_ms: None });
        pace.answered(None);
        pace.sent();
        pace.sent();
        assert_eq!(pace.turn(0, 0), Turn::Go, "not limited: any number at once");
    }

    #[test]
    fn no_more_go_than_are_left_and_the_last_one_waits_for_the_window_to_end() {
        let mut pace = Pace::default();
        pace.sent();
        pace.answered(window(2, 1_000));
        pace.sent();
        pace.sent();
        assert_eq!(pace.turn(100, 50), Turn::AnswerDue { until_ms: Some(1_050) });
        pace.answered(window(0, 1_000));
        // An answer sent earlier that says more is left changes nothing.
        pace.answered(window(1, 1_000));
        assert_eq!(pace.turn(200, 50), Turn::WindowEnds { at_ms: 1_050 });
        assert_eq!(pace.turn(1_050, 50), Turn::Go, "a new window");
        for _ in 0..3 {
            pace.sent();
        }
        assert_eq!(pace.turn(1_060, 50), Turn::AnswerDue { until_ms: None }, "its limit is 3");
        pace.answered(window(2, 61_000));
        pace.answered(window(0, 1_000));
        assert_eq!(pace.turn(1_070, 50), Turn::Go, "the late answer was the old window's");
        pace.lost();
        pace.lost();
        assert_eq!(pace.turn(1_070, 50), Turn::Go);
    }
}
