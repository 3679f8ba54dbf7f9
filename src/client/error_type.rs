//! Rocket.Chat's vocabulary for refusals and second factors, parsed once where the answer is
//! read, so no other module compares `errorType` strings.

use std::fmt;

use crate::exit::Exit;

/// The `errorType` of a Rocket.Chat error envelope (or the `error` code of a 401).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorType {
    TotpRequired,
    TotpInvalid,
    TotpMaxAttempts,
    InvalidPassword,
    PasswordSameAsCurrent,
    PasswordInHistory,
    PasswordPolicyNotMet,
    /// `error-password-policy-not-met-<rule>`: one rule, named in the type itself.
    PasswordPolicyRule(String),
    NotAllowed,
    ActionNotAllowed,
    CouldNotSaveIdentity,
    FieldUnavailable,
    InvalidEmail,
    InvalidDomain,
    EmailDomainBlacklisted,
    StatusNotAllowed,
    BioSizeExceeded,
    NicknameSizeExceeded,
    UserRegistrationCustomField,
    InvalidCustomFieldJson,
    /// `invalid-params` or `error-invalid-params`: the body failed the server's schema.
    InvalidParams,
    /// `not-authorized`: a permission the caller's roles lack (personal access tokens).
    NotAuthorized,
    /// `error-unauthorized`: a permission the caller's roles lack (admin routes; often only in
    /// the message's `[error-unauthorized]`).
    Unauthorized,
    TokenAlreadyExists,
    TokenDoesNotExist,
    /// `roles.addUserToRole` of a role the user holds already.
    UserAlreadyInRole,
    /// `roles.removeUserFromRole` of a role the user does not hold.
    UserNotInRole,
    /// `roles.removeUserFromRole` of the last administrator.
    AdminRequired,
    /// `invalid-totp`: a code the self-service TOTP steps did not take (or no enrolment begun).
    InvalidTotp,
    /// `error-2fa-already-enabled`: TOTP enrolment of an account that has TOTP on.
    TotpAlreadyEnabled,
    /// `error-invalid-user`: the account cannot do this (no username, unverified addresses).
    InvalidUser,
    Other(String),
}

/// The names that map one to one onto a variant.
const NAMED: &[(&str, ErrorType)] = &[
    ("totp-required", ErrorType::TotpRequired),
    ("totp-invalid", ErrorType::TotpInvalid),
    ("totp-max-attempts", ErrorType::TotpMaxAttempts),
    ("error-invalid-password", ErrorType::InvalidPassword),
    ("error-password-same-as-current", ErrorType::PasswordSameAsCurrent),
    ("error-password-in-history", ErrorType::PasswordInHistory),
    ("error-password-policy-not-met", ErrorType::PasswordPolicyNotMet),
    ("error-not-allowed", ErrorType::NotAllowed),
    ("error-action-not-allowed", ErrorType::ActionNotAllowed),
    ("error-could-not-save-identity", ErrorType::CouldNotSaveIdentity),
    ("error-field-unavailable", ErrorType::FieldUnavailable),
    ("error-invalid-email", ErrorType::InvalidEmail),
    ("error-invalid-domain", ErrorType::InvalidDomain),
    ("error-email-domain-blacklisted", ErrorType::EmailDomainBlacklisted),
    ("error-status-not-allowed", ErrorType::StatusNotAllowed),
    ("error-bio-size-exceeded", ErrorType::BioSizeExceeded),
    ("error-nickname-size-exceeded", ErrorType::NicknameSizeExceeded),
    ("error-user-registration-custom-field", ErrorType::UserRegistrationCustomField),
    ("error-invalid-customfield-json", ErrorType::InvalidCustomFieldJson),
    ("invalid-params", ErrorType::InvalidParams),
    ("error-invalid-params", ErrorType::InvalidParams),
    ("not-authorized", ErrorType::NotAuthorized),
    ("error-unauthorized", ErrorType::Unauthorized),
    ("error-token-already-exists", ErrorType::TokenAlreadyExists),
    ("error-token-does-not-exists", ErrorType::TokenDoesNotExist),
    ("error-user-already-in-role", ErrorType::UserAlreadyInRole),
    ("error-user-not-in-role", ErrorType::UserNotInRole),
    ("error-admin-required", ErrorType::AdminRequired),
    ("invalid-totp", ErrorType::InvalidTotp),
    ("error-2fa-already-enabled", ErrorType::TotpAlreadyEnabled),
    ("error-invalid-user", ErrorType::InvalidUser),
];

const POLICY_RULE_PREFIX: &str = "error-password-policy-not-met-";

/// Longest errorType kept, and longest method name accepted (real ones are under 40).
const MAX_NAME_CHARS: usize = 100;
const MAX_METHOD_BYTES: usize = 64;

impl ErrorType {
    pub fn parse(name: &str) -> Self {
        if let Some((_, known)) = NAMED.iter().find(|(known, _)| *known == name) {
            return known.clone();
        }
        if name.starts_with(POLICY_RULE_PREFIX) {
            return Self::PasswordPolicyRule(name.to_owned());
        }
        // Capped: a hostile server's 900 kB errorType must not reach the terminal.
        Self::Other(name.chars().take(MAX_NAME_CHARS).collect())
    }

    /// The second factor is missing or wrong (a code, or the password checked as one).
    pub fn is_totp(&self) -> bool {
        matches!(self, Self::TotpRequired | Self::TotpInvalid | Self::TotpMaxAttempts)
    }

    /// The exit code of the command-line contract for this refusal: a failed verification is
    /// exit 4, every other refusal exit 5.
    pub fn exit(&self) -> Exit {
        match self {
            Self::TotpRequired
            | Self::TotpInvalid
            | Self::TotpMaxAttempts
            | Self::InvalidPassword
            | Self::InvalidTotp => Exit::VerificationFailed,
            _ => Exit::Refused,
        }
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::PasswordPolicyRule(name) | Self::Other(name) => f.write_str(name),
            known => {
                let name =
                    NAMED.iter().find(|(_, kind)| kind == known).map_or("", |(name, _)| name);
                f.write_str(name)
            }
        }
    }
}

/// How a user proves a change: the `X-2fa-Method` header and `details.method` of a
/// `totp-required` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TwoFactorMethod {
    /// A code from an authenticator app.
    Totp,
    /// A code mailed by the server.
    Email,
    /// The current password, checked as a second factor by servers since 3.x.
    Password,
    /// A method this version of rocketctl does not know; passed back as the server named it.
    Other(String),
}

impl TwoFactorMethod {
    /// The method a server named. None when the name could not travel back in a header
    /// (empty, or holding spaces or control characters) or is too long to be a method name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "totp" => Some(Self::Totp),
            "email" => Some(Self::Email),
            "password" => Some(Self::Password),
            other
                if !other.is_empty()
                    && other.len() <= MAX_METHOD_BYTES
                    && other.bytes().all(|b| b.is_ascii_graphic()) =>
            {
                Some(Self::Other(other.to_owned()))
            }
            _ => None,
        }
    }
}

impl TwoFactorMethod {
    /// How long a code of this method stays good: a TOTP code for its 30 s step (the server
    /// allows one step either side, so it may last longer, never less); a mailed code for the
    /// server's default expiry; a password digest for ever.
    pub fn code_life(&self) -> Option<std::time::Duration> {
        match self {
            Self::Totp => Some(std::time::Duration::from_secs(30)),
            Self::Email => Some(std::time::Duration::from_secs(3600)),
            Self::Password | Self::Other(_) => None,
        }
    }
}

impl fmt::Display for TwoFactorMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Totp => "totp",
            Self::Email => "email",
            Self::Password => "password",
            Self::Other(name) => name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_types_map_to_the_contract_codes() {
        let exit = |name: &str| ErrorType::parse(name).exit();
        assert_eq!(exit("totp-invalid"), Exit::VerificationFailed);
        assert_eq!(exit("totp-required"), Exit::VerificationFailed);
        assert_eq!(exit("error-invalid-password"), Exit::VerificationFailed);
        assert_eq!(exit("invalid-totp"), Exit::VerificationFailed);
        assert_eq!(exit("error-invalid-user"), Exit::Refused);
        assert_eq!(exit("error-password-policy-not-met"), Exit::Refused);
        assert_eq!(exit("error-field-unavailable"), Exit::Refused);
        assert_eq!(exit("error-action-not-allowed"), Exit::Refused);
        assert_eq!(exit("invalid-params"), Exit::Refused);
    }

    #[test]
    fn names_survive_a_round_trip() {
        for (name, _) in NAMED.iter().filter(|(name, _)| *name != "error-invalid-params") {
            assert_eq!(ErrorType::parse(name).to_string(), *name);
        }
        let rule = ErrorType::parse("error-password-policy-not-met-minLength");
        assert_eq!(
            rule,
            ErrorType::PasswordPolicyRule("error-password-policy-not-met-minLength".into())
        );
        assert_eq!(ErrorType::parse("something-new"), ErrorType::Other("something-new".into()));
    }

    #[test]
    fn a_method_that_cannot_be_a_header_is_refused() {
        assert_eq!(TwoFactorMethod::parse("totp"), Some(TwoFactorMethod::Totp));
        assert_eq!(
            TwoFactorMethod::parse("webauthn"),
            Some(TwoFactorMethod::Other("webauthn".into()))
        );
        let long = "m".repeat(900);
        for bad in ["", "totp\r\n", "to tp", "totp\u{1b}[2J", "tötp", &long] {
            assert_eq!(TwoFactorMethod::parse(bad), None, "{bad:?}");
        }
    }
}
