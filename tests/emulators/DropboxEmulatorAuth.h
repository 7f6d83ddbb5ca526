#pragma once

#include "EmulatorRequest.h"
#include "EmulatorResponse.h"

#include <QHash>
#include <QSet>
#include <QString>

// Dropbox's OAuth 2 side, which its API spec leaves out: the authorization page for one app, single-use codes
// bound to a PKCE challenge, short-lived access tokens and the refresh tokens they are minted from.
class DropboxEmulatorAuth
{
public:
    enum class TokenState { Valid, Expired, Unknown };

    // The one account behind every token.
    static QString accountId();

    QString appKey() const { return m_appKey; }
    void setAppKey(const QString& appKey) { m_appKey = appKey; }
    // Answers the authorization page as if the user had pressed Allow.
    void setAutoApprove(bool autoApprove) { m_autoApprove = autoApprove; }
    void setAccessTokenLifetime(int seconds) { m_accessTokenLifetime = seconds; }
    void expireAccessTokens();
    QString issueRefreshToken();
    QString issueAccessToken();
    TokenState tokenState(const QString& accessToken) const;
    // Revokes the token and, if it came from a refresh token, that one and every access token minted from it.
    void revoke(const QString& accessToken);

    EmulatorResponse authorize(const EmulatorRequest& request); // GET /oauth2/authorize
    EmulatorResponse decide(const EmulatorRequest& request); // POST /oauth2/authorize/decision, from the page
    EmulatorResponse token(const EmulatorRequest& request); // POST /oauth2/token

private:
    struct Authorization
    {
        QString redirectUri;
        QString state;
        QString challenge;
        QString challengeMethod;
        QString scope;
        bool offline = false;
    };

    struct AccessToken
    {
        qint64 expiresAtMs = 0;
        QString refreshToken;
    };

    EmulatorResponse approve(const Authorization& authorization);
    EmulatorResponse deny(const Authorization& authorization);
    QString mintAccessToken(const QString& refreshToken);
    EmulatorResponse exchangeCode(const QHash<QString, QString>& form);
    EmulatorResponse refresh(const QHash<QString, QString>& form);

    QString m_appKey = QStringLiteral("attacheemulator");
    bool m_autoApprove = false;
    int m_accessTokenLifetime = 14400;
    QHash<QString, Authorization> m_pending; // by the id the page posts back
    QHash<QString, Authorization> m_codes; // codes not used yet
    QHash<QString, AccessToken> m_accessTokens;
    QSet<QString> m_refreshTokens;
};
