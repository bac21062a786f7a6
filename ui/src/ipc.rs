//! Typed calls to the shell: every command is a marker type of the domain's contract, so the UI
//! never names a command by a string.

use homeportal_domain::commands::Command;
use homeportal_domain::events::{AppEvent, APP_EVENT};
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn Fn(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

#[derive(Serialize)]
struct Args<'a, T> {
    request: &'a T,
}

/// Asks the shell to run `C` with `request`; its answer, or the error in `lang`.
pub async fn invoke<C: Command>(
    request: &C::Request,
    lang: Lang,
) -> Result<C::Response, ErrorBody> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = Args { request }
        .serialize(&serializer)
        .map_err(|_| ErrorBody::new(ErrorCode::BadRequest, lang))?;
    match tauri_invoke(C::NAME, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|_| ErrorBody::new(ErrorCode::BadServerResponse, lang)),
        Err(error) => Err(serde_wasm_bindgen::from_value::<ErrorBody>(error)
            .unwrap_or_else(|_| ErrorBody::new(ErrorCode::Internal, lang))),
    }
}

/// Hands every app-level event of the shell to `on_event`, for the life of the page.
pub fn listen_app_events(on_event: impl Fn(AppEvent) + 'static) {
    let handler = Closure::<dyn Fn(JsValue)>::new(move |message: JsValue| {
        let payload = js_sys::Reflect::get(&message, &"payload".into()).unwrap_or(message);
        if let Ok(event) = serde_wasm_bindgen::from_value(payload) {
            on_event(event);
        }
    });
    wasm_bindgen_futures::spawn_local(async move {
        if tauri_listen(APP_EVENT, &handler).await.is_ok() {
            // The listener lives as long as the page: one for the whole app.
            handler.forget();
        }
    });
}
