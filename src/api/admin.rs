//! Other accounts, with an administrator's permissions: `users.info`, `users.list` (paged),
//! `users.create`, `users.update`, `users.setActiveStatus`, `users.delete` and `users.logout`
//! (docs/server.md).
//! Every record that comes back is read into the allow-listed [`User`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::page_set::PageSet;
use super::paging::{Items, Pages};
use super::{ApiError, Client, CreateTexts, ErrorType, PageLimits, ProfileTexts, Request};
use super::{TwoFactor, User, decode, expose, expose_some};
use crate::fields::Texts;
use crate::secret::Secret;

const INFO: &str = "api/v1/users.info";
const LIST: &str = "api/v1/users.list";
const CREATE: &str = "api/v1/users.create";
const UPDATE: &str = "api/v1/users.update";
const SET_ACTIVE_STATUS: &str = "api/v1/users.setActiveStatus";
const DELETE: &str = "api/v1/users.delete";
const LOGOUT: &str = "api/v1/users.logout";

/// The text Rocket.Chat answers `users.info` with when nobody has that name (it gives no
/// `errorType`).
const NOT_FOUND: &str = "User not found";

#[derive(Deserialize)]
struct UserAnswer {
    user: Value,
}

/// The record of the user named `username`, or `None` when there is no such user.
pub fn user_info(client: &Client, username: &str) -> Result<Option<User>, ApiError> {
    let request = Request::get(INFO).with_query("username", username);
    match client.send(&request) {
        Ok(answer) => {
            let UserAnswer { user } = decode(client, answer, "the answer has no user")?;
            Ok(Some(User::from_value(user)))
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

/// The first page of `users.list` (sorted by username) and the set of the others, to read in
/// any order ([`PageSet`]); the records hold only the list's fields (docs/server.md).
pub fn users_list_page_set(
    client: &Client,
    limits: PageLimits,
) -> Result<(PageSet<'_>, Vec<Value>), super::PagingError> {
    PageSet::first(client, LIST, Items::Named("users"), LIST_PAGE, limits)
}

/// The body of `users.create`; the password is the plain text the server hashes itself.
#[derive(Serialize)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    /// `name` (required by the server), and the other text fields `users.create` takes.
    #[serde(flatten)]
    pub texts: CreateTexts<'a>,
    #[serde(serialize_with = "expose")]
    pub password: &'a Secret,
    pub roles: &'a [String],
    #[serde(rename = "joinDefaultChannels")]
    pub join_default_channels: bool,
    pub verified: bool,
    #[serde(rename = "requirePasswordChange")]
    pub require_password_change: bool,
    #[serde(rename = "customFields", skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<&'a Map<String, Value>>,
}

pub fn create_user_request<'a>(body: &NewUser<'_>) -> Result<Request<'a>, ApiError> {
    Request::post(CREATE, body)
}

/// Create a user; the answer is its record.
pub fn create_user(client: &Client, body: &NewUser<'_>) -> Result<User, ApiError> {
    let answer = client.send(&create_user_request(body)?)?;
    let UserAnswer { user } = decode(client, answer, "the answer has no user")?;
    Ok(User::from_value(user))
}

/// The body of `users.update`: the user's id and the fields that change.
#[derive(Serialize)]
pub struct UserUpdate<'a> {
    #[serde(rename = "userId")]
    pub user_id: &'a str,
    pub data: UserData<'a>,
}

/// `data`: only the fields that change. A new password stays a secret (masked in dry runs).
#[derive(Serialize)]
pub struct UserData<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<&'a str>,
    #[serde(flatten)]
    pub texts: ProfileTexts<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    #[serde(rename = "requirePasswordChange", skip_serializing_if = "Option::is_none")]
    pub require_password_change: Option<bool>,
    /// The whole object: older servers replace it with what is sent.
    #[serde(rename = "customFields", skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<&'a Map<String, Value>>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose_some")]
    pub password: Option<&'a Secret>,
}

impl<'a> UserData<'a> {
    /// Nothing but the text fields given.
    pub fn texts(texts: &'a Texts<Option<String>>) -> Self {
        Self {
            email: None,
            username: None,
            texts: ProfileTexts(texts),
            roles: None,
            active: None,
            verified: None,
            require_password_change: None,
            custom_fields: None,
            password: None,
        }
    }
}

pub fn update_user_request<'a>(
    body: &UserUpdate<'_>,
    two_factor: Option<&'a TwoFactor>,
) -> Result<Request<'a>, ApiError> {
    Ok(Request::post(UPDATE, body)?.with_two_factor(two_factor))
}

/// Change another user (two-factor protected); the answer is the updated record.
pub fn update_user(
    client: &Client,
    body: &UserUpdate<'_>,
    two_factor: Option<&TwoFactor>,
) -> Result<User, ApiError> {
    let answer = client.send(&update_user_request(body, two_factor)?)?;
    let UserAnswer { user } = decode(client, answer, "the answer has no user")?;
    Ok(User::from_value(user))
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

/// `{"userId"}`: the body of `users.delete` and `users.logout`.
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

pub fn logout_user_request<'a>(user_id: &str) -> Result<Request<'a>, ApiError> {
    Request::post(LOGOUT, &Delete { user_id })
}

/// End every session of a user: the server empties its login tokens, personal access tokens
/// included.
pub fn logout_user(client: &Client, user_id: &str) -> Result<(), ApiError> {
    client.send(&logout_user_request(user_id)?).map(drop)
}

/// A refusal for want of a permission: a 403, `error-not-allowed`, `error-action-not-allowed`,
/// `not-authorized` or `error-unauthorized` (also when only the message's `[error-…]` says so).
pub fn lacks_permission(err: &ApiError) -> bool {
    matches!(err, ApiError::Forbidden { .. })
        || matches!(
            err.error_type(),
            Some(
                ErrorType::NotAllowed
                    | ErrorType::ActionNotAllowed
                    | ErrorType::NotAuthorized
                    | ErrorType::Unauthorized
            )
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::TextField;
    use serde_json::json;

    #[test]
    fn an_update_is_keyed_as_the_server_names_its_fields() {
        let texts = Texts::one(TextField::StatusText, "up");
        let roles = vec!["bot".to_owned()];
        let fields = Map::from_iter([("team".to_owned(), json!("infra"))]);
        let data = UserData {
            roles: Some(&roles),
            require_password_change: Some(false),
            custom_fields: Some(&fields),
            ..UserData::texts(&texts)
        };
        assert_eq!(
            serde_json::to_value(UserUpdate { user_id: "u1", data }).unwrap(),
            json!({"userId": "u1", "data": {"statusText": "up", "roles": ["bot"],
                   "requirePasswordChange": false, "customFields": {"team": "infra"}}})
        );
        let empty = Texts::default();
        assert_eq!(serde_json::to_value(UserData::texts(&empty)).unwrap(), json!({}));
    }
}
