#include "KashflowSession.h"

#include "KashflowError.h"
#include "KashflowSignIn.h"

KashflowSession::KashflowSession(QNetworkAccessManager* network, const QUrl& baseUrl, QObject* parent)
    : RequestAuthenticator(parent)
    , m_network(network)
    , m_baseUrl(baseUrl)
{ }

KashflowSession::~KashflowSession() = default;

void KashflowSession::ensureAuthorized(QObject* context, Ready ready)
{
    if (hasSession()) {
        ready({}, false);
        return;
    }
    m_waiting.append({ context, std::move(ready) });
    if (!m_signIn && !m_loading)
        signInSilently();
}

void KashflowSession::signInSilently()
{
    if (m_credentials.userName.isEmpty() && m_loader) {
        // The keychain is read once; what it gives is kept.
        CredentialsLoader loader = std::exchange(m_loader, {});
        m_loading = true;
        loader([this](const Credentials& credentials, const QString& error) {
            m_loading = false;
            if (!error.isEmpty()) {
                finishWaiting(error, false);
                return;
            }
            m_credentials = credentials;
            signInSilently();
        });
        return;
    }
    const Credentials credentials = m_credentials;
    if (credentials.userName.isEmpty() || credentials.memorableWord.isEmpty()) {
        const QString message = m_hadSession ? tr("Your KashFlow session has ended. Sign in again to go on.")
                                             : tr("Sign in to KashFlow to go on.");
        emit signedOut(message);
        finishWaiting(message, false);
        return;
    }
    m_signIn = new KashflowSignIn(m_network, m_baseUrl, this);
    connect(m_signIn, &KashflowSignIn::positionsRequested, this, [this, credentials](const QList<int>& positions) {
        m_signIn->answer(KashflowSignIn::charactersAt(credentials.memorableWord, positions));
    });
    connect(m_signIn, &KashflowSignIn::signedIn, this, [this](const QString& token) {
        endSignIn();
        setSessionToken(token);
        finishWaiting({}, false);
    });
    connect(m_signIn, &KashflowSignIn::failed, this, [this](const QString& message, bool mayPass) {
        endSignIn();
        // Remembered credentials KashFlow refuses are of no more use, and trying them again could lock the
        // account: they are forgotten, and the user is asked.
        if (!mayPass) {
            m_credentials = {};
            m_loader = nullptr;
            emit signedOut(message);
        }
        finishWaiting(message, mayPass);
    });
    m_signIn->start(credentials.userName, credentials.password);
}

void KashflowSession::endSignIn()
{
    // Cleared now, so that a request arriving before the deletion starts a sign-in of its own.
    m_signIn->deleteLater();
    m_signIn.clear();
}

void KashflowSession::finishWaiting(const QString& error, bool mayPass)
{
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto& [context, ready] : waiting) {
        if (context)
            ready(error, mayPass);
    }
}

void KashflowSession::authorize(QNetworkRequest& request) const
{
    request.setRawHeader(QByteArrayLiteral("Authorization"), "KfToken " + m_token.toUtf8());
}

bool KashflowSession::isExpiredCredentials(const HttpResponse& response) const
{
    return response.status == 401 && KashflowError::fromResponse(response).isInvalidSession();
}
