//! The form renderer: a domain `FormSpec` becomes inputs, messages, blocks and upload fields,
//! so no screen wires a form by hand.

mod problems;
mod renderer;
mod state;
mod widget;

pub use problems::tab_problems;
pub use renderer::{dom_id, Access, FormRenderer};
pub use state::{FormAction, FormState};
