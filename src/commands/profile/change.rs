//! One profile change from the command line: check locally, read what is given, read `/me`,
//! plan, then (unless it is a dry run or nothing changes) hand it to `accounts::own` and print
//! what the re-read shows.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::accounts::change::AccountChange;
use crate::accounts::own::{self, NewPassword};
use crate::accounts::requested::Requested;
use crate::accounts::second_factor::Answers;
use crate::accounts::{custom_fields, summary};
use crate::api::{self, Client, TwoFactor, User};
use crate::client::REDACTED;
use crate::commands::{dry_run, logged_in_client};
use crate::exit::Failure;
use crate::input::{NEW_PASSWORD, SecretInput};
use crate::plan::Target;
use crate::secret::Secret;
use crate::settings::Settings;

/// The secrets and switches a changing command was given.
#[derive(Debug)]
pub struct Inputs {
    pub current: SecretInput,
    pub new: SecretInput,
    pub code: Option<Secret>,
    pub dry_run: bool,
}

pub fn run(settings: &Settings, requested: &Requested, inputs: Inputs) -> Result<()> {
    requested.validate()?;
    let Inputs { current, new, code, dry_run } = inputs;
    let (answers, new) = if dry_run {
        (Answers::given(&settings.out, None, None), NewPassword { input: new, given: None })
    } else {
        read_given(settings, requested, current, new, code)?
    };
    let (client, target) = logged_in_client(settings)?;
    let me = api::me(&client)?;
    if requested.texts.get(crate::fields::TextField::Bio).is_some() {
        require_version(&client, (6, 4), "`--bio`")?;
    }
    let change = AccountChange::plan(Target::Profile, requested.desired(), &me);
    for notice in &change.notices {
        writeln!(settings.out.note(), "{notice}")?;
    }
    if change.is_empty() {
        writeln!(settings.out.status(), "nothing to change: the profile already has these values")?;
        return print_result(settings, false, &me);
    }
    custom_fields::check_defined(&client, custom_fields::set_by(&change.changes))?;
    if dry_run {
        return print_dry_run(settings, &client, &change, &me);
    }
    let mut answers = answers.for_account(own::account(&client, &me));
    let done = own::execute(settings, &client, &change, &me, &mut answers, new)?;
    if done.dropped.is_empty() {
        writeln!(settings.out.status(), "{}", summary::summary(&change.changes))?;
    }
    own::follow_username(settings, &client, &target, &change, &done.user)?;
    if change.changes_password() {
        own::keep_the_session(settings, &client, &target, &done.user, done.new_password.as_ref())?;
    }
    if !done.dropped.is_empty() {
        return Err(own::dropped_failure(&change, &done.user, &done.dropped));
    }
    print_result(settings, true, &done.user)
}

/// Secrets given through stdin, a file or the environment are read now, so a bad one (empty,
/// too large, not a file) fails before any request. One not given is asked for (or, without a
/// terminal, refused with exit 2) only once the plan shows it is needed, before anything that
/// changes state is sent: a change to what is already there needs none (docs/cli.md).
fn read_given<'o>(
    settings: &'o Settings,
    requested: &Requested,
    current: SecretInput,
    new: SecretInput,
    code: Option<Secret>,
) -> Result<(Answers<'o>, NewPassword)> {
    let current = if requested.needs_verification() { current } else { SecretInput::default() };
    let answers = Answers::read(&settings.out, settings.can_prompt, current, code)?;
    let given = if requested.new_password && new.given() {
        Some(NEW_PASSWORD.read(&new, false, &settings.out)?)
    } else {
        None
    };
    Ok((answers, NewPassword { input: new, given }))
}

/// Refuse a field the server version does not know, naming the version.
fn require_version(client: &Client, minimum: (u32, u32), what: &str) -> Result<()> {
    let info = api::info(client)?;
    if info.major_minor() < minimum {
        return Err(Failure::usage(format!(
            "{what} needs Rocket.Chat {}.{} or later; {} runs {}",
            minimum.0,
            minimum.1,
            client.server(),
            info.version.as_deref().unwrap_or("")
        ))
        .into());
    }
    Ok(())
}

/// `-o json` of a change: whether anything changed, and the record.
#[derive(Serialize)]
struct ChangeView<'a> {
    changed: bool,
    user: &'a User,
}

/// docs/cli.md "Output": in table mode the summary line on stderr is all a change prints
/// (`profile show` prints the record); with `-o json`, `{"changed", "user"}`.
fn print_result(settings: &Settings, changed: bool, user: &User) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(&ChangeView { changed, user });
    }
    Ok(())
}

#[derive(Serialize)]
struct CurrentRecord<'a> {
    user: &'a User,
}

/// `--dry-run`: the request as it would be sent, secrets masked (the second factor the record
/// names, or the password's digest).
fn print_dry_run(
    settings: &Settings,
    client: &Client,
    change: &AccountChange,
    me: &User,
) -> Result<()> {
    use crate::accounts::second_factor::Proof;
    let masked = || Secret::masked(REDACTED);
    let proof = match (change.needs_verification(), me.second_factor.clone()) {
        (false, _) => Proof::None,
        (true, None) => Proof::Digest { digest: masked(), typed: false },
        (true, Some(method)) => {
            Proof::Header { factor: TwoFactor::new(method, masked())?, typed: false }
        }
    };
    let new_password = change.changes_password().then(masked);
    let body = change.own_body(&proof, new_password.as_ref());
    let request = api::update_own_basic_info_request(&body, proof.header())?;
    let what = format!("change {}", change.labels().join(", "));
    dry_run::print(settings, client, &what, &request, CurrentRecord { user: me })
}
