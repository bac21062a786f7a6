//! The app-level event feed: the core publishes, any number of listeners (the shell's bridge
//! to the UI, tests) receive every event from the moment they subscribe.

use homeportal_domain::events::AppEvent;
use tokio::sync::broadcast;

/// Events a slow listener may fall behind by before it misses some.
const BACKLOG: usize = 256;

/// A feed of [`AppEvent`]s.
#[derive(Clone)]
pub struct EventFeed {
    sender: broadcast::Sender<AppEvent>,
}

impl Default for EventFeed {
    fn default() -> Self {
        EventFeed {
            sender: broadcast::channel(BACKLOG).0,
        }
    }
}

impl EventFeed {
    /// Tells every listener; nobody listening is fine.
    pub fn publish(&self, event: AppEvent) {
        let _ = self.sender.send(event);
    }

    /// A new listener, receiving what is published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<AppEvent> {
        self.sender.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use homeportal_domain::events::DataKind;

    use super::*;

    #[tokio::test]
    async fn every_listener_gets_every_event_in_order() {
        let feed = EventFeed::default();
        let mut first = feed.subscribe();
        let mut second = feed.subscribe();
        feed.publish(AppEvent::DataChanged(DataKind::Documents));
        feed.publish(AppEvent::DataChanged(DataKind::Applications));
        for listener in [&mut first, &mut second] {
            assert_eq!(
                listener.recv().await.expect("first event"),
                AppEvent::DataChanged(DataKind::Documents)
            );
            assert_eq!(
                listener.recv().await.expect("second event"),
                AppEvent::DataChanged(DataKind::Applications)
            );
        }
        drop(first);
        feed.publish(AppEvent::DataChanged(DataKind::Documents));
        assert_eq!(
            second.recv().await.expect("still listening"),
            AppEvent::DataChanged(DataKind::Documents),
            "one listener leaving does not stop the others"
        );
    }
}
