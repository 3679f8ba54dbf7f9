//! Property tests of the engine: for random desired and current states, carrying out the plan
//! on the current state (a model of what the server does with each change) gives settings,
//! permissions and accounts that hold every desired value, and planning again finds nothing to
//! do. An exported file, read back, plans nothing.

use std::collections::{BTreeMap, BTreeSet};

use proptest::collection::{btree_map, btree_set, vec};
use proptest::option::of;
use proptest::prelude::*;

use serde_json::{Value, json};

use super::change::{Action, Field, Target, Val};
use super::convert::{Export, export, to_toml};
use super::file::{SecretSource, SettingSpec, TokenSpec};
use super::read::{Format, Loaded, parse};
use super::server::same_value;
use super::state::{
    AccountState, AvatarTarget, CustomFields, DesiredAvatar, DesiredSetting, Presence, SettingNow,
};
use super::{Current, Desired, DesiredAccount, Plan, plan};
use crate::fields::{TextField, Texts};

/// Small alphabets, so that desired and current values often coincide; with the characters an
/// export escapes (controls, line breaks, bidi and zero-width) and quotes of both kinds.
fn text() -> impl Strategy<Value = String> {
    "[ab \"'\\\\\n\r\t\u{7}\u{1b}\u{7f}\u{85}\u{202e}\u{200b}é]{0,3}"
}

/// A name: never blank (the file refuses one), maybe with spaces the server trims.
fn word() -> impl Strategy<Value = String> {
    " ?[ab\"é]{1,2} ?"
}

/// Text as the server stores it: trimmed.
fn stored() -> impl Strategy<Value = String> {
    text().prop_map(|text| text.trim().to_owned())
}

fn email() -> impl Strategy<Value = String> {
    "[aA]@[bB]\\.io|c@d\\.io"
}

fn roles() -> impl Strategy<Value = Vec<String>> {
    vec(
        prop_oneof![Just("user".to_owned()), Just("bot".to_owned()), Just("admin".to_owned())],
        0..3,
    )
}

fn fields() -> impl Strategy<Value = BTreeMap<String, String>> {
    btree_map("[a-c]|d e|\u{202e}f", "[xy]{0,1}", 0..3)
}

/// Custom fields as a read gives them: an empty value reads as none.
fn stored_fields() -> impl Strategy<Value = BTreeMap<String, String>> {
    btree_map("[a-c]|d e|\u{202e}f", "[xy]", 0..3)
}

fn presence() -> impl Strategy<Value = Presence> {
    prop_oneof![
        Just(Presence::Online),
        Just(Presence::Away),
        Just(Presence::Busy),
        Just(Presence::Offline)
    ]
}

fn digest() -> impl Strategy<Value = String> {
    prop_oneof![Just("d1".to_owned()), Just("d2".to_owned())]
}

prop_compose! {
    fn account_state()(
        username in "[a-z]{1,3}", email in prop_oneof![Just(String::new()), email()],
        texts in vec(stored(), TextField::ALL.len()), roles in roles(),
        flags in any::<(bool, bool, bool)>(), custom_fields in stored_fields(),
        presence in of(presence()), avatar_digest in of(digest()),
    ) -> AccountState {
        let (active, verified, require_password_change) = flags;
        AccountState {
            username, email, texts: texts_of(texts), roles, active, verified,
            require_password_change, custom_fields, presence, avatar_digest, tokens: Vec::new(),
        }
    }
}

fn custom_fields() -> impl Strategy<Value = CustomFields> {
    prop_oneof![
        Just(CustomFields::Keep),
        fields().prop_map(CustomFields::Exactly),
        (fields(), btree_set("[a-d]", 0..3)).prop_map(|(set, unset)| {
            let unset = unset.into_iter().filter(|key| !set.contains_key(key)).collect();
            CustomFields::Merge { set, unset }
        }),
    ]
}

fn avatar() -> impl Strategy<Value = DesiredAvatar> {
    digest().prop_map(|digest| DesiredAvatar {
        label: format!("{digest}.png"),
        source: AvatarTarget::File(format!("/avatars/{digest}.png").into()),
        digest: Some(digest),
    })
}

prop_compose! {
    fn desired_account(own: bool)(
        name in of(word()), username in of("[a-z]{1,3}"),
        texts in vec(of(text()), TextField::ALL.len()), email in of(email()), roles in of(roles()),
        flags in (of(any::<bool>()), of(any::<bool>()), of(any::<bool>())),
        custom_fields in custom_fields(), presence in of(presence()), avatar in of(avatar()),
        token in of("[a-z]{1,4}"),
    ) -> DesiredAccount {
        let token = token.filter(|_| !own).map(|name| TokenSpec { name, bypass_2fa: false, file: "/t".into() });
        let mut texts = texts_of(texts);
        texts.set(TextField::Name, name);
        DesiredAccount {
            texts, email, custom_fields,
            avatar: avatar.map(Box::new),
            token: token.map(Box::new),
            username: username.filter(|_| own),
            roles: roles.filter(|_| !own),
            active: flags.0.filter(|_| !own),
            verified: flags.1.filter(|_| !own),
            require_password_change: flags.2.filter(|_| !own),
            presence: presence.filter(|_| own),
            ..DesiredAccount::default()
        }
    }
}

const NAMES: [&str; 3] = ["u1", "u2", "u3"];

/// A setting's value: the kinds settings hold, with numbers that compare equal as `1` and `1.0`.
fn setting_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        (0..3i64).prop_map(|n| json!(n)),
        (0..3i64).prop_map(|n| json!(n as f64)),
        "[ab]{0,2}".prop_map(Value::String),
        vec("[ab]", 0..2).prop_map(|items| json!(items)),
    ]
}

/// What a file wants of a setting and what the server has: a plain value, or a secret that
/// already holds the wanted value or not.
fn setting_pair() -> impl Strategy<Value = (DesiredSetting, SettingNow)> {
    prop_oneof![
        (setting_value(), setting_value())
            .prop_map(|(wanted, now)| (DesiredSetting::Value(wanted), SettingNow::Value(now))),
        any::<bool>().prop_map(|holds_wanted| {
            let source = SecretSource::Env("SECRET".into());
            (DesiredSetting::Secret(source), SettingNow::Sensitive { holds_wanted })
        }),
    ]
}

prop_compose! {
    /// Settings and permissions: each id maybe named by the file, always held by the server.
    fn tables()(
        settings in vec((any::<bool>(), setting_pair()), 3),
        permissions in vec((of(roles()), roles()), 3),
    ) -> (Desired, Current) {
        let (mut desired, mut current) = (Desired::default(), Current::default());
        for (index, (named, (wanted, now))) in settings.into_iter().enumerate() {
            let id = format!("S{index}");
            if named {
                desired.settings.push((id.clone(), wanted));
            }
            current.settings.insert(id, now);
        }
        for (index, (wanted, now)) in permissions.into_iter().enumerate() {
            let id = format!("p{index}");
            if let Some(wanted) = wanted {
                desired.permissions.push((id.clone(), wanted));
            }
            current.permissions.insert(id, now);
        }
        (desired, current)
    }
}

/// A value per text field, in [`TextField::ALL`]'s order.
fn texts_of<T: Clone>(values: Vec<T>) -> Texts<T> {
    Texts::from_fn(|field| values[TextField::ALL.iter().position(|f| *f == field).unwrap()].clone())
}

prop_compose! {
    fn world()(
        own in account_state(), desired_own in of(desired_account(true)),
        existing in vec(of(account_state()), 3), wanted in vec(of(desired_account(false)), 3),
        (tables_wanted, tables_now) in tables(),
    ) -> (Desired, Current) {
        let mut current = Current { profile: Some(own), ..tables_now };
        let mut desired = Desired { profile: desired_own, ..tables_wanted };
        for (name, (state, want)) in NAMES.iter().zip(existing.into_iter().zip(wanted)) {
            if let Some(state) = state {
                current.users.insert((*name).to_owned(), AccountState { username: (*name).to_owned(), ..state });
            }
            if let Some(want) = want {
                desired.users.push(((*name).to_owned(), want));
            }
        }
        (desired, current)
    }
}

/// What the server does with each change, per docs/server.md.
fn carry_out(current: &Current, plan: &Plan, desired: &Desired) -> Current {
    let mut next = current.clone();
    for change in &plan.changes {
        let (state, wanted) = match &change.target {
            Target::Settings | Target::Permissions => {
                carry_out_table(&mut next, change);
                continue;
            }
            Target::Profile => (next.profile.as_mut().unwrap(), desired.profile.as_ref().unwrap()),
            Target::User(name) => (
                next.users.entry(name.clone()).or_insert_with(|| AccountState {
                    username: name.clone(),
                    ..AccountState::default()
                }),
                &desired.users.iter().find(|(user, _)| user == name).unwrap().1,
            ),
        };
        match (&change.field, change.action, &change.after) {
            (None, Action::Create, Some(Val::Record(entries))) => {
                for (key, value) in entries {
                    set(state, &field_of(key), value);
                }
            }
            (Some(Field::Custom(key)), Action::Remove, _) => {
                state.custom_fields.remove(key);
            }
            (Some(Field::Avatar), _, _) => {
                state.avatar_digest =
                    wanted.avatar.as_ref().and_then(|avatar| avatar.digest.clone());
            }
            (Some(field), _, Some(value)) => set(state, field, value),
            other => panic!("a change the server would not understand: {other:?}"),
        }
    }
    next
}

/// A setting takes the wanted value (a secret one then holds it); a permission's roles are
/// replaced.
fn carry_out_table(next: &mut Current, change: &super::Change) {
    match (&change.field, &change.after) {
        (Some(Field::Setting(id)), Some(Val::Json(value))) => {
            next.settings.insert(id.clone(), SettingNow::Value(value.clone()));
        }
        (Some(Field::Setting(id)), Some(Val::Sensitive)) => {
            next.settings.insert(id.clone(), SettingNow::Sensitive { holds_wanted: true });
        }
        (Some(Field::Permission(id)), Some(Val::List(roles))) => {
            next.permissions.insert(id.clone(), roles.clone());
        }
        other => panic!("a change the server would not understand: {other:?}"),
    }
}

/// Every setting and permission the file names holds what it wants.
fn assert_tables_hold(desired: &Desired, current: &Current) {
    for (id, wanted) in &desired.settings {
        match (wanted, &current.settings[id]) {
            (DesiredSetting::Value(wanted), SettingNow::Value(now)) => {
                assert!(same_value(wanted, now), "{id}: {wanted} != {now}");
            }
            (DesiredSetting::Secret(_), SettingNow::Sensitive { holds_wanted }) => {
                assert!(holds_wanted, "{id}");
            }
            other => panic!("{id}: {other:?}"),
        }
    }
    for (id, wanted) in &desired.permissions {
        let set = |roles: &[String]| roles.iter().cloned().collect::<BTreeSet<_>>();
        assert_eq!(set(wanted), set(&current.permissions[id]), "{id}");
    }
}

fn field_of(key: &str) -> Field {
    if let Some(field) = TextField::ALL.iter().find(|field| field.key() == key) {
        return Field::Text(*field);
    }
    match key {
        "email" => Field::Email,
        "password" => Field::Password,
        "roles" => Field::Roles,
        "active" => Field::Active,
        "verified" => Field::Verified,
        "require_password_change" => Field::RequirePasswordChange,
        "custom_fields" => Field::Custom(String::new()),
        other => panic!("unexpected key {other}"),
    }
}

fn set(state: &mut AccountState, field: &Field, value: &Val) {
    let trimmed = match value {
        Val::Text(text) => Val::Text(text.trim().to_owned()),
        other => other.clone(),
    };
    match (field, &trimmed) {
        (Field::Text(field), Val::Text(text)) => state.texts.set(*field, text.clone()),
        (Field::Username, Val::Text(text)) => state.username.clone_from(text),
        (Field::Email, Val::Text(text)) => state.email = text.to_lowercase(),
        (Field::Roles, Val::List(roles)) => state.roles.clone_from(roles),
        (Field::Active, Val::Flag(flag)) => state.active = *flag,
        (Field::Verified, Val::Flag(flag)) => state.verified = *flag,
        (Field::RequirePasswordChange, Val::Flag(flag)) => state.require_password_change = *flag,
        // An empty value reads back as none (`User::custom_field_texts`).
        (Field::Custom(key), Val::Text(text)) if text.is_empty() => {
            state.custom_fields.remove(key);
        }
        (Field::Custom(key), Val::Text(text)) => {
            state.custom_fields.insert(key.clone(), text.clone());
        }
        (Field::Custom(_), Val::Record(entries)) => {
            for (key, value) in entries {
                set(state, &Field::Custom(key.clone()), value);
            }
        }
        (Field::Presence, Val::Text(text)) => {
            state.presence = serde_json::from_value(serde_json::Value::String(text.clone())).ok();
        }
        (Field::Token, Val::Text(name)) => state.tokens.push(name.clone()),
        (Field::Password, Val::Sensitive) => {}
        other => panic!("a value the server would refuse: {other:?}"),
    }
}

/// Every value the desired state names, checked on its own (not by planning again).
/// Custom fields are not checked where the plan gave a notice instead (removing every one).
fn assert_holds(wanted: &DesiredAccount, state: &AccountState, noticed: bool) {
    let texts = wanted.texts.iter().map(|(field, wanted)| (wanted, state.texts.get(field)));
    for (wanted, now) in texts.chain([(&wanted.username, &state.username)]) {
        if let Some(wanted) = wanted {
            assert_eq!(wanted.trim(), now);
        }
    }
    if let Some(email) = &wanted.email {
        assert!(email.eq_ignore_ascii_case(&state.email));
    }
    if let Some(roles) = &wanted.roles {
        let set = |roles: &[String]| roles.iter().cloned().collect::<BTreeSet<_>>();
        assert_eq!(set(roles), set(&state.roles));
    }
    let flags = [
        (wanted.active, state.active),
        (wanted.verified, state.verified),
        (wanted.require_password_change, state.require_password_change),
    ];
    for (wanted, now) in flags {
        assert!(wanted.is_none_or(|wanted| wanted == now));
    }
    match &wanted.custom_fields {
        _ if noticed => {}
        CustomFields::Exactly(fields) => {
            let held: BTreeMap<&String, &String> =
                fields.iter().filter(|(_, value)| !value.is_empty()).collect();
            assert_eq!(held, state.custom_fields.iter().collect::<BTreeMap<_, _>>());
        }
        CustomFields::Merge { set, unset } => {
            let held = |key: &String, value: &String| {
                state.custom_fields.get(key) == Some(value).filter(|value| !value.is_empty())
            };
            assert!(set.iter().all(|(key, value)| held(key, value)));
            assert!(unset.iter().all(|key| !state.custom_fields.contains_key(key)));
        }
        _ => {}
    }
    assert!(wanted.presence.is_none_or(|presence| state.presence == Some(presence)));
    if let Some(avatar) = &wanted.avatar {
        assert_eq!(avatar.digest, state.avatar_digest);
    }
}

fn can_create(desired: &Desired, current: &Current) -> bool {
    desired.users.iter().all(|(name, user)| {
        let named = user.texts.get(TextField::Name).is_some();
        current.users.contains_key(name) || (named && user.email.is_some())
    })
}

proptest! {
    #[test]
    fn carrying_out_a_plan_reaches_the_desired_state((desired, current) in world()) {
        let Ok(first) = plan(&desired, &current) else {
            prop_assert!(!can_create(&desired, &current));
            return Ok(());
        };
        prop_assert!(can_create(&desired, &current));
        let next = carry_out(&current, &first, &desired);
        assert_tables_hold(&desired, &next);
        let noticed = |target: Target| first.notices.iter().any(|notice| notice.starts_with(&format!("{target}:")));
        if let Some(wanted) = &desired.profile {
            assert_holds(wanted, next.profile.as_ref().unwrap(), noticed(Target::Profile));
        }
        for (name, wanted) in &desired.users {
            assert_holds(wanted, &next.users[name], noticed(Target::User(name.clone())));
        }
        let again = plan(&desired, &next).unwrap();
        prop_assert!(again.is_empty(), "still planned: {:?}", again.lines());
        prop_assert_eq!(again.notices, first.notices);
    }

    #[test]
    fn an_exported_file_plans_nothing(
        own in account_state(),
        users in vec(account_state(), 0..3),
        settings in vec(setting_value(), 0..3),
        permissions in vec(roles(), 0..3),
    ) {
        let users: Vec<AccountState> = users
            .into_iter()
            .enumerate()
            .map(|(index, state)| AccountState { username: format!("u{index}"), ..state })
            .collect();
        let settings: Vec<(String, Value)> =
            settings.into_iter().enumerate().map(|(i, value)| (format!("S{i}"), value)).collect();
        let permissions: Vec<(String, Vec<String>)> =
            permissions.into_iter().enumerate().map(|(i, roles)| (format!("p{i}"), roles)).collect();
        let parts = Export {
            server: Some("https://chat.example.com".into()),
            settings: settings.iter().map(|(id, v)| (id.clone(), SettingSpec::Value(v.clone()))).collect(),
            permissions: permissions.clone(),
            profile: Some((&own, "u-own")),
            users: &users,
        };
        let text = to_toml(&export(parts)).unwrap();
        let file = parse(&text, Format::Toml, "export.toml").unwrap();
        let loaded = Loaded { file, origin: "export.toml".into(), base: ".".into() };
        let current = Current {
            settings: settings.into_iter().map(|(id, v)| (id, SettingNow::Value(v))).collect(),
            permissions: permissions.into_iter().collect(),
            profile: Some(own),
            users: users.into_iter().map(|state| (state.username.clone(), state)).collect(),
        };
        let desired = loaded.desired();
        prop_assert_eq!(desired.bindings.user_id.as_deref(), Some("u-own"));
        let again = plan(&desired, &current).unwrap();
        prop_assert!(again.is_empty(), "{text}\nplanned: {:?}", again.lines());
    }
}
