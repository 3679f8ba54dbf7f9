//! Reading `src/` for the layer rules: which files are compiled outside tests, and the
//! `crate::` and `super::` paths in their code (comments, strings and `#[cfg(test)]` items left
//! out).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One `crate::` path found in a file: the line and the module path it names.
#[derive(Debug)]
pub struct Arrow {
    pub line: usize,
    pub path: Vec<String>,
}

/// Every `.rs` file under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The files that are compiled outside tests: not a module declared under `#[cfg(test)]`.
pub fn production_files(src: &Path, dir: &Path) -> Vec<PathBuf> {
    let test_only: BTreeSet<PathBuf> =
        rust_files(src).iter().flat_map(|file| test_modules(file)).collect();
    rust_files(dir)
        .into_iter()
        .filter(|file| !test_only.iter().any(|module| file == module || file.starts_with(module)))
        .collect()
}

/// The files of the modules `file` declares under `#[cfg(test)]` (`mod tests;`): `tests.rs`,
/// and the folder `tests/` with everything in it.
fn test_modules(file: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(file).unwrap();
    let dir = match file.file_name().and_then(|name| name.to_str()) {
        Some("mod.rs" | "main.rs") => file.parent().unwrap().to_owned(),
        _ => file.with_extension(""),
    };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].starts_with("#[cfg(") && pair[0].contains("test"))
        .filter_map(|pair| pair[1].strip_prefix("mod ")?.strip_suffix(';'))
        .flat_map(|name| [dir.join(format!("{name}.rs")), dir.join(name)])
        .collect()
}

/// `src/commands/admin/create.rs` is `commands::admin::create`; `main.rs` is `main`.
pub fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut path: Vec<String> =
        relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if path.last().is_some_and(|last| last == "mod") {
        path.pop();
    }
    path
}

/// The `crate::` and `super::` paths of `text`, a file of `module`, outside comments, strings
/// and `#[cfg(test)]` items, resolved to paths from the crate root.
pub fn arrows(module: &[String], text: &str) -> Vec<Arrow> {
    let code = without_tests(&code_only(text));
    let mut found = Vec::new();
    for (index, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = next_path_start(rest) {
            let tail = &rest[at..];
            let (base, after) = match tail.strip_prefix("crate::") {
                Some(after) => (Vec::new(), after),
                None => {
                    let (mut base, mut after) = (module.to_vec(), tail);
                    while let Some(next) = after.strip_prefix("super::") {
                        base.pop();
                        after = next;
                    }
                    (base, after)
                }
            };
            for path in expand(after) {
                let mut full = base.clone();
                full.extend(path);
                if !full.is_empty() {
                    found.push(Arrow { line: index + 1, path: full });
                }
            }
            rest = &tail[6..];
        }
    }
    found
}

/// Where the next `crate::` or `super::` starting a path is (not `x::crate`, not `supercrate`).
fn next_path_start(text: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = [text[from..].find("crate::"), text[from..].find("super::")]
            .into_iter()
            .flatten()
            .min()?
            + from;
        let before = text[..at].chars().next_back();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            return Some(at);
        }
        from = at + 1;
    }
}

/// The module paths after `crate::`: `a::b::C`, or each one of `{a, b::{c, d}}`.
fn expand(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('{') {
        let Some(close) = matching_brace(inner) else { return Vec::new() };
        return split_top_level(&inner[..close]).into_iter().flat_map(expand).collect();
    }
    let mut path = Vec::new();
    let mut rest = text;
    loop {
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        path.push(rest[..end].to_owned());
        match rest[end..].strip_prefix("::") {
            Some(next) if next.starts_with('{') => {
                return expand(next)
                    .into_iter()
                    .map(|tail| path.iter().cloned().chain(tail).collect())
                    .collect();
            }
            Some(next) => rest = next,
            None => break,
        }
    }
    if path.is_empty() { Vec::new() } else { vec![path] }
}

fn matching_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(at),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn split_top_level(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter().map(str::trim).filter(|part| !part.is_empty()).collect()
}

/// The text with comments, string and character literals blanked (line breaks kept, so line
/// numbers still match).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut at = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while at < chars.len() {
        let rest = &chars[at..];
        let skip = if rest.starts_with(&['/', '/']) {
            rest.iter().position(|&c| c == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            block_comment_len(rest)
        } else if rest[0] == '"' || rest.starts_with(&['r', '"']) || rest.starts_with(&['r', '#']) {
            string_len(rest)
        } else if rest[0] == '\'' {
            char_literal_len(rest)
        } else {
            0
        };
        if skip == 0 {
            code.push(chars[at]);
            at += 1;
        } else {
            code.extend(rest[..skip].iter().map(|&c| blank(c)));
            at += skip;
        }
    }
    code
}

fn block_comment_len(rest: &[char]) -> usize {
    let mut depth = 0;
    let mut at = 0;
    while at < rest.len() {
        if rest[at..].starts_with(&['/', '*']) {
            depth += 1;
            at += 2;
        } else if rest[at..].starts_with(&['*', '/']) {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return at;
            }
        } else {
            at += 1;
        }
    }
    rest.len()
}

/// A string literal's length: `"…"` with escapes, or raw `r#"…"#`. 0 when `r` starts a name.
fn string_len(rest: &[char]) -> usize {
    if rest[0] == 'r' {
        let hashes = rest[1..].iter().take_while(|&&c| c == '#').count();
        if rest.get(1 + hashes) != Some(&'"') {
            return 0;
        }
        let close: Vec<char> =
            std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
        let body = 2 + hashes;
        return (body..rest.len())
            .find(|&at| rest[at..].starts_with(&close))
            .map_or(rest.len(), |at| at + close.len());
    }
    let mut at = 1;
    while at < rest.len() {
        match rest[at] {
            '\\' => at += 2,
            '"' => return at + 1,
            _ => at += 1,
        }
    }
    rest.len()
}

/// `'x'`, `'\n'`, `'\u{1b}'` are literals; `'a` in `&'a str` is a lifetime (0).
fn char_literal_len(rest: &[char]) -> usize {
    if rest.get(1) == Some(&'\\') {
        return rest[2..].iter().position(|&c| c == '\'').map_or(0, |at| at + 3);
    }
    if rest.get(2) == Some(&'\'') { 3 } else { 0 }
}

/// The code without items under `#[cfg(test)]` (and `#[cfg(all(test, …))]`): from the
/// attribute to the end of the item's braces, or its `;`.
fn without_tests(code: &str) -> String {
    let mut kept = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(") {
        let attribute_end = rest[at..].find(']').map_or(rest.len(), |end| at + end + 1);
        if !rest[at..attribute_end].contains("test") || rest[at..attribute_end].contains("not(") {
            kept.push_str(&rest[..attribute_end]);
            rest = &rest[attribute_end..];
            continue;
        }
        kept.push_str(&rest[..at]);
        let item = &rest[attribute_end..];
        let end = match (item.find('{'), item.find(';')) {
            (Some(open), semi) if semi.is_none_or(|semi| open < semi) => {
                matching_brace(&item[open + 1..]).map_or(item.len(), |close| open + close + 2)
            }
            (_, Some(semi)) => semi + 1,
            _ => item.len(),
        };
        // Keep the line breaks, so line numbers still match.
        kept.extend(rest[at..attribute_end + end].chars().filter(|&c| c == '\n'));
        rest = &item[end..];
    }
    kept.push_str(rest);
    kept
}
