#pragma once

#include "DropboxEndpoints.h"
#include "DropboxTokens.h"

#include <QObject>
#include <QPointer>

class HttpCall;
class QNetworkAccessManager;

// One sign-in to Dropbox: OAuth 2 authorization code with PKCE (S256), offline access. The caller shows
// authorizeUrl() (the embedded browser, or a terminal that asks for the code) and hands back either the
// redirect it caught or the code the user pasted.
class DropboxSignIn : public QObject
{
    Q_OBJECT

public:
    // With an empty redirectUri, Dropbox shows the code for the user to copy instead of redirecting.
    DropboxSignIn(QNetworkAccessManager* network, const DropboxEndpoints& endpoints, const QString& appKey,
                  const QUrl& redirectUri, QObject* parent = nullptr);

    // Where the app sends the browser; the browser catches anything under it.
    static QUrl defaultRedirectUri() { return QUrl(QStringLiteral("http://localhost/attache-signin")); }

    QUrl authorizeUrl() const;
    QUrl redirectUri() const { return m_redirectUri; }
    QString codeChallenge() const;

    // The redirect the browser caught: checks the state, then exchanges the code.
    void handleRedirect(const QUrl& url);
    // A code the user pasted (no redirect, so no state to check).
    void exchangeCode(const QString& code);

signals:
    void succeeded(const DropboxTokens& tokens);
    void failed(const QString& message);

private:
    QNetworkAccessManager* m_network;
    const DropboxEndpoints m_endpoints;
    const QString m_appKey;
    const QUrl m_redirectUri;
    const QString m_codeVerifier;
    const QString m_state;
    QPointer<HttpCall> m_exchange;
};
