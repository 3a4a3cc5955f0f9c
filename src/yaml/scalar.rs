//! How go-yaml resolves plain scalars: the reading side (v3 rules, what kustomize's kyaml
//! reader does with unquoted values) and the writing side (v2 rules, which decide when the
//! writer must quote a string so it reads back as a string).
//!
//! The rules are go-yaml's, including its use of Go's `strconv` and `time.Parse`; the Go
//! number and time syntax is reproduced here by hand.

/// A plain scalar after resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// A timestamp, already formatted the way Go's `time.Time` marshals to JSON (RFC 3339 nano).
    Timestamp(String),
    /// The YAML merge key `<<`.
    Merge,
    Str,
}

/// Which go-yaml major version's resolver to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// go-yaml v3 (kyaml): booleans are only true/false.
    V3,
    /// go-yaml v2 (sigs.k8s.io/yaml output): YAML 1.1 booleans `y`, `yes`, `on`, `off`…
    V2,
}

fn lookup_map(s: &str, schema: Schema) -> Option<Resolved> {
    let r = match s {
        "true" | "True" | "TRUE" => Resolved::Bool(true),
        "false" | "False" | "FALSE" => Resolved::Bool(false),
        "" | "~" | "null" | "Null" | "NULL" => Resolved::Null,
        ".nan" | ".NaN" | ".NAN" => Resolved::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Resolved::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Resolved::Float(f64::NEG_INFINITY),
        "<<" => Resolved::Merge,
        _ if schema == Schema::V2 => match s {
            "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Resolved::Bool(true),
            "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Resolved::Bool(false),
            _ => return None,
        },
        _ => return None,
    };
    Some(r)
}

/// The value of `text` written as an untagged plain scalar and read back (kyaml's
/// `NewScalarRNode`): `5` is a number, `true` a boolean, `~` null, a timestamp its RFC 3339
/// form, anything else a string. `None` for `.nan` and `.inf`, which JSON cannot hold.
pub fn plain_value(text: &str) -> Option<serde_json::Value> {
    use serde_json::Value;
    Some(match resolve_plain(text, Schema::V3) {
        Resolved::Null => Value::Null,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Int(i) => Value::from(i),
        Resolved::Uint(u) => Value::from(u),
        Resolved::Float(f) => Value::Number(serde_json::Number::from_f64(f)?),
        Resolved::Timestamp(t) => Value::String(t),
        Resolved::Merge | Resolved::Str => Value::String(text.to_string()),
    })
}

/// [`plain_value`], keeping a text JSON cannot hold as a number as the string itself.
pub fn plain_value_or_text(text: &str) -> serde_json::Value {
    plain_value(text).unwrap_or_else(|| serde_json::Value::String(text.to_string()))
}

/// Resolves an untagged plain scalar the way go-yaml does.
pub fn resolve_plain(s: &str, schema: Schema) -> Resolved {
    let Some(&first) = s.as_bytes().first() else {
        return Resolved::Null;
    };
    let hint = match first {
        b'+' | b'-' => b'S',
        b'0'..=b'9' => b'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => b'M',
        b'.' => b'.',
        b'<' => b'M',
        _ => return Resolved::Str,
    };
    if let Some(r) = lookup_map(s, schema) {
        return r;
    }
    match hint {
        b'.' => match go_parse_float(s) {
            Some(f) => Resolved::Float(f),
            None => Resolved::Str,
        },
        b'D' | b'S' => resolve_number_or_time(s),
        _ => Resolved::Str,
    }
}

fn resolve_number_or_time(s: &str) -> Resolved {
    if let Some(ts) = parse_timestamp(s) {
        return Resolved::Timestamp(ts);
    }
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(i) = go_parse_int(&plain) {
        return Resolved::Int(i);
    }
    if let Some(u) = go_parse_uint(&plain) {
        return Resolved::Uint(u);
    }
    if is_yaml_style_float(&plain) {
        if let Some(f) = go_parse_float(&plain) {
            return Resolved::Float(f);
        }
    }
    // Go's ParseInt(rest, 2) accepts a sign after the prefix; ParseUint does not.
    if let Some(rest) = plain.strip_prefix("0b") {
        if let Ok(i) = i64::from_str_radix(rest, 2) {
            return Resolved::Int(i);
        }
        if !rest.starts_with('+') {
            if let Ok(u) = u64::from_str_radix(rest, 2) {
                return Resolved::Uint(u);
            }
        }
    } else if let Some(rest) = plain.strip_prefix("-0b") {
        if let Ok(i) = i64::from_str_radix(&format!("-{rest}"), 2) {
            return Resolved::Int(i);
        }
    }
    Resolved::Str
}

/// True when the v2 writer must quote `s`: unquoted it would read back as something other than
/// a string, or as a YAML 1.1 base-60 float.
pub fn v2_needs_quotes(s: &str) -> bool {
    !matches!(resolve_plain(s, Schema::V2), Resolved::Str) || is_base60_float(s)
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    if !matches!(b.get(i), Some(b'0'..=b'9')) {
        return false;
    }
    i += 1;
    while matches!(b.get(i), Some(b'0'..=b'9' | b'_')) {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        while i < b.len() && i - start < 2 && b[i].is_ascii_digit() {
            i += 1;
        }
        match i - start {
            1 => {}
            2 if b[start] <= b'5' => {}
            // A two-digit group starting 6-9 can still match as one optional digit + one digit
            // only when the first digit is 0-5, so anything else fails the group.
            _ => return false,
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while matches!(b.get(i), Some(b'0'..=b'9' | b'_')) {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseInt(s, 0, 64)` for input without underscores.
fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let mag = parse_unsigned_base0(body)?;
    if neg {
        if mag <= i64::MAX as u64 + 1 {
            Some((mag as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(mag).ok()
    }
}

/// Go's `strconv.ParseUint(s, 0, 64)`: no sign allowed.
fn go_parse_uint(s: &str) -> Option<u64> {
    parse_unsigned_base0(s)
}

fn parse_unsigned_base0(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (radix, digits) = if b[0] == b'0' && b.len() > 1 {
        match b[1] {
            b'x' | b'X' => (16, &s[2..]),
            b'o' | b'O' => (8, &s[2..]),
            b'b' | b'B' => (2, &s[2..]),
            _ => (8, &s[1..]),
        }
    } else {
        (10, s)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// Go's `strconv.ParseFloat(s, 64)` restricted to the decimal forms that reach it here (the
/// callers only pass strings starting with a digit, sign or dot). Out-of-range values are an
/// error in Go, so they stay strings.
fn go_parse_float(s: &str) -> Option<f64> {
    let cleaned: String;
    let s = if s.contains('_') {
        if !go_underscores_ok(s) {
            return None;
        }
        cleaned = s.chars().filter(|&c| c != '_').collect();
        cleaned.as_str()
    } else {
        s
    };
    if !is_decimal_float_syntax(s) {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(f)
}

fn is_decimal_float_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let mut mantissa_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        mantissa_digits += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// Go's `underscoreOK`: underscores only between digits.
fn go_underscores_ok(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let mut saw = b'^';
    for &c in b {
        if c.is_ascii_digit() {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
    }
    saw != b'_'
}

/// go-yaml's timestamp check: Go's `time.Parse` with the layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), `2006-1-2 15:4:5.999999999` and
/// `2006-1-2`. Returns the value as Go's JSON encoding of `time.Time` prints it.
pub fn parse_timestamp(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    let mut p = Cursor { b, i: 5 };
    let year: u32 = s[..4].parse().ok()?;
    let month = p.num_1_2()?;
    p.expect(b'-')?;
    let day = p.num_1_2()?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(month, year) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    if p.at_end() {
        return Some(format!("{date}T00:00:00Z"));
    }
    let with_zone = match p.peek()? {
        b'T' | b't' => {
            p.i += 1;
            true
        }
        b' ' => {
            while p.peek() == Some(b' ') {
                p.i += 1;
            }
            false
        }
        _ => return None,
    };
    let hour = p.num_1_2()?;
    p.expect(b':')?;
    let minute = p.num_1_2()?;
    p.expect(b':')?;
    let second = p.num_1_2()?;
    if hour >= 24 || minute >= 60 || second >= 60 {
        return None;
    }
    let frac = p.fraction();
    let zone = if with_zone {
        p.zone()?
    } else {
        "Z".to_string()
    };
    if !p.at_end() {
        return None;
    }
    Some(format!(
        "{date}T{hour:02}:{minute:02}:{second:02}{frac}{zone}"
    ))
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }
    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }
    /// Go's `getnum(s, false)`: one digit, or two when the second is a digit.
    fn num_1_2(&mut self) -> Option<u32> {
        let d0 = self.peek().filter(u8::is_ascii_digit)?;
        self.i += 1;
        match self.peek().filter(u8::is_ascii_digit) {
            Some(d1) => {
                self.i += 1;
                Some(u32::from(d0 - b'0') * 10 + u32::from(d1 - b'0'))
            }
            None => Some(u32::from(d0 - b'0')),
        }
    }
    /// Optional fractional seconds after `.` or `,`; formatted as RFC 3339 nano (trailing
    /// zeros trimmed, at most nine digits kept).
    fn fraction(&mut self) -> String {
        let has_frac = matches!(self.peek(), Some(b'.' | b','))
            && self.b.get(self.i + 1).is_some_and(u8::is_ascii_digit);
        if !has_frac {
            return String::new();
        }
        self.i += 1;
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = &self.b[start..self.i.min(start + 9)];
        let text = std::str::from_utf8(digits).unwrap_or_default();
        let trimmed = text.trim_end_matches('0');
        if trimmed.is_empty() {
            String::new()
        } else {
            format!(".{trimmed}")
        }
    }
    /// `Z07:00`: `Z`, or a sign, two-digit hours, `:`, two-digit minutes.
    fn zone(&mut self) -> Option<String> {
        if self.peek()? == b'Z' {
            self.i += 1;
            return Some("Z".into());
        }
        let rest = self.b.get(self.i..self.i + 6)?;
        let sign = rest[0];
        if !matches!(sign, b'+' | b'-') || rest[3] != b':' {
            return None;
        }
        if ![1, 2, 4, 5].iter().all(|&k| rest[k].is_ascii_digit()) {
            return None;
        }
        let hh = u32::from(rest[1] - b'0') * 10 + u32::from(rest[2] - b'0');
        let mm = u32::from(rest[4] - b'0') * 10 + u32::from(rest[5] - b'0');
        if hh > 24 || mm > 60 {
            return None;
        }
        self.i += 6;
        if hh == 0 && mm == 0 {
            return Some("Z".into());
        }
        Some(format!("{}{:02}:{:02}", sign as char, hh, mm))
    }
}

fn days_in_month(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v3_reads_like_kyaml() {
        assert_eq!(resolve_plain("yes", Schema::V3), Resolved::Str);
        assert_eq!(resolve_plain("True", Schema::V3), Resolved::Bool(true));
        assert_eq!(resolve_plain("0755", Schema::V3), Resolved::Int(493));
        assert_eq!(resolve_plain("0x1F", Schema::V3), Resolved::Int(31));
        assert_eq!(resolve_plain("1_000", Schema::V3), Resolved::Int(1000));
        assert_eq!(resolve_plain("0b101", Schema::V3), Resolved::Int(5));
        assert_eq!(resolve_plain("08", Schema::V3), Resolved::Float(8.0));
        assert_eq!(resolve_plain("1e3", Schema::V3), Resolved::Float(1000.0));
        assert_eq!(resolve_plain("1e999", Schema::V3), Resolved::Str);
        assert_eq!(resolve_plain("1:30", Schema::V3), Resolved::Str);
        assert_eq!(resolve_plain(".5", Schema::V3), Resolved::Float(0.5));
        assert_eq!(resolve_plain("-", Schema::V3), Resolved::Str);
        assert_eq!(
            resolve_plain("2001-12-14", Schema::V3),
            Resolved::Timestamp("2001-12-14T00:00:00Z".into())
        );
    }

    #[test]
    fn timestamps_follow_go_time_parse() {
        let t = |s| parse_timestamp(s);
        assert_eq!(
            t("2001-12-14 21:59:43.10").as_deref(),
            Some("2001-12-14T21:59:43.1Z")
        );
        assert_eq!(
            t("2001-12-14T21:59:43.10+01:00").as_deref(),
            Some("2001-12-14T21:59:43.1+01:00")
        );
        assert_eq!(
            t("2001-12-14T21:59:43+00:00").as_deref(),
            Some("2001-12-14T21:59:43Z")
        );
        assert_eq!(t("2001-2-3").as_deref(), Some("2001-02-03T00:00:00Z"));
        assert_eq!(t("2001-02-29"), None);
        assert_eq!(t("2000-02-29").as_deref(), Some("2000-02-29T00:00:00Z"));
        assert_eq!(t("2001-13-01"), None);
        assert_eq!(t("2001-12-14 "), None);
        assert_eq!(t("2001-12-14T21:59:43"), None);
    }

    #[test]
    fn v2_quotes_what_would_change_type() {
        for s in [
            "yes",
            "on",
            "n",
            "Off",
            "0755",
            "1_000",
            "2001-12-14",
            "1:30",
            "",
            "~",
            "1e3",
        ] {
            assert!(v2_needs_quotes(s), "{s:?} should need quotes");
        }
        for s in ["hello", "1e999", "1.2.3", "v1", "-", "yes please", "12:70"] {
            assert!(!v2_needs_quotes(s), "{s:?} should stay plain");
        }
    }
}
