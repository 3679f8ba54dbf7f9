//! Making one profile change: read `/me`, plan, verify (password digest or second factor), send
//! once, and when the answer is unclear or partial, re-read and say what really happened.

use std::io::Write as _;

use anyhow::Result;

use super::custom;
use super::plan::{self, Plan};
use super::refusal::explain;
use super::report::{print_dry_run, print_result, summary};
use super::requested::Requested;
use super::settle::{follow_username, keep_the_session, settle};
use crate::api::{self, ApiError, ErrorType, TwoFactor, TwoFactorMethod};
use crate::client::Client;
use crate::commands::logged_in_client;
use crate::commands::two_factor::{ask_for_code, method_asked, prompt_for_code};
use crate::exit::Failure;
use crate::input::{CURRENT_PASSWORD, NEW_PASSWORD, PROMPT_TRIES, SecretInput};
use crate::secret::Secret;
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
    /// `data.currentPassword`: the SHA-256 digest (password fallback users), and when it was
    /// typed at a prompt, whose it is (then a rejected one is asked again).
    Password(Secret, Option<String>),
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
    for notice in &plan.notices {
        writeln!(settings.out.note(), "{notice}")?;
    }
    if plan.is_empty() {
        writeln!(settings.out.status(), "nothing to change: the profile already has these values")?;
        return print_result(settings, false, &api::public_user(&me));
    }
    custom::check_defined(&client, &plan)?;
    if inputs.dry_run {
        return print_dry_run(settings, &client, &plan, &me);
    }
    let (user, new_password, dropped) = execute(settings, &client, &plan, &me, &mut inputs, given)?;
    if dropped.is_empty() {
        writeln!(settings.out.status(), "{}", summary(&plan))?;
    }
    follow_username(settings, &client, &target, &plan, &user)?;
    if plan.password {
        keep_the_session(settings, &client, &target, &user, new_password.as_ref())?;
    }
    if !dropped.is_empty() {
        return Err(custom::dropped_failure(&plan, &user, &dropped));
    }
    print_result(settings, true, &api::public_user(&user))
}

/// Verify, send the one request, settle an unclear answer: the updated record, the new
/// password when one was sent, and the custom fields the server did not store. Shared with
/// `apply`, which changes the own account the same way.
pub(crate) fn execute(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    me: &serde_json::Value,
    inputs: &mut SecretSources,
    given: EarlySecrets,
) -> Result<(serde_json::Value, Option<Secret>, Vec<String>)> {
    let factor = verification(settings, client, plan, me, inputs, given.current)?;
    // Test hook: a panic while secrets are held must not print them (they Debug-redact).
    settings.hooks().panic_holding(&*inputs);
    // Asked after the current password, as a person expects.
    let new_password = match (plan.password, given.new) {
        (true, Some(given)) => Some(given),
        (true, None) => Some(NEW_PASSWORD.read_for(
            &inputs.new,
            settings.can_prompt,
            &settings.out,
            &account(client, me),
        )?),
        (false, _) => None,
    };
    let answer = send(settings, client, plan, factor, new_password.as_ref(), inputs.code.take())?;
    let (user, dropped) = custom::stored(settings, client, plan, answer);
    Ok((user, new_password, dropped))
}

/// Secrets given through stdin, a file or the environment, read before any request so that a
/// bad one (empty, too large, not a file) fails first. Prompts wait until a secret is needed.
#[derive(Default)]
pub(crate) struct EarlySecrets {
    pub(crate) current: Option<Secret>,
    pub(crate) new: Option<Secret>,
}

/// docs/cli.md: a missing secret fails before any network call. A second-factor code stands in for
/// the current password, since TOTP users verify with it instead.
fn read_given(
    settings: &Settings,
    requested: &Requested,
    inputs: &SecretSources,
) -> Result<EarlySecrets> {
    let mut secrets = EarlySecrets::default();
    if requested.needs_verification() {
        if inputs.current.given() {
            secrets.current = Some(CURRENT_PASSWORD.read(&inputs.current, false, &settings.out)?);
        } else if inputs.code.is_none() && !settings.can_prompt {
            CURRENT_PASSWORD.read(&inputs.current, false, &settings.out)?;
        }
    }
    if requested.new_password && (inputs.new.given() || !settings.can_prompt) {
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
        let prompted = current.is_none() && !inputs.current.given() && settings.can_prompt;
        let password = match current {
            Some(password) => password,
            None => CURRENT_PASSWORD.read_for(
                &inputs.current,
                settings.can_prompt,
                &settings.out,
                &account(client, me),
            )?,
        };
        let prompted = prompted.then(|| account(client, me));
        return Ok(Factor::Password(password.sha256_hex(), prompted));
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

/// Whose password a prompt asks for: `jane on chat.example.com`.
fn account(client: &Client, me: &serde_json::Value) -> String {
    format!("{} on {}", api::username(me).unwrap_or("you"), client.server().host())
}

/// The server said the current password is wrong (≤2.x: `error-invalid-password`; later: the
/// password checked as a two-factor method).
fn password_rejected(err: &api::ApiError) -> bool {
    match err.error_type() {
        Some(ErrorType::InvalidPassword) => true,
        Some(ErrorType::TotpInvalid) => err.two_factor_method() == Some(TwoFactorMethod::Password),
        _ => false,
    }
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
    let mut factor = factor;
    let mut retries =
        Retries { asked_for_code: matches!(factor, Factor::Code(_)), password_tries: 1, code };
    loop {
        let (digest, two_factor) = match &factor {
            Factor::Password(digest, _) => (Some(digest), None),
            Factor::Code(two_factor) => (None, Some(two_factor)),
            Factor::None => (None, None),
        };
        let body = plan.body(digest, new_password);
        // From here until the answer (or the re-read that settles it) a Ctrl-C leaves the
        // outcome unknown, and says so.
        let in_flight = settings.out.change_in_flight(
            "the change",
            "check with `rocketctl profile show` before running the command again",
        );
        let err = match api::update_own_basic_info(client, &body, two_factor) {
            Ok(user) => return Ok(user),
            Err(err) => err,
        };
        if let Some(next) = next_factor(settings, &err, &factor, &mut retries)? {
            factor = next;
            continue;
        }
        if err.outcome_unknown() {
            return settle(settings, client, plan, new_password, err);
        }
        drop(in_flight);
        return Err(explain(settings, client, plan, err));
    }
}

/// What a refused change may still try, each within its limit.
struct Retries {
    /// A code was sent or asked for already: a second challenge is a refusal.
    asked_for_code: bool,
    /// Current passwords typed so far (a terminal allows [`PROMPT_TRIES`]).
    password_tries: u32,
    /// A code given up front, kept for a challenge servers before 8.x send.
    code: Option<Secret>,
}

/// The factor to send the change again with, or `None` when the refusal stands.
fn next_factor(
    settings: &Settings,
    err: &ApiError,
    factor: &Factor,
    retries: &mut Retries,
) -> Result<Option<Factor>> {
    // The code went stale while a rate limit was waited out: on a terminal, ask for a fresh
    // one and send again (the wait is over); otherwise exit 4 saying so.
    if let (ApiError::CodeExpired { .. }, Factor::Code(stale), true) =
        (err, factor, settings.can_prompt)
    {
        let method = stale.method().clone();
        writeln!(settings.out.warning(), "{err}")?;
        let fresh = prompt_for_code(settings, &method, false)?;
        return Ok(Some(Factor::Code(TwoFactor::new(method, fresh)?)));
    }
    // The server read our password as a code: the user has a second factor we did not know
    // of (servers before 8.x do not say). Ask for a code and send once more.
    let wants_code =
        matches!(err.error_type(), Some(ErrorType::TotpRequired | ErrorType::TotpInvalid))
            && err.two_factor_method() != Some(TwoFactorMethod::Password);
    if wants_code && !retries.asked_for_code {
        retries.asked_for_code = true;
        let (method, code) = match retries.code.take() {
            Some(code) => (method_asked(err)?, code),
            None => ask_for_code(settings, err)?,
        };
        return Ok(Some(Factor::Code(TwoFactor::new(method, code)?)));
    }
    if let Factor::Password(_, Some(whose)) = factor
        && password_rejected(err)
        && retries.password_tries < PROMPT_TRIES
    {
        // At a terminal a mistyped password is asked again, as sudo does.
        retries.password_tries += 1;
        writeln!(settings.out.note(), "the current password was rejected; try again")?;
        let password = CURRENT_PASSWORD.prompt(whose, &settings.out)?;
        if password.expose().is_empty() {
            return Err(Failure::usage("the current password is empty").into());
        }
        return Ok(Some(Factor::Password(password.sha256_hex(), Some(whose.clone()))));
    }
    Ok(None)
}
