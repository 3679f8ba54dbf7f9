//! README.md's examples as data, for tests/cli/readme.rs to run: every fenced block, the
//! `<!-- key: value -->` comments right above it, and for ```console and ```sh blocks the
//! commands, what each prints and how it exits.
//!
//! The convention (README.md's examples follow it; tests/README.md repeats it):
//!
//! - A ```sh block is a script: each line is a command (a line ending in `\` continues on the
//!   next), `#` lines are comments. Nothing is asked for: there is no terminal.
//! - A ```console block is a terminal session: `$ ` starts a command, and the lines up to the
//!   next `$ ` are what it prints (stdout and stderr as a terminal mixes them), blank lines at
//!   the end left out. `…` alone on a line stands for any number of lines, `…` inside a line for
//!   any text. A line that is a password prompt (`Password for jane on chat.example.com:`) is
//!   answered with that account's password, the way a person would type it.
//! - A command exits 0, unless its trailing comment starts with `exit N` (`# exit 10: …`).
//! - Comments right above a block: `<!-- not run: WHY -->` skips a ```console or ```sh block
//!   (the reason is required), `<!-- setup: NAME, NAME -->` names the setups it runs after
//!   (tests/cli/readme.rs lists them), `<!-- file: NAME -->` saves another block (a TOML file)
//!   under NAME for the blocks after it, as a reader who follows along would have it.

use std::fmt;

/// One fenced block of README.md.
pub struct Block {
    /// The line of the opening fence (1-based).
    pub line: usize,
    pub lang: String,
    pub text: String,
    pub not_run: Option<String>,
    pub setups: Option<Vec<String>>,
    pub file: Option<String>,
}

/// One command of a block and what the README says of it.
pub struct Step {
    pub line: usize,
    pub command: String,
    /// What a ```console block shows after it (None in a ```sh block).
    pub shown: Option<Vec<String>>,
    pub exit: i32,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "README.md line {}: {}", self.line, self.command)
    }
}

impl Block {
    /// Whether the README runner runs it.
    pub fn runs(&self) -> bool {
        matches!(self.lang.as_str(), "console" | "sh") && self.not_run.is_none()
    }

    /// The commands of a ```console or ```sh block, in order.
    pub fn steps(&self) -> Vec<Step> {
        let lines: Vec<(usize, &str)> =
            self.text.lines().enumerate().map(|(i, line)| (self.line + 1 + i, line)).collect();
        if self.lang == "console" { console_steps(&lines) } else { sh_steps(&lines) }
    }
}

/// Every fenced block of `markdown`, with the directives above it; an unknown or malformed
/// directive is an error naming its line.
pub fn blocks(markdown: &str) -> Result<Vec<Block>, String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut blocks = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let Some(lang) = lines[index].strip_prefix("```") else {
            index += 1;
            continue;
        };
        let start = index;
        let end = (start + 1..lines.len())
            .find(|&i| lines[i].starts_with("```"))
            .ok_or_else(|| format!("README.md line {}: a block that never closes", start + 1))?;
        let mut block = Block {
            line: start + 1,
            lang: lang.trim().to_owned(),
            text: lines[start + 1..end].join("\n"),
            not_run: None,
            setups: None,
            file: None,
        };
        directives(&lines, start, &mut block)?;
        blocks.push(block);
        index = end + 1;
    }
    Ok(blocks)
}

/// The `<!-- key: value -->` lines right above the fence at `start`.
fn directives(lines: &[&str], start: usize, block: &mut Block) -> Result<(), String> {
    let mut above = start;
    while above > 0 {
        let line = lines[above - 1].trim();
        let Some(inner) = line.strip_prefix("<!--").and_then(|l| l.strip_suffix("-->")) else {
            break;
        };
        above -= 1;
        let at = format!("README.md line {}", above + 1);
        let (key, value) =
            inner.split_once(':').ok_or_else(|| format!("{at}: expected <!-- key: value -->"))?;
        let value = value.trim().to_owned();
        if value.is_empty() {
            return Err(format!("{at}: `{}` needs a value", key.trim()));
        }
        match key.trim() {
            "not run" => block.not_run = Some(value),
            "setup" => block.setups = Some(value.split(',').map(|s| s.trim().to_owned()).collect()),
            "file" => block.file = Some(value),
            other => {
                return Err(format!("{at}: unknown `{other}` (not run, setup or file)"));
            }
        }
    }
    Ok(())
}

fn sh_steps(lines: &[(usize, &str)]) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut pending: Option<Step> = None;
    for &(number, line) in lines {
        if let Some(step) = pending.as_mut() {
            step.command.push('\n');
            step.command.push_str(line);
        } else if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        } else {
            pending = Some(Step { line: number, command: line.to_owned(), shown: None, exit: 0 });
        }
        if !line.ends_with('\\') {
            steps.extend(pending.take().map(with_exit));
        }
    }
    steps.extend(pending.map(with_exit));
    steps
}

fn console_steps(lines: &[(usize, &str)]) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut continues = false;
    for &(number, line) in lines {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                line: number,
                command: command.to_owned(),
                shown: Some(Vec::new()),
                exit: 0,
            });
        } else if let Some(step) = steps.last_mut() {
            if continues {
                step.command.push('\n');
                step.command.push_str(line);
            } else {
                step.shown.get_or_insert_with(Vec::new).push(line.to_owned());
            }
        }
        continues = steps.last().is_some_and(|step| {
            step.shown.as_ref().is_none_or(Vec::is_empty) && step.command.ends_with('\\')
        });
    }
    for step in &mut steps {
        let shown = step.shown.get_or_insert_with(Vec::new);
        while shown.last().is_some_and(|line| line.trim().is_empty()) {
            shown.pop();
        }
    }
    steps.into_iter().map(with_exit).collect()
}

/// The exit code a trailing comment names (`# exit 10: changes pending`), else 0.
fn with_exit(mut step: Step) -> Step {
    let last = step.command.lines().last().unwrap_or_default();
    if let Some(comment) = trailing_comment(last) {
        let words: Vec<&str> = comment.split_whitespace().collect();
        if let [first, code, ..] = words.as_slice()
            && *first == "exit"
        {
            let code = code.trim_end_matches([':', ',', '.', ';']);
            step.exit = code.parse().unwrap_or_else(|_| panic!("{step}: `exit {code}`?"));
        }
    }
    step
}

/// The text after a ` #` outside quotes, if the line has a comment.
fn trailing_comment(line: &str) -> Option<&str> {
    let (mut single, mut double) = (false, false);
    let mut previous = ' ';
    for (at, ch) in line.char_indices() {
        match ch {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && previous.is_whitespace() => {
                return Some(line[at + 1..].trim());
            }
            _ => {}
        }
        previous = ch;
    }
    None
}

/// `Password for jane on chat.example.com:` (and `Current password`, `New password`, `(again)`)
/// as `(kind, username)`.
pub fn prompt(line: &str) -> Option<(&str, &str)> {
    let line = line.strip_suffix(':')?.trim_end_matches(" (again)");
    let (kind, rest) = line.split_once(" for ")?;
    let (user, _host) = rest.split_once(" on ")?;
    ["Password", "Current password", "New password"].contains(&kind).then_some((kind, user))
}

/// What may differ between a run and the README: ids, dates, times and tokens, and the width of
/// the gaps between table columns.
pub fn normalise(line: &str) -> String {
    use regex::{Captures, Regex};
    use std::sync::LazyLock;
    static DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z").unwrap());
    static TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b\d{2}:\d{2}:\d{2} UTC").unwrap());
    static TOKEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(^|[^\w-])[\w-]{43}($|[^\w-])").unwrap());
    // Rocket.Chat's 17-character ids (Meteor's alphabet), upper and lower case both present.
    static ID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}\b").unwrap()
    });
    let line = DATE.replace_all(line, "[DATE]");
    let line = TIME.replace_all(&line, "[TIME] UTC");
    let line = TOKEN.replace_all(&line, "${1}[TOKEN]${2}");
    let line = ID.replace_all(&line, |found: &Captures| {
        let id = &found[0];
        let mixed = id.chars().any(|c| c.is_ascii_uppercase())
            && id.chars().any(|c| c.is_ascii_lowercase());
        if mixed { "[ID]".to_owned() } else { id.to_owned() }
    });
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `actual` is what the README shows: line by line after [`normalise`], `…` alone
/// matching any number of lines and `…` in a line any text.
pub fn shows(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "…" => {
            (0..=actual.len()).any(|skip| shows(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, others)| line_matches(first, line) && shows(rest, others)),
    }
}

fn line_matches(pattern: &str, line: &str) -> bool {
    let mut parts = pattern.split('…');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = line.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    for (index, part) in parts.iter().enumerate() {
        if index == parts.len() - 1 {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[test]
fn blocks_directives_steps_and_exit_codes_are_read_as_documented() {
    let markdown = "text\n<!-- setup: admin, deploy-bot -->\n```console\n$ rocketctl a \\\n    --b\nout 1\n\n$ rocketctl c   # exit 10: pending\n```\n<!-- not run: needs a real server -->\n```sh\n# comment\nrocketctl d | jq '.x # not a comment'\nrocketctl e \\\n  f  # exit 3\n```\n";
    let read = blocks(markdown).unwrap();
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].setups.as_deref(), Some(&["admin".to_owned(), "deploy-bot".to_owned()][..]));
    let steps = read[0].steps();
    assert_eq!(steps[0].command, "rocketctl a \\\n    --b");
    assert_eq!(steps[0].shown.as_deref(), Some(&["out 1".to_owned()][..]));
    assert_eq!((steps[1].exit, steps[1].line), (10, 8));
    assert!(!read[1].runs() && read[1].not_run.as_deref() == Some("needs a real server"));
    let steps = read[1].steps();
    assert_eq!(steps.len(), 2);
    assert_eq!((steps[0].exit, steps[1].exit), (0, 3));
    assert!(blocks("<!-- skip: x -->\n```sh\n```\n").is_err(), "unknown keys are refused");
    assert!(blocks("<!-- not run: -->\n```sh\n```\n").is_err(), "a reason is required");
}

#[test]
fn ellipses_stand_for_lines_and_text() {
    let lines = |text: &str| text.lines().map(str::to_owned).collect::<Vec<_>>();
    assert!(shows(&lines("a\n…\nd"), &lines("a\nb\nc\nd")));
    assert!(shows(&lines("a\n…"), &lines("a")));
    assert!(shows(&lines("ci [DATE] … no"), &lines("ci [DATE] tkQlzc no")));
    assert!(!shows(&lines("a\nb"), &lines("a\nb\nc")), "nothing more than shown");
    assert!(!shows(&lines("x … y"), &lines("x z")));
}
