//! The local mailbox (local mode): what the server sent, for the desktop's «Локальный режим:
//! письма и SMS» panel. Served only by a server that keeps codes locally, which only a
//! loopback server may do.

use axum::extract::State;
use axum::Json;
use homeportal_domain::access::LocalMessage;
use homeportal_domain::ErrorCode;

use crate::error::AppError;
use crate::repo::mailbox;
use crate::state::AppState;

/// `GET /api/v1/local/mailbox`.
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<LocalMessage>>, AppError> {
    if !state.config.local_mailbox() {
        return Err(AppError::Code(ErrorCode::NotFound));
    }
    Ok(Json(state.db.read(mailbox::list).await?))
}
