//! `profile avatar set FILE | --url URL` and `profile avatar reset` (docs/cli.md, "Own
//! account: avatar and presence").

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::accounts::avatar::{read_image, refused};
use crate::api::{self, NewAvatar};
use crate::cli::{AvatarCommand, AvatarSetArgs};
use crate::commands::{dry_run, logged_in_client};
use crate::exit::Failure;
use crate::settings::Settings;

/// What to do about an avatar change whose answer a signal cut off.
const AGAIN: &str = "running the command again does no harm: it sets the same avatar";

pub fn run(settings: &Settings, command: AvatarCommand) -> Result<()> {
    match command {
        AvatarCommand::Set(args) => set(settings, args),
        AvatarCommand::Reset { dry_run } => reset(settings, dry_run),
    }
}

#[derive(Serialize)]
struct Changed {
    changed: bool,
}

fn set(settings: &Settings, args: AvatarSetArgs) -> Result<()> {
    // The file is checked before anything is sent.
    let avatar = match (args.file, args.url) {
        (Some(path), _) => read_image(&path)?,
        (None, Some(url)) => NewAvatar::Url(url),
        (None, None) => return Err(Failure::usage("give an image FILE or --url URL").into()),
    };
    let (client, _) = logged_in_client(settings)?;
    if let NewAvatar::File { bytes, .. } = &avatar {
        let me = api::me(&client)?;
        // Not knowing the current avatar only means it is sent.
        if let Ok((_, current)) = api::current_avatar(&client, me.username())
            && current == *bytes
        {
            writeln!(settings.out.status(), "nothing to change: the server has this avatar")?;
            return print(settings, false);
        }
    }
    let request = api::set_avatar_request(avatar)?;
    if args.dry_run {
        let what = "change the avatar";
        return dry_run::print(settings, &client, what, &request, dry_run::Nothing {});
    }
    let change = crate::interrupt::changing("the new avatar", AGAIN);
    api::set_avatar(&client, &request).map_err(refused)?;
    drop(change);
    writeln!(settings.out.status(), "Changed avatar")?;
    print(settings, true)
}

fn reset(settings: &Settings, dry_run: bool) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let me = api::me(&client)?;
    let request = api::reset_avatar_request(me.username())?;
    if dry_run {
        let what = "reset the avatar";
        return dry_run::print(settings, &client, what, &request, dry_run::Nothing {});
    }
    let change = crate::interrupt::changing("the avatar's reset", AGAIN);
    api::reset_avatar(&client, me.username()).map_err(refused)?;
    drop(change);
    writeln!(settings.out.status(), "Reset avatar to the server's default")?;
    print(settings, true)
}

fn print(settings: &Settings, changed: bool) -> Result<()> {
    if settings.out.is_json() {
        settings.out.json(&Changed { changed })?;
    }
    Ok(())
}
