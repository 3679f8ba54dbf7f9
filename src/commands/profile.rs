//! `profile show | set-email | set-password | update`.

use anyhow::Result;

use crate::api;
use crate::cli::ProfileCommand;
use crate::settings::Settings;

use super::logged_in_client;

pub fn run(settings: &Settings, command: ProfileCommand) -> Result<()> {
    match command {
        ProfileCommand::Show => show(settings),
        ProfileCommand::SetEmail(_)
        | ProfileCommand::SetPassword(_)
        | ProfileCommand::Update(_) => {
            anyhow::bail!("not implemented yet")
        }
    }
}

fn show(settings: &Settings) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let me = client.get("api/v1/me")?;
    print_user(settings, &api::public_user(&me))
}

fn print_user(settings: &Settings, user: &serde_json::Value) -> Result<()> {
    if settings.out.is_json() {
        settings.out.json(user)
    } else {
        settings.out.field_table(&api::user_rows(user))
    }
}
