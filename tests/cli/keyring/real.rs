//! Against a real Secret Service (see the parent module): each test uses its own context, so
//! its keyring entry is its own, and deletes that entry when it ends.

use std::ffi::OsString;

use assert_cmd::Command;

use super::secret_service;
use crate::common::{PASSWORD, Ran, TestEnv, run};
use crate::support::Mode;

const NEW_PASSWORD: &str = "CANARY-kr-NEW-PASSWORD-2";

struct Real {
    env: TestEnv,
    bus: OsString,
    context: String,
}

impl Real {
    fn new(tag: &str) -> Self {
        let bus = secret_service();
        let context = format!("kr-{tag}-{}", std::process::id());
        Self { env: TestEnv::new(Mode::V8), bus, context }
    }

    fn cmd(&self) -> Command {
        let mut cmd = self.env.cmd();
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &self.bus);
        cmd
    }

    fn rocketctl(&self, args: &[&str]) -> Ran {
        run(self.cmd().args(args))
    }

    fn login(&self, store: &str) -> Ran {
        let mut cmd = self.cmd();
        cmd.args(self.env.login_args("jane")).args([
            "--password-stdin",
            "--context",
            &self.context,
            "--store",
            store,
        ]);
        run(cmd.write_stdin(format!("{PASSWORD}\n")))
    }

    /// The test's own look into the keyring, past rocketctl.
    fn entry(&self) -> keyring::Entry {
        keyring::Entry::new("rocketctl", &self.context).expect("a keyring entry")
    }

    fn keyring_token(&self) -> Option<String> {
        match self.entry().get_password() {
            Ok(token) => Some(token),
            Err(keyring::Error::NoEntry) => None,
            Err(err) => panic!("the keyring answered {err}"),
        }
    }

    fn context_table(&self) -> toml::Table {
        self.env.config()["contexts"][&self.context].as_table().cloned().unwrap_or_default()
    }

    /// The token the last request to `endpoint` carried.
    fn sent_token(&self, endpoint: &str) -> Option<String> {
        let requests = self.env.server.requests_to(endpoint);
        requests.last()?.header("X-Auth-Token").map(str::to_owned)
    }
}

impl Drop for Real {
    fn drop(&mut self) {
        let _ = self.entry().delete_credential();
    }
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service (see tests/README.md)"]
fn real_login_keeps_the_token_in_the_keyring_and_none_in_the_file() {
    let real = Real::new("login");
    let ran = real.login("keyring");
    assert_eq!(ran.code, 0, "{ran:?}");
    let said = format!(
        "Token stored in the system keyring (service `rocketctl`, account `{}`)",
        real.context
    );
    assert!(ran.stderr.contains(&said), "{ran:?}");
    let context = real.context_table();
    assert_eq!(context["token_store"].as_str(), Some("keyring"), "{context:?}");
    assert!(!context.contains_key("auth_token"), "{context:?}");
    let token = real.keyring_token().expect("the token is in the keyring");

    let ran = real.rocketctl(&["profile", "show"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("jane"), "{ran:?}");
    assert_eq!(real.sent_token("me"), Some(token.clone()), "the keyring's token was sent");

    let requests_before = real.env.server.requests().len();
    let ran = real.rocketctl(&["api", "me"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(real.env.server.requests().len(), requests_before + 1);
    assert_eq!(real.sent_token("me"), Some(token), "`api` reads the keyring too");

    let ran = real.rocketctl(&["status"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let token_row = ran.stdout.lines().find(|l| l.starts_with("token")).unwrap_or_default();
    let source = format!("context {} in the system keyring", real.context);
    assert!(token_row.contains("valid") && token_row.contains(&source), "{ran:?}");
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service (see tests/README.md)"]
fn real_auto_chooses_a_keyring_that_answers_and_says_so() {
    let real = Real::new("auto");
    let ran = real.login("auto");
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("Token stored in the system keyring"), "{ran:?}");
    assert!(!ran.stderr.contains("warning"), "{ran:?}");
    assert!(real.keyring_token().is_some());
    assert!(!real.context_table().contains_key("auth_token"));
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service (see tests/README.md)"]
fn real_logout_revokes_the_keyring_token_and_deletes_the_entry() {
    let real = Real::new("logout");
    assert_eq!(real.login("keyring").code, 0);
    let token = real.keyring_token();
    let ran = real.rocketctl(&["logout"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(real.sent_token("logout"), token, "the keyring's token was revoked");
    assert_eq!(real.keyring_token(), None, "the entry is gone");
    assert!(!real.context_table().contains_key("token_store"), "{:?}", real.context_table());
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service (see tests/README.md)"]
fn real_context_remove_deletes_the_entry() {
    let real = Real::new("remove");
    assert_eq!(real.login("keyring").code, 0);
    let ran = real.rocketctl(&["context", "remove", &real.context]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(real.keyring_token(), None);
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service (see tests/README.md)"]
fn real_an_entry_deleted_behind_rocketctls_back_is_exit_6_with_the_fix() {
    let real = Real::new("deleted");
    assert_eq!(real.login("keyring").code, 0);
    real.entry().delete_credential().expect("deleted outside rocketctl");
    let reads_before = real.env.server.requests_to("me").len();

    let ran = real.rocketctl(&["profile", "show"]);
    assert_eq!(ran.code, 6, "{ran:?}");
    let error = format!(
        "error: cannot read the token of context \"{}\" from the system keyring: no entry for this context",
        real.context
    );
    assert!(ran.stderr.contains(&error), "{ran:?}");
    let fix = format!("hint: run `rocketctl login --context {}` to log in again", real.context);
    assert!(ran.stderr.contains(&fix), "{ran:?}");
    assert_eq!(real.env.server.requests_to("me").len(), reads_before, "nothing was sent");
    assert!(!real.context_table().contains_key("auth_token"), "no fallback to the file");
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service (see tests/README.md)"]
fn real_a_later_login_to_the_file_takes_the_token_out_of_the_keyring() {
    let real = Real::new("move");
    assert_eq!(real.login("keyring").code, 0);
    let ran = real.login("file");
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(real.keyring_token(), None);
    let context = real.context_table();
    assert!(context.contains_key("auth_token") && !context.contains_key("token_store"));
}

/// The canary check for the keyring (docs/security.md R12): through login, reads, a password
/// change that logs in again, and logout, no token is in any file under HOME, nor in any output.
#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service (see tests/README.md)"]
fn real_canary_a_keyring_token_is_in_no_file_at_all() {
    let real = Real::new("canary");
    let mut outputs = vec![real.login("keyring")];
    let first = real.keyring_token().expect("stored");
    outputs.push(real.rocketctl(&["-v", "profile", "show"]));
    outputs.push(real.rocketctl(&["-v", "status", "-o", "json"]));
    // The server revokes every token with the password change, so rocketctl logs in again
    // and keeps the new token where the old one was.
    real.env.server.state().settings.revoke_all_tokens_on_password_change = true;
    outputs.push(run(real
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", NEW_PASSWORD)
        .args(["-v", "profile", "set-password"])));
    let second = real.keyring_token().expect("the new token went to the keyring too");
    assert_ne!(first, second, "the password change logged in again");
    let said = outputs.last().map(|ran| ran.stderr.as_str()).unwrap_or_default();
    assert!(said.contains("Token stored in the system keyring"), "{said}");
    outputs.push(real.rocketctl(&["-v", "profile", "show"]));
    for ran in &outputs {
        assert_eq!(ran.code, 0, "{ran:?}");
    }
    assert!(!real.context_table().contains_key("auth_token"));

    for token in [&first, &second] {
        for ran in &outputs {
            assert!(!ran.stdout.contains(token.as_str()) && !ran.stderr.contains(token.as_str()));
        }
        for path in files_under(real.env.home.path()) {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(token.as_str()), "a token in {}", path.display());
        }
    }
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}
