//! The canary suite (docs/security.md R12): every command and flow, `-v` included, with marker
//! secrets; none of them (nor their SHA-256 hex or base64) may appear in stdout, stderr, a panic
//! message, or any file under HOME, except the token in the config's `auth_token` field.

use base64::Engine as _;

use crate::common::{Ran, TestEnv, run, sha256};
use crate::support::{Fault, Mode, StandIn, User};

const PASSWORD: &str = "CANARY-7f3a9c-PASSWORD";
const NEW_PASSWORD: &str = "CANARY-7f3a9c-NEW-PASSWORD";
const BACKUP_CODE: &str = "CANARY-7f3a9c-CODE";

struct Canaries {
    env: TestEnv,
    secrets: Vec<(String, String)>,
    outputs: Vec<(String, Ran)>,
}

impl Canaries {
    fn new(mode: Mode) -> Self {
        let server = StandIn::start(mode);
        server.add_user(User::new("jane", PASSWORD));
        server.add_user(
            User::new("tina", PASSWORD)
                .with_totp(b"canary-totp-secret")
                .with_backup_code(BACKUP_CODE),
        );
        let mut canaries =
            Self { env: TestEnv::with_server(server), secrets: Vec::new(), outputs: Vec::new() };
        for (name, value) in
            [("password", PASSWORD), ("new password", NEW_PASSWORD), ("2fa code", BACKUP_CODE)]
        {
            canaries.add_secret(name, value);
        }
        canaries
    }

    /// A secret, its SHA-256 hex and its base64 are all looked for.
    fn add_secret(&mut self, name: &str, value: &str) {
        let base64 = base64::engine::general_purpose::STANDARD.encode(value);
        self.secrets.push((name.to_owned(), value.to_owned()));
        self.secrets.push((format!("{name} (sha256)"), sha256(value)));
        self.secrets.push((format!("{name} (base64)"), base64));
    }

    /// Run rocketctl with `-v` and the secrets in the environment, check its exit code (a step
    /// that fails early would make every later "nothing leaked" vacuous), and keep its output.
    fn run(
        &mut self,
        label: &str,
        expected_code: i32,
        args: &[&str],
        configure: impl FnOnce(&mut assert_cmd::Command),
    ) {
        let mut cmd = self.env.cmd();
        cmd.env("ROCKETCHAT_PASSWORD", PASSWORD)
            .env("ROCKETCHAT_NEW_PASSWORD", NEW_PASSWORD)
            .env("RUST_BACKTRACE", "1")
            .env("RUST_LOG", "trace")
            .arg("-v")
            .args(args);
        configure(&mut cmd);
        let ran = run(&mut cmd);
        assert_eq!(ran.code, expected_code, "`{label}`: {ran:?}");
        self.outputs.push((label.to_owned(), ran));
    }

    fn remember_token(&mut self, context: &str) {
        let token = self.env.stored_token(context);
        let hashed = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(token.as_bytes()));
        self.add_secret(&format!("token of {context}"), &token);
        self.secrets.push((format!("token of {context} (server hash)"), hashed));
    }

    fn assert_nothing_leaked(&self) {
        for (label, ran) in &self.outputs {
            for (name, secret) in &self.secrets {
                assert!(
                    !ran.stdout.contains(secret.as_str()),
                    "{name} leaked on stdout of `{label}`: {ran:?}"
                );
                assert!(
                    !ran.stderr.contains(secret.as_str()),
                    "{name} leaked on stderr of `{label}`: {ran:?}"
                );
            }
        }
        self.assert_files_clean();
        for (_, ran) in
            &self.env.server.requests().iter().map(|r| (r.path.clone(), r)).collect::<Vec<_>>()
        {
            for (name, secret) in &self.secrets {
                assert!(
                    !ran.path.contains(secret.as_str()),
                    "{name} in a request line: {}",
                    ran.path
                );
            }
        }
    }

    /// Every file under HOME is free of secrets, but for the token in `auth_token = "…"`.
    fn assert_files_clean(&self) {
        let config = self.env.config_path();
        for path in walk(self.env.home.path()) {
            let text =
                String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
            let text = if path == config {
                text.lines()
                    .filter(|line| !line.starts_with("auth_token = "))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                text
            };
            for (name, secret) in &self.secrets {
                assert!(!text.contains(secret.as_str()), "{name} written to {}", path.display());
            }
        }
    }
}

use sha2::Digest as _;

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn no_secret_leaks_from_any_flow() {
    let mut c = Canaries::new(Mode::V8);
    let url = c.env.server.url();

    c.run("login wrong password", 3, &["login", "--server", &url, "--username", "jane"], |cmd| {
        cmd.env("ROCKETCHAT_PASSWORD", "CANARY-7f3a9c-WRONG");
    });
    c.add_secret("wrong password", "CANARY-7f3a9c-WRONG");
    c.run(
        "login",
        0,
        &["login", "--server", &url, "--username", "jane", "--context", "jane"],
        |_| {},
    );
    c.remember_token("jane");
    c.run("status", 0, &["status"], |_| {});
    c.run("status json", 0, &["status", "-o", "json"], |_| {});
    c.run("show", 0, &["profile", "show"], |_| {});
    c.run("show json", 0, &["profile", "show", "--json"], |_| {});
    c.run("context list", 0, &["context", "list", "-o", "json"], |_| {});
    c.run(
        "dry run",
        0,
        &["profile", "update", "--email", "c@example.org", "--change-password", "--dry-run"],
        |_| {},
    );
    c.run("set-email", 0, &["profile", "set-email", "canary@example.org"], |_| {});
    c.run("set-email wrong", 4, &["profile", "set-email", "c2@example.org"], |cmd| {
        cmd.env("ROCKETCHAT_PASSWORD", "CANARY-7f3a9c-WRONG");
    });
    c.run("update", 0, &["profile", "update", "--nickname", "canary", "--field", "k=v"], |_| {});
    c.run("set-password", 0, &["profile", "set-password"], |_| {});
    c.remember_token("jane");

    // Faults on both reads and changes: a read is retried past the 502; the lost answer is
    // settled by re-reading; the captive portal page is an unexpected response (1).
    c.env.server.inject("me", Fault::Html502, 1);
    c.run("show after 502", 0, &["profile", "show"], |_| {});
    c.env.server.inject("users.updateOwnBasicInfo", Fault::DropAfterApply, 1);
    c.run("lost answer", 0, &["profile", "update", "--nickname", "lost"], |_| {});
    c.env.server.inject("users.updateOwnBasicInfo", Fault::NonJson200, 1);
    c.run("captive portal", 1, &["profile", "update", "--nickname", "portal"], |_| {});
    c.env.server.inject(
        "me",
        Fault::Redirect { status: 307, location: "http://127.0.0.1:9/steal".into() },
        1,
    );
    c.run("redirect", 7, &["profile", "show"], |_| {});
    // A panic exits 101 (Rust's code for a panic) and still prints no secret.
    c.run("panic", 101, &["profile", "set-email", "panic@example.org"], |cmd| {
        cmd.env("ROCKETCTL_TEST_PANIC", "1");
    });
    assert!(c.outputs.last().unwrap().1.stderr.contains("forced panic"), "{:?}", c.outputs.last());

    // Two-factor with a code, and env credentials.
    c.run(
        "totp login",
        0,
        &["login", "--username", "tina", "--context", "tina", "--2fa-code", BACKUP_CODE],
        |_| {},
    );
    c.remember_token("tina");
    c.run(
        "totp change",
        0,
        &[
            "--context",
            "tina",
            "profile",
            "set-email",
            "tina@example.org",
            "--2fa-code",
            BACKUP_CODE,
        ],
        |_| {},
    );
    c.run(
        "totp wrong code",
        4,
        &[
            "--context",
            "tina",
            "profile",
            "set-email",
            "t2@example.org",
            "--2fa-code",
            "CANARY-7f3a9c-BADCODE",
        ],
        |_| {},
    );
    c.add_secret("wrong code", "CANARY-7f3a9c-BADCODE");
    let env_token = c.env.server.token_for("jane");
    c.add_secret("env token", &env_token);
    let id = c.env.server.user("jane").id;
    c.run("env show", 0, &["profile", "show"], |cmd| {
        cmd.env("ROCKETCHAT_USER_ID", &id).env("ROCKETCHAT_AUTH_TOKEN", &env_token);
    });
    c.run("env status", 0, &["status"], |cmd| {
        cmd.env("ROCKETCHAT_USER_ID", &id).env("ROCKETCHAT_AUTH_TOKEN", &env_token);
    });
    c.run("login refused with env token", 2, &["login", "--username", "jane"], |cmd| {
        cmd.env("ROCKETCHAT_AUTH_TOKEN", &env_token);
    });
    c.run("logout", 0, &["--context", "jane", "logout"], |_| {});
    c.run("after logout", 3, &["--context", "jane", "profile", "show"], |_| {});

    assert!(c.outputs.iter().any(|(_, ran)| ran.stderr.contains("[REDACTED]")), "the -v trace ran");
    c.assert_nothing_leaked();
}

#[test]
fn no_secret_leaks_from_a_7x_server_that_returns_everything() {
    let mut c = Canaries::new(Mode::V7);
    c.env.server.state().settings.raw_me = true;
    let url = c.env.server.url();
    c.run(
        "login",
        0,
        &["login", "--server", &url, "--username", "jane", "--context", "jane"],
        |_| {},
    );
    c.remember_token("jane");
    c.run("show", 0, &["profile", "show", "-o", "json"], |_| {});
    c.run("update", 0, &["profile", "update", "--nickname", "raw", "-o", "json"], |_| {});
    c.run("set-password", 0, &["profile", "set-password"], |_| {});
    c.assert_nothing_leaked();
}

#[test]
fn no_secret_leaks_from_api_calls() {
    let mut c = Canaries::new(Mode::V7);
    c.env.server.raw_documents();
    c.env.server.state().settings.two_factor_remember_for = std::time::Duration::ZERO;
    let url = c.env.server.url();
    c.run(
        "login",
        0,
        &["login", "--server", &url, "--username", "jane", "--context", "jane"],
        |_| {},
    );
    c.remember_token("jane");
    c.run("api me", 0, &["api", "me"], |_| {});
    c.run("api -i me", 0, &["api", "-i", "me"], |_| {});
    c.run("api users.info", 0, &["api", "-X", "GET", "users.info", "-f", "username=jane"], |_| {});
    c.run("api paginate", 0, &["api", "users.list", "--paginate", "-i"], |_| {});
    c.run(
        "api update",
        0,
        &["api", "users.updateOwnBasicInfo", "-f", "data[nickname]=canary"],
        |_| {},
    );
    // The server asks for the password as the second factor: only its digest is sent.
    let id = c.env.server.user("jane").id;
    c.run(
        "api password challenge",
        0,
        &["api", "users.update", "-f", &format!("userId={id}"), "-f", "data[bio]=b"],
        |_| {},
    );
    let updates = c.env.server.requests_to("users.update");
    assert_eq!(updates.last().unwrap().header("x-2fa-method"), Some("password"));
    c.run(
        "api totp login",
        0,
        &["login", "--username", "tina", "--context", "tina", "--2fa-code", BACKUP_CODE],
        |_| {},
    );
    c.remember_token("tina");
    c.run(
        "api totp challenge",
        0,
        &[
            "--context",
            "tina",
            "api",
            "users.updateOwnBasicInfo",
            "-f",
            "data[email]=tina@example.org",
            "--2fa-code",
            BACKUP_CODE,
        ],
        |_| {},
    );
    for (label, ran) in &c.outputs {
        assert!(!ran.stdout.contains("services"), "`{label}` printed services: {ran:?}");
    }
    c.assert_nothing_leaked();
}
