use proptest::prelude::*;
use serde_json::json;

use super::*;

/// What a paged endpoint answers for `total` users, `size` a page, from `offset`.
fn users_page(total: u64, size: u64, offset: u64) -> Value {
    let end = total.min(offset + size);
    let users: Vec<Value> =
        (offset..end).map(|i| json!({"username": format!("user{i}")})).collect();
    json!({"users": users, "count": end.saturating_sub(offset), "offset": offset, "total": total, "success": true})
}

fn pager(first: Option<u64>) -> Pager {
    Pager::new(Items::OnlyArray, first, Limits::DEFAULT)
}

/// Fetches every page the way a command does; returns the offsets asked for and the items.
fn fetch_all(total: u64, size: u64, first: u64) -> Result<(Vec<u64>, Vec<Value>), PageError> {
    let mut pager = pager(Some(first));
    let (mut asked, mut items) = (Vec::new(), Vec::new());
    while let Some(offset) = pager.next_offset() {
        asked.push(offset);
        items.extend(pager.accept(users_page(total, size, offset))?);
    }
    Ok((asked, items))
}

fn usernames(items: &[Value]) -> Vec<String> {
    items.iter().map(|u| u["username"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn two_hundred_fifty_users_in_pages_of_a_hundred() {
    let (asked, items) = fetch_all(250, 100, 0).unwrap();
    assert_eq!(asked, [0, 100, 200]);
    let names = usernames(&items);
    assert_eq!(names.len(), 250);
    assert_eq!((names[0].as_str(), names[249].as_str()), ("user0", "user249"));
}

#[test]
fn a_total_that_ends_a_page_asks_for_no_empty_page_after_it() {
    let (asked, items) = fetch_all(200, 100, 0).unwrap();
    assert_eq!(asked, [0, 100]);
    assert_eq!(items.len(), 200);
}

#[test]
fn nothing_to_list_is_no_items() {
    let (asked, items) = fetch_all(0, 50, 0).unwrap();
    assert_eq!((asked, items), (vec![0], vec![]));
}

#[test]
fn paging_starts_at_the_offset_the_user_asked_for() {
    let (asked, items) = fetch_all(120, 50, 40).unwrap();
    assert_eq!(asked, [40, 90]);
    assert_eq!(usernames(&items).first().map(String::as_str), Some("user40"));
    assert_eq!(items.len(), 80);
}

#[test]
fn without_a_first_offset_the_first_answer_says_where_paging_starts() {
    let mut pager = pager(None);
    assert_eq!(pager.accept(users_page(30, 10, 10)).unwrap().len(), 10);
    assert_eq!(pager.next_offset(), Some(20));
}

#[test]
fn an_empty_page_ends_paging_even_before_the_total() {
    let mut pager = pager(Some(0));
    assert_eq!(pager.accept(users_page(10, 5, 0)).unwrap().len(), 5);
    let shrunk = json!({"users": [], "count": 0, "offset": 5, "total": 10, "success": true});
    assert!(pager.accept(shrunk).unwrap().is_empty());
    assert_eq!(pager.next_offset(), None);
}

#[test]
fn the_items_are_the_one_array_whatever_its_name_or_the_named_one() {
    let body = json!({"success": true, "members": [{"_id": "a"}], "offset": 0, "count": 1, "total": 1, "room": {"_id": "r"}});
    assert_eq!(pager(Some(0)).accept(body).unwrap(), [json!({"_id": "a"})]);
    let body = json!({"users": [{"_id": "a"}], "roles": ["x"], "offset": 0, "total": 1});
    let mut named = Pager::new(Items::Named("users"), Some(0), Limits::DEFAULT);
    assert_eq!(named.accept(body).unwrap(), [json!({"_id": "a"})]);
}

#[test]
fn answers_that_are_not_pages_are_named() {
    let cases = [
        (json!([1, 2]), PageError::NotAnObject),
        (json!({"users": [], "total": 1}), PageError::MissingNumber("offset")),
        (json!({"users": [], "offset": 0}), PageError::MissingNumber("total")),
        (json!({"users": [], "offset": "0", "total": 1}), PageError::MissingNumber("offset")),
        (json!({"user": {}, "offset": 0, "total": 1}), PageError::NoItems),
        (
            json!({"update": [], "remove": [], "offset": 0, "total": 1}),
            PageError::ManyArrays("`update`, `remove`".into()),
        ),
        (
            json!({"users": [{}], "count": 2, "offset": 0, "total": 5}),
            PageError::WrongCount { offset: 0, count: 2, held: 1 },
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(pager(Some(0)).accept(body.clone()).unwrap_err(), expected, "{body}");
    }
}

#[test]
fn a_server_that_ignores_the_offset_is_caught_not_looped() {
    let mut pager = pager(Some(0));
    pager.accept(users_page(300, 100, 0)).unwrap();
    let err = pager.accept(users_page(300, 100, 0)).unwrap_err();
    assert_eq!(err, PageError::WrongOffset { asked: 100, answered: 0 });
    assert_eq!(pager.next_offset(), None, "a refused page ends the walk");
}

#[test]
fn the_same_page_again_under_the_offset_asked_for_is_caught() {
    let mut pager = pager(Some(0));
    pager.accept(users_page(300, 100, 0)).unwrap();
    let mut again = users_page(300, 100, 0);
    again["offset"] = json!(100);
    assert_eq!(pager.accept(again).unwrap_err(), PageError::SamePage { asked: 100 });
}

#[test]
fn pages_that_do_not_say_their_offset_start_where_they_were_asked_to() {
    let without_offset = |offset| {
        let mut page = users_page(250, 100, offset);
        page.as_object_mut().unwrap().remove("offset");
        page.as_object_mut().unwrap().remove("count");
        page
    };
    let mut implied = pager(Some(0)).offset_implied();
    let mut items = Vec::new();
    while let Some(offset) = implied.next_offset() {
        items.extend(implied.accept(without_offset(offset)).unwrap());
    }
    assert_eq!(usernames(&items).len(), 250);
    let mut ignoring = pager(Some(0)).offset_implied();
    ignoring.accept(without_offset(0)).unwrap();
    let err = ignoring.accept(without_offset(0)).unwrap_err();
    assert_eq!(err, PageError::SamePage { asked: 100 }, "a server that ignores offset");
    let strict = pager(Some(0)).accept(without_offset(0)).unwrap_err();
    assert_eq!(strict, PageError::MissingNumber("offset"));
}

#[test]
fn a_total_beyond_the_item_limit_is_refused_on_the_first_page() {
    let mut pager = pager(Some(0));
    let err = pager.accept(users_page(1_000_000_000_000, 1, 0)).unwrap_err();
    assert_eq!(err, PageError::TotalTooLarge { total: 1_000_000_000_000, from: 0, limit: 100_000 });
}

/// A server whose `total` always promises two more items than it has given.
fn running_ahead(offset: u64) -> Value {
    json!({"users": [{"i": offset}], "count": 1, "offset": offset, "total": offset + 2})
}

fn walk(limits: Limits) -> (u64, PageError) {
    let mut pager = Pager::new(Items::Named("users"), Some(0), limits);
    let mut pages = 0;
    while let Some(offset) = pager.next_offset() {
        match pager.accept(running_ahead(offset)) {
            Ok(_) => pages += 1,
            Err(err) => return (pages, err),
        }
    }
    panic!("a total that runs ahead never ends by itself");
}

#[test]
fn pages_items_bytes_and_time_each_end_a_total_that_runs_ahead() {
    let limits = Limits { pages: 5, ..Limits::DEFAULT };
    assert_eq!(walk(limits), (4, PageError::TooManyPages { limit: 5, total: 6 }));
    let limits = Limits { items: 3, ..Limits::DEFAULT };
    assert_eq!(walk(limits), (2, PageError::TotalTooLarge { total: 4, from: 0, limit: 3 }));
    // Each page's items are `[{"i":N}]`, 9 bytes: the third passes 20.
    let limits = Limits { bytes: 20, ..Limits::DEFAULT };
    assert_eq!(walk(limits), (2, PageError::TooManyBytes { limit: 20, total: 4 }));
    let limits = Limits { time: Duration::ZERO, ..Limits::DEFAULT };
    assert_eq!(walk(limits), (0, PageError::TooLong { limit: 0, total: 2 }));
}

proptest! {
    #[test]
    fn every_item_once_in_order_and_every_page_asked_once(
        total in 0u64..1000, size in 1u64..150, first in 0u64..50,
    ) {
        let (asked, items) = fetch_all(total, size, first).unwrap();
        let expected: Vec<String> = (first..total.max(first)).map(|i| format!("user{i}")).collect();
        prop_assert_eq!(usernames(&items), expected);
        let pages = total.saturating_sub(first).div_ceil(size).max(1);
        prop_assert_eq!(asked.len() as u64, pages);
        let mut sorted = asked.clone();
        sorted.dedup();
        prop_assert_eq!(sorted, asked);
    }
}
