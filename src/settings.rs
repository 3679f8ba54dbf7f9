//! The one place that reads flags, the environment, the config file and terminal state, and
//! decides what every other module sees: where the config lives, which server and credentials
//! to use (flags > environment > config), how to print, whether prompting is allowed.

use std::cell::RefCell;
use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

use crate::cli::{ColorChoice, GlobalArgs, OutputFormat};
use crate::client::{ClientOptions, Credentials, ServerUrl};
use crate::config::{ConfigError, ConfigFile, ConfigStore, Context};
use crate::error::{Exit, Failure};
use crate::output::{Format, Output};
use crate::secret::{Secret, SecretInput};
use crate::test_hooks::TestHooks;

pub const ENV_URL: &str = "ROCKETCHAT_URL";
pub const ENV_USER_ID: &str = "ROCKETCHAT_USER_ID";
pub const ENV_TOKEN: &str = "ROCKETCHAT_AUTH_TOKEN";

/// How long a writer waits for another one to finish with the config.
const LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// Where a value came from, for `rocketctl status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    Config { path: PathBuf, context: String },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flag(flag) => write!(f, "flag {flag}"),
            Self::Env(var) => write!(f, "env {var}"),
            Self::Config { path, context } => write!(f, "context {context} in {}", path.display()),
        }
    }
}

/// The server and credentials a command talks to, with the source of each.
#[derive(Debug)]
pub struct Target {
    pub context: Option<String>,
    pub server: ServerUrl,
    pub server_source: Source,
    pub credentials: Option<Credentials>,
    pub user_id_source: Option<Source>,
    pub token_source: Option<Source>,
    pub username: Option<String>,
    pub options: ClientOptions,
}

/// Credentials from the environment (CI).
#[derive(Debug, Default)]
struct EnvCredentials {
    url: Option<String>,
    user_id: Option<String>,
    token: RefCell<Option<Secret>>,
}

#[derive(Debug)]
pub struct Settings {
    pub out: Output,
    pub can_prompt: bool,
    context_flag: Option<String>,
    server_flag: Option<String>,
    config_flag: Option<PathBuf>,
    env: EnvCredentials,
    // Secrets move out of the settings to the one place that uses them.
    env_password: RefCell<Option<Secret>>,
    env_new_password: RefCell<Option<Secret>>,
    options: ClientOptions,
    hooks: TestHooks,
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

impl Settings {
    pub fn new(global: &GlobalArgs) -> Self {
        let format = if global.json || global.output == OutputFormat::Json {
            Format::Json
        } else {
            Format::Table
        };
        let out = Output {
            format,
            quiet: global.quiet,
            verbose: global.verbose,
            color: color_enabled(global.color),
        };
        let hooks = TestHooks::from_env();
        Self {
            out,
            can_prompt: crate::secret::terminal_can_prompt(global.no_input),
            context_flag: global.context.clone(),
            server_flag: global.server.clone(),
            config_flag: global.config.clone(),
            env: EnvCredentials {
                url: env_var(ENV_URL),
                user_id: env_var(ENV_USER_ID),
                token: env_var(ENV_TOKEN).map(Secret::new).into(),
            },
            env_password: env_var("ROCKETCHAT_PASSWORD").map(Secret::new).into(),
            env_new_password: env_var("ROCKETCHAT_NEW_PASSWORD").map(Secret::new).into(),
            options: ClientOptions {
                timeout: Duration::from_secs(global.timeout),
                max_wait: Duration::from_secs(global.max_wait),
                ca_cert: global.ca_cert.clone(),
                insecure: global.insecure,
                retry_sleep: hooks.retry_sleep(),
            },
            hooks,
        }
    }

    /// `--config` > `ROCKETCTL_CONFIG` > `<config dir>/rocketctl/config.toml`.
    pub fn config_path(&self) -> Result<PathBuf, ConfigError> {
        if let Some(path) = &self.config_flag {
            return Ok(path.clone());
        }
        // Without HOME (and without an absolute XDG_CONFIG_HOME) `directories` would fall back to
        // the passwd entry; a CI job with a scrubbed environment should hear about it instead.
        let xdg_absolute =
            env_var("XDG_CONFIG_HOME").is_some_and(|dir| PathBuf::from(dir).is_absolute());
        if env_var("HOME").is_none() && !xdg_absolute {
            return Err(ConfigError::NoHome);
        }
        // `directories` ignores a relative XDG_CONFIG_HOME, as the XDG spec says.
        let base = directories::BaseDirs::new().ok_or(ConfigError::NoHome)?;
        Ok(base.config_dir().join("rocketctl").join("config.toml"))
    }

    pub fn store(&self) -> Result<ConfigStore, ConfigError> {
        Ok(ConfigStore {
            path: self.config_path()?,
            lock_timeout: self.hooks.lock_timeout().unwrap_or(LOCK_TIMEOUT),
            hooks: self.hooks.clone(),
        })
    }

    pub fn load_config(&self) -> Result<(ConfigStore, ConfigFile), ConfigError> {
        let store = self.store()?;
        let config = store.load(&self.out)?;
        Ok((store, config))
    }

    /// The test hooks (none in a release build).
    pub fn hooks(&self) -> &TestHooks {
        &self.hooks
    }

    pub fn context_flag(&self) -> Option<&str> {
        self.context_flag.as_deref()
    }

    pub fn server_flag(&self) -> Option<&str> {
        self.server_flag.as_deref()
    }

    /// Env credentials are complete: they replace the stored ones and no config is needed.
    pub fn env_token_set(&self) -> bool {
        self.env.token.borrow().is_some()
    }

    pub fn env_url(&self) -> Option<&str> {
        self.env.url.as_deref()
    }

    /// The current password's inputs; the environment's value moves out (asked for once).
    pub fn current_password_input(&self, stdin: bool, file: Option<PathBuf>) -> SecretInput {
        SecretInput { stdin, file, env: self.env_password.take().into() }
    }

    /// The new password's inputs; the environment's value moves out (asked for once).
    pub fn new_password_input(&self, stdin: bool, file: Option<PathBuf>) -> SecretInput {
        SecretInput { stdin, file, env: self.env_new_password.take().into() }
    }

    pub fn client_options(&self) -> ClientOptions {
        self.options.clone()
    }

    /// Resolve server and credentials: flags > environment > config.
    pub fn target(&self) -> Result<Target> {
        // The environment's token moves into the target: one target per run.
        let env_token = self.env.token.borrow_mut().take();
        let env_creds = match (&self.env.user_id, env_token) {
            (Some(user_id), Some(token)) => Some(Credentials { user_id: user_id.clone(), token }),
            (Some(_), None) | (None, Some(_)) => {
                self.out.warn(&format!(
                    "{ENV_USER_ID} and {ENV_TOKEN} are used only together; ignoring the one that is set"
                ));
                None
            }
            (None, None) => None,
        };
        let server_given = self
            .server_flag
            .as_deref()
            .map(|s| (s, Source::Flag("--server")))
            .or_else(|| self.env.url.as_deref().map(|s| (s, Source::Env(ENV_URL))));

        // CI: everything from flags and the environment; the config file is not even read.
        if env_creds.is_some()
            && let Some((server, server_source)) = &server_given
        {
            return Ok(Target {
                context: None,
                server: ServerUrl::parse(server)?,
                server_source: server_source.clone(),
                credentials: env_creds,
                user_id_source: Some(Source::Env(ENV_USER_ID)),
                token_source: Some(Source::Env(ENV_TOKEN)),
                username: None,
                options: self.options.clone(),
            });
        }

        let (store, mut config) = self.load_config()?;
        let context_name = self.context_flag.clone().or_else(|| config.current.clone());
        let mut context = match &context_name {
            Some(name) => Some(config.contexts.remove(name).ok_or_else(|| {
                Failure::new(
                    Exit::NotAuthenticated,
                    format!("no context named `{name}` in `{}`", store.path.display()),
                )
                .hint("run `rocketctl context list` to see the stored contexts")
            })?),
            None => None,
        };
        let config_source =
            |name: &str| Source::Config { path: store.path.clone(), context: name.to_owned() };

        let (server, server_source) = match (&server_given, &context, &context_name) {
            (Some((server, source)), _, _) => (ServerUrl::parse(server)?, source.clone()),
            (None, Some(context), Some(name)) => {
                (ServerUrl::parse(&context.server)?, config_source(name))
            }
            _ if env_creds.is_some() => {
                return Err(Failure::new(
                    Exit::NotAuthenticated,
                    format!("{ENV_USER_ID} and {ENV_TOKEN} are set, but no server is"),
                )
                .hint(format!("set {ENV_URL} or pass `--server URL`"))
                .into());
            }
            _ => return Err(not_logged_in(&store.path).into()),
        };

        let mut options = self.options.clone();
        if let Some(context) = &context {
            options.ca_cert = options.ca_cert.or_else(|| context.ca_cert.clone());
            options.insecure |= context.insecure.unwrap_or(false);
        }

        let (credentials, user_id_source, token_source) = if let Some(credentials) = env_creds {
            (Some(credentials), Some(Source::Env(ENV_USER_ID)), Some(Source::Env(ENV_TOKEN)))
        } else if let (Some(context), Some(name)) = (&mut context, &context_name) {
            stored_credentials(context, name, &server, &config_source(name))?
        } else {
            (None, None, None)
        };

        Ok(Target {
            context: context_name,
            server,
            server_source,
            credentials,
            user_id_source,
            token_source,
            username: context.and_then(|c| c.username),
            options,
        })
    }
}

type StoredCredentials = (Option<Credentials>, Option<Source>, Option<Source>);

/// The context's token, but only for the context's own server: a `--server` pointing elsewhere
/// must never receive it.
fn stored_credentials(
    context: &mut Context,
    name: &str,
    server: &ServerUrl,
    source: &Source,
) -> Result<StoredCredentials> {
    if context.user_id.is_none() || context.auth_token.is_none() {
        return Ok((None, None, None));
    }
    let own_server = ServerUrl::parse(&context.server)?;
    if &own_server != server {
        return Err(Failure::usage(format!(
            "the credentials of context `{name}` belong to {own_server}, not {server}; refusing to send them there"
        ))
        .hint(format!("log in to {server} with `rocketctl login --server {server} --context NAME`"))
        .into());
    }
    let (Some(user_id), Some(token)) = (context.user_id.clone(), context.auth_token.take()) else {
        return Ok((None, None, None));
    };
    let credentials = Credentials { user_id, token };
    Ok((Some(credentials), Some(source.clone()), Some(source.clone())))
}

pub fn not_logged_in(path: &std::path::Path) -> Failure {
    Failure::new(Exit::NotAuthenticated, "not logged in")
        .hint(format!("run `rocketctl login --server URL` (config: `{}`), or set {ENV_URL}, {ENV_USER_ID} and {ENV_TOKEN}", path.display()))
}

/// `--color`, else `NO_COLOR`, else `TERM=dumb`, else whether stderr is a terminal.
fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            env_var("NO_COLOR").is_none()
                && env_var("TERM").as_deref() != Some("dumb")
                && std::io::stderr().is_terminal()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn stored_credentials_go_only_to_their_own_server() {
        let server = ServerUrl::parse("https://chat.example.com/").unwrap();
        let (creds, id_source, _) = stored_credentials(
            &mut context("https://Chat.Example.com"),
            "prod",
            &server,
            &source(),
        )
        .unwrap();
        assert_eq!(creds.unwrap().user_id, "u1");
        assert_eq!(id_source, Some(source()));
        let other = ServerUrl::parse("https://evil.example.net").unwrap();
        assert!(
            stored_credentials(&mut context("https://chat.example.com"), "prod", &other, &source())
                .is_err()
        );
    }

    #[test]
    fn a_context_without_a_token_gives_no_credentials() {
        let server = ServerUrl::parse("https://chat.example.com").unwrap();
        let mut logged_out = Context { auth_token: None, ..context("https://chat.example.com") };
        assert!(
            stored_credentials(&mut logged_out, "prod", &server, &source()).unwrap().0.is_none()
        );
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
            env,
            env_password: None.into(),
            env_new_password: None.into(),
            options: ClientOptions {
                timeout: Duration::from_secs(1),
                max_wait: Duration::from_secs(1),
                ca_cert: None,
                insecure: false,
                retry_sleep: None,
            },
            hooks: TestHooks::default(),
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
        let target = settings_with(&path, None, env(None, Some("env-id"), Some("env-token")))
            .target()
            .unwrap();
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

        // Half of the env credentials is ignored.
        let target =
            settings_with(&path, None, env(None, None, Some("env-token"))).target().unwrap();
        assert_eq!(target.credentials.unwrap().token.expose(), "stored-token");
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
}
