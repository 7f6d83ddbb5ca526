#include "RequestThrottle.h"

#include <algorithm>

using namespace std::chrono_literals;

RequestThrottle::RequestThrottle(int maxRequests, int windowMs, QObject* parent)
    : QObject(parent)
    , m_maxRequests(std::max(1, maxRequests))
    , m_window(std::chrono::milliseconds(std::max(0, windowMs)))
    , m_windowMs(std::max(0, windowMs))
    // A child, so that it moves with the throttle to a store's network thread.
    , m_timer(this)
{
    m_monotonic.start();
    m_timer.setSingleShot(true);
    // A coarse timer may fire a little early, which would only cost another turn.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RequestThrottle::serve);
}

std::chrono::nanoseconds RequestThrottle::now() const
{
    return m_clock ? m_clock() : std::chrono::nanoseconds(m_monotonic.nsecsElapsed());
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
        if (m_places.size() < m_maxRequests) {
            m_places.append({ context, {}, true });
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
    place->held = false;
    place->holder.clear();
    place->releasedAt = now();
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
        if (place.held && place.holder.isNull()) {
            // Its request, if it was sent, was dropped with it (an HttpCall aborts its reply).
            place.held = false;
            place.releasedAt = time;
        }
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
        if (m_places.size() >= m_maxRequests)
            break;
        Waiter waiter = m_waiting.takeFirst();
        m_places.append({ waiter.context, {}, true });
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
