//! The one place that reads flags, the environment, the config file and terminal state, and
//! decides what every other module sees: where the config lives, which server and credentials
//! to use (flags > environment > config), how to print, whether prompting is allowed.

use std::cell::RefCell;
use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

mod missing;
mod target;
#[cfg(test)]
mod tests;

pub use target::Target;

use crate::cli::{ColorChoice, GlobalArgs, OutputFormat};
use crate::client::ClientOptions;
use crate::config::{ConfigError, ConfigFile, ConfigStore};
use crate::credentials::TokenStores;
use crate::input::SecretInput;
use crate::keyring_store::Keyring;
use crate::output::{Format, Output};
use crate::secret::Secret;
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
    Keyring { context: String },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flag(flag) => write!(f, "flag {flag}"),
            Self::Env(var) => write!(f, "env {var}"),
            Self::Config { path, context } => write!(f, "context {context} in {}", path.display()),
            Self::Keyring { context } => write!(f, "context {context} in the system keyring"),
        }
    }
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
    /// Both ROCKETCHAT_USER_ID and ROCKETCHAT_AUTH_TOKEN were set when the run began.
    env_credentials_given: bool,
    env_new_password: RefCell<Option<Secret>>,
    options: ClientOptions,
    hooks: TestHooks,
    keyring: Keyring,
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
        let out = Output::new(
            format,
            global.quiet,
            global.verbose,
            color_enabled(global.color, std::io::stderr().is_terminal()),
            color_enabled(global.color, std::io::stdout().is_terminal()),
        )
        .filtering(global.jq.clone());
        let hooks = TestHooks::from_env();
        let env_token = env_var(ENV_TOKEN).map(Secret::new);
        let env_user_id = env_var(ENV_USER_ID);
        Self {
            out,
            can_prompt: crate::input::terminal_can_prompt(global.no_input),
            context_flag: global.context.clone(),
            server_flag: global.server.clone(),
            config_flag: global.config.clone(),
            env_credentials_given: env_token.is_some() && env_user_id.is_some(),
            env: EnvCredentials {
                url: env_var(ENV_URL),
                user_id: env_user_id,
                token: env_token.into(),
            },
            env_password: env_var("ROCKETCHAT_PASSWORD").map(Secret::new).into(),
            env_new_password: env_var("ROCKETCHAT_NEW_PASSWORD").map(Secret::new).into(),
            options: ClientOptions {
                timeout: Duration::from_secs(global.timeout),
                max_wait: Duration::from_secs(global.max_wait),
                ca_cert: global.ca_cert.clone(),
                insecure: global.insecure,
                retry_sleep: hooks.retry_sleep(),
                code_life: hooks.code_life(),
            },
            hooks,
            keyring: Keyring::new(),
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

    /// Where tokens are kept: the system keyring, shared by the command's calls (one that timed
    /// out is not waited for again), and the config file.
    pub fn token_stores(&self) -> Result<TokenStores<'_>, ConfigError> {
        Ok(TokenStores::new(&self.keyring, &self.out, self.config_path()?))
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

    /// The credentials come from ROCKETCHAT_USER_ID and ROCKETCHAT_AUTH_TOKEN: `login` would be
    /// refused, so no hint may suggest it.
    pub fn env_credentials_given(&self) -> bool {
        self.env_credentials_given
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
}

/// `--color`, else `NO_COLOR`, else `TERM=dumb`, else whether the stream is a terminal.
fn color_enabled(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            env_var("NO_COLOR").is_none() && env_var("TERM").as_deref() != Some("dumb") && terminal
        }
    }
}
