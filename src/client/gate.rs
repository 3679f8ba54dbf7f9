//! A shared view of the server's rate limits, per route: when one request is told to wait, the
//! others on the same route (other threads of `apply --parallel`, other clients for the same
//! server) wait with it instead of each earning a 429 of its own.
//!
//! It also keeps the command's wait clock: `--max-wait` bounds the wall-clock time the command
//! spends waiting for rate limits (docs/cli.md). Workers waiting through the same second count
//! it once, so `apply --parallel 16` has the same budget as a single command.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct RouteGate {
    /// Route path → when its limit lifts.
    until: Mutex<HashMap<String, Instant>>,
    waits: Mutex<WaitClock>,
}

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
