#include "DropboxEndpoints.h"

#include "OAuthSupport.h"
#include "Settings.h"

#include <QCoreApplication>

DropboxEndpoints DropboxEndpoints::fromEnvironment(const Settings& settings)
{
    const QString fromEnvironment = qEnvironmentVariable("ATTACHE_DROPBOX_BASE_URL");
    const QString base = fromEnvironment.isEmpty() ? settings.dropboxBaseUrl() : fromEnvironment;
    return base.isEmpty() ? DropboxEndpoints() : withBaseUrl(QUrl(base));
}

DropboxEndpoints DropboxEndpoints::withBaseUrl(const QUrl& base)
{
    return DropboxEndpoints { base, base, base, base };
}

QString DropboxEndpoints::problem() const
{
    for (const QUrl& url : { api, content, notify, www }) {
        if (!url.isValid() || url.host().isEmpty())
            return QCoreApplication::translate("DropboxEndpoints", "“%1” is not a valid Dropbox address.")
                .arg(url.toString());
        if (url.scheme() != QLatin1String("https")
            && !(url.scheme() == QLatin1String("http") && OAuthSupport::isLoopback(url)))
            return QCoreApplication::translate("DropboxEndpoints",
                                               "“%1” is not secure: Dropbox must be reached over https.")
                .arg(url.toString());
    }
    return {};
}

QStringList DropboxEndpoints::signInHosts() const
{
    QStringList hosts { www.host() };
    // Dropbox's log-in pages move between the two.
    if (www.host() == QLatin1String("www.dropbox.com"))
        hosts << QStringLiteral("dropbox.com");
    return hosts;
}

QUrl DropboxEndpoints::join(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString basePath = base.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}
