//! Personal access tokens (`users.*PersonalAccessToken`).

use serde::{Deserialize, Serialize};

use super::{ApiError, Client, Request, TwoFactor, decode};
use crate::secret::Secret;

const GENERATE: &str = "api/v1/users.generatePersonalAccessToken";

#[derive(Serialize)]
struct Generate<'a> {
    #[serde(rename = "tokenName")]
    token_name: &'a str,
    #[serde(rename = "bypassTwoFactor")]
    bypass_two_factor: bool,
}

#[derive(Deserialize)]
struct Generated {
    token: String,
}

/// Make a personal access token NAME for the user of the client's session; the answer holds
/// the token, shown once by the server and never again.
pub fn generate_personal_access_token(
    client: &Client,
    name: &str,
    bypass_two_factor: bool,
    two_factor: Option<&TwoFactor>,
) -> Result<Secret, ApiError> {
    let body = Generate { token_name: name, bypass_two_factor };
    let answer = client.send(&Request::post(GENERATE, &body)?.with_two_factor(two_factor))?;
    let Generated { token } = decode(client, answer, "the answer has no token")?;
    Ok(Secret::new(token))
}
