//! Form inputs and the field around them: label, red star, message under the input.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`Field`].
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// Id of the input the label names.
    pub for_id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// Shows the red star.
    #[prop_or_default]
    pub required: bool,
    /// The message under the input, when the value breaks a rule.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Extra classes (e.g. `wide`).
    #[prop_or_default]
    pub class: Classes,
    /// The input.
    pub children: Html,
}

/// A labelled field with its message.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let error_id = format!("{}-error", props.for_id);
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"), props.class.clone())}>
            <label for={props.for_id.clone()}>
                { props.label.clone() }
                if props.required { <span class="required" aria-hidden="true">{ " *" }</span> }
            </label>
            { props.children.clone() }
            if let Some(error) = &props.error {
                <div class="field-error" id={error_id}>{ error.clone() }</div>
            }
        </div>
    }
}

fn value_of(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// What a text input holds, for the keyboard and autofill.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum TextKind {
    /// Any text.
    #[default]
    Plain,
    /// Digits (БИН, ИИН, counts).
    Numeric,
    /// A number with decimals.
    Decimal,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
}

/// Props of [`TextInput`].
#[derive(Properties, PartialEq)]
pub struct TextInputProps {
    /// Element id.
    pub id: AttrValue,
    /// The form path it edits (a test and navigation hook).
    #[prop_or_default]
    pub path: Option<AttrValue>,
    /// Current value.
    pub value: AttrValue,
    /// Kind of text.
    #[prop_or_default]
    pub kind: TextKind,
    /// Read-only.
    #[prop_or_default]
    pub disabled: bool,
    /// Marked invalid.
    #[prop_or_default]
    pub invalid: bool,
    /// Typed.
    pub oninput: Callback<String>,
    /// Left.
    #[prop_or_default]
    pub onblur: Callback<()>,
}

/// A one-line text input.
#[function_component(TextInput)]
pub fn text_input(props: &TextInputProps) -> Html {
    let (input_type, inputmode) = match props.kind {
        TextKind::Plain => ("text", None),
        TextKind::Numeric => ("text", Some("numeric")),
        TextKind::Decimal => ("text", Some("decimal")),
        TextKind::Phone => ("tel", Some("tel")),
        TextKind::Email => ("email", Some("email")),
    };
    let oninput = props.oninput.reform(|e: InputEvent| value_of(&e));
    let onblur = props.onblur.reform(|_: FocusEvent| ());
    html! {
        <input id={props.id.clone()} data-path={props.path.clone()} type={input_type} {inputmode}
            value={props.value.clone()} disabled={props.disabled}
            aria-invalid={props.invalid.to_string()}
            aria-describedby={props.invalid.then(|| format!("{}-error", props.id))}
            {oninput} {onblur} />
    }
}

/// Props of [`MoneyInput`].
#[derive(Properties, PartialEq)]
pub struct MoneyInputProps {
    /// Element id.
    pub id: AttrValue,
    /// The form path it edits.
    #[prop_or_default]
    pub path: Option<AttrValue>,
    /// Current value.
    pub value: AttrValue,
    /// Read-only.
    #[prop_or_default]
    pub disabled: bool,
    /// Marked invalid.
    #[prop_or_default]
    pub invalid: bool,
    /// The currency shown after the amount.
    pub unit: AttrValue,
    /// Typed.
    pub oninput: Callback<String>,
    /// Left.
    #[prop_or_default]
    pub onblur: Callback<()>,
}

/// An amount with its currency.
#[function_component(MoneyInput)]
pub fn money_input(props: &MoneyInputProps) -> Html {
    html! {
        <div class="input-with-unit">
            <TextInput id={props.id.clone()} path={props.path.clone()} value={props.value.clone()}
                kind={TextKind::Decimal} disabled={props.disabled} invalid={props.invalid}
                oninput={props.oninput.clone()} onblur={props.onblur.clone()} />
            <span class="unit">{ props.unit.clone() }</span>
        </div>
    }
}

/// Props of [`DateInput`].
#[derive(Properties, PartialEq)]
pub struct DateInputProps {
    /// Element id.
    pub id: AttrValue,
    /// The form path it edits.
    #[prop_or_default]
    pub path: Option<AttrValue>,
    /// `YYYY-MM-DD` or empty.
    pub value: AttrValue,
    /// Marked invalid.
    #[prop_or_default]
    pub invalid: bool,
    /// Changed.
    pub oninput: Callback<String>,
    /// Left.
    #[prop_or_default]
    pub onblur: Callback<()>,
}

/// A date picker.
#[function_component(DateInput)]
pub fn date_input(props: &DateInputProps) -> Html {
    html! {
        <input id={props.id.clone()} data-path={props.path.clone()} type="date" value={props.value.clone()}
            aria-invalid={props.invalid.to_string()}
            oninput={props.oninput.reform(|e: InputEvent| value_of(&e))}
            onblur={props.onblur.reform(|_: FocusEvent| ())} />
    }
}

/// Props of [`Select`].
#[derive(Properties, PartialEq)]
pub struct SelectProps {
    /// Element id.
    pub id: AttrValue,
    /// The form path it edits.
    #[prop_or_default]
    pub path: Option<AttrValue>,
    /// Chosen value (empty: nothing chosen).
    pub value: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The text shown while nothing is chosen.
    pub placeholder: AttrValue,
    /// Marked invalid.
    #[prop_or_default]
    pub invalid: bool,
    /// Chosen.
    pub onchange: Callback<String>,
    /// Left.
    #[prop_or_default]
    pub onblur: Callback<()>,
}

/// A drop-down list.
#[function_component(Select)]
pub fn select(props: &SelectProps) -> Html {
    let onchange = props
        .onchange
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <select id={props.id.clone()} data-path={props.path.clone()} {onchange}
            aria-invalid={props.invalid.to_string()} onblur={props.onblur.reform(|_: FocusEvent| ())}>
            <option value="" selected={props.value.is_empty()}>{ props.placeholder.clone() }</option>
            { for props.options.iter().map(|(value, label)| html! {
                <option value={value.clone()} selected={*value == props.value}>{ label.clone() }</option>
            }) }
        </select>
    }
}

/// Props of [`Checkbox`].
#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    /// Element id.
    pub id: AttrValue,
    /// The form path it edits.
    #[prop_or_default]
    pub path: Option<AttrValue>,
    /// Ticked.
    pub checked: bool,
    /// The text beside the box.
    pub label: AttrValue,
    /// Ticked or unticked.
    pub onchange: Callback<bool>,
}

/// A check box with its label.
#[function_component(Checkbox)]
pub fn checkbox(props: &CheckboxProps) -> Html {
    let onchange = props
        .onchange
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    html! {
        <label class="checkbox" for={props.id.clone()}>
            <input id={props.id.clone()} data-path={props.path.clone()} type="checkbox"
                checked={props.checked} {onchange} />
            <span>{ props.label.clone() }</span>
        </label>
    }
}

/// Props of [`Radio`].
#[derive(Properties, PartialEq)]
pub struct RadioProps {
    /// Group name and id prefix.
    pub id: AttrValue,
    /// The form path it edits.
    #[prop_or_default]
    pub path: Option<AttrValue>,
    /// Chosen value.
    pub value: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// Chosen.
    pub onchange: Callback<String>,
}

/// A row of radio buttons.
#[function_component(Radio)]
pub fn radio(props: &RadioProps) -> Html {
    html! {
        <div class="radio-group" role="radiogroup" id={props.id.clone()} data-path={props.path.clone()}>
            { for props.options.iter().enumerate().map(|(i, (value, label))| {
                let id = format!("{}-{i}", props.id);
                let pick = {
                    let (onchange, value) = (props.onchange.clone(), value.to_string());
                    Callback::from(move |_: Event| onchange.emit(value.clone()))
                };
                html! {
                    <label class="radio" for={id.clone()}>
                        <input {id} type="radio" name={props.id.clone()} checked={*value == props.value} onchange={pick} />
                        <span>{ label.clone() }</span>
                    </label>
                }
            }) }
        </div>
    }
}
