//! What the stand-in server does, endpoint by endpoint, in Rocket.Chat's order of checks:
//! auth → rate limit → body schema → (2FA) → settings → field rules → writes → custom fields.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::Recorded;
use super::http::{Reply, Request, Response};
use super::{schema, totp};

/// Which server generation to imitate (docs/server.md#versions).
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

    fn schema_version(self) -> &'static str {
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

/// The administration settings that change what a profile update may do (all default on).
#[derive(Debug, Clone)]
pub struct ServerSettings {
    pub allow_user_profile_change: bool,
    pub allow_username_change: bool,
    pub allow_real_name_change: bool,
    pub allow_email_change: bool,
    pub allow_password_change: bool,
    pub allow_status_message_change: bool,
    pub allow_invisible_status: bool,
    pub two_factor_enabled: bool,
    pub require_name: bool,
    /// `Accounts_CustomFields`: field name → `{type, required, options, minLength, maxLength}`.
    pub custom_fields: Option<Value>,
    pub password_policy: Option<PasswordPolicy>,
    /// Default API limiter: calls per window per route and IP (None: off, like TEST_MODE).
    pub rate_limit: Option<(u32, Duration)>,
    /// 8.x route limit on `users.updateOwnBasicInfo` (1 per 60 s on a real server).
    pub profile_rate_limit: Option<(u32, Duration)>,
    /// A server that leaks: answer `/me` with the raw document (services and all).
    pub raw_me: bool,
    /// `removeOtherTokens` failed and `_clearAllLoginTokens` ran: the caller's token dies too.
    pub revoke_all_tokens_on_password_change: bool,
    /// 3.x–7.x: `setEmail` wrapped by `RateLimiter.limitFunction(_, 1, 60000)` per user. It
    /// fires inside the method, after the fields before the email were already written.
    pub email_function_limit: Option<Duration>,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            allow_user_profile_change: true,
            allow_username_change: true,
            allow_real_name_change: true,
            allow_email_change: true,
            allow_password_change: true,
            allow_status_message_change: true,
            allow_invisible_status: true,
            two_factor_enabled: true,
            require_name: true,
            custom_fields: None,
            password_policy: None,
            rate_limit: None,
            profile_rate_limit: None,
            raw_me: false,
            revoke_all_tokens_on_password_change: false,
            email_function_limit: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PasswordPolicy {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub forbid_repeating: Option<usize>,
    pub lowercase: bool,
    pub uppercase: bool,
    pub number: bool,
    pub special: bool,
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub username: String,
    pub name: String,
    pub nickname: Option<String>,
    pub bio: Option<String>,
    pub emails: Vec<(String, bool)>,
    pub status_text: Option<String>,
    pub status: String,
    /// SHA-256 hex of the password (the real server bcrypts this digest).
    pub password_digest: Option<String>,
    pub password_history: Vec<String>,
    pub totp_secret: Option<Vec<u8>>,
    /// TOTP backup codes (the real server keeps them hashed in `services.totp.hashedBackup`).
    pub backup_codes: Vec<String>,
    pub email2fa: bool,
    /// base64(sha256(token)) of every live login token.
    pub tokens: Vec<String>,
    pub custom_fields: Option<Map<String, Value>>,
    pub roles: Vec<String>,
    pub require_password_change: bool,
    pub updated_at: u64,
}

impl User {
    pub fn new(username: &str, password: &str) -> Self {
        Self {
            id: String::new(),
            username: username.to_owned(),
            name: username.to_owned(),
            nickname: None,
            bio: None,
            emails: vec![(format!("{username}@example.com"), true)],
            status_text: None,
            status: "online".to_owned(),
            password_digest: Some(sha256_hex(password)),
            password_history: Vec::new(),
            totp_secret: None,
            backup_codes: Vec::new(),
            email2fa: false,
            tokens: Vec::new(),
            custom_fields: None,
            roles: vec!["user".to_owned()],
            require_password_change: false,
            updated_at: now_ms(),
        }
    }

    pub fn with_totp(mut self, secret: &[u8]) -> Self {
        self.totp_secret = Some(secret.to_vec());
        self
    }

    pub fn with_backup_code(mut self, code: &str) -> Self {
        self.backup_codes.push(code.to_owned());
        self
    }

    pub fn with_email_2fa(mut self) -> Self {
        self.email2fa = true;
        self
    }

    pub fn email(&self) -> Option<&str> {
        self.emails.first().map(|(address, _)| address.as_str())
    }

    pub fn password_is(&self, password: &str) -> bool {
        self.password_digest.as_deref() == Some(sha256_hex(password).as_str())
    }

    pub fn has_token(&self, token: &str) -> bool {
        self.tokens.contains(&hash_token(token))
    }
}

/// A planned failure for the next requests to one endpoint.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Read the request, close the connection without acting on it.
    DropBeforeApply,
    /// Act on the request, then close the connection without answering.
    DropAfterApply,
    /// Accept and never answer (closes after the duration).
    Hang(Duration),
    /// Wait, then answer normally.
    Delay(Duration),
    /// 502 with a proxy's HTML page, without acting.
    Html502,
    /// Act on it, then answer 502 with HTML.
    Html502AfterApply,
    /// 200 with an HTML page (a captive portal), without acting.
    NonJson200,
    /// A redirect to `location`, without acting.
    Redirect { status: u16, location: String },
    /// Any status and body, without acting.
    Respond { status: u16, content_type: String, body: String, headers: Vec<(String, String)> },
    /// Headers promising 100 bytes, 14 sent.
    Truncated,
    /// One byte at a time.
    Drip(Duration),
    /// A huge 200 JSON body.
    Huge(usize),
}

#[derive(Debug, Clone)]
pub struct FaultRule {
    pub endpoint: String,
    pub fault: Fault,
    /// Requests to let through untouched before the fault starts.
    pub skip: usize,
    pub times: usize,
}

#[derive(Debug)]
pub struct State {
    pub mode: Mode,
    /// Path prefix of ROOT_URL, e.g. `/chat` ("" for none).
    pub prefix: String,
    pub settings: ServerSettings,
    pub users: Vec<User>,
    pub log: Vec<Recorded>,
    pub faults: Vec<FaultRule>,
    /// Codes sent by the email method: (username, code).
    pub outbox: Vec<(String, String)>,
    email_codes: HashMap<String, (String, Instant)>,
    /// Last `setEmail` call per user id, for `email_function_limit`.
    email_calls: HashMap<String, Instant>,
    rate: HashMap<(String, String), Vec<Instant>>,
    next_id: u64,
}

impl State {
    pub fn new(mode: Mode) -> Self {
        Self {
            mode,
            prefix: String::new(),
            settings: ServerSettings::default(),
            users: Vec::new(),
            log: Vec::new(),
            faults: Vec::new(),
            outbox: Vec::new(),
            email_codes: HashMap::new(),
            email_calls: HashMap::new(),
            rate: HashMap::new(),
            next_id: 1,
        }
    }

    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.trim_end_matches('/').to_owned();
        self
    }

    pub fn add_user(&mut self, mut user: User) -> String {
        // Rocket.Chat ids are 17 characters of Meteor's id alphabet.
        const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
        let seed = Sha256::digest(format!("{}#{}", user.username, self.next_id).as_bytes());
        user.id = seed
            .iter()
            .take(17)
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect();
        self.next_id += 1;
        let id = user.id.clone();
        self.users.push(user);
        id
    }

    pub fn find_by_username(&self, username: &str) -> Option<&User> {
        self.users.iter().find(|u| u.username.eq_ignore_ascii_case(username))
    }

    pub fn issue_token(&mut self, username: &str) -> String {
        let token = random_token(&format!("{username}{}", self.next_id));
        self.next_id += 1;
        let user = self.users.iter_mut().find(|u| u.username == username).expect("user exists");
        user.tokens.push(hash_token(&token));
        token
    }

    fn user_mut(&mut self, id: &str) -> &mut User {
        self.users.iter_mut().find(|u| u.id == id).expect("authenticated user exists")
    }

    fn take_fault(&mut self, path: &str) -> Option<Fault> {
        let rule = self
            .faults
            .iter_mut()
            .find(|rule| rule.times > 0 && path.ends_with(&format!("/{}", rule.endpoint)))?;
        if rule.skip > 0 {
            rule.skip -= 1;
            return None;
        }
        rule.times -= 1;
        Some(rule.fault.clone())
    }
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_token(token: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(token.as_bytes()))
}

fn random_token(seed: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let digest = Sha256::digest(format!("{seed}{nanos}").as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..32])
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

fn iso(ms: u64) -> String {
    let secs = ms / 1000;
    let days = secs / 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    let rest = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60,
        ms % 1000
    )
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Rocket.Chat's failure envelope for a Meteor.Error: `"<reason> [<code>]"`.
fn meteor_error(code: &str, reason: &str, details: Option<Value>) -> Response {
    let mut body =
        json!({"success": false, "error": format!("{reason} [{code}]"), "errorType": code});
    if let Some(details) = details {
        body["details"] = details;
    }
    Response::json(400, &body)
}

fn plain_failure(message: &str) -> Response {
    Response::json(400, &json!({"success": false, "error": message}))
}

// ------------------------------------------------------------------------------------------
// Dispatch

pub fn handle(shared: &Arc<Mutex<State>>, request: &Request) -> Reply {
    let fault = {
        let mut state = shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        state.log.push(Recorded {
            method: request.method.clone(),
            path: request.path.clone(),
            headers: request.headers.clone(),
            body: request.body_text(),
        });
        state.take_fault(&request.path)
    };
    let act = || {
        let mut state = shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        route(&mut state, request)
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
        Some(Fault::Drip(every)) => Reply::Drip { response: act(), every },
        Some(Fault::Huge(size)) => Reply::Huge(size),
    }
}

fn html_502() -> Response {
    Response::text(
        502,
        "text/html",
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    )
}

fn route(state: &mut State, request: &Request) -> Response {
    // Meteor's webapp strips ROOT_URL's path prefix; anything outside it is unknown.
    let Some(path) = request.path.strip_prefix(&state.prefix).filter(|p| p.starts_with('/')) else {
        return Response::text(404, "text/plain", "Unknown path");
    };
    let path = path.to_owned();
    match (request.method.as_str(), path.as_str()) {
        ("GET", "/api/info") => {
            Response::json(200, &json!({"version": state.mode.version(), "success": true}))
        }
        ("POST", "/api/v1/login") => {
            limited(state, request, &path, None, |state| login(state, request))
        }
        ("POST", "/api/v1/users.2fa.sendEmailCode") => send_email_code(state, request),
        (_, endpoint) if endpoint.starts_with("/api/v1/") => {
            authenticated(state, request, endpoint)
        }
        _ => Response::text(404, "text/plain", "Unknown path"),
    }
}

fn authenticated(state: &mut State, request: &Request, endpoint: &str) -> Response {
    let Some(user_id) = authenticate(state, request) else {
        let message = "You must be logged in to do this.";
        let body = if state.mode.has_success_on_401() {
            json!({"success": false, "error": message, "status": "error", "message": message})
        } else {
            json!({"status": "error", "message": message})
        };
        return Response::json(401, &body);
    };
    let profile_limit = state.settings.profile_rate_limit;
    match (request.method.as_str(), endpoint) {
        ("GET", "/api/v1/me") => {
            limited(state, request, endpoint, None, |state| me(state, &user_id))
        }
        ("POST" | "GET", "/api/v1/logout") => {
            limited(state, request, endpoint, None, |state| logout(state, request, &user_id))
        }
        ("POST", "/api/v1/users.updateOwnBasicInfo") => {
            limited(state, request, endpoint, profile_limit, |state| {
                update_own_basic_info(state, request, &user_id)
            })
        }
        _ => Response::json(404, &json!({"success": false, "error": "Resource not found"})),
    }
}

fn authenticate(state: &State, request: &Request) -> Option<String> {
    let user_id = request.header("x-user-id")?;
    let token = request.header("x-auth-token")?;
    let user = state.users.iter().find(|u| u.id == user_id)?;
    user.has_token(token).then(|| user.id.clone())
}

/// Rocket.Chat's limiter: per client IP and route, before the body is even looked at. Ok carries
/// the `X-RateLimit-*` headers every limited answer gets.
fn rate_limit(
    state: &mut State,
    request: &Request,
    route: &str,
    specific: Option<(u32, Duration)>,
) -> Result<Vec<(String, String)>, Response> {
    let Some((allowed, window)) = specific.or(state.settings.rate_limit) else {
        return Ok(Vec::new());
    };
    let key = (request.peer.ip().to_string(), route.to_owned());
    let now = Instant::now();
    let calls = state.rate.entry(key).or_default();
    calls.retain(|at| now.duration_since(*at) < window);
    let reset_in =
        calls.first().map_or(window, |first| window.saturating_sub(now.duration_since(*first)));
    let reset_ms = (now_ms() + reset_in.as_millis() as u64).to_string();
    if calls.len() as u32 >= allowed {
        let seconds = reset_in.as_millis().div_ceil(1000);
        let message = format!(
            "Error, too many requests. Please slow down. You must wait {seconds} seconds before trying this endpoint again. [error-too-many-requests]"
        );
        return Err(Response::json(429, &json!({"success": false, "error": message}))
            .with_header("X-RateLimit-Limit", &allowed.to_string())
            .with_header("X-RateLimit-Remaining", "0")
            .with_header("X-RateLimit-Reset", &reset_ms));
    }
    calls.push(now);
    Ok(vec![
        ("X-RateLimit-Limit".into(), allowed.to_string()),
        ("X-RateLimit-Remaining".into(), (allowed - calls.len() as u32).to_string()),
        ("X-RateLimit-Reset".into(), reset_ms),
    ])
}

/// Run `action` behind the limiter, adding its headers to the answer.
fn limited(
    state: &mut State,
    request: &Request,
    route: &str,
    specific: Option<(u32, Duration)>,
    action: impl FnOnce(&mut State) -> Response,
) -> Response {
    match rate_limit(state, request, route, specific) {
        Ok(headers) => {
            let mut response = action(state);
            response.headers.extend(headers);
            response
        }
        Err(response) => response,
    }
}

// ------------------------------------------------------------------------------------------
// login / logout / me

fn login_failure(mode: Mode, error: &str, message: &str, details: Option<Value>) -> Response {
    let mut body = json!({"status": "error", "error": error, "message": message});
    if mode.has_success_on_401() {
        body["success"] = Value::Bool(false);
    }
    if let Some(details) = details {
        body["details"] = details;
    }
    Response::json(401, &body)
}

fn login(state: &mut State, request: &Request) -> Response {
    let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    let who = body.get("user").or_else(|| body.get("username")).or_else(|| body.get("email"));
    let who = match who {
        Some(Value::String(name)) => name.clone(),
        Some(Value::Object(map)) => {
            map.values().next().and_then(Value::as_str).unwrap_or("").to_owned()
        }
        _ => String::new(),
    };
    let mode = state.mode;
    let Some(index) = state.users.iter().position(|u| {
        u.username.eq_ignore_ascii_case(&who)
            || u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(&who))
    }) else {
        return login_failure(mode, "Unauthorized", "Unauthorized", None);
    };
    let digest = match body.get("password") {
        Some(Value::String(plain)) => Some(sha256_hex(plain)),
        Some(Value::Object(map))
            if map.get("algorithm").and_then(Value::as_str) == Some("sha-256") =>
        {
            map.get("digest").and_then(Value::as_str).map(str::to_ascii_lowercase)
        }
        _ => None,
    };
    let user = &state.users[index];
    if digest.is_none() || user.password_digest != digest {
        return login_failure(mode, "Unauthorized", "Unauthorized", None);
    }
    // Login uses disablePasswordFallback: only TOTP and email users are challenged.
    let code = body
        .get("code")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| request.header("x-2fa-code").map(str::to_owned));
    let method = second_factor_method(user, None);
    if state.settings.two_factor_enabled && method != "password" {
        let username = user.username.clone();
        if let Err((error, details)) =
            check_factor(state, index, &method, code.as_deref(), &username)
        {
            let message = if error == "totp-required" { "TOTP Required" } else { "TOTP Invalid" };
            return login_failure(mode, &error, message, Some(details));
        }
    }
    let username = state.users[index].username.clone();
    let token = state.issue_token(&username);
    let user = &state.users[index];
    let mut answer = json!({
        "status": "success",
        "data": {"userId": user.id, "authToken": token, "me": user_info(state, user, true)},
    });
    if mode.has_success_on_401() {
        answer["success"] = Value::Bool(true);
    }
    Response::json(200, &answer)
}

fn logout(state: &mut State, request: &Request, user_id: &str) -> Response {
    let token = request.header("x-auth-token").map(hash_token).unwrap_or_default();
    state.user_mut(user_id).tokens.retain(|t| *t != token);
    let mut body = json!({"status": "success", "data": {"message": "You've been logged out!"}});
    if state.mode.has_success_on_401() {
        body["success"] = Value::Bool(true);
    }
    Response::json(200, &body)
}

fn me(state: &State, user_id: &str) -> Response {
    let user = state.users.iter().find(|u| u.id == user_id).expect("authenticated");
    let mut body = if state.settings.raw_me {
        let mut doc = raw_user(user);
        doc["e2e"] = json!({"private_key": "stand-in-e2e-private-key", "public_key": "stand-in-e2e-public-key"});
        doc
    } else {
        user_info(state, user, true)
    };
    body["success"] = Value::Bool(true);
    Response::json(200, &body)
}

/// The user document as 3.x–7.x store and return it: services with the bcrypt hash and
/// login-token hashes included.
fn raw_user(user: &User) -> Value {
    let mut doc = base_fields(user);
    let tokens: Vec<Value> = user
        .tokens
        .iter()
        .map(|hashed| json!({"when": iso(user.updated_at), "hashedToken": hashed}))
        .collect();
    let mut services = json!({"resume": {"loginTokens": tokens}});
    if let Some(digest) = &user.password_digest {
        services["password"] =
            json!({"bcrypt": format!("$2b$10${}", &digest[..53.min(digest.len())])});
    }
    if !user.password_history.is_empty() {
        services["passwordHistory"] = json!(user.password_history);
    }
    if user.totp_secret.is_some() {
        services["totp"] = json!({"enabled": true, "hashedBackup": ["stand-in-backup-hash"], "secret": "STANDINSECRET"});
    }
    if user.email2fa {
        services["email2fa"] = json!({"enabled": true, "changedAt": iso(user.updated_at)});
    }
    doc["services"] = services;
    doc["__rooms"] = json!(["GENERAL"]);
    doc
}

fn base_fields(user: &User) -> Value {
    let mut doc = json!({
        "_id": user.id,
        "createdAt": iso(1_700_000_000_000),
        "username": user.username,
        "emails": user.emails.iter().map(|(a, v)| json!({"address": a, "verified": v})).collect::<Vec<_>>(),
        "type": "user",
        "status": user.status,
        "active": true,
        "_updatedAt": iso(user.updated_at),
        "roles": user.roles,
        "name": user.name,
        "lastLogin": iso(user.updated_at),
        "statusConnection": "offline",
        "utcOffset": 0,
    });
    if let Some(nickname) = &user.nickname {
        doc["nickname"] = json!(nickname);
    }
    if let Some(bio) = &user.bio {
        doc["bio"] = json!(bio);
    }
    if let Some(text) = &user.status_text {
        doc["statusText"] = json!(text);
    }
    if let Some(fields) = &user.custom_fields {
        doc["customFields"] = Value::Object(fields.clone());
    }
    if user.require_password_change {
        doc["requirePasswordChange"] = json!(true);
    }
    doc
}

/// `getUserInfo`: the document with `services` replaced by what a client may know.
fn user_info(state: &State, user: &User, preferences: bool) -> Value {
    let mut doc = base_fields(user);
    if state.mode == Mode::V6_3 || state.mode == Mode::V2 {
        return doc;
    }
    let mut services = json!({"password": {"exists": user.password_digest.is_some()}});
    if user.totp_secret.is_some() {
        services["totp"] = json!({"enabled": true});
    }
    if user.email2fa {
        services["email2fa"] = json!({"enabled": true});
    }
    doc["services"] = services;
    if let Some((address, true)) = user.emails.first() {
        doc["email"] = json!(address);
    }
    doc["avatarUrl"] = json!(format!("http://localhost{}/avatar/{}", state.prefix, user.username));
    doc["isOAuthUser"] = json!(false);
    doc["settings"] = if preferences {
        json!({"profile": {}, "preferences": {"language": "en", "enableAutoAway": true}})
    } else {
        json!({"profile": {}, "calendar": {}})
    };
    doc
}

// ------------------------------------------------------------------------------------------
// Two-factor (app/2fa/server/code)

/// The method `checkCodeForUser` would pick: a named totp/email method if the user has it,
/// else the first enabled one, else the password fallback when `allow_password` is set.
fn second_factor_method(user: &User, named: Option<&str>) -> String {
    let totp = user.totp_secret.is_some();
    let email = user.email2fa && user.emails.iter().any(|(_, verified)| *verified);
    match named {
        Some("totp") if totp => return "totp".into(),
        Some("email") if email => return "email".into(),
        _ => {}
    }
    if totp {
        "totp".into()
    } else if email {
        "email".into()
    } else {
        "password".into()
    }
}

fn available_methods(user: &User) -> Vec<&'static str> {
    let mut methods = Vec::new();
    if user.totp_secret.is_some() {
        methods.push("totp");
    }
    if user.email2fa {
        methods.push("email");
    }
    methods
}

/// Check one factor. Err carries the errorType and the details Rocket.Chat sends.
fn check_factor(
    state: &mut State,
    index: usize,
    method: &str,
    code: Option<&str>,
    username: &str,
) -> Result<(), (String, Value)> {
    let user = &state.users[index];
    let mut details = json!({"method": method, "codeGenerated": false, "availableMethods": available_methods(user)});
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        if method == "email" {
            details["emailOrUsername"] = json!(user.username);
            let live = state
                .email_codes
                .get(username)
                .filter(|(_, expires)| *expires > Instant::now())
                .is_some();
            if live {
                details["codeExpires"] = json!(iso(now_ms() + 3_600_000));
            } else {
                let code = format!("{:06}", (now_ms() * 7919 + index as u64 * 104_729) % 1_000_000);
                state.email_codes.insert(
                    username.to_owned(),
                    (code.clone(), Instant::now() + Duration::from_secs(3600)),
                );
                state.outbox.push((username.to_owned(), code));
                details["codeGenerated"] = json!(true);
            }
        }
        return Err(("totp-required".into(), details));
    };
    let valid = match method {
        "totp" => {
            user.totp_secret.as_deref().is_some_and(|secret| totp::verify(secret, code))
                || user.backup_codes.iter().any(|backup| backup == code)
        }
        "email" => {
            let digits: String = code.chars().filter(char::is_ascii_digit).collect();
            let matched = state.email_codes.get(username).is_some_and(|(expected, expires)| {
                *expected == digits && *expires > Instant::now()
            });
            if matched {
                state.email_codes.remove(username); // single use
            }
            matched
        }
        _ => user.password_digest.as_deref() == Some(code.to_ascii_lowercase().as_str()),
    };
    if valid { Ok(()) } else { Err(("totp-invalid".into(), details)) }
}

fn send_email_code(state: &mut State, request: &Request) -> Response {
    let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    let who = body.get("emailOrUsername").and_then(Value::as_str).unwrap_or("");
    if let Some(index) =
        state.users.iter().position(|u| u.username == who || u.email() == Some(who))
    {
        let username = state.users[index].username.clone();
        state.email_codes.remove(&username);
        let _ = check_factor(state, index, "email", None, &username);
    }
    Response::json(200, &json!({"success": true}))
}

// ------------------------------------------------------------------------------------------
// users.updateOwnBasicInfo (users.ts + saveUserProfile.ts)

fn update_own_basic_info(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body: Value = match serde_json::from_slice(&request.body) {
        Ok(body) => body,
        Err(_) => Value::Object(Map::new()),
    };
    let schema = schema::update_own_basic_info(state.mode.schema_version());
    if let Err(message) = schema::validate(&schema, &mut body) {
        return invalid_params(state.mode, &message);
    }
    let data = body["data"].as_object().cloned().unwrap_or_default();
    let custom_fields = body.get("customFields").and_then(Value::as_object).cloned();
    let text = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_owned);
    let change = Change {
        email: text("email"),
        name: text("name"),
        username: text("username"),
        nickname: text("nickname"),
        bio: text("bio"),
        status_text: text("statusText"),
        status_type: text("statusType"),
        current_password: text("currentPassword"),
        new_password: text("newPassword"),
    };

    if state.mode != Mode::V6_3
        && state.mode != Mode::V2
        && let Some(name) = &change.name
        && !valid_name_chars(name)
    {
        return plain_failure("Name contains invalid characters");
    }
    let index = state.users.iter().position(|u| u.id == user_id).expect("authenticated");
    if let Err(response) = second_factor_for_update(state, request, index, &change) {
        return response;
    }
    if let Err(response) = check_settings(state, index, &change) {
        return response;
    }
    if let Err(response) = apply_fields(state, request, index, &change) {
        return response;
    }
    // Custom fields run last: an error here leaves the writes above in place.
    if let Some(fields) = custom_fields.filter(|f| !f.is_empty())
        && let Err(response) = save_custom_fields(state, index, &fields)
    {
        return response;
    }
    state.users[index].updated_at = now_ms();
    let user = &state.users[index];
    let doc = if state.mode == Mode::V8 { user_info(state, user, false) } else { raw_user(user) };
    Response::json(200, &json!({"user": doc, "success": true}))
}

struct Change {
    email: Option<String>,
    name: Option<String>,
    username: Option<String>,
    nickname: Option<String>,
    bio: Option<String>,
    status_text: Option<String>,
    status_type: Option<String>,
    current_password: Option<String>,
    new_password: Option<String>,
}

fn invalid_params(mode: Mode, message: &str) -> Response {
    let error =
        if mode == Mode::V8 { message.to_owned() } else { format!("{message} [invalid-params]") };
    Response::json(400, &json!({"success": false, "error": error, "errorType": "invalid-params"}))
}

fn valid_name_chars(name: &str) -> bool {
    !name.contains(['<', '>', '\\', '/'])
}

fn second_factor_for_update(
    state: &mut State,
    request: &Request,
    index: usize,
    change: &Change,
) -> Result<(), Response> {
    let user = &state.users[index];
    let wants_email = change.email.as_deref().is_some_and(|e| !e.is_empty());
    let wants_password = change.new_password.as_deref().is_some_and(|p| !p.is_empty());
    if state.mode == Mode::V2 {
        // ≤2.x: the method checks the typed password itself.
        if (wants_email || wants_password) && user.password_digest.is_some() {
            let typed = change.current_password.as_deref().map(str::to_ascii_lowercase);
            if typed.as_deref() != user.password_digest.as_deref() {
                return Err(meteor_error(
                    "error-invalid-password",
                    "Invalid password",
                    Some(json!({"method": "saveUserProfile"})),
                ));
            }
        }
        return Ok(());
    }
    let required = if state.mode == Mode::V8 {
        (wants_email && !user.emails.is_empty())
            || (wants_password && user.password_digest.is_some() && !user.require_password_change)
    } else {
        wants_email || wants_password
    };
    if !required || !state.settings.two_factor_enabled {
        return Ok(());
    }
    // The endpoint turns currentPassword into {code, method: 'password'}; without it the
    // method reads the X-2fa-* headers (both needed).
    let (code, named) = match &change.current_password {
        Some(current) => (Some(current.clone()), Some("password".to_owned())),
        None => match (request.header("x-2fa-code"), request.header("x-2fa-method")) {
            (Some(code), Some(method)) => (Some(code.to_owned()), Some(method.to_owned())),
            _ => (None, None),
        },
    };
    let method = second_factor_method(user, named.as_deref());
    let username = user.username.clone();
    check_factor(state, index, &method, code.as_deref(), &username).map_err(|(error, details)| {
        let reason = if error == "totp-required" { "TOTP Required" } else { "TOTP Invalid" };
        meteor_error(&error, reason, Some(details))
    })
}

/// `Accounts_AllowUserProfileChange`, then `validateUserEditing` (only fields that differ).
fn check_settings(state: &State, index: usize, change: &Change) -> Result<(), Response> {
    let settings = &state.settings;
    let user = &state.users[index];
    if !settings.allow_user_profile_change {
        return Err(meteor_error(
            "error-not-allowed",
            "Not allowed",
            Some(json!({"method": "saveUserProfile"})),
        ));
    }
    let not_allowed = |what: &str| {
        meteor_error(
            "error-action-not-allowed",
            &format!("Edit {what} is not allowed"),
            Some(json!({"method": "insertOrUpdateUser", "action": "Update_user"})),
        )
    };
    let differs =
        |new: &Option<String>, old: Option<&str>| new.as_deref().is_some_and(|n| Some(n) != old);
    if !settings.allow_username_change && differs(&change.username, Some(&user.username)) {
        return Err(not_allowed("username"));
    }
    if !settings.allow_status_message_change
        && differs(&change.status_text, user.status_text.as_deref())
    {
        return Err(not_allowed("user status"));
    }
    if !settings.allow_real_name_change && differs(&change.name, Some(&user.name)) {
        return Err(not_allowed("user real name"));
    }
    if !settings.allow_email_change && differs(&change.email, user.email()) {
        return Err(not_allowed("user email"));
    }
    if !settings.allow_password_change && change.new_password.is_some() {
        return Err(not_allowed("user password"));
    }
    Ok(())
}

const RESERVED_USERNAMES: &[&str] = &["admin", "administrator", "system", "user"];

fn apply_fields(
    state: &mut State,
    request: &Request,
    index: usize,
    change: &Change,
) -> Result<(), Response> {
    let mode = state.mode;
    let identity_error = || {
        meteor_error(
            "error-could-not-save-identity",
            "Could not save user identity",
            Some(json!({"method": "saveUserProfile"})),
        )
    };
    if change.name.as_deref().is_some_and(|n| !n.is_empty())
        || change.username.as_deref().is_some_and(|u| !u.is_empty())
    {
        if let Some(username) = change.username.as_deref().filter(|u| !u.is_empty()) {
            let own = state.users[index].username.eq_ignore_ascii_case(username);
            let valid = username.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
            let taken = state
                .users
                .iter()
                .enumerate()
                .any(|(i, u)| i != index && u.username.eq_ignore_ascii_case(username));
            if RESERVED_USERNAMES.contains(&username.to_ascii_lowercase().as_str())
                || !valid
                || (taken && !own)
            {
                return Err(identity_error());
            }
        }
        if let Some(name) = change.name.as_deref() {
            if name.trim().is_empty() && state.settings.require_name {
                return Err(identity_error());
            }
            state.users[index].name = name.trim().to_owned();
        }
        if let Some(username) = change.username.as_deref().filter(|u| !u.is_empty()) {
            state.users[index].username = username.to_owned();
        }
    }
    if change.status_type.as_deref() == Some("offline") && !state.settings.allow_invisible_status {
        return Err(meteor_error("error-status-not-allowed", "Invisible status is disabled", None));
    }
    if let Some(status) = &change.status_type {
        state.users[index].status = status.clone();
    }
    if let Some(text) = &change.status_text {
        state.users[index].status_text = Some(text.clone());
    }
    if let Some(bio) = &change.bio {
        if bio.chars().count() > 260 {
            return Err(meteor_error(
                "error-bio-size-exceeded",
                "Bio size exceeds 260 characters",
                None,
            ));
        }
        let bio = bio.trim();
        state.users[index].bio =
            if bio.is_empty() && mode == Mode::V8 { None } else { Some(bio.to_owned()) };
    }
    if let Some(nickname) = &change.nickname {
        if nickname.chars().count() > 120 {
            return Err(meteor_error(
                "error-nickname-size-exceeded",
                "Nickname size exceeds 120 characters",
                None,
            ));
        }
        // 7.x applies the nickname only when truthy; 8.x clears it with ''.
        if nickname.is_empty() {
            if mode == Mode::V8 {
                state.users[index].nickname = None;
            }
        } else {
            state.users[index].nickname = Some(nickname.clone());
        }
    }
    if let Some(email) = change.email.as_deref().filter(|e| !e.is_empty()) {
        set_email(state, index, email)?;
    }
    if let Some(new_password) = change.new_password.as_deref().filter(|p| !p.is_empty()) {
        set_password(state, request, index, new_password)?;
    }
    Ok(())
}

fn set_email(state: &mut State, index: usize, email: &str) -> Result<(), Response> {
    if let Some(window) = state.settings.email_function_limit.filter(|_| state.mode != Mode::V8) {
        let now = Instant::now();
        let user_id = state.users[index].id.clone();
        if let Some(last) =
            state.email_calls.get(&user_id).filter(|last| now.duration_since(**last) < window)
        {
            let seconds =
                window.saturating_sub(now.duration_since(*last)).as_millis().div_ceil(1000);
            // A function limiter: no X-RateLimit-* headers, only the text.
            let message = format!(
                "Error, too many requests. Please slow down. You must wait {seconds} seconds before trying again. [error-too-many-requests]"
            );
            return Err(Response::json(429, &json!({"success": false, "error": message})));
        }
        state.email_calls.insert(user_id, now);
    }
    let email = email.trim();
    if !state.settings.allow_email_change {
        return Err(meteor_error(
            "error-action-not-allowed",
            "Changing email is not allowed",
            Some(json!({"method": "setEmail", "action": "Changing_email"})),
        ));
    }
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.contains(char::is_whitespace)
    });
    if !valid {
        return Err(meteor_error(
            "error-invalid-email",
            &format!("Invalid email {email}"),
            Some(json!({"function": "RocketChat.setEmail", "email": email})),
        ));
    }
    if state.users[index].email().is_some_and(|current| current.eq_ignore_ascii_case(email)) {
        return Ok(());
    }
    let taken =
        state.users.iter().enumerate().any(|(i, u)| {
            i != index && u.emails.iter().any(|(a, _)| a.eq_ignore_ascii_case(email))
        });
    if taken {
        return Err(meteor_error(
            "error-field-unavailable",
            &format!("{email} is already in use :("),
            Some(json!({"function": "_setEmail", "field": email})),
        ));
    }
    state.users[index].emails = vec![(email.to_owned(), false)];
    Ok(())
}

fn set_password(
    state: &mut State,
    request: &Request,
    index: usize,
    new_password: &str,
) -> Result<(), Response> {
    if !state.settings.allow_password_change || state.users[index].password_digest.is_none() {
        return Ok(());
    }
    let digest = sha256_hex(new_password);
    if state.users[index].password_digest.as_deref() == Some(digest.as_str()) {
        return Err(meteor_error(
            "error-password-same-as-current",
            "Entered password same as current password",
            None,
        ));
    }
    if state.users[index].password_history.contains(&digest) {
        return Err(meteor_error(
            "error-password-in-history",
            "Entered password has been previously used",
            None,
        ));
    }
    if let Some(policy) = &state.settings.password_policy {
        let failures = policy_failures(policy, new_password);
        if let Some((first_code, first_message)) = failures.first() {
            if state.mode == Mode::V2 {
                return Err(meteor_error(first_code, first_message, None));
            }
            let details: Vec<Value> =
                failures.iter().map(|(e, m)| json!({"error": e, "message": m})).collect();
            return Err(meteor_error(
                "error-password-policy-not-met",
                "The password provided does not meet the server's password policy.",
                Some(Value::Array(details)),
            ));
        }
    }
    let current_token = request.header("x-auth-token").map(hash_token).unwrap_or_default();
    let revoke_all = state.settings.revoke_all_tokens_on_password_change;
    let user = &mut state.users[index];
    if let Some(old) = user.password_digest.replace(digest) {
        user.password_history.push(old);
    }
    user.require_password_change = false;
    // removeOtherTokens: only the calling session survives (none, in the fallback).
    user.tokens.retain(|t| *t == current_token && !revoke_all);
    Ok(())
}

fn policy_failures(policy: &PasswordPolicy, password: &str) -> Vec<(String, String)> {
    let mut failures = Vec::new();
    let mut fail = |rule: &str, message: &str| {
        failures.push((format!("error-password-policy-not-met-{rule}"), message.to_owned()));
    };
    let length = password.chars().count();
    if policy.min_length.is_some_and(|min| length < min) {
        fail("minLength", "The password does not meet the minimum length password policy.");
    }
    if policy.max_length.is_some_and(|max| length > max) {
        fail("maxLength", "The password does not meet the maximum length password policy.");
    }
    if let Some(count) = policy.forbid_repeating {
        let chars: Vec<char> = password.chars().collect();
        if chars.windows(count.max(2)).any(|w| w.iter().all(|c| *c == w[0])) {
            fail(
                "repeatingCharacters",
                "The password contains repeating characters which is against the password policy.",
            );
        }
    }
    if policy.lowercase && !password.chars().any(char::is_lowercase) {
        fail(
            "oneLowercase",
            "The password does not contain at least one lowercase character which is against the password policy.",
        );
    }
    if policy.uppercase && !password.chars().any(char::is_uppercase) {
        fail(
            "oneUppercase",
            "The password does not contain at least one uppercase character which is against the password policy.",
        );
    }
    if policy.number && !password.chars().any(|c| c.is_ascii_digit()) {
        fail(
            "oneNumber",
            "The password does not contain at least one numerical character which is against the password policy.",
        );
    }
    if policy.special && password.chars().all(char::is_alphanumeric) {
        fail(
            "oneSpecial",
            "The password does not contain at least one special character which is against the password policy.",
        );
    }
    failures
}

/// `validateCustomFields` over every configured field, then replace `customFields` with exactly
/// the configured keys.
fn save_custom_fields(
    state: &mut State,
    index: usize,
    submitted: &Map<String, Value>,
) -> Result<(), Response> {
    let Some(config) = state.settings.custom_fields.clone() else {
        return Ok(());
    };
    let Some(config) = config.as_object() else {
        return Err(meteor_error(
            "error-invalid-customfield-json",
            "Invalid JSON for Custom Fields",
            None,
        ));
    };
    let field_error =
        |message: String| meteor_error("error-user-registration-custom-field", &message, None);
    let mut saved = Map::new();
    for (field, rules) in config {
        let value = submitted.get(field).and_then(Value::as_str).unwrap_or("").trim().to_owned();
        if rules.get("required").and_then(Value::as_bool) == Some(true) && value.is_empty() {
            return Err(field_error(format!("Field {field} is required")));
        }
        if rules.get("type").and_then(Value::as_str) == Some("select") && !value.is_empty() {
            let options: Vec<&str> = rules
                .get("options")
                .and_then(Value::as_array)
                .map(|o| o.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if !options.contains(&value.as_str()) {
                return Err(field_error(format!("Value for field {field} is invalid")));
            }
        }
        if let Some(max) = rules.get("maxLength").and_then(Value::as_u64)
            && value.chars().count() as u64 > max
        {
            return Err(field_error(format!("Max length of field {field} {max}")));
        }
        if let Some(min) = rules.get("minLength").and_then(Value::as_u64)
            && !value.is_empty()
            && (value.chars().count() as u64) < min
        {
            return Err(field_error(format!("Min length of field {field} {min}")));
        }
        if submitted.contains_key(field) {
            saved.insert(field.clone(), Value::String(value));
        }
    }
    state.users[index].custom_fields = Some(saved);
    Ok(())
}
