//! `use_command`: runs a typed command when the screen opens (and on `reload`), keeping its
//! answer, whether it is running, and its error.

use homeportal_domain::commands::Command;
use homeportal_domain::ErrorBody;
use yew::prelude::*;

use crate::ipc::invoke;
use crate::session::use_session;

/// A command's latest answer and how it stands.
pub struct CommandHandle<T> {
    /// The latest answer, once there is one.
    pub data: UseStateHandle<Option<T>>,
    /// Whether a call is running.
    pub loading: UseStateHandle<bool>,
    /// The latest call's error.
    pub error: UseStateHandle<Option<ErrorBody>>,
    /// Runs the command again.
    pub reload: Callback<()>,
}

/// Runs `C` with `request` when the component mounts, whenever `request` changes, and on
/// `reload`.
#[hook]
pub fn use_command<C>(request: C::Request) -> CommandHandle<C::Response>
where
    C: Command + 'static,
    C::Request: Clone + PartialEq + 'static,
    C::Response: 'static,
{
    let session = use_session();
    let data = use_state(|| None::<C::Response>);
    let loading = use_state(|| false);
    let error = use_state(|| None::<ErrorBody>);
    // A reducer, so a `reload` kept by a long-lived listener still counts from the newest
    // value (a state handle captured at the first render would set the same number again).
    let generation = use_reducer(Generation::default);
    let reload = {
        let generation = generation.clone();
        Callback::from(move |_| generation.dispatch(()))
    };
    {
        let (data, loading, error) = (data.clone(), loading.clone(), error.clone());
        let lang = session.lang;
        use_effect_with((request, generation.0), move |(request, _)| {
            let request = request.clone();
            loading.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match invoke::<C>(&request, lang).await {
                    Ok(answer) => {
                        data.set(Some(answer));
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
                loading.set(false);
            });
        });
    }
    CommandHandle {
        data,
        loading,
        error,
        reload,
    }
}

/// How many times a command was asked to run again.
#[derive(Default, PartialEq)]
struct Generation(u32);

impl Reducible for Generation {
    type Action = ();

    fn reduce(self: std::rc::Rc<Self>, _: ()) -> std::rc::Rc<Self> {
        std::rc::Rc::new(Generation(self.0.wrapping_add(1)))
    }
}
