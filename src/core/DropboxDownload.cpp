#include "DropboxDownload.h"

#include "DownloadFile.h"
#include "DropboxError.h"
#include "DropboxRequest.h"
#include "HttpCall.h"
#include "RequestAuthenticator.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {
// The first byte of a Content-Range ("bytes 100-199/200") that runs to the end of the file; -1 for any other.
qint64 startOfRest(const QByteArray& contentRange)
{
    static const QRegularExpression pattern(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+)$"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(contentRange.trimmed()));
    if (!match.hasMatch())
        return -1;
    const qint64 first = match.captured(1).toLongLong();
    const qint64 last = match.captured(2).toLongLong();
    return first <= last && last + 1 == match.captured(3).toLongLong() ? first : -1;
}
} // namespace

DropboxDownload::DropboxDownload(QNetworkAccessManager* network, RequestAuthenticator* authenticator,
                                 const DropboxEndpoints& endpoints, const QString& remotePath, const QString& localPath,
                                 ExistingFile existing, QObject* parent)
    : DropboxTransfer(network, authenticator, endpoints, localPath, remotePath, parent)
    , m_existing(existing)
{ }

// The partial file stays as it is, for the next attempt.
DropboxDownload::~DropboxDownload() = default;

QString DropboxDownload::displayName() const
{
    return QFileInfo(m_remotePath).fileName();
}

void DropboxDownload::start()
{
    resumeFromCheckpoint();
    if (m_offset == 0) {
        send();
        return;
    }
    // The bytes kept are hashed before the rest is asked for: the network thread, which every Dropbox request
    // shares, then never waits for that hashing while the rest pours in.
    m_file = std::make_unique<DownloadFile>(m_localPath, m_existing);
    const QString error = m_file->open(
        m_offset, [this] { QMetaObject::invokeMethod(this, &DropboxDownload::send, Qt::QueuedConnection); });
    if (!error.isEmpty()) {
        // A target to keep, or one the user may not write, refuses a download from the start just as well.
        const StoreReply::Error code = m_file->errorCode();
        m_file.reset();
        if (code == StoreReply::Error::AlreadyExists || code == StoreReply::Error::PermissionDenied)
            fail(code, error);
        else
            startOver();
    }
}

void DropboxDownload::resumeFromCheckpoint()
{
    const QJsonObject state = QJsonDocument::fromJson(m_resumeState).object();
    const QString partial = DownloadFile::partialPath(m_localPath);
    const qint64 offset = state.value(QLatin1String("offset")).toInteger(-1);
    const QString rev = state.value(QLatin1String("rev")).toString();
    // The partial file is where this download would put it, never a path the checkpoint names.
    if (state.value(QLatin1String("target")).toString() != m_localPath
        || state.value(QLatin1String("partial")).toString() != partial || offset <= 0 || rev.isEmpty())
        return;
    const QFileInfo kept(partial);
    if (!kept.isFile() || kept.size() < offset)
        return;
    m_offset = offset;
    m_rev = rev;
    m_checkpointed = offset;
}

void DropboxDownload::send()
{
    // Cancelled while the bytes kept were being hashed.
    if (m_done)
        return;
    HttpCall* call = newCall(DropboxRequest::download(m_endpoints.contentRoute(QStringLiteral("files/download")),
                                                      QJsonObject { { QStringLiteral("path"), m_remotePath } }));
    m_call = call;
    call->setBodySink({ [this](HttpRequest& request) { prepare(request); },
                        [this](const HttpResponse& head) { return begin(head); },
                        [this](QIODevice& body) { return write(body); } });
    connect(call, &HttpCall::downloadProgress, this, [this](qint64 done, qint64 total) {
        emit progress(m_answerOffset + done, total < 0 ? total : m_answerOffset + total);
    });
    // A dropped connection: what arrived is safe in the file before the call asks for the rest.
    connect(call, &HttpCall::retrying, this, [this] {
        if (m_file)
            reportCheckpoint(m_file->flush());
    });
    connect(call, &HttpCall::finished, this, [this, call](const HttpResponse& response) {
        call->deleteLater();
        onFinished(response);
    });
    call->start();
}

void DropboxDownload::prepare(HttpRequest& request)
{
    m_answerOffset = m_offset;
    if (m_offset > 0)
        request.setHeader(QByteArrayLiteral("Range"), "bytes=" + QByteArray::number(m_offset) + '-');
}

QString DropboxDownload::begin(const HttpResponse& head)
{
    const QString rev
        = QJsonDocument::fromJson(head.header("dropbox-api-result")).object().value(QLatin1String("rev")).toString();
    // Any other success is the whole file, which replaces whatever the partial file held.
    const qint64 offset = head.status == 206 ? startOfRest(head.header("content-range")) : 0;
    if (head.status == 206 && (offset != m_offset || (offset > 0 && (rev.isEmpty() || rev != m_rev)))) {
        m_notContinued = true;
        return tr("Dropbox sent a part of “%1” that does not follow what arrived before.").arg(displayName());
    }
    m_rev = rev;
    if (m_file && offset > 0)
        return {};
    // The bytes kept are those before the offset: a partial file of an earlier attempt is cut to them.
    m_file.reset();
    m_file = std::make_unique<DownloadFile>(m_localPath, m_existing);
    m_offset = offset;
    m_answerOffset = offset;
    m_checkpointed = offset;
    m_diskError = m_file->open(offset);
    return m_diskError;
}

QString DropboxDownload::write(QIODevice& body)
{
    m_diskError = m_file->append(body);
    if (!m_diskError.isEmpty())
        return m_diskError;
    m_offset = m_file->received();
    const qint64 written = m_file->written();
    if (written - m_checkpointed >= CheckpointStep)
        reportCheckpoint(written);
    return {};
}

void DropboxDownload::reportCheckpoint(qint64 offset)
{
    if (offset <= m_checkpointed || m_rev.isEmpty())
        return;
    m_checkpointed = offset;
    const QJsonObject state {
        { QStringLiteral("target"), m_localPath },
        { QStringLiteral("partial"), DownloadFile::partialPath(m_localPath) },
        { QStringLiteral("offset"), offset },
        { QStringLiteral("rev"), m_rev },
    };
    emit checkpoint(QJsonDocument(state).toJson(QJsonDocument::Compact));
}

void DropboxDownload::onFinished(const HttpResponse& response)
{
    if (m_done)
        return;
    if (response.isSuccess()) {
        complete(response);
        return;
    }
    // Before the file goes: its failure, if the disk stopped the download.
    const StoreReply::Error diskErrorCode = m_file ? m_file->errorCode() : StoreReply::Error::Io;
    if (m_file) {
        reportCheckpoint(m_file->flush());
        m_file.reset();
    }
    const bool askedForRest = m_answerOffset > 0;
    // The bytes kept are of another revision, or Dropbox cannot give what follows them (a shorter file).
    if (askedForRest && (m_notContinued || response.status == 416)) {
        startOver();
        return;
    }
    if (m_notContinued) {
        fail(StoreReply::Error::Server, response.errorString);
        return;
    }
    if (!m_diskError.isEmpty()) {
        fail(diskErrorCode, m_diskError);
        return;
    }
    const DropboxError error = DropboxError::fromResponse(response, displayName());
    fail(error.code(), error.message());
}

void DropboxDownload::startOver()
{
    m_notContinued = false;
    m_offset = 0;
    m_checkpointed = 0;
    m_rev.clear();
    send();
}

void DropboxDownload::complete(const HttpResponse& response)
{
    // A successful answer has always been through begin(), which made the file.
    QString hash;
    if (const QString error = m_file->finish(&hash); !error.isEmpty()) {
        fail(m_file->errorCode(), error);
        return;
    }
    const QJsonObject metadata = QJsonDocument::fromJson(response.header("dropbox-api-result")).object();
    const QString expected = metadata.value(QLatin1String("content_hash")).toString();
    if (expected.isEmpty() || hash != expected) {
        m_file->discard();
        fail(StoreReply::Error::Corrupted,
             tr("“%1” arrived damaged from Dropbox and was not saved.").arg(displayName()));
        return;
    }
    if (const QString error = m_file->commit(); !error.isEmpty()) {
        fail(m_file->errorCode(), error);
        return;
    }
    m_done = true;
    emit succeeded(metadata);
}

void DropboxDownload::abort()
{
    // The call finishes at once as cancelled, and onFinished() keeps what arrived.
    if (m_call) {
        m_call->abort();
        return;
    }
    // Not asked yet: the bytes kept are still being hashed, and stay as they are.
    fail(StoreReply::Error::Cancelled, tr("Cancelled."));
}

void DropboxDownload::fail(StoreReply::Error error, const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    emit failed(error, message);
}
