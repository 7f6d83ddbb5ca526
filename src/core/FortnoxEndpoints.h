#pragma once

#include <QString>
#include <QUrl>

class Settings;

// Where Fortnox answers: API v3 (api.fortnox.se/3) and its OAuth 2 server (apps.fortnox.se/oauth-v1). Any other API
// base (the emulator) serves both, so its OAuth base is the same scheme, host and port with the path /oauth-v1.
// Anything not on loopback must be https.
struct FortnoxEndpoints
{
    QUrl api { QStringLiteral("https://api.fortnox.se/3") };
    QUrl oauth { QStringLiteral("https://apps.fortnox.se/oauth-v1") };

    // ATTACHE_FORTNOX_BASE_URL, else the hidden setting fortnox/baseUrl, else Fortnox itself.
    static FortnoxEndpoints fromEnvironment(const Settings& settings);
    // A base without a path ("http://127.0.0.1:8080", as the emulator names itself) means its /3.
    static FortnoxEndpoints withBaseUrl(const QUrl& base);
    // Empty when every endpoint may be used, else why not.
    QString problem() const;

    // "inbox/inbox_s" → https://api.fortnox.se/3/inbox/inbox_s
    QUrl apiUrl(const QString& path) const;
    QUrl authorizeUrl() const { return join(oauth, QStringLiteral("/auth")); }
    QUrl tokenUrl() const { return join(oauth, QStringLiteral("/token")); }
    // The hosts the sign-in browser may visit.
    QStringList signInHosts() const;

private:
    static QUrl join(const QUrl& base, const QString& path);
};
