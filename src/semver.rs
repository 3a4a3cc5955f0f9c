//! Semantic versions and constraints as kustomizer reads them (Masterminds/semver v3), for
//! `kzr list artifacts --semver`: tags like `1.2.3` or `v1.2.3-rc.1` filtered by constraints
//! like `>=1.0.0 <2.0.0`, `~1.2`, `^0.3`, `1.x`, `1.2 - 1.4` or `<1 || >=2`.

use std::cmp::Ordering;
use thiserror::Error;

#[derive(Debug, Error, PartialEq)]
#[error("invalid semver constraint {constraint:?}: {reason}")]
pub struct ConstraintError {
    pub constraint: String,
    pub reason: String,
}

/// A version: `v` prefix allowed, missing minor/patch are 0, build metadata ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Vec<String>,
}

impl Version {
    /// Parses a tag as a version; `None` when it is not one.
    pub fn parse(text: &str) -> Option<Version> {
        let (v, _) = parse_partial(text.strip_prefix('v').unwrap_or(text))?;
        Some(v)
    }
}

fn numeric(s: &str) -> Option<u64> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return None;
    }
    s.parse().ok()
}

/// A version whose trailing parts may be missing or wildcards (`1`, `1.2`, `1.x`): the
/// version with those parts 0, and how many parts were given.
fn parse_partial(text: &str) -> Option<(Version, usize)> {
    let text = text.split('+').next()?;
    let (core, pre) = match text.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (text, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let mut nums = [0u64; 3];
    let mut given = 0;
    for (i, p) in parts.iter().enumerate() {
        if matches!(*p, "x" | "X" | "*") {
            break;
        }
        nums[i] = numeric(p)?;
        given = i + 1;
    }
    // A wildcard may only be followed by wildcards.
    if parts[given..]
        .iter()
        .any(|p| !matches!(*p, "x" | "X" | "*"))
    {
        return None;
    }
    let pre = match pre {
        None => Vec::new(),
        Some(p) => {
            let ids: Vec<String> = p.split('.').map(str::to_string).collect();
            let valid = |id: &String| {
                !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            };
            if !ids.iter().all(valid) {
                return None;
            }
            ids
        }
    };
    Some((
        Version {
            major: nums[0],
            minor: nums[1],
            patch: nums[2],
            pre,
        },
        given,
    ))
}

fn cmp_pre(a: &[String], b: &[String]) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    for (x, y) in a.iter().zip(b) {
        let o = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            _ => x.cmp(y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| cmp_pre(&self.pre, &other.pre))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone)]
struct Comparator {
    op: Op,
    version: Version,
}

impl Comparator {
    fn matches(&self, v: &Version) -> bool {
        let o = v.cmp(&self.version);
        match self.op {
            Op::Eq => o == Ordering::Equal,
            Op::Ne => o != Ordering::Equal,
            Op::Gt => o == Ordering::Greater,
            Op::Ge => o != Ordering::Less,
            Op::Lt => o == Ordering::Less,
            Op::Le => o != Ordering::Greater,
        }
    }
}

/// A constraint: alternatives (`||`) of comparator sets that must all match.
#[derive(Debug, Clone)]
pub struct Constraint {
    any_of: Vec<Vec<Comparator>>,
}

fn version(major: u64, minor: u64, patch: u64) -> Version {
    Version {
        major,
        minor,
        patch,
        pre: Vec::new(),
    }
}

/// The first version after the range a partial version (`given` parts) covers.
fn bump(v: &Version, given: usize) -> Version {
    match given {
        0 => version(u64::MAX, 0, 0),
        1 => version(v.major + 1, 0, 0),
        2 => version(v.major, v.minor + 1, 0),
        _ => version(v.major, v.minor, v.patch + 1),
    }
}

impl Constraint {
    pub fn parse(text: &str) -> Result<Constraint, ConstraintError> {
        let err = |reason: String| ConstraintError {
            constraint: text.to_string(),
            reason,
        };
        let mut any_of = Vec::new();
        for alternative in text.split("||") {
            let mut all = Vec::new();
            let tokens = tokens(alternative);
            if tokens.is_empty() {
                return Err(err("empty".into()));
            }
            let mut i = 0;
            while i < tokens.len() {
                // A hyphen range: `1.2 - 1.4.5`.
                if tokens.get(i + 1).map(String::as_str) == Some("-") {
                    let to = tokens
                        .get(i + 2)
                        .ok_or_else(|| err("a range needs an upper bound".into()))?;
                    let (lo, _) = parse_partial(tokens[i].trim_start_matches('v'))
                        .ok_or_else(|| err(format!("{:?} is not a version", tokens[i])))?;
                    let (hi, given) = parse_partial(to.trim_start_matches('v'))
                        .ok_or_else(|| err(format!("{to:?} is not a version")))?;
                    all.push(Comparator {
                        op: Op::Ge,
                        version: lo,
                    });
                    all.extend(upper(&hi, given));
                    i += 3;
                    continue;
                }
                all.extend(comparators(&tokens[i]).map_err(err)?);
                i += 1;
            }
            any_of.push(all);
        }
        Ok(Constraint { any_of })
    }

    /// Whether `v` satisfies the constraint. A pre-release version only matches an
    /// alternative that names a pre-release itself, as in Masterminds/semver v3.
    pub fn matches(&self, v: &Version) -> bool {
        self.any_of.iter().any(|all| {
            let allows_pre = all.iter().any(|c| !c.version.pre.is_empty());
            (v.pre.is_empty() || allows_pre) && all.iter().all(|c| c.matches(v))
        })
    }
}

/// `<= hi` for a full version, `< bump(hi)` for a partial one.
fn upper(hi: &Version, given: usize) -> Option<Comparator> {
    if given == 0 {
        return None;
    }
    Some(if given == 3 {
        Comparator {
            op: Op::Le,
            version: hi.clone(),
        }
    } else {
        Comparator {
            op: Op::Lt,
            version: bump(hi, given),
        }
    })
}

/// Splits a comparator set on commas and spaces, keeping an operator with its version
/// (`>= 1.2` is one comparator).
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending_op = String::new();
    for word in text.split([',', ' ', '\t']).filter(|w| !w.is_empty()) {
        if word != "-" && word.chars().all(|c| "=<>!~^".contains(c)) {
            pending_op.push_str(word);
            continue;
        }
        out.push(format!("{pending_op}{word}"));
        pending_op.clear();
    }
    if !pending_op.is_empty() {
        out.push(pending_op);
    }
    out
}

fn comparators(token: &str) -> Result<Vec<Comparator>, String> {
    let split = token
        .find(|c: char| !"=<>!~^".contains(c))
        .unwrap_or(token.len());
    let (op, rest) = token.split_at(split);
    let rest = rest.strip_prefix('v').unwrap_or(rest);
    let (v, given) = parse_partial(rest).ok_or_else(|| format!("{rest:?} is not a version"))?;
    let c = |op: Op, version: Version| Comparator { op, version };
    Ok(match op {
        "" | "=" => match given {
            3 => vec![c(Op::Eq, v)],
            0 => Vec::new(),
            _ => vec![c(Op::Ge, v.clone()), c(Op::Lt, bump(&v, given))],
        },
        // A partial `!=1.2` only excludes 1.2.0 (its lower end).
        "!=" => vec![c(Op::Ne, v)],
        ">" => match given {
            3 => vec![c(Op::Gt, v)],
            0 => vec![c(Op::Lt, version(0, 0, 0))],
            _ => vec![c(Op::Ge, bump(&v, given))],
        },
        ">=" | "=>" => vec![c(Op::Ge, v)],
        "<" => vec![c(Op::Lt, v)],
        "<=" | "=<" => match given {
            3 => vec![c(Op::Le, v)],
            0 => Vec::new(),
            _ => vec![c(Op::Lt, bump(&v, given))],
        },
        "~" | "~>" => {
            let end = if given <= 1 { bump(&v, 1) } else { bump(&v, 2) };
            vec![c(Op::Ge, v), c(Op::Lt, end)]
        }
        "^" => {
            let end = if v.major > 0 || given <= 1 {
                bump(&v, 1)
            } else if v.minor > 0 || given == 2 {
                bump(&v, 2)
            } else {
                bump(&v, 3)
            };
            vec![c(Op::Ge, v), c(Op::Lt, end)]
        }
        other => return Err(format!("unknown operator {other:?}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(constraint: &str, yes: &[&str], no: &[&str]) {
        let c = Constraint::parse(constraint).unwrap();
        for v in yes {
            assert!(
                c.matches(&Version::parse(v).unwrap()),
                "{constraint} should match {v}"
            );
        }
        for v in no {
            assert!(
                !c.matches(&Version::parse(v).unwrap()),
                "{constraint} should not match {v}"
            );
        }
    }

    #[test]
    fn versions_parse_and_order() {
        assert!(Version::parse("v1.2.3").is_some());
        assert!(Version::parse("1.2").is_some());
        assert!(Version::parse("latest").is_none());
        assert!(Version::parse("1.02.3").is_none());
        assert!(Version::parse("sha256-abc.sig").is_none());
        let mut v: Vec<Version> = ["1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "0.9.9", "1.0.0-rc.10"]
            .iter()
            .map(|s| Version::parse(s).unwrap())
            .collect();
        v.sort();
        let names: Vec<String> = v
            .iter()
            .map(|v| format!("{}.{}.{}-{}", v.major, v.minor, v.patch, v.pre.join(".")))
            .collect();
        assert_eq!(
            names,
            [
                "0.9.9-",
                "1.0.0-alpha",
                "1.0.0-rc.1",
                "1.0.0-rc.10",
                "1.0.0-"
            ]
        );
    }

    #[test]
    fn constraints() {
        ok(
            ">=1.0.0 <2.0.0",
            &["1.0.0", "1.9.9"],
            &["0.9.0", "2.0.0", "1.5.0-rc.1"],
        );
        ok(">= 1.0, < 2", &["1.0.0", "1.2.0"], &["2.0.0"]);
        ok("~1.2.3", &["1.2.3", "1.2.9"], &["1.3.0", "1.2.2"]);
        ok("~1.2", &["1.2.0", "1.2.9"], &["1.3.0"]);
        ok("~1", &["1.0.0", "1.9.0"], &["2.0.0"]);
        ok("^1.2.3", &["1.2.3", "1.9.0"], &["2.0.0", "1.2.2"]);
        ok("^0.2.3", &["0.2.3", "0.2.9"], &["0.3.0"]);
        ok("^0.0.3", &["0.0.3"], &["0.0.4"]);
        ok("1.2.x", &["1.2.0", "1.2.7"], &["1.3.0"]);
        ok("1.2", &["1.2.0", "1.2.7"], &["1.3.0"]);
        ok("*", &["0.0.1", "9.9.9"], &["1.0.0-rc.1"]);
        ok("1.2 - 1.4.5", &["1.2.0", "1.4.5"], &["1.4.6", "1.1.9"]);
        ok("1.2 - 1.4", &["1.4.9"], &["1.5.0"]);
        ok("<1.0.0 || >=2.0.0", &["0.5.0", "2.1.0"], &["1.5.0"]);
        ok(">1.2", &["1.3.0"], &["1.2.9"]);
        ok("!=1.2.3", &["1.2.4"], &["1.2.3"]);
        ok(">=1.0.0-0", &["1.0.0-rc.1", "1.2.0"], &["0.9.0"]);
        ok("v1.2.3", &["1.2.3"], &["1.2.4"]);
        assert!(Constraint::parse("").is_err());
        assert!(Constraint::parse(">=abc").is_err());
        assert!(Constraint::parse("1.2 -").is_err());
        let e = Constraint::parse("%1").unwrap_err().to_string();
        assert!(e.contains("invalid semver constraint \"%1\""), "{e}");
    }
}
