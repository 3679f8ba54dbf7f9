//! The stand-in Rocket.Chat server: a stateful, in-process imitation of the REST endpoints
//! rocketctl uses, built from the server's own source (see the project's CONTRACT notes in
//! `tests/README.md`). It keeps users, tokens, settings and a log of every request, so tests
//! assert what was sent and what the server ended up with, not only what rocketctl printed.

#![allow(dead_code)] // each test binary and the example use a different part of it

pub mod http;
pub mod rocketchat;
pub mod schema;
pub mod totp;

use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;

pub use rocketchat::{Fault, Mode, State, User};

use http::{Handler, HttpServer, Request};

/// A running stand-in server on 127.0.0.1.
pub struct StandIn {
    state: Arc<Mutex<State>>,
    server: HttpServer,
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

impl StandIn {
    pub fn start(mode: Mode) -> Self {
        Self::start_with(State::new(mode), 0)
    }

    pub fn start_with(state: State, port: u16) -> Self {
        Self::try_start_with(state, port).expect("bind the stand-in server on loopback")
    }

    pub fn try_start_with(state: State, port: u16) -> std::io::Result<Self> {
        let state = Arc::new(Mutex::new(state));
        let shared = Arc::clone(&state);
        let handler: Handler =
            Arc::new(move |request: &Request| rocketchat::handle(&shared, request));
        let server = HttpServer::bind(port, handler)?;
        Ok(Self { state, server })
    }

    /// Base URL, with the path prefix if one is set.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.server.addr, self.state().prefix)
    }

    pub fn port(&self) -> u16 {
        self.server.addr.port()
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn add_user(&self, user: User) -> String {
        self.state().add_user(user)
    }

    pub fn user(&self, username: &str) -> User {
        self.state()
            .find_by_username(username)
            .cloned()
            .expect("the user exists")
    }

    /// Log a user in directly (as another session would) and return their token.
    pub fn token_for(&self, username: &str) -> String {
        self.state().issue_token(username)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state().log.clone()
    }

    /// Requests to one endpoint, e.g. `users.updateOwnBasicInfo` or `login`.
    pub fn requests_to(&self, endpoint: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.path.ends_with(&format!("/{endpoint}")))
            .collect()
    }

    pub fn settings(&self) -> MutexGuard<'_, State> {
        self.state()
    }

    /// The next `times` requests to `endpoint` meet `fault`.
    pub fn inject(&self, endpoint: &str, fault: Fault, times: usize) {
        self.state().faults.push(rocketchat::FaultRule {
            endpoint: endpoint.to_owned(),
            fault,
            times,
        });
    }

    /// Codes "e-mailed" by the email two-factor method, newest last.
    pub fn outbox(&self) -> Vec<(String, String)> {
        self.state().outbox.clone()
    }
}
