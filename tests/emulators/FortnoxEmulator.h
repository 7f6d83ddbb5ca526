#pragma once

#include "EmulatorServer.h"
#include "FortnoxEmulatorAuth.h"
#include "FortnoxEmulatorError.h"
#include "FortnoxEmulatorFileTree.h"
#include "FortnoxEmulatorFormat.h"
#include "FortnoxEmulatorLedger.h"
#include "FortnoxEmulatorRateLimit.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

// A loopback emulator of Fortnox API v3 as far as Attaché needs it, after specs/fortnox-v3-inbox-api.txt and what
// reference/accounting-apis.md gathers about folders, sign-in, limits and file connections:
//   GET         /3/inbox, /3/inbox/{Id}, /3/inbox?path=   a folder, or a file's content when the Id is a file's
//   POST        /3/inbox?folderid= or ?path=              multipart upload of the field "file": 201 {"File": ...}
//   DELETE      /3/inbox/{Id}, /3/inbox?path=             a file or a user's folder: 204
//   the same under /3/archive, which also serves GET /3/archive?fileid={ArchiveFileId}
//   GET         /3/supplierinvoices, /3/vouchers, /3/financialyears    lists paged by page and limit
//   POST, GET   /3/supplierinvoicefileconnections, /3/voucherfileconnections, and GET, DELETE .../{FileId}
//   GET         /oauth-v1/auth (consent page), POST /oauth-v1/token
// Each /3 route needs its scope: inbox, archive, connectfile, supplierinvoice or bookkeeping. Answers are JSON or
// XML as the Accept header asks, errors {"ErrorInformation": ...} (FortnoxEmulatorFormat). Requests are limited to
// 25 in any 5 seconds per client (FortnoxEmulatorRateLimit). Token lifetimes run on a clock tests can set.
//
// A connection's FileId is the inbox file's Id, as Fortnox's own SDK tests connect them; its ArchiveFileId is
// refused as an unknown file. Connecting moves the file out of the inbox into the archive's connected files,
// fndoc{year}/fndoc{year}{month}{l|v} (l: supplier invoices, v: vouchers), under its ArchiveFileId.
class FortnoxEmulator : public EmulatorServer
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;
    using Target = FortnoxEmulatorLedger::Target;

    // Fortnox documents no upload limit for the API; 5 MB is its limit for files attached to invoices and for
    // receipts mailed to the inbox, and leaves room for scanned invoices: it is taken for every upload.
    static constexpr qint64 DefaultMaxUploadBytes = 5 * 1024 * 1024;
    static constexpr int DefaultPageSize = 100;
    static constexpr int MaxPageSize = 500;

    struct StoredFile
    {
        QString id;
        QString archiveFileId;
    };

    // File contents go to `dataDirectory`, or to a temporary directory when it is empty.
    explicit FortnoxEmulator(const QString& dataDirectory = {}, QObject* parent = nullptr);

    QString dataDirectory() const { return m_dataDirectory; }
    // The system's UTC time unless set; an empty clock goes back to it.
    void setClock(const Clock& clock) { m_clock = clock; }
    QDateTime now() const;

    // The integration and its sign-in.
    QString clientId() const { return m_auth.clientId(); }
    QString clientSecret() const { return m_auth.clientSecret(); }
    void setClientCredentials(const QString& clientId, const QString& clientSecret);
    QString legacyAccessToken() const { return m_auth.legacyAccessToken(); }
    QString legacyClientSecret() const { return m_auth.legacyClientSecret(); }
    void setLegacyCredentials(const QString& accessToken, const QString& clientSecret);
    void setRedirectUri(const QString& uri) { m_auth.setRedirectUri(uri); }
    static QStringList allScopes() { return FortnoxEmulatorAuth::knownScopes(); }
    // Tokens without signing in, for tests that start signed in.
    QString issueAccessToken(const QStringList& scopes = allScopes());
    QString issueRefreshToken(const QStringList& scopes = allScopes());
    // Every access token ends now: the next use answers 401.
    void expireAccessTokens() { m_auth.expireAccessTokens(); }
    bool isRefreshTokenUnused(const QString& token) const { return m_auth.isRefreshTokenUnused(token); }

    // The rate limit: its window, its count, and the monotonic clock it runs on (milliseconds).
    void setRateLimitWindow(qint64 milliseconds) { m_rateLimit.setWindowMs(milliseconds); }
    void setRateLimit(int requests) { m_rateLimit.setLimit(requests); }
    void setRateLimitClock(const FortnoxEmulatorRateLimit::Clock& clock) { m_rateLimit.setClock(clock); }
    void setRateLimitEnabled(bool enabled) { m_rateLimit.setEnabled(enabled); }

    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    void setMaxUploadBytes(qint64 bytes) { m_maxUploadBytes = bytes; }

    // Seeding and inspection, bypassing the API.
    // `id`, when given, is the file's Id instead of a GUID.
    std::optional<StoredFile> putInboxFile(const QString& folderId, const QString& name, const QByteArray& content,
                                           const QString& id = {});
    std::optional<StoredFile> putArchiveFile(const QString& folderId, const QString& name, const QByteArray& content);
    // A user's folder, which unlike Fortnox's own can be deleted; its Id, or empty when the parent does not exist.
    QString addInboxFolder(const QString& parentId, const QString& name);
    QString addArchiveFolder(const QString& parentId, const QString& name);
    // The content of a file by its Id in either tree, or by its ArchiveFileId; empty when there is none.
    QByteArray fileContent(const QString& id) const;
    QStringList inboxFileNames(const QString& folderId) const;
    QStringList archiveFileNames(const QString& folderId) const;
    // The e-mail address of an inbox folder; empty when there is none.
    QString inboxFolderEmail(const QString& folderId) const;
    FortnoxEmulatorLedger::SupplierInvoice addSupplierInvoice(const FortnoxEmulatorLedger::SupplierInvoice& invoice);
    std::optional<FortnoxEmulatorLedger::Voucher> addVoucher(const FortnoxEmulatorLedger::Voucher& voucher);
    void addFinancialYear(const FortnoxEmulatorLedger::FinancialYear& year) { m_ledger.addFinancialYear(year); }
    QList<FortnoxEmulatorLedger::Connection> connections() const { return m_ledger.connections(); }
    // A small Swedish company: financial years 2023 to 2025, supplier invoices, vouchers and inbox files.
    void seedSampleData();

protected:
    EmulatorResponse faultResponse(const FaultInjector::Fault& fault, const EmulatorRequest& request) const override;

private:
    enum class Tree { Inbox, Archive };

    // One API call: its exchange, the format of its answer, its decoded path captures and the tree it is about.
    struct Call
    {
        EmulatorExchangePtr exchange;
        FortnoxEmulatorFormat::Kind format;
        QStringList captures;
        Tree tree = Tree::Inbox;
    };

    using ApiHandler = void (FortnoxEmulator::*)(const Call& call);

    void addApiRoute(QHttpServerRequest::Methods methods, const QString& pattern, const QString& scope,
                     ApiHandler handler, Tree tree = Tree::Inbox);
    void reply(const Call& call, int status, const QJsonObject& body,
               const QHash<QString, QString>& itemNames = {}) const;
    void fail(const Call& call, const FortnoxEmulatorError& error) const;

    FortnoxEmulatorFileTree& tree(Tree tree) { return tree == Tree::Inbox ? m_inbox : m_archive; }
    const FortnoxEmulatorFileTree& tree(Tree tree) const { return tree == Tree::Inbox ? m_inbox : m_archive; }
    QString treeUrl(Tree tree, const QString& id) const;
    QJsonObject folderRecord(Tree tree, const FortnoxEmulatorFileTree::Folder& folder) const;
    QJsonObject fileRecord(Tree tree, const FortnoxEmulatorFileTree::File& file) const;
    QString addFolder(Tree tree, const QString& parentId, const QString& name);
    // The folder a call's folderid or path names; empty, after answering why, when there is none.
    QString targetFolder(const Call& call);
    // The page and limit of a list call; none, after answering why, when they are not numbers in range.
    std::optional<QPair<int, int>> paging(const Call& call) const;
    QJsonObject page(const QString& listName, const QJsonArray& items, QPair<int, int> paging) const;
    QJsonObject connectionRecord(const FortnoxEmulatorLedger::Connection& connection) const;
    // Where connected files of that kind and date go in the archive, made when missing.
    QString connectedFolder(Target target, const QDate& date);

    // Routes
    void getInTree(const Call& call);
    void getById(const Call& call);
    // A file's content, as Fortnox answers a GET that names a file.
    void streamFile(const Call& call, const FortnoxEmulatorFileTree::File& file) const;
    void upload(const Call& call);
    void deleteById(const Call& call);
    void deleteByPath(const Call& call);
    void listSupplierInvoices(const Call& call);
    void listVouchers(const Call& call);
    void listFinancialYears(const Call& call);
    void createSupplierInvoiceConnection(const Call& call);
    void createVoucherConnection(const Call& call);
    void listSupplierInvoiceConnections(const Call& call);
    void listVoucherConnections(const Call& call);
    void getConnection(const Call& call);
    void deleteConnection(const Call& call);
    void connectFile(const Call& call, FortnoxEmulatorLedger::Connection connection, const QDate& date);

    std::unique_ptr<QTemporaryDir> m_temporaryDirectory;
    QString m_dataDirectory;
    Clock m_clock;
    FortnoxEmulatorAuth m_auth;
    FortnoxEmulatorRateLimit m_rateLimit;
    FortnoxEmulatorFileTree m_inbox;
    FortnoxEmulatorFileTree m_archive;
    FortnoxEmulatorLedger m_ledger;
    int m_pageSize = DefaultPageSize;
    qint64 m_maxUploadBytes = DefaultMaxUploadBytes;
};
