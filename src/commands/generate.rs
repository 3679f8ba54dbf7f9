//! Shell completions and man pages, printed or written into folders. The committed
//! `completions/` and `man/` are exactly this output (a test checks it).

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;
use roff::{Roff, bold, roman};

use super::help::{ENVIRONMENT, FILES, precedence};
use crate::cli::Cli;
use crate::exit::Exit;
use crate::settings::Settings;

const SHELLS: [Shell; 5] = [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish];

pub fn completions(settings: &Settings, shell: Shell) -> Result<()> {
    let script = completion_script(shell);
    settings.out.text(&script)
}

/// clap's script, plus completion of context names where the shell lets us add it.
fn completion_script(shell: Shell) -> String {
    // Rendered into memory: clap_complete panics on a write error, and `| head` must be fine.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rocketctl", &mut script);
    let mut text = String::from_utf8(script).expect("completion scripts are UTF-8");
    match shell {
        Shell::Bash => {
            // Replace clap's registration with a wrapper that completes context names.
            text = text.replace("complete -F _rocketctl", "complete -F _rocketctl_with_contexts");
            text.push_str(BASH_CONTEXTS);
        }
        Shell::Zsh => {
            // Defined before clap's closing `if [ "$funcstack[1]" …`, which runs the completion
            // the first time the file is loaded.
            let tail = text.rfind("if [ \"$funcstack[1]\"").unwrap_or(text.len());
            text.insert_str(tail, ZSH_CONTEXTS);
            text = text.replace(":NAME:_default", ":NAME:_rocketctl_contexts");
        }
        Shell::Fish => text.push_str(FISH_CONTEXTS),
        _ => {}
    }
    text
}

const BASH_CONTEXTS: &str = r#"
# Context names for --context, `context use` and `context remove`.
_rocketctl_with_contexts() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    if [[ "$prev" == "--context" ]] || [[ "${COMP_WORDS[1]}" == "context" && ( "$prev" == "use" || "$prev" == "remove" ) ]]; then
        COMPREPLY=( $(compgen -W "$(rocketctl __complete-contexts 2>/dev/null)" -- "$cur") )
        return 0
    fi
    _rocketctl "$@"
}
"#;

const ZSH_CONTEXTS: &str = r#"# Context names for --context, `context use` and `context remove`.
(( $+functions[_rocketctl_contexts] )) ||
_rocketctl_contexts() {
    local -a contexts
    contexts=(${(f)"$(rocketctl __complete-contexts 2>/dev/null)"})
    _describe 'context' contexts
}

"#;

const FISH_CONTEXTS: &str = r#"
# Context names for --context, `context use` and `context remove`.
complete -c rocketctl -l context -x -a '(rocketctl __complete-contexts 2>/dev/null)'
complete -c rocketctl -n "__fish_seen_subcommand_from context; and __fish_seen_subcommand_from use remove" -x -a '(rocketctl __complete-contexts 2>/dev/null)'
"#;

/// The file name clap_complete gives each shell's script.
fn completion_file(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "rocketctl.bash",
        Shell::Zsh => "_rocketctl",
        Shell::Fish => "rocketctl.fish",
        Shell::PowerShell => "_rocketctl.ps1",
        _ => "rocketctl.elv",
    }
}

/// `rocketctl generate --completions DIR --man DIR`: what the repository commits.
pub fn write(completions: Option<&Path>, man: Option<&Path>) -> Result<()> {
    if let Some(dir) = completions {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("failed to create `{}`", dir.display()))?;
        for shell in SHELLS {
            let path = dir.join(completion_file(shell));
            std::fs::write(&path, completion_script(shell))
                .with_context(|| format!("failed to write `{}`", path.display()))?;
        }
    }
    if let Some(dir) = man {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("failed to create `{}`", dir.display()))?;
        let mut command = Cli::command().disable_help_subcommand(true);
        command.build();
        write_man_pages(&command, dir)?;
    }
    Ok(())
}

/// One page per visible command, each with the environment, files and exit codes.
fn write_man_pages(command: &clap::Command, dir: &Path) -> Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_man_pages(sub, dir)?;
    }
    let man = clap_mangen::Man::new(command.clone());
    let path = dir.join(man.get_filename());
    let mut page = Vec::new();
    man.render(&mut page)?;
    page.extend_from_slice(common_sections(command).as_bytes());
    std::fs::write(&path, page).with_context(|| format!("failed to write `{}`", path.display()))
}

fn common_sections(command: &clap::Command) -> String {
    let mut roff = Roff::default();
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []).text([bold(*name)]).text([roman(*meaning)]);
    }
    roff.control("PP", []);
    for line in precedence().lines() {
        roff.text([roman(line)]).control("br", []);
    }
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
    if command.get_name() != "rocketctl" {
        roff.control("SH", ["SEE ALSO"]).text([bold("rocketctl"), roman("(1)")]);
    }
    roff.to_roff()
}
