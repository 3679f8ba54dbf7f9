//! `users.setAvatar`, `users.resetAvatar` and `GET <base>/avatar/<username>` (docs/server.md):
//! an upload goes as multipart field `image`; a URL is fetched by the server itself.

use serde::Serialize;

use super::{ApiError, Client, Request};
use crate::client::Upload;

const SET_AVATAR: &str = "api/v1/users.setAvatar";
const RESET_AVATAR: &str = "api/v1/users.resetAvatar";

/// What `profile avatar set` sends.
pub enum NewAvatar {
    /// The file's bytes and the content type found from its magic bytes.
    File { bytes: Vec<u8>, content_type: &'static str, extension: &'static str },
    /// A URL the server fetches.
    Url(String),
}

#[derive(Serialize)]
struct AvatarUrl<'a> {
    #[serde(rename = "avatarUrl")]
    avatar_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<&'a str>,
}

/// The request that sets the avatar, for sending or for a dry run to describe.
pub fn set_avatar_request(avatar: NewAvatar) -> Result<Request<'static>, ApiError> {
    avatar_request(avatar, None)
}

/// The request that sets another user's avatar (`edit-other-user-avatar`): the same upload or
/// URL, with the user named beside it.
pub fn set_avatar_for_request(
    username: &str,
    avatar: NewAvatar,
) -> Result<Request<'static>, ApiError> {
    avatar_request(avatar, Some(username))
}

fn avatar_request(avatar: NewAvatar, username: Option<&str>) -> Result<Request<'static>, ApiError> {
    match avatar {
        NewAvatar::File { bytes, content_type, extension } => {
            let upload = Upload {
                field: "image",
                filename: format!("avatar.{extension}"),
                content_type,
                bytes,
                fields: username.map(|name| ("username", name.to_owned())).into_iter().collect(),
            };
            Ok(Request::new(crate::client::Method::Post, SET_AVATAR).with_upload(upload))
        }
        NewAvatar::Url(url) => Request::post(SET_AVATAR, &AvatarUrl { avatar_url: &url, username }),
    }
}

pub fn set_avatar(client: &Client, request: &Request<'_>) -> Result<(), ApiError> {
    client.send(request).map(drop)
}

#[derive(Serialize)]
struct ResetAvatar<'a> {
    /// Needed even for oneself: an empty body is refused.
    username: &'a str,
}

pub fn reset_avatar_request(username: &str) -> Result<Request<'static>, ApiError> {
    Request::post(RESET_AVATAR, &ResetAvatar { username })
}

pub fn reset_avatar(client: &Client, username: &str) -> Result<(), ApiError> {
    client.send(&reset_avatar_request(username)?).map(drop)
}

/// The avatar the server serves for `username` now: (content type, bytes). The credentials go
/// as cookies, never in the URL.
pub fn current_avatar(client: &Client, username: &str) -> Result<(String, Vec<u8>), ApiError> {
    let name: String = url::form_urlencoded::byte_serialize(username.as_bytes()).collect();
    client.get_bytes(&format!("avatar/{name}"))
}
