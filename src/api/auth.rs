//! `login` and `logout`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ApiError, Client, Request, decode, expose, expose_some};
use crate::secret::Secret;

const LOGIN: &str = "api/v1/login";
const LOGOUT: &str = "api/v1/logout";

/// `POST /api/v1/login` with the password's SHA-256 digest; the plain password never leaves.
#[derive(Serialize)]
struct LoginBody<'a> {
    user: &'a str,
    password: Digest<'a>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose_some")]
    code: Option<&'a Secret>,
}

#[derive(Serialize)]
struct Digest<'a> {
    #[serde(serialize_with = "expose")]
    digest: &'a Secret,
    algorithm: &'static str,
}

#[derive(Deserialize)]
struct LoginAnswer {
    data: RawLoginData,
}

#[derive(Deserialize)]
struct RawLoginData {
    #[serde(rename = "userId")]
    user_id: String,
    #[serde(rename = "authToken")]
    auth_token: String,
    #[serde(default)]
    me: Option<Value>,
}

/// What a successful login gives: the session's credentials and, on most servers, the record.
pub struct LoginData {
    pub user_id: String,
    pub auth_token: Secret,
    pub me: Option<super::User>,
}

impl std::fmt::Debug for LoginData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginData").field("user_id", &self.user_id).finish_non_exhaustive()
    }
}

/// Log in with a password digest and, when the server asked for one, a two-factor code.
pub fn login(
    client: &Client,
    user: &str,
    digest: &Secret,
    code: Option<&Secret>,
) -> Result<LoginData, ApiError> {
    let body = LoginBody { user, password: Digest { digest, algorithm: "sha-256" }, code };
    let answer = client.send(&Request::post(LOGIN, &body)?.not_a_change())?;
    let LoginAnswer { data } = decode(client, answer, "the login answer has no user id or token")?;
    Ok(LoginData {
        user_id: data.user_id,
        auth_token: Secret::new(data.auth_token),
        me: data.me.map(super::User::from_value),
    })
}

/// Revoke the token in use.
pub fn logout(client: &Client) -> Result<(), ApiError> {
    client.send(&Request::post(LOGOUT, &serde_json::Map::new())?.not_a_change()).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_login_body_carries_only_the_digest() {
        let digest = Secret::new("d1g3st");
        let body = LoginBody {
            user: "jane",
            password: Digest { digest: &digest, algorithm: "sha-256" },
            code: None,
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"user": "jane", "password": {"digest": "d1g3st", "algorithm": "sha-256"}})
        );
        let code = Secret::new("123456");
        let body = LoginBody { code: Some(&code), ..body };
        assert_eq!(serde_json::to_value(&body).unwrap()["code"], "123456");
    }
}
