//! Typed calls to the shell's Tauri commands.

use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Calls command `cmd` with `args` (an object of named arguments) and decodes its answer.
pub async fn call<A: Serialize, R: DeserializeOwned>(
    cmd: &str,
    args: &A,
    lang: Lang,
) -> Result<R, ErrorBody> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args
        .serialize(&serializer)
        .map_err(|_| ErrorBody::new(ErrorCode::BadRequest, lang))?;
    match tauri_invoke(cmd, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|_| ErrorBody::new(ErrorCode::BadServerResponse, lang)),
        Err(error) => Err(serde_wasm_bindgen::from_value::<ErrorBody>(error)
            .unwrap_or_else(|_| ErrorBody::new(ErrorCode::Internal, lang))),
    }
}

/// An empty argument object, for commands that take none.
#[derive(Serialize)]
pub struct NoArgs {}
