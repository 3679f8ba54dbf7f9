//! `admin user create`: the provisioning defaults of docs/cli.md, a password from a new-password
//! input or a random one, and optionally the new user's personal access token. A token step the
//! server's permissions will refuse is said before the user is created; when a step fails after
//! the user exists, the message says so and how to finish.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::accounts::password::random_password;
use crate::accounts::permissions;
use crate::accounts::requested::{check_lengths, parse_field};
use crate::accounts::second_factor::{Answers, given_code};
use crate::accounts::token::{self, Mint, NewAccountToken};
use crate::accounts::users::{self, Creation};
use crate::api;
use crate::cli::CreateArgs;
use crate::client::REDACTED;
use crate::commands::{dry_run, logged_in_client, print_changed, texts};
use crate::exit::{Diagnose as _, Exit, Failure};
use crate::input::NEW_PASSWORD;
use crate::output::escape;
use crate::plan::steps::NewAccount;
use crate::secret::Secret;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: CreateArgs) -> Result<()> {
    let account = new_account(&args)?;
    if let Some(file) = &args.token_file {
        token::check_new_file(file)?;
    }
    let password = if args.dry_run {
        Secret::masked(REDACTED)
    } else if args.random_password {
        random_password()
    } else {
        let input =
            settings.new_password_input(args.new_password_stdin, args.new_password_file.clone());
        NEW_PASSWORD.read(&input, settings.can_prompt, &settings.out)?
    };
    let creation = Creation {
        account: &account,
        password: &password,
        join_default_channels: args.join_default_channels,
    };
    let (client, _) = logged_in_client(settings)?;
    let name = escape(&args.username);
    if api::user_info(&client, &args.username)?.is_some() {
        return Err(taken(&name));
    }
    if args.token.is_some() {
        // A token step the server will refuse is said before the user exists.
        permissions::check_token_step(&client, &args.username, &account.roles)?;
    }
    if args.dry_run {
        let custom_fields = account_custom_fields(&account);
        let request = api::create_user_request(&creation.body(custom_fields.as_ref()))?;
        return dry_run::print(
            settings,
            &client,
            &format!("create {name}"),
            &request,
            dry_run::Nothing {},
        );
    }
    let user = users::create(&client, &creation)?;
    writeln!(settings.out.status(), "Created {name}")?;
    // users.update is two-factor protected: the administrator's own factor, as for `update`.
    let own = settings
        .current_password_input(args.password.password_stdin, args.password.password_file.clone());
    let mut answers = Answers::read(
        &settings.out,
        settings.can_prompt,
        own,
        given_code(args.two_factor.code.clone())?,
    )?;
    let user = match users::follow_up(&client, &account, &user, &mut answers)? {
        Some(after) => {
            writeln!(settings.out.status(), "Set the status text of {name}")?;
            after
        }
        None => user,
    };
    if let (Some(token_name), Some(file)) = (&args.token, &args.token_file) {
        make_token(settings, &client, &args, &password, token_name, file)?;
    }
    print_changed(settings, true, &user)
}

/// The account to create, with the provisioning defaults; checked locally first.
fn new_account(args: &CreateArgs) -> Result<NewAccount> {
    let mut custom_fields = BTreeMap::new();
    for text in &args.fields {
        let (key, value) = parse_field(text)?;
        custom_fields.insert(key, value);
    }
    let texts = texts(
        Some(args.name.clone()),
        args.nickname.clone(),
        args.bio.clone(),
        args.status_text.clone(),
    );
    check_lengths(&texts)?;
    let roles = if args.roles.is_empty() { vec!["user".to_owned()] } else { args.roles.clone() };
    Ok(NewAccount {
        username: args.username.clone(),
        email: args.email.clone(),
        texts,
        password: None,
        roles,
        active: true,
        verified: args.verified,
        require_password_change: args.require_password_change,
        custom_fields,
    })
}

fn account_custom_fields(
    account: &NewAccount,
) -> Option<serde_json::Map<String, serde_json::Value>> {
    (!account.custom_fields.is_empty()).then(|| {
        account
            .custom_fields
            .iter()
            .map(|(key, value)| (key.clone(), serde_json::Value::String(value.clone())))
            .collect()
    })
}

fn taken(name: &str) -> anyhow::Error {
    Failure::new(Exit::Refused, format!("a user named {name} already exists; nothing was created"))
        .hint(format!(
            "change it with `rocketctl admin user update {name} ...`, or describe it in a file for \
             `rocketctl apply`"
        ))
        .into()
}

/// Make the new user's token and write it to a new 0600 file.
fn make_token(
    settings: &Settings,
    client: &api::Client,
    args: &CreateArgs,
    password: &Secret,
    token_name: &str,
    file: &Path,
) -> Result<()> {
    let name = escape(&args.username);
    let retry = finish_token_hint(args, &name, token_name, file);
    let mint = Mint { name: token_name, bypass: args.token_bypass_2fa, regenerate: false };
    let keep = |token: &Secret| token::write_new_file(file, token);
    token::for_new_account(client, &settings.out, &args.username, password, &mint, keep)
        .map_err(|failure| token_refused(&name, failure, &retry))?;
    writeln!(
        settings.out.status(),
        "Made the personal access token {} for {name} and wrote it to {}",
        escape(token_name),
        escape(&file.display().to_string())
    )?;
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

fn token_refused(name: &str, failure: NewAccountToken, retry: &str) -> anyhow::Error {
    if failure.lacks_permission() {
        return Failure::new(
            Exit::Refused,
            format!(
                "{name} was created, but the token was not made: its roles lack the \
                 `create-personal-access-tokens` permission"
            ),
        )
        .hint(format!(
            "grant it to the user's role: `rocketctl admin permission grant {} ROLE`",
            permissions::CREATE_TOKENS
        ))
        .hint(format!("then {retry}"))
        .into();
    }
    if let NewAccountToken::NotKept { err, removed } = &failure {
        let after = if *removed {
            "; the token was removed again"
        } else {
            "; removing it failed, so it is valid and nobody holds it: log in as the user and \
             delete it with `rocketctl token delete`"
        };
        let message = format!("{name} was created and its token made, but {err:#}{after}");
        return Failure::new(Exit::Failure, message).hint(retry).into();
    }
    let logged_in = !matches!(failure, NewAccountToken::Login(_));
    let err = failure.into_error();
    let what = if logged_in {
        "the token was not made"
    } else {
        "the token was not made (the login as it failed)"
    };
    let exit = users::exit_of(&err);
    let mut partial =
        Failure::new(exit, format!("{name} was created, but {what}: {}", reason(&err)));
    for hint in hints_of(&err) {
        partial = partial.hint(hint);
    }
    partial.hint(retry).into()
}

/// What the server said, without the ` [errorType]` it appends.
fn reason(err: &anyhow::Error) -> String {
    err.downcast_ref::<api::ApiError>().map_or_else(|| err.to_string(), api::ApiError::reason)
}

fn hints_of(err: &anyhow::Error) -> Vec<String> {
    err.downcast_ref::<api::ApiError>().map(api::ApiError::hints).unwrap_or_default()
}
