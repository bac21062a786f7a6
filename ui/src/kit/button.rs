//! Buttons: primary, ghost, link.

use yew::prelude::*;

/// How a button looks.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonKind {
    /// The main action of a screen.
    #[default]
    Primary,
    /// A secondary action.
    Ghost,
    /// An action inside text or a table.
    Link,
}

/// Props of [`Button`].
#[derive(Properties, PartialEq)]
pub struct ButtonProps {
    /// Element id (for tests and labels).
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Look.
    #[prop_or_default]
    pub kind: ButtonKind,
    /// A destructive action.
    #[prop_or_default]
    pub danger: bool,
    /// Smaller padding.
    #[prop_or_default]
    pub small: bool,
    /// Not clickable.
    #[prop_or_default]
    pub disabled: bool,
    /// Submits its form instead of being a plain button.
    #[prop_or_default]
    pub submit: bool,
    /// Pressed.
    #[prop_or_default]
    pub onclick: Callback<MouseEvent>,
    /// Label and icon.
    pub children: Html,
}

/// A button.
#[function_component(Button)]
pub fn button(props: &ButtonProps) -> Html {
    let class = classes!(
        match props.kind {
            ButtonKind::Primary => "button primary",
            ButtonKind::Ghost => "button ghost",
            ButtonKind::Link => "link",
        },
        props.small.then_some("small"),
        props.danger.then_some("danger"),
    );
    html! {
        <button id={props.id.clone()} type={if props.submit { "submit" } else { "button" }}
                {class} disabled={props.disabled} onclick={props.onclick.clone()}>
            { props.children.clone() }
        </button>
    }
}
