//! apply and diff for other accounts (`[[users]]`) against the stand-in, as an administrator.

use std::os::unix::fs::PermissionsExt as _;

use serde_json::json;

use crate::common::{CUSTOM_FIELD_WRITES, PASSWORD, Ran, TestEnv, json_out, run};
use crate::support::{Fault, Mode, User};

/// `root` (admin) is logged in; the server defines the custom fields `team` and `floor`.
fn as_admin() -> TestEnv {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.server.state().settings.custom_fields =
        Some(json!({"team": {"type": "text"}, "floor": {"type": "text"}}));
    env.login_as("root", PASSWORD, "admin");
    env
}

fn bot(name: &str) -> User {
    User::new(name, "bot-password-1").with_roles(&["bot"])
}

fn rocketctl(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args(args))
}

/// Every request that is not a read or a login of the administrator, as `POST endpoint`.
fn writes(env: &TestEnv) -> Vec<String> {
    env.server
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| r.path.rsplit('/').next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn an_exported_own_account_and_three_users_apply_without_a_change() {
    for write in CUSTOM_FIELD_WRITES {
        let env = as_admin();
        env.custom_fields_stored_by(write);
        for name in ["a-bot", "b-bot", "c-bot"] {
            env.server.add_user(bot(name));
        }
        {
            let mut state = env.server.state();
            let b = state.users.iter_mut().find(|u| u.username == "b-bot").unwrap();
            b.nickname = Some("bee".into());
            b.custom_fields = json!({"team": "infra"}).as_object().cloned();
            let c = state.users.iter_mut().find(|u| u.username == "c-bot").unwrap();
            c.active = false;
            c.status_text = Some("resting".into());
        }
        let own = rocketctl(&env, &["export"]);
        let others =
            rocketctl(&env, &["export", "--user", "a-bot", "--user", "b-bot", "--user", "c-bot"]);
        assert_eq!((own.code, others.code), (0, 0), "{own:?}{others:?}");
        assert!(others.stdout.contains("[[users]]") && !others.stdout.contains("[profile]"));
        assert!(
            others.stdout.contains("active = false") && others.stdout.contains("team = \"infra\"")
        );
        let own_file = env.write_file("own.toml", &own.stdout);
        let users_file = env.write_file("users.toml", &others.stdout);
        let before = writes(&env);
        for file in [&own_file, &users_file] {
            let ran = rocketctl(&env, &["apply", "-f", file.to_str().unwrap()]);
            assert_eq!(ran.code, 0, "{ran:?}");
            assert!(ran.stderr.contains("nothing to change"), "{ran:?}");
        }
        assert_eq!(writes(&env), before, "no state-changing request");
    }
}

#[test]
fn two_new_bots_and_one_change_send_exactly_the_expected_requests() {
    for write in CUSTOM_FIELD_WRITES {
        let env = as_admin();
        env.custom_fields_stored_by(write);
        env.server.grant("create-personal-access-tokens", "bot");
        let mut alert = bot("alert-bot");
        alert.custom_fields = json!({"team": "ops", "floor": "2"}).as_object().cloned();
        env.server.add_user(alert);
        std::fs::create_dir(env.home.path().join("secrets")).unwrap();
        env.write_file("secrets/deploy.pw", "CANARY-deploy-pw-1\n");
        let path = env.write_file(
            "bots.toml",
            r#"version = 1

    [[users]]
    username = "deploy-bot"
    name = "Deploy Bot"
    email = "deploy-bot@example.com"
    roles = ["bot"]
    custom_fields = { team = "infra" }
    password = { file = "secrets/deploy.pw" }
    token = { name = "ci", bypass_2fa = true, file = "secrets/deploy-bot.token" }

    [[users]]
    username = "build-bot"
    name = "Build Bot"
    email = "build-bot@example.com"
    status_text = "building"
    password = "random"

    [[users]]
    username = "alert-bot"
    active = false
    custom_fields = { team = "ops" }
    "#,
        );
        let file = path.to_str().unwrap();
        let diff = rocketctl(&env, &["diff", "-f", file, "--exit-code"]);
        assert_eq!(diff.code, 10, "{diff:?}");
        assert_eq!(
            diff.stdout,
            "+ users.deploy-bot (create)\n+ users.deploy-bot.token: \"ci\"\n+ users.build-bot (create)\n\
             ~ users.alert-bot.active: true -> false (revokes its sessions and access tokens)\n- users.alert-bot.custom_fields.floor\n"
        );
        let before = writes(&env).len();
        let ran = rocketctl(&env, &["apply", "-f", file]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stderr.contains("Applied 5 changes to 3 accounts"), "{ran:?}");
        let sent = writes(&env).split_off(before);
        // users.update is two-factor protected: the server may answer `totp-required` before it
        // remembers the administrator's factor, and the same body is sent again with it.
        let mut others: Vec<&String> = sent.iter().filter(|path| *path != "users.update").collect();
        others.sort();
        assert_eq!(
            others,
            [
                "login",
                "logout",
                "users.create",
                "users.create",
                "users.generatePersonalAccessToken"
            ]
        );
        let mut bodies: Vec<String> = env
            .server
            .requests_to("users.update")
            .iter()
            .map(|r| r.json()["data"].to_string())
            .collect();
        bodies.sort();
        bodies.dedup();
        assert_eq!(
            bodies,
            [
                json!({"active": false, "customFields": {"team": "ops", "floor": null}})
                    .to_string(),
                json!({"statusText": "building"}).to_string(),
            ]
        );

        let creates = env.server.requests_to("users.create");
        let deploy =
            creates.iter().map(|r| r.json()).find(|b| b["username"] == "deploy-bot").unwrap();
        assert_eq!(
            deploy["password"], "CANARY-deploy-pw-1",
            "the file's password, newline removed"
        );
        assert_eq!(deploy["roles"], json!(["bot"]));
        assert_eq!(deploy["joinDefaultChannels"], false);
        assert_eq!(deploy["verified"], false);
        assert_eq!(deploy["customFields"], json!({"team": "infra"}));
        let token_file = env.home.path().join("secrets/deploy-bot.token");
        let token = std::fs::read_to_string(&token_file).expect("the token file");
        assert_eq!(std::fs::metadata(&token_file).unwrap().permissions().mode() & 0o777, 0o600);
        let made = env.server.personal_tokens("deploy-bot");
        assert_eq!(made.len(), 1);
        assert!(made[0].bypass_two_factor);
        assert!(token.trim_end().ends_with(&made[0].last_token_part));
        for text in [&ran.stdout, &ran.stderr] {
            assert!(!text.contains("CANARY") && !text.contains(token.trim_end()), "{ran:?}");
        }

        let again = rocketctl(&env, &["apply", "-f", file]);
        assert_eq!(again.code, 0, "{again:?}");
        assert_eq!(writes(&env).len(), before + sent.len(), "a rerun sends nothing");
        assert_eq!(rocketctl(&env, &["diff", "-f", file, "--exit-code"]).code, 0);
    }
}

#[test]
fn a_taken_email_fails_one_account_and_the_others_are_applied() {
    let env = as_admin();
    env.server.add_user(bot("old-bot"));
    let path = env.write_file(
        "bots.toml",
        "version = 1\n\
         [[users]]\nusername = \"one-bot\"\nname = \"One\"\nemail = \"jane@example.com\"\n\
         [[users]]\nusername = \"two-bot\"\nname = \"Two\"\nemail = \"two-bot@example.com\"\n\
         [[users]]\nusername = \"old-bot\"\nnickname = \"old\"\n",
    );
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap(), "-o", "json"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    let out = json_out(&ran);
    assert_eq!(out["failed"], 1, "{out}");
    assert_eq!(out["changed"], true);
    assert_eq!(out["error"]["exitCode"], 5);
    let result = |target: &str| {
        out["changes"].as_array().unwrap().iter().find(|c| c["target"] == target).unwrap()["result"]
            .clone()
    };
    assert_eq!(result("users.one-bot"), "failed");
    assert_eq!(result("users.two-bot"), "applied");
    assert_eq!(result("users.old-bot"), "applied");
    assert_eq!(env.server.user("old-bot").nickname.as_deref(), Some("old"));
    assert_eq!(env.server.user("two-bot").name, "Two");
    assert!(env.server.state().find_by_username("one-bot").is_none());
    crate::common::assert_ran_snapshot!("apply_report_one_failed_json", accounts_sorted(ran));
}

/// The report with its per-account lines on stderr sorted: with `--parallel` above 1 they come
/// in the order the accounts finish.
fn accounts_sorted(ran: Ran) -> Ran {
    let lines: Vec<&str> = ran.stderr.lines().collect();
    let count =
        lines.iter().take_while(|l| l.starts_with("applied ") || l.starts_with("failed ")).count();
    let mut accounts = lines[..count].to_vec();
    accounts.sort_unstable();
    let stderr: Vec<&str> = accounts.into_iter().chain(lines[count..].iter().copied()).collect();
    Ran { stderr: format!("{}\n", stderr.join("\n")), ..ran }
}

/// The same report in table mode: a line per account on stderr, the failure's error, and the
/// summary.
#[test]
fn a_failed_account_is_reported_line_by_line_with_a_summary() {
    let env = as_admin();
    env.server.add_user(bot("old-bot"));
    let path = env.write_file(
        "bots.toml",
        "version = 1\n\
         [[users]]\nusername = \"one-bot\"\nname = \"One\"\nemail = \"jane@example.com\"\n\
         [[users]]\nusername = \"old-bot\"\nnickname = \"old\"\n",
    );
    // One account at a time, so the lines come in the file's order.
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap(), "--parallel", "1"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    crate::common::assert_ran_snapshot!("apply_report_one_failed", &ran);
}

#[test]
fn fifty_users_with_parallel_8_are_sent_eight_at_a_time_and_never_more() {
    let env = as_admin();
    env.server.hold_until_in_flight("users.create", 8);
    let mut text = String::from("version = 1\n");
    for n in 0..50 {
        text.push_str(&format!(
            "[[users]]\nusername = \"bot-{n}\"\nname = \"Bot {n}\"\nemail = \"bot-{n}@example.com\"\n"
        ));
    }
    let path = env.write_file("fleet.toml", &text);
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap(), "--parallel", "8", "-q"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let creates = env.server.requests_to("users.create");
    assert_eq!(creates.len(), 50);
    let most = env.server.requests().iter().map(|r| r.in_flight).max().unwrap();
    assert_eq!(most, 8, "eight in flight at once, never more");
    assert_eq!(env.server.state().users.len(), 52, "jane, root and the fifty");
}

#[test]
fn a_lost_answer_is_settled_by_reading_the_account_again() {
    let env = as_admin();
    // No second factor, so the first users.update is the change itself.
    env.server.state().settings.two_factor_enabled = false;
    env.server.add_user(bot("lost-bot"));
    env.server.add_user(bot("gone-bot"));
    let path = env.write_file(
        "bots.toml",
        "version = 1\n[[users]]\nusername = \"lost-bot\"\nnickname = \"kept\"\n",
    );
    env.server.inject("users.update", Fault::DropAfterApply, 1);
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap(), "-o", "json"]);
    assert_eq!(ran.code, 0, "the change is on the server: {ran:?}");
    assert_eq!(json_out(&ran)["changes"][0]["result"], "applied");
    assert_eq!(env.server.requests_to("users.update").len(), 1, "never sent twice");

    let path = env.write_file(
        "gone.toml",
        "version = 1\n[[users]]\nusername = \"gone-bot\"\nnickname = \"never\"\n",
    );
    env.server.inject("users.update", Fault::DropBeforeApply, 1);
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap(), "-o", "json"]);
    assert_ne!(ran.code, 0, "{ran:?}");
    assert_eq!(json_out(&ran)["changes"][0]["result"], "failed");
    assert_eq!(env.server.user("gone-bot").nickname, None);
    assert_eq!(env.server.requests_to("users.update").len(), 2, "never sent twice");
}

#[test]
fn the_avatar_of_another_account_is_uploaded_once() {
    let env = as_admin();
    env.server.add_user(bot("pic-bot"));
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-pic-bot";
    std::fs::write(env.home.path().join("pic.png"), png).unwrap();
    let path = env.write_file(
        "bots.toml",
        "version = 1\n[[users]]\nusername = \"pic-bot\"\navatar = { file = \"pic.png\" }\n\
         [[users]]\nusername = \"new-bot\"\nname = \"New\"\nemail = \"new-bot@example.com\"\n\
         avatar = { file = \"pic.png\" }\n",
    );
    let file = path.to_str().unwrap();
    let ran = rocketctl(&env, &["apply", "-f", file]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let uploads = env.server.requests_to("users.setAvatar");
    let mut named: Vec<String> = uploads
        .iter()
        .map(|r| {
            assert_eq!(r.part("image").expect("an image").bytes, png);
            String::from_utf8(r.part("username").expect("the user named").bytes).unwrap()
        })
        .collect();
    named.sort();
    assert_eq!(named, ["new-bot", "pic-bot"]);
    let again = rocketctl(&env, &["apply", "-f", file]);
    assert_eq!(again.code, 0, "{again:?}");
    assert!(again.stderr.contains("nothing to change"), "{again:?}");
    assert_eq!(env.server.requests_to("users.setAvatar").len(), 2);
}

#[test]
fn a_missing_password_for_the_own_e_mail_fails_before_any_account_changes() {
    let env = as_admin();
    let path = env.write_file(
        "all.toml",
        "version = 1\n[profile]\nemail = \"root@example.org\"\n\
         [[users]]\nusername = \"new-bot\"\nname = \"New\"\nemail = \"new-bot@example.com\"\n",
    );
    let ran = run(env.cmd().args(["apply", "-f", path.to_str().unwrap(), "--no-input"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("--password-stdin"), "{ran:?}");
    assert!(env.server.requests_to("users.create").is_empty());
    assert!(env.server.requests_to("users.updateOwnBasicInfo").is_empty());
}

/// A custom field the server does not define is refused before anything is sent, in `diff` and
/// `apply` alike, for an account that exists and for a new one.
#[test]
fn undefined_custom_field_keys_are_refused_before_anything_is_sent() {
    for write in CUSTOM_FIELD_WRITES {
        let env = as_admin();
        env.custom_fields_stored_by(write);
        env.server.add_user(bot("bot-a"));
        let path = env.write_file("fields.toml",
            "version = 1\n\
             [[users]]\nusername = \"bot-a\"\ncustom_fields = { team = \"x\", shoe_size = \"44\" }\n\
             [[users]]\nusername = \"bot-b\"\nname = \"B\"\nemail = \"b@example.com\"\n\
             custom_fields = { nope = \"1\" }\n",
        );
        for command in ["diff", "apply"] {
            let ran = rocketctl(&env, &[command, "-f", path.to_str().unwrap()]);
            assert_eq!(ran.code, 5, "{command}: {ran:?}");
            assert!(ran.stderr.contains("`nope`, `shoe_size`"), "{command}: {ran:?}");
            assert!(ran.stderr.contains("it defines `team`, `floor`"), "{command}: {ran:?}");
        }
        assert!(writes(&env).iter().all(|write| write == "login"), "{:?}", writes(&env));
    }
}
