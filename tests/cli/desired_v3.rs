//! Desired state a reviewer can trust: files bound to their server and account, the same
//! checks in `diff`, `apply --dry-run` and `apply` before anything is sent, `[settings]` and
//! `[permissions]` applied first, and saved plans (`diff --out`, `apply --plan`, exit 11).

use std::os::unix::fs::PermissionsExt as _;
use std::path::PathBuf;

use serde_json::json;

use crate::common::{PASSWORD, Ran, TestEnv, run};
use crate::support::{Mode, User};

/// `root` (an administrator) logged in as the current context; jane exists too.
fn as_admin() -> TestEnv {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.server.state().settings.custom_fields = Some(json!({"team": {"type": "text"}}));
    env.login_as("root", PASSWORD, "admin");
    env
}

fn rocketctl(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args(args))
}

/// Every request that could change something (not a read, not a login), as `POST endpoint`.
fn writes(env: &TestEnv) -> Vec<String> {
    env.server
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET" && !r.path.ends_with("/login"))
        .map(|r| format!("{} {}", r.method, r.path.rsplit("/v1/").next().unwrap_or_default()))
        .collect()
}

fn path(file: &std::path::Path) -> &str {
    file.to_str().unwrap()
}

#[test]
fn an_exported_file_is_bound_to_its_account_and_server() {
    let env = as_admin();
    env.login_as("jane", PASSWORD, "jane");
    let exported = rocketctl(&env, &["--context", "jane", "export"]);
    assert_eq!(exported.code, 0, "{exported:?}");
    let jane_id = env.server.user("jane").id;
    assert!(
        exported.stdout.contains(&format!("server = \"{}\"", env.server.url())),
        "{exported:?}"
    );
    assert!(exported.stdout.contains(&format!("user_id = \"{jane_id}\"")), "{exported:?}");
    // Jane's own file with a change, applied under the administrator's context: refused.
    let changed = exported.stdout.replace("[profile]", "[profile]\nnickname = \"Janie\"");
    let file = env.write_file("jane.toml", &changed);
    let before = writes(&env).len();
    for args in [&["diff", "-f", path(&file)][..], &["apply", "-f", path(&file)]] {
        let ran = rocketctl(&env, &[&["--context", "admin"], args].concat());
        assert_eq!(ran.code, 2, "{args:?}: {ran:?}");
        assert!(ran.stderr.contains(&jane_id) && ran.stderr.contains("root"), "{ran:?}");
        assert!(ran.stderr.contains("nothing was sent"), "{ran:?}");
    }
    assert_eq!(writes(&env).len(), before, "nothing was sent");
    assert_eq!(env.server.user("jane").nickname, None);
    // The same file under jane's context applies.
    let ran = rocketctl(&env, &["--context", "jane", "apply", "-f", path(&file)]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("Janie"));
}

#[test]
fn a_file_bound_to_another_server_sends_nothing_and_an_equal_url_is_the_same_server() {
    let env = as_admin();
    let port = env.server.port();
    let other = env.write_file(
        "other.toml",
        "version = 1\nserver = \"https://chat.example.com\"\n[profile]\nnickname = \"x\"\n",
    );
    let before = writes(&env).len();
    for args in [&["diff", "-f", path(&other)][..], &["apply", "-f", path(&other)]] {
        let ran = rocketctl(&env, args);
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("https://chat.example.com"), "{ran:?}");
        assert!(ran.stderr.contains(&env.server.url()), "names both: {ran:?}");
    }
    assert_eq!(writes(&env).len(), before);
    // Upper-case scheme and host, a trailing slash: the same server.
    let same = env.write_file(
        "same.toml",
        &format!(
            "version = 1\nserver = \"HTTP://127.0.0.1:{port}/\"\n[profile]\nnickname = \"x\"\n"
        ),
    );
    let ran = rocketctl(&env, &["diff", "-f", path(&same)]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("~ profile.nickname"), "{ran:?}");
}

/// One file per check: what it is, the file, the exit code all three commands must give
/// before any request that changes something, and what the message names.
struct Bad {
    what: &'static str,
    text: String,
    code: i32,
    names: &'static str,
}

fn bad_files(env: &TestEnv) -> Vec<Bad> {
    std::fs::write(env.home.path().join("exists.token"), "old").unwrap();
    let new_bot = |roles: &str, extra: &str| {
        format!(
            "version = 1\n[[users]]\nusername = \"new-bot\"\nname = \"New\"\n\
             email = \"new-bot@example.com\"\nroles = [{roles}]\n{extra}"
        )
    };
    let user = |extra: &str| new_bot("\"user\"", extra);
    let bad = |what, text: String, code, names| Bad { what, text, code, names };
    vec![
        bad(
            "an inline secret setting",
            "version = 1\n[settings]\nSMTP_Password = \"hunter2\"\n".into(),
            2,
            "never written in the file",
        ),
        bad(
            "an unset password variable",
            user("password = { env = \"NO_SUCH_VAR_R24\" }\n"),
            2,
            "NO_SUCH_VAR_R24",
        ),
        bad(
            "an existing token file",
            user("token = { name = \"ci\", file = \"exists.token\" }\n"),
            2,
            "already exists",
        ),
        bad(
            "a username with a space",
            "version = 1\n[[users]]\nusername = \"bad name\"\nname = \"B\"\n\
             email = \"b@example.com\"\n"
                .into(),
            2,
            "would refuse the username `bad name`",
        ),
        bad(
            "an undefined custom field",
            user("custom_fields = { colour = \"red\" }\n"),
            5,
            "colour",
        ),
        bad(
            "an unknown setting",
            "version = 1\n[settings]\nNo_Such_Setting = true\n".into(),
            5,
            "No_Such_Setting",
        ),
        bad(
            "an unknown permission",
            "version = 1\n[permissions]\nno-such-permission = [\"admin\"]\n".into(),
            5,
            "no-such-permission",
        ),
        bad("an unknown role", new_bot("\"no-such-role\"", ""), 5, "no-such-role"),
        bad(
            "a token its roles may not make",
            new_bot("\"bot\"", "token = { name = \"ci\", file = \"new.token\" }\n"),
            5,
            "create-personal-access-tokens",
        ),
    ]
}

#[test]
fn every_check_fails_diff_dry_run_and_apply_alike_before_any_request() {
    let env = as_admin();
    for Bad { what, text, code, names } in bad_files(&env) {
        let file = env.write_file("bad.toml", &text);
        let before = writes(&env);
        for args in [
            &["diff", "-f", path(&file)][..],
            &["apply", "--dry-run", "-f", path(&file)],
            &["apply", "-f", path(&file)],
        ] {
            let ran = rocketctl(&env, args);
            assert_eq!(ran.code, code, "{what}: {args:?}: {ran:?}");
            assert!(ran.stderr.contains(names), "{what}: {args:?}: {ran:?}");
            assert!(!ran.stderr.contains("hunter2"), "{what}: a value is never quoted: {ran:?}");
        }
        assert_eq!(writes(&env), before, "{what}: nothing was sent");
    }
    assert!(env.server.state().find_by_username("new-bot").is_none());
}

#[test]
fn a_non_administrators_plan_of_other_accounts_is_refused_naming_the_permission() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("deploy-bot", "bot-password-1").with_roles(&["bot"]));
    env.login();
    let file = env.write_file(
        "bots.toml",
        "version = 1\n[[users]]\nusername = \"deploy-bot\"\nemail = \"deploy-bot@example.com\"\n",
    );
    let ran = rocketctl(&env, &["diff", "-f", path(&file)]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("view-full-other-user-info"), "{ran:?}");
    assert_eq!(ran.stdout, "", "no plan of changes it cannot see: {ran:?}");
    assert!(env.server.requests_to("users.info").is_empty(), "the accounts are not even read");
}

#[test]
fn one_apply_on_a_default_server_grants_the_permission_and_makes_a_bot_with_a_working_token() {
    let env = as_admin();
    let holders = env.server.state().permissions["create-personal-access-tokens"].clone();
    assert!(!holders.contains(&"bot".to_owned()), "a default server: {holders:?}");
    let file = env.write_file(
        "bot.toml",
        "version = 1\n\
         [settings]\nAccounts_AllowUserAvatarChange = false\n\
         [permissions]\ncreate-personal-access-tokens = [\"admin\", \"user\", \"bot\"]\n\
         [[users]]\nusername = \"deploy-bot\"\nname = \"Deploy Bot\"\n\
         email = \"deploy-bot@example.com\"\nroles = [\"bot\"]\npassword = \"random\"\n\
         token = { name = \"ci\", bypass_2fa = true, file = \"deploy-bot.token\" }\n",
    );
    let diff = rocketctl(&env, &["diff", "-f", path(&file)]);
    assert_eq!(diff.code, 0, "the token check counts the file's own grant: {diff:?}");
    let lines: Vec<&str> = diff.stdout.lines().collect();
    assert_eq!(lines[0], "~ settings.Accounts_AllowUserAvatarChange: true -> false", "{diff:?}");
    assert!(lines[1].starts_with("~ permissions.create-personal-access-tokens: "), "{diff:?}");
    let ran = rocketctl(&env, &["apply", "-f", path(&file)]);
    assert_eq!(ran.code, 0, "{ran:?}");
    // Settings first, then permissions, then the account. A setting's change is sent again
    // with the password the server asks for as second factor.
    let mut order: Vec<String> = writes(&env)
        .into_iter()
        .filter(|w| {
            w.contains("settings/") || w.contains("permissions.") || w.contains("users.create")
        })
        .collect();
    order.dedup();
    assert_eq!(
        order,
        [
            "POST settings/Accounts_AllowUserAvatarChange",
            "POST permissions.update",
            "POST users.create"
        ]
    );
    let token = std::fs::read_to_string(env.home.path().join("deploy-bot.token")).unwrap();
    assert!(env.server.user("deploy-bot").has_token(token.trim_end()), "the token works");
    assert_eq!(
        env.server.state().setting_value("Accounts_AllowUserAvatarChange"),
        Some(json!(false))
    );
    // Applying again changes nothing (the token file is used only on create).
    let again = rocketctl(&env, &["diff", "-f", path(&file), "--exit-code"]);
    assert_eq!(again.code, 0, "{again:?}");
}

#[test]
fn exported_settings_and_permissions_apply_without_a_change_and_secrets_stay_references() {
    let env = as_admin();
    env.server.state().write_setting("SMTP_Password", json!("smtp-secret-R24"));
    let exported = rocketctl(
        &env,
        &[
            "export",
            "--settings",
            "Accounts_AllowUserAvatarChange,SMTP_Password",
            "--permissions",
            "create-personal-access-tokens",
        ],
    );
    assert_eq!(exported.code, 0, "{exported:?}");
    assert!(exported.stdout.contains("[settings]"), "{exported:?}");
    assert!(exported.stdout.contains("Accounts_AllowUserAvatarChange = true"), "{exported:?}");
    assert!(!exported.stdout.contains("smtp-secret-R24"), "{exported:?}");
    assert!(exported.stdout.contains("env = \"SMTP_Password\""), "{exported:?}");
    assert!(!exported.stdout.contains("[profile]"), "tables only: {exported:?}");
    let file = env.write_file("server.toml", &exported.stdout);
    let before = writes(&env).len();
    let same = run(env.cmd().env("SMTP_Password", "smtp-secret-R24").args([
        "diff",
        "-f",
        path(&file),
        "--exit-code",
    ]));
    assert_eq!(same.code, 0, "{same:?}");
    let other = run(env.cmd().env("SMTP_Password", "another-secret").args([
        "diff",
        "-f",
        path(&file),
        "--exit-code",
    ]));
    assert_eq!(other.code, 10, "{other:?}");
    assert!(
        other.stdout.contains("~ settings.SMTP_Password: (sensitive) -> (sensitive)"),
        "{other:?}"
    );
    assert!(!other.stdout.contains("smtp-secret") && !other.stdout.contains("another-secret"));
    let unset = rocketctl(&env, &["diff", "-f", path(&file)]);
    assert_eq!(unset.code, 2, "the variable must be set: {unset:?}");
    assert_eq!(writes(&env).len(), before);
}

#[test]
fn deactivating_an_account_says_what_it_revokes() {
    let env = as_admin();
    env.server.add_user(User::new("old-bot", "bot-password-1").with_roles(&["bot"]));
    let file = env
        .write_file("off.toml", "version = 1\n[[users]]\nusername = \"old-bot\"\nactive = false\n");
    let ran = rocketctl(&env, &["diff", "-f", path(&file)]);
    assert_eq!(
        ran.stdout,
        "~ users.old-bot.active: true -> false (revokes its sessions and access tokens)\n"
    );
}

/// A file with a setting, a permission, a change to jane and a new bot whose password comes
/// from a file: every kind of change and of secret a plan can meet.
fn fleet_file(env: &TestEnv) -> PathBuf {
    let password_file = env.write_file("bot.pw", "bot-password-R24-CANARY\n");
    std::fs::set_permissions(&password_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.write_file("fleet.toml",
        "version = 1\n\
         [settings]\nSMTP_Password = { env = \"SMTP_SECRET_R24\" }\n\
         [permissions]\ncreate-personal-access-tokens = [\"admin\", \"user\", \"bot\"]\n\
         [[users]]\nusername = \"jane\"\nnickname = \"JD\"\n\
         [[users]]\nusername = \"plan-bot\"\nname = \"Plan Bot\"\nemail = \"plan-bot@example.com\"\n\
         roles = [\"bot\"]\npassword = { file = \"bot.pw\" }\n\
         token = { name = \"ci\", file = \"plan-bot.token\" }\n",
    )
}

fn with_secret(env: &TestEnv, args: &[&str]) -> Ran {
    run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("SMTP_SECRET_R24", "smtp-secret-R24-CANARY")
        .args(args))
}

#[test]
fn a_saved_plan_is_carried_out_exactly_and_holds_no_secret() {
    let env = as_admin();
    let file = fleet_file(&env);
    let plan = env.home.path().join("plan.json");
    let diff = with_secret(&env, &["diff", "-f", path(&file), "--out", path(&plan), "--exit-code"]);
    assert_eq!(diff.code, 10, "{diff:?}");
    assert_eq!(std::fs::metadata(&plan).unwrap().permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&plan).unwrap();
    for secret in
        [PASSWORD, "bot-password-R24-CANARY", "smtp-secret-R24-CANARY", &env.stored_token("admin")]
    {
        assert!(!text.contains(secret), "the plan holds a secret: {text}");
    }
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(saved["formatVersion"], 1);
    assert_eq!(saved["server"], env.server.url());
    assert_eq!(saved["changes"].as_array().unwrap().len(), 5, "{text}");
    assert!(saved["basis"]["users"]["plan-bot"].is_null(), "absent when planned: {text}");
    assert!(
        saved["file"]["users"][1]["password"]["file"].as_str().unwrap().starts_with('/'),
        "references are absolute: {text}"
    );
    // A second --out onto the same file is refused: a plan is never overwritten.
    let again = with_secret(&env, &["diff", "-f", path(&file), "--out", path(&plan)]);
    assert_eq!(again.code, 2, "{again:?}");

    let before = writes(&env).len();
    let dry = with_secret(&env, &["apply", "--plan", path(&plan), "--dry-run", "--exit-code"]);
    assert_eq!(dry.code, 10, "{dry:?}");
    assert_eq!(dry.stdout, diff.stdout, "the dry run shows the saved plan");
    assert_eq!(writes(&env).len(), before);
    let applied = with_secret(&env, &["apply", "--plan", path(&plan)]);
    assert_eq!(applied.code, 0, "{applied:?}");
    let sent: Vec<String> = writes(&env)[before..].to_vec();
    let mut changes: Vec<&String> = sent
        .iter()
        .filter(|w| !w.ends_with("logout") && !w.contains("generatePersonalAccessToken"))
        .collect();
    // A setting's change is sent again with the password the server asks for as second factor.
    changes.dedup();
    // The tables first, in order; the accounts after them run in parallel, in any order.
    changes[2..].sort();
    assert_eq!(
        changes,
        [
            "POST settings/SMTP_Password",
            "POST permissions.update",
            "POST users.create",
            "POST users.update",
        ],
        "{sent:?}"
    );
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("JD"));
    assert!(env.server.state().find_by_username("plan-bot").is_some());
    assert_eq!(
        env.server.state().setting_value("SMTP_Password"),
        Some(json!("smtp-secret-R24-CANARY"))
    );
}

#[test]
fn a_server_that_changed_since_the_plan_is_exit_11_and_nothing_is_sent() {
    let env = as_admin();
    let file = fleet_file(&env);
    let plan = env.home.path().join("plan.json");
    let diff = with_secret(&env, &["diff", "-f", path(&file), "--out", path(&plan)]);
    assert_eq!(diff.code, 0, "{diff:?}");
    // Someone changes jane's nickname in between.
    env.server.state().users.iter_mut().find(|u| u.username == "jane").unwrap().nickname =
        Some("Someone else".into());
    let before = writes(&env).len();
    let dry = with_secret(&env, &["apply", "--plan", path(&plan), "--dry-run"]);
    assert_eq!(dry.code, 11, "a dry run compares too: {dry:?}");
    let applied = with_secret(&env, &["apply", "--plan", path(&plan)]);
    assert_eq!(applied.code, 11, "{applied:?}");
    assert!(applied.stderr.contains("users.jane.nickname"), "names what moved: {applied:?}");
    assert_eq!(writes(&env).len(), before, "nothing was sent");
    // Another context (another account) may not apply it either.
    env.login_as("jane", PASSWORD, "jane");
    let other = with_secret(&env, &["--context", "jane", "apply", "--plan", path(&plan)]);
    assert_eq!(other.code, 2, "{other:?}");
}
