//! Dates from other blogs, as TOML datetimes for front matter.

use toml::value::Datetime;

/// `2019-04-01T10:00:00.000-07:00`, `2019-04-01 10:00:00`, `2019-04-01`: the
/// fraction of a second is dropped, the offset kept. `None` when it is no date.
pub fn parse(text: &str) -> Option<Datetime> {
    let text = text.trim();
    let date = text.get(..10)?;
    let rest = text.get(10..).unwrap_or("");
    let rest = rest.strip_prefix(['T', 't', ' ']).unwrap_or(rest);
    let mut out = date.to_string();
    if !rest.is_empty() {
        let time = rest.get(..8)?;
        let mut tail = &rest[8..];
        if let Some(fraction) = tail.strip_prefix('.') {
            tail = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
        }
        out.push('T');
        out.push_str(time);
        out.push_str(tail.trim());
    }
    out.parse::<Datetime>().ok().filter(|d| d.date.is_some())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_of_every_shape_parse() {
        for (text, expected) in [
            (
                "2019-04-01T10:00:00.000-07:00",
                Some("2019-04-01T10:00:00-07:00"),
            ),
            ("2019-04-01T10:00:00Z", Some("2019-04-01T10:00:00Z")),
            ("2019-04-01 10:00:00", Some("2019-04-01T10:00:00")),
            ("2019-04-01", Some("2019-04-01")),
            ("April 1st", None),
            ("2019-13-01", None),
            ("", None),
        ] {
            assert_eq!(
                super::parse(text).map(|d| d.to_string()).as_deref(),
                expected,
                "{text}"
            );
        }
    }
}
