//! The typed command contract between the UI and the shell, declared once: every command is
//! `feature::name(Request) -> Response => Marker`. The shell registers its handlers from this
//! list and the UI invokes the marker types, so a renamed or missing command fails to compile
//! on both sides.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A command the UI can ask of the shell.
pub trait Command {
    /// The name the shell registers it under.
    const NAME: &'static str;
    /// What the UI sends (as the `request` argument).
    type Request: Serialize + DeserializeOwned;
    /// What the shell answers.
    type Response: Serialize + DeserializeOwned;
}

/// The request of commands that need nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoArgs {}

/// Calls `$callback!` with every command, grouped by the feature that handles it:
/// `feature { name(Request) -> Response => Marker; … }`.
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            session {
                app_info($crate::commands::NoArgs) -> $crate::api::AppInfo => AppInfo;
                login($crate::api::LoginRequest) -> $crate::api::Profile => Login;
                logout($crate::commands::NoArgs) -> () => Logout;
                set_language($crate::api::SetLanguageRequest) -> () => SetLanguage;
                ready_to_close($crate::commands::NoArgs) -> () => ReadyToClose;
                confirm_close($crate::commands::NoArgs) -> () => ConfirmClose;
            }
            settings {
                choose_server($crate::settings::ServerChoice) -> $crate::api::AppInfo => ChooseServer;
                settings($crate::commands::NoArgs) -> $crate::settings::SettingsView => Settings;
                change_server($crate::settings::ServerChoice) -> () => ChangeServer;
                import_trust_bundle($crate::commands::NoArgs) -> ::std::option::Option<$crate::settings::TrustInfo> => ImportTrustBundle;
                save_support_log($crate::commands::NoArgs) -> ::std::option::Option<::std::string::String> => SaveSupportLog;
                ncalayer_ca($crate::commands::NoArgs) -> u32 => NcaLayerCa;
                import_ncalayer_ca($crate::commands::NoArgs) -> ::std::option::Option<u32> => ImportNcaLayerCa;
                forget_ncalayer_ca($crate::commands::NoArgs) -> () => ForgetNcaLayerCa;
            }
            updates {
                check_update($crate::commands::NoArgs) -> $crate::updates::UpdateCheck => CheckUpdate;
                install_update($crate::updates::InstallUpdateRequest) -> $crate::updates::InstallOutcome => InstallUpdate;
            }
            front_door {
                start_registration($crate::commands::NoArgs) -> $crate::access::RegistrationStarted => StartRegistration;
                submit_registration_contacts($crate::access::RegistrationContacts) -> $crate::access::CodesSent => SubmitRegistrationContacts;
                resend_registration_code($crate::access::Step<$crate::access::ResendRequest>) -> $crate::access::CodesSent => ResendRegistrationCode;
                confirm_registration($crate::access::Step<$crate::access::ConfirmCodes>) -> () => ConfirmRegistration;
                complete_registration($crate::access::Step<$crate::access::NewPassword>) -> $crate::api::Profile => CompleteRegistration;
                request_email_code($crate::access::EmailCodeRequest) -> $crate::access::CodeSent => RequestEmailCode;
                login_by_email($crate::access::EmailLoginRequest) -> $crate::api::Profile => LoginByEmail;
                login_by_eds($crate::commands::NoArgs) -> $crate::api::Profile => LoginByEds;
                start_qr_login($crate::commands::NoArgs) -> $crate::access::QrLoginView => StartQrLogin;
                qr_login_status($crate::access::Step<$crate::access::QrLoginPoll>) -> $crate::access::QrLoginProgress => QrLoginStatus;
                start_recovery($crate::access::RecoveryRequest) -> $crate::access::RecoveryStarted => StartRecovery;
                start_recovery_by_eds($crate::commands::NoArgs) -> $crate::access::RecoveryStarted => StartRecoveryByEds;
                confirm_recovery($crate::access::Step<$crate::access::ConfirmCodes>) -> () => ConfirmRecovery;
                complete_recovery($crate::access::Step<$crate::access::NewPassword>) -> () => CompleteRecovery;
                change_contact($crate::access::ContactChange) -> $crate::access::CodeSent => ChangeContact;
                confirm_contact($crate::access::ContactConfirm) -> $crate::api::Profile => ConfirmContact;
                profile_history($crate::commands::NoArgs) -> ::std::vec::Vec<$crate::access::ProfileChange> => ProfileHistory;
                local_mailbox($crate::commands::NoArgs) -> ::std::vec::Vec<$crate::access::LocalMessage> => LocalMailbox;
            }
            documents {
                pick_file($crate::commands::NoArgs) -> ::std::option::Option<::std::string::String> => PickFile;
                list_uploads($crate::commands::NoArgs) -> ::std::vec::Vec<$crate::api::UploadEvent> => ListUploads;
                start_upload($crate::api::StartUploadRequest) -> () => StartUpload;
                pause_upload($crate::api::UploadIdRequest) -> () => PauseUpload;
                resume_upload($crate::api::UploadIdRequest) -> () => ResumeUpload;
                cancel_upload($crate::api::UploadIdRequest) -> () => CancelUpload;
                list_documents($crate::commands::NoArgs) -> ::std::vec::Vec<$crate::api::DocumentInfo> => ListDocuments;
                delete_document($crate::api::DocumentIdRequest) -> () => DeleteDocument;
                download_document($crate::api::DownloadRequest) -> ::std::option::Option<::std::string::String> => DownloadDocument;
                attach_library_document($crate::api::AttachDocumentRequest) -> $crate::api::DocumentInfo => AttachLibraryDocument;
            }
            signing {
                sign_with_ncalayer($crate::api::DocumentIdRequest) -> $crate::signing::SignatureInfo => SignWithNcaLayer;
                start_qr_signing($crate::api::DocumentIdRequest) -> $crate::signing::QrView => StartQrSigning;
                qr_signing_status($crate::signing::QrSessionRequest) -> $crate::signing::QrStatus => QrSigningStatus;
                ncalayer_port($crate::commands::NoArgs) -> u16 => NcaLayerPort;
                set_ncalayer_port($crate::signing::NcaLayerPortRequest) -> u16 => SetNcaLayerPort;
                open_ncalayer_download($crate::commands::NoArgs) -> () => OpenNcaLayerDownload;
            }
            applications {
                list_applications($crate::applications::ListApplicationsRequest) -> ::std::vec::Vec<$crate::applications::ApplicationSummary> => ListApplications;
                open_draft($crate::applications::DraftIdRequest) -> $crate::applications::DraftView => OpenDraft;
                save_draft($crate::applications::SaveDraftRequest) -> $crate::applications::SavedDraft => SaveDraft;
                delete_draft($crate::applications::DraftIdRequest) -> () => DeleteDraft;
                resolve_conflict($crate::applications::ResolveConflictRequest) -> $crate::applications::DraftView => ResolveConflict;
                create_based_on($crate::applications::DraftIdRequest) -> $crate::applications::DraftView => CreateBasedOn;
            }
            guarantee {
                find_organisation($crate::guarantee::FindOrganisationRequest) -> $crate::guarantee::Organisation => FindOrganisation;
                invite_developer($crate::applications::DraftIdRequest) -> $crate::guarantee::InvitationSent => InviteDeveloper;
                open_invitation($crate::guarantee::InvitationCodeRequest) -> $crate::guarantee::InvitationView => OpenInvitation;
                confirm_invitation($crate::guarantee::InvitationCodeRequest) -> $crate::guarantee::InvitationAccepted => ConfirmInvitation;
                send_to_moderation($crate::applications::DraftIdRequest) -> $crate::applications::DraftView => SendToModeration;
                sign_application($crate::applications::DraftIdRequest) -> $crate::applications::DraftView => SignApplication;
                new_version($crate::applications::DraftIdRequest) -> $crate::applications::DraftView => NewVersion;
                start_qr_submission($crate::applications::DraftIdRequest) -> $crate::signing::QrView => StartQrSubmission;
                qr_submission_status($crate::guarantee::SubmissionQrRequest) -> $crate::signing::QrStatus => QrSubmissionStatus;
                consent_catalogue($crate::commands::NoArgs) -> ::std::vec::Vec<$crate::guarantee::consents::ConsentTemplate> => ConsentCatalogue;
                form_consent($crate::guarantee::consents::FormConsentRequest) -> $crate::api::DocumentInfo => FormConsentDocument;
            }
        }
    };
}

macro_rules! declare_markers {
    ($( $feature:ident { $( $name:ident ($request:ty) -> $response:ty => $marker:ident; )* } )*) => {
        $($(
            #[doc = concat!("`", stringify!($name), "`, handled by the shell's `", stringify!($feature), "` feature.")]
            #[derive(Debug, Clone, Copy)]
            pub struct $marker;

            impl Command for $marker {
                const NAME: &'static str = stringify!($name);
                type Request = $request;
                type Response = $response;
            }
        )*)*

        /// Every command name, for checks that the shell registers them all.
        pub const ALL: &[&str] = &[$($(stringify!($name)),*),*];
    };
}

for_each_command!(declare_markers);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_snake_case() {
        let mut names = ALL.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        assert!(ALL
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        assert_eq!(AppInfo::NAME, "app_info");
        assert_eq!(SaveDraft::NAME, "save_draft");
    }
}
