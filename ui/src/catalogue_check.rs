//! Every catalogue key the interface's source names exists in ru, kk and en. Keys the UI
//! builds at run time come from the domain (statuses, form labels), whose own test checks them.

/// Dotted lower-case literals (`menu.profile`) in `source`, except file names.
fn dotted_literals(source: &str) -> Vec<&str> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('.')
                && !s.ends_with(".png")
                && s.split('.').all(|part| {
                    !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                })
        })
        .collect()
}

fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir)
        .expect("ui/src is readable")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source is UTF-8");
            // Tests name field paths (`uk.bin`) that look like keys; only the product counts.
            let product = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .to_owned();
            out.push((path.display().to_string(), product));
        }
    }
}

#[test]
fn every_key_used_by_the_interface_is_translated() {
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut checked = 0;
    for (path, text) in &files {
        if path.ends_with("catalogue_check.rs") {
            continue;
        }
        for key in dotted_literals(text) {
            assert!(
                homeportal_domain::i18n::has_key(key),
                "{path}: {key} is not in every catalogue"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 40,
        "only {checked} keys found: the scan is broken"
    );
}
