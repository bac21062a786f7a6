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
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let Ok(scenario) =
        serde_json::from_value::<Scenario>(serde_json::Value::String(cli.key.clone()))
    else {
        eprintln!("fake-ncalayer: unknown key «{}»", cli.key);
        return std::process::ExitCode::from(2);
    };
    let fake = FakeNcaLayer::start_with(Options {
        port: cli.port,
        control_port: cli.control_port,
        plain: cli.plain,
    });
    fake.select(scenario);
    println!("listening on {}", fake.url());
    println!("control API on {}", fake.control_url());
    println!("TLS CA:\n{}", fake.ca_pem());
    loop {
        std::thread::park();
    }
}
