//! The Rocket.Chat client: HTTP only. It sends a [`Request`] built by the API layer
//! (`src/api/`) to the server's base URL with the auth and two-factor headers, keeps to the
//! timeouts, never follows redirects, retries where that is safe, and turns every answer into
//! a JSON value or an [`ApiError`]. Commands never see reqwest or status codes.
//!
//! - `transport.rs`: the reqwest client, TLS, headers, bounded answers, transport errors
//! - `envelope.rs`: the pure classification of an answer into a value or an [`ApiError`]
//! - `retry.rs`, `rate_limit.rs`: pure decisions about sending again and waiting
//! - `gate.rs`, `pace.rs`: rate limits shared by every worker, each route paced by the
//!   server's `X-RateLimit-*` headers
//! - `trace.rs`: the `-v` trace and the redaction it relies on
//! - `error.rs`, `error_type.rs`: [`ApiError`], and Rocket.Chat's `errorType` and 2FA methods

mod envelope;
mod error;
mod error_type;
mod gate;
mod in_flight;
mod pace;
mod rate_limit;
mod request;
mod retry;
mod trace;
mod transport;

use std::io::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::blocking::Client as Http;
use serde_json::Value;

pub use crate::url::ServerUrl;
pub use error::ApiError;
pub use error_type::{ErrorType, TwoFactorMethod};
pub use rate_limit::format_time;
pub use request::{Description, Method, Request, Upload};
pub use trace::{REDACTED, redact_json};

use crate::exit::Failure;
use crate::output::Output;
use crate::secret::Secret;
use gate::{Pacing, RouteGate};
use in_flight::Change;
use retry::{Budget, Next, RATE_LIMIT_MARGIN};

const INSECURE: &str = "TLS certificate verification is disabled (--insecure); anyone on the \
    network can read your credentials";

/// What the client sends to prove who the user is. Not `Clone`: the token moves into the one
/// client that sends it.
#[derive(Debug)]
pub struct Credentials {
    pub user_id: String,
    pub token: Secret,
}

/// A second factor sent as `X-2fa-Method` / `X-2fa-Code` headers. Both are checked when it
/// is made, so building the request cannot fail on them later.
#[derive(Debug)]
pub struct TwoFactor {
    method: TwoFactorMethod,
    code: Secret,
    /// When the code was given: a TOTP code goes stale within a minute.
    given: Instant,
}

impl TwoFactor {
    pub fn new(method: TwoFactorMethod, code: Secret) -> Result<Self, Failure> {
        Self::check_code(&code)?;
        Ok(Self { method, code, given: Instant::now() })
    }

    pub fn method(&self) -> &TwoFactorMethod {
        &self.method
    }

    /// The code (or digest) itself, for a route that takes it in the body (`login`'s `code`).
    pub fn code(&self) -> &Secret {
        &self.code
    }

    /// Whether the code may have expired by now (`life` overrides the method's, for tests).
    fn expired(&self, life: Option<Duration>) -> bool {
        life.or_else(|| self.method.code_life()).is_some_and(|life| self.given.elapsed() > life)
    }

    /// A code must fit in a header: a code pasted with its line break (`$(cat code.txt)` of a
    /// CRLF file) is a usage error, told before anything is sent.
    pub fn check_code(code: &Secret) -> Result<(), Failure> {
        if code.expose().chars().any(char::is_control) {
            return Err(Failure::usage(
                "the two-factor code must not contain line breaks or other control characters",
            ));
        }
        Ok(())
    }
}

/// Everything about the connection that comes from flags and config.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub timeout: Duration,
    pub max_wait: Duration,
    pub ca_cert: Option<std::path::PathBuf>,
    pub insecure: bool,
    /// Test hook: fixed sleep between retries instead of the backoff schedule.
    pub retry_sleep: Option<Duration>,
    /// Test hook: how long a two-factor code lives, instead of its method's life.
    pub code_life: Option<Duration>,
}

pub struct Client {
    http: Http,
    server: ServerUrl,
    credentials: Option<Credentials>,
    options: ClientOptions,
    out: Output,
    /// Rate limits per route and the wait clock of `--max-wait`: shared with every client made
    /// from this one ([`Client::anonymous`]).
    gate: Arc<RouteGate>,
}

impl Client {
    pub fn new(
        server: ServerUrl,
        credentials: Option<Credentials>,
        options: ClientOptions,
        out: Output,
    ) -> anyhow::Result<Self> {
        if let Some(credentials) = &credentials {
            transport::check_credentials(credentials)?;
        }
        // From here on a signal ends the command with its exit code (Ctrl-C: 130) and says
        // what it knows of the changes in flight, never silently (docs/security.md G9).
        crate::interrupt::guard_terminal();
        let http = transport::build_http(&server, &options)?;
        if options.insecure {
            writeln!(out.warning(), "{INSECURE}")?;
        }
        if !server.is_https() && !server.is_loopback() {
            // Said before anything is sent, so it must not claim that anything was.
            writeln!(
                out.warning(),
                "{} is plain http: credentials sent to it travel unencrypted",
                server.host()
            )?;
        }
        Ok(Self { http, server, credentials, options, out, gate: Arc::default() })
    }

    /// A client for the same server and connection pool without credentials: for a probe login,
    /// without building a second HTTP client.
    pub fn anonymous(&self) -> Self {
        Self {
            http: self.http.clone(),
            server: self.server.clone(),
            credentials: None,
            options: self.options.clone(),
            out: self.out.clone(),
            gate: Arc::clone(&self.gate),
        }
    }

    pub fn server(&self) -> &ServerUrl {
        &self.server
    }

    pub fn user_id(&self) -> Option<&str> {
        self.credentials.as_ref().map(|c| c.user_id.as_str())
    }

    /// Whether the token this client sends ends with `part` (a personal access token's
    /// `lastTokenPart`), without handing the token out.
    pub fn token_ends_with(&self, part: &str) -> bool {
        !part.is_empty()
            && self.credentials.as_ref().is_some_and(|c| c.token.expose().ends_with(part))
    }

    /// Hand the credentials back, moving rather than copying the token.
    pub fn take_credentials(&mut self) -> Option<Credentials> {
        self.credentials.take()
    }

    pub fn set_credentials(&mut self, credentials: Credentials) -> anyhow::Result<()> {
        transport::check_credentials(&credentials)?;
        self.credentials = Some(credentials);
        Ok(())
    }

    /// The request as it would be sent, with secrets masked: for `--dry-run` and `-v`.
    pub fn describe(&self, request: &Request<'_>) -> Description {
        let mut headers = Vec::new();
        if let Some(credentials) = &self.credentials {
            headers.push(("X-User-Id", credentials.user_id.clone()));
            headers.push(("X-Auth-Token", REDACTED.to_owned()));
        }
        if let Some(two_factor) = request.two_factor {
            headers.push(("X-2fa-Method", two_factor.method.to_string()));
            headers.push(("X-2fa-Code", REDACTED.to_owned()));
        }
        // An upload is described, not shown: it is binary.
        let upload = request.upload.as_ref().map(|upload| {
            let what = format!("({} bytes of {})", upload.bytes.len(), upload.content_type);
            serde_json::json!({ upload.field: what })
        });
        let content_type =
            if upload.is_some() { "multipart/form-data" } else { "application/json" };
        Description {
            method: request.method,
            url: self.url(request),
            headers,
            content_type,
            body: request.body.as_ref().map(|body| redact_json(&request.mask(body))).or(upload),
        }
    }

    /// Send a request, waiting out rate limits and retrying where that is safe.
    pub fn send(&self, request: &Request<'_>) -> Result<Value, ApiError> {
        self.send_for_reply(request).map(|reply| reply.body)
    }

    /// [`Client::send`], keeping the status line and headers of the answer (`rocketctl api -i`).
    pub fn send_for_reply(&self, request: &Request<'_>) -> Result<Reply, ApiError> {
        let options = &self.options;
        let mut budget = Budget::new(Instant::now(), options.timeout, options.retry_sleep);
        let mut announced = false;
        let change = Change::of(request);
        loop {
            self.wait_with_others(request, change.as_ref(), &mut budget)?;
            let route = self.paced(request, change.as_ref(), &mut budget)?;
            let in_flight = change.as_ref().map(|change| change.sent(&self.out));
            let attempt = self.attempt(request, &route, budget.time_left(Instant::now()));
            drop(in_flight);
            let err = match attempt {
                Ok(value) => return Ok(value),
                Err(err) => err,
            };
            match budget.next(request.repeat, &err, Instant::now()) {
                Next::WaitOut(sleep) => {
                    let now = Instant::now();
                    // `--max-wait` bounds the command's time spent waiting, all calls together.
                    if !self.gate.book_wait(now, sleep, options.max_wait) {
                        self.trace_failure(&err);
                        return Err(err);
                    }
                    self.gate.close(&request.path, now + sleep);
                    // Marked before it is said, so a signal after the line finds the mark.
                    let _unsent = change.as_ref().map(|change| change.waits(&self.out));
                    if let ApiError::RateLimited { host, wait, retry_at } = &err {
                        self.out.progress(&format!(
                            "rate limited by {host}; waiting {}s (until {})",
                            wait.as_secs_f64().ceil(),
                            format_time(*retry_at)
                        ));
                    }
                    std::thread::sleep(sleep);
                    // A code that went stale during the wait is not sent (docs/security.md F9).
                    if let Some(two_factor) = request.two_factor
                        && two_factor.expired(options.code_life)
                    {
                        return Err(ApiError::CodeExpired { waited: sleep });
                    }
                }
                Next::Retry { sleep, .. } => {
                    // Said once per call: the final error names the cause, once.
                    if !announced && !self.out.quiet {
                        self.out.note_best_effort("retrying…");
                        announced = true;
                    }
                    self.trace_failure(&err);
                    // Only a change that never reached the server is sent again.
                    let _unsent = change.as_ref().map(|change| change.retries(&self.out));
                    std::thread::sleep(sleep);
                }
                Next::GiveUp => {
                    self.trace_failure(&err);
                    return Err(err);
                }
            }
        }
    }

    /// Wait while another request on this route is waiting out a rate limit; past
    /// `--max-wait`, give up as a rate-limited request would.
    fn wait_with_others(
        &self,
        request: &Request<'_>,
        change: Option<&Change>,
        budget: &mut Budget,
    ) -> Result<(), ApiError> {
        let now = Instant::now();
        let Some(wait) = self.gate.wait(&request.path, now) else {
            return Ok(());
        };
        // Within the wait that closed the route, so it costs the wait clock nothing more.
        if !self.gate.book_wait(now, wait, self.options.max_wait) {
            let retry_at = std::time::SystemTime::now() + wait;
            return Err(ApiError::RateLimited { host: self.server.host(), wait, retry_at });
        }
        budget.waited_with_others(wait);
        let _unsent = change.map(|change| change.waits(&self.out));
        self.out.progress(&format!(
            "waiting {}s for the rate limit on {}",
            wait.as_secs_f64().ceil(),
            request.path.rsplit('/').next().unwrap_or_default()
        ));
        std::thread::sleep(wait);
        Ok(())
    }

    /// Wait until the server's count lets a request to this route go (`pace.rs`); past
    /// `--max-wait`, give up as a rate-limited request would. The route's key, for
    /// [`Client::attempt`] to report the answer under.
    fn paced(
        &self,
        request: &Request<'_>,
        change: Option<&Change>,
        budget: &mut Budget,
    ) -> Result<String, ApiError> {
        let route = format!("{} {}", request.method, request.path);
        loop {
            let Pacing::Sleep { wait, first } = self.gate.pace(&route, RATE_LIMIT_MARGIN) else {
                return Ok(route);
            };
            let now = Instant::now();
            if !self.gate.book_wait(now, wait, self.options.max_wait) {
                let retry_at = std::time::SystemTime::now() + wait;
                return Err(ApiError::RateLimited { host: self.server.host(), wait, retry_at });
            }
            budget.waited_with_others(wait);
            if first {
                self.out.progress(&format!(
                    "the server allows no more calls to {} until {}; waiting {}s",
                    request.path.rsplit('/').next().unwrap_or_default(),
                    format_time(std::time::SystemTime::now() + wait),
                    wait.as_secs_f64().ceil()
                ));
            }
            let _unsent = change.map(|change| change.waits(&self.out));
            std::thread::sleep(wait);
        }
    }

    /// The bytes at `path` below the base URL (not a REST answer: an image), fetched with the
    /// credentials as cookies. Anything but a 200 is an unexpected response.
    pub fn get_bytes(&self, path: &str) -> Result<(String, Vec<u8>), ApiError> {
        let url = self.server.endpoint(path);
        let built = transport::build_cookie_get(&self.http, self.credentials.as_ref(), &url)?
            .timeout(self.options.timeout);
        if self.out.verbose {
            let _ = writeln!(self.out.trace(), "> GET {url}");
            let _ = writeln!(self.out.trace(), "> cookie: rc_uid=…; rc_token={REDACTED}");
        }
        let answer = transport::exchange(built, &self.server)?;
        let content_type = answer
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let _ = writeln!(
            self.out.trace(),
            "< {} ({content_type}, {} bytes)",
            answer.status,
            answer.body.len()
        );
        if answer.status != reqwest::StatusCode::OK {
            return Err(ApiError::Unexpected {
                status: answer.status.as_u16(),
                content_type,
                bytes: answer.body.len(),
                snippet: String::new(),
                server: self.server.host(),
            });
        }
        Ok((content_type, answer.body))
    }

    /// `-v`: the whole error chain of a failed attempt, which the message shortens to its cause.
    fn trace_failure(&self, err: &ApiError) {
        if let ApiError::Transport { chain, .. } = err {
            let _ = writeln!(self.out.trace(), "! {chain}");
        }
    }

    /// The full URL: base, path and the encoded query.
    fn url(&self, request: &Request<'_>) -> String {
        let url = self.server.endpoint(&request.path);
        if request.query.is_empty() {
            return url;
        }
        let query = ::url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&request.query)
            .finish();
        format!("{url}?{query}")
    }

    /// One exchange, all of it (connect, headers, body) within `time_left`; what the answer's
    /// headers say of the route's window goes to the gate under `route`.
    fn attempt(
        &self,
        request: &Request<'_>,
        route: &str,
        time_left: Duration,
    ) -> Result<Reply, ApiError> {
        let url = self.url(request);
        let built = transport::build_request(&self.http, self.credentials.as_ref(), request, &url)
            .inspect_err(|_| self.gate.lost(route))?
            .timeout(time_left);
        // The trace is best effort: a failed write to stderr must not fail the call.
        let _ = trace::trace_request(&self.out, &self.describe(request));
        let answer =
            transport::exchange(built, &self.server).inspect_err(|_| self.gate.lost(route))?;
        self.gate.answered(route, pace::Window::from_headers(&answer.headers));
        let parsed = envelope::is_json(&answer.headers)
            .then(|| serde_json::from_slice::<Value>(&answer.body).ok())
            .flatten();
        // Copied only when the trace is on and the request masks something.
        let masked = (self.out.verbose && !request.masked.is_empty())
            .then(|| parsed.as_ref().map(|json| request.mask(json)))
            .flatten();
        let _ = trace::trace_response(
            &self.out,
            answer.status,
            &answer.headers,
            masked.as_ref().or(parsed.as_ref()),
            answer.body.len(),
        );
        let body =
            envelope::classify(&self.server, answer.status, &answer.headers, parsed, &answer.body)?;
        Ok(Reply::new(&answer, body))
    }
}

/// A successful answer with its status line and headers. Headers that carry secrets
/// (`Set-Cookie`, tokens) are masked here, so no caller can print them by mistake.
#[derive(Debug)]
pub struct Reply {
    /// `HTTP/1.1 200 OK`
    pub status_line: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Reply {
    fn new(answer: &transport::Answer, body: Value) -> Self {
        let status = answer.status;
        let status_line = format!(
            "{:?} {} {}",
            answer.version,
            status.as_str(),
            status.canonical_reason().unwrap_or_default()
        );
        let headers = answer
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if trace::is_secret_header(name.as_str()) {
                    REDACTED.to_owned()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str().to_owned(), shown)
            })
            .collect();
        Self { status_line: status_line.trim_end().to_owned(), headers, body }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structs_holding_secrets_debug_without_them() {
        let credentials = Credentials { user_id: "u1".into(), token: Secret::new("CANARY-token") };
        let two_factor = TwoFactor {
            method: TwoFactorMethod::Totp,
            code: Secret::new("CANARY-code"),
            given: Instant::now(),
        };
        for text in
            [format!("{credentials:?}"), format!("{credentials:#?}"), format!("{two_factor:#?}")]
        {
            assert!(!text.contains("CANARY"), "{text}");
        }
    }

    #[test]
    fn a_code_with_a_control_character_is_refused_when_made() {
        for bad in ["123456\r\n", "123456\n", "12\u{1b}34"] {
            let err = TwoFactor::new(TwoFactorMethod::Totp, Secret::new(bad)).unwrap_err();
            assert_eq!(err.exit, crate::exit::Exit::Usage);
            assert!(!err.to_string().contains("12"), "{err}");
        }
        assert!(TwoFactor::new(TwoFactorMethod::Totp, Secret::new("123456")).is_ok());
    }

    #[test]
    fn the_description_masks_every_secret() {
        let server = ServerUrl::parse("http://127.0.0.1:9/chat").unwrap();
        let options = ClientOptions {
            timeout: Duration::from_secs(1),
            max_wait: Duration::from_secs(1),
            ca_cert: None,
            insecure: false,
            retry_sleep: None,
            code_life: None,
        };
        let credentials = Credentials { user_id: "u1".into(), token: Secret::new("CANARY-token") };
        let client = Client::new(server, Some(credentials), options, Output::default()).unwrap();
        let two_factor = TwoFactor {
            method: TwoFactorMethod::Email,
            code: Secret::new("CANARY-code"),
            given: Instant::now(),
        };
        let body =
            serde_json::json!({"data": {"currentPassword": "CANARY-digest", "name": "Jane"}});
        let request = Request::post("api/v1/x", &body)
            .unwrap()
            .with_two_factor(Some(&two_factor))
            .with_query("q", "a b&c");
        let described = client.describe(&request);
        let text = serde_json::to_string(&described).unwrap();
        assert!(!text.contains("CANARY"), "{text}");
        assert_eq!(described.url, "http://127.0.0.1:9/chat/api/v1/x?q=a+b%26c");
        assert_eq!(described.headers[0], ("X-User-Id", "u1".to_owned()));
        assert_eq!(described.headers[2], ("X-2fa-Method", "email".to_owned()));
        assert!(text.contains("Jane"));
    }
}
