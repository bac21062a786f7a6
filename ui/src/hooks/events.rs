//! The UI side of the app-level event feed: one listener on the shell's event, fanned out to
//! every screen that subscribes; a screen's subscription ends when it unmounts.

use std::cell::RefCell;
use std::rc::Rc;

use homeportal_domain::events::AppEvent;
use yew::prelude::*;

#[derive(Default)]
struct Listeners {
    next_id: u64,
    callbacks: Vec<(u64, Callback<AppEvent>)>,
}

/// Fans shell events out to the screens listening now.
#[derive(Clone, Default)]
pub struct EventHub(Rc<RefCell<Listeners>>);

impl PartialEq for EventHub {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A subscription; dropping it stops the deliveries.
pub struct Subscription {
    hub: EventHub,
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.hub
            .0
            .borrow_mut()
            .callbacks
            .retain(|(id, _)| *id != self.id);
    }
}

impl EventHub {
    /// Delivers every event from now on to `callback`, until the subscription is dropped.
    pub fn subscribe(&self, callback: Callback<AppEvent>) -> Subscription {
        let mut listeners = self.0.borrow_mut();
        listeners.next_id += 1;
        let id = listeners.next_id;
        listeners.callbacks.push((id, callback));
        Subscription {
            hub: self.clone(),
            id,
        }
    }

    /// Hands `event` to every listener.
    pub fn dispatch(&self, event: AppEvent) {
        // Copied first: a listener may subscribe or unsubscribe while handling the event.
        let callbacks: Vec<Callback<AppEvent>> = self
            .0
            .borrow()
            .callbacks
            .iter()
            .map(|(_, c)| c.clone())
            .collect();
        for callback in callbacks {
            callback.emit(event.clone());
        }
    }
}

/// Calls `on_event` with every app-level event while the component is mounted.
#[hook]
pub fn use_app_event<F>(on_event: F)
where
    F: Fn(AppEvent) + 'static,
{
    let hub = use_context::<EventHub>().unwrap_or_default();
    let on_event = Rc::new(on_event);
    use_effect_with(hub, move |hub| {
        let subscription = hub.subscribe(Callback::from(move |e| on_event(e)));
        move || drop(subscription)
    });
}

#[cfg(test)]
mod tests {
    use homeportal_domain::events::DataKind;

    use super::*;

    fn recorder() -> (Rc<RefCell<Vec<AppEvent>>>, Callback<AppEvent>) {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&seen);
        (seen, Callback::from(move |e| sink.borrow_mut().push(e)))
    }

    #[test]
    fn two_listeners_both_hear_every_event_until_one_leaves() {
        let hub = EventHub::default();
        let (first_seen, first) = recorder();
        let (second_seen, second) = recorder();
        let first_subscription = hub.subscribe(first);
        let _second_subscription = hub.subscribe(second);

        hub.dispatch(AppEvent::DataChanged(DataKind::Documents));
        hub.dispatch(AppEvent::DataChanged(DataKind::Applications));
        let both = vec![
            AppEvent::DataChanged(DataKind::Documents),
            AppEvent::DataChanged(DataKind::Applications),
        ];
        assert_eq!(*first_seen.borrow(), both);
        assert_eq!(*second_seen.borrow(), both);

        drop(first_subscription);
        hub.dispatch(AppEvent::DataChanged(DataKind::Documents));
        assert_eq!(
            first_seen.borrow().len(),
            2,
            "a dropped listener hears nothing more"
        );
        assert_eq!(second_seen.borrow().len(), 3);
    }
}
