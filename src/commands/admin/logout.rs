//! `admin user logout`: end every session of a user, which revokes its personal access tokens
//! too (the server stores both alike). It asks on a terminal; without one it needs `--yes`.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::accounts::users;
use crate::api;
use crate::cli::LogoutArgs;
use crate::commands::{dry_run, logged_in_client};
use crate::exit::{Exit, Failure};
use crate::output::escape;
use crate::settings::Settings;

/// What the user loses, said in the question, the dry run and the summary.
const WHAT: &str = "every session and personal access token";

/// `-o json`: whether a request was sent, and whose sessions ended.
#[derive(Serialize)]
struct LoggedOut<'a> {
    changed: bool,
    username: &'a str,
}

pub fn run(settings: &Settings, args: &LogoutArgs) -> Result<()> {
    if !args.yes && !args.dry_run && !settings.can_prompt {
        return Err(Failure::usage(format!(
            "logging a user out revokes {WHAT} it has and needs confirmation: no terminal to ask on"
        ))
        .hint("pass `--yes` to log out without asking")
        .into());
    }
    let (client, _) = logged_in_client(settings)?;
    let user = users::find(&client, &args.username)?;
    let name = escape(user.username());
    let own = client.user_id() == Some(user.id());
    let yours =
        if own { " (your own: the credentials this command used stop working too)" } else { "" };
    if args.dry_run {
        let request = api::logout_user_request(user.id())?;
        let what = format!("end {WHAT} of {name}{yours}");
        return dry_run::print(settings, &client, &what, &request, dry_run::Nothing {});
    }
    let question = format!("End {WHAT} of {name}{yours}? Its tokens stop working");
    if !args.yes && !crate::input::confirm(&question)? {
        return Err(Failure::new(Exit::Failure, "not logged out: not confirmed").into());
    }
    let change = crate::interrupt::changing(
        format!("the end of {WHAT} of {name}"),
        "running the command again does no harm: it ends whatever is left",
    );
    api::logout_user(&client, user.id())
        .map_err(|err| users::permission(err, "logout-other-user"))?;
    drop(change);
    writeln!(settings.out.status(), "Logged out {name}: ended {WHAT} it had{yours}")?;
    if settings.out.is_json() {
        return settings.out.json(&LoggedOut { changed: true, username: user.username() });
    }
    Ok(())
}
