//! A data table with a header row.

use yew::prelude::*;

/// Props of [`Table`].
#[derive(Properties, PartialEq)]
pub struct TableProps {
    /// Element id.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Column headings.
    pub headers: Vec<AttrValue>,
    /// The rows (`<tr>` elements).
    pub children: Html,
}

/// A table.
#[function_component(Table)]
pub fn table(props: &TableProps) -> Html {
    html! {
        <table id={props.id.clone()} class="table">
            <thead><tr>{ for props.headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
            <tbody>{ props.children.clone() }</tbody>
        </table>
    }
}
