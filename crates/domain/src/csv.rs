//! A small reader for the reference tables shipped as CSV (RFC 4180 quoting, UTF-8).

/// Rows of `text` after the header, each as its fields; blank lines are skipped.
pub fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(fields)
        .collect()
}

fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    out.push(current);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_commas_and_quotes() {
        let rows = super::rows("a,b\n1,\"x, \"\"y\"\"\"\n\n2,z\n");
        assert_eq!(rows, vec![vec!["1", "x, \"y\""], vec!["2", "z"]]);
    }
}
