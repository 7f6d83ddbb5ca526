#pragma once

#include "ContentHasher.h"
#include "DropboxEmulatorArgs.h"
#include "DropboxEmulatorAuth.h"
#include "DropboxEmulatorFileTree.h"
#include "EmulatorServer.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QTemporaryDir>

#include <memory>
#include <optional>

// A loopback emulator of Dropbox API v2 and its OAuth 2 endpoints, faithful to the stone spec in what it answers:
// one base URL stands for the api, content, notify and www hosts. It serves OAuth (authorize page, token, revoke),
// users/get_current_account and get_space_usage, and the files routes a document store needs: list_folder (with
// continue, get_latest_cursor, longpoll), get_metadata, create_folder_v2, upload and upload sessions, download
// (with HTTP byte ranges), get_thumbnail_v2, get_thumbnail_batch, delete_v2, move_v2 and copy_v2. File contents
// live on disk.
class DropboxEmulator : public EmulatorServer
{
    Q_OBJECT

public:
    // Dropbox's limit on the data in one request.
    static constexpr qint64 MaxRequestBytes = 150 * 1024 * 1024;

    // File contents go to `dataDirectory`, or to a temporary directory when it is empty.
    explicit DropboxEmulator(const QString& dataDirectory = {}, QObject* parent = nullptr);

    QString appKey() const;
    void setAppKey(const QString& appKey);
    // The authorization page answers as if the user had pressed Allow.
    void setAutoApprove(bool autoApprove);
    // For the access tokens minted from now on (Dropbox: 4 hours).
    void setAccessTokenLifetime(int seconds);
    void expireAccessTokens();
    // Tokens without the browser, for tests that start already linked.
    QString issueRefreshToken();
    QString issueAccessToken();

    // Long polls wait timeout × scale seconds, so that tests need not wait 30 s.
    void setLongpollTimeoutScale(double scale);
    void setQuotaBytes(qint64 bytes);
    // Every cursor handed out so far answers "reset" from now on, as after a reset on Dropbox's side.
    void invalidateCursors();
    // Long polls answer with "backoff": seconds from now on (0: none), as Dropbox does when it is busy.
    void setLongpollBackoff(int seconds) { m_longpollBackoff = seconds; }

    bool hasFile(const QString& path) const;
    bool hasFolder(const QString& path) const;
    // The whole content in memory: for small files.
    QByteArray fileContent(const QString& path) const;
    QString fileContentHash(const QString& path) const;
    // Seeding, bypassing the API: the file is created or replaced, its parents created.
    bool putFile(const QString& path, const QByteArray& content);
    bool putFileFromDisk(const QString& path, const QString& localPath);
    // Removes a file or folder as another client would; false when there is none.
    bool removePath(const QString& path);
    int activeUploadSessions() const { return int(m_sessions.size()); }

protected:
    EmulatorResponse faultResponse(const FaultInjector::Fault& fault, const EmulatorRequest& request) const override;

private:
    using Entry = DropboxEmulatorFileTree::Entry;

    enum class Style { Rpc, Upload, Download };

    enum PathRule { AllowRoot = 1, AllowId = 2, AllowRev = 4 };

    // One API call that passed the checks every route shares.
    struct Call
    {
        EmulatorExchangePtr exchange;
        QString route; // "files/upload", as Dropbox names it in its messages
        QJsonValue arg;
        QString argOrigin; // where the argument came from, for messages
        QString accessToken;
    };

    struct Cursor
    {
        QString folderKey;
        bool recursive = false;
        bool includeDeleted = false;
        int limit = 0;
        qint64 sequence = 0; // the last change the client has been told about (or is being told by the listing)
        bool listing = false; // still paging through the folder's entries
        QString afterKey; // the last entry listed
    };

    struct CommitInfo
    {
        QString path;
        QString mode;
        QString rev;
        bool autorename = false;
        QDateTime clientModified;
        bool strictConflict = false;
    };

    struct CommitOutcome
    {
        Entry entry;
        QJsonObject writeError; // empty on success
    };

    struct UploadSession
    {
        QString blobPath;
        qint64 size = 0; // sequential: the bytes so far; concurrent: the end of the closing append
        bool closed = false;
        bool concurrent = false;
        // Sequential sessions hash as data arrives, so finishing a 1 GiB file needs no second pass.
        std::unique_ptr<ContentHasher> hasher;
        QString contentHash;
        QList<QPair<qint64, qint64>> pieces; // concurrent: offset and length of each append
    };

    struct LongpollWaiter
    {
        EmulatorExchangePtr exchange;
        Cursor cursor;
    };

    struct ThumbnailSpec
    {
        QString format;
        QString size;
        QString mode;
    };

    struct Thumbnail
    {
        Entry file;
        QByteArray image;
        QJsonObject error; // a ThumbnailError when there is no image
    };

    using ApiHandler = void (DropboxEmulator::*)(const Call& call);

    void addApiRoute(const QString& route, Style style, bool authenticated, ApiHandler handler);
    bool authenticate(Call& call) const;
    bool checkContentType(const Call& call, Style style) const;
    bool readArg(Call& call, Style style) const;

    void reply(const Call& call, const QJsonValue& result) const;
    void routeError(const Call& call, const QJsonObject& error) const;
    void badRequest(const Call& call, const QString& detail) const;
    void storageError(const Call& call) const;
    static EmulatorResponse authError(const QString& tag);

    // Paths
    bool checkPathArg(const Call& call, const QString& field, const QString& path, int rules) const;
    const Entry* lookup(const QString& path, QString* errorTag) const;
    // The WriteError that writing at this path would meet before any conflict with what is there; empty if none.
    QJsonObject writeProblem(const QString& path) const;
    QString freeName(const QString& path, bool conflictedCopy) const;

    // Listing
    std::optional<Cursor> readListFolderArg(const Call& call) const;
    QString encodeCursor(const Cursor& cursor) const;
    std::optional<Cursor> decodeCursor(const QString& text) const;
    bool hasChanges(const Cursor& cursor) const;
    void replyPage(const Call& call, Cursor cursor) const;
    void answerLongpolls();
    // ListFolderLongpollResult: changes, and the backoff when one is set.
    QJsonObject longpollResult(bool changes) const;

    // Writing
    std::optional<CommitInfo> readCommit(const Call& call, DropboxEmulatorArgs& args) const;
    CommitOutcome commit(const CommitInfo& info, const QString& blobPath, qint64 size, const QString& contentHash);
    QString startSession(bool concurrent);
    static bool append(UploadSession& session, qint64 offset, const QByteArray& data);
    static QString sessionHash(UploadSession& session);
    void finishSession(const Call& call, const QString& sessionId, const CommitInfo& info, bool simpleUpload);
    bool seed(const QString& path, const QString& blobPath, qint64 size, const QString& contentHash);

    static ThumbnailSpec readThumbnailSpec(DropboxEmulatorArgs& args);
    Thumbnail thumbnail(const QString& path, const ThumbnailSpec& spec) const;
    void relocate(const Call& call, bool copy);

    // Routes
    void listFolder(const Call& call);
    void listFolderContinue(const Call& call);
    void listFolderGetLatestCursor(const Call& call);
    void listFolderLongpoll(const Call& call);
    void getMetadata(const Call& call);
    void createFolder(const Call& call);
    void upload(const Call& call);
    void uploadSessionStart(const Call& call);
    void uploadSessionAppend(const Call& call);
    void uploadSessionFinish(const Call& call);
    void download(const Call& call);
    void getThumbnail(const Call& call);
    void getThumbnailBatch(const Call& call);
    void deleteEntry(const Call& call);
    void move(const Call& call);
    void copy(const Call& call);
    void getCurrentAccount(const Call& call);
    void getSpaceUsage(const Call& call);
    void revokeToken(const Call& call);

    std::unique_ptr<QTemporaryDir> m_temporaryDirectory;
    DropboxEmulatorFileTree m_tree;
    DropboxEmulatorAuth m_auth;
    QHash<QString, std::shared_ptr<UploadSession>> m_sessions;
    QList<LongpollWaiter> m_longpolls;
    QString m_cursorEpoch;
    double m_longpollTimeoutScale = 1.0;
    int m_longpollBackoff = 0;
    qint64 m_quotaBytes = Q_INT64_C(2) << 40;
};
