#pragma once

#include "DropboxEndpoints.h"
#include "DropboxTokens.h"

#include <QObject>

#include <functional>

class DropboxAuthenticator;
class QNetworkAccessManager;
class Settings;

// The Dropbox account Attaché is connected to: connecting stores its refresh token in the keychain and
// its id and name (never a secret) in the settings; disconnecting revokes the token at Dropbox and
// deletes the keychain entry. The window's Accounts dialog and attache-cli both go through here.
class DropboxAccount : public QObject
{
    Q_OBJECT

public:
    DropboxAccount(Settings& settings, QNetworkAccessManager* network, QObject* parent = nullptr);

    DropboxEndpoints endpoints() const;
    bool isConnected() const;
    QString displayName() const;

    // After a sign-in: asks Dropbox who signed in, then keeps the tokens.
    void connectWith(const DropboxTokens& tokens);
    void disconnectAccount();

signals:
    void connected(const QString& displayName);
    void disconnected(const QString& warning);
    void failed(const QString& message);

private:
    DropboxAuthenticator* authenticatorWith(const QString& refreshToken, const DropboxTokens& tokens);
    // An RPC route without arguments, signed by (and then deleting) the authenticator.
    void call(const QString& route, DropboxAuthenticator* authenticator, std::function<void(const HttpResponse&)> done);
    void keep(const DropboxTokens& tokens, const QString& name);
    void forget(const QString& warning);

    Settings& m_settings;
    QNetworkAccessManager* m_network;
};
