//! When the app starts. Every page is whole without it, so nothing downloads it
//! before a reader is there: Trunk's boot script, which loads the app at once,
//! becomes a loader that waits for the first sign of a present reader (the pointer
//! moving, a wheel or scroll, a touch, a key, focus), and the preload links go. A
//! robot that only fetches the page never loads it; a person nearly always does,
//! and early enough that their first click is routed by the app. A click made
//! before the app is ready stays an ordinary navigation. Pages that need the app to
//! show anything at all (the not-found page, which may stand for a route the build
//! did not know, and search) start it at once.
//!
//! The loader also lends the app `import()` (`window.quireImport`), which is syntax
//! that wasm cannot call: the app imports its search module with it.

/// `head` with Trunk's boot script replaced by the loader, and its preloads removed.
pub fn defer_app(head: &str, at_once: bool) -> Result<String, String> {
    let not_known = || {
        "the page shell's boot script is not the one Trunk 0.21 writes; \
         update crates/quire-site/src/pages/boot.rs for the new Trunk"
            .to_string()
    };
    let start = head.find("<script type=module>").ok_or_else(not_known)?;
    let end = head[start..]
        .find("</script>")
        .map(|i| start + i + "</script>".len())
        .ok_or_else(not_known)?;
    let script = &head[start..end];
    let js = between(script, "from '", "'").ok_or_else(not_known)?;
    let wasm = between(script, "module_or_path: '", "'").ok_or_else(not_known)?;
    let loader = format!(
        "<script>(()=>{{const events=['pointermove','pointerdown','wheel','scroll','touchstart','keydown','focusin'];let started=false;\
         const start=()=>{{if(started)return;started=true;\
         events.forEach(e=>removeEventListener(e,start,true));\
         import('{js}').then(m=>m.default({{module_or_path:'{wasm}'}}).then(wasm=>{{\
         window.wasmBindings=m;dispatchEvent(new CustomEvent('TrunkApplicationStarted',{{detail:{{wasm}}}}))}}))}};\
         events.forEach(e=>addEventListener(e,start,{{capture:true,passive:true}}));\
         window.quireStart=start;window.quireImport=u=>import(u);{now}}})()</script>",
        now = if at_once { "start();" } else { "" }
    );
    let mut out = format!("{}{loader}{}", &head[..start], &head[end..]);
    for preload in ["rel=modulepreload", "rel=preload"] {
        while let Some(at) = out.find(preload) {
            let open = out[..at].rfind("<link").ok_or_else(not_known)?;
            let close = out[at..]
                .find('>')
                .map(|i| at + i + 1)
                .ok_or_else(not_known)?;
            out.replace_range(open..close, "");
        }
    }
    Ok(out)
}

fn between<'a>(text: &'a str, after: &str, before: &str) -> Option<&'a str> {
    let start = text.find(after)? + after.len();
    let len = text[start..].find(before)?;
    Some(&text[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_HEAD: &str = "<script type=module>import init, * as bindings from '/quire-90fb.js';\n\
        const wasm = await init({ module_or_path: '/quire-90fb_bg.wasm' });\n\n\
        window.wasmBindings = bindings;\n\
        dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));</script>\
        <link href=/main.css rel=stylesheet>\
        <link crossorigin href=/quire-90fb.js integrity=sha384-x rel=modulepreload>\
        <link as=fetch crossorigin href=/quire-90fb_bg.wasm integrity=sha384-y rel=preload type=application/wasm>";

    #[test]
    fn the_app_waits_for_the_reader_and_nothing_preloads_it() {
        let head = defer_app(TRUNK_HEAD, false).unwrap();
        assert!(head.contains("import('/quire-90fb.js')"), "{head}");
        assert!(
            head.contains("module_or_path:'/quire-90fb_bg.wasm'"),
            "{head}"
        );
        assert!(
            !head.contains("type=module") && !head.contains("preload"),
            "{head}"
        );
        assert!(head.contains("<link href=/main.css rel=stylesheet>"));
        assert!(!head.contains("start();}"), "not started at once");
        assert!(defer_app(TRUNK_HEAD, true).unwrap().contains("start();}"));
    }

    #[test]
    fn an_unknown_boot_script_is_an_error_not_a_silent_change() {
        let err = defer_app("<script>something else</script>", false).unwrap_err();
        assert!(err.contains("boot script"), "{err}");
    }
}
