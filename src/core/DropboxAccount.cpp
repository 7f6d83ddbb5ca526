#include "DropboxAccount.h"

#include "DropboxAuthenticator.h"
#include "DropboxError.h"
#include "DropboxRequest.h"
#include "DropboxStore.h"
#include "HttpCall.h"
#include "SecretStore.h"
#include "Settings.h"

#include <QJsonDocument>

DropboxAccount::DropboxAccount(Settings& settings, QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_network(network)
{ }

DropboxEndpoints DropboxAccount::endpoints() const
{
    return DropboxEndpoints::fromEnvironment(m_settings);
}

bool DropboxAccount::isConnected() const
{
    return !m_settings.dropboxAccountId().isEmpty();
}

QString DropboxAccount::displayName() const
{
    return m_settings.dropboxAccountName();
}

DropboxAuthenticator* DropboxAccount::authenticatorWith(const QString& refreshToken, const DropboxTokens& tokens)
{
    auto* authenticator = new DropboxAuthenticator(m_network, endpoints(), m_settings.dropboxAppKey(), this);
    authenticator->setRefreshToken(refreshToken);
    authenticator->setAccessToken(tokens.accessToken, tokens.accessTokenExpiry);
    return authenticator;
}

void DropboxAccount::call(const QString& route, DropboxAuthenticator* authenticator,
                          std::function<void(const HttpResponse&)> done)
{
    // Routes without arguments take JSON null as their body.
    HttpRequest request = DropboxRequest::rpc(endpoints().apiRoute(route), {});
    request.body = QByteArrayLiteral("null");
    auto* call = DropboxRequest::call(m_network, authenticator, request, this);
    connect(call, &HttpCall::finished, this, [call, authenticator, done](const HttpResponse& response) {
        call->deleteLater();
        authenticator->deleteLater();
        done(response);
    });
    call->start();
}

void DropboxAccount::connectWith(const DropboxTokens& tokens)
{
    call(QStringLiteral("users/get_current_account"), authenticatorWith(tokens.refreshToken, tokens),
         [this, tokens](const HttpResponse& response) {
             if (!response.isSuccess()) {
                 emit failed(DropboxError::fromResponse(response, tr("the account")).message());
                 return;
             }
             const QJsonObject account = QJsonDocument::fromJson(response.body).object();
             const QString email = account.value(QLatin1String("email")).toString();
             const QString name
                 = account.value(QLatin1String("name")).toObject().value(QLatin1String("display_name")).toString();
             keep(tokens, email.isEmpty() ? name : email);
         });
}

void DropboxAccount::keep(const DropboxTokens& tokens, const QString& name)
{
    const QString accountId = tokens.accountId;
    SecretStore::writeSecret(DropboxStore::keychainKey(accountId), tokens.refreshToken, this,
                             [this, accountId, name](const SecretStore::Result& result) {
                                 if (!result.ok) {
                                     emit failed(result.errorString);
                                     return;
                                 }
                                 m_settings.setDropboxAccount(accountId, name);
                                 m_settings.sync();
                                 emit connected(name);
                             });
}

void DropboxAccount::disconnectAccount()
{
    const QString key = DropboxStore::keychainKey(m_settings.dropboxAccountId());
    SecretStore::readSecret(key, this, [this](const SecretStore::Result& result) {
        if (!result.ok) {
            forget(result.notFound ? QString() : result.errorString);
            return;
        }
        call(QStringLiteral("auth/token/revoke"), authenticatorWith(result.secret, {}),
             [this](const HttpResponse& response) {
                 forget(response.isSuccess() ? QString()
                                             : tr("Dropbox could not be told, so Attaché stays listed in the "
                                                  "Dropbox account's settings until it is removed there."));
             });
    });
}

void DropboxAccount::forget(const QString& warning)
{
    SecretStore::removeSecret(DropboxStore::keychainKey(m_settings.dropboxAccountId()), this,
                              [this, warning](const SecretStore::Result& result) {
                                  if (!result.ok) {
                                      emit failed(result.errorString);
                                      return;
                                  }
                                  m_settings.setDropboxAccount({}, {});
                                  m_settings.sync();
                                  emit disconnected(warning);
                              });
}
