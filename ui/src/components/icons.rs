//! Inline SVG icons (no network, no font files).

use yew::prelude::*;

fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"
             fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            <path d={path} />
        </svg>
    }
}

/// Three lines: opens the menu.
pub fn menu() -> Html {
    icon("M4 6h16M4 12h16M4 18h16")
}
/// A cross: closes.
pub fn close() -> Html {
    icon("M6 6l12 12M18 6L6 18")
}
/// A person.
pub fn profile() -> Html {
    icon("M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20c0-3.3 3.6-6 8-6s8 2.7 8 6")
}
/// A document.
pub fn document() -> Html {
    icon("M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6")
}
/// An envelope.
pub fn mail() -> Html {
    icon("M4 6h16v12H4zM4 7l8 6 8-6")
}
/// A checklist.
pub fn survey() -> Html {
    icon("M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2")
}
/// A question mark in a circle.
pub fn help() -> Html {
    icon("M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01")
}
/// A door with an arrow: logout.
pub fn logout() -> Html {
    icon("M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10")
}
/// A check mark.
pub fn check() -> Html {
    icon("M5 12l4 4 10-10")
}
/// An eye: show password.
pub fn eye() -> Html {
    icon("M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z")
}
/// Sliders: the settings.
pub fn settings() -> Html {
    icon("M4 7h10M18 7h2M4 17h4M12 17h8M14 5v4M8 15v4")
}
