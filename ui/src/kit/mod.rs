//! The component kit every screen is built from, on the stylesheet's tokens.

mod button;
mod feedback;
mod inputs;
mod navigation;
mod table;

pub use button::{Button, ButtonKind};
pub use feedback::{Alert, AlertKind, Badge, BadgeTone, Modal, ProgressBar};
pub use inputs::{Checkbox, DateInput, Field, MoneyInput, Radio, Select, TextInput, TextKind};
pub use navigation::{RouteIndicator, StageItem, TabItem, Tabs};
pub use table::Table;
