//! Rate limits per client address (governor, in memory): login attempts on any БИН, and
//! anonymous login challenges. Wrong passwords per (address, БИН) are counted in the database
//! instead (`repo::login_failures`), so that a restart forgets nothing; together a person who
//! never failed, from their own address, is never slowed by someone else's guesses.

use std::net::IpAddr;
use std::num::NonZeroU32;

use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use homeportal_domain::ErrorCode;

use crate::error::AppError;

/// A per-address allowance: so many a minute, in bursts of at most so many.
pub struct AddressThrottle {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

/// A positive count known when compiling (zero would mean one).
const fn count(n: u32) -> NonZeroU32 {
    match NonZeroU32::new(n) {
        Some(n) => n,
        None => NonZeroU32::MIN,
    }
}

impl AddressThrottle {
    /// `per_minute` on average, at most `burst` at once.
    pub fn new(per_minute: NonZeroU32, burst: NonZeroU32) -> AddressThrottle {
        AddressThrottle {
            per_address: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
        }
    }

    /// Login attempts: 30 a minute per address on any БИН, 20 at once.
    pub fn logins() -> AddressThrottle {
        AddressThrottle::new(count(30), count(20))
    }

    /// Anonymous EDS-login challenges: 30 a minute per address, 10 at once.
    pub fn challenges() -> AddressThrottle {
        AddressThrottle::new(count(30), count(10))
    }

    /// Lets `address` go on now, or — when it is over its allowance — holds the refusal for as
    /// long as the address would have to wait (at most `hold`), so that a flood is slowed to the
    /// allowance instead of being answered as fast as it asks.
    pub async fn admit_or_hold(&self, address: IpAddr, hold: Duration) -> Result<(), AppError> {
        match self.per_address.check_key(&address) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                tokio::time::sleep(wait.min(hold)).await;
                Err(AppError::Code(ErrorCode::TooManyRequests))
            }
        }
    }

    /// Forgets addresses whose allowance is full again.
    pub fn sweep(&self) {
        self.per_address.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_gets_its_burst_and_others_are_not_affected() {
        let throttle = AddressThrottle::logins();
        let (flooder, person) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        let admits = |address| throttle.per_address.check_key(&address).is_ok();
        let admitted = (0..40).filter(|_| admits(flooder)).count();
        assert_eq!(admitted, 20);
        assert!(admits(person));
    }
}
