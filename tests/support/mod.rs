//! The stand-in Rocket.Chat server: a stateful, in-process imitation of the REST endpoints
//! rocketctl uses, built from the server's own source (see `docs/server.md`). It keeps users, tokens, settings and a log of every request, so tests
//! assert what was sent and what the server ended up with, not only what rocketctl printed.

#![allow(dead_code)] // each test binary and the example use a different part of it

pub mod demo;
pub mod http;
pub mod multipart;
pub mod rocketchat;
pub mod schema;
pub mod tls;
pub mod totp;

use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;

pub use rocketchat::{Fault, Mode, PersonalToken, State, User};

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
    /// The path without the query string.
    pub path: String,
    /// The query string, undecoded ("" for none).
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body's exact bytes (an uploaded image is not text).
    pub bytes: Vec<u8>,
    /// Requests the server was handling when this one arrived, this one included.
    pub in_flight: usize,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// One query parameter, decoded, e.g. `offset` of a `users.list` page.
    pub fn param(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }

    /// The parts of a `multipart/form-data` body (empty when it is not one).
    pub fn parts(&self) -> Vec<multipart::Part> {
        let content_type = self.header("content-type").unwrap_or("");
        multipart::parse(content_type, &self.bytes).unwrap_or_default()
    }

    /// The part called `name` of a multipart body, e.g. `image`.
    pub fn part(&self, name: &str) -> Option<multipart::Part> {
        self.parts().into_iter().find(|part| part.name == name)
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

    /// Requests to `endpoint` wait until `in_flight` requests are in flight at once (or a
    /// bound of a few seconds passes), so a client's concurrency shows in the log.
    pub fn hold_until_in_flight(&self, endpoint: &str, in_flight: usize) {
        let flight = std::sync::Arc::clone(&self.state().flight);
        flight.hold(endpoint, in_flight);
    }

    /// Give `permission` to `role`, e.g. `grant("create-personal-access-tokens", "bot")`.
    pub fn grant(&self, permission: &str, role: &str) {
        self.state().grant(permission, role);
    }

    /// Take `permission` away from `role`.
    pub fn revoke(&self, permission: &str, role: &str) {
        self.state().revoke(permission, role);
    }

    /// Every route answers raw user documents (`services`, bcrypt, token hashes) from now on.
    pub fn raw_documents(&self) {
        self.state().settings.raw_documents = true;
    }

    /// What the server gets when it fetches `url` for `users.setAvatar {avatarUrl}`.
    pub fn serve_remote_avatar(&self, url: &str, status: u16, content_type: &str, bytes: &[u8]) {
        self.state()
            .remote_avatars
            .insert(url.to_owned(), (status, content_type.to_owned(), bytes.to_vec()));
    }

    /// The user's personal access tokens as stored: name, last six characters, bypass flag.
    pub fn personal_tokens(&self, username: &str) -> Vec<PersonalToken> {
        let state = self.state();
        let Some(user) = state.find_by_username(username) else { return Vec::new() };
        user.tokens
            .iter()
            .filter_map(|hashed| state.token_info(hashed).and_then(|info| info.pat.clone()))
            .collect()
    }

    /// Codes "e-mailed" by the email two-factor method, newest last.
    pub fn outbox(&self) -> Vec<(String, String)> {
        self.state().outbox.clone()
    }
}
