//! The basis of a plan: what it was computed from, for the values the file names. A saved plan
//! keeps it; `apply --plan` reads the server again and carries the plan out only when the
//! basis is the same, since the same file and the same basis always give the same plan. It
//! holds no secret: a secret setting is recorded only as whether it held the wanted value.

use serde_json::{Map, Value, json};

use super::state::{AccountState, Current, CustomFields, Desired, DesiredAccount, SettingNow};

/// The basis as JSON: `settings`, `permissions`, `profile` and `users` (the accounts read with
/// changes to make), each with the current values of what the file names.
pub fn basis(desired: &Desired, current: &Current) -> Value {
    let mut basis = Map::new();
    if !desired.settings.is_empty() {
        let settings = desired.settings.iter().map(|(id, _)| {
            let now = match current.settings.get(id) {
                Some(SettingNow::Value(value)) => value.clone(),
                Some(SettingNow::Sensitive { holds_wanted }) => {
                    json!({"sensitive": true, "holdsWanted": holds_wanted})
                }
                None => Value::Null,
            };
            (id.clone(), now)
        });
        basis.insert("settings".into(), Value::Object(settings.collect()));
    }
    if !desired.permissions.is_empty() {
        let permissions = desired.permissions.iter().map(|(id, _)| {
            let mut roles = current.permissions.get(id).cloned().unwrap_or_default();
            roles.sort();
            (id.clone(), json!(roles))
        });
        basis.insert("permissions".into(), Value::Object(permissions.collect()));
    }
    if let Some(profile) = &desired.profile {
        basis.insert("profile".into(), account(profile, current.profile.as_ref()));
    }
    // Other accounts as read for their changes: one with nothing to change (or to be created)
    // has no basis of its own, and planning it again gives a change only when it moved, which
    // the plan's outline then shows.
    if !desired.users.is_empty() {
        let users = desired.users.iter().filter_map(|(name, wanted)| {
            let state = current.users.get(name)?;
            Some((name.clone(), account(wanted, Some(state))))
        });
        basis.insert("users".into(), Value::Object(users.collect()));
    }
    Value::Object(basis)
}

/// The account's current values of the keys `wanted` names; `null` when it does not exist.
fn account(wanted: &DesiredAccount, state: Option<&AccountState>) -> Value {
    let Some(state) = state else { return Value::Null };
    let mut values = Map::new();
    let mut put = |key: &str, value: Value| {
        values.insert(key.to_owned(), value);
    };
    if wanted.username.is_some() {
        put("username", json!(state.username));
    }
    if wanted.email.is_some() {
        put("email", json!(state.email));
    }
    for (field, _) in wanted.texts.given() {
        put(field.key(), json!(state.texts.get(field)));
    }
    if wanted.roles.is_some() {
        let mut roles = state.roles.clone();
        roles.sort();
        put("roles", json!(roles));
    }
    for (key, named, now) in [
        ("active", wanted.active.is_some(), state.active),
        ("verified", wanted.verified.is_some(), state.verified),
        (
            "require_password_change",
            wanted.require_password_change.is_some(),
            state.require_password_change,
        ),
    ] {
        if named {
            put(key, json!(now));
        }
    }
    if wanted.custom_fields != CustomFields::Keep {
        put("custom_fields", json!(state.custom_fields));
    }
    if wanted.presence.is_some() {
        put("presence", json!(state.presence.map(|presence| presence.as_str())));
    }
    if let Some(avatar) = &wanted.avatar {
        // The image the file names is an input too: a different one is a different plan.
        put("avatar", json!({"server": state.avatar_digest, "file": avatar.digest}));
    }
    Value::Object(values)
}

/// The first place two bases differ, as `users.deploy-bot.email`, for the message that says
/// the plan is stale; `None` when they are the same.
pub fn first_difference(saved: &Value, now: &Value) -> Option<String> {
    difference(saved, now, &mut Vec::new())
}

fn difference(saved: &Value, now: &Value, path: &mut Vec<String>) -> Option<String> {
    match (saved, now) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                path.push(key.clone());
                let found = difference(
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                    path,
                );
                path.pop();
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        _ if saved == now => None,
        _ => Some(if path.is_empty() { "the plan".to_owned() } else { path.join(".") }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{TextField, Texts};

    #[test]
    fn the_basis_holds_what_the_file_names_and_nothing_else() {
        let desired = Desired {
            users: vec![
                (
                    "bot".into(),
                    DesiredAccount {
                        texts: Texts::one(TextField::Nickname, "b"),
                        active: Some(true),
                        ..DesiredAccount::default()
                    },
                ),
                ("new".into(), DesiredAccount::default()),
            ],
            ..Desired::default()
        };
        let bot = AccountState {
            username: "bot".into(),
            email: "bot@example.com".into(),
            active: true,
            texts: Texts::from_fn(|field| {
                if field == TextField::Nickname { "old".to_owned() } else { String::new() }
            }),
            ..AccountState::default()
        };
        let current = Current { users: [("bot".to_owned(), bot)].into(), ..Current::default() };
        let basis = basis(&desired, &current);
        assert_eq!(
            basis,
            json!({"users": {"bot": {"nickname": "old", "active": true}}}),
            "an account to create has no basis: the plan's outline holds it"
        );
        let mut moved = basis.clone();
        moved["users"]["bot"]["nickname"] = json!("other");
        assert_eq!(first_difference(&basis, &moved).as_deref(), Some("users.bot.nickname"));
        assert_eq!(first_difference(&basis, &basis), None);
    }
}
