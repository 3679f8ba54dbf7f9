//! A shared view of the server's rate limits, per route: when one request is told to wait, the
//! others on the same route (other threads of `apply --parallel`, other clients for the same
//! server) wait with it instead of each earning a 429 of its own.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct RouteGate {
    /// Route path → when its limit lifts.
    until: Mutex<HashMap<String, Instant>>,
}

impl RouteGate {
    /// The route is limited until `until` (a later time already known wins).
    pub fn close(&self, route: &str, until: Instant) {
        let mut map = self.until.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = map.entry(route.to_owned()).or_insert(until);
        *entry = (*entry).max(until);
    }

    /// How long a request to `route` must still wait; `None` when it may go now.
    pub fn wait(&self, route: &str, now: Instant) -> Option<Duration> {
        let map = self.until.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(route).and_then(|until| until.checked_duration_since(now)).filter(|d| !d.is_zero())
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
}
