//! Requests in flight: how many the server is handling at once, recorded with each request, and
//! a hold that keeps requests to one endpoint waiting until a number of requests are in flight.
//! Together they show a client's concurrency structurally: with a hold of N, a client that
//! sends N at a time is seen with N in flight, and one that sends more is seen with more. A
//! hold gives up after a bound, so a client that sends fewer only runs slower.

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

/// How long a held request waits for the others at most.
const HOLD_BOUND: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
pub struct Flight {
    count: Mutex<usize>,
    changed: Condvar,
    hold: Mutex<Option<(String, usize)>>,
}

impl Flight {
    /// A request arrives: the number in flight, itself included.
    pub fn enter(&self) -> usize {
        let mut count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        *count += 1;
        self.changed.notify_all();
        *count
    }

    pub fn leave(&self) {
        let mut count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        *count -= 1;
        self.changed.notify_all();
    }

    /// From now on, requests to `endpoint` wait until `in_flight` requests are in flight.
    pub fn hold(&self, endpoint: &str, in_flight: usize) {
        *self.hold.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((format!("/{endpoint}"), in_flight));
    }

    /// Wait as the hold says for a request to `path` (at most [`HOLD_BOUND`]).
    pub fn wait(&self, path: &str) {
        let hold = self.hold.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let Some((_, wanted)) = hold.filter(|(endpoint, _)| path.ends_with(endpoint.as_str()))
        else {
            return;
        };
        let count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = self
            .changed
            .wait_timeout_while(count, HOLD_BOUND, |count| *count < wanted)
            .unwrap_or_else(PoisonError::into_inner);
    }
}
