//! The canary suite (docs/security.md R12): every command and flow, `-v` included, with marker
//! secrets; none of them (nor their SHA-256 hex or base64) may appear in stdout, stderr, a panic
//! message, or any file under HOME, except the token in the config's `auth_token` field.

use base64::Engine as _;

use crate::common::{Ran, TestEnv, run, sha256};
use crate::support::{Fault, Mode, StandIn, User};

pub const PASSWORD: &str = "CANARY-7f3a9c-PASSWORD";
pub const NEW_PASSWORD: &str = "CANARY-7f3a9c-NEW-PASSWORD";
pub const BACKUP_CODE: &str = "CANARY-7f3a9c-CODE";

pub struct Canaries {
    pub env: TestEnv,
    secrets: Vec<(String, String)>,
    pub outputs: Vec<(String, Ran)>,
}

impl Canaries {
    pub fn new(mode: Mode) -> Self {
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
    pub fn add_secret(&mut self, name: &str, value: &str) {
        let base64 = base64::engine::general_purpose::STANDARD.encode(value);
        self.secrets.push((name.to_owned(), value.to_owned()));
        self.secrets.push((format!("{name} (sha256)"), sha256(value)));
        self.secrets.push((format!("{name} (base64)"), base64));
    }

    /// Run rocketctl with `-v` and the secrets in the environment, check its exit code (a step
    /// that fails early would make every later "nothing leaked" vacuous), and keep its output.
    pub fn run(
        &mut self,
        label: &str,
        expected_code: i32,
        args: &[&str],
        configure: impl FnOnce(&mut assert_cmd::Command),
    ) {
        let code = self.run_unchecked(label, args, configure);
        assert_eq!(code, expected_code, "`{label}`: {:?}", self.outputs.last());
    }

    /// As [`Self::run`], leaving the exit code to the caller.
    pub fn run_unchecked(
        &mut self,
        label: &str,
        args: &[&str],
        configure: impl FnOnce(&mut assert_cmd::Command),
    ) -> i32 {
        let mut cmd = self.env.cmd();
        cmd.env("ROCKETCHAT_PASSWORD", PASSWORD)
            .env("ROCKETCHAT_NEW_PASSWORD", NEW_PASSWORD)
            .env("RUST_BACKTRACE", "1")
            .env("RUST_LOG", "trace")
            .arg("-v")
            .args(args);
        configure(&mut cmd);
        let ran = run(&mut cmd);
        let code = ran.code;
        self.outputs.push((label.to_owned(), ran));
        code
    }

    pub fn remember_token(&mut self, context: &str) {
        let token = self.env.stored_token(context);
        let hashed = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(token.as_bytes()));
        self.add_secret(&format!("token of {context}"), &token);
        self.secrets.push((format!("token of {context} (server hash)"), hashed));
    }

    pub fn assert_nothing_leaked(&self) {
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
    // With -o json a failure is also a JSON object on stdout: no secret in it either.
    c.run(
        "set-email wrong json",
        4,
        &["profile", "set-email", "c3@example.org", "-o", "json"],
        |cmd| {
            cmd.env("ROCKETCHAT_PASSWORD", "CANARY-7f3a9c-WRONG");
        },
    );
    assert!(
        c.outputs.last().unwrap().1.stdout.contains("\"exitCode\": 4"),
        "{:?}",
        c.outputs.last()
    );
    c.env.server.state().settings.custom_fields =
        Some(serde_json::json!({"k": {"type": "text"}, "j": {"type": "text"}}));
    // Custom fields on both kinds of server: one that replaces the object, one that merges.
    let [replace, merge] = crate::common::CUSTOM_FIELD_WRITES;
    c.env.custom_fields_stored_by(replace);
    c.run("update", 0, &["profile", "update", "--nickname", "canary", "--field", "k=v"], |_| {});
    c.env.custom_fields_stored_by(merge);
    c.run("update", 0, &["profile", "update", "--field", "j=w", "--unset-field", "k"], |_| {});
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

/// Personal access tokens and presence: a new token appears only alone on stdout (or in the
/// JSON) of the run that made it, in the `--save` file, or as the config's `auth_token`.
#[test]
fn a_personal_access_token_appears_only_where_the_contract_says() {
    for mode in [Mode::V8, Mode::V7] {
        let mut c = Canaries::new(mode);
        c.env.server.raw_documents();
        let url = c.env.server.url();
        let login = ["login", "--server", &url, "--username", "jane", "--context", "jane"];
        c.run("login", 0, &login, |_| {});
        c.remember_token("jane");

        // Printed: alone on stdout, nowhere else; then a secret for every later run.
        let printed = run(c
            .env
            .cmd()
            .env("ROCKETCHAT_PASSWORD", PASSWORD)
            .args(["-v", "token", "create", "printed"]));
        assert_eq!(printed.code, 0, "{printed:?}");
        let pat = printed.stdout.trim_end().to_owned();
        assert_eq!(printed.stdout, format!("{pat}\n"));
        assert!(!printed.stderr.contains(&pat), "{printed:?}");
        assert!(!printed.stderr.contains(&sha256(PASSWORD)), "{printed:?}");
        c.add_secret("printed PAT", &pat);

        let outside = tempfile::tempdir().unwrap();
        let saved = outside.path().join("ci-token");
        c.run(
            "create --save",
            0,
            &["token", "create", "ci", "--save", saved.to_str().unwrap()],
            |_| {},
        );
        let saved_pat = std::fs::read_to_string(&saved).unwrap().trim_end().to_owned();
        c.add_secret("saved PAT", &saved_pat);
        c.run("list", 0, &["token", "list"], |_| {});
        c.run("list json", 0, &["token", "list", "-o", "json"], |_| {});
        c.run("taken", 5, &["token", "create", "ci"], |_| {});
        let again = outside.path().join("ci-token-2");
        c.run(
            "regenerate --save",
            0,
            &["token", "regenerate", "ci", "--save", again.to_str().unwrap()],
            |_| {},
        );
        let regenerated = std::fs::read_to_string(&again).unwrap().trim_end().to_owned();
        c.add_secret("regenerated PAT", &regenerated);
        c.run("delete", 0, &["token", "delete", "ci", "-o", "json"], |_| {});
        c.run("delete missing", 0, &["token", "delete", "ci"], |_| {});
        c.run("presence set", 0, &["presence", "set", "busy", "--message", "canary"], |_| {});
        c.run("presence show", 0, &["presence", "show", "-o", "json"], |_| {});
        // The avatar is read with the token in a cookie: redacted in the -v trace.
        c.env.server.state().settings.avatar_block_unauthenticated = true;
        let png = outside.path().join("a.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\ncanary-image").unwrap();
        c.run("avatar set", 0, &["profile", "avatar", "set", png.to_str().unwrap()], |_| {});
        c.run("avatar again", 0, &["profile", "avatar", "set", png.to_str().unwrap()], |_| {});
        c.run("avatar reset", 0, &["profile", "avatar", "reset"], |_| {});
        c.run("create --login", 0, &["token", "create", "laptop", "--login", "-o", "json"], |_| {});
        c.remember_token("jane");
        c.run("list as PAT", 0, &["token", "list"], |_| {});
        c.assert_nothing_leaked();
    }
}

/// The admin flows: the administrator's password and digest, the new user's password (given or
/// random), the bot's login session and its new token appear nowhere but the token file.
#[test]
fn no_secret_leaks_from_the_admin_flows() {
    let mut c = Canaries::new(Mode::V8);
    c.env.server.add_user(User::new("boss", PASSWORD).with_roles(&["admin", "user"]));
    c.env.server.grant("create-personal-access-tokens", "bot");
    let url = c.env.server.url();
    c.run("admin login", 0, &["login", "--server", &url, "--username", "boss"], |_| {});
    c.run(
        "admin login again",
        0,
        &["login", "--server", &url, "--username", "boss", "--context", "boss"],
        |_| {},
    );
    c.remember_token("boss");
    let outside = tempfile::tempdir().expect("a folder outside HOME");
    let token_file = outside.path().join("bot.token");
    let token_path = token_file.to_str().expect("a UTF-8 path");
    let create = [
        "admin",
        "user",
        "create",
        "ci-bot",
        "--email",
        "ci-bot@example.org",
        "--name",
        "CI",
        "--role",
        "bot",
        "--token",
        "ci",
        "--token-file",
        token_path,
        "--token-bypass-2fa",
    ];
    c.run("admin create dry run", 0, &[&create[..], &["--dry-run"]].concat(), |_| {});
    c.run("admin create with token", 0, &create, |_| {});
    let token = std::fs::read_to_string(&token_file).expect("the token file");
    c.add_secret("new token", token.trim());
    let logouts = c.env.server.requests_to("logout");
    let session = logouts.last().and_then(|r| r.header("x-auth-token")).expect("logged out");
    c.add_secret("bot session", session);
    c.run(
        "admin create random",
        0,
        &["admin", "user", "create", "rnd-bot", "--email", "r@example.org", "--name", "R"],
        |cmd| {
            cmd.arg("--random-password");
        },
    );
    let created = c.env.server.requests_to("users.create");
    let random = created.last().unwrap().json()["password"].as_str().unwrap().to_owned();
    c.add_secret("random password", &random);
    c.run("admin create taken", 5, &create[..10], |_| {});
    c.run("admin show", 0, &["admin", "user", "show", "ci-bot", "-o", "json"], |_| {});
    c.run("admin list", 0, &["admin", "user", "list"], |_| {});
    let update = ["admin", "user", "update", "jane", "--nickname", "admin-set", "--role", "bot"];
    c.run("admin update dry run", 0, &[&update[..], &["--dry-run"]].concat(), |_| {});
    c.run("admin update", 0, &update, |_| {});
    let set_password = ["admin", "user", "update", "rnd-bot", "--change-password"];
    c.run("admin set password", 0, &set_password, |_| {});
    c.run("admin deactivate", 0, &["admin", "user", "deactivate", "rnd-bot"], |_| {});
    c.run("admin delete", 0, &["admin", "user", "delete", "rnd-bot", "--yes"], |_| {});
    assert_eq!(token.trim().len(), token.len() - 1, "the file holds the token and a newline");
    c.assert_nothing_leaked();
}

#[test]
fn no_secret_leaks_from_the_desired_state_flows() {
    let mut c = Canaries::new(Mode::V8);
    c.env.server.add_user(User::new("boss", PASSWORD).with_roles(&["admin", "user"]));
    c.env.server.grant("create-personal-access-tokens", "bot");
    let url = c.env.server.url();
    c.run("admin login", 0, &["login", "--server", &url, "--username", "boss"], |_| {});
    let current = c.env.config()["current"].as_str().expect("a current context").to_owned();
    c.remember_token(&current);
    // The new account's password and token live outside HOME, where the contract puts them.
    let outside = tempfile::tempdir().expect("a folder outside HOME");
    let bot_password = "CANARY-7f3a9c-BOT-PASSWORD";
    c.add_secret("bot password", bot_password);
    std::fs::write(outside.path().join("bot.pw"), format!("{bot_password}\n")).unwrap();
    let file = c.env.home.path().join("state.toml");
    let text = format!(
        "version = 1\n[profile]\nemail = \"boss@example.org\"\nnickname = \"boss\"\n\
         [[users]]\nusername = \"state-bot\"\nname = \"State\"\nemail = \"state@example.org\"\n\
         roles = [\"bot\"]\npassword = {{ file = \"{dir}/bot.pw\" }}\n\
         token = {{ name = \"ci\", bypass_2fa = true, file = \"{dir}/bot.token\" }}\n",
        dir = outside.path().display()
    );
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();
    c.run("diff", 10, &["diff", "-f", path, "--exit-code"], |_| {});
    c.run("apply dry run", 10, &["apply", "-f", path, "--dry-run", "--exit-code"], |_| {});
    c.run("apply", 0, &["apply", "-f", path, "-o", "json"], |_| {});
    let token = std::fs::read_to_string(outside.path().join("bot.token")).expect("the token file");
    c.add_secret("new token", token.trim());
    let logouts = c.env.server.requests_to("logout");
    let session = logouts.last().and_then(|r| r.header("x-auth-token")).expect("logged out");
    c.add_secret("bot session", session);
    c.run("apply again", 0, &["apply", "-f", path], |_| {});
    c.run("export", 0, &["export"], |_| {});
    c.run("export users", 0, &["export", "--user", "state-bot", "-o", "json"], |_| {});
    c.assert_nothing_leaked();
}
