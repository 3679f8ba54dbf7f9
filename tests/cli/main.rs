//! The one integration test binary: the real `rocketctl` binary against the stand-in
//! Rocket.Chat server over real HTTP, each test in a clean environment and temp HOME.

#[path = "../support/mod.rs"]
mod support;

mod common;

mod auth;
mod canary;
mod config_file;
mod config_safety;
mod conformance;
mod durability;
mod faults;
mod generated;
mod inputs;
mod network;
mod profile;
mod release_hooks;
mod show;
mod signals;
mod stored_context;
mod terminal;
mod tls;
