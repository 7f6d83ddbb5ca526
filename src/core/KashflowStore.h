#pragma once

#include "KashflowPayload.h"
#include "KashflowSession.h"
#include "RemoteStore.h"
#include "SecretStore.h"

#include <QJsonObject>
#include <QUrl>

#include <atomic>
#include <functional>

class HttpCall;
struct HttpRequest;
struct HttpResponse;

// Documents in KashFlow, through its REST API v2 (specs/kashflow-v2-files-api.txt), which keeps them in the
// user's Dropbox under quotes, invoices, purchases, customers and bank accounts. Lists follow NextPageUrl; an
// upload is a multipart form with its fields in the order KashFlow requires, the file streamed from disk;
// downloads and thumbnails come through the signed FileUri and ThumbnailUri of a fresh file record. Runs on the
// store's network thread; the session token is held in memory only.
class KashflowStore : public RemoteStore
{
    Q_OBJECT

public:
    // Why the API cannot be used at this address (only https, or loopback for the emulator); empty when it can.
    static QString baseUrlProblem(const QUrl& baseUrl);

    // userName: the KashFlow user whose records these are; part of the store's URI, so that the cache and the
    // transfer journal of one user never serve another.
    explicit KashflowStore(const QUrl& baseUrl, const QString& userName = {}, QObject* parent = nullptr);
    ~KashflowStore() override;

    // After a sign-in: its session token, and the credentials to sign in again with when the user ticked
    // "Remember me" (else empty).
    void setSession(const QString& token, const KashflowSession::Credentials& remembered = {});
    // The keychain entry of a user's remembered credentials.
    static QString keychainKey(const QString& userName) { return QStringLiteral("kashflow:") + userName; }
    // Reads the user's remembered credentials from the keychain the first time a sign-in is needed.
    void useKeychainCredentials(const QString& userName);
    // Keeps the credentials in the keychain, the only place they are ever written ("Remember me").
    static void rememberCredentials(const KashflowSession::Credentials& credentials, QObject* context,
                                    SecretStore::Callback done);
    // Deletes them from the keychain; succeeds when none were remembered.
    static void forgetCredentials(const QString& userName, QObject* context, SecretStore::Callback done);
    // The format KashFlow is asked to answer in; JSON unless the user chose XML.
    void setFormat(KashflowPayload::Format format) { m_format = format; }

    QUrl baseUrl() const { return m_baseUrl; }
    QString userName() const { return m_userName; }
    static QString uriFor(const QString& userName) { return QStringLiteral("kashflow:") + userName; }
    QString uri() const override { return uriFor(m_userName); }
    QString displayName() const override;
    Operations supportedOperations() const override;

    QList<EntityType> entityTypes() const override;
    StoreReply* listEntities(EntityType type) override;
    StoreReply* createEntity(const EntityRef& entity) override;
    StoreReply* listAttachments(const EntityRef& entity) override;
    using Store::upload;
    StoreReply* upload(const QString& localPath, const EntityRef& target, const QString& name,
                       const QByteArray& resumeState) override;
    using Store::download;
    StoreReply* download(const AttachmentRef& attachment, const QString& localPath, const QByteArray& resumeState,
                         ExistingFile existing) override;
    using Store::remove;
    StoreReply* remove(const AttachmentRef& attachment, const QString& expectedContentHash) override;
    StoreReply* thumbnail(const AttachmentRef& attachment, const QSize& size) override;
    StoreReply* move(const AttachmentRef& attachment, const EntityRef& target) override;

    // "Send PDF to Dropbox": KashFlow files the PDF of a quote, invoice or purchase with its documents; the
    // reply's attachment() is its record.
    StoreReply* sendPdfToDropbox(const EntityRef& entity);
    static bool canSendPdf(EntityType type);
    // "Connect KashFlow to Dropbox": the reply's link() is the Dropbox page to open in a browser within its
    // lifetime, with redirectUri appended as KashFlow's redirecturl so that the browser ends there.
    StoreReply* dropboxAuthentication(const QUrl& redirectUri);
    static constexpr int DropboxLinkLifetimeSeconds = 5 * 60;

signals:
    // KashFlow ended the session and no remembered credentials could start another: the user must sign in.
    void signInRequired(const QString& message);

private:
    // The segments under the base URL, each percent-encoded.
    QUrl route(const QStringList& segments) const;
    // /{type}/{key}/files[/{name}].
    QUrl filesUrl(const EntityRef& entity, const QString& name = {}) const;
    // A request to KashFlow's API, in the user's format.
    HttpRequest request(const QByteArray& method, const QUrl& url) const;
    // A GET of a signed link KashFlow gave to a file or thumbnail.
    static HttpRequest linkRequest(const QUrl& link);
    // A new call owned by the operation and aborted with it; network thread.
    HttpCall* newCall(RemoteOperation* operation, const HttpRequest& request);
    // Runs the request and gives done the successful answer; fails the operation with KashFlow's error otherwise.
    void call(RemoteOperation* operation, const HttpRequest& request, std::function<void(const HttpResponse&)> done);
    void listPage(RemoteOperation* operation, EntityType type, const QUrl& url, QList<Entity> entities);
    void sendFile(RemoteOperation* operation, const QString& localPath, const EntityRef& target, const QString& name,
                  int attempt);
    // The file's record now, for its freshly signed FileUri and ThumbnailUri.
    void fetchRecord(RemoteOperation* operation, const AttachmentRef& attachment,
                     std::function<void(const Attachment&)> done);
    // Signed links come from KashFlow's answers: only https ones are followed, or loopback for the emulator.
    static bool isAcceptableLink(const QUrl& url);

    const QUrl m_baseUrl;
    const QString m_userName;
    KashflowSession* m_session;
    std::atomic<KashflowPayload::Format> m_format { KashflowPayload::Format::Json };
};
