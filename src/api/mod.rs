//! The typed Rocket.Chat REST API: the only place that knows endpoint paths, request bodies and
//! the shape of answers. Commands call these functions; they never build a path or read an
//! envelope, and the client below knows HTTP but not what any endpoint means.
//!
//! # Adding an endpoint
//!
//! Put it in the file of its group (`users.*` in `users.rs`, `login`/`logout` in `auth.rs`,
//! server facts in `info.rs`; a new group such as `tokens.rs` or `admin.rs` gets its own file):
//!
//! 1. a `const` with the path below the server's base URL (`"api/v1/users.info"`);
//! 2. a `#[derive(Serialize)]` struct for the body (secrets through [`expose`]) and a
//!    `#[derive(Deserialize)]` struct for the part of the answer rocketctl reads;
//! 3. a function taking `&Client` that builds a [`Request`] with [`Request::get`] or
//!    [`Request::post`] and hands the answer to [`decode`]:
//!
//! ```ignore
//! const PRESENCE: &str = "api/v1/users.getPresence";
//!
//! #[derive(Deserialize)]
//! pub struct Presence { pub presence: String }
//!
//! pub fn presence(client: &Client) -> Result<Presence, ApiError> {
//!     let answer = client.send(&Request::get(PRESENCE))?;
//!     decode(client, answer, "the presence answer has no presence")
//! }
//! ```
//!
//! Query parameters go through [`Request::with_query`] (`users.info?username=…`); a generic
//! passthrough builds `Request::new(method, path)` with a path of its own. A changing call that
//! a dry run shows also gets a `*_request` function returning the [`Request`], so `--dry-run`
//! prints exactly what would be sent ([`Client::describe`]). Refusals arrive as [`ApiError`]
//! with a parsed [`ErrorType`]; branch on that, not on text. A user record is read into
//! [`User`], the allow-list of fields rocketctl ever prints: servers differ in what they add,
//! and some of it is secret.

mod admin;
mod auth;
mod avatar;
mod ddp;
mod info;
mod page_set;
mod paging;
mod passthrough;
mod permissions;
mod presence;
mod record;
mod roles;
mod settings;
mod texts;
mod tokens;
mod two_factor;
mod users;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use crate::client::{
    ApiError, Client, ErrorType, Method, Reply, Request, TwoFactor, TwoFactorMethod,
};
use crate::secret::Secret;

pub use admin::{
    NewUser, UserData, UserUpdate, create_user, create_user_request, delete_user,
    delete_user_request, lacks_permission, logout_user, logout_user_request, set_active_status,
    set_active_status_request, update_user, update_user_request, user_info, users_list_page_set,
    users_list_pages,
};
pub use auth::{login, logout};
pub use avatar::{
    NewAvatar, current_avatar, reset_avatar, reset_avatar_request, set_avatar,
    set_avatar_for_request, set_avatar_request,
};
pub use info::info;
pub use paging::{Items, Limits as PageLimits, Pager, PagingError};
pub use passthrough::{Call, call, not_found_hint};
pub use permissions::{Permission, list_permissions, update_permission, update_permission_request};
pub use presence::{Presence, SetStatus, get_status, set_status, set_status_request};
pub use record::{User, user_rows};
pub use roles::{
    Membership, Role, add_user_to_role, add_user_to_role_request, list_roles,
    remove_user_from_role, remove_user_from_role_request, users_in_role_pages,
};
pub use settings::{custom_field_names, set_setting, set_setting_request, setting};
pub use texts::{CreateTexts, ProfileTexts};
pub use tokens::{
    PersonalToken, generate_personal_access_token, list_personal_access_tokens,
    regenerate_personal_access_token, remove_personal_access_token,
};
pub use two_factor::{
    Enrolment, OwnFactors, ServerSwitches, TotpRoutes, disable_email, enable_email, own_factors,
    server_switches, totp_begin, totp_codes_remaining, totp_confirm, totp_disable, totp_regenerate,
};
pub use users::{
    BasicInfo, UpdateOwnBasicInfo, me, send_email_code, set_preferences, update_own_basic_info,
    update_own_basic_info_request,
};

/// Read the part of an answer an endpoint needs; a shape that does not fit is a malformed
/// answer (exit 1), never a panic.
pub fn decode<T: DeserializeOwned>(
    client: &Client,
    answer: Value,
    what: &str,
) -> Result<T, ApiError> {
    serde_json::from_value(answer).map_err(|_| ApiError::Malformed {
        server: client.server().host(),
        detail: what.to_owned(),
    })
}

/// `serialize_with` for a secret that must go on the wire as it is (a digest, a code).
pub fn expose<S: serde::Serializer>(secret: &Secret, serializer: S) -> Result<S::Ok, S::Error> {
    secret.expose().serialize(serializer)
}

/// `serialize_with` for an optional secret (skip `None` with `skip_serializing_if`).
pub fn expose_some<S: serde::Serializer>(
    secret: &Option<&Secret>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    secret.map(Secret::expose).serialize(serializer)
}
