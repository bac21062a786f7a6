//! Identifiers as newtypes that parse: the constructor is the only way in.

mod bin;
mod check_digit;
mod iin;

pub use bin::{Bin, BinAttribute, BinEntityType};
pub use iin::{Iin, Sex};
