//! `admin setting show | set` against the stand-in: values typed as the current one, the no-op,
//! the second factor answered by the one driver, sensitive settings (never printed, read only
//! from stdin or a file, masked in `-v` and dry runs), and the refusals (unknown id, a setting
//! blocked by the environment, the missing permission).

use std::os::unix::fs::PermissionsExt as _;

use serde_json::{Value, json};

use crate::common::{PASSWORD, Ran, TestEnv, assert_ran_snapshot, json_out, run, sha256};
use crate::support::{Mode, User};

const MODES: [Mode; 2] = [Mode::V8, Mode::V7];
const SMTP_SECRET: &str = "CANARY-smtp-pw-42";

/// `root` (admin, password second factor) is logged in and current.
fn as_admin(mode: Mode) -> TestEnv {
    let env = TestEnv::new(mode);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.login_as("root", PASSWORD, "admin");
    env
}

/// `admin setting ARGS` with the administrator's password for the second factor.
fn setting(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args(["admin", "setting"]).args(args))
}

fn value(env: &TestEnv, id: &str) -> Value {
    env.server.state().setting_value(id).expect("a known setting")
}

fn changes(env: &TestEnv) -> usize {
    env.server
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.contains("/settings/"))
        .count()
}

#[test]
fn show_prints_values_as_a_table_and_as_json() {
    let env = as_admin(Mode::V8);
    env.server.state().write_setting("SMTP_Password", json!(SMTP_SECRET));
    let ids =
        ["Site_Name", "API_Upper_Count_Limit", "Accounts_AllowUserAvatarChange", "SMTP_Password"];
    let ran = setting(&env, &[&["show"][..], &ids].concat());
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(
        ran.stdout,
        "ID                              VALUE\n\
         Site_Name                       Rocket.Chat\n\
         API_Upper_Count_Limit           100\n\
         Accounts_AllowUserAvatarChange  true\n\
         SMTP_Password                   (sensitive)\n"
    );
    let json = json_out(&setting(&env, &[&["show"][..], &ids, &["-o", "json"]].concat()));
    assert_eq!(
        json,
        json!({"Site_Name": "Rocket.Chat", "API_Upper_Count_Limit": 100,
               "Accounts_AllowUserAvatarChange": true, "SMTP_Password": "(sensitive)"})
    );
    let traced = setting(&env, &["show", "SMTP_Password", "-v"]);
    assert!(
        !traced.stderr.contains(SMTP_SECRET) && !traced.stdout.contains(SMTP_SECRET),
        "{traced:?}"
    );
    assert!(traced.stderr.contains("\"value\":\"[REDACTED]\""), "{traced:?}");
}

#[test]
fn show_of_an_unknown_or_hidden_setting_is_exit_1() {
    let env = as_admin(Mode::V8);
    let ran = setting(&env, &["show", "Site_Name", "Site_name", "Manual_Entry_User_Count"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stdout.is_empty(), "{ran:?}");
    assert!(
        ran.stderr.contains("the server has no settings Site_name, Manual_Entry_User_Count"),
        "{ran:?}"
    );
}

#[test]
fn set_types_the_value_as_the_current_one_and_answers_the_password_challenge() {
    for mode in MODES {
        let env = as_admin(mode);
        let cases = [
            ("Accounts_AllowUserAvatarChange", "false", json!(false)),
            ("API_Upper_Count_Limit", "250", json!(250)),
            ("Site_Name", "250", json!("250")),
            ("Accounts_Default_User_Preferences_masterVolume", "37.5", json!(37.5)),
        ];
        for (id, given, stored) in cases {
            let ran = setting(&env, &["set", id, given, "-o", "json"]);
            assert_eq!(ran.code, 0, "{mode:?} {id} {ran:?}");
            assert_eq!(json_out(&ran), json!({"changed": true, "id": id, "value": stored}));
            assert_eq!(value(&env, id), stored, "{mode:?} {id}");
        }
        // The first change meets the challenge; the server then remembers the answer.
        let posts = env.server.requests_to("settings/Accounts_AllowUserAvatarChange");
        let posts: Vec<_> = posts.iter().filter(|r| r.method == "POST").collect();
        assert_eq!(posts.len(), 2, "{mode:?}: sent, challenged, sent again with the factor");
        assert_eq!(posts[1].header("x-2fa-method"), Some("password"));
        assert_eq!(posts[1].header("x-2fa-code"), Some(sha256(PASSWORD).as_str()));
        assert_eq!(posts[1].json(), json!({"value": false}));
    }
}

#[test]
fn set_says_what_changed_and_a_second_run_sends_nothing() {
    let env = as_admin(Mode::V8);
    let ran = setting(&env, &["set", "Site_Name", "Team Chat"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stderr, "Changed Site_Name from \"Rocket.Chat\" to \"Team Chat\"\n");
    let before = changes(&env);
    let again = setting(&env, &["set", "Site_Name", "Team Chat", "-o", "json"]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(again.stderr, "nothing to change: Site_Name already holds \"Team Chat\"\n");
    assert_eq!(
        json_out(&again),
        json!({"changed": false, "id": "Site_Name", "value": "Team Chat"})
    );
    let number = setting(&env, &["set", "API_Upper_Count_Limit", "100.0"]);
    assert!(number.stderr.starts_with("nothing to change"), "{number:?}");
    assert_eq!(changes(&env), before);
}

#[test]
fn a_value_of_the_wrong_type_is_a_usage_error_and_nothing_is_sent() {
    let env = as_admin(Mode::V8);
    for (id, given) in [("Accounts_AllowUserAvatarChange", "no"), ("API_Upper_Count_Limit", "lots")]
    {
        let ran = setting(&env, &["set", id, given]);
        assert_eq!(ran.code, 2, "{id} {ran:?}");
        assert!(ran.stderr.contains("the setting holds a"), "{ran:?}");
    }
    assert_eq!(changes(&env), 0);
}

#[test]
fn set_of_an_unknown_setting_is_exit_5_and_nothing_is_sent() {
    let env = as_admin(Mode::V8);
    let ran = setting(&env, &["set", "Site_name", "x"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(
        ran.stderr.contains("the server has no setting Site_name (or hides it); nothing was sent")
    );
    assert_eq!(changes(&env), 0);
}

#[test]
fn a_blocked_setting_is_named_as_read_only() {
    let env = as_admin(Mode::V8);
    env.server.state().settings.blocked.insert("Site_Url".to_owned());
    let ran = setting(&env, &["set", "Site_Url", "https://chat.example.com"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert_ran_snapshot!("setting_set_blocked", ran);
    assert_eq!(value(&env, "Site_Url"), json!("http://localhost:3000"));
}

#[test]
fn without_the_permissions_the_refusals_name_them() {
    let env = as_admin(Mode::V8);
    env.server.revoke("edit-privileged-setting", "admin");
    let ran = setting(&env, &["set", "Site_Name", "x"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("`edit-privileged-setting` permission"), "{ran:?}");
    env.server.revoke("view-privileged-setting", "admin");
    let ran = setting(&env, &["show", "Site_Name"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("`view-privileged-setting` permission"), "{ran:?}");
}

#[test]
fn a_sensitive_value_never_comes_from_the_command_line() {
    let env = as_admin(Mode::V8);
    let ran = setting(&env, &["set", "SMTP_Password", SMTP_SECRET]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("SMTP_Password is sensitive"), "{ran:?}");
    assert!(ran.stderr.contains("`--value-stdin` or `--value-file FILE`"), "{ran:?}");
    assert!(!ran.stderr.contains(SMTP_SECRET), "{ran:?}");
    assert!(
        env.server.requests_to("settings/SMTP_Password").is_empty(),
        "nothing sent, not even a read"
    );
}

#[test]
fn a_sensitive_value_from_stdin_is_set_and_never_shown() {
    let env = as_admin(Mode::V8);
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args(["admin", "setting", "set", "SMTP_Password", "--value-stdin", "-v", "-o", "json"])
        .write_stdin(format!("{SMTP_SECRET}\n")));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(value(&env, "SMTP_Password"), json!(SMTP_SECRET));
    assert!(!ran.stdout.contains(SMTP_SECRET) && !ran.stderr.contains(SMTP_SECRET), "{ran:?}");
    assert_eq!(
        json_out(&ran),
        json!({"changed": true, "id": "SMTP_Password", "value": "(sensitive)"})
    );
    assert!(ran.stderr.contains("Changed SMTP_Password (sensitive)"), "{ran:?}");
    // The same value from a file: nothing to change, and still nothing shown.
    let file = env.home.path().join("smtp.pw");
    std::fs::write(&file, SMTP_SECRET).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let again = setting(&env, &["set", "SMTP_Password", "--value-file", file.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(again.stderr, "nothing to change: SMTP_Password already holds (sensitive)\n");
    let posts = env.server.requests_to("settings/SMTP_Password");
    assert_eq!(
        posts.iter().filter(|r| r.method == "POST").count(),
        2,
        "a challenge, then the value"
    );
}

#[test]
fn value_stdin_is_a_stdin_flag_and_an_empty_secret_is_refused() {
    let env = as_admin(Mode::V8);
    let both = setting(&env, &["set", "SMTP_Password", "--value-stdin", "--password-stdin"]);
    assert_eq!(both.code, 2, "{both:?}");
    let empty = run(env
        .cmd()
        .args(["admin", "setting", "set", "SMTP_Password", "--value-stdin"])
        .write_stdin("\n"));
    assert_eq!(empty.code, 2, "{empty:?}");
    assert!(empty.stderr.contains("the setting value is empty"), "{empty:?}");
    let none = setting(&env, &["set", "Site_Name"]);
    assert_eq!(none.code, 2, "{none:?}");
    assert!(none.stderr.contains("no new value given"), "{none:?}");
    let two = setting(&env, &["set", "Site_Name", "x", "--value-stdin"]);
    assert_eq!(two.code, 2, "{two:?}");
    assert!(env.server.requests_to("settings/SMTP_Password").is_empty());
}

#[test]
fn dry_runs_show_the_request_with_a_sensitive_value_masked() {
    let env = as_admin(Mode::V8);
    let ran = setting(&env, &["set", "API_Upper_Count_Limit", "200", "--dry-run"]);
    assert_ran_snapshot!("dry_run_setting_set", ran);
    let json =
        json_out(&setting(&env, &["set", "Site_Name", "Team Chat", "--dry-run", "-o", "json"]));
    assert_eq!((&json["changed"], &json["dryRun"]), (&json!(false), &json!(true)));
    assert_eq!((&json["id"], &json["value"]), (&json!("Site_Name"), &json!("Team Chat")));
    assert_eq!(json["request"]["body"], json!({"value": "Team Chat"}));
    let secret = run(env
        .cmd()
        .args([
            "admin",
            "setting",
            "set",
            "SMTP_Password",
            "--value-stdin",
            "--dry-run",
            "-o",
            "json",
        ])
        .write_stdin(SMTP_SECRET));
    assert_eq!(secret.code, 0, "{secret:?}");
    let shown = json_out(&secret);
    assert_eq!(shown["request"]["body"], json!({"value": "[REDACTED]"}));
    assert_eq!(shown["value"], json!("(sensitive)"));
    assert!(!secret.stderr.contains(SMTP_SECRET));
    assert_eq!(changes(&env), 0);
}

/// The canary run (docs/security.md R12) over the administration commands, `-v` on: a sensitive
/// setting read, set, left unchanged, dry-run, and read again, leaks nowhere.
#[test]
fn no_sensitive_value_leaks_from_any_setting_flow() {
    use crate::canary::Canaries;
    let mut c = Canaries::new(Mode::V8);
    if let Some(jane) = c.env.server.state().users.iter_mut().find(|u| u.username == "jane") {
        jane.roles = vec!["admin".to_owned(), "user".to_owned()];
    }
    let old = "CANARY-7f3a9c-SMTP-OLD";
    let new = "CANARY-7f3a9c-SMTP-NEW";
    c.env.server.state().write_setting("SMTP_Password", json!(old));
    c.add_secret("old SMTP password", old);
    c.add_secret("new SMTP password", new);
    let url = c.env.server.url();
    let login = ["login", "--server", &url, "--username", "jane", "--context", "jane"];
    c.run("login", 0, &login, |_| {});
    c.remember_token("jane");
    c.run("show", 0, &["admin", "setting", "show", "SMTP_Password", "-o", "json"], |_| {});
    let set = ["admin", "setting", "set", "SMTP_Password", "--value-stdin"];
    c.run("dry run", 0, &[&set[..], &["--dry-run", "-o", "json"]].concat(), |cmd| {
        cmd.write_stdin(new);
    });
    c.run("set", 0, &set, |cmd| {
        cmd.write_stdin(format!("{new}\n"));
    });
    c.run("set again", 0, &[&set[..], &["-o", "json"]].concat(), |cmd| {
        cmd.write_stdin(new);
    });
    c.run("show table", 0, &["admin", "setting", "show", "SMTP_Password", "Site_Name"], |_| {});
    assert_eq!(value(&c.env, "SMTP_Password"), json!(new));
    c.assert_nothing_leaked();
}
