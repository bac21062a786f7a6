//! Registers one Tauri command per entry of the domain's command contract. Each adapter calls
//! `crate::<feature>::<name>(&shell, &app, request)` and converts its error once; a handler that
//! is missing or has other types fails to compile.

use homeportal_domain::ErrorBody;

use crate::Shell;

macro_rules! register_commands {
    ($( $feature:ident { $( $name:ident ($request:ty) -> $response:ty => $marker:ident; )* } )*) => {
        $($(
            #[tauri::command]
            async fn $name(
                app: tauri::AppHandle,
                shell: tauri::State<'_, Shell>,
                request: $request,
            ) -> Result<$response, ErrorBody> {
                crate::$feature::$name(&shell, &app, request)
                    .await
                    .map_err(|error| error.into_body(shell.lang()))
            }
        )*)*

        /// The invoke handler answering every command of the contract.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($name),*),*]
        }
    };
}

homeportal_domain::for_each_command!(register_commands);
