//! End-to-end: the real desktop app, in a real window under Xvfb, driven through tauri-driver
//! (WebKitWebDriver), against a real `homeportal-server` process or the embedded server as a
//! user gets it. Every run leaves screenshots in `target/e2e-screenshots/`.

mod app;
mod applications;
mod desktop;
mod documents;
mod first_run;
mod front_door;
mod guarantee;
mod languages;
mod session;
mod signing;
mod sync;
mod updates;
