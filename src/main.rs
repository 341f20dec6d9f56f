//! Starts the app; everything else lives in the library modules.

fn main() {
    console_error_panic_hook::set_once();
    quire::takeover::start();
}
