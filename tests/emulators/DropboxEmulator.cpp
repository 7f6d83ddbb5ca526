#include "DropboxEmulator.h"

#include "DropboxEmulatorJson.h"
#include "DropboxEmulatorThumbnails.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace Json = DropboxEmulatorJson;

namespace {

// Concurrent upload sessions take data only in multiples of this, at offsets that are multiples of it.
constexpr qint64 ConcurrentChunk = 4 * 1024 * 1024;
constexpr qint64 MaxFileBytes = (Q_INT64_C(1) << 41) - (Q_INT64_C(1) << 22);
constexpr int MaxRelocatedEntries = 10000;
constexpr int MaxThumbnailBatch = 25;
constexpr int MaxListLimit = 2000;
// What Dropbox returns per page when no limit is asked for.
constexpr int DefaultListLimit = 500;

const QByteArray CorsHackType = QByteArrayLiteral("text/plain; charset=dropbox-cors-hack");

// Names Dropbox will not store (its desktop client ignores them too).
bool isDisallowedName(const QString& name)
{
    static const QStringList names { QStringLiteral("desktop.ini"), QStringLiteral("thumbs.db"),
                                     QStringLiteral(".ds_store"),   QStringLiteral("icon\r"),
                                     QStringLiteral(".dropbox"),    QStringLiteral(".dropbox.attr") };
    return names.contains(name.toLower());
}

// A path that starts with "/" but is no valid path: a trailing or doubled slash, "." or "..", a name too long.
bool isMalformed(const QString& path)
{
    for (const QString& name : path.mid(1).split(QLatin1Char('/'))) {
        if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..") || name.size() > 255)
            return true;
    }
    return false;
}

bool isJsonType(const QByteArray& contentType)
{
    const QList<QByteArray> parts = contentType.split(';');
    if (parts.first().trimmed().toLower() != "application/json")
        return false;
    return std::all_of(parts.begin() + 1, parts.end(),
                       [](const QByteArray& part) { return part.trimmed().toLower() == "charset=utf-8"; });
}

// "report.pdf" with " (1)" gives "report (1).pdf"; a leading dot (".env") starts no extension.
QString beforeExtension(const QString& name, const QString& insert)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        return name + insert;
    return name.left(dot) + insert + name.mid(dot);
}

QString contentHashOf(const QByteArray& data)
{
    ContentHasher hasher;
    hasher.addData(data);
    return hasher.hexResult();
}

bool hashMismatch(const QString& expected, const QByteArray& data)
{
    return !expected.isEmpty() && expected != contentHashOf(data);
}

// True when the appended pieces leave no gap in the first `size` bytes.
bool piecesCover(QList<QPair<qint64, qint64>> pieces, qint64 size)
{
    std::sort(pieces.begin(), pieces.end());
    qint64 covered = 0;
    for (const auto& [offset, length] : pieces) {
        if (offset > covered)
            return false;
        covered = qMax(covered, offset + length);
    }
    return covered >= size;
}

QJsonObject conflict(const QString& kind)
{
    return Json::member(QStringLiteral("conflict"), Json::tag(kind));
}

// Metadata as stone writes it: with ".tag" where the declared type is Metadata, without where it is FileMetadata
// or FolderMetadata.
QJsonObject metadataJson(const DropboxEmulatorFileTree::Entry& entry, bool tagged)
{
    QJsonObject json { { QStringLiteral("name"), entry.name() },
                       { QStringLiteral("path_lower"), entry.pathLower() },
                       { QStringLiteral("path_display"), entry.pathDisplay },
                       { QStringLiteral("id"), entry.id } };
    if (!entry.isFolder) {
        json.insert(QStringLiteral("client_modified"), Json::timestamp(entry.clientModified));
        json.insert(QStringLiteral("server_modified"), Json::timestamp(entry.serverModified));
        json.insert(QStringLiteral("rev"), entry.rev);
        json.insert(QStringLiteral("size"), entry.size);
        json.insert(QStringLiteral("is_downloadable"), true);
        json.insert(QStringLiteral("content_hash"), entry.contentHash);
    }
    return tagged ? Json::withTag(entry.isFolder ? QStringLiteral("folder") : QStringLiteral("file"), json) : json;
}

QJsonObject deletedJson(const QString& pathDisplay)
{
    return Json::withTag(QStringLiteral("deleted"),
                         { { QStringLiteral("name"), pathDisplay.section(QLatin1Char('/'), -1) },
                           { QStringLiteral("path_lower"), DropboxEmulatorFileTree::key(pathDisplay) },
                           { QStringLiteral("path_display"), pathDisplay } });
}

QJsonObject listedJson(const DropboxEmulatorFileTree::Item& item)
{
    return item.deleted ? deletedJson(item.entry.pathDisplay) : metadataJson(item.entry, true);
}

} // namespace

DropboxEmulator::DropboxEmulator(const QString& dataDirectory, QObject* parent)
    : EmulatorServer(parent)
    , m_temporaryDirectory(dataDirectory.isEmpty() ? std::make_unique<QTemporaryDir>() : nullptr)
    , m_tree(dataDirectory.isEmpty() ? m_temporaryDirectory->path() : dataDirectory)
    , m_cursorEpoch(QUuid::createUuid().toString(QUuid::Id128))
{
    if (!dataDirectory.isEmpty())
        QDir().mkpath(dataDirectory);
    connect(&m_tree, &DropboxEmulatorFileTree::changed, this, &DropboxEmulator::answerLongpolls);

    using Method = QHttpServerRequest::Method;
    addRoute(Method::Get, QStringLiteral("/oauth2/authorize"),
             [this](const EmulatorExchangePtr& exchange) { exchange->respond(m_auth.authorize(exchange->request())); });
    addRoute(Method::Post, QStringLiteral("/oauth2/authorize/decision"),
             [this](const EmulatorExchangePtr& exchange) { exchange->respond(m_auth.decide(exchange->request())); });
    addRoute(Method::Post, QStringLiteral("/oauth2/token"),
             [this](const EmulatorExchangePtr& exchange) { exchange->respond(m_auth.token(exchange->request())); });

    addApiRoute(QStringLiteral("auth/token/revoke"), Style::Rpc, true, &DropboxEmulator::revokeToken);
    addApiRoute(QStringLiteral("users/get_current_account"), Style::Rpc, true, &DropboxEmulator::getCurrentAccount);
    addApiRoute(QStringLiteral("users/get_space_usage"), Style::Rpc, true, &DropboxEmulator::getSpaceUsage);
    addApiRoute(QStringLiteral("files/list_folder"), Style::Rpc, true, &DropboxEmulator::listFolder);
    addApiRoute(QStringLiteral("files/list_folder/continue"), Style::Rpc, true, &DropboxEmulator::listFolderContinue);
    addApiRoute(QStringLiteral("files/list_folder/get_latest_cursor"), Style::Rpc, true,
                &DropboxEmulator::listFolderGetLatestCursor);
    // The one route without auth: the cursor is the credential.
    addApiRoute(QStringLiteral("files/list_folder/longpoll"), Style::Rpc, false, &DropboxEmulator::listFolderLongpoll);
    addApiRoute(QStringLiteral("files/get_metadata"), Style::Rpc, true, &DropboxEmulator::getMetadata);
    addApiRoute(QStringLiteral("files/create_folder_v2"), Style::Rpc, true, &DropboxEmulator::createFolder);
    addApiRoute(QStringLiteral("files/upload"), Style::Upload, true, &DropboxEmulator::upload);
    addApiRoute(QStringLiteral("files/upload_session/start"), Style::Upload, true,
                &DropboxEmulator::uploadSessionStart);
    addApiRoute(QStringLiteral("files/upload_session/append_v2"), Style::Upload, true,
                &DropboxEmulator::uploadSessionAppend);
    addApiRoute(QStringLiteral("files/upload_session/finish"), Style::Upload, true,
                &DropboxEmulator::uploadSessionFinish);
    addApiRoute(QStringLiteral("files/download"), Style::Download, true, &DropboxEmulator::download);
    addApiRoute(QStringLiteral("files/get_thumbnail_v2"), Style::Download, true, &DropboxEmulator::getThumbnail);
    // On the content host, yet RPC style.
    addApiRoute(QStringLiteral("files/get_thumbnail_batch"), Style::Rpc, true, &DropboxEmulator::getThumbnailBatch);
    addApiRoute(QStringLiteral("files/delete_v2"), Style::Rpc, true, &DropboxEmulator::deleteEntry);
    addApiRoute(QStringLiteral("files/move_v2"), Style::Rpc, true, &DropboxEmulator::move);
    addApiRoute(QStringLiteral("files/copy_v2"), Style::Rpc, true, &DropboxEmulator::copy);
}

QString DropboxEmulator::appKey() const
{
    return m_auth.appKey();
}

void DropboxEmulator::setAppKey(const QString& appKey)
{
    m_auth.setAppKey(appKey);
}

void DropboxEmulator::setAutoApprove(bool autoApprove)
{
    m_auth.setAutoApprove(autoApprove);
}

void DropboxEmulator::setAccessTokenLifetime(int seconds)
{
    m_auth.setAccessTokenLifetime(seconds);
}

void DropboxEmulator::expireAccessTokens()
{
    m_auth.expireAccessTokens();
}

QString DropboxEmulator::issueRefreshToken()
{
    return m_auth.issueRefreshToken();
}

QString DropboxEmulator::issueAccessToken()
{
    return m_auth.issueAccessToken();
}

void DropboxEmulator::setLongpollTimeoutScale(double scale)
{
    m_longpollTimeoutScale = scale;
}

void DropboxEmulator::setQuotaBytes(qint64 bytes)
{
    m_quotaBytes = bytes;
}

void DropboxEmulator::invalidateCursors()
{
    m_cursorEpoch = QUuid::createUuid().toString(QUuid::Id128);
}

bool DropboxEmulator::hasFile(const QString& path) const
{
    const Entry* entry = m_tree.find(DropboxEmulatorFileTree::key(path));
    return entry && !entry->isFolder;
}

bool DropboxEmulator::hasFolder(const QString& path) const
{
    const Entry* entry = m_tree.find(DropboxEmulatorFileTree::key(path));
    return entry && entry->isFolder;
}

QByteArray DropboxEmulator::fileContent(const QString& path) const
{
    if (!hasFile(path))
        return {};
    QFile file(m_tree.find(DropboxEmulatorFileTree::key(path))->blobPath);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString DropboxEmulator::fileContentHash(const QString& path) const
{
    return hasFile(path) ? m_tree.find(DropboxEmulatorFileTree::key(path))->contentHash : QString();
}

bool DropboxEmulator::putFile(const QString& path, const QByteArray& content)
{
    const QString blob = m_tree.newBlobPath();
    QFile file(blob);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return false;
    file.close();
    return seed(path, blob, content.size(), contentHashOf(content));
}

bool DropboxEmulator::removePath(const QString& path)
{
    const QString key = DropboxEmulatorFileTree::key(path);
    if (!hasFile(path) && !hasFolder(path))
        return false;
    m_tree.remove(key);
    return true;
}

bool DropboxEmulator::putFileFromDisk(const QString& path, const QString& localPath)
{
    const QString blob = m_tree.newBlobPath();
    if (!QFile::copy(localPath, blob))
        return false;
    return seed(path, blob, QFileInfo(blob).size(), ContentHasher::hashFile(blob));
}

EmulatorResponse DropboxEmulator::faultResponse(const FaultInjector::Fault& fault, const EmulatorRequest& request) const
{
    switch (fault.kind) {
    case FaultInjector::Kind::RateLimited:
        if (!fault.jsonBody)
            return EmulatorResponse::text(429, QStringLiteral("too_many_requests"));
        return EmulatorResponse::json(
            429,
            Json::errorBody({ { QStringLiteral("reason"), Json::tag(QStringLiteral("too_many_requests")) },
                              { QStringLiteral("retry_after"), fault.retryAfterSeconds } }));
    case FaultInjector::Kind::ExpiredToken:
        return authError(QStringLiteral("expired_access_token"));
    default:
        return EmulatorServer::faultResponse(fault, request);
    }
}

void DropboxEmulator::addApiRoute(const QString& route, Style style, bool authenticated, ApiHandler handler)
{
    using Method = QHttpServerRequest::Method;
    // Download-style routes also take GET (with the argument in the header or in ?arg=).
    const QHttpServerRequest::Methods methods = style == Style::Download ? Method::Get | Method::Post : Method::Post;
    addRoute(methods, QStringLiteral("/2/") + route,
             [this, route, style, authenticated, handler](const EmulatorExchangePtr& exchange) {
                 Call call { exchange, route, {}, {}, {} };
                 if ((!authenticated || authenticate(call)) && checkContentType(call, style) && readArg(call, style))
                     (this->*handler)(call);
             });
}

bool DropboxEmulator::authenticate(Call& call) const
{
    const EmulatorRequest& request = call.exchange->request();
    QString value = QString::fromLatin1(request.header(QByteArrayLiteral("Authorization")));
    if (value.isEmpty())
        value = request.queryFields().value(QStringLiteral("authorization"));
    if (value.isEmpty()) {
        badRequest(call,
                   QStringLiteral("Must provide HTTP header \"Authorization\" or URL parameter \"authorization\"."));
        return false;
    }
    const QString token = value.startsWith(QLatin1String("Bearer ")) ? value.mid(7).trimmed() : QString();
    if (token.isEmpty()) {
        badRequest(call,
                   QStringLiteral("Invalid authorization value in HTTP header \"Authorization\": \"%1\".  Expecting "
                                  "\"Bearer <oauth2-access-token>\".")
                       .arg(value));
        return false;
    }
    switch (m_auth.tokenState(token)) {
    case DropboxEmulatorAuth::TokenState::Valid:
        call.accessToken = token;
        return true;
    case DropboxEmulatorAuth::TokenState::Expired:
        call.exchange->respond(authError(QStringLiteral("expired_access_token")));
        return false;
    default:
        call.exchange->respond(authError(QStringLiteral("invalid_access_token")));
        return false;
    }
}

bool DropboxEmulator::checkContentType(const Call& call, Style style) const
{
    const EmulatorRequest& request = call.exchange->request();
    const QByteArray type = request.header(QByteArrayLiteral("Content-Type"));
    // Dropbox's own SDKs send no type with downloads; which others it takes is unverified, so any goes.
    if (style == Style::Download || type == CorsHackType)
        return true;
    if (style == Style::Rpc) {
        // Routes without arguments may be called with neither body nor type, as in Dropbox's own curl examples.
        if ((type.isEmpty() && request.body().isEmpty()) || isJsonType(type))
            return true;
        badRequest(call,
                   QStringLiteral("Bad HTTP \"Content-Type\" header: \"%1\".  Expecting one of "
                                  "\"application/json\", \"application/json; charset=utf-8\", "
                                  "\"text/plain; charset=dropbox-cors-hack\".")
                       .arg(QString::fromLatin1(type)));
        return false;
    }
    if (type.isEmpty()) {
        badRequest(call, QStringLiteral("Missing or empty HTTP \"Content-Type\" header"));
        return false;
    }
    if (type.trimmed().toLower() == "application/octet-stream")
        return true;
    badRequest(call,
               QStringLiteral("Bad HTTP \"Content-Type\" header: \"%1\".  Expecting one of "
                              "\"application/octet-stream\", \"text/plain; charset=dropbox-cors-hack\".")
                   .arg(QString::fromLatin1(type)));
    return false;
}

bool DropboxEmulator::readArg(Call& call, Style style) const
{
    const EmulatorRequest& request = call.exchange->request();
    QByteArray json;
    if (style == Style::Rpc) {
        call.argOrigin = QStringLiteral("request body");
        json = request.body().trimmed();
        if (json.isEmpty() || json == "null") {
            call.arg = QJsonValue::Null;
            return true;
        }
    } else {
        call.argOrigin = QStringLiteral("HTTP header \"Dropbox-API-Arg\"");
        json = request.header(QByteArrayLiteral("Dropbox-API-Arg"));
        if (json.isEmpty()) {
            call.argOrigin = QStringLiteral("URL parameter \"arg\"");
            json = request.queryFields().value(QStringLiteral("arg")).toUtf8();
        }
        if (json.isEmpty()) {
            badRequest(call, QStringLiteral("Must provide HTTP header \"Dropbox-API-Arg\" or URL parameter \"arg\"."));
            return false;
        }
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        badRequest(call, call.argOrigin + QStringLiteral(": could not decode input as JSON"));
        return false;
    }
    call.arg = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    return true;
}

void DropboxEmulator::reply(const Call& call, const QJsonValue& result) const
{
    call.exchange->respond(EmulatorResponse::json(200, result));
}

void DropboxEmulator::routeError(const Call& call, const QJsonObject& error) const
{
    call.exchange->respond(EmulatorResponse::json(409, Json::errorBody(error)));
}

void DropboxEmulator::badRequest(const Call& call, const QString& detail) const
{
    call.exchange->respond(EmulatorResponse::text(
        400, QStringLiteral("Error in call to API function \"%1\": %2").arg(call.route, detail)));
}

void DropboxEmulator::storageError(const Call& call) const
{
    call.exchange->respond(EmulatorResponse::text(500, QStringLiteral("The emulator could not store the data.")));
}

EmulatorResponse DropboxEmulator::authError(const QString& tag)
{
    return EmulatorResponse::json(401, Json::errorBody(Json::tag(tag)));
}

bool DropboxEmulator::checkPathArg(const Call& call, const QString& field, const QString& path, int rules) const
{
    static const QRegularExpression revPath(QStringLiteral("^rev:[0-9a-f]{9,}$"));
    QString problem;
    if (path == QLatin1String("/")) {
        problem = QStringLiteral("Specify the root folder as an empty string rather than as \"/\".");
    } else if (path.isEmpty()) {
        if (rules & AllowRoot)
            return true;
        problem = QStringLiteral("The root folder is unsupported.");
    } else if (path.startsWith(QLatin1Char('/')) || ((rules & AllowId) && path.startsWith(QLatin1String("id:")))
               || ((rules & AllowRev) && revPath.match(path).hasMatch())) {
        return true;
    } else {
        QString pattern = (rules & AllowRoot) ? QStringLiteral("(/(.|[\\r\\n])*)?") : QStringLiteral("/(.|[\\r\\n])*");
        if (rules & AllowId)
            pattern += QStringLiteral("|id:.*");
        if (rules & AllowRev)
            pattern += QStringLiteral("|(rev:[0-9a-f]{9,})");
        pattern += QStringLiteral("|(ns:[0-9]+(/(.|[\\r\\n])*)?)");
        problem = QStringLiteral("'%1' did not match pattern '%2'").arg(path, pattern);
    }
    badRequest(call, call.argOrigin + QStringLiteral(": ") + field + QStringLiteral(": ") + problem);
    return false;
}

const DropboxEmulator::Entry* DropboxEmulator::lookup(const QString& path, QString* errorTag) const
{
    static const Entry root = [] {
        Entry folder;
        folder.isFolder = true;
        return folder;
    }();
    const Entry* entry = nullptr;
    if (path.isEmpty())
        return &root;
    if (path.startsWith(QLatin1String("id:"))) {
        entry = m_tree.findById(path);
    } else if (path.startsWith(QLatin1String("rev:"))) {
        entry = m_tree.findByRev(path.mid(4));
    } else if (isMalformed(path)) {
        *errorTag = QStringLiteral("malformed_path");
        return nullptr;
    } else {
        entry = m_tree.find(DropboxEmulatorFileTree::key(path));
    }
    if (!entry)
        *errorTag = QStringLiteral("not_found");
    return entry;
}

QJsonObject DropboxEmulator::writeProblem(const QString& path) const
{
    if (isMalformed(path))
        return Json::tag(QStringLiteral("malformed_path"));
    const QStringList names = path.mid(1).split(QLatin1Char('/'));
    if (std::any_of(names.begin(), names.end(), isDisallowedName))
        return Json::tag(QStringLiteral("disallowed_name"));
    QString ancestor = DropboxEmulatorFileTree::key(path);
    while (!(ancestor = DropboxEmulatorFileTree::parentKey(ancestor)).isEmpty()) {
        const Entry* entry = m_tree.find(ancestor);
        if (entry && !entry->isFolder)
            return conflict(QStringLiteral("file_ancestor"));
    }
    return {};
}

QString DropboxEmulator::freeName(const QString& path, bool conflictedCopy) const
{
    const QString folder = path.left(path.lastIndexOf(QLatin1Char('/')) + 1);
    const QString name = path.mid(folder.size());
    // WriteMode: "document.txt" becomes "document (1).txt", or for update "document (conflicted copy).txt".
    const QString base = conflictedCopy ? beforeExtension(name, QStringLiteral(" (conflicted copy)")) : name;
    for (int n = conflictedCopy ? 0 : 1;; ++n) {
        const QString candidate = folder + (n == 0 ? base : beforeExtension(base, QStringLiteral(" (%1)").arg(n)));
        if (!m_tree.find(DropboxEmulatorFileTree::key(candidate)))
            return candidate;
    }
}

std::optional<DropboxEmulator::Cursor> DropboxEmulator::readListFolderArg(const Call& call) const
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString path = args.requiredString(QStringLiteral("path"));
    Cursor cursor;
    cursor.recursive = args.boolean(QStringLiteral("recursive"), false);
    cursor.includeDeleted = args.boolean(QStringLiteral("include_deleted"), false);
    cursor.limit = int(args.integer(QStringLiteral("limit"), 1, MaxListLimit, DefaultListLimit));
    if (!args.ok()) {
        badRequest(call, args.problem());
        return std::nullopt;
    }
    if (!checkPathArg(call, QStringLiteral("path"), path, AllowRoot | AllowId))
        return std::nullopt;
    QString errorTag;
    const Entry* folder = lookup(path, &errorTag);
    if (folder && !folder->isFolder)
        errorTag = QStringLiteral("not_folder");
    if (!errorTag.isEmpty()) {
        routeError(call, Json::member(QStringLiteral("path"), Json::tag(errorTag)));
        return std::nullopt;
    }
    cursor.folderKey = folder->pathLower();
    cursor.sequence = m_tree.sequence();
    return cursor;
}

QString DropboxEmulator::encodeCursor(const Cursor& cursor) const
{
    QJsonObject json { { QStringLiteral("e"), m_cursorEpoch },    { QStringLiteral("f"), cursor.folderKey },
                       { QStringLiteral("r"), cursor.recursive }, { QStringLiteral("d"), cursor.includeDeleted },
                       { QStringLiteral("l"), cursor.limit },     { QStringLiteral("s"), cursor.sequence } };
    if (cursor.listing)
        json.insert(QStringLiteral("a"), cursor.afterKey);
    return QString::fromLatin1(QJsonDocument(json)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<DropboxEmulator::Cursor> DropboxEmulator::decodeCursor(const QString& text) const
{
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(*decoded).object();
    Cursor cursor;
    cursor.folderKey = json.value(QStringLiteral("f")).toString();
    cursor.recursive = json.value(QStringLiteral("r")).toBool();
    cursor.includeDeleted = json.value(QStringLiteral("d")).toBool();
    cursor.limit = json.value(QStringLiteral("l")).toInt();
    cursor.sequence = json.value(QStringLiteral("s")).toInteger(-1);
    cursor.listing = json.contains(QStringLiteral("a"));
    cursor.afterKey = json.value(QStringLiteral("a")).toString();
    // A cursor from another emulator, from before invalidateCursors(), or from the future is no cursor.
    if (json.value(QStringLiteral("e")).toString() != m_cursorEpoch || cursor.limit < 1 || cursor.sequence < 0
        || cursor.sequence > m_tree.sequence())
        return std::nullopt;
    return cursor;
}

bool DropboxEmulator::hasChanges(const Cursor& cursor) const
{
    if (cursor.listing)
        return true;
    const auto changes = m_tree.changesSince(cursor.sequence);
    return std::any_of(changes.begin(), changes.end(), [&cursor](const auto& change) {
        return DropboxEmulatorFileTree::isWithin(change.second.key, cursor.folderKey, cursor.recursive);
    });
}

void DropboxEmulator::replyPage(const Call& call, Cursor cursor) const
{
    QJsonArray entries;
    bool hasMore = false;
    if (cursor.listing) {
        // The folder as it is now, from where the last page ended; what changes meanwhile comes after the listing.
        QList<DropboxEmulatorFileTree::Item> items
            = m_tree.list(cursor.folderKey, cursor.recursive, cursor.includeDeleted, cursor.afterKey, cursor.limit + 1);
        hasMore = items.size() > cursor.limit;
        if (hasMore)
            items.removeLast();
        for (const auto& item : items)
            entries.append(listedJson(item));
        cursor.listing = hasMore;
        cursor.afterKey = hasMore ? items.last().key : QString();
    } else {
        QList<QPair<qint64, DropboxEmulatorFileTree::Item>> changes = m_tree.changesSince(cursor.sequence);
        changes.removeIf([&cursor](const auto& change) {
            return !DropboxEmulatorFileTree::isWithin(change.second.key, cursor.folderKey, cursor.recursive);
        });
        hasMore = changes.size() > cursor.limit;
        if (hasMore)
            changes.resize(cursor.limit);
        for (const auto& change : changes)
            entries.append(listedJson(change.second));
        cursor.sequence = hasMore ? changes.last().first : m_tree.sequence();
    }
    reply(call,
          QJsonObject { { QStringLiteral("entries"), entries },
                        { QStringLiteral("cursor"), encodeCursor(cursor) },
                        { QStringLiteral("has_more"), hasMore } });
}

QJsonObject DropboxEmulator::longpollResult(bool changes) const
{
    QJsonObject result { { QStringLiteral("changes"), changes } };
    if (m_longpollBackoff > 0)
        result.insert(QStringLiteral("backoff"), m_longpollBackoff);
    return result;
}

void DropboxEmulator::answerLongpolls()
{
    for (auto it = m_longpolls.begin(); it != m_longpolls.end();) {
        if (!hasChanges(it->cursor)) {
            ++it;
            continue;
        }
        it->exchange->respond(EmulatorResponse::json(200, longpollResult(true)));
        it = m_longpolls.erase(it);
    }
}

std::optional<DropboxEmulator::CommitInfo> DropboxEmulator::readCommit(const Call& call,
                                                                       DropboxEmulatorArgs& args) const
{
    static const QRegularExpression revPattern(QStringLiteral("^[0-9a-f]{9,}$"));
    CommitInfo info;
    info.path = args.requiredString(QStringLiteral("path"));
    info.mode = args.unionTag(QStringLiteral("mode"),
                              { QStringLiteral("add"), QStringLiteral("overwrite"), QStringLiteral("update") },
                              QStringLiteral("add"));
    info.rev = args.value(QStringLiteral("mode")).toObject().value(QStringLiteral("update")).toString();
    info.autorename = args.boolean(QStringLiteral("autorename"), false);
    info.strictConflict = args.boolean(QStringLiteral("strict_conflict"), false);
    const QString clientModified = args.string(QStringLiteral("client_modified"));
    if (!args.ok()) {
        badRequest(call, args.problem());
        return std::nullopt;
    }
    if (info.mode == QLatin1String("update") && !revPattern.match(info.rev).hasMatch()) {
        badRequest(call, call.argOrigin + QStringLiteral(": mode: update: '%1' is not a rev").arg(info.rev));
        return std::nullopt;
    }
    if (!clientModified.isEmpty()) {
        const std::optional<QDateTime> time = Json::parseTimestamp(clientModified);
        if (!time) {
            badRequest(call,
                       call.argOrigin
                           + QStringLiteral(": client_modified: time data '%1' does not match format "
                                            "'%Y-%m-%dT%H:%M:%SZ'")
                                 .arg(clientModified));
            return std::nullopt;
        }
        info.clientModified = *time;
    }
    if (!checkPathArg(call, QStringLiteral("path"), info.path, AllowId))
        return std::nullopt;
    return info;
}

DropboxEmulator::CommitOutcome DropboxEmulator::commit(const CommitInfo& info, const QString& blobPath, qint64 size,
                                                       const QString& contentHash)
{
    QString path = info.path;
    if (path.startsWith(QLatin1String("id:"))) {
        const Entry* target = m_tree.findById(path);
        if (!target || target->isFolder)
            return { {}, Json::tag(QStringLiteral("malformed_path")) };
        path = target->pathDisplay;
    }
    if (const QJsonObject problem = writeProblem(path); !problem.isEmpty())
        return { {}, problem };

    // WriteMode's rules: a folder is always in the way; identical content is written nowhere and conflicts with
    // nothing (unless strict); otherwise add conflicts, overwrite replaces and update replaces the rev it names.
    const Entry* existing = m_tree.find(DropboxEmulatorFileTree::key(path));
    const bool update = info.mode == QLatin1String("update");
    QString conflictKind;
    if (existing && existing->isFolder) {
        conflictKind = QStringLiteral("folder");
    } else if (existing && existing->contentHash == contentHash && !info.strictConflict) {
        QFile::remove(blobPath);
        return { *existing, {} };
    } else if (existing ? info.mode == QLatin1String("add") || (update && existing->rev != info.rev)
                        : update && info.strictConflict) {
        conflictKind = QStringLiteral("file");
    }
    if (!conflictKind.isEmpty()) {
        if (!info.autorename)
            return { {}, conflict(conflictKind) };
        path = freeName(path, update);
        existing = nullptr;
    }
    if (m_tree.usedBytes() - (existing ? existing->size : 0) + size > m_quotaBytes)
        return { {}, Json::tag(QStringLiteral("insufficient_space")) };
    return { m_tree.putFile(path, blobPath, size, contentHash, info.clientModified), {} };
}

QString DropboxEmulator::startSession(bool concurrent)
{
    auto session = std::make_shared<UploadSession>();
    session->blobPath = m_tree.newBlobPath();
    session->concurrent = concurrent;
    if (!concurrent)
        session->hasher = std::make_unique<ContentHasher>();
    QFile(session->blobPath).open(QIODevice::WriteOnly);
    const QString id = QStringLiteral("pid_upload_session:")
        + QString::fromLatin1(QUuid::createUuid().toRfc4122().toBase64(QByteArray::Base64UrlEncoding
                                                                       | QByteArray::OmitTrailingEquals));
    m_sessions.insert(id, session);
    return id;
}

bool DropboxEmulator::append(UploadSession& session, qint64 offset, const QByteArray& data)
{
    QFile file(session.blobPath);
    if (!file.open(QIODevice::ReadWrite) || !file.seek(offset) || file.write(data) != data.size())
        return false;
    if (session.concurrent)
        session.pieces.append({ offset, data.size() });
    else
        session.size += data.size();
    if (session.hasher)
        session.hasher->addData(data);
    else
        session.contentHash.clear();
    return true;
}

QString DropboxEmulator::sessionHash(UploadSession& session)
{
    if (session.hasher) {
        session.contentHash = session.hasher->hexResult();
        session.hasher.reset();
    }
    // Concurrent sessions, and data appended after a failed finish, are hashed from the disk.
    if (session.contentHash.isEmpty())
        session.contentHash = ContentHasher::hashFile(session.blobPath);
    return session.contentHash;
}

void DropboxEmulator::finishSession(const Call& call, const QString& sessionId, const CommitInfo& info,
                                    bool simpleUpload)
{
    UploadSession& session = *m_sessions.value(sessionId);
    const CommitOutcome outcome = commit(info, session.blobPath, session.size, sessionHash(session));
    if (!outcome.writeError.isEmpty()) {
        // The data stays in the session, so the commit can be retried with upload_session/finish.
        if (simpleUpload)
            return routeError(call,
                              Json::withTag(QStringLiteral("path"),
                                            { { QStringLiteral("reason"), outcome.writeError },
                                              { QStringLiteral("upload_session_id"), sessionId } }));
        return routeError(call, Json::member(QStringLiteral("path"), outcome.writeError));
    }
    m_sessions.remove(sessionId);
    reply(call, metadataJson(outcome.entry, false));
}

bool DropboxEmulator::seed(const QString& path, const QString& blobPath, qint64 size, const QString& contentHash)
{
    if (!path.startsWith(QLatin1Char('/')) || !writeProblem(path).isEmpty() || hasFolder(path)) {
        QFile::remove(blobPath);
        return false;
    }
    m_tree.putFile(path, blobPath, size, contentHash, {});
    return true;
}

DropboxEmulator::ThumbnailSpec DropboxEmulator::readThumbnailSpec(DropboxEmulatorArgs& args)
{
    return { args.unionTag(QStringLiteral("format"),
                           { QStringLiteral("jpeg"), QStringLiteral("png"), QStringLiteral("webp") },
                           QStringLiteral("jpeg")),
             args.unionTag(QStringLiteral("size"), DropboxEmulatorThumbnails::sizeTags(), QStringLiteral("w64h64")),
             args.unionTag(QStringLiteral("mode"),
                           { QStringLiteral("strict"), QStringLiteral("bestfit"), QStringLiteral("fitone_bestfit"),
                             QStringLiteral("original") },
                           QStringLiteral("strict")) };
}

DropboxEmulator::Thumbnail DropboxEmulator::thumbnail(const QString& path, const ThumbnailSpec& spec) const
{
    QString errorTag;
    const Entry* file = lookup(path, &errorTag);
    if (file && file->isFolder)
        errorTag = QStringLiteral("not_file");
    if (!errorTag.isEmpty())
        return { {}, {}, Json::member(QStringLiteral("path"), Json::tag(errorTag)) };
    if (!DropboxEmulatorThumbnails::hasSupportedExtension(file->name()))
        return { *file, {}, Json::tag(QStringLiteral("unsupported_extension")) };
    const DropboxEmulatorThumbnails::Thumbnail made
        = DropboxEmulatorThumbnails::make(file->blobPath, file->size, spec.format, spec.size, spec.mode);
    if (!made.errorTag.isEmpty())
        return { *file, {}, Json::tag(made.errorTag) };
    return { *file, made.data, {} };
}

void DropboxEmulator::relocate(const Call& call, bool copy)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString from = args.requiredString(QStringLiteral("from_path"));
    QString to = args.requiredString(QStringLiteral("to_path"));
    const bool autorename = args.boolean(QStringLiteral("autorename"), false);
    if (!args.ok())
        return badRequest(call, args.problem());
    if (!checkPathArg(call, QStringLiteral("from_path"), from, AllowId)
        || !checkPathArg(call, QStringLiteral("to_path"), to, AllowId))
        return;
    QString errorTag;
    const Entry* source = lookup(from, &errorTag);
    if (!source)
        return routeError(call, Json::member(QStringLiteral("from_lookup"), Json::tag(errorTag)));
    const QString fromKey = source->pathLower();
    // An id names something that exists, and the destination must not.
    const QJsonObject problem
        = to.startsWith(QLatin1String("id:")) ? Json::tag(QStringLiteral("malformed_path")) : writeProblem(to);
    if (!problem.isEmpty())
        return routeError(call, Json::member(QStringLiteral("to"), problem));
    if (source->isFolder && DropboxEmulatorFileTree::key(to).startsWith(fromKey + QLatin1Char('/')))
        return routeError(call, Json::tag(QStringLiteral("cant_move_folder_into_itself")));
    // A case-only rename lands here too: the destination is the source itself, which Dropbox refuses.
    if (const Entry* occupant = m_tree.find(DropboxEmulatorFileTree::key(to))) {
        if (!autorename)
            return routeError(
                call,
                Json::member(QStringLiteral("to"),
                             conflict(occupant->isFolder ? QStringLiteral("folder") : QStringLiteral("file"))));
        to = freeName(to, false);
    }
    const DropboxEmulatorFileTree::Totals totals = m_tree.totals(fromKey);
    if (totals.entries > MaxRelocatedEntries)
        return routeError(call, Json::tag(QStringLiteral("too_many_files")));
    if (copy && m_tree.usedBytes() + totals.bytes > m_quotaBytes)
        return routeError(call, Json::tag(QStringLiteral("insufficient_quota")));
    reply(call, QJsonObject { { QStringLiteral("metadata"), metadataJson(m_tree.relocate(fromKey, to, copy), true) } });
}

void DropboxEmulator::listFolder(const Call& call)
{
    if (std::optional<Cursor> cursor = readListFolderArg(call)) {
        cursor->listing = true;
        replyPage(call, *cursor);
    }
}

void DropboxEmulator::listFolderContinue(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString text = args.requiredString(QStringLiteral("cursor"));
    if (!args.ok())
        return badRequest(call, args.problem());
    const std::optional<Cursor> cursor = decodeCursor(text);
    if (!cursor)
        return routeError(call, Json::tag(QStringLiteral("reset")));
    replyPage(call, *cursor);
}

void DropboxEmulator::listFolderGetLatestCursor(const Call& call)
{
    if (const std::optional<Cursor> cursor = readListFolderArg(call))
        reply(call, QJsonObject { { QStringLiteral("cursor"), encodeCursor(*cursor) } });
}

void DropboxEmulator::listFolderLongpoll(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString text = args.requiredString(QStringLiteral("cursor"));
    const qint64 timeout = args.integer(QStringLiteral("timeout"), 30, 480, 30);
    if (!args.ok())
        return badRequest(call, args.problem());
    const std::optional<Cursor> cursor = decodeCursor(text);
    if (!cursor)
        return routeError(call, Json::tag(QStringLiteral("reset")));
    if (hasChanges(*cursor))
        return reply(call, longpollResult(true));

    // Wait for a change (answerLongpolls) or the timeout, without the up to 90 s of jitter Dropbox adds.
    m_longpolls.append({ call.exchange, *cursor });
    const EmulatorExchangePtr exchange = call.exchange;
    QTimer::singleShot(qRound64(double(timeout) * 1000 * m_longpollTimeoutScale), this, [this, exchange] {
        exchange->respond(EmulatorResponse::json(200, longpollResult(false)));
        m_longpolls.removeIf([&exchange](const LongpollWaiter& waiter) { return waiter.exchange == exchange; });
    });
}

void DropboxEmulator::getMetadata(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString path = args.requiredString(QStringLiteral("path"));
    const bool includeDeleted = args.boolean(QStringLiteral("include_deleted"), false);
    if (!args.ok())
        return badRequest(call, args.problem());
    if (!checkPathArg(call, QStringLiteral("path"), path, AllowId | AllowRev))
        return;
    QString errorTag;
    if (const Entry* entry = lookup(path, &errorTag))
        return reply(call, metadataJson(*entry, true));
    const QString deleted = m_tree.deletedPath(DropboxEmulatorFileTree::key(path));
    if (includeDeleted && errorTag == QLatin1String("not_found") && !deleted.isEmpty())
        return reply(call, deletedJson(deleted));
    routeError(call, Json::member(QStringLiteral("path"), Json::tag(errorTag)));
}

void DropboxEmulator::createFolder(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    QString path = args.requiredString(QStringLiteral("path"));
    const bool autorename = args.boolean(QStringLiteral("autorename"), false);
    if (!args.ok())
        return badRequest(call, args.problem());
    if (!checkPathArg(call, QStringLiteral("path"), path, 0))
        return;
    if (const QJsonObject problem = writeProblem(path); !problem.isEmpty())
        return routeError(call, Json::member(QStringLiteral("path"), problem));
    if (const Entry* existing = m_tree.find(DropboxEmulatorFileTree::key(path))) {
        if (!autorename)
            return routeError(
                call,
                Json::member(QStringLiteral("path"),
                             conflict(existing->isFolder ? QStringLiteral("folder") : QStringLiteral("file"))));
        path = freeName(path, false);
    }
    reply(call, QJsonObject { { QStringLiteral("metadata"), metadataJson(m_tree.makeFolder(path), false) } });
}

void DropboxEmulator::upload(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString expectedHash = args.string(QStringLiteral("content_hash"));
    const std::optional<CommitInfo> info = readCommit(call, args);
    if (!info)
        return;
    const QByteArray data = call.exchange->request().body();
    if (data.size() > MaxRequestBytes)
        return routeError(call, Json::tag(QStringLiteral("payload_too_large")));
    if (hashMismatch(expectedHash, data))
        return routeError(call, Json::tag(QStringLiteral("content_hash_mismatch")));
    // An upload is a session started and finished at once: when the commit fails, the session keeps the data.
    const QString sessionId = startSession(false);
    if (!append(*m_sessions.value(sessionId), 0, data))
        return storageError(call);
    finishSession(call, sessionId, *info, true);
}

void DropboxEmulator::uploadSessionStart(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const bool close = args.boolean(QStringLiteral("close"), false);
    const bool concurrent
        = args.unionTag(QStringLiteral("session_type"), { QStringLiteral("sequential"), QStringLiteral("concurrent") },
                        QStringLiteral("sequential"))
        == QLatin1String("concurrent");
    const QString expectedHash = args.string(QStringLiteral("content_hash"));
    if (!args.ok())
        return badRequest(call, args.problem());
    const QByteArray data = call.exchange->request().body();
    if (data.size() > MaxRequestBytes)
        return routeError(call, Json::tag(QStringLiteral("payload_too_large")));
    if (concurrent && !data.isEmpty())
        return routeError(call, Json::tag(QStringLiteral("concurrent_session_data_not_allowed")));
    if (concurrent && close)
        return routeError(call, Json::tag(QStringLiteral("concurrent_session_close_not_allowed")));
    if (hashMismatch(expectedHash, data))
        return routeError(call, Json::tag(QStringLiteral("content_hash_mismatch")));
    const QString sessionId = startSession(concurrent);
    UploadSession& session = *m_sessions.value(sessionId);
    if (!append(session, 0, data))
        return storageError(call);
    session.closed = close;
    reply(call, QJsonObject { { QStringLiteral("session_id"), sessionId } });
}

void DropboxEmulator::uploadSessionAppend(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    DropboxEmulatorArgs cursor = args.child(QStringLiteral("cursor"));
    const QString sessionId = cursor.requiredString(QStringLiteral("session_id"));
    const qint64 offset = cursor.integer(QStringLiteral("offset"), 0, MaxFileBytes);
    const bool close = args.boolean(QStringLiteral("close"), false);
    const QString expectedHash = args.string(QStringLiteral("content_hash"));
    if (!args.ok())
        return badRequest(call, args.problem());
    const QByteArray data = call.exchange->request().body();
    if (data.size() > MaxRequestBytes)
        return routeError(call, Json::tag(QStringLiteral("payload_too_large")));
    const std::shared_ptr<UploadSession> session = m_sessions.value(sessionId);
    if (!session)
        return routeError(call, Json::tag(QStringLiteral("not_found")));
    // A concurrent session's closing append may overtake the pieces before it, which are still welcome.
    if (session->closed && !(session->concurrent && offset + data.size() <= session->size))
        return routeError(call, Json::tag(QStringLiteral("closed")));
    if (session->concurrent && offset % ConcurrentChunk != 0)
        return routeError(call, Json::tag(QStringLiteral("concurrent_session_invalid_offset")));
    // Only concurrent sessions insist on 4 MiB multiples; sequential ones take any size (the request log has it).
    if (session->concurrent && !close && data.size() % ConcurrentChunk != 0)
        return routeError(call, Json::tag(QStringLiteral("concurrent_session_invalid_data_size")));
    if (!session->concurrent && offset != session->size)
        return routeError(
            call,
            Json::withTag(QStringLiteral("incorrect_offset"), { { QStringLiteral("correct_offset"), session->size } }));
    if (offset + data.size() > MaxFileBytes)
        return routeError(call, Json::tag(QStringLiteral("too_large")));
    if (hashMismatch(expectedHash, data))
        return routeError(call, Json::tag(QStringLiteral("content_hash_mismatch")));
    if (!append(*session, offset, data))
        return storageError(call);
    if (close) {
        session->closed = true;
        if (session->concurrent)
            session->size = offset + data.size();
    }
    reply(call, QJsonValue::Null);
}

void DropboxEmulator::uploadSessionFinish(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    DropboxEmulatorArgs cursor = args.child(QStringLiteral("cursor"));
    const QString sessionId = cursor.requiredString(QStringLiteral("session_id"));
    const qint64 offset = cursor.integer(QStringLiteral("offset"), 0, MaxFileBytes);
    const QString expectedHash = args.string(QStringLiteral("content_hash"));
    DropboxEmulatorArgs commitArgs = args.child(QStringLiteral("commit"));
    const std::optional<CommitInfo> info = readCommit(call, commitArgs);
    if (!info)
        return;
    const QByteArray data = call.exchange->request().body();
    if (data.size() > MaxRequestBytes)
        return routeError(call, Json::tag(QStringLiteral("payload_too_large")));
    const auto lookupFailed = [&call, this](const QJsonObject& error) {
        routeError(call, Json::member(QStringLiteral("lookup_failed"), error));
    };
    const std::shared_ptr<UploadSession> session = m_sessions.value(sessionId);
    if (!session)
        return lookupFailed(Json::tag(QStringLiteral("not_found")));
    if (session->concurrent) {
        if (!data.isEmpty())
            return routeError(call, Json::tag(QStringLiteral("concurrent_session_data_not_allowed")));
        if (!session->closed)
            return routeError(call, Json::tag(QStringLiteral("concurrent_session_not_closed")));
        if (!piecesCover(session->pieces, session->size))
            return routeError(call, Json::tag(QStringLiteral("concurrent_session_missing_data")));
    } else {
        if (session->closed && !data.isEmpty())
            return lookupFailed(Json::tag(QStringLiteral("closed")));
        if (offset != session->size)
            return lookupFailed(Json::withTag(QStringLiteral("incorrect_offset"),
                                              { { QStringLiteral("correct_offset"), session->size } }));
        if (offset + data.size() > MaxFileBytes)
            return lookupFailed(Json::tag(QStringLiteral("too_large")));
    }
    if (hashMismatch(expectedHash, data))
        return routeError(call, Json::tag(QStringLiteral("content_hash_mismatch")));
    if (!data.isEmpty() && !append(*session, offset, data))
        return storageError(call);
    finishSession(call, sessionId, *info, false);
}

void DropboxEmulator::download(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString path = args.requiredString(QStringLiteral("path"));
    if (!args.ok())
        return badRequest(call, args.problem());
    if (!checkPathArg(call, QStringLiteral("path"), path, AllowId | AllowRev))
        return;
    QString errorTag;
    const Entry* file = lookup(path, &errorTag);
    if (file && file->isFolder)
        errorTag = QStringLiteral("not_file");
    if (!errorTag.isEmpty())
        return routeError(call, Json::member(QStringLiteral("path"), Json::tag(errorTag)));

    // One range of bytes=first-last, bytes=first- or bytes=-suffix; anything else gets the whole file.
    static const QRegularExpression rangePattern(QStringLiteral("^bytes=(\\d*)-(\\d*)$"));
    const QRegularExpressionMatch range = rangePattern.match(
        QString::fromLatin1(call.exchange->request().header(QByteArrayLiteral("Range")).trimmed()));
    qint64 first = 0;
    qint64 last = file->size - 1;
    const bool partial = range.hasMatch() && !(range.captured(1).isEmpty() && range.captured(2).isEmpty());
    if (partial) {
        if (range.captured(1).isEmpty()) {
            first = qMax<qint64>(0, file->size - range.captured(2).toLongLong());
        } else {
            first = range.captured(1).toLongLong();
            if (!range.captured(2).isEmpty())
                last = qMin(last, range.captured(2).toLongLong());
        }
        if (first >= file->size || first > last) {
            EmulatorResponse response = EmulatorResponse::text(416, QStringLiteral("Range not satisfiable"));
            response.setHeader(QByteArrayLiteral("Content-Range"), "bytes */" + QByteArray::number(file->size));
            return call.exchange->respond(response);
        }
    }
    EmulatorResponse response = EmulatorResponse::fileRange(
        partial ? 206 : 200, file->blobPath, first, last - first + 1, QByteArrayLiteral("application/octet-stream"));
    response.setHeader(QByteArrayLiteral("Dropbox-API-Result"), Json::headerSafe(metadataJson(*file, false)));
    if (partial)
        response.setHeader(QByteArrayLiteral("Content-Range"),
                           "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
                               + QByteArray::number(file->size));
    call.exchange->respond(response);
}

void DropboxEmulator::getThumbnail(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString resource
        = args.unionTag(QStringLiteral("resource"), { QStringLiteral("path"), QStringLiteral("link") }, std::nullopt);
    const QString path = args.value(QStringLiteral("resource")).toObject().value(QStringLiteral("path")).toString();
    const ThumbnailSpec spec = readThumbnailSpec(args);
    if (!args.ok())
        return badRequest(call, args.problem());
    // Shared links are not emulated: every one is unknown.
    if (resource == QLatin1String("link"))
        return routeError(call, Json::tag(QStringLiteral("not_found")));
    if (!checkPathArg(call, QStringLiteral("resource: path"), path, AllowId | AllowRev))
        return;
    const Thumbnail made = thumbnail(path, spec);
    if (!made.error.isEmpty())
        return routeError(call, made.error);
    EmulatorResponse response(200);
    response.setBody(made.image, DropboxEmulatorThumbnails::mimeType(spec.format));
    response.setHeader(
        QByteArrayLiteral("Dropbox-API-Result"),
        Json::headerSafe(QJsonObject { { QStringLiteral("file_metadata"), metadataJson(made.file, false) } }));
    call.exchange->respond(response);
}

void DropboxEmulator::getThumbnailBatch(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QJsonArray entries = args.requiredList(QStringLiteral("entries"));
    if (!args.ok())
        return badRequest(call, args.problem());
    if (entries.size() > MaxThumbnailBatch)
        return routeError(call, Json::tag(QStringLiteral("too_many_files")));
    // Every argument is checked before any thumbnail is made: a bad one fails the whole call.
    QList<QPair<QString, ThumbnailSpec>> requests;
    for (const QJsonValue& entry : entries) {
        DropboxEmulatorArgs entryArgs(entry, call.argOrigin + QStringLiteral(": entries"));
        const QString path = entryArgs.requiredString(QStringLiteral("path"));
        const ThumbnailSpec spec = readThumbnailSpec(entryArgs);
        if (!entryArgs.ok())
            return badRequest(call, entryArgs.problem());
        if (!checkPathArg(call, QStringLiteral("entries: path"), path, AllowId | AllowRev))
            return;
        requests.append({ path, spec });
    }
    QJsonArray results;
    for (const auto& [path, spec] : requests) {
        const Thumbnail made = thumbnail(path, spec);
        if (made.error.isEmpty())
            results.append(
                Json::withTag(QStringLiteral("success"),
                              { { QStringLiteral("metadata"), metadataJson(made.file, false) },
                                { QStringLiteral("thumbnail"), QString::fromLatin1(made.image.toBase64()) } }));
        else
            results.append(Json::member(QStringLiteral("failure"), made.error));
    }
    reply(call, QJsonObject { { QStringLiteral("entries"), results } });
}

void DropboxEmulator::deleteEntry(const Call& call)
{
    DropboxEmulatorArgs args(call.arg, call.argOrigin);
    const QString path = args.requiredString(QStringLiteral("path"));
    const QString parentRev = args.string(QStringLiteral("parent_rev"));
    if (!args.ok())
        return badRequest(call, args.problem());
    if (!checkPathArg(call, QStringLiteral("path"), path, AllowId))
        return;
    QString errorTag;
    const Entry* entry = lookup(path, &errorTag);
    if (!entry)
        return routeError(call, Json::member(QStringLiteral("path_lookup"), Json::tag(errorTag)));
    if (!parentRev.isEmpty() && (entry->isFolder || entry->rev != parentRev))
        return routeError(call,
                          Json::member(QStringLiteral("path_write"),
                                       conflict(entry->isFolder ? QStringLiteral("folder") : QStringLiteral("file"))));
    // The metadata of what was deleted, as it was, not a DeletedMetadata.
    const QJsonObject deleted = metadataJson(*entry, true);
    m_tree.remove(entry->pathLower());
    reply(call, QJsonObject { { QStringLiteral("metadata"), deleted } });
}

void DropboxEmulator::move(const Call& call)
{
    relocate(call, false);
}

void DropboxEmulator::copy(const Call& call)
{
    relocate(call, true);
}

void DropboxEmulator::getCurrentAccount(const Call& call)
{
    const QString namespaceId = QStringLiteral("3235641");
    reply(call,
          QJsonObject { { QStringLiteral("account_id"), DropboxEmulatorAuth::accountId() },
                        { QStringLiteral("name"),
                          QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Ada") },
                                        { QStringLiteral("surname"), QStringLiteral("Lovelace") },
                                        { QStringLiteral("familiar_name"), QStringLiteral("Ada") },
                                        { QStringLiteral("display_name"), QStringLiteral("Ada Lovelace") },
                                        { QStringLiteral("abbreviated_name"), QStringLiteral("AL") } } },
                        { QStringLiteral("email"), QStringLiteral("ada@example.org") },
                        { QStringLiteral("email_verified"), true },
                        { QStringLiteral("disabled"), false },
                        { QStringLiteral("country"), QStringLiteral("GB") },
                        { QStringLiteral("locale"), QStringLiteral("en") },
                        { QStringLiteral("referral_link"), QStringLiteral("https://db.tt/emulator") },
                        { QStringLiteral("is_paired"), false },
                        { QStringLiteral("account_type"), Json::tag(QStringLiteral("basic")) },
                        { QStringLiteral("root_info"),
                          Json::withTag(QStringLiteral("user"),
                                        { { QStringLiteral("root_namespace_id"), namespaceId },
                                          { QStringLiteral("home_namespace_id"), namespaceId } }) } });
}

void DropboxEmulator::getSpaceUsage(const Call& call)
{
    reply(call,
          QJsonObject {
              { QStringLiteral("used"), m_tree.usedBytes() },
              { QStringLiteral("allocation"),
                Json::withTag(QStringLiteral("individual"), { { QStringLiteral("allocated"), m_quotaBytes } }) } });
}

void DropboxEmulator::revokeToken(const Call& call)
{
    m_auth.revoke(call.accessToken);
    reply(call, QJsonValue::Null);
}
