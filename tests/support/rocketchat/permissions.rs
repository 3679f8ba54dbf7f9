//! Roles and permissions: the defaults of a fresh server (`permission_defaults.rs`), changed by
//! tests through [`State::grant`] and [`State::revoke`] or over HTTP by `permissions.update`.
//! Every change stamps the permission's `_updatedAt`, which `permissions.listAll?updatedSince=`
//! filters on.

use std::collections::BTreeMap;

use super::State;
use super::permission_defaults::{GRANTS, ROLES};
use super::util::now_ms;

/// The names of the built-in roles (`users.create` refuses others).
pub fn default_roles() -> Vec<String> {
    ROLES.iter().map(|(name, ..)| (*name).to_owned()).collect()
}

/// A built-in role's scope and description.
pub fn role_definition(name: &str) -> Option<(&'static str, &'static str)> {
    ROLES.iter().find(|(n, ..)| *n == name).map(|(_, scope, description)| (*scope, *description))
}

pub fn default_permissions() -> BTreeMap<String, Vec<String>> {
    GRANTS
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
        self.permission_updated.insert(permission.to_owned(), now_ms());
    }

    /// Take `permission` away from `role`.
    pub fn revoke(&mut self, permission: &str, role: &str) {
        if let Some(roles) = self.permissions.get_mut(permission) {
            roles.retain(|r| r != role);
        }
        self.permission_updated.insert(permission.to_owned(), now_ms());
    }

    /// `Permissions.setRoles`: the permission's role list, replaced whole.
    pub fn set_permission_roles(&mut self, permission: &str, roles: Vec<String>) {
        self.permissions.insert(permission.to_owned(), roles);
        self.permission_updated.insert(permission.to_owned(), now_ms());
    }

    /// When the permission last changed (server start for untouched ones).
    pub fn permission_updated_at(&self, permission: &str) -> u64 {
        self.permission_updated.get(permission).copied().unwrap_or(self.started_at)
    }

    /// `hasPermission(userId, permission)`: any of the user's roles holds it.
    pub fn has_permission(&self, user_id: &str, permission: &str) -> bool {
        let Some(user) = self.users.iter().find(|u| u.id == user_id) else { return false };
        self.permissions
            .get(permission)
            .is_some_and(|roles| user.roles.iter().any(|role| roles.contains(role)))
    }
}
