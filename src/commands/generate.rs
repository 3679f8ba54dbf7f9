//! Shell completions and man pages, printed or written into folders.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub fn completions(shell: Shell) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "rocketctl", &mut stdout);
    Ok(())
}

/// `rocketctl generate --completions DIR --man DIR`: what the repository commits.
pub fn write(completions: Option<&Path>, man: Option<&Path>) -> Result<()> {
    if let Some(dir) = completions {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("failed to create `{}`", dir.display()))?;
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish] {
            clap_complete::generate_to(shell, &mut Cli::command(), "rocketctl", dir).with_context(
                || format!("failed to write {shell} completions into `{}`", dir.display()),
            )?;
        }
    }
    if let Some(dir) = man {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("failed to create `{}`", dir.display()))?;
        clap_mangen::generate_to(Cli::command(), dir)
            .with_context(|| format!("failed to write man pages into `{}`", dir.display()))?;
    }
    Ok(())
}
