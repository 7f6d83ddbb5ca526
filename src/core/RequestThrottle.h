#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

// Keeps an API's requests under its limit of maxRequests in any sliding window of windowMs (Fortnox: 25 in 5 s), on
// the client side, so that the server has no reason to answer 429. Shared by every call to one account; lives on
// the thread of those calls. Never blocks: a caller that must wait is queued and called back from a timer.
//
// A request holds its place from the moment it may go until its caller releases it, and for windowMs after: the
// server counts a request when it arrives, which the client cannot see, but never after it has answered. Counting
// from the send instead would let a request that waited in the network stack's queue (six connections per host)
// arrive less than windowMs before one sent later, and be refused.
class RequestThrottle : public QObject
{
    Q_OBJECT

public:
    // Time from any fixed point, never going back.
    using Clock = std::function<std::chrono::nanoseconds()>;

    RequestThrottle(int maxRequests, int windowMs, QObject* parent = nullptr);

    int maxRequests() const { return m_maxRequests; }
    int windowMs() const { return m_windowMs; }
    // For tests; an empty clock goes back to the monotonic one.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // Calls go, at once when a request fits and nobody waits, otherwise in turn (first come, first served) as soon
    // as one does. A caller whose context is destroyed first is dropped. go holds a place for context until
    // release(context), or until the context is destroyed.
    void acquire(QObject* context, std::function<void()> go);
    // The request that context's oldest held place stands for has been answered, or has failed or been dropped:
    // it counts for windowMs from now. Nothing when context holds no place.
    void release(QObject* context);

    // Callers waiting for their turn.
    int waiting() const { return static_cast<int>(m_waiting.size()); }
    // Places held, or released but still within the window.
    int occupied() const;

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void()> go;
    };

    struct Place
    {
        // Null once released, or once its context is destroyed.
        QPointer<QObject> holder;
        // Zero while held: it counts as sending now.
        std::chrono::nanoseconds releasedAt { 0 };
        bool held = true;
    };

    std::chrono::nanoseconds now() const;
    void watch(QObject* context);
    void onContextDestroyed();
    void forgetExpired(std::chrono::nanoseconds now);
    void serve();
    void schedule();

    int m_maxRequests;
    std::chrono::nanoseconds m_window;
    int m_windowMs;
    Clock m_clock;
    QElapsedTimer m_monotonic;
    QList<Waiter> m_waiting;
    QList<Place> m_places;
    QTimer m_timer;
};
