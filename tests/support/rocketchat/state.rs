//! The server's state: settings, users, planned faults and the request log. Setting defaults
//! are Rocket.Chat's (6.x-8.x) except the rate limiters, off unless a test turns them on (as
//! in the server's TEST_MODE).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Mode;
use super::flight::Flight;
use super::permissions::{default_permissions, default_roles};
use super::user::{TokenInfo, User};
use super::util::{hash_token, now_ms, random_token};
use crate::support::Recorded;

/// The administration settings that change what the server allows (all default on).
#[derive(Debug, Clone)]
pub struct ServerSettings {
    pub allow_user_profile_change: bool,
    pub allow_username_change: bool,
    pub allow_real_name_change: bool,
    pub allow_email_change: bool,
    pub allow_password_change: bool,
    pub allow_status_message_change: bool,
    pub allow_invisible_status: bool,
    pub two_factor_enabled: bool,
    pub require_name: bool,
    /// `Accounts_CustomFields`: field name → `{type, required, options, minLength, maxLength}`.
    pub custom_fields: Option<Value>,
    pub password_policy: Option<PasswordPolicy>,
    /// Default API limiter: calls per window per route and IP (None: off, like TEST_MODE).
    pub rate_limit: Option<(u32, Duration)>,
    /// 8.x route limit on `users.updateOwnBasicInfo` (1 per 60 s on a real server).
    pub profile_rate_limit: Option<(u32, Duration)>,
    /// A server that leaks: answer `/me` with the raw document (services and all).
    pub raw_me: bool,
    /// `removeOtherTokens` failed and `_clearAllLoginTokens` ran: the caller's token dies too.
    pub revoke_all_tokens_on_password_change: bool,
    /// 3.x–7.x: `setEmail` wrapped by `RateLimiter.limitFunction(_, 1, 60000)` per user. It
    /// fires inside the method, after the fields before the email were already written.
    pub email_function_limit: Option<Duration>,
    /// Every route answers user documents raw, `services` and all, the way a leaking or
    /// misconfigured server would (off: each route sanitizes as its version does).
    pub raw_documents: bool,
    /// `Accounts_TwoFactorAuthentication_By_TOTP_Enabled` / `_By_Email_Enabled`.
    pub two_factor_by_totp: bool,
    pub two_factor_by_email: bool,
    /// `_By_Email_Auto_Opt_In`: users created by `users.create` get e-mail 2FA.
    pub two_factor_email_auto_opt_in: bool,
    /// `_Enforce_Password_Fallback`: users without TOTP/e-mail answer with their password.
    pub enforce_password_fallback: bool,
    /// `_RememberFor`: the "remember me" window and the grace window after sign-up.
    pub two_factor_remember_for: Duration,
    /// The 8.5.x regression (#38017, fixed by #41065): bypass tokens are challenged anyway.
    pub challenge_bypass_tokens: bool,
    /// `Accounts_AllowUserAvatarChange`.
    pub allow_user_avatar_change: bool,
    /// `FileUpload_MaxFileSize` in bytes (-1: unlimited).
    pub max_file_size: i64,
    /// `Accounts_AvatarBlockUnauthenticatedAccess`: `/avatar/<name>` needs `rc_uid`/`rc_token`.
    pub avatar_block_unauthenticated: bool,
    /// 8.x route limit on `users.setStatus` (5 per 60 s on a real server since 2026).
    pub status_rate_limit: Option<(u32, Duration)>,
    /// `API_Default_Count` and `API_Upper_Count_Limit` for paged lists.
    pub default_count: usize,
    pub max_count: usize,
    /// More public settings for `settings.public`: id → value.
    pub public_extra: Vec<(String, Value)>,
    /// Added before every answer, outside the state lock, so that concurrent requests wait
    /// together as they would on a network (`scripts/bench` uses 20 ms; zero in the tests).
    pub latency: Duration,
    /// The server runs with `TEST_MODE=true`, as Rocket.Chat's own end-to-end suite does: no
    /// two-factor check unless the route requires a second factor (`checkCodeForUser`).
    pub test_mode: bool,
    /// How `users.update` and `users.updateOwnBasicInfo` store `customFields` (None: what the
    /// mode's version does, [`State::custom_fields_write`]).
    pub custom_fields_write: Option<CustomFieldsWrite>,
    /// Values of the settings that have no field above, by id (`settings_registry.rs`).
    pub stored: BTreeMap<String, Value>,
    /// Settings made read-only by the `SETTINGS_BLOCKED` environment variable.
    pub blocked: BTreeSet<String>,
    /// What `/api/info` reports instead of the mode's version: `8.8` adds the 8.8 REST routes
    /// for TOTP enrolment (`totp_routes.rs`) to the `V8` mode.
    pub version: Option<String>,
}

/// What a server does with a `customFields` object on `users.update`/`updateOwnBasicInfo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomFieldsWrite {
    /// 7.x and earlier: the stored object becomes exactly the configured keys sent.
    Replace,
    /// Newer (Rocket.Chat issue 37993 and its fix): the keys sent are set, the others kept.
    Merge,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            allow_user_profile_change: true,
            allow_username_change: true,
            allow_real_name_change: true,
            allow_email_change: true,
            allow_password_change: true,
            allow_status_message_change: true,
            allow_invisible_status: true,
            two_factor_enabled: true,
            require_name: true,
            custom_fields: None,
            password_policy: None,
            rate_limit: None,
            profile_rate_limit: None,
            raw_me: false,
            revoke_all_tokens_on_password_change: false,
            email_function_limit: None,
            raw_documents: false,
            two_factor_by_totp: true,
            two_factor_by_email: true,
            two_factor_email_auto_opt_in: true,
            enforce_password_fallback: true,
            two_factor_remember_for: Duration::from_secs(1800),
            challenge_bypass_tokens: false,
            allow_user_avatar_change: true,
            max_file_size: 104_857_600,
            avatar_block_unauthenticated: false,
            status_rate_limit: None,
            default_count: 50,
            max_count: 100,
            public_extra: Vec::new(),
            latency: Duration::ZERO,
            test_mode: false,
            custom_fields_write: None,
            stored: BTreeMap::new(),
            blocked: BTreeSet::new(),
            version: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PasswordPolicy {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub forbid_repeating: Option<usize>,
    pub lowercase: bool,
    pub uppercase: bool,
    pub number: bool,
    pub special: bool,
}

/// A planned failure for the next requests to one endpoint.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Read the request, close the connection without acting on it.
    DropBeforeApply,
    /// Act on the request, then close the connection without answering.
    DropAfterApply,
    /// Accept and never answer (closes after the duration).
    Hang(Duration),
    /// Wait, then answer normally.
    Delay(Duration),
    /// 502 with a proxy's HTML page, without acting.
    Html502,
    /// Act on it, then answer 502 with HTML.
    Html502AfterApply,
    /// 200 with an HTML page (a captive portal), without acting.
    NonJson200,
    /// A redirect to `location`, without acting.
    Redirect { status: u16, location: String },
    /// Any status and body, without acting.
    Respond { status: u16, content_type: String, body: String, headers: Vec<(String, String)> },
    /// Headers promising 100 bytes, 14 sent.
    Truncated,
    /// One byte at a time.
    Drip(Duration),
    /// The headers at once, then the body one byte at a time.
    DripBody(Duration),
    /// Echo the request (headers and body) in the answer: a 200 adds it to the real answer,
    /// any other status puts it in the error message, as JSON or as an HTML page.
    Echo { status: u16, html: bool },
    /// A huge 200 JSON body.
    Huge(usize),
}

#[derive(Debug, Clone)]
pub struct FaultRule {
    pub endpoint: String,
    pub fault: Fault,
    /// Requests to let through untouched before the fault starts.
    pub skip: usize,
    pub times: usize,
}

#[derive(Debug)]
pub struct State {
    pub mode: Mode,
    /// Path prefix of ROOT_URL, e.g. `/chat` ("" for none).
    pub prefix: String,
    pub settings: ServerSettings,
    pub users: Vec<User>,
    pub log: Vec<Recorded>,
    pub faults: Vec<FaultRule>,
    /// Codes sent by the email method: (username, code).
    pub outbox: Vec<(String, String)>,
    /// Permission id → roles holding it (Rocket.Chat's defaults; tests may change them).
    pub permissions: BTreeMap<String, Vec<String>>,
    /// Roles that exist (`users.create` refuses others).
    pub roles: Vec<String>,
    /// Permission id → when it last changed (`_updatedAt`), for the ones changed since start.
    pub permission_updated: HashMap<String, u64>,
    /// When the server started (the `_updatedAt` of untouched permissions).
    pub started_at: u64,
    /// What the server gets when it fetches an avatar URL: url → (status, content type, bytes).
    pub remote_avatars: HashMap<String, (u16, String, Vec<u8>)>,
    pub(super) email_codes: HashMap<String, (String, Instant)>,
    /// Last `setEmail` call per user id, for `email_function_limit`.
    pub(super) email_calls: HashMap<String, Instant>,
    /// The limiter's window per route and method (`limits.rs`).
    pub(super) rate: HashMap<String, super::limits::RouteWindow>,
    /// The route of every call the limiter answered 429, in order.
    pub too_many: Vec<String>,
    /// Per login token (by hash): what kind it is and its two-factor "remember me".
    pub(super) token_info: HashMap<String, TokenInfo>,
    pub(super) next_id: u64,
    /// Requests in flight, and the hold that makes concurrency visible.
    pub flight: Arc<Flight>,
}

impl State {
    pub fn new(mode: Mode) -> Self {
        Self {
            mode,
            prefix: String::new(),
            settings: ServerSettings::default(),
            users: Vec::new(),
            log: Vec::new(),
            faults: Vec::new(),
            outbox: Vec::new(),
            permissions: default_permissions(),
            roles: default_roles(),
            permission_updated: HashMap::new(),
            started_at: now_ms(),
            remote_avatars: HashMap::new(),
            email_codes: HashMap::new(),
            email_calls: HashMap::new(),
            rate: HashMap::new(),
            too_many: Vec::new(),
            token_info: HashMap::new(),
            next_id: 1,
            flight: Arc::default(),
        }
    }

    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.trim_end_matches('/').to_owned();
        self
    }

    /// Add a user; an empty `id` gets a fresh one (a set one, like `rocket.cat`, is kept).
    pub fn add_user(&mut self, mut user: User) -> String {
        // Rocket.Chat ids are 17 characters of Meteor's id alphabet.
        const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
        let seed = Sha256::digest(format!("{}#{}", user.username, self.next_id).as_bytes());
        if user.id.is_empty() {
            user.id = seed
                .iter()
                .take(17)
                .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
                .collect();
        }
        self.next_id += 1;
        let id = user.id.clone();
        self.users.push(user);
        id
    }

    /// What is stored beside a login token's hash (a PAT's name, its bypass flag...).
    pub fn token_info(&self, hashed: &str) -> Option<&TokenInfo> {
        self.token_info.get(hashed)
    }

    pub fn find_by_username(&self, username: &str) -> Option<&User> {
        self.users.iter().find(|u| u.username.eq_ignore_ascii_case(username))
    }

    pub fn issue_token(&mut self, username: &str) -> String {
        let token = random_token(&format!("{username}{}", self.next_id));
        self.next_id += 1;
        let user = self.users.iter_mut().find(|u| u.username == username).expect("user exists");
        user.tokens.push(hash_token(&token));
        token
    }

    /// The version this server reports (`8.7`, or [`ServerSettings::version`]).
    pub fn version(&self) -> String {
        self.settings.version.clone().unwrap_or_else(|| self.mode.version().to_owned())
    }

    /// Whether the reported version is `major.minor` or later.
    pub fn version_at_least(&self, major: u32, minor: u32) -> bool {
        let version = self.version();
        let mut parts = version.split('.').map(|part| part.parse::<u32>().unwrap_or(0));
        (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (major, minor)
    }

    /// The custom-field write behaviour in force: the test's pick, else the mode's version's.
    pub fn custom_fields_write(&self) -> CustomFieldsWrite {
        self.settings.custom_fields_write.unwrap_or(if self.mode == Mode::V8 {
            CustomFieldsWrite::Merge
        } else {
            CustomFieldsWrite::Replace
        })
    }

    pub(super) fn user_mut(&mut self, id: &str) -> &mut User {
        self.users.iter_mut().find(|u| u.id == id).expect("authenticated user exists")
    }

    pub(super) fn take_fault(&mut self, path: &str) -> Option<Fault> {
        let rule = self
            .faults
            .iter_mut()
            .find(|rule| rule.times > 0 && path.ends_with(&format!("/{}", rule.endpoint)))?;
        if rule.skip > 0 {
            rule.skip -= 1;
            return None;
        }
        rule.times -= 1;
        Some(rule.fault.clone())
    }
}
