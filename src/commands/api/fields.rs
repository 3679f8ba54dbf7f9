//! `-f KEY=VALUE` and `-F KEY=VALUE`, read the way `gh api` reads them.
//!
//! A key is a name followed by any number of `[SUB]` (an object member) or `[]` (an array):
//! `data[name]=X` builds `{"data": {"name": "X"}}`, `roles[]=a` appends to an array, and
//! `labels[][name]=x` starts a new object in the array whenever the last one already has that
//! member. `-f` keeps the value a string; `-F` turns `true`, `false`, `null` and numbers into JSON
//! values and `@FILE` (`@-` for stdin) into the file's text. A key that ends in `[]` may be
//! given without `=` to send an empty array.
//!
//! For a `GET` the same fields become query parameters (`roles[]=a`, `data[name]=X`).

use serde_json::{Map, Number, Value};

/// How a field's value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `-f`: the value is a string, as typed.
    Raw,
    /// `-F`: `true`/`false`/`null`/numbers become JSON values, `@FILE` reads a file.
    Typed,
}

/// One `-f` or `-F` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub kind: Kind,
    pub text: String,
}

impl Field {
    pub fn raw(text: impl Into<String>) -> Self {
        Self { kind: Kind::Raw, text: text.into() }
    }

    pub fn typed(text: impl Into<String>) -> Self {
        Self { kind: Kind::Typed, text: text.into() }
    }
}

/// A field that cannot be read. Messages quote keys and file names, never values: a value may
/// be a password.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FieldError {
    #[error("invalid field key `{key}`: {why}")]
    InvalidKey { key: String, why: &'static str },
    #[error("field `{key}` needs a value after `=`")]
    MissingValue { key: String },
    #[error("field `{key}`: `{name}` is already {found}, not {wanted}")]
    Conflict { key: String, name: String, found: &'static str, wanted: &'static str },
    #[error("field `{key}`: cannot read `{path}`: {reason}")]
    Unreadable { key: String, path: String, reason: String },
    #[error("field `{key}`: `{path}` is not UTF-8 text")]
    NotText { key: String, path: String },
    #[error("only one field can read standard input (`@-`)")]
    StdinTwice,
}

/// One step below the top-level name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// `[name]`: a member of an object.
    Member(String),
    /// `[]`: an array.
    Push,
}

/// A parsed key: `data[name]` is `data` then `Member("name")`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    name: String,
    steps: Vec<Step>,
}

/// Reads the files named by `-F KEY=@FILE`; `-` is standard input.
pub type ReadFile<'a> = dyn FnMut(&str) -> std::io::Result<Vec<u8>> + 'a;

/// Builds the object the fields describe, in the order given (`rocketctl api` passes every `-f`
/// before every `-F`, as gh does).
pub fn build(
    fields: &[Field],
    read_file: &mut ReadFile<'_>,
) -> Result<Map<String, Value>, FieldError> {
    let stdin_readers =
        fields.iter().filter(|f| f.kind == Kind::Typed && value_text(&f.text) == Some("@-"));
    if stdin_readers.count() > 1 {
        return Err(FieldError::StdinTwice);
    }
    let mut root = Map::new();
    for field in fields {
        let (key_text, value_text) = match field.text.split_once('=') {
            Some((key, value)) => (key, Some(value)),
            None => (field.text.as_str(), None),
        };
        let key = parse_key(key_text)?;
        let value = match (value_text, field.kind) {
            (None, _) if key.steps.last() == Some(&Step::Push) => None,
            (None, _) => return Err(FieldError::MissingValue { key: key_text.to_owned() }),
            (Some(text), Kind::Raw) => Some(Value::String(text.to_owned())),
            (Some(text), Kind::Typed) => Some(typed_value(key_text, text, read_file)?),
        };
        insert(&mut root, &key.name, &key.steps, value).map_err(|(name, found, wanted)| {
            FieldError::Conflict { key: key_text.to_owned(), name, found, wanted }
        })?;
    }
    Ok(root)
}

fn value_text(text: &str) -> Option<&str> {
    text.split_once('=').map(|(_, value)| value)
}

/// `name([sub]|[])*`, with no bracket inside a name and nothing after the last `]`.
fn parse_key(text: &str) -> Result<Key, FieldError> {
    let invalid = |why| FieldError::InvalidKey { key: text.to_owned(), why };
    let (name, mut rest) = match text.find(['[', ']']) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    if name.is_empty() {
        return Err(invalid("it must start with a name"));
    }
    let mut steps = Vec::new();
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else {
            return Err(invalid(if rest.starts_with(']') {
                "a `]` has no matching `[`"
            } else {
                "nothing may follow a `]` but another `[`"
            }));
        };
        let close = inner.find(']').ok_or_else(|| invalid("a `[` is not closed"))?;
        let sub = &inner[..close];
        if sub.contains('[') {
            return Err(invalid("brackets cannot nest inside a name"));
        }
        let step = if sub.is_empty() { Step::Push } else { Step::Member(sub.to_owned()) };
        if step == Step::Push && steps.last() == Some(&Step::Push) {
            return Err(invalid("arrays of arrays cannot be built from fields; use --input"));
        }
        steps.push(step);
        rest = &inner[close + 1..];
    }
    Ok(Key { name: name.to_owned(), steps })
}

/// `-F`'s reading of a value: a file's text, an integer, a float, `true`/`false`/`null`, or
/// else the string itself.
fn typed_value(key: &str, text: &str, read_file: &mut ReadFile<'_>) -> Result<Value, FieldError> {
    if let Some(path) = text.strip_prefix('@') {
        let bytes = read_file(path).map_err(|err| FieldError::Unreadable {
            key: key.to_owned(),
            path: path.to_owned(),
            reason: err.to_string(),
        })?;
        return String::from_utf8(bytes)
            .map(Value::String)
            .map_err(|_| FieldError::NotText { key: key.to_owned(), path: path.to_owned() });
    }
    Ok(match text {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        _ => number(text).unwrap_or_else(|| Value::String(text.to_owned())),
    })
}

/// An integer as Go's `strconv.Atoi` reads one (optional sign, decimal digits, fits in 64
/// bits), or a finite JSON-style float (`1.5`, `-2e3`). Anything else stays a string.
fn number(text: &str) -> Option<Value> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().ok().map(Value::from);
    }
    if is_json_float(text) {
        return text.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number);
    }
    None
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` with a fraction or an exponent.
fn is_json_float(text: &str) -> bool {
    fn split_digits(s: &str) -> (&str, &str) {
        s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()))
    }
    let (int, rest) = split_digits(text.strip_prefix('-').unwrap_or(text));
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
        return false;
    }
    let (has_fraction, rest) = match rest.strip_prefix('.') {
        Some(after) => match split_digits(after) {
            ("", _) => return false,
            (_, rest) => (true, rest),
        },
        None => (false, rest),
    };
    match rest.strip_prefix(['e', 'E']) {
        Some(exponent) => {
            let unsigned = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            matches!(split_digits(unsigned), (digits, "") if !digits.is_empty())
        }
        None => rest.is_empty() && has_fraction,
    }
}

/// What a key runs into: (the member's name, what it holds, what the field wanted).
type Conflict = (String, &'static str, &'static str);

/// Puts `value` at `name` + `steps` below `map`, creating objects and arrays on the way.
fn insert(
    map: &mut Map<String, Value>,
    name: &str,
    steps: &[Step],
    value: Option<Value>,
) -> Result<(), Conflict> {
    match steps {
        [] => match map.get(name) {
            Some(existing) => Err((name.to_owned(), describe(existing), "a single value")),
            None => {
                // `value` is only `None` for a key that ends in `[]` (checked by `build`).
                map.insert(name.to_owned(), value.unwrap_or(Value::Null));
                Ok(())
            }
        },
        [Step::Push] => {
            let array = array_at(map, name)?;
            array.extend(value);
            Ok(())
        }
        [Step::Push, Step::Member(next), rest @ ..] => {
            let object = object_in_array(map, name, next)?;
            insert(object, next, rest, value)
        }
        [Step::Member(next), rest @ ..] => {
            let object = object_at(map, name)?;
            insert(object, next, rest, value)
        }
        [Step::Push, Step::Push, ..] => unreachable!("parse_key refuses `[][]`"),
    }
}

fn array_at<'m>(
    map: &'m mut Map<String, Value>,
    name: &str,
) -> Result<&'m mut Vec<Value>, Conflict> {
    match map.entry(name).or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(array) => Ok(array),
        other => Err((name.to_owned(), describe(other), "an array")),
    }
}

fn object_at<'m>(
    map: &'m mut Map<String, Value>,
    name: &str,
) -> Result<&'m mut Map<String, Value>, Conflict> {
    match map.entry(name).or_insert_with(|| Value::Object(Map::new())) {
        Value::Object(object) => Ok(object),
        other => Err((name.to_owned(), describe(other), "an object")),
    }
}

/// The array's last object when it can still take `next` (it lacks it, or holds an array
/// there to append to); otherwise a new object at the end. This is what lets
/// `-f 'labels[][name]=a' -f 'labels[][name]=b'` build two labels.
fn object_in_array<'m>(
    map: &'m mut Map<String, Value>,
    name: &str,
    next: &str,
) -> Result<&'m mut Map<String, Value>, Conflict> {
    let array = array_at(map, name)?;
    let reusable = match array.last() {
        Some(Value::Object(last)) => last.get(next).is_none_or(Value::is_array),
        _ => false,
    };
    if !reusable {
        array.push(Value::Object(Map::new()));
    }
    match array.last_mut() {
        Some(Value::Object(object)) => Ok(object),
        _ => unreachable!("the array ends with an object"),
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The fields as query parameters for a `GET`: arrays as `key[]=v` once per item, objects as
/// `key[sub]=v`, `null` as an empty value.
pub fn query_pairs(map: &Map<String, Value>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (name, value) in map {
        push_pairs(&mut pairs, name.clone(), value);
    }
    pairs
}

fn push_pairs(pairs: &mut Vec<(String, String)>, key: String, value: &Value) {
    match value {
        Value::Null => pairs.push((key, String::new())),
        Value::String(text) => pairs.push((key, text.clone())),
        Value::Bool(_) | Value::Number(_) => pairs.push((key, value.to_string())),
        Value::Array(items) => {
            for item in items {
                push_pairs(pairs, format!("{key}[]"), item);
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                push_pairs(pairs, format!("{key}[{name}]"), member);
            }
        }
    }
}

#[cfg(test)]
#[path = "fields_tests.rs"]
mod tests;
