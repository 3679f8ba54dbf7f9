//! `export --all-users [--role ROLE]`: every account the caller can see except its own, as
//! `[[users]]`, to adopt a server that already has them (`apply` of the file changes nothing).
//!
//! The accounts come from `users.list`, page by page (filtered here: servers from 7.0 ignore
//! its query). The list lacks fields the file holds (nickname, bio, custom fields, ...), so each
//! account is then read with `users.info`, a few at a time, and written out as soon as its
//! page is done: the command holds one page, whatever the number of accounts.

use anyhow::Result;
use serde_json::Value;

use super::DEFAULT_PARALLEL;
use crate::accounts::parallel;
use crate::accounts::users::permission;
use crate::api::{self, Client, PagingError, User};
use crate::cli::ExportArgs;
use crate::commands::{logged_in_client, page_limits};
use crate::exit::{Exit, Failure};
use crate::output::JsonStream;
use crate::plan::AccountState;
use crate::plan::convert::{self, Export};
use crate::settings::Settings;

pub fn export(settings: &Settings, args: &ExportArgs) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let mut out = Writer::new(settings, client.server().to_string())?;
    let mut pages = api::users_list_pages(&client, page_limits(settings));
    let mut bar = None;
    while let Some(page) = pages.next() {
        let page = page.map_err(|err| match err {
            PagingError::Api(err) => permission(err, "view-d-room"),
            page => Failure::new(Exit::Failure, page.to_string()).into(),
        })?;
        let bar =
            bar.get_or_insert_with(|| settings.out.progress_bar(pages.total().unwrap_or_default()));
        let listed = page.len() as u64;
        for user in accounts(&client, page, args.role.as_deref())? {
            bar.suspend(|| out.user(&AccountState::from(&user)))?;
        }
        bar.inc(listed);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    out.finish()
}

/// The accounts of one page to export, read in full: not the caller's, and holding `role` when
/// one is given (judged from the list when it shows roles, else from the full record).
fn accounts(client: &Client, page: Vec<Value>, role: Option<&str>) -> Result<Vec<User>> {
    let holds = |user: &User| role.is_none_or(|role| user.roles().iter().any(|r| r == role));
    let names: Vec<String> = page
        .into_iter()
        .map(User::from_value)
        .filter(|user| !user.username().is_empty() && user.id.as_deref() != client.user_id())
        .filter(|user| user.roles.is_none() || holds(user))
        .map(|user| user.username().to_owned())
        .collect();
    let read = parallel::run(&names, DEFAULT_PARALLEL, |name| api::user_info(client, name), |_| {});
    let mut users = Vec::with_capacity(names.len());
    for record in read {
        // One deleted since its page was read is not exported.
        if let Some(user) = record?.filter(holds) {
            users.push(user);
        }
    }
    Ok(users)
}

/// The file on stdout as it is read: TOML block by block, or one JSON document item by item.
enum Writer<'a> {
    Toml(&'a Settings),
    Json(JsonStream<'a>),
}

impl<'a> Writer<'a> {
    /// Starts the file, bound to `server` (the TOML header at once; JSON waits for its first
    /// item).
    fn new(settings: &'a Settings, server: String) -> Result<Self> {
        let head = convert::export(Export { server: Some(server), ..Export::default() });
        if settings.out.is_json() {
            let Value::Object(head) = serde_json::to_value(head)? else {
                anyhow::bail!("an exported file is a table");
            };
            return Ok(Self::Json(settings.out.json_stream(head, "users")));
        }
        settings.out.text(&convert::to_toml(&head)?)?;
        Ok(Self::Toml(settings))
    }

    fn user(&mut self, state: &AccountState) -> Result<()> {
        match self {
            Self::Json(stream) => stream.item(&convert::export_user(state)),
            Self::Toml(settings) => {
                // The block is what a file of this one account holds after `version = 1`.
                let users = std::slice::from_ref(state);
                let file =
                    convert::to_toml(&convert::export(Export { users, ..Export::default() }))?;
                let bare = convert::to_toml(&convert::export(Export::default()))?;
                settings.out.text(file.strip_prefix(bare.as_str()).unwrap_or(&file))
            }
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Self::Json(stream) => stream.finish(),
            Self::Toml(_) => Ok(()),
        }
    }
}
