//! Making one profile change: read `/me`, plan, verify (password digest or second factor), send
//! once, and when the answer is unclear or partial, re-read and say what really happened.

use std::io::Write as _;

use anyhow::Result;

use super::plan::{self, Plan};
use super::refusal::explain;
use super::report::{print_dry_run, print_result, summary};
use super::requested::Requested;
use super::settle::{keep_the_session, settle};
use crate::api::{self, ErrorType, TwoFactor, TwoFactorMethod};
use crate::client::Client;
use crate::commands::logged_in_client;
use crate::commands::two_factor::{ask_for_code, method_asked, prompt_for_code};
use crate::exit::Failure;
use crate::secret::{CURRENT_PASSWORD, NEW_PASSWORD, Secret, SecretInput};
use crate::settings::Settings;

/// The secrets and switches a changing command was given.
#[derive(Debug)]
pub struct SecretSources {
    pub current: SecretInput,
    pub new: SecretInput,
    /// Taken (moved) by the one request that sends it.
    pub code: Option<Secret>,
    pub dry_run: bool,
}

/// How this request proves it is the user.
enum Factor {
    /// Nothing needed (no email or password change).
    None,
    /// `data.currentPassword`: the SHA-256 digest (password fallback users).
    Password(Secret),
    /// `X-2fa-Method` / `X-2fa-Code` headers (TOTP and email two-factor users).
    Code(TwoFactor),
}

pub fn run(settings: &Settings, requested: &Requested, inputs: SecretSources) -> Result<()> {
    requested.validate()?;
    let mut inputs = inputs;
    let given = if inputs.dry_run {
        EarlySecrets::default()
    } else {
        read_given(settings, requested, &inputs)?
    };
    let (client, target) = logged_in_client(settings)?;
    let me = api::me(&client)?;
    if requested.bio.is_some() {
        require_version(&client, (6, 4), "`--bio`")?;
    }
    let plan = plan::plan(requested, &me);
    if plan.is_empty() {
        writeln!(settings.out.status(), "nothing to change: the profile already has these values")?;
        return print_result(settings, false, &api::public_user(&me));
    }
    if inputs.dry_run {
        return print_dry_run(settings, &client, &plan, &me);
    }
    let factor = verification(settings, &client, &plan, &me, &mut inputs, given.current)?;
    // Test hook: a panic while secrets are held must not print them (they Debug-redact).
    settings.hooks().panic_holding(&inputs);
    // Asked after the current password, as a person expects.
    let new_password = match (plan.password, given.new) {
        (true, Some(given)) => Some(given),
        (true, None) => Some(NEW_PASSWORD.read(&inputs.new, settings.can_prompt, &settings.out)?),
        (false, _) => None,
    };
    let user = send(settings, &client, &plan, factor, new_password.as_ref(), inputs.code.take())?;
    writeln!(settings.out.status(), "{}", summary(&plan))?;
    if plan.password {
        keep_the_session(settings, &client, &target, &user, new_password.as_ref())?;
    }
    print_result(settings, true, &api::public_user(&user))
}

/// Secrets given through stdin, a file or the environment, read before any request so that a
/// bad one (empty, too large, not a file) fails first. Prompts wait until a secret is needed.
#[derive(Default)]
struct EarlySecrets {
    current: Option<Secret>,
    new: Option<Secret>,
}

/// docs/cli.md: a missing secret fails before any network call. A second-factor code stands in for
/// the current password, since TOTP users verify with it instead.
fn read_given(
    settings: &Settings,
    requested: &Requested,
    inputs: &SecretSources,
) -> Result<EarlySecrets> {
    let given =
        |input: &SecretInput| input.stdin || input.file.is_some() || input.env.borrow().is_some();
    let mut secrets = EarlySecrets::default();
    if requested.needs_verification() {
        if given(&inputs.current) {
            secrets.current = Some(CURRENT_PASSWORD.read(&inputs.current, false, &settings.out)?);
        } else if inputs.code.is_none() && !settings.can_prompt {
            CURRENT_PASSWORD.read(&inputs.current, false, &settings.out)?;
        }
    }
    if requested.new_password && (given(&inputs.new) || !settings.can_prompt) {
        secrets.new = Some(NEW_PASSWORD.read(&inputs.new, false, &settings.out)?);
    }
    Ok(secrets)
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

fn verification(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    me: &serde_json::Value,
    inputs: &mut SecretSources,
    current: Option<Secret>,
) -> Result<Factor> {
    if !plan.needs_verification() {
        return Ok(Factor::None);
    }
    let Some(method) = api::second_factor(me) else {
        let password = match current {
            Some(password) => password,
            None => CURRENT_PASSWORD.read(&inputs.current, settings.can_prompt, &settings.out)?,
        };
        return Ok(Factor::Password(password.sha256_hex()));
    };
    let mailed = method == TwoFactorMethod::Email;
    if mailed && inputs.code.is_none() {
        // Through its own route, so the one profile update a minute is not spent on it.
        api::send_email_code(client, api::username(me).unwrap_or_default())?;
    }
    let code = match inputs.code.take() {
        Some(code) => code,
        None => prompt_for_code(settings, &method, mailed)?,
    };
    Ok(Factor::Code(TwoFactor::new(method, code)?))
}

/// Send the change once. A 429 is waited out by the client (the server answers it before acting);
/// nothing else is resent blindly.
fn send(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    factor: Factor,
    new_password: Option<&Secret>,
    code: Option<Secret>,
) -> Result<serde_json::Value> {
    let (mut factor, mut code) = (factor, code);
    let mut asked_for_code = matches!(factor, Factor::Code(_));
    loop {
        let (digest, two_factor) = match &factor {
            Factor::Password(digest) => (Some(digest), None),
            Factor::Code(two_factor) => (None, Some(two_factor)),
            Factor::None => (None, None),
        };
        let body = plan.body(digest, new_password);
        let err = match api::update_own_basic_info(client, &body, two_factor) {
            Ok(user) => return Ok(user),
            Err(err) => err,
        };
        // The server read our password as a code: the user has a second factor we did not know
        // of (servers before 8.x do not say). Ask for a code and send once more.
        let wants_code =
            matches!(err.error_type(), Some(ErrorType::TotpRequired | ErrorType::TotpInvalid))
                && err.two_factor_method() != Some(TwoFactorMethod::Password);
        if wants_code && !asked_for_code {
            asked_for_code = true;
            let (method, code) = match code.take() {
                Some(code) => (method_asked(&err)?, code),
                None => ask_for_code(settings, &err)?,
            };
            factor = Factor::Code(TwoFactor::new(method, code)?);
            continue;
        }
        if err.outcome_unknown() {
            return settle(settings, client, plan, new_password, err);
        }
        return Err(explain(settings, client, plan, err));
    }
}
