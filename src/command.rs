//! Finding an external command (helm, cosign, a kubeconfig's exec plugin) before running
//! it, so that a missing one is reported up front with a hint rather than as a spawn error.

use std::path::Path;

/// Whether `command` can be run: a path to an executable file, or a name with one on `PATH`.
pub fn on_path(command: &str) -> bool {
    if command.contains('/') {
        return is_executable(Path::new(command));
    }
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| is_executable(&dir.join(command)))
    })
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
