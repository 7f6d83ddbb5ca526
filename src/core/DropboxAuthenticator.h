#pragma once

#include "DropboxEndpoints.h"
#include "DropboxTokens.h"
#include "RequestAuthenticator.h"
#include "RetryPolicy.h"

#include <QList>
#include <QPointer>

class QNetworkAccessManager;

// Signs Dropbox requests with a short-lived access token, held in memory only, and renews it with the
// refresh token five minutes before it expires or when Dropbox says it has. The refresh token comes
// from the keychain through a loader, the first time it is needed.
class DropboxAuthenticator : public RequestAuthenticator
{
    Q_OBJECT

public:
    using LoadedToken = std::function<void(const QString& refreshToken, const QString& error)>;
    using TokenLoader = std::function<void(LoadedToken done)>;

    DropboxAuthenticator(QNetworkAccessManager* network, const DropboxEndpoints& endpoints, const QString& appKey,
                         QObject* parent = nullptr);

    void setRefreshTokenLoader(TokenLoader loader) { m_loader = std::move(loader); }
    void setRefreshToken(const QString& token) { m_refreshToken = token; }
    void setRetryPolicy(const RetryPolicy& policy) { m_retryPolicy = policy; }
    void setAccessToken(const QString& token, const QDateTime& expiry);

    void ensureAuthorized(QObject* context, Ready ready) override;
    void authorize(QNetworkRequest& request) const override;
    bool isExpiredCredentials(const HttpResponse& response) const override;
    void invalidate() override;

private:
    bool hasFreshAccessToken() const;
    void refresh();
    void finishWaiting(const QString& error, bool mayPass = false);

    QNetworkAccessManager* m_network;
    const DropboxEndpoints m_endpoints;
    const QString m_appKey;
    RetryPolicy m_retryPolicy;
    TokenLoader m_loader;
    QString m_refreshToken;
    QString m_accessToken;
    QDateTime m_accessTokenExpiry;
    bool m_busy = false;
    QList<QPair<QPointer<QObject>, Ready>> m_waiting;
};
