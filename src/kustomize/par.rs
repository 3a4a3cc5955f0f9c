//! Running a transformation over every resource on all cores. Resources are independent
//! within one transformer, so the order of the results is the order of the resources.

use super::resource::{self, Resource};

/// Below this many resources the threads cost more than they save.
const MIN_PARALLEL: usize = 256;

/// Applies `f` to every resource, in parallel for large sets; returns the results in
/// resource order, or the first error in resource order.
pub fn map<T: Send>(
    resources: &mut [Resource],
    f: impl Fn(&mut Resource) -> Result<T, String> + Sync,
) -> Result<Vec<T>, String> {
    let threads = crate::available_threads();
    if resources.len() < MIN_PARALLEL || threads < 2 {
        return resources.iter_mut().map(&f).collect();
    }
    let chunk = resources.len().div_ceil(threads);
    let f = &f;
    let schema = resource::current_schema();
    let schema = &schema;
    let parts: Vec<Result<Vec<T>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = resources
            .chunks_mut(chunk)
            .map(|c| {
                scope.spawn(move || {
                    resource::set_schema(schema.clone());
                    c.iter_mut().map(f).collect::<Result<Vec<T>, String>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a transformer thread failed".into()))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(resources.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}
