#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>

// Fortnox's rate limit: at most 25 requests in any sliding 5-second window per client id and tenant (per token for
// the legacy headers), https://www.fortnox.se/developer/guides-and-good-to-know/rate-limits-for-fortnox-api.
// Time is the machine's monotonic clock, so that a client's own limiter meets the real thing; tests may shorten
// the window or drive the clock.
class FortnoxEmulatorRateLimit
{
public:
    // Milliseconds from any fixed point, never going back.
    using Clock = std::function<qint64()>;

    static constexpr int DefaultLimit = 25;
    static constexpr qint64 DefaultWindowMs = 5000;

    FortnoxEmulatorRateLimit();

    // An empty clock goes back to the monotonic one.
    void setClock(const Clock& clock) { m_clock = clock; }
    void setWindowMs(qint64 windowMs) { m_windowMs = windowMs; }
    void setLimit(int limit) { m_limit = limit; }
    void setEnabled(bool enabled) { m_enabled = enabled; }

    // True, and counted, when the request is within the limit; a refused request does not count, so the limit
    // lifts as soon as the oldest counted request leaves the window.
    bool admit(const QString& key);
    void reset() { m_requests.clear(); }

private:
    qint64 now() const;

    Clock m_clock;
    QElapsedTimer m_monotonic;
    qint64 m_windowMs = DefaultWindowMs;
    int m_limit = DefaultLimit;
    bool m_enabled = true;
    QHash<QString, QList<qint64>> m_requests; // the admitted ones' times, by key, oldest first
};
