//! Self-service two-factor (docs/server.md#self-service-two-factor): what the own record says
//! is on (`me`'s `services.totp` and `services.email2fa`), the workspace's switches
//! (`settings.public`), e-mailed codes on and off (`users.2fa.enableEmail` / `disableEmail`),
//! and TOTP enrolment: the REST routes of 8.8 and later, or the DDP methods `2fa:*` through
//! `method.call` before. The TOTP secret, its `otpauth://` URL and backup codes are read into
//! [`Secret`]s and masked in `-v` and `--dry-run`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::ddp::{call_method, read_by_method};
use super::settings::public_values;
use super::{ApiError, Client, Request, TwoFactor, decode, expose};
use crate::secret::Secret;

const ME: &str = "api/v1/me";
const ENABLE_EMAIL: &str = "api/v1/users.2fa.enableEmail";
const DISABLE_EMAIL: &str = "api/v1/users.2fa.disableEmail";
const ENABLE_TOTP: &str = "api/v1/users.enableTotp";
const VALIDATE_TOTP: &str = "api/v1/users.validateTotp";
const DISABLE_TOTP: &str = "api/v1/users.disableTotp";
const REGENERATE_CODES: &str = "api/v1/users.regenerateTotpCodes";
const CODES_REMAINING: &str = "api/v1/users.totpCodesRemaining";

/// The workspace settings that switch two-factor on, by TOTP and by e-mail.
const SERVER_ENABLED: &str = "Accounts_TwoFactorAuthentication_Enabled";
const SERVER_TOTP: &str = "Accounts_TwoFactorAuthentication_By_TOTP_Enabled";
const SERVER_EMAIL: &str = "Accounts_TwoFactorAuthentication_By_Email_Enabled";

/// The first release with REST routes for TOTP enrolment.
const REST_TOTP_SINCE: (u32, u32) = (8, 8);

/// What the own record says about two-factor.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OwnFactors {
    /// `services.totp.enabled`.
    pub totp: bool,
    /// `services.email2fa.enabled`.
    pub email: bool,
    /// Every address is verified (e-mailed codes need it).
    pub emails_verified: bool,
}

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    services: Value,
    #[serde(default)]
    emails: Value,
}

/// The own record's second factors; a server that does not show `services` shows none on.
pub fn own_factors(client: &Client) -> Result<OwnFactors, ApiError> {
    let Record { services, emails } =
        decode(client, client.send(&Request::get(ME))?, "the answer is not a user record")?;
    let on = |name: &str| services.get(name).and_then(|s| s.get("enabled")) == Some(&json!(true));
    let emails = emails.as_array().map(Vec::as_slice).unwrap_or_default();
    Ok(OwnFactors {
        totp: on("totp"),
        email: on("email2fa"),
        emails_verified: emails.iter().all(|e| e.get("verified") == Some(&json!(true))),
    })
}

/// The workspace's switches: on, off, or not shown (`None`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ServerSwitches {
    pub enabled: Option<bool>,
    pub totp: Option<bool>,
    pub email: Option<bool>,
}

pub fn server_switches(client: &Client) -> Result<ServerSwitches, ApiError> {
    let values = public_values(client, &[SERVER_ENABLED, SERVER_TOTP, SERVER_EMAIL])?;
    let switch = |id: &str| values.iter().find(|(key, _)| key == id).and_then(|(_, v)| v.as_bool());
    Ok(ServerSwitches {
        enabled: switch(SERVER_ENABLED),
        totp: switch(SERVER_TOTP),
        email: switch(SERVER_EMAIL),
    })
}

/// `POST users.2fa.enableEmail` (no second factor asked).
pub fn enable_email(client: &Client) -> Result<(), ApiError> {
    client.send(&Request::post(ENABLE_EMAIL, &json!({}))?).map(drop)
}

/// `POST users.2fa.disableEmail`: two-factor protected, never remembered.
pub fn disable_email(client: &Client, two_factor: Option<&TwoFactor>) -> Result<(), ApiError> {
    let request = Request::post(DISABLE_EMAIL, &json!({}))?.with_two_factor(two_factor);
    client.send(&request).map(drop)
}

/// How a server takes TOTP enrolment: its REST routes (8.8 and later) or the DDP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotpRoutes {
    Rest,
    Methods,
}

impl TotpRoutes {
    /// The routes of a server of version `(major, minor)` (`/api/info`).
    pub fn for_version(version: (u32, u32)) -> Self {
        if version >= REST_TOTP_SINCE { Self::Rest } else { Self::Methods }
    }
}

/// A TOTP secret the server made, not yet confirmed.
#[derive(Debug)]
pub struct Enrolment {
    /// Base32, as an authenticator app takes it typed in.
    pub secret: Secret,
    /// `otpauth://totp/…`, what the QR code holds.
    pub url: Secret,
}

#[derive(Deserialize)]
struct NewSecret {
    secret: String,
    url: String,
}

#[derive(Deserialize)]
struct Codes {
    #[serde(default)]
    codes: Option<Vec<String>>,
}

#[derive(Serialize)]
struct CodeBody<'a> {
    #[serde(serialize_with = "expose")]
    code: &'a Secret,
}

/// A REST call of the TOTP routes, whose answers hold secrets under names the trace does not
/// know (`secret`, `url`, `codes`).
fn masked(request: Request<'_>) -> Request<'_> {
    request.masking("secret").masking("url").masking("codes")
}

/// Begin: a new secret (`users.enableTotp`, two-factor protected; or `2fa:enable`).
pub fn totp_begin(
    client: &Client,
    routes: TotpRoutes,
    two_factor: Option<&TwoFactor>,
) -> Result<Enrolment, ApiError> {
    let answer = match routes {
        TotpRoutes::Rest => {
            let request = masked(Request::post(ENABLE_TOTP, &json!({}))?);
            client.send(&request.with_two_factor(two_factor))?
        }
        TotpRoutes::Methods => call_method(client, "2fa:enable", &[], two_factor)?,
    };
    let NewSecret { secret, url } = decode(client, answer, "the answer has no TOTP secret")?;
    let secret = Secret::new(secret);
    let url = Secret::new(url);
    let plausible = url.expose().starts_with("otpauth://")
        && !secret.expose().is_empty()
        && secret.expose().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'=');
    if !plausible {
        return Err(ApiError::Malformed {
            server: client.server().host(),
            detail: "the TOTP secret or its otpauth:// URL is not one an authenticator takes"
                .to_owned(),
        });
    }
    Ok(Enrolment { secret, url })
}

/// Confirm with a code of the new secret (`users.validateTotp`, two-factor protected; or
/// `2fa:validateTempToken`): the backup codes. A wrong code is `invalid-totp`.
pub fn totp_confirm(
    client: &Client,
    routes: TotpRoutes,
    code: &Secret,
    two_factor: Option<&TwoFactor>,
) -> Result<Option<Vec<Secret>>, ApiError> {
    let answer = match routes {
        TotpRoutes::Rest => {
            let request = masked(Request::post(VALIDATE_TOTP, &CodeBody { code })?);
            client.send(&request.with_two_factor(two_factor))?
        }
        TotpRoutes::Methods => {
            call_method(client, "2fa:validateTempToken", &[json!(code.expose())], two_factor)?
        }
    };
    codes(client, answer)
}

/// Turn TOTP off with a current code or a backup code (`users.disableTotp` or `2fa:disable`):
/// false when the server did not take the code.
pub fn totp_disable(
    client: &Client,
    routes: TotpRoutes,
    code: &Secret,
    two_factor: Option<&TwoFactor>,
) -> Result<bool, ApiError> {
    let disabled = match routes {
        TotpRoutes::Rest => {
            let request = Request::post(DISABLE_TOTP, &CodeBody { code })?;
            let answer = client.send(&request.with_two_factor(two_factor))?;
            answer.get("disabled").cloned().unwrap_or(Value::Null)
        }
        TotpRoutes::Methods => {
            call_method(client, "2fa:disable", &[json!(code.expose())], two_factor)?
        }
    };
    Ok(disabled == json!(true))
}

/// New backup codes for a current code (`users.regenerateTotpCodes` or `2fa:regenerateCodes`);
/// None when the server did not take the code and made none.
pub fn totp_regenerate(
    client: &Client,
    routes: TotpRoutes,
    code: &Secret,
    two_factor: Option<&TwoFactor>,
) -> Result<Option<Vec<Secret>>, ApiError> {
    let answer = match routes {
        TotpRoutes::Rest => {
            let request = masked(Request::post(REGENERATE_CODES, &CodeBody { code })?);
            client.send(&request.with_two_factor(two_factor))?
        }
        TotpRoutes::Methods => {
            call_method(client, "2fa:regenerateCodes", &[json!(code.expose())], two_factor)?
        }
    };
    codes(client, answer)
}

/// How many backup codes are left (`users.totpCodesRemaining` or `2fa:checkCodesRemaining`).
pub fn totp_codes_remaining(client: &Client, routes: TotpRoutes) -> Result<u64, ApiError> {
    let answer = match routes {
        TotpRoutes::Rest => client.send(&Request::get(CODES_REMAINING))?,
        TotpRoutes::Methods => read_by_method(client, "2fa:checkCodesRemaining", &[])?,
    };
    #[derive(Deserialize)]
    struct Remaining {
        remaining: u64,
    }
    let Remaining { remaining } = decode(client, answer, "the answer has no count")?;
    Ok(remaining)
}

/// `{codes}` as secrets; None for an answer without codes (a method that returned nothing).
fn codes(client: &Client, answer: Value) -> Result<Option<Vec<Secret>>, ApiError> {
    if answer.is_null() {
        return Ok(None);
    }
    let Codes { codes } = decode(client, answer, "the answer's backup codes are not a list")?;
    let Some(codes) = codes else { return Ok(None) };
    let printable = |code: &String| !code.is_empty() && code.bytes().all(|b| b.is_ascii_graphic());
    if !codes.iter().all(printable) {
        return Err(ApiError::Malformed {
            server: client.server().host(),
            detail: "a backup code holds characters a code cannot have".to_owned(),
        });
    }
    Ok(Some(codes.into_iter().map(Secret::new).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rest_from_8_8_methods_before() {
        assert_eq!(TotpRoutes::for_version((8, 8)), TotpRoutes::Rest);
        assert_eq!(TotpRoutes::for_version((9, 0)), TotpRoutes::Rest);
        assert_eq!(TotpRoutes::for_version((8, 7)), TotpRoutes::Methods);
        assert_eq!(TotpRoutes::for_version((6, 3)), TotpRoutes::Methods);
        assert_eq!(TotpRoutes::for_version((0, 0)), TotpRoutes::Methods);
    }

    #[test]
    fn secrets_in_totp_answers_are_masked() {
        let request = masked(Request::get(CODES_REMAINING));
        let answer = json!({"secret": "S", "url": "otpauth://x", "codes": ["a"], "success": true});
        assert_eq!(
            request.mask(&answer),
            json!({"secret": "[REDACTED]", "url": "[REDACTED]", "codes": "[REDACTED]", "success": true})
        );
    }
}
