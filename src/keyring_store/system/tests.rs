use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::*;

#[test]
fn no_session_bus_is_unavailable_at_once() {
    let expected =
        Problem::Unavailable("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set".into());
    assert_eq!(bus_problem(None), Some(expected.clone()));
    assert_eq!(bus_problem(Some(OsStr::new(""))), Some(expected));
    assert_eq!(bus_problem(Some(OsStr::new("unix:path=/run/user/1000/bus"))), None);
}

#[test]
fn a_call_that_never_answers_times_out_and_later_calls_fail_at_once() {
    let keyring = Keyring::with_timeout(Duration::from_millis(20));
    // The sender stays alive for the whole test, so the first call blocks until the test ends.
    let (_keep_open, never) = mpsc::channel::<()>();
    let first = keyring.bounded(move || {
        let _ = never.recv();
        Ok(())
    });
    assert_eq!(first, Err(Problem::NoAnswer));

    let ran = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&ran);
    let second = keyring.bounded(move || {
        flag.store(true, Ordering::Relaxed);
        Ok(())
    });
    assert_eq!(second, Err(Problem::NoAnswer));
    assert!(!ran.load(Ordering::Relaxed), "no second wait after a timeout");
}

#[test]
fn an_answer_in_time_is_passed_through() {
    let keyring = Keyring::with_timeout(Duration::from_secs(30));
    assert_eq!(keyring.bounded(|| Ok(7)), Ok(7));
    assert_eq!(keyring.bounded(|| Err::<(), _>(Problem::Missing)), Err(Problem::Missing));
}

#[test]
#[ignore = "needs a real Secret Service: `scripts/with-secret-service cargo test --locked keyring -- --ignored --test-threads=1`"]
fn keyring_round_trip_against_a_real_secret_service() {
    let keyring = Keyring::new();
    let context = format!("unit-test-{}", std::process::id());
    assert_eq!(keyring.reachable(), Ok(()));

    keyring.store(&context, &Secret::new("CANARY-token-1")).expect("stored");
    assert_eq!(keyring.read(&context).expect("read").expose(), "CANARY-token-1");
    keyring.store(&context, &Secret::new("CANARY-token-2")).expect("replaced");
    assert_eq!(keyring.read(&context).expect("read again").expose(), "CANARY-token-2");

    assert_eq!(keyring.delete(&context), Ok(true));
    let missing = keyring.read(&context).expect_err("deleted");
    assert_eq!(missing.problem, Problem::Missing);
    assert_eq!(keyring.delete(&context), Ok(false));
}
