//! Renders one tab of a form from its spec: every group's fields with the kit's inputs, the
//! repeatable blocks with «+ Добавить еще» and a delete mark, and every document slot.

use homeportal_domain::forms::merge::Unit;
use homeportal_domain::forms::{
    is_locked, DocumentSlot, FieldPath, FieldSpec, GroupSpec, Party, TabSpec,
};
use homeportal_domain::reference;
use homeportal_domain::Lang;
use yew::prelude::*;

use super::problems::{tab_problems, ProblemMap};
use super::state::{FormAction, FormState};
use super::widget::{widget_for, Widget};
use crate::kit::{
    Button, ButtonKind, Checkbox, DateInput, Field, MoneyInput, Radio, Select, TextInput, TextKind,
};
use crate::session::{use_session, Session};

/// Draws a tab's document slots (the page owns uploads and their progress).
pub type SlotRenderer = Callback<&'static [DocumentSlot], Html>;

/// Props of [`FormRenderer`].
#[derive(Properties, PartialEq)]
pub struct FormRendererProps {
    /// The form being filled.
    pub state: UseReducerHandle<FormState>,
    /// The open tab.
    pub tab: &'static TabSpec,
    /// Draws the tab's document slots.
    pub documents: SlotRenderer,
    /// Who may change what.
    #[prop_or_default]
    pub access: Access,
}

/// Which party this organisation is and whether the application can still change: the other
/// party's fields, and everything of a sent application, are shown read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// This organisation's party.
    pub party: Party,
    /// Whether the application is editable at all.
    pub editable: bool,
}

impl Default for Access {
    fn default() -> Self {
        Access {
            party: Party::Uk,
            editable: true,
        }
    }
}

impl Access {
    /// Whether a part filled by `owner` can be changed here.
    pub fn writes(self, owner: Party) -> bool {
        self.editable && self.party == owner
    }
}

/// The element id of the input at `path` (`uk.bin` → `field-uk-bin`).
pub fn dom_id(path: &str) -> String {
    let mut id = String::from("field-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        });
    }
    id.trim_end_matches('-').to_owned()
}

fn region_options(lang: Lang) -> Vec<(AttrValue, AttrValue)> {
    reference::regions()
        .iter()
        .map(|r| {
            let name = match lang {
                Lang::Ru => &r.name_ru,
                Lang::Kk => &r.name_kk,
                Lang::En => &r.name_en,
            };
            (
                AttrValue::from(r.kato.clone()),
                AttrValue::from(name.clone()),
            )
        })
        .collect()
}

fn choices(session: &Session, options: &'static [&'static str]) -> Vec<(AttrValue, AttrValue)> {
    options
        .iter()
        .map(|o| {
            (
                AttrValue::from(*o),
                AttrValue::from(session.t(o).to_owned()),
            )
        })
        .collect()
}

fn field_html(
    session: &Session,
    state: &UseReducerHandle<FormState>,
    problems: &ProblemMap,
    access: Access,
    spec: &FieldSpec,
    path: FieldPath,
) -> Html {
    let text = path.to_string();
    let id = AttrValue::from(dom_id(&text));
    let value = AttrValue::from(path.get(&state.data).to_owned());
    let error = state
        .shows(&text)
        .then(|| problems.get(&text))
        .flatten()
        .map(|rule| AttrValue::from(session.t(rule).to_owned()));
    let invalid = error.is_some();
    let locked = is_locked(state.spec, &state.data, &text);
    let oninput = {
        let (state, path) = (state.clone(), path.clone());
        Callback::from(move |value: String| state.dispatch(FormAction::Set(path.clone(), value)))
    };
    let onblur = {
        let (state, text) = (state.clone(), text.clone());
        Callback::from(move |_| state.dispatch(FormAction::Touch(text.clone())))
    };
    let label = AttrValue::from(session.t(spec.label).to_owned());
    let path_attr = Some(AttrValue::from(text.clone()));
    let text_input = |kind: TextKind| {
        html! {
            <TextInput id={id.clone()} path={path_attr.clone()} value={value.clone()} {kind}
                disabled={locked} {invalid} oninput={oninput.clone()} onblur={onblur.clone()} />
        }
    };
    let input = match widget_for(spec.rule) {
        Widget::Text => text_input(TextKind::Plain),
        Widget::Digits => text_input(TextKind::Numeric),
        Widget::Decimal => text_input(TextKind::Decimal),
        Widget::Phone => text_input(TextKind::Phone),
        Widget::Email => text_input(TextKind::Email),
        Widget::Money => html! {
            <MoneyInput id={id.clone()} path={path_attr.clone()} value={value.clone()} disabled={locked}
                {invalid} unit={session.t("unit.tenge").to_owned()} oninput={oninput.clone()} onblur={onblur.clone()} />
        },
        Widget::Date => html! {
            <DateInput id={id.clone()} path={path_attr.clone()} value={value.clone()} {invalid}
                oninput={oninput.clone()} onblur={onblur.clone()} />
        },
        Widget::Checkbox => {
            let onchange = oninput.reform(|checked: bool| checked.to_string());
            return html! {
                <fieldset class="field checkbox-field" disabled={!access.writes(spec.party)}>
                    <Checkbox id={id.clone()} path={path_attr} checked={value == "true"} {label} {onchange} />
                </fieldset>
            };
        }
        Widget::Radio(options) => html! {
            <Radio id={id.clone()} path={path_attr.clone()} value={value.clone()}
                options={choices(session, options)} onchange={oninput.clone()} />
        },
        Widget::Select(options) => html! {
            <Select id={id.clone()} path={path_attr.clone()} value={value.clone()} {invalid}
                options={choices(session, options)} placeholder={session.t("form.choose").to_owned()}
                onchange={oninput.clone()} onblur={onblur.clone()} />
        },
        Widget::Region => html! {
            <Select id={id.clone()} path={path_attr.clone()} value={value.clone()} {invalid}
                options={region_options(session.lang)} placeholder={session.t("form.choose").to_owned()}
                onchange={oninput.clone()} onblur={onblur.clone()} />
        },
    };
    let writable = access.writes(spec.party);
    html! {
        <fieldset class={classes!("field-access", (!writable).then_some("read-only"))} disabled={!writable}>
            <Field for_id={id} {label} required={spec.required} {error}>{ input }</Field>
        </fieldset>
    }
}

fn group_html(
    session: &Session,
    state: &UseReducerHandle<FormState>,
    problems: &ProblemMap,
    access: Access,
    group: &'static GroupSpec,
) -> Html {
    let title = session.t(group.label).to_owned();
    if !group.repeatable {
        return html! {
            <fieldset class="group" id={format!("group-{}", group.id)}>
                <legend>{ title }</legend>
                <div class="field-grid">
                    { for group.fields.iter().map(|f| field_html(session, state, problems, access, f, FieldPath::field(group.id, f.id))) }
                </div>
            </fieldset>
        };
    }
    let count = state.data.blocks.get(group.id).map_or(0, Vec::len);
    let add = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(FormAction::AddBlock(group.id)))
    };
    let owner = state
        .spec
        .party_of(&Unit::Blocks(group.id.to_owned()))
        .unwrap_or(Party::Uk);
    let group_error = problems
        .get(group.id)
        .filter(|_| state.shows(group.id) || count > 0)
        .map(|rule| session.t(rule).to_owned());
    html! {
        <fieldset class="group repeatable" id={format!("group-{}", group.id)} disabled={!access.writes(owner)}>
            <legend>{ title }</legend>
            { for (0..count).map(|i| {
                let remove = {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| state.dispatch(FormAction::RemoveBlock(group.id, i)))
                };
                html! {
                    <div class="block" id={format!("block-{}-{i}", group.id)}>
                        <div class="block-head">
                            <span class="block-number">{ format!("{} {}", session.t("form.block.number"), i + 1) }</span>
                            <Button kind={ButtonKind::Link} danger=true small=true
                                id={AttrValue::from(format!("remove-{}-{i}", group.id))} onclick={remove}>
                                { "✕ " }{ session.t("form.block.remove") }
                            </Button>
                        </div>
                        <div class="field-grid">
                            { for group.fields.iter().map(|f| field_html(session, state, problems, access, f, FieldPath::block(group.id, i, f.id))) }
                        </div>
                    </div>
                }
            }) }
            if let Some(message) = group_error {
                <div class="field-error" id={format!("group-{}-error", group.id)}>{ message }</div>
            }
            <Button kind={ButtonKind::Ghost} small=true id={AttrValue::from(format!("add-{}", group.id))} onclick={add}>
                { session.t("form.block.add") }
            </Button>
        </fieldset>
    }
}

/// One tab of a form, drawn from its spec.
#[function_component(FormRenderer)]
pub fn form_renderer(props: &FormRendererProps) -> Html {
    let session = use_session();
    let state = &props.state;
    let problems = tab_problems(state.spec, props.tab, &state.data);
    html! {
        <div class="form-body" role="tabpanel" id={format!("panel-{}", props.tab.id)}>
            { for props.tab.groups.iter().map(|g| group_html(&session, state, &problems, props.access, g)) }
            if !props.tab.documents.is_empty() {
                { props.documents.emit(props.tab.documents) }
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_ids_are_safe_for_css() {
        assert_eq!(dom_id("uk.bin"), "field-uk-bin");
        assert_eq!(
            dom_id("shareholders[1].share"),
            "field-shareholders-1--share"
        );
    }
}
