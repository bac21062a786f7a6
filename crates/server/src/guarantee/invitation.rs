//! «Отправить электронное уведомление»: the УК invites the developer its form names; the
//! developer, signed in to its own cabinet, confirms its data with its EDS and joins — this and
//! every later application of that УК naming it.

use axum::extract::State;
use axum::Json;
use base64::Engine;
use homeportal_domain::access::Channel;
use homeportal_domain::guarantee::{
    AcceptInvitation, InvitationAccepted, InvitationSent, InvitationView, Organisation,
};
use homeportal_domain::ids::{Bin, Email};
use homeportal_domain::sync::HistoryKind;
use homeportal_domain::ErrorCode;
use homeportal_pki::Policy;

use super::owner_only;
use crate::delivery::Message;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath, AuthSession};
use crate::repo::invitations::{self, NewInvitation};
use crate::repo::partnerships::{self, Confirmation};
use crate::repo::{accounts, applications};
use crate::signing::verdict;
use crate::state::AppState;

/// The text the developer signs: both organisations and the application, from stored data only.
fn confirmation_text(uk: &Organisation, developer: &Organisation, application_id: i64) -> String {
    format!(
        "Подтверждение данных застройщика для АО «Казахстанская Жилищная Компания»\n\
         Застройщик: {}, БИН {}\n\
         Уполномоченная компания: {}, БИН {}\n\
         Заявка № {application_id}\n\
         Застройщик подтверждает свои данные и участие в заявках этой уполномоченной компании.\n",
        developer.name,
        developer.bin.as_string(),
        uk.name,
        uk.bin.as_string()
    )
}

fn invitation_message(
    to: &str,
    uk: &Organisation,
    developer: &Organisation,
    code: &str,
) -> Message {
    Message {
        channel: Channel::Email,
        to: to.to_owned(),
        subject: "Приглашение к заявке на гарантирование — АО «КЖК»".to_owned(),
        text: format!(
            "{uk_name} (БИН {uk_bin}) приглашает {dev_name} (БИН {dev_bin}) заполнить раздел \
             застройщика в заявке на гарантирование.\n\n\
             Код приглашения: {code}\n\n\
             Установите Homeportal Desktop, войдите в кабинет застройщика (или зарегистрируйтесь \
             с ЭЦП организации), откройте «Приглашения», введите код и подтвердите данные \
             подписью ЭЦП. Код действует 7 дней.\n\n\
             {uk_name} (БСН {uk_bin}) {dev_name} ұйымын кепілдік беру туралы өтінімнің құрылыс \
             салушы бөлімін толтыруға шақырады. Шақыру коды: {code}\n\n\
             Личный кабинет юридического лица АО «Казахстанская Жилищная Компания»",
            uk_name = uk.name,
            uk_bin = uk.bin.as_string(),
            dev_name = developer.name,
            dev_bin = developer.bin.as_string(),
        ),
    }
}

/// `POST /api/v1/applications/{id}/invitation`: the developer named in «Информация о
/// застройщике» (БИН found in the registry, e-mail as typed) gets a one-time code by e-mail.
pub async fn invite(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<InvitationSent>, AppError> {
    let account_id = session.account_id;
    let (application, uk) = state
        .db
        .read(move |conn| {
            let (bin, _) = accounts::actor(conn, account_id)?;
            let application = applications::visible(conn, &bin, id)?
                .filter(|a| !a.deleted)
                .ok_or(AppError::Code(ErrorCode::NotFound))?;
            owner_only(&application, &bin)?;
            let name = accounts::org_name(conn, &bin.as_string())?.unwrap_or_default();
            Ok((application, Organisation { bin, name }))
        })
        .await?;
    let data = &application.data;
    let bin = Bin::parse(data.value("developer", "bin"))
        .map_err(|rule| AppError::field("developer.bin", rule))?;
    let email = Email::parse(data.value("developer", "email"))
        .map_err(|rule| AppError::field("developer.email", rule))?;
    let developer = state
        .registry
        .find(&bin)
        .await?
        .ok_or(AppError::Code(ErrorCode::OrganisationNotFound))?;
    let now = state.now();
    let ttl = i64::from(state.config.invitation_ttl_hours) * 3600;
    let (issued_uk, issued_developer, to) =
        (uk.clone(), developer.clone(), email.as_str().to_owned());
    let code = state
        .db
        .call(move |conn| {
            invitations::issue(
                conn,
                &NewInvitation {
                    application_id: id,
                    uk_bin: &issued_uk.bin,
                    developer_bin: &issued_developer.bin,
                    developer_name: &issued_developer.name,
                    email: &to,
                },
                now,
                ttl,
            )
        })
        .await?;
    let message = invitation_message(email.as_str(), &uk, &developer, &code);
    if let Err(e) = state.delivery.send_mail(&message).await {
        let withdrawn = code.clone();
        state
            .db
            .call(move |conn| invitations::withdraw(conn, &withdrawn))
            .await?;
        return Err(e);
    }
    let (event_bin, event_email, actor_id) = (developer.bin, email.as_str().to_owned(), account_id);
    state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let (_, actor) = accounts::actor(&tx, actor_id)?;
            let event = HistoryKind::DeveloperInvited {
                bin: event_bin,
                email: event_email,
            };
            applications::record_event(&tx, id, &actor, &event, now)?;
            applications::touch(&tx, id, now)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    tracing::info!(application = id, developer = %developer.bin.as_string(), "developer invited");
    Ok(Json(InvitationSent {
        developer,
        email: email.as_str().to_owned(),
    }))
}

/// The live invitation with `code` and what the developer confirms.
async fn open_invitation(
    state: &AppState,
    code: String,
) -> Result<(invitations::Invitation, InvitationView), AppError> {
    let now = state.now();
    state
        .db
        .read(move |conn| {
            let invitation = invitations::by_code(conn, &code)?
                .filter(|i| i.accepted_at.is_none() && i.expires_at > now)
                .ok_or(AppError::Code(ErrorCode::InvitationInvalid))?;
            let uk = Organisation {
                name: accounts::org_name(conn, &invitation.uk_bin.as_string())?.unwrap_or_default(),
                bin: invitation.uk_bin,
            };
            let developer = Organisation {
                bin: invitation.developer_bin,
                name: invitation.developer_name.clone(),
            };
            let text = confirmation_text(&uk, &developer, invitation.application_id);
            Ok((
                invitation,
                InvitationView {
                    uk,
                    developer,
                    text,
                },
            ))
        })
        .await
}

/// `GET /api/v1/invitations/{code}`: what the developer is asked to confirm.
pub async fn view(
    State(state): State<AppState>,
    _session: AuthSession,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<InvitationView>, AppError> {
    Ok(Json(open_invitation(&state, code).await?.1))
}

/// `POST /api/v1/invitations/{code}/accept`: the developer's CMS over the confirmation text,
/// by its head or a person with signing right (SIGN key); the invited organisation only.
pub async fn accept(
    State(state): State<AppState>,
    session: AuthSession,
    ApiPath(code): ApiPath<String>,
    ApiJson(request): ApiJson<AcceptInvitation>,
) -> Result<Json<InvitationAccepted>, AppError> {
    let (invitation, view) = open_invitation(&state, code.clone()).await?;
    let account_id = session.account_id;
    let (bin, actor) = state
        .db
        .read(move |conn| accounts::actor(conn, account_id))
        .await?;
    if bin != invitation.developer_bin {
        return Err(AppError::Code(ErrorCode::InvitationOtherOrganisation));
    }
    let cms = base64::engine::general_purpose::STANDARD
        .decode(request.cms.trim())
        .map_err(|_| AppError::Code(ErrorCode::SignatureInvalid))?;
    let now = state.now();
    let verified = verdict::check_act(
        &state.verifier,
        &cms,
        view.text.as_bytes(),
        &Policy::act_of(bin),
        now,
    )
    .map_err(AppError::Code)?;
    let signer_iin = verified.signer.iin.clone().unwrap_or_default();
    let uk = view.uk.clone();
    let opened = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            partnerships::confirm(
                &tx,
                &Confirmation {
                    uk: &invitation.uk_bin,
                    developer: &bin,
                    signer_iin: &signer_iin,
                    cms: &cms,
                },
                now,
            )?;
            invitations::accept(&tx, &code, now)?;
            let ids = applications::naming_developer(&tx, &invitation.uk_bin, &bin)?;
            for id in &ids {
                applications::open_to(&tx, *id, &bin, now)?;
                let event = HistoryKind::DeveloperJoined { bin };
                applications::record_event(&tx, *id, &actor, &event, now)?;
            }
            tx.commit()?;
            Ok(ids.len())
        })
        .await?;
    tracing::info!(uk = %uk.bin.as_string(), opened, "developer joined");
    Ok(Json(InvitationAccepted {
        uk,
        applications: opened,
    }))
}
