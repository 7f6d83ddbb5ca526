#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

// The answer of Fortnox's OAuth token endpoint (POST /oauth-v1/token), for a code exchange and for a refresh
// alike. Every answer carries a new refresh token: Fortnox's are single use, so the one sent is spent.
struct FortnoxTokens
{
    QString accessToken;
    QDateTime accessTokenExpiry;
    QString refreshToken;
    QStringList scopes;
    QString tokenType;
    // Why there are no tokens: empty on success.
    QString error;
    // The server refused the grant itself (a used code, a spent or revoked refresh token) or the integration's
    // credentials: sign in again.
    bool grantRefused = false;
    // The token endpoint could not be reached, asked to slow down or failed: worth trying again later.
    bool mayPass = false;

    // Signed with the integration's id and secret (HTTP Basic), as Fortnox asks, never with a bearer token.
    static HttpRequest request(const QUrl& tokenUrl, const QString& clientId, const QString& clientSecret,
                               const QUrlQuery& form);
    static FortnoxTokens fromResponse(const HttpResponse& response);
};
