//! The back office: a small server-rendered page for КЖК staff — sign in with a staff key, the
//! list of applications sent to КЖК, one application with its history, and the steps a role
//! may take (remarks, moderation passed, registration). The key travels in an HttpOnly,
//! SameSite=Strict cookie, so another site cannot post these forms.

use axum::extract::{Form, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use homeportal_domain::sync::{HistoryKind, ServerApplication};
use homeportal_domain::{i18n, Lang};
use serde::Deserialize;

use super::api;
use crate::error::AppError;
use crate::extract::ApiPath;
use crate::repo::applications;
use crate::repo::staff::{self, Staff};
use crate::state::AppState;

/// Paths of the back office.
pub mod paths {
    /// The list (or the sign-in form).
    pub const HOME: &str = "/back-office";
    /// `POST` the staff key.
    pub const LOGIN: &str = "/back-office/login";
    /// `POST`: forget the key.
    pub const LOGOUT: &str = "/back-office/logout";
    /// One application.
    pub const APPLICATION: &str = "/back-office/applications/{id}";
    /// `POST` remarks.
    pub const REMARKS: &str = "/back-office/applications/{id}/remarks";
    /// `POST` moderation passed.
    pub const PASS: &str = "/back-office/applications/{id}/pass";
    /// `POST` registration.
    pub const REGISTER: &str = "/back-office/applications/{id}/register";
}

const COOKIE_NAME: &str = "kzhk_staff";

/// Text safe inside HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
         <title>{} — АО «КЖК»</title><style>\
         body{{font-family:system-ui,sans-serif;margin:2rem;color:#1d2733}}\
         table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #dde3e9;padding:.4rem .6rem;text-align:left}}\
         .error{{color:#b3261e}}textarea{{width:100%;min-height:6rem}}form.inline{{display:inline}}\
         button{{margin:.3rem .3rem .3rem 0}}</style></head><body>\
         <h1>{}</h1>{body}</body></html>",
        escape(title),
        escape(title)
    ))
}

fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

fn key_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.to_owned())
}

async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<Option<Staff>, AppError> {
    let Some(key) = key_of(headers) else {
        return Ok(None);
    };
    state.db.read(move |conn| staff::by_key(conn, &key)).await
}

fn login_form(error: Option<&str>) -> Html<String> {
    let error = error
        .map(|e| format!("<p class=\"error\" id=\"error\">{}</p>", escape(e)))
        .unwrap_or_default();
    page(
        "Бэк-офис",
        &format!(
            "{error}<form method=\"post\" action=\"{}\"><label for=\"key\">Ключ сотрудника</label> \
             <input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"off\" required> \
             <button id=\"sign-in\" type=\"submit\">Войти</button></form>",
            paths::LOGIN
        ),
    )
}

fn status_text(application: &ServerApplication) -> String {
    i18n::text(Lang::Ru, &application.status.label_key()).to_owned()
}

/// `GET /back-office`: the list, or the sign-in form.
pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let Some(member) = signed_in(&state, &headers).await? else {
        return Ok(login_form(None).into_response());
    };
    let list = state.db.read(applications::sent_to_kzhk).await?;
    let rows: String = list
        .iter()
        .map(|a| {
            let registration = a
                .registration
                .as_ref()
                .map(|r| format!("{}, срок {}", r.label(), r.deadline.format("%d.%m.%Y")))
                .unwrap_or_default();
            format!(
                "<tr id=\"row-{id}\"><td><a href=\"/back-office/applications/{id}\">№ {id}</a></td>\
                 <td>{}</td><td>{}</td><td class=\"status\">{}</td><td>{}</td></tr>",
                escape(&a.owner.as_string()),
                escape(a.data.value("project", "name")),
                escape(&status_text(a)),
                escape(&registration),
                id = a.id
            )
        })
        .collect();
    Ok(page(
        "Заявки",
        &format!(
            "<p>{} ({}) <form class=\"inline\" method=\"post\" action=\"{}\"><button>Выйти</button></form></p>\
             <table id=\"applications\"><tr><th>Заявка</th><th>БИН УК</th><th>Проект</th><th>Статус</th>\
             <th>Регистрация</th></tr>{rows}</table>",
            escape(&member.name),
            member.role.as_str(),
            paths::LOGOUT
        ),
    )
    .into_response())
}

/// The staff key typed.
#[derive(Deserialize)]
pub struct KeyForm {
    key: String,
}

/// `POST /back-office/login`.
pub async fn login(
    State(state): State<AppState>,
    Form(form): Form<KeyForm>,
) -> Result<Response, AppError> {
    let key = form.key.trim().to_owned();
    let checked = key.clone();
    let found = state
        .db
        .read(move |conn| staff::by_key(conn, &checked))
        .await?;
    if found.is_none() {
        let mut response = login_form(Some("Ключ не подходит")).into_response();
        *response.status_mut() = StatusCode::UNAUTHORIZED;
        return Ok(response);
    }
    let mut response = see_other(paths::HOME);
    let cookie = format!("{COOKIE_NAME}={key}; Path=/back-office; HttpOnly; SameSite=Strict");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    Ok(response)
}

/// `POST /back-office/logout`.
pub async fn logout() -> Response {
    let mut response = see_other(paths::HOME);
    let cookie = format!("{COOKIE_NAME}=; Path=/back-office; Max-Age=0; HttpOnly; SameSite=Strict");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}

fn event_text(kind: &HistoryKind) -> String {
    match kind {
        HistoryKind::StatusChanged { status, payload } => format!(
            "{}: {}",
            i18n::text(Lang::Ru, &status.label_key()),
            match payload {
                homeportal_domain::status::Payload::Remarks { text } => text.clone(),
                homeportal_domain::status::Payload::Registration { number, date, .. } =>
                    format!("№{number} от {}", date.format("%d.%m.%Y")),
                _ => String::new(),
            }
        ),
        HistoryKind::Signed { signer_name, .. } => format!("Подписана ЭЦП: {signer_name}"),
        other => {
            let key = match other {
                HistoryKind::Created => "history.created",
                HistoryKind::SentToModeration => "history.sent_to_moderation",
                HistoryKind::NewVersion => "history.new_version",
                HistoryKind::DeveloperInvited { .. } => "history.developer_invited",
                HistoryKind::DeveloperJoined { .. } => "history.developer_joined",
                HistoryKind::Deleted => "history.deleted",
                _ => "history.conflict_resolved",
            };
            i18n::text(Lang::Ru, key).to_owned()
        }
    }
}

/// `GET /back-office/applications/{id}`.
pub async fn application(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let Some(member) = signed_in(&state, &headers).await? else {
        return Ok(see_other(paths::HOME));
    };
    let Some(found) = state
        .db
        .read(move |conn| applications::any(conn, id))
        .await?
    else {
        return Ok((
            StatusCode::NOT_FOUND,
            page("Не найдено", "<p>Заявки нет.</p>"),
        )
            .into_response());
    };
    let history: String = found
        .history
        .iter()
        .map(|e| {
            format!(
                "<li>{} · {} · {}</li>",
                escape(&e.at),
                escape(&e.actor),
                escape(&event_text(&e.event))
            )
        })
        .collect();
    let mut actions = String::new();
    if member.role.moderates() {
        actions.push_str(&format!(
            "<form method=\"post\" action=\"/back-office/applications/{id}/remarks\">\
             <label for=\"remarks\">Замечания модерации</label><textarea id=\"remarks\" name=\"text\" required></textarea>\
             <button id=\"post-remarks\" type=\"submit\">Отправить замечания</button></form>\
             <form class=\"inline\" method=\"post\" action=\"/back-office/applications/{id}/pass\">\
             <button id=\"pass\" type=\"submit\">Модерация пройдена</button></form>"
        ));
    }
    if member.role.registers() {
        actions.push_str(&format!(
            "<form class=\"inline\" method=\"post\" action=\"/back-office/applications/{id}/register\">\
             <button id=\"register\" type=\"submit\">Зарегистрировать</button></form>"
        ));
    }
    Ok(page(
        &format!("Заявка № {id}"),
        &format!(
            "<p><a href=\"{}\">← Все заявки</a></p><p>УК: БИН {}; застройщик: {}</p>\
             <p>Проект: {}</p><p>Статус: <strong id=\"status\">{}</strong></p>{}\
             <h2>История заявки</h2><ul id=\"history\">{history}</ul>{actions}",
            paths::HOME,
            escape(&found.owner.as_string()),
            escape(
                &found
                    .developer
                    .map(|b| b.as_string())
                    .unwrap_or_else(|| "—".into())
            ),
            escape(found.data.value("project", "name")),
            escape(&status_text(&found)),
            found
                .registration
                .as_ref()
                .map(|r| format!(
                    "<p id=\"registration\">{}, срок исполнения {}</p>",
                    escape(&r.label()),
                    r.deadline.format("%d.%m.%Y")
                ))
                .unwrap_or_default()
        ),
    )
    .into_response())
}

/// A step's outcome: back to the application, or the refusal in words.
fn after(id: i64, outcome: Result<ServerApplication, AppError>) -> Response {
    match outcome {
        Ok(_) => see_other(&format!("/back-office/applications/{id}")),
        Err(e) => {
            let message = match &e {
                AppError::Code(code) => code.message(Lang::Ru).to_owned(),
                AppError::Validation(fields) => fields
                    .iter()
                    .map(|(f, r)| format!("{f}: {}", r.message(Lang::Ru)))
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                page(
                    "Действие не выполнено",
                    &format!(
                        "<p class=\"error\" id=\"error\">{}</p><p><a href=\"/back-office/applications/{id}\">Назад</a></p>",
                        escape(&message)
                    ),
                ),
            )
                .into_response()
        }
    }
}

/// The remarks typed.
#[derive(Deserialize)]
pub struct RemarksForm {
    text: String,
}

/// `POST …/remarks`.
pub async fn remarks(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    Form(form): Form<RemarksForm>,
) -> Result<Response, AppError> {
    let Some(member) = signed_in(&state, &headers).await? else {
        return Ok(see_other(paths::HOME));
    };
    Ok(after(id, api::remark(&state, member, id, &form.text).await))
}

/// `POST …/pass`.
pub async fn pass(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let Some(member) = signed_in(&state, &headers).await? else {
        return Ok(see_other(paths::HOME));
    };
    Ok(after(id, api::pass(&state, member, id).await))
}

/// `POST …/register`.
pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let Some(member) = signed_in(&state, &headers).await? else {
        return Ok(see_other(paths::HOME));
    };
    Ok(after(id, api::registration(&state, member, id).await))
}
