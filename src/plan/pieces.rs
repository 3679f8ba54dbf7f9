//! A long TOML file read a `[[users]]` entry at a time. The toml crate lexes a whole document
//! into tokens and events before it builds anything, which for a file of ten thousand accounts
//! takes twenty times the file's size at once; an entry's text alone takes a few kilobytes.
//!
//! Each line that is a `[[users]]` header starts an entry: the text before the first is the
//! head (`version`, `[profile]`, …), and the text from one header to the next holds exactly one
//! entry (its sub-tables, such as `[users.custom_fields]`, included). A line inside a multi-line
//! string can look like a header too, but a cut there leaves the piece before it with a string
//! that never ends, which does not parse. So any piece that does not parse, holds other than
//! one entry, or a head that holds entries of its own, gives up: the caller then reads the file
//! whole, and its errors name the lines as before.

use serde::Deserialize;

use super::file::{DesiredFile, UserSpec};

/// Below this many entries a file is read whole: it is small.
const FEWEST_ENTRIES: usize = 64;

/// One piece: a `[[users]]` header and what belongs to it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    users: Vec<UserSpec>,
}

/// The file, read piece by piece; `None` when it is small or cannot be read that way.
pub fn parse(text: &str) -> Option<DesiredFile> {
    let starts = headers(text);
    if starts.len() < FEWEST_ENTRIES {
        return None;
    }
    let head: toml::Table = toml::from_str(&text[..starts[0]]).ok()?;
    if head.contains_key("users") {
        return None;
    }
    let mut file: DesiredFile = head.try_into().ok()?;
    file.users.reserve_exact(starts.len());
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    for (start, end) in starts.iter().copied().zip(ends) {
        let Entry { users } = toml::from_str(&text[start..end]).ok()?;
        let [user] = <[UserSpec; 1]>::try_from(users).ok()?;
        file.users.push(user);
    }
    Some(file)
}

/// The byte offset of every line that is a `[[users]]` header (spaces allowed inside the
/// brackets, a comment after them).
fn headers(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_header(line) {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
}

fn is_header(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("[[") else { return false };
    let Some((name, after)) = rest.split_once("]]") else { return false };
    let after = after.trim();
    name.trim() == "users" && (after.is_empty() || after.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(entries: usize, each: impl Fn(usize) -> String) -> String {
        let mut text = String::from("version = 1\n\n[profile]\nname = \"Own\"\n");
        for n in 0..entries {
            text.push_str(&each(n));
        }
        text
    }

    fn plain(n: usize) -> String {
        format!(
            "\n[[users]]\nusername = \"bot-{n}\"\nroles = [\"bot\"]\n[users.custom_fields]\nteam = \"t{n}\"\n"
        )
    }

    #[test]
    fn pieces_read_what_the_whole_file_reads() {
        let text = file(100, plain);
        let whole: DesiredFile = toml::from_str(&text).unwrap();
        assert_eq!(parse(&text), Some(whole));
        let spaced = text.replacen("\n[[users]]\n", "\n  [[ users ]]  # the first\r\n", 1);
        assert_eq!(parse(&spaced).map(|f| f.users.len()), Some(100));
        assert_eq!(parse(&file(10, plain)), None, "small files are read whole");
    }

    #[test]
    fn a_header_inside_a_multi_line_string_and_a_stray_table_give_up() {
        let inside = |n| {
            if n == 50 {
                "\n[[users]]\nusername = \"x\"\nbio = \"\"\"\n[[users]]\nusername = \"y\"\n\"\"\"\n"
                    .to_owned()
            } else {
                plain(n)
            }
        };
        let text = file(100, inside);
        assert!(toml::from_str::<DesiredFile>(&text).is_ok(), "a valid file");
        assert_eq!(parse(&text), None);
        let late_profile = format!(
            "{}\n[profile]\nname = \"late\"\n",
            file(100, plain).replace("[profile]\nname = \"Own\"\n", "")
        );
        assert_eq!(parse(&late_profile), None, "a table after the entries");
        let inline = file(100, plain).replace("version = 1\n", "version = 1\nusers = []\n");
        assert_eq!(parse(&inline), None);
        let unknown = file(100, plain).replace("roles = [\"bot\"]", "role = [\"bot\"]");
        assert_eq!(parse(&unknown), None, "the whole file's error names the line");
    }
}
