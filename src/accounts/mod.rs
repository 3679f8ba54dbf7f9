//! Account operations, below the commands and above the API: changing one's own profile,
//! creating another account with its token, changing another account, each written once with
//! its checks, its second factor and the re-read that decides what is reported.
//!
//! `profile`, `admin` and the desired-state commands call down into these; command groups never
//! call each other. Nothing here prints data: the commands decide what a user sees.
//!
//! - `second_factor.rs`: the one driver that answers a route's two-factor challenge
//! - `requested.rs`: what a changing command asked for, checked locally
//! - `change.rs`: one account's profile request planned from the engine's changes, and what a
//!   re-read shows of it
//! - `own/`: changing one's own profile; `users.rs`: other accounts
//! - `custom_fields.rs`, `summary.rs`, `password.rs`, `token.rs`: what those share
//! - `fleet.rs`: reading many accounts at once, a page of `users.list` for a hundred where its
//!   fields suffice; `parallel.rs`: the few threads that read and change accounts at once
//! - `two_factor.rs`: one's own second factors (e-mailed codes, TOTP enrolment, backup codes)
//! - `permissions.rs`, `roles.rs`, `settings.rs`: the server-wide tables (which roles hold a
//!   permission, who holds a role, settings by id), and the check a new account's token step
//!   needs before the account is created

pub mod avatar;
pub mod change;
pub mod custom_fields;
pub mod fleet;
pub mod own;
pub mod parallel;
pub mod password;
pub mod permissions;
pub mod requested;
pub mod roles;
pub mod second_factor;
pub mod settings;
pub mod summary;
pub mod token;
pub mod two_factor;
pub mod users;
