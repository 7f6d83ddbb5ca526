#pragma once

#include "HttpResponse.h"

#include <QNetworkRequest>
#include <QObject>

#include <functional>

// Signs the requests of one account: a bearer token, a session token or legacy API headers. HttpCall asks
// it before every attempt and tells it when the server says the credentials have expired.
class RequestAuthenticator : public QObject
{
    Q_OBJECT

public:
    // error is empty when the request may go; mayPass when the failure is one to wait out (the token
    // endpoint unreachable, busy or failing), not a refusal.
    using Ready = std::function<void(const QString& error, bool mayPass)>;
    using QObject::QObject;

    // Calls ready with an empty error once authorize() can sign requests (after a refresh if needed),
    // or with a message when it cannot. `context` ends the wait if it is destroyed first.
    virtual void ensureAuthorized(QObject* context, Ready ready) = 0;
    virtual void authorize(QNetworkRequest& request) const = 0;
    // A 401 that new credentials will cure, as opposed to an account that must sign in again.
    virtual bool isExpiredCredentials(const HttpResponse& response) const = 0;
    // Forgets the current credentials so that the next ensureAuthorized() renews them.
    virtual void invalidate() = 0;
    // After an expired-credentials answer to `signedRequest`: forgets the credentials it was signed with, unless
    // they have been renewed since (another request's answer came first), so that one expiry renews them once.
    virtual void invalidateCredentialsOf(const QNetworkRequest& signedRequest)
    {
        Q_UNUSED(signedRequest)
        invalidate();
    }

signals:
    // The server refused the account's credentials for good: the user must sign in again.
    void signedOut(const QString& message);
};
