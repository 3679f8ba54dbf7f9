//! What the stand-in server does, endpoint by endpoint, in Rocket.Chat's order of checks:
//! auth → rate limit → body schema → permissions → 2FA → settings → field rules → writes.
//!
//! Behaviour follows Rocket.Chat 6.3, 7.x and 8.x (8.7) from their source, with 2.x for the
//! profile update; each file names the versions it follows, and [`Mode`] picks one.

mod admin;
mod admin_writes;
mod auth;
mod avatar;
mod custom_fields;
mod docs;
mod email_two_factor;
mod flight;
mod hostile;
mod limits;
mod method_call;
mod permission_defaults;
mod permission_routes;
mod permissions;
mod preferences;
mod presence;
mod profile;
mod profile_writes;
mod roles;
mod routes;
mod settings;
mod settings_admin;
mod settings_registry;
mod settings_typed;
mod state;
mod tokens;
mod totp_enrolment;
mod totp_routes;
mod two_factor;
mod user;
mod user_checks;
mod user_update;
mod util;

#[allow(unused_imports)] // each test binary and the example use a different part
pub use presence::cut_status_text;
#[allow(unused_imports)]
pub use settings::public_settings;
#[allow(unused_imports)]
pub use state::{CustomFieldsWrite, Fault, FaultRule, PasswordPolicy, ServerSettings, State};
use std::sync::{Arc, Mutex};
#[allow(unused_imports)]
pub use user::{Avatar, LONG_AGO_MS, PersonalToken, TokenInfo, User};
#[allow(unused_imports)]
pub use util::{hash_token, sha256_hex};

use super::Recorded;
use super::http::{Reply, Request, Response};

/// Which server generation to imitate (docs/server.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// ≤2.x: no 2FA; the method itself checks `currentPassword` (`error-invalid-password`).
    V2,
    /// 6.3: schema without `bio`/`statusType`, Restivus 401 body, raw user in answers.
    V6_3,
    /// 7.x: raw user document (services, bcrypt, token hashes) in the update answer.
    V7,
    /// 8.x: sanitized user, `bio`/`nickname` clearable, 1 profile update a minute.
    V8,
}

impl Mode {
    pub fn version(self) -> &'static str {
        match self {
            Self::V2 => "2.4",
            Self::V6_3 => "6.3",
            Self::V7 => "7.4",
            Self::V8 => "8.7",
        }
    }

    pub fn schema_version(self) -> &'static str {
        match self {
            Self::V2 | Self::V6_3 => "6.3.0",
            Self::V7 => "7.0.0",
            Self::V8 => "8.8.1",
        }
    }

    fn has_success_on_401(self) -> bool {
        matches!(self, Self::V7 | Self::V8)
    }
}

// ------------------------------------------------------------------------------------------
// Dispatch

pub fn handle(shared: &Arc<Mutex<State>>, request: &Request) -> Reply {
    let flight =
        Arc::clone(&shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner).flight);
    let in_flight = flight.enter();
    let reply = handle_counted(shared, request, in_flight);
    flight.leave();
    reply
}

fn handle_counted(shared: &Arc<Mutex<State>>, request: &Request, in_flight: usize) -> Reply {
    let (fault, flight, latency) = {
        let mut state = shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        state.log.push(Recorded {
            method: request.method.clone(),
            path: request.path.clone(),
            query: request.query.clone().unwrap_or_default(),
            headers: request.headers.clone(),
            body: request.body_text(),
            bytes: request.body.clone(),
            in_flight,
        });
        (state.take_fault(&request.path), Arc::clone(&state.flight), state.settings.latency)
    };
    flight.wait(&request.path);
    if !latency.is_zero() {
        std::thread::sleep(latency);
    }
    let act = || {
        let mut state = shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        routes::route(&mut state, request)
    };
    match fault {
        None => Reply::Send(act()),
        Some(Fault::DropBeforeApply) => Reply::Drop,
        Some(Fault::DropAfterApply) => {
            let _ = act();
            Reply::Drop
        }
        Some(Fault::Hang(time)) => Reply::Hang(time),
        Some(Fault::Delay(time)) => {
            std::thread::sleep(time);
            Reply::Send(act())
        }
        Some(Fault::Html502) => Reply::Send(html_502()),
        Some(Fault::Html502AfterApply) => {
            let _ = act();
            Reply::Send(html_502())
        }
        Some(Fault::NonJson200) => Reply::Send(Response::text(
            200,
            "text/html; charset=utf-8",
            "<html><head><title>Sign in to the hotel Wi-Fi</title></head><body>Accept the terms</body></html>",
        )),
        Some(Fault::Redirect { status, location }) => Reply::Send(
            Response::text(status, "text/plain", "Moved").with_header("Location", &location),
        ),
        Some(Fault::Respond { status, content_type, body, headers }) => {
            let mut response = Response::text(status, &content_type, &body);
            response.headers.extend(headers);
            Reply::Send(response)
        }
        Some(Fault::Truncated) => Reply::Truncated {
            response: Response::text(200, "application/json", "{\"success\":tr"),
            declared: 100,
        },
        Some(Fault::Drip(every)) => Reply::Drip { response: act(), every, head_first: false },
        Some(Fault::DripBody(every)) => Reply::Drip { response: act(), every, head_first: true },
        Some(Fault::Echo { status, html }) => {
            let acted = (status == 200).then(act);
            Reply::Send(hostile::echo(request, status, html, acted))
        }
        Some(Fault::Huge(size)) => Reply::Huge(size),
    }
}

pub(super) fn html_502() -> Response {
    Response::text(
        502,
        "text/html",
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    )
}
