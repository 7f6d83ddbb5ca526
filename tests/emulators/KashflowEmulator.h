#pragma once

#include "EmulatorServer.h"
#include "EntityType.h"
#include "KashflowEmulatorAuth.h"
#include "KashflowEmulatorDropboxLink.h"
#include "KashflowEmulatorError.h"
#include "KashflowEmulatorFormat.h"
#include "KashflowEmulatorSignedUris.h"
#include "KashflowEmulatorStore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

// A loopback emulator of KashFlow's REST API v2 as far as Attaché needs it, after specs/kashflow-v2-files-api.txt
// and what reference/accounting-apis.md gathers about sign-in, errors and lists. Everything is under /v2 but the
// Dropbox side, whose v1 paths (/1/...) the same base URL stands for:
//   POST, PUT, DELETE /v2/sessiontoken               the two-step sign-in with the memorable word, and sign-out
//   GET  /v2/{quotes|invoices|purchases|customers|bankaccounts}     lists paged by page/perpage with NextPageUrl
//   GET  /v2/{type}/{number|code}/files               the entity's files
//   GET, DELETE /v2/{type}/{number|code}/files/{filename}
//   POST /v2/{type}/files                             multipart upload: sessiontoken, number (or code), file
//   POST /v2/{quotes|invoices|purchases}/files/{number}   "Send PDF to Dropbox", without a body
//   GET  /v2/dropbox/authentication, /v2/dropbox/authentication/url, /1/oauth/authorize   connecting Dropbox
//   GET  /1/files/sandbox/..., /1/thumbnails/sandbox/...   the signed FileUri and ThumbnailUri
// Other requests take the session token in "Authorization: KfToken {token}". Answers are JSON or XML as the Accept
// header asks (KashflowEmulatorFormat). Time comes from a clock tests can set, for every expiry.
class KashflowEmulator : public EmulatorServer
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    // KashFlow documents no limit; Dropbox API v1's files_put, where uploads end up, took up to 150 MB.
    static constexpr qint64 DefaultMaxUploadBytes = 150 * 1024 * 1024;
    static constexpr int DefaultPageSize = 100;

    // File contents go to `dataDirectory`, or to a temporary directory when it is empty.
    explicit KashflowEmulator(const QString& dataDirectory = {}, QObject* parent = nullptr);

    QString dataDirectory() const { return m_dataDirectory; }
    // The system's UTC time unless set; an empty clock goes back to it.
    void setClock(const Clock& clock);
    QDateTime now() const;

    // The one user.
    QString userName() const { return m_auth.userName(); }
    QString password() const { return m_auth.password(); }
    QString memorableWord() const { return m_auth.memorableWord(); }
    void setCredentials(const QString& userName, const QString& password);
    void setMemorableWord(const QString& word);
    void setAccountLocked(bool locked);
    void setTemporaryTokenLifetime(int seconds);
    void setSessionIdleLifetime(int seconds);
    qint64 kashflowUserId() const { return KashflowUserId; }
    QString userGuid() const;
    // A session without signing in, for tests that start signed in.
    QString issueSessionToken();
    // Every session token ends now: the next use answers 401 InvalidSessionToken.
    void expireSessions();

    // Records and their files.
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    void addEntity(EntityType type, const QString& key, const QJsonObject& fields = {});
    bool hasEntity(EntityType type, const QString& key) const;
    // The sample company the program serves: customers, quotes, invoices, purchases, bank accounts, a few files.
    void seedSampleData();
    // Seeding, bypassing the API: adds or replaces the file; false when there is no such entity. Modified now
    // when no time is given.
    bool putFile(EntityType type, const QString& key, const QString& name, const QByteArray& content,
                 const QDateTime& modified = {});
    bool hasFile(EntityType type, const QString& key, const QString& name) const;
    QByteArray fileContent(EntityType type, const QString& key, const QString& name) const;
    QStringList fileNames(EntityType type, const QString& key) const;
    void setSignedUriLifetime(int seconds);
    void setMaxUploadBytes(qint64 bytes) { m_maxUploadBytes = bytes; }

    // Dropbox, where KashFlow keeps the files: connected from the start, unless a test says otherwise.
    bool isDropboxConnected() const { return m_dropbox.isConnected(); }
    void setDropboxConnected(bool connected) { m_dropbox.setConnected(connected); }
    void setDropboxForwardsRedirect(bool forwards) { m_dropbox.setForwardsRedirect(forwards); }
    // Every authentication URL handed out so far is past its 5 minutes.
    void expireDropboxAuthenticationUrls() { m_dropbox.expireUrls(); }

protected:
    EmulatorResponse faultResponse(const FaultInjector::Fault& fault, const EmulatorRequest& request) const override;

private:
    static constexpr qint64 KashflowUserId = 93951;

    // One API call: its exchange, the format its answer takes and its decoded path captures.
    struct Call
    {
        EmulatorExchangePtr exchange;
        KashflowEmulatorFormat::Kind format;
        QStringList captures;
    };

    using ApiHandler = void (KashflowEmulator::*)(const Call& call);

    void addApiRoute(QHttpServerRequest::Methods methods, const QString& pattern, bool authenticated,
                     ApiHandler handler);
    bool authenticate(const Call& call);
    void reply(const Call& call, const QJsonValue& value, const QString& root,
               const QHash<QString, QString>& itemNames = {}) const;
    void fail(const Call& call, const KashflowEmulatorError& error) const;

    // The checks every files route makes after authentication; the entity's key as stored, or empty after failing.
    QString checkFilesCall(const Call& call, EntityType type, const QString& key) const;
    struct FileOfCall
    {
        EntityType type;
        QString key;
        QString name;
    };
    // The entity and name of a call on one existing file; nothing once the call has been answered with why not.
    std::optional<FileOfCall> checkFileCall(const Call& call) const;
    QJsonObject fileRecord(EntityType type, const QString& key, const KashflowEmulatorStore::File& file) const;
    // Why KashFlow would not store a file of that name; empty when it would.
    static QString nameProblem(const QString& name);
    static std::optional<EntityType> typeOf(const QString& urlName);

    // Routes
    void startSession(const Call& call);
    void finishSession(const Call& call);
    void endSession(const Call& call);
    void listEntities(const Call& call);
    void listFiles(const Call& call);
    void getFile(const Call& call);
    void deleteFile(const Call& call);
    void uploadFile(const Call& call);
    void sendPdf(const Call& call);
    void dropboxAuthentication(const Call& call);
    void serveContent(const EmulatorExchangePtr& exchange, const QStringList& captures);

    std::unique_ptr<QTemporaryDir> m_temporaryDirectory;
    QString m_dataDirectory;
    Clock m_clock;
    KashflowEmulatorAuth m_auth;
    KashflowEmulatorStore m_store;
    KashflowEmulatorSignedUris m_signedUris;
    KashflowEmulatorDropboxLink m_dropbox;
    int m_pageSize = DefaultPageSize;
    qint64 m_maxUploadBytes = DefaultMaxUploadBytes;
};
