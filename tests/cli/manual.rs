//! The man pages as `man` shows them: found through `MANPATH=man`, a synopsis with value
//! placeholders, EXAMPLES, SEE ALSO both ways, the version in the footer, no hyphenated flags.

use std::path::Path;
use std::process::Command;

/// `MANPATH=$PWD/man man PAGE`, rendered at 80 columns.
fn man(page: &str) -> Option<String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("man")
        .args(["-P", "cat", page])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("MANPATH", repo.join("man"))
        .env("MANWIDTH", "80")
        .env("LANG", "C.UTF-8")
        .output()
        .ok()?; // no `man` on this machine: .ci/run's image has it
    assert!(output.status.success(), "man {page}: {output:?}");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn man_pages_are_found_and_read_like_real_ones() {
    let Some(top) = man("rocketctl") else { return };
    assert!(top.contains("SYNOPSIS") && top.contains("[--context CONTEXT]"), "{top}");
    assert!(top.contains("rocketctl-profile(1)"), "{top}");
    let footer = top.trim_end().lines().last().unwrap();
    assert!(footer.contains(&format!("rocketctl {}", env!("CARGO_PKG_VERSION"))), "{footer}");
    let update = man("rocketctl-profile-update").unwrap();
    for needle in [
        "[--email EMAIL]",
        "[--field KEY=VALUE]",
        "EXAMPLES",
        "--field 'department=R&D'",
        "rocketctl-profile(1), rocketctl(1)",
        "rocketctl help options",
    ] {
        assert!(update.contains(needle), "{needle}: {update}");
    }
    for absent in ["EXTRA", "\nVERSION", "--dry-run DRY_RUN", "--timeout"] {
        assert!(!update.contains(absent), "{absent}: {update}");
    }
    for page in ["rocketctl", "rocketctl-profile-update", "rocketctl-login", "rocketctl-profile"] {
        let text = man(page).unwrap();
        // U+2010 is the hyphen groff adds when it breaks a word.
        assert!(!text.contains('\u{2010}'), "{page} hyphenates a word: {text}");
    }
    assert!(man("rocketctl-profile").unwrap().contains("rocketctl-profile-update(1)"));
    let format = man("rocketctl-desired-state").unwrap();
    assert!(format.starts_with("ROCKETCTL-DESIRED-STATE(5)"), "{format}");
    assert!(format.contains("require_password_change") && format.contains("rocketctl-apply(1)"));
    assert!(man("rocketctl-apply").unwrap().contains("rocketctl-desired-state(5)"));
}
