#include "FortnoxAccount.h"

#include "FortnoxError.h"
#include "FortnoxPayload.h"
#include "HttpCall.h"
#include "SecretStore.h"
#include "Settings.h"

namespace {
const QString OAuthConnection = QStringLiteral("oauth");
const QString LegacyConnection = QStringLiteral("legacy");

// Reads a secret for a loader: nothing stored is an empty secret, not an error.
void readInto(const QString& key, QObject* context, FortnoxAuthenticator::LoadedSecret done)
{
    SecretStore::readSecret(key, context, [done = std::move(done)](const SecretStore::Result& result) {
        if (result.ok || result.notFound)
            done(result.secret, {});
        else
            done({}, result.errorString);
    });
}

FortnoxAuthenticator::Mode modeOf(const Settings& settings)
{
    return settings.fortnoxConnection() == LegacyConnection ? FortnoxAuthenticator::Mode::Legacy
                                                            : FortnoxAuthenticator::Mode::OAuth;
}
} // namespace

FortnoxAccount::FortnoxAccount(Settings& settings, QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_network(network)
{ }

FortnoxEndpoints FortnoxAccount::endpoints() const
{
    return FortnoxEndpoints::fromEnvironment(m_settings);
}

QString FortnoxAccount::clientId() const
{
    return m_settings.fortnoxClientId();
}

bool FortnoxAccount::isConnected() const
{
    return isConnected(m_settings);
}

bool FortnoxAccount::isConnected(const Settings& settings)
{
    const QString connection = settings.fortnoxConnection();
    return connection == LegacyConnection || (connection == OAuthConnection && !settings.fortnoxClientId().isEmpty());
}

FortnoxAuthenticator::Mode FortnoxAccount::mode() const
{
    return modeOf(m_settings);
}

void FortnoxAccount::setClientCredentials(const QString& clientId, const QString& clientSecret,
                                          std::function<void(const QString& error)> done)
{
    SecretStore::writeSecret(clientSecretKey(clientId), clientSecret, this,
                             [this, clientId, done = std::move(done)](const SecretStore::Result& result) {
                                 if (!result.ok) {
                                     done(result.errorString);
                                     return;
                                 }
                                 m_signInClientId = clientId;
                                 done({});
                             });
}

void FortnoxAccount::loadClientSecret(const QString& clientId, LoadedSecret done)
{
    m_signInClientId = clientId;
    readInto(clientSecretKey(clientId), this, std::move(done));
}

void FortnoxAccount::connectWith(const FortnoxTokens& tokens)
{
    const QString id = m_signInClientId.isEmpty() ? clientId() : m_signInClientId;
    if (id.isEmpty()) {
        emit failed(tr("The Fortnox integration has no client id."));
        return;
    }
    SecretStore::writeSecret(
        refreshTokenKey(id), tokens.refreshToken, this, [this, id, tokens](const SecretStore::Result& result) {
            if (!result.ok) {
                emit failed(result.errorString);
                return;
            }
            // The company connected before, through another integration, is no more.
            const QString previous = clientId();
            if (!previous.isEmpty() && previous != id)
                SecretStore::removeSecret(refreshTokenKey(previous), this, [](const SecretStore::Result&) {});
            m_settings.setFortnoxClientId(id);
            m_signInClientId.clear();
            m_accessToken = tokens.accessToken;
            m_accessTokenExpiry = tokens.accessTokenExpiry;
            setConnection(OAuthConnection);
            emit connected();
        });
}

void FortnoxAccount::connectLegacy(const QString& accessToken, const QString& clientSecret)
{
    const FortnoxAuthenticator::LegacyCredentials credentials { accessToken.trimmed(), clientSecret.trimmed() };
    if (credentials.isEmpty()) {
        emit failed(tr("Both the access token and the client secret are needed."));
        return;
    }
    auto* authenticator = new FortnoxAuthenticator(m_network, endpoints(), FortnoxAuthenticator::Mode::Legacy, this);
    authenticator->setLegacyCredentials(credentials);
    // The inbox is what Attaché is for, and a legacy pair carries every scope its integration has.
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = endpoints().apiUrl(QStringLiteral("inbox"));
    request.setHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    // Only Fortnox's own inbox proves the pair; a proxy's page in its place must not get it kept.
    request.isExpectedAnswer = FortnoxPayload::isFolder;
    auto* call = new HttpCall(m_network, request, authenticator, this);
    connect(call, &HttpCall::finished, this, [this, call, authenticator, credentials](const HttpResponse& response) {
        call->deleteLater();
        authenticator->deleteLater();
        if (response.isSuccess()) {
            keepLegacy(credentials);
            return;
        }
        // A refused pair comes back as the sign-out's message, Fortnox's own words.
        const QString refusal = response.authorizationError.isEmpty() ? FortnoxError::fromResponse(response).message
                                                                      : response.authorizationError;
        if (!refusal.isEmpty())
            emit failed(tr("Fortnox refused the access token and client secret: %1").arg(refusal));
        else
            emit failed(
                tr("Could not reach Fortnox: %1")
                    .arg(response.errorString.isEmpty() ? QString::number(response.status) : response.errorString));
    });
    call->start();
}

void FortnoxAccount::keepLegacy(const FortnoxAuthenticator::LegacyCredentials& credentials)
{
    SecretStore::writeSecret(legacyAccessTokenKey(), credentials.accessToken, this,
                             [this, credentials](const SecretStore::Result& result) {
                                 if (!result.ok) {
                                     emit failed(result.errorString);
                                     return;
                                 }
                                 SecretStore::writeSecret(legacyClientSecretKey(), credentials.clientSecret, this,
                                                          [this](const SecretStore::Result& result) {
                                                              if (!result.ok) {
                                                                  emit failed(result.errorString);
                                                                  return;
                                                              }
                                                              setConnection(LegacyConnection);
                                                              emit connected();
                                                          });
                             });
}

void FortnoxAccount::disconnectAccount()
{
    // Fortnox documents no way to revoke a refresh token: forgetting it is what is left.
    QStringList keys { legacyAccessTokenKey(), legacyClientSecretKey() };
    if (!clientId().isEmpty())
        keys.prepend(refreshTokenKey(clientId()));
    m_accessToken.clear();
    m_accessTokenExpiry = {};
    auto remaining = std::make_shared<int>(int(keys.size()));
    auto problem = std::make_shared<QString>();
    for (const QString& key : std::as_const(keys)) {
        SecretStore::removeSecret(key, this, [this, remaining, problem](const SecretStore::Result& result) {
            if (!result.ok && problem->isEmpty())
                *problem = result.errorString;
            if (--*remaining > 0)
                return;
            if (!problem->isEmpty()) {
                emit failed(*problem);
                return;
            }
            setConnection({});
            emit disconnected();
        });
    }
}

void FortnoxAccount::setConnection(const QString& mode)
{
    m_settings.setFortnoxConnection(mode);
    m_settings.sync();
}

FortnoxAuthenticator* FortnoxAccount::createAuthenticator(QObject* parent)
{
    FortnoxAuthenticator* authenticator = createAuthenticator(m_settings, m_network, parent);
    // The access token of the last sign-in, so that the first requests do not spend a refresh token at once.
    if (authenticator->mode() == FortnoxAuthenticator::Mode::OAuth)
        authenticator->setAccessToken(m_accessToken, m_accessTokenExpiry);
    return authenticator;
}

FortnoxAuthenticator* FortnoxAccount::createAuthenticator(const Settings& settings, QNetworkAccessManager* network,
                                                          QObject* parent)
{
    const FortnoxAuthenticator::Mode mode = modeOf(settings);
    auto* authenticator = new FortnoxAuthenticator(network, FortnoxEndpoints::fromEnvironment(settings), mode, parent);
    if (mode == FortnoxAuthenticator::Mode::Legacy) {
        authenticator->setLegacyCredentialsLoader([authenticator](FortnoxAuthenticator::LoadedLegacy done) {
            readInto(legacyAccessTokenKey(), authenticator,
                     [authenticator, done](const QString& accessToken, const QString& error) {
                         if (!error.isEmpty()) {
                             done({}, error);
                             return;
                         }
                         readInto(legacyClientSecretKey(), authenticator,
                                  [accessToken, done](const QString& clientSecret, const QString& error) {
                                      done({ accessToken, clientSecret }, error);
                                  });
                     });
        });
        return authenticator;
    }
    const QString id = settings.fortnoxClientId();
    authenticator->setClientId(id);
    authenticator->setClientSecretLoader([authenticator, id](FortnoxAuthenticator::LoadedSecret done) {
        readInto(clientSecretKey(id), authenticator, done);
    });
    authenticator->setRefreshTokenLoader([authenticator, id](FortnoxAuthenticator::LoadedSecret done) {
        readInto(refreshTokenKey(id), authenticator, done);
    });
    authenticator->setRefreshTokenSaver([authenticator, id](const QString& token,
                                                            FortnoxAuthenticator::SavedSecret done) {
        SecretStore::writeSecret(refreshTokenKey(id), token, authenticator, [done](const SecretStore::Result& result) {
            done(result.ok ? QString() : result.errorString);
        });
    });
    return authenticator;
}
