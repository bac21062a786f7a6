//! Identifiers as newtypes that parse: the constructor is the only way in, and its error names
//! the rule that failed.

pub mod address;
mod bik;
mod bin;
mod check_digit;
mod email;
mod iik;
mod iin;
mod kbe;
mod phone;
mod punycode;
mod website;

pub use address::AddressInput;
pub use bik::{bank_of, Bik};
pub use bin::{Bin, BinAttribute, BinEntityType};
pub use email::Email;
pub use iik::{check_digits as iik_check_digits, Iik};
pub use iin::{Iin, Sex};
pub use kbe::Kbe;
pub use phone::PhoneKz;
pub use website::Website;
