fn main() -> std::process::ExitCode {
    kzr::cli::run()
}
