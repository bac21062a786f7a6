//! «Документы организации»: the corporate documents an organisation uploads once.

use super::build::{doc, APPLICATION_FILE};
use super::{DocumentSlot, Party};

/// The library's document slots, in the order the page shows them.
pub const LIBRARY: &[DocumentSlot] = &[
    doc(
        "charter",
        "library.charter",
        true,
        Party::Uk,
        APPLICATION_FILE,
    ),
    doc(
        "founders_decision",
        "library.founders_decision",
        true,
        Party::Uk,
        APPLICATION_FILE,
    ),
    doc(
        "registration_certificate",
        "library.registration_certificate",
        true,
        Party::Uk,
        APPLICATION_FILE,
    ),
    doc(
        "financials",
        "library.financials",
        true,
        Party::Uk,
        APPLICATION_FILE,
    ),
    doc("other", "library.other", false, Party::Uk, APPLICATION_FILE),
];
