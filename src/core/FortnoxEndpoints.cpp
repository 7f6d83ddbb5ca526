#include "FortnoxEndpoints.h"

#include "OAuthSupport.h"
#include "Settings.h"

#include <QCoreApplication>

FortnoxEndpoints FortnoxEndpoints::fromEnvironment(const Settings& settings)
{
    const QString fromEnvironment = qEnvironmentVariable("ATTACHE_FORTNOX_BASE_URL");
    const QString base = fromEnvironment.isEmpty() ? settings.fortnoxBaseUrl() : fromEnvironment;
    return base.isEmpty() ? FortnoxEndpoints() : withBaseUrl(QUrl(base));
}

FortnoxEndpoints FortnoxEndpoints::withBaseUrl(const QUrl& base)
{
    FortnoxEndpoints endpoints;
    QUrl api = base.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (api.path().isEmpty())
        api.setPath(QStringLiteral("/3"));
    if (api == endpoints.api)
        return endpoints;
    endpoints.api = api;
    endpoints.oauth = api.adjusted(QUrl::RemovePath | QUrl::RemoveUserInfo);
    endpoints.oauth.setPath(QStringLiteral("/oauth-v1"));
    return endpoints;
}

QString FortnoxEndpoints::problem() const
{
    for (const QUrl& url : { api, oauth }) {
        if (!url.isValid() || url.host().isEmpty())
            return QCoreApplication::translate("FortnoxEndpoints", "“%1” is not a valid Fortnox address.")
                .arg(url.toString());
        if (url.scheme() != QLatin1String("https")
            && !(url.scheme() == QLatin1String("http") && OAuthSupport::isLoopback(url)))
            return QCoreApplication::translate("FortnoxEndpoints",
                                               "“%1” is not secure: Fortnox must be reached over https.")
                .arg(url.toString());
    }
    return {};
}

QUrl FortnoxEndpoints::apiUrl(const QString& path) const
{
    return join(api, path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path);
}

QStringList FortnoxEndpoints::signInHosts() const
{
    // Only the OAuth host is known for certain; which other Fortnox hosts its log-in pages use is unverified.
    return { oauth.host() };
}

QUrl FortnoxEndpoints::join(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString basePath = base.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}
