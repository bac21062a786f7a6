//! Сайт: an http(s) address; IDN hosts such as `жилье.қаз` are kept in their ASCII form.

use super::punycode;
use crate::rule::RuleViolation;

/// A normalised website URL: scheme, lower-case ASCII host, and the rest as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Website(String);

impl Website {
    /// Parses `https://host/path`, `http://…`, or a bare `host` (taken as https).
    pub fn parse(input: &str) -> Result<Website, RuleViolation> {
        let value = input.trim();
        if value.is_empty() {
            return Err(RuleViolation::new("rule.required"));
        }
        let lower = value.to_lowercase();
        let (scheme, rest) = if lower.starts_with("https://") {
            ("https", &value[8..])
        } else if lower.starts_with("http://") {
            ("http", &value[7..])
        } else if value.contains("://") {
            return Err(RuleViolation::new("rule.website.scheme"));
        } else {
            ("https", value)
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (host_port, tail) = rest.split_at(end);
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
            Some(_) => return Err(RuleViolation::new("rule.website.host")),
            None => (host_port, None),
        };
        let ascii = ascii_host(host).ok_or(RuleViolation::new("rule.website.host"))?;
        if tail.chars().any(char::is_whitespace) {
            return Err(RuleViolation::new("rule.website.host"));
        }
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        Ok(Website(format!("{scheme}://{ascii}{port}{tail}")))
    }

    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The ASCII (IDNA) form of a host with at least two labels, or `None`.
fn ascii_host(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || host.len() > 253 {
        return None;
    }
    let mut out = Vec::with_capacity(labels.len());
    for label in labels {
        let ascii = if label.is_ascii() {
            label.to_owned()
        } else if label.chars().all(|c| c.is_alphanumeric() || c == '-') {
            format!("xn--{}", punycode::encode(label)?)
        } else {
            return None;
        };
        let ok = !ascii.is_empty()
            && ascii.len() <= 63
            && ascii
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !ascii.starts_with('-')
            && !ascii.ends_with('-');
        if !ok {
            return None;
        }
        out.push(ascii);
    }
    Some(out.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_https_bare_and_idn() {
        assert_eq!(
            Website::parse("khc.kz").expect("bare").as_str(),
            "https://khc.kz"
        );
        assert_eq!(
            Website::parse("HTTP://Homeportal.KZ:8080/ru?x=1")
                .expect("http")
                .as_str(),
            "http://homeportal.kz:8080/ru?x=1"
        );
        assert_eq!(
            Website::parse("https://үй.қаз").expect("idn").as_str(),
            "https://xn--i1a9u.xn--80ao21a"
        );
        assert_eq!(
            Website::parse("ftp://x.kz").unwrap_err().key,
            "rule.website.scheme"
        );
        for bad in [
            "localhost",
            "https://-x.kz",
            "https://x..kz",
            "https://x kz",
            "https://x.kz:80a",
        ] {
            assert_eq!(
                Website::parse(bad).unwrap_err().key,
                "rule.website.host",
                "{bad}"
            );
        }
    }
}
