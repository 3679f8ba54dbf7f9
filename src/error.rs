//! Kept so modules that still say `crate::exit::{Exit, Failure}` compile; new code uses
//! [`crate::exit`]. Nothing else lives here.

pub use crate::exit::{Exit, Failure};
