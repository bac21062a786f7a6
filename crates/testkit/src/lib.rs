//! Test doubles and process helpers shared by integration and end-to-end tests.

pub mod accounts;
pub mod app;
pub mod applications;
pub mod broken_server;
pub mod chrome_driver;
pub mod codes;
pub mod egov_mobile;
pub mod front_door;
pub mod guarantee;
pub mod ncalayer;
pub mod pki;
pub mod ports;
pub mod process;
pub mod registry;
pub mod server;
pub mod session_bus;
pub mod sms_gateway;
pub mod smtp_sink;
pub mod tauri_driver;
pub mod update_source;

pub use accounts::TestAccount;
pub use app::{Refusal, TestApp};
pub use broken_server::BrokenServer;
pub use ncalayer::FakeNcaLayer;
pub use server::ServerProcess;
pub use session_bus::SessionBus;
pub use sms_gateway::SmsGateway;
pub use smtp_sink::SmtpSink;
pub use tauri_driver::TauriDriver;
pub use update_source::UpdateSource;
