//! Personal access tokens: `users.getPersonalAccessTokens`, `users.generatePersonalAccessToken`,
//! `users.regeneratePersonalAccessToken`, `users.removePersonalAccessToken` (docs/server.md). A
//! token is always minted for the caller; the changing routes are two-factor protected.

use serde::{Deserialize, Serialize};

use super::{ApiError, Client, Request, TwoFactor, decode};
use crate::secret::Secret;

const LIST: &str = "api/v1/users.getPersonalAccessTokens";
const GENERATE: &str = "api/v1/users.generatePersonalAccessToken";
const REGENERATE: &str = "api/v1/users.regeneratePersonalAccessToken";
const REMOVE: &str = "api/v1/users.removePersonalAccessToken";

/// One personal access token as the server lists it: never the token itself.
#[derive(Debug, Clone, Deserialize)]
pub struct PersonalToken {
    pub name: String,
    /// As the server sent it (an ISO date on 7.x and 8.x), printed unchanged.
    #[serde(rename = "createdAt", default)]
    pub created_at: serde_json::Value,
    #[serde(rename = "lastTokenPart", default)]
    pub last_token_part: String,
    /// Before 8.x the flag is only sent when it is set.
    #[serde(rename = "bypassTwoFactor", default)]
    pub bypass_two_factor: bool,
}

#[derive(Deserialize)]
struct TokenList {
    tokens: Vec<PersonalToken>,
}

/// The caller's personal access tokens.
pub fn list_personal_access_tokens(client: &Client) -> Result<Vec<PersonalToken>, ApiError> {
    let answer = client.send(&Request::get(LIST))?;
    let TokenList { tokens } = decode(client, answer, "the answer has no tokens")?;
    Ok(tokens)
}

/// `{"tokenName", "bypassTwoFactor"}`; the 8.x schema allows no other key.
#[derive(Serialize)]
struct Generate<'a> {
    #[serde(rename = "tokenName")]
    token_name: &'a str,
    #[serde(rename = "bypassTwoFactor")]
    bypass_two_factor: bool,
}

#[derive(Serialize)]
struct ByName<'a> {
    #[serde(rename = "tokenName")]
    token_name: &'a str,
}

#[derive(Deserialize)]
struct Minted {
    token: String,
}

/// Make a new token named `name`; the answer is the token, shown by the server this once.
pub fn generate_personal_access_token(
    client: &Client,
    name: &str,
    bypass_two_factor: bool,
    two_factor: Option<&TwoFactor>,
) -> Result<Secret, ApiError> {
    let body = Generate { token_name: name, bypass_two_factor };
    let request = Request::post(GENERATE, &body)?.with_two_factor(two_factor);
    minted(client, &request)
}

/// Replace the token named `name` by a new one (the old one stops working); the server keeps
/// its `bypassTwoFactor`.
pub fn regenerate_personal_access_token(
    client: &Client,
    name: &str,
    two_factor: Option<&TwoFactor>,
) -> Result<Secret, ApiError> {
    let request = Request::post(REGENERATE, &ByName { token_name: name })?;
    minted(client, &request.with_two_factor(two_factor))
}

/// Revoke the token named `name`.
pub fn remove_personal_access_token(
    client: &Client,
    name: &str,
    two_factor: Option<&TwoFactor>,
) -> Result<(), ApiError> {
    let request = Request::post(REMOVE, &ByName { token_name: name })?;
    client.send(&request.with_two_factor(two_factor)).map(drop)
}

fn minted(client: &Client, request: &Request<'_>) -> Result<Secret, ApiError> {
    let answer = client.send(request)?;
    let Minted { token } = decode(client, answer, "the answer has no token")?;
    // It is printed raw and sent back in a header: anything but visible ASCII is not a token.
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::Malformed {
            server: client.server().host(),
            detail: "the new token holds characters a token cannot have".to_owned(),
        });
    }
    Ok(Secret::new(token))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies_hold_only_the_keys_the_schema_allows() {
        let body = Generate { token_name: "ci", bypass_two_factor: false };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"tokenName": "ci", "bypassTwoFactor": false})
        );
        let body = ByName { token_name: "ci" };
        assert_eq!(serde_json::to_value(&body).unwrap(), json!({"tokenName": "ci"}));
    }

    #[test]
    fn a_missing_bypass_flag_is_false() {
        let list: TokenList = serde_json::from_value(json!({"tokens": [
            {"name": "a", "createdAt": "2026-01-01T00:00:00.000Z", "lastTokenPart": "abcdef"}
        ]}))
        .unwrap();
        assert!(!list.tokens[0].bypass_two_factor);
        assert_eq!(list.tokens[0].created_at, json!("2026-01-01T00:00:00.000Z"));
    }
}
