//! `--paginate`: every page of a `count`/`offset`/`total` endpoint, merged into one array.
//!
//! Rocket.Chat's paged endpoints (`users.list`, `channels.list`, `rooms.adminRooms`, ...) answer
//! `{"users": [...], "count": 50, "offset": 0, "total": 250, "success": true}`. The items sit in
//! the one member that holds an array, whatever its name. The next page starts where this one
//! ended (`offset` + the items it held); the last page is the one that reaches `total`, or an
//! empty one. A server that ignores `offset` would repeat a page forever, so a page must start
//! where it was asked to.

use serde_json::{Map, Value};

/// Why an answer cannot be merged as a page.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PageError {
    #[error("the answer is not a JSON object")]
    NotAnObject,
    #[error("the answer has no `{0}` number")]
    MissingNumber(&'static str),
    #[error("the answer has no array of items")]
    NoItems,
    #[error("the answer has more than one array ({0}), so its items are ambiguous")]
    ManyArrays(String),
    #[error("the items moved from `{first}` to `{now}` between pages")]
    KeyChanged { first: String, now: String },
    #[error("asked for the page at offset {asked}, the server answered offset {answered}")]
    WrongOffset { asked: u64, answered: u64 },
}

/// One page of a paged answer.
#[derive(Debug, PartialEq)]
struct Page {
    key: String,
    items: Vec<Value>,
    offset: u64,
    total: u64,
}

impl Page {
    fn parse(body: Value) -> Result<Self, PageError> {
        let Value::Object(mut members) = body else {
            return Err(PageError::NotAnObject);
        };
        let offset = number(&members, "offset")?;
        let total = number(&members, "total")?;
        let arrays: Vec<&String> =
            members.iter().filter(|(_, value)| value.is_array()).map(|(name, _)| name).collect();
        let key = match arrays.as_slice() {
            [] => return Err(PageError::NoItems),
            [key] => (*key).clone(),
            many => {
                let names: Vec<String> = many.iter().map(|name| format!("`{name}`")).collect();
                return Err(PageError::ManyArrays(names.join(", ")));
            }
        };
        let Some(Value::Array(items)) = members.remove(&key) else {
            unreachable!("`{key}` was found holding an array");
        };
        Ok(Self { key, items, offset, total })
    }
}

fn number(members: &Map<String, Value>, name: &'static str) -> Result<u64, PageError> {
    members.get(name).and_then(Value::as_u64).ok_or(PageError::MissingNumber(name))
}

/// What to do after a page.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// Ask for the page at this offset.
    Fetch(u64),
    /// That was the last page.
    Done,
}

/// The items of every page so far.
#[derive(Debug, Default)]
pub struct Pages {
    key: Option<String>,
    items: Vec<Value>,
    asked: Option<u64>,
}

impl Pages {
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes one page's answer and says which page comes next.
    pub fn add(&mut self, body: Value) -> Result<Next, PageError> {
        let page = Page::parse(body)?;
        match &self.key {
            Some(first) if *first != page.key => {
                return Err(PageError::KeyChanged { first: first.clone(), now: page.key });
            }
            Some(_) => {}
            None => self.key = Some(page.key),
        }
        if let Some(asked) = self.asked
            && asked != page.offset
        {
            return Err(PageError::WrongOffset { asked, answered: page.offset });
        }
        let held = page.items.len() as u64;
        self.items.extend(page.items);
        let next = page.offset.saturating_add(held);
        if held == 0 || next >= page.total {
            return Ok(Next::Done);
        }
        self.asked = Some(next);
        Ok(Next::Fetch(next))
    }

    /// Every page's items, in order, as one array.
    pub fn into_items(self) -> Value {
        Value::Array(self.items)
    }
}

/// The same query for the page at `offset`: any `offset` already there is replaced, every
/// other parameter is kept in its order.
pub fn set_offset(query: &mut Vec<(String, String)>, offset: u64) {
    query.retain(|(name, _)| name != "offset");
    query.push(("offset".to_owned(), offset.to_string()));
}

#[cfg(test)]
#[path = "paginate_tests.rs"]
mod tests;
