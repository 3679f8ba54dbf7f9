//! Paging through Rocket.Chat's `count` / `offset` / `total` answers, for every command that
//! reads more than one page (`admin user list`, `api --paginate`, and any later list); pages
//! read several at once are `page_set.rs`'s.
//!
//! A paged endpoint (`users.list`, `channels.list`, `rooms.adminRooms`, ...) answers
//! `{"users": [...], "count": 50, "offset": 0, "total": 250, "success": true}`. The next page
//! starts where this one ended (`offset` + the items it held); the last one reaches `total`, or
//! is empty. A server must not be able to hold a command with that loop (docs/security.md, G1,
//! G2), so [`Pager`] checks every answer and bounds the whole walk:
//!
//! - a page must start at the offset asked for, hold as many items as its `count` says, and not
//!   repeat the page before it (a server that ignores `offset`);
//! - a `total` beyond the item limit is refused as soon as a page says it (which also caps the
//!   items read), and pages, the items' bytes and the time spent are capped ([`Limits`]), so a
//!   `total` that runs ahead of the items ends too.

use std::hash::{DefaultHasher, Hasher as _};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use super::{ApiError, Client, Request};

/// How far one walk through pages may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub pages: u64,
    pub items: u64,
    /// Bytes of the items, as JSON: what a command may end up holding in memory.
    pub bytes: u64,
    pub time: Duration,
}

impl Limits {
    /// 100,000 items in at most 2,000 pages, 64 MiB of items, 15 minutes (docs/cli.md).
    pub const DEFAULT: Self = Self {
        pages: 2_000,
        items: 100_000,
        bytes: 64 * 1024 * 1024,
        time: Duration::from_secs(15 * 60),
    };
}

/// Where a page's items are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    /// A known member (`users`).
    Named(&'static str),
    /// Whatever member holds the one array of the answer (`rocketctl api`, endpoint unknown).
    OnlyArray,
}

/// Why paging stopped: an answer that is not a page, a server that misbehaves, or a limit.
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
    #[error(
        "the server ignores `offset`: asked for the page at offset {asked}, it answered offset \
         {answered}"
    )]
    WrongOffset { asked: u64, answered: u64 },
    #[error(
        "the server ignores `offset`: asked for offset {asked}, it answered the page before again"
    )]
    SamePage { asked: u64 },
    #[error("the page at offset {offset} says `count` {count} but holds {held} items")]
    WrongCount { offset: u64, count: u64, held: u64 },
    #[error(
        "the server says there are {total} items from offset {from}, more than the {limit} rocketctl reads"
    )]
    TotalTooLarge { total: u64, from: u64, limit: u64 },
    #[error("stopped after {limit} pages, and the server's `total` ({total}) promises more")]
    TooManyPages { limit: u64, total: u64 },
    #[error(
        "stopped after {} of items, and the server's `total` ({total}) promises more",
        crate::input_file::size_text(*.limit)
    )]
    TooManyBytes { limit: u64, total: u64 },
    #[error("stopped after {limit} s of paging, and the server's `total` ({total}) promises more")]
    TooLong { limit: u64, total: u64 },
}

/// Checks each answer of a walk through pages and says which page comes next.
#[derive(Debug)]
pub struct Pager {
    items: Items,
    limits: Limits,
    started: Instant,
    /// The first offset: a `total` is counted from here.
    first: Option<u64>,
    /// The offset to ask for next; `None` when the walk is over.
    next: Option<u64>,
    /// The answer must start where it was asked to (the first one too, if the caller knew).
    check_offset: bool,
    /// The member the items were in on the first page.
    key: Option<String>,
    pages: u64,
    bytes: u64,
    /// A fingerprint of the previous page's items, to catch the same page answered again.
    previous: Option<u64>,
    total: Option<u64>,
    /// The answers carry no `offset` (`roles.getUsersInRole`): each page is taken to start
    /// where it was asked to; a server that ignores `offset` still repeats the page before.
    offset_implied: bool,
}

impl Pager {
    /// A walk from `first` (`None`: wherever the server's first answer starts).
    pub fn new(items: Items, first: Option<u64>, limits: Limits) -> Self {
        Self {
            items,
            limits,
            started: Instant::now(),
            first,
            next: Some(first.unwrap_or(0)),
            check_offset: first.is_some(),
            key: None,
            pages: 0,
            bytes: 0,
            previous: None,
            total: None,
            offset_implied: false,
        }
    }

    /// For an endpoint whose pages do not say their `offset`.
    #[must_use]
    pub fn offset_implied(mut self) -> Self {
        self.offset_implied = true;
        self
    }

    /// The offset of the page to ask for next; `None` once the last page was read or a page
    /// was refused.
    pub fn next_offset(&self) -> Option<u64> {
        self.next
    }

    /// The server's `total`, once a page said it.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// Check the answer to the page at [`Pager::next_offset`]; its items.
    pub fn accept(&mut self, body: Value) -> Result<Vec<Value>, PageError> {
        let asked = self.next.take().unwrap_or_default();
        let page = Page::parse(body, self.items, self.offset_implied.then_some(asked))?;
        self.check_page(&page, asked)?;
        let next = page.offset.saturating_add(page.held());
        if page.items.is_empty() || next >= page.total {
            return Ok(page.items);
        }
        self.check_limits(page.total)?;
        self.next = Some(next);
        self.check_offset = true;
        Ok(page.items)
    }

    fn check_page(&mut self, page: &Page, asked: u64) -> Result<(), PageError> {
        match &self.key {
            Some(first) if *first != page.key => {
                return Err(PageError::KeyChanged { first: first.clone(), now: page.key.clone() });
            }
            Some(_) => {}
            None => self.key = Some(page.key.clone()),
        }
        if self.check_offset && page.offset != asked {
            return Err(PageError::WrongOffset { asked, answered: page.offset });
        }
        if let Some(count) = page.count
            && count != page.held()
        {
            return Err(PageError::WrongCount { offset: page.offset, count, held: page.held() });
        }
        let (bytes, fingerprint) = measure(&page.items);
        if !page.items.is_empty() && self.previous == Some(fingerprint) {
            return Err(PageError::SamePage { asked });
        }
        let from = *self.first.get_or_insert(page.offset);
        let left = page.total.saturating_sub(from);
        if left > self.limits.items {
            return Err(PageError::TotalTooLarge {
                total: page.total,
                from,
                limit: self.limits.items,
            });
        }
        self.previous = Some(fingerprint);
        self.total = Some(page.total);
        self.pages += 1;
        self.bytes += bytes;
        Ok(())
    }

    /// Another page is due: refuse it past any limit.
    fn check_limits(&self, total: u64) -> Result<(), PageError> {
        let limits = &self.limits;
        if self.pages >= limits.pages {
            return Err(PageError::TooManyPages { limit: limits.pages, total });
        }
        if self.bytes >= limits.bytes {
            return Err(PageError::TooManyBytes { limit: limits.bytes, total });
        }
        if self.started.elapsed() >= limits.time {
            return Err(PageError::TooLong { limit: limits.time.as_secs(), total });
        }
        Ok(())
    }
}

/// One page of a paged answer.
#[derive(Debug, PartialEq)]
pub(super) struct Page {
    pub(super) key: String,
    pub(super) items: Vec<Value>,
    pub(super) offset: u64,
    pub(super) total: u64,
    pub(super) count: Option<u64>,
}

impl Page {
    /// `implied`: the offset of a page whose answer does not say it.
    pub(super) fn parse(
        body: Value,
        items: Items,
        implied: Option<u64>,
    ) -> Result<Self, PageError> {
        let Value::Object(mut members) = body else {
            return Err(PageError::NotAnObject);
        };
        let offset = match (number(&members, "offset"), implied) {
            (Err(_), Some(asked)) => asked,
            (offset, _) => offset?,
        };
        let total = number(&members, "total")?;
        let count = members.get("count").and_then(Value::as_u64);
        let key = match items {
            Items::Named(name) => name.to_owned(),
            Items::OnlyArray => only_array(&members)?,
        };
        let Some(Value::Array(items)) = members.remove(&key) else {
            return Err(PageError::NoItems);
        };
        Ok(Self { key, items, offset, total, count })
    }

    pub(super) fn held(&self) -> u64 {
        self.items.len() as u64
    }
}

fn number(members: &Map<String, Value>, name: &'static str) -> Result<u64, PageError> {
    members.get(name).and_then(Value::as_u64).ok_or(PageError::MissingNumber(name))
}

/// The name of the one member that holds an array.
fn only_array(members: &Map<String, Value>) -> Result<String, PageError> {
    let arrays: Vec<&String> =
        members.iter().filter(|(_, value)| value.is_array()).map(|(name, _)| name).collect();
    match arrays.as_slice() {
        [] => Err(PageError::NoItems),
        [key] => Ok((*key).clone()),
        many => {
            let names: Vec<String> = many.iter().map(|name| format!("`{name}`")).collect();
            Err(PageError::ManyArrays(names.join(", ")))
        }
    }
}

/// The items' size as JSON and a fingerprint of them, without building the text.
pub(super) fn measure(items: &[Value]) -> (u64, u64) {
    struct Sink {
        bytes: u64,
        hasher: DefaultHasher,
    }
    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.bytes += buf.len() as u64;
            self.hasher.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut sink = Sink { bytes: 0, hasher: DefaultHasher::new() };
    // Writing a `Value` to a sink that never fails cannot fail.
    let _ = serde_json::to_writer(&mut sink, items);
    (sink.bytes, sink.hasher.finish())
}

/// Why a walk through an endpoint's pages ended early.
#[derive(Debug, thiserror::Error)]
pub enum PagingError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error("cannot page through `{endpoint}`: {error}")]
    Page { endpoint: &'static str, error: PageError },
}

/// Every page of a paged endpoint, `count` items a page from offset 0, checked by a [`Pager`]:
/// each item is the page's items, or why the walk ended (after which it yields nothing).
pub struct Pages<'a> {
    client: &'a Client,
    path: &'static str,
    count: u64,
    pager: Pager,
    /// Parameters sent with every page (`role=` of `roles.getUsersInRole`).
    query: Vec<(&'static str, String)>,
}

impl<'a> Pages<'a> {
    pub(super) fn new(
        client: &'a Client,
        path: &'static str,
        items: Items,
        count: u64,
        limits: Limits,
    ) -> Self {
        Self { client, path, count, pager: Pager::new(items, Some(0), limits), query: Vec::new() }
    }

    /// Send `name=value` with every page.
    #[must_use]
    pub(super) fn with_query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    /// The answers do not say their `offset` ([`Pager::offset_implied`]).
    #[must_use]
    pub(super) fn offset_implied(mut self) -> Self {
        self.pager = self.pager.offset_implied();
        self
    }

    /// The server's `total`, once a page said it (for a progress bar).
    pub fn total(&self) -> Option<u64> {
        self.pager.total()
    }
}

impl Iterator for Pages<'_> {
    type Item = Result<Vec<Value>, PagingError>;

    fn next(&mut self) -> Option<Self::Item> {
        let offset = self.pager.next_offset()?;
        let mut request = Request::get(self.path);
        for (name, value) in &self.query {
            request = request.with_query(*name, value.clone());
        }
        let request = request
            .with_query("offset", offset.to_string())
            .with_query("count", self.count.to_string());
        let answer = match self.client.send(&request) {
            Ok(answer) => answer,
            Err(err) => {
                self.pager.next = None;
                return Some(Err(err.into()));
            }
        };
        let endpoint = self.path.rsplit('/').next().unwrap_or(self.path);
        Some(self.pager.accept(answer).map_err(|error| PagingError::Page { endpoint, error }))
    }
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
