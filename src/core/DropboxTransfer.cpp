#include "DropboxTransfer.h"

#include "DropboxRequest.h"
#include "HttpCall.h"
#include "RequestAuthenticator.h"

DropboxTransfer::DropboxTransfer(QNetworkAccessManager* network, RequestAuthenticator* authenticator,
                                 const DropboxEndpoints& endpoints, const QString& localPath, const QString& remotePath,
                                 QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_authenticator(authenticator)
    , m_endpoints(endpoints)
    , m_localPath(localPath)
    , m_remotePath(remotePath)
{ }

HttpCall* DropboxTransfer::newCall(const HttpRequest& request)
{
    HttpCall* call = DropboxRequest::call(m_network, m_authenticator, request, this);
    call->setRetryPolicy(m_retryPolicy);
    return call;
}
