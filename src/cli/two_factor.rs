//! `2fa status | email enable|disable | totp enable|disable | backup-codes [--regenerate]`.

use clap::{Args, Subcommand};

use super::inputs::{CurrentPasswordArgs, TwoFactorArgs};

#[derive(Debug, Subcommand)]
pub enum TwoFactorCommand {
    /// Show which second factors are on for your account and on the server
    ///
    /// Reads your record (authenticator app, e-mailed codes), the server's two-factor settings
    /// and, with an authenticator app, how many backup codes are left. Changes nothing.
    #[command(after_long_help = "Examples:
  rocketctl 2fa status
  rocketctl 2fa status -o json
  rocketctl 2fa status --jq .totp")]
    Status,

    /// Turn codes by e-mail on or off for your account
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl 2fa email enable
  rocketctl 2fa email disable --2fa-code 123456")]
    Email(FactorCommand),

    /// Enrol an authenticator app (TOTP) from a terminal, or remove it
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl 2fa totp enable
  rocketctl 2fa totp disable --2fa-code 123456")]
    Totp(TotpCommand),

    /// Show how many backup codes are left, or make a new set (shown once)
    ///
    /// Backup codes stand in for the authenticator app, each once. --regenerate makes twelve
    /// new ones (the old ones stop working) for a current code, and prints them once: one a
    /// line on stdout, or as `{"codes": [...]}` with -o json. Keep them somewhere safe.
    #[command(after_long_help = "Examples:
  rocketctl 2fa backup-codes
  rocketctl 2fa backup-codes --regenerate
  rocketctl 2fa backup-codes --regenerate --2fa-code 123456 > backup-codes.txt")]
    BackupCodes(BackupCodesArgs),
}

#[derive(Debug, Subcommand)]
pub enum FactorCommand {
    /// Turn codes by e-mail on: every address of the account must be verified
    ///
    /// From then on the server mails a code whenever it asks for a second factor. The server
    /// logs the account's other sessions out (personal access tokens stay).
    #[command(after_long_help = "Examples:
  rocketctl 2fa email enable")]
    Enable(ChangeArgs),

    /// Turn codes by e-mail off: the server asks for a second factor first
    ///
    /// The server mails a code (or asks for your authenticator app's, or for your password
    /// when the account has no other factor): give it with --2fa-code, or type it when asked.
    #[command(after_long_help = "Examples:
  rocketctl 2fa email disable
  rocketctl 2fa email disable --2fa-code 123456")]
    Disable(ChangeArgs),
}

#[derive(Debug, Subcommand)]
pub enum TotpCommand {
    /// Enrol an authenticator app: scan the QR code, type a code, keep the backup codes
    ///
    /// Needs a terminal. The server makes a new secret, shown as a QR code with its
    /// otpauth:// URL and the secret in base32 (on the terminal only, never in logs or -v);
    /// then a code from the app confirms it, and the twelve backup codes the server returns
    /// are printed once on stdout. The server logs the account's other sessions out (personal
    /// access tokens stay). Servers from 8.8 ask for the factor you have first (your password
    /// when you have none): --2fa-code and the password inputs answer that, not the app's
    /// first code, which is always typed.
    #[command(after_long_help = "Examples:
  rocketctl 2fa totp enable
  rocketctl 2fa totp enable --password-file ~/.rc-password")]
    Enable(ChangeArgs),

    /// Remove the authenticator app: needs a current code from it, or a backup code
    #[command(after_long_help = "Examples:
  rocketctl 2fa totp disable
  rocketctl 2fa totp disable --2fa-code 123456")]
    Disable(ChangeArgs),
}

/// The inputs that answer the server's second-factor checks.
#[derive(Debug, Args)]
pub struct ChangeArgs {
    #[command(flatten)]
    pub password: CurrentPasswordArgs,
    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}

#[derive(Debug, Args)]
pub struct BackupCodesArgs {
    /// Make twelve new backup codes (the old ones stop working) and print them once
    #[arg(long)]
    pub regenerate: bool,
    #[command(flatten)]
    pub password: CurrentPasswordArgs,
    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}
