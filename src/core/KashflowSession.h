#pragma once

#include "RequestAuthenticator.h"

#include <QList>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <functional>

class KashflowSignIn;
class QNetworkAccessManager;

// The session of a KashFlow account. Its token, held in memory only, signs requests as
// "Authorization: KfToken {token}". When KashFlow ends the session (401 InvalidSessionToken), an account whose
// user ticked "Remember me" signs in again silently with the credentials from the keychain, once per request;
// otherwise, or when that fails, signedOut() asks the window or attache-cli to prompt.
class KashflowSession : public RequestAuthenticator
{
    Q_OBJECT

public:
    struct Credentials
    {
        QString userName;
        QString password;
        QString memorableWord;
    };

    // baseUrl: "https://api.kashflow.com/v2", or the emulator's.
    KashflowSession(QNetworkAccessManager* network, const QUrl& baseUrl, QObject* parent = nullptr);
    ~KashflowSession() override;

    void setSessionToken(const QString& token)
    {
        m_token = token;
        m_hadSession = m_hadSession || !token.isEmpty();
    }
    bool hasSession() const { return !m_token.isEmpty(); }
    // For requests that carry the token in their body (an upload's form); empty when there is none.
    QString sessionToken() const { return m_token; }
    // Remembered credentials, for signing in again without asking; empty ones forget them.
    void setCredentials(const Credentials& credentials) { m_credentials = credentials; }
    // Where remembered credentials come from when none are set (the keychain): done gets them, or an error.
    using LoadedCredentials = std::function<void(const Credentials& credentials, const QString& error)>;
    using CredentialsLoader = std::function<void(LoadedCredentials done)>;
    void setCredentialsLoader(CredentialsLoader loader) { m_loader = std::move(loader); }

    void ensureAuthorized(QObject* context, Ready ready) override;
    void authorize(QNetworkRequest& request) const override;
    bool isExpiredCredentials(const HttpResponse& response) const override;
    void invalidate() override { m_token.clear(); }

private:
    void signInSilently();
    void endSignIn();
    void finishWaiting(const QString& error, bool mayPass);

    QNetworkAccessManager* m_network;
    const QUrl m_baseUrl;
    QString m_token;
    // Whether the user had a session, so that being asked to sign in says it has ended.
    bool m_hadSession = false;
    Credentials m_credentials;
    CredentialsLoader m_loader;
    bool m_loading = false;
    QPointer<KashflowSignIn> m_signIn;
    QList<QPair<QPointer<QObject>, Ready>> m_waiting;
};
