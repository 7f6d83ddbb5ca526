#include "DropboxTokens.h"

#include "OAuthSupport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

HttpRequest DropboxTokens::request(const QUrl& tokenUrl, const QUrlQuery& form)
{
    return OAuthSupport::tokenRequest(tokenUrl, form);
}

DropboxTokens DropboxTokens::fromResponse(const HttpResponse& response)
{
    DropboxTokens tokens;
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    if (!response.authorizationError.isEmpty() || response.cancelled) {
        tokens.error = response.errorString;
        return tokens;
    }
    if (response.isNetworkFailure()) {
        tokens.error
            = QCoreApplication::translate("DropboxTokens", "Could not reach Dropbox: %1").arg(response.errorString);
        tokens.mayPass = true;
        return tokens;
    }
    if (!response.isSuccess()) {
        // RFC 6749 §5.2: {"error": "invalid_grant", "error_description": "..."}
        const QString code = body.value(QLatin1String("error")).toString();
        const QString description = body.value(QLatin1String("error_description")).toString();
        tokens.grantRefused = response.status == 400 || response.status == 401;
        tokens.mayPass = response.status == 429 || response.status >= 500;
        tokens.error = QCoreApplication::translate("DropboxTokens", "Dropbox refused the sign-in: %1")
                           .arg(description.isEmpty() ? (code.isEmpty() ? QString::number(response.status) : code)
                                                      : description);
        return tokens;
    }
    tokens.accessToken = body.value(QLatin1String("access_token")).toString();
    tokens.refreshToken = body.value(QLatin1String("refresh_token")).toString();
    tokens.accountId = body.value(QLatin1String("account_id")).toString();
    // Tokens without expires_in (long-lived, no longer issued) never expire.
    if (body.contains(QLatin1String("expires_in")))
        tokens.accessTokenExpiry
            = QDateTime::currentDateTimeUtc().addSecs(body.value(QLatin1String("expires_in")).toInteger());
    if (tokens.accessToken.isEmpty())
        tokens.error = QCoreApplication::translate("DropboxTokens", "Dropbox sent no access token.");
    return tokens;
}
