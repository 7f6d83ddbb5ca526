#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QDateTime>
#include <QString>
#include <QUrlQuery>

// The answer of Dropbox's OAuth token endpoint, for a code exchange and for a refresh alike.
struct DropboxTokens
{
    QString accessToken;
    QDateTime accessTokenExpiry;
    // Only from a code exchange with token_access_type=offline; a refresh keeps the one it used.
    QString refreshToken;
    QString accountId;
    // Why there are no tokens: empty on success.
    QString error;
    // The server refused the grant itself (a used code, a revoked refresh token): sign in again.
    bool grantRefused = false;
    // The token endpoint could not be reached, asked to slow down or failed: worth trying again later.
    bool mayPass = false;

    static HttpRequest request(const QUrl& tokenUrl, const QUrlQuery& form);
    static DropboxTokens fromResponse(const HttpResponse& response);
};
