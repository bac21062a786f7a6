//! The conflict screen: units changed differently on this computer and on the server, both
//! values side by side, a choice per unit (or all of one side), then «Применить выбор».

use std::collections::BTreeMap;

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::DraftView;
use homeportal_domain::applications::{Choice, ResolveConflictRequest};
use homeportal_domain::commands::ResolveConflict;
use homeportal_domain::forms::merge::{Conflict, Side, Unit, UnitValue};
use homeportal_domain::forms::FormSpec;
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::ipc::invoke;
use crate::kit::{Alert, Button, ButtonKind, Radio};
use crate::session::{use_session, Session};

/// The catalogue key naming `unit` in `spec`.
pub fn unit_label(spec: &FormSpec, unit: &Unit) -> &'static str {
    let tabs = || spec.stages.iter().flat_map(|s| s.tabs.iter());
    match unit {
        Unit::Value(path) => spec
            .fields()
            .find(|(g, f)| format!("{}.{}", g.id, f.id) == *path)
            .map_or("rule.form.unknown_field", |(_, f)| f.label),
        Unit::Blocks(group) => tabs()
            .flat_map(|t| t.groups.iter())
            .find(|g| g.id == group)
            .map_or("rule.form.unknown_field", |g| g.label),
        Unit::Documents(slot) => tabs()
            .flat_map(|t| t.documents.iter())
            .find(|d| d.id == slot)
            .map_or("rule.form.unknown_field", |d| d.label),
    }
}

/// A unit's content as a person reads it.
pub fn shown(session: &Session, value: &Option<UnitValue>) -> String {
    match value {
        None => session.t("conflict.empty").to_owned(),
        Some(UnitValue::Text(text)) => text.clone(),
        Some(UnitValue::Blocks(blocks)) => {
            format!("{} {}", blocks.len(), session.t("conflict.blocks"))
        }
        Some(UnitValue::Files(files)) => files
            .iter()
            .map(|f| f.file_name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Props of [`ConflictPanel`].
#[derive(Properties, PartialEq)]
pub struct ConflictPanelProps {
    /// Local draft id.
    pub id: i64,
    /// Its kind (whose form names the fields).
    pub kind: ApplicationKind,
    /// The units in conflict.
    pub conflicts: Vec<Conflict>,
    /// The draft after the choice was applied.
    pub onresolved: Callback<DraftView>,
}

fn side_value(side: Side) -> &'static str {
    match side {
        Side::Local => "local",
        Side::Remote => "remote",
    }
}

/// Both values of every unit in conflict and a choice per unit.
#[function_component(ConflictPanel)]
pub fn conflict_panel(props: &ConflictPanelProps) -> Html {
    let session = use_session();
    let choices = use_state(BTreeMap::<usize, Side>::new);
    let error = use_state(|| None::<ErrorBody>);
    let choose_all = |side: Side| {
        let (choices, count) = (choices.clone(), props.conflicts.len());
        Callback::from(move |_: MouseEvent| choices.set((0..count).map(|i| (i, side)).collect()))
    };
    let apply = {
        let (choices, error, conflicts, id, onresolved, lang) = (
            choices.clone(),
            error.clone(),
            props.conflicts.clone(),
            props.id,
            props.onresolved.clone(),
            session.lang,
        );
        Callback::from(move |_: MouseEvent| {
            let request = ResolveConflictRequest {
                id,
                choices: conflicts
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| {
                        choices.get(&i).map(|side| Choice {
                            unit: c.unit.clone(),
                            side: *side,
                        })
                    })
                    .collect(),
            };
            let (error, onresolved) = (error.clone(), onresolved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match invoke::<ResolveConflict>(&request, lang).await {
                    Ok(view) => onresolved.emit(view),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let complete = choices.len() == props.conflicts.len();
    let options = vec![
        (
            AttrValue::from(side_value(Side::Local)),
            AttrValue::from(session.t("conflict.keep_local").to_owned()),
        ),
        (
            AttrValue::from(side_value(Side::Remote)),
            AttrValue::from(session.t("conflict.keep_remote").to_owned()),
        ),
    ];
    let row = |(i, conflict): (usize, &Conflict)| {
        let onchange = {
            let choices = choices.clone();
            Callback::from(move |value: String| {
                let side = if value == side_value(Side::Local) {
                    Side::Local
                } else {
                    Side::Remote
                };
                let mut next = (*choices).clone();
                next.insert(i, side);
                choices.set(next);
            })
        };
        let chosen = choices.get(&i).map_or("", |s| side_value(*s));
        html! {
            <tr id={format!("conflict-{i}")}>
                <th scope="row">{ session.t(unit_label(props.kind.form(), &conflict.unit)) }</th>
                <td class="conflict-local">{ shown(&session, &conflict.local) }</td>
                <td class="conflict-remote">{ shown(&session, &conflict.remote) }</td>
                <td>
                    <Radio id={AttrValue::from(format!("conflict-choice-{i}"))} value={AttrValue::from(chosen)}
                        options={options.clone()} {onchange} />
                </td>
            </tr>
        }
    };
    html! {
        <section class="conflict" id="conflict" aria-labelledby="conflict-title">
            <h2 id="conflict-title">{ session.t("conflict.title") }</h2>
            <p class="hint">{ session.t("conflict.explain") }</p>
            if let Some(e) = &*error {
                <Alert id="conflict-error">{ e.message.clone() }</Alert>
            }
            <table class="table conflict-table">
                <thead>
                    <tr>
                        <th scope="col">{ session.t("conflict.col.field") }</th>
                        <th scope="col">{ session.t("conflict.col.local") }</th>
                        <th scope="col">{ session.t("conflict.col.remote") }</th>
                        <th scope="col">{ session.t("conflict.col.choice") }</th>
                    </tr>
                </thead>
                <tbody>{ for props.conflicts.iter().enumerate().map(row) }</tbody>
            </table>
            <div class="wizard-actions">
                <Button kind={ButtonKind::Ghost} id="conflict-all-local" onclick={choose_all(Side::Local)}>{ session.t("conflict.all_local") }</Button>
                <Button kind={ButtonKind::Ghost} id="conflict-all-remote" onclick={choose_all(Side::Remote)}>{ session.t("conflict.all_remote") }</Button>
                <Button kind={ButtonKind::Primary} id="conflict-apply" disabled={!complete} onclick={apply}>{ session.t("conflict.apply") }</Button>
            </div>
        </section>
    }
}
