//! Fleets (docs/cli.md#desired-state): many accounts read with `users.list` pages where its
//! fields suffice, requests paced by the server's `X-RateLimit-*` headers, a report that prints
//! only the accounts that changed or failed, and `export --all-users`. Counted in the
//! stand-in's log, never timed.

use std::path::PathBuf;
use std::time::Duration;

use crate::common::{PASSWORD, Ran, TestEnv, json_out, run};
use crate::support::{Mode, User};

/// `root` (an administrator) is logged in, and the server holds `count` bots `bot-001`, …
fn fleet(count: usize) -> TestEnv {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    for n in 1..=count {
        env.server.add_user(bot(n));
    }
    env.login_as("root", PASSWORD, "admin");
    env
}

fn bot(n: usize) -> User {
    let name = format!("bot-{n:03}");
    let mut user = User::new(&name, "bot-password-1").with_roles(&["bot"]);
    user.name = format!("Bot {n}");
    user
}

/// The `[[users]]` entry of bot `n` as the server holds it: username, name, e-mail, roles and
/// `active`, what `users.list` shows; `extra` lines are added to it.
fn entry(n: usize, extra: &str) -> String {
    format!(
        "\n[[users]]\nusername = \"bot-{n:03}\"\nname = \"Bot {n}\"\nemail = \"bot-{n:03}@example.com\"\n\
         roles = [\"bot\"]\nactive = true\n{extra}"
    )
}

fn write_file(env: &TestEnv, entries: impl IntoIterator<Item = String>) -> PathBuf {
    let text: String = std::iter::once("version = 1\n".to_owned()).chain(entries).collect();
    let path = env.home.path().join("fleet.toml");
    std::fs::write(&path, text).expect("the file is written");
    path
}

fn rocketctl(env: &TestEnv, args: &[&str]) -> Ran {
    run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args(args))
}

/// The read requests a command sent (GETs of the REST API), counted from `from` in the log.
fn reads_since(env: &TestEnv, from: usize) -> Vec<String> {
    env.server.requests()[from..]
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("/api/"))
        .map(|r| r.path.rsplit('/').next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn three_hundred_unchanged_accounts_take_a_page_of_reads_per_hundred_and_print_no_line() {
    let env = fleet(300);
    let total = env.server.state().users.len();
    let pages = total.div_ceil(100);
    let path = write_file(&env, (1..=300).map(|n| entry(n, "")));
    let file = path.to_str().unwrap();
    for command in ["diff", "apply"] {
        let before = env.server.requests().len();
        let ran = rocketctl(&env, &[command, "-f", file]);
        assert_eq!(ran.code, 0, "{ran:?}");
        let reads = reads_since(&env, before);
        assert!(reads.len() <= pages + 5, "{command}: {} reads: {reads:?}", reads.len());
        assert_eq!(reads.iter().filter(|r| *r == "users.list").count(), pages, "{reads:?}");
        assert!(!reads.iter().any(|r| r == "users.info"), "{reads:?}");
        assert_eq!(ran.stderr, "nothing to change: the server already has this state\n");
        assert_eq!(ran.stdout, "", "{ran:?}");
    }
}

#[test]
fn only_the_changed_accounts_print_a_line_and_the_summary_counts_the_rest() {
    let env = fleet(300);
    let changed = [7, 150, 299];
    let path = write_file(
        &env,
        (1..=300).map(|n| {
            let mut text = entry(n, "");
            if changed.contains(&n) {
                text =
                    text.replace(&format!("name = \"Bot {n}\""), &format!("name = \"Robot {n}\""));
            }
            text
        }),
    );
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let mut told: Vec<&str> = ran.stderr.lines().filter(|l| l.starts_with("applied ")).collect();
    told.sort_unstable();
    assert_eq!(
        told,
        [
            "applied users.bot-007: name",
            "applied users.bot-150: name",
            "applied users.bot-299: name"
        ]
    );
    assert_eq!(ran.stderr.lines().count(), 4, "three lines and the summary: {ran:?}");
    assert!(
        ran.stderr.ends_with("Applied 3 changes to 3 accounts; 297 accounts unchanged\n"),
        "{ran:?}"
    );
    assert_eq!(env.server.requests_to("users.info").len(), 0, "read from the list");
    assert_eq!(env.server.user("bot-150").name, "Robot 150");
}

#[test]
fn entries_that_name_what_the_list_lacks_are_read_one_by_one() {
    let env = fleet(300);
    let path = write_file(
        &env,
        (1..=300).map(|n| match n {
            10 => entry(n, "nickname = \"ten\"\n"),
            20 => entry(n, "require_password_change = false\n"),
            _ => entry(n, ""),
        }),
    );
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let info: Vec<String> =
        env.server.requests_to("users.info").iter().filter_map(|r| r.param("username")).collect();
    let mut info = info;
    info.sort_unstable();
    assert_eq!(info, ["bot-010", "bot-020"]);
    assert!(ran.stderr.ends_with("Applied 1 change to 1 account; 299 accounts unchanged\n"));
    assert_eq!(env.server.user("bot-010").nickname.as_deref(), Some("ten"));
}

#[test]
fn a_few_accounts_on_a_large_server_are_read_one_by_one_after_the_first_page() {
    let env = fleet(450);
    let path = write_file(&env, [entry(5, ""), entry(300, ""), entry(440, ""), entry(900, "")]);
    let before = env.server.requests().len();
    let ran = rocketctl(&env, &["diff", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("+ users.bot-900 (create)"), "{ran:?}");
    let reads = reads_since(&env, before);
    // The first page says five pages remain: more than the three accounts it did not hold.
    assert_eq!(reads.iter().filter(|r| *r == "users.list").count(), 1, "{reads:?}");
    assert_eq!(reads.iter().filter(|r| *r == "users.info").count(), 3, "{reads:?}");
}

#[test]
fn without_the_right_to_list_users_each_account_is_read_one_by_one() {
    let env = fleet(30);
    env.server.revoke("view-d-room", "admin");
    env.server.revoke("view-d-room", "user");
    let path = write_file(&env, (1..=30).map(|n| entry(n, "")));
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stderr, "nothing to change: the server already has this state\n");
    assert_eq!(env.server.requests_to("users.list").len(), 1, "refused once");
    assert_eq!(env.server.requests_to("users.info").len(), 30);
}

#[test]
fn without_the_right_to_see_other_users_fields_a_fleet_is_not_read() {
    let env = fleet(30);
    env.server.revoke("view-full-other-user-info", "admin");
    let path = write_file(&env, (1..=30).map(|n| entry(n, "")));
    let before = env.server.requests().len();
    let ran = rocketctl(&env, &["diff", "-f", path.to_str().unwrap()]);
    // The list and users.info would hide roles and e-mails: a plan of them would be phantoms.
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("`view-full-other-user-info`"), "{ran:?}");
    let reads = reads_since(&env, before);
    assert!(!reads.iter().any(|r| r == "users.list" || r == "users.info"), "{reads:?}");
}

#[test]
fn a_paced_run_of_thirty_changes_by_a_caller_the_limiter_counts_meets_no_429() {
    let env = fleet(30);
    {
        let mut state = env.server.state();
        // Ten calls a route in a window of two seconds; the administrator is counted like anyone.
        state.settings.rate_limit = Some((10, Duration::from_secs(2)));
        state.settings.two_factor_enabled = false;
    }
    env.server.revoke("api-bypass-rate-limit", "admin");
    let path = write_file(&env, (1..=30).map(|n| entry(n, &format!("status_text = \"up {n}\"\n"))));
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap(), "--parallel", "8"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.ends_with("Applied 30 changes to 30 accounts\n"), "{ran:?}");
    assert_eq!(env.server.state().too_many, Vec::<String>::new(), "{ran:?}");
    assert_eq!(env.server.requests_to("users.update").len(), 30, "each sent once");
    assert!(ran.stderr.contains("the server allows no more calls to users.update"), "{ran:?}");
    for n in [1, 17, 30] {
        assert_eq!(env.server.user(&format!("bot-{n:03}")).status_text, Some(format!("up {n}")));
    }
}

#[test]
fn a_429_that_comes_anyway_is_waited_out_as_before() {
    let env = fleet(3);
    env.server.state().settings.rate_limit = Some((2, Duration::from_secs(5)));
    env.server.state().settings.two_factor_enabled = false;
    env.server.revoke("api-bypass-rate-limit", "admin");
    // Another client of the same address used up the window: rocketctl cannot know.
    let caller = env.server.token_for("jane");
    let jane = env.server.user("jane").id;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::blocking::Client::new();
    for _ in 0..3 {
        http.post(format!("{}/api/v1/users.update", env.server.url()))
            .header("X-User-Id", &jane)
            .header("X-Auth-Token", &caller)
            .json(&serde_json::json!({"userId": jane, "data": {}}))
            .send()
            .expect("the stand-in answers");
    }
    let path = write_file(&env, [entry(1, "nickname = \"one\"\n")]);
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("rate limited by"), "{ran:?}");
    assert_eq!(env.server.user("bot-001").nickname.as_deref(), Some("one"));
}

#[test]
fn a_change_to_the_own_account_counts_as_an_account_changed() {
    let env = fleet(2);
    let path = write_file(
        &env,
        ["\n[profile]\nnickname = \"boss\"\n".to_owned(), entry(1, ""), entry(2, "")],
    );
    let ran = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(
        ran.stderr.ends_with("Applied 1 change to 1 account; 2 accounts unchanged\n"),
        "{ran:?}"
    );
}

#[test]
fn export_all_users_writes_every_other_account_and_applying_it_changes_nothing() {
    let env = fleet(120);
    {
        let mut state = env.server.state();
        let one = state.users.iter_mut().find(|u| u.username == "bot-001").unwrap();
        one.nickname = Some("first".into());
        one.active = false;
    }
    let ran = rocketctl(&env, &["export", "--all-users"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let file: toml::Table = toml::from_str(&ran.stdout).expect("the export is TOML");
    let names: Vec<&str> = file["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["username"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 121, "jane and the bots, not root: {names:?}");
    assert!(names.contains(&"jane") && !names.contains(&"root"));
    assert!(ran.stdout.contains("nickname = \"first\"") && ran.stdout.contains("active = false"));
    assert_eq!(env.server.requests_to("users.list").len(), 2, "two pages of a hundred");
    assert_eq!(env.server.requests_to("users.info").len(), 121, "each read in full");
    let path = env.home.path().join("all.toml");
    std::fs::write(&path, &ran.stdout).unwrap();
    let writes_before = env.server.requests().iter().filter(|r| r.method == "POST").count();
    let again = rocketctl(&env, &["apply", "-f", path.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(again.stderr, "nothing to change: the server already has this state\n");
    let writes = env.server.requests().iter().filter(|r| r.method == "POST").count();
    assert_eq!(writes, writes_before, "nothing sent");
}

#[test]
fn export_all_users_with_a_role_keeps_its_holders_and_json_reads_the_same() {
    let env = fleet(3);
    let bots = rocketctl(&env, &["export", "--all-users", "--role", "bot", "-o", "json"]);
    assert_eq!(bots.code, 0, "{bots:?}");
    let names: Vec<String> = json_out(&bots)["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["username"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["bot-001", "bot-002", "bot-003"]);
    assert_eq!(env.server.requests_to("users.info").len(), 3, "jane is not read");
    let toml = rocketctl(&env, &["export", "--all-users", "--role", "bot"]);
    let from_toml: toml::Table = toml::from_str(&toml.stdout).unwrap();
    let from_json: toml::Table = serde_json::from_str(&bots.stdout).unwrap();
    assert_eq!(from_toml, from_json);
    let nobody = rocketctl(&env, &["export", "--all-users", "--role", "livechat-agent"]);
    let bound = format!("version = 1\nserver = \"{}\"\n", env.server.url());
    assert_eq!((nobody.code, nobody.stdout.as_str()), (0, bound.as_str()), "{nobody:?}");
    let counted =
        rocketctl(&env, &["export", "--all-users", "--role", "bot", "--jq", ".users | length"]);
    assert_eq!((counted.code, counted.stdout.as_str()), (0, "3\n"), "{counted:?}");
    let both = rocketctl(&env, &["export", "--all-users", "--user", "bot-001"]);
    assert_eq!(both.code, 2, "{both:?}");
}

#[test]
fn on_a_terminal_the_progress_bar_shows_the_time_left() {
    let env = fleet(5);
    env.server.state().settings.two_factor_enabled = false;
    let path = write_file(&env, (1..=5).map(|n| entry(n, &format!("nickname = \"n{n}\"\n"))));
    let command = format!("rocketctl apply -f {}", path.display());
    let steps = serde_json::json!([["expect", "Applied 5 changes to 5 accounts"]]);
    let session = crate::terminal::on_terminal(&env, &command, steps);
    assert_eq!(session.code, 0, "{session:?}");
    assert!(session.transcript.contains("/5 (about "), "{session:?}");
    assert!(session.transcript.contains(" left)"), "{session:?}");
}

#[test]
fn a_server_adopted_with_export_all_users_applies_as_nothing_to_change() {
    let env = fleet(120);
    let mut carol = User::new("carol", "carol-password-1").with_roles(&["user"]);
    carol.nickname = Some("C".to_owned());
    carol.bio = Some("writes docs".to_owned());
    env.server.add_user(carol);
    let exported = rocketctl(&env, &["export", "--all-users"]);
    assert_eq!(exported.code, 0, "{exported:?}");
    assert!(exported.stdout.contains("bio = \"writes docs\""), "{exported:?}");
    assert!(
        !exported.stdout.contains("username = \"root\""),
        "the caller's own account is left out"
    );
    let path = env.home.path().join("adopted.toml");
    std::fs::write(&path, &exported.stdout).unwrap();
    let writes_before = env.server.requests().iter().filter(|r| r.method != "GET").count();
    for command in ["diff", "apply"] {
        let ran = rocketctl(&env, &[command, "-f", path.to_str().unwrap()]);
        assert_eq!(ran.code, 0, "{command}: {ran:?}");
        assert_eq!(ran.stderr, "nothing to change: the server already has this state\n");
    }
    let writes = env.server.requests().iter().filter(|r| r.method != "GET").count();
    assert_eq!(writes, writes_before, "nothing sent");
}
