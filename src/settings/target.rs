//! Which server and credentials a command talks to: flags > environment > config, with the
//! source of each value for `rocketctl status`.

use anyhow::Result;

use super::{ENV_TOKEN, ENV_URL, ENV_USER_ID, Settings, Source};
use crate::client::{ClientOptions, Credentials, ServerUrl};
use crate::config::Context;
use crate::exit::{Exit, Failure};

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

impl Settings {
    /// Resolve server and credentials: flags > environment > config.
    pub fn target(&self) -> Result<Target> {
        let env_creds = self.env_credentials();
        let server_given = self.server_given();

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
            _ => return Err(not_logged_in(&store.path).into()),
        };
        let options = self.options_for(context.as_ref());
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

type StoredCredentials = (Option<Credentials>, Option<Source>, Option<Source>);

/// The context's token, but only for the context's own server: a `--server` pointing elsewhere
/// must never receive it.
pub(super) fn stored_credentials(
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
