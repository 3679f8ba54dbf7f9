//! `admin user create`: the provisioning defaults of docs/cli.md, a password from a new-password
//! input or 32 random characters, and optionally the new user's personal access token. When a
//! step fails after the user exists, the re-read decides what is reported.

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{permission, print_dry_run, user_id};
use crate::api::{self, ApiError, NewUser, TwoFactor, TwoFactorMethod, UserData, UserUpdate};
use crate::cli::CreateArgs;
use crate::client::{Client, Credentials, REDACTED};
use crate::commands::logged_in_client;
use crate::commands::profile::requested::parse_field;
use crate::commands::two_factor::given_code;
use crate::exit::{Diagnose as _, Exit, Failure};
use crate::input::NEW_PASSWORD;
use crate::output::escape;
use crate::secret::Secret;
use crate::settings::Settings;

/// docs/cli.md: `--random-password` is 32 characters.
const RANDOM_LENGTH: usize = 32;

pub fn run(settings: &Settings, args: CreateArgs) -> Result<()> {
    let fields = custom_fields(&args.fields)?;
    if let Some(file) = &args.token_file {
        check_new_file(file)?;
    }
    let password = if args.dry_run {
        Secret::new(REDACTED)
    } else if args.random_password {
        random_password()
    } else {
        let input =
            settings.new_password_input(args.new_password_stdin, args.new_password_file.clone());
        NEW_PASSWORD.read(&input, settings.can_prompt, &settings.out)?
    };
    let roles = if args.roles.is_empty() { vec!["user".to_owned()] } else { args.roles.clone() };
    let body = NewUser {
        username: &args.username,
        email: &args.email,
        name: &args.name,
        password: &password,
        roles: &roles,
        join_default_channels: args.join_default_channels,
        verified: args.verified,
        require_password_change: args.require_password_change,
        nickname: args.nickname.as_deref(),
        bio: args.bio.as_deref(),
        custom_fields: fields.as_ref(),
    };
    let (client, _) = logged_in_client(settings)?;
    let name = escape(&args.username);
    if api::user_info(&client, &args.username)?.is_some() {
        return Err(taken(&name));
    }
    if args.dry_run {
        let request = api::create_user_request(&body)?;
        return print_dry_run(settings, &client, &format!("create {name}"), &request);
    }
    let user = create(&client, &body, &args.username)?;
    writeln!(settings.out.status(), "Created {name}")?;
    let user = follow_up(settings, &client, &args, user)?;
    if let (Some(token), Some(file)) = (&args.token, &args.token_file) {
        make_token(settings, &client, &args, &password, token, file)?;
    }
    finish(settings, &user)
}

fn finish(settings: &Settings, user: &Value) -> Result<()> {
    if settings.out.is_json() {
        let user = api::public_user(user);
        return settings.out.json(&serde_json::json!({"changed": true, "user": user}));
    }
    Ok(())
}

fn custom_fields(given: &[String]) -> Result<Option<Map<String, Value>>> {
    if given.is_empty() {
        return Ok(None);
    }
    let mut fields = Map::new();
    for text in given {
        let (key, value) = parse_field(text)?;
        fields.insert(key, Value::String(value));
    }
    Ok(Some(fields))
}

/// 32 characters from the operating system's CSPRNG: letters and digits, which every password
/// policy that asks for them accepts and no shell or file mangles.
pub(crate) fn random_password() -> Secret {
    use rand::RngExt as _;
    let text: String = rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(RANDOM_LENGTH)
        .map(char::from)
        .collect();
    Secret::new(text)
}

fn taken(name: &str) -> anyhow::Error {
    Failure::new(Exit::Refused, format!("a user named {name} already exists; nothing was created"))
        .hint(format!(
            "change it with `rocketctl admin user update {name} ...`, or describe it in a file for \
             `rocketctl apply`"
        ))
        .into()
}

/// The token file must be new: checked before the user is created, so a bad path fails first.
pub(crate) fn check_new_file(file: &Path) -> Result<()> {
    if file.exists() || file.symlink_metadata().is_ok() {
        return Err(Failure::usage(format!(
            "{} already exists; --token-file must name a new file",
            file.display()
        ))
        .into());
    }
    Ok(())
}

/// `users.create`, once. An answer that did not arrive or could not be read may hide a user that
/// was created (Rocket.Chat issue #7351): re-read before saying anything.
pub(crate) fn create(client: &Client, body: &NewUser<'_>, username: &str) -> Result<Value> {
    let err = match api::create_user(client, body) {
        Ok(user) => return Ok(user),
        Err(err) => err,
    };
    let name = escape(username);
    match (api::user_info(client, username), err.outcome_unknown()) {
        (Ok(Some(user)), _) => Ok(user),
        (Ok(None), true) => Err(anyhow::Error::from(err)
            .context(format!("{name} was not created (the server has no such user now)"))),
        (_, false) => Err(refused(err)),
        (Err(_), true) => Err(Failure::new(
            Exit::OutcomeUnknown,
            format!("it is not known whether {name} was created: {err}"),
        )
        .hint(format!("run `rocketctl admin user show {name}` to see"))
        .into()),
    }
}

fn refused(err: ApiError) -> anyhow::Error {
    let taken = err.error_type().is_some_and(|t| *t == api::ErrorType::FieldUnavailable);
    if taken {
        let what = err.unavailable_field().unwrap_or_default();
        return Failure::new(
            Exit::Refused,
            format!("{what} is already in use; nothing was created"),
        )
        .hint("`rocketctl admin user update` changes an existing user")
        .into();
    }
    permission(err, "create-user")
}

/// `--status-text` in a follow-up `users.update` (`users.create` ignores it).
fn follow_up(
    settings: &Settings,
    client: &Client,
    args: &CreateArgs,
    user: Value,
) -> Result<Value> {
    let Some(text) = &args.status_text else {
        return Ok(user);
    };
    let data = Map::from_iter([("statusText".to_owned(), Value::String(text.clone()))]);
    let body =
        UserUpdate { user_id: user_id(&user), data: UserData { fields: &data, password: None } };
    // users.update is two-factor protected: the administrator's own factor, as for `update`.
    let code = given_code(args.two_factor.code.clone())?;
    let own = settings
        .current_password_input(args.password.password_stdin, args.password.password_file.clone());
    if let Err(err) = super::update::send(settings, client, &body, code, &own) {
        let name = escape(&args.username);
        let exit = err
            .chain()
            .find_map(|cause| {
                let failure = cause.downcast_ref::<Failure>().map(|f| f.exit);
                failure.or_else(|| cause.downcast_ref::<ApiError>().map(ApiError::exit))
            })
            .unwrap_or(Exit::Failure);
        return Err(Failure::new(
            exit,
            format!("{name} was created, but its status text was not set: {err}"),
        )
        .hint(format!("finish with `rocketctl admin user update {name} --status-text TEXT`"))
        .into());
    }
    writeln!(settings.out.status(), "Set the status text of {}", escape(&args.username))?;
    Ok(api::user_info(client, &args.username)?.unwrap_or(user))
}

/// A step after the creation failed: the user exists, say so, what is missing and the command
/// that finishes the job, with the failing step's exit code.
fn partial(name: &str, missing: &str, err: ApiError, next: &str) -> anyhow::Error {
    let exit = err.exit();
    let mut failure =
        Failure::new(exit, format!("{name} was created, but {missing}: {}", err.reason()));
    for hint in err.hints() {
        failure = failure.hint(hint);
    }
    failure.hint(next).into()
}

/// Log in as the new user (inside its first minutes no second factor is asked), make the token,
/// write it to a new 0600 file, and log that session out.
fn make_token(
    settings: &Settings,
    admin: &Client,
    args: &CreateArgs,
    password: &Secret,
    token_name: &str,
    file: &Path,
) -> Result<()> {
    let name = escape(&args.username);
    let retry = finish_token_hint(args, &name, token_name, file);
    let mut bot = admin.anonymous();
    let login = api::login(&bot, &args.username, &password.sha256_hex(), None).map_err(|err| {
        partial(&name, "the token was not made (the login as it failed)", err, &retry)
    })?;
    bot.set_credentials(Credentials { user_id: login.user_id, token: login.auth_token })?;
    let made = generate(&bot, token_name, args.token_bypass_2fa, password);
    // The session made for the token is not needed afterwards, whatever happened.
    let logged_out = api::logout(&bot);
    let token = made.map_err(|err| token_refused(&name, err, &retry))?;
    write_token(file, &token)?;
    writeln!(
        settings.out.status(),
        "Made the personal access token {} for {name} and wrote it to {}",
        escape(token_name),
        escape(&file.display().to_string())
    )?;
    if let Err(err) = logged_out {
        settings.out.warn(&format!("the session used to make the token was not logged out: {err}"));
    }
    Ok(())
}

/// The command that finishes the job: with a random password nobody can log in as the user,
/// so it is made again; with a known one, its own `token create`.
fn finish_token_hint(args: &CreateArgs, name: &str, token_name: &str, file: &Path) -> String {
    let file = escape(&file.display().to_string());
    if args.random_password {
        format!(
            "delete it with `rocketctl admin user delete {name} --yes` and run this command again \
             (its random password is known to nobody)"
        )
    } else {
        format!(
            "log in as {name} and run `rocketctl token create {} --save {file}`",
            escape(token_name)
        )
    }
}

/// The token route is two-factor protected. A user in its first minutes is not asked; a server
/// that asks anyway for the password method gets the new user's digest (docs/cli.md, tokens).
pub(crate) fn generate(
    bot: &Client,
    token_name: &str,
    bypass: bool,
    password: &Secret,
) -> Result<Secret, ApiError> {
    let err = match api::generate_personal_access_token(bot, token_name, bypass, None) {
        Ok(token) => return Ok(token),
        Err(err) => err,
    };
    let asks_password = matches!(err.error_type(), Some(api::ErrorType::TotpRequired))
        && err.two_factor_method() == Some(TwoFactorMethod::Password);
    if !asks_password {
        return Err(err);
    }
    let factor =
        TwoFactor::new(TwoFactorMethod::Password, password.sha256_hex()).map_err(|_| err)?;
    api::generate_personal_access_token(bot, token_name, bypass, Some(&factor))
}

fn token_refused(name: &str, err: ApiError, retry: &str) -> anyhow::Error {
    let reason = err.reason().to_lowercase();
    let denied = matches!(err, ApiError::Forbidden { .. })
        || matches!(err.error_type(), Some(api::ErrorType::NotAllowed))
        || matches!(err.error_type(), Some(api::ErrorType::Other(t)) if t == "not-authorized")
        || reason.contains("error-unauthorized")
        || reason.contains("not authorized");
    if !denied {
        return partial(name, "the token was not made", err, retry);
    }
    Failure::new(
        Exit::Refused,
        format!(
            "{name} was created, but the token was not made: its roles lack the \
             `create-personal-access-tokens` permission"
        ),
    )
    .hint("grant `create-personal-access-tokens` to the user's role (Administration > Permissions)")
    .hint(format!("then {retry}"))
    .into()
}

/// A new file, 0600 from the start: never a moment when others could read it.
pub(crate) fn write_token(file: &Path, token: &Secret) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut out =
        std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(file).map_err(
            |err| Failure::new(Exit::Failure, format!("cannot create {}: {err}", file.display())),
        )?;
    out.write_all(token.expose().as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}
