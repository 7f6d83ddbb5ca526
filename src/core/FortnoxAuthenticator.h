#pragma once

#include "FortnoxEndpoints.h"
#include "RequestAuthenticator.h"
#include "RetryPolicy.h"

#include <QDateTime>
#include <QList>
#include <QPointer>

class QNetworkAccessManager;

// Signs Fortnox API v3 requests, in one of two modes.
//
// OAuth: "Authorization: Bearer {access token}". The access token is held in memory only and renewed five minutes
// before it expires, or when Fortnox refuses it. The integration's client secret and the refresh token come from
// the keychain through loaders, the first time they are needed. Fortnox's refresh tokens are single use: each
// refresh spends the one sent and answers with its successor, which goes to the keychain through the saver before
// the new access token signs anything, so that a crash never leaves only a spent token behind. One refresh runs at a
// time; requests that need one meanwhile wait for it. A refused refresh signs the account out.
//
// Legacy: the Access-Token and Client-Secret headers, the pair read from the keychain. Fortnox ended them on 30 April
// 2025; they stay for integrations that still have them.
class FortnoxAuthenticator : public RequestAuthenticator
{
    Q_OBJECT

public:
    enum class Mode { OAuth, Legacy };

    struct LegacyCredentials
    {
        QString accessToken;
        QString clientSecret;

        bool isEmpty() const { return accessToken.isEmpty() || clientSecret.isEmpty(); }
        bool operator==(const LegacyCredentials& other) const
        {
            return accessToken == other.accessToken && clientSecret == other.clientSecret;
        }
        bool operator!=(const LegacyCredentials& other) const { return !(*this == other); }
    };

    // A loader calls done once, with the secret or why there is none (an empty secret: nothing stored).
    using LoadedSecret = std::function<void(const QString& secret, const QString& error)>;
    using SecretLoader = std::function<void(LoadedSecret done)>;
    // A saver calls done once, with an empty error when the secret is stored.
    using SavedSecret = std::function<void(const QString& error)>;
    using SecretSaver = std::function<void(const QString& secret, SavedSecret done)>;
    using LoadedLegacy = std::function<void(const LegacyCredentials& credentials, const QString& error)>;
    using LegacyLoader = std::function<void(LoadedLegacy done)>;

    FortnoxAuthenticator(QNetworkAccessManager* network, const FortnoxEndpoints& endpoints, Mode mode,
                         QObject* parent = nullptr);

    Mode mode() const { return m_mode; }
    void setRetryPolicy(const RetryPolicy& policy) { m_retryPolicy = policy; }

    // OAuth
    void setClientId(const QString& clientId) { m_clientId = clientId; }
    void setClientSecret(const QString& secret) { m_clientSecret = secret; }
    void setClientSecretLoader(SecretLoader loader) { m_clientSecretLoader = std::move(loader); }
    void setRefreshToken(const QString& token) { m_refreshToken = token; }
    void setRefreshTokenLoader(SecretLoader loader) { m_refreshTokenLoader = std::move(loader); }
    void setRefreshTokenSaver(SecretSaver saver) { m_refreshTokenSaver = std::move(saver); }
    void setAccessToken(const QString& token, const QDateTime& expiry);

    // Legacy
    void setLegacyCredentials(const LegacyCredentials& credentials) { m_legacy = credentials; }
    void setLegacyCredentialsLoader(LegacyLoader loader) { m_legacyLoader = std::move(loader); }

    void ensureAuthorized(QObject* context, Ready ready) override;
    void authorize(QNetworkRequest& request) const override;
    // OAuth: any 401 but "credentials missing" (2000311): Fortnox answers 2000310 alike for an expired, revoked or
    // unknown token, and a refresh either cures it or shows that the account must sign in again. Legacy: 2000310,
    // so that the pair is read again from the keychain, where it may have been corrected, before signing out.
    bool isExpiredCredentials(const HttpResponse& response) const override;
    void invalidate() override;
    void invalidateCredentialsOf(const QNetworkRequest& signedRequest) override;

private:
    bool canSign() const;
    // The next step towards signing: a secret to load or save, a refresh, or the answer to those waiting.
    void proceed();
    void proceedLegacy();
    void refresh();
    void saveRefreshToken();
    void signOut(const QString& message);
    void finishWaiting(const QString& error, bool mayPass = false);
    QString notConnected() const;
    QString legacyRefusal() const;

    QNetworkAccessManager* m_network;
    const FortnoxEndpoints m_endpoints;
    const Mode m_mode;
    RetryPolicy m_retryPolicy;

    QString m_clientId;
    QString m_clientSecret;
    SecretLoader m_clientSecretLoader;
    QString m_refreshToken;
    SecretLoader m_refreshTokenLoader;
    SecretSaver m_refreshTokenSaver;
    // A refresh's successor not yet in the keychain, and the access token that waits for it to be.
    bool m_refreshTokenUnsaved = false;
    QString m_pendingAccessToken;
    QDateTime m_pendingAccessTokenExpiry;
    // The keychain was read again after a refused refresh: another process may have spent the token first.
    bool m_reloadedAfterRefusal = false;
    QString m_accessToken;
    QDateTime m_accessTokenExpiry;

    LegacyCredentials m_legacy;
    LegacyLoader m_legacyLoader;
    // The pair Fortnox refused, so that the same pair is not sent again.
    LegacyCredentials m_refusedLegacy;
    // Set while judging an answer (a const query), for the sign-out that may follow it.
    mutable QString m_lastRefusal;

    bool m_busy = false;
    QList<QPair<QPointer<QObject>, Ready>> m_waiting;
};
