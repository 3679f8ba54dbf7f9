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

/// Fetches every page the way `--paginate` does; returns the offsets asked for and the items.
fn fetch_all(total: u64, size: u64, first: u64) -> Result<(Vec<u64>, Value), PageError> {
    let mut pages = Pages::new();
    let mut asked = vec![first];
    let mut offset = first;
    while let Next::Fetch(next) = pages.add(users_page(total, size, offset))? {
        asked.push(next);
        offset = next;
    }
    Ok((asked, pages.into_items()))
}

fn usernames(items: &Value) -> Vec<String> {
    items.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap().to_owned()).collect()
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
    assert_eq!(items.as_array().unwrap().len(), 200);
}

#[test]
fn nothing_to_list_is_an_empty_array() {
    let (asked, items) = fetch_all(0, 50, 0).unwrap();
    assert_eq!((asked, items), (vec![0], json!([])));
}

#[test]
fn paging_starts_at_the_offset_the_user_asked_for() {
    let (asked, items) = fetch_all(120, 50, 40).unwrap();
    assert_eq!(asked, [40, 90]);
    assert_eq!(usernames(&items).first().map(String::as_str), Some("user40"));
    assert_eq!(items.as_array().unwrap().len(), 80);
}

#[test]
fn an_empty_page_ends_paging_even_before_the_total() {
    let mut pages = Pages::new();
    assert_eq!(pages.add(users_page(10, 5, 0)).unwrap(), Next::Fetch(5));
    let shrunk = json!({"users": [], "count": 0, "offset": 5, "total": 10, "success": true});
    assert_eq!(pages.add(shrunk).unwrap(), Next::Done);
    assert_eq!(pages.into_items().as_array().unwrap().len(), 5);
}

#[test]
fn the_items_are_the_one_array_whatever_its_name() {
    let mut pages = Pages::new();
    let body = json!({"success": true, "members": [{"name": "a"}], "offset": 0, "count": 1, "total": 1, "room": {"name": "r"}});
    assert_eq!(pages.add(body).unwrap(), Next::Done);
    assert_eq!(pages.into_items(), json!([{"name": "a"}]));
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
    ];
    for (body, expected) in cases {
        assert_eq!(Pages::new().add(body.clone()).unwrap_err(), expected, "{body}");
    }
}

#[test]
fn a_server_that_ignores_the_offset_is_caught_not_looped() {
    let mut pages = Pages::new();
    assert_eq!(pages.add(users_page(300, 100, 0)).unwrap(), Next::Fetch(100));
    let err = pages.add(users_page(300, 100, 0)).unwrap_err();
    assert_eq!(err, PageError::WrongOffset { asked: 100, answered: 0 });
}

#[test]
fn items_that_change_their_member_between_pages_are_refused() {
    let mut pages = Pages::new();
    pages.add(users_page(300, 100, 0)).unwrap();
    let other = json!({"channels": [{}], "offset": 100, "count": 1, "total": 300});
    let err = pages.add(other).unwrap_err();
    assert_eq!(err, PageError::KeyChanged { first: "users".into(), now: "channels".into() });
}

#[test]
fn set_offset_replaces_only_the_offset() {
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    };
    let mut query = Vec::new();
    set_offset(&mut query, 100);
    assert_eq!(query, pairs(&[("offset", "100")]));
    let mut query = pairs(&[("count", "100"), ("offset", "0"), ("query", "{}"), ("fields[]", "x")]);
    set_offset(&mut query, 200);
    assert_eq!(
        query,
        pairs(&[("count", "100"), ("query", "{}"), ("fields[]", "x"), ("offset", "200")])
    );
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
