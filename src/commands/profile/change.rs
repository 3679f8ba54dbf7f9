//! Making one profile change: read `/me`, plan, verify (password digest or second factor), send
//! once, and when the answer is unclear or partial, re-read and say what really happened.

use anyhow::Result;
use reqwest::Method;
use serde_json::{Value, json};

use super::plan::{self, Plan, Requested};
use super::refusal::explain;
use super::report::{print_dry_run, print_result, summary};
use super::settle::{keep_the_session, settle};
use crate::api;
use crate::client::{ApiError, Call, Client, Repeat, TwoFactor};
use crate::commands::auth::{ask_for_code, prompt_for_code, two_factor_method};
use crate::commands::logged_in_client;
use crate::error::Failure;
use crate::secret::{CURRENT_PASSWORD, NEW_PASSWORD, Secret, SecretInput};
use crate::settings::Settings;

pub(super) const ENDPOINT: &str = "api/v1/users.updateOwnBasicInfo";

/// The secrets and switches a changing command was given.
#[derive(Debug)]
pub struct Inputs {
    pub current: SecretInput,
    pub new: SecretInput,
    /// Taken (moved) by the one request that sends it.
    pub code: std::cell::RefCell<Option<Secret>>,
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

pub fn run(settings: &Settings, requested: &Requested, inputs: &Inputs) -> Result<()> {
    requested.validate()?;
    let given =
        if inputs.dry_run { Given::default() } else { read_given(settings, requested, inputs)? };
    let (client, target) = logged_in_client(settings)?;
    let me = client.get("api/v1/me")?;
    if requested.bio.is_some() {
        require_version(&client, (6, 4), "`--bio`")?;
    }
    let plan = plan::plan(requested, &me);
    if plan.is_empty() {
        settings.out.status("nothing to change: the profile already has these values");
        return print_result(settings, false, &api::public_user(&me));
    }
    if inputs.dry_run {
        return print_dry_run(settings, &client, &plan, &me);
    }
    let factor = verification(settings, &client, &plan, &me, inputs, given.current)?;
    // Test hook: a panic while secrets are held must not print them (they Debug-redact).
    settings.hooks().panic_holding(&inputs);
    // Asked after the current password, as a person expects.
    let new_password = match (plan.password, given.new) {
        (true, Some(given)) => Some(given),
        (true, None) => Some(NEW_PASSWORD.read(&inputs.new, settings.can_prompt, &settings.out)?),
        (false, _) => None,
    };
    let user = send(settings, &client, &plan, factor, new_password.as_ref(), inputs)?;
    settings.out.status(&summary(&plan));
    if plan.password {
        keep_the_session(settings, &client, &target, &user, new_password.as_ref())?;
    }
    print_result(settings, true, &api::public_user(&user))
}

/// Secrets given through stdin, a file or the environment, read before any request so that a
/// bad one (empty, too large, not a file) fails first. Prompts wait until a secret is needed.
#[derive(Default)]
struct Given {
    current: Option<Secret>,
    new: Option<Secret>,
}

/// CLI.md: a missing secret fails before any network call. A second-factor code stands in for
/// the current password, since TOTP users verify with it instead.
fn read_given(settings: &Settings, requested: &Requested, inputs: &Inputs) -> Result<Given> {
    let given =
        |input: &SecretInput| input.stdin || input.file.is_some() || input.env.borrow().is_some();
    let mut secrets = Given::default();
    if requested.needs_verification() {
        if given(&inputs.current) {
            secrets.current = Some(CURRENT_PASSWORD.read(&inputs.current, false, &settings.out)?);
        } else if inputs.code.borrow().is_none() && !settings.can_prompt {
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
    let info = client.get("api/info")?;
    let version = info.get("version").and_then(Value::as_str).unwrap_or("");
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let found = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    if found < minimum {
        return Err(Failure::usage(format!(
            "{what} needs Rocket.Chat {}.{} or later; {} runs {version}",
            minimum.0,
            minimum.1,
            client.server()
        ))
        .into());
    }
    Ok(())
}

/// The second factor an 8.x record says the user has (`services.totp` / `services.email2fa`).
pub(super) fn enabled_method(me: &Value) -> Option<&'static str> {
    let enabled =
        |name: &str| me.pointer(&format!("/services/{name}/enabled")) == Some(&Value::Bool(true));
    if enabled("totp") {
        Some("totp")
    } else if enabled("email2fa") {
        Some("email")
    } else {
        None
    }
}

fn verification(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    me: &Value,
    inputs: &Inputs,
    current: Option<Secret>,
) -> Result<Factor> {
    if !plan.needs_verification() {
        return Ok(Factor::None);
    }
    let Some(method) = enabled_method(me) else {
        let password = match current {
            Some(password) => password,
            None => CURRENT_PASSWORD.read(&inputs.current, settings.can_prompt, &settings.out)?,
        };
        return Ok(Factor::Password(password.sha256_hex()));
    };
    let mailed = method == "email";
    if mailed && inputs.code.borrow().is_none() {
        // Ask the server to mail a code through its own route, so the one profile update a
        // minute is not spent on fetching it.
        let who = api::username(me).unwrap_or_default();
        client.post("api/v1/users.2fa.sendEmailCode", &json!({ "emailOrUsername": who }))?;
    }
    let given = inputs.code.borrow_mut().take();
    let code = match given {
        Some(code) => code,
        None => prompt_for_code(settings, method, mailed)?,
    };
    Ok(Factor::Code(TwoFactor { method: method.to_owned(), code }))
}

/// Send the change once. A 429 is waited out by the client (the server answers it before acting);
/// nothing else is resent blindly.
fn send(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    factor: Factor,
    new_password: Option<&Secret>,
    inputs: &Inputs,
) -> Result<Value> {
    let mut factor = factor;
    let mut asked_for_code = matches!(factor, Factor::Code(_));
    loop {
        let (digest, two_factor) = match &factor {
            Factor::Password(digest) => (Some(digest), None),
            Factor::Code(two_factor) => (None, Some(two_factor)),
            Factor::None => (None, None),
        };
        let body = plan.body(digest, new_password);
        let call = Call {
            method: Method::POST,
            path: ENDPOINT,
            body: Some(&body),
            two_factor,
            repeat: Repeat::Unsafe,
        };
        let err = match client.call(&call) {
            Ok(answer) => match answer.get("user") {
                Some(user) if user.is_object() => return Ok(user.clone()),
                _ => ApiError::Malformed {
                    server: client.server().host(),
                    detail: "the answer has no user".into(),
                },
            },
            Err(err) => err,
        };
        // The server read our password as a code: the user has a second factor we did not know
        // of (servers before 8.x do not say). Ask for a code and send once more.
        let method = two_factor_method(&err);
        let wants_code = matches!(err.error_type(), Some("totp-required" | "totp-invalid"))
            && method != "password";
        if wants_code && !asked_for_code {
            asked_for_code = true;
            let given = inputs.code.borrow_mut().take();
            let code = match given {
                Some(code) => code,
                None => ask_for_code(settings, &err)?,
            };
            factor = Factor::Code(TwoFactor { method, code });
            continue;
        }
        if err.outcome_unknown() {
            return settle(settings, client, plan, new_password, err);
        }
        return Err(explain(settings, client, plan, err));
    }
}
