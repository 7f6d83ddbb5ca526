#include "RetryPolicy.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

int RetryPolicy::backoffDelayMs(int attempt, QRandomGenerator* random) const
{
    const int exponent = std::clamp(attempt - 1, 0, 20);
    const qint64 cap = std::min<qint64>(qint64(baseDelayMs) << exponent, maxDelayMs);
    return static_cast<int>(random->bounded(cap + 1));
}

int RetryPolicy::retryAfterMs(const QByteArray& headerValue)
{
    const QByteArray value = headerValue.trimmed();
    if (value.isEmpty())
        return -1;
    bool isNumber = false;
    const qint64 seconds = value.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? -1 : static_cast<int>(std::min<qint64>(seconds, 24 * 3600) * 1000);
    // RFC 9110 HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QDateTime when
        = QLocale::c().toDateTime(QString::fromLatin1(value).chopped(4), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!when.isValid() || !value.endsWith("GMT"))
        return -1;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return static_cast<int>(std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(utc), 0, 24 * 3600 * 1000));
}
