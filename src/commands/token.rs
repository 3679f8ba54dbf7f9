//! `token list | create | regenerate | delete`: the caller's personal access tokens
//! (docs/cli.md, "Personal access tokens"). A new token is shown once: alone on stdout, in the
//! JSON, in a new 0600 file (`--save`) or stored in the context (`--login`), never elsewhere.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use super::auth::{LoggedIn, save_login};
use super::logged_in_client;
use crate::accounts::second_factor::{Answers, Sent, given_code};
use crate::accounts::token::{self, Mint};
use crate::api::{self, ApiError, ErrorType, PersonalToken};
use crate::cli::{CurrentPasswordArgs, TokenCommand, TokenDestination, TwoFactorArgs};
use crate::client::Client;
use crate::config::check_login_values;
use crate::credentials;
use crate::credentials::StoreChoice;
use crate::exit::{Exit, Failure};
use crate::secret::Secret;
use crate::settings::{Settings, Source, Target};

const PERMISSION: &str = "create-personal-access-tokens";

pub fn run(settings: &Settings, command: TokenCommand) -> Result<()> {
    match command {
        TokenCommand::List => list(settings),
        TokenCommand::Create(args) => {
            let answers = answers(settings, args.password, args.two_factor)?;
            let mint = Mint { name: &args.name, bypass: args.bypass_two_factor, regenerate: false };
            make(settings, &mint, args.destination, answers)
        }
        TokenCommand::Regenerate(args) => {
            let answers = answers(settings, args.password, args.two_factor)?;
            let mint = Mint { name: &args.name, bypass: false, regenerate: true };
            make(settings, &mint, args.destination, answers)
        }
        TokenCommand::Delete(args) => {
            let answers = answers(settings, args.password, args.two_factor)?;
            delete(settings, &args.name, answers)
        }
    }
}

fn answers<'o>(
    settings: &'o Settings,
    password: CurrentPasswordArgs,
    two_factor: TwoFactorArgs,
) -> Result<Answers<'o>> {
    let input = settings.current_password_input(password.password_stdin, password.password_file);
    Answers::read(&settings.out, settings.can_prompt, input, given_code(two_factor.code)?)
}

/// `token list -o json`: one entry.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenView<'a> {
    name: &'a str,
    created_at: &'a serde_json::Value,
    last_token_part: &'a str,
    bypass_two_factor: bool,
    current: bool,
}

fn list(settings: &Settings) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let tokens = tokens(&client)?;
    let views: Vec<TokenView> = tokens
        .iter()
        .map(|token| TokenView {
            name: &token.name,
            created_at: &token.created_at,
            last_token_part: &token.last_token_part,
            bypass_two_factor: token.bypass_two_factor,
            current: client.token_ends_with(&token.last_token_part),
        })
        .collect();
    if settings.out.is_json() {
        return settings.out.json(&views);
    }
    if views.is_empty() {
        // A header alone reads as a failed listing.
        writeln!(
            settings.out.status(),
            "no personal access tokens (make one with `rocketctl token create NAME`)"
        )?;
        return Ok(());
    }
    let yes_no = |flag: bool| if flag { "yes" } else { "no" }.to_owned();
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|view| {
            let created = match view.created_at {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            let current = if view.current { "*" } else { "" }.to_owned();
            let last = view.last_token_part.to_owned();
            vec![view.name.to_owned(), created, last, yes_no(view.bypass_two_factor), current]
        })
        .collect();
    settings.out.table(&["NAME", "CREATED", "LAST CHARS", "BYPASS 2FA", "CURRENT"], &rows)
}

/// The caller's tokens; a missing permission is explained.
fn tokens(client: &Client) -> Result<Vec<PersonalToken>> {
    api::list_personal_access_tokens(client).map_err(|err| explain(err, ""))
}

/// `token create|regenerate -o json`; the token only when it is printed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MintedView<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<&'a str>,
    user_id: &'a str,
    bypass_two_factor: bool,
}

fn make(
    settings: &Settings,
    mint: &Mint<'_>,
    destination: TokenDestination,
    mut answers: Answers<'_>,
) -> Result<()> {
    let (client, target) = logged_in_client(settings)?;
    if destination.login {
        check_can_login(&target)?;
    }
    let known = known(&client, mint)?;
    // Created before anything is sent, so an existing file is refused while nothing has changed.
    let file = destination.save.as_deref().map(new_secret_file).transpose()?;
    let mint = Mint { bypass: known.bypass, ..*mint };
    let minted = {
        let _change = if mint.regenerate {
            changing("the request for a new value of the token", mint.name)
        } else {
            changing("the request for a new token", mint.name)
        };
        send_mint(&client, &mint, &mut answers)
    };
    let token = match minted {
        Ok(token) => token,
        Err(err) => {
            // The file holds nothing yet: a rerun may use the name again.
            if let Some(NewFile { path, .. }) = &file {
                let _ = std::fs::remove_file(path);
            }
            return Err(settle(&client, &mint, &known, err));
        }
    };
    let place = match file {
        Some(file) => Place::File(file),
        None if destination.login => Place::Context(&target),
        None => Place::Stdout,
    };
    deliver(settings, &client, &mint, &known, place, token).map_err(|err| {
        // Made, but kept nowhere: remove it again rather than leave a valid token nobody holds.
        let _change = changing("the deletion of the token", mint.name);
        let removed = token::remove(&client, mint.name, &mut answers).is_ok();
        not_kept(mint.name, err, removed)
    })
}

/// The answer to the mint was lost or could not be read: the token list says whether the
/// token was made (for `regenerate`: whether its last characters changed). Never "nothing was
/// sent" when it was.
fn settle(client: &Client, mint: &Mint<'_>, known: &Known, err: anyhow::Error) -> anyhow::Error {
    let unclear = err.downcast_ref::<ApiError>().is_some_and(ApiError::outcome_unknown);
    if !unclear {
        return err;
    }
    let name = mint.name;
    let verb = if mint.regenerate { "regenerated" } else { "made" };
    let Ok(listed) = tokens(client) else {
        return Failure::new(
            Exit::OutcomeUnknown,
            format!("it is not known whether the token `{name}` was {verb}: {err}"),
        )
        .hint("see with `rocketctl token list`")
        .into();
    };
    let now = listed.iter().find(|token| token.name == name);
    let made = match now {
        Some(token) if mint.regenerate => known.last_part.as_ref() != Some(&token.last_token_part),
        Some(_) => true,
        None => false,
    };
    if !made {
        return err.context(format!(
            "the token `{name}` was not {verb}; it is safe to run the command again"
        ));
    }
    Failure::new(
        Exit::Failure,
        format!("the token `{name}` was {verb}, but its value was lost on the way: {err}"),
    )
    .hint(format!(
        "make a new value with `rocketctl token regenerate {name}` (the lost one stops working)"
    ))
    .into()
}

/// The token was made but could not be kept where it was to go.
fn not_kept(name: &str, err: anyhow::Error, removed: bool) -> anyhow::Error {
    let after = if removed {
        "it was removed again"
    } else {
        "removing it failed: it is valid and nobody holds it"
    };
    let failure = Failure::new(
        Exit::Failure,
        format!("the token `{name}` was made but could not be kept ({err:#}); {after}"),
    );
    if removed {
        failure.into()
    } else {
        failure.hint(format!("delete it with `rocketctl token delete {name}`")).into()
    }
}

/// What the token list says about the token to make.
struct Known {
    /// The flag the new token gets (`regenerate` keeps the old one's).
    bypass: bool,
    /// The context's own token is the one being regenerated.
    replaces_current: bool,
    /// The context authenticates with a personal access token, not a session.
    current_is_pat: bool,
    /// The last characters of the token being regenerated, before.
    last_part: Option<String>,
}

/// Refuse a taken name (`create`) or a missing one (`regenerate`) before anything is sent.
fn known(client: &Client, mint: &Mint<'_>) -> Result<Known> {
    let existing = tokens(client)?;
    let is_current = |token: &PersonalToken| client.token_ends_with(&token.last_token_part);
    let found = existing.iter().find(|token| token.name == mint.name);
    let bypass = match (found, mint.regenerate) {
        (Some(_), false) => return Err(taken(mint.name).into()),
        (None, true) => return Err(missing(mint.name).into()),
        (Some(token), true) => token.bypass_two_factor,
        (None, false) => mint.bypass,
    };
    Ok(Known {
        bypass,
        replaces_current: found.is_some_and(is_current),
        current_is_pat: existing.iter().any(is_current),
        last_part: found.map(|token| token.last_token_part.clone()),
    })
}

/// Where a new token goes.
enum Place<'a> {
    Stdout,
    File(NewFile),
    Context(&'a Target),
}

/// A new file of mode 0600 for the token, removed if a signal comes before the token is in it.
struct NewFile {
    path: PathBuf,
    file: File,
    unwritten: crate::interrupt::Unwritten,
}

/// Name a change of the token `name` for a signal while it is on its way (docs/security.md G9).
fn changing(what: &str, name: &str) -> crate::interrupt::Changing {
    let name = crate::output::escape(name);
    crate::interrupt::changing(
        format!("{what} `{name}`"),
        "check with `rocketctl token list` before running the command again",
    )
}

fn deliver(
    settings: &Settings,
    client: &Client,
    mint: &Mint<'_>,
    known: &Known,
    place: Place<'_>,
    token: Secret,
) -> Result<()> {
    let user_id = client.user_id().unwrap_or_default().to_owned();
    let verb = if mint.regenerate { "Regenerated" } else { "Created" };
    let name = mint.name;
    if known.replaces_current && !matches!(place, Place::Context(_)) {
        writeln!(
            settings.out.warning(),
            "the context's stored token was `{name}` and no longer works; run `rocketctl login`"
        )?;
    }
    let shown = match place {
        Place::Stdout => {
            writeln!(settings.out.status(), "{verb} token `{name}`; it is shown only once")?;
            Some(token)
        }
        Place::File(NewFile { path, file, unwritten }) => {
            unwritten.fill(|| write_token(&path, file, &token))?;
            writeln!(settings.out.status(), "{verb} token `{name}`; saved to {}", path.display())?;
            None
        }
        Place::Context(target) => {
            // The session it replaces is logged out; a personal access token is kept (logging
            // it out would revoke it).
            store_in_context(settings, client, target, &user_id, token, !known.current_is_pat)?;
            writeln!(settings.out.status(), "{verb} token `{name}`; the context now uses it")?;
            None
        }
    };
    if settings.out.is_json() {
        let token = shown.as_ref().map(Secret::expose);
        let view = MintedView { name, token, user_id: &user_id, bypass_two_factor: known.bypass };
        return settings.out.json_showing(&view, shown.as_ref());
    }
    match shown {
        Some(token) => settings.out.reveal(&token),
        None => Ok(()),
    }
}

fn send_mint(client: &Client, mint: &Mint<'_>, answers: &mut Answers<'_>) -> Result<Secret> {
    match token::mint(client, mint, answers)? {
        Sent::Done(token) => Ok(token),
        Sent::Refused(err) => Err(explain(err, mint.name)),
    }
}

/// `--login` stores into a context: there must be one, and not the environment's token.
fn check_can_login(target: &Target) -> Result<()> {
    if matches!(target.token_source, Some(Source::Env(_))) || target.context.is_none() {
        return Err(Failure::usage("--login needs a stored context to keep the token in")
            .hint("the credentials come from the environment; use --save FILE instead")
            .into());
    }
    Ok(())
}

/// Store the new token as the context's credential, then log out the session it replaces.
fn store_in_context(
    settings: &Settings,
    client: &Client,
    target: &Target,
    user_id: &str,
    token: Secret,
    logout_old: bool,
) -> Result<()> {
    let name = target.context.as_deref().unwrap_or_default();
    let username = target.username.clone().unwrap_or_else(|| user_id.to_owned());
    check_login_values(user_id, token.expose(), &username).map_err(|_| {
        anyhow::anyhow!("the server's new token is not one a context can keep (too long, or with characters a token cannot have)")
    })?;
    // The new token goes where the context keeps its token now (the keyring or the file).
    let (_, config) = settings.load_config()?;
    let choice = config.contexts.get(name).map_or(StoreChoice::File, credentials::same_store);
    let placement = settings.token_stores()?.place(name, choice, token.duplicate())?;
    let logged_in = LoggedIn { user_id: user_id.to_owned(), username, token, record: None };
    let options = &target.options;
    save_login(settings, name, &target.server, options, &logged_in, placement, false)?;
    if logout_old && let Err(err) = api::logout(client) {
        writeln!(
            settings.out.warning(),
            "the new token is stored, but the old session could not be logged out ({err})"
        )?;
    }
    Ok(())
}

/// A new file of mode 0600; an existing one is a usage error.
fn new_secret_file(path: &Path) -> Result<NewFile> {
    let file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path);
    match file {
        Ok(file) => {
            let unwritten = crate::interrupt::remove_if_interrupted(path);
            Ok(NewFile { path: path.to_owned(), file, unwritten })
        }
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Err(Failure::usage(
            format!("`{}` already exists; --save writes only a new file", path.display()),
        )
        .hint("choose another name or remove the file first")
        .into()),
        Err(err) => {
            Err(Failure::usage(format!("cannot create `{}`: {err}", path.display())).into())
        }
    }
}

fn write_token(path: &Path, mut file: File, token: &Secret) -> Result<()> {
    let written = file.write_all(token.expose().as_bytes()).and_then(|()| file.write_all(b"\n"));
    written.and_then(|()| file.sync_all()).map_err(|err| {
        // What was written of it is no use: the token is removed again.
        let _ = std::fs::remove_file(path);
        anyhow::anyhow!("cannot write `{}`: {err}", path.display())
    })
}

fn delete(settings: &Settings, name: &str, mut answers: Answers<'_>) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let found = tokens(&client)?.into_iter().find(|token| token.name == name);
    let changed = match found {
        Some(token) => remove(settings, &client, &token, &mut answers)?,
        None => false,
    };
    if changed {
        writeln!(settings.out.status(), "Deleted token `{name}`")?;
    } else {
        writeln!(settings.out.status(), "no token named `{name}`: nothing to delete")?;
    }
    if settings.out.is_json() {
        settings.out.json(&DeletedView { changed, name })?;
    }
    Ok(())
}

/// Remove one listed token; false when it was gone by the time the request arrived.
fn remove(
    settings: &Settings,
    client: &Client,
    token: &PersonalToken,
    answers: &mut Answers<'_>,
) -> Result<bool> {
    let name = token.name.as_str();
    let change = changing("the deletion of the token", name);
    let sent = crate::accounts::second_factor::Challenge::new(answers)
        .send(|proof| api::remove_personal_access_token(client, name, proof.header()))?;
    drop(change);
    match sent {
        Sent::Done(()) => {}
        // Gone between the list and the removal: what was asked for holds.
        Sent::Refused(err) if err.error_type() == Some(&ErrorType::TokenDoesNotExist) => {
            return Ok(false);
        }
        Sent::Refused(err) => return Err(explain(err, name)),
    }
    if client.token_ends_with(&token.last_token_part) {
        settings.out.warn("that was the context's stored token; run `rocketctl login`");
    }
    Ok(true)
}

#[derive(Serialize)]
struct DeletedView<'a> {
    changed: bool,
    name: &'a str,
}

fn taken(name: &str) -> Failure {
    Failure::new(Exit::Refused, format!("a token named `{name}` already exists"))
        .hint(format!("make a new token under that name with `rocketctl token regenerate {name}`"))
}

fn missing(name: &str) -> Failure {
    Failure::new(Exit::Refused, format!("no token named `{name}`"))
        .hint(format!("make one with `rocketctl token create {name}`"))
}

/// The refusals the token routes give, in words that say what to do.
fn explain(err: ApiError, name: &str) -> anyhow::Error {
    match (&err, err.error_type()) {
        (_, Some(ErrorType::TokenAlreadyExists)) => taken(name).into(),
        (_, Some(ErrorType::TokenDoesNotExist)) => missing(name).into(),
        (ApiError::Forbidden { .. }, _) | (_, Some(ErrorType::NotAuthorized)) => Failure::new(
            Exit::Refused,
            format!("you are not allowed to manage personal access tokens (permission `{PERMISSION}`)"),
        )
        .hint(format!(
            "the `bot` role lacks `{PERMISSION}` by default; an administrator can grant it to one of your roles"
        ))
        .into(),
        _ => err.into(),
    }
}
