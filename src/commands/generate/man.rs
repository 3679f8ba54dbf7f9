//! Man pages, one per visible command, in `DIR/man1/` so `MANPATH=DIR man rocketctl` finds
//! them, and the desired-state file's page in `DIR/man5/`. clap_mangen renders the name,
//! description, options and subcommands; the synopsis (with value placeholders), EXAMPLES,
//! ENVIRONMENT, FILES, EXIT STATUS and SEE ALSO are ours.

use std::path::Path;

use anyhow::{Context, Result};
use clap_mangen::Man;
use roff::{Inline, Roff, bold, italic, roman};

use crate::cli;
use crate::commands::help::desired_state::{self, Part};
use crate::commands::help::{ENVIRONMENT, FILES, precedence};
use crate::exit::Exit;

/// The commands whose pages point to `rocketctl-desired-state(5)`.
const DESIRED_STATE_COMMANDS: &[&str] = &["export", "diff", "apply"];

/// The file format's page, in section 5 (file formats).
const DESIRED_STATE_PAGE: &str = "rocketctl-desired-state";

/// Write every command's page into `dir/man1/` and the file format's into `dir/man5/`.
pub fn write(dir: &Path) -> Result<()> {
    write_desired_state(&dir.join("man5"))?;
    let dir = dir.join("man1");
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    // The top page lists the global options; the others only their own (as `--help` does).
    let mut full = cli::full_command();
    full.build();
    write_page(&full, None, &dir)?;
    let mut local = cli::command();
    local.build();
    for sub in visible(&local) {
        write_tree(sub, &local, &dir)?;
    }
    Ok(())
}

fn visible(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command.get_subcommands().filter(|sub| !sub.is_hide_set())
}

fn write_tree(command: &clap::Command, parent: &clap::Command, dir: &Path) -> Result<()> {
    write_page(command, Some(parent), dir)?;
    for sub in visible(command) {
        write_tree(sub, command, dir)?;
    }
    Ok(())
}

fn page_name(command: &clap::Command) -> String {
    command.get_display_name().unwrap_or_else(|| command.get_name()).to_owned()
}

fn write_page(command: &clap::Command, parent: Option<&clap::Command>, dir: &Path) -> Result<()> {
    let man = Man::new(command.clone())
        .title(page_name(command).to_uppercase())
        // The version goes in the footer's centre (the date slot: an empty one shifts the rest).
        .date(format!("rocketctl {}", env!("CARGO_PKG_VERSION")))
        .source("rocketctl")
        .manual("rocketctl manual");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    // No hyphenation and no justification: flags, variable names and paths stay whole.
    page.extend_from_slice(b".nh\n.ad l\n");
    man.render_name_section(&mut page)?;
    page.extend_from_slice(synopsis(command).as_bytes());
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    if parent.is_some() {
        page.extend_from_slice(global_options_pointer().as_bytes());
    }
    if visible(command).next().is_some() {
        man.render_subcommands_section(&mut page)?;
    }
    page.extend_from_slice(examples(command).as_bytes());
    page.extend_from_slice(common_sections().as_bytes());
    page.extend_from_slice(see_also(command, parent).as_bytes());
    let path = dir.join(format!("{}.1", page_name(command)));
    std::fs::write(&path, page).with_context(|| format!("failed to write `{}`", path.display()))
}

/// `rocketctl profile update [--email EMAIL] … COMMAND`: every visible option with its value.
fn synopsis(command: &clap::Command) -> String {
    let name = command.get_bin_name().unwrap_or_else(|| command.get_name()).to_owned();
    let mut line: Vec<Inline> = vec![bold(name)];
    for arg in command.get_arguments().filter(|arg| !arg.is_hide_set()) {
        let value = arg
            .get_action()
            .takes_values()
            .then(|| arg.get_value_names().and_then(|names| names.first()).map(ToString::to_string))
            .flatten();
        match (arg.get_long(), value) {
            (Some(long), Some(value)) if !arg.is_positional() => line.extend([
                roman(" ["),
                bold(format!("--{long}")),
                roman(" "),
                italic(value),
                roman("]"),
            ]),
            (Some(long), None) => line.extend([roman(" ["), bold(format!("--{long}")), roman("]")]),
            (_, Some(value)) if arg.is_required_set() => line.extend([roman(" "), italic(value)]),
            (_, Some(value)) => line.extend([roman(" ["), italic(value), roman("]")]),
            _ => {}
        }
    }
    if visible(command).next().is_some() {
        line.extend([roman(" "), italic("COMMAND")]);
    }
    let mut roff = Roff::default();
    roff.control("SH", ["SYNOPSIS"]).text(line);
    roff.to_roff()
}

fn global_options_pointer() -> String {
    let mut roff = Roff::default();
    roff.control("SH", ["GLOBAL OPTIONS"]).text([
        roman("Every command also takes the global options listed in "),
        bold("rocketctl"),
        roman("(1) and by "),
        bold("rocketctl help options"),
        roman("."),
    ]);
    roff.to_roff()
}

/// The command's examples (from its help), one command a line, continuations kept as written.
fn examples(command: &clap::Command) -> String {
    let help = command.get_after_long_help().map(ToString::to_string).unwrap_or_default();
    let Some(list) = help.split("Examples:\n").nth(1) else { return String::new() };
    let mut roff = Roff::default();
    roff.control("SH", ["EXAMPLES"]).control("RS", []).control("nf", []);
    for line in list.lines().take_while(|line| !line.trim().is_empty()) {
        roff.text([roman(line.strip_prefix("  ").unwrap_or(line))]);
    }
    roff.control("fi", []).control("RE", []);
    roff.to_roff()
}

fn common_sections() -> String {
    let mut roff = Roff::default();
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []).text([bold(*name)]).text([roman(*meaning)]);
    }
    roff.control("PP", []).control("nf", []);
    for line in precedence().lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.control("SH", ["FILES"]);
    for (path, meaning) in FILES {
        roff.control("TP", []).text([bold(*path)]).text([roman(*meaning)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for exit in Exit::ALL {
        roff.control("TP", [])
            .text([bold(exit.code().to_string())])
            .text([roman(exit.description())]);
    }
    roff.to_roff()
}

/// The parent page and every child page, then the top page when it is neither, then the file
/// format's page for the commands that read or write it.
fn see_also(command: &clap::Command, parent: Option<&clap::Command>) -> String {
    let mut pages: Vec<(String, u8)> = parent.iter().map(|parent| (page_name(parent), 1)).collect();
    pages.extend(visible(command).map(|sub| (page_name(sub), 1)));
    if parent.is_some_and(|parent| parent.get_name() != "rocketctl") {
        pages.push(("rocketctl".into(), 1));
    }
    if DESIRED_STATE_COMMANDS.contains(&command.get_name()) && parent.is_some() {
        pages.push((DESIRED_STATE_PAGE.into(), 5));
    }
    see_also_section(pages)
}

fn see_also_section(pages: Vec<(String, u8)>) -> String {
    if pages.is_empty() {
        return String::new();
    }
    let mut line = Vec::new();
    for (index, (page, section)) in pages.into_iter().enumerate() {
        if index > 0 {
            line.push(roman(", "));
        }
        line.extend([bold(page), roman(format!("({section})"))]);
    }
    let mut roff = Roff::default();
    roff.control("SH", ["SEE ALSO"]).text(line);
    roff.to_roff()
}

/// `rocketctl-desired-state(5)`: the sections of `rocketctl help desired-state` as a man page.
fn write_desired_state(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    let mut roff = Roff::default();
    let footer = format!("rocketctl {}", env!("CARGO_PKG_VERSION"));
    let title = DESIRED_STATE_PAGE.to_uppercase();
    roff.control("TH", [title.as_str(), "5", footer.as_str(), "rocketctl", "rocketctl manual"]);
    roff.control("nh", []).control("ad", ["l"]);
    roff.control("SH", ["NAME"])
        .text([roman(format!("{DESIRED_STATE_PAGE} - {}", desired_state::SUMMARY))]);
    for section in desired_state::sections() {
        roff.control("SH", [section.heading.to_uppercase().as_str()]);
        for part in &section.parts {
            desired_state_part(&mut roff, part);
        }
    }
    let mut page = roff.to_roff();
    let pages = DESIRED_STATE_COMMANDS.iter().map(|name| (format!("rocketctl-{name}"), 1));
    page.push_str(&see_also_section(pages.chain([("rocketctl".into(), 1)]).collect()));
    let path = dir.join(format!("{DESIRED_STATE_PAGE}.5"));
    std::fs::write(&path, page).with_context(|| format!("failed to write `{}`", path.display()))
}

fn desired_state_part(roff: &mut Roff, part: &Part) {
    match part {
        Part::Text(prose) => {
            roff.control("PP", []).text([roman(*prose)]);
        }
        Part::Example(lines) => {
            roff.control("PP", []).control("RS", []).control("nf", []);
            for line in lines.lines() {
                roff.text([roman(line)]);
            }
            roff.control("fi", []).control("RE", []);
        }
        Part::Keys(keys) => {
            for (key, meaning) in keys {
                roff.control("TP", []).text([bold(key.as_str())]).text([roman(meaning.as_str())]);
            }
        }
    }
}
