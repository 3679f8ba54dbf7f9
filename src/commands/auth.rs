//! `login`, `logout` and `status`.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use super::login_terminal;
use crate::accounts::second_factor::{Answers, Challenge, Proof, Sent};
use crate::api::{self, ApiError, TwoFactor, TwoFactorMethod, User};
use crate::cli::LoginArgs;
use crate::client::{Client, ClientOptions, Credentials, ServerUrl};
use crate::config::{
    Context, TokenStore, check_context_name, check_login_values, default_context_name, login_tls,
};
use crate::credentials::{Placement, StoreChoice};
use crate::exit::{Exit, Failure};
use crate::input::{self, ACCESS_TOKEN, SecretInput};
use crate::secret::Secret;
use crate::settings::{ENV_TOKEN, ENV_URL, Settings, Source};

pub fn login(settings: &Settings, args: LoginArgs) -> Result<()> {
    if settings.env_token_set() {
        // Whatever we stored would be shadowed by the environment on every later run.
        return Err(Failure::usage(format!(
            "{ENV_TOKEN} is set and is used for authentication; unset it to store credentials"
        ))
        .into());
    }
    let (_, config) = settings.load_config()?;
    // The context being logged into, else the current one: where the server, username and TLS
    // settings default from when no flag gives them.
    let previous = settings
        .context_flag()
        .and_then(|name| config.contexts.get(name))
        .or_else(|| config.current.as_ref().and_then(|name| config.contexts.get(name)));
    let server = login_server(settings, previous)?;
    let name = settings.context_flag().map_or_else(|| default_context_name(&server), str::to_owned);
    if !config.contexts.contains_key(&name) {
        check_context_name(&name)?;
    }
    let store = StoreChoice::from(args.store);
    settings.token_stores()?.precheck(&name, store)?;
    let same_server =
        previous.filter(|c| ServerUrl::parse(&c.server).ok().as_ref() == Some(&server));

    let mut options = settings.client_options();
    (options.ca_cert, options.insecure) =
        login_tls(previous, &server, options.ca_cert, options.insecure);
    // A code no request could carry is refused before any password is read or anything sent.
    let code = crate::accounts::second_factor::given_code(args.two_factor.code)?;
    let mut client = Client::new(server.clone(), None, options.clone(), settings.out.clone())?;
    login_terminal::check_answers(settings, &client)?;
    // A password login opens a session; a token given by the user is theirs to keep.
    let opens_a_session = args.user_id.is_none();
    let logged_in = match args.user_id {
        Some(user_id) => {
            let input =
                SecretInput { stdin: args.token_stdin, file: args.token_file, env: None.into() };
            let token = ACCESS_TOKEN.read(&input, settings.can_prompt, &settings.out)?;
            login_with_token(&mut client, user_id, token)?
        }
        None => {
            let remembered = same_server.and_then(|c| c.username.clone());
            let username = login_username(settings, args.username.or(remembered))?;
            let input = settings
                .current_password_input(args.password.password_stdin, args.password.password_file);
            login_terminal::password_login(settings, &client, &username, &input, code)?
        }
    };

    check_login_values(&logged_in.user_id, logged_in.token.expose(), &logged_in.username)?;
    let previous_store = config.contexts.get(&name).and_then(|c| c.token_store);
    let kept = store_session(settings, &name, &server, &options, &logged_in, store, previous_store);
    if kept.is_err() && opens_a_session {
        close_session(settings, &client, &logged_in);
    }
    kept?;
    writeln!(
        settings.out.status(),
        "Logged in to {server} as {} (context `{name}`)",
        logged_in.username
    )?;
    // A login made for a side account must not switch the account later commands run as
    // without a word.
    if settings.context_flag().is_some() && config.current.as_deref() != Some(name.as_str()) {
        let was = config.current.as_deref().map_or_else(String::new, |old| {
            format!(" instead of `{old}`; `rocketctl context use {old}` switches back")
        });
        writeln!(settings.out.note(), "`{name}` is now the current context{was}")?;
    }
    if settings.out.is_json() {
        let user = logged_in.record.as_ref();
        settings.out.json(&LoginView { context: &name, server: server.as_str(), user })?;
    }
    Ok(())
}

/// `login -o json`: the context written and the user logged in.
#[derive(Serialize)]
struct LoginView<'a> {
    context: &'a str,
    server: &'a str,
    user: Option<&'a User>,
}

/// Keep a new login's token where `store` says (keyring or file), then the context.
fn store_session(
    settings: &Settings,
    name: &str,
    server: &ServerUrl,
    options: &ClientOptions,
    logged_in: &LoggedIn,
    store: StoreChoice,
    previous_store: Option<TokenStore>,
) -> Result<()> {
    let token = logged_in.token.duplicate();
    let placement = settings.token_stores()?.place(name, store, token)?;
    let in_keyring = matches!(placement, Placement::Keyring);
    save_login(settings, name, server, options, logged_in, placement, true)?;
    if !in_keyring {
        // A token this login replaced in the keyring would otherwise stay there.
        settings.token_stores()?.forget(name, previous_store)?;
    }
    Ok(())
}

/// The token of the session this login opened could not be kept: log the session out, so that
/// no token nobody holds stays valid on the server. Best effort: the failure to keep it is
/// what the user hears about.
fn close_session(settings: &Settings, client: &Client, logged_in: &LoggedIn) {
    let mut session = client.anonymous();
    let token = logged_in.token.duplicate();
    let closed = session
        .set_credentials(Credentials { user_id: logged_in.user_id.clone(), token })
        .and_then(|()| Ok(api::logout(&session)?));
    match closed {
        Ok(()) => settings.out.note_best_effort("logged the new session out again: its token could not be kept"),
        Err(err) => settings.out.warn(&format!(
            "the new session could not be logged out ({err}); it stays valid until the server expires it"
        )),
    }
}

/// Store the session in context `name` (its token where `placement` put it) and, at login,
/// make it current.
pub(super) fn save_login(
    settings: &Settings,
    name: &str,
    server: &ServerUrl,
    options: &ClientOptions,
    logged_in: &LoggedIn,
    placement: Placement,
    make_current: bool,
) -> Result<()> {
    settings.store()?.update(&settings.out, |config| {
        let context = config.contexts.entry(name.to_owned()).or_insert_with(Context::default);
        context.server = server.to_string();
        context.user_id = Some(logged_in.user_id.clone());
        context.username = Some(logged_in.username.clone());
        placement.record(context);
        // The TLS settings that made this login work, and no others, go with this server.
        context.set_tls(options.ca_cert.as_ref(), options.insecure);
        if make_current {
            config.current = Some(name.to_owned());
        }
        Ok(())
    })?;
    Ok(())
}

/// `--server`, else `ROCKETCHAT_URL`, else the server of the context being logged into, else
/// (at a terminal) the one typed at a prompt.
fn login_server(settings: &Settings, previous: Option<&Context>) -> Result<ServerUrl> {
    let given = settings
        .server_flag()
        .or_else(|| settings.env_url())
        .map(str::to_owned)
        .or_else(|| previous.map(|c| c.server.clone()));
    login_terminal::server_or_ask(settings, given)?.ok_or_else(|| {
        Failure::usage("no server to log in to")
            .hint(format!(
                "pass `--server URL` (for example `--server https://chat.example.com`) or set {ENV_URL}"
            ))
            .into()
    })
}

/// The username given, else a prompt on a terminal, else a usage error.
fn login_username(settings: &Settings, given: Option<String>) -> Result<String> {
    match given {
        Some(username) => Ok(username),
        None if settings.can_prompt => input::prompt_text("Username"),
        None => Err(Failure::usage("no username to log in with")
            .hint("pass `--username NAME` or set ROCKETCHAT_USER")
            .into()),
    }
}

/// What a successful login gives us.
pub struct LoggedIn {
    pub user_id: String,
    pub username: String,
    pub token: Secret,
    pub record: Option<User>,
}

fn login_with_token(client: &mut Client, user_id: String, token: Secret) -> Result<LoggedIn> {
    client.set_credentials(Credentials { user_id, token })?;
    let me = api::me(client).map_err(|err| match err {
        ApiError::Unauthorized { .. } => {
            Failure::new(Exit::NotAuthenticated, "the server rejected the user id and token")
                .hint("check the user id and create a new personal access token if it was revoked")
                .into()
        }
        other => anyhow::Error::new(other),
    })?;
    let Credentials { user_id, token } =
        client.take_credentials().ok_or_else(|| anyhow::anyhow!("the token was not kept"))?;
    let username = me.username.clone().unwrap_or_else(|| user_id.clone());
    Ok(LoggedIn { user_id, username, token, record: Some(me) })
}

/// Log in with the password's digest; the code given goes with it, and a challenge without one
/// is answered by the one second-factor driver (a prompt, or exit 4 naming `--2fa-code`).
pub fn login_with_password(
    settings: &Settings,
    client: &Client,
    username: &str,
    password: &Secret,
    code: Option<Secret>,
) -> Result<LoggedIn> {
    let digest = password.sha256_hex();
    let mut answers = Answers::given(&settings.out, None, None).prompting(settings.can_prompt);
    let first = match code {
        // The login route takes the code in its body and names no method for it.
        Some(code) => {
            Proof::Header { factor: TwoFactor::new(TwoFactorMethod::Totp, code)?, typed: false }
        }
        None => Proof::None,
    };
    let sent = Challenge::with_proof(&mut answers, first)
        .send(|proof| api::login(client, username, &digest, proof.header().map(TwoFactor::code)))?;
    match sent {
        Sent::Done(data) => {
            let named = data.me.as_ref().and_then(|me| me.username.clone());
            Ok(LoggedIn {
                user_id: data.user_id,
                username: named.unwrap_or_else(|| username.to_owned()),
                token: data.auth_token,
                record: data.me,
            })
        }
        Sent::Refused(err) => Err(login_refused(err)),
    }
}

fn login_refused(err: ApiError) -> anyhow::Error {
    match err {
        ApiError::Unauthorized { message, .. } => {
            Failure::new(Exit::NotAuthenticated, format!("login refused: {message}"))
                .hint("check the username and password")
                .into()
        }
        other => other.into(),
    }
}

pub fn logout(settings: &Settings) -> Result<()> {
    if settings.env_credentials_given() {
        return Err(Failure::usage(format!(
            "the credentials come from {ENV_TOKEN}; there is no stored token to log out"
        ))
        .hint(format!("unset {ENV_TOKEN} to use the stored contexts"))
        .into());
    }
    if let Some(already) = already_logged_out(settings)? {
        // Scripts that clean up run `logout` unconditionally: nothing to do is no failure.
        writeln!(settings.out.note(), "{already}")?;
        return Ok(());
    }
    let mut target = settings.target()?;
    let Some(name) = target.context.clone() else {
        return Err(settings.not_logged_in()?.into());
    };
    if let Some(problem) = target.token_problem.take() {
        // A token that cannot be read cannot be revoked; the context's credentials still go.
        writeln!(
            settings.out.warning(),
            "{problem}; it cannot be revoked on the server, removing the context's credentials locally"
        )?;
    } else if target.credentials.is_some() {
        revoke(settings, &mut target)?;
    } else {
        return Err(settings.not_logged_in()?.into());
    }
    let token_store = settings.store()?.update(&settings.out, |config| {
        Ok(config.contexts.get_mut(&name).and_then(|context| {
            context.auth_token = None;
            context.user_id = None;
            context.token_store.take()
        }))
    })?;
    settings.token_stores()?.forget(&name, token_store)?;
    writeln!(settings.out.status(), "Logged out of {} (context `{name}`)", target.server)?;
    Ok(())
}

/// `POST logout` with the target's token; a server that cannot be reached or no longer knows
/// the token is said, not fatal: the token is removed locally either way.
fn revoke(settings: &Settings, target: &mut crate::settings::Target) -> Result<()> {
    let client = super::client_for(settings, target)?;
    match api::logout(&client) {
        Ok(_) => {}
        Err(ApiError::Unauthorized { .. }) => {
            writeln!(
                settings.out.note(),
                "the server no longer accepted the token; removing it locally"
            )?;
        }
        Err(err) => writeln!(
            settings.out.warning(),
            "could not revoke the token on the server ({err}); removing it locally anyway"
        )?,
    }
    Ok(())
}

/// Why there is nothing to log out of, if there is nothing: no context in use, or one without
/// a token. A `--context` naming no context at all is left to `target()` to refuse.
fn already_logged_out(settings: &Settings) -> Result<Option<String>> {
    let (_, config) = settings.load_config()?;
    let name = settings.context_flag().or(config.current.as_deref());
    Ok(match name.map(|name| (name, config.contexts.get(name))) {
        None => Some("not logged in (no current context); nothing to log out of".to_owned()),
        Some((name, Some(context))) if !context.logged_in() => {
            Some(format!("already logged out of context `{name}`"))
        }
        Some(_) => None,
    })
}

/// What `status` reports: values and where each came from. The token itself is never here.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    context: Option<String>,
    server: String,
    server_source: String,
    server_version: Option<String>,
    username: Option<String>,
    user_id: Option<String>,
    user_id_source: Option<String>,
    token_source: Option<String>,
    /// `valid`, `rejected by the server`, `not checked`, `unavailable` (a keyring that could not
    /// give it) or `none`.
    token: &'static str,
}

pub fn status(settings: &Settings) -> Result<()> {
    let mut target = settings.target()?;
    let client = super::client_for(settings, &mut target)?;
    let user_id = client.user_id().map(str::to_owned);
    let version = api::info(&client).ok().and_then(|info| info.version);
    // The token is checked against the server; a failure is reported after the table.
    let (username, token, failure) = match target.token_problem.take() {
        Some(problem) => (target.username.clone(), "unavailable", Some(problem.into())),
        None => checked_token(settings, &target, user_id.as_ref().map(|_| api::me(&client)))?,
    };
    let source = |s: &Option<Source>| s.as_ref().map(ToString::to_string);
    let status = Status {
        context: target.context.clone(),
        server: target.server.to_string(),
        server_source: target.server_source.to_string(),
        server_version: version,
        username,
        user_id,
        user_id_source: source(&target.user_id_source),
        token_source: source(&target.token_source),
        token,
    };
    print_status(settings, &status)?;
    failure.map_or(Ok(()), Err)
}

type Checked = (Option<String>, &'static str, Option<anyhow::Error>);

/// The username, the token's state and the failure to report after the table.
fn checked_token(
    settings: &Settings,
    target: &crate::settings::Target,
    me: Option<Result<User, ApiError>>,
) -> Result<Checked> {
    Ok(match me {
        Some(Ok(record)) => (record.username, "valid", None),
        Some(Err(err @ ApiError::Unauthorized { .. })) => {
            (target.username.clone(), "rejected by the server", Some(err.into()))
        }
        Some(Err(err)) => (target.username.clone(), "not checked", Some(err.into())),
        None => {
            let missing = settings.not_logged_in()?;
            (target.username.clone(), "none", Some(missing.into()))
        }
    })
}

fn print_status(settings: &Settings, status: &Status) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(status);
    }
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let rows = [
        ["context", &status.context.clone().unwrap_or_else(|| "(none)".into()), ""],
        ["server", &status.server, &status.server_source],
        [
            "server version",
            &status.server_version.clone().unwrap_or_else(|| "unknown".into()),
            "GET /api/info",
        ],
        ["user", &text(&status.username), ""],
        ["user id", &text(&status.user_id), &text(&status.user_id_source)],
        ["token", status.token, &text(&status.token_source)],
    ];
    let rows: Vec<Vec<String>> =
        rows.iter().map(|row| row.iter().map(|cell| (*cell).to_owned()).collect()).collect();
    settings.out.table(&["FIELD", "VALUE", "SOURCE"], &rows)
}
