//! One JSON document written a piece at a time, for a document too long to hold: an object
//! whose last member is an array of many items (`export --all-users -o json`). The text is
//! exactly what [`Output::json`] prints for the whole object, cleaned the same way (secrets
//! scrubbed, hidden characters escaped).

use std::sync::atomic::Ordering;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Output, write_stdout};
use crate::scrub;
use crate::text::escape_json_text;

/// The object's members before the array, the array's key, and how many items were written.
pub struct JsonStream<'a> {
    out: &'a Output,
    head: Map<String, Value>,
    key: String,
    items: usize,
    /// With `--jq`, the items held for the expression, which reads the whole document.
    held: Option<Vec<Value>>,
}

impl Output {
    /// A JSON document `{...head, "key": [items]}` to write item by item; nothing is printed
    /// before the first item (or [`JsonStream::finish`]).
    pub fn json_stream(&self, head: Map<String, Value>, key: &str) -> JsonStream<'_> {
        let held = self.jq.is_some().then(Vec::new);
        JsonStream { out: self, head, key: key.to_owned(), items: 0, held }
    }
}

impl JsonStream<'_> {
    pub fn item(&mut self, value: &impl Serialize) -> Result<()> {
        if let Some(held) = &mut self.held {
            held.push(serde_json::to_value(value)?);
            return Ok(());
        }
        let text = self.piece(value)?;
        self.items += 1;
        self.write(&text)
    }

    /// The text of the next item: after the opening or a comma, indented in the array.
    fn piece(&self, value: &impl Serialize) -> Result<String> {
        let mut text = if self.items == 0 { self.opening()? } else { ",".to_owned() };
        let value = scrub::scrub_json(serde_json::to_value(value)?, &[]);
        for line in serde_json::to_string_pretty(&value)?.lines() {
            text.push_str("\n    ");
            text.push_str(line);
        }
        Ok(text)
    }

    /// The end of the document; without items, the head alone (as [`Output::json`] prints an
    /// object whose empty array is left out).
    pub fn finish(mut self) -> Result<()> {
        if let Some(held) = self.held.take() {
            let mut whole = self.head;
            whole.insert(self.key, Value::Array(held));
            return self.out.json(&whole);
        }
        if self.items == 0 {
            return self.out.json(&self.head);
        }
        self.write("\n  ]\n}\n")
    }

    /// `{`, the head's members and the array's key, as the pretty printer writes them.
    fn opening(&self) -> Result<String> {
        let head = serde_json::to_string_pretty(&scrub::scrub_json(
            Value::Object(self.head.clone()),
            &[],
        ))?;
        let open = head.strip_suffix('}').unwrap_or(&head).trim_end();
        let separator = if self.head.is_empty() { "" } else { "," };
        Ok(format!("{open}{separator}\n  {}: [", serde_json::to_string(&self.key)?))
    }

    fn write(&self, text: &str) -> Result<()> {
        self.out.run.json_written.store(true, Ordering::Relaxed);
        write_stdout(&scrub::scrub(&escape_json_text(text)))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_pieces_read_as_the_whole_document_would() {
        let out = Output::default();
        let head = json!({"version": 1}).as_object().cloned().unwrap();
        let whole = json!({"version": 1, "users": [{"username": "a", "roles": ["bot"]}, {"username": "b"}]});
        let mut stream = out.json_stream(head, "users");
        let mut text = String::new();
        for item in whole["users"].as_array().unwrap() {
            text.push_str(&stream.piece(item).unwrap());
            stream.items += 1;
        }
        text.push_str("\n  ]\n}");
        assert_eq!(text, serde_json::to_string_pretty(&whole).unwrap());
        let empty = out.json_stream(serde_json::Map::new(), "users");
        assert_eq!(empty.opening().unwrap(), "{\n  \"users\": [");
    }
}
