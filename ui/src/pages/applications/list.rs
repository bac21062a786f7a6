//! The applications of one kind (R5.1): №, project, registration, deadline, status, history,
//! and «Редактировать»/«Удалить» for those not sent yet; «Создать заявку» above.

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::{
    ApplicationSummary, DraftIdRequest, ListApplicationsRequest,
};
use homeportal_domain::commands::{CreateBasedOn, DeleteDraft, ListApplications};
use homeportal_domain::events::{AppEvent, DataKind};
use homeportal_domain::forms::Party;
use homeportal_domain::sync::DraftSync;
use homeportal_domain::{i18n, ErrorBody, Lang};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::{use_app_event, use_command};
use crate::ipc::invoke;
use crate::kit::{Alert, Badge, BadgeTone, Button, ButtonKind, Table};
use crate::route::{DraftRef, Route};
use crate::session::use_session;

use super::title_key;

/// Props of [`ApplicationsPage`].
#[derive(Properties, PartialEq)]
pub struct ApplicationsPageProps {
    /// Which list.
    pub kind: ApplicationKind,
}

fn date(d: chrono::NaiveDate, lang: Lang) -> String {
    d.format(i18n::text(lang, "format.date")).to_string()
}

/// The list page.
#[function_component(ApplicationsPage)]
pub fn applications_page(props: &ApplicationsPageProps) -> Html {
    let session = use_session();
    let kind = props.kind;
    let navigator = use_navigator();
    let list = use_command::<ListApplications>(ListApplicationsRequest { kind });
    let action_error = use_state(|| None::<ErrorBody>);
    {
        let reload = list.reload.clone();
        use_app_event(move |event| {
            if event == AppEvent::DataChanged(DataKind::Applications) {
                reload.emit(());
            }
        });
    }
    let create = {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(navigator) = &navigator {
                navigator.push(&Route::new_application(kind));
            }
        })
    };
    let row = |a: &ApplicationSummary| {
        let edit = {
            let (navigator, id) = (navigator.clone(), a.id);
            Callback::from(move |_: MouseEvent| {
                if let Some(navigator) = &navigator {
                    navigator.push(&Route::form_start(kind, DraftRef::Saved(id)));
                }
            })
        };
        let based_on = {
            let (navigator, action_error, id, lang) =
                (navigator.clone(), action_error.clone(), a.id, session.lang);
            Callback::from(move |_: MouseEvent| {
                let (navigator, action_error) = (navigator.clone(), action_error.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match invoke::<CreateBasedOn>(&DraftIdRequest { id }, lang).await {
                        Ok(view) => {
                            if let Some(navigator) = &navigator {
                                navigator.push(&Route::form_start(kind, DraftRef::Saved(view.id)));
                            }
                        }
                        Err(e) => action_error.set(Some(e)),
                    }
                });
            })
        };
        let delete = {
            let (action_error, id, lang) = (action_error.clone(), a.id, session.lang);
            Callback::from(move |_: MouseEvent| {
                let action_error = action_error.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = invoke::<DeleteDraft>(&DraftIdRequest { id }, lang).await {
                        action_error.set(Some(e));
                    }
                });
            })
        };
        let registration = a
            .registration
            .as_ref()
            .map(|r| {
                format!(
                    "{}{} {} {}",
                    session.t("apps.number_sign"),
                    r.number,
                    session.t("apps.of_date"),
                    date(r.date, session.lang)
                )
            })
            .unwrap_or_else(|| "—".to_owned());
        let project = if a.project_name.is_empty() {
            html! { <span class="muted">{ session.t("apps.unnamed") }</span> }
        } else {
            html! { { a.project_name.clone() } }
        };
        html! {
            <tr id={format!("application-{}", a.id)}>
                <td class="num">{ a.id }</td>
                <td class="project">{ project }</td>
                <td class="registration">{ registration }</td>
                <td class="deadline">{ a.registration.as_ref().map(|r| date(r.deadline, session.lang)).unwrap_or_else(|| "—".to_owned()) }</td>
                <td class="status">
                    <Badge tone={BadgeTone::Muted}>{ session.t(&a.status.label_key()) }</Badge>
                    if a.sync != DraftSync::Synced {
                        <div class="sync-state muted" id={format!("sync-{}", a.id)}>{ session.t(a.sync.label_key()) }</div>
                    }
                </td>
                <td>
                    <Button kind={ButtonKind::Link} id={AttrValue::from(format!("details-{}", a.id))} onclick={edit.clone()}>{ session.t("apps.details") }</Button>
                </td>
                <td class="actions">
                    if a.status.is_editable() {
                        <Button kind={ButtonKind::Link} id={AttrValue::from(format!("edit-{}", a.id))} onclick={edit}>{ session.t("apps.edit") }</Button>
                    }
                    if a.status.is_editable() && a.party == Party::Uk {
                        <Button kind={ButtonKind::Link} danger=true id={AttrValue::from(format!("delete-{}", a.id))} onclick={delete}>{ session.t("apps.delete") }</Button>
                    }
                    if a.party == Party::Uk {
                        <Button kind={ButtonKind::Link} id={AttrValue::from(format!("based-on-{}", a.id))} onclick={based_on}>{ session.t("apps.based_on") }</Button>
                    }
                </td>
            </tr>
        }
    };
    let headers: Vec<AttrValue> = [
        "apps.col.number",
        "apps.col.project",
        "apps.col.registration",
        "apps.col.deadline",
        "apps.col.status",
        "apps.col.history",
        "apps.col.actions",
    ]
    .iter()
    .map(|k| AttrValue::from(session.t(k).to_owned()))
    .collect();
    let error = (*action_error).clone().or_else(|| (*list.error).clone());
    let content = match &*list.data {
        Some(rows) if !rows.is_empty() => html! {
            <Table id="applications" {headers}>{ for rows.iter().map(row) }</Table>
        },
        Some(_) => {
            html! { <p class="hint" id="applications-empty">{ session.t("apps.empty") }</p> }
        }
        None => html! { <p class="hint" aria-busy="true">{ session.t("app.loading") }</p> },
    };
    html! {
        <section class="page">
            <div class="page-head">
                <h1 class="page-title">{ session.t(title_key(kind)) }</h1>
                <Button id="create-application" onclick={create}>{ session.t("apps.create") }</Button>
            </div>
            <div class="card" aria-busy={list.loading.to_string()}>
                if let Some(e) = error {
                    <Alert id="applications-error">{ e.message }</Alert>
                }
                { content }
            </div>
        </section>
    }
}
