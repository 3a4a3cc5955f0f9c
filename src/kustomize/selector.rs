//! Which resources a patch (or transformer) targets: group, version, kind, name and
//! namespace as anchored regular expressions, plus label and annotation selectors, matched as
//! kustomize's `ResMap.Select` does (name and namespace may match the original or the current
//! value).

use super::kustomization::Selector;
use super::resource::{effective_namespace, Resource};
use regex::Regex;
use serde_json::Value;

/// An anchored pattern; plain text (the usual case) is compared without a regex engine.
enum Pattern {
    Literal(String),
    Regex(Regex),
}

impl Pattern {
    fn is_match(&self, v: &str) -> bool {
        match self {
            Pattern::Literal(l) => l == v,
            Pattern::Regex(r) => r.is_match(v),
        }
    }
}

pub struct CompiledSelector {
    group: Option<Pattern>,
    version: Option<Pattern>,
    kind: Option<Pattern>,
    name: Option<Pattern>,
    namespace: Option<Pattern>,
    labels: Option<LabelSelector>,
    annotations: Option<LabelSelector>,
}

fn anchored(pattern: &Option<String>) -> Result<Option<Pattern>, String> {
    match pattern.as_deref() {
        None | Some("") => Ok(None),
        Some(p)
            if p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '/') =>
        {
            Ok(Some(Pattern::Literal(p.to_string())))
        }
        Some(p) => Regex::new(&format!("^(?:{p})$"))
            .map(|r| Some(Pattern::Regex(r)))
            .map_err(|e| format!("invalid regular expression {p:?}: {e}")),
    }
}

impl CompiledSelector {
    pub fn new(s: &Selector) -> Result<Self, String> {
        Ok(CompiledSelector {
            group: anchored(&s.group)?,
            version: anchored(&s.version)?,
            kind: anchored(&s.kind)?,
            name: anchored(&s.name)?,
            namespace: anchored(&s.namespace)?,
            labels: s
                .label_selector
                .as_deref()
                .map(LabelSelector::parse)
                .transpose()?,
            annotations: s
                .annotation_selector
                .as_deref()
                .map(LabelSelector::parse)
                .transpose()?,
        })
    }

    pub fn matches(&self, r: &Resource) -> bool {
        let id = r.object().id().clone();
        let original = r.original_id();
        let ok = |re: &Option<Pattern>, v: &str| re.as_ref().is_none_or(|re| re.is_match(v));
        if !(ok(&self.namespace, effective_namespace(&original))
            || ok(&self.namespace, effective_namespace(&id)))
        {
            return false;
        }
        if !(ok(&self.name, &original.name) || ok(&self.name, &id.name)) {
            return false;
        }
        if !(ok(&self.group, &id.group)
            && ok(&self.version, &id.version)
            && ok(&self.kind, &id.kind))
        {
            return false;
        }
        let meta = r.object().as_value().get("metadata");
        let map_of = |field: &str| meta.and_then(|m| m.get(field));
        self.labels
            .as_ref()
            .is_none_or(|s| s.matches(map_of("labels")))
            && self
                .annotations
                .as_ref()
                .is_none_or(|s| s.matches(map_of("annotations")))
    }
}

/// A Kubernetes label selector (`a=b,c!=d,e in (f,g),h notin (i),j,!k`).
pub struct LabelSelector {
    requirements: Vec<Requirement>,
}

enum Requirement {
    Exists(String),
    NotExists(String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
}

impl LabelSelector {
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("invalid selector {text:?}");
        let mut requirements = Vec::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            // Split at the next comma outside parentheses.
            let mut depth = 0;
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    ',' if depth == 0 => {
                        end = i;
                        break;
                    }
                    _ => {}
                }
            }
            let part = rest[..end].trim();
            rest = rest.get(end + 1..).unwrap_or("").trim();
            if part.is_empty() {
                return Err(bad());
            }
            requirements.push(Self::requirement(part).ok_or_else(bad)?);
        }
        Ok(LabelSelector { requirements })
    }

    fn requirement(part: &str) -> Option<Requirement> {
        if let Some(key) = part.strip_prefix('!') {
            return Some(Requirement::NotExists(key.trim().to_string()));
        }
        for (op, negate) in [("!=", true), ("==", false), ("=", false)] {
            if let Some((k, v)) = part.split_once(op) {
                let (k, v) = (k.trim().to_string(), vec![v.trim().to_string()]);
                return Some(if negate {
                    Requirement::NotIn(k, v)
                } else {
                    Requirement::In(k, v)
                });
            }
        }
        let words: Vec<&str> = part.splitn(2, char::is_whitespace).collect();
        if let [key, set] = words.as_slice() {
            let set = set.trim();
            let (negate, list) = if let Some(l) = set.strip_prefix("notin") {
                (true, l)
            } else if let Some(l) = set.strip_prefix("in") {
                (false, l)
            } else {
                return None;
            };
            let inner = list.trim().strip_prefix('(')?.strip_suffix(')')?;
            let values = inner.split(',').map(|v| v.trim().to_string()).collect();
            let key = key.to_string();
            return Some(if negate {
                Requirement::NotIn(key, values)
            } else {
                Requirement::In(key, values)
            });
        }
        Some(Requirement::Exists(part.to_string()))
    }

    pub fn matches(&self, map: Option<&Value>) -> bool {
        let get = |k: &str| map.and_then(|m| m.get(k)).and_then(Value::as_str);
        self.requirements.iter().all(|r| match r {
            Requirement::Exists(k) => get(k).is_some(),
            Requirement::NotExists(k) => get(k).is_none(),
            Requirement::In(k, vs) => get(k).is_some_and(|v| vs.iter().any(|x| x == v)),
            Requirement::NotIn(k, vs) => get(k).is_none_or(|v| !vs.iter().any(|x| x == v)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn label_selectors() {
        let labels = json!({"app": "web", "tier": "front"});
        let m = |s: &str| LabelSelector::parse(s).unwrap().matches(Some(&labels));
        assert!(m("app=web"));
        assert!(m("app==web,tier"));
        assert!(m("app in (api, web),!missing"));
        assert!(!m("app notin (web)"));
        assert!(m("tier!=back"));
        assert!(!m("missing"));
        assert!(LabelSelector::parse("a=b,,").is_err());
    }
}
