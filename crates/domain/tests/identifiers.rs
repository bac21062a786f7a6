//! IIN/BIN against the reference examples, and property checks: generated valid IIN, BIN and IIK
//! pass; every single-character change fails unless it happens to make another valid number.

use homeportal_domain::ids::{iik_check_digits, Bin, Iik, Iin};

/// A small deterministic generator (xorshift64*), so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn check_digit(first11: &str) -> Option<u32> {
    let d: Vec<u32> = first11.bytes().map(|b| u32::from(b - b'0')).collect();
    let pass = |w: &[u32]| d.iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 11;
    let first = pass(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    let k = if first == 10 {
        pass(&[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])
    } else {
        first
    };
    (k != 10).then_some(k)
}

fn with_check(rng: &mut Rng, prefix: impl Fn(&mut Rng) -> String) -> String {
    loop {
        let first11 = prefix(rng);
        if let Some(k) = check_digit(&first11) {
            return format!("{first11}{k}");
        }
    }
}

fn random_iin(rng: &mut Rng) -> String {
    with_check(rng, |r| {
        let century = 1 + r.below(6);
        let year = r.below(100);
        let month = 1 + r.below(12);
        let day = 1 + r.below(28);
        format!("{year:02}{month:02}{day:02}{century}{:04}", r.below(10_000))
    })
}

fn random_bin(rng: &mut Rng) -> String {
    with_check(rng, |r| {
        format!(
            "{:02}{:02}{}{}{:05}",
            r.below(100),
            1 + r.below(12),
            4 + r.below(3),
            r.below(4),
            r.below(100_000)
        )
    })
}

fn random_iik(rng: &mut Rng) -> String {
    const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let bank = ["601", "722", "856", "965", "914", "948", "998", "551"][rng.below(8) as usize];
    let account: String = (0..13)
        .map(|_| char::from(ALNUM[rng.below(36) as usize]))
        .collect();
    let bban = format!("{bank}{account}");
    format!("KZ{}{bban}", iik_check_digits(&bban))
}

#[test]
fn every_reference_example_gets_its_verdict() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/iin_bin_checkdigit_examples.csv"
    );
    let text = std::fs::read_to_string(path).expect("the examples file ships with the crate");
    let mut rows = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split(',').collect();
        let (number, kind, verdict) = (cols[0], cols[1], cols[9]);
        let valid = match kind {
            "BIN" => Bin::parse(number).is_ok(),
            "IIN" => Iin::parse(number).is_ok(),
            _ => Bin::parse(number).is_ok() || Iin::parse(number).is_ok(),
        };
        assert_eq!(
            valid,
            verdict == "valid",
            "{number} ({kind}) should be {verdict}"
        );
        rows += 1;
    }
    assert_eq!(rows, 13);
}

/// Counts single-character substitutions of `valid` that still parse, and per position.
fn mutations(
    valid: &str,
    alphabet: &[u8],
    from: usize,
    parses: impl Fn(&str) -> bool,
) -> (u32, u32, Vec<u32>) {
    let (mut tried, mut still_valid) = (0, 0);
    let mut by_position = vec![0; valid.len()];
    for position in from..valid.len() {
        for &c in alphabet {
            if valid.as_bytes()[position] == c {
                continue;
            }
            let mut bytes = valid.as_bytes().to_vec();
            bytes[position] = c;
            let mutated = String::from_utf8(bytes).expect("ascii");
            tried += 1;
            if parses(&mutated) {
                still_valid += 1;
                by_position[position] += 1;
            }
        }
    }
    (tried, still_valid, by_position)
}

#[test]
fn generated_numbers_pass_and_single_changes_fail() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let digits = b"0123456789";
    let alnum = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut report = Vec::new();
    for (name, generate, alphabet, from, parses) in [
        (
            "IIN",
            random_iin as fn(&mut Rng) -> String,
            &digits[..],
            0,
            (|s: &str| Iin::parse(s).is_ok()) as fn(&str) -> bool,
        ),
        ("BIN", random_bin, &digits[..], 0, |s: &str| {
            Bin::parse(s).is_ok()
        }),
        ("IIK", random_iik, &alnum[..], 2, |s: &str| {
            Iik::parse(s).is_ok()
        }),
    ] {
        let (mut tried, mut still_valid) = (0, 0);
        let mut by_position = [0u32; 20];
        for _ in 0..500 {
            let valid = generate(&mut rng);
            assert!(parses(&valid), "generated {name} {valid} does not parse");
            let (t, v, positions) = mutations(&valid, alphabet, from, parses);
            tried += t;
            still_valid += v;
            for (total, n) in by_position.iter_mut().zip(positions) {
                *total += n;
            }
        }
        if name != "IIK" {
            // The check digit itself: exactly one value is right, so no change of it passes.
            assert_eq!(by_position[11], 0, "{name}: a changed check digit passed");
        }
        // A mutation that still parses must be a genuinely valid number of its kind: the check
        // digit cannot catch everything (IIN/BIN weight 11 at position 11 is 0 mod 11).
        report.push(format!(
            "{name}: {tried} single-character changes, {still_valid} still valid; by position {:?}",
            &by_position[..if name == "IIK" { 20 } else { 12 }]
        ));
        let rate = f64::from(still_valid) / f64::from(tried);
        assert!(
            rate < 0.12,
            "{name}: {still_valid} of {tried} mutations still valid"
        );
    }
    println!("{}", report.join("\n"));
}
