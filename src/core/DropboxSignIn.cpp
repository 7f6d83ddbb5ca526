#include "DropboxSignIn.h"

#include "HttpCall.h"
#include "OAuthSupport.h"

#include <QCryptographicHash>
#include <QUrlQuery>

DropboxSignIn::DropboxSignIn(QNetworkAccessManager* network, const DropboxEndpoints& endpoints, const QString& appKey,
                             const QUrl& redirectUri, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoints(endpoints)
    , m_appKey(appKey)
    , m_redirectUri(redirectUri)
    // RFC 7636 allows 43 to 128 characters; the longest is the hardest to guess.
    , m_codeVerifier(OAuthSupport::randomUrlSafe(128))
    , m_state(OAuthSupport::randomUrlSafe(32))
{ }

QString DropboxSignIn::codeChallenge() const
{
    const QByteArray digest = QCryptographicHash::hash(m_codeVerifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QUrl DropboxSignIn::authorizeUrl() const
{
    QUrl url = m_endpoints.authorizeUrl();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), m_appKey);
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("code_challenge"), codeChallenge());
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    query.addQueryItem(QStringLiteral("token_access_type"), QStringLiteral("offline"));
    if (!m_redirectUri.isEmpty()) {
        query.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri.toString());
        query.addQueryItem(QStringLiteral("state"), m_state);
    }
    url.setQuery(query);
    return url;
}

void DropboxSignIn::handleRedirect(const QUrl& url)
{
    const QUrlQuery query(url);
    if (query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != m_state) {
        // Not the answer to this sign-in: possibly forged. Never exchange its code.
        emit failed(tr("The answer from Dropbox did not match this sign-in. Try again."));
        return;
    }
    if (query.hasQueryItem(QStringLiteral("error"))) {
        const QString description = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        emit failed(
            query.queryItemValue(QStringLiteral("error")) == QLatin1String("access_denied")
                ? tr("Access to Dropbox was not allowed.")
                : tr("Dropbox refused the sign-in: %1")
                      .arg(description.isEmpty() ? query.queryItemValue(QStringLiteral("error")) : description));
        return;
    }
    exchangeCode(query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
}

void DropboxSignIn::exchangeCode(const QString& code)
{
    if (code.trimmed().isEmpty()) {
        emit failed(tr("Dropbox sent no authorization code."));
        return;
    }
    if (m_exchange)
        return;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), code.trimmed());
    form.addQueryItem(QStringLiteral("client_id"), m_appKey);
    form.addQueryItem(QStringLiteral("code_verifier"), m_codeVerifier);
    if (!m_redirectUri.isEmpty())
        form.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri.toString());
    m_exchange = new HttpCall(m_network, DropboxTokens::request(m_endpoints.tokenUrl(), form), nullptr, this);
    connect(m_exchange, &HttpCall::finished, this, [this](const HttpResponse& response) {
        m_exchange->deleteLater();
        const DropboxTokens tokens = DropboxTokens::fromResponse(response);
        if (!tokens.error.isEmpty())
            emit failed(tokens.error);
        else if (tokens.refreshToken.isEmpty())
            emit failed(tr("Dropbox granted no offline access."));
        else
            emit succeeded(tokens);
    });
    m_exchange->start();
}
