//! go-yaml v2's ordering of string map keys: letters compare by code point, a letter sorts
//! after a non-letter, and runs of digits compare by numeric value (`s9` before `s10`).

use std::cmp::Ordering;

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

/// go-yaml v2 `keyList.Less` for two strings.
pub fn key_less(a: &str, b: &str) -> bool {
    // Fast path: keys made only of ASCII letters compare by code point, shorter first.
    if a.bytes().chain(b.bytes()).all(|c| c.is_ascii_alphabetic()) {
        return a < b;
    }
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    for i in 0..ar.len().min(br.len()) {
        if ar[i] == br[i] {
            continue;
        }
        let al = is_letter(ar[i]);
        let bl = is_letter(br[i]);
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
        if ar[i] == '0' || br[i] == '0' {
            // A zero inside a longer number (e.g. the 0 in "a10") is compared as a digit.
            for j in (0..i).rev() {
                if !is_digit(ar[j]) {
                    break;
                }
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && is_digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

pub fn compare_keys(a: &str, b: &str) -> Ordering {
    if key_less(a, b) {
        Ordering::Less
    } else if key_less(b, a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| compare_keys(a, b));
        v
    }

    #[test]
    fn natural_order() {
        assert_eq!(sorted(vec!["s10", "s9", "s1"]), vec!["s1", "s9", "s10"]);
        assert_eq!(
            sorted(vec!["kind", "apiVersion", "metadata", "data"]),
            vec!["apiVersion", "data", "kind", "metadata"]
        );
        assert_eq!(sorted(vec!["b", "_a", "A", "1"]), vec!["_a", "1", "A", "b"]);
        assert_eq!(sorted(vec!["T", "bell"]), vec!["T", "bell"]);
    }
}
