//! The account's language, a field added through `src/fields.rs`: shown by `profile show`,
//! exported, and applied through `users.setPreferences` (one's own, and another account's with
//! `edit-other-user-info`), for accounts that exist and for new ones.

use serde_json::json;

use crate::common::{PASSWORD, Ran, TestEnv, json_out, logged_in, run};
use crate::support::{Mode, User};

fn rocketctl(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args(args))
}

fn preference_bodies(env: &TestEnv) -> Vec<serde_json::Value> {
    env.server.requests_to("users.setPreferences").iter().map(|r| r.json()).collect()
}

#[test]
fn the_own_language_is_applied_shown_exported_and_then_left_alone() {
    let env = logged_in(Mode::V8);
    let path = env.write_file("me.toml", "version = 1\n[profile]\nlanguage = \"de\"\n");
    let diff = rocketctl(&env, &["diff", "-f", path.to_str().unwrap()]);
    assert_eq!(diff.stdout, "~ profile.language: \"\" -> \"de\"\n", "{diff:?}");

    let applied = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(applied.code, 0, "{applied:?}");
    assert_eq!(preference_bodies(&env), [json!({"data": {"language": "de"}})]);
    assert!(env.server.requests_to("users.updateOwnBasicInfo").is_empty());
    assert_eq!(env.server.user("jane").language.as_deref(), Some("de"));

    let shown = rocketctl(&env, &["profile", "show", "-o", "json"]);
    assert_eq!(json_out(&shown)["language"], "de", "{shown:?}");
    let exported = rocketctl(&env, &["export"]);
    assert!(exported.stdout.contains("language = \"de\"\n"), "{exported:?}");

    let again = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(preference_bodies(&env).len(), 1, "nothing sent the second time");
}

/// `root` (admin) is logged in, and `bot-a` exists.
fn as_admin() -> TestEnv {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.server.add_user(User::new("bot-a", "bot-password-1").with_roles(&["bot"]));
    env.login_as("root", PASSWORD, "admin");
    env
}

#[test]
fn another_accounts_language_is_set_by_its_id_and_a_new_account_gets_it_after_creation() {
    let env = as_admin();
    let path = env.write_file("bots.toml",
        "version = 1\n\
         [[users]]\nusername = \"bot-a\"\nlanguage = \"pt-BR\"\n\
         [[users]]\nusername = \"bot-b\"\nname = \"B\"\nemail = \"b@example.com\"\nlanguage = \"fr\"\n",
    );
    let applied = rocketctl(&env, &["apply", "-f", path.to_str().unwrap(), "--parallel", "1"]);
    assert_eq!(applied.code, 0, "{applied:?}");
    let bot_a = env.server.user("bot-a");
    let bot_b = env.server.user("bot-b");
    assert_eq!(
        preference_bodies(&env),
        [
            json!({"userId": bot_a.id, "data": {"language": "pt-BR"}}),
            json!({"userId": bot_b.id, "data": {"language": "fr"}}),
        ]
    );
    assert_eq!((bot_a.language.as_deref(), bot_b.language.as_deref()), (Some("pt-BR"), Some("fr")));
    let create = &env.server.requests_to("users.create")[0].json();
    assert!(create.get("language").is_none(), "users.create takes no language: {create}");

    let again = rocketctl(&env, &["diff", "-f", path.to_str().unwrap(), "--exit-code"]);
    assert_eq!(again.code, 0, "{again:?}");
}

#[test]
fn another_accounts_language_needs_the_permission() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("bot-a", "bot-password-1").with_roles(&["bot"]));
    // Jane may see other accounts, not change them: refused before anything is sent.
    env.server.grant("view-full-other-user-info", "user");
    env.login();
    let path = env.write_file(
        "bot.toml",
        "version = 1\n[[users]]\nusername = \"bot-a\"\nlanguage = \"de\"\n",
    );
    let applied = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(applied.code, 5, "{applied:?}");
    assert!(applied.stderr.contains("edit-other-user-info"), "{applied:?}");
    assert!(env.server.requests_to("users.setPreferences").is_empty());
    assert_eq!(env.server.user("bot-a").language, None);
}
