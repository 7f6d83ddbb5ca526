#pragma once

#include "FortnoxEndpoints.h"
#include "PayloadFormat.h"
#include "RemoteStore.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

class FortnoxAuthenticator;
class HttpCall;
class RequestThrottle;
class Settings;
struct HttpRequest;
struct HttpResponse;

// Documents in Fortnox, through API v3 (specs/fortnox-v3-inbox-api.txt). Its entities:
//   Inbox, Archive   every folder of the tree, by its Id (root, inbox_s, a user folder's GUID), titled with its
//                    Name ("Leverantörsfakturor", a nested one "Parent › Child") and carrying its e-mail address;
//   SupplierInvoices by GivenNumber, their files being the supplier invoice file connections;
//   Vouchers         the vouchers of the current financial year and the one before, by "<Series><Number>-<Year>"
//                    ("A3-2": series A, number 3, financial year id 2), their files being the voucher file
//                    connections.
// A folder's files are uploaded (multipart, streamed from disk), downloaded (streamed to disk, checked against the
// listed Size) and deleted by their Id, or by their path where the Id cannot go into a URL's path; moving an inbox
// file onto a supplier invoice or a voucher connects it, which Fortnox does by moving it into the archive. A file
// uploaded onto a record goes to the inbox folder for its kind and is connected from there. Folders are addressed as
// Fortnox's SDK does: the user's own (a GUID) by Id, Fortnox's named ones by the path its documentation gives (the
// root's children: ?path=inbox_s), others by Id. Fortnox keeps no
// modification date for a file, so attachments carry an invalid (unknown) one, and none of a connected file's size.
// Stores address a file by its entity and name, so each operation lists first to find the file's Id; when a folder
// holds several files of one name, the first in Fortnox's order (the oldest) is the one listed and acted on, the others
// appearing as it goes. Runs on the store's network thread; the authenticator lives there too.
class FortnoxStore : public RemoteStore
{
    Q_OBJECT

public:
    // Fortnox's rate limit: requests in any window of this many milliseconds.
    static constexpr int MaxRequestsPerWindow = 25;
    static constexpr int RequestWindowMs = 5000;

    explicit FortnoxStore(const FortnoxEndpoints& endpoints, QObject* parent = nullptr);
    ~FortnoxStore() override;

    // Signs with the company FortnoxAccount keeps in these settings and the keychain.
    void useConnectedCompany(const Settings& settings);
    // Signs with this access token alone, as if just signed in (tests, and callers that hold a fresh token).
    void setAccessToken(const QString& token);
    // The format Fortnox is asked to answer in; JSON unless set.
    void setFormat(PayloadFormat format) { m_format = format; }

    // "A3-2" for voucher 3 of series A in financial year 2; empty when that cannot be one path component.
    static QString voucherId(const QString& series, qint64 number, qint64 year);
    // Whether an id Fortnox gave (a file's, a folder's) can go into a request's path as it is; others are left out.
    static bool isPlainId(const QString& id);
    struct VoucherKey
    {
        QString series;
        qint64 number = 0;
        qint64 year = 0;
    };
    static std::optional<VoucherKey> parseVoucherId(const QString& id);

    QString uri() const override { return QStringLiteral("fortnox:"); }
    QString accountUri() const override;
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
    // Fortnox takes files only into its folders: a record's document goes to the inbox folder kept for its kind
    // (inbox_s, inbox_v), and is connected from there.
    std::optional<EntityRef> uploadWaypoint(const EntityRef& target) const override;

signals:
    // Fortnox refused the company's credentials for good: the user must connect it again.
    void signInRequired(const QString& message);

private:
    // A file as an operation needs it: its Id to address it by, and its listed record.
    struct RemoteFile
    {
        QString id;
        QString path; // its folder's Path, as Fortnox gives it ("inbox_s"); none for a connected file
        Attachment attachment;
    };
    using FilesDone = std::function<void(const QList<RemoteFile>& files)>;

    static bool isFolderType(EntityType type) { return type == EntityType::Inbox || type == EntityType::Archive; }
    // Records whose documents are file connections.
    static bool isRecordType(EntityType type)
    {
        return type == EntityType::SupplierInvoices || type == EntityType::Vouchers;
    }
    // Whether an id has a GUID's shape: a folder of the user's rather than one of Fortnox's named ones.
    static bool isGuid(const QString& id);
    static QString treeName(EntityType type);
    void installAuthenticator(FortnoxAuthenticator* authenticator);
    HttpRequest request(const QByteArray& method, const QString& path,
                        const QList<QPair<QString, QString>>& query = {}) const;
    // A request whose body is the record `root` holds, in the format asked for.
    HttpRequest recordRequest(const QString& path, const QString& root, const QJsonObject& record) const;
    // A new call owned by the operation and aborted with it; network thread.
    HttpCall* newCall(RemoteOperation* operation, const HttpRequest& request);
    void call(RemoteOperation* operation, const HttpRequest& request, std::function<void(const HttpResponse&)> done);
    static void fail(RemoteOperation* operation, const HttpResponse& response);
    static QPair<StoreReply::Error, QString> failure(const HttpResponse& response);
    // A file addressed by its Id, or by its path when the Id cannot be one segment of a URL's path.
    HttpRequest fileRequest(const QByteArray& method, EntityType type, const RemoteFile& file) const;
    // Every item of a paged list, page by page.
    void listAll(RemoteOperation* operation, const QString& path, const QList<QPair<QString, QString>>& query,
                 const QString& listName, std::function<void(const QJsonArray& items)> done, int page = 1,
                 QJsonArray items = {});
    // By its Id, or with byPath by the path Fortnox documents for the root's own named folders: their Id
    // (?path=inbox_s).
    void fetchFolder(RemoteOperation* operation, EntityType type, const QString& id,
                     std::function<void(const QJsonObject& folder)> done, bool byPath = false);
    // A folder's files Attaché can name: one per name, the first in Fortnox's order, hostile names left out.
    static QList<RemoteFile> folderFiles(const QJsonObject& folder);
    // A folder still to visit in a walk of a tree.
    struct PendingFolder
    {
        QString id;
        QString parentTitle;
        bool namedUnderRoot = false; // one of Fortnox's own folders (inbox_s), a child of the root
    };
    // The vouchers of these financial years (by their Ids), year by year.
    void listVouchers(RemoteOperation* operation, QList<qint64> years, QList<Entity> entities);
    void walkFolders(RemoteOperation* operation, EntityType type, QList<PendingFolder> pending, QList<Entity> entities);
    // The files of an entity, whatever its type: a folder's or those connected to a record.
    void listFiles(RemoteOperation* operation, const EntityRef& entity, FilesDone done);
    // Voucher connections carry no file name: it is looked up among the archive's connected files (the fndoc
    // folders), folder by folder until every wanted FileId is found.
    void findArchivedNames(RemoteOperation* operation, QStringList pending, QSet<QString> wanted,
                           QHash<QString, QString> names,
                           std::function<void(const QHash<QString, QString>& names)> done);
    // The file of that name, or a NotFound failure.
    void findFile(RemoteOperation* operation, const AttachmentRef& attachment,
                  std::function<void(const RemoteFile& file)> done);
    void sendFile(RemoteOperation* operation, const QString& localPath, const EntityRef& folder, const QString& name,
                  std::function<void(const RemoteFile& sent)> done);
    void receiveFile(RemoteOperation* operation, HttpRequest get, const QString& localPath, ExistingFile existing,
                     const RemoteFile& file);
    // Connects a file of the inbox to a supplier invoice or a voucher, which Fortnox does by moving it to the archive.
    // A file `uploaded` for it that cannot be connected is in the inbox: the failure says so, and is not one to
    // retry, which would upload it again.
    void connectFile(RemoteOperation* operation, const RemoteFile& file, const EntityRef& target, bool uploaded);

    const FortnoxEndpoints m_endpoints;
    // Network thread only.
    FortnoxAuthenticator* m_authenticator = nullptr;
    RequestThrottle* m_throttle;
    std::atomic<PayloadFormat> m_format { PayloadFormat::Json };
    // Settings::fortnoxConnectionId: Fortnox tells no company's id, so each connection is told apart by its own.
    QString m_connectionId;
};
