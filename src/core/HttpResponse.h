#pragma once

#include <QByteArray>
#include <QHash>
#include <QNetworkReply>
#include <QString>

// What came back for an HttpRequest after any retries: the HTTP status and body, or why there was none.
struct HttpResponse
{
    int status = 0;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString;
    // Keys in lowercase.
    QHash<QByteArray, QByteArray> headers;
    // Empty when the body went to a sink.
    QByteArray body;
    bool cancelled = false;
    // The authenticator could not sign the request: the account is signed out, or its sign-in failed.
    QString authorizationError;

    bool isSuccess() const { return networkError == QNetworkReply::NoError && status >= 200 && status < 300; }
    bool hasHttpStatus() const { return status > 0; }
    // No whole answer came: the server was not reached, or the connection failed before the answer's end.
    bool isNetworkFailure() const { return !hasHttpStatus() || networkError != QNetworkReply::NoError; }
    QByteArray header(const QByteArray& lowerCaseName) const { return headers.value(lowerCaseName); }
};

Q_DECLARE_METATYPE(HttpResponse)
