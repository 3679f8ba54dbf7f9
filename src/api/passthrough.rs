//! `rocketctl api`: any endpoint the user names. This is the one place that turns an endpoint
//! name into a path: below `/api/v1/`, or as given when it starts with `/api/` (`/api/info`).

use serde_json::Value;

use crate::client::{ApiError, Client, Method, Reply, Request, TwoFactor};

const REST: &str = "api/v1/";

/// What to send: the endpoint's path as typed, query parameters, an optional JSON body.
#[derive(Debug)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
}

/// An endpoint whose path leads out of `<base>/api/`: the token would go to whatever else
/// the origin serves.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "the endpoint `{0}` leads out of the server's `api/`: `..` may not climb above it, and a \
     segment may not hold an encoded slash"
)]
pub struct OutsideApi(String);

impl Call {
    /// A query written into the endpoint (`users.list?count=10`) comes before `query`. A path
    /// whose `..` segments (also percent-encoded, or after a backslash, which URLs read as a
    /// slash) climb out of `<base>/api/` is refused before anything is sent.
    pub fn new(
        method: Method,
        endpoint: &str,
        query: Vec<(String, String)>,
        body: Option<Value>,
    ) -> Result<Self, OutsideApi> {
        let (path, inline) = endpoint.split_once('?').unwrap_or((endpoint, ""));
        if !stays_inside_api(&below_base(path)) {
            return Err(OutsideApi(path.to_owned()));
        }
        let mut pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(inline.as_bytes()).into_owned().collect();
        pairs.extend(query);
        Ok(Self { method, path: path.to_owned(), query: pairs, body })
    }

    /// The `offset` query parameter, when it is a number (`--paginate` starts there).
    pub fn offset(&self) -> Option<u64> {
        self.query
            .iter()
            .rev()
            .find(|(name, _)| name == "offset")
            .and_then(|(_, value)| value.parse().ok())
    }

    /// The same call for the page at `offset`: any `offset` already there is replaced, every
    /// other parameter is kept in its order.
    pub fn set_offset(&mut self, offset: u64) {
        self.query.retain(|(name, _)| name != "offset");
        self.query.push(("offset".to_owned(), offset.to_string()));
    }

    /// The request: `users.info` goes to `api/v1/users.info`, `/api/info` to `api/info`.
    pub fn request<'a>(&self, two_factor: Option<&'a TwoFactor>) -> Result<Request<'a>, ApiError> {
        let mut request =
            Request::new(self.method, below_base(&self.path)).with_two_factor(two_factor);
        for (name, value) in &self.query {
            request = request.with_query(name.clone(), value.clone());
        }
        match &self.body {
            Some(body) => request.with_body(body),
            None => Ok(request),
        }
    }
}

/// What to say when a name below the REST prefix was not found: the route may be outside it
/// (the server's version is `/api/info`).
pub fn not_found_hint(endpoint: &str) -> String {
    if endpoint == "info" {
        return format!(
            "the server's version is at /api/info, outside /{REST}: run `rocketctl api /api/info`"
        );
    }
    format!(
        "ENDPOINT names a route below /{REST} (this was /{REST}{}); check the name, or give a \
         path that starts with /api/ for a route outside it",
        crate::text::escape(endpoint)
    )
}

/// The path below the base URL: `users.info` is `api/v1/users.info`, `/api/info` is `api/info`.
fn below_base(path: &str) -> String {
    match path.strip_prefix('/') {
        Some(absolute) if absolute.starts_with("api/") => absolute.to_owned(),
        Some(relative) => format!("{REST}{relative}"),
        None => format!("{REST}{path}"),
    }
}

/// Whether the path, resolved as a URL resolves it (`.` and `..` segments, percent-encoded or
/// not, `\` as `/`), stays below `api/`. A segment that decodes to hold a slash is refused too:
/// a proxy or server that decodes it would see other segments than rocketctl checked.
fn stays_inside_api(path: &str) -> bool {
    let mut depth: Vec<String> = Vec::new();
    for segment in path.split(['/', '\\']) {
        let decoded =
            percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned();
        match decoded.as_str() {
            "." => {}
            ".." => {
                if depth.pop().is_none() {
                    return false;
                }
            }
            text if text.contains(['/', '\\']) => return false,
            // An empty segment (`a//b`) is kept by URLs, as it is here.
            _ => depth.push(decoded),
        }
    }
    depth.first().is_some_and(|first| first == "api") && depth.len() > 1
}

/// Send the call once (a GET may be retried by the client; a change never is, past a 429).
pub fn call(
    client: &Client,
    call: &Call,
    two_factor: Option<&TwoFactor>,
) -> Result<Reply, ApiError> {
    client.send_for_reply(&call.request(two_factor)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(endpoint: &str) -> Call {
        Call::new(Method::Get, endpoint, Vec::new(), None).unwrap()
    }

    #[test]
    fn endpoint_names_go_below_api_v1_and_absolute_paths_stay() {
        for (endpoint, path) in [
            ("me", "api/v1/me"),
            ("/users.info", "api/v1/users.info"),
            ("/api/info", "api/info"),
            ("/api/v1/users.list", "api/v1/users.list"),
            ("livechat/department", "api/v1/livechat/department"),
        ] {
            assert_eq!(call(endpoint).request(None).unwrap().path, path, "{endpoint}");
        }
    }

    #[test]
    fn a_path_that_climbs_out_of_api_is_refused() {
        for endpoint in [
            "../../../etc/passwd",
            "/api/../../x",
            "/api/../x",
            "../../x?y=1",
            "%2e%2e/%2E%2e/x",
            ".%2e/.%2e/x",
            "..\\..\\x",
            "%2e%2e%2f%2e%2e%2fx",
            "a/..%2f..%2f..%2fx",
        ] {
            let refused = Call::new(Method::Get, endpoint, Vec::new(), None).unwrap_err();
            assert!(refused.to_string().contains("leads out of the server's `api/`"), "{endpoint}");
        }
        for (endpoint, path) in [
            ("../info", "api/v1/../info"),
            ("/api/v1/x/../me", "api/v1/x/../me"),
            ("./me", "api/v1/./me"),
            ("//evil.example/x", "api/v1//evil.example/x"),
            ("users.info?x=../..", "api/v1/users.info"),
        ] {
            assert_eq!(call(endpoint).request(None).unwrap().path, path, "{endpoint}");
        }
    }

    #[test]
    fn a_query_in_the_endpoint_comes_first() {
        let query = vec![("offset".into(), "20".into())];
        let call = Call::new(Method::Get, "users.list?count=10&query=%7B%7D", query, None).unwrap();
        let request = call.request(None).unwrap();
        assert_eq!(request.path, "api/v1/users.list");
        let query: Vec<(&str, &str)> =
            request.query.iter().map(|(n, v)| (n.as_ref(), v.as_str())).collect();
        assert_eq!(query, [("count", "10"), ("query", "{}"), ("offset", "20")]);
    }

    #[test]
    fn set_offset_replaces_only_the_offset() {
        let pairs = |call: &Call| -> Vec<(String, String)> { call.query.clone() };
        let owned = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
        };
        let mut plain = call("users.list");
        assert_eq!(plain.offset(), None);
        plain.set_offset(100);
        assert_eq!((pairs(&plain), plain.offset()), (owned(&[("offset", "100")]), Some(100)));
        let mut given = call("users.list?count=100&offset=0&query=%7B%7D&fields[]=x");
        assert_eq!(given.offset(), Some(0));
        given.set_offset(200);
        assert_eq!(
            pairs(&given),
            owned(&[("count", "100"), ("query", "{}"), ("fields[]", "x"), ("offset", "200")])
        );
    }
}
