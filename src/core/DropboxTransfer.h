#pragma once

#include "DropboxEndpoints.h"
#include "RetryPolicy.h"
#include "StoreReply.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

class HttpCall;
class QNetworkAccessManager;
class RequestAuthenticator;
struct HttpRequest;

// What an upload to Dropbox and a download from it share, on the network thread: the file on this machine and
// its path in Dropbox, the checkpoint of an interrupted attempt to carry on from, how requests are retried,
// and the signals the store passes on to its reply.
class DropboxTransfer : public QObject
{
    Q_OBJECT

public:
    DropboxTransfer(QNetworkAccessManager* network, RequestAuthenticator* authenticator,
                    const DropboxEndpoints& endpoints, const QString& localPath, const QString& remotePath,
                    QObject* parent = nullptr);

    // A checkpoint of an interrupted transfer of the same file; ignored when it does not fit any more.
    void setResumeState(const QByteArray& state) { m_resumeState = state; }
    void setRetryPolicy(const RetryPolicy& policy) { m_retryPolicy = policy; }
    virtual void start() = 0;
    virtual void abort() = 0;

signals:
    void progress(qint64 done, qint64 total);
    // Where the transfer stands, for setResumeState() after a crash.
    void checkpoint(const QByteArray& state);
    // FileMetadata as Dropbox confirmed it.
    void succeeded(const QJsonObject& metadata);
    void failed(StoreReply::Error error, const QString& message);

protected:
    // A call owned by this transfer, retried as the policy says.
    HttpCall* newCall(const HttpRequest& request);

    QNetworkAccessManager* const m_network;
    const QPointer<RequestAuthenticator> m_authenticator;
    const DropboxEndpoints m_endpoints;
    const QString m_localPath;
    const QString m_remotePath;
    QByteArray m_resumeState;
    RetryPolicy m_retryPolicy;
};
