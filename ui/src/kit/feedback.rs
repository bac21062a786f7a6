//! Alerts, badges, progress bars and the modal dialog.

use yew::prelude::*;

/// What an alert tells.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum AlertKind {
    /// Something failed.
    #[default]
    Error,
    /// Something worth knowing.
    Info,
}

/// Props of [`Alert`].
#[derive(Properties, PartialEq)]
pub struct AlertProps {
    /// Element id.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Error or information.
    #[prop_or_default]
    pub kind: AlertKind,
    /// «Закрыть» (×): the message can be dismissed.
    #[prop_or_default]
    pub on_dismiss: Option<Callback<()>>,
    /// The label of the × button (read by screen readers).
    #[prop_or_default]
    pub dismiss_label: AttrValue,
    /// The text.
    pub children: Html,
}

/// A message box; errors are announced to screen readers.
#[function_component(Alert)]
pub fn alert(props: &AlertProps) -> Html {
    let (class, role) = match props.kind {
        AlertKind::Error => ("alert error", "alert"),
        AlertKind::Info => ("notice", "status"),
    };
    let dismiss = props.on_dismiss.as_ref().map(|on_dismiss| {
        let on_dismiss = on_dismiss.clone();
        html! {
            <button type="button" class="dismiss" aria-label={props.dismiss_label.clone()}
                    onclick={Callback::from(move |_: MouseEvent| on_dismiss.emit(()))}>{ "×" }</button>
        }
    });
    html! {
        <div id={props.id.clone()} class={classes!(class, dismiss.is_some().then_some("dismissible"))} {role}>
            <span class="message">{ props.children.clone() }</span>
            { for dismiss }
        </div>
    }
}

/// The colour of a badge.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum BadgeTone {
    /// Done, valid, signed.
    Ok,
    /// Neutral.
    #[default]
    Muted,
}

/// Props of [`Badge`].
#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    /// Colour.
    #[prop_or_default]
    pub tone: BadgeTone,
    /// Extra classes (e.g. a test hook).
    #[prop_or_default]
    pub class: Classes,
    /// The text (and icon).
    pub children: Html,
}

/// A small rounded label.
#[function_component(Badge)]
pub fn badge(props: &BadgeProps) -> Html {
    let tone = match props.tone {
        BadgeTone::Ok => "ok",
        BadgeTone::Muted => "muted",
    };
    html! { <span class={classes!("badge", tone, props.class.clone())}>{ props.children.clone() }</span> }
}

/// Props of [`ProgressBar`].
#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    /// 0–100.
    pub percent: u64,
    /// What progresses (read by screen readers).
    pub label: AttrValue,
}

/// A thin progress bar.
#[function_component(ProgressBar)]
pub fn progress_bar(props: &ProgressBarProps) -> Html {
    let percent = props.percent.min(100);
    html! {
        <div class="bar" role="progressbar" aria-label={props.label.clone()}
             aria-valuemin="0" aria-valuemax="100" aria-valuenow={percent.to_string()}>
            <div class="bar-fill" style={format!("width: {percent}%")}></div>
        </div>
    }
}

/// Props of [`Modal`].
#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// Element id of the dialog.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// The title.
    pub title: AttrValue,
    /// A line under the title.
    #[prop_or_default]
    pub subtitle: Option<AttrValue>,
    /// Escape or a click outside.
    pub on_close: Callback<()>,
    /// The content.
    pub children: Html,
}

/// A dialog over a dimmed page; Escape closes it.
#[function_component(Modal)]
pub fn modal(props: &ModalProps) -> Html {
    let on_key = {
        let close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close.emit(());
            }
        })
    };
    html! {
        <div class="modal-backdrop" onkeydown={on_key}>
            <div id={props.id.clone()} class="modal" role="dialog" aria-modal="true" aria-label={props.title.clone()}>
                <h2>{ props.title.clone() }</h2>
                if let Some(subtitle) = &props.subtitle {
                    <p class="modal-subtitle">{ subtitle.clone() }</p>
                }
                { props.children.clone() }
            </div>
        </div>
    }
}
