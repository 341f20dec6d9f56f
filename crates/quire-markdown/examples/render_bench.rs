//! Renderer throughput and the pathological inputs, measured natively for
//! `cargo xtask bench` (which builds this with optimisations and reads its JSON lines).
//! Each figure is the median of several runs.

use quire_markdown::{render, Options};
use std::time::Instant;

fn median_ms(input: &str, runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let out = render(input, &Options::ARTICLE);
            std::hint::black_box(out);
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn table(rows: usize) -> String {
    format!("|{}\n|{}\n", "h|".repeat(20), "-|".repeat(20))
        + &format!("|{}\n", "x|".repeat(20)).repeat(rows)
}

fn main() {
    let sample =
        include_str!("../../../content/posts/europe-ukraine-security-guarantees-defense-boost.md");
    let typical = sample.splitn(3, "+++").nth(2).unwrap_or(sample).to_string();
    let long = typical.repeat(40);
    let n = 100_000;
    let cases: Vec<(&str, String)> = vec![
        ("typical post (the sample article)", typical.clone()),
        ("long post (sample article x40)", long),
        ("100,000 nested >", ">".repeat(n) + " x"),
        ("100,000 nested *", "*".repeat(n) + "x" + &"*".repeat(n)),
        ("100,000 [^", "[^".repeat(n)),
        ("100,000 nested [", "[".repeat(n) + "x" + &"](y)".repeat(n)),
        ("1 MB line", "word ".repeat(200_000)),
        ("huge table (40,000 rows x 20)", table(40_000)),
        ("100,000 emphasis delimiters", "*_".repeat(n / 2)),
        ("over the size cap (3 MB)", "a".repeat(3 << 20)),
    ];
    for (name, input) in cases {
        let runs = if input.len() > 500_000 { 5 } else { 15 };
        let ms = median_ms(&input, runs);
        let mb_per_s = input.len() as f64 / 1e6 / (ms / 1e3);
        println!(
            "{{\"input\":\"{name}\",\"bytes\":{},\"median_ms\":{ms:.3},\"mb_per_s\":{mb_per_s:.1}}}",
            input.len()
        );
    }
    // Linearity: the same pathological shapes at a tenth of the size.
    for (name, small, large) in [
        ("nested >", ">".repeat(n / 10), ">".repeat(n)),
        ("[^", "[^".repeat(n / 10), "[^".repeat(n)),
        (
            "nested *",
            "*".repeat(n / 10) + "x" + &"*".repeat(n / 10),
            "*".repeat(n) + "x" + &"*".repeat(n),
        ),
        ("table rows", table(4_000), table(40_000)),
    ] {
        let ratio = median_ms(&large, 7) / median_ms(&small, 15);
        println!("{{\"linearity\":\"{name}\",\"time_ratio_for_10x_input\":{ratio:.1}}}");
    }
}
