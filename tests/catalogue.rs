//! Every word the app shows comes from the catalogue, complete in ru, kk and en: the three
//! catalogues hold the same keys with text for each; every key the interface, and the shell
//! name is there; and no user-visible text is written into the interface's or the shell's
//! code (where switching the language could not reach it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn catalogue(lang: &str) -> BTreeMap<String, String> {
    let path = root().join(format!("crates/domain/i18n/{lang}.json"));
    let text = std::fs::read_to_string(&path).expect("catalogue");
    serde_json::from_str(&text).expect("catalogue is a JSON object of strings")
}

/// The Rust sources under `dir`, each without its `#[cfg(test)]` part.
fn sources(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("utf-8");
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
            found.push((path, code));
        }
    }
}

/// The string literals of `code` (plain `"…"`, escapes kept as written).
fn literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    let mut in_comment = false;
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
            }
        } else if c == '/' && chars.peek() == Some(&'/') {
            in_comment = true;
        } else if c == '\'' && previous != '\\' {
            // A char literal such as '"' must not open a string.
            let mut lookahead = chars.clone();
            if let (Some(a), Some(b)) = (lookahead.next(), lookahead.next()) {
                if b == '\'' && a != '\\' {
                    chars.next();
                    chars.next();
                }
            }
        } else if c == '"' {
            let mut literal = String::new();
            let mut escaped = false;
            for d in chars.by_ref() {
                if escaped {
                    literal.push(d);
                    escaped = false;
                } else if d == '\\' {
                    literal.push(d);
                    escaped = true;
                } else if d == '"' {
                    break;
                } else {
                    literal.push(d);
                }
            }
            out.push(literal);
        }
        previous = c;
    }
    out
}

fn is_key_shaped(s: &str) -> bool {
    let mut parts = s.split('.');
    let first = parts.next().unwrap_or("");
    !first.is_empty()
        && first.starts_with(|c: char| c.is_ascii_lowercase())
        && s.contains('.')
        && s.split('.').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

#[test]
fn the_three_catalogues_hold_the_same_keys_each_with_text() {
    let ru = catalogue("ru");
    for lang in ["kk", "en"] {
        let other = catalogue(lang);
        let missing: Vec<_> = ru.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !ru.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has keys ru lacks: {extra:?}");
        // A separator may be a (no-break) space; nothing else may be blank.
        let empty: Vec<_> = other
            .iter()
            .filter(|(k, v)| v.is_empty() || (v.trim().is_empty() && !k.ends_with("_separator")))
            .collect();
        assert!(empty.is_empty(), "{lang} has empty texts: {empty:?}");
    }
    assert!(ru.len() > 500, "the catalogue is read whole");
}

#[test]
fn every_key_the_code_names_is_in_the_catalogue() {
    let ru = catalogue("ru");
    let namespaces: BTreeSet<&str> = ru.keys().filter_map(|k| k.split('.').next()).collect();
    let mut files = Vec::new();
    // The core's keys (rules, errors, forms) are checked by the domain's own catalogue test,
    // where field paths such as `developer.bin` are not mistaken for keys.
    for dir in ["ui/src", "src-tauri"] {
        sources(&root().join(dir), &mut files);
    }
    let mut unknown = Vec::new();
    let mut named = 0;
    for (path, code) in &files {
        for literal in literals(code) {
            let namespace = literal.split('.').next().unwrap_or("");
            if is_key_shaped(&literal) && namespaces.contains(namespace) {
                named += 1;
                if !ru.contains_key(&literal) {
                    unknown.push(format!("{}: {literal}", path.display()));
                }
            }
        }
    }
    assert!(named > 300, "the scan found only {named} keys");
    assert!(
        unknown.is_empty(),
        "keys missing from the catalogue:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn no_user_visible_text_is_written_into_the_interface_or_the_shell() {
    let cyrillic = |s: &str| s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let mut files = Vec::new();
    for dir in ["ui/src", "src-tauri"] {
        sources(&root().join(dir), &mut files);
    }
    let mut written = Vec::new();
    for (path, code) in &files {
        for literal in literals(code) {
            if cyrillic(&literal) {
                written.push(format!("{}: {literal:?}", path.display()));
            }
        }
        // Text nodes of the markup: `>{ "Words" }` or `}{ "Words" }` (not `if x { "a" }`).
        for (at, _) in code.match_indices("{ \"") {
            let before = code[..at].trim_end().chars().last();
            if !matches!(before, Some('>' | '}')) {
                continue;
            }
            let rest = &code[at + 3..];
            let text = rest.split('"').next().unwrap_or("");
            let closes = rest[text.len()..]
                .trim_start_matches('"')
                .trim_start()
                .starts_with('}');
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            if closes && letters >= 2 {
                written.push(format!("{}: {text:?}", path.display()));
            }
        }
    }
    assert!(
        written.is_empty(),
        "user-visible text outside the catalogue:\n{}",
        written.join("\n")
    );
}
