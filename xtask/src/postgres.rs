//! A throwaway PostgreSQL cluster for the comment service's tests and load runs:
//! Debian's server, installed if missing, in a scratch folder on a free port, and
//! gone when dropped. PostgreSQL refuses to run as root, so as root the cluster
//! belongs to the `postgres` user that Debian's package creates.

use crate::run::{run, step, Result};
use crate::tools;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Postgres {
    dir: PathBuf,
    bin: PathBuf,
    pub port: u16,
}

impl Postgres {
    /// Starts a new, empty cluster; the server's URL is [`Postgres::url`].
    pub fn start() -> Result<Postgres> {
        let bin = match server_bin() {
            Some(bin) => bin,
            None => {
                step(
                    "installing PostgreSQL from Debian (apt-get), for the comment service's tests",
                );
                tools::apt_install(&["postgresql"])?;
                server_bin()
                    .ok_or("PostgreSQL was installed but initdb is not under /usr/lib/postgresql")?
            }
        };
        let port = free_port()?;
        let dir =
            std::env::temp_dir().join(format!("quire-postgres-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let cluster = Postgres { dir, bin, port };
        if as_root() {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&cluster.dir))?;
        }
        step(&format!(
            "starting a throwaway PostgreSQL on 127.0.0.1:{port}"
        ));
        run(cluster
            .as_owner(&cluster.bin.join("initdb"))
            .arg("-D")
            .arg(cluster.dir.join("data"))
            .args(["-A", "trust", "-U", "postgres", "--no-sync"])
            .stdout(std::process::Stdio::null()))?;
        run(cluster
            .as_owner(&cluster.bin.join("pg_ctl"))
            .arg("-D")
            .arg(cluster.dir.join("data"))
            .arg("-o")
            .arg(format!(
                "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300",
                cluster.dir.display()
            ))
            .arg("-l")
            .arg(cluster.dir.join("log"))
            .args(["-w", "start"])
            .stdout(std::process::Stdio::null()))?;
        Ok(cluster)
    }

    /// The cluster's `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn as_owner(&self, program: &Path) -> Command {
        if as_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self
            .as_owner(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// The newest installed server's programs.
fn server_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop()
}

pub fn free_port() -> Result<u16> {
    quire_host::free_port().map_err(|e| format!("no free port on 127.0.0.1: {e}"))
}
