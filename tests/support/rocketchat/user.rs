//! A user as the server stores it (6.x-8.x `users` collection, reduced), and what it keeps per
//! login token: a personal access token's name and flag, the two-factor "remember me".

use std::time::Instant;

use serde_json::{Map, Value};

use super::util::{hash_token, now_ms, sha256_hex};

/// When seeded users were created: long before any two-factor grace window.
pub const LONG_AGO_MS: u64 = 1_700_000_000_000;

#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub username: String,
    pub name: String,
    pub nickname: Option<String>,
    pub bio: Option<String>,
    pub emails: Vec<(String, bool)>,
    pub status_text: Option<String>,
    pub status: String,
    /// SHA-256 hex of the password (the real server bcrypts this digest).
    pub password_digest: Option<String>,
    pub password_history: Vec<String>,
    pub totp_secret: Option<Vec<u8>>,
    /// `services.totp.tempSecret`: set by an enrolment that was not confirmed yet.
    pub totp_temp_secret: Option<Vec<u8>>,
    /// TOTP backup codes (the real server keeps them hashed in `services.totp.hashedBackup`).
    pub backup_codes: Vec<String>,
    pub email2fa: bool,
    /// base64(sha256(token)) of every live login token.
    pub tokens: Vec<String>,
    pub custom_fields: Option<Map<String, Value>>,
    pub roles: Vec<String>,
    pub require_password_change: bool,
    /// The document has a `requirePasswordChange` key (set by a create or update, either way).
    pub require_password_change_stored: bool,
    /// `requirePasswordChangeReason`, which only a direct database write sets.
    pub require_password_change_reason: Option<String>,
    pub updated_at: u64,
    /// Milliseconds since the epoch; two-factor routes trust a user for `RememberFor` after it.
    pub created_at: u64,
    pub active: bool,
    /// `statusDefault`, what `users.setStatus` sets beside `status`.
    pub status_default: String,
    /// `language`, set by `users.setPreferences`.
    pub language: Option<String>,
    pub avatar: Option<Avatar>,
    /// Rooms joined (`GENERAL` when `users.create` joined the default channels).
    pub rooms: Vec<String>,
    /// `emails.0.verified` was asked for, `users.create` sent the welcome e-mail, etc.
    pub welcome_email_sent: bool,
}

/// An uploaded avatar as `/avatar/<username>` serves it.
#[derive(Debug, Clone)]
pub struct Avatar {
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// `avatarETag` on the user document, new on every upload.
    pub etag: String,
    /// `avatarOrigin`: `upload` or `url`.
    pub origin: String,
}

/// What the server keeps beside a login token's hash (`services.resume.loginTokens[]`).
#[derive(Debug, Clone, Default)]
pub struct TokenInfo {
    /// Set for a personal access token.
    pub pat: Option<PersonalToken>,
    /// Two-factor "remember me": md5(user agent, IP) stand-in and until when.
    pub remembered: Option<(String, Instant)>,
}

#[derive(Debug, Clone)]
pub struct PersonalToken {
    pub name: String,
    pub created_at: u64,
    pub last_token_part: String,
    pub bypass_two_factor: bool,
}

impl User {
    pub fn new(username: &str, password: &str) -> Self {
        Self {
            id: String::new(),
            username: username.to_owned(),
            name: username.to_owned(),
            nickname: None,
            bio: None,
            emails: vec![(format!("{username}@example.com"), true)],
            status_text: None,
            status: "online".to_owned(),
            password_digest: Some(sha256_hex(password)),
            password_history: Vec::new(),
            totp_secret: None,
            totp_temp_secret: None,
            backup_codes: Vec::new(),
            email2fa: false,
            tokens: Vec::new(),
            custom_fields: None,
            roles: vec!["user".to_owned()],
            require_password_change: false,
            require_password_change_stored: false,
            require_password_change_reason: None,
            updated_at: now_ms(),
            created_at: LONG_AGO_MS,
            active: true,
            status_default: "online".to_owned(),
            language: None,
            avatar: None,
            rooms: Vec::new(),
            welcome_email_sent: false,
        }
    }

    pub fn with_totp(mut self, secret: &[u8]) -> Self {
        self.totp_secret = Some(secret.to_vec());
        self
    }

    pub fn with_backup_code(mut self, code: &str) -> Self {
        self.backup_codes.push(code.to_owned());
        self
    }

    pub fn with_email_2fa(mut self) -> Self {
        self.email2fa = true;
        self
    }

    pub fn email(&self) -> Option<&str> {
        self.emails.first().map(|(address, _)| address.as_str())
    }

    pub fn password_is(&self, password: &str) -> bool {
        self.password_digest.as_deref() == Some(sha256_hex(password).as_str())
    }

    /// A user with these roles instead of `user`.
    pub fn with_roles(mut self, roles: &[&str]) -> Self {
        self.roles = roles.iter().map(|r| (*r).to_owned()).collect();
        self
    }

    /// Created just now: inside the two-factor grace window after sign-up.
    pub fn created_now(mut self) -> Self {
        self.created_at = now_ms();
        self
    }

    pub fn has_token(&self, token: &str) -> bool {
        self.tokens.contains(&hash_token(token))
    }
}
