//! `rocketctl api`: any Rocket.Chat REST endpoint, with the stored credentials.

mod endpoints;
mod fields;
mod paginate;
mod scrub;
