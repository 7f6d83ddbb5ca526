#include "FortnoxEmulatorRateLimit.h"

FortnoxEmulatorRateLimit::FortnoxEmulatorRateLimit()
{
    m_monotonic.start();
}

bool FortnoxEmulatorRateLimit::admit(const QString& key)
{
    if (!m_enabled)
        return true;
    const qint64 time = now();
    QList<qint64>& times = m_requests[key];
    while (!times.isEmpty() && times.first() <= time - m_windowMs)
        times.removeFirst();
    if (times.size() >= m_limit)
        return false;
    times.append(time);
    return true;
}

qint64 FortnoxEmulatorRateLimit::now() const
{
    return m_clock ? m_clock() : m_monotonic.elapsed();
}
