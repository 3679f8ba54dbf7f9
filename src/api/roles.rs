//! Roles: `roles.list`, `roles.getUsersInRole` (paged; its pages do not say their offset),
//! `roles.addUserToRole` and `roles.removeUserFromRole` (docs/server.md, "Settings, permissions
//! and roles"). A role is named on the wire by its `_id`, which is its name for the built-in
//! ones.

use serde::{Deserialize, Serialize};

use super::paging::{Items, Pages};
use super::{ApiError, Client, ErrorType, PageLimits, Request, decode};

const LIST: &str = "api/v1/roles.list";
const USERS_IN_ROLE: &str = "api/v1/roles.getUsersInRole";
const ADD_USER: &str = "api/v1/roles.addUserToRole";
const REMOVE_USER: &str = "api/v1/roles.removeUserFromRole";

/// Users a page (`API_Upper_Count_Limit`'s default); a smaller page is followed.
const MEMBERS_PAGE: u64 = 100;

/// The scope of a role held server-wide; the others (`Subscriptions`) are held per room.
const GLOBAL_SCOPE: &str = "Users";

/// A role as `roles.list` describes it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Role {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub protected: bool,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub description: String,
}

impl Role {
    /// Held server-wide (scope `Users`), rather than per room (`owner`, `moderator`, `leader`).
    pub fn is_global(&self) -> bool {
        self.scope.is_empty() || self.scope == GLOBAL_SCOPE
    }

    /// The role `given` names, by name or by id.
    pub fn named<'a>(roles: &'a [Self], given: &str) -> Option<&'a Self> {
        roles
            .iter()
            .find(|role| role.name == given)
            .or_else(|| roles.iter().find(|r| r.id == given))
    }
}

/// A description the server left out or sent as `null` is empty.
fn text_or_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Deserialize)]
struct RolesAnswer {
    roles: Vec<Role>,
}

/// Every role of the server.
pub fn list_roles(client: &Client) -> Result<Vec<Role>, ApiError> {
    let answer = client.send(&Request::get(LIST))?;
    let RolesAnswer { roles } = decode(client, answer, "the answer has no roles")?;
    Ok(roles)
}

/// Every page of the users who hold `role_id` server-wide (raw records, by username).
pub fn users_in_role_pages<'a>(client: &'a Client, role_id: &str, limits: PageLimits) -> Pages<'a> {
    Pages::new(client, USERS_IN_ROLE, Items::Named("users"), MEMBERS_PAGE, limits)
        .with_query("role", role_id)
        .offset_implied()
}

#[derive(Serialize)]
struct MembershipBody<'a> {
    #[serde(rename = "roleId")]
    role_id: &'a str,
    username: &'a str,
}

pub fn add_user_to_role_request<'a>(
    role_id: &str,
    username: &str,
) -> Result<Request<'a>, ApiError> {
    Request::post(ADD_USER, &MembershipBody { role_id, username })
}

pub fn remove_user_from_role_request<'a>(
    role_id: &str,
    username: &str,
) -> Result<Request<'a>, ApiError> {
    Request::post(REMOVE_USER, &MembershipBody { role_id, username })
}

/// Whether a membership request changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    Changed,
    /// The user held the role already (adding) or did not hold it (removing).
    AlreadySo,
}

/// Give `username` the role; a role held already is no change.
pub fn add_user_to_role(
    client: &Client,
    role_id: &str,
    username: &str,
) -> Result<Membership, ApiError> {
    membership(
        client.send(&add_user_to_role_request(role_id, username)?),
        ErrorType::UserAlreadyInRole,
    )
}

/// Take the role from `username`; a role not held is no change. Removing the last
/// administrator is refused with [`ErrorType::AdminRequired`].
pub fn remove_user_from_role(
    client: &Client,
    role_id: &str,
    username: &str,
) -> Result<Membership, ApiError> {
    membership(
        client.send(&remove_user_from_role_request(role_id, username)?),
        ErrorType::UserNotInRole,
    )
}

fn membership(
    sent: Result<serde_json::Value, ApiError>,
    already: ErrorType,
) -> Result<Membership, ApiError> {
    match sent {
        Ok(_) => Ok(Membership::Changed),
        Err(err) if err.error_type() == Some(&already) => Ok(Membership::AlreadySo),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_role_is_read_leniently_and_found_by_name_or_id() {
        let roles: Vec<Role> = serde_json::from_value(json!([
            {"_id": "admin", "name": "admin", "scope": "Users", "protected": true, "description": "Admin"},
            {"_id": "owner", "name": "owner", "scope": "Subscriptions", "description": null},
            {"_id": "x7Gh", "name": "auditor"}
        ]))
        .unwrap();
        assert_eq!(roles[1].description, "");
        assert!(roles[0].is_global() && !roles[1].is_global() && roles[2].is_global());
        assert_eq!(Role::named(&roles, "auditor").map(|r| r.id.as_str()), Some("x7Gh"));
        assert_eq!(Role::named(&roles, "x7Gh").map(|r| r.name.as_str()), Some("auditor"));
        assert!(Role::named(&roles, "bot").is_none());
    }
}
