//! Tests of Go-style key matching, normalising and canonicalising.

use super::*;
use serde_json::json;

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn folds() {
    assert!(Fold::Exact.same("tag", "tag"));
    assert!(!Fold::Exact.same("Tag", "tag"));
    assert!(Fold::AsciiCase.same("NamePrefix", "namePrefix"));
    assert!(!Fold::AsciiCase.same("name_prefix", "namePrefix"));
    assert!(Fold::Loose.same("DstTag", "dst_tag"));
    assert!(Fold::Loose.same("dst-tag", "dst_tag"));
    assert!(!Fold::Loose.same("dsttags", "dst_tag"));
}

#[test]
fn a_key_names_the_exact_field_else_the_first_it_folds_to() {
    let names = ["Name", "name", "kind"];
    assert_eq!(lookup(&names, "name", Fold::AsciiCase), Some(1));
    assert_eq!(lookup(&names, "NAME", Fold::AsciiCase), Some(0));
    assert_eq!(lookup(&names, "Kind", Fold::AsciiCase), Some(2));
    assert_eq!(lookup(&names, "Kind", Fold::Exact), None);
    assert_eq!(lookup(&names, "other", Fold::Loose), None);
}

#[test]
fn keys_match_case_insensitively() {
    let m = object(json!({"NameSpace": "ns", "OCI_Artifact": {}}));
    assert_eq!(get(&m, "namespace", Keys::MAPSTRUCTURE), Some(&json!("ns")));
    assert_eq!(
        get(&m, "oci_artifact", Keys::MAPSTRUCTURE),
        Some(&json!({}))
    );
    assert_eq!(get(&m, "ociartifact", Keys::MAPSTRUCTURE), None);
    assert_eq!(get(&m, "ociartifact", Keys::RUNNER), Some(&json!({})));
    assert_eq!(get(&m, "name", Keys::MAPSTRUCTURE), None);
}

#[test]
fn which_of_several_spellings_counts() {
    let m = object(json!({"Namespace": "a", "NAMESPACE": "b"}));
    assert_eq!(get(&m, "namespace", Keys::MAPSTRUCTURE), Some(&json!("a")));
    // kustomize: the last in byte order ("NAMESPACE" < "Namespace").
    assert_eq!(get(&m, "namespace", Keys::ENCODING_JSON), Some(&json!("a")));
    assert_eq!(get(&m, "namespace", Keys::RUNNER), Some(&json!("b")));
    // The exact spelling wins wherever it is, except under encoding/json.
    for m in [
        object(json!({"Namespace": "a", "namespace": "x", "NAMESPACE": "b"})),
        object(json!({"namespace": "x", "Namespace": "a"})),
    ] {
        assert_eq!(get(&m, "namespace", Keys::MAPSTRUCTURE), Some(&json!("x")));
        assert_eq!(get(&m, "namespace", Keys::RUNNER), Some(&json!("x")));
    }
    let m = object(json!({"namespace": "x", "Namespace": "a"}));
    assert_eq!(get(&m, "namespace", Keys::ENCODING_JSON), Some(&json!("x")));
    let m = object(json!({"Namespace": "a", "namespace": "x"}));
    assert_eq!(get(&m, "namespace", Keys::ENCODING_JSON), Some(&json!("x")));
}

#[test]
fn nulls() {
    let m = object(json!({"namespace": null, "Namespace": "a"}));
    // The runner passes over a null; mapstructure finds the exact key, which is null.
    assert_eq!(get(&m, "namespace", Keys::RUNNER), Some(&json!("a")));
    assert_eq!(get(&m, "namespace", Keys::MAPSTRUCTURE), None);
    let m = object(json!({"NAMESPACE": "a", "Namespace": null}));
    assert_eq!(get(&m, "namespace", Keys::ENCODING_JSON), None);
}

const INNER: Shape = Shape::Struct(&[("Username", Shape::Str), ("Password", Shape::Str)]);
const OUTER: Shape = Shape::Struct(&[
    ("dst_tag", Shape::Str),
    ("enable_helm", Shape::Bool),
    ("patches", STRINGS),
    ("labels", Shape::StrMap),
    ("auth", INNER),
    ("state", Shape::Any),
    ("helm_build_plan", Shape::Ignored),
]);

#[test]
fn normalising_renames_and_drops() {
    let v = json!({
        "DstTag": "t", "EnableHelm": true, "patches": ["a"], "future": 1, "helm_build_plan": {},
        "labels": {"Mixed_Case": "v", "gone": null}, "AUTH": {"username": "u", "x": 2},
        "state": {"Any_Key": [1, null]}, "enable-helm": null
    });
    let n = normalise(v, &OUTER, Keys::RUNNER).unwrap();
    assert_eq!(
        n,
        json!({
            "dst_tag": "t", "enable_helm": true, "patches": ["a"],
            "labels": {"Mixed_Case": "v"}, "auth": {"Username": "u"},
            "state": {"Any_Key": [1, null]}
        })
    );
}

#[test]
fn wrong_shapes_name_the_field_path() {
    let cases = [
        (
            json!([1]),
            "(top level)",
            "expected an object, found a list",
        ),
        (
            json!({"dst_tag": 5}),
            "dst_tag",
            "expected a string, found a number",
        ),
        (
            json!({"enable_helm": "yes"}),
            "enable_helm",
            "expected a boolean (true or false), found a string",
        ),
        (
            json!({"patches": "a"}),
            "patches",
            "expected a list of strings, found a string",
        ),
        (
            json!({"Patches": ["a", null]}),
            "patches[1]",
            "expected a string, found null",
        ),
        (
            json!({"labels": {"k": 1}}),
            "labels.k",
            "expected a string, found a number",
        ),
        (
            json!({"labels": ["k"]}),
            "labels",
            "expected an object of strings, found a list",
        ),
        (
            json!({"auth": {"password": ["s3cret"]}}),
            "auth.Password",
            "expected a string, found a list",
        ),
        (
            json!({"auth": "user:s3cret"}),
            "auth",
            "expected an object, found a string",
        ),
    ];
    for (v, path, message) in cases {
        let e = normalise(v.clone(), &OUTER, Keys::RUNNER).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            (path, message),
            "{v}"
        );
        assert!(!e.to_string().contains("s3cret"), "{e}");
    }
    // A wrong spelling passed over for the exact one is not checked.
    let v = json!({"dst_tag": "t", "DstTag": 5});
    assert_eq!(
        normalise(v, &OUTER, Keys::RUNNER).unwrap(),
        json!({"dst_tag": "t"})
    );
}

#[test]
fn canonicalising_keeps_unknown_keys_in_place() {
    const SHAPE: Shape = Shape::Struct(&[
        ("namePrefix", Shape::Str),
        (
            "images",
            Shape::List(&Shape::Struct(&[("newTag", Shape::Str)])),
        ),
    ]);
    let mut v = json!({
        "NamePrefix": "x-", "foo": 1, "nameprefix": "y-",
        "Images": [{"NEWTAG": "1", "other": 2}]
    });
    canonicalise(&mut v, &SHAPE, Keys::ENCODING_JSON);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    // In the order kustomize decodes them (sorted), a field where its first spelling is.
    assert_eq!(keys, ["images", "namePrefix", "foo"]);
    assert_eq!(
        v,
        json!({"foo": 1, "namePrefix": "y-", "images": [{"newTag": "1", "other": 2}]})
    );
    prune_unknown(&mut v, &SHAPE);
    assert_eq!(v, json!({"namePrefix": "y-", "images": [{"newTag": "1"}]}));
}

#[test]
fn taking_decodes_one_field() {
    let mut m = object(json!({"dst_tag": "t", "patches": ["a"]}));
    let tag: Option<String> = take(&mut m, "dst_tag").unwrap();
    assert_eq!(tag.as_deref(), Some("t"));
    let missing: Option<String> = take(&mut m, "dst_tag").unwrap();
    assert_eq!(missing, None);
    assert!(take::<String>(&mut m, "patches").is_err());
}
