//! Reading many other accounts at once (a fleet): a page of `users.list` for a hundred
//! accounts where the list's fields suffice, one `users.info` each where they do not.
//!
//! `users.list` gives each user a few fields only (docs/server.md): the username, name, the
//! addresses with their verified flag, roles and `active`. A desired state that names nothing
//! else of an account can be read from the list; one that names a nickname, bio, status text,
//! language, custom fields or `require_password_change` is read with `users.info`. The list is
//! walked only when its pages are fewer than the `users.info` reads they replace: its first page
//! says how many pages there are, and the accounts that page holds are used either way. The
//! other pages are read `parallel` at a time.
//!
//! An account the list does not hold does not exist, as long as the walk was settled (no page
//! saw the list change meanwhile); otherwise, and for every account the list cannot answer for
//! (a caller who may not see other users' roles, a user without an address, a server whose pages
//! cannot be trusted), `users.info` decides, as it does without the list.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use serde_json::Value;

use super::parallel;
use crate::api::{self, Client, PageLimits, PagingError, User};
use crate::fields::TextField;
use crate::plan::DesiredAccount;
use crate::plan::state::CustomFields;

/// Below this many accounts to read from the list, `users.info` each costs no more requests.
const FEWEST_FOR_THE_LIST: usize = 2;

/// One account to read.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    pub username: &'a str,
    /// The list's fields are all that is needed of it ([`list_is_enough`]).
    pub listed: bool,
}

/// Whether `users.list` holds every field `wanted` names: only the name among the text fields,
/// no custom fields, no `require_password_change`. (Its avatar is read apart, and its password
/// and token matter only when it is created.)
pub fn list_is_enough(wanted: &DesiredAccount) -> bool {
    wanted.texts.given().all(|(field, _)| field == TextField::Name)
        && wanted.custom_fields == CustomFields::Keep
        && wanted.require_password_change.is_none()
}

/// Read the record of every account of `wanted`: `found(index, record)` hears of each once, as
/// it is read, from whichever thread read it (`None`: there is no such user). Records are not
/// kept here, so memory does not grow with the fleet.
pub fn read(
    client: &Client,
    wanted: &[Wanted<'_>],
    parallel: usize,
    limits: PageLimits,
    found: impl Fn(usize, Option<User>) + Sync,
) -> Result<()> {
    let done: Vec<AtomicBool> = wanted.iter().map(|_| AtomicBool::new(false)).collect();
    let once = |index: usize, record: Option<User>| {
        if !done[index].swap(true, Ordering::SeqCst) {
            found(index, record);
        }
    };
    from_the_list(client, wanted, parallel, limits, &once)?;
    let rest: Vec<usize> =
        (0..wanted.len()).filter(|&index| !done[index].load(Ordering::SeqCst)).collect();
    let read = |&index: &usize| -> Result<()> {
        once(index, api::user_info(client, wanted[index].username)?);
        Ok(())
    };
    parallel::run(&rest, parallel, read, |_| {}).into_iter().collect()
}

/// The accounts the list can answer for, when walking it is worth it.
fn from_the_list(
    client: &Client,
    wanted: &[Wanted<'_>],
    parallel: usize,
    limits: PageLimits,
    found: &(impl Fn(usize, Option<User>) + Sync),
) -> Result<()> {
    // Usernames are matched as `users.info` matches them, without regard to case; names that
    // are not ASCII are left to it. A name already in lower case is not copied.
    let listed: HashMap<Cow<'_, str>, usize> = wanted
        .iter()
        .enumerate()
        .filter(|(_, one)| one.listed && one.username.is_ascii())
        .map(|(index, one)| (lower(one.username), index))
        .collect();
    if listed.len() < FEWEST_FOR_THE_LIST {
        return Ok(());
    }
    let seen: Vec<AtomicBool> = wanted.iter().map(|_| AtomicBool::new(false)).collect();
    let take = |items: Vec<Value>| take_page(items, &listed, &seen, found);
    let (pages, first) = match api::users_list_page_set(client, limits) {
        Ok(read) => read,
        Err(PagingError::Api(err)) if api::lacks_permission(&err) => return Ok(()),
        Err(PagingError::Api(err)) => return Err(err.into()),
        Err(PagingError::Page { .. }) => return Ok(()),
    };
    if !take(first) {
        return Ok(());
    }
    let offsets = pages.offsets();
    let left = listed.values().filter(|&&index| !seen[index].load(Ordering::SeqCst)).count();
    if offsets.len() >= left {
        return Ok(());
    }
    let read = |&offset: &u64| pages.page(offset).map(take);
    let mut trusted = pages.settled();
    for page in parallel::run(&offsets, parallel, read, |_| {}) {
        match page {
            Ok(carried) => trusted &= carried,
            Err(PagingError::Api(err)) => return Err(err.into()),
            Err(PagingError::Page { .. }) => trusted = false,
        }
    }
    if trusted && pages.settled() {
        for &index in listed.values() {
            if !seen[index].load(Ordering::SeqCst) {
                found(index, None);
            }
        }
    }
    Ok(())
}

fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Hand on the wanted accounts of one page; false when the page shows the caller cannot see
/// other users' roles (the list then answers for nothing).
fn take_page(
    items: Vec<Value>,
    listed: &HashMap<Cow<'_, str>, usize>,
    seen: &[AtomicBool],
    found: &(impl Fn(usize, Option<User>) + Sync),
) -> bool {
    let mut carried = true;
    for item in items {
        // Only the accounts wanted are read into records.
        let Some(&index) = listed.get(&lower(User::username_in(&item))) else { continue };
        let user = User::from_value(item);
        seen[index].store(true, Ordering::SeqCst);
        if user.roles.is_none() {
            carried = false;
        } else if user.emails.is_some() {
            found(index, Some(user));
        }
    }
    carried
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Texts;

    #[test]
    fn the_list_is_enough_for_names_addresses_roles_and_flags_only() {
        let bot = DesiredAccount {
            email: Some("b@x".into()),
            texts: Texts::from_fn(|f| (f == TextField::Name).then(|| "Bot".to_owned())),
            roles: Some(vec!["bot".into()]),
            active: Some(true),
            verified: Some(false),
            ..DesiredAccount::default()
        };
        assert!(list_is_enough(&bot));
        for field in
            [TextField::Nickname, TextField::Bio, TextField::StatusText, TextField::Language]
        {
            let mut named = bot.clone();
            named.texts.set(field, Some("x".into()));
            assert!(!list_is_enough(&named), "{field:?}");
        }
        let fields = CustomFields::Exactly(std::collections::BTreeMap::new());
        assert!(!list_is_enough(&DesiredAccount { custom_fields: fields, ..bot.clone() }));
        let change = Some(false);
        assert!(!list_is_enough(&DesiredAccount { require_password_change: change, ..bot }));
    }

    #[test]
    fn a_page_hands_on_wanted_accounts_and_says_when_roles_are_hidden() {
        let listed = HashMap::from([(Cow::from("a-bot"), 0), (Cow::from("b-bot"), 1)]);
        let seen = [AtomicBool::new(false), AtomicBool::new(false)];
        let heard = std::sync::Mutex::new(Vec::new());
        let found = |index: usize, user: Option<User>| {
            heard.lock().unwrap().push((index, user.map(|u| u.username().to_owned())));
        };
        let page = serde_json::json!([
            {"username": "A-Bot", "emails": [], "roles": ["bot"]},
            {"username": "other", "emails": [], "roles": ["user"]},
            {"username": "b-bot", "roles": ["bot"]},
        ]);
        let items = page.as_array().cloned().unwrap();
        assert!(take_page(items, &listed, &seen, &found));
        assert_eq!(*heard.lock().unwrap(), [(0, Some("A-Bot".to_owned()))]);
        assert!(seen[1].load(Ordering::SeqCst), "listed without an address: users.info decides");
        let hidden = serde_json::json!([{"username": "a-bot", "name": "A"}]);
        assert!(!take_page(hidden.as_array().cloned().unwrap(), &listed, &seen, &found));
    }
}
