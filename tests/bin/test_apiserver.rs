//! The test API server as a process, for scripts/bench-cluster and for trying kzr or kubectl
//! by hand: `cargo run --example test-apiserver -- --kubeconfig-out FILE`. It writes a
//! kubeconfig for itself to FILE and serves until killed.

#[allow(dead_code)]
#[path = "../common/apiserver/mod.rs"]
mod apiserver;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = match args.iter().position(|a| a == "--kubeconfig-out") {
        Some(i) if i + 1 < args.len() => std::path::PathBuf::from(&args[i + 1]),
        _ => {
            eprintln!("usage: test-apiserver --kubeconfig-out FILE");
            std::process::exit(2);
        }
    };
    let server = apiserver::TestApiServer::start();
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
