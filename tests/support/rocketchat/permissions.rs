//! Roles and permissions: Rocket.Chat's default grants for the permissions the account and
//! admin routes check (`app/authorization/server/constant/permissions.ts`, the same for these
//! ids from 6.x to 8.x). Tests change them through [`State::grant`] and [`State::revoke`].

use std::collections::BTreeMap;

use super::State;

pub const DEFAULT_ROLES: &[&str] =
    &["admin", "moderator", "leader", "owner", "user", "bot", "app", "guest", "anonymous"];

const DEFAULTS: &[(&str, &[&str])] = &[
    ("api-bypass-rate-limit", &["admin", "bot", "app"]),
    ("assign-admin-role", &["admin"]),
    ("create-personal-access-tokens", &["admin", "user"]),
    ("create-user", &["admin"]),
    ("delete-user", &["admin"]),
    ("edit-other-user-active-status", &["admin"]),
    ("edit-other-user-avatar", &["admin"]),
    ("edit-other-user-info", &["admin"]),
    ("edit-other-user-password", &["admin"]),
    ("edit-other-user-totp", &["admin"]),
    ("logout-other-user", &["admin"]),
    ("manage-moderation-actions", &["admin"]),
    ("user-generate-access-token", &["admin"]),
    ("view-d-room", &["admin", "owner", "user", "bot", "app", "guest"]),
    ("view-full-other-user-info", &["admin"]),
    ("view-outside-room", &["admin", "owner", "moderator", "user", "bot", "app"]),
    ("view-statistics", &["admin"]),
];

pub fn default_permissions() -> BTreeMap<String, Vec<String>> {
    DEFAULTS
        .iter()
        .map(|(id, roles)| ((*id).to_owned(), roles.iter().map(|r| (*r).to_owned()).collect()))
        .collect()
}

impl State {
    /// Give `permission` to `role` (as `permissions.update` would).
    pub fn grant(&mut self, permission: &str, role: &str) {
        let roles = self.permissions.entry(permission.to_owned()).or_default();
        if !roles.iter().any(|r| r == role) {
            roles.push(role.to_owned());
        }
    }

    /// Take `permission` away from `role`.
    pub fn revoke(&mut self, permission: &str, role: &str) {
        if let Some(roles) = self.permissions.get_mut(permission) {
            roles.retain(|r| r != role);
        }
    }

    /// `hasPermission(userId, permission)`: any of the user's roles holds it.
    pub fn has_permission(&self, user_id: &str, permission: &str) -> bool {
        let Some(user) = self.users.iter().find(|u| u.id == user_id) else { return false };
        self.permissions
            .get(permission)
            .is_some_and(|roles| user.roles.iter().any(|role| roles.contains(role)))
    }
}
