//! Kazakh and English on every main screen, switched at any moment without losing what is being
//! typed; each screen photographed (and checked by axe-core) in both.

use homeportal_testkit::{ServerProcess, TestAccount};

use crate::app::{App, ONE_AT_A_TIME};

/// Switches to `lang` (`kk`, `en`, `ru`) with the switch on the page.
async fn switch(app: &App, lang: &str) {
    app.click(&format!("#lang-{lang}")).await;
    app.wait_for_prop(&format!("#lang-{lang}"), "ariaPressed", |v| v == "true")
        .await;
}

/// Opens the menu's page at `href` and waits for `css` to say `title`.
async fn open(app: &App, href: &str, css: &str, title: &str) {
    app.click("#menu-toggle").await;
    app.click(&format!("a.nav-link[href='{href}']")).await;
    app.wait_for_text(css, title).await;
}

#[tokio::test]
async fn every_main_screen_in_kazakh_and_english_switched_without_losing_typing() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = App::launch(server.url()).await;

    // Half-typed, then the language changes twice: the typing stays.
    app.click("#tab-bin").await;
    app.type_into("#login-bin", &account.bin[..6]).await;
    switch(&app, "kk").await;
    app.wait_for_text(".login-title", "КІРУ").await;
    app.wait_for_prop("#login-bin", "value", |v| v == &account.bin[..6])
        .await;
    app.screenshot("80-login-kk").await;
    switch(&app, "en").await;
    app.wait_for_text(".login-title", "LOG IN").await;
    app.wait_for_prop("#login-bin", "value", |v| v == &account.bin[..6])
        .await;
    app.screenshot("81-login-en").await;
    app.type_into("#login-bin", &account.bin[6..]).await;
    app.type_into("#login-password", account.password).await;
    app.click("#login-submit").await;

    for (lang, profile, documents, guarantee, settings) in [
        (
            "en",
            "Profile",
            "Organisation documents",
            "Guarantees",
            "Settings",
        ),
        (
            "kk",
            "Профиль",
            "Ұйым құжаттары",
            "Кепілдендіру",
            "Баптаулар",
        ),
    ] {
        switch(&app, lang).await;
        open(&app, "#/", ".page-title", profile).await;
        app.wait_for_text("#profile-bin", account.bin).await;
        app.screenshot(&format!("82-profile-{lang}")).await;
        open(&app, "#/documents", ".page-title", documents).await;
        app.screenshot(&format!("83-documents-{lang}")).await;
        open(&app, "#/applications/guarantee", ".page-title", guarantee).await;
        app.screenshot(&format!("84-guarantee-{lang}")).await;
        open(&app, "#/settings", ".page-title", settings).await;
        app.screenshot(&format!("85-settings-{lang}")).await;
    }
    app.close().await;
}
