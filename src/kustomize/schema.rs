//! Strategic-merge knowledge of built-in kinds: which lists merge by which key. The table is
//! generated from the Kubernetes API types' patch strategies (see `smp_schema.tsv`).

use std::collections::HashMap;
use std::sync::OnceLock;

const SCHEMA_TSV: &str = include_str!("smp_schema.tsv");
const KINDS_TSV: &str = include_str!("smp_kinds.tsv");

/// A field's declared type: an object type, a list, a map, or a scalar.
#[derive(Debug)]
enum TypeExpr {
    Object(String),
    List(Box<TypeExpr>),
    Map(Box<TypeExpr>),
    Scalar,
}

impl TypeExpr {
    fn parse(s: &str) -> TypeExpr {
        if let Some(inner) = s.strip_prefix("[]") {
            TypeExpr::List(Box::new(TypeExpr::parse(inner)))
        } else if let Some(inner) = s.strip_prefix("map[string]") {
            TypeExpr::Map(Box::new(TypeExpr::parse(inner)))
        } else if s.contains('.') {
            TypeExpr::Object(s.to_string())
        } else {
            TypeExpr::Scalar
        }
    }
}

#[derive(Debug)]
struct Slot {
    ty: TypeExpr,
    /// `merge`, `merge,retainKeys`, `replace` or empty.
    strategy: String,
    merge_key: Option<String>,
}

#[derive(Default)]
struct Table {
    fields: HashMap<String, HashMap<String, Slot>>,
    kinds: HashMap<(String, String, String), String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table::default();
        for line in SCHEMA_TSV.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [ty, field, field_ty, strategy, key] = cols[..] {
                let slot = Slot {
                    ty: TypeExpr::parse(field_ty),
                    strategy: if strategy == "-" {
                        String::new()
                    } else {
                        strategy.to_string()
                    },
                    merge_key: (key != "-" && !key.is_empty()).then(|| key.to_string()),
                };
                t.fields
                    .entry(ty.to_string())
                    .or_default()
                    .insert(field.to_string(), slot);
            }
        }
        for line in KINDS_TSV.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [group, version, kind, ty] = cols[..] {
                t.kinds
                    .insert((group.into(), version.into(), kind.into()), ty.to_string());
            }
        }
        t
    })
}

/// A position in the schema: the root of a kind, a field, or a list's elements.
#[derive(Clone, Copy, Debug)]
pub struct SchemaRef {
    ty: &'static TypeExpr,
    slot: Option<&'static Slot>,
}

static ROOT_TYPES: OnceLock<HashMap<String, TypeExpr>> = OnceLock::new();

impl SchemaRef {
    /// The schema of a built-in kind, or `None` for kinds the table does not know (custom
    /// resources), whose lists are then replaced rather than merged.
    pub fn for_kind(group: &str, version: &str, kind: &str) -> Option<SchemaRef> {
        let name =
            table()
                .kinds
                .get(&(group.to_string(), version.to_string(), kind.to_string()))?;
        let roots = ROOT_TYPES.get_or_init(|| {
            table()
                .kinds
                .values()
                .map(|n| (n.clone(), TypeExpr::Object(n.clone())))
                .collect()
        });
        Some(SchemaRef {
            ty: roots.get(name)?,
            slot: None,
        })
    }

    /// The schema of a field of this mapping.
    pub fn field(self, name: &str) -> Option<SchemaRef> {
        match self.ty {
            TypeExpr::Object(type_name) => {
                let slot = table().fields.get(type_name)?.get(name)?;
                Some(SchemaRef {
                    ty: &slot.ty,
                    slot: Some(slot),
                })
            }
            TypeExpr::Map(inner) => Some(SchemaRef {
                ty: inner,
                slot: None,
            }),
            _ => None,
        }
    }

    /// The schema of this list's elements.
    pub fn items(self) -> Option<SchemaRef> {
        match self.ty {
            TypeExpr::List(inner) => Some(SchemaRef {
                ty: inner,
                slot: None,
            }),
            _ => None,
        }
    }

    /// The merge key of this list, when it merges by key.
    pub fn merge_key(self) -> Option<&'static str> {
        let slot = self.slot?;
        if !slot.strategy.split(',').any(|s| s == "merge") {
            return None;
        }
        slot.merge_key.as_deref()
    }

    /// This is a list of scalars that merges as a set (e.g. `metadata.finalizers`).
    pub fn merges_scalars(self) -> bool {
        matches!(self.ty, TypeExpr::List(inner) if matches!(**inner, TypeExpr::Scalar))
            && self
                .slot
                .is_some_and(|s| s.strategy.split(',').any(|x| x == "merge"))
    }
}
