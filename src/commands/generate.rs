//! Shell completions and man pages, printed or written into folders. The committed
//! `completions/` and `man/` are exactly this output (a test checks it).

mod man;

use std::path::Path;

use anyhow::{Context, Result};
use clap_complete::Shell;

use crate::cli;
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
    clap_complete::generate(shell, &mut visible(&cli::full_command()), "rocketctl", &mut script);
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
            // Only the slots that take a context: --context and the positional of `context
            // use|remove` (both named CONTEXT in src/cli/).
            text = text.replace(":CONTEXT:_default", ":CONTEXT:_rocketctl_contexts");
            text = text.replace(
                "Context name, as `rocketctl context list` shows it:_default",
                "Context name, as `rocketctl context list` shows it:_rocketctl_contexts",
            );
        }
        Shell::Fish => {
            text.push_str(FISH_CONTEXTS);
            // clap_complete gives fish no values for a positional: offer the endpoint names.
            let names: Vec<&str> = crate::endpoints::names().collect();
            text.push_str(&format!(
                "\n# Endpoint names for `rocketctl api`.\ncomplete -c rocketctl -n \"__fish_seen_subcommand_from api\" -a '{}'\n",
                names.join(" ")
            ));
            text.push_str(&fish_admin_names());
        }
        _ => {}
    }
    text
}

/// The command tree without hidden subcommands, which clap_complete would otherwise offer.
/// (Global options stay: they are accepted everywhere, only their help is elsewhere.)
fn visible(command: &clap::Command) -> clap::Command {
    let mut copy = clap::Command::new(command.get_name().to_owned())
        .disable_help_subcommand(true)
        .args(command.get_arguments().cloned())
        .groups(command.get_groups().cloned())
        .subcommands(command.get_subcommands().filter(|sub| !sub.is_hide_set()).map(visible));
    if let Some(about) = command.get_about() {
        copy = copy.about(about.clone());
    }
    if let Some(version) = command.get_version() {
        copy = copy.version(version.to_owned());
    }
    copy
}

// Context names come from a file anyone may have edited: they are compared and inserted as
// data, never handed to `compgen -W` or `eval` (which would run `$(…)` inside a name). The
// current word is taken from COMP_LINE, so a name with `:` completes past the colon whatever
// COMP_WORDBREAKS says; the reply drops what bash already treats as a separate word.
const BASH_CONTEXTS: &str = r#"
# Context names for --context, `context use` and `context remove`; subcommands before flags.
_rocketctl_with_contexts() {
    local line="${COMP_LINE:0:COMP_POINT}" cur prev name quoted
    local -a words
    read -r -a words <<<"$line"
    [[ "$line" =~ [[:space:]]$ ]] && words+=("")
    cur="${words[${#words[@]}-1]}"
    prev="${words[${#words[@]}-2]}"
    local n=${#words[@]} in_context=""
    (( n >= 4 )) && [[ " ${words[*]:1:n-3} " == *" context "* ]] && in_context=1
    if [[ "$prev" == "--context" ]] || [[ -n "$in_context" && ( "$prev" == "use" || "$prev" == "remove" ) ]]; then
        local skip=""
        [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]] && skip="${cur%:*}:"
        COMPREPLY=()
        while IFS= read -r name; do
            [[ -n "$name" && "$name" == "$cur"* ]] || continue
            printf -v quoted '%q' "${name#"$skip"}"
            COMPREPLY+=("$quoted")
        done < <(command rocketctl __complete-contexts 2>/dev/null)
        return 0
    fi
    _rocketctl "$@"
    # Flags only once a `-` is typed, as gh and kubectl do.
    if [[ "$cur" != -* ]]; then
        local -a rest=()
        for name in "${COMPREPLY[@]}"; do [[ "$name" == -* ]] || rest+=("$name"); done
        [[ ${#rest[@]} -gt 0 ]] && COMPREPLY=("${rest[@]}")
    fi
    return 0
}
"#;

// compadd takes each name as one literal match: no `:` splitting (as `_describe` does) and
// no evaluation; zsh quotes what it inserts.
const ZSH_CONTEXTS: &str = r#"# Context names for --context, `context use` and `context remove`.
(( $+functions[_rocketctl_contexts] )) ||
_rocketctl_contexts() {
    local -a contexts expl
    contexts=(${(f)"$(rocketctl __complete-contexts 2>/dev/null)"})
    _wanted contexts expl 'context' compadd -a - contexts
}

"#;

const FISH_CONTEXTS: &str = r#"
# Context names for --context, `context use` and `context remove`.
complete -c rocketctl -l context -x -a '(rocketctl __complete-contexts 2>/dev/null)'
complete -c rocketctl -n "__fish_seen_subcommand_from context; and __fish_seen_subcommand_from use remove" -x -a '(rocketctl __complete-contexts 2>/dev/null)'
"#;

/// Role, permission and setting names for the positionals of `admin role | permission |
/// setting`, by how many words follow the group's name (fish gets no positional values from
/// clap_complete).
fn fish_admin_names() -> String {
    let list = |names: &mut dyn Iterator<Item = &str>| names.collect::<Vec<_>>().join(" ");
    let roles = list(&mut crate::known_names::roles());
    let permissions = list(&mut crate::known_names::permissions());
    let settings = list(&mut crate::known_names::settings());
    let slots = [
        ("role", "members add remove", "-eq 1", &roles),
        ("permission", "show grant revoke", "-eq 1", &permissions),
        ("permission", "grant revoke", "-ge 2", &roles),
        ("setting", "show", "-ge 1", &settings),
        ("setting", "set", "-eq 1", &settings),
    ];
    let mut text = String::from(FISH_WORDS_AFTER);
    for (group, commands, position, names) in slots {
        text.push_str(&format!(
            "complete -c rocketctl -n \"__fish_seen_subcommand_from {group}; and \
             __fish_seen_subcommand_from {commands}; and test (__rocketctl_words_after {group}) \
             {position}\" -f -a '{names}'\n"
        ));
    }
    text
}

const FISH_WORDS_AFTER: &str = r#"
# Role, permission and setting names for `admin role | permission | setting`.
function __rocketctl_words_after --argument-names word
    set -l tokens (commandline -opc)
    set -l index (contains -i -- $word $tokens); or return 1
    math (count $tokens) - $index
end
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
        man::write(dir)?;
    }
    Ok(())
}
