#include "DropboxRequest.h"

#include "DropboxError.h"
#include "DropboxJson.h"
#include "HttpCall.h"
#include "HttpResponse.h"

#include <QJsonDocument>

namespace {
// Every RPC and upload result is JSON: a page in its place is somebody else's answer.
bool isJsonAnswer(const HttpResponse& response)
{
    return response.header("content-type").toLower().startsWith("application/json");
}

HttpRequest withHeaderArgument(const QUrl& url, const QJsonObject& arg)
{
    HttpRequest request;
    request.url = url;
    // Dropbox accepts text/plain or application/octet-stream here; Qt would otherwise send a form type.
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream"));
    request.setHeader(QByteArrayLiteral("Dropbox-API-Arg"), DropboxJson::headerSafe(arg));
    return request;
}
} // namespace

namespace DropboxRequest {

HttpRequest rpc(const QUrl& url, const QJsonObject& arg)
{
    HttpRequest request;
    request.url = url;
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    request.body = DropboxJson::body(arg);
    request.isExpectedAnswer = isJsonAnswer;
    return request;
}

HttpRequest upload(const QUrl& url, const QJsonObject& arg)
{
    HttpRequest request = withHeaderArgument(url, arg);
    request.isExpectedAnswer = isJsonAnswer;
    return request;
}

HttpRequest download(const QUrl& url, const QJsonObject& arg)
{
    // The file's bytes come as they are, whatever they look like; Dropbox describes them in a header, which no
    // network's sign-in page sends.
    HttpRequest request = withHeaderArgument(url, arg);
    request.isExpectedAnswer = [](const HttpResponse& response) {
        return QJsonDocument::fromJson(response.header("dropbox-api-result")).isObject();
    };
    return request;
}

HttpCall* call(QNetworkAccessManager* network, RequestAuthenticator* authenticator, const HttpRequest& request,
               QObject* parent)
{
    auto* call = new HttpCall(network, request, authenticator, parent);
    call->setRetryableStatus(&DropboxError::isRetryable);
    return call;
}

} // namespace DropboxRequest
