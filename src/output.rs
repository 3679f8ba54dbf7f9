//! Everything rocketctl prints goes through here: data to stdout (a table or JSON), chatter to
//! stderr (status, warnings, notes, hints, the `-v` trace). Colour is decided once, in
//! `settings.rs`, and is never the only signal: every coloured word is also a word.

use std::fmt::Write as _;
use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    pub format: Format,
    pub quiet: bool,
    pub verbose: bool,
    /// Colour on stderr (errors, warnings, hints).
    pub color: bool,
}

const ERROR: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const WARNING: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const HINT: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
const DIM: Style = Style::new().dimmed();

impl Output {
    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// One JSON document on stdout.
    pub fn json(&self, value: &impl Serialize) -> Result<()> {
        let mut text = serde_json::to_string_pretty(value)?;
        text.push('\n');
        write_stdout(&text)
    }

    /// A JSON document an endpoint answered (`rocketctl api`): indented on a terminal, one line
    /// otherwise, so `| jq` and `| grep` get one document per line. JSON escapes C0 controls
    /// itself; DEL, C1 and the bidi and zero-width characters are escaped here as `\uXXXX`.
    pub fn answer_json(&self, value: &serde_json::Value) -> Result<()> {
        use std::io::IsTerminal as _;
        let text = if std::io::stdout().is_terminal() {
            serde_json::to_string_pretty(value)?
        } else {
            serde_json::to_string(value)?
        };
        write_stdout(&format!("{}\n", escape_json_text(&text)))
    }

    /// A two-column FIELD/VALUE table on stdout.
    pub fn field_table(&self, rows: &[(String, String)]) -> Result<()> {
        let rows: Vec<Vec<String>> =
            rows.iter().map(|(field, value)| vec![field.clone(), value.clone()]).collect();
        self.table(&["FIELD", "VALUE"], &rows)
    }

    /// A table with a header row on stdout. Every cell is escaped here: cells hold server text.
    pub fn table(&self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let mut table = Table::new();
        table
            .load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(headers.iter().copied());
        for row in rows {
            table.add_row(row.iter().map(|cell| escape(cell)));
        }
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        // comfy-table pads each line, including the last column; scripts prefer no trailing blanks.
        let mut text = String::new();
        for line in table.lines() {
            let _ = writeln!(text, "{}", line.trim_end());
        }
        write_stdout(&text)
    }

    /// Plain text on stdout, ending with a newline.
    pub fn text(&self, text: &str) -> Result<()> {
        if text.ends_with('\n') { write_stdout(text) } else { write_stdout(&format!("{text}\n")) }
    }

    // Every line on stderr goes through `escape`: messages quote usernames, hosts and server
    // errors, and none of them may drive the terminal.

    /// Progress and outcomes ("logged in as …"); silenced by `--quiet`:
    /// `writeln!(out.status(), "Logged in as {name}")?`.
    pub fn status(&self) -> Sink {
        self.sink(!self.quiet, None, None)
    }

    /// A note the user should read even in quiet mode.
    pub fn note(&self) -> Sink {
        self.sink(true, Some((HINT, "note:")), None)
    }

    pub fn warning(&self) -> Sink {
        self.sink(true, Some((WARNING, "warning:")), None)
    }

    /// The `-v` HTTP trace. Callers write already-redacted text.
    pub fn trace(&self) -> Sink {
        self.sink(self.verbose, None, Some(DIM))
    }

    /// A warning from code that has no way to hand on a write error (a closure, the config
    /// store, an error path): written best effort.
    pub fn warn(&self, message: &str) {
        let _ = writeln!(self.warning(), "{message}");
    }

    /// A status line from code that has no way to hand on a write error (the retry loop, the
    /// wait for the config lock): written best effort.
    pub fn progress(&self, message: &str) {
        let _ = writeln!(self.status(), "{message}");
    }

    fn sink(&self, on: bool, label: Option<(Style, &'static str)>, style: Option<Style>) -> Sink {
        Sink { on, label, style, color: self.color }
    }

    /// `error: what` / `  caused by: why` / blank / `hint: next step`, as uv and jj print them.
    pub fn error(&self, message: &str, causes: &[String], hints: &[String]) {
        let mut text = format!("{} {}\n", self.paint(ERROR, "error:"), escape(message));
        for cause in causes {
            let _ = writeln!(text, "  caused by: {}", escape(cause));
        }
        if !hints.is_empty() {
            text.push('\n');
        }
        for hint in hints {
            let _ = writeln!(text, "{} {}", self.paint(HINT, "hint:"), escape(hint));
        }
        write_stderr(&text);
    }

    fn paint(&self, style: Style, text: &str) -> String {
        paint(self.color, style, text)
    }
}

/// A writer for one kind of chatter on stderr: it escapes what it is given, adds the label and
/// colour, and writes nothing when the kind is off (`-q`, no `-v`). Each `writeln!` is one write.
pub struct Sink {
    on: bool,
    label: Option<(Style, &'static str)>,
    style: Option<Style>,
    color: bool,
}

impl Sink {
    /// The bytes one message becomes: escaped, labelled and coloured; None when the kind is off.
    fn render(&self, text: &str) -> Option<String> {
        if !self.on {
            return None;
        }
        let (body, newline) = match text.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (text, ""),
        };
        let body = escape(body);
        let body = match self.style {
            Some(style) => paint(self.color, style, &body),
            None => body,
        };
        Some(match self.label {
            Some((style, label)) => format!("{} {body}{newline}", paint(self.color, style, label)),
            None => format!("{body}{newline}"),
        })
    }

    fn emit(&self, text: &str) -> std::io::Result<()> {
        let Some(line) = self.render(text) else {
            return Ok(());
        };
        match std::io::stderr().lock().write_all(line.as_bytes()) {
            // Chatter is best effort where nobody listens: a closed stderr
            // (`rocketctl -v profile show 2>&1 | head -3`) must not stop a change half-way.
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.emit(&String::from_utf8_lossy(buf))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    /// One formatted message, escaped as a whole (a byte-wise write could split a character).
    fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
        self.emit(&args.to_string())
    }
}

/// The final error block: best effort, since there is nowhere left to report a failure.
fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_owned()
    }
}

/// Write and flush; a closed pipe comes back as an error `main` turns into a quiet exit.
fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// Escape control characters so text from a server cannot move the cursor, clear the screen,
/// rewrite the clipboard (OSC 52) or hide a line with `\r`. Tabs and newlines stay.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\t' => escaped.push(ch),
            '\r' => escaped.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(escaped, "\\u{{{:04x}}}", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// Characters that can reorder or hide text on a terminal although they are not controls.
fn is_invisible_format(ch: char) -> bool {
    matches!(ch, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Serialized JSON with every control and invisible format character left by the serializer
/// written as a `\uXXXX` escape: such characters only occur inside strings, where the escape
/// means the same character.
fn escape_json_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if (ch.is_control() && ch != '\n') || is_invisible_format(ch) {
            let _ = write!(escaped, "\\u{:04x}", u32::from(ch));
        } else {
            escaped.push(ch);
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::{Output, escape, escape_json_text};

    #[test]
    fn sinks_escape_label_and_honour_quiet_and_verbose() {
        let out = Output { quiet: true, ..Output::default() };
        assert_eq!(out.status().render("done\n"), None, "-q silences status");
        assert_eq!(
            out.warning().render("careful\u{1b}[2J\n").as_deref(),
            Some("warning: careful\\u{001b}[2J\n")
        );
        assert_eq!(out.note().render("read me").as_deref(), Some("note: read me"));
        assert_eq!(out.trace().render("> GET\n"), None, "no trace without -v");
        let loud = Output { verbose: true, color: true, ..Output::default() };
        let traced = loud.trace().render("> GET\n").unwrap();
        assert!(
            traced.starts_with("\u{1b}[") && traced.ends_with("> GET\u{1b}[0m\n"),
            "{traced:?}"
        );
    }

    #[test]
    fn control_characters_become_visible() {
        let hostile = "ok\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\rfake\u{9b}";
        let shown = escape(hostile);
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\r'));
        assert!(!shown.contains('\u{9b}'));
        assert_eq!(shown, "ok\\u{001b}]52;c;ZXZpbA==\\u{0007}\\u{001b}[2J\\rfake\\u{009b}");
        assert_eq!(escape("tab\there\nnext"), "tab\there\nnext");
    }

    #[test]
    fn json_text_escapes_what_the_serializer_leaves() {
        let value = serde_json::json!({"name": "a\u{7f}b\u{9b}c\u{202e}d\u{200b}e\u{1b}f\nx"});
        let text = escape_json_text(&serde_json::to_string_pretty(&value).unwrap());
        assert!(!text.contains(['\u{7f}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{1b}']), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "the escapes mean the same characters");
    }
}
