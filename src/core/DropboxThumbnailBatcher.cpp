#include "DropboxThumbnailBatcher.h"

#include "DropboxError.h"
#include "DropboxRequest.h"
#include "HttpCall.h"
#include "RemoteOperation.h"
#include "RequestAuthenticator.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

DropboxThumbnailBatcher::DropboxThumbnailBatcher(QNetworkAccessManager* network, RequestAuthenticator* authenticator,
                                                 const DropboxEndpoints& endpoints, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_authenticator(authenticator)
    , m_endpoints(endpoints)
{ }

QString DropboxThumbnailBatcher::sizeTag(const QSize& box)
{
    static const QSize sizes[] = { { 32, 32 },   { 64, 64 },   { 128, 128 },  { 256, 256 },  { 480, 320 },
                                   { 640, 480 }, { 960, 640 }, { 1024, 768 }, { 2048, 1536 } };
    QSize chosen = sizes[std::size(sizes) - 1];
    for (const QSize& size : sizes) {
        if (size.width() >= box.width() && size.height() >= box.height()) {
            chosen = size;
            break;
        }
    }
    return QStringLiteral("w%1h%2").arg(chosen.width()).arg(chosen.height());
}

QString DropboxThumbnailBatcher::formatFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("png") || suffix == QLatin1String("gif") ? QStringLiteral("png")
                                                                            : QStringLiteral("jpeg");
}

void DropboxThumbnailBatcher::request(RemoteOperation* operation, const QString& path, const QSize& size)
{
    m_pending.append(Pending { operation, path, sizeTag(size) });
}

void DropboxThumbnailBatcher::flush()
{
    QList<Pending> pending;
    for (const Pending& item : std::exchange(m_pending, {})) {
        if (item.operation && !item.operation->isCancelled())
            pending.append(item);
    }
    if (pending.size() == 1) {
        requestOne(pending.first());
        return;
    }
    for (qsizetype start = 0; start < pending.size(); start += MaxBatch)
        requestBatch(pending.mid(start, MaxBatch));
}

void DropboxThumbnailBatcher::requestOne(const Pending& pending)
{
    const QJsonObject arg {
        { QStringLiteral("resource"),
          QJsonObject { { QStringLiteral(".tag"), QStringLiteral("path") },
                        { QStringLiteral("path"), pending.path } } },
        { QStringLiteral("format"), formatFor(pending.path) },
        { QStringLiteral("size"), pending.size },
        { QStringLiteral("mode"), QStringLiteral("bestfit") },
    };
    HttpCall* call = DropboxRequest::call(
        m_network, m_authenticator,
        DropboxRequest::download(m_endpoints.contentRoute(QStringLiteral("files/get_thumbnail_v2")), arg),
        pending.operation);
    connect(pending.operation, &RemoteOperation::cancelled, call, &HttpCall::abort);
    connect(call, &HttpCall::finished, pending.operation,
            [operation = pending.operation, path = pending.path](const HttpResponse& response) {
                if (!response.isSuccess()) {
                    const DropboxError error = DropboxError::fromResponse(response, QFileInfo(path).fileName());
                    operation->fail(error.code(), error.message());
                    return;
                }
                operation->succeed([image = response.body](StoreReply* reply) { reply->setData(image); });
            });
    call->start();
}

void DropboxThumbnailBatcher::requestBatch(const QList<Pending>& batch)
{
    QJsonArray entries;
    for (const Pending& pending : batch) {
        entries.append(QJsonObject {
            { QStringLiteral("path"), pending.path },
            { QStringLiteral("format"), formatFor(pending.path) },
            { QStringLiteral("size"), pending.size },
            { QStringLiteral("mode"), QStringLiteral("bestfit") },
        });
    }
    // The batch lives on the content host but takes its arguments RPC style.
    HttpCall* call = DropboxRequest::call(
        m_network, m_authenticator,
        DropboxRequest::rpc(m_endpoints.contentRoute(QStringLiteral("files/get_thumbnail_batch")),
                            QJsonObject { { QStringLiteral("entries"), entries } }),
        this);
    connect(call, &HttpCall::finished, this, [call, batch](const HttpResponse& response) {
        call->deleteLater();
        const QJsonArray results
            = QJsonDocument::fromJson(response.body).object().value(QLatin1String("entries")).toArray();
        for (qsizetype i = 0; i < batch.size(); ++i) {
            RemoteOperation* operation = batch.at(i).operation;
            if (!operation)
                continue;
            const QString name = QFileInfo(batch.at(i).path).fileName();
            if (!response.isSuccess() || i >= results.size()) {
                const DropboxError error = DropboxError::fromResponse(response, name);
                operation->fail(response.isSuccess() ? StoreReply::Error::Server : error.code(),
                                response.isSuccess() ? tr("Dropbox sent no thumbnail for “%1”.").arg(name)
                                                     : error.message());
                continue;
            }
            const QJsonObject result = results.at(i).toObject();
            if (result.value(QLatin1String(".tag")).toString() != QLatin1String("success")) {
                HttpResponse failure;
                failure.status = 409;
                failure.body
                    = QJsonDocument(QJsonObject { { QStringLiteral("error"), result.value(QLatin1String("failure")) } })
                          .toJson();
                const DropboxError error = DropboxError::fromResponse(failure, name);
                operation->fail(error.code(), error.message());
                continue;
            }
            const QByteArray image
                = QByteArray::fromBase64(result.value(QLatin1String("thumbnail")).toString().toLatin1());
            operation->succeed([image](StoreReply* reply) { reply->setData(image); });
        }
    });
    call->start();
}
