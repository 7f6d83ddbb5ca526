#include "FortnoxTokens.h"

#include "OAuthSupport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

HttpRequest FortnoxTokens::request(const QUrl& tokenUrl, const QString& clientId, const QString& clientSecret,
                                   const QUrlQuery& form)
{
    HttpRequest request = OAuthSupport::tokenRequest(tokenUrl, form);
    request.setHeader(QByteArrayLiteral("Authorization"),
                      "Basic " + (clientId + QLatin1Char(':') + clientSecret).toUtf8().toBase64());
    request.setHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    return request;
}

FortnoxTokens FortnoxTokens::fromResponse(const HttpResponse& response)
{
    FortnoxTokens tokens;
    if (!response.authorizationError.isEmpty() || response.cancelled) {
        tokens.error = response.errorString;
        return tokens;
    }
    if (response.isNetworkFailure()) {
        tokens.error
            = QCoreApplication::translate("FortnoxTokens", "Could not reach Fortnox: %1").arg(response.errorString);
        tokens.mayPass = true;
        return tokens;
    }
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    if (!response.isSuccess()) {
        // RFC 6749 §5.2: {"error": "invalid_grant", "error_description": "..."}
        const QString code = body.value(QLatin1String("error")).toString();
        const QString description = body.value(QLatin1String("error_description")).toString();
        // invalid_client: the integration's id or secret is wrong, which no retry cures either.
        tokens.grantRefused = code == QLatin1String("invalid_grant") || code == QLatin1String("invalid_client");
        tokens.mayPass = response.status == 429 || response.status >= 500;
        tokens.error = QCoreApplication::translate("FortnoxTokens", "Fortnox refused the sign-in: %1")
                           .arg(description.isEmpty() ? (code.isEmpty() ? QString::number(response.status) : code)
                                                      : description);
        return tokens;
    }
    tokens.accessToken = body.value(QLatin1String("access_token")).toString();
    tokens.refreshToken = body.value(QLatin1String("refresh_token")).toString();
    tokens.scopes = body.value(QLatin1String("scope")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    tokens.tokenType = body.value(QLatin1String("token_type")).toString();
    if (body.contains(QLatin1String("expires_in")))
        tokens.accessTokenExpiry
            = QDateTime::currentDateTimeUtc().addSecs(body.value(QLatin1String("expires_in")).toInteger());
    if (tokens.accessToken.isEmpty())
        tokens.error = QCoreApplication::translate("FortnoxTokens", "Fortnox sent no access token.");
    // The refresh token sent is spent: an answer without its successor would leave the account signed out later.
    else if (tokens.refreshToken.isEmpty())
        tokens.error = QCoreApplication::translate("FortnoxTokens", "Fortnox sent no refresh token.");
    else if (!tokens.tokenType.isEmpty() && tokens.tokenType.compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0)
        tokens.error = QCoreApplication::translate("FortnoxTokens", "Fortnox sent a token of an unknown type (%1).")
                           .arg(tokens.tokenType);
    return tokens;
}
