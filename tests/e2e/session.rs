//! Login, the profile, the menu, logout, and errors in plain words.

use std::time::Duration;

use homeportal_testkit::{ports, BrokenServer, ServerProcess, TestAccount};

use crate::app::{App, ONE_AT_A_TIME};

#[tokio::test]
async fn logs_in_shows_the_profile_and_logs_out() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = App::launch(server.url()).await;

    // The login page opens on «Электронная почта», as the web portal does.
    app.find("#login-email").await;
    let selected = app
        .find("#tab-email")
        .await
        .attr("aria-selected")
        .await
        .expect("attr");
    assert_eq!(selected.as_deref(), Some("true"));
    app.screenshot("01-login").await;
    app.log_in(account.bin, account.password).await;

    assert_eq!(app.text("#profile-bin").await, account.bin);
    assert_eq!(app.text("#profile-org-name").await, account.org_name);
    assert_eq!(app.text("#profile-iin").await, account.iin);
    app.screenshot("02-profile").await;

    // R4: the menu is hidden until its icon is pressed, and holds every item.
    let hidden = app
        .find("#side-menu")
        .await
        .attr("aria-hidden")
        .await
        .expect("attr");
    assert_eq!(hidden.as_deref(), Some("true"));
    app.click("#menu-toggle").await;
    // Compared case-insensitively: the group title is upper-cased by the stylesheet.
    let menu = app.wait_for_text("#side-menu", "FAQ").await.to_lowercase();
    for item in [
        "Профиль",
        "Документы организации",
        "Заявки",
        "Гарантирование",
        "Субсидирование",
        "Корректировка",
        "Сообщения",
        "Опросы",
        "Часто задаваемые вопросы (FAQ)",
    ] {
        assert!(
            menu.contains(&item.to_lowercase()),
            "menu lacks {item}: {menu}"
        );
    }
    // Let the drawer finish sliding in before the picture.
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.screenshot("03-menu").await;
    app.click("#menu-toggle").await;

    app.click("#logout").await;
    app.find("#login-email").await;
    app.close().await;
}

#[tokio::test]
async fn a_wrong_password_is_reported_in_russian() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = App::launch(server.url()).await;

    app.log_in(account.bin, "not-the-password").await;
    let message = app.wait_for_text("#login-error", "Неверный").await;
    assert_eq!(message, "Неверный БИН или пароль");
    app.screenshot("04-wrong-password").await;
    app.close().await;
}

#[tokio::test]
async fn an_unreachable_server_is_reported_in_russian() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let app = App::launch(&ports::closed_url()).await;

    app.log_in(account.bin, account.password).await;
    let message = app.wait_for_text("#login-error", "Сервер").await;
    assert!(message.starts_with("Сервер недоступен"), "{message}");
    app.screenshot("05-server-unreachable").await;
    app.close().await;
}

#[tokio::test]
async fn a_malformed_server_answer_is_reported_in_russian() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let broken = BrokenServer::start();
    let app = App::launch(broken.url()).await;

    app.log_in(account.bin, account.password).await;
    let message = app.wait_for_text("#login-error", "Сервер").await;
    assert!(
        message.starts_with("Сервер вернул некорректный ответ"),
        "{message}"
    );
    app.close().await;
}
