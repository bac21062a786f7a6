//! «Предоставление согласий» (R5.9): the formed consents of КЖК's catalogue and the expertise
//! consents filled in the form, each with «Смотреть документ», «Сформировать согласие» and its
//! status «Подписан» / «Не подписан»; the formed PDF appears in the consent's document field
//! below, where «Подписать ЭЦП/QR» signs it.

use homeportal_domain::commands::{ConsentCatalogue, FormConsentDocument, NoArgs};
use homeportal_domain::forms::FormData;
use homeportal_domain::guarantee::consents::{ConsentSource, ConsentTemplate, FormConsentRequest};
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::forms::FormState;
use crate::hooks::use_command;
use crate::kit::{Alert, Badge, BadgeTone, Button, ButtonKind, Modal};
use crate::pages::front_door::run;
use crate::session::{use_session, Session};

/// Props of [`ConsentsPanel`].
#[derive(Properties, PartialEq)]
pub struct ConsentsPanelProps {
    /// The form being filled.
    pub state: UseReducerHandle<FormState>,
    /// The saved draft.
    pub draft_id: i64,
}

/// «Подписан», «Не подписан» or «Не сформирован» for the files of `slot`.
fn status(session: &Session, data: &FormData, slot: &str) -> Html {
    let files = data.documents.get(slot).map_or(&[][..], Vec::as_slice);
    let (tone, key) = match files {
        [] => (BadgeTone::Muted, "consents.not_formed"),
        files if files.iter().all(|f| f.signed) => (BadgeTone::Ok, "documents.signed"),
        _ => (BadgeTone::Muted, "consents.unsigned"),
    };
    html! { <Badge {tone}>{ session.t(key) }</Badge> }
}

/// The consents of the application.
#[function_component(ConsentsPanel)]
pub fn consents_panel(props: &ConsentsPanelProps) -> Html {
    let session = use_session();
    let catalogue = use_command::<ConsentCatalogue>(NoArgs {});
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    let viewing = use_state(|| None::<ConsentTemplate>);
    let formed = use_state(|| None::<String>);
    let form = {
        let (session, busy, error, formed, draft_id) = (
            session.clone(),
            busy.clone(),
            error.clone(),
            formed.clone(),
            props.draft_id,
        );
        Callback::from(move |source: ConsentSource| {
            let formed = formed.clone();
            let request = FormConsentRequest { draft_id, source };
            run::<FormConsentDocument>(&session, request, &busy, &error, move |document| {
                formed.set(Some(document.file_name))
            });
        })
    };
    let data = &props.state.data;
    let templates = (*catalogue.data).clone().unwrap_or_default();
    let blocks = data
        .blocks
        .get("expertise_consent")
        .cloned()
        .unwrap_or_default();
    let close = {
        let viewing = viewing.clone();
        Callback::from(move |_| viewing.set(None))
    };
    html! {
        <section class="consents-panel" id="consents-panel" aria-labelledby="consents-title">
            <h3 id="consents-title">{ session.t("consents.title") }</h3>
            <ul class="consent-list">
                { for templates.iter().map(|template| {
                    let source = ConsentSource::Catalogue { code: template.code.clone() };
                    let slot = source.slot();
                    let make = { let form = form.clone(); let source = source.clone(); Callback::from(move |_: MouseEvent| form.emit(source.clone())) };
                    let view = { let viewing = viewing.clone(); let template = template.clone(); Callback::from(move |_: MouseEvent| viewing.set(Some(template.clone()))) };
                    html! {
                        <li class="consent" id={format!("consent-{}", template.code)}>
                            <span class="consent-title">{ template.title.clone() }</span>
                            { status(&session, data, &slot) }
                            <Button kind={ButtonKind::Link} small=true id={format!("view-consent-{}", template.code)} onclick={view}>{ session.t("consents.view") }</Button>
                            <Button kind={ButtonKind::Ghost} small=true id={format!("form-consent-{}", template.code)} disabled={*busy} onclick={make}>{ session.t("consents.form") }</Button>
                        </li>
                    }
                }) }
                { for blocks.iter().enumerate().map(|(i, block)| {
                    let source = ConsentSource::Expertise { block: block.clone() };
                    let make = { let form = form.clone(); Callback::from(move |_: MouseEvent| form.emit(source.clone())) };
                    html! {
                        <li class="consent" id={format!("consent-expertise-{i}")}>
                            <span class="consent-title">{ format!("{} {}", session.t("group.expertise_consent"), i + 1) }</span>
                            { status(&session, data, "consent_expertise") }
                            <Button kind={ButtonKind::Ghost} small=true id={format!("form-consent-expertise-{i}")} disabled={*busy} onclick={make}>{ session.t("consents.form") }</Button>
                        </li>
                    }
                }) }
            </ul>
            <p class="hint">{ session.t("consents.hint") }</p>
            if let Some(name) = &*formed {
                <Alert kind={crate::kit::AlertKind::Info} id="consent-formed">{ format!("{}: {name}", session.t("consents.formed")) }</Alert>
            }
            if let Some(e) = &*error {
                <Alert id="consent-error">
                    { e.fields.first().map_or_else(|| e.message.clone(), |f| format!("{}: {}", f.field, f.message)) }
                </Alert>
            }
            if let Some(template) = &*viewing {
                <Modal id="consent-text" title={template.title.clone()} on_close={close.clone()}>
                    <pre class="signed-text">{ template.text.clone() }</pre>
                    <Button kind={ButtonKind::Primary} onclick={close.reform(|_: MouseEvent| ())}>{ session.t("sign.close") }</Button>
                </Modal>
            }
        </section>
    }
}
