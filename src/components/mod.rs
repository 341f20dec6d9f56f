mod load_state;

pub use load_state::{failure_of, load, show, Bundle, Loading};
