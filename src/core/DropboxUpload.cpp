#include "DropboxUpload.h"

#include "DropboxError.h"
#include "DropboxJson.h"
#include "DropboxRequest.h"
#include "HttpCall.h"
#include "RequestAuthenticator.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent>

namespace {
constexpr qint64 ReadSize = 1024 * 1024;
// SHA-256 of nothing: the content_hash of an empty body.
const QString EmptyHash = QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
} // namespace

DropboxUpload::DropboxUpload(QNetworkAccessManager* network, RequestAuthenticator* authenticator,
                             const DropboxEndpoints& endpoints, const QString& localPath, const QString& remotePath,
                             QObject* parent)
    : DropboxTransfer(network, authenticator, endpoints, localPath, remotePath, parent)
{
    connect(&m_hashing, &QFutureWatcher<ChunkHash>::finished, this, &DropboxUpload::onHashed);
}

DropboxUpload::~DropboxUpload()
{
    // The hashing task holds only copies and shared state; it may finish on its own.
    m_hashing.disconnect(this);
}

QString DropboxUpload::displayName() const
{
    return QFileInfo(m_remotePath).fileName();
}

void DropboxUpload::start()
{
    const QFileInfo info(m_localPath);
    if (!info.exists() || !info.isFile()) {
        fail(StoreReply::Error::NotFound, tr("“%1” no longer exists.").arg(QDir::toNativeSeparators(m_localPath)));
        return;
    }
    if (!info.isReadable()) {
        fail(StoreReply::Error::PermissionDenied,
             tr("“%1” cannot be read.").arg(QDir::toNativeSeparators(m_localPath)));
        return;
    }
    m_size = info.size();
    m_modified = info.lastModified();
    emit progress(0, m_size);
    if (m_size <= m_singleRequestLimit) {
        hash(0, m_size);
        return;
    }
    if (resume()) {
        reportProgress();
        // Hashes from the start: chunks Dropbox already holds count in the whole file's hash, but are
        // not sent again.
        proceed();
        return;
    }
    // The session starts while the first chunk is hashed.
    startSession();
    hash(0, std::min(m_chunkSize, m_size));
}

bool DropboxUpload::resume()
{
    const QJsonObject state = QJsonDocument::fromJson(m_resumeState).object();
    const QString session = state.value(QLatin1String("session")).toString();
    if (session.isEmpty() || state.value(QLatin1String("size")).toInteger() != m_size
        || state.value(QLatin1String("modified")).toInteger() != m_modified.toMSecsSinceEpoch()
        || state.value(QLatin1String("chunk")).toInteger() != m_chunkSize
        || state.value(QLatin1String("concurrent")).toBool() != isConcurrent())
        return false;
    QMap<qint64, qint64> confirmed;
    const QJsonArray ranges = state.value(QLatin1String("confirmed")).toArray();
    for (const QJsonValue& range : ranges) {
        const qint64 offset = range[0].toInteger(-1);
        const qint64 length = range[1].toInteger(-1);
        if (offset < 0 || length <= 0 || offset + length > m_size)
            return false;
        confirmed.insert(offset, length);
    }
    m_sessionId = session;
    m_resumed = true;
    m_confirmedAhead = confirmed;
    while (m_confirmedAhead.contains(m_offset))
        m_offset += m_confirmedAhead.take(m_offset);
    return true;
}

void DropboxUpload::reportCheckpoint()
{
    QJsonArray confirmed;
    if (m_offset > 0)
        confirmed.append(QJsonArray { 0, m_offset });
    for (auto it = m_confirmedAhead.cbegin(); it != m_confirmedAhead.cend(); ++it)
        confirmed.append(QJsonArray { it.key(), it.value() });
    const QJsonObject state {
        { QStringLiteral("session"), m_sessionId },
        { QStringLiteral("concurrent"), isConcurrent() },
        { QStringLiteral("chunk"), m_chunkSize },
        { QStringLiteral("size"), m_size },
        { QStringLiteral("modified"), m_modified.toMSecsSinceEpoch() },
        { QStringLiteral("confirmed"), confirmed },
    };
    emit checkpoint(QJsonDocument(state).toJson(QJsonDocument::Compact));
}

void DropboxUpload::restartSession()
{
    // Dropbox no longer knows the checkpoint's session (sessions expire): everything goes again.
    m_resumed = false;
    ++m_sessionGeneration;
    for (const Append& append : std::as_const(m_appends)) {
        if (append.call)
            append.call->abort();
    }
    m_appends.clear();
    m_sessionId.clear();
    m_confirmedAhead.clear();
    m_ready.clear();
    m_offset = 0;
    m_nextHashOffset = 0;
    m_finishing = false;
    reportProgress();
    startSession();
    // A chunk still being hashed belongs to the old session: onHashed drops it and starts from 0.
    if (m_hashingOffset < 0)
        hash(0, std::min(m_chunkSize, m_size));
}

void DropboxUpload::hash(qint64 offset, qint64 length)
{
    m_hashingOffset = offset;
    m_hashingGeneration = m_sessionGeneration;
    m_nextHashOffset = offset + length;
    m_hashing.setFuture(QtConcurrent::run([path = m_localPath, offset, length] {
        ChunkHash result { offset, length, {}, {}, {} };
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
            result.error = file.errorString();
            return result;
        }
        ContentHasher hasher;
        QByteArray buffer(ReadSize, Qt::Uninitialized);
        qint64 left = length;
        while (left > 0) {
            const qint64 read = file.read(buffer.data(), std::min(left, ReadSize));
            if (read <= 0) {
                result.error = read < 0
                    ? file.errorString()
                    : QCoreApplication::translate("DropboxUpload", "The file became shorter while it was sent.");
                return result;
            }
            hasher.addData(QByteArrayView(buffer.constData(), read));
            left -= read;
        }
        result.blockDigests = hasher.blockDigests();
        result.hash = hasher.hexResult();
        return result;
    }));
}

void DropboxUpload::onHashed()
{
    const ChunkHash chunk = m_hashing.result();
    m_hashingOffset = -1;
    if (m_done)
        return;
    if (m_hashingGeneration != m_sessionGeneration) {
        hash(0, std::min(m_chunkSize, m_size));
        return;
    }
    if (!chunk.error.isEmpty()) {
        fail(StoreReply::Error::Io,
             tr("Could not read “%1”: %2").arg(QDir::toNativeSeparators(m_localPath), chunk.error));
        return;
    }
    if (chunk.offset == m_wholeHashedUpTo) {
        m_wholeHasher.addBlockDigests(chunk.blockDigests);
        m_wholeHashedUpTo += chunk.length;
        if (m_wholeHashedUpTo == m_size)
            m_wholeHash = m_wholeHasher.hexResult();
    }
    if (m_size <= m_singleRequestLimit) {
        sendSingle(chunk);
        return;
    }
    // A resume may have moved on past this chunk.
    if (chunk.offset >= m_offset && !m_confirmedAhead.contains(chunk.offset) && !m_appends.contains(chunk.offset))
        m_ready.append(chunk);
    proceed();
}

void DropboxUpload::startSession()
{
    const QJsonObject arg {
        { QStringLiteral("close"), false },
        { QStringLiteral("session_type"),
          isConcurrent() ? QStringLiteral("concurrent") : QStringLiteral("sequential") },
        { QStringLiteral("content_hash"), EmptyHash },
    };
    HttpCall* call = newCall(QStringLiteral("files/upload_session/start"), arg, 0, 0);
    m_call = call;
    connect(call, &HttpCall::finished, this, [this, call](const HttpResponse& response) {
        call->deleteLater();
        if (m_done)
            return;
        if (!response.isSuccess()) {
            failWith(response);
            return;
        }
        m_sessionId = QJsonDocument::fromJson(response.body).object().value(QLatin1String("session_id")).toString();
        if (m_sessionId.isEmpty()) {
            fail(StoreReply::Error::Server, tr("Dropbox did not start an upload of “%1”.").arg(displayName()));
            return;
        }
        reportCheckpoint();
        proceed();
    });
    call->start();
}

void DropboxUpload::proceed()
{
    if (m_done || m_sessionId.isEmpty() || m_finishing)
        return;
    while (m_appends.size() < m_parallelChunks && !m_ready.isEmpty())
        sendAppend(m_ready.takeFirst());
    if (m_offset == m_size) {
        finishSession();
        return;
    }
    // Hash ahead only as far as the appends can take it, so the file is read about twice, never more.
    if (m_hashingOffset < 0 && m_nextHashOffset < m_size && m_ready.size() + m_appends.size() <= m_parallelChunks)
        hash(m_nextHashOffset, std::min(m_chunkSize, m_size - m_nextHashOffset));
}

QJsonObject DropboxUpload::cursor(qint64 offset) const
{
    return QJsonObject { { QStringLiteral("session_id"), m_sessionId }, { QStringLiteral("offset"), offset } };
}

QJsonObject DropboxUpload::commitInfo() const
{
    return QJsonObject {
        { QStringLiteral("path"), m_remotePath },
        { QStringLiteral("mode"), QStringLiteral("add") },
        // The store's promise: a name already taken gets Dropbox's numbered name, nothing is overwritten.
        { QStringLiteral("autorename"), true },
        { QStringLiteral("client_modified"), DropboxJson::timestamp(m_modified) },
        { QStringLiteral("mute"), false },
        { QStringLiteral("strict_conflict"), false },
    };
}

HttpCall* DropboxUpload::newCall(const QString& route, const QJsonObject& arg, qint64 offset, qint64 length)
{
    HttpRequest request = DropboxRequest::upload(m_endpoints.contentRoute(route), arg);
    request.bodyFilePath = m_localPath;
    request.bodyFileOffset = offset;
    request.bodyFileLength = length;
    return DropboxTransfer::newCall(request);
}

void DropboxUpload::reportProgress()
{
    qint64 done = m_offset;
    for (const qint64 length : std::as_const(m_confirmedAhead))
        done += length;
    for (const Append& append : std::as_const(m_appends))
        done += append.sent;
    emit progress(done, m_size);
}

void DropboxUpload::sendSingle(const ChunkHash& whole)
{
    QJsonObject arg = commitInfo();
    arg.insert(QStringLiteral("content_hash"), whole.hash);
    HttpCall* call = newCall(QStringLiteral("files/upload"), arg, 0, m_size);
    connect(call, &HttpCall::uploadProgress, this, [this](qint64 done, qint64) { emit progress(done, m_size); });
    m_call = call;
    startCommit(call);
}

void DropboxUpload::sendAppend(const ChunkHash& chunk)
{
    const QJsonObject arg {
        { QStringLiteral("cursor"), cursor(chunk.offset) },
        { QStringLiteral("close"), chunk.offset + chunk.length == m_size },
        { QStringLiteral("content_hash"), chunk.hash },
    };
    HttpCall* call = newCall(QStringLiteral("files/upload_session/append_v2"), arg, chunk.offset, chunk.length);
    m_appends.insert(chunk.offset, Append { call, 0 });
    connect(call, &HttpCall::uploadProgress, this, [this, offset = chunk.offset](qint64 done, qint64) {
        const auto append = m_appends.find(offset);
        if (append != m_appends.end()) {
            append->sent = done;
            reportProgress();
        }
    });
    connect(call, &HttpCall::finished, this,
            [this, call, chunk, generation = m_sessionGeneration](const HttpResponse& response) {
                call->deleteLater();
                if (m_done || generation != m_sessionGeneration)
                    return;
                m_appends.remove(chunk.offset);
                onAppended(chunk, response, call->attempts());
            });
    call->start();
}

void DropboxUpload::onAppended(const ChunkHash& chunk, const HttpResponse& response, int attempts)
{
    if (response.isSuccess()) {
        confirm(chunk);
        return;
    }
    const DropboxError error = DropboxError::fromResponse(response, displayName());
    if (response.status == 409 && m_resumed && error.hasTag(QStringLiteral("not_found"))) {
        restartSession();
        return;
    }
    const bool closing = chunk.offset + chunk.length == m_size;
    if (response.status == 409 && closing && attempts > 1 && error.hasTag(QStringLiteral("closed"))) {
        // A retried closing append whose first attempt landed: the finish checks the offset.
        confirm(chunk);
        return;
    }
    if (response.status == 409 && error.correctOffset() && !isConcurrent()) {
        // Dropbox holds a different amount than we thought: usually a reply lost after the data landed.
        const qint64 correct = *error.correctOffset();
        if (correct < 0 || correct > m_size) {
            fail(StoreReply::Error::Server, tr("Dropbox lost track of the upload of “%1”.").arg(displayName()));
            return;
        }
        resumeAt(correct);
        return;
    }
    failWith(response);
}

void DropboxUpload::confirm(const ChunkHash& chunk)
{
    m_confirmedAhead.insert(chunk.offset, chunk.length);
    while (m_confirmedAhead.contains(m_offset))
        m_offset += m_confirmedAhead.take(m_offset);
    reportProgress();
    reportCheckpoint();
    proceed();
}

void DropboxUpload::resumeAt(qint64 offset)
{
    m_offset = offset;
    m_confirmedAhead.clear();
    m_ready.clear();
    if (m_hashingOffset < 0)
        m_nextHashOffset = offset;
    reportProgress();
    proceed();
}

void DropboxUpload::finishSession()
{
    m_finishing = true;
    QJsonObject arg { { QStringLiteral("cursor"), cursor(m_size) },
                      { QStringLiteral("commit"), commitInfo() },
                      { QStringLiteral("content_hash"), EmptyHash } };
    HttpCall* call = newCall(QStringLiteral("files/upload_session/finish"), arg, m_size, 0);
    m_call = call;
    startCommit(call, true);
}

void DropboxUpload::confirmByMetadata()
{
    HttpCall* call
        = DropboxRequest::call(m_network, m_authenticator,
                               DropboxRequest::rpc(m_endpoints.apiRoute(QStringLiteral("files/get_metadata")),
                                                   QJsonObject { { QStringLiteral("path"), m_remotePath } }),
                               this);
    m_call = call;
    connect(call, &HttpCall::finished, this, [this, call](const HttpResponse& response) {
        call->deleteLater();
        if (m_done)
            return;
        if (response.isSuccess())
            verifyCommitted(QJsonDocument::fromJson(response.body).object(), true);
        else if (response.status == 409
                 && DropboxError::fromResponse(response, displayName()).hasTag(QStringLiteral("not_found")))
            notUnderItsName();
        else
            failWith(response);
    });
    call->start();
}

void DropboxUpload::notUnderItsName()
{
    if (m_resumed && !m_finishRepeated) {
        // The checkpoint's session expired unfinished (the queue looked for an earlier landing before resuming).
        restartSession();
        return;
    }
    // The lost answer may have been a landing under a numbered name (autorename). The session is spent: the queue's
    // retry looks for the upload there before it sends the file again.
    emit checkpoint({});
    fail(StoreReply::Error::Server, tr("Dropbox did not confirm the upload of “%1”.").arg(displayName()));
}

void DropboxUpload::startCommit(HttpCall* call, bool confirmIfSessionGone)
{
    connect(call, &HttpCall::finished, this, [this, call, confirmIfSessionGone](const HttpResponse& response) {
        call->deleteLater();
        if (m_done)
            return;
        if (response.isSuccess()) {
            verifyCommitted(QJsonDocument::fromJson(response.body).object());
            return;
        }
        if (confirmIfSessionGone && (call->attempts() > 1 || m_resumed) && response.status == 409
            && DropboxError::fromResponse(response, displayName()).hasTag(QStringLiteral("not_found"))) {
            m_finishRepeated = call->attempts() > 1;
            confirmByMetadata();
            return;
        }
        failWith(response);
    });
    call->start();
}

void DropboxUpload::verifyCommitted(const QJsonObject& metadata, bool byName)
{
    if (!m_wholeHash.isEmpty()) {
        compareWholeHash(metadata, byName);
        return;
    }
    // The chunks did not come in order (a resume jumped): hash the file once more, off this thread.
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, metadata, byName] {
        watcher->deleteLater();
        m_wholeHash = watcher->result();
        compareWholeHash(metadata, byName);
    });
    watcher->setFuture(QtConcurrent::run([path = m_localPath] { return ContentHasher::hashFile(path); }));
}

void DropboxUpload::compareWholeHash(const QJsonObject& metadata, bool byName)
{
    if (m_done)
        return;
    if (metadata.value(QLatin1String("content_hash")).toString() != m_wholeHash) {
        if (byName)
            return notUnderItsName();
        fail(StoreReply::Error::Corrupted,
             tr("Dropbox holds different content for “%1” than this computer sent. Upload it again.")
                 .arg(displayName()));
        return;
    }
    m_done = true;
    emit succeeded(metadata);
}

void DropboxUpload::abort()
{
    if (m_done)
        return;
    // Failed first: the calls' own answers then find the upload done.
    fail(StoreReply::Error::Cancelled, tr("Cancelled."));
    if (m_call)
        m_call->abort();
    const QList<Append> appends = m_appends.values();
    for (const Append& append : appends) {
        if (append.call)
            append.call->abort();
    }
}

void DropboxUpload::fail(StoreReply::Error error, const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    emit failed(error, message);
}

void DropboxUpload::failWith(const HttpResponse& response)
{
    const DropboxError error = DropboxError::fromResponse(response, displayName());
    fail(error.code(), error.message());
}
