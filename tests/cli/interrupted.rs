//! Ctrl-C during a changing command (docs/security.md G9): exit 130, and stderr says what is
//! known. A change on its way has an unknown outcome, named with how to check it; a change
//! waiting out a rate limit was not applied. The stand-in holds the answer (a delay on the
//! endpoint) or rocketctl says it waits, and only then is the signal sent: no guessed sleeps.

use std::io::Read as _;
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{PASSWORD, Ran, TestEnv, ran, wait_until};
use crate::support::{Fault, Mode, User};

/// Long enough that no answer comes before the signal, whatever the machine's load.
const HELD: Duration = Duration::from_secs(30);

/// `root` (admin) logged in; `jane` exists and holds the token `old`.
fn as_admin() -> TestEnv {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("root", PASSWORD).with_roles(&["admin", "user"]));
    env.login_as("root", PASSWORD, "admin");
    env
}

/// rocketctl running, its stderr collected as it comes.
struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
    reader: std::thread::JoinHandle<()>,
}

impl Running {
    fn start(env: &TestEnv, args: &[&str]) -> Self {
        let mut child =
            env.process().env("ROCKETCHAT_PASSWORD", PASSWORD).args(args).spawn().unwrap();
        let mut pipe = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let shared = Arc::clone(&stderr);
        let reader = std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(read @ 1..) = pipe.read(&mut chunk) {
                shared.lock().unwrap().push_str(&String::from_utf8_lossy(&chunk[..read]));
            }
        });
        Self { child, stderr, reader }
    }

    /// Send SIGINT once `ready` holds of what was said on stderr so far, and wait for the end.
    fn interrupt_when(mut self, mut ready: impl FnMut(&str) -> bool) -> Ran {
        let stderr = Arc::clone(&self.stderr);
        let ready = wait_until(Duration::from_secs(30), || ready(&stderr.lock().unwrap()));
        let pid = self.child.id().to_string();
        let killed = std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        self.reader.join().unwrap();
        let stderr = self.stderr.lock().unwrap().clone();
        assert!(ready, "never ready for the signal: {stderr}");
        assert!(killed.success());
        let output = std::process::Output { status, stdout: Vec::new(), stderr: stderr.into() };
        ran(&output)
    }
}

/// Run `args`, hold the first change sent to `endpoint` (after `reads` reads of it), and
/// interrupt while it is held.
fn interrupted_in_flight(env: &TestEnv, endpoint: &str, reads: usize, args: &[&str]) -> Ran {
    env.server.inject_after(endpoint, reads, Fault::Delay(HELD), 1);
    let running = Running::start(env, args);
    running.interrupt_when(|_| changes_sent(env, endpoint) == 1)
}

fn changes_sent(env: &TestEnv, endpoint: &str) -> usize {
    env.server.requests_to(endpoint).iter().filter(|request| request.method != "GET").count()
}

fn in_flight_line(what: &str) -> String {
    format!(
        "error: interrupted after {what} was sent, before its answer came: the server may or may \
         not have applied it\n"
    )
}

#[test]
fn g9_every_changing_command_interrupted_in_flight_names_the_change_and_how_to_check() {
    let user_show =
        "hint: check with `rocketctl admin user show jane` before running the command again";
    let cases: &[(&[&str], &str, &str, &str)] = &[
        (
            &["admin", "user", "update", "jane", "--nickname", "late"],
            "users.update",
            "the update of jane",
            user_show,
        ),
        (
            &["admin", "user", "deactivate", "jane"],
            "users.setActiveStatus",
            "the deactivation of jane",
            user_show,
        ),
        (
            &["admin", "user", "delete", "jane", "--yes"],
            "users.delete",
            "the deletion of jane",
            user_show,
        ),
        (
            &[
                "admin",
                "user",
                "create",
                "bob",
                "--email",
                "bob@example.com",
                "--name",
                "Bob",
                "--random-password",
            ],
            "users.create",
            "the creation of bob",
            "hint: check with `rocketctl admin user show bob` before running the command again",
        ),
        (
            &["admin", "user", "logout", "jane", "--yes"],
            "users.logout",
            "the end of every session and personal access token of jane",
            "hint: running the command again does no harm: it ends whatever is left",
        ),
        (
            &["admin", "role", "add", "bot", "jane"],
            "roles.addUserToRole",
            "the request to give jane the role `bot`",
            "hint: check with `rocketctl admin role members bot` before running the command again",
        ),
        (
            &["admin", "permission", "grant", "view-room-administration", "bot"],
            "permissions.update",
            "the new role list of the permission `view-room-administration`",
            "hint: check with `rocketctl admin permission show view-room-administration` before running the command again",
        ),
        (
            &["admin", "setting", "set", "Site_Name", "Team Chat"],
            "settings/Site_Name",
            "the new value of the setting `Site_Name`",
            "hint: check with `rocketctl admin setting show Site_Name` before running the command again",
        ),
        (
            &["token", "delete", "old"],
            "users.removePersonalAccessToken",
            "the deletion of the token `old`",
            "hint: check with `rocketctl token list` before running the command again",
        ),
        (
            &["token", "regenerate", "old"],
            "users.regeneratePersonalAccessToken",
            "the request for a new value of the token `old`",
            "hint: check with `rocketctl token list` before running the command again",
        ),
        (
            &["presence", "set", "away"],
            "users.setStatus",
            "the new presence",
            "hint: check with `rocketctl presence show` before running the command again",
        ),
        (
            &["2fa", "email", "enable"],
            "users.2fa.enableEmail",
            "the change to e-mailed codes",
            "hint: see where it stands with `rocketctl 2fa status`",
        ),
        (
            &["api", "-X", "POST", "users.setStatus", "-F", "status=busy"],
            "users.setStatus",
            "POST api/v1/users.setStatus",
            "hint: check on the server whether it was applied before sending it again",
        ),
    ];
    for (args, endpoint, what, hint) in cases {
        let env = as_admin();
        if args[0] == "token" {
            let made = crate::common::run(
                env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args(["token", "create", "old"]),
            );
            assert_eq!(made.code, 0, "{made:?}");
        }
        let reads = usize::from(endpoint.starts_with("settings/"));
        let ran = interrupted_in_flight(&env, endpoint, reads, args);
        assert_eq!(ran.code, 130, "{args:?} {ran:?}");
        assert!(ran.stderr.contains(&in_flight_line(what)), "{args:?} {ran:?}");
        let lines = ran.stderr.matches("error: interrupted").count();
        assert_eq!(lines, 1, "one change, said once: {args:?} {ran:?}");
        assert!(ran.stderr.ends_with(&format!("\n\n{hint}\n")), "{args:?} {ran:?}");
        assert_eq!(changes_sent(&env, endpoint), 1, "{args:?}");
    }
}

#[test]
fn g9_ctrl_c_while_a_changing_command_still_reads_ends_130_and_claims_nothing() {
    let env = as_admin();
    env.server.inject("users.info", Fault::Delay(HELD), 1);
    let running = Running::start(&env, &["admin", "user", "delete", "jane", "--yes"]);
    let ran = running.interrupt_when(|_| !env.server.requests_to("users.info").is_empty());
    assert_eq!(ran.code, 130, "{ran:?}");
    assert_eq!(ran.stderr, "", "nothing was sent, so nothing is said");
    assert!(env.server.requests_to("users.delete").is_empty());
}

#[test]
fn g9_token_create_save_interrupted_before_the_token_came_leaves_no_file() {
    let env = as_admin();
    let file = env.home.path().join("intr.token");
    let args = ["token", "create", "intr", "--save", file.to_str().unwrap()];
    let ran = interrupted_in_flight(&env, "users.generatePersonalAccessToken", 0, &args);
    assert_eq!(ran.code, 130, "{ran:?}");
    assert!(ran.stderr.contains(&in_flight_line("the request for a new token `intr`")), "{ran:?}");
    assert!(ran.stderr.contains("hint: check with `rocketctl token list`"), "{ran:?}");
    assert!(!file.exists(), "the empty file is removed: {ran:?}");
    // Without a signal the file is written and kept, 0600 with the token.
    let file = env.home.path().join("kept.token");
    let kept = crate::common::run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args([
        "token",
        "create",
        "kept",
        "--save",
        file.to_str().unwrap(),
    ]));
    assert_eq!(kept.code, 0, "{kept:?}");
    assert!(std::fs::read_to_string(&file).unwrap().trim_end().len() > 20);
}

#[test]
fn g9_ctrl_c_while_a_change_waits_out_a_rate_limit_says_nothing_was_changed() {
    let env = as_admin();
    let limited = Fault::Respond {
        status: 429,
        content_type: "application/json".into(),
        body: r#"{"success":false,"error":"Error, too many requests."}"#.into(),
        headers: vec![("Retry-After".into(), "60".into())],
    };
    env.server.inject("users.update", limited, 1);
    let running = Running::start(&env, &["admin", "user", "update", "jane", "--nickname", "late"]);
    let ran = running.interrupt_when(|said| said.contains("rate limited by"));
    assert_eq!(ran.code, 130, "{ran:?}");
    assert!(
        ran.stderr.ends_with(
            "error: interrupted while waiting out a rate limit to send the update of jane: \
             nothing was changed\n"
        ),
        "{ran:?}"
    );
    assert!(!ran.stderr.contains("may or may not"), "{ran:?}");
    assert_eq!(env.server.requests_to("users.update").len(), 1);
    assert_eq!(env.server.user("jane").nickname, None);
}

#[test]
fn g9_apply_in_parallel_lists_every_change_in_flight() {
    let env = as_admin();
    let mut text = String::from("version = 1\n");
    for n in 0..5 {
        env.server.add_user(User::new(&format!("bot{n}"), "bot-password-1"));
        text.push_str(&format!("[[users]]\nusername = \"bot{n}\"\nnickname = \"n{n}\"\n"));
    }
    let path = env.home.path().join("fleet.toml");
    std::fs::write(&path, text).unwrap();
    // The first request on a route goes alone (pacing learns the route's limit from its answer);
    // the two after it go at once and are held.
    env.server.inject_after("users.update", 1, Fault::Delay(HELD), 4);
    let args = ["apply", "-f", path.to_str().unwrap(), "--parallel", "2"];
    let running = Running::start(&env, &args);
    let ran = running.interrupt_when(|_| env.server.requests_to("users.update").len() == 3);
    assert_eq!(ran.code, 130, "{ran:?}");
    let sent = env.server.requests_to("users.update");
    assert_eq!(sent.len(), 3, "no change is sent after the signal");
    let ids = env.server.state().users.clone();
    for request in &sent[1..] {
        let id = request.json()["userId"].as_str().unwrap().to_owned();
        let name = &ids.iter().find(|user| user.id == id).unwrap().username;
        let line = in_flight_line(&format!("the update of {name}"));
        assert_eq!(ran.stderr.matches(&line).count(), 1, "{name}: {ran:?}");
    }
    assert_eq!(ran.stderr.matches("error: interrupted").count(), 2, "{ran:?}");
}
