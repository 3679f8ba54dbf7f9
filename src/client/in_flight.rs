//! What a signal says about a change the client is sending (docs/security.md F12, G9): every
//! change passes through [`super::Client::send_for_reply`], which marks it while it is on its
//! way (outcome unknown: what to check) and while it waits to be sent again (nothing was
//! changed). The words come from the caller that knows the change (`interrupt::changing`), or
//! else name the method and endpoint.

use crate::interrupt::{self, About, InFlight};
use crate::output::Output;

/// The hint of a change nobody named (`rocketctl api -X POST …`).
const CHECK_ANY: &str = "check on the server whether it was applied before sending it again";

/// A change being sent, in words.
#[derive(Debug)]
pub struct Change(About);

impl Change {
    /// The change `request` makes, if it makes one.
    pub fn of(request: &super::Request<'_>) -> Option<Self> {
        if !request.changes {
            return None;
        }
        let about = interrupt::about_this_change().unwrap_or_else(|| About {
            what: format!("{} {}", request.method, request.path),
            hint: CHECK_ANY.to_owned(),
        });
        Some(Self(about))
    }

    /// On its way: a signal now leaves its outcome unknown.
    pub fn sent(&self, out: &Output) -> InFlight {
        out.change_in_flight(&self.0.what, &self.0.hint)
    }

    /// Waiting out a rate limit (a 429 or another request's): the server has not applied it.
    pub fn waits(&self, out: &Output) -> InFlight {
        out.change_not_sent(&self.0.what, "waiting out a rate limit")
    }

    /// Waiting to send it again after it never reached the server.
    pub fn retries(&self, out: &Output) -> InFlight {
        out.change_not_sent(&self.0.what, "waiting to try again")
    }
}
