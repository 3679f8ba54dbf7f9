use std::io;

use proptest::prelude::*;
use serde_json::json;

use super::*;

/// A file system with one text file, one binary file and standard input.
fn files(path: &str) -> io::Result<Vec<u8>> {
    match path {
        "-" => Ok(b"pasted contents".to_vec()),
        "note.txt" => Ok(b"line one\nline two\n".to_vec()),
        "image.png" => Ok(vec![0x89, 0x50, 0xff, 0xfe]),
        _ => Err(io::Error::new(io::ErrorKind::NotFound, "no such file")),
    }
}

fn body(fields: &[Field]) -> Result<Value, FieldError> {
    build(fields, &mut files).map(Value::Object)
}

#[test]
fn raw_fields_stay_strings() {
    let fields = [
        Field::raw("robot=Hubot"),
        Field::raw("destroyer=false"),
        Field::raw("count=12"),
        Field::raw("location=@work"),
        Field::raw("empty="),
        Field::raw("equation=a=b"),
    ];
    assert_eq!(
        body(&fields).unwrap(),
        json!({"robot": "Hubot", "destroyer": "false", "count": "12", "location": "@work", "empty": "", "equation": "a=b"})
    );
}

#[test]
fn typed_fields_become_json_values() {
    let fields = [
        Field::typed("enabled=true"),
        Field::typed("hidden=false"),
        Field::typed("gone=null"),
        Field::typed("victories=123"),
        Field::typed("debt=-7"),
        Field::typed("signed=+5"),
        Field::typed("padded=007"),
        Field::typed("ratio=1.5"),
        Field::typed("tiny=-2.5e-3"),
        Field::typed("big=1E3"),
        Field::typed("name=Hubot"),
        Field::typed("blank="),
    ];
    assert_eq!(
        body(&fields).unwrap(),
        json!({
            "enabled": true, "hidden": false, "gone": null, "victories": 123, "debt": -7,
            "signed": 5, "padded": 7, "ratio": 1.5, "tiny": -0.0025, "big": 1000.0,
            "name": "Hubot", "blank": ""
        })
    );
}

#[test]
fn typed_values_that_are_not_quite_numbers_stay_strings() {
    for text in [
        "1.",
        ".5",
        "01.5",
        "1e",
        "1e+",
        "0x10",
        "1_000",
        "--1",
        "+1.5",
        "1.5.2",
        "NaN",
        "inf",
        "1e999",
        "True",
        "NULL",
        " 1",
        "1 ",
        "12345678901234567890",
    ] {
        let value = typed_value("k", text, &mut files).unwrap();
        assert_eq!(value, Value::String(text.to_owned()), "{text}");
    }
}

#[test]
fn at_file_reads_the_file_text_exactly() {
    let fields = [Field::typed("bio=@note.txt"), Field::typed("input=@-")];
    assert_eq!(
        body(&fields).unwrap(),
        json!({"bio": "line one\nline two\n", "input": "pasted contents"})
    );
}

#[test]
fn a_file_that_cannot_be_read_or_is_not_text_is_refused() {
    let missing = body(&[Field::typed("bio=@missing.txt")]).unwrap_err();
    assert!(matches!(&missing, FieldError::Unreadable { path, .. } if path == "missing.txt"));
    assert!(missing.to_string().contains("`missing.txt`"));
    let binary = body(&[Field::typed("bio=@image.png")]).unwrap_err();
    assert_eq!(binary, FieldError::NotText { key: "bio".into(), path: "image.png".into() });
}

#[test]
fn standard_input_is_read_by_one_field_at_most() {
    let fields = [Field::typed("a=@-"), Field::typed("b=@-")];
    assert_eq!(body(&fields).unwrap_err(), FieldError::StdinTwice);
    // A raw `@-` is only text, so it does not count.
    let fields = [Field::typed("a=@-"), Field::raw("b=@-")];
    assert_eq!(body(&fields).unwrap(), json!({"a": "pasted contents", "b": "@-"}));
}

#[test]
fn brackets_build_nested_objects_and_arrays() {
    let fields = [
        Field::raw("data[name]=Jane"),
        Field::typed("data[verified]=true"),
        Field::raw("data[fields][team]=core"),
        Field::raw("roles[]=user"),
        Field::raw("roles[]=bot"),
        Field::raw("labels[][name]=bug"),
        Field::raw("labels[][color]=red"),
        Field::raw("labels[][shades][]=red"),
        Field::raw("labels[][shades][]=blue"),
        Field::raw("labels[][name]=feature"),
        Field::raw("labels[][shades][]=green"),
        Field::raw("nested[][a][b][c]=deep"),
        Field::raw("empty[]"),
        Field::typed("ids[]=123"),
        Field::typed("ids[]=null"),
    ];
    assert_eq!(
        body(&fields).unwrap(),
        json!({
            "data": {"name": "Jane", "verified": true, "fields": {"team": "core"}},
            "roles": ["user", "bot"],
            "labels": [
                {"name": "bug", "color": "red", "shades": ["red", "blue"]},
                {"name": "feature", "shades": ["green"]}
            ],
            "nested": [{"a": {"b": {"c": "deep"}}}],
            "empty": [],
            "ids": [123, null]
        })
    );
}

#[test]
fn keys_keep_the_order_given() {
    let fields = [Field::raw("z=1"), Field::typed("a=2"), Field::raw("m=3")];
    let map = build(&fields, &mut files).unwrap();
    assert_eq!(map.keys().collect::<Vec<_>>(), ["z", "a", "m"]);
}

#[test]
fn an_empty_array_field_keeps_earlier_items() {
    let fields = [Field::raw("roles[]=user"), Field::raw("roles[]")];
    assert_eq!(body(&fields).unwrap(), json!({"roles": ["user"]}));
}

#[test]
fn a_key_without_a_value_is_refused_unless_it_ends_in_brackets() {
    assert_eq!(
        body(&[Field::raw("name")]).unwrap_err(),
        FieldError::MissingValue { key: "name".into() }
    );
    assert_eq!(
        body(&[Field::typed("data[name]")]).unwrap_err(),
        FieldError::MissingValue { key: "data[name]".into() }
    );
}

#[test]
fn a_field_cannot_change_what_an_earlier_one_built() {
    let cases: [(&[&str], &str, &str, &str); 7] = [
        (&["object[field]=A", "object[field][]=x"], "field", "a string", "an array"),
        (&["object[field]=B", "object[field][sub]=x"], "field", "a string", "an object"),
        (&["object[field][sub]=C", "object[field]=x"], "field", "an object", "a single value"),
        (&["object[field][sub]=D", "object[field][]=x"], "field", "an object", "an array"),
        (&["object[field][]=E", "object[field]=x"], "field", "an array", "a single value"),
        (&["object[field][]=F", "object[field][sub]=x"], "field", "an array", "an object"),
        (&["name=a", "name=b"], "name", "a string", "a single value"),
    ];
    for (texts, name, found, wanted) in cases {
        let fields: Vec<Field> = texts.iter().map(|t| Field::raw(*t)).collect();
        let err = body(&fields).unwrap_err();
        let key = texts[1].split_once('=').unwrap().0.to_owned();
        assert_eq!(
            err,
            FieldError::Conflict { key, name: name.into(), found, wanted },
            "{texts:?}"
        );
    }
}

#[test]
fn malformed_keys_are_refused() {
    for text in
        ["=x", "[a]=1", "a[b=1", "a]=1", "a[b]c=1", "a[b[c]]=1", "a[][]=1", "a[b]]=1", "]=1"]
    {
        let err = body(&[Field::raw(text)]).unwrap_err();
        assert!(matches!(err, FieldError::InvalidKey { .. }), "{text}: {err:?}");
    }
}

#[test]
fn errors_never_quote_a_value() {
    let secret = "hunter2-secret";
    let texts =
        [format!("data[[x]={secret}"), format!("a={secret}"), format!("data[password]]={secret}")];
    let fields = [Field::raw(&texts[1]), Field::raw(&texts[1])];
    assert!(!body(&fields).unwrap_err().to_string().contains(secret));
    for text in [&texts[0], &texts[2]] {
        let err = body(&[Field::raw(text.as_str())]).unwrap_err();
        assert!(!err.to_string().contains(secret), "{err}");
    }
    let err = body(&[Field::typed("a[]=1"), Field::typed(format!("a[x]={secret}"))]);
    assert!(!err.unwrap_err().to_string().contains(secret));
}

#[test]
fn query_pairs_flatten_the_fields() {
    let fields = [
        Field::raw("query={\"active\":true}"),
        Field::typed("count=100"),
        Field::typed("offset=0"),
        Field::typed("exact=false"),
        Field::typed("none=null"),
        Field::raw("status[]=online"),
        Field::raw("status[]=away"),
        Field::raw("filter[name]=jane"),
    ];
    let map = build(&fields, &mut files).unwrap();
    let pairs = query_pairs(&map);
    let expected = [
        ("query", "{\"active\":true}"),
        ("count", "100"),
        ("offset", "0"),
        ("exact", "false"),
        ("none", ""),
        ("status[]", "online"),
        ("status[]", "away"),
        ("filter[name]", "jane"),
    ];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    assert_eq!(pairs, expected);
}

#[test]
fn query_pairs_of_nested_arrays_of_objects() {
    let map = build(&[Field::raw("a[][b]=1"), Field::raw("a[][b]=2")], &mut files).unwrap();
    assert_eq!(
        query_pairs(&map),
        [("a[][b]".to_owned(), "1".to_owned()), ("a[][b]".to_owned(), "2".to_owned())]
    );
}

proptest! {
    #[test]
    fn a_plain_raw_field_is_sent_verbatim(name in "[^\\[\\]=]{1,20}", value in ".{0,40}") {
        let map = build(&[Field::raw(format!("{name}={value}"))], &mut files).unwrap();
        prop_assert_eq!(map.len(), 1);
        prop_assert_eq!(map.get(&name), Some(&Value::String(value.clone())));
        prop_assert_eq!(query_pairs(&map), vec![(name, value)]);
    }

    #[test]
    fn integers_round_trip(n in any::<i64>()) {
        prop_assert_eq!(typed_value("k", &n.to_string(), &mut files).unwrap(), json!(n));
    }

    #[test]
    fn finite_floats_round_trip(x in proptest::num::f64::NORMAL | proptest::num::f64::ZERO) {
        let text = format!("{x:?}");
        let value = typed_value("k", &text, &mut files).unwrap();
        prop_assert_eq!(value.as_f64(), Some(x), "{}", text);
    }

    #[test]
    fn any_field_text_is_read_or_refused_without_panicking(
        texts in proptest::collection::vec("[a-c\\[\\]=@\\-0-9.]{0,12}", 0..6),
        typed in proptest::collection::vec(any::<bool>(), 6),
    ) {
        let fields: Vec<Field> = texts
            .iter()
            .zip(&typed)
            .map(|(t, &ty)| if ty { Field::typed(t.as_str()) } else { Field::raw(t.as_str()) })
            .collect();
        if let Ok(map) = build(&fields, &mut files) {
            let _ = query_pairs(&map);
        }
    }
}
