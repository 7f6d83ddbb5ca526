#include "FortnoxSignIn.h"

#include "HttpCall.h"
#include "OAuthSupport.h"

#include <QUrlQuery>

FortnoxSignIn::FortnoxSignIn(QNetworkAccessManager* network, const FortnoxEndpoints& endpoints, const QString& clientId,
                             const QString& clientSecret, const QUrl& redirectUri, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoints(endpoints)
    , m_clientId(clientId)
    , m_clientSecret(clientSecret)
    , m_redirectUri(redirectUri)
    , m_state(OAuthSupport::randomUrlSafe(32))
{ }

QStringList FortnoxSignIn::scopes()
{
    return { QStringLiteral("inbox"), QStringLiteral("archive"), QStringLiteral("connectfile"),
             QStringLiteral("supplierinvoice"), QStringLiteral("bookkeeping") };
}

QUrl FortnoxSignIn::authorizeUrl() const
{
    QUrl url = m_endpoints.authorizeUrl();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), m_clientId);
    query.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri.toString());
    query.addQueryItem(QStringLiteral("scope"), scopes().join(QLatin1Char(' ')));
    query.addQueryItem(QStringLiteral("state"), m_state);
    query.addQueryItem(QStringLiteral("access_type"), QStringLiteral("offline"));
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    // Through the form encoder: QUrlQuery would leave a '+' or '&' in a value as it is.
    url.setQuery(QString::fromLatin1(OAuthSupport::formBody(query)), QUrl::StrictMode);
    return url;
}

void FortnoxSignIn::handleRedirect(const QUrl& url)
{
    const QUrlQuery query(url);
    if (query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != m_state) {
        // Not the answer to this sign-in: possibly forged. Never exchange its code.
        emit failed(tr("The answer from Fortnox did not match this sign-in. Try again."));
        return;
    }
    if (query.hasQueryItem(QStringLiteral("error"))) {
        const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
        const QString description = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        if (error == QLatin1String("access_denied"))
            emit failed(tr("Access to Fortnox was not allowed."));
        else if (error == QLatin1String("invalid_scope"))
            emit failed(tr("Fortnox refused the permissions Attaché asks for. The company may lack the licence "
                           "for them, or the integration may not have them."));
        else
            emit failed(tr("Fortnox refused the sign-in: %1").arg(description.isEmpty() ? error : description));
        return;
    }
    exchangeCode(query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
}

void FortnoxSignIn::exchangeCode(const QString& code)
{
    if (code.isEmpty()) {
        emit failed(tr("Fortnox sent no authorization code."));
        return;
    }
    if (m_exchange)
        return;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), code);
    form.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri.toString());
    m_exchange = new HttpCall(
        m_network, FortnoxTokens::request(m_endpoints.tokenUrl(), m_clientId, m_clientSecret, form), nullptr, this);
    connect(m_exchange, &HttpCall::finished, this, [this](const HttpResponse& response) {
        m_exchange->deleteLater();
        const FortnoxTokens tokens = FortnoxTokens::fromResponse(response);
        if (tokens.error.isEmpty())
            emit succeeded(tokens);
        else
            emit failed(tokens.error);
    });
    m_exchange->start();
}
