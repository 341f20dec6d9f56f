//! `cargo run -p quire-import --example make_export -- FILE POSTS BYTES`: a Takeout
//! export of POSTS posts of about BYTES of HTML each, to try an import on.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, posts, bytes] = args.as_slice() else {
        eprintln!("usage: make_export FILE POSTS BYTES");
        std::process::exit(2);
    };
    let (Ok(posts), Ok(bytes)) = (posts.parse(), bytes.parse()) else {
        eprintln!("POSTS and BYTES are numbers");
        std::process::exit(2);
    };
    if let Err(e) =
        quire_import::synthetic::takeout_export(std::path::Path::new(file), posts, bytes)
    {
        eprintln!("{file}: {e}");
        std::process::exit(1);
    }
}
