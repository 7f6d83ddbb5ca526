#include "DropboxAuthenticator.h"

#include "HttpCall.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
// Renewed this long before it runs out, so that no request leaves with a token about to die.
constexpr int ExpiryMarginSeconds = 300;
} // namespace

DropboxAuthenticator::DropboxAuthenticator(QNetworkAccessManager* network, const DropboxEndpoints& endpoints,
                                           const QString& appKey, QObject* parent)
    : RequestAuthenticator(parent)
    , m_network(network)
    , m_endpoints(endpoints)
    , m_appKey(appKey)
{ }

void DropboxAuthenticator::setAccessToken(const QString& token, const QDateTime& expiry)
{
    m_accessToken = token;
    m_accessTokenExpiry = expiry;
}

bool DropboxAuthenticator::hasFreshAccessToken() const
{
    if (m_accessToken.isEmpty())
        return false;
    return !m_accessTokenExpiry.isValid()
        || QDateTime::currentDateTimeUtc().addSecs(ExpiryMarginSeconds) < m_accessTokenExpiry;
}

void DropboxAuthenticator::ensureAuthorized(QObject* context, Ready ready)
{
    if (hasFreshAccessToken()) {
        ready({}, false);
        return;
    }
    m_waiting.append({ context, std::move(ready) });
    if (m_busy)
        return;
    m_busy = true;
    if (!m_refreshToken.isEmpty() || !m_loader) {
        refresh();
        return;
    }
    m_loader([this](const QString& refreshToken, const QString& error) {
        if (!error.isEmpty() || refreshToken.isEmpty()) {
            finishWaiting(error.isEmpty() ? tr("This Dropbox account is not connected. Connect it in Accounts.")
                                          : error);
            return;
        }
        m_refreshToken = refreshToken;
        refresh();
    });
}

void DropboxAuthenticator::refresh()
{
    if (m_refreshToken.isEmpty()) {
        finishWaiting(tr("This Dropbox account is not connected. Connect it in Accounts."));
        return;
    }
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), m_refreshToken);
    form.addQueryItem(QStringLiteral("client_id"), m_appKey);
    auto* call = new HttpCall(m_network, DropboxTokens::request(m_endpoints.tokenUrl(), form), nullptr, this);
    call->setRetryPolicy(m_retryPolicy);
    connect(call, &HttpCall::finished, this, [this, call](const HttpResponse& response) {
        call->deleteLater();
        const DropboxTokens tokens = DropboxTokens::fromResponse(response);
        if (!tokens.error.isEmpty()) {
            if (tokens.grantRefused) {
                m_refreshToken.clear();
                emit signedOut(tokens.error);
            }
            finishWaiting(tokens.error, tokens.mayPass);
            return;
        }
        setAccessToken(tokens.accessToken, tokens.accessTokenExpiry);
        finishWaiting({});
    });
    call->start();
}

void DropboxAuthenticator::finishWaiting(const QString& error, bool mayPass)
{
    m_busy = false;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto& [context, ready] : waiting) {
        if (context)
            ready(error, mayPass);
    }
}

void DropboxAuthenticator::authorize(QNetworkRequest& request) const
{
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_accessToken.toLatin1());
}

bool DropboxAuthenticator::isExpiredCredentials(const HttpResponse& response) const
{
    const QJsonObject error = QJsonDocument::fromJson(response.body).object().value(QLatin1String("error")).toObject();
    return response.status == 401
        && error.value(QLatin1String(".tag")).toString() == QLatin1String("expired_access_token");
}

void DropboxAuthenticator::invalidate()
{
    m_accessToken.clear();
}
