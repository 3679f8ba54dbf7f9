//! The stand-in Rocket.Chat server: a stateful, in-process imitation of the REST endpoints
//! rocketctl uses, built from the server's own source (see `docs/server.md`). It keeps users, tokens, settings and a log of every request, so tests
//! assert what was sent and what the server ended up with, not only what rocketctl printed.

#![allow(dead_code)] // each test binary and the example use a different part of it

pub mod http;
pub mod multipart;
pub mod rocketchat;
pub mod schema;
pub mod tls;
pub mod totp;

use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;

pub use rocketchat::{Fault, Mode, State, User};

use http::{Handler, HttpServer, Request};

/// A running stand-in server on 127.0.0.1.
pub struct StandIn {
    state: Arc<Mutex<State>>,
    server: HttpServer,
    scheme: &'static str,
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
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
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
        Self::serve(state, port, None)
    }

    /// The same server over HTTPS with the given certificate.
    pub fn start_tls(mode: Mode, tls: &tls::TestTls) -> Self {
        Self::serve(State::new(mode), 0, Some(Arc::clone(&tls.server_config)))
            .expect("bind the HTTPS stand-in")
    }

    fn serve(
        state: State,
        port: u16,
        tls: Option<Arc<rustls::ServerConfig>>,
    ) -> std::io::Result<Self> {
        let scheme = if tls.is_some() { "https" } else { "http" };
        let state = Arc::new(Mutex::new(state));
        let shared = Arc::clone(&state);
        let handler: Handler =
            Arc::new(move |request: &Request| rocketchat::handle(&shared, request));
        let server = HttpServer::bind_with(port, handler, tls)?;
        Ok(Self { state, server, scheme })
    }

    /// Base URL, with the path prefix if one is set.
    pub fn url(&self) -> String {
        format!("{}://{}{}", self.scheme, self.server.addr, self.state().prefix)
    }

    pub fn port(&self) -> u16 {
        self.server.addr.port()
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn add_user(&self, user: User) -> String {
        self.state().add_user(user)
    }

    pub fn user(&self, username: &str) -> User {
        self.state().find_by_username(username).cloned().expect("the user exists")
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
        self.requests().into_iter().filter(|r| r.path.ends_with(&format!("/{endpoint}"))).collect()
    }

    /// The next `times` requests to `endpoint` meet `fault`.
    pub fn inject(&self, endpoint: &str, fault: Fault, times: usize) {
        self.inject_after(endpoint, 0, fault, times);
    }

    /// Like [`Self::inject`], after `skip` requests to `endpoint` went through untouched.
    pub fn inject_after(&self, endpoint: &str, skip: usize, fault: Fault, times: usize) {
        self.state().faults.push(rocketchat::FaultRule {
            endpoint: endpoint.to_owned(),
            fault,
            skip,
            times,
        });
    }

    /// Codes "e-mailed" by the email two-factor method, newest last.
    pub fn outbox(&self) -> Vec<(String, String)> {
        self.state().outbox.clone()
    }
}
