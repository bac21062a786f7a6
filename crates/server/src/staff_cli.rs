//! `homeportal-server staff …` (members of КЖК staff, in the database) and
//! `homeportal-server review …` (the staff API over HTTP, as the back office uses it).

use clap::{Args, Subcommand};
use homeportal_domain::guarantee::staff::{paths, PostRemarks, StaffRole};
use homeportal_domain::sync::ServerApplication;
use homeportal_domain::ErrorBody;
use homeportal_server::config::Config;
use homeportal_server::db::Db;

/// Members of КЖК staff.
#[derive(Subcommand)]
pub enum StaffCommand {
    /// Add a member; prints their API key once.
    Add {
        /// ФИО, as the history shows it.
        #[arg(long)]
        name: String,
        /// moderator, registrar or administrator.
        #[arg(long)]
        role: String,
    },
    /// List members.
    List,
    /// Revoke a member's key.
    Revoke {
        /// The member's id (see `staff list`).
        #[arg(long)]
        id: i64,
    },
}

/// Where the staff API is and whose key calls it.
#[derive(Args)]
pub struct ReviewArgs {
    /// The server, e.g. http://127.0.0.1:8080.
    #[arg(long, env = "HOMEPORTAL_SERVER_URL")]
    url: String,
    /// A staff API key (`staff add`).
    #[arg(long, env = "HOMEPORTAL_STAFF_KEY")]
    key: String,
    #[command(subcommand)]
    command: ReviewCommand,
}

/// Steps КЖК takes on applications.
#[derive(Subcommand)]
pub enum ReviewCommand {
    /// Applications sent to КЖК.
    List,
    /// Post moderation remarks.
    Remark {
        /// Application id.
        #[arg(long)]
        id: i64,
        /// What to correct.
        #[arg(long)]
        text: String,
    },
    /// Moderation passed.
    Pass {
        /// Application id.
        #[arg(long)]
        id: i64,
    },
    /// Register a sent application.
    Register {
        /// Application id.
        #[arg(long)]
        id: i64,
    },
}

/// Runs a `staff` subcommand.
pub fn staff(config: &Config, command: StaffCommand) -> Result<(), String> {
    let db = Db::open(&config.data_dir).map_err(|e| e.to_string())?;
    match command {
        StaffCommand::Add { name, role } => {
            let role = StaffRole::parse(&role)
                .ok_or("the role is one of: moderator, registrar, administrator")?;
            let key = homeportal_server::staff::add(&db, &name, role).map_err(crate::describe)?;
            println!("{key}");
        }
        StaffCommand::List => {
            for (id, name, role, revoked) in
                homeportal_server::staff::list(&db).map_err(crate::describe)?
            {
                let state = if revoked { "revoked" } else { "active" };
                println!("{id}\t{role}\t{state}\t{name}");
            }
        }
        StaffCommand::Revoke { id } => {
            if !homeportal_server::staff::revoke(&db, id).map_err(crate::describe)? {
                return Err(format!("no active member with id {id}"));
            }
        }
    }
    Ok(())
}

/// Runs a `review` subcommand against the staff API.
pub fn review(args: ReviewArgs) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let client = reqwest::Client::new();
        let base = args.url.trim_end_matches('/');
        let url = |path: &str, id: i64| format!("{base}{}", paths::of_application(path, id));
        let request = match &args.command {
            ReviewCommand::List => client.get(format!("{base}{}", paths::APPLICATIONS)),
            ReviewCommand::Remark { id, text } => client
                .post(url(paths::REMARKS, *id))
                .json(&PostRemarks { text: text.clone() }),
            ReviewCommand::Pass { id } => client.post(url(paths::MODERATION_PASSED, *id)),
            ReviewCommand::Register { id } => client.post(url(paths::REGISTRATION, *id)),
        };
        let answer = request
            .bearer_auth(&args.key)
            .header(reqwest::header::ACCEPT_LANGUAGE, "ru")
            .send()
            .await
            .map_err(|e| format!("the server did not answer: {e}"))?;
        if !answer.status().is_success() {
            let body: Result<ErrorBody, _> = answer.json().await;
            return Err(body.map_or_else(|e| e.to_string(), |b| b.message));
        }
        let shown = |a: &ServerApplication| {
            let registration = a
                .registration
                .as_ref()
                .map(|r| format!("\t{}\tсрок {}", r.label(), r.deadline.format("%d.%m.%Y")))
                .unwrap_or_default();
            format!(
                "{}\t{}\t{}\t{}{registration}",
                a.id,
                a.owner.as_string(),
                a.status.label_key(),
                a.data.value("project", "name")
            )
        };
        match args.command {
            ReviewCommand::List => {
                let list: Vec<ServerApplication> =
                    answer.json().await.map_err(|e| e.to_string())?;
                list.iter().for_each(|a| println!("{}", shown(a)));
            }
            _ => {
                let one: ServerApplication = answer.json().await.map_err(|e| e.to_string())?;
                println!("{}", shown(&one));
            }
        }
        Ok(())
    })
}
