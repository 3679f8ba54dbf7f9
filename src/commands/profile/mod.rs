//! `profile show | set-email | set-password | update | avatar`: the own account. Changes go
//! through `accounts::own`; this module turns flags into a request and prints the outcome.

mod avatar;
mod change;

use anyhow::Result;

use crate::accounts::requested::{Requested, parse_field};
use crate::accounts::second_factor::given_code;
use crate::api;
use crate::cli::{CurrentPasswordArgs, NewPasswordArgs, ProfileCommand, TwoFactorArgs, UpdateArgs};
use crate::settings::Settings;

use super::{logged_in_client, print_user, texts};
use change::Inputs;

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
            let new = Some(args.new_password);
            let inputs = inputs(settings, args.password, new, args.two_factor, args.dry_run)?;
            change::run(settings, &requested, inputs)
        }
        ProfileCommand::Update(args) => update(settings, args),
        ProfileCommand::Avatar(command) => avatar::run(settings, command),
    }
}

fn show(settings: &Settings) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    print_user(settings, &api::me(&client)?)
}

fn update(settings: &Settings, args: UpdateArgs) -> Result<()> {
    let set_fields =
        args.fields.iter().map(|field| parse_field(field)).collect::<Result<_, _>>()?;
    let new_password_given =
        args.new_password.new_password_stdin || args.new_password.new_password_file.is_some();
    let requested = Requested {
        email: args.email,
        username: args.username,
        texts: texts(args.name, args.nickname, args.bio, args.status_text),
        set_fields,
        unset_fields: args.unset_fields,
        new_password: args.change_password || new_password_given,
    };
    let new = Some(args.new_password);
    let inputs = inputs(settings, args.password, new, args.two_factor, args.dry_run)?;
    change::run(settings, &requested, inputs)
}

fn inputs(
    settings: &Settings,
    current: CurrentPasswordArgs,
    new: Option<NewPasswordArgs>,
    two_factor: TwoFactorArgs,
    dry_run: bool,
) -> Result<Inputs> {
    let new = new.unwrap_or(NewPasswordArgs { new_password_stdin: false, new_password_file: None });
    Ok(Inputs {
        current: settings.current_password_input(current.password_stdin, current.password_file),
        new: settings.new_password_input(new.new_password_stdin, new.new_password_file),
        code: given_code(two_factor.code)?,
        dry_run,
    })
}
