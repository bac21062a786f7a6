//! `homeportal-server`: run the backend, or administer accounts as KZhK staff.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use homeportal_domain::Lang;
use homeportal_server::accounts::{self, NewAccount};
use homeportal_server::config::{Config, Overrides};
use homeportal_server::db::Db;
use homeportal_server::error::AppError;
use homeportal_server::Server;

mod memory;
mod staff_cli;

#[derive(Parser)]
#[command(
    name = "homeportal-server",
    version,
    about = "Homeportal backend (KZhK side)"
)]
struct Cli {
    /// TOML configuration file (listen, data_dir, log_level, session_ttl_hours).
    #[arg(long, env = "HOMEPORTAL_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free one).
    #[arg(long, env = "HOMEPORTAL_LISTEN", global = true)]
    listen: Option<SocketAddr>,
    /// Directory for the database and documents.
    #[arg(long, env = "HOMEPORTAL_DATA_DIR", global = true)]
    data_dir: Option<PathBuf>,
    /// Log filter, e.g. info or homeportal_server=debug.
    #[arg(long, env = "HOMEPORTAL_LOG", global = true)]
    log_level: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (the default).
    Serve,
    /// Manage organisation accounts.
    #[command(subcommand)]
    Accounts(AccountsCommand),
    /// Manage КЖК staff and their API keys.
    #[command(subcommand)]
    Staff(staff_cli::StaffCommand),
    /// Take КЖК's steps on applications through the staff API.
    Review(staff_cli::ReviewArgs),
}

#[derive(Subcommand)]
enum AccountsCommand {
    /// Create an organisation account; the password is read from stdin or HOMEPORTAL_ACCOUNT_PASSWORD.
    Create(CreateArgs),
    /// List the BIN and name of every account.
    List,
}

#[derive(Args)]
struct CreateArgs {
    /// БИН (12 digits).
    #[arg(long)]
    bin: String,
    /// Наименование организации.
    #[arg(long)]
    org_name: String,
    /// ИИН of the organisation's representative.
    #[arg(long)]
    iin: String,
    /// Фамилия.
    #[arg(long)]
    last_name: String,
    /// Имя.
    #[arg(long)]
    first_name: String,
    /// Отчество.
    #[arg(long)]
    middle_name: Option<String>,
    /// Электронная почта.
    #[arg(long)]
    email: String,
    /// Мобильный номер.
    #[arg(long)]
    phone: String,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
}

fn main() -> ExitCode {
    memory::return_large_buffers_to_the_os();
    let cli = Cli::parse();
    let overrides = Overrides {
        listen: cli.listen,
        data_dir: cli.data_dir.clone(),
        log_level: cli.log_level.clone(),
        default_listen: None,
    };
    let config = match Config::load(cli.config.as_deref(), overrides) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("homeportal-server: {e}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&config.log_level)
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::Accounts(AccountsCommand::Create(args)) => create_account(&config, args),
        Command::Accounts(AccountsCommand::List) => list_accounts(&config),
        Command::Staff(command) => staff_cli::staff(&config, command),
        Command::Review(args) => staff_cli::review(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("homeportal-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(config: Config) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let server = Server::bind(config).await.map_err(|e| e.to_string())?;
        // Tests and scripts read this line to learn the port.
        println!("listening on http://{}", server.local_addr());
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        server
            .run(shutdown_signal())
            .await
            .map_err(|e| e.to_string())
    })
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
    tracing::info!("shutting down");
}

fn read_password(from_stdin: bool) -> Result<String, String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password: {e}"))?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    std::env::var("HOMEPORTAL_ACCOUNT_PASSWORD").map_err(|_| {
        "give the password on stdin with --password-stdin or in HOMEPORTAL_ACCOUNT_PASSWORD"
            .to_owned()
    })
}

fn describe(error: AppError) -> String {
    match error {
        AppError::Validation(fields) => fields
            .iter()
            .map(|(field, rule)| format!("{field}: {}", rule.message(Lang::Ru)))
            .collect::<Vec<_>>()
            .join("; "),
        AppError::Code(code) => code.message(Lang::Ru).to_owned(),
        AppError::Internal(detail) => detail,
        stale @ AppError::Stale(_) => stale.to_string(),
    }
}

fn create_account(config: &Config, args: CreateArgs) -> Result<(), String> {
    let new = NewAccount {
        bin: args.bin,
        org_name: args.org_name,
        iin: args.iin,
        last_name: args.last_name,
        first_name: args.first_name,
        middle_name: args.middle_name,
        email: args.email,
        phone: args.phone,
        password: read_password(args.password_stdin)?,
    };
    let valid = new.validate().map_err(describe)?;
    let db = Db::open(&config.data_dir).map_err(|e| e.to_string())?;
    let now = chrono::Utc::now().timestamp();
    accounts::create(&db, &valid, now).map_err(describe)?;
    println!("account created: {}", new.bin.trim());
    Ok(())
}

fn list_accounts(config: &Config) -> Result<(), String> {
    let db = Db::open(&config.data_dir).map_err(|e| e.to_string())?;
    for (bin, name) in accounts::list(&db).map_err(describe)? {
        println!("{bin}\t{name}");
    }
    Ok(())
}
