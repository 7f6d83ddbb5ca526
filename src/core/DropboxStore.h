#pragma once

#include "DropboxEndpoints.h"
#include "RemoteStore.h"
#include "RetryPolicy.h"

#include <QJsonObject>

#include <atomic>
#include <functional>

class DropboxAuthenticator;
class DropboxChangeWatcher;
class DropboxTransfer;
class DropboxThumbnailBatcher;
class HttpCall;
struct HttpRequest;
struct HttpResponse;

// Documents in the user's Dropbox, laid out as KashFlow keeps them: /<Type>/<Id>/<file> under a root
// folder (an app-folder app sees its own folder as the root). Speaks Dropbox API v2 on the store's
// network thread; a listing that has more pages follows them all.
class DropboxStore : public RemoteStore
{
    Q_OBJECT

public:
    // rootFolder: "" for the top of the Dropbox (or app folder), else "/Accounting".
    DropboxStore(const DropboxEndpoints& endpoints, const QString& appKey, const QString& rootFolder,
                 QObject* parent = nullptr);
    ~DropboxStore() override;

    // "dropbox:" followed by the root folder.
    static QString uriFor(const QString& rootFolder);
    static QString accountUriFor(const QString& rootFolder, const QString& accountId);

    // The keychain entry of an account's refresh token.
    static QString keychainKey(const QString& accountId) { return QStringLiteral("dropbox:") + accountId; }
    // Reads the account's refresh token from the keychain the first time a request needs it.
    void useKeychainAccount(const QString& accountId);
    // For a sign-in that has just happened, and for tests.
    void setRefreshToken(const QString& token);
    // Tests: smaller chunks and single-request limit than Dropbox's, to exercise sessions cheaply, and the
    // appends in flight (1 makes a sequential session).
    void setUploadChunking(qint64 chunkSize, qint64 singleRequestLimit, int parallelChunks);
    // Tests: how every request of the store retries, set before the first one (as the chunking).
    void setRetryPolicy(const RetryPolicy& policy);

    QString uri() const override;
    QString accountUri() const override;
    QString displayName() const override;
    QString deletionNote() const override;
    Operations supportedOperations() const override;

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
    StoreReply* rename(const AttachmentRef& attachment, const QString& newName) override;
    // Watches with list_folder/longpoll from the stored cursor (DropboxChangeWatcher).
    bool startWatching(const QByteArray& state) override;

    // The steps of watching, each one request, with their results as JSON in the reply's data():
    // the cursor for now, {"cursor"}; whether there are changes since a cursor, {"changes", "backoff"?} or
    // {"reset": true}; and what changed, {"cursor"} or {"reset": true}, the changed types in entityTypes() and
    // entities in entities().
    StoreReply* latestCursor();
    StoreReply* longpoll(const QString& cursor, int timeoutSeconds);
    StoreReply* changesSince(const QString& cursor);

signals:
    // Dropbox no longer accepts this account's tokens: the user must connect it again.
    void signInRequired(const QString& message);

private:
    // move_v2 of an attachment to name on target; autorename numbers a taken name, else it is refused.
    StoreReply* moveTo(const AttachmentRef& attachment, const EntityRef& target, const QString& name, bool autorename);
    // The entries, or the response that failed.
    using Entries
        = std::function<void(const QList<QJsonObject>& entries, const QString& cursor, const HttpResponse* failure)>;

    QString entityPath(const EntityRef& entity) const;
    QString attachmentPath(const AttachmentRef& attachment) const;
    // A new call owned by the operation and aborted with it; network thread.
    HttpCall* newCall(RemoteOperation* operation, const HttpRequest& request);
    // Every page of a folder listing.
    void listFolder(RemoteOperation* operation, const QString& path, bool recursive, Entries done);
    void listPage(RemoteOperation* operation, HttpRequest request, QList<QJsonObject> entries, Entries done);
    // Starts an upload or download for the operation, which passes on its progress, checkpoints and result.
    void run(RemoteOperation* operation, DropboxTransfer* transfer, const QByteArray& resumeState);
    // When Dropbox answered that the cursor was reset, finishes the operation with {"reset": true}.
    bool succeedOnReset(RemoteOperation* operation, const HttpResponse& response);
    // delete_v2 with arg, a parent_rev in it turning a conflict into Changed.
    void deleteFile(RemoteOperation* operation, const AttachmentRef& attachment, const QJsonObject& arg);
    // Gets the cursor for now, making the root folder first when it is not there yet.
    void fetchLatestCursor(RemoteOperation* operation, bool mayCreateRoot);
    // Finishes the operation with the error Dropbox gave, and notices a signed-out account.
    void fail(RemoteOperation* operation, const HttpResponse& response, const QString& subject);
    void fail(RemoteOperation* operation, StoreReply::Error error, const QString& message);

    const DropboxEndpoints m_endpoints;
    const QString m_rootFolder;
    QString m_accountId;
    DropboxAuthenticator* m_authenticator;
    DropboxThumbnailBatcher* m_thumbnails;
    DropboxChangeWatcher* m_watcher = nullptr;
    bool m_thumbnailFlushPending = false;
    std::atomic<qint64> m_chunkSize;
    std::atomic<qint64> m_singleRequestLimit;
    std::atomic<int> m_parallelChunks;
    RetryPolicy m_retryPolicy;
};
