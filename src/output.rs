//! Everything rocketctl prints goes through here: data to stdout (a table or JSON), chatter to
//! stderr (status, warnings, notes, hints, the `-v` trace). Colour is decided once, in
//! `settings.rs`, and is never the only signal: every coloured word is also a word.

use std::fmt::Write as _;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::exit::{Exit, Failure};
use crate::interrupt::InFlight;
use crate::jq::{Expression, Piece};
use crate::scrub;
use crate::secret::Secret;
/// Commands escape server text they put into a message through here.
pub use crate::text::escape;
use crate::text::escape_json_text;

mod json_stream;

pub use json_stream::JsonStream;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
}

/// The printer of one run. Clones share the run's state ([`RunState`]): hand a clone to a
/// worker thread or a client, and what it prints counts for the whole run.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub format: Format,
    pub quiet: bool,
    pub verbose: bool,
    /// Colour on stderr (errors, warnings, hints).
    pub color: bool,
    /// Bold table headers on stdout: it is a terminal and colour is allowed.
    pub stdout_color: bool,
    /// `--jq`: every JSON document a command prints goes through it (an error object does not).
    jq: Option<Expression>,
    run: Arc<RunState>,
}

/// What the printer remembers for the length of a run.
#[derive(Debug, Default)]
struct RunState {
    /// Whether stdout already holds this run's JSON document.
    json_written: AtomicBool,
    /// The warnings given with [`Output::warn_once`].
    warned: Mutex<Vec<String>>,
}

const ERROR: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const WARNING: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const HINT: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
/// A progress bar's line: the bar, how far, and indicatif's estimate of the time left.
const PROGRESS_TEMPLATE: &str = "{wide_bar} {pos}/{len} (about {eta} left)";
const DIM: Style = Style::new().dimmed();
const HEADER: Style = Style::new().bold();

impl Output {
    /// The printer of a new run.
    pub fn new(
        format: Format,
        quiet: bool,
        verbose: bool,
        color: bool,
        stdout_color: bool,
    ) -> Self {
        Self { format, quiet, verbose, color, stdout_color, jq: None, run: Arc::default() }
    }

    /// Filter JSON documents through `--jq`'s expression (which implies JSON output).
    #[must_use]
    pub fn filtering(mut self, jq: Option<Expression>) -> Self {
        if jq.is_some() {
            self.format = Format::Json;
        }
        self.jq = jq;
        self
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// One JSON document on stdout (or, with `--jq`, what its expression makes of it).
    /// Every string is scrubbed of known secrets, and characters serde_json leaves raw (C1,
    /// DEL, bidi and zero-width) are written as `\uXXXX` escapes.
    pub fn json(&self, value: &impl Serialize) -> Result<()> {
        self.json_showing_all(value, &[])
    }

    /// [`Output::json`] for the one document that exists to show a secret (a new personal
    /// access token): that value is left in; every other known secret is still scrubbed.
    pub fn json_showing(&self, value: &impl Serialize, shown: Option<&Secret>) -> Result<()> {
        self.json_showing_all(value, shown.as_slice())
    }

    /// [`Output::json_showing`] for several secrets shown at once (new backup codes).
    pub fn json_showing_all(&self, value: &impl Serialize, shown: &[&Secret]) -> Result<()> {
        let shown: Vec<&str> = shown.iter().map(|secret| secret.expose()).collect();
        let value = scrub::scrub_json(serde_json::to_value(value)?, &shown);
        self.run.json_written.store(true, Ordering::Relaxed);
        if let Some(jq) = &self.jq {
            return filtered(jq, &value, &shown);
        }
        let mut text = escape_json_text(&serde_json::to_string_pretty(&value)?);
        text.push('\n');
        write_stdout(&scrub::scrub_except(&text, &shown))
    }

    /// A JSON document an endpoint answered (`rocketctl api`): indented on a terminal, one line
    /// otherwise, so `| jq` and `| grep` get one document per line. JSON escapes C0 controls
    /// itself; DEL, C1 and the bidi and zero-width characters are escaped here as `\uXXXX`.
    /// Scrubbed of known secrets like every other output: a server may echo the token.
    pub fn answer_json(&self, value: serde_json::Value) -> Result<()> {
        use std::io::IsTerminal as _;
        let value = scrub::scrub_json(value, &[]);
        self.run.json_written.store(true, Ordering::Relaxed);
        if let Some(jq) = &self.jq {
            return filtered(jq, &value, &[]);
        }
        let text = if std::io::stdout().is_terminal() {
            serde_json::to_string_pretty(&value)?
        } else {
            serde_json::to_string(&value)?
        };
        write_stdout(&scrub::scrub(&format!("{}\n", escape_json_text(&text))))
    }

    /// `-o json` of a failure: `{"error": {"message", "exitCode", "hints"}}` on stdout, so a
    /// script that parses stdout learns what went wrong. Best effort, like the `error:` block.
    /// Skipped when the command already wrote its document (`status` reports, then fails):
    /// stdout carries exactly one.
    pub fn json_error(&self, message: &str, exit_code: u8, hints: &[String]) {
        if self.run.json_written.load(Ordering::Relaxed) {
            return;
        }
        let hints: Vec<String> = hints.iter().map(|hint| escape(hint)).collect();
        let error = serde_json::json!({
            "error": { "message": escape(message), "exitCode": exit_code, "hints": hints }
        });
        // Never through `--jq`: a script that filters for data must still see the failure.
        let Ok(text) = serde_json::to_string_pretty(&scrub::scrub_json(error, &[])) else {
            return;
        };
        let _ = write_stdout(&scrub::scrub(&format!("{}\n", escape_json_text(&text))));
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
            table.add_row(row.iter().map(|cell| clean(cell)));
        }
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        // comfy-table pads each line, including the last column; scripts prefer no trailing blanks.
        // The header is bold on a terminal (as gh and kubectl print it); its upper-case words
        // mark it without colour too.
        let mut text = String::new();
        for (index, line) in table.lines().enumerate() {
            let line = line.trim_end();
            let line =
                if index == 0 { paint(self.stdout_color, HEADER, line) } else { line.into() };
            let _ = writeln!(text, "{line}");
        }
        write_stdout(&text)
    }

    /// A secret alone on its line on stdout, the one place a command shows one (a new personal
    /// access token, for `T=$(rocketctl token create ci)`).
    pub fn reveal(&self, secret: &Secret) -> Result<()> {
        write_stdout(&format!("{}\n", escape(secret.expose())))
    }

    /// Secrets one a line on stdout, shown this once (new backup codes).
    pub fn reveal_all(&self, secrets: &[Secret]) -> Result<()> {
        let lines: String =
            secrets.iter().map(|secret| format!("{}\n", escape(secret.expose()))).collect();
        write_stdout(&lines)
    }

    /// Text for the person at the terminal, with the secrets `shown` left in (a TOTP secret to
    /// scan or type): written to stderr only when stderr is a terminal, even with `-q`, and
    /// never otherwise. Says whether it was written.
    pub fn show_on_terminal(&self, text: &str, shown: &[&Secret]) -> Result<bool> {
        use std::io::IsTerminal as _;
        if !std::io::stderr().is_terminal() {
            return Ok(false);
        }
        let shown: Vec<&str> = shown.iter().map(|secret| secret.expose()).collect();
        let clean: String = text
            .lines()
            .map(|line| {
                let line = escape(&scrub::scrub_except(line, &shown));
                format!("{}\n", scrub::scrub_except(&line, &shown))
            })
            .collect();
        std::io::stderr().lock().write_all(clean.as_bytes())?;
        Ok(true)
    }

    /// Plain text on stdout, ending with a newline.
    pub fn text(&self, text: &str) -> Result<()> {
        let text = scrub::scrub(text);
        if text.ends_with('\n') { write_stdout(&text) } else { write_stdout(&format!("{text}\n")) }
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

    /// [`Output::warn`], once per run: a command may read the config file twice (to look, then
    /// again under the lock to write), and the user hears about a problem with it once.
    pub fn warn_once(&self, message: &str) {
        if self.first_time(message) {
            self.warn(message);
        }
    }

    /// Whether this run has not warned `message` before (and from now on it has).
    fn first_time(&self, message: &str) -> bool {
        let mut warned = self.run.warned.lock().unwrap_or_else(PoisonError::into_inner);
        let new = !warned.iter().any(|said| said == message);
        if new {
            warned.push(message.to_owned());
        }
        new
    }

    /// A status line from code that has no way to hand on a write error (the retry loop, the
    /// wait for the config lock): written best effort.
    pub fn progress(&self, message: &str) {
        let _ = writeln!(self.status(), "{message}");
    }

    /// A progress bar on stderr for a long read or a fleet's changes, with the time it expects
    /// is left (`####---- 40/100 (about 12s left)`): drawn only when stderr is a terminal
    /// (indicatif hides it otherwise) and never with `-q`. The caller clears it before printing
    /// data.
    pub fn progress_bar(&self, length: u64) -> indicatif::ProgressBar {
        let target = if self.quiet {
            indicatif::ProgressDrawTarget::hidden()
        } else {
            indicatif::ProgressDrawTarget::stderr()
        };
        let bar = indicatif::ProgressBar::with_draw_target(Some(length), target);
        if let Ok(style) = indicatif::ProgressStyle::with_template(PROGRESS_TEMPLATE) {
            bar.set_style(style.progress_chars("#>-"));
        }
        bar
    }

    /// A note from code that has no way to hand on a write error (the retry loop).
    pub fn note_best_effort(&self, message: &str) {
        let _ = writeln!(self.note(), "{message}");
    }

    fn sink(&self, on: bool, label: Option<(Style, &'static str)>, style: Option<Style>) -> Sink {
        Sink { on, label, style, color: self.color }
    }

    /// `error: what` / `  caused by: why` / blank / `hint: next step`, as uv and jj print them.
    pub fn error(&self, message: &str, causes: &[String], hints: &[String]) {
        write_stderr(&self.error_block(message, causes, hints));
    }

    /// Mark a change as sent until the returned guard is dropped (docs/security.md, F12): a
    /// signal meanwhile prints `error: interrupted after <what> was sent, …` and `hint: <hint>`
    /// (how to check this change) instead of ending silently.
    pub fn change_in_flight(&self, what: &str, hint: &str) -> InFlight {
        let line = format!(
            "{} {}",
            self.paint(ERROR, "error:"),
            clean_lines(&format!(
                "interrupted after {what} was sent, before its answer came: the server may or \
                 may not have applied it"
            ))
        );
        let hint = format!("{} {}", self.paint(HINT, "hint:"), clean_lines(hint));
        crate::interrupt::change_in_flight(line, hint)
    }

    /// Mark a change as not sent while `doing` (`waiting out a rate limit`): a signal meanwhile
    /// prints `error: interrupted while <doing> to send <what>: nothing was changed`.
    pub fn change_not_sent(&self, what: &str, doing: &str) -> InFlight {
        let line = format!(
            "{} {}",
            self.paint(ERROR, "error:"),
            clean_lines(&format!("interrupted while {doing} to send {what}: nothing was changed"))
        );
        crate::interrupt::change_in_flight(line, String::new())
    }

    fn error_block(&self, message: &str, causes: &[String], hints: &[String]) -> String {
        let mut text = format!("{} {}\n", self.paint(ERROR, "error:"), clean_lines(message));
        for cause in causes {
            let _ = writeln!(text, "  caused by: {}", clean_lines(cause));
        }
        if !hints.is_empty() {
            text.push('\n');
        }
        for hint in hints {
            let _ = writeln!(text, "{} {}", self.paint(HINT, "hint:"), clean_lines(hint));
        }
        text
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
        let body = clean_lines(body);
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

/// What `--jq`'s expression makes of a document: each result on its own line, a string as it
/// is (escaped for the terminal, as a table cell is), any other value as compact JSON. An
/// error of the expression is printed after the results before it, and fails the command.
fn filtered(jq: &Expression, value: &serde_json::Value, shown: &[&str]) -> Result<()> {
    let outcome = jq.apply(&serde_json::to_string(value)?);
    let mut text = String::new();
    for piece in &outcome.pieces {
        let line = match piece {
            Piece::Text(text) => escape(text),
            Piece::Json(json) => escape_json_text(json),
        };
        let _ = writeln!(text, "{line}");
    }
    write_stdout(&scrub::scrub_except(&text, shown))?;
    match outcome.error {
        None => Ok(()),
        Some(error) => Err(Failure::new(
            Exit::Failure,
            format!("the --jq expression failed on the command's output: {error}"),
        )
        .hint("the command itself completed; run it with `-o json` instead of --jq to see the document")
        .into()),
    }
}

/// Write and flush; a closed pipe comes back as an error `main` turns into a quiet exit.
fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// Text as it may be printed: every known secret value scrubbed (`src/scrub.rs`), before and
/// after escaping (an escaped secret is a spelling too), then escaped.
fn clean(text: &str) -> String {
    scrub::scrub(&escape(&scrub::scrub(text))).into_owned()
}

/// A message of ours that may span lines: each line cleaned, and every line after the first
/// indented, so no text inside a message can start a line that reads as `hint:` or `error:`.
fn clean_lines(text: &str) -> String {
    text.split('\n').map(clean).collect::<Vec<_>>().join("\n  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_bar_shows_the_time_left() {
        assert!(PROGRESS_TEMPLATE.contains("{eta}"));
        assert!(indicatif::ProgressStyle::with_template(PROGRESS_TEMPLATE).is_ok());
    }

    #[test]
    fn clones_share_the_run_and_a_new_run_starts_afresh() {
        let out = Output::default();
        let worker = out.clone();
        assert!(worker.first_time("config is group-readable"));
        assert!(!out.first_time("config is group-readable"), "said once per run");
        worker.run.json_written.store(true, Ordering::Relaxed);
        assert!(out.run.json_written.load(Ordering::Relaxed));
        let next = Output::new(Format::Json, false, false, false, false);
        assert!(next.first_time("config is group-readable"));
        assert!(!next.run.json_written.load(Ordering::Relaxed));
    }

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
}
