#include "KashflowEmulatorSignedUris.h"

#include <QMessageAuthenticationCode>
#include <QUuid>

namespace {

QString encoded(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

KashflowEmulatorSignedUris::KashflowEmulatorSignedUris()
    : m_secret(QUuid::createUuid().toRfc4122() + QUuid::createUuid().toRfc4122())
    , m_consumerKey(QStringLiteral("skewpon3lk0h3ft"))
    , m_token(QStringLiteral("4u58uefwbm4e6kr"))
{ }

QString KashflowEmulatorSignedUris::routePrefix(Kind kind)
{
    return kind == Kind::File ? QStringLiteral("/1/files") : QStringLiteral("/1/thumbnails");
}

QString KashflowEmulatorSignedUris::sign(const QUrl& baseUrl, Kind kind, const QString& folder, const QString& key,
                                         const QString& name, const QDateTime& now) const
{
    const QString nonce = QUuid::createUuid().toString(QUuid::Id128).toUpper();
    const QString timestamp = QString::number(now.toSecsSinceEpoch());
    return baseUrl.toString(QUrl::FullyEncoded) + routePrefix(kind) + QStringLiteral("/sandbox/") + encoded(folder)
        + QLatin1Char('/') + encoded(key) + QLatin1Char('/') + encoded(name) + QStringLiteral("?oauth_consumer_key=")
        + m_consumerKey + QStringLiteral("&oauth_nonce=") + nonce
        + QStringLiteral("&oauth_signature_method=HMAC-SHA1&oauth_timestamp=") + timestamp
        + QStringLiteral("&oauth_token=") + m_token + QStringLiteral("&oauth_signature=")
        + encoded(QString::fromLatin1(signature(kind, folder, key, name, nonce, timestamp)));
}

KashflowEmulatorSignedUris::Check KashflowEmulatorSignedUris::check(Kind kind, const QString& folder,
                                                                    const QString& key, const QString& name,
                                                                    const QHash<QString, QString>& query,
                                                                    const QDateTime& now) const
{
    const QString nonce = query.value(QStringLiteral("oauth_nonce"));
    const QString timestamp = query.value(QStringLiteral("oauth_timestamp"));
    bool numeric = false;
    const qint64 issued = timestamp.toLongLong(&numeric);
    if (!numeric || nonce.isEmpty() || query.value(QStringLiteral("oauth_token")) != m_token
        || query.value(QStringLiteral("oauth_consumer_key")) != m_consumerKey
        || query.value(QStringLiteral("oauth_signature")).toLatin1()
            != signature(kind, folder, key, name, nonce, timestamp))
        return Check::Invalid;
    return now.toSecsSinceEpoch() - issued > m_lifetime ? Check::Expired : Check::Valid;
}

QByteArray KashflowEmulatorSignedUris::signature(Kind kind, const QString& folder, const QString& key,
                                                 const QString& name, const QString& nonce,
                                                 const QString& timestamp) const
{
    const QString base = routePrefix(kind) + QLatin1Char('\n') + folder + QLatin1Char('\n') + key + QLatin1Char('\n')
        + name + QLatin1Char('\n') + nonce + QLatin1Char('\n') + timestamp;
    return QMessageAuthenticationCode::hash(base.toUtf8(), m_secret, QCryptographicHash::Sha1).toBase64();
}
