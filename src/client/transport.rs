//! The HTTP side: the reqwest client (timeouts, TLS, no redirects), a [`Request`] turned into
//! headers and a body, a bounded answer, and transport failures named for a person.

use std::io::Read;
use std::path::Path;

use reqwest::StatusCode;
use reqwest::blocking::{Client as Http, RequestBuilder, Response};
use reqwest::header::{HeaderMap, HeaderValue};

use super::error::{ApiError, TransportKind};
use super::{ClientOptions, Credentials, Method, Request, ServerUrl};
use crate::exit::{Exit, Failure};
use crate::text::escape;

/// Larger response bodies are refused (a user record is a few KiB).
const MAX_BODY_BYTES: u64 = 1024 * 1024;

/// A raw answer: status, headers and at most [`MAX_BODY_BYTES`] of body.
pub struct Answer {
    pub version: reqwest::Version,
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

pub fn build_http(server: &ServerUrl, options: &ClientOptions) -> anyhow::Result<Http> {
    // reqwest is built without a bundled crypto provider; ring is the smaller one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    // reqwest reads the proxy variables itself; their credentials must never be printed.
    crate::scrub::register_proxy_credentials();
    let mut builder = Http::builder()
        .redirect(reqwest::redirect::Policy::none())
        .retry(reqwest::retry::never())
        .user_agent(user_agent())
        // Shorter than the total, so a connect that never completes is told apart from a
        // request that was sent and never answered (safe to resend versus outcome unknown).
        .connect_timeout(super::retry::connect_timeout(options.timeout))
        .timeout(options.timeout)
        .referer(false);
    if server.is_https() {
        if let Some(path) = &options.ca_cert {
            let pem = read_ca_cert(path)?;
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

/// Largest CA certificate bundle read (a system bundle is about 200 KiB).
const MAX_CA_CERT_BYTES: u64 = 1024 * 1024;

/// Read a `--ca-cert` / `ca_cert` file, the trust the TLS setup starts from: a regular file only (a FIFO would block forever and
/// `/dev/zero` never ends), at most 1 MiB. Problems are usage errors (exit 2).
fn read_ca_cert(path: &Path) -> Result<Vec<u8>, Failure> {
    let shown = path.display();
    let cannot = |err: std::io::Error| {
        Failure::usage(format!("cannot read CA certificate `{shown}`: {err}"))
    };
    let not_regular = || Failure::usage(format!("CA certificate `{shown}` is not a regular file"));
    // stat before open: opening a FIFO for reading would already block.
    if !std::fs::metadata(path).map_err(cannot)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    if !file.metadata().map_err(cannot)?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(MAX_CA_CERT_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_CA_CERT_BYTES {
        return Err(Failure::usage(format!("CA certificate `{shown}` is larger than 1 MiB")));
    }
    Ok(bytes)
}

/// `rocketctl/<version> (<os>)`: stable per version, because Rocket.Chat's two-factor
/// "remember me" keys on the user agent.
pub fn user_agent() -> String {
    format!("rocketctl/{} ({})", env!("CARGO_PKG_VERSION"), std::env::consts::OS)
}

pub fn build_request(
    http: &Http,
    credentials: Option<&Credentials>,
    request: &Request<'_>,
    url: &str,
) -> Result<RequestBuilder, ApiError> {
    let method = match request.method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Delete => reqwest::Method::DELETE,
    };
    let mut built = http.request(method, url);
    if let Some(credentials) = credentials {
        built = built
            .header("X-User-Id", header_value("user id", &credentials.user_id, false)?)
            .header("X-Auth-Token", header_value("token", credentials.token.expose(), true)?);
    }
    if let Some(two_factor) = request.two_factor {
        let method = two_factor.method.to_string();
        let code = two_factor.code.expose();
        built = built
            .header("X-2fa-Method", header_value("two-factor method", &method, false)?)
            .header("X-2fa-Code", header_value("two-factor code", code, true)?);
    }
    if let Some(body) = &request.body {
        built = built.json(body);
    }
    if let Some(upload) = &request.upload {
        let (content_type, body) = multipart(upload);
        built = built.header(reqwest::header::CONTENT_TYPE, content_type).body(body);
    }
    Ok(built)
}

/// A `multipart/form-data` body with one file part, and its content type. The boundary is
/// chosen so that it does not occur in the file.
fn multipart(upload: &super::Upload) -> (String, Vec<u8>) {
    let mut boundary = String::from("rocketctl-boundary-0");
    let mut attempt = 0u32;
    while upload.bytes.windows(boundary.len()).any(|w| w == boundary.as_bytes()) {
        attempt += 1;
        boundary = format!("rocketctl-boundary-{attempt}-{:x}", upload.bytes.len());
    }
    let mut body = Vec::new();
    for (name, value) in &upload.fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n\
             Content-Type: {}\r\n\r\n",
            upload.field, upload.filename, upload.content_type
        )
        .as_bytes(),
    );
    body.extend_from_slice(&upload.bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A GET that authenticates with the `rc_uid`/`rc_token` cookies (never query parameters:
/// a query string lands in proxy logs), for routes outside the REST API such as avatars.
pub fn build_cookie_get(
    http: &Http,
    credentials: Option<&Credentials>,
    url: &str,
) -> Result<RequestBuilder, ApiError> {
    let mut built = http.get(url);
    if let Some(credentials) = credentials {
        let cookie =
            format!("rc_uid={}; rc_token={}", credentials.user_id, credentials.token.expose());
        built = built.header(reqwest::header::COOKIE, header_value("cookie", &cookie, true)?);
    }
    Ok(built)
}

/// Send and read the answer, refusing bodies over [`MAX_BODY_BYTES`].
pub fn exchange(built: RequestBuilder, server: &ServerUrl) -> Result<Answer, ApiError> {
    let response: Response = built.send().map_err(|err| transport_error(server, &err))?;
    let (version, status) = (response.version(), response.status());
    let headers = response.headers().clone();
    let mut body = Vec::new();
    response
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|err| body_error(server, &err))?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err(ApiError::TooLarge { server: server.host() });
    }
    Ok(Answer { version, status, headers, body })
}

/// reqwest's `is_connect` reliably means the request never reached the server. The message
/// names the root cause once; the whole chain is kept for the `-v` trace.
fn transport_error(server: &ServerUrl, err: &reqwest::Error) -> ApiError {
    let chain = error_chain_text(err);
    let lower = chain.to_lowercase();
    let tls = lower.contains("certificate") || lower.contains("tls");
    let (sent, kind) = match (err.is_connect(), err.is_timeout()) {
        (true, _) if lower.contains("dns error") => (false, TransportKind::Dns),
        (true, _) if server.is_https() && not_tls(err).is_some() => {
            (false, TransportKind::PlainHttp)
        }
        (true, _) if tls => (false, TransportKind::Tls),
        (true, true) => (false, TransportKind::Timeout),
        (true, false) => (false, TransportKind::Connect),
        (false, true) => (true, TransportKind::Timeout),
        (false, false) => (true, TransportKind::NoAnswer),
    };
    let detail = match kind {
        TransportKind::PlainHttp => not_tls(err).unwrap_or_default().to_owned(),
        _ => root_cause(err),
    };
    ApiError::Transport { sent, kind, server: server.to_string(), detail, chain }
}

/// What a TLS handshake met when the server does not speak TLS, decided from the errors' types
/// (their text differs between versions): rustls read the answer to its ClientHello as a record
/// of no TLS type or version (an HTTP status line: nginx's 400 page, Node's bare
/// `HTTP/1.1 400 Bad Request`), or the server closed the connection on the ClientHello without
/// a word (the handshake read an end of file). `None` for any other failure.
fn not_tls(err: &reqwest::Error) -> Option<&'static str> {
    // Every cause: each error's source, and inside an I/O error the error it wraps (its own
    // `source` skips that one; hyper wraps rustls's error in two of them).
    let mut pending: Vec<&(dyn std::error::Error + 'static)> = vec![err];
    while let Some(cause) = pending.pop() {
        if cause.downcast_ref::<rustls::Error>().is_some_and(not_a_tls_record) {
            return Some("the server answered in plain HTTP, not TLS");
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::UnexpectedEof {
                return Some("the server closed the connection instead of answering in TLS");
            }
            if let Some(inner) = io.get_ref() {
                pending.push(inner);
            }
        }
        pending.extend(cause.source());
    }
    None
}

/// A record rustls could not read as TLS at all (rather than TLS it refused).
fn not_a_tls_record(err: &rustls::Error) -> bool {
    use rustls::InvalidMessage::{InvalidContentType, UnknownProtocolVersion};
    matches!(err, rustls::Error::InvalidMessage(InvalidContentType | UnknownProtocolVersion))
}

/// The innermost error of the chain: the one that says what happened
/// (`Connection refused (os error 111)`), without hyper's wrappers.
fn root_cause(err: &reqwest::Error) -> String {
    let mut root: &dyn std::error::Error = err;
    while let Some(source) = root.source() {
        root = source;
    }
    let text = root.to_string();
    // `Connection refused (os error 111)` reads as `connection refused`.
    let text = match text.rsplit_once(" (os error ") {
        Some((words, code)) if code.ends_with(')') => words.to_owned(),
        _ => text,
    };
    let mut chars = text.chars();
    let text: String =
        chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default();
    escape(&text)
}

fn body_error(server: &ServerUrl, err: &std::io::Error) -> ApiError {
    // The call's deadline (a request timeout) ends a body read with a reqwest timeout inside.
    let deadline = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
        .is_some_and(reqwest::Error::is_timeout);
    let kind = if deadline
        || err.kind() == std::io::ErrorKind::TimedOut
        || err.to_string().contains("timed out")
    {
        TransportKind::Timeout
    } else {
        TransportKind::NoAnswer
    };
    ApiError::Transport {
        sent: true,
        kind,
        server: server.to_string(),
        detail: format!("the answer broke off: {}", escape(&err.to_string())),
        chain: escape(&err.to_string()),
    }
}

pub(super) fn header_value(
    what: &str,
    value: &str,
    sensitive: bool,
) -> Result<HeaderValue, ApiError> {
    let mut header = HeaderValue::from_str(value).map_err(|_| ApiError::Encode {
        detail: format!("the {what} holds characters an HTTP header cannot carry"),
    })?;
    header.set_sensitive(sensitive);
    Ok(header)
}

pub fn check_credentials(credentials: &Credentials) -> Result<(), Failure> {
    check_header_value("user id", &credentials.user_id)?;
    check_header_value("token", credentials.token.expose())
}

/// Header values must be visible ASCII: a token with CR/LF could inject headers.
pub(super) fn check_header_value(what: &str, value: &str) -> Result<(), Failure> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Failure::usage(format!(
            "the {what} must be non-empty visible ASCII (no spaces, line breaks or control characters)"
        )));
    }
    Ok(())
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
    use crate::client::{TwoFactor, TwoFactorMethod};
    use crate::secret::Secret;

    #[test]
    fn auth_headers_are_marked_sensitive() {
        let header = header_value("token", "CANARY-token", true).unwrap();
        assert!(header.is_sensitive());
        assert!(!format!("{header:?}").contains("CANARY"));
    }

    /// A client as `build_http` makes one, without its options: the crypto provider first.
    fn plain_http() -> Http {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Http::new()
    }

    #[test]
    fn the_built_request_marks_auth_headers_sensitive() {
        let credentials = Credentials { user_id: "u1".into(), token: Secret::new("CANARY-token") };
        let two_factor = TwoFactor::new(TwoFactorMethod::Totp, Secret::new("CANARY-code")).unwrap();
        let call = Request::get("api/v1/me").with_two_factor(Some(&two_factor));
        let url = "http://127.0.0.1:9/api/v1/me";
        let request = build_request(&plain_http(), Some(&credentials), &call, url).unwrap();
        let headers = format!("{:?}", request.build().unwrap().headers());
        assert!(headers.contains("Sensitive"), "{headers}");
        assert!(!headers.contains("CANARY"), "{headers}");
    }

    #[test]
    fn a_code_with_a_line_break_is_an_error_not_a_panic() {
        let two_factor = TwoFactor {
            method: TwoFactorMethod::Totp,
            code: Secret::new("123456\r\n"),
            given: std::time::Instant::now(),
        };
        let call = Request::get("api/v1/me").with_two_factor(Some(&two_factor));
        let built = build_request(&plain_http(), None, &call, "http://127.0.0.1:9/api/v1/me");
        let Err(err) = built else { panic!("a line break in a header must be refused") };
        assert!(!err.to_string().contains("123456"), "{err}");
    }

    #[test]
    fn header_injection_is_refused() {
        assert!(check_header_value("token", "abc\r\nX-Evil: 1").is_err());
        assert!(check_header_value("token", "a b").is_err());
        assert!(check_header_value("token", "").is_err());
        assert!(check_header_value("token", "abc-DEF_123").is_ok());
    }
}
