#pragma once

#include <QString>
#include <QUrl>

class Settings;

// Where Dropbox answers: the api, content, notify and www hosts, or one base URL standing for all four
// (the emulator). Anything not on loopback must be https.
struct DropboxEndpoints
{
    QUrl api { QStringLiteral("https://api.dropboxapi.com") };
    QUrl content { QStringLiteral("https://content.dropboxapi.com") };
    QUrl notify { QStringLiteral("https://notify.dropboxapi.com") };
    QUrl www { QStringLiteral("https://www.dropbox.com") };

    // ATTACHE_DROPBOX_BASE_URL, else the hidden setting, else Dropbox itself.
    static DropboxEndpoints fromEnvironment(const Settings& settings);
    static DropboxEndpoints withBaseUrl(const QUrl& base);
    // Empty when every endpoint may be used, else why not.
    QString problem() const;

    QUrl apiRoute(const QString& route) const { return join(api, QStringLiteral("/2/") + route); }
    QUrl contentRoute(const QString& route) const { return join(content, QStringLiteral("/2/") + route); }
    QUrl notifyRoute(const QString& route) const { return join(notify, QStringLiteral("/2/") + route); }
    QUrl tokenUrl() const { return join(api, QStringLiteral("/oauth2/token")); }
    QUrl authorizeUrl() const { return join(www, QStringLiteral("/oauth2/authorize")); }
    // The hosts the sign-in browser may visit.
    QStringList signInHosts() const;

private:
    static QUrl join(const QUrl& base, const QString& path);
};
