//! A Takeout export of any size, made on the spot: the tests read a 100 MB one as a
//! stream, and `cargo xtask bench` times it.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes a Takeout `feed.atom` of `posts` posts, each about `post_bytes` of HTML
/// (paragraphs with markup and a link), labelled from 30 labels.
pub fn takeout_export(path: &Path, posts: usize, post_bytes: usize) -> io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(
        out,
        "<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' \
         xmlns:blogger='http://schemas.google.com/blogger/2018'><title>Big</title>"
    )?;
    let one = "&lt;p&gt;A paragraph of an old post, with &lt;b&gt;bold&lt;/b&gt; words and a \
               &lt;a href=\"https://example.org/\"&gt;link&lt;/a&gt;.&lt;/p&gt;\n";
    let body = one.repeat(post_bytes.div_ceil(one.len()));
    for n in 0..posts {
        writeln!(
            out,
            "<entry><id>tag:blogger.com,1999:blog-1.post-{n}</id><blogger:type>POST</blogger:type>\
             <blogger:status>LIVE</blogger:status><author><name>Writer</name></author>\
             <title>Post number {n}</title><content type='html'>{body}</content>\
             <published>2015-01-01T00:00:00Z</published>\
             <blogger:filename>/2015/01/post-{n}.html</blogger:filename>\
             <category term='Label {}'/></entry>",
            n % 30
        )?;
    }
    writeln!(out, "</feed>")?;
    out.flush()
}
