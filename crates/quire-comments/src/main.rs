//! `quire-comments`: runs the comment service, or moderates its comments.

use quire_comments::config::{self, Config};
use quire_comments::moderation::{self, Action};
use quire_comments::store::Store;
use std::process::ExitCode;

const USAGE: &str = "\
quire-comments: the comment service of a Quire blog

  quire-comments [serve]         run the service
  quire-comments pending         the comments awaiting approval
  quire-comments approve ID…     publish comments (ids as `pending` shows them: c12)
  quire-comments reject ID…      refuse comments (kept, never shown)
  quire-comments delete ID…      delete comments and their replies
  quire-comments export          every approved comment as JSON (what `quire comments pull` reads)
  quire-comments backup FILE     a consistent copy of the SQLite database, while it runs
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if matches!(
        args.first().map(String::as_str),
        Some("help" | "--help" | "-h")
    ) {
        print!("{USAGE}\n{}", config::HELP);
        return ExitCode::SUCCESS;
    }
    let workers = match config::workers() {
        Ok(workers) => workers,
        Err(message) => {
            eprintln!("quire-comments: {message}");
            return ExitCode::FAILURE;
        }
    };
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(workers) = workers {
        runtime.worker_threads(workers);
    }
    let runtime = match runtime.enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("quire-comments: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("quire-comments: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &[String]) -> Result<(), String> {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if command == "serve" {
        return serve().await;
    }
    let store = Store::open(&config::database_url())
        .await
        .map_err(|e| e.to_string())?;
    let ids = &args[1..];
    let result = match command {
        "pending" => show_pending(&store).await,
        "approve" => moderate(&store, Action::Approve, ids).await,
        "reject" => moderate(&store, Action::Reject, ids).await,
        "delete" => moderate(&store, Action::Delete, ids).await,
        "export" => {
            let all = moderation::export(&store)
                .await
                .map_err(|e| e.to_string())?;
            println!("{}", quire_schema::encode(&all));
            Ok(())
        }
        "backup" => match ids {
            [file] => {
                store
                    .backup(std::path::Path::new(file))
                    .await
                    .map_err(|e| e.to_string())?;
                println!("backed up to {file}");
                Ok(())
            }
            _ => Err("usage: quire-comments backup FILE".to_string()),
        },
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    store.close().await;
    result
}

async fn serve() -> Result<(), String> {
    let config = Config::from_env()?;
    let state = quire_comments::State::open(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    println!(
        "quire-comments: listening on http://{} for the blog at {} ({} store)",
        config.addr,
        state.origin,
        if state.store.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    quire_comments::serve(state.clone(), listener)
        .await
        .map_err(|e| format!("the service stopped: {e}"))?;
    state.store.close().await;
    Ok(())
}

async fn show_pending(store: &Store) -> Result<(), String> {
    let pending = moderation::pending(store)
        .await
        .map_err(|e| e.to_string())?;
    if pending.is_empty() {
        println!("No comments are waiting.");
    }
    for c in pending {
        let reply = c
            .reply_to
            .map(|r| format!(", answering {r}"))
            .unwrap_or_default();
        let held = c
            .held
            .map(|why| format!("  [look closely: {why}]"))
            .unwrap_or_default();
        println!(
            "{}  {}  on {}{reply}  by {}{held}",
            c.id, c.date, c.post, c.author
        );
        for line in c.text.lines() {
            println!("    {line}");
        }
    }
    Ok(())
}

async fn moderate(store: &Store, action: Action, ids: &[String]) -> Result<(), String> {
    if ids.is_empty() {
        return Err("name the comments: quire-comments approve c12 c13".to_string());
    }
    let mut missing = Vec::new();
    for id in ids {
        let n = moderation::parse_id(id).ok_or_else(|| format!("`{id}` is not a comment id"))?;
        if moderation::apply(store, action, n)
            .await
            .map_err(|e| e.to_string())?
        {
            println!("{id}: done");
        } else {
            missing.push(id.as_str());
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("no such comment: {}", missing.join(", ")))
    }
}
