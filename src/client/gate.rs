//! A shared view of the server's rate limits, per route: when one request is told to wait, the
//! others on the same route (other threads of `apply --parallel`, other clients for the same
//! server) wait with it instead of each earning a 429 of its own.
//!
//! Before that, it paces each route by the server's own count (`pace.rs`): a request waits
//! while the answers so far say the route has no calls left, so that a fleet run meets no 429
//! the headers could have spared it.
//!
//! It also keeps the command's wait clock: `--max-wait` bounds the wall-clock time the command
//! spends waiting for rate limits (docs/cli.md). Workers waiting through the same second count
//! it once, so `apply --parallel 16` has the same budget as a single command.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::pace::{Pace, Turn, Window, now_ms, until};

#[derive(Debug, Default)]
pub struct RouteGate {
    /// Route path → when its limit lifts.
    until: Mutex<HashMap<String, Instant>>,
    waits: Mutex<WaitClock>,
    /// `METHOD path` → its pace, as the server counts calls.
    paces: Mutex<HashMap<String, Pace>>,
    /// Told whenever an answer comes, for requests waiting on the ones in flight.
    answered: Condvar,
}

/// What a request must do before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pacing {
    /// It was counted in flight: send it, then [`RouteGate::answered`] or [`RouteGate::lost`].
    Send,
    /// The route has no calls left until its window ends: sleep this long, then ask again.
    /// `first` is true for the one request that tells (the others wait quietly).
    Sleep { wait: Duration, first: bool },
}

/// How long a request waits at most for answers in flight before it looks again.
const ANSWER_WAIT: Duration = Duration::from_millis(500);

/// The union of every wait so far: how long it covers, and when the latest one ends.
#[derive(Debug, Default)]
struct WaitClock {
    covered: Duration,
    until: Option<Instant>,
}

impl WaitClock {
    /// What a wait of `sleep` from `now` adds to the time covered: only what no other wait
    /// already covers.
    fn cost(&self, now: Instant, sleep: Duration) -> Duration {
        let start = self.until.map_or(now, |until| until.max(now));
        (now + sleep).saturating_duration_since(start)
    }
}

impl RouteGate {
    /// The route is limited until `until` (a later time already known wins).
    pub fn close(&self, route: &str, until: Instant) {
        let mut map = self.until.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = map.entry(route.to_owned()).or_insert(until);
        *entry = (*entry).max(until);
    }

    /// How long a request to `route` must still wait; `None` when it may go now.
    pub fn wait(&self, route: &str, now: Instant) -> Option<Duration> {
        let map = self.until.lock().unwrap_or_else(PoisonError::into_inner);
        map.get(route).and_then(|until| until.checked_duration_since(now)).filter(|d| !d.is_zero())
    }

    /// Whether a request to `route` may be sent now; waits here (briefly) while answers in
    /// flight will tell. `margin` is added to a window's end (the server's clock is not ours).
    pub fn pace(&self, route: &str, margin: Duration) -> Pacing {
        let margin_ms = margin.as_millis() as u64;
        let mut paces = self.paces.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            let now = now_ms();
            let pace = paces.entry(route.to_owned()).or_default();
            match pace.turn(now, margin_ms) {
                Turn::Go => {
                    pace.sent();
                    return Pacing::Send;
                }
                Turn::WindowEnds { at_ms } => {
                    let first = pace.announce(at_ms);
                    return Pacing::Sleep { wait: until(now, at_ms), first };
                }
                Turn::AnswerDue { until_ms } => {
                    // Bounded, so a window that ends meanwhile is noticed.
                    let wait = until_ms.map_or(ANSWER_WAIT, |at| until(now, at).min(ANSWER_WAIT));
                    paces = self
                        .answered
                        .wait_timeout(paces, wait.max(Duration::from_millis(1)))
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
            }
        }
    }

    /// The answer to a request [`Pacing::Send`] let go, with the window its headers described.
    pub fn answered(&self, route: &str, said: Option<Window>) {
        let mut paces = self.paces.lock().unwrap_or_else(PoisonError::into_inner);
        paces.entry(route.to_owned()).or_default().answered(said);
        self.answered.notify_all();
    }

    /// A request [`Pacing::Send`] let go got no answer.
    pub fn lost(&self, route: &str) {
        let mut paces = self.paces.lock().unwrap_or_else(PoisonError::into_inner);
        paces.entry(route.to_owned()).or_default().lost();
        self.answered.notify_all();
    }

    /// Book a wait of `sleep` from `now` on the command's wait clock, if the time spent waiting
    /// stays within `max_wait`; false, with nothing booked, when it would not.
    pub fn book_wait(&self, now: Instant, sleep: Duration, max_wait: Duration) -> bool {
        let mut clock = self.waits.lock().unwrap_or_else(PoisonError::into_inner);
        let covered = clock.covered + clock.cost(now, sleep);
        if covered > max_wait {
            return false;
        }
        clock.covered = covered;
        clock.until = Some(clock.until.map_or(now + sleep, |until| until.max(now + sleep)));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_route_waits_until_the_latest_time_and_others_do_not() {
        let gate = RouteGate::default();
        let now = Instant::now();
        assert_eq!(gate.wait("api/v1/users.update", now), None);
        gate.close("api/v1/users.update", now + Duration::from_secs(5));
        gate.close("api/v1/users.update", now + Duration::from_secs(2));
        assert_eq!(gate.wait("api/v1/users.update", now), Some(Duration::from_secs(5)));
        assert_eq!(gate.wait("api/v1/users.create", now), None);
        assert_eq!(gate.wait("api/v1/users.update", now + Duration::from_secs(6)), None);
    }

    #[test]
    fn waits_at_the_same_time_count_once_and_waits_one_after_another_add_up() {
        let gate = RouteGate::default();
        let now = Instant::now();
        let secs = Duration::from_secs;
        let max = secs(10);
        // Sixteen workers told to wait the same 4 s: 4 s of the budget, not 64.
        for _ in 0..16 {
            assert!(gate.book_wait(now, secs(4), max));
        }
        // One that starts within those 4 s and ends 2 s later adds those 2 s.
        assert!(gate.book_wait(now + secs(3), secs(3), max));
        // 6 s spent; 5 more in a row do not fit, 4 do.
        assert!(!gate.book_wait(now + secs(7), secs(5), max));
        assert!(gate.book_wait(now + secs(7), secs(4), max));
        assert!(!gate.book_wait(now + secs(20), Duration::from_millis(1), max), "all spent");
    }
}
