//! Permissions: `permissions.listAll` (any authenticated user) and `permissions.update`
//! (`access-permissions`), which **replaces** each named permission's role list (docs/server.md,
//! "Settings, permissions and roles").

use serde::{Deserialize, Serialize};

use super::{ApiError, Client, Request, decode};

const LIST_ALL: &str = "api/v1/permissions.listAll";
const UPDATE: &str = "api/v1/permissions.update";

/// A permission and the ids of the roles that hold it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Permission {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(default)]
    pub roles: Vec<String>,
}

#[derive(Deserialize)]
struct ListAnswer {
    update: Vec<Permission>,
}

/// Every permission of the server, sorted by id.
pub fn list_permissions(client: &Client) -> Result<Vec<Permission>, ApiError> {
    let answer = client.send(&Request::get(LIST_ALL))?;
    let ListAnswer { mut update } = decode(client, answer, "the answer has no permissions")?;
    update.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(update)
}

#[derive(Serialize)]
struct Update<'a> {
    permissions: [Entry<'a>; 1],
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
    roles: &'a [String],
}

/// One permission's whole new role list (the server replaces the list with it).
pub fn update_permission_request<'a>(id: &str, roles: &[String]) -> Result<Request<'a>, ApiError> {
    Request::post(UPDATE, &Update { permissions: [Entry { id, roles }] })
}

#[derive(Deserialize)]
struct UpdateAnswer {
    permissions: Vec<Permission>,
}

/// Replace the permission's role list; the roles the server holds for it afterwards (`None`
/// when its answer leaves the permission out).
pub fn update_permission(
    client: &Client,
    id: &str,
    roles: &[String],
) -> Result<Option<Vec<String>>, ApiError> {
    let answer = client.send(&update_permission_request(id, roles)?)?;
    let UpdateAnswer { permissions } = decode(client, answer, "the answer has no permissions")?;
    Ok(permissions.into_iter().find(|p| p.id == id).map(|p| p.roles))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_update_names_one_permission_and_its_whole_role_list() {
        let roles = vec!["admin".to_owned(), "bot".to_owned()];
        let request = update_permission_request("create-personal-access-tokens", &roles).unwrap();
        assert_eq!(
            request.body,
            Some(json!({"permissions": [{"_id": "create-personal-access-tokens",
                                         "roles": ["admin", "bot"]}]}))
        );
    }
}
