#include "DropboxRequest.h"

#include "DropboxError.h"
#include "DropboxJson.h"
#include "HttpCall.h"

namespace DropboxRequest {

HttpRequest rpc(const QUrl& url, const QJsonObject& arg)
{
    HttpRequest request;
    request.url = url;
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    request.body = DropboxJson::body(arg);
    return request;
}

HttpRequest upload(const QUrl& url, const QJsonObject& arg)
{
    HttpRequest request;
    request.url = url;
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream"));
    request.setHeader(QByteArrayLiteral("Dropbox-API-Arg"), DropboxJson::headerSafe(arg));
    return request;
}

HttpRequest download(const QUrl& url, const QJsonObject& arg)
{
    // Dropbox accepts text/plain or application/octet-stream here; Qt would otherwise send a form type.
    return upload(url, arg);
}

HttpCall* call(QNetworkAccessManager* network, RequestAuthenticator* authenticator, const HttpRequest& request,
               QObject* parent)
{
    auto* call = new HttpCall(network, request, authenticator, parent);
    call->setRetryableStatus(&DropboxError::isRetryable);
    return call;
}

} // namespace DropboxRequest
