//! Homeportal Desktop's interface: Yew compiled to WebAssembly. It displays and asks the shell;
//! the rules live in `homeportal-domain`.

mod app;
mod closing;
mod components;
mod forms;
mod hooks;
mod ipc;
mod kit;
mod pages;
mod route;
mod session;

#[cfg(test)]
mod catalogue_check;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
