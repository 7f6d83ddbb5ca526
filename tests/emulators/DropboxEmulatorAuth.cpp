#include "DropboxEmulatorAuth.h"

#include "EmulatorHtmlPage.h"
#include "EmulatorOAuth.h"
#include "EmulatorRandomToken.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonObject>
#include <QUrl>

namespace {

const QString AppName = QStringLiteral("Attaché");
// The account's legacy numeric id, which token answers still carry.
const QString Uid = QStringLiteral("4815162342");
const QString DefaultScope = QStringLiteral(
    "account_info.read files.content.read files.content.write files.metadata.read files.metadata.write");

const EmulatorHtmlPage Pages(QStringLiteral("Dropbox"));

EmulatorResponse errorPage(const QString& reason)
{
    return Pages.message(400, QStringLiteral("Error"), QStringLiteral("Error (400)"), QStringLiteral("error"), reason);
}

// RFC 6749 §5.2, always with 400, as Dropbox answers.
EmulatorResponse oauthError(const QString& error, const QString& description)
{
    return EmulatorOAuth::tokenError(400, error, description);
}

bool acceptableRedirect(const QUrl& uri)
{
    // Only localhost may do without HTTPS, as in the App Console.
    const bool local = uri.host() == QLatin1String("localhost") || uri.host() == QLatin1String("127.0.0.1");
    return uri.isValid() && uri.fragment().isEmpty()
        && (uri.scheme() == QLatin1String("https") || (uri.scheme() == QLatin1String("http") && local));
}

} // namespace

QString DropboxEmulatorAuth::accountId()
{
    return QStringLiteral("dbid:AAC1TaXvqH6CZ3bGn8Nq0hZ3oQk4JyWm2eE");
}

void DropboxEmulatorAuth::expireAccessTokens()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (AccessToken& token : m_accessTokens)
        token.expiresAtMs = qMin(token.expiresAtMs, now);
}

QString DropboxEmulatorAuth::issueRefreshToken()
{
    const QString token = EmulatorRandomToken::base64Url(48);
    m_refreshTokens.insert(token);
    return token;
}

QString DropboxEmulatorAuth::issueAccessToken()
{
    return mintAccessToken({});
}

DropboxEmulatorAuth::TokenState DropboxEmulatorAuth::tokenState(const QString& accessToken) const
{
    const auto it = m_accessTokens.constFind(accessToken);
    if (it == m_accessTokens.constEnd())
        return TokenState::Unknown;
    return it->expiresAtMs > QDateTime::currentMSecsSinceEpoch() ? TokenState::Valid : TokenState::Expired;
}

void DropboxEmulatorAuth::revoke(const QString& accessToken)
{
    const QString refreshToken = m_accessTokens.take(accessToken).refreshToken;
    if (refreshToken.isEmpty())
        return;
    m_refreshTokens.remove(refreshToken);
    for (auto it = m_accessTokens.begin(); it != m_accessTokens.end();)
        it = it->refreshToken == refreshToken ? m_accessTokens.erase(it) : std::next(it);
}

EmulatorResponse DropboxEmulatorAuth::authorize(const EmulatorRequest& request)
{
    const QHash<QString, QString> query = request.queryFields();
    if (query.value(QStringLiteral("client_id")) != m_appKey)
        return errorPage(QStringLiteral("Invalid client_id: \"%1\"").arg(query.value(QStringLiteral("client_id"))));
    if (query.value(QStringLiteral("response_type")) != QLatin1String("code"))
        return errorPage(QStringLiteral("Unsupported response_type"));

    Authorization authorization;
    authorization.redirectUri = query.value(QStringLiteral("redirect_uri"));
    authorization.state = query.value(QStringLiteral("state"));
    authorization.challenge = query.value(QStringLiteral("code_challenge"));
    authorization.challengeMethod = query.value(QStringLiteral("code_challenge_method"), QStringLiteral("plain"));
    authorization.scope = query.value(QStringLiteral("scope"), DefaultScope);
    const QString accessType = query.value(QStringLiteral("token_access_type"), QStringLiteral("legacy"));
    authorization.offline = accessType == QLatin1String("offline");

    if (!authorization.redirectUri.isEmpty() && !acceptableRedirect(QUrl(authorization.redirectUri)))
        return errorPage(QStringLiteral("Invalid redirect_uri: \"%1\"").arg(authorization.redirectUri));
    // The emulated app is a public client: without a client secret, PKCE is its only proof.
    if (authorization.challenge.size() < 43 || authorization.challenge.size() > 128)
        return errorPage(QStringLiteral("Invalid code_challenge: it must be 43 to 128 characters"));
    if (authorization.challengeMethod != QLatin1String("S256")
        && authorization.challengeMethod != QLatin1String("plain"))
        return errorPage(QStringLiteral("Invalid code_challenge_method"));
    if (authorization.state.toUtf8().size() > 500)
        return errorPage(QStringLiteral("Invalid state: it must be at most 500 bytes"));
    if (accessType != QLatin1String("offline") && accessType != QLatin1String("online")
        && accessType != QLatin1String("legacy"))
        return errorPage(QStringLiteral("Invalid token_access_type"));

    if (m_autoApprove)
        return approve(authorization);
    const QString requestId = EmulatorRandomToken::base64Url(16);
    m_pending.insert(requestId, authorization);
    return Pages.page(
        200, QStringLiteral("API Request Authorization"),
        QStringLiteral("<h1 id=\"app-name\">%1</h1>\n"
                       "<p>%1 would like access to the files and folders in your Dropbox.</p>\n"
                       "<form method=\"post\" action=\"/oauth2/authorize/decision\">\n"
                       "<input type=\"hidden\" name=\"request\" value=\"%2\">\n"
                       "<button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
                       "<button id=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n"
                       "</form>")
            .arg(AppName.toHtmlEscaped(), requestId));
}

EmulatorResponse DropboxEmulatorAuth::decide(const EmulatorRequest& request)
{
    const QHash<QString, QString> form = EmulatorRequest::parseForm(request.body());
    const auto pending = m_pending.constFind(form.value(QStringLiteral("request")));
    if (pending == m_pending.constEnd())
        return errorPage(QStringLiteral("This authorization request has expired or was already answered."));
    const Authorization authorization = pending.value();
    m_pending.erase(pending);
    return form.value(QStringLiteral("decision")) == QLatin1String("allow") ? approve(authorization)
                                                                            : deny(authorization);
}

EmulatorResponse DropboxEmulatorAuth::token(const EmulatorRequest& request)
{
    const QByteArray contentType = request.header(QByteArrayLiteral("Content-Type"));
    if (contentType.split(';').first().trimmed().toLower() != "application/x-www-form-urlencoded")
        return EmulatorResponse::text(400,
                                      QStringLiteral("Bad HTTP \"Content-Type\" header: \"%1\".  Expecting one of "
                                                     "\"application/x-www-form-urlencoded\".")
                                          .arg(QString::fromLatin1(contentType)));
    const QHash<QString, QString> form = EmulatorRequest::parseForm(request.body());
    const QString grantType = form.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("No grant_type"));
    if (grantType != QLatin1String("authorization_code") && grantType != QLatin1String("refresh_token"))
        return oauthError(QStringLiteral("unsupported_grant_type"), QStringLiteral("Unknown grant_type"));
    if (!form.contains(QStringLiteral("client_id")))
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("No client_id"));
    if (form.value(QStringLiteral("client_id")) != m_appKey)
        return oauthError(QStringLiteral("invalid_client"), QStringLiteral("Invalid client_id or client_secret"));
    return grantType == QLatin1String("authorization_code") ? exchangeCode(form) : refresh(form);
}

EmulatorResponse DropboxEmulatorAuth::approve(const Authorization& authorization)
{
    const QString code = EmulatorRandomToken::base64Url(32);
    m_codes.insert(code, authorization);
    if (authorization.redirectUri.isEmpty()) {
        // No redirect: Dropbox shows the code for the user to paste into the app.
        return Pages.page(
            200, QStringLiteral("API Request Authorized"),
            QStringLiteral("<p>Enter this code into %1 to finish the process.</p>\n<code id=\"code\">%2</code>")
                .arg(AppName.toHtmlEscaped(), code));
    }
    return EmulatorOAuth::codeRedirect(authorization.redirectUri, code, authorization.state);
}

EmulatorResponse DropboxEmulatorAuth::deny(const Authorization& authorization)
{
    const QString description = QStringLiteral("The user chose not to give your app access to their Dropbox account.");
    if (authorization.redirectUri.isEmpty())
        return Pages.page(200, QStringLiteral("Access Denied"),
                          QStringLiteral("<p id=\"denied\">%1</p>").arg(description));
    return EmulatorOAuth::redirectError(authorization.redirectUri, authorization.state, QStringLiteral("access_denied"),
                                        description);
}

QString DropboxEmulatorAuth::mintAccessToken(const QString& refreshToken)
{
    const QString token = QStringLiteral("sl.") + EmulatorRandomToken::base64Url(96);
    m_accessTokens.insert(token,
                          { QDateTime::currentMSecsSinceEpoch() + qint64(m_accessTokenLifetime) * 1000, refreshToken });
    return token;
}

EmulatorResponse DropboxEmulatorAuth::exchangeCode(const QHash<QString, QString>& form)
{
    const QString code = form.value(QStringLiteral("code"));
    if (code.isEmpty())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("No code"));
    const auto it = m_codes.constFind(code);
    if (it == m_codes.constEnd())
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("code doesn't exist or has expired"));
    const Authorization authorization = it.value();
    if (form.value(QStringLiteral("redirect_uri")) != authorization.redirectUri)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("redirect_uri mismatch"));
    const QString verifier = form.value(QStringLiteral("code_verifier"));
    if (verifier.isEmpty())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("No code_verifier"));
    const QString derived = authorization.challengeMethod == QLatin1String("S256")
        ? QString::fromLatin1(QCryptographicHash::hash(verifier.toUtf8(), QCryptographicHash::Sha256)
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        : verifier;
    if (derived != authorization.challenge)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("invalid code verifier"));

    m_codes.remove(code);
    QJsonObject result { { QStringLiteral("token_type"), QStringLiteral("bearer") },
                         { QStringLiteral("expires_in"), m_accessTokenLifetime },
                         { QStringLiteral("scope"), authorization.scope },
                         { QStringLiteral("account_id"), accountId() },
                         { QStringLiteral("uid"), Uid } };
    QString refreshToken;
    if (authorization.offline) {
        refreshToken = issueRefreshToken();
        result.insert(QStringLiteral("refresh_token"), refreshToken);
    }
    result.insert(QStringLiteral("access_token"), mintAccessToken(refreshToken));
    return EmulatorResponse::json(200, result);
}

EmulatorResponse DropboxEmulatorAuth::refresh(const QHash<QString, QString>& form)
{
    const QString refreshToken = form.value(QStringLiteral("refresh_token"));
    if (refreshToken.isEmpty())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("No refresh_token"));
    if (!m_refreshTokens.contains(refreshToken))
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("refresh token is invalid or revoked"));
    return EmulatorResponse::json(200,
                                  QJsonObject { { QStringLiteral("access_token"), mintAccessToken(refreshToken) },
                                                { QStringLiteral("token_type"), QStringLiteral("bearer") },
                                                { QStringLiteral("expires_in"), m_accessTokenLifetime } });
}
