//! `profile show | set-email | set-password | update`.

mod avatar;
mod change;
mod custom;
pub(super) mod plan;
mod refusal;
mod report;
pub(super) mod requested;
mod settle;

use anyhow::Result;

use serde_json::Value;

use crate::api;
use crate::cli::{CurrentPasswordArgs, NewPasswordArgs, ProfileCommand, TwoFactorArgs, UpdateArgs};
use crate::client::Client;
use crate::plan::change::AccountPlan;
use crate::settings::{Settings, Target};

use super::logged_in_client;
use super::two_factor::given_code;
pub(crate) use avatar::{explain as avatar_refused, read_image};
pub(crate) use change::{EarlySecrets, SecretSources};
use requested::Requested;

pub(super) use report::print_user;

pub fn run(settings: &Settings, command: ProfileCommand) -> Result<()> {
    match command {
        ProfileCommand::Show => show(settings),
        ProfileCommand::SetEmail(args) => {
            let requested = Requested { email: Some(args.email), ..Requested::default() };
            let inputs = inputs(settings, args.password, None, args.two_factor, args.dry_run)?;
            change::run(settings, &requested, inputs)
        }
        ProfileCommand::SetPassword(args) => {
            let requested = Requested { new_password: true, ..Requested::default() };
            let inputs = inputs(
                settings,
                args.password,
                Some(args.new_password),
                args.two_factor,
                args.dry_run,
            )?;
            change::run(settings, &requested, inputs)
        }
        ProfileCommand::Update(args) => update(settings, args),
        ProfileCommand::Avatar(command) => avatar::run(settings, command),
    }
}

fn update(settings: &Settings, args: UpdateArgs) -> Result<()> {
    let set_fields = args
        .fields
        .iter()
        .map(|field| requested::parse_field(field))
        .collect::<Result<Vec<_>, _>>()?;
    let new_password_given =
        args.new_password.new_password_stdin || args.new_password.new_password_file.is_some();
    let requested = Requested {
        email: args.email,
        name: args.name,
        username: args.username,
        nickname: args.nickname,
        bio: args.bio,
        status_text: args.status_text,
        set_fields,
        unset_fields: args.unset_fields,
        new_password: args.change_password || new_password_given,
    };
    let inputs =
        inputs(settings, args.password, Some(args.new_password), args.two_factor, args.dry_run)?;
    change::run(settings, &requested, inputs)
}

pub(crate) fn inputs(
    settings: &Settings,
    current: CurrentPasswordArgs,
    new: Option<NewPasswordArgs>,
    two_factor: TwoFactorArgs,
    dry_run: bool,
) -> Result<SecretSources> {
    let new = new.unwrap_or(NewPasswordArgs { new_password_stdin: false, new_password_file: None });
    Ok(SecretSources {
        current: settings.current_password_input(current.password_stdin, current.password_file),
        new: settings.new_password_input(new.new_password_stdin, new.new_password_file),
        code: given_code(two_factor.code)?,
        dry_run,
    })
}

/// `apply`'s step for the own account: the engine's changes in one `updateOwnBasicInfo`,
/// verified and settled exactly as `profile update` does. The updated record.
pub(crate) fn apply_own(
    settings: &Settings,
    client: &Client,
    engine: AccountPlan,
    me: &Value,
    inputs: &mut SecretSources,
    given: EarlySecrets,
    target: &Target,
) -> Result<Value> {
    let plan = plan::from_engine(engine, me);
    if plan.is_empty() {
        return Ok(me.clone());
    }
    custom::check_defined(client, &plan)?;
    let (user, _, dropped) = change::execute(settings, client, &plan, me, inputs, given)?;
    // A new username goes into the stored context, as after `profile update --username`.
    settle::follow_username(settings, client, target, &plan, &user)?;
    if !dropped.is_empty() {
        return Err(custom::dropped_failure(&plan, &user, &dropped));
    }
    Ok(user)
}

fn show(settings: &Settings) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let me = api::me(&client)?;
    report::print_user(settings, &api::public_user(&me))
}
