use super::*;

#[test]
fn errors_name_the_context_and_the_fix() {
    let read = failure(Operation::Read, "work", Problem::Missing);
    assert_eq!(
        read.to_string(),
        "cannot read the token of context \"work\" from the system keyring: \
         no entry for this context"
    );
    assert_eq!(read.hints(), ["run `rocketctl login --context work` to log in again"]);

    let locked = failure(Operation::Read, "work", Problem::Locked("object locked".into()));
    assert!(locked.to_string().ends_with(": locked or not set up (object locked)"));
    assert_eq!(locked.hints()[0], "run `rocketctl login --context work` to log in again");
    assert!(locked.hints()[1].contains("--store file"));

    let gone = failure(Operation::Store, "ci", Problem::NoAnswer);
    assert_eq!(
        gone.to_string(),
        "cannot store the token of context \"ci\" in the system keyring: no answer within 3 s"
    );
    assert!(gone.hints()[0].contains("--store file"));

    let delete = failure(Operation::Delete, "ci", Problem::Unavailable("gone".into()));
    assert!(delete.hints()[0].contains("secret-tool clear service rocketctl username ci"));

    let not_built = failure(Operation::Read, "work", Problem::NotBuilt);
    assert_eq!(
        not_built.to_string(),
        "cannot read the token of context \"work\" from the system keyring: this rocketctl was \
         built without keyring support (the `keyring` cargo feature)"
    );
    assert_eq!(
        not_built.hints(),
        ["run `rocketctl login --context work --store file` to keep the token in the config \
             file (mode 0600), or use a rocketctl built with the `keyring` feature"]
    );
}
