//! [`Request`]: what the API layer asks the client to send, and [`Description`], the same request
//! as it would go on the wire with secrets masked.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use super::TwoFactor;
use super::error::ApiError;
use super::retry::Repeat;

/// The HTTP methods Rocket.Chat's REST API uses (`PUT` and `DELETE` only through `rocketctl api`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        })
    }
}

/// One request, built by the API layer (`src/api/`): a path below the server's base URL
/// (usually a `const`; a passthrough may give its own), query parameters, an optional JSON body
/// and an optional second factor.
#[derive(Debug)]
pub struct Request<'a> {
    pub method: Method,
    pub path: Cow<'static, str>,
    pub query: Vec<(Cow<'static, str>, String)>,
    pub body: Option<Value>,
    pub two_factor: Option<&'a TwoFactor>,
    /// A file sent as `multipart/form-data` instead of a JSON body.
    pub upload: Option<Upload>,
    pub repeat: Repeat,
    /// Top-level members of the body and of the answer whose values are secret whatever their
    /// key (a sensitive setting's `value`): masked in `--dry-run` and the `-v` trace.
    pub masked: Vec<&'static str>,
    /// Whether it changes something on the server that a user would check: while it is on its
    /// way, a signal says its outcome is unknown (every method but GET, unless
    /// [`Self::not_a_change`]).
    pub changes: bool,
}

/// One file for a multipart upload (`users.setAvatar`'s `image`).
#[derive(Debug)]
pub struct Upload {
    pub field: &'static str,
    /// A name of rocketctl's choosing: the user's file name never goes into a header.
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    /// Plain text parts sent before the file (`username` for another user's avatar).
    pub fields: Vec<(&'static str, String)>,
}

impl<'a> Request<'a> {
    /// A request without a body; a GET is safe to repeat, anything else is sent once.
    pub fn new(method: Method, path: impl Into<Cow<'static, str>>) -> Self {
        let repeat = if method == Method::Get { Repeat::Safe } else { Repeat::Unsafe };
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            two_factor: None,
            upload: None,
            repeat,
            masked: Vec::new(),
            changes: method != Method::Get,
        }
    }

    /// A read: safe to repeat.
    pub fn get(path: &'static str) -> Self {
        Self::new(Method::Get, path)
    }

    /// A change or a login: sent once unless it never left.
    pub fn post(path: &'static str, body: &impl serde::Serialize) -> Result<Self, ApiError> {
        Self::new(Method::Post, path).with_body(body)
    }

    pub fn with_body(mut self, body: &impl serde::Serialize) -> Result<Self, ApiError> {
        let body = serde_json::to_value(body)
            .map_err(|err| ApiError::Encode { detail: err.to_string() })?;
        self.body = Some(body);
        Ok(self)
    }

    /// `?name=value`, encoded when the URL is built (`users.info?username=jane`).
    #[must_use]
    pub fn with_query(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<String>,
    ) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Send `upload` as `multipart/form-data` (a POST).
    #[must_use]
    pub fn with_upload(mut self, upload: Upload) -> Self {
        self.upload = Some(upload);
        self
    }

    /// Mask the member `key` of the body and of the answer wherever the request is shown: its
    /// value is secret although its name does not say so.
    #[must_use]
    pub fn masking(mut self, key: &'static str) -> Self {
        self.masked.push(key);
        self
    }

    /// A copy of `value` (a body or an answer) with the members named by [`Self::masking`]
    /// masked.
    pub fn mask(&self, value: &Value) -> Value {
        let mut value = value.clone();
        if let Value::Object(members) = &mut value {
            for key in &self.masked {
                if let Some(member) = members.get_mut(*key) {
                    *member = Value::String(super::REDACTED.to_owned());
                }
            }
        }
        value
    }

    /// A POST that changes nothing a user would check (a login, a logout of this session, an
    /// e-mailed code): a signal while it is on its way says nothing about it.
    #[must_use]
    pub fn not_a_change(mut self) -> Self {
        self.changes = false;
        self
    }

    #[must_use]
    pub fn with_two_factor(mut self, two_factor: Option<&'a TwoFactor>) -> Self {
        self.two_factor = two_factor;
        self
    }
}

/// A request as it would go on the wire, secrets masked: what `--dry-run` prints and what the
/// `-v` trace shows. Built in one place so the two cannot drift apart.
#[derive(Debug, serde::Serialize)]
pub struct Description {
    pub method: Method,
    pub url: String,
    /// The headers rocketctl adds (credentials, second factor), in the order they are sent.
    pub headers: Vec<(&'static str, String)>,
    /// `application/json`, or `multipart/form-data` for an upload (whose body is described).
    #[serde(skip)]
    pub content_type: &'static str,
    pub body: Option<Value>,
}

/// The request line, the headers, and the body indented, as `--dry-run` prints it:
///
/// ```text
/// POST https://chat.example.com/api/v1/users.updateOwnBasicInfo
/// X-User-Id: aobEdbYhXfu5hkeqG
/// X-Auth-Token: [REDACTED]
/// Content-Type: application/json
///
/// {
///   "data": { … }
/// }
/// ```
impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            writeln!(f, "Content-Type: {}", self.content_type)?;
            writeln!(f)?;
            let pretty = serde_json::to_string_pretty(body).map_err(|_| fmt::Error)?;
            writeln!(f, "{pretty}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_reads_as_the_request_would_go() {
        let described = Description {
            method: Method::Post,
            url: "http://h/api/v1/x".into(),
            headers: vec![("X-User-Id", "u1".into())],
            content_type: "application/json",
            body: Some(serde_json::json!({"a": 1})),
        };
        assert_eq!(
            described.to_string(),
            "POST http://h/api/v1/x\nX-User-Id: u1\nContent-Type: application/json\n\n{\n  \"a\": 1\n}\n"
        );
        let bare = Description { body: None, headers: Vec::new(), ..described };
        assert_eq!(bare.to_string(), "POST http://h/api/v1/x\n");
    }

    #[test]
    fn only_reads_are_repeated_and_bodies_are_json() {
        assert_eq!(Request::get("api/v1/me").repeat, Repeat::Safe);
        assert!(!Request::get("api/v1/me").changes);
        let post = Request::post("api/v1/logout", &serde_json::Map::new()).unwrap();
        assert!(post.changes);
        assert!(!Request::new(Method::Post, "api/v1/login").not_a_change().changes);
        assert_eq!((post.repeat, post.body), (Repeat::Unsafe, Some(serde_json::json!({}))));
        let query = Request::get("api/v1/users.info").with_query("username", "a b&c");
        assert_eq!(query.query, [("username".into(), "a b&c".to_owned())]);
    }

    #[test]
    fn a_masked_member_is_hidden_and_the_rest_kept() {
        let body = serde_json::json!({"value": "hunter22", "_id": "SMTP_Password"});
        let request = Request::post("api/v1/settings/x", &body).unwrap().masking("value");
        assert_eq!(
            request.mask(&body),
            serde_json::json!({"value": "[REDACTED]", "_id": "SMTP_Password"})
        );
        assert_eq!(Request::get("api/v1/me").mask(&body), body);
    }
}
