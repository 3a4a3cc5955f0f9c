//! Numbers as kustomize prints them. kustomize turns each object into JSON (Go's
//! `encoding/json`) and the JSON into YAML (go-yaml v2), so a float is first printed by
//! encoding/json, then read back by go-yaml v2 as an int when it can be one, and otherwise
//! printed with `strconv.FormatFloat(f, 'g', -1, 64)`.

use serde_json::Number;

/// The YAML text kustomize writes for `n`. (`serde_json::Number` is always finite.)
pub fn kustomize_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    format_float_through_json(n.as_f64().unwrap_or_default())
}

fn format_float_through_json(f: f64) -> String {
    // encoding/json prints values below 1e21 in plain notation with the shortest digits that
    // round-trip, padded with zeros (-2^63 prints as -9223372036854776000); go-yaml v2 reads
    // the text back as an integer when it fits int64 or uint64.
    if f == f.trunc() && f.abs() < 1e21 {
        let text = format!("{f}");
        if let Ok(i) = text.parse::<i64>() {
            return i.to_string();
        }
        if let Ok(u) = text.parse::<u64>() {
            return u.to_string();
        }
    }
    go_format_g(f)
}

/// `strconv.FormatFloat(f, 'g', -1, 64)`: shortest digits; exponent form when the decimal
/// exponent is below -4 or at least 6 (Go uses precision 6 for that decision when printing
/// the shortest representation).
pub fn go_format_g(f: f64) -> String {
    format_g(f, format!("{:e}", f.abs()))
}

/// `strconv.FormatFloat(f, 'g', -1, 32)`: as [`go_format_g`], with the shortest digits that
/// round-trip through a float32 (sigs.k8s.io/yaml turns numbers into strings this way).
pub fn go_format_g32(f: f64) -> String {
    format_g(f, format!("{:e}", (f as f32).abs()))
}

fn format_g(f: f64, sci: String) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        let (head, tail) = digits.split_at(1);
        let frac = if tail.is_empty() {
            String::new()
        } else {
            format!(".{tail}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{head}{frac}e{esign}{:02}", exp.abs());
    }
    let point = exp + 1; // digits before the decimal point
    if point <= 0 {
        let zeros = "0".repeat((-point) as usize);
        format!("{sign}0.{zeros}{digits}")
    } else if point as usize >= digits.len() {
        let zeros = "0".repeat(point as usize - digits.len());
        format!("{sign}{digits}{zeros}")
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(f: f64) -> String {
        kustomize_number(&Number::from_f64(f).unwrap())
    }

    #[test]
    fn floats_print_like_kubectl_kustomize() {
        assert_eq!(k(1000.0), "1000");
        assert_eq!(k(1.5), "1.5");
        assert_eq!(k(1234567.5), "1.2345675e+06");
        assert_eq!(k(123456.5), "123456.5");
        assert_eq!(k(0.00001), "1e-05");
        assert_eq!(k(0.0001), "0.0001");
        assert_eq!(k(3.0), "3");
        assert_eq!(k(1e20), "1e+20");
        assert_eq!(k(123456789012345678901234.0), "1.2345678901234569e+23");
        assert_eq!(k(-9223372036854775809.0), "-9.223372036854776e+18");
        assert_eq!(k(-0.0), "0");
        assert_eq!(k(9223372036854775808.0), "9223372036854776000");
        assert_eq!(go_format_g32(0.1), "0.1");
        assert_eq!(go_format_g32(1.0), "1");
        assert_eq!(go_format_g32(1.23456789), "1.2345679");
        assert_eq!(go_format_g32(1234567.0), "1.234567e+06");
        assert_eq!(
            kustomize_number(&Number::from(u64::MAX)),
            "18446744073709551615"
        );
    }
}
