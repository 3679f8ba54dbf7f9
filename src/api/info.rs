//! `GET /api/info`: what the server says about itself, asked without credentials.

use serde::Deserialize;

use super::{ApiError, Client, Request, decode};

const INFO: &str = "api/info";

#[derive(Debug, Deserialize)]
pub struct Info {
    /// Older servers and hardened ones leave it out; anything but a string counts as absent.
    #[serde(default, deserialize_with = "text_or_none")]
    pub version: Option<String>,
}

impl Info {
    /// `(major, minor)` of the version; a missing or odd version reads as `(0, 0)`.
    pub fn major_minor(&self) -> (u32, u32) {
        let mut parts =
            self.version.as_deref().unwrap_or("").split('.').map(|p| p.parse().unwrap_or(0));
        (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
    }
}

fn text_or_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(serde_json::Value::deserialize(d)?.as_str().map(str::to_owned))
}

pub fn info(client: &Client) -> Result<Info, ApiError> {
    let answer = client.send(&Request::get(INFO))?;
    decode(client, answer, "the info answer is not an object")
}

#[cfg(test)]
mod tests {
    use super::Info;

    #[test]
    fn versions_compare_by_major_and_minor() {
        let info = |v: Option<&str>| Info { version: v.map(str::to_owned) };
        assert_eq!(info(Some("6.4.1")).major_minor(), (6, 4));
        assert_eq!(info(Some("8.0.0-rc.1")).major_minor(), (8, 0));
        assert_eq!(info(Some("garbage")).major_minor(), (0, 0));
        assert_eq!(info(None).major_minor(), (0, 0));
    }
}
