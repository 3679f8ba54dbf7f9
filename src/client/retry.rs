//! When to send a request again: a pure decision from the failure, what is left of the budget
//! and the clock, so it is tested without sleeping.

use std::time::{Duration, Instant};

use super::error::{ApiError, TransportKind};

/// Automatic retries of a request that is safe to repeat.
const MAX_RETRIES: u32 = 3;
/// Rate-limit waits within one request. `--max-wait` is what bounds the time; this only stops a
/// server that keeps answering 429 with no wait from being asked four times a second until
/// then. It is generous: under `apply --parallel` one request may be turned away again and again
/// while the others on its route get through, and exit 8 means "longer than `--max-wait`".
const MAX_RATE_LIMIT_WAITS: u32 = 20;
/// Extra wait after a rate limit's reset time, so clock skew does not earn a second 429.
pub const RATE_LIMIT_MARGIN: Duration = Duration::from_millis(250);
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Whether a request may be sent again after it may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// GETs: retried on connect errors, timeouts, 502/503/504 and 429.
    Safe,
    /// Changes and logins: resent only when never delivered (connect error) or after a 429.
    Unsafe,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Sleep this long, then send again: the server rate-limited us.
    WaitOut(Duration),
    /// Sleep this long, then send again: the failure was transient; `left` retries remain.
    Retry { sleep: Duration, left: u32 },
    /// Return the error.
    GiveUp,
}

/// The budget of one call: retries and rate-limit waits left, the backoff, and the deadline
/// all attempts share (`--timeout`, through connect, headers and body). Rate-limit waits move
/// the deadline on by what they slept. Whether a wait fits in `--max-wait` is not decided here:
/// the command's clients share one wait clock (`gate.rs`), because `--max-wait` bounds the
/// time the whole command spends waiting, however many calls wait at once. So a call ends
/// within `--max-wait` plus one `--timeout`.
#[derive(Debug)]
pub struct Budget {
    retries_left: u32,
    waits_left: u32,
    backoff: Duration,
    deadline: Instant,
    /// What an attempt needs at least: its connect timeout. A retry with less time left could
    /// hit the call's deadline while connecting, which would read as "maybe delivered".
    min_attempt: Duration,
    /// A fixed sleep between retries instead of the backoff schedule (tests).
    fixed_sleep: Option<Duration>,
}

impl Budget {
    pub fn new(now: Instant, timeout: Duration, fixed_sleep: Option<Duration>) -> Self {
        Self {
            retries_left: MAX_RETRIES,
            waits_left: MAX_RATE_LIMIT_WAITS,
            backoff: FIRST_BACKOFF,
            deadline: now + timeout,
            min_attempt: connect_timeout(timeout),
            fixed_sleep,
        }
    }

    /// A wait with other requests on a rate-limited route moves the deadline on, as a 429 of
    /// the call's own does.
    pub fn waited_with_others(&mut self, wait: Duration) {
        self.deadline += wait;
    }

    /// The time the next attempt may take, all of it: connect, headers and body.
    pub fn time_left(&self, now: Instant) -> Duration {
        self.deadline.saturating_duration_since(now)
    }

    /// What to do after `err`. A [`Next::WaitOut`] is a wait the caller must still fit into
    /// `--max-wait` (and give up with `err` when it does not).
    pub fn next(&mut self, repeat: Repeat, err: &ApiError, now: Instant) -> Next {
        if let ApiError::RateLimited { wait, .. } = err
            && self.waits_left > 0
        {
            // The route limiter answers 429 before the server acts, so sending again is safe.
            // (The e-mail limiter of 3.x–7.x fires inside the method, after earlier fields were
            // saved; the same body sets the same values again.)
            let sleep = *wait + RATE_LIMIT_MARGIN;
            self.waits_left -= 1;
            self.deadline += sleep;
            return Next::WaitOut(sleep);
        }
        let sleep = self.fixed_sleep.unwrap_or(self.backoff);
        if self.retries_left > 0
            && may_retry(repeat, err)
            && now + sleep + self.min_attempt <= self.deadline
        {
            self.retries_left -= 1;
            self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
            return Next::Retry { sleep, left: self.retries_left };
        }
        Next::GiveUp
    }
}

/// How long one connect may take: half the call's `--timeout`, at most 10 s, so a connect that
/// never completes is told apart from an answer that never came.
pub fn connect_timeout(timeout: Duration) -> Duration {
    (timeout / 2).min(Duration::from_secs(10))
}

fn may_retry(repeat: Repeat, err: &ApiError) -> bool {
    match repeat {
        Repeat::Safe => err.transient(),
        // Never delivered: the server cannot have acted on it.
        Repeat::Unsafe => matches!(
            err,
            ApiError::Transport {
                sent: false,
                kind: TransportKind::Connect | TransportKind::Timeout,
                ..
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    fn transport(sent: bool, kind: TransportKind) -> ApiError {
        ApiError::Transport {
            sent,
            kind,
            server: "h".into(),
            detail: String::new(),
            chain: String::new(),
        }
    }

    fn budget(now: Instant) -> Budget {
        Budget::new(now, Duration::from_secs(30), None)
    }

    fn limited(secs: u64) -> ApiError {
        ApiError::RateLimited {
            host: "h".into(),
            wait: Duration::from_secs(secs),
            retry_at: SystemTime::now(),
        }
    }

    #[test]
    fn a_rate_limit_wait_moves_the_deadline() {
        let now = Instant::now();
        let mut budget = Budget::new(now, Duration::from_secs(5), None);
        let first = budget.next(Repeat::Safe, &limited(3), now);
        assert_eq!(first, Next::WaitOut(Duration::from_secs(3) + RATE_LIMIT_MARGIN));
        assert_eq!(budget.time_left(now), Duration::from_secs(8) + RATE_LIMIT_MARGIN);
        budget.waited_with_others(Duration::from_secs(2));
        assert_eq!(budget.time_left(now), Duration::from_secs(10) + RATE_LIMIT_MARGIN);
    }

    #[test]
    fn safe_requests_back_off_then_give_up() {
        let now = Instant::now();
        let mut budget = budget(now);
        let err = transport(true, TransportKind::NoAnswer);
        let sleeps: Vec<Next> = (0..4).map(|_| budget.next(Repeat::Safe, &err, now)).collect();
        assert_eq!(
            sleeps,
            [
                Next::Retry { sleep: Duration::from_millis(500), left: 2 },
                Next::Retry { sleep: Duration::from_secs(1), left: 1 },
                Next::Retry { sleep: Duration::from_secs(2), left: 0 },
                Next::GiveUp,
            ]
        );
    }

    #[test]
    fn a_change_is_resent_only_when_it_never_left() {
        let now = Instant::now();
        let mut budget = budget(now);
        assert_eq!(
            budget.next(Repeat::Unsafe, &transport(true, TransportKind::Timeout), now),
            Next::GiveUp
        );
        assert!(matches!(
            budget.next(Repeat::Unsafe, &transport(false, TransportKind::Connect), now),
            Next::Retry { .. }
        ));
        assert_eq!(
            budget.next(Repeat::Safe, &transport(false, TransportKind::Tls), now),
            Next::GiveUp,
            "a TLS failure will not heal by itself"
        );
    }

    #[test]
    fn rate_limits_are_waited_out_a_bounded_number_of_times() {
        let now = Instant::now();
        let mut budget = budget(now);
        for _ in 0..MAX_RATE_LIMIT_WAITS {
            assert_eq!(
                budget.next(Repeat::Unsafe, &limited(2), now),
                Next::WaitOut(Duration::from_secs(2) + RATE_LIMIT_MARGIN)
            );
        }
        assert_eq!(budget.next(Repeat::Unsafe, &limited(2), now), Next::GiveUp);
    }

    #[test]
    fn no_retry_outlives_the_deadline() {
        let now = Instant::now();
        let mut budget = Budget::new(now, Duration::from_secs(1), None);
        let err = transport(false, TransportKind::Connect);
        assert!(matches!(budget.next(Repeat::Safe, &err, now), Next::Retry { .. }));
        let later = now + Duration::from_millis(900);
        assert_eq!(budget.next(Repeat::Safe, &err, later), Next::GiveUp);
    }
}
