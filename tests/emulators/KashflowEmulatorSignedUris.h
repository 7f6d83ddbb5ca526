#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QUrl>

// The signed FileUri and ThumbnailUri of KashFlow's file records. They are shaped like the spec's examples, Dropbox
// API v1 content URLs with OAuth 1 parameters (/1/files/sandbox/Invoices/4455/name.jpg?oauth_...), and served by
// the emulator itself. The signature, an HMAC over the path, nonce and timestamp, makes them unforgeable; the
// timestamp makes them expire after a lifetime that is documented nowhere: 4 hours by default, as Dropbox's
// temporary links.
class KashflowEmulatorSignedUris
{
public:
    enum class Kind { File, Thumbnail };
    enum class Check { Valid, Expired, Invalid };

    KashflowEmulatorSignedUris();

    void setLifetime(int seconds) { m_lifetime = seconds; }
    // "/1/files" or "/1/thumbnails".
    static QString routePrefix(Kind kind);

    // `folder` is the entity type's folder ("Invoices"), `key` the entity's key.
    QString sign(const QUrl& baseUrl, Kind kind, const QString& folder, const QString& key, const QString& name,
                 const QDateTime& now) const;
    // The verdict on a request for the file, given its decoded path segments and its query.
    Check check(Kind kind, const QString& folder, const QString& key, const QString& name,
                const QHash<QString, QString>& query, const QDateTime& now) const;

private:
    QByteArray signature(Kind kind, const QString& folder, const QString& key, const QString& name,
                         const QString& nonce, const QString& timestamp) const;

    QByteArray m_secret;
    QString m_consumerKey;
    QString m_token;
    int m_lifetime = 4 * 60 * 60;
};
