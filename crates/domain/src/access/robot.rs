//! «Я не робот» on a desktop: the server issues a random prefix and a difficulty, the app finds
//! a number whose SHA-256 with the prefix starts with that many zero bits. A person waits a
//! fraction of a second; a script registering thousands of cabinets pays for each one.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The puzzle the server issues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotChallenge {
    /// Random text the answer is bound to.
    pub prefix: String,
    /// Leading zero bits the hash must have.
    pub bits: u8,
}

fn leading_zero_bits(hash: &[u8]) -> u32 {
    let mut zeros = 0;
    for byte in hash {
        if *byte == 0 {
            zeros += 8;
        } else {
            return zeros + byte.leading_zeros();
        }
    }
    zeros
}

impl RobotChallenge {
    /// Whether `answer` solves the puzzle.
    pub fn solved_by(&self, answer: u64) -> bool {
        let hash = Sha256::digest(format!("{}:{answer}", self.prefix).as_bytes());
        leading_zero_bits(&hash) >= u32::from(self.bits)
    }

    /// The first answer that solves the puzzle (what the app computes).
    pub fn solve(&self) -> u64 {
        (0..u64::MAX)
            .find(|answer| self.solved_by(*answer))
            .unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_solution_solves_and_a_neighbour_rarely_does() {
        let challenge = RobotChallenge {
            prefix: "abc".into(),
            bits: 12,
        };
        let answer = challenge.solve();
        assert!(challenge.solved_by(answer));
        let other = RobotChallenge {
            prefix: "abd".into(),
            bits: 12,
        };
        assert!(other.solved_by(other.solve()));
        assert!((0..answer).all(|a| !challenge.solved_by(a)));
    }

    #[test]
    fn zero_bits_is_solved_by_anything() {
        let free = RobotChallenge {
            prefix: String::new(),
            bits: 0,
        };
        assert_eq!(free.solve(), 0);
    }
}
