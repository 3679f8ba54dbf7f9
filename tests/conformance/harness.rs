//! A small request/assert language for replaying Rocket.Chat's API test cases against the
//! stand-in over real HTTP: one [`Case`] per original `it()`, naming the file, `describe` and
//! title it replays (every failed assertion prints them). The server runs as the originals'
//! does: `TEST_MODE` (no rate limits; two-factor only where a second factor is required), an
//! administrator `rocketchat.internal.admin.test` and the `rocket.cat` bot. Set-up goes through
//! the routes the originals use (`users.create`, `login`, `settings/:_id`,
//! `permissions.update`); a set-up the originals make in the database is made in the state.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::support::{Mode, StandIn, State, User};

pub const ADMIN_USERNAME: &str = "rocketchat.internal.admin.test";
pub const ADMIN_PASSWORD: &str = "rocketchat.internal.admin.test";
pub const ADMIN_EMAIL: &str = "rocketchat.internal.admin.test@rocket.chat";
/// `password` of `tests/data/user.ts`: every user the originals create has it.
pub const PASSWORD: &str = "rocket.chat";

/// Credentials, as the originals' `X-User-Id`/`X-Auth-Token` pair.
#[derive(Debug, Clone)]
pub struct Creds {
    pub user_id: String,
    pub token: String,
}

/// One replayed case: the server, the administrator's credentials, the citation.
pub struct Case {
    pub server: StandIn,
    pub admin: Creds,
    cite: String,
    http: reqwest::blocking::Client,
}

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A name no other user of any case has, like the originals' `Date.now()` suffixes.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

impl Case {
    /// The 8.x server (`Mode::V8`) for the case titled `title` under `describe` of `file`.
    pub fn new(file: &str, describe: &str, title: &str) -> Self {
        Self::in_mode(Mode::V8, file, describe, title)
    }

    pub fn in_mode(mode: Mode, file: &str, describe: &str, title: &str) -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut state = State::new(mode);
        state.settings.test_mode = true;
        let mut admin = User::new(ADMIN_USERNAME, ADMIN_PASSWORD).with_roles(&["admin"]);
        admin.emails = vec![(ADMIN_EMAIL.to_owned(), true)];
        state.add_user(admin);
        let mut cat = User::new("rocket.cat", "rocket.cat-has-no-login").with_roles(&["bot"]);
        cat.id = "rocket.cat".to_owned();
        cat.name = "Rocket.Cat".to_owned();
        cat.emails = Vec::new();
        state.add_user(cat);
        let server = StandIn::start_with(state, 0);
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .expect("an HTTP client");
        let cite = format!("{file} › {describe} › \"{title}\"");
        let mut case = Self {
            server,
            admin: Creds { user_id: String::new(), token: String::new() },
            cite,
            http,
        };
        case.admin = case.login(ADMIN_USERNAME, ADMIN_PASSWORD);
        case
    }

    pub fn get(&self, endpoint: &str) -> Call<'_> {
        self.call("GET", &format!("/api/v1/{endpoint}"))
    }

    pub fn post(&self, endpoint: &str) -> Call<'_> {
        self.call("POST", &format!("/api/v1/{endpoint}"))
    }

    /// A path outside `/api/v1`, e.g. `/api/info`.
    pub fn call(&self, method: &str, path: &str) -> Call<'_> {
        let url = format!("{}{path}", self.server.url());
        Call {
            case: self,
            method: method.to_owned(),
            url,
            headers: Vec::new(),
            query: Vec::new(),
            body: None,
        }
    }

    /// `login(username, password)` of `users.helper.ts`.
    pub fn login(&self, username: &str, password: &str) -> Creds {
        let reply = self.post("login").json(json!({"user": username, "password": password})).send();
        let data = &reply.body["data"];
        assert!(
            data.is_object(),
            "{}: set-up login of {username} failed: {}",
            self.cite,
            reply.body
        );
        Creds {
            user_id: data["userId"].as_str().unwrap_or_default().to_owned(),
            token: data["authToken"].as_str().unwrap_or_default().to_owned(),
        }
    }

    /// `createUser(userData)` of `users.helper.ts`: the administrator posts `users.create` with
    /// a fresh `user.test.N` name and the test password; answers the created user.
    pub fn create_user(&self, extra: Value) -> Value {
        let username =
            extra["username"].as_str().map_or_else(|| unique("user.test."), str::to_owned);
        let mut body = json!({"email": format!("{username}@rocket.chat"), "name": username,
                              "username": username, "password": PASSWORD});
        merge(&mut body, extra);
        let reply = self.post("users.create").as_(&self.admin).json(body).send();
        assert_eq!(reply.status, 200, "{}: set-up users.create: {}", self.cite, reply.body);
        reply.body["user"].clone()
    }

    /// A user created by [`Self::create_user`] and logged in.
    pub fn user_with_login(&self, extra: Value) -> (Value, Creds) {
        let user = self.create_user(extra);
        let creds = self.login(user["username"].as_str().unwrap_or_default(), PASSWORD);
        (user, creds)
    }

    /// `updateSetting(id, value)` of `permissions.helper.ts`: 200 expected.
    pub fn update_setting(&self, id: &str, value: Value) {
        let reply = self
            .post(&format!("settings/{id}"))
            .as_(&self.admin)
            .json(json!({"value": value}))
            .send();
        assert_eq!(reply.status, 200, "{}: set-up settings/{id}: {}", self.cite, reply.body);
    }

    /// `updatePermission(id, roles)`: `permissions.update` with one permission, 200 expected.
    pub fn update_permission(&self, id: &str, roles: &[&str]) {
        let body = json!({"permissions": [{"_id": id, "roles": roles}]});
        let reply = self.post("permissions.update").as_(&self.admin).json(body).send();
        assert_eq!(
            reply.status, 200,
            "{}: set-up permissions.update {id}: {}",
            self.cite, reply.body
        );
    }

    /// `getUserByUsername(username)`: the administrator's `users.info`.
    pub fn user_by_username(&self, username: &str) -> Value {
        self.get("users.info").as_(&self.admin).query(&[("username", username)]).send().body["user"]
            .clone()
    }

    pub fn cite(&self) -> &str {
        &self.cite
    }
}

fn merge(into: &mut Value, extra: Value) {
    if let (Some(into), Value::Object(extra)) = (into.as_object_mut(), extra) {
        into.extend(extra);
    }
}

pub fn id_of(user: &Value) -> String {
    user["_id"].as_str().unwrap_or_default().to_owned()
}

pub fn name_of(user: &Value) -> String {
    user["username"].as_str().unwrap_or_default().to_owned()
}

/// One request being built.
pub struct Call<'a> {
    case: &'a Case,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
    body: Option<(String, Vec<u8>)>,
}

impl Call<'_> {
    /// `.set(credentials)`.
    pub fn as_(self, creds: &Creds) -> Self {
        self.header("X-User-Id", &creds.user_id).header("X-Auth-Token", &creds.token)
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn query(mut self, pairs: &[(&str, &str)]) -> Self {
        self.query.extend(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        self
    }

    /// `.send(body)` as JSON.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(("application/json".to_owned(), body.to_string().into_bytes()));
        self
    }

    /// `.attach('image', file)` with `.field(...)`s: a multipart body.
    pub fn upload(mut self, fields: &[(&str, &str)], image: &[u8]) -> Self {
        let boundary = "conformance-boundary-7d1";
        let mut bytes = Vec::new();
        for (name, value) in fields {
            bytes.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
        bytes.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"avatar.png\"\r\nContent-Type: image/png\r\n\r\n").as_bytes());
        bytes.extend(image);
        bytes.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.body = Some((format!("multipart/form-data; boundary={boundary}"), bytes));
        self
    }

    pub fn send(self) -> Reply {
        let mut url = self.url;
        if !self.query.is_empty() {
            let encoded: String = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&self.query)
                .finish();
            url = format!("{url}?{encoded}");
        }
        let http = &self.case.http;
        let mut builder = if self.method == "GET" { http.get(url) } else { http.post(url) };
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if let Some((content_type, bytes)) = self.body {
            builder = builder.header("Content-Type", content_type).body(bytes);
        }
        let response = builder.send().expect("the stand-in answers");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let text = response.text().unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply { status, content_type, body, cite: self.case.cite.clone() }
    }
}

/// An answer, with chai-like assertions that name the case when they fail.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
    cite: String,
}

impl Reply {
    /// `.expect('Content-Type', 'application/json').expect(status)`.
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status, status, "{}: status; body {}", self.cite, self.body);
        assert_eq!(self.content_type, "application/json", "{}: content type", self.cite);
        self
    }

    /// `.expect(status)` alone.
    pub fn status(self, status: u16) -> Self {
        assert_eq!(self.status, status, "{}: status; body {}", self.cite, self.body);
        self
    }

    /// `to.have.nested.property(path, value)`.
    pub fn prop(self, path: &str, value: impl Into<Value>) -> Self {
        let value = value.into();
        assert_eq!(self.at(path), Some(&value), "{}: {path}; body {}", self.cite, self.body);
        self
    }

    /// `to.have.nested.property(path)`.
    pub fn has(self, path: &str) -> Self {
        assert!(self.at(path).is_some(), "{}: {path} missing; body {}", self.cite, self.body);
        self
    }

    /// `to.not.have.nested.property(path)`.
    pub fn lacks(self, path: &str) -> Self {
        assert!(self.at(path).is_none(), "{}: {path} present; body {}", self.cite, self.body);
        self
    }

    /// A custom check on the body, named in the failure.
    pub fn check(self, what: &str, ok: impl FnOnce(&Value) -> bool) -> Self {
        assert!(ok(&self.body), "{}: {what}; body {}", self.cite, self.body);
        self
    }

    /// The value at a chai nested path (`user.emails[0].address`).
    pub fn at(&self, path: &str) -> Option<&Value> {
        nested(&self.body, path)
    }
}

pub fn nested<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut current = value;
    for segment in path.split('.') {
        let (key, indexes) = segment.split_once('[').map_or((segment, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            current = current.as_object()?.get(key)?;
        }
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            let n: usize = index.trim_end_matches(']').parse().ok()?;
            current = current.as_array()?.get(n)?;
        }
    }
    Some(current)
}

/// `Random.hexString(length)`.
pub fn hex_string(length: usize) -> String {
    "0123456789abcdef".chars().cycle().take(length).collect()
}

/// A tiny PNG for `.attach('image', imgURL)`.
pub const IMAGE: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, b'I', b'D', b'A', b'T',
    0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, b'I', b'E', b'N',
    b'D', 0xae, 0x42, 0x60, 0x82,
];

/// The object of `json!` literals as a map, for custom-field bodies.
pub fn map(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}
