//! Other accounts, with an administrator's permissions: `users.info`, `users.list` (paged),
//! `users.create`, `users.update`, `users.setActiveStatus` and `users.delete` (docs/server.md).
//! Every record that comes back is raw (some servers add `services`): show it only through
//! [`super::public_user`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::paging::{Items, Pages};
use super::{ApiError, Client, PageLimits, Request, TwoFactor, decode};

const INFO: &str = "api/v1/users.info";
const LIST: &str = "api/v1/users.list";
const CREATE: &str = "api/v1/users.create";
const UPDATE: &str = "api/v1/users.update";
const SET_ACTIVE_STATUS: &str = "api/v1/users.setActiveStatus";
const DELETE: &str = "api/v1/users.delete";

/// The text Rocket.Chat answers `users.info` with when nobody has that name.
const NOT_FOUND: &str = "User not found";

#[derive(Deserialize)]
struct UserAnswer {
    user: Map<String, Value>,
}

/// The raw record of the user named `username`, or `None` when there is no such user.
pub fn user_info(client: &Client, username: &str) -> Result<Option<Value>, ApiError> {
    let request = Request::get(INFO).with_query("username", username);
    match client.send(&request) {
        Ok(answer) => {
            let UserAnswer { user } = decode(client, answer, "the answer has no user")?;
            Ok(Some(Value::Object(user)))
        }
        Err(ApiError::Rejected { error_type: None, ref message, .. })
            if message.starts_with(NOT_FOUND) =>
        {
            Ok(None)
        }
        Err(err) => Err(err),
    }
}

/// Users a page: the most `users.list` hands out by default (`API_Upper_Count_Limit`); a server
/// with a lower limit answers smaller pages, which the pager follows.
const LIST_PAGE: u64 = 100;

/// Every page of `users.list` (raw records, sorted by username), checked and bounded by a
/// [`super::Pager`] (docs/cli.md: the limits of paging).
pub fn users_list_pages(client: &Client, limits: PageLimits) -> Pages<'_> {
    Pages::new(client, LIST, Items::Named("users"), LIST_PAGE, limits)
}

/// The body of `users.create`; the password is the plain text the server hashes itself.
#[derive(Serialize)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    #[serde(serialize_with = "super::expose")]
    pub password: &'a crate::secret::Secret,
    pub roles: &'a [String],
    #[serde(rename = "joinDefaultChannels")]
    pub join_default_channels: bool,
    pub verified: bool,
    #[serde(rename = "requirePasswordChange")]
    pub require_password_change: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nickname: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bio: Option<&'a str>,
    #[serde(rename = "customFields", skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<&'a Map<String, Value>>,
}

pub fn create_user_request<'a>(body: &NewUser<'_>) -> Result<Request<'a>, ApiError> {
    Request::post(CREATE, body)
}

/// Create a user; the answer is its raw record.
pub fn create_user(client: &Client, body: &NewUser<'_>) -> Result<Value, ApiError> {
    let answer = client.send(&create_user_request(body)?)?;
    let UserAnswer { user } = decode(client, answer, "the answer has no user")?;
    Ok(Value::Object(user))
}

/// The body of `users.update`: the user's id and the fields that change.
#[derive(Serialize)]
pub struct UserUpdate<'a> {
    #[serde(rename = "userId")]
    pub user_id: &'a str,
    pub data: UserData<'a>,
}

/// `data`: the fields that change and, apart so that it stays a secret, a new password.
#[derive(Serialize)]
pub struct UserData<'a> {
    #[serde(flatten)]
    pub fields: &'a Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "super::expose_some")]
    pub password: Option<&'a crate::secret::Secret>,
}

pub fn update_user_request<'a>(
    body: &UserUpdate<'_>,
    two_factor: Option<&'a TwoFactor>,
) -> Result<Request<'a>, ApiError> {
    Ok(Request::post(UPDATE, body)?.with_two_factor(two_factor))
}

/// Change another user (two-factor protected); the answer is the raw record.
pub fn update_user(
    client: &Client,
    body: &UserUpdate<'_>,
    two_factor: Option<&TwoFactor>,
) -> Result<Value, ApiError> {
    let answer = client.send(&update_user_request(body, two_factor)?)?;
    let UserAnswer { user } = decode(client, answer, "the answer has no user")?;
    Ok(Value::Object(user))
}

#[derive(Serialize)]
struct ActiveStatus<'a> {
    #[serde(rename = "userId")]
    user_id: &'a str,
    #[serde(rename = "activeStatus")]
    active: bool,
}

pub fn set_active_status_request<'a>(user_id: &str, active: bool) -> Result<Request<'a>, ApiError> {
    Request::post(SET_ACTIVE_STATUS, &ActiveStatus { user_id, active })
}

/// Activate or deactivate a user (deactivating revokes every token it has).
pub fn set_active_status(client: &Client, user_id: &str, active: bool) -> Result<(), ApiError> {
    client.send(&set_active_status_request(user_id, active)?).map(drop)
}

#[derive(Serialize)]
struct Delete<'a> {
    #[serde(rename = "userId")]
    user_id: &'a str,
}

pub fn delete_user_request<'a>(user_id: &str) -> Result<Request<'a>, ApiError> {
    Request::post(DELETE, &Delete { user_id })
}

/// Delete a user for good.
pub fn delete_user(client: &Client, user_id: &str) -> Result<(), ApiError> {
    client.send(&delete_user_request(user_id)?).map(drop)
}
