// Loads the Yew application. The bytes are fetched here and handed to the glue, because
// responses of Tauri's custom protocol fail the glue's own streaming check in WebKitGTK.
import init from './homeportal_ui.js';

fetch(new URL('homeportal_ui_bg.wasm', import.meta.url))
  .then((response) => response.arrayBuffer())
  .then((bytes) => init({ module_or_path: bytes }))
  .catch((error) => {
    document.body.textContent = 'Не удалось запустить интерфейс Homeportal Desktop: ' + error;
  });
