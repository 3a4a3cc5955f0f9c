//! kustomize's builtin transformers that walk field specs: namespace, name prefix and
//! suffix, labels, annotations, replicas and images.

use super::fieldspec::{merge_one, merge_specs, walk, walk_paths, CreateKind, TransformerConfig};
use super::kustomization::{FieldSpec, Image, Label, Replica, StringMap};
use super::par;
use super::resource::{propagate_write, FieldPath, Resource, Step};
use crate::object::scalar_text;
use regex::Regex;
use serde_json::{Map, Value};

/// Applies `f` to a resource's object in place, naming the object in errors.
fn set_scalar(node: &mut Value, value: &str) -> Result<(), String> {
    match node {
        Value::Object(_) | Value::Array(_) => Err("expected a scalar field".into()),
        _ => {
            *node = Value::String(value.to_string());
            Ok(())
        }
    }
}

/// Which role binding subjects get the namespace (kustomize's `setRoleBindingSubjects`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BindingSubjects {
    /// Subjects named `default` (the default, and what `namespace:` does).
    #[default]
    DefaultOnly,
    /// Every subject of kind ServiceAccount.
    AllServiceAccounts,
    None,
}

/// `namespace:` and the NamespaceTransformer — sets metadata.namespace on namespaced
/// objects, the fields `specs` name (metadata.name only on `v1` objects, i.e. Namespaces),
/// and the namespace of role binding subjects. With `unset_only`, fields that already hold a
/// namespace keep it.
pub fn namespace(
    resources: &mut [Resource],
    ns: &str,
    specs: &[FieldSpec],
    unset_only: bool,
    subjects: BindingSubjects,
) -> Result<(), String> {
    let set = |n: &mut Value| -> Result<(), String> {
        if unset_only && !matches!(n, Value::Null) && n.as_str() != Some("") {
            return Ok(());
        }
        set_scalar(n, ns)
    };
    par::map(resources, |r| {
        r.store_previous_id();
        let id = r.object().id().clone();
        let api_version = r
            .object()
            .as_value()
            .get("apiVersion")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let is_binding = |kind: &str| matches!(kind, "RoleBinding" | "ClusterRoleBinding");
        let binding = is_binding(&id.kind);
        let specs: Vec<&FieldSpec> = specs
            .iter()
            .filter(|s| s.selects(&id))
            .filter(|s| s.path != "metadata/namespace")
            .filter(|s| s.path != "metadata/name" || api_version == "v1")
            .filter(|s| !(binding && is_binding(&s.kind) && s.path == "subjects/namespace"))
            .collect();
        let cluster_scoped = super::resource::is_cluster(&id);
        r.edit(|v| {
            if !cluster_scoped {
                let meta = v
                    .as_object_mut()
                    .and_then(|m| m.get_mut("metadata"))
                    .and_then(Value::as_object_mut)
                    .ok_or("metadata is not a mapping")?;
                let n = meta.entry("namespace").or_insert(Value::Null);
                set(n)?;
            }
            if binding && subjects != BindingSubjects::None {
                if let Some(Value::Array(list)) = v.get_mut("subjects") {
                    for s in list.iter_mut().filter_map(Value::as_object_mut) {
                        let wanted = match subjects {
                            BindingSubjects::DefaultOnly => {
                                s.get("name").and_then(Value::as_str) == Some("default")
                            }
                            _ => s.get("kind").and_then(Value::as_str) == Some("ServiceAccount"),
                        };
                        if wanted {
                            set(s.entry("namespace").or_insert(Value::Null))?;
                        }
                    }
                }
            }
            for spec in specs {
                walk(v, spec, Some(CreateKind::Scalar), &mut |n| {
                    set(n).map_err(|_| "namespace field specs must target scalar nodes".to_string())
                })?;
            }
            Ok(())
        })
    })?;
    Ok(())
}

/// Kinds whose names kustomize never prefixes or suffixes (judged by the original id).
fn keeps_its_name(r: &Resource) -> bool {
    let id = r.original_id();
    id.kind == "CustomResourceDefinition"
        || id.kind == "Namespace"
        || (id.kind == "APIService" && id.group == "apiregistration.k8s.io")
}

/// `namePrefix:` / `nameSuffix:` and the Prefix/Suffix/PrefixSuffix transformers: adds
/// `prefix` and `suffix` to the fields `specs` name (selected by the original id and the
/// current one), except
/// on CRDs, Namespaces and APIServices.
pub fn affix(
    resources: &mut [Resource],
    prefix: &str,
    suffix: &str,
    specs: &[FieldSpec],
) -> Result<(), String> {
    for r in resources.iter_mut().filter(|r| !keeps_its_name(r)) {
        let id = r.original_id();
        let specs: Vec<&FieldSpec> = specs.iter().filter(|s| s.selects(&id)).collect();
        if specs.iter().any(|s| s.path == "metadata/name") {
            if !prefix.is_empty() {
                r.prefixes.push(prefix.to_string());
            }
            if !suffix.is_empty() {
                r.suffixes.push(suffix.to_string());
            }
            if !prefix.is_empty() || !suffix.is_empty() {
                r.store_previous_id();
            }
        }
        // The field specs are chosen by the original id, and then each is also matched
        // against the object as it is now (kustomize's fieldspec filter): a kind a patch
        // changed is not renamed, though its name change is still recorded above.
        let current = r.object().id().clone();
        r.edit(|v| {
            for spec in specs.into_iter().filter(|s| s.selects(&current)) {
                walk(v, spec, None, &mut |n| {
                    let current = scalar_text(n).ok_or("expected a scalar name")?;
                    *n = Value::String(format!("{prefix}{current}{suffix}"));
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Sets every pair as an entry of the mappings the specs reach (labels, annotations): the
/// LabelTransformer and AnnotationsTransformer.
pub fn set_entries(
    resources: &mut [Resource],
    pairs: &StringMap,
    specs: &[FieldSpec],
) -> Result<(), String> {
    if pairs.is_empty() {
        return Ok(());
    }
    let mut sorted: Vec<(&String, &String)> = pairs.iter().collect();
    sorted.sort();
    par::map(resources, |r| {
        let id = r.object().id().clone();
        let applicable: Vec<&FieldSpec> = specs.iter().filter(|s| s.selects(&id)).collect();
        if applicable.is_empty() {
            return Ok(());
        }
        // Creating into a mapping that was null gives it a mapping's tag in kyaml.
        r.null_maps
            .retain(|p| !applicable.iter().any(|s| s.create && p[1..] == s.path));
        let mut aliases = std::mem::take(&mut r.aliases);
        let result = r.edit(|v| {
            let mut trail = Vec::new();
            for (k, val) in &sorted {
                // kyaml's SetEntry: one node per key, appended wherever the key is new (the
                // paths then share it) and copied into existing entries in place.
                let mut created: Vec<FieldPath> = Vec::new();
                let mut written: Vec<(FieldPath, Value)> = Vec::new();
                for spec in &applicable {
                    walk_paths(
                        v,
                        spec,
                        Some(CreateKind::Map),
                        Some(&mut trail),
                        &mut |n, path| {
                            let map: &mut Map<String, Value> = match n {
                                Value::Object(m) => m,
                                Value::Null => {
                                    *n = Value::Object(Map::new());
                                    n.as_object_mut().expect("just set")
                                }
                                _ => return Err("expected a mapping".into()),
                            };
                            let old = map.insert((*k).clone(), Value::String((*val).clone()));
                            let mut entry = path.to_vec();
                            entry.push(Step::Key((*k).clone()));
                            match old {
                                Some(old) if !aliases.is_empty() => written.push((entry, old)),
                                Some(_) => {}
                                None => created.push(entry),
                            }
                            Ok(())
                        },
                    )?;
                }
                for (path, old) in &written {
                    propagate_write(v, &aliases, path, old);
                }
                if !created.is_empty() {
                    for group in &mut aliases {
                        group.retain(|p| !created.contains(p));
                    }
                    if created.len() > 1 {
                        aliases.push(created);
                    }
                }
            }
            Ok(())
        });
        aliases.retain(|g| g.len() >= 2);
        r.aliases = aliases;
        result
    })?;
    Ok(())
}

/// The field specs of one `labels:` entry: the entry's fields merged with the defaults as
/// kustomize merges field specs, so a `metadata/labels` field for one kind replaces the
/// default for all kinds, and the same path with another `create` fails.
pub fn label_specs(label: &Label, config: &TransformerConfig) -> Result<Vec<FieldSpec>, String> {
    let failed = |e: String| format!("failed to merge labels: {e}");
    let mut specs = label.fields.clone();
    merge_specs(&mut specs, &config.labels).map_err(failed)?;
    if label.include_selectors {
        merge_specs(&mut specs, &config.common_labels).map_err(failed)?;
    } else {
        if label.include_templates {
            merge_specs(&mut specs, &config.template_labels)
                .map_err(|e| format!("failed to merge template fieldSpec: {e}"))?;
        }
        let metadata = FieldSpec {
            path: "metadata/labels".into(),
            create: true,
            ..Default::default()
        };
        merge_one(&mut specs, &metadata).map_err(failed)?;
    }
    Ok(specs)
}

/// One `replicas:` entry: sets `spec.replicas` of the workloads with that name (current or
/// earlier).
pub fn replicas(
    resources: &mut [Resource],
    replica: &Replica,
    specs: &[FieldSpec],
) -> Result<(), String> {
    let mut matched = false;
    for spec in specs {
        for r in resources.iter_mut() {
            if !r.any_id(|id| id.name == replica.name && spec.selects(id)) {
                continue;
            }
            matched = true;
            // kyaml's field-spec filter checks the resource's current kind.
            if !spec.selects(r.object().id()) {
                continue;
            }
            r.edit(|v| {
                walk(v, spec, Some(CreateKind::Scalar), &mut |n| {
                    // kyaml sets the value and keeps the node's style: a quoted count stays
                    // a string.
                    *n = if n.is_string() {
                        Value::String(replica.count.to_string())
                    } else {
                        Value::Number(replica.count.into())
                    };
                    Ok(())
                })
            })?;
        }
    }
    if !matched {
        return Err(format!(
            "resource with name {} does not match a config with the following GVK [{}]",
            replica.name,
            specs
                .iter()
                .map(|s| format!("{}.{}.{}", s.kind, s.version, s.group))
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    Ok(())
}

/// kustomize's image reference split: `name[:tag][@digest]`, where a `:` before the first
/// `/` belongs to a registry host.
fn split_image(image: &str) -> (String, String, String) {
    let slash = match image.find('/') {
        Some(i) if i > 0 => i,
        _ => 0,
    };
    let search = &image[slash..];
    let at = search.find('@').map(|i| i + slash);
    let colon = search.find(':').map(|i| i + slash);
    match (colon, at) {
        (None, None) => (image.to_string(), String::new(), String::new()),
        (c, Some(a)) if c.is_none_or(|c| a < c) => (
            image[..a].to_string(),
            String::new(),
            image[a + 1..].to_string(),
        ),
        (Some(c), Some(a)) => (
            image[..c].to_string(),
            image[c + 1..a].to_string(),
            image[a + 1..].to_string(),
        ),
        (Some(c), None) => (
            image[..c].to_string(),
            image[c + 1..].to_string(),
            String::new(),
        ),
        (None, Some(_)) => unreachable!("handled by the digest-only arm"),
    }
}

/// Matches an image reference against an `images:` name, as kustomize's regular expression
/// `^NAME(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$` with NAME unescaped.
enum ImageMatcher {
    /// Names made of letters, digits, `-`, `_`, `/`, `:` and `.` (where `.` matches any one
    /// character), matched without a regex engine.
    Simple(Vec<char>),
    Regex(Regex),
    /// The name is not a valid regular expression: kustomize then matches nothing.
    Never,
}

fn tag_or_digest_chars(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "_.{}-".contains(c))
}

impl ImageMatcher {
    fn new(name: &str) -> Self {
        if name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/:.".contains(c))
        {
            return ImageMatcher::Simple(name.chars().collect());
        }
        match Regex::new(&format!(
            "^{name}(:[a-zA-Z0-9_.{{}}-]*)?(@sha256:[a-zA-Z0-9_.{{}}-]*)?$"
        )) {
            Ok(r) => ImageMatcher::Regex(r),
            Err(_) => ImageMatcher::Never,
        }
    }

    fn is_match(&self, image: &str) -> bool {
        match self {
            ImageMatcher::Never => false,
            ImageMatcher::Regex(r) => r.is_match(image),
            ImageMatcher::Simple(pattern) => {
                let mut chars = image.char_indices();
                for p in pattern {
                    match chars.next() {
                        Some((_, c)) if *p == '.' || *p == c => {}
                        _ => return false,
                    }
                }
                let rest = chars.next().map_or("", |(i, _)| &image[i..]);
                let (tag_part, digest_part) = match rest.find("@sha256:") {
                    Some(i) => (&rest[..i], Some(&rest[i + "@sha256:".len()..])),
                    None => (rest, None),
                };
                let tag_ok = tag_part.is_empty()
                    || tag_part.strip_prefix(':').is_some_and(tag_or_digest_chars);
                tag_ok && digest_part.is_none_or(tag_or_digest_chars)
            }
        }
    }
}

struct ImageRule<'a> {
    image: &'a Image,
    matcher: ImageMatcher,
}

impl ImageRule<'_> {
    /// Rewrites a matching image; whether it matched (kustomize then replaces the node with
    /// an untagged one, even when the image is unchanged).
    fn update(&self, node: &mut Value) -> Result<bool, String> {
        let current = match &*node {
            Value::Object(_) | Value::Array(_) => return Err("image must be a scalar".into()),
            Value::Null => return Ok(false),
            other => scalar_text(other).unwrap_or_default(),
        };
        if !self.matcher.is_match(&current) {
            return Ok(false);
        }
        let (mut name, mut tag, mut digest) = split_image(&current);
        let img = self.image;
        if let Some(n) = img.new_name.as_deref().filter(|n| !n.is_empty()) {
            name = n.to_string();
        }
        let new_tag = img.new_tag.as_deref().unwrap_or("");
        let new_digest = img.digest.as_deref().unwrap_or("");
        match (new_tag.is_empty(), new_digest.is_empty()) {
            (false, false) => (tag, digest) = (new_tag.into(), new_digest.into()),
            (false, true) => (tag, digest) = (new_tag.into(), String::new()),
            (true, false) => (tag, digest) = (String::new(), new_digest.into()),
            (true, true) => {}
        }
        if !tag.is_empty() {
            name = format!("{name}:{tag}");
        }
        if !digest.is_empty() {
            name = format!("{name}@{digest}");
        }
        *node = Value::String(name);
        Ok(true)
    }
}

/// Every `containers`/`initContainers` list at any depth, as kustomize's legacy image filter.
/// `trail` is the path to `v`; the paths of rewritten images are added to `rewritten`.
fn update_container_lists(
    v: &mut Value,
    rule: &ImageRule,
    trail: &mut FieldPath,
    rewritten: &mut Vec<FieldPath>,
) -> Result<(), String> {
    match v {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                trail.push(Step::Key(key.clone()));
                update_container_lists(child, rule, trail, rewritten)?;
                if key == "containers" || key == "initContainers" {
                    match child {
                        Value::Array(items) => {
                            for (i, item) in items.iter_mut().enumerate() {
                                let Some(image) =
                                    item.as_object_mut().and_then(|o| o.get_mut("image"))
                                else {
                                    continue;
                                };
                                if rule.update(image)? {
                                    let mut path = trail.clone();
                                    path.extend([Step::Index(i), Step::Key("image".into())]);
                                    rewritten.push(path);
                                }
                            }
                        }
                        Value::Null => {}
                        _ => return Err(format!("{key} must be a list")),
                    }
                }
                trail.pop();
            }
            Ok(())
        }
        Value::Array(items) => items.iter_mut().enumerate().try_for_each(|(i, item)| {
            trail.push(Step::Index(i));
            let result = update_container_lists(item, rule, trail, rewritten);
            trail.pop();
            result
        }),
        _ => Ok(()),
    }
}

/// One `images:` entry.
pub fn images(
    resources: &mut [Resource],
    image: &Image,
    specs: &[FieldSpec],
) -> Result<(), String> {
    let rule = ImageRule {
        image,
        matcher: ImageMatcher::new(&image.name),
    };
    par::map(resources, |r| {
        let id = r.object().id().clone();
        if id.kind == "CustomResourceDefinition" {
            return Ok(());
        }
        let mut rewritten = Vec::new();
        r.edit(|v| {
            update_container_lists(v, &rule, &mut Vec::new(), &mut rewritten)?;
            for spec in specs.iter().filter(|s| s.selects(&id)) {
                let mut trail = Vec::new();
                walk_paths(v, spec, None, Some(&mut trail), &mut |n, path| {
                    if rule.update(n)? {
                        rewritten.push(path.to_vec());
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
        for path in rewritten {
            if !r.untagged.contains(&path) {
                r.untagged.push(path);
            }
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_image_matching_agrees_with_the_regex() {
        let names = ["nginx", "my.image", "gcr.io/x/app", "a:b", "nginx-x"];
        let images = [
            "nginx",
            "nginx:1.2",
            "nginx:1.2@sha256:abc",
            "nginx@sha256:abc",
            "nginxx",
            "nginx:1/2",
            "myXimage:v1",
            "my.image",
            "gcr.io/x/app:v1",
            "gcrXio/x/app",
            "a:b",
            "a:b:c",
            "nginx-x:{x}",
            "nginx@sha256:a b",
            "nginx:",
        ];
        for name in names {
            let simple = ImageMatcher::new(name);
            let regex = Regex::new(&format!(
                "^{name}(:[a-zA-Z0-9_.{{}}-]*)?(@sha256:[a-zA-Z0-9_.{{}}-]*)?$"
            ))
            .unwrap();
            assert!(matches!(simple, ImageMatcher::Simple(_)));
            for image in images {
                assert_eq!(
                    simple.is_match(image),
                    regex.is_match(image),
                    "{name} vs {image}"
                );
            }
        }
    }

    #[test]
    fn image_split() {
        let s = |i| split_image(i);
        assert_eq!(s("nginx"), ("nginx".into(), "".into(), "".into()));
        assert_eq!(s("nginx:1.2"), ("nginx".into(), "1.2".into(), "".into()));
        assert_eq!(
            s("reg:5000/a/b:1"),
            ("reg:5000/a/b".into(), "1".into(), "".into())
        );
        assert_eq!(s("a@sha256:x"), ("a".into(), "".into(), "sha256:x".into()));
        assert_eq!(
            s("a:1@sha256:x"),
            ("a".into(), "1".into(), "sha256:x".into())
        );
    }
}
