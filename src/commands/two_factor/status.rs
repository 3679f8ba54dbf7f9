//! `2fa status`: which second factors are on for the account (its record) and on the server
//! (`settings.public`), and the backup codes left while an authenticator app is enrolled.

use anyhow::Result;
use serde::Serialize;

use crate::accounts::two_factor::OwnTwoFactor;
use crate::api::ServerSwitches;
use crate::commands::logged_in_client;
use crate::settings::Settings;

/// `{"totp", "email", "backupCodes": N | null, "server": {"enabled", "totp", "email"}}`; a
/// server switch the server does not show is `null`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusView {
    totp: bool,
    email: bool,
    backup_codes: Option<u64>,
    server: ServerSwitches,
}

pub fn show(settings: &Settings) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let status = OwnTwoFactor::new(&client).status()?;
    let view = StatusView {
        totp: status.totp,
        email: status.email,
        backup_codes: status.backup_codes,
        server: status.server,
    };
    if settings.out.is_json() {
        return settings.out.json(&view);
    }
    let codes =
        view.backup_codes.map_or_else(|| "(no authenticator app)".to_owned(), |n| n.to_string());
    settings.out.field_table(&[
        ("totp".to_owned(), on_off(Some(view.totp))),
        ("email".to_owned(), on_off(Some(view.email))),
        ("backupCodes".to_owned(), codes),
        ("server.enabled".to_owned(), on_off(view.server.enabled)),
        ("server.totp".to_owned(), on_off(view.server.totp)),
        ("server.email".to_owned(), on_off(view.server.email)),
    ])
}

fn on_off(switch: Option<bool>) -> String {
    match switch {
        Some(true) => "on",
        Some(false) => "off",
        None => "(not shown by the server)",
    }
    .to_owned()
}
