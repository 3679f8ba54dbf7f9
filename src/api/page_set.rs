//! The pages of a paged endpoint read in any order, several at once: the first page, read
//! alone, says the `total` and how many items the server gives a page (it may clamp `count`),
//! so every other page's offset is known before any of them is read.
//!
//! Each page is checked as the sequential [`super::Pager`] checks it: it starts at the offset
//! asked for, holds as many items as its `count` says, and is not a page already seen (a
//! server that ignores `offset`); the walk is bounded by the same [`Limits`]. A page whose
//! `total` differs from the first's, or that holds fewer items than its place promises, means
//! the list changed while it was read: the walk is then *unsettled*, and an item it did not
//! show may exist after all.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use serde_json::Value;

use super::paging::{Items, Limits, Page, PageError, PagingError, measure};
use super::{Client, Request};

/// What the first page said, and the checks every other page must pass.
#[derive(Debug)]
pub struct PageChecks {
    items: Items,
    limits: Limits,
    started: Instant,
    /// Items a page, as the server gave the first one.
    size: u64,
    total: u64,
    /// Fingerprints of the pages read so far.
    seen: Mutex<HashSet<u64>>,
    bytes: AtomicU64,
    settled: AtomicBool,
}

impl PageChecks {
    /// Check the first page (asked for at offset 0); its items, and the checks for the others.
    pub fn first(
        items: Items,
        limits: Limits,
        body: Value,
    ) -> Result<(Self, Vec<Value>), PageError> {
        let page = Page::parse(body, items, None)?;
        if page.offset != 0 {
            return Err(PageError::WrongOffset { asked: 0, answered: page.offset });
        }
        check_count(&page)?;
        if page.total > limits.items {
            return Err(PageError::TotalTooLarge {
                total: page.total,
                from: 0,
                limit: limits.items,
            });
        }
        let (bytes, fingerprint) = measure(&page.items);
        let checks = Self {
            items,
            limits,
            started: Instant::now(),
            size: page.held(),
            total: page.total,
            seen: Mutex::new(HashSet::from([fingerprint])),
            bytes: AtomicU64::new(bytes),
            settled: AtomicBool::new(true),
        };
        let pages = checks.offsets().len() as u64 + 1;
        if pages > limits.pages {
            return Err(PageError::TooManyPages { limit: limits.pages, total: page.total });
        }
        Ok((checks, page.items))
    }

    /// The offsets of the pages after the first, in order.
    pub fn offsets(&self) -> Vec<u64> {
        if self.size == 0 {
            return Vec::new();
        }
        (1..self.total.div_ceil(self.size)).map(|page| page * self.size).collect()
    }

    /// Whether every page read so far agreed with the first about the list.
    pub fn settled(&self) -> bool {
        self.settled.load(Ordering::Relaxed)
    }

    /// Check the answer to the page asked for at `asked`; its items.
    pub fn accept(&self, asked: u64, body: Value) -> Result<Vec<Value>, PageError> {
        let page = Page::parse(body, self.items, None)?;
        if page.offset != asked {
            return Err(PageError::WrongOffset { asked, answered: page.offset });
        }
        check_count(&page)?;
        let (bytes, fingerprint) = measure(&page.items);
        let new = self.seen.lock().unwrap_or_else(PoisonError::into_inner).insert(fingerprint);
        if !page.items.is_empty() && !new {
            return Err(PageError::SamePage { asked });
        }
        let promised = self.size.min(self.total.saturating_sub(asked));
        if page.total != self.total || page.held() < promised {
            self.settled.store(false, Ordering::Relaxed);
        }
        let bytes = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if bytes > self.limits.bytes {
            return Err(PageError::TooManyBytes { limit: self.limits.bytes, total: self.total });
        }
        Ok(page.items)
    }

    /// Another page is due: refuse it once the walk has taken too long.
    fn check_time(&self) -> Result<(), PageError> {
        if self.started.elapsed() >= self.limits.time {
            return Err(PageError::TooLong {
                limit: self.limits.time.as_secs(),
                total: self.total,
            });
        }
        Ok(())
    }
}

fn check_count(page: &Page) -> Result<(), PageError> {
    match page.count {
        Some(count) if count != page.held() => {
            Err(PageError::WrongCount { offset: page.offset, count, held: page.held() })
        }
        _ => Ok(()),
    }
}

/// A paged endpoint whose first page was read: the other pages, in any order, from any thread.
pub struct PageSet<'a> {
    client: &'a Client,
    path: &'static str,
    count: u64,
    checks: PageChecks,
}

impl<'a> PageSet<'a> {
    /// Read the first page of `path` (`count` items asked for a page); the set and its items.
    pub(super) fn first(
        client: &'a Client,
        path: &'static str,
        items: Items,
        count: u64,
        limits: Limits,
    ) -> Result<(Self, Vec<Value>), PagingError> {
        let answer = client.send(&page_request(path, 0, count))?;
        let (checks, first) =
            PageChecks::first(items, limits, answer).map_err(|error| paging(path, error))?;
        Ok((Self { client, path, count, checks }, first))
    }

    /// The offsets of the other pages.
    pub fn offsets(&self) -> Vec<u64> {
        self.checks.offsets()
    }

    /// See [`PageChecks::settled`].
    pub fn settled(&self) -> bool {
        self.checks.settled()
    }

    /// The items of the page at `offset`, checked.
    pub fn page(&self, offset: u64) -> Result<Vec<Value>, PagingError> {
        self.checks.check_time().map_err(|error| paging(self.path, error))?;
        let answer = self.client.send(&page_request(self.path, offset, self.count))?;
        self.checks.accept(offset, answer).map_err(|error| paging(self.path, error))
    }
}

fn page_request(path: &'static str, offset: u64, count: u64) -> Request<'static> {
    Request::get(path)
        .with_query("offset", offset.to_string())
        .with_query("count", count.to_string())
}

fn paging(path: &'static str, error: PageError) -> PagingError {
    PagingError::Page { endpoint: path.rsplit('/').next().unwrap_or(path), error }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn page(total: u64, size: u64, offset: u64) -> Value {
        let end = total.min(offset + size);
        let users: Vec<Value> =
            (offset..end).map(|i| json!({"username": format!("u{i}")})).collect();
        json!({"users": users, "count": end.saturating_sub(offset), "offset": offset, "total": total})
    }

    fn first(total: u64, size: u64) -> (PageChecks, Vec<Value>) {
        PageChecks::first(Items::Named("users"), Limits::DEFAULT, page(total, size, 0)).unwrap()
    }

    #[test]
    fn the_first_page_gives_every_other_offset_at_the_servers_page_size() {
        let (checks, items) = first(250, 100);
        assert_eq!((items.len(), checks.offsets()), (100, vec![100, 200]));
        // A server that clamps `count` to 40 answers pages of 40.
        assert_eq!(first(100, 40).0.offsets(), [40, 80]);
        assert!(first(100, 100).0.offsets().is_empty());
        assert!(first(0, 100).0.offsets().is_empty());
    }

    #[test]
    fn pages_in_any_order_pass_and_a_list_that_changed_leaves_the_walk_unsettled() {
        let (checks, _) = first(250, 100);
        assert_eq!(checks.accept(200, page(250, 100, 200)).unwrap().len(), 50);
        assert_eq!(checks.accept(100, page(250, 100, 100)).unwrap().len(), 100);
        assert!(checks.settled());
        let (checks, _) = first(250, 100);
        checks.accept(200, page(249, 100, 200)).unwrap();
        assert!(!checks.settled(), "one fewer: an account was deleted meanwhile");
        let (checks, _) = first(250, 100);
        let mut short = page(250, 100, 100);
        short["users"] = json!([{"username": "x"}]);
        short["count"] = json!(1);
        checks.accept(100, short).unwrap();
        assert!(!checks.settled(), "a page holds fewer than its place promises");
    }

    #[test]
    fn a_server_that_ignores_the_offset_is_caught() {
        let (checks, _) = first(300, 100);
        let err = checks.accept(100, page(300, 100, 0)).unwrap_err();
        assert_eq!(err, PageError::WrongOffset { asked: 100, answered: 0 });
        let mut again = page(300, 100, 0);
        again["offset"] = json!(200);
        assert_eq!(checks.accept(200, again).unwrap_err(), PageError::SamePage { asked: 200 });
    }

    #[test]
    fn limits_hold_before_any_other_page_is_read() {
        let body = || page(1_000, 10, 0);
        let limits = Limits { pages: 50, ..Limits::DEFAULT };
        let err = PageChecks::first(Items::Named("users"), limits, body()).unwrap_err();
        assert_eq!(err, PageError::TooManyPages { limit: 50, total: 1_000 });
        let limits = Limits { items: 999, ..Limits::DEFAULT };
        let err = PageChecks::first(Items::Named("users"), limits, body()).unwrap_err();
        assert_eq!(err, PageError::TotalTooLarge { total: 1_000, from: 0, limit: 999 });
        let wrong = json!({"users": [{}], "count": 3, "offset": 0, "total": 3});
        let err = PageChecks::first(Items::Named("users"), Limits::DEFAULT, wrong).unwrap_err();
        assert_eq!(err, PageError::WrongCount { offset: 0, count: 3, held: 1 });
    }
}
