//! [`ApiError`]: every way a call can fail, with the exit code and hints each one deserves.

use std::time::{Duration, SystemTime};

use serde_json::Value;

use super::error_type::{ErrorType, TwoFactorMethod};
use super::rate_limit::format_time;
use crate::exit::{Diagnose, Exit};
use crate::text::escape;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{}", transport_message(*.sent, .kind, .server, .detail))]
    Transport { sent: bool, kind: TransportKind, server: String, detail: String, chain: String },
    #[error("server redirected to {location} (HTTP {status}); refusing to follow with credentials")]
    Redirect { status: u16, location: String, base: String },
    #[error("authentication failed: {message}")]
    Unauthorized { message: String, error_type: Option<ErrorType>, details: Option<Box<Value>> },
    #[error("the server refused the request (HTTP 403): {message}")]
    Forbidden { message: String },
    #[error("{message}")]
    Rejected { error_type: Option<ErrorType>, message: String, details: Option<Box<Value>> },
    #[error("{}", rate_limited(.host, *.retry_at))]
    RateLimited { host: String, wait: Duration, retry_at: SystemTime },
    #[error("unexpected {status} response ({content_type}, {bytes} bytes) from {server}{}", with_colon(.snippet))]
    Unexpected { status: u16, content_type: String, bytes: usize, snippet: String, server: String },
    #[error("malformed response from {server}: {detail}")]
    Malformed { server: String, detail: String },
    #[error("response too large from {server} (over 1 MiB)")]
    TooLarge { server: String },
    #[error("cannot build the request: {detail}")]
    Encode { detail: String },
    #[error(
        "the two-factor code expired while waiting {}s for the rate limit; the stale code was not sent",
        .waited.as_secs_f64().ceil()
    )]
    CodeExpired { waited: Duration },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    Connect,
    /// The host name did not resolve: retrying will not change that.
    Dns,
    Tls,
    /// A TLS handshake the server answered in plain HTTP: the URL should say `http://`.
    PlainHttp,
    Timeout,
    NoAnswer,
}

const RATE_LIMIT_HINT: &str = "Rocket.Chat limits calls per route and IP address (profile \
    updates: one a minute); raise `--max-wait` to wait longer";

const CONNECTION_REFUSED_HINT: &str = "nothing is listening there: check that the server is \
    running and that the URL's host and port are right";

const CODE_EXPIRED_HINT: &str = "run the command again with a fresh code (`--2fa-code CODE`), \
    or from a terminal to be asked for one";

/// Server details shown in an error are capped (docs/security.md, F20): a hostile answer
/// could otherwise print a megabyte.
const MAX_RULES: usize = 10;
const MAX_DETAIL_CHARS: usize = 200;

/// Server text for an error line: scrubbed of secrets before it is cut, cut, then escaped.
fn capped(text: &str) -> String {
    let scrubbed = crate::scrub::scrub(text);
    let mut cut: String = scrubbed.chars().take(MAX_DETAIL_CHARS).collect();
    if scrubbed.chars().nth(MAX_DETAIL_CHARS).is_some() {
        cut.push('…');
    }
    escape(&cut)
}

/// `: text`, or nothing for no text.
fn with_colon(text: &str) -> String {
    if text.is_empty() { String::new() } else { format!(": {text}") }
}

fn transport_message(sent: bool, kind: &TransportKind, server: &str, detail: &str) -> String {
    let what = match (kind, sent) {
        (TransportKind::Connect, _) => "cannot connect to",
        (TransportKind::Dns, _) => "cannot find the host of",
        (TransportKind::Tls | TransportKind::PlainHttp, _) => "TLS handshake failed with",
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

/// The limit's end as a time, or, when it has passed by the time the message is printed (an
/// `apply` reports its failures after every account ran), that it has.
fn rate_limited(host: &str, retry_at: SystemTime) -> String {
    if retry_at > SystemTime::now() {
        format!("rate limited by {host}; retry after {}", format_time(retry_at))
    } else {
        format!(
            "rate limited by {host} until {}, which has passed: run it again",
            format_time(retry_at)
        )
    }
}

/// The same server over plain HTTP: `https://host:port/path` becomes `http://host:port/path`.
fn plain_http(server: &str) -> String {
    server
        .strip_prefix("https://")
        .map_or_else(|| server.to_owned(), |rest| format!("http://{rest}"))
}

impl ApiError {
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

    pub fn error_type(&self) -> Option<&ErrorType> {
        match self {
            Self::Rejected { error_type, .. } | Self::Unauthorized { error_type, .. } => {
                error_type.as_ref()
            }
            _ => None,
        }
    }

    fn details(&self) -> Option<&Value> {
        match self {
            Self::Rejected { details, .. } | Self::Unauthorized { details, .. } => {
                details.as_deref()
            }
            _ => None,
        }
    }

    fn detail_text(&self, key: &str) -> Option<&str> {
        self.details().and_then(|d| d.get(key)).and_then(Value::as_str)
    }

    /// The second factor a `totp-required` answer asks for (`details.method`, TOTP when it
    /// names none). None when the server named one that cannot be sent back in a header.
    pub fn two_factor_method(&self) -> Option<TwoFactorMethod> {
        self.detail_text("method").map_or(Some(TwoFactorMethod::Totp), TwoFactorMethod::parse)
    }

    /// Whether the server just mailed a code (`details.codeGenerated`).
    pub fn code_mailed(&self) -> bool {
        self.details().and_then(|d| d.get("codeGenerated")).and_then(Value::as_bool) == Some(true)
    }

    /// The address an `error-field-unavailable` names, capped and escaped for the terminal.
    pub fn unavailable_field(&self) -> Option<String> {
        self.detail_text("field").map(capped)
    }

    /// The rules an `error-password-policy-not-met` lists, capped in number and length and
    /// escaped for the terminal.
    pub fn policy_rules(&self) -> Vec<String> {
        let rules: Vec<&str> = self
            .details()
            .and_then(Value::as_array)
            .map(|rules| {
                rules.iter().filter_map(|r| r.get("message").and_then(Value::as_str)).collect()
            })
            .unwrap_or_default();
        let mut shown: Vec<String> =
            rules.iter().take(MAX_RULES).map(|rule| capped(rule)).collect();
        if rules.len() > MAX_RULES {
            shown.push(format!("and {} more", rules.len() - MAX_RULES));
        }
        shown
    }

    /// A refusal with nothing in it: `{"success": false}` and a 400, which is how Rocket.Chat
    /// answers a setting it does not have or will not change.
    pub fn is_bare(&self) -> bool {
        matches!(
            self,
            Self::Rejected { error_type: None, message, details: None }
                if message == super::envelope::NO_MESSAGE
        )
    }

    /// What the server said, without the ` [errorType]` Rocket.Chat appends to its text.
    pub fn reason(&self) -> String {
        let full = self.to_string();
        match full.rsplit_once(" [") {
            Some((reason, code)) if code.ends_with(']') => reason.to_owned(),
            _ => full,
        }
    }

    /// Worth another try for a request that is safe to repeat (a GET).
    pub(super) fn transient(&self) -> bool {
        match self {
            Self::Transport { kind, .. } => {
                !matches!(kind, TransportKind::Tls | TransportKind::PlainHttp | TransportKind::Dns)
            }
            Self::Unexpected { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }
}

impl Diagnose for ApiError {
    fn exit(&self) -> Exit {
        match self {
            Self::Transport { .. } | Self::Redirect { .. } => Exit::Network,
            Self::Unauthorized { .. } => Exit::NotAuthenticated,
            Self::Forbidden { .. } => Exit::Refused,
            Self::Rejected { error_type: Some(error_type), .. } => error_type.exit(),
            Self::Rejected { error_type: None, .. } => Exit::Refused,
            Self::RateLimited { .. } => Exit::RateLimited,
            Self::Unexpected { .. } | Self::Malformed { .. } | Self::TooLarge { .. } => {
                Exit::Failure
            }
            // Only a code or method no header can carry gets here; the code came from the user.
            Self::Encode { .. } => Exit::Usage,
            Self::CodeExpired { .. } => Exit::VerificationFailed,
        }
    }

    fn hints(&self) -> Vec<String> {
        match self {
            Self::Unauthorized { .. } => {
                vec!["the token is invalid or expired; run `rocketctl login`".to_owned()]
            }
            Self::Transport { kind: TransportKind::Tls, .. } => {
                vec!["for a private certificate authority pass `--ca-cert FILE` (PEM)".to_owned()]
            }
            Self::Transport { kind: TransportKind::PlainHttp, server, .. } => {
                vec![format!("use `{}` if the server has no TLS", plain_http(server))]
            }
            Self::Transport { kind: TransportKind::Dns, .. } => {
                vec!["check the server's host name (and the network's DNS)".to_owned()]
            }
            Self::Transport { kind: TransportKind::Connect, detail, .. }
                if detail.starts_with("connection refused") =>
            {
                vec![CONNECTION_REFUSED_HINT.to_owned()]
            }
            Self::Redirect { base, .. } => vec![format!(
                "if the server moved, log in again with `rocketctl login --server {base}`"
            )],
            Self::RateLimited { .. } => vec![RATE_LIMIT_HINT.to_owned()],
            Self::CodeExpired { .. } => vec![CODE_EXPIRED_HINT.to_owned()],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_limit_names_a_time_to_come_or_says_it_has_passed() {
        let limited = |retry_at| ApiError::RateLimited {
            host: "h".into(),
            wait: Duration::from_secs(1),
            retry_at,
        };
        let later = SystemTime::now() + Duration::from_secs(3600);
        let text = limited(later).to_string();
        assert_eq!(text, format!("rate limited by h; retry after {}", format_time(later)));
        let earlier = SystemTime::now() - Duration::from_secs(5);
        let text = limited(earlier).to_string();
        assert!(text.ends_with("which has passed: run it again"), "{text}");
    }

    fn totp_required(details: Value) -> ApiError {
        ApiError::Rejected {
            error_type: Some(ErrorType::TotpRequired),
            message: "TOTP Required [totp-required]".into(),
            details: Some(Box::new(details)),
        }
    }

    #[test]
    fn a_plain_http_server_gets_the_http_url_as_its_hint() {
        assert_eq!(plain_http("https://h:3000/chat"), "http://h:3000/chat");
        let err = ApiError::Transport {
            sent: false,
            kind: TransportKind::PlainHttp,
            server: "https://h:3000".into(),
            detail: "the server answered in plain HTTP, not TLS".into(),
            chain: String::new(),
        };
        assert_eq!(err.hints(), ["use `http://h:3000` if the server has no TLS"]);
        assert!(!err.transient(), "the same handshake would fail again");
    }

    #[test]
    fn a_method_no_header_can_carry_is_not_followed() {
        let odd = totp_required(serde_json::json!({"method": "totp\r\nX-Evil: 1"}));
        assert_eq!(odd.two_factor_method(), None);
        let named = totp_required(serde_json::json!({"method": "email", "codeGenerated": true}));
        assert_eq!(named.two_factor_method(), Some(TwoFactorMethod::Email));
        assert!(named.code_mailed());
        let flood = totp_required(serde_json::json!({"method": "m".repeat(900_000)}));
        assert_eq!(flood.two_factor_method(), None);
        let silent = totp_required(serde_json::json!({}));
        assert_eq!(silent.two_factor_method(), Some(TwoFactorMethod::Totp));
        assert_eq!(silent.reason(), "TOTP Required");
    }

    #[test]
    fn server_details_are_capped() {
        let rules: Vec<Value> = (0..4000)
            .map(|i| serde_json::json!({"message": format!("rule {i} {}", "z".repeat(900))}))
            .collect();
        let policy = ApiError::Rejected {
            error_type: Some(ErrorType::PasswordPolicyNotMet),
            message: "x".into(),
            details: Some(Box::new(Value::Array(rules))),
        };
        let shown = policy.policy_rules();
        assert_eq!(shown.len(), MAX_RULES + 1);
        assert_eq!(shown.last().unwrap(), "and 3990 more");
        assert!(shown.iter().all(|rule| rule.chars().count() <= MAX_DETAIL_CHARS + 1));
        let field = ApiError::Rejected {
            error_type: Some(ErrorType::FieldUnavailable),
            message: "x".into(),
            details: Some(Box::new(serde_json::json!({"field": "f".repeat(900_000)}))),
        };
        assert_eq!(field.unavailable_field().unwrap().chars().count(), MAX_DETAIL_CHARS + 1);
    }
}
