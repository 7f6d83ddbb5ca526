#pragma once

#include "EmulatorRequest.h"
#include "EmulatorResponse.h"
#include "FortnoxEmulatorError.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

// Fortnox's sign-in for one integration (client id and secret) on one company: OAuth 2's authorization code flow
// at /oauth-v1 (https://www.fortnox.se/developer/authorization), and the legacy Access-Token and Client-Secret
// headers. Authorization codes live 10 minutes and are single use; access tokens an hour; refresh tokens 45 days
// and are single use too: each refresh hands out a new one and revokes the one used. Times come from the caller, so
// that tests can move them.
class FortnoxEmulatorAuth
{
public:
    // What an API request is allowed: the error when it is not, else its scopes and the key its rate is limited by.
    struct Grant
    {
        FortnoxEmulatorError error;
        QString rateKey;
        QStringList scopes;
    };

    static constexpr int CodeLifetime = 10 * 60;
    static constexpr int AccessTokenLifetime = 60 * 60;
    static constexpr int RefreshTokenLifetime = 45 * 24 * 60 * 60;

    FortnoxEmulatorAuth();

    // The scopes the emulator knows: the file ones and those of the records files are connected to.
    static QStringList knownScopes();
    // The company's number, as in its folders' e-mail addresses and the tokens' tenant.
    static int tenantId() { return 501558; }

    QString clientId() const { return m_clientId; }
    QString clientSecret() const { return m_clientSecret; }
    void setClientCredentials(const QString& clientId, const QString& clientSecret);
    QString legacyAccessToken() const { return m_legacyAccessToken; }
    QString legacyClientSecret() const { return m_legacyClientSecret; }
    // An empty pair turns the legacy headers off, as Fortnox did on 30 April 2025.
    void setLegacyCredentials(const QString& accessToken, const QString& clientSecret);
    // The redirect URI registered for the integration; while empty, any loopback http or https URI is taken.
    void setRedirectUri(const QString& uri) { m_redirectUri = uri; }

    QString issueAccessToken(const QStringList& scopes, const QDateTime& now);
    QString issueRefreshToken(const QStringList& scopes, const QDateTime& now);
    void expireAccessTokens();
    // Whether a refresh token was issued and not used yet.
    bool isRefreshTokenUnused(const QString& token) const { return m_refreshTokens.contains(token); }

    Grant authenticate(const EmulatorRequest& request, const QDateTime& now) const;

    EmulatorResponse authorize(const EmulatorRequest& request, const QDateTime& now); // GET /oauth-v1/auth
    EmulatorResponse decide(const EmulatorRequest& request, const QDateTime& now); // POST from its page
    EmulatorResponse token(const EmulatorRequest& request, const QDateTime& now); // POST /oauth-v1/token

private:
    struct Authorization
    {
        QString redirectUri;
        QString state;
        QStringList scopes;
        QDateTime expiresAt; // codes only
    };

    struct Token
    {
        QStringList scopes;
        QDateTime expiresAt;
        bool expired = false;
    };

    EmulatorResponse tokenAnswer(const QStringList& scopes, const QDateTime& now);
    bool acceptableRedirect(const QString& uri) const;

    QString m_clientId;
    QString m_clientSecret;
    QString m_legacyAccessToken;
    QString m_legacyClientSecret;
    QString m_redirectUri;
    QHash<QString, Authorization> m_pending; // by the id the consent page posts back
    QHash<QString, Authorization> m_codes;
    QHash<QString, Token> m_accessTokens;
    QHash<QString, Token> m_refreshTokens; // only those not used yet
};
