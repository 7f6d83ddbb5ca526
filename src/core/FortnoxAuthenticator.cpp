#include "FortnoxAuthenticator.h"

#include "FortnoxError.h"
#include "FortnoxTokens.h"
#include "HttpCall.h"

#include <QUrlQuery>

namespace {
// Renewed this long before it runs out, so that no request leaves with a token about to die.
constexpr int ExpiryMarginSeconds = 300;

const QByteArray AuthorizationHeader = QByteArrayLiteral("Authorization");
const QByteArray AccessTokenHeader = QByteArrayLiteral("Access-Token");
const QByteArray ClientSecretHeader = QByteArrayLiteral("Client-Secret");

QByteArray bearer(const QString& token)
{
    return "Bearer " + token.toLatin1();
}
} // namespace

FortnoxAuthenticator::FortnoxAuthenticator(QNetworkAccessManager* network, const FortnoxEndpoints& endpoints, Mode mode,
                                           QObject* parent)
    : RequestAuthenticator(parent)
    , m_network(network)
    , m_endpoints(endpoints)
    , m_mode(mode)
{ }

void FortnoxAuthenticator::setAccessToken(const QString& token, const QDateTime& expiry)
{
    m_accessToken = token;
    m_accessTokenExpiry = expiry;
}

QString FortnoxAuthenticator::notConnected() const
{
    return tr("Fortnox is not connected. Connect it in Accounts.");
}

bool FortnoxAuthenticator::canSign() const
{
    if (m_mode == Mode::Legacy)
        return !m_legacy.isEmpty() && m_legacy != m_refusedLegacy;
    if (m_refreshTokenUnsaved || m_accessToken.isEmpty())
        return false;
    return !m_accessTokenExpiry.isValid()
        || QDateTime::currentDateTimeUtc().addSecs(ExpiryMarginSeconds) < m_accessTokenExpiry;
}

void FortnoxAuthenticator::ensureAuthorized(QObject* context, Ready ready)
{
    if (!m_busy && canSign()) {
        ready({}, false);
        return;
    }
    m_waiting.append({ context, std::move(ready) });
    // The refresh under way answers everyone: a second one would spend its successor.
    if (m_busy)
        return;
    m_busy = true;
    proceed();
}

void FortnoxAuthenticator::proceed()
{
    if (m_mode == Mode::Legacy) {
        proceedLegacy();
        return;
    }
    // A successor not yet kept is kept before anything else, so that it is never lost.
    if (m_refreshTokenUnsaved) {
        saveRefreshToken();
        return;
    }
    if (canSign()) {
        finishWaiting({});
        return;
    }
    const QPointer<FortnoxAuthenticator> self(this);
    if (m_clientSecret.isEmpty()) {
        if (!m_clientSecretLoader) {
            finishWaiting(notConnected());
            return;
        }
        m_clientSecretLoader([self](const QString& secret, const QString& error) {
            if (!self)
                return;
            if (!error.isEmpty() || secret.isEmpty()) {
                self->finishWaiting(error.isEmpty() ? self->notConnected() : error);
                return;
            }
            self->m_clientSecret = secret;
            self->proceed();
        });
        return;
    }
    if (m_refreshToken.isEmpty()) {
        if (!m_refreshTokenLoader) {
            finishWaiting(notConnected());
            return;
        }
        m_refreshTokenLoader([self](const QString& token, const QString& error) {
            if (!self)
                return;
            if (!error.isEmpty() || token.isEmpty()) {
                self->finishWaiting(error.isEmpty() ? self->notConnected() : error);
                return;
            }
            self->m_refreshToken = token;
            self->proceed();
        });
        return;
    }
    refresh();
}

void FortnoxAuthenticator::refresh()
{
    const QString used = m_refreshToken;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), used);
    auto* call = new HttpCall(
        m_network, FortnoxTokens::request(m_endpoints.tokenUrl(), m_clientId, m_clientSecret, form), nullptr, this);
    call->setRetryPolicy(m_retryPolicy);
    connect(call, &HttpCall::finished, this, [this, call, used](const HttpResponse& response) {
        call->deleteLater();
        const FortnoxTokens tokens = FortnoxTokens::fromResponse(response);
        if (tokens.error.isEmpty()) {
            m_reloadedAfterRefusal = false;
            m_refreshToken = tokens.refreshToken;
            m_refreshTokenUnsaved = true;
            m_pendingAccessToken = tokens.accessToken;
            m_pendingAccessTokenExpiry = tokens.accessTokenExpiry;
            saveRefreshToken();
            return;
        }
        if (!tokens.grantRefused) {
            finishWaiting(tokens.error, tokens.mayPass);
            return;
        }
        // attache-cli and the window share the keychain entry: the other may have spent the token and kept its
        // successor there. Read it once more before signing out.
        if (!m_refreshTokenLoader || m_reloadedAfterRefusal) {
            signOut(tokens.error);
            return;
        }
        m_reloadedAfterRefusal = true;
        m_refreshToken.clear();
        const QPointer<FortnoxAuthenticator> self(this);
        m_refreshTokenLoader([self, used, message = tokens.error](const QString& token, const QString& error) {
            if (!self)
                return;
            if (!error.isEmpty() || token.isEmpty() || token == used) {
                self->signOut(message);
                return;
            }
            self->m_refreshToken = token;
            self->proceed();
        });
    });
    call->start();
}

void FortnoxAuthenticator::saveRefreshToken()
{
    const auto commit = [this] {
        m_refreshTokenUnsaved = false;
        setAccessToken(std::exchange(m_pendingAccessToken, {}), std::exchange(m_pendingAccessTokenExpiry, {}));
        finishWaiting({});
    };
    if (!m_refreshTokenSaver) {
        commit();
        return;
    }
    const QPointer<FortnoxAuthenticator> self(this);
    m_refreshTokenSaver(m_refreshToken, [self, commit](const QString& error) {
        if (!self)
            return;
        // Kept in memory and saved again on the next request: the one it replaced is spent at Fortnox. The sign-in
        // is still good, so the requests wait to try again rather than sign the account out.
        if (!error.isEmpty()) {
            self->finishWaiting(tr("Fortnox renewed the sign-in, but the keychain could not keep it: %1").arg(error),
                                true);
            return;
        }
        commit();
    });
}

void FortnoxAuthenticator::proceedLegacy()
{
    if (canSign()) {
        finishWaiting({});
        return;
    }
    if (!m_legacyLoader) {
        if (m_refusedLegacy.isEmpty())
            finishWaiting(notConnected());
        else
            signOut(legacyRefusal());
        return;
    }
    const QPointer<FortnoxAuthenticator> self(this);
    m_legacyLoader([self](const LegacyCredentials& credentials, const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty() || credentials.isEmpty()) {
            self->finishWaiting(error.isEmpty() ? self->notConnected() : error);
            return;
        }
        // The pair Fortnox refused is not sent again until it has been changed.
        if (credentials == self->m_refusedLegacy) {
            self->signOut(self->legacyRefusal());
            return;
        }
        self->m_legacy = credentials;
        self->m_refusedLegacy = {};
        self->finishWaiting({});
    });
}

QString FortnoxAuthenticator::legacyRefusal() const
{
    return m_lastRefusal.isEmpty() ? tr("Fortnox refused the access token and client secret.") : m_lastRefusal;
}

void FortnoxAuthenticator::signOut(const QString& message)
{
    m_refreshToken.clear();
    m_accessToken.clear();
    m_reloadedAfterRefusal = false;
    emit signedOut(message);
    finishWaiting(message);
}

void FortnoxAuthenticator::finishWaiting(const QString& error, bool mayPass)
{
    m_busy = false;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto& [context, ready] : waiting) {
        if (context)
            ready(error, mayPass);
    }
}

void FortnoxAuthenticator::authorize(QNetworkRequest& request) const
{
    if (m_mode == Mode::Legacy) {
        request.setRawHeader(AccessTokenHeader, m_legacy.accessToken.toUtf8());
        request.setRawHeader(ClientSecretHeader, m_legacy.clientSecret.toUtf8());
        return;
    }
    request.setRawHeader(AuthorizationHeader, bearer(m_accessToken));
}

bool FortnoxAuthenticator::isExpiredCredentials(const HttpResponse& response) const
{
    if (response.status != 401)
        return false;
    const FortnoxError error = FortnoxError::fromResponse(response);
    m_lastRefusal = error.message;
    if (m_mode == Mode::Legacy)
        return error.code == FortnoxError::InvalidCredentials;
    return error.code != FortnoxError::MissingCredentials;
}

void FortnoxAuthenticator::invalidate()
{
    if (m_mode == Mode::Legacy) {
        m_refusedLegacy = m_legacy;
        m_legacy = {};
        return;
    }
    m_accessToken.clear();
}

void FortnoxAuthenticator::invalidateCredentialsOf(const QNetworkRequest& signedRequest)
{
    const bool current = m_mode == Mode::Legacy
        ? !m_legacy.isEmpty() && signedRequest.rawHeader(AccessTokenHeader) == m_legacy.accessToken.toUtf8()
            && signedRequest.rawHeader(ClientSecretHeader) == m_legacy.clientSecret.toUtf8()
        : !m_accessToken.isEmpty() && signedRequest.rawHeader(AuthorizationHeader) == bearer(m_accessToken);
    if (current)
        invalidate();
}
