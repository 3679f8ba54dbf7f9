//! Unit tests of the resolution: precedence, sources, and where a token may go.

use std::path::PathBuf;
use std::time::Duration;

use super::*;
use crate::client::ClientOptions;
use crate::config::Context;
use crate::output::Output;
use crate::secret::Secret;
use crate::test_hooks::TestHooks;
use crate::url::ServerUrl;

fn context(server: &str) -> Context {
    Context {
        server: server.to_owned(),
        user_id: Some("u1".into()),
        auth_token: Some(Secret::new("tok")),
        ..Context::default()
    }
}

fn source() -> Source {
    Source::Config { path: "/c.toml".into(), context: "prod".into() }
}

fn plain_settings() -> Settings {
    settings_with(std::path::Path::new("/c.toml"), None, EnvCredentials::default())
}

#[test]
fn stored_credentials_go_only_to_their_own_server() {
    let settings = plain_settings();
    let server = ServerUrl::parse("https://chat.example.com/").unwrap();
    let stored = settings
        .stored_credentials(&mut context("https://Chat.Example.com"), "prod", &server, &source())
        .unwrap();
    assert_eq!(stored.credentials.unwrap().user_id, "u1");
    assert_eq!(stored.user_id_source, Some(source()));
    let other = ServerUrl::parse("https://evil.example.net").unwrap();
    let mut context = context("https://chat.example.com");
    assert!(settings.stored_credentials(&mut context, "prod", &other, &source()).is_err());
}

#[test]
fn a_context_without_a_token_gives_no_credentials() {
    let server = ServerUrl::parse("https://chat.example.com").unwrap();
    let mut logged_out = Context { auth_token: None, ..context("https://chat.example.com") };
    let stored =
        plain_settings().stored_credentials(&mut logged_out, "prod", &server, &source()).unwrap();
    assert!(stored.credentials.is_none());
}

#[test]
fn a_keyring_token_that_cannot_be_read_is_a_problem_not_a_file_token() {
    // The settings' keyring has no session bus, so it answers at once that it is not there,
    // whatever the machine running the test has. A stray `auth_token` beside
    // `token_store = "keyring"` is never used instead.
    let server = ServerUrl::parse("https://chat.example.com").unwrap();
    let mut in_keyring = Context {
        token_store: Some(crate::config::TokenStore::Keyring),
        ..context("https://chat.example.com")
    };
    let stored =
        plain_settings().stored_credentials(&mut in_keyring, "prod", &server, &source()).unwrap();
    assert!(stored.credentials.is_none());
    assert_eq!(stored.token_source, Some(Source::Keyring { context: "prod".into() }));
    let problem = stored.problem.expect("the keyring's answer");
    assert!(problem.to_string().contains("context \"prod\""), "{problem}");
}

fn settings_with(
    config: &std::path::Path,
    server_flag: Option<&str>,
    env: EnvCredentials,
) -> Settings {
    Settings {
        out: Output::default(),
        can_prompt: false,
        context_flag: None,
        server_flag: server_flag.map(str::to_owned),
        config_flag: Some(config.to_owned()),
        env_credentials_given: env.user_id.is_some() && env.token.borrow().is_some(),
        env,
        env_password: None.into(),
        env_new_password: None.into(),
        options: ClientOptions {
            timeout: Duration::from_secs(1),
            max_wait: Duration::from_secs(1),
            ca_cert: None,
            insecure: false,
            retry_sleep: None,
            code_life: None,
        },
        hooks: TestHooks::default(),
        keyring: crate::keyring_store::Keyring::on_bus(None),
    }
}

fn env(url: Option<&str>, user_id: Option<&str>, token: Option<&str>) -> EnvCredentials {
    EnvCredentials {
        url: url.map(str::to_owned),
        user_id: user_id.map(str::to_owned),
        token: token.map(Secret::new).into(),
    }
}

fn config_file(dir: &tempfile::TempDir, text: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    path
}

const STORED: &str = "current = \"prod\"\n[contexts.prod]\nserver = \"https://chat.example.com\"\nuser_id = \"stored-id\"\nauth_token = \"stored-token\"\n";

#[test]
fn precedence_flags_then_environment_then_config() {
    let dir = tempfile::tempdir().unwrap();
    let path = config_file(&dir, STORED);

    let target = settings_with(&path, None, env(None, None, None)).target().unwrap();
    assert_eq!(target.server.as_str(), "https://chat.example.com");
    assert!(matches!(target.server_source, Source::Config { .. }));
    assert_eq!(target.credentials.unwrap().user_id, "stored-id");

    // Env credentials replace the stored ones; the server still comes from the context.
    let target =
        settings_with(&path, None, env(None, Some("env-id"), Some("env-token"))).target().unwrap();
    assert_eq!(target.credentials.unwrap().token.expose(), "env-token");
    assert_eq!(target.token_source, Some(Source::Env(ENV_TOKEN)));
    assert!(matches!(target.server_source, Source::Config { .. }));

    // The environment's URL beats the config, the flag beats the environment.
    let both = env(Some("https://env.example.com"), Some("env-id"), Some("env-token"));
    let target = settings_with(&path, None, both).target().unwrap();
    assert_eq!(target.server_source, Source::Env(ENV_URL));
    let both = env(Some("https://env.example.com"), Some("env-id"), Some("env-token"));
    let target = settings_with(&path, Some("https://flag.example.com"), both).target().unwrap();
    assert_eq!(target.server.as_str(), "https://flag.example.com");
    assert_eq!(target.server_source, Source::Flag("--server"));
    // Half of the env credentials is ignored, with a warning on stderr: that case runs the
    // binary (tests/cli/auth.rs), where the warning is captured rather than printed among the
    // test results.
}

#[test]
fn complete_env_credentials_never_read_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let path = config_file(&dir, "this is not [ toml");
    let all = env(Some("https://env.example.com"), Some("id"), Some("token"));
    let target = settings_with(&path, None, all).target().unwrap();
    assert_eq!(target.context, None);
    assert!(settings_with(&path, None, env(None, None, None)).target().is_err());
}

#[test]
fn sources_say_where_values_came_from() {
    assert_eq!(Source::Env(ENV_TOKEN).to_string(), "env ROCKETCHAT_AUTH_TOKEN");
    assert_eq!(Source::Flag("--server").to_string(), "flag --server");
    assert_eq!(source().to_string(), "context prod in /c.toml");
}
