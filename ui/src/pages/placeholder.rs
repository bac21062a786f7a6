//! A section that arrives in a later version: it says so plainly.

use yew::prelude::*;

use crate::session::use_session;

/// Props: the catalogue key of the section's title.
#[derive(Properties, PartialEq)]
pub struct PlaceholderProps {
    /// Title key, e.g. `menu.faq`.
    pub title_key: &'static str,
}

/// A page that names its section and says it is not there yet.
#[function_component(Placeholder)]
pub fn placeholder(props: &PlaceholderProps) -> Html {
    let session = use_session();
    html! {
        <section class="page">
            <h1 class="page-title">{ session.t(props.title_key) }</h1>
            <div class="card notice" id="section-later">{ session.t("section.later") }</div>
        </section>
    }
}
