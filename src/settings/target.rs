//! Which server and credentials a command talks to: flags > environment > config, with the
//! source of each value for `rocketctl status`.

use anyhow::Result;

use super::{ENV_TOKEN, ENV_URL, ENV_USER_ID, Settings, Source};
use crate::client::{ClientOptions, Credentials};
use crate::config::{Context, TokenStore};
use crate::exit::{Exit, Failure};
use crate::keyring_store::KeyringError;
use crate::url::ServerUrl;

/// The server and credentials a command talks to, with the source of each.
#[derive(Debug)]
pub struct Target {
    pub context: Option<String>,
    pub server: ServerUrl,
    pub server_source: Source,
    pub credentials: Option<Credentials>,
    pub user_id_source: Option<Source>,
    pub token_source: Option<Source>,
    /// The context keeps its token in the system keyring and it could not be read: the
    /// commands that need it fail with this (exit 6); `status` and `logout` report it first.
    pub token_problem: Option<KeyringError>,
    pub username: Option<String>,
    pub options: ClientOptions,
}

impl Settings {
    /// Resolve server and credentials: flags > environment > config.
    pub fn target(&self) -> Result<Target> {
        let env_creds = self.env_credentials();
        let server_given = self.server_given();

        // CI: everything from flags and the environment; the config file is not even read.
        if env_creds.is_some()
            && let Some((server, server_source)) = &server_given
        {
            return self.env_only_target(server, server_source.clone(), env_creds);
        }

        let (store, mut config) = self.load_config()?;
        let context_name = self.context_flag.clone().or_else(|| config.current.clone());
        let mut context = match &context_name {
            Some(name) => {
                Some(config.contexts.remove(name).ok_or_else(|| no_context(name, &store.path))?)
            }
            None => None,
        };
        let config_source =
            |name: &str| Source::Config { path: store.path.clone(), context: name.to_owned() };

        let (server, server_source) = match (server_given, &context, &context_name) {
            (Some((server, source)), _, _) => (ServerUrl::parse(server)?, source),
            (None, Some(context), Some(name)) => {
                (ServerUrl::parse(&context.server)?, config_source(name))
            }
            _ if env_creds.is_some() => return Err(env_without_server().into()),
            _ => {
                return Err(super::missing::not_logged_in(
                    &store.path,
                    &config,
                    self.context_flag(),
                )
                .into());
            }
        };
        let options = self.options_for(context.as_ref());
        let stored = if let Some(credentials) = env_creds {
            Stored::from_env(credentials)
        } else if let (Some(context), Some(name)) = (&mut context, &context_name) {
            self.stored_credentials(context, name, &server, &config_source(name))?
        } else {
            Stored::none()
        };

        Ok(Target {
            context: context_name,
            server,
            server_source,
            credentials: stored.credentials,
            user_id_source: stored.user_id_source,
            token_source: stored.token_source,
            token_problem: stored.problem,
            username: context.and_then(|c| c.username),
            options,
        })
    }

    /// A target made of flags and environment variables alone.
    fn env_only_target(
        &self,
        server: &str,
        server_source: Source,
        credentials: Option<Credentials>,
    ) -> Result<Target> {
        let stored = credentials.map_or_else(Stored::none, Stored::from_env);
        Ok(Target {
            context: None,
            server: ServerUrl::parse(server)?,
            server_source,
            credentials: stored.credentials,
            user_id_source: stored.user_id_source,
            token_source: stored.token_source,
            token_problem: None,
            username: None,
            options: self.options.clone(),
        })
    }

    /// Both of the environment's user id and token, or neither. The token moves into the
    /// target: one target per run.
    fn env_credentials(&self) -> Option<Credentials> {
        let env_token = self.env.token.borrow_mut().take();
        match (&self.env.user_id, env_token) {
            (Some(user_id), Some(token)) => Some(Credentials { user_id: user_id.clone(), token }),
            (Some(_), None) | (None, Some(_)) => {
                self.out.warn(&format!(
                    "{ENV_USER_ID} and {ENV_TOKEN} are used only together; ignoring the one that is set"
                ));
                None
            }
            (None, None) => None,
        }
    }

    /// `--server`, else `ROCKETCHAT_URL`.
    fn server_given(&self) -> Option<(&str, Source)> {
        self.server_flag
            .as_deref()
            .map(|s| (s, Source::Flag("--server")))
            .or_else(|| self.env.url.as_deref().map(|s| (s, Source::Env(ENV_URL))))
    }

    /// The flags' TLS settings, else the context's.
    fn options_for(&self, context: Option<&Context>) -> ClientOptions {
        let mut options = self.options.clone();
        if let Some(context) = context {
            options.ca_cert = options.ca_cert.or_else(|| context.ca_cert.clone());
            options.insecure |= context.insecure.unwrap_or(false);
        }
        options
    }
}

fn no_context(name: &str, path: &std::path::Path) -> Failure {
    Failure::new(
        Exit::NotAuthenticated,
        format!("no context named `{name}` in `{}`", path.display()),
    )
    .hint("run `rocketctl context list` to see the stored contexts")
}

fn env_without_server() -> Failure {
    Failure::new(
        Exit::NotAuthenticated,
        format!("{ENV_USER_ID} and {ENV_TOKEN} are set, but no server is"),
    )
    .hint(format!("set {ENV_URL} or pass `--server URL`"))
}

/// A context's stored credentials and where each came from, or why the token is unreadable.
pub(super) struct Stored {
    pub credentials: Option<Credentials>,
    pub user_id_source: Option<Source>,
    pub token_source: Option<Source>,
    pub problem: Option<KeyringError>,
}

impl Stored {
    fn none() -> Self {
        Self { credentials: None, user_id_source: None, token_source: None, problem: None }
    }

    /// `ROCKETCHAT_USER_ID` and `ROCKETCHAT_AUTH_TOKEN`, which replace the stored ones.
    fn from_env(credentials: Credentials) -> Self {
        Self {
            credentials: Some(credentials),
            user_id_source: Some(Source::Env(ENV_USER_ID)),
            token_source: Some(Source::Env(ENV_TOKEN)),
            problem: None,
        }
    }
}

impl Settings {
    /// The context's token, but only for the context's own server: a `--server` pointing
    /// elsewhere must never receive it. The token comes from wherever the context keeps it.
    pub(super) fn stored_credentials(
        &self,
        context: &mut Context,
        name: &str,
        server: &ServerUrl,
        source: &Source,
    ) -> Result<Stored> {
        let Some(user_id) = context.user_id.clone().filter(|_| context.logged_in()) else {
            return Ok(Stored::none());
        };
        let own_server = ServerUrl::parse(&context.server)?;
        if &own_server != server {
            return Err(Failure::usage(format!(
                "the credentials of context `{name}` belong to {own_server}, not {server}; refusing to send them there"
            ))
            .hint(format!("log in to {server} with `rocketctl login --server {server} --context NAME`"))
            .into());
        }
        let token_source = match context.token_store {
            Some(TokenStore::Keyring) => Source::Keyring { context: name.to_owned() },
            Some(TokenStore::File) | None => source.clone(),
        };
        let (credentials, problem) = match self.token_stores()?.read(name, context) {
            Ok(Some(token)) => (Some(Credentials { user_id, token }), None),
            Ok(None) => return Ok(Stored::none()),
            Err(problem) => (None, Some(problem)),
        };
        Ok(Stored {
            credentials,
            user_id_source: Some(source.clone()),
            token_source: Some(token_source),
            problem,
        })
    }
}
