//! What an act requires of its signature.

use homeportal_domain::ids::{Bin, Iin};

/// Which key a signature must be made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A legally meaningful act: SIGN key (nonRepudiation, emailProtection).
    Act,
    /// A login or registration challenge: AUTH key (clientAuth).
    Auth,
}

/// Who may sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signatory {
    /// The first head or a person with signing right of the organisation.
    HeadOrSigningRight,
    /// Any employee of the organisation (its BIN still has to match).
    AnyEmployee,
    /// Anyone, individuals included.
    Anyone,
}

/// The requirements of one act, e.g. "head or signing right of BIN X, SIGN key".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Key type.
    pub purpose: Purpose,
    /// Role.
    pub signatory: Signatory,
    /// The organisation the signer must belong to.
    pub bin: Option<Bin>,
    /// The person who must sign, when known.
    pub iin: Option<Iin>,
}

impl Policy {
    /// An act of organisation `bin`: its head or a person with signing right, SIGN key.
    pub fn act_of(bin: Bin) -> Policy {
        Policy {
            purpose: Purpose::Act,
            signatory: Signatory::HeadOrSigningRight,
            bin: Some(bin),
            iin: None,
        }
    }

    /// A login/registration challenge for organisation `bin`: any employee, AUTH key.
    pub fn login_to(bin: Bin) -> Policy {
        Policy {
            purpose: Purpose::Auth,
            signatory: Signatory::AnyEmployee,
            bin: Some(bin),
            iin: None,
        }
    }

    /// The same policy, also requiring the person `iin`.
    pub fn by(mut self, iin: Iin) -> Policy {
        self.iin = Some(iin);
        self
    }
}
