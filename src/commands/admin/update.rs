//! `admin user update`: read the user, send only what differs in one `users.update` (planned by
//! the engine `diff` and `apply` use), with the administrator's own second factor when the
//! server asks for it; the re-read decides what is reported.

use std::io::Write as _;

use anyhow::Result;

use crate::accounts::change::AccountChange;
use crate::accounts::requested::{Requested, parse_field};
use crate::accounts::second_factor::{Answers, given_code};
use crate::accounts::{custom_fields, summary, users};
use crate::api;
use crate::cli::AdminUpdateArgs;
use crate::client::REDACTED;
use crate::commands::{dry_run, logged_in_client, print_changed, texts};
use crate::exit::{Exit, Failure};
use crate::input::NEW_PASSWORD;
use crate::output::escape;
use crate::plan::{DesiredAccount, Target};
use crate::secret::Secret;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: AdminUpdateArgs) -> Result<()> {
    let new_password = new_password(settings, &args)?;
    let desired = desired(&args)?;
    let code = given_code(args.two_factor.code)?;
    let own =
        settings.current_password_input(args.password.password_stdin, args.password.password_file);
    let (client, _) = logged_in_client(settings)?;
    let user = users::find(&client, &args.user)?;
    let target = Target::User(user.username().to_owned());
    let change = AccountChange::plan(target, desired, &user);
    let name = escape(&args.user);
    let mut labels = change.labels();
    if new_password.is_some() {
        labels.push("password".to_owned());
    }
    if change.is_empty() && new_password.is_none() {
        writeln!(settings.out.status(), "nothing to change: {name} already has these values")?;
        return print_changed(settings, false, &user);
    }
    custom_fields::check_defined(&client, custom_fields::set_by(&change.changes))?;
    if args.dry_run {
        let request =
            api::update_user_request(&change.user_body(user.id(), new_password.as_ref()), None)?;
        let what = format!("change {} of {name}", labels.join(", "));
        return dry_run::print(settings, &client, &what, &request, dry_run::Nothing {});
    }
    let mut answers = Answers::read(&settings.out, settings.can_prompt, own, code)?;
    let after = users::change(&client, &user, &change, new_password.as_ref(), &mut answers)?;
    if let Some(password) = &new_password {
        users::password_stored(&client, after.username(), password)?;
    }
    let dropped = change.still_planned(&after);
    if !dropped.is_empty() {
        let labels: Vec<String> = dropped.iter().map(summary::label).collect();
        return Err(Failure::new(
            Exit::Refused,
            format!("the server did not store {} of {name}", labels.join(", ")),
        )
        .into());
    }
    writeln!(settings.out.status(), "Changed {} of {name}", labels.join(", "))?;
    print_changed(settings, true, &after)
}

/// What the flags ask of the account: the profile fields as `profile update` reads them, plus
/// the roles (replacing the current ones), `verified` and `require_password_change`.
fn desired(args: &AdminUpdateArgs) -> Result<DesiredAccount> {
    let set_fields = args.fields.iter().map(|f| parse_field(f)).collect::<Result<Vec<_>, _>>()?;
    let requested = Requested {
        email: args.email.clone(),
        username: args.username.clone(),
        texts: texts(
            args.name.clone(),
            args.nickname.clone(),
            args.bio.clone(),
            args.status_text.clone(),
        ),
        set_fields,
        unset_fields: args.unset_fields.clone(),
        new_password: false,
    };
    requested.validate()?;
    let mut desired = requested.desired();
    desired.roles = (!args.roles.is_empty()).then(|| args.roles.clone());
    desired.verified = args.verified;
    desired.require_password_change = args.require_password_change;
    Ok(desired)
}

/// The user's new password, read before any request; a dry run shows it masked.
fn new_password(settings: &Settings, args: &AdminUpdateArgs) -> Result<Option<Secret>> {
    let given = args.new_password_stdin || args.new_password_file.is_some();
    if !(args.change_password || given) {
        return Ok(None);
    }
    if args.dry_run {
        return Ok(Some(Secret::masked(REDACTED)));
    }
    let input =
        settings.new_password_input(args.new_password_stdin, args.new_password_file.clone());
    Ok(Some(NEW_PASSWORD.read(&input, settings.can_prompt, &settings.out)?))
}
