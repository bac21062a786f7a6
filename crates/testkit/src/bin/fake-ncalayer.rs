//! The fake NCALayer as a program, for trying the app by hand without a real NCALayer:
//! `fake-ncalayer [--port 13579] [--control-port 8642] [--key head] [--plain]`.
//! Point the app at it with the CA it prints (setting `ncalayer_ca`).

use clap::Parser;
use homeportal_testkit::ncalayer::{FakeNcaLayer, Options};
use homeportal_testkit::pki::Scenario;

#[derive(Parser)]
#[command(about = "A fake NCALayer signing with the test PKI's keys")]
struct Cli {
    /// Websocket port on 127.0.0.1.
    #[arg(long, default_value_t = 13579)]
    port: u16,
    /// Control API port on 127.0.0.1.
    #[arg(long, default_value_t = 8642)]
    control_port: u16,
    /// The key the "user" picks: head, signing_right, employee, individual, head_auth, …
    #[arg(long, default_value = "head")]
    key: String,
    /// ws:// instead of wss://.
    #[arg(long)]
    plain: bool,
    /// Also write the test PKI: key files (`RSA256_….p12`, password Qwerty12) and the trust
    /// bundle (`trust.pem`, for the server's `trust_bundle`) into this folder.
    #[arg(long)]
    export: Option<std::path::PathBuf>,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let Ok(scenario) =
        serde_json::from_value::<Scenario>(serde_json::Value::String(cli.key.clone()))
    else {
        eprintln!("fake-ncalayer: unknown key «{}»", cli.key);
        return std::process::ExitCode::from(2);
    };
    let started = FakeNcaLayer::try_start_with(Options {
        port: cli.port,
        control_port: cli.control_port,
        plain: cli.plain,
    });
    let fake = match started {
        Ok(fake) => fake,
        Err(e) => {
            eprintln!(
                "fake-ncalayer: cannot listen on ports {} and {}: {e}",
                cli.port, cli.control_port
            );
            return std::process::ExitCode::from(2);
        }
    };
    fake.select(scenario);
    if let Some(dir) = &cli.export {
        if let Err(e) = export(&fake, dir) {
            eprintln!("fake-ncalayer: cannot export to {}: {e}", dir.display());
            return std::process::ExitCode::from(2);
        }
        println!("test PKI written to {}", dir.display());
    }
    println!("listening on {}", fake.url());
    println!("control API on {}", fake.control_url());
    println!("TLS CA:\n{}", fake.ca_pem());
    loop {
        std::thread::park();
    }
}

fn export(fake: &FakeNcaLayer, dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("trust.pem"), fake.trust_store().to_bundle())?;
    std::fs::write(dir.join("ncalayer-ca.pem"), fake.ca_pem())?;
    fake.export_key_files(dir, "Qwerty12").map(|_| ())
}
