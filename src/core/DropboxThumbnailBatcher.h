#pragma once

#include "DropboxEndpoints.h"

#include <QObject>
#include <QPointer>
#include <QSize>

class QNetworkAccessManager;
class RemoteOperation;
class RequestAuthenticator;

// Gathers the thumbnails a view asks for in one turn of its event loop (a page of images) into
// get_thumbnail_batch requests of up to 25, and uses get_thumbnail_v2 for a lone one. Lives on the
// network thread; the store calls flush() after the requests of one turn of the caller's thread.
class DropboxThumbnailBatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxBatch = 25;

    DropboxThumbnailBatcher(QNetworkAccessManager* network, RequestAuthenticator* authenticator,
                            const DropboxEndpoints& endpoints, QObject* parent = nullptr);

    // Succeeds the operation with the encoded image in the reply's data(), once flushed.
    void request(RemoteOperation* operation, const QString& path, const QSize& size);
    void flush();

    // The smallest size Dropbox makes that covers the box ("w256h256"), or the largest.
    static QString sizeTag(const QSize& box);
    // PNG for images that may be transparent, JPEG for the rest.
    static QString formatFor(const QString& path);

private:
    struct Pending
    {
        QPointer<RemoteOperation> operation;
        QString path;
        QString size;
    };

    void requestOne(const Pending& pending);
    void requestBatch(const QList<Pending>& batch);

    QNetworkAccessManager* m_network;
    QPointer<RequestAuthenticator> m_authenticator;
    const DropboxEndpoints m_endpoints;
    QList<Pending> m_pending;
};
