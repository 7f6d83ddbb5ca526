#include "RequestThrottle.h"

#include <QDebug>

#include <algorithm>
#include <atomic>

using namespace std::chrono_literals;

RequestThrottle::RequestThrottle(int maxRequests, int windowMs, QObject* parent)
    : QObject(parent)
    , m_maxRequests(std::max(1, maxRequests))
    , m_window(std::chrono::milliseconds(std::max(0, windowMs)))
    , m_windowMs(std::max(0, windowMs))
    // A child, so that it moves with the throttle to a store's network thread.
    , m_timer(this)
    , m_flushTimer(this)
{
    m_flushTimer.setInterval(100ms);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        if (!m_ledger || m_ledger->flush())
            m_flushTimer.stop();
    });
    m_timer.setSingleShot(true);
    // A coarse timer may fire a little early, which would only cost another turn.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RequestThrottle::serve);
}

RequestThrottle::~RequestThrottle()
{
    // Places still held here would otherwise count in the ledger until they were taken as stale.
    const std::chrono::nanoseconds time = now();
    for (Place& place : m_places) {
        if (place.held)
            releasePlace(place, time);
    }
}

void RequestThrottle::setSharedLedger(const QString& path)
{
    m_ledger = path.isEmpty() ? nullptr : std::make_unique<SharedRequestLedger>(path);
}

std::chrono::nanoseconds RequestThrottle::now() const
{
    // The steady clock is the system's monotonic one, the same in every process.
    return m_clock ? m_clock() : std::chrono::steady_clock::now().time_since_epoch();
}

bool RequestThrottle::takePlace(QObject* context)
{
    if (m_places.size() >= m_maxRequests)
        return false;
    // Unique among every throttle of this process, which all write the ledger under one process id.
    static std::atomic<quint64> lastId { 0 };
    const quint64 id = ++lastId;
    if (m_ledger) {
        std::chrono::nanoseconds lookAgainAt { 0 };
        switch (m_ledger->take(id, m_maxRequests, now(), m_window, &lookAgainAt)) {
        case SharedRequestLedger::Outcome::Taken:
            break;
        case SharedRequestLedger::Outcome::Full:
            m_sharedRetryAt = lookAgainAt;
            return false;
        case SharedRequestLedger::Outcome::Failed:
            // Once per throttle: requests go on by this program's count meanwhile.
            if (!m_ledgerFailed)
                qWarning("The shared request ledger %s cannot be used; keeping to this program's own count.",
                         qUtf8Printable(m_ledger->path()));
            m_ledgerFailed = true;
            break;
        }
    }
    m_sharedRetryAt.reset();
    m_places.append({ context, {}, true, id });
    return true;
}

void RequestThrottle::releasePlace(Place& place, std::chrono::nanoseconds time)
{
    place.held = false;
    place.holder.clear();
    place.releasedAt = time;
    if (m_ledger) {
        m_ledger->release(place.id, time);
        if (m_ledger->hasUnwritten())
            m_flushTimer.start();
    }
}

int RequestThrottle::occupied() const
{
    const std::chrono::nanoseconds time = now();
    return static_cast<int>(std::count_if(m_places.cbegin(), m_places.cend(), [&](const Place& place) {
        return place.held || place.releasedAt + m_window > time;
    }));
}

void RequestThrottle::acquire(QObject* context, std::function<void()> go)
{
    if (!context)
        return;
    watch(context);
    // Waiters go first, even when a place has just come free: they are served from the timer, in order.
    if (m_waiting.isEmpty()) {
        forgetExpired(now());
        if (takePlace(context)) {
            go();
            return;
        }
    }
    m_waiting.append({ context, std::move(go) });
    schedule();
}

void RequestThrottle::release(QObject* context)
{
    const auto place = std::find_if(m_places.begin(), m_places.end(),
                                    [&](const Place& place) { return place.held && place.holder == context; });
    if (place == m_places.end())
        return;
    releasePlace(*place, now());
    // The place is not free yet, but now has an end to wait for.
    schedule();
}

void RequestThrottle::watch(QObject* context)
{
    // Unique, so that a call that acquires once per attempt is not told about many times.
    connect(context, &QObject::destroyed, this, &RequestThrottle::onContextDestroyed, Qt::UniqueConnection);
}

void RequestThrottle::onContextDestroyed()
{
    // Guards are already null by the time destroyed() is emitted: whatever has lost its context is its.
    m_waiting.removeIf([](const Waiter& waiter) { return waiter.context.isNull(); });
    const std::chrono::nanoseconds time = now();
    for (Place& place : m_places) {
        // Its request, if it was sent, was dropped with it (an HttpCall aborts its reply).
        if (place.held && place.holder.isNull())
            releasePlace(place, time);
    }
    // Not served from here: a callback run in the middle of another object's destruction could find it half gone.
    schedule();
}

void RequestThrottle::forgetExpired(std::chrono::nanoseconds time)
{
    m_places.removeIf([&](const Place& place) { return !place.held && place.releasedAt + m_window <= time; });
}

void RequestThrottle::serve()
{
    // go may release, acquire again, or destroy contexts or this throttle: each turn looks at the state afresh.
    const QPointer<RequestThrottle> self(this);
    while (!m_waiting.isEmpty()) {
        if (m_waiting.first().context.isNull()) {
            m_waiting.removeFirst();
            continue;
        }
        forgetExpired(now());
        if (!takePlace(m_waiting.first().context))
            break;
        Waiter waiter = m_waiting.takeFirst();
        waiter.go();
        if (!self)
            return;
    }
    schedule();
}

void RequestThrottle::schedule()
{
    if (m_waiting.isEmpty()) {
        m_timer.stop();
        return;
    }
    const std::chrono::nanoseconds time = now();
    forgetExpired(time);
    if (m_places.size() < m_maxRequests) {
        // Room here but not yet in the shared ledger: when it said to look again.
        if (m_sharedRetryAt && *m_sharedRetryAt > time) {
            m_timer.start(std::chrono::ceil<std::chrono::milliseconds>(*m_sharedRetryAt - time));
            return;
        }
        // Room already, for a waiter queued behind one whose context has just gone: its turn, from the event loop.
        m_timer.start(0ms);
        return;
    }
    // The first released place to leave the window; none while every place is held, when release() calls again.
    std::chrono::nanoseconds first = std::chrono::nanoseconds::max();
    for (const Place& place : std::as_const(m_places)) {
        if (!place.held)
            first = std::min(first, place.releasedAt + m_window);
    }
    if (first == std::chrono::nanoseconds::max()) {
        m_timer.stop();
        return;
    }
    // Rounded up: a turn before the place is free would find no room and only wait again.
    m_timer.start(std::chrono::ceil<std::chrono::milliseconds>(first - time));
}
