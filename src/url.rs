//! A Rocket.Chat base URL, normalised once. A leaf below `client` and `config`, which both
//! name servers.

use std::fmt;

use url::Url;

use crate::exit::Failure;

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
        let lower = input.to_ascii_lowercase();
        if !input.contains("://") && (lower.starts_with("http:") || lower.starts_with("https:")) {
            // `http:/host` would otherwise become the host `http` (a DNS lookup of a typo).
            return Err(bad("write the scheme with two slashes, as in `https://host`"));
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

    /// The URL itself, for joining a redirect target.
    pub fn url(&self) -> &Url {
        &self.0
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
        for typo in ["http:/host", "https:host", "HTTP:/host"] {
            assert!(url(typo).is_err(), "{typo}");
        }
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

    }
}
