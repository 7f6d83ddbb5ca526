#include "FortnoxEmulatorAuth.h"

#include "EmulatorHtmlPage.h"
#include "EmulatorOAuth.h"
#include "EmulatorRandomToken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

#include <algorithm>

namespace {

QByteArray base64Url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Fortnox's own pages are in Swedish.
const EmulatorHtmlPage Pages(QStringLiteral("Fortnox"), QStringLiteral("sv"));

// An authorization request too broken to send back to the client: the user sees why.
EmulatorResponse errorPage(const QString& reason)
{
    return Pages.message(400, QStringLiteral("Fel"), QStringLiteral("Fel"), QStringLiteral("error"), reason);
}

} // namespace

FortnoxEmulatorAuth::FortnoxEmulatorAuth()
    : m_clientId(QStringLiteral("Att4cheFnx01"))
    , m_clientSecret(QStringLiteral("kQ8vT2mZpL"))
    , m_legacyAccessToken(QStringLiteral("6b3e1c8a-2f4d-4e7b-9a1c-5d8f0e2b7c41"))
    , m_legacyClientSecret(QStringLiteral("Xw7Rb3NcQe"))
{ }

QStringList FortnoxEmulatorAuth::knownScopes()
{
    return { QStringLiteral("inbox"), QStringLiteral("archive"), QStringLiteral("connectfile"),
             QStringLiteral("supplierinvoice"), QStringLiteral("bookkeeping") };
}

void FortnoxEmulatorAuth::setClientCredentials(const QString& clientId, const QString& clientSecret)
{
    m_clientId = clientId;
    m_clientSecret = clientSecret;
}

void FortnoxEmulatorAuth::setLegacyCredentials(const QString& accessToken, const QString& clientSecret)
{
    m_legacyAccessToken = accessToken;
    m_legacyClientSecret = clientSecret;
}

QString FortnoxEmulatorAuth::issueAccessToken(const QStringList& scopes, const QDateTime& now)
{
    // A JWT, as Fortnox's are, so that a client that reads the tenant or the expiry out of it can; the emulator
    // itself only looks the token up.
    const QDateTime expiresAt = now.addSecs(AccessTokenLifetime);
    const QByteArray header = QJsonDocument(QJsonObject { { QStringLiteral("alg"), QStringLiteral("RS256") },
                                                          { QStringLiteral("typ"), QStringLiteral("JWT") } })
                                  .toJson(QJsonDocument::Compact);
    const QByteArray payload
        = QJsonDocument(QJsonObject { { QStringLiteral("client_id"), m_clientId },
                                      { QStringLiteral("scope"), QJsonArray::fromStringList(scopes) },
                                      { QStringLiteral("tenantId"), tenantId() },
                                      { QStringLiteral("iat"), now.toSecsSinceEpoch() },
                                      { QStringLiteral("exp"), expiresAt.toSecsSinceEpoch() },
                                      { QStringLiteral("jti"), EmulatorRandomToken::base64Url(12) } })
              .toJson(QJsonDocument::Compact);
    const QString token
        = QString::fromLatin1(base64Url(header) + '.' + base64Url(payload) + '.') + EmulatorRandomToken::base64Url(32);
    m_accessTokens.insert(token, { scopes, expiresAt });
    return token;
}

QString FortnoxEmulatorAuth::issueRefreshToken(const QStringList& scopes, const QDateTime& now)
{
    const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_refreshTokens.insert(token, { scopes, now.addSecs(RefreshTokenLifetime) });
    return token;
}

void FortnoxEmulatorAuth::expireAccessTokens()
{
    for (Token& token : m_accessTokens)
        token.expired = true;
}

FortnoxEmulatorAuth::Grant FortnoxEmulatorAuth::authenticate(const EmulatorRequest& request, const QDateTime& now) const
{
    const QByteArray authorization = request.header(QByteArrayLiteral("Authorization")).trimmed();
    if (authorization.toLower().startsWith("bearer ")) {
        const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
        const auto it = m_accessTokens.constFind(token);
        if (it == m_accessTokens.constEnd() || it->expired || it->expiresAt <= now)
            return { FortnoxEmulatorError::invalidCredentials(), {}, {} };
        // The limit is per client id and tenant, and the emulator has one tenant.
        return { {}, QStringLiteral("client:") + m_clientId, it->scopes };
    }
    const QString accessToken = QString::fromUtf8(request.header(QByteArrayLiteral("Access-Token")).trimmed());
    const QString clientSecret = QString::fromUtf8(request.header(QByteArrayLiteral("Client-Secret")).trimmed());
    if (accessToken.isEmpty() || clientSecret.isEmpty())
        return { FortnoxEmulatorError::missingCredentials(), {}, {} };
    if (m_legacyAccessToken.isEmpty() || accessToken != m_legacyAccessToken || clientSecret != m_legacyClientSecret)
        return { FortnoxEmulatorError::invalidCredentials(), {}, {} };
    // A legacy token predates scopes: it was given everything the integration had.
    return { {}, QStringLiteral("legacy:") + accessToken, knownScopes() };
}

bool FortnoxEmulatorAuth::acceptableRedirect(const QString& uri) const
{
    if (!m_redirectUri.isEmpty())
        return uri == m_redirectUri;
    const QUrl url(uri);
    const bool local = url.host() == QLatin1String("localhost") || url.host() == QLatin1String("127.0.0.1");
    return url.isValid() && url.fragment().isEmpty()
        && (url.scheme() == QLatin1String("https") || (url.scheme() == QLatin1String("http") && local));
}

EmulatorResponse FortnoxEmulatorAuth::authorize(const EmulatorRequest& request, const QDateTime& now)
{
    Q_UNUSED(now)
    const QHash<QString, QString> query = request.queryFields();
    // A wrong client or redirect URI is shown to the user, never redirected to (RFC 6749 §4.1.2.1).
    if (query.value(QStringLiteral("client_id")) != m_clientId)
        return errorPage(QStringLiteral("Auth code or ClientID supplied is invalid"));
    Authorization authorization;
    authorization.redirectUri = query.value(QStringLiteral("redirect_uri"));
    authorization.state = query.value(QStringLiteral("state"));
    if (authorization.redirectUri.isEmpty() || !acceptableRedirect(authorization.redirectUri))
        return errorPage(QStringLiteral("Invalid redirect_uri: \"%1\"").arg(authorization.redirectUri));
    if (query.value(QStringLiteral("response_type")) != QLatin1String("code"))
        return EmulatorOAuth::redirectError(authorization.redirectUri, authorization.state,
                                            QStringLiteral("unsupported_response_type"),
                                            QStringLiteral("response_type must be code"));
    authorization.scopes = query.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QStringList known = knownScopes();
    const bool scopesKnown = std::all_of(authorization.scopes.begin(), authorization.scopes.end(),
                                         [&known](const QString& scope) { return known.contains(scope); });
    if (authorization.scopes.isEmpty() || !scopesKnown)
        return EmulatorOAuth::redirectError(authorization.redirectUri, authorization.state,
                                            QStringLiteral("invalid_scope"),
                                            QStringLiteral("The requested scope is invalid, unknown, or malformed"));
    authorization.scopes.removeDuplicates();

    const QString requestId = EmulatorRandomToken::base64Url(16);
    m_pending.insert(requestId, authorization);
    QString list;
    for (const QString& scope : std::as_const(authorization.scopes))
        list += QStringLiteral("<li class=\"scope\">%1</li>\n").arg(scope.toHtmlEscaped());
    return Pages.page(
        200, QStringLiteral("Aktivering"),
        QStringLiteral("<h1>Aktivering</h1>\n"
                       "<p>Attaché vill få behörighet till följande i Fortnox:</p>\n<ul>\n%1</ul>\n"
                       "<form method=\"post\" action=\"/oauth-v1/auth/decision\">\n"
                       "<input type=\"hidden\" name=\"request\" value=\"%2\">\n"
                       "<button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Godkänn &amp; "
                       "aktivera</button>\n"
                       "<button id=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Avbryt</button>\n"
                       "</form>")
            .arg(list, requestId));
}

EmulatorResponse FortnoxEmulatorAuth::decide(const EmulatorRequest& request, const QDateTime& now)
{
    const QHash<QString, QString> form = EmulatorRequest::parseForm(request.body());
    const auto pending = m_pending.constFind(form.value(QStringLiteral("request")));
    if (pending == m_pending.constEnd())
        return errorPage(QStringLiteral("Den här begäran har redan besvarats eller gått ut."));
    Authorization authorization = pending.value();
    m_pending.erase(pending);
    if (form.value(QStringLiteral("decision")) != QLatin1String("allow"))
        return EmulatorOAuth::redirectError(authorization.redirectUri, authorization.state,
                                            QStringLiteral("access_denied"),
                                            QStringLiteral("The user denied the authorization request"));
    const QString code = EmulatorRandomToken::base64Url(24);
    authorization.expiresAt = now.addSecs(CodeLifetime);
    m_codes.insert(code, authorization);
    return EmulatorOAuth::codeRedirect(authorization.redirectUri, code, authorization.state);
}

EmulatorResponse FortnoxEmulatorAuth::token(const EmulatorRequest& request, const QDateTime& now)
{
    const QByteArray authorization = request.header(QByteArrayLiteral("Authorization")).trimmed();
    const QByteArray expected = "Basic " + (m_clientId + QLatin1Char(':') + m_clientSecret).toUtf8().toBase64();
    if (!authorization.toLower().startsWith("basic "))
        return EmulatorOAuth::tokenError(401, QStringLiteral("invalid_client"),
                                         QStringLiteral("Missing client credentials"));
    if (authorization.mid(6).trimmed() != expected.mid(6))
        return EmulatorOAuth::tokenError(401, QStringLiteral("invalid_client"),
                                         QStringLiteral("Invalid client credentials"));
    const QByteArray contentType = request.header(QByteArrayLiteral("Content-Type"));
    if (contentType.split(';').first().trimmed().toLower() != "application/x-www-form-urlencoded")
        return EmulatorOAuth::tokenError(400, QStringLiteral("invalid_request"),
                                         QStringLiteral("The body must be application/x-www-form-urlencoded"));
    const QHash<QString, QString> form = EmulatorRequest::parseForm(request.body());
    const QString grantType = form.value(QStringLiteral("grant_type"));

    if (grantType == QLatin1String("authorization_code")) {
        const QString code = form.value(QStringLiteral("code"));
        if (code.isEmpty())
            return EmulatorOAuth::tokenError(400, QStringLiteral("invalid_request"), QStringLiteral("Missing code"));
        // Used once, right or wrong, as RFC 6749 §4.1.2 asks of a code.
        const Authorization granted = m_codes.take(code);
        if (granted.redirectUri.isEmpty() || granted.expiresAt <= now)
            return EmulatorOAuth::tokenError(400, QStringLiteral("invalid_grant"),
                                             QStringLiteral("Invalid authorization code"));
        if (form.value(QStringLiteral("redirect_uri")) != granted.redirectUri)
            return EmulatorOAuth::tokenError(400, QStringLiteral("invalid_grant"),
                                             QStringLiteral("Redirect URI mismatch"));
        return tokenAnswer(granted.scopes, now);
    }
    if (grantType == QLatin1String("refresh_token")) {
        const QString refreshToken = form.value(QStringLiteral("refresh_token"));
        if (refreshToken.isEmpty())
            return EmulatorOAuth::tokenError(400, QStringLiteral("invalid_request"),
                                             QStringLiteral("Missing refresh_token"));
        // Single use: whatever the outcome, this one is spent.
        const auto it = m_refreshTokens.constFind(refreshToken);
        if (it == m_refreshTokens.constEnd() || it->expiresAt <= now) {
            m_refreshTokens.remove(refreshToken);
            return EmulatorOAuth::tokenError(400, QStringLiteral("invalid_grant"),
                                             QStringLiteral("Invalid refresh token"));
        }
        const QStringList scopes = it->scopes;
        m_refreshTokens.erase(it);
        return tokenAnswer(scopes, now);
    }
    if (grantType.isEmpty())
        return EmulatorOAuth::tokenError(400, QStringLiteral("invalid_request"), QStringLiteral("Missing grant_type"));
    return EmulatorOAuth::tokenError(400, QStringLiteral("unsupported_grant_type"),
                                     QStringLiteral("Unsupported grant_type: %1").arg(grantType));
}

EmulatorResponse FortnoxEmulatorAuth::tokenAnswer(const QStringList& scopes, const QDateTime& now)
{
    return EmulatorResponse::json(200,
                                  QJsonObject { { QStringLiteral("access_token"), issueAccessToken(scopes, now) },
                                                { QStringLiteral("refresh_token"), issueRefreshToken(scopes, now) },
                                                { QStringLiteral("scope"), scopes.join(QLatin1Char(' ')) },
                                                { QStringLiteral("expires_in"), AccessTokenLifetime },
                                                { QStringLiteral("token_type"), QStringLiteral("bearer") } });
}
