//! The Rocket.Chat client: base URL + `/api/v1/...`, auth and two-factor headers, timeouts, no
//! redirects, retries where they are safe, and Rocket.Chat's error envelopes turned into
//! [`ApiError`]. Commands never see reqwest or status codes.

use std::fmt;
use std::io::Read;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::blocking::{Client as Http, RequestBuilder, Response};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use crate::error::{Exit, Failure, exit_for_error_type};
use crate::output::{Output, escape};
use crate::secret::Secret;

/// Larger response bodies are refused (a user record is a few KiB).
const MAX_BODY_BYTES: u64 = 1024 * 1024;
/// Automatic retries of a request that is safe to repeat.
const MAX_RETRIES: u32 = 3;
/// Rate-limit waits within one request, so a server that keeps answering 429 cannot hold us.
const MAX_RATE_LIMIT_WAITS: u32 = 5;
/// Longest rate-limit wait taken from a server's answer.
const MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(86_400);
/// Wait for a 429 that says nothing about when to come back.
const RATE_LIMIT_FALLBACK: Duration = Duration::from_secs(5);
/// Extra wait after a rate limit's reset time.
const RATE_LIMIT_MARGIN: Duration = Duration::from_millis(250);
/// JSON keys whose values never appear in the `-v` trace.
const SECRET_KEYS: &[&str] = &[
    "authToken",
    "token",
    "password",
    "currentPassword",
    "newPassword",
    "digest",
    "resume",
    "code",
    "services",
    "bcrypt",
    "hashedToken",
    "twoFactorCode",
];

/// A Rocket.Chat base URL: scheme, lowercase host, optional port and path prefix, no trailing
/// slash. A bare host means https.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl(Url);

impl ServerUrl {
    pub fn parse(input: &str) -> Result<Self, Failure> {
        let bad = |why: &str| Failure::usage(format!("invalid server URL: {why}"));
        if input.is_empty() {
            return Err(bad("it is empty"));
        }
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("it contains whitespace or control characters"));
        }
        let with_scheme =
            if input.contains("://") { input.to_owned() } else { format!("https://{input}") };
        let url = Url::parse(&with_scheme).map_err(|err| bad(&err.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad("the scheme must be https or http"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Failure::usage("credentials in the server URL are not allowed")
                .hint("log in with `rocketctl login --username NAME` instead"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("it must not have a query or fragment"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("it has no host"));
        }
        let mut url = url;
        let trimmed = url.path().trim_end_matches('/').to_owned();
        url.set_path(&trimmed);
        Ok(Self(url))
    }

    /// `<base>/api/v1/<endpoint>` or, for `info`, `<base>/api/info`.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}/{path}", self.as_str())
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    pub fn host(&self) -> String {
        let host = self.0.host_str().unwrap_or_default();
        match self.0.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    pub fn is_https(&self) -> bool {
        self.0.scheme() == "https"
    }

    pub fn is_loopback(&self) -> bool {
        match self.0.host() {
            Some(url::Host::Domain(name)) => name == "localhost" || name.ends_with(".localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        }
    }
}

impl fmt::Display for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the client sends to prove who the user is.
#[derive(Debug)]
pub struct Credentials {
    pub user_id: String,
    pub token: Secret,
}

/// A second factor sent as `X-2fa-Method` / `X-2fa-Code` headers.
#[derive(Debug)]
pub struct TwoFactor {
    pub method: String,
    pub code: Secret,
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
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{}", transport_message(*.sent, .kind, .server, .detail))]
    Transport { sent: bool, kind: TransportKind, server: String, detail: String },
    #[error("server redirected to {location} (HTTP {status}); refusing to follow with credentials")]
    Redirect { status: u16, location: String },
    #[error("authentication failed: {message}")]
    Unauthorized { message: String, code: Option<String>, details: Option<Value> },
    #[error("the server refused the request (HTTP 403): {message}")]
    Forbidden { message: String },
    #[error("{message}")]
    Rejected { error_type: Option<String>, message: String, details: Option<Value> },
    #[error("rate limited by {host}; retry after {}", format_time(*.retry_at))]
    RateLimited { host: String, wait: Duration, retry_at: SystemTime },
    #[error("unexpected {status} response ({content_type}, {bytes} bytes) from {server}{}", if .snippet.is_empty() { String::new() } else { format!(": {}", .snippet) })]
    Unexpected { status: u16, content_type: String, bytes: usize, snippet: String, server: String },
    #[error("malformed response from {server}: {detail}")]
    Malformed { server: String, detail: String },
    #[error("response too large from {server} (over 1 MiB)")]
    TooLarge { server: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    Connect,
    Tls,
    Timeout,
    NoAnswer,
}

fn transport_message(sent: bool, kind: &TransportKind, server: &str, detail: &str) -> String {
    let what = match (kind, sent) {
        (TransportKind::Connect, _) => "cannot connect to",
        (TransportKind::Tls, _) => "TLS handshake failed with",
        (TransportKind::Timeout, false) => "timed out connecting to",
        (TransportKind::Timeout, true) => "timed out waiting for an answer from",
        (TransportKind::NoAnswer, _) => "no answer from",
    };
    if detail.is_empty() {
        format!("{what} {server}")
    } else {
        format!("{what} {server}: {detail}")
    }
}

impl ApiError {
    pub fn exit(&self) -> Exit {
        match self {
            Self::Transport { .. } | Self::Redirect { .. } => Exit::Network,
            Self::Unauthorized { .. } => Exit::NotAuthenticated,
            Self::Forbidden { .. } => Exit::Refused,
            Self::Rejected { error_type: Some(error_type), .. } => exit_for_error_type(error_type),
            Self::Rejected { error_type: None, .. } => Exit::Refused,
            Self::RateLimited { .. } => Exit::RateLimited,
            Self::Unexpected { .. } | Self::Malformed { .. } | Self::TooLarge { .. } => {
                Exit::Failure
            }
        }
    }

    pub fn hints(&self) -> Vec<String> {
        match self {
            Self::Unauthorized { .. } => {
                vec!["the token is invalid or expired; run `rocketctl login`".to_owned()]
            }
            Self::Transport { kind: TransportKind::Tls, .. } => vec![
                "for a private certificate authority pass `--ca-cert FILE` (PEM)".to_owned(),
            ],
            Self::Redirect { location, .. } => vec![format!(
                "if the server moved, log in again with `rocketctl login --server {location}`"
            )],
            Self::RateLimited { .. } => vec![
                "Rocket.Chat limits calls per route and IP address (profile updates: one a minute); raise `--max-wait` to wait longer".to_owned(),
            ],
            _ => Vec::new(),
        }
    }

    /// A change may have reached the server: the request was sent and no clear answer came back.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            Self::Transport { sent: true, .. }
                | Self::Unexpected { .. }
                | Self::Malformed { .. }
                | Self::TooLarge { .. }
        )
    }

    pub fn error_type(&self) -> Option<&str> {
        match self {
            Self::Rejected { error_type, .. } => error_type.as_deref(),
            Self::Unauthorized { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    pub fn details(&self) -> Option<&Value> {
        match self {
            Self::Rejected { details, .. } | Self::Unauthorized { details, .. } => details.as_ref(),
            _ => None,
        }
    }

    /// Worth another try for a request that is safe to repeat (a GET).
    fn transient(&self) -> bool {
        match self {
            Self::Transport { kind, .. } => *kind != TransportKind::Tls,
            Self::Unexpected { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }
}

/// Whether a request may be sent again after it may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// GETs: retried on connect errors, timeouts, 502/503/504 and 429.
    Safe,
    /// Changes and logins: resent only when never delivered (connect error) or after a 429.
    Unsafe,
}

/// One prepared call.
pub struct Call<'a> {
    pub method: Method,
    pub path: &'a str,
    pub body: Option<&'a Value>,
    pub two_factor: Option<&'a TwoFactor>,
    pub repeat: Repeat,
}

pub struct Client {
    http: Http,
    server: ServerUrl,
    credentials: Option<Credentials>,
    options: ClientOptions,
    out: Output,
}

impl Client {
    pub fn new(
        server: ServerUrl,
        credentials: Option<Credentials>,
        options: ClientOptions,
        out: Output,
    ) -> anyhow::Result<Self> {
        if let Some(credentials) = &credentials {
            check_credentials(credentials)?;
        }
        let http = build_http(&server, &options)?;
        if options.insecure {
            out.warn("TLS certificate verification is disabled (--insecure); anyone on the network can read your credentials");
        }
        if !server.is_https() && !server.is_loopback() {
            out.warn(&format!("sending credentials over unencrypted http to {}", server.host()));
        }
        Ok(Self { http, server, credentials, options, out })
    }

    /// A client for the same server and connection pool without credentials: for a probe login,
    /// without building a second HTTP client.
    pub fn anonymous(&self) -> Self {
        Self {
            http: self.http.clone(),
            server: self.server.clone(),
            credentials: None,
            options: self.options.clone(),
            out: self.out,
        }
    }

    pub fn server(&self) -> &ServerUrl {
        &self.server
    }

    pub fn user_id(&self) -> Option<&str> {
        self.credentials.as_ref().map(|c| c.user_id.as_str())
    }

    pub fn set_credentials(&mut self, credentials: Credentials) -> anyhow::Result<()> {
        check_credentials(&credentials)?;
        self.credentials = Some(credentials);
        Ok(())
    }

    /// Hand the credentials back (a secret moves rather than being copied).
    pub fn take_credentials(&mut self) -> Option<Credentials> {
        self.credentials.take()
    }

    pub fn get(&self, path: &str) -> Result<Value, ApiError> {
        self.call(&Call {
            method: Method::GET,
            path,
            body: None,
            two_factor: None,
            repeat: Repeat::Safe,
        })
    }

    pub fn post(&self, path: &str, body: &Value) -> Result<Value, ApiError> {
        self.call(&Call {
            method: Method::POST,
            path,
            body: Some(body),
            two_factor: None,
            repeat: Repeat::Unsafe,
        })
    }

    /// Send a call, waiting out rate limits and retrying where that is safe.
    pub fn call(&self, call: &Call<'_>) -> Result<Value, ApiError> {
        let mut retries_left = MAX_RETRIES;
        let mut waits_left = MAX_RATE_LIMIT_WAITS;
        let mut backoff = Duration::from_millis(500);
        // Retries share one budget: the whole call gives up after `--timeout`.
        let deadline = std::time::Instant::now() + self.options.timeout;
        loop {
            match self.attempt(call) {
                Err(ApiError::RateLimited { host, wait, retry_at })
                    if wait <= self.options.max_wait && waits_left > 0 =>
                {
                    // The route limiter answers 429 before the server acts, so sending again is
                    // safe. (The e-mail limiter of 3.x–7.x fires inside the method, after earlier
                    // fields were saved; the same body sets the same values again.)
                    waits_left -= 1;
                    self.out.status(&format!(
                        "rate limited by {host}; waiting {}s (until {})",
                        wait.as_secs_f64().ceil(),
                        format_time(retry_at)
                    ));
                    // A little past the reset, so clock skew does not earn a second 429.
                    std::thread::sleep(wait + RATE_LIMIT_MARGIN);
                }
                Err(err)
                    if retries_left > 0
                        && self.may_retry(call.repeat, &err)
                        && std::time::Instant::now() + self.retry_sleep(backoff) < deadline =>
                {
                    retries_left -= 1;
                    self.out.status(&format!("retrying ({retries_left} left): {err}"));
                    std::thread::sleep(self.retry_sleep(backoff));
                    backoff = (backoff * 2).min(Duration::from_secs(10));
                }
                result => return result,
            }
        }
    }

    fn retry_sleep(&self, backoff: Duration) -> Duration {
        self.options.retry_sleep.unwrap_or(backoff)
    }

    fn may_retry(&self, repeat: Repeat, err: &ApiError) -> bool {
        match repeat {
            Repeat::Safe => err.transient(),
            // Never delivered: the server cannot have acted on it.
            Repeat::Unsafe => matches!(
                err,
                ApiError::Transport {
                    sent: false,
                    kind: TransportKind::Connect | TransportKind::Timeout,
                    ..
                }
            ),
        }
    }

    fn attempt(&self, call: &Call<'_>) -> Result<Value, ApiError> {
        let url = self.server.endpoint(call.path);
        let request = self.build_request(call, &url);
        self.trace_request(call, &url);
        let response = request.send().map_err(|err| self.transport_error(&err))?;
        self.read_response(response)
    }

    fn build_request(&self, call: &Call<'_>, url: &str) -> RequestBuilder {
        let mut request = self.http.request(call.method.clone(), url);
        if let Some(credentials) = &self.credentials {
            request = request
                .header("X-User-Id", plain_header(&credentials.user_id))
                .header("X-Auth-Token", sensitive_header(credentials.token.expose()));
        }
        if let Some(two_factor) = call.two_factor {
            request = request
                .header("X-2fa-Method", plain_header(&two_factor.method))
                .header("X-2fa-Code", sensitive_header(two_factor.code.expose()));
        }
        if let Some(body) = call.body {
            request = request.json(body);
        }
        request
    }

    fn read_response(&self, response: Response) -> Result<Value, ApiError> {
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        response
            .take(MAX_BODY_BYTES + 1)
            .read_to_end(&mut body)
            .map_err(|err| self.body_error(&err))?;
        if body.len() as u64 > MAX_BODY_BYTES {
            return Err(ApiError::TooLarge { server: self.server.host() });
        }
        let parsed =
            is_json(&headers).then(|| serde_json::from_slice::<Value>(&body).ok()).flatten();
        self.trace_response(status, &headers, parsed.as_ref(), body.len());
        self.classify(status, &headers, parsed, &body)
    }

    fn classify(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        json: Option<Value>,
        body: &[u8],
    ) -> Result<Value, ApiError> {
        if status.is_redirection() {
            return Err(ApiError::Redirect {
                status: status.as_u16(),
                location: self.redirect_target(headers),
            });
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            let text = json
                .as_ref()
                .map_or_else(|| String::from_utf8_lossy(body).into_owned(), envelope_message);
            let wait =
                rate_limit_wait(headers, &text, SystemTime::now()).unwrap_or(RATE_LIMIT_FALLBACK);
            return Err(ApiError::RateLimited {
                host: self.server.host(),
                wait,
                retry_at: SystemTime::now().checked_add(wait).unwrap_or_else(SystemTime::now),
            });
        }
        if status == StatusCode::UNAUTHORIZED {
            let json = json.unwrap_or(Value::Null);
            return Err(ApiError::Unauthorized {
                message: envelope_message(&json),
                code: json.get("error").and_then(Value::as_str).map(str::to_owned),
                details: json.get("details").cloned(),
            });
        }
        let Some(json) = json else {
            return Err(self.unexpected(status, headers, body));
        };
        if status == StatusCode::FORBIDDEN {
            return Err(ApiError::Forbidden { message: envelope_message(&json) });
        }
        let failed = json.get("success") == Some(&Value::Bool(false))
            || json.get("status").and_then(Value::as_str) == Some("error");
        if status.is_success() && !failed {
            return if json.is_object() {
                Ok(json)
            } else {
                Err(ApiError::Malformed {
                    server: self.server.host(),
                    detail: "expected a JSON object".into(),
                })
            };
        }
        if status == StatusCode::BAD_REQUEST || (status.is_success() && failed) {
            return Err(ApiError::Rejected {
                error_type: json.get("errorType").and_then(Value::as_str).map(str::to_owned),
                message: envelope_message(&json),
                details: json.get("details").cloned(),
            });
        }
        Err(self.unexpected(status, headers, body))
    }

    fn unexpected(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ApiError {
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_owned();
        let text = String::from_utf8_lossy(body);
        let snippet: String =
            text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect();
        ApiError::Unexpected {
            status: status.as_u16(),
            content_type: escape(&content_type),
            bytes: body.len(),
            snippet: escape(&snippet),
            server: self.server.host(),
        }
    }

    /// Where a redirect pointed, as origin and path only: never userinfo or query.
    fn redirect_target(&self, headers: &HeaderMap) -> String {
        let location = headers.get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("");
        match self.server.0.join(location) {
            Ok(mut url) => {
                let _ = url.set_username("");
                let _ = url.set_password(None);
                url.set_query(None);
                url.set_fragment(None);
                escape(url.as_str())
            }
            Err(_) => "an invalid location".to_owned(),
        }
    }

    /// reqwest's `is_connect` reliably means the request never reached the server.
    fn transport_error(&self, err: &reqwest::Error) -> ApiError {
        let detail = error_chain_text(err);
        let tls =
            detail.contains("certificate") || detail.contains("tls") || detail.contains("TLS");
        let (sent, kind) = match (err.is_connect(), err.is_timeout()) {
            (true, _) if tls => (false, TransportKind::Tls),
            (true, true) => (false, TransportKind::Timeout),
            (true, false) => (false, TransportKind::Connect),
            (false, true) => (true, TransportKind::Timeout),
            (false, false) => (true, TransportKind::NoAnswer),
        };
        ApiError::Transport { sent, kind, server: self.server.to_string(), detail }
    }

    fn body_error(&self, err: &std::io::Error) -> ApiError {
        let kind = if err.kind() == std::io::ErrorKind::TimedOut
            || err.to_string().contains("timed out")
        {
            TransportKind::Timeout
        } else {
            TransportKind::NoAnswer
        };
        ApiError::Transport {
            sent: true,
            kind,
            server: self.server.to_string(),
            detail: format!("the answer broke off: {}", escape(&err.to_string())),
        }
    }

    fn trace_request(&self, call: &Call<'_>, url: &str) {
        if !self.out.verbose {
            return;
        }
        self.out.trace(&format!("> {} {url}", call.method));
        self.out.trace(&format!("> user-agent: {}", user_agent()));
        if let Some(credentials) = &self.credentials {
            self.out.trace(&format!("> x-user-id: {}", credentials.user_id));
            self.out.trace("> x-auth-token: [REDACTED]");
        }
        if let Some(two_factor) = call.two_factor {
            self.out.trace(&format!("> x-2fa-method: {}", two_factor.method));
            self.out.trace("> x-2fa-code: [REDACTED]");
        }
        if let Some(body) = call.body {
            self.out.trace("> content-type: application/json");
            self.out.trace(&format!("> {}", redact_json(body)));
        }
    }

    fn trace_response(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        json: Option<&Value>,
        bytes: usize,
    ) {
        if !self.out.verbose {
            return;
        }
        self.out.trace(&format!("< {status}"));
        for (name, value) in headers {
            let shown = if is_secret_header(name.as_str()) {
                "[REDACTED]".to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            self.out.trace(&format!("< {name}: {shown}"));
        }
        match json {
            Some(json) => self.out.trace(&format!("< {}", redact_json(json))),
            None => self.out.trace(&format!("< ({bytes} bytes, not JSON)")),
        }
    }
}

fn build_http(server: &ServerUrl, options: &ClientOptions) -> anyhow::Result<Http> {
    // reqwest is built without a bundled crypto provider; ring is the smaller one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = Http::builder()
        .redirect(reqwest::redirect::Policy::none())
        .retry(reqwest::retry::never())
        .user_agent(user_agent())
        // Shorter than the total, so a connect that never completes is told apart from a
        // request that was sent and never answered (safe to resend versus outcome unknown).
        .connect_timeout((options.timeout / 2).min(Duration::from_secs(10)))
        .timeout(options.timeout)
        .referer(false);
    if server.is_https() {
        if let Some(path) = &options.ca_cert {
            let pem = crate::config::read_ca_cert(path)?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|_| {
                Failure::usage(format!("`{}` holds no PEM certificate", path.display()))
            })?;
            builder = builder.tls_certs_merge(certs);
        }
        if options.insecure {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
    } else {
        // Plain http never does a TLS handshake (and redirects are never followed), so skip
        // loading the system's root certificates: that is most of a short command's run time.
        let no_roots = rustls::ClientConfig::builder()
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth();
        builder = builder.tls_backend_preconfigured(no_roots);
    }
    builder.build().map_err(|err| {
        Failure::new(
            Exit::Failure,
            format!("cannot set up the HTTP client: {}", error_chain_text(&err)),
        )
        .into()
    })
}

/// `rocketctl/<version> (<os>)`: stable per version, because Rocket.Chat's two-factor
/// "remember me" keys on the user agent.
pub fn user_agent() -> String {
    format!("rocketctl/{} ({})", env!("CARGO_PKG_VERSION"), std::env::consts::OS)
}

fn plain_header(value: &str) -> HeaderValue {
    HeaderValue::from_str(value).expect("checked by check_header_value")
}

fn sensitive_header(value: &str) -> HeaderValue {
    let mut header = plain_header(value);
    header.set_sensitive(true);
    header
}

fn check_credentials(credentials: &Credentials) -> Result<(), Failure> {
    check_header_value("user id", &credentials.user_id)?;
    check_header_value("token", credentials.token.expose())
}

/// Header values must be visible ASCII: a token with CR/LF could inject headers.
fn check_header_value(what: &str, value: &str) -> Result<(), Failure> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Failure::usage(format!(
            "the {what} must be non-empty visible ASCII (no spaces, line breaks or control characters)"
        )));
    }
    Ok(())
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .is_some_and(|mime| mime == "application/json" || mime.ends_with("+json"))
}

fn is_secret_header(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "x-auth-token"
            | "x-2fa-code"
            | "authorization"
            | "cookie"
            | "set-cookie"
            | "proxy-authorization"
    )
}

/// The human part of a Rocket.Chat error envelope, escaped for the terminal.
fn envelope_message(json: &Value) -> String {
    let text = ["error", "message", "reason"]
        .iter()
        .find_map(|key| json.get(key).and_then(Value::as_str))
        .unwrap_or("no message");
    escape(&text.chars().take(500).collect::<String>())
}

/// A copy of a JSON document with every secret value replaced, for the `-v` trace.
pub fn redact_json(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let shown = if SECRET_KEYS.iter().any(|secret| secret.eq_ignore_ascii_case(key))
                    {
                        Value::String("[REDACTED]".into())
                    } else {
                        redact_json(value)
                    };
                    (key.clone(), shown)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

/// How long a 429 asks us to wait: `Retry-After` seconds, else Rocket.Chat's
/// `X-RateLimit-Reset` (epoch milliseconds), else the "wait N seconds" text of its message.
pub fn rate_limit_wait(headers: &HeaderMap, message: &str, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let until = |at: SystemTime| at.duration_since(now).unwrap_or(Duration::ZERO);
    let wait = if let Some(seconds) = header("retry-after").and_then(|v| v.parse::<u64>().ok()) {
        Some(Duration::from_secs(seconds))
    } else if let Some(at) = header("retry-after").and_then(|v| httpdate::parse_http_date(v).ok()) {
        Some(until(at))
    } else if let Some(reset_ms) = header("x-ratelimit-reset").and_then(|v| v.parse::<u64>().ok()) {
        UNIX_EPOCH.checked_add(Duration::from_millis(reset_ms)).map(until)
    } else {
        wait_seconds_in_text(message).map(Duration::from_secs)
    };
    // Anything past a day is as good as "give up"; the cap keeps time arithmetic from overflowing.
    wait.map(|wait| wait.min(MAX_RATE_LIMIT_WAIT))
}

/// "... You must wait 42 seconds before trying ..." → 42.
fn wait_seconds_in_text(message: &str) -> Option<u64> {
    let after = message.split("wait ").nth(1)?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let rest = &after[digits.len()..];
    rest.trim_start().starts_with("second").then(|| digits.parse().ok()).flatten()
}

/// `HH:MM:SS UTC` of a moment, for "retry after" messages.
pub fn format_time(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let day = secs % 86_400;
    format!("{:02}:{:02}:{:02} UTC", day / 3600, (day / 60) % 60, day % 60)
}

/// The error and its causes on one line, without the URL reqwest appends (it may carry a path
/// we print ourselves) and escaped for the terminal.
fn error_chain_text(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|seen| seen.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    if parts.is_empty() {
        parts.push(err.to_string());
    }
    escape(&parts.join(": "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_normalised() {
        let url = |s: &str| ServerUrl::parse(s).map(|u| u.to_string());
        assert_eq!(url("chat.example.com").unwrap(), "https://chat.example.com");
        assert_eq!(url("https://Chat.Example.com/chat/").unwrap(), "https://chat.example.com/chat");
        assert_eq!(url("http://127.0.0.1:3000/").unwrap(), "http://127.0.0.1:3000");
        assert_eq!(url("https://host:443").unwrap(), "https://host");
        assert!(url("https://u:p@host").is_err());
        assert!(url("https://host/?x=1").is_err());
        assert!(url("https://host/#frag").is_err());
        assert!(url("https://host/a b").is_err());
        assert!(url("https://host\n").is_err());
        assert!(url("ftp://host").is_err());
        assert!(url("").is_err());
    }

    #[test]
    fn international_hosts_become_punycode() {
        let url = ServerUrl::parse("https://чат.example/chat").unwrap();
        assert_eq!(url.as_str(), "https://xn--80a0bn.example/chat");
        assert_eq!(url.host(), "xn--80a0bn.example");
    }

    #[test]
    fn userinfo_error_does_not_echo_the_password() {
        let err = ServerUrl::parse("https://user:CANARY@host").unwrap_err();
        assert!(!err.to_string().contains("CANARY"));
    }

    #[test]
    fn endpoints_keep_the_path_prefix() {
        let base = ServerUrl::parse("https://host/chat/").unwrap();
        assert_eq!(base.endpoint("api/v1/me"), "https://host/chat/api/v1/me");
        assert_eq!(base.endpoint("api/info"), "https://host/chat/api/info");
        let bare = ServerUrl::parse("host").unwrap();
        assert_eq!(bare.endpoint("api/v1/login"), "https://host/api/v1/login");
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        assert!(ServerUrl::parse("http://localhost:3000").unwrap().is_loopback());
        assert!(ServerUrl::parse("http://127.0.0.2").unwrap().is_loopback());
        assert!(ServerUrl::parse("http://[::1]:3000").unwrap().is_loopback());
        assert!(!ServerUrl::parse("http://chat.example.com").unwrap().is_loopback());
    }

    #[test]
    fn redaction_covers_secret_fields_at_any_depth() {
        let body = serde_json::json!({
            "user": "jane",
            "password": {"digest": "abc", "algorithm": "sha-256"},
            "data": {"currentPassword": "d", "newPassword": "n", "email": "e@x"},
            "nested": [{"authToken": "t", "Token": "t2"}],
            "services": {"password": {"bcrypt": "$2b$"}}
        });
        let shown = redact_json(&body).to_string();
        for secret in ["abc", "\"d\"", "\"n\"", "\"t\"", "t2", "$2b$"] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
        assert!(shown.contains("e@x") && shown.contains("jane"));
    }

    #[test]
    fn secret_headers_are_recognised_in_any_case() {
        for name in ["X-Auth-Token", "x-2FA-code", "Authorization", "SET-COOKIE"] {
            assert!(is_secret_header(name), "{name}");
        }
        assert!(!is_secret_header("x-user-id"));
    }

    #[test]
    fn auth_headers_are_marked_sensitive() {
        let header = sensitive_header("CANARY-token");
        assert!(header.is_sensitive());
        assert!(!format!("{header:?}").contains("CANARY"));
    }

    #[test]
    fn structs_holding_secrets_debug_without_them() {
        let credentials = Credentials { user_id: "u1".into(), token: Secret::new("CANARY-token") };
        let two_factor = TwoFactor { method: "totp".into(), code: Secret::new("CANARY-code") };
        for text in
            [format!("{credentials:?}"), format!("{credentials:#?}"), format!("{two_factor:#?}")]
        {
            assert!(!text.contains("CANARY"), "{text}");
        }
    }

    /// Options for a client that never connects anywhere.
    fn offline_options() -> ClientOptions {
        ClientOptions {
            timeout: Duration::from_secs(1),
            max_wait: Duration::from_secs(1),
            ca_cert: None,
            insecure: false,
            retry_sleep: None,
        }
    }

    #[test]
    fn the_built_request_marks_auth_headers_sensitive() {
        let server = ServerUrl::parse("http://127.0.0.1:9").unwrap();
        let options = offline_options();
        let credentials = Credentials { user_id: "u1".into(), token: Secret::new("CANARY-token") };
        let client = Client::new(server, Some(credentials), options, Output::default()).unwrap();
        let two_factor = TwoFactor { method: "totp".into(), code: Secret::new("CANARY-code") };
        let call = Call {
            method: Method::GET,
            path: "api/v1/me",
            body: None,
            two_factor: Some(&two_factor),
            repeat: Repeat::Safe,
        };
        let request = client.build_request(&call, "http://127.0.0.1:9/api/v1/me").build().unwrap();
        let headers = format!("{:?}", request.headers());
        assert!(headers.contains("Sensitive"), "{headers}");
        assert!(!headers.contains("CANARY"), "{headers}");
    }

    #[test]
    fn header_injection_is_refused() {
        assert!(check_header_value("token", "abc\r\nX-Evil: 1").is_err());
        assert!(check_header_value("token", "a b").is_err());
        assert!(check_header_value("token", "").is_err());
        assert!(check_header_value("token", "abc-DEF_123").is_ok());
    }

    #[test]
    fn rate_limit_waits() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        let mut headers = HeaderMap::new();
        assert_eq!(rate_limit_wait(&headers, "", now), None);
        assert_eq!(
            rate_limit_wait(
                &headers,
                "Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again.",
                now
            ),
            Some(Duration::from_secs(42))
        );
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("1002500"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::from_millis(2500)));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("999000"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::ZERO));
        headers.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::from_secs(7)));
        headers.insert("retry-after", HeaderValue::from_static("-1"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::ZERO));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("garbage"));
        assert_eq!(rate_limit_wait(&headers, "wait soon", now), None);
    }

    #[test]
    fn retry_after_accepts_an_http_date() {
        let now = UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("Wed, 21 Oct 2015 07:28:10 GMT"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::from_secs(10)));
        headers.insert("retry-after", HeaderValue::from_static("Wed, 21 Oct 2015 07:27:00 GMT"));
        assert_eq!(rate_limit_wait(&headers, "", now), Some(Duration::ZERO), "a past date");
        headers.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(rate_limit_wait(&headers, "", now), None, "garbage");
    }

    #[test]
    fn times_are_shown_in_utc() {
        assert_eq!(format_time(UNIX_EPOCH + Duration::from_secs(3_600 + 61)), "01:01:01 UTC");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn offline_client() -> Client {
            let server = ServerUrl::parse("http://127.0.0.1:9").unwrap();
            Client::new(server, None, super::offline_options(), Output::default()).unwrap()
        }

        proptest! {
            #[test]
            fn url_normalisation_is_idempotent_and_drops_no_userinfo_check(input in ".{0,80}") {
                if let Ok(url) = ServerUrl::parse(&input) {
                    let again = ServerUrl::parse(url.as_str()).expect("a normalised URL parses");
                    prop_assert_eq!(again.as_str(), url.as_str());
                    prop_assert!(!url.as_str().contains('@'));
                    prop_assert!(!url.as_str().contains('?') && !url.as_str().contains('#'));
                    prop_assert!(!url.as_str().ends_with('/'));
                }
            }

            #[test]
            fn url_like_inputs_normalise(host in "[a-zA-Z][a-zA-Z0-9-]{0,20}(\\.[a-z]{2,5})?", port in proptest::option::of(1u16..), path in "(/[a-z]{1,8}){0,3}/?") {
                let port = port.map(|p| format!(":{p}")).unwrap_or_default();
                let url = ServerUrl::parse(&format!("https://{host}{port}{path}")).unwrap();
                prop_assert_eq!(ServerUrl::parse(url.as_str()).unwrap(), url.clone());
                prop_assert!(url.endpoint("api/v1/me").ends_with("/api/v1/me"));
            }

            #[test]
            fn rate_limit_parsing_never_panics_and_is_capped(retry_after in ".{0,40}", reset in ".{0,30}", text in ".{0,120}", now in 0u64..4_000_000_000) {
                let mut headers = HeaderMap::new();
                if let Ok(value) = HeaderValue::from_str(&retry_after) {
                    headers.insert("retry-after", value);
                }
                if let Ok(value) = HeaderValue::from_str(&reset) {
                    headers.insert("x-ratelimit-reset", value);
                }
                let now = UNIX_EPOCH + Duration::from_secs(now);
                if let Some(wait) = rate_limit_wait(&headers, &text, now) {
                    prop_assert!(wait <= MAX_RATE_LIMIT_WAIT);
                }
            }

            #[test]
            fn any_answer_is_classified_without_panicking(status in 100u16..600, json in any::<bool>(), body in proptest::collection::vec(any::<u8>(), 0..600)) {
                let client = offline_client();
                let mut headers = HeaderMap::new();
                if json {
                    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }
                let status = StatusCode::from_u16(status).unwrap();
                let parsed = json.then(|| serde_json::from_slice::<Value>(&body).ok()).flatten();
                if let Err(err) = client.classify(status, &headers, parsed, &body) {
                    let text = err.to_string();
                    prop_assert!(text.len() < 2_000, "bounded message");
                    prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
                }
            }

            #[test]
            fn error_envelopes_are_read_without_panicking(error in ".{0,300}", error_type in proptest::option::of("[a-z-]{1,30}"), status in prop_oneof![Just(400u16), Just(401), Just(403), Just(429), Just(200)]) {
                let client = offline_client();
                let mut envelope = serde_json::json!({"success": false, "error": error});
                if let Some(error_type) = &error_type {
                    envelope["errorType"] = Value::String(error_type.clone());
                }
                let body = envelope.to_string().into_bytes();
                let mut headers = HeaderMap::new();
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
                let result = client.classify(StatusCode::from_u16(status).unwrap(), &headers, Some(envelope), &body);
                prop_assert!(result.is_err(), "success:false is never a success");
                let text = result.unwrap_err().to_string();
                prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            }
        }
    }
}
