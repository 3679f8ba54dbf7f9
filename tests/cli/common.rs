//! The test environment: a temp HOME, a cleared environment, a stand-in server, and helpers
//! to run rocketctl and read what it left behind.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

use crate::support::{Mode, StandIn, User};

pub const PASSWORD: &str = "CANARY-pw-Jane-1";

pub struct Env {
    pub home: TempDir,
    pub server: StandIn,
}

impl Env {
    /// A server in `mode` with user `jane` (password [`PASSWORD`]).
    pub fn new(mode: Mode) -> Self {
        let server = StandIn::start(mode);
        let mut jane = User::new("jane", PASSWORD);
        jane.name = "Jane Doe".into();
        server.add_user(jane);
        Self::with_server(server)
    }

    pub fn with_server(server: StandIn) -> Self {
        let home = tempfile::Builder::new().prefix("rocketctl-test-").tempdir().expect("temp HOME");
        Self { home, server }
    }

    /// `rocketctl` with nothing from the developer's environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("rocketctl").expect("the rocketctl binary is built");
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("NO_COLOR", "1")
            .env("ROCKETCTL_TEST_RETRY_SLEEP_MS", "10")
            .current_dir(self.home.path())
            .timeout(std::time::Duration::from_secs(60));
        cmd
    }

    /// `rocketctl login --server URL --username USERNAME --password-stdin EXTRA…`; the caller
    /// writes the password to stdin.
    pub fn login_cmd(&self, username: &str, extra: &[&str]) -> Command {
        let mut cmd = self.cmd();
        cmd.args([
            "login",
            "--server",
            &self.server.url(),
            "--username",
            username,
            "--password-stdin",
        ])
        .args(extra);
        cmd
    }

    /// A plain process (for spawning several at once) with the same clean environment.
    pub fn process(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("rocketctl"));
        cmd.env_clear()
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        cmd
    }

    pub fn config_path(&self) -> PathBuf {
        self.home.path().join(".config/rocketctl/config.toml")
    }

    pub fn config_text(&self) -> String {
        std::fs::read_to_string(self.config_path()).unwrap_or_default()
    }

    pub fn config_mode(&self) -> u32 {
        std::fs::metadata(self.config_path()).expect("config exists").permissions().mode() & 0o777
    }

    pub fn config(&self) -> toml::Table {
        toml::from_str(&self.config_text()).expect("the config parses")
    }

    /// Log `username` in with a password from stdin into `context`.
    pub fn login_as(&self, username: &str, password: &str, context: &str) {
        self.login_cmd(username, &["--context", context])
            .write_stdin(format!("{password}\n"))
            .assert()
            .success();
    }

    pub fn login(&self) {
        self.login_as("jane", PASSWORD, "test");
    }

    /// Run `count` logins at once into contexts `c0`, `c1`, …; each must succeed.
    pub fn concurrent_logins(&self, count: usize) {
        let url = self.server.url();
        let children: Vec<_> = (0..count)
            .map(|i| {
                self.process()
                    .env("ROCKETCHAT_PASSWORD", PASSWORD)
                    .args([
                        "login",
                        "--server",
                        &url,
                        "--username",
                        "jane",
                        "--context",
                        &format!("c{i}"),
                    ])
                    .spawn()
                    .expect("rocketctl starts")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        }
    }

    /// The stored token of a context.
    pub fn stored_token(&self, context: &str) -> String {
        self.config()["contexts"][context]["auth_token"]
            .as_str()
            .expect("a stored token")
            .to_owned()
    }
}

/// Output of a finished command, as text.
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Ran {
    let output = cmd.output().expect("rocketctl runs");
    Ran {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

impl std::fmt::Debug for Ran {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

/// SHA-256 hex, as a test computes what the server should receive.
pub fn sha256(text: &str) -> String {
    crate::support::rocketchat::sha256_hex(text)
}

/// An environment whose user `jane` is logged in (context `test`).
pub fn logged_in(mode: Mode) -> Env {
    let env = Env::new(mode);
    env.login();
    env
}

impl Env {
    /// `rocketctl profile ARGS` with the current password in ROCKETCHAT_PASSWORD.
    pub fn profile(&self, args: &[&str]) -> Ran {
        run(self.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).arg("profile").args(args))
    }

    /// The `users.updateOwnBasicInfo` requests the server received.
    pub fn updates(&self) -> Vec<crate::support::Recorded> {
        self.server.requests_to("users.updateOwnBasicInfo")
    }
}

pub fn json_out(ran: &Ran) -> serde_json::Value {
    serde_json::from_str(&ran.stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}): {ran:?}"))
}
