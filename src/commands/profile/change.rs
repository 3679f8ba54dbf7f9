//! Making one profile change: read `/me`, plan, verify (password digest or second factor), send
//! once, and when the answer is unclear or partial, re-read and say what really happened.

use anyhow::Result;
use reqwest::Method;
use serde_json::{Value, json};

use super::plan::{self, Plan, Requested};
use super::print_user;
use crate::api;
use crate::client::{ApiError, Call, Client, Credentials, Repeat, TwoFactor, redact_json};
use crate::commands::auth::{ask_for_code, two_factor_method};
use crate::commands::logged_in_client;
use crate::error::{Exit, Failure, exit_for_error_type};
use crate::secret::{self, CURRENT_PASSWORD, NEW_PASSWORD, Secret, SecretInput};
use crate::settings::{Settings, Source, Target};

const ENDPOINT: &str = "api/v1/users.updateOwnBasicInfo";

/// The secrets and switches a changing command was given.
#[derive(Debug)]
pub struct Inputs {
    pub current: SecretInput,
    pub new: SecretInput,
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
    if settings.test_panic() {
        // Test hook: a panic while secrets are held must not print them (they Debug-redact).
        panic!("test hook: forced panic holding {inputs:?}");
    }
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
    let given = |input: &SecretInput| input.stdin || input.file.is_some() || input.env.is_some();
    let mut secrets = Given::default();
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
fn enabled_method(me: &Value) -> Option<&'static str> {
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
    match enabled_method(me) {
        Some("totp") => Ok(Factor::Code(TwoFactor {
            method: "totp".into(),
            code: code_for(settings, inputs, "totp", false)?,
        })),
        Some(_) => {
            if inputs.code.is_none() {
                // Ask the server to mail a code through its own route, so the one profile
                // update a minute is not spent on fetching it.
                let who = api::username(me).unwrap_or_default();
                client
                    .post("api/v1/users.2fa.sendEmailCode", &json!({ "emailOrUsername": who }))?;
            }
            Ok(Factor::Code(TwoFactor {
                method: "email".into(),
                code: code_for(settings, inputs, "email", true)?,
            }))
        }
        None => {
            let password = match current {
                Some(password) => password,
                None => {
                    CURRENT_PASSWORD.read(&inputs.current, settings.can_prompt, &settings.out)?
                }
            };
            Ok(Factor::Password(password.sha256_hex()))
        }
    }
}

fn code_for(settings: &Settings, inputs: &Inputs, method: &str, mailed: bool) -> Result<Secret> {
    if let Some(code) = &inputs.code {
        return Ok(code.clone());
    }
    let sent = if mailed { "; a code was sent to your e-mail address" } else { "" };
    if !settings.can_prompt {
        return Err(Failure::new(
            Exit::VerificationFailed,
            format!("two-factor code required (method: {method}){sent}"),
        )
        .hint("pass `--2fa-code CODE` or set ROCKETCHAT_2FA_CODE")
        .into());
    }
    if mailed {
        settings.out.note("a code was sent to your e-mail address");
        secret::prompt_code("Code from the e-mail")
    } else {
        secret::prompt_code("Two-factor code from your authenticator app")
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
            let code = match &inputs.code {
                Some(code) => code.clone(),
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

/// The answer never came (or made no sense) after the change was sent: look at the server
/// instead of guessing, and never send the change again.
fn settle(
    settings: &Settings,
    client: &Client,
    plan: &Plan,
    new_password: Option<&Secret>,
    err: ApiError,
) -> Result<Value> {
    settings.out.warn(&format!(
        "no clear answer after sending the change ({err}); checking what the server has now"
    ));
    let unsettled = |cause: &dyn std::fmt::Display| -> anyhow::Error {
        Failure::new(
            Exit::OutcomeUnknown,
            format!("the server may or may not have applied the change ({err}); checking failed: {cause}"),
        )
        .hint("check with `rocketctl profile show` before running the command again")
        .into()
    };
    let record = match client.get("api/v1/me") {
        Ok(record) => record,
        Err(check) => return Err(unsettled(&check)),
    };
    let (mut done, mut missing) = plan::applied(plan, &record);
    if let Some(password) = new_password {
        match password_works(client, &record, password) {
            Ok(true) => done.push("password".into()),
            Ok(false) => missing.push("password".into()),
            Err(check) => return Err(unsettled(&check)),
        }
    }
    if missing.is_empty() {
        settings.out.status("the change is on the server: the answer was lost, not the change");
        return Ok(record);
    }
    if done.is_empty() {
        settings.out.note("the change was not applied; it is safe to run the command again");
        return Err(err.into());
    }
    Err(Failure::new(
        Exit::OutcomeUnknown,
        format!("the answer was lost and only part of the change is on the server: applied {}; not applied {}", done.join(", "), missing.join(", ")),
    )
    .hint("check with `rocketctl profile show` before running the command again")
    .into())
}

/// Whether the new password logs in: a login with its digest, whose token is logged out at once.
fn password_works(client: &Client, record: &Value, password: &Secret) -> Result<bool, ApiError> {
    let username = api::username(record).unwrap_or_default();
    let probe =
        Client::new(client.server().clone(), None, client.options().clone(), client.output())
            .map_err(|e| ApiError::Malformed {
                server: client.server().host(),
                detail: e.to_string(),
            })?;
    match probe.post("api/v1/login", &api::login_body(username, &password.sha256_hex(), None)) {
        Ok(answer) => {
            if let Some(data) = api::login_data(&answer) {
                let credentials =
                    Credentials { user_id: data.user_id, token: Secret::new(data.auth_token) };
                if let Ok(session) = Client::new(
                    client.server().clone(),
                    Some(credentials),
                    client.options().clone(),
                    client.output(),
                ) {
                    let _ = session.post("api/v1/logout", &json!({}));
                }
            }
            Ok(true)
        }
        Err(ApiError::Unauthorized { code, .. })
            if code.as_deref().is_some_and(|c| c.starts_with("totp")) =>
        {
            Ok(true)
        }
        Err(ApiError::Unauthorized { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Turn a refusal into a message that says what to do, and for a multi-field change say which
/// parts the server saved before it refused (custom fields are checked after the other writes).
fn explain(settings: &Settings, client: &Client, plan: &Plan, err: ApiError) -> anyhow::Error {
    let error_type = err.error_type().map(str::to_owned);
    let method = two_factor_method(&err);
    let (exit, message) = match error_type.as_deref() {
        Some("totp-invalid") if method == "password" => {
            (Exit::VerificationFailed, "the current password was rejected".to_owned())
        }
        Some("totp-invalid" | "totp-max-attempts") => (
            Exit::VerificationFailed,
            format!("the two-factor code was rejected (method: {method})"),
        ),
        Some("totp-required") => {
            (Exit::VerificationFailed, format!("two-factor code required (method: {method})"))
        }
        Some("error-invalid-password") => {
            (Exit::VerificationFailed, "the current password was rejected".to_owned())
        }
        Some(kind) => (exit_for_error_type(kind), refusal_text(kind, &err)),
        None => return err.into(),
    };
    let mut failure = Failure::new(exit, message);
    if error_type.as_deref() == Some("invalid-params") {
        failure = failure.hint(
            "this server does not accept one of the fields; `bio` needs Rocket.Chat 6.4 or later",
        );
    }
    if exit == Exit::Refused && plan.changes.len() > 1 {
        match client.get("api/v1/me") {
            Ok(record) => {
                let (done, missing) = plan::applied(plan, &record);
                if !done.is_empty() {
                    failure.message = format!(
                        "{}\napplied before the refusal: {}\nnot applied: {}",
                        failure.message,
                        done.join(", "),
                        missing.join(", ")
                    );
                }
            }
            Err(check) => settings
                .out
                .warn(&format!("could not re-read the profile to see what was saved: {check}")),
        }
    }
    failure.into()
}

/// R58: a clear sentence per Rocket.Chat errorType.
fn refusal_text(error_type: &str, err: &ApiError) -> String {
    let server_said = err.to_string();
    let field = || {
        let lower = server_said.to_lowercase();
        ["username", "status", "real name", "email", "password"]
            .into_iter()
            .find(|f| lower.contains(f))
            .map_or("this field", |f| match f {
                "real name" => "the name",
                "status" => "the status text",
                other => other,
            })
            .to_owned()
    };
    match error_type {
        "error-password-same-as-current" => "the new password is the same as the current one".into(),
        "error-password-in-history" => "the new password was used before; the server keeps a password history".into(),
        "error-password-policy-not-met" => {
            let rules: Vec<String> = err
                .details()
                .and_then(Value::as_array)
                .map(|rules| rules.iter().filter_map(|r| r.get("message").and_then(Value::as_str)).map(|m| format!("  - {m}")).collect())
                .unwrap_or_default();
            let mut text = "the new password does not meet the server's password policy".to_owned();
            if !rules.is_empty() {
                text = format!("{text}:\n{}", rules.join("\n"));
            }
            text
        }
        kind if kind.starts_with("error-password-policy-not-met-") => {
            format!("the new password does not meet the server's password policy: {server_said}")
        }
        "error-not-allowed" => "the server does not allow changing your profile (Accounts_AllowUserProfileChange is off)".into(),
        "error-action-not-allowed" => format!("the server does not allow changing {}", field()),
        "error-could-not-save-identity" => "the server refused the username or name: it is reserved, invalid or already taken".into(),
        "error-field-unavailable" => format!("that email address is already in use ({server_said})"),
        "error-invalid-email" => format!("the server refused the email address ({server_said})"),
        "error-invalid-domain" | "error-email-domain-blacklisted" => format!("the server does not accept that email domain ({server_said})"),
        "error-status-not-allowed" => "the server does not allow the invisible status".into(),
        "error-bio-size-exceeded" => "the bio is longer than the server allows (260 characters)".into(),
        "error-nickname-size-exceeded" => "the nickname is longer than the server allows (120 characters)".into(),
        "error-user-registration-custom-field" => format!("the server refused the custom fields: {server_said}"),
        "error-invalid-customfield-json" => "the server's custom field settings are broken (Accounts_CustomFields is not valid JSON); ask an administrator".into(),
        "invalid-params" | "error-invalid-params" => format!("the server rejected the request body: {server_said}"),
        _ => format!("the server refused the change: {server_said}"),
    }
}

/// After a password change Rocket.Chat removes the account's other login tokens, and falls back
/// to removing all of them if that fails. Make sure the next command still works.
fn keep_the_session(
    settings: &Settings,
    client: &Client,
    target: &Target,
    user: &Value,
    new_password: Option<&Secret>,
) -> Result<()> {
    settings
        .out
        .note("Rocket.Chat signs out this account's other sessions after a password change");
    match client.get("api/v1/me") {
        Ok(_) => Ok(()),
        Err(ApiError::Unauthorized { .. }) => {
            let from_config = matches!(target.token_source, Some(Source::Config { .. }));
            let (Some(password), Some(context), true) =
                (new_password, target.context.as_ref(), from_config)
            else {
                return Err(Failure::new(
                    Exit::NotAuthenticated,
                    "password changed, but the token in use was revoked by the server",
                )
                .hint("log in again with `rocketctl login` (or renew ROCKETCHAT_AUTH_TOKEN)")
                .into());
            };
            relogin(settings, client, context, user, password)
        }
        Err(other) => {
            settings
                .out
                .warn(&format!("password changed; could not check the stored token: {other}"));
            Ok(())
        }
    }
}

fn relogin(
    settings: &Settings,
    client: &Client,
    context: &str,
    user: &Value,
    password: &Secret,
) -> Result<()> {
    let username = api::username(user).unwrap_or_default().to_owned();
    let fresh =
        Client::new(client.server().clone(), None, client.options().clone(), client.output())?;
    let revoked = || {
        Failure::new(
            Exit::NotAuthenticated,
            "password changed, but the stored token was revoked; run `rocketctl login`",
        )
        .hint("run `rocketctl login`")
    };
    let answer = fresh
        .post("api/v1/login", &api::login_body(&username, &password.sha256_hex(), None))
        .map_err(|_| revoked())?;
    let data = api::login_data(&answer).ok_or_else(revoked)?;
    settings.store()?.update(&settings.out, |config| {
        if let Some(stored) = config.contexts.get_mut(context) {
            stored.user_id = Some(data.user_id.clone());
            stored.auth_token = Some(data.auth_token.clone());
        }
        Ok(())
    })?;
    settings.out.status(&format!("the stored token was revoked; logged in again and saved the new token in context `{context}`"));
    Ok(())
}

fn summary(plan: &Plan) -> String {
    let mut changes = plan.changes.clone();
    if let Some(email) = changes.iter_mut().find(|c| *c == "email") {
        *email = "email (unverified until you confirm it)".into();
    }
    format!("Changed {}", changes.join(", "))
}

fn print_result(settings: &Settings, changed: bool, user: &Value) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(&json!({ "changed": changed, "user": user }));
    }
    print_user(settings, user)
}

/// `--dry-run`: the request as it would be sent, secrets masked.
fn print_dry_run(settings: &Settings, client: &Client, plan: &Plan, me: &Value) -> Result<()> {
    let placeholder = Secret::new("[REDACTED]");
    let method = plan.needs_verification().then(|| enabled_method(me)).flatten();
    let digest = (plan.needs_verification() && method.is_none()).then_some(&placeholder);
    let new_password = plan.password.then_some(&placeholder);
    let body = redact_json(&plan.body(digest, new_password));
    let mut headers = vec![
        ("X-User-Id", client.user_id().unwrap_or_default().to_owned()),
        ("X-Auth-Token", "[REDACTED]".to_owned()),
    ];
    if let Some(method) = method {
        headers.push(("X-2fa-Method", method.to_owned()));
        headers.push(("X-2fa-Code", "[REDACTED]".to_owned()));
    }
    let url = client.server().endpoint(ENDPOINT);
    settings
        .out
        .status(&format!("dry run: would change {}; nothing was sent", plan.changes.join(", ")));
    if settings.out.is_json() {
        let headers: serde_json::Map<String, Value> =
            headers.into_iter().map(|(k, v)| (k.to_owned(), Value::String(v))).collect();
        return settings.out.json(&json!({"dry_run": true, "request": {"method": "POST", "url": url, "headers": headers, "body": body}}));
    }
    let mut text = format!("POST {url}\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    text.push_str("Content-Type: application/json\n\n");
    text.push_str(&serde_json::to_string_pretty(&body)?);
    settings.out.text(&text)
}
