//! «Документы организации»: a large upload that survives a crash of the app — and with it of its
//! embedded server, which comes back on another port — and its download.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use homeportal_testkit::{server, TestAccount};

use crate::app::{App, ONE_AT_A_TIME, PATIENCE};

/// The percentage the first upload row shows, once it shows one.
async fn upload_percent(app: &App) -> Option<u64> {
    let text = app
        .client
        .find(Locator::Css(".upload-percent"))
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    text.split('%').next()?.trim().parse().ok()
}

#[tokio::test]
async fn uploads_a_document_and_resumes_by_itself_after_a_crash() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let account = TestAccount::nova_city();
    let files = tempfile::tempdir().expect("tempdir");
    let file = files.path().join("Устав ТОО.pdf");
    let mut data = b"%PDF-1.7\n".to_vec();
    data.extend((0..300u32 * 1024 * 1024).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    std::fs::write(&file, &data).expect("file written");
    let expected = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&data))
    };
    drop(data);
    let file_path = file.to_string_lossy().into_owned();
    let local = tempfile::tempdir().expect("the app's data folder");
    // As a user gets it: the embedded server, the account created by staff in its folder.
    server::create_account(&local.path().join("server"), &account);

    let app = App::launch_embedded(local.path(), &[("HOMEPORTAL_PICK_FILE", &file_path)]).await;
    app.choose_local_mode().await;
    app.log_in(account.bin, account.password).await;
    app.click("#open-documents").await;
    app.find("#slot-charter .files-empty").await;
    app.click("#upload-charter").await;
    // Wait until bytes flow, then look, then crash the app mid-upload.
    let deadline = Instant::now() + PATIENCE;
    let mut seen = None;
    while Instant::now() < deadline {
        if let Some(percent) = upload_percent(&app).await.filter(|p| (1..90).contains(p)) {
            seen = Some(percent);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let seen = seen.expect("the progress bar showed a partial upload");
    app.screenshot("06-upload-progress").await;
    drop(app); // SIGKILL: the app gets no chance to tidy up

    // Restarted, the app picks the upload up by itself: no click needed.
    let saved = tempfile::tempdir().expect("save dir");
    let save_dir = saved.path().to_string_lossy().into_owned();
    let app = App::launch_embedded(local.path(), &[("HOMEPORTAL_SAVE_DIR", &save_dir)]).await;
    app.click("#open-documents").await;
    let table = app.wait_for_text("#slot-charter", "Устав ТОО.pdf").await;
    assert!(
        table.contains("Устав ТОО.pdf"),
        "not uploaded after the restart: {table}"
    );
    let sha = app
        .find("#slot-charter .files .sha")
        .await
        .attr("title")
        .await
        .expect("attr");
    assert_eq!(sha.as_deref(), Some(expected.as_str()));
    app.screenshot("07-documents").await;

    // Download streams it back to disk, byte-exact.
    app.click("#slot-charter .files .actions .link").await;
    app.wait_for_text("#documents-saved", "Устав ТОО.pdf").await;
    let copy = std::fs::read(saved.path().join("Устав ТОО.pdf")).expect("downloaded file");
    let copied = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&copy))
    };
    assert_eq!(copied, expected);
    println!("crashed at {seen}% and resumed");
    // The notice can be dismissed.
    app.click("#documents-saved .dismiss").await;
    app.wait_gone("#documents-saved").await;

    // «Удалить» asks first, naming the file and its size; «Отмена» keeps it.
    app.click("#slot-charter .files .actions .link.danger")
        .await;
    let question = app.wait_for_text("#delete-question", "Устав ТОО.pdf").await;
    assert!(question.contains("МБ"), "{question}");
    app.screenshot("07b-delete-question").await;
    app.click("#delete-cancel").await;
    app.wait_gone("#delete-dialog").await;
    app.wait_for_text("#slot-charter", "Устав ТОО.pdf").await;
    app.click("#slot-charter .files .actions .link.danger")
        .await;
    app.click("#delete-confirm").await;
    app.wait_gone("#slot-charter table.files").await;
    app.close().await;
}

/// The folders a test's app and its picked file live in (removed when dropped).
struct Folders {
    data: tempfile::TempDir,
    _files: tempfile::TempDir,
}

/// As a user gets it (the embedded server, Nova City's account made by staff), logged in on
/// «Документы организации», having picked a sparse file of `bytes` (nothing on disk) named
/// `name` for «Устав».
async fn pick_for_the_charter(name: &str, bytes: u64) -> (App, Folders) {
    let account = TestAccount::nova_city();
    let files = tempfile::tempdir().expect("tempdir");
    let file = files.path().join(name);
    std::fs::File::create(&file)
        .and_then(|f| f.set_len(bytes))
        .expect("large file");
    let file_path = file.to_string_lossy().into_owned();
    let data = tempfile::tempdir().expect("the app's data folder");
    server::create_account(&data.path().join("server"), &account);
    let app = App::launch_embedded(data.path(), &[("HOMEPORTAL_PICK_FILE", &file_path)]).await;
    app.choose_local_mode().await;
    app.log_in(account.bin, account.password).await;
    app.click("#open-documents").await;
    app.click("#upload-charter").await;
    (
        app,
        Folders {
            data,
            _files: files,
        },
    )
}

#[tokio::test]
async fn a_file_over_the_limit_is_named_with_its_size_and_the_message_can_be_dismissed() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (app, _folders) = pick_for_the_charter("Проектная документация.pdf", 701_000_000).await;
    // Decimal units, as the system's file dialog shows the file: 701,0 МБ, not 668,5.
    let message = app
        .wait_for_text("#documents-error", "«Проектная документация.pdf», 701,0 МБ")
        .await;
    assert!(message.contains("не более 600 МБ"), "{message}");
    assert!(
        !app.is_there("#slot-charter .upload").await,
        "no upload row was made"
    );
    app.screenshot("08-too-large").await;
    app.click("#documents-error .dismiss").await;
    app.wait_gone("#documents-error").await;
    app.close().await;
}

#[tokio::test]
async fn closing_while_a_file_uploads_asks_first_and_the_upload_resumes_at_the_next_start() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (app, folders) = pick_for_the_charter("Отчёт.pdf", 590_000_000).await;
    app.find("#slot-charter .upload").await;
    let close = "window.__TAURI__.window.getCurrentWindow().close()";

    // «Не закрывать» keeps the window.
    app.client
        .execute(close, vec![])
        .await
        .expect("close asked");
    app.wait_for_text("#close-uploads", "Ещё загружается файлов: 1")
        .await;
    app.screenshot("09-close-question").await;
    app.click("#close-stay").await;
    app.wait_gone("#close-question").await;
    app.find("#slot-charter").await;

    // «Закрыть» closes it; the upload goes on at the next start by itself. (If the upload
    // finished in the meantime, the window closes without asking, as it should.)
    app.client
        .execute(close, vec![])
        .await
        .expect("close asked");
    let deadline = Instant::now() + PATIENCE;
    while app.client.title().await.is_ok() {
        assert!(Instant::now() < deadline, "the window did not close");
        if let Ok(button) = app.client.find(Locator::Css("#close-anyway")).await {
            let _ = button.click().await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    drop(app);
    let app = App::launch_embedded(folders.data.path(), &[]).await;
    app.click("#open-documents").await;
    app.wait_for_text("#slot-charter", "Отчёт.pdf").await;
    app.find("#slot-charter table.files").await;
    app.close().await;
}

#[tokio::test]
async fn a_paused_upload_is_announced_after_a_restart_and_goes_on_when_resumed() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (app, folders) = pick_for_the_charter("Баланс.pdf", 590_000_000).await;
    app.click("#slot-charter .upload-pause").await;
    app.find("#slot-charter .upload-resume").await;
    drop(app);

    // After the restart the first screen says a paused upload waits, and leads to it.
    let app = App::launch_embedded(folders.data.path(), &[]).await;
    let notice = app
        .wait_for_text("#uploads-pending", "Приостановлена загрузка файлов")
        .await;
    assert!(notice.contains("Файлов: 1."), "{notice}");
    assert!(!notice.contains("продолжается сама"), "{notice}");
    app.screenshot("09b-paused-upload-announced").await;
    app.click("#uploads-pending a").await;
    app.click("#slot-charter .upload-resume").await;
    app.wait_for_text("#slot-charter table.files", "Баланс.pdf")
        .await;
    app.close().await;
}
