//! `export`, `diff` and `apply` (docs/cli.md#desired-state): a file says how accounts
//! should be; the planning engine in `crate::plan` compares it with what the server has, and
//! `accounts` makes the changes.

mod all_users;
mod checks;
mod current;
mod export;
mod report;
mod run;
mod saved;
mod steps;
mod tables;
mod users;

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::accounts::avatar::read_image;
use crate::accounts::custom_fields;
use crate::accounts::permissions as server_permissions;
use crate::accounts::second_factor::given_code;
use crate::api::{self, NewAvatar};
use crate::cli::{ApplyArgs, DiffArgs};
use crate::client::Client;
use crate::exit::{Exit, Failure, Outcome};
use crate::input::CURRENT_PASSWORD;
use crate::output::escape;
use crate::plan::file::DesiredFile;
use crate::plan::read::Loaded;
use crate::plan::state::AvatarTarget;
use crate::plan::{self, Plan, Target as PlanTarget, convert, read};
use crate::secret::Secret;
use crate::settings::{Settings, Target};

pub use export::export;

use super::{logged_in_client, page_limits};

/// Accounts read at a time by `diff` and `export` (`apply` takes `--parallel`).
const DEFAULT_PARALLEL: usize = 4;

pub fn diff(settings: &Settings, args: &DiffArgs) -> Result<()> {
    if let Some(out) = &args.out {
        saved::check_out(out)?;
    }
    let planned = plan_file(settings, &args.file, DEFAULT_PARALLEL, args.out.is_some())?;
    show(settings, &planned.plan)?;
    if let Some(out) = &args.out {
        saved::write(out, &planned)?;
        writeln!(settings.out.status(), "Saved the plan to {}", out.display())?;
    }
    pending(args.exit_code, &planned.plan)
}

pub fn apply(settings: &Settings, args: ApplyArgs) -> Result<()> {
    if args.password.password_stdin && args.file.as_deref() == Some(Path::new("-")) {
        let message = "`-f -` and --password-stdin both read stdin; give the password with \
                       --password-file or ROCKETCHAT_PASSWORD";
        return Err(Failure::usage(message).into());
    }
    let code = given_code(args.two_factor.code)?;
    let own =
        settings.current_password_input(args.password.password_stdin, args.password.password_file);
    let parallel = usize::from(args.parallel);
    let mut planned = match (&args.plan, &args.file) {
        (Some(path), _) => {
            let saved = saved::read(path)?;
            let planned =
                plan_loaded(settings, saved.loaded.clone(), parallel, Some(&saved), false)?;
            saved.check_still_holds(&planned)?;
            planned
        }
        (None, Some(file)) => plan_file(settings, file, parallel, false)?,
        (None, None) => {
            return Err(Failure::usage("give the file with -f FILE, or --plan PLAN").into());
        }
    };
    if args.dry_run {
        show(settings, &planned.plan)?;
        return pending(args.exit_code, &planned.plan);
    }
    if planned.plan.is_empty() {
        return report::nothing(settings, &planned.plan);
    }
    if !settings.out.is_json() {
        show(settings, &planned.plan)?;
    }
    let inputs = std::mem::take(&mut planned.inputs);
    let secrets = secrets(settings, &planned, own, code, inputs)?;
    let tally = run::carry_out(settings, &planned, &secrets, parallel);
    report::finish(settings, tally)
}

/// Secrets read before anything is sent: the administrator's own password (for a password
/// challenge, and the own account's e-mail change) and a code, and what the checks read: the
/// passwords of the accounts to create and the secret settings' values.
pub struct Secrets {
    pub own_password: Option<Secret>,
    pub code: Option<Secret>,
    pub new_passwords: BTreeMap<String, Secret>,
    pub setting_values: BTreeMap<String, Secret>,
}

/// What the checks read for `apply`.
#[derive(Default)]
pub struct Inputs {
    new_passwords: BTreeMap<String, Secret>,
    setting_values: BTreeMap<String, Secret>,
}

/// Every secret `apply` may need, read before anything is sent.
fn secrets(
    settings: &Settings,
    planned: &Planned,
    own: crate::input::SecretInput,
    code: Option<Secret>,
    inputs: Inputs,
) -> Result<Secrets> {
    // An e-mail change of the own account and a setting's change need the password or a
    // code: without either, and without a terminal to ask on, fail now rather than after
    // other changes were made.
    let verifies = planned.plan.changes.iter().any(|change| {
        change.target == PlanTarget::Settings
            || change.target == PlanTarget::Profile
                && matches!(change.field, Some(plan::Field::Email | plan::Field::Password))
    });
    let missing = verifies && code.is_none() && !settings.can_prompt;
    let own_password = if own.given() || missing {
        Some(CURRENT_PASSWORD.read(&own, false, &settings.out)?)
    } else {
        None
    };
    let Inputs { new_passwords, setting_values } = inputs;
    Ok(Secrets { own_password, code, new_passwords, setting_values })
}

/// `--exit-code`: exit 10 while changes are pending, without calling that an error.
fn pending(exit_code: bool, plan: &Plan) -> Result<()> {
    if exit_code && !plan.is_empty() {
        return Err(Outcome(Exit::ChangesPending).into());
    }
    Ok(())
}

/// A plan and what it was made from.
pub struct Planned {
    client: Client,
    /// Where the credentials came from (a renamed own account updates its context).
    target: Target,
    /// The file, every path absolute: what a saved plan keeps (only kept for `diff --out`).
    file: Option<DesiredFile>,
    desired: plan::Desired,
    read: current::Read,
    plan: Plan,
    inputs: Inputs,
}

/// Read the file (a bad one fails before any request), then the server, then plan.
fn plan_file(
    settings: &Settings,
    path: &Path,
    parallel: usize,
    keep_file: bool,
) -> Result<Planned> {
    let loaded = read::load(path).map_err(|err| Failure::usage(err.to_string()))?;
    plan_loaded(settings, loaded, parallel, None, keep_file)
}

/// The checks of `checks.rs` around reading the server and planning, the same for `diff`,
/// `apply --dry-run` and `apply` (and a saved plan's file): nothing that changes the server is
/// sent before they pass.
fn plan_loaded(
    settings: &Settings,
    loaded: Loaded,
    parallel: usize,
    saved: Option<&saved::Saved>,
    keep_file: bool,
) -> Result<Planned> {
    let usage = |err: &dyn std::fmt::Display| Failure::usage(err.to_string());
    // A saved plan keeps the file; otherwise the parsed file is let go once it is the engine's,
    // so a fleet's file is held once, not twice.
    let file = keep_file.then(|| loaded.absolute());
    let mut desired = loaded.into_desired();
    checks::no_inline_secrets(&desired)?;
    read_images(&mut desired)?;
    let setting_values = checks::secret_settings(settings, &desired)?;
    let (client, target) = logged_in_client(settings)?;
    if let Some(saved) = saved {
        saved.check_binding(&client)?;
    }
    checks::same_server(&desired, client.server())?;
    let mut allowed = Allowed::read(&client, &desired)?;
    let me = allowed.me.take();
    let (mut read, accounts) =
        current::read_and_plan(&client, &desired, me, parallel, page_limits(settings))?;
    read.current.settings = tables::read_settings(&client, &desired, &setting_values)?;
    read.current.permissions = tables::read_permissions(&desired, &allowed.permissions)?;
    let mut plan = plan::plan_tables(&desired, &read.current).map_err(|err| usage(&err))?;
    plan.append(accounts);
    let new_passwords = checks::new_accounts(settings, &client, &plan, &desired)?;
    custom_fields::check_defined(&client, custom_fields_set(&plan))?;
    if let Some(held) = &allowed.held {
        checks::steps_allowed(&plan, held)?;
        checks::token_steps(&plan, &desired, &allowed.permissions)?;
    }
    let inputs = Inputs { new_passwords, setting_values };
    Ok(Planned { client, target, file, desired, read, plan, inputs })
}

/// What the caller may do, read when the file needs it: its own account (for a file bound to
/// it), and for server tables and other accounts the server's permissions and what the
/// caller's roles hold, with the permissions and roles the file names checked.
struct Allowed {
    /// The caller's record, when it was read (`[profile]` plans from it too).
    me: Option<api::User>,
    permissions: Vec<api::Permission>,
    /// `None` when the file needs no permission of the caller's (its own account only).
    held: Option<std::collections::BTreeSet<String>>,
}

impl Allowed {
    fn read(client: &Client, desired: &plan::Desired) -> Result<Self> {
        let needs_permissions = checks::needs_permissions(desired);
        if desired.bindings.user_id.is_none() && !needs_permissions {
            return Ok(Self { me: None, permissions: Vec::new(), held: None });
        }
        let me = api::me(client)?;
        checks::same_account(desired, &me)?;
        if !needs_permissions {
            return Ok(Self { me: Some(me), permissions: Vec::new(), held: None });
        }
        let permissions = server_permissions::list(client)?;
        let held = server_permissions::held(&permissions, me.roles());
        checks::may_see_users(desired, &held)?;
        let names_roles = !desired.permissions.is_empty()
            || desired.users.iter().any(|(_, user)| user.roles.is_some());
        let roles = if names_roles { server_permissions::roles(client)? } else { Vec::new() };
        checks::names_known(desired, &permissions, &roles)?;
        Ok(Self { me: Some(me), permissions, held: Some(held) })
    }
}

/// The custom fields the plan sets, on accounts that exist and on new ones: keys the server does
/// not define are refused before anything is sent, as `profile update --field` refuses them.
fn custom_fields_set(plan: &Plan) -> std::collections::BTreeSet<&str> {
    let mut keys: std::collections::BTreeSet<&str> = custom_fields::set_by(&plan.changes).collect();
    for change in plan.changes.iter().filter(|change| change.field.is_none()) {
        let Some(plan::Val::Record(entries)) = &change.after else { continue };
        for (key, value) in entries {
            if let (true, plan::Val::Record(fields)) = (key == "custom_fields", value) {
                keys.extend(fields.iter().map(|(name, _)| name.as_str()));
            }
        }
    }
    keys
}

/// Each avatar file is read once (bounded, regular files only) before anything is sent: one
/// that is not an image is refused as `profile avatar set` refuses it, and the same bytes give
/// the digest the plan compares with the server's avatar.
fn read_images(desired: &mut plan::Desired) -> Result<()> {
    let mut digests: HashMap<PathBuf, String> = HashMap::new();
    let accounts = desired.profile.iter_mut().chain(desired.users.iter_mut().map(|(_, user)| user));
    for avatar in accounts.filter_map(|account| account.avatar.as_mut()) {
        let AvatarTarget::File(path) = &avatar.source else { continue };
        if !digests.contains_key(path)
            && let NewAvatar::File { bytes, .. } = read_image(path)?
        {
            digests.insert(path.clone(), convert::sha256_hex(&bytes));
        }
        avatar.digest = digests.get(path).cloned();
    }
    Ok(())
}

/// The plan on stdout (its lines, or `{"changes": [...]}`), notices on stderr.
fn show(settings: &Settings, plan: &Plan) -> Result<()> {
    for notice in &plan.notices {
        writeln!(settings.out.note(), "{notice}")?;
    }
    if settings.out.is_json() {
        return settings.out.json(plan);
    }
    if plan.is_empty() {
        writeln!(settings.out.status(), "nothing to change: the server already has this state")?;
        return Ok(());
    }
    // Each line escaped on its own: server text cannot start a line of its own.
    let lines: Vec<String> = plan.lines().iter().map(|line| escape(line)).collect();
    settings.out.text(&lines.join("\n"))
}
