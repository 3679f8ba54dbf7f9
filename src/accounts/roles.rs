//! Who holds a role: its members (every page), and adding or removing one user at a time, each
//! change planned from the user's record so that a membership that already holds sends nothing.

use anyhow::Result;

use crate::accounts::permissions::ACCESS_PERMISSIONS;
use crate::accounts::users::{permission, permissions};
use crate::api::{
    self, ApiError, Client, ErrorType, Membership, PageLimits, PagingError, Role, User,
};
use crate::exit::{Exit, Failure};
use crate::output::escape;

/// What assigning the `admin` role needs besides `access-permissions`.
const ASSIGN_ADMIN: &str = "assign-admin-role";

/// A room role (`owner`, `moderator`, `leader`) is held per room, through the room's
/// subscriptions: the server-wide routes neither give nor take it. Refused before anything is
/// sent (exit 2).
pub fn check_global(role: &Role) -> Result<()> {
    if role.is_global() {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "{} is a room role (scope {}): it is held per room, not server-wide",
        escape(&role.name),
        escape(&role.scope)
    ))
    .hint(
        "give it in the room (its members' settings), or with `rocketctl api` on the room's routes",
    )
    .into())
}

/// Every user who holds the role server-wide, as allow-listed records.
pub fn members(client: &Client, role: &Role, limits: PageLimits) -> Result<Vec<User>> {
    let mut users = Vec::new();
    for page in api::users_in_role_pages(client, &role.id, limits) {
        let page = page.map_err(|err| match err {
            PagingError::Api(err) => permission(err, ACCESS_PERMISSIONS),
            page => Failure::new(Exit::Failure, page.to_string()).into(),
        })?;
        users.extend(page.into_iter().map(User::from_value));
    }
    Ok(users)
}

/// Whether the user's record says it holds the role.
pub fn holds(user: &User, role: &Role) -> bool {
    user.roles().iter().any(|held| *held == role.id || *held == role.name)
}

/// Give the user the role (one `roles.addUserToRole`).
pub fn add(client: &Client, role: &Role, username: &str) -> Result<Membership> {
    let _change = changing(format!("the request to give {} the role", escape(username)), role);
    api::add_user_to_role(client, &role.id, username).map_err(|err| {
        if role.id == "admin" {
            permissions(err, &[ACCESS_PERMISSIONS, ASSIGN_ADMIN])
        } else {
            permission(err, ACCESS_PERMISSIONS)
        }
    })
}

/// Take the role from the user (one `roles.removeUserFromRole`); the server refuses to take
/// `admin` from the last administrator.
pub fn remove(client: &Client, role: &Role, username: &str) -> Result<Membership> {
    let _change = changing(format!("the request to take from {} the role", escape(username)), role);
    api::remove_user_from_role(client, &role.id, username).map_err(|err| {
        if err.error_type() == Some(&ErrorType::AdminRequired) {
            return last_admin(username, &err);
        }
        permission(err, ACCESS_PERMISSIONS)
    })
}

/// Name a change of a role's members for a signal while it is on its way (docs/security.md G9).
fn changing(what: String, role: &Role) -> crate::interrupt::Changing {
    let role = escape(&role.name);
    crate::interrupt::changing(
        format!("{what} `{role}`"),
        format!(
            "check with `rocketctl admin role members {role}` before running the command again"
        ),
    )
}

fn last_admin(username: &str, err: &ApiError) -> anyhow::Error {
    Failure::new(
        Exit::Refused,
        format!(
            "the server refused to take the admin role from {}: it is the last administrator \
             ({})",
            escape(username),
            err.reason()
        ),
    )
    .hint("give another user the admin role first: `rocketctl admin role add admin USERNAME`")
    .into()
}
