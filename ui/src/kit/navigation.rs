//! Tabs (any number) and the route indicator of a wizard's stages.

use yew::prelude::*;

use crate::components::icons;

/// One tab.
#[derive(Clone, PartialEq)]
pub struct TabItem {
    /// Its id.
    pub id: AttrValue,
    /// Its title.
    pub label: AttrValue,
    /// Shows the «complete» mark.
    pub complete: bool,
}

/// Props of [`Tabs`].
#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// The tabs in order.
    pub tabs: Vec<TabItem>,
    /// The open tab's id.
    pub active: AttrValue,
    /// A tab was chosen.
    pub onselect: Callback<AttrValue>,
    /// What the tab row is called for screen readers.
    pub label: AttrValue,
}

/// A row of tabs with their «complete» marks.
#[function_component(Tabs)]
pub fn tabs(props: &TabsProps) -> Html {
    html! {
        <div class="form-tabs" role="tablist" aria-label={props.label.clone()}>
            { for props.tabs.iter().map(|tab| {
                let selected = tab.id == props.active;
                let select = {
                    let (onselect, id) = (props.onselect.clone(), tab.id.clone());
                    Callback::from(move |_: MouseEvent| onselect.emit(id.clone()))
                };
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", tab.id)}
                        class={classes!("form-tab", selected.then_some("active"), tab.complete.then_some("complete"))}
                        aria-selected={selected.to_string()} onclick={select}>
                        <span>{ tab.label.clone() }</span>
                        if tab.complete { <span class="complete-mark" aria-hidden="true">{ icons::check() }</span> }
                    </button>
                }
            }) }
        </div>
    }
}

/// One stage of the route.
#[derive(Clone, PartialEq)]
pub struct StageItem {
    /// Its title («Этап 1. Корпоративная информация»).
    pub label: AttrValue,
    /// Every tab of the stage is complete.
    pub complete: bool,
    /// Each party with a part in the stage, and whether that part is complete.
    pub parties: Vec<(AttrValue, bool)>,
}

/// Props of [`RouteIndicator`].
#[derive(Properties, PartialEq)]
pub struct RouteIndicatorProps {
    /// The stages in order.
    pub stages: Vec<StageItem>,
    /// The current stage's index.
    pub current: usize,
    /// A stage was chosen.
    pub onselect: Callback<usize>,
}

/// The stages of a wizard with the current one marked and each one's completeness.
#[function_component(RouteIndicator)]
pub fn route_indicator(props: &RouteIndicatorProps) -> Html {
    html! {
        <ol class="route" id="route-indicator">
            { for props.stages.iter().enumerate().map(|(i, stage)| {
                let current = i == props.current;
                let select = {
                    let onselect = props.onselect.clone();
                    Callback::from(move |_: MouseEvent| onselect.emit(i))
                };
                html! {
                    <li class={classes!("route-stage", current.then_some("current"), stage.complete.then_some("complete"))}
                        aria-current={current.then_some("step")}>
                        <button type="button" id={format!("stage-{i}")} onclick={select}>
                            <span class="route-number">
                                if stage.complete { { icons::check() } } else { { i + 1 } }
                            </span>
                            <span class="route-text">
                                <span class="route-label">{ stage.label.clone() }</span>
                                if stage.parties.len() > 1 {
                                    <span class="route-parties">
                                        { for stage.parties.iter().map(|(party, done)| html! {
                                            <span class={classes!("route-party", done.then_some("done"))}>
                                                { party.clone() }{ if *done { " ✓" } else { " …" } }
                                            </span>
                                        }) }
                                    </span>
                                }
                            </span>
                        </button>
                    </li>
                }
            }) }
        </ol>
    }
}
