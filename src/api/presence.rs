//! `users.getStatus` and `users.setStatus`: the own presence and status message
//! (docs/server.md). `setStatus` has a limit of its own (5 calls a minute), waited out by the
//! client like any 429.

use serde::{Deserialize, Serialize};

use super::{ApiError, Client, Request, decode};

const GET_STATUS: &str = "api/v1/users.getStatus";
const SET_STATUS: &str = "api/v1/users.setStatus";

/// The own presence as `users.getStatus` answers it.
#[derive(Debug, Deserialize)]
pub struct Presence {
    pub status: String,
    /// Only for the caller; absent on older servers.
    #[serde(rename = "connectionStatus", default)]
    pub connection_status: Option<String>,
}

pub fn get_status(client: &Client) -> Result<Presence, ApiError> {
    let answer = client.send(&Request::get(GET_STATUS))?;
    decode(client, answer, "the status answer has no status")
}

/// The body of `users.setStatus`: at least one of the two; the 8.x schema allows no other key.
#[derive(Debug, Default, Serialize)]
pub struct SetStatus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The server trims it and cuts it at 120 UTF-16 units without a word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The request that sets the presence, for sending or for a dry run to describe.
pub fn set_status_request(body: &SetStatus) -> Result<Request<'static>, ApiError> {
    Request::post(SET_STATUS, body)
}

pub fn set_status(client: &Client, body: &SetStatus) -> Result<(), ApiError> {
    client.send(&set_status_request(body)?).map(drop)
}
