#include "DropboxStore.h"

#include "DropboxAuthenticator.h"
#include "DropboxChangeWatcher.h"
#include "DropboxDownload.h"
#include "DropboxError.h"
#include "DropboxJson.h"
#include "DropboxRequest.h"
#include "DropboxThumbnailBatcher.h"
#include "DropboxUpload.h"
#include "HttpCall.h"
#include "NameRules.h"
#include "RemoteOperation.h"
#include "SecretStore.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace {
QString tagOf(const QJsonObject& metadata)
{
    return metadata.value(QLatin1String(".tag")).toString();
}

// path_lower is Dropbox's key for a path; compare our own paths the same way.
QString lowerPath(const QString& path)
{
    return DropboxJson::normalizedName(path).toLower();
}
} // namespace

DropboxStore::DropboxStore(const DropboxEndpoints& endpoints, const QString& appKey, const QString& rootFolder,
                           QObject* parent)
    : RemoteStore(parent)
    , m_endpoints(endpoints)
    , m_rootFolder(rootFolder == QLatin1String("/") ? QString() : rootFolder)
    , m_chunkSize(DropboxUpload::DefaultChunkSize)
    , m_singleRequestLimit(DropboxUpload::SingleRequestLimit)
    , m_parallelChunks(DropboxUpload::DefaultParallelChunks)
{
    m_authenticator = new DropboxAuthenticator(network(), endpoints, appKey);
    m_thumbnails = new DropboxThumbnailBatcher(network(), m_authenticator, endpoints);
    for (QObject* object : { static_cast<QObject*>(m_authenticator), static_cast<QObject*>(m_thumbnails) }) {
        object->moveToThread(networkContext()->thread());
        connect(networkContext(), &QObject::destroyed, object, &QObject::deleteLater);
    }
    connect(m_authenticator, &RequestAuthenticator::signedOut, this, &DropboxStore::signInRequired);
}

DropboxStore::~DropboxStore()
{
    // The network thread runs code that reads this object's members: stop it before they go.
    stopNetworkThread();
}

QString DropboxStore::uriFor(const QString& rootFolder)
{
    return QStringLiteral("dropbox:") + rootFolder;
}

void DropboxStore::useKeychainAccount(const QString& accountId)
{
    m_accountId = accountId;
    const QString key = keychainKey(accountId);
    DropboxAuthenticator* authenticator = m_authenticator;
    // Asked on the network thread, and answered there: SecretStore does the crossing to the keychain.
    auto loader = [key, authenticator](DropboxAuthenticator::LoadedToken done) {
        SecretStore::readSecret(key, authenticator, [done](const SecretStore::Result& result) {
            done(result.secret, result.ok || result.notFound ? QString() : result.errorString);
        });
    };
    QMetaObject::invokeMethod(m_authenticator,
                              [authenticator, loader] { authenticator->setRefreshTokenLoader(loader); });
}

void DropboxStore::setRefreshToken(const QString& token)
{
    QMetaObject::invokeMethod(m_authenticator, [authenticator = m_authenticator, token] {
        authenticator->setRefreshToken(token);
        authenticator->invalidate();
    });
}

void DropboxStore::setUploadChunking(qint64 chunkSize, qint64 singleRequestLimit, int parallelChunks)
{
    m_chunkSize = chunkSize;
    m_singleRequestLimit = singleRequestLimit;
    m_parallelChunks = parallelChunks;
}

void DropboxStore::setRetryPolicy(const RetryPolicy& policy)
{
    m_retryPolicy = policy;
    QMetaObject::invokeMethod(m_authenticator,
                              [authenticator = m_authenticator, policy] { authenticator->setRetryPolicy(policy); });
}

QString DropboxStore::uri() const
{
    return uriFor(m_rootFolder);
}

QString DropboxStore::accountUriFor(const QString& rootFolder, const QString& accountId)
{
    return uriFor(rootFolder) + QLatin1Char('#') + accountId;
}

QString DropboxStore::accountUri() const
{
    return accountUriFor(m_rootFolder, m_accountId);
}

QString DropboxStore::displayName() const
{
    return m_rootFolder.isEmpty() ? tr("Dropbox") : tr("Dropbox: %1").arg(m_rootFolder);
}

Store::Operations DropboxStore::supportedOperations() const
{
    return Operation::ListEntities | Operation::CreateEntity | Operation::ListAttachments | Operation::Upload
        | Operation::Download | Operation::Delete | Operation::Thumbnail | Operation::Move | Operation::Rename;
}

QString DropboxStore::entityPath(const EntityRef& entity) const
{
    return m_rootFolder + QLatin1Char('/') + EntityTypes::folderName(entity.type) + QLatin1Char('/')
        + DropboxJson::normalizedName(entity.id);
}

QString DropboxStore::attachmentPath(const AttachmentRef& attachment) const
{
    return entityPath(attachment.entity) + QLatin1Char('/') + DropboxJson::normalizedName(attachment.name);
}

HttpCall* DropboxStore::newCall(RemoteOperation* operation, const HttpRequest& request)
{
    HttpCall* call = DropboxRequest::call(network(), m_authenticator, request, operation);
    call->setRetryPolicy(m_retryPolicy);
    connect(operation, &RemoteOperation::cancelled, call, &HttpCall::abort);
    return call;
}

void DropboxStore::fail(RemoteOperation* operation, const HttpResponse& response, const QString& subject)
{
    const DropboxError error = DropboxError::fromResponse(response, subject);
    fail(operation, error.code(), error.message());
}

void DropboxStore::fail(RemoteOperation* operation, StoreReply::Error error, const QString& message)
{
    if (error == StoreReply::Error::SignedOut)
        emit signInRequired(message);
    operation->fail(error, message);
}

void DropboxStore::listFolder(RemoteOperation* operation, const QString& path, bool recursive, Entries done)
{
    const QJsonObject arg {
        { QStringLiteral("path"), path },
        { QStringLiteral("recursive"), recursive },
        { QStringLiteral("include_deleted"), false },
        { QStringLiteral("include_mounted_folders"), true },
        { QStringLiteral("include_non_downloadable_files"), false },
        { QStringLiteral("limit"), 2000 },
    };
    listPage(operation, DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/list_folder")), arg), {},
             std::move(done));
}

void DropboxStore::listPage(RemoteOperation* operation, HttpRequest request, QList<QJsonObject> entries, Entries done)
{
    request.isExpectedAnswer = [](const HttpResponse& response) {
        const QJsonObject page = QJsonDocument::fromJson(response.body).object();
        return page.value(QLatin1String("entries")).isArray() && page.value(QLatin1String("cursor")).isString()
            && page.value(QLatin1String("has_more")).isBool();
    };
    HttpCall* call = newCall(operation, request);
    connect(call, &HttpCall::finished, operation,
            [this, operation, call, entries, done](const HttpResponse& response) mutable {
                call->deleteLater();
                if (!response.isSuccess()) {
                    done({}, {}, &response);
                    return;
                }
                const QJsonObject page = QJsonDocument::fromJson(response.body).object();
                const QJsonArray pageEntries = page.value(QLatin1String("entries")).toArray();
                for (const QJsonValue& entry : pageEntries)
                    entries.append(entry.toObject());
                if (!page.value(QLatin1String("has_more")).toBool()) {
                    done(entries, page.value(QLatin1String("cursor")).toString(), nullptr);
                    return;
                }
                const QJsonObject cursor { { QStringLiteral("cursor"), page.value(QLatin1String("cursor")) } };
                listPage(
                    operation,
                    DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/list_folder/continue")), cursor),
                    entries, done);
            });
    call->start();
}

StoreReply* DropboxStore::listEntities(EntityType type)
{
    const QString typePath = m_rootFolder + QLatin1Char('/') + EntityTypes::folderName(type);
    return startOperation([this, type, typePath](RemoteOperation* operation) {
        // One recursive listing gives the entity folders and, by their files, the counts.
        listFolder(operation, typePath, true,
                   [this, operation, type, typePath](const QList<QJsonObject>& entries, const QString&,
                                                     const HttpResponse* failure) {
                       if (failure) {
                           const DropboxError error
                               = DropboxError::fromResponse(*failure, EntityTypes::displayName(type));
                           if (error.code() == StoreReply::Error::NotFound) {
                               // Nothing filed under this type yet.
                               operation->succeed([](StoreReply* reply) { reply->setEntities({}); });
                               return;
                           }
                           fail(operation, *failure, EntityTypes::displayName(type));
                           return;
                       }
                       const QString prefix = lowerPath(typePath) + QLatin1Char('/');
                       QList<Entity> entities;
                       QHash<QString, qsizetype> indexByKey;
                       QHash<QString, int> counts;
                       for (const QJsonObject& entry : entries) {
                           const QString pathLower = entry.value(QLatin1String("path_lower")).toString();
                           if (!pathLower.startsWith(prefix))
                               continue;
                           const QStringList parts = pathLower.mid(prefix.size()).split(QLatin1Char('/'));
                           if (parts.size() == 1 && tagOf(entry) == QLatin1String("folder")) {
                               indexByKey.insert(parts.first(), entities.size());
                               entities.append(
                                   Entity { EntityRef { type, entry.value(QLatin1String("name")).toString() }, 0 });
                           } else if (parts.size() == 2 && tagOf(entry) == QLatin1String("file")) {
                               ++counts[parts.first()];
                           }
                       }
                       for (auto it = indexByKey.cbegin(); it != indexByKey.cend(); ++it)
                           entities[it.value()].attachmentCount = counts.value(it.key());
                       operation->succeed([entities](StoreReply* reply) { reply->setEntities(entities); });
                   });
    });
}

StoreReply* DropboxStore::createEntity(const EntityRef& entity)
{
    const QString problem = NameRules::problem(entity.id);
    const QString path = entityPath(entity);
    return startNamed(problem, [this, entity, path](RemoteOperation* operation) {
        const QJsonObject arg { { QStringLiteral("path"), path }, { QStringLiteral("autorename"), false } };
        HttpCall* call = newCall(
            operation, DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/create_folder_v2")), arg));
        connect(call, &HttpCall::finished, operation, [this, operation, entity](const HttpResponse& response) {
            if (!response.isSuccess()) {
                fail(operation, response, EntityTypes::entityTitle(entity.type, entity.id));
                return;
            }
            operation->succeed([entity](StoreReply* reply) { reply->setEntities({ Entity { entity, 0 } }); });
        });
        call->start();
    });
}

StoreReply* DropboxStore::listAttachments(const EntityRef& entity)
{
    const QString problem = NameRules::problem(entity.id);
    const QString path = entityPath(entity);
    return startNamed(problem, [this, entity, path](RemoteOperation* operation) {
        listFolder(
            operation, path, false,
            [this, operation, entity](const QList<QJsonObject>& entries, const QString&, const HttpResponse* failure) {
                if (failure) {
                    fail(operation, *failure, EntityTypes::entityTitle(entity.type, entity.id));
                    return;
                }
                QList<Attachment> attachments;
                for (const QJsonObject& entry : entries) {
                    if (tagOf(entry) == QLatin1String("file"))
                        attachments.append(DropboxJson::attachmentFromMetadata(entry));
                }
                operation->succeed([attachments](StoreReply* reply) { reply->setAttachments(attachments); });
            });
    });
}

StoreReply* DropboxStore::upload(const QString& localPath, const EntityRef& target, const QString& name,
                                 const QByteArray& resumeState)
{
    const QString cleanName = DropboxJson::normalizedName(name);
    const QString problem = problemWith(target, cleanName);
    const QString remotePath = entityPath(target) + QLatin1Char('/') + cleanName;
    return startNamed(problem, [this, localPath, remotePath, resumeState](RemoteOperation* operation) {
        // Dropbox creates the missing parent folders itself.
        auto* upload = new DropboxUpload(network(), m_authenticator, m_endpoints, localPath, remotePath, operation);
        upload->setChunkSize(m_chunkSize);
        upload->setSingleRequestLimit(m_singleRequestLimit);
        upload->setParallelChunks(m_parallelChunks);
        run(operation, upload, resumeState);
    });
}

void DropboxStore::run(RemoteOperation* operation, DropboxTransfer* transfer, const QByteArray& resumeState)
{
    transfer->setResumeState(resumeState);
    transfer->setRetryPolicy(m_retryPolicy);
    connect(operation, &RemoteOperation::cancelled, transfer, &DropboxTransfer::abort);
    connect(transfer, &DropboxTransfer::progress, operation, &RemoteOperation::reportProgress);
    connect(transfer, &DropboxTransfer::checkpoint, operation, &RemoteOperation::reportCheckpoint);
    connect(transfer, &DropboxTransfer::succeeded, operation, [operation](const QJsonObject& metadata) {
        const Attachment attachment = DropboxJson::attachmentFromMetadata(metadata);
        operation->succeed([attachment](StoreReply* reply) { reply->setAttachments({ attachment }); });
    });
    connect(transfer, &DropboxTransfer::failed, operation,
            [this, operation](StoreReply::Error error, const QString& message) { fail(operation, error, message); });
    transfer->start();
}

StoreReply* DropboxStore::download(const AttachmentRef& attachment, const QString& localPath,
                                   const QByteArray& resumeState, ExistingFile existing)
{
    const QString problem = problemWith(attachment.entity, attachment.name);
    const QString path = attachmentPath(attachment);
    return startNamed(problem, [this, path, localPath, resumeState, existing](RemoteOperation* operation) {
        run(operation,
            new DropboxDownload(network(), m_authenticator, m_endpoints, path, localPath, existing, operation),
            resumeState);
    });
}

QString DropboxStore::deletionNote() const
{
    return tr("Dropbox keeps deleted documents for a time: they can be restored on dropbox.com.");
}

StoreReply* DropboxStore::remove(const AttachmentRef& attachment, const QString& expectedContentHash)
{
    const QString problem = problemWith(attachment.entity, attachment.name);
    const QString path = attachmentPath(attachment);
    return startNamed(problem, [this, attachment, path, expectedContentHash](RemoteOperation* operation) {
        if (expectedContentHash.isEmpty()) {
            deleteFile(operation, attachment, QJsonObject { { QStringLiteral("path"), path } });
            return;
        }
        // Only the version the user chose: its rev, looked up by its content, guards the delete itself.
        HttpCall* lookup = newCall(operation,
                                   DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/get_metadata")),
                                                       QJsonObject { { QStringLiteral("path"), path } }));
        connect(lookup, &HttpCall::finished, operation,
                [this, operation, attachment, path, expectedContentHash, lookup](const HttpResponse& response) {
                    lookup->deleteLater();
                    if (!response.isSuccess())
                        return fail(operation, response, attachment.name);
                    const QJsonObject metadata = QJsonDocument::fromJson(response.body).object();
                    if (metadata.value(QLatin1String("content_hash")).toString() != expectedContentHash)
                        return fail(operation, StoreReply::Error::Changed, changedSinceChosen(attachment.name));
                    deleteFile(operation, attachment,
                               QJsonObject { { QStringLiteral("path"), path },
                                             { QStringLiteral("parent_rev"), metadata.value(QLatin1String("rev")) } });
                });
        lookup->start();
    });
}

void DropboxStore::deleteFile(RemoteOperation* operation, const AttachmentRef& attachment, const QJsonObject& arg)
{
    HttpCall* call
        = newCall(operation, DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/delete_v2")), arg));
    connect(call, &HttpCall::finished, operation,
            [this, operation, attachment, call, arg](const HttpResponse& response) {
                call->deleteLater();
                if (response.isSuccess())
                    return operation->succeed();
                // Changed between the look-up and the delete: parent_rev no longer matches.
                if (arg.contains(QLatin1String("parent_rev"))
                    && DropboxError::fromResponse(response, attachment.name).hasTag(QStringLiteral("conflict")))
                    return fail(operation, StoreReply::Error::Changed, changedSinceChosen(attachment.name));
                fail(operation, response, attachment.name);
            });
    call->start();
}

StoreReply* DropboxStore::thumbnail(const AttachmentRef& attachment, const QSize& size)
{
    const QString problem = problemWith(attachment.entity, attachment.name);
    const QString path = attachmentPath(attachment);
    StoreReply* reply = startNamed(
        problem, [this, path, size](RemoteOperation* operation) { m_thumbnails->request(operation, path, size); });
    // Posted after this turn's requests, which the network thread receives in order: one batch per
    // turn of the caller's event loop, whatever the network thread was doing meanwhile.
    if (!m_thumbnailFlushPending) {
        m_thumbnailFlushPending = true;
        QTimer::singleShot(0, this, [this] {
            m_thumbnailFlushPending = false;
            QMetaObject::invokeMethod(m_thumbnails, &DropboxThumbnailBatcher::flush, Qt::QueuedConnection);
        });
    }
    return reply;
}

StoreReply* DropboxStore::move(const AttachmentRef& attachment, const EntityRef& target)
{
    return moveTo(attachment, target, attachment.name, true);
}

StoreReply* DropboxStore::rename(const AttachmentRef& attachment, const QString& newName)
{
    return moveTo(attachment, attachment.entity, newName, false);
}

StoreReply* DropboxStore::moveTo(const AttachmentRef& attachment, const EntityRef& target, const QString& name,
                                 bool autorename)
{
    QString problem = problemWith(attachment.entity, attachment.name);
    if (problem.isEmpty())
        problem = problemWith(target, name);
    const QString from = attachmentPath(attachment);
    const QString to = entityPath(target) + QLatin1Char('/') + DropboxJson::normalizedName(name);
    return startNamed(problem, [this, attachment, from, to, autorename](RemoteOperation* operation) {
        const QJsonObject arg {
            { QStringLiteral("from_path"), from },
            { QStringLiteral("to_path"), to },
            { QStringLiteral("autorename"), autorename },
            { QStringLiteral("allow_ownership_transfer"), false },
        };
        HttpCall* call
            = newCall(operation, DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/move_v2")), arg));
        connect(call, &HttpCall::finished, operation, [this, operation, attachment](const HttpResponse& response) {
            if (!response.isSuccess()) {
                fail(operation, response, attachment.name);
                return;
            }
            const QJsonObject metadata
                = QJsonDocument::fromJson(response.body).object().value(QLatin1String("metadata")).toObject();
            const Attachment moved = DropboxJson::attachmentFromMetadata(metadata);
            operation->succeed([moved](StoreReply* reply) { reply->setAttachments({ moved }); });
        });
        call->start();
    });
}

bool DropboxStore::startWatching(const QByteArray& state)
{
    if (!m_watcher) {
        m_watcher = new DropboxChangeWatcher(this, this);
        connect(m_watcher, &DropboxChangeWatcher::changed, this, &Store::changed);
        connect(m_watcher, &DropboxChangeWatcher::cursorChanged, this, &Store::watchStateChanged);
    }
    m_watcher->start(QString::fromUtf8(state));
    return true;
}

StoreReply* DropboxStore::latestCursor()
{
    return startOperation([this](RemoteOperation* operation) { fetchLatestCursor(operation, true); });
}

void DropboxStore::fetchLatestCursor(RemoteOperation* operation, bool mayCreateRoot)
{
    // The whole tree, deletions included, so that one cursor tells of every document anywhere.
    const QJsonObject arg {
        { QStringLiteral("path"), m_rootFolder },
        { QStringLiteral("recursive"), true },
        { QStringLiteral("include_deleted"), true },
        { QStringLiteral("include_mounted_folders"), true },
        { QStringLiteral("include_non_downloadable_files"), false },
    };
    HttpCall* call = newCall(
        operation,
        DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/list_folder/get_latest_cursor")), arg));
    connect(call, &HttpCall::finished, operation, [this, operation, call, mayCreateRoot](const HttpResponse& response) {
        call->deleteLater();
        if (response.isSuccess()) {
            const QByteArray body = response.body;
            operation->succeed([body](StoreReply* reply) { reply->setData(body); });
            return;
        }
        if (!mayCreateRoot || m_rootFolder.isEmpty()
            || DropboxError::fromResponse(response, {}).code() != StoreReply::Error::NotFound)
            return fail(operation, response, tr("Dropbox"));
        // A root folder not made yet: made now (or by someone else meanwhile), so that its changes are heard.
        const QJsonObject folder { { QStringLiteral("path"), m_rootFolder }, { QStringLiteral("autorename"), false } };
        HttpCall* create = newCall(
            operation, DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/create_folder_v2")), folder));
        connect(create, &HttpCall::finished, operation, [this, operation, create](const HttpResponse& created) {
            create->deleteLater();
            if (!created.isSuccess()
                && DropboxError::fromResponse(created, {}).code() != StoreReply::Error::AlreadyExists)
                return fail(operation, created, tr("Dropbox"));
            fetchLatestCursor(operation, false);
        });
        create->start();
    });
    call->start();
}

StoreReply* DropboxStore::longpoll(const QString& cursor, int timeoutSeconds)
{
    return startOperation([this, cursor, timeoutSeconds](RemoteOperation* operation) {
        const QJsonObject arg { { QStringLiteral("cursor"), cursor }, { QStringLiteral("timeout"), timeoutSeconds } };
        HttpRequest request
            = DropboxRequest::rpc(m_endpoints.notifyRoute(QStringLiteral("files/list_folder/longpoll")), arg);
        // Not signed, and silent until something changes: Dropbox adds up to 90 s to the timeout.
        request.authorized = false;
        request.idleTimeoutMs = (timeoutSeconds + 120) * 1000;
        HttpCall* call = newCall(operation, request);
        connect(call, &HttpCall::finished, operation, [this, operation, call](const HttpResponse& response) {
            call->deleteLater();
            if (!response.isSuccess()) {
                if (!succeedOnReset(operation, response))
                    fail(operation, response, tr("Dropbox"));
                return;
            }
            const QByteArray body = response.body;
            operation->succeed([body](StoreReply* reply) { reply->setData(body); });
        });
        call->start();
    });
}

bool DropboxStore::succeedOnReset(RemoteOperation* operation, const HttpResponse& response)
{
    if (!DropboxError::fromResponse(response, {}).hasTag(QStringLiteral("reset")))
        return false;
    operation->succeed([](StoreReply* reply) {
        reply->setData(QJsonDocument(QJsonObject { { QStringLiteral("reset"), true } }).toJson(QJsonDocument::Compact));
    });
    return true;
}

StoreReply* DropboxStore::changesSince(const QString& cursor)
{
    return startOperation([this, cursor](RemoteOperation* operation) {
        const QJsonObject arg { { QStringLiteral("cursor"), cursor } };
        listPage(
            operation, DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/list_folder/continue")), arg), {},
            [this, operation](const QList<QJsonObject>& entries, const QString& next, const HttpResponse* failure) {
                if (failure) {
                    if (!succeedOnReset(operation, *failure))
                        fail(operation, *failure, tr("Dropbox"));
                    return;
                }
                // Where the entries are tells what changed: /<Type> or /<Type>/<Id> (an entity made or
                // removed), or /<Type>/<Id>/<file> (its documents). path_display's casing is only sure for
                // the last component; the caller matches ids without regard to case.
                const QString root = lowerPath(m_rootFolder) + QLatin1Char('/');
                QList<EntityType> types;
                QList<EntityRef> refs;
                for (const QJsonObject& entry : entries) {
                    const QString lower = entry.value(QLatin1String("path_lower")).toString();
                    if (!lower.startsWith(root))
                        continue;
                    const QString display = entry.value(QLatin1String("path_display")).toString();
                    const QStringList parts
                        = (display.isEmpty() ? lower : display).mid(root.size()).split(QLatin1Char('/'));
                    const std::optional<EntityType> type = EntityTypes::fromName(parts.value(0));
                    if (!type)
                        continue;
                    if (parts.size() == 3) {
                        const EntityRef ref { *type, parts.at(1) };
                        if (!refs.contains(ref))
                            refs.append(ref);
                    }
                    if (parts.size() <= 2 && !types.contains(*type))
                        types.append(*type);
                }
                QList<Entity> entities;
                for (const EntityRef& ref : std::as_const(refs))
                    entities.append(Entity { ref, -1 });
                const QByteArray data
                    = QJsonDocument(QJsonObject { { QStringLiteral("cursor"), next } }).toJson(QJsonDocument::Compact);
                operation->succeed([data, types, entities](StoreReply* reply) {
                    reply->setData(data);
                    reply->setEntityTypes(types);
                    reply->setEntities(entities);
                });
            });
    });
}
