#pragma once

#include "HttpRequest.h"

#include <QJsonObject>

class HttpCall;
class QNetworkAccessManager;
class RequestAuthenticator;

// The three request styles of Dropbox API v2, each with the Content-Type Dropbox insists on.
namespace DropboxRequest {

// RPC: JSON arguments in the body, JSON result (an answer of another type is no success).
HttpRequest rpc(const QUrl& url, const QJsonObject& arg);
// Upload: arguments in the Dropbox-API-Arg header, the file's bytes as the body.
HttpRequest upload(const QUrl& url, const QJsonObject& arg);
// Download: arguments in the header, no body; the result comes in the Dropbox-API-Result header.
HttpRequest download(const QUrl& url, const QJsonObject& arg);

// A call that also retries what Dropbox marks as worth retrying (write contention).
HttpCall* call(QNetworkAccessManager* network, RequestAuthenticator* authenticator, const HttpRequest& request,
               QObject* parent);

} // namespace DropboxRequest
