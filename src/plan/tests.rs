//! Examples of the engine's decisions, one per rule of docs/cli.md#desired-state.

use std::collections::BTreeMap;

use super::change::{Action, Field, Step, Target, Val};
use super::file::TokenSpec;
use super::state::{AccountState, AvatarTarget, CustomFields, DesiredAvatar, DesiredSetting};
use super::{Current, Desired, DesiredAccount, plan, plan_account};
use crate::fields::{TextField, Texts};

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(key, value)| ((*key).to_owned(), (*value).to_owned())).collect()
}

fn jane() -> AccountState {
    AccountState {
        username: "jane".into(),
        email: "jane@example.com".into(),
        texts: Texts::from_fn(
            |field| if field == TextField::Name { "Jane".into() } else { String::new() },
        ),
        roles: vec!["user".into(), "bot".into()],
        active: true,
        custom_fields: fields(&[("team", "core"), ("floor", "2")]),
        ..AccountState::default()
    }
}

fn lines(desired: &DesiredAccount, current: Option<&AccountState>) -> Vec<String> {
    let target = Target::User("jane".into());
    plan_account(&target, desired, current).unwrap().changes.iter().map(|c| c.line()).collect()
}

#[test]
fn only_differences_are_planned() {
    let desired = DesiredAccount {
        texts: Texts::one(TextField::Name, "Jane").and(TextField::Nickname, "JD"),
        email: Some("JANE@example.com".into()),
        roles: Some(vec!["bot".into(), "user".into()]),
        active: Some(false),
        ..DesiredAccount::default()
    };
    assert_eq!(
        lines(&desired, Some(&jane())),
        [
            "~ users.jane.nickname: \"\" -> \"JD\"",
            "~ users.jane.active: true -> false (revokes its sessions and access tokens)"
        ]
    );
}

#[test]
fn custom_fields_present_means_exactly_these_keys() {
    let desired = DesiredAccount {
        custom_fields: CustomFields::Exactly(fields(&[("team", "infra"), ("desk", "4")])),
        ..DesiredAccount::default()
    };
    assert_eq!(
        lines(&desired, Some(&jane())),
        [
            "+ users.jane.custom_fields.desk: \"4\"",
            "~ users.jane.custom_fields.team: \"core\" -> \"infra\"",
            "- users.jane.custom_fields.floor",
        ]
    );
}

#[test]
fn flags_merge_into_the_custom_fields() {
    let desired = DesiredAccount {
        custom_fields: CustomFields::Merge {
            set: fields(&[("desk", "4")]),
            unset: ["floor".to_owned(), "absent".to_owned()].into(),
        },
        ..DesiredAccount::default()
    };
    assert_eq!(
        lines(&desired, Some(&jane())),
        ["+ users.jane.custom_fields.desk: \"4\"", "- users.jane.custom_fields.floor"]
    );
}

#[test]
fn removing_every_custom_field_is_a_notice_not_a_change() {
    let desired = DesiredAccount {
        custom_fields: CustomFields::Exactly(BTreeMap::new()),
        ..DesiredAccount::default()
    };
    let plan = plan_account(&Target::Profile, &desired, Some(&jane())).unwrap();
    assert!(plan.changes.is_empty());
    assert_eq!(plan.notices.len(), 1);
    assert!(plan.notices[0].starts_with("profile: `custom_fields = {}` cannot be done"));
    let none = AccountState { custom_fields: BTreeMap::new(), ..jane() };
    assert!(plan_account(&Target::Profile, &desired, Some(&none)).unwrap().notices.is_empty());
}

#[test]
fn a_missing_account_is_created_with_the_provisioning_defaults_then_the_rest() {
    let desired = DesiredAccount {
        texts: Texts::one(TextField::Name, "Deploy").and(TextField::StatusText, "up"),
        email: Some("deploy@example.com".into()),
        avatar: Some(Box::new(DesiredAvatar {
            label: "a.png".into(),
            source: AvatarTarget::File("/x/a.png".into()),
            digest: Some("00".into()),
        })),
        token: Some(Box::new(TokenSpec { name: "ci".into(), bypass_2fa: true, file: "/t".into() })),
        ..DesiredAccount::default()
    };
    let plan = plan_account(&Target::User("deploy".into()), &desired, None).unwrap();
    let steps: Vec<Step> = plan.changes.iter().map(|change| change.step()).collect();
    assert_eq!(steps, [Step::Account, Step::Avatar, Step::Token]);
    let create = &plan.changes[0];
    assert_eq!((create.field.as_ref(), create.action), (None, Action::Create));
    let Some(Val::Record(record)) = &create.after else { panic!("{create:?}") };
    let value = |key: &str| record.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    assert_eq!(value("roles"), Some(Val::List(vec!["user".into()])));
    assert_eq!(value("verified"), Some(Val::Flag(false)));
    assert_eq!(value("active"), Some(Val::Flag(true)));
    assert_eq!(value("password"), Some(Val::Sensitive));
    assert_eq!(value("status_text"), Some(Val::Text("up".into())));
    assert_eq!(plan.changes[2].line(), "+ users.deploy.token: \"ci\"");
}

#[test]
fn creating_needs_a_name_and_an_email() {
    let desired = DesiredAccount {
        texts: Texts::one(TextField::Name, "Deploy"),
        ..DesiredAccount::default()
    };
    let err = plan_account(&Target::User("deploy".into()), &desired, None).unwrap_err();
    assert!(err.0.contains("users.deploy does not exist") && err.0.contains("`email`"), "{err}");
}

#[test]
fn password_and_token_of_an_existing_account_are_left_alone() {
    let desired = DesiredAccount {
        initial_password: Some(Box::new(super::file::PasswordSource::Random)),
        token: Some(Box::new(TokenSpec {
            name: "ci".into(),
            bypass_2fa: false,
            file: "/t".into(),
        })),
        ..DesiredAccount::default()
    };
    assert!(lines(&desired, Some(&jane())).is_empty());
    let change = DesiredAccount { new_password: true, ..DesiredAccount::default() };
    assert_eq!(
        lines(&change, Some(&jane())),
        ["~ users.jane.password: (sensitive) -> (sensitive)"]
    );
}

#[test]
fn an_avatar_is_compared_by_its_bytes_and_a_url_is_always_sent() {
    let avatar = |digest: Option<&str>| DesiredAvatar {
        label: "a.png".into(),
        source: AvatarTarget::File("/a.png".into()),
        digest: digest.map(str::to_owned),
    };
    let current = AccountState { avatar_digest: Some("0123456789abcdef".into()), ..jane() };
    let same = DesiredAccount {
        avatar: Some(Box::new(avatar(Some("0123456789abcdef")))),
        ..DesiredAccount::default()
    };
    assert!(lines(&same, Some(&current)).is_empty());
    let other =
        DesiredAccount { avatar: Some(Box::new(avatar(Some("ff")))), ..DesiredAccount::default() };
    assert_eq!(
        lines(&other, Some(&current)),
        ["~ users.jane.avatar: \"sha256:0123456789ab\" -> \"a.png\""]
    );
    let url = DesiredAccount { avatar: Some(Box::new(avatar(None))), ..DesiredAccount::default() };
    assert_eq!(lines(&url, Some(&current)).len(), 1);
}

#[test]
fn the_plan_puts_settings_permissions_and_the_own_account_first_then_users_in_file_order() {
    use crate::plan::state::SettingNow;
    let rename =
        DesiredAccount { texts: Texts::one(TextField::Name, "New"), ..DesiredAccount::default() };
    let desired = Desired {
        settings: vec![("S".into(), DesiredSetting::Value(serde_json::json!(true)))],
        permissions: vec![("p".into(), vec!["bot".into()])],
        profile: Some(rename.clone()),
        users: vec![("zed".into(), rename.clone()), ("amy".into(), rename)],
        ..Desired::default()
    };
    let mut current = Current {
        settings: [("S".to_owned(), SettingNow::Value(serde_json::json!(false)))].into(),
        permissions: [("p".to_owned(), vec!["user".to_owned()])].into(),
        profile: Some(jane()),
        users: BTreeMap::new(),
    };
    for name in ["amy", "zed"] {
        current.users.insert(name.into(), AccountState { username: name.into(), ..jane() });
    }
    let plan = plan(&desired, &current).unwrap();
    let targets: Vec<String> = plan.targets().iter().map(ToString::to_string).collect();
    assert_eq!(targets, ["settings", "permissions", "profile", "users.zed", "users.amy"]);
    assert_eq!(plan.for_target(&Target::User("amy".into())).count(), 1);
    assert_eq!(plan.changes[2].field, Some(Field::Text(TextField::Name)));
}
