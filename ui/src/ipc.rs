//! Typed calls to the shell's Tauri commands.

use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
    call_with(cmd, args, lang).await
}

/// Calls command `cmd` with an arguments object built by hand (e.g. holding a channel).
pub async fn call_with<R: DeserializeOwned>(
    cmd: &str,
    args: JsValue,
    lang: Lang,
) -> Result<R, ErrorBody> {
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

/// A Tauri channel whose messages are decoded and handed to `on_message`. It lives as long as
/// the page (the shell keeps sending to it), so its callback is never freed.
pub fn channel<T: DeserializeOwned + 'static>(
    on_message: impl Fn(T) + 'static,
) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let core = js_sys::Reflect::get(
        &js_sys::Reflect::get(&window, &"__TAURI__".into())?,
        &"core".into(),
    )?;
    let constructor: js_sys::Function =
        js_sys::Reflect::get(&core, &"Channel".into())?.dyn_into()?;
    let channel = js_sys::Reflect::construct(&constructor, &js_sys::Array::new())?;
    let callback = Closure::<dyn Fn(JsValue)>::new(move |message: JsValue| {
        if let Ok(value) = serde_wasm_bindgen::from_value(message) {
            on_message(value);
        }
    });
    js_sys::Reflect::set(&channel, &"onmessage".into(), callback.as_ref())?;
    callback.forget();
    Ok(channel)
}
