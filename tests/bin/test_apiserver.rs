//! The test API server as a process, for scripts/bench-cluster and for trying kzr or kubectl
//! by hand: `cargo run --example test-apiserver -- --kubeconfig-out FILE`. It writes a
//! kubeconfig for itself to FILE and serves until killed. `--latency READ_MS,WRITE_MS` adds a
//! delay to every request (reads and dry-runs, writes), like a real server's round trips.

#[allow(dead_code)]
#[path = "../common/apiserver/mod.rs"]
mod apiserver;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = match args.iter().position(|a| a == "--kubeconfig-out") {
        Some(i) if i + 1 < args.len() => std::path::PathBuf::from(&args[i + 1]),
        _ => usage(),
    };
    let latency = match args.iter().position(|a| a == "--latency") {
        None => None,
        Some(i) => match args.get(i + 1).and_then(|v| v.split_once(',')) {
            Some((r, w)) => match (r.parse::<u64>(), w.parse::<u64>()) {
                (Ok(r), Ok(w)) => Some((r, w)),
                _ => usage(),
            },
            None => usage(),
        },
    };
    let server = apiserver::TestApiServer::start();
    if let Some((read, write)) = latency {
        server.set_latency(
            std::time::Duration::from_millis(read),
            std::time::Duration::from_millis(write),
        );
    }
    let tmp = out.with_extension("tmp");
    if let Err(e) =
        std::fs::copy(server.kubeconfig(), &tmp).and_then(|_| std::fs::rename(&tmp, &out))
    {
        eprintln!("cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    eprintln!(
        "test API server at {}; kubeconfig in {}",
        server.url(),
        out.display()
    );
    loop {
        std::thread::park();
    }
}

fn usage() -> ! {
    eprintln!("usage: test-apiserver --kubeconfig-out FILE [--latency READ_MS,WRITE_MS]");
    std::process::exit(2);
}
