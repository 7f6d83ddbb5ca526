#pragma once

#include "FortnoxAuthenticator.h"
#include "FortnoxEndpoints.h"
#include "FortnoxTokens.h"

#include <QObject>

#include <functional>

class QNetworkAccessManager;
class Settings;

// The Fortnox company Attaché is connected to. The settings hold only what is not secret: the integration's client
// id (fortnox/clientId), how Fortnox is connected (fortnox/connection: "oauth" or "legacy"), the id of that
// connection (fortnox/connectionId) and, hidden, the API base (fortnox/baseUrl). Everything secret is in the
// keychain, under these keys:
//   fortnox-client-secret:<clientId>   the integration's client secret, kept across connections
//   fortnox:<clientId>                 the refresh token of the company connected through that integration;
//                                      rewritten by every refresh, since each one spends it
//   fortnox-legacy:access-token        the legacy Access-Token of the connected company
//   fortnox-legacy:client-secret       the legacy Client-Secret that goes with it
// Disconnecting deletes the company's entries (the refresh token, the legacy pair); the client secret stays, as it
// belongs to the integration, not the company. The window's Accounts dialog and attache-cli both go through here.
class FortnoxAccount : public QObject
{
    Q_OBJECT

public:
    using LoadedSecret = FortnoxAuthenticator::LoadedSecret;

    FortnoxAccount(Settings& settings, QNetworkAccessManager* network, QObject* parent = nullptr);

    static QString clientSecretKey(const QString& clientId)
    {
        return QStringLiteral("fortnox-client-secret:") + clientId;
    }
    static QString refreshTokenKey(const QString& clientId) { return QStringLiteral("fortnox:") + clientId; }
    static QString legacyAccessTokenKey() { return QStringLiteral("fortnox-legacy:access-token"); }
    static QString legacyClientSecretKey() { return QStringLiteral("fortnox-legacy:client-secret"); }

    FortnoxEndpoints endpoints() const;
    QString clientId() const;
    bool isConnected() const;
    FortnoxAuthenticator::Mode mode() const;

    // The integration, before a sign-in: its secret to the keychain (done gets an empty error once it is kept). Its
    // id goes to the settings only when the sign-in succeeds, so that a cancelled one leaves the connection as it was.
    void setClientCredentials(const QString& clientId, const QString& clientSecret,
                              std::function<void(const QString& error)> done);
    // The secret the keychain keeps for that integration, for a sign-in with it; empty with no error when it has none.
    void loadClientSecret(const QString& clientId, LoadedSecret done);

    // After a sign-in with the integration last given above: keeps the refresh token, the integration's id, and the
    // access token in memory for the first authenticator. Another integration's refresh token is forgotten.
    void connectWith(const FortnoxTokens& tokens);
    // Asks Fortnox whether the pair works, then keeps it.
    void connectLegacy(const QString& accessToken, const QString& clientSecret);
    void disconnectAccount();

    // Signs requests for the connected company, reading (and for OAuth rewriting) the keychain as it needs.
    FortnoxAuthenticator* createAuthenticator(QObject* parent = nullptr);
    // The same for the company these settings name, signing through `network`: a store's, on its own thread, where
    // the authenticator is then to be moved.
    static FortnoxAuthenticator* createAuthenticator(const Settings& settings, QNetworkAccessManager* network,
                                                     QObject* parent = nullptr);
    static bool isConnected(const Settings& settings);

signals:
    void connected();
    void disconnected();
    void failed(const QString& message);

private:
    void keepLegacy(const FortnoxAuthenticator::LegacyCredentials& credentials);
    void setConnection(const QString& mode);

    Settings& m_settings;
    QNetworkAccessManager* m_network;
    // From the last sign-in, so that the first authenticator does not spend a refresh token at once.
    QString m_accessToken;
    QDateTime m_accessTokenExpiry;
    // The integration a sign-in is under way with.
    QString m_signInClientId;
};
