#pragma once

#include "FortnoxEndpoints.h"
#include "FortnoxTokens.h"

#include <QObject>
#include <QPointer>

class HttpCall;
class QNetworkAccessManager;

// One sign-in to Fortnox: OAuth 2 authorization code with offline access, for the embedded browser. The caller
// shows authorizeUrl() and hands back the redirect the browser caught; the code is exchanged with the integration's
// id and secret. Fortnox has no PKCE, so the state, random and checked, is what ties the redirect to this sign-in.
class FortnoxSignIn : public QObject
{
    Q_OBJECT

public:
    FortnoxSignIn(QNetworkAccessManager* network, const FortnoxEndpoints& endpoints, const QString& clientId,
                  const QString& clientSecret, const QUrl& redirectUri = defaultRedirectUri(),
                  QObject* parent = nullptr);

    // Where the app sends the browser; the browser catches anything under it. It must be the integration's
    // registered redirect URI.
    static QUrl defaultRedirectUri() { return QUrl(QStringLiteral("http://localhost/attache-fortnox")); }
    // What Attaché asks for: the inbox and archive, connecting files, and the records they are connected to.
    static QStringList scopes();

    QUrl authorizeUrl() const;
    QUrl redirectUri() const { return m_redirectUri; }

    // The redirect the browser caught: checks the state and any error, then exchanges the code.
    void handleRedirect(const QUrl& url);

signals:
    void succeeded(const FortnoxTokens& tokens);
    void failed(const QString& message);

private:
    void exchangeCode(const QString& code);

    QNetworkAccessManager* m_network;
    const FortnoxEndpoints m_endpoints;
    const QString m_clientId;
    const QString m_clientSecret;
    const QUrl m_redirectUri;
    const QString m_state;
    QPointer<HttpCall> m_exchange;
};
