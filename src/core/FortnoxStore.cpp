#include "FortnoxStore.h"

#include "FileKind.h"
#include "FortnoxAccount.h"
#include "FortnoxAuthenticator.h"
#include "FortnoxError.h"
#include "FortnoxPayload.h"
#include "HttpCall.h"
#include "NameRules.h"
#include "RemoteOperation.h"
#include "RequestThrottle.h"
#include "Settings.h"
#include "WholeFileDownload.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QUrlQuery>
#include <QUuid>
#include <QXmlStreamWriter>

#include <algorithm>

namespace {
// How many numbered names an upload tries when its name is taken; Fortnox itself would keep both under one name.
constexpr int NumberedNames = 50;
// A token given by setAccessToken() is taken to live as long as Fortnox's do.
constexpr int AccessTokenSeconds = 60 * 60;

const QString Folder = QStringLiteral("Folder");
const QString Files = QStringLiteral("Files");
const QString Folders = QStringLiteral("Folders");
const QString Id = QStringLiteral("Id");
const QString Name = QStringLiteral("Name");
const QString FileId = QStringLiteral("FileId");

// A quoted-string for a header: quotes and backslashes escaped, the rest as UTF-8.
QByteArray quoted(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + bytes + '"';
}

// A connected file as Fortnox lists it: a name, no size.
Attachment connectedAttachment(const QString& name)
{
    Attachment attachment = Attachment::describe(name, 0, {});
    attachment.sizeInBytes = -1;
    attachment.sizeToBeDisplayed.clear();
    attachment.isThumbnailAvailable = false;
    return attachment;
}
} // namespace

FortnoxStore::FortnoxStore(const FortnoxEndpoints& endpoints, QObject* parent)
    : RemoteStore(parent)
    , m_endpoints(endpoints)
    // Fortnox allows 25 requests in any 5 seconds; every attempt of every request waits its turn here, so that
    // the limit is never met rather than answered with 429s.
    , m_throttle(new RequestThrottle(MaxRequestsPerWindow, RequestWindowMs))
{
    // One limit for every program of this user that talks to this Fortnox: the window and attache-cli alike.
    if (const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation); !runtime.isEmpty()) {
        const QByteArray key = QCryptographicHash::hash(endpoints.api.toString().toUtf8(), QCryptographicHash::Sha1);
        m_throttle->setSharedLedger(runtime + QStringLiteral("/attache/fortnox-")
                                    + QString::fromLatin1(key.toHex().left(16)) + QStringLiteral(".requests"));
    }
    m_throttle->moveToThread(networkContext()->thread());
    // At once, in the finishing network thread: a deleteLater posted then might not be delivered, and the throttle's
    // destructor gives back its places in the shared ledger.
    connect(networkContext(), &QObject::destroyed, [throttle = m_throttle] { delete throttle; });
    // Until told whom to sign as, requests fail as "not connected".
    installAuthenticator(new FortnoxAuthenticator(network(), endpoints, FortnoxAuthenticator::Mode::OAuth));
}

FortnoxStore::~FortnoxStore()
{
    // The network thread runs code that reads this object's members: stop it before they go.
    stopNetworkThread();
}

void FortnoxStore::installAuthenticator(FortnoxAuthenticator* authenticator)
{
    // It signs on the network thread with that thread's access manager, as HttpCall asks it there.
    authenticator->moveToThread(networkContext()->thread());
    connect(networkContext(), &QObject::destroyed, authenticator, &QObject::deleteLater);
    connect(authenticator, &RequestAuthenticator::signedOut, this, &FortnoxStore::signInRequired);
    QMetaObject::invokeMethod(networkContext(), [this, authenticator] {
        if (m_authenticator)
            m_authenticator->deleteLater();
        m_authenticator = authenticator;
    });
}

void FortnoxStore::useConnectedCompany(const Settings& settings)
{
    m_connectionId = settings.fortnoxConnectionId();
    installAuthenticator(FortnoxAccount::createAuthenticator(settings, network()));
}

QString FortnoxStore::accountUri() const
{
    // A connection made before connections had ids keeps the work queued for it.
    return m_connectionId.isEmpty() ? uri() : uri() + QLatin1Char('#') + m_connectionId;
}

void FortnoxStore::setAccessToken(const QString& token)
{
    QMetaObject::invokeMethod(networkContext(), [this, token] {
        m_authenticator->setAccessToken(token, QDateTime::currentDateTimeUtc().addSecs(AccessTokenSeconds));
    });
}

QString FortnoxStore::voucherId(const QString& series, qint64 number, qint64 year)
{
    const QString id = QStringLiteral("%1%2-%3").arg(series).arg(number).arg(year);
    // Only what reads back as the same voucher: a series ending in a digit would not.
    const std::optional<VoucherKey> key = parseVoucherId(id);
    if (!key || key->series != series || key->number != number || key->year != year)
        return {};
    return NameRules::problem(id).isEmpty() ? id : QString();
}

std::optional<FortnoxStore::VoucherKey> FortnoxStore::parseVoucherId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^(.*\\D)(\\d+)-(\\d+)$"));
    const QRegularExpressionMatch match = pattern.match(id);
    if (!match.hasMatch())
        return std::nullopt;
    return VoucherKey { match.captured(1), match.captured(2).toLongLong(), match.captured(3).toLongLong() };
}

QString FortnoxStore::displayName() const
{
    return tr("Fortnox");
}

Store::Operations FortnoxStore::supportedOperations() const
{
    return Operation::ListEntities | Operation::ListAttachments | Operation::Upload | Operation::Download
        | Operation::Delete | Operation::Move;
}

QList<EntityType> FortnoxStore::entityTypes() const
{
    return { EntityType::Inbox, EntityType::Archive, EntityType::SupplierInvoices, EntityType::Vouchers };
}

QString FortnoxStore::treeName(EntityType type)
{
    return type == EntityType::Archive ? QStringLiteral("archive") : QStringLiteral("inbox");
}

HttpRequest FortnoxStore::request(const QByteArray& method, const QString& path,
                                  const QList<QPair<QString, QString>>& query) const
{
    HttpRequest request;
    request.method = method;
    request.url = m_endpoints.apiUrl(path);
    if (!query.isEmpty()) {
        QUrlQuery fields;
        for (const auto& [name, value] : query)
            fields.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        request.url.setQuery(fields);
    }
    request.setHeader(QByteArrayLiteral("Accept"), PayloadFormats::accept(m_format));
    request.isExpectedAnswer = PayloadFormats::isServiceAnswer;
    return request;
}

HttpRequest FortnoxStore::recordRequest(const QString& path, const QString& root, const QJsonObject& record) const
{
    HttpRequest post = request("POST", path);
    if (m_format == PayloadFormat::Xml) {
        QXmlStreamWriter writer(&post.body);
        writer.writeStartDocument();
        writer.writeStartElement(root);
        for (auto it = record.begin(); it != record.end(); ++it)
            writer.writeTextElement(it.key(), FortnoxPayload::text(it.value()));
        writer.writeEndElement();
        writer.writeEndDocument();
        post.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/xml"));
    } else {
        post.body = QJsonDocument(QJsonObject { { root, record } }).toJson(QJsonDocument::Compact);
        post.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    }
    return post;
}

HttpCall* FortnoxStore::newCall(RemoteOperation* operation, const HttpRequest& request)
{
    auto* call = new HttpCall(network(), request, m_authenticator, operation);
    call->setThrottle(m_throttle);
    connect(operation, &RemoteOperation::cancelled, call, &HttpCall::abort);
    return call;
}

void FortnoxStore::call(RemoteOperation* operation, const HttpRequest& request,
                        std::function<void(const HttpResponse&)> done)
{
    HttpCall* call = newCall(operation, request);
    connect(call, &HttpCall::finished, operation, [operation, call, done](const HttpResponse& response) {
        call->deleteLater();
        if (response.isSuccess())
            done(response);
        else
            fail(operation, response);
    });
    call->start();
}

void FortnoxStore::fail(RemoteOperation* operation, const HttpResponse& response)
{
    const auto [code, message] = failure(response);
    operation->fail(code, message);
}

QPair<StoreReply::Error, QString> FortnoxStore::failure(const HttpResponse& response)
{
    if (response.cancelled)
        return { StoreReply::Error::Cancelled, tr("Cancelled.") };
    // The authenticator could not sign: not connected, or the company must be connected again.
    if (!response.authorizationError.isEmpty())
        return { StoreReply::Error::SignedOut, response.authorizationError };
    if (response.isNetworkFailure())
        return { StoreReply::Error::Network, tr("Could not reach Fortnox: %1").arg(response.errorString) };
    StoreReply::Error code = StoreReply::Error::Refused;
    switch (response.status) {
    case 401:
        code = StoreReply::Error::SignedOut;
        break;
    case 403:
        code = StoreReply::Error::PermissionDenied;
        break;
    case 404:
        code = StoreReply::Error::NotFound;
        break;
    default:
        // Busy or failing may pass; any other 4xx would be refused again.
        if (response.status == 429 || response.status >= 500)
            code = StoreReply::Error::Server;
        break;
    }
    // Fortnox's own message, often Swedish, as it is.
    QString message = FortnoxError::fromResponse(response).message;
    if (message.isEmpty())
        message = code == StoreReply::Error::Server
            ? tr("Fortnox had a problem (HTTP %1). Try again later.").arg(response.status)
            : tr("Fortnox refused the request (HTTP %1).").arg(response.status);
    return { code, message };
}

void FortnoxStore::listAll(RemoteOperation* operation, const QString& path, const QList<QPair<QString, QString>>& query,
                           const QString& listName, std::function<void(const QJsonArray& items)> done, int page,
                           QJsonArray items)
{
    QList<QPair<QString, QString>> pageQuery = query;
    pageQuery.append({ QStringLiteral("page"), QString::number(page) });
    HttpRequest get = request("GET", path, pageQuery);
    get.isExpectedAnswer
        = [listName](const HttpResponse& response) { return FortnoxPayload::read(response).value(listName).isArray(); };
    call(operation, get,
         [this, operation, path, query, listName, done, page, items](const HttpResponse& response) mutable {
             const QJsonObject answer = FortnoxPayload::read(response);
             for (const QJsonValue& item : answer.value(listName).toArray())
                 items.append(item);
             const qint64 pages = FortnoxPayload::integer(
                 answer.value(QLatin1String("MetaInformation")).toObject().value(QLatin1String("@TotalPages")), 1);
             if (page < pages) {
                 listAll(operation, path, query, listName, done, page + 1, items);
                 return;
             }
             done(items);
         });
}

void FortnoxStore::fetchFolder(RemoteOperation* operation, EntityType type, const QString& id,
                               std::function<void(const QJsonObject& folder)> done, bool byPath)
{
    // The root through the tree's own address, as Fortnox documents it; the others by path or Id.
    HttpRequest get = id == QLatin1String("root") ? request("GET", treeName(type))
        : byPath                                  ? request("GET", treeName(type), { { QStringLiteral("path"), id } })
                                                  : request("GET", treeName(type) + QLatin1Char('/') + id);
    get.isExpectedAnswer = FortnoxPayload::isFolder;
    call(operation, get,
         [done](const HttpResponse& response) { done(FortnoxPayload::read(response).value(Folder).toObject()); });
}

bool FortnoxStore::isPlainId(const QString& id)
{
    // Ids from Fortnox go into request paths: GUIDs and folder ids, never anything that could leave the segment.
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]+$"));
    return plain.match(id).hasMatch();
}

bool FortnoxStore::isGuid(const QString& id)
{
    // The shape only: Fortnox's own examples have ids with letters past f.
    static const QRegularExpression guid(
        QStringLiteral("^[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}$"));
    return guid.match(id).hasMatch();
}

HttpRequest FortnoxStore::fileRequest(const QByteArray& method, EntityType type, const RemoteFile& file) const
{
    // A folder's file in its tree; a connected file is in the archive.
    const QString tree = isFolderType(type) ? treeName(type) : QStringLiteral("archive");
    if (isPlainId(file.id))
        return request(method, tree + QLatin1Char('/') + file.id);
    // "inbox_s/faktura.pdf": the folder's Path as Fortnox gave it, and the name, in the query where nothing is
    // taken as a path of this app's.
    return request(method, tree, { { QStringLiteral("path"), file.path + QLatin1Char('/') + file.attachment.name } });
}

QList<FortnoxStore::RemoteFile> FortnoxStore::folderFiles(const QJsonObject& folder)
{
    QList<RemoteFile> files;
    QSet<QString> names;
    for (const QJsonValue& value : folder.value(Files).toArray()) {
        const QJsonObject file = value.toObject();
        const QString name = file.value(Name).toString();
        const QString id = FortnoxPayload::text(file.value(Id));
        const QString path = file.value(QLatin1String("Path")).toString();
        // A name that cannot be one path component is never used as one; of several alike, the first counts. A
        // file is reached by its Id, or by the path Fortnox gives when its Id cannot be put in a URL's path.
        if ((!isPlainId(id) && path.isEmpty()) || !NameRules::problem(name).isEmpty()
            || names.contains(name.toCaseFolded()))
            continue;
        names.insert(name.toCaseFolded());
        Attachment attachment
            = Attachment::describe(name, FortnoxPayload::integer(file.value(QLatin1String("Size"))), {});
        attachment.isThumbnailAvailable = false;
        files.append({ id, path, attachment });
    }
    return files;
}

StoreReply* FortnoxStore::listEntities(EntityType type)
{
    if (isFolderType(type))
        return startOperation([this, type](RemoteOperation* operation) {
            walkFolders(operation, type, { { QStringLiteral("root"), QString(), false } }, {});
        });
    if (type == EntityType::SupplierInvoices)
        return startOperation([this](RemoteOperation* operation) {
            listAll(operation, QStringLiteral("supplierinvoices"), {}, QStringLiteral("SupplierInvoices"),
                    [operation](const QJsonArray& items) {
                        QList<Entity> entities;
                        for (const QJsonValue& value : items) {
                            const QJsonObject invoice = value.toObject();
                            const QString number = FortnoxPayload::text(invoice.value(QLatin1String("GivenNumber")));
                            if (number.isEmpty() || !NameRules::problem(number).isEmpty())
                                continue;
                            const QString supplier = invoice.value(QLatin1String("SupplierName")).toString();
                            entities.append(Entity { EntityRef { EntityType::SupplierInvoices, number }, -1,
                                                     QString(number + QLatin1Char(' ') + supplier).trimmed() });
                        }
                        operation->succeed([entities](StoreReply* reply) { reply->setEntities(entities); });
                    });
        });
    if (type == EntityType::Vouchers)
        return startOperation([this](RemoteOperation* operation) {
            listAll(operation, QStringLiteral("financialyears"), {}, QStringLiteral("FinancialYears"),
                    [this, operation](const QJsonArray& items) {
                        // The current financial year and the one before, whose vouchers a year-end closing files
                        // receipts onto: the last two that have begun, as the new one may not be made in Fortnox
                        // yet.
                        QList<QPair<QDate, qint64>> begun;
                        const QDate today = QDate::currentDate();
                        for (const QJsonValue& value : items) {
                            const QJsonObject year = value.toObject();
                            const QDate from = QDate::fromString(
                                FortnoxPayload::text(year.value(QLatin1String("FromDate"))), Qt::ISODate);
                            const qint64 id = FortnoxPayload::integer(year.value(Id));
                            if (from.isValid() && from <= today && id > 0)
                                begun.append({ from, id });
                        }
                        std::sort(begun.begin(), begun.end());
                        QList<qint64> years;
                        for (const auto& [from, id] : begun.mid(std::max<qsizetype>(0, begun.size() - 2)))
                            years.append(id);
                        listVouchers(operation, years, {});
                    });
        });
    return startOperation(
        [](RemoteOperation* operation) { operation->succeed([](StoreReply* reply) { reply->setEntities({}); }); });
}

void FortnoxStore::listVouchers(RemoteOperation* operation, QList<qint64> years, QList<Entity> entities)
{
    if (years.isEmpty()) {
        operation->succeed([entities](StoreReply* reply) { reply->setEntities(entities); });
        return;
    }
    const qint64 year = years.takeFirst();
    listAll(operation, QStringLiteral("vouchers"), { { QStringLiteral("financialyear"), QString::number(year) } },
            QStringLiteral("Vouchers"), [this, operation, years, entities](const QJsonArray& items) mutable {
                for (const QJsonValue& value : items) {
                    const QJsonObject voucher = value.toObject();
                    const QString series = voucher.value(QLatin1String("VoucherSeries")).toString();
                    const qint64 number = FortnoxPayload::integer(voucher.value(QLatin1String("VoucherNumber")));
                    const qint64 voucherYear = FortnoxPayload::integer(voucher.value(QLatin1String("Year")));
                    const QString id = voucherId(series, number, voucherYear);
                    if (id.isEmpty())
                        continue;
                    // "A 3 · 2024-04-03 · Tågresa": the number a bookkeeper cites, and the date that tells the
                    // years apart and matches a receipt's.
                    QStringList parts { series + QLatin1Char(' ') + QString::number(number) };
                    for (const QString& part : { FortnoxPayload::text(voucher.value(QLatin1String("TransactionDate"))),
                                                 voucher.value(QLatin1String("Description")).toString().trimmed() }) {
                        if (!part.isEmpty())
                            parts.append(part);
                    }
                    entities.append(
                        Entity { EntityRef { EntityType::Vouchers, id }, -1, parts.join(QStringLiteral(" · ")) });
                }
                listVouchers(operation, years, entities);
            });
}

void FortnoxStore::walkFolders(RemoteOperation* operation, EntityType type, QList<PendingFolder> pending,
                               QList<Entity> entities)
{
    if (pending.isEmpty()) {
        operation->succeed([entities](StoreReply* reply) { reply->setEntities(entities); });
        return;
    }
    // Depth first, so that a folder's subfolders follow it.
    const PendingFolder next = pending.takeFirst();
    fetchFolder(
        operation, type, next.id,
        [this, operation, type, pending, entities, parentTitle = next.parentTitle](const QJsonObject& folder) mutable {
            const QString name = folder.value(Name).toString();
            const QString id = FortnoxPayload::text(folder.value(Id));
            // The root's children are top level: their titles do not repeat "Inbox".
            const bool isRoot = id == QLatin1String("root");
            // The root by the tree's own name: Fortnox calls the archive's "root".
            const QString title = isRoot ? EntityTypes::displayName(type)
                : parentTitle.isEmpty()  ? name
                                         : parentTitle + QStringLiteral(" › ") + name;
            entities.append(Entity { EntityRef { type, id }, int(folderFiles(folder).size()), title,
                                     folder.value(QLatin1String("Email")).toString() });
            QList<PendingFolder> children;
            for (const QJsonValue& value : folder.value(Folders).toArray()) {
                const QString child = FortnoxPayload::text(value.toObject().value(Id));
                // Each folder once, however the tree is linked.
                const bool seen = std::any_of(entities.begin(), entities.end(),
                                              [&child](const Entity& e) { return e.ref.id == child; });
                // An Id that cannot be one path component is not an entity, nor is anything below it.
                if (isPlainId(child) && !seen)
                    children.append({ child, isRoot ? QString() : title, isRoot && !isGuid(child) });
            }
            walkFolders(operation, type, children + pending, entities);
        },
        next.namedUnderRoot);
}

StoreReply* FortnoxStore::createEntity(const EntityRef&)
{
    return unsupported(tr("Records cannot be created in Fortnox from Attaché. Create them in Fortnox."));
}

void FortnoxStore::listFiles(RemoteOperation* operation, const EntityRef& entity, FilesDone done)
{
    if (isFolderType(entity.type)) {
        fetchFolder(operation, entity.type, entity.id,
                    [done](const QJsonObject& folder) { done(folderFiles(folder)); });
        return;
    }
    const auto connected
        = [this, operation, done](const QJsonArray& items, const std::function<bool(const QJsonObject&)>& isOurs) {
              QList<QPair<QString, QString>> found; // FileId, Name
              QSet<QString> unnamed;
              for (const QJsonValue& value : items) {
                  const QJsonObject connection = value.toObject();
                  const QString id = FortnoxPayload::text(connection.value(FileId));
                  if (!isOurs(connection) || !isPlainId(id))
                      continue;
                  const QString name = connection.value(Name).toString();
                  found.append({ id, name });
                  if (name.isEmpty())
                      unnamed.insert(id);
              }
              const auto finish = [done, found](const QHash<QString, QString>& archived) {
                  QList<RemoteFile> files;
                  QSet<QString> names;
                  for (const auto& [id, listedName] : found) {
                      const QString name = listedName.isEmpty() ? archived.value(id) : listedName;
                      if (!NameRules::problem(name).isEmpty() || names.contains(name.toCaseFolded()))
                          continue;
                      names.insert(name.toCaseFolded());
                      files.append({ id, {}, connectedAttachment(name) });
                  }
                  done(files);
              };
              if (unnamed.isEmpty())
                  finish({});
              else
                  findArchivedNames(operation, { QStringLiteral("root") }, unnamed, {}, finish);
          };
    if (entity.type == EntityType::SupplierInvoices) {
        const QString number = entity.id;
        listAll(operation, QStringLiteral("supplierinvoicefileconnections"),
                { { QStringLiteral("supplierinvoicenumber"), number } },
                QStringLiteral("SupplierInvoiceFileConnections"), [connected, number](const QJsonArray& items) {
                    connected(items, [number](const QJsonObject& connection) {
                        return FortnoxPayload::text(connection.value(QLatin1String("SupplierInvoiceNumber"))) == number;
                    });
                });
        return;
    }
    const std::optional<VoucherKey> key = parseVoucherId(entity.id);
    if (entity.type != EntityType::Vouchers || !key) {
        operation->fail(StoreReply::Error::NotFound,
                        tr("Fortnox has no %1 “%2”.").arg(EntityTypes::displayName(entity.type), entity.id));
        return;
    }
    listAll(operation, QStringLiteral("voucherfileconnections"),
            { { QStringLiteral("voucherseries"), key->series },
              { QStringLiteral("financialyear"), QString::number(key->year) } },
            QStringLiteral("VoucherFileConnections"), [connected, key = *key](const QJsonArray& items) {
                connected(items, [key](const QJsonObject& connection) {
                    return connection.value(QLatin1String("VoucherSeries")).toString() == key.series
                        && FortnoxPayload::integer(connection.value(QLatin1String("VoucherNumber"))) == key.number
                        && FortnoxPayload::integer(connection.value(QLatin1String("VoucherYear"))) == key.year;
                });
            });
}

void FortnoxStore::findArchivedNames(RemoteOperation* operation, QStringList pending, QSet<QString> wanted,
                                     QHash<QString, QString> names,
                                     std::function<void(const QHash<QString, QString>& names)> done)
{
    if (pending.isEmpty() || wanted.isEmpty()) {
        done(names);
        return;
    }
    const QString id = pending.takeFirst();
    fetchFolder(operation, EntityType::Archive, id,
                [this, operation, pending, wanted, names, done](const QJsonObject& folder) mutable {
                    for (const QJsonValue& value : folder.value(Files).toArray()) {
                        const QJsonObject file = value.toObject();
                        const QString fileId = FortnoxPayload::text(file.value(Id));
                        if (wanted.remove(fileId))
                            names.insert(fileId, file.value(Name).toString());
                    }
                    // Connected files are under the fndoc folders: only those are searched.
                    for (const QJsonValue& value : folder.value(Folders).toArray()) {
                        const QString child = FortnoxPayload::text(value.toObject().value(Id));
                        if (child.startsWith(QLatin1String("fndoc")) && isPlainId(child))
                            pending.append(child);
                    }
                    findArchivedNames(operation, pending, wanted, names, done);
                });
}

void FortnoxStore::findFile(RemoteOperation* operation, const AttachmentRef& attachment,
                            std::function<void(const RemoteFile& file)> done)
{
    listFiles(operation, attachment.entity, [operation, attachment, done](const QList<RemoteFile>& files) {
        for (const RemoteFile& file : files) {
            if (file.attachment.name == attachment.name) {
                done(file);
                return;
            }
        }
        operation->fail(StoreReply::Error::NotFound, tr("“%1” is not in Fortnox.").arg(attachment.name));
    });
}

StoreReply* FortnoxStore::listAttachments(const EntityRef& entity)
{
    return startNamed(problemWith(entity), [this, entity](RemoteOperation* operation) {
        listFiles(operation, entity, [operation](const QList<RemoteFile>& files) {
            QList<Attachment> attachments;
            for (const RemoteFile& file : files)
                attachments.append(file.attachment);
            operation->succeed([attachments](StoreReply* reply) { reply->setAttachments(attachments); });
        });
    });
}

StoreReply* FortnoxStore::upload(const QString& localPath, const EntityRef& target, const QString& name,
                                 const QByteArray&)
{
    if (!isFolderType(target.type) && !isRecordType(target.type))
        return unsupported(
            tr("Fortnox takes documents only into the Inbox, the Archive, supplier invoices and vouchers."));
    if (target.type == EntityType::Vouchers && !parseVoucherId(target.id))
        return startOperation([target](RemoteOperation* operation) {
            operation->fail(StoreReply::Error::NotFound, tr("Fortnox has no voucher “%1”.").arg(target.id));
        });
    if (target.type == EntityType::Archive && target.id.startsWith(QLatin1String("fndoc")))
        return startOperation([](RemoteOperation* operation) {
            operation->fail(StoreReply::Error::Unsupported,
                            tr("Fortnox files connected documents there itself: upload to the Inbox, or onto the "
                               "supplier invoice or voucher."));
        });
    return startNamed(problemWith(target, name), [this, localPath, target, name](RemoteOperation* operation) {
        // Nothing is overwritten, nor doubled: Fortnox would keep two files of one name, so a taken name is numbered.
        listFiles(operation, target, [this, operation, localPath, target, name](const QList<RemoteFile>& files) {
            QSet<QString> taken;
            for (const RemoteFile& file : files)
                taken.insert(file.attachment.name.toCaseFolded());
            QString sentName = name;
            for (int n = 1; taken.contains(sentName.toCaseFolded()); ++n) {
                if (n > NumberedNames) {
                    operation->fail(StoreReply::Error::AlreadyExists, tr("“%1” is already in Fortnox.").arg(name));
                    return;
                }
                sentName = NameRules::numbered(name, n);
            }
            if (isFolderType(target.type)) {
                sendFile(operation, localPath, target, sentName, [operation](const RemoteFile& sent) {
                    operation->succeed(
                        [attachment = sent.attachment](StoreReply* reply) { reply->setAttachments({ attachment }); });
                });
                return;
            }
            // Connected from its waypoint by the Id the upload answered with.
            sendFile(operation, localPath, *uploadWaypoint(target), sentName,
                     [this, operation, target](const RemoteFile& sent) { connectFile(operation, sent, target, true); });
        });
    });
}

std::optional<EntityRef> FortnoxStore::uploadWaypoint(const EntityRef& target) const
{
    if (!isRecordType(target.type))
        return std::nullopt;
    return EntityRef { EntityType::Inbox,
                       target.type == EntityType::SupplierInvoices ? QStringLiteral("inbox_s")
                                                                   : QStringLiteral("inbox_v") };
}

void FortnoxStore::sendFile(RemoteOperation* operation, const QString& localPath, const EntityRef& folder,
                            const QString& name, std::function<void(const RemoteFile& sent)> done)
{
    const QFileInfo file(localPath);
    if (!file.isFile()) {
        operation->fail(StoreReply::Error::NotFound, tr("“%1” no longer exists.").arg(file.fileName()));
        return;
    }
    // As Fortnox's own SDK does: a folder of the user's (a GUID) by its Id, Fortnox's named folders (root, inbox_s)
    // by path, the form the documentation's example uses.
    const QString field = isGuid(folder.id) ? QStringLiteral("folderid") : QStringLiteral("path");
    HttpRequest form = request("POST", treeName(folder.type), { { field, folder.id } });
    const QByteArray boundary = "attache-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    form.setHeader(QByteArrayLiteral("Content-Type"), "multipart/form-data; boundary=" + boundary);
    // The file streams from disk between the form's head and tail.
    form.bodyBeforeFile = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename="
        + quoted(name) + "\r\nContent-Type: " + FileKind::mimeTypeName(name).toLatin1() + "\r\n\r\n";
    form.bodyFilePath = localPath;
    form.bodyFileLength = file.size();
    form.bodyAfterFile = "\r\n--" + boundary + "--\r\n";
    // Sent again after it landed, it would be stored twice under one name.
    form.repeatable = false;
    HttpCall* call = newCall(operation, form);
    connect(call, &HttpCall::uploadProgress, operation, &RemoteOperation::reportProgress);
    connect(call, &HttpCall::finished, operation, [operation, call, name, done](const HttpResponse& response) {
        call->deleteLater();
        if (!response.isSuccess()) {
            fail(operation, response);
            return;
        }
        const QJsonObject record = FortnoxPayload::read(response).value(QLatin1String("File")).toObject();
        const QString id = FortnoxPayload::text(record.value(Id));
        if (id.isEmpty()) {
            operation->fail(StoreReply::Error::Server,
                            tr("Fortnox's answer to the upload of “%1” named no file.").arg(name));
            return;
        }
        const QString storedName = record.value(Name).toString();
        Attachment attachment = Attachment::describe(storedName.isEmpty() ? name : storedName,
                                                     FortnoxPayload::integer(record.value(QLatin1String("Size"))), {});
        attachment.isThumbnailAvailable = false;
        done({ id, record.value(QLatin1String("Path")).toString(), attachment });
    });
    call->start();
}

StoreReply* FortnoxStore::download(const AttachmentRef& attachment, const QString& localPath, const QByteArray&,
                                   ExistingFile existing)
{
    return startNamed(
        problemWith(attachment.entity, attachment.name),
        [this, attachment, localPath, existing](RemoteOperation* operation) {
            findFile(operation, attachment, [this, operation, attachment, localPath, existing](const RemoteFile& file) {
                receiveFile(operation, fileRequest("GET", attachment.entity.type, file), localPath, existing, file);
            });
        });
}

void FortnoxStore::receiveFile(RemoteOperation* operation, HttpRequest get, const QString& localPath,
                               ExistingFile existing, const RemoteFile& remote)
{
    WholeFileDownload download(localPath, existing);
    get.isExpectedAnswer = WholeFileDownload::isFileNamed(remote.attachment.name);
    HttpCall* call = newCall(operation, get);
    call->setBodySink(download.sink());
    connect(call, &HttpCall::downloadProgress, operation, &RemoteOperation::reportProgress);
    connect(call, &HttpCall::finished, operation, [operation, call, download, remote](const HttpResponse& response) {
        call->deleteLater();
        if (download.discardIfAnswerFailed(response)) {
            fail(operation, response);
            return;
        }
        // Fortnox gives no content hash; the size it lists is what can be checked (a connected file has none).
        const WholeFileDownload::Result saved
            = download.complete(remote.attachment.sizeInBytes,
                                tr("“%1” arrived damaged from Fortnox and was not saved.").arg(remote.attachment.name));
        if (saved.error != StoreReply::Error::None) {
            operation->fail(saved.error, saved.message);
            return;
        }
        Attachment attachment = remote.attachment;
        attachment.sizeInBytes = saved.size;
        attachment.sizeToBeDisplayed = FileKind::displaySize(saved.size);
        attachment.contentHash = saved.contentHash;
        operation->succeed([attachment](StoreReply* reply) { reply->setAttachments({ attachment }); });
    });
    call->start();
}

StoreReply* FortnoxStore::remove(const AttachmentRef& attachment, const QString&)
{
    if (!isFolderType(attachment.entity.type))
        return startOperation([](RemoteOperation* operation) {
            operation->fail(StoreReply::Error::Unsupported,
                            tr("A file connected to a record cannot be deleted: Fortnox keeps it in the archive."));
        });
    // Fortnox's files carry no content hash to compare: the delete is of whatever is there.
    return startNamed(problemWith(attachment.entity, attachment.name), [this, attachment](RemoteOperation* operation) {
        findFile(operation, attachment, [this, operation, attachment](const RemoteFile& file) {
            call(operation, fileRequest("DELETE", attachment.entity.type, file),
                 [operation](const HttpResponse&) { operation->succeed(); });
        });
    });
}

StoreReply* FortnoxStore::thumbnail(const AttachmentRef&, const QSize&)
{
    return unsupported(tr("Fortnox has no thumbnails to fetch."));
}

StoreReply* FortnoxStore::move(const AttachmentRef& attachment, const EntityRef& target)
{
    if (attachment.entity.type != EntityType::Inbox || !isRecordType(target.type))
        return unsupported(tr("Fortnox moves documents only from the Inbox onto a supplier invoice or a voucher."));
    const QString problem = problemWith(attachment.entity, attachment.name);
    return startNamed(problem.isEmpty() ? problemWith(target) : problem,
                      [this, attachment, target](RemoteOperation* operation) {
                          findFile(operation, attachment, [this, operation, target](const RemoteFile& file) {
                              connectFile(operation, file, target, false);
                          });
                      });
}

void FortnoxStore::connectFile(RemoteOperation* operation, const RemoteFile& file, const EntityRef& target,
                               bool uploaded)
{
    HttpRequest post;
    QString root;
    if (target.type == EntityType::SupplierInvoices) {
        root = QStringLiteral("SupplierInvoiceFileConnection");
        post = recordRequest(QStringLiteral("supplierinvoicefileconnections"), root,
                             { { FileId, file.id }, { QStringLiteral("SupplierInvoiceNumber"), target.id } });
    } else {
        const std::optional<VoucherKey> voucher = parseVoucherId(target.id);
        if (!voucher) {
            operation->fail(StoreReply::Error::NotFound, tr("Fortnox has no voucher “%1”.").arg(target.id));
            return;
        }
        root = QStringLiteral("VoucherFileConnection");
        post = recordRequest(QStringLiteral("voucherfileconnections"), root,
                             { { FileId, file.id },
                               { QStringLiteral("VoucherNumber"), voucher->number },
                               { QStringLiteral("VoucherSeries"), voucher->series },
                               { QStringLiteral("VoucherYear"), voucher->year } });
    }
    post.isExpectedAnswer
        = [root](const HttpResponse& response) { return FortnoxPayload::read(response).value(root).isObject(); };
    HttpCall* call = newCall(operation, post);
    connect(call, &HttpCall::finished, operation,
            [this, operation, call, root, file, target, uploaded](const HttpResponse& response) {
                call->deleteLater();
                const auto refused = [operation, file, uploaded](const HttpResponse& response) {
                    if (!uploaded) {
                        fail(operation, response);
                        return;
                    }
                    const auto [code, message] = failure(response);
                    operation->fail(code == StoreReply::Error::Cancelled ? code : StoreReply::Error::Refused,
                                    tr("“%1” is in Fortnox's inbox, but could not be connected: %2")
                                        .arg(file.attachment.name, message));
                };
                if (!response.isSuccess() && call->mayHaveBeenCarriedOut()
                    && FortnoxError::fromResponse(response).code == FortnoxError::InvalidParameter) {
                    // Sent again after an answer that never came whole, and refused, as a file connected already
                    // is: the first may have connected it, which only the record's own list can tell from a
                    // connection to another record or a refusal of another kind.
                    listFiles(operation, target, [operation, file, response, refused](const QList<RemoteFile>& files) {
                        for (const RemoteFile& connected : files) {
                            if (connected.id == file.id) {
                                const Attachment attachment = connected.attachment;
                                operation->succeed(
                                    [attachment](StoreReply* reply) { reply->setAttachments({ attachment }); });
                                return;
                            }
                        }
                        refused(response);
                    });
                    return;
                }
                if (!response.isSuccess()) {
                    refused(response);
                    return;
                }
                const QString name = FortnoxPayload::read(response).value(root).toObject().value(Name).toString();
                // Connecting moves the file, content and all: it keeps the size it had in the inbox.
                Attachment connected = file.attachment;
                if (!name.isEmpty())
                    connected = Attachment::describe(name, file.attachment.sizeInBytes, {});
                connected.isThumbnailAvailable = false;
                operation->succeed([connected](StoreReply* reply) { reply->setAttachments({ connected }); });
            });
    call->start();
}
