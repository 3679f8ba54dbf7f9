//! The test environment: a temp HOME, a cleared environment, a stand-in server, and helpers
//! to run rocketctl and read what it left behind. Every way of starting rocketctl
//! ([`TestEnv::cmd`], [`TestEnv::process`], [`TestEnv::vars`] for scripts and terminals) gets
//! the same environment from [`TestEnv::vars`], so no test drifts from the others.

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use tempfile::TempDir;

use crate::support::rocketchat::CustomFieldsWrite;
use crate::support::{Mode, StandIn, User};

/// Both ways servers store custom fields: older ones replace the object with what is sent,
/// newer ones merge what is sent into what they hold. Every test of custom fields runs on both.
pub const CUSTOM_FIELD_WRITES: [CustomFieldsWrite; 2] =
    [CustomFieldsWrite::Replace, CustomFieldsWrite::Merge];

pub const PASSWORD: &str = "CANARY-pw-Jane-1";

pub struct TestEnv {
    pub home: TempDir,
    pub server: StandIn,
}

impl TestEnv {
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

    /// Everything rocketctl sees of its environment: PATH starts with the directory of the
    /// rocketctl under test (so scripts can call it by name), then the developer's PATH.
    pub fn vars(&self) -> Vec<(&'static str, OsString)> {
        let mut path = OsString::from(bin_dir());
        path.push(":");
        path.push(std::env::var_os("PATH").unwrap_or_default());
        vec![
            ("PATH", path),
            ("HOME", self.home.path().into()),
            ("XDG_CONFIG_HOME", self.home.path().join(".config").into()),
            ("NO_COLOR", "1".into()),
            // Retries wait 10 ms instead of seconds; a test may set its own value.
            ("ROCKETCTL_TEST_RETRY_SLEEP_MS", "10".into()),
        ]
    }

    /// A process with nothing from the developer's environment but [`Self::vars`], in HOME.
    fn base(&self, program: &Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.env_clear().envs(self.vars()).current_dir(self.home.path());
        cmd
    }

    /// `rocketctl`, to run to completion with assert_cmd.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::from_std(self.base(&rocketctl_bin()));
        cmd.timeout(Duration::from_secs(60));
        cmd
    }

    /// `rocketctl` as a plain process (to spawn several at once, or to watch while it runs):
    /// stdin and stdout are null, stderr is piped.
    pub fn process(&self) -> std::process::Command {
        self.script_process(&rocketctl_bin())
    }

    /// Another program (a shell, `unshare`) with the same environment; rocketctl is on its PATH.
    pub fn script_process(&self, program: &Path) -> std::process::Command {
        let mut cmd = self.base(program);
        cmd.stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        cmd
    }

    /// `login --server URL --username USERNAME` against this environment's stand-in.
    pub fn login_args(&self, username: &str) -> Vec<String> {
        login_args_at(&self.server.url(), username)
    }

    /// `rocketctl login --server URL --username USERNAME --password-stdin EXTRA…`; the caller
    /// writes the password to stdin.
    pub fn login_cmd(&self, username: &str, extra: &[&str]) -> Command {
        let mut cmd = self.cmd();
        cmd.args(self.login_args(username)).arg("--password-stdin").args(extra);
        cmd
    }

    /// Make the server store custom fields as `write` says, whatever its mode's version does.
    pub fn custom_fields_stored_by(&self, write: CustomFieldsWrite) -> &Self {
        self.server.state().settings.custom_fields_write = Some(write);
        self
    }

    /// Write `text` to `name` in HOME (a desired-state file, a secret file); its path.
    pub fn write_file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.home.path().join(name);
        std::fs::write(&path, text).expect("the file is written");
        path
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
        let children: Vec<_> = (0..count)
            .map(|i| {
                self.process()
                    .env("ROCKETCHAT_PASSWORD", PASSWORD)
                    .args(self.login_args("jane"))
                    .args(["--context", &format!("c{i}")])
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

    /// `rocketctl profile ARGS` with the current password in ROCKETCHAT_PASSWORD.
    pub fn profile(&self, args: &[&str]) -> Ran {
        run(self.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).arg("profile").args(args))
    }

    /// `rocketctl profile show EXTRA…`.
    pub fn show(&self, extra: &[&str]) -> Ran {
        run(self.cmd().args(["profile", "show"]).args(extra))
    }

    /// The `users.updateOwnBasicInfo` requests the server received.
    pub fn updates(&self) -> Vec<crate::support::Recorded> {
        self.server.requests_to("users.updateOwnBasicInfo")
    }
}

/// `login --server SERVER --username USERNAME`, for a server other than the environment's own.
pub fn login_args_at(server: &str, username: &str) -> Vec<String> {
    ["login", "--server", server, "--username", username].map(str::to_owned).to_vec()
}

/// The rocketctl binary under test.
pub fn rocketctl_bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("rocketctl")
}

/// The directory that holds [`rocketctl_bin`].
pub fn bin_dir() -> PathBuf {
    rocketctl_bin().parent().expect("the binary is in a directory").to_owned()
}

/// Output of a finished command, as text.
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Ran {
    ran(&cmd.output().expect("rocketctl runs"))
}

pub fn ran(output: &std::process::Output) -> Ran {
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
pub fn logged_in(mode: Mode) -> TestEnv {
    let env = TestEnv::new(mode);
    env.login();
    env
}

pub fn json_out(ran: &Ran) -> serde_json::Value {
    serde_json::from_str(&ran.stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}): {ran:?}"))
}

/// Wait until `ready` holds, checking every few milliseconds; false if `limit` passes first.
/// Tests wait on a condition this way rather than sleeping for a guessed time.
pub fn wait_until(limit: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while !ready() {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

/// A local port held bound but not listening: connecting to it is refused, and no other
/// program can take it meanwhile, so a test can start a server on it later without racing.
pub struct ClosedPort(socket2::Socket);

impl ClosedPort {
    pub fn new() -> Self {
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
            .expect("a socket");
        // Lets a listener with SO_REUSEADDR (as std's) bind the same port while this one holds it.
        socket.set_reuse_address(true).expect("SO_REUSEADDR");
        let any_port = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        socket.bind(&any_port.into()).expect("a free local port");
        Self(socket)
    }

    pub fn port(&self) -> u16 {
        let addr = self.0.local_addr().expect("bound").as_socket().expect("an IP address");
        addr.port()
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port())
    }
}

/// What a snapshot may not hold because it changes between runs: ports, the temp HOME,
/// dates and times.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]");
    settings.add_filter(r"/\S*/rocketctl-test-[[:alnum:]]+", "[HOME]");
    settings.add_filter(
        r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?",
        "[DATE]",
    );
    settings
        .add_filter(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT", "[DATE]");
    settings.add_filter(r"\b\d{2}:\d{2}:\d{2} UTC\b", "[TIME] UTC");
    settings
}

/// Snapshot a finished command as exit code, stdout and stderr (see [`snapshot_settings`]).
macro_rules! assert_ran_snapshot {
    ($name:expr, $ran:expr) => {
        $crate::common::snapshot_settings()
            .bind(|| insta::assert_snapshot!($name, format!("{:?}", $ran)))
    };
}
pub(crate) use assert_ran_snapshot;
