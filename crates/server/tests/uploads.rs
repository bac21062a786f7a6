//! tus 1.0 uploads against the server binary: checksums, offsets, limits, ownership, resume,
//! completion into documents, and download with Range.

use base64::Engine;
use homeportal_domain::api::paths;
use homeportal_domain::{ErrorBody, ErrorCode};
use homeportal_testkit::{ServerProcess, TestAccount, TestApp};
use reqwest::{Method, Response, StatusCode};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The tus steps these tests take, on the one typed test app.
trait TusSteps {
    async fn create(&self, length: u64, metadata: &[(&str, &str)]) -> Response;
    async fn create_ok(&self, data: &[u8], name: &str) -> String;
    async fn patch(
        &self,
        location: &str,
        offset: u64,
        chunk: &[u8],
        checksum: Option<String>,
    ) -> Response;
    async fn offset(&self, location: &str) -> (StatusCode, String);
}

impl TusSteps for TestApp<'_> {
    async fn create(&self, length: u64, metadata: &[(&str, &str)]) -> Response {
        let meta: Vec<String> = metadata
            .iter()
            .map(|(k, v)| format!("{k} {}", b64(v.as_bytes())))
            .collect();
        self.tus(Method::POST, paths::UPLOADS)
            .header("Upload-Length", length.to_string())
            .header("Upload-Metadata", meta.join(","))
            .send()
            .await
            .expect("sent")
    }

    async fn create_ok(&self, data: &[u8], name: &str) -> String {
        let sha = hex::encode(Sha256::digest(data));
        let response = self
            .create(
                data.len() as u64,
                &[
                    ("filename", name),
                    ("kind", "library"),
                    ("slot", "charter"),
                    ("sha256", &sha),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(header(&response, "upload-offset"), "0");
        assert!(!header(&response, "upload-expires").is_empty());
        header(&response, "location")
    }

    async fn patch(
        &self,
        location: &str,
        offset: u64,
        chunk: &[u8],
        checksum: Option<String>,
    ) -> Response {
        let mut request = self
            .tus(Method::PATCH, location)
            .header("Content-Type", "application/offset+octet-stream")
            .header("Upload-Offset", offset.to_string());
        if let Some(checksum) = checksum {
            request = request.header("Upload-Checksum", checksum);
        }
        request.body(chunk.to_vec()).send().await.expect("sent")
    }

    async fn offset(&self, location: &str) -> (StatusCode, String) {
        let response = self.tus(Method::HEAD, location).send().await.expect("sent");
        (response.status(), header(&response, "upload-offset"))
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn sha1_header(chunk: &[u8]) -> String {
    format!("sha1 {}", b64(&Sha1::digest(chunk)))
}

fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn code(response: Response) -> (StatusCode, ErrorCode) {
    let status = response.status();
    let body: ErrorBody = response.json().await.expect("error body");
    (status, body.code)
}

fn pdf(size: usize) -> Vec<u8> {
    let mut data = b"%PDF-1.7\n".to_vec();
    data.extend((0..size).map(|i| (i * 31 % 251) as u8));
    data
}

#[tokio::test]
async fn chunks_with_checksums_complete_into_a_document_that_downloads_byte_exact() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let org = server.signed_in(&account).await;
    let data = pdf(300_000);
    let location = org.create_ok(&data, "Устав.pdf").await;

    let (first, rest) = data.split_at(100_000);
    let response = org
        .patch(&location, 0, first, Some(sha1_header(first)))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&response, "upload-offset"), "100000");
    assert_eq!(header(&response, "tus-resumable"), "1.0.0");

    // A damaged chunk: 460, discarded, the offset stays.
    let response = org
        .patch(
            &location,
            100_000,
            rest,
            Some(sha1_header(b"something else")),
        )
        .await;
    assert_eq!(
        code(response).await,
        (
            StatusCode::from_u16(460).expect("460"),
            ErrorCode::ChecksumMismatch
        )
    );
    assert_eq!(
        org.offset(&location).await,
        (StatusCode::OK, "100000".into())
    );

    // A stale offset: 409.
    let response = org.patch(&location, 0, rest, None).await;
    assert_eq!(
        code(response).await,
        (StatusCode::CONFLICT, ErrorCode::OffsetMismatch)
    );

    let sha256 = format!("sha256 {}", b64(&Sha256::digest(rest)));
    let response = org.patch(&location, 100_000, rest, Some(sha256)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&response, "upload-offset"), data.len().to_string());

    let documents = org.documents().await;
    assert_eq!(documents.len(), 1);
    let document = &documents[0];
    assert_eq!(document.file_name, "Устав.pdf");
    assert_eq!(document.mime, "application/pdf");
    assert_eq!(document.size, data.len() as u64);
    assert_eq!(document.sha256, hex::encode(Sha256::digest(&data)));

    let url = format!("{}/{}", paths::DOCUMENTS, document.id);
    let body = org
        .request(Method::GET, &url)
        .send()
        .await
        .expect("sent")
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(body.as_ref(), data.as_slice());
    let partial = org
        .request(Method::GET, &url)
        .header("Range", "bytes=10-19")
        .send()
        .await
        .expect("sent");
    assert_eq!(partial.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        partial.bytes().await.expect("bytes").as_ref(),
        &data[10..20]
    );

    let deleted = org
        .request(Method::DELETE, &url)
        .send()
        .await
        .expect("sent");
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert!(org.documents().await.is_empty());
}

#[tokio::test]
async fn over_the_limit_is_refused_before_anything_is_stored() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let org = server.signed_in(&account).await;
    let too_big = 600 * 1024 * 1024 + 1;
    let response = org
        .create(
            too_big,
            &[("filename", "scan.pdf"), ("kind", "application")],
        )
        .await;
    assert_eq!(
        code(response).await,
        (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::TooLarge)
    );
    // 700 MB is fine for an appeal; one byte more is not.
    let appeal = org
        .create(
            700 * 1024 * 1024,
            &[("filename", "letter.pdf"), ("kind", "appeal")],
        )
        .await;
    assert_eq!(appeal.status(), StatusCode::CREATED);
    let over = org
        .create(
            700 * 1024 * 1024 + 1,
            &[("filename", "letter.pdf"), ("kind", "appeal")],
        )
        .await;
    assert_eq!(code(over).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    let parts: Vec<_> = std::fs::read_dir(server.data_dir().join("uploads"))
        .expect("dir")
        .collect();
    assert_eq!(parts.len(), 1, "only the accepted upload has a file");

    // A chunk longer than the declared length is refused too.
    let location = org.create_ok(b"%PDF-tiny", "tiny.pdf").await;
    let response = org.patch(&location, 0, b"%PDF-tiny and more", None).await;
    assert_eq!(code(response).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(org.offset(&location).await.1, "0");
}

#[tokio::test]
async fn the_quota_is_enforced() {
    let account = TestAccount::nova_city();
    let server =
        ServerProcess::start_configured(std::slice::from_ref(&account), "quota_bytes = 1000\n");
    let org = server.signed_in(&account).await;
    assert_eq!(
        org.create(600, &[("filename", "a.pdf")]).await.status(),
        StatusCode::CREATED
    );
    let response = org.create(600, &[("filename", "b.pdf")]).await;
    assert_eq!(
        code(response).await,
        (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::QuotaExceeded)
    );
}

#[tokio::test]
async fn another_organisation_sees_nothing() {
    let (owner, other) = (TestAccount::nova_city(), TestAccount::stroy());
    let server = ServerProcess::start_configured(&[owner.clone(), other.clone()], "");
    let mine = server.signed_in(&owner).await;
    let theirs = server.signed_in(&other).await;
    let data = pdf(1000);
    let location = mine.create_ok(&data, "mine.pdf").await;

    assert_eq!(theirs.offset(&location).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        code(theirs.patch(&location, 0, &data, None).await).await.0,
        StatusCode::NOT_FOUND
    );
    let deleted = theirs
        .tus(Method::DELETE, &location)
        .send()
        .await
        .expect("sent");
    assert_eq!(deleted.status(), StatusCode::NOT_FOUND);

    assert_eq!(
        mine.patch(&location, 0, &data, None).await.status(),
        StatusCode::NO_CONTENT
    );
    let id = mine.documents().await[0].id;
    let url = format!("{}/{id}", paths::DOCUMENTS);
    assert_eq!(
        theirs
            .request(Method::GET, &url)
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        theirs
            .request(Method::DELETE, &url)
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::NOT_FOUND
    );
    assert!(theirs.documents().await.is_empty());
}

#[tokio::test]
async fn a_wrong_whole_file_hash_is_refused_and_termination_works() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let org = server.signed_in(&account).await;
    let declared = hex::encode(Sha256::digest(b"other content"));
    let response = org
        .create(8, &[("filename", "x.pdf"), ("sha256", &declared)])
        .await;
    let location = header(&response, "location");
    let response = org.patch(&location, 0, b"12345678", None).await;
    assert_eq!(code(response).await.1, ErrorCode::ChecksumMismatch);
    assert!(org.documents().await.is_empty());

    let location = org.create_ok(b"%PDF-abc", "y.pdf").await;
    let terminated = org
        .tus(Method::DELETE, &location)
        .send()
        .await
        .expect("sent");
    assert_eq!(terminated.status(), StatusCode::NO_CONTENT);
    assert_eq!(org.offset(&location).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_file_hash_may_be_declared_on_the_last_patch() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let org = server.signed_in(&account).await;
    let data = b"%PDF-1.7 hashed while sending";
    let (first, last) = data.split_at(10);

    let response = org
        .create(data.len() as u64, &[("filename", "a.pdf")])
        .await;
    let location = header(&response, "location");
    let sent = org
        .patch(&location, 0, first, Some(sha1_header(first)))
        .await;
    assert_eq!(sent.status(), StatusCode::NO_CONTENT);
    let wrong = hex::encode(Sha256::digest(b"another file"));
    let refused = org
        .tus(Method::PATCH, &location)
        .header("Content-Type", "application/offset+octet-stream")
        .header("Upload-Offset", "10")
        .header("Homeportal-File-Sha256", wrong)
        .body(last.to_vec())
        .send()
        .await
        .expect("sent");
    assert_eq!(code(refused).await.1, ErrorCode::ChecksumMismatch);
    assert!(org.documents().await.is_empty());

    let response = org
        .create(data.len() as u64, &[("filename", "b.pdf")])
        .await;
    let location = header(&response, "location");
    org.patch(&location, 0, first, None).await;
    let right = hex::encode(Sha256::digest(data));
    let accepted = org
        .tus(Method::PATCH, &location)
        .header("Content-Type", "application/offset+octet-stream")
        .header("Upload-Offset", "10")
        .header("Homeportal-File-Sha256", &right)
        .body(last.to_vec())
        .send()
        .await
        .expect("sent");
    assert_eq!(accepted.status(), StatusCode::NO_CONTENT);
    let documents = org.documents().await;
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].sha256, right);
}

#[tokio::test]
async fn a_file_shorter_than_the_recorded_offset_is_trusted_only_as_far_as_it_goes() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let org = server.signed_in(&account).await;
    let data = b"%PDF-1.7 0123456789abcdef";
    let location = org.create_ok(data, "c.pdf").await;
    org.patch(&location, 0, &data[..20], None).await;
    // What a power cut can leave behind: the offset recorded, the last bytes not on disk.
    let part = std::fs::read_dir(server.data_dir().join("uploads"))
        .expect("uploads dir")
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "part"))
        .expect("part file")
        .path();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&part)
        .expect("part")
        .set_len(12)
        .expect("truncated");
    assert_eq!(org.offset(&location).await.1, "12");
    let stale = org.patch(&location, 20, &data[20..], None).await;
    assert_eq!(code(stale).await.1, ErrorCode::OffsetMismatch);
    let resumed = org.patch(&location, 12, &data[12..], None).await;
    assert_eq!(resumed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        org.documents().await[0].sha256,
        hex::encode(Sha256::digest(data))
    );
}

/// Makes filing the file of content `sha256` fail: a plain file stands where its blob folder goes.
fn block_blob_folder(server: &ServerProcess, sha256: &str) -> std::path::PathBuf {
    let blocker = server.data_dir().join("blobs").join(&sha256[..2]);
    std::fs::create_dir_all(blocker.parent().expect("blobs")).expect("blobs folder");
    std::fs::write(&blocker, b"in the way").expect("blocker");
    blocker
}

#[tokio::test]
async fn an_upload_stopped_between_its_last_byte_and_its_document_is_filed_at_the_next_start() {
    let account = TestAccount::nova_city();
    let mut server = ServerProcess::start_with(&account);
    let data = pdf(200_000);
    let sha = hex::encode(Sha256::digest(&data));
    let blocker = block_blob_folder(&server, &sha);
    {
        let app = server.signed_in(&account).await;
        let location = app.create_ok(&data, "Устав.pdf").await;
        let last = app.patch(&location, 0, &data, None).await;
        assert!(
            last.status().is_server_error(),
            "filing failed: {}",
            last.status()
        );
        assert!(
            app.documents().await.is_empty(),
            "every byte is here, no document yet"
        );
    }
    std::fs::remove_file(&blocker).expect("blocker removed");

    server.restart();
    let app = server.signed_in(&account).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let document = loop {
        if let Some(document) = app.documents().await.into_iter().next() {
            break document;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never filed after the restart"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(document.sha256, sha);
    assert_eq!(document.file_name, "Устав.pdf");
    assert_eq!(document.size, data.len() as u64);
}

#[tokio::test]
async fn a_head_or_patch_on_a_complete_upload_without_document_files_it() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;
    for (name, by_head) in [("by-head.pdf", true), ("by-patch.pdf", false)] {
        let mut data = pdf(50_000);
        data.extend_from_slice(name.as_bytes());
        let sha = hex::encode(Sha256::digest(&data));
        let blocker = block_blob_folder(&server, &sha);
        let location = app.create_ok(&data, name).await;
        let last = app.patch(&location, 0, &data, None).await;
        assert!(last.status().is_server_error(), "filing failed");
        std::fs::remove_file(&blocker).expect("blocker removed");

        let (status, offset) = if by_head {
            app.offset(&location).await
        } else {
            let again = app.patch(&location, data.len() as u64, &[], None).await;
            (again.status(), header(&again, "upload-offset"))
        };
        assert!(status.is_success(), "{name}: {status}");
        assert_eq!(offset, data.len().to_string());
        let filed = app.documents().await;
        assert!(
            filed.iter().any(|d| d.file_name == name && d.sha256 == sha),
            "{name} filed: {filed:?}"
        );
    }
}

#[tokio::test]
async fn a_slot_that_is_not_a_field_of_the_kind_is_refused_before_anything_is_stored() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;
    for (kind, slot) in [
        ("library", "passport"),
        ("application", "charter"),
        ("application", "app7-no_such_field"),
        ("appeal", "app7-uk_charter"),
    ] {
        let refused = app
            .create(10, &[("filename", "a.pdf"), ("kind", kind), ("slot", slot)])
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{kind} {slot}"
        );
        let body: ErrorBody = refused.json().await.expect("our error");
        assert_eq!(body.fields[0].field, "slot");
        assert_eq!(body.fields[0].rule, "rule.upload.unknown_slot");
    }
    let accepted = app
        .create(
            10,
            &[
                ("filename", "a.pdf"),
                ("kind", "application"),
                ("slot", "app7-uk_charter"),
            ],
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_deleted_document_frees_its_quota_at_once_and_its_upload_is_gone() {
    let account = TestAccount::nova_city();
    let server =
        ServerProcess::start_configured(std::slice::from_ref(&account), "quota_bytes = 1500\n");
    let org = server.signed_in(&account).await;
    let data = pdf(1000);
    let location = org.create_ok(&data, "first.pdf").await;
    assert_eq!(
        org.patch(&location, 0, &data, None).await.status(),
        StatusCode::NO_CONTENT
    );
    let id = org.documents().await[0].id;
    let deleted = org
        .request(Method::DELETE, &format!("{}/{id}", paths::DOCUMENTS))
        .send()
        .await
        .expect("sent");
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        code(org.patch(&location, 0, &data, None).await).await.0,
        StatusCode::NOT_FOUND,
        "the upload went with its document"
    );
    let mut again = pdf(1000);
    again.push(1);
    org.create_ok(&again, "second.pdf").await;
}
