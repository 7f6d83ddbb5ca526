#pragma once

#include "SharedRequestLedger.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

// Keeps an API's requests under its limit of maxRequests in any sliding window of windowMs (Fortnox: 25 in 5 s), on
// the client side, so that the server has no reason to answer 429. Shared by every call to one account; lives on
// the thread of those calls. Never blocks: a caller that must wait is queued and called back from a timer.
//
// A request holds its place from the moment it may go until its caller releases it, and for windowMs after: the
// server counts a request when it arrives, which the client cannot see, but never after it has answered. Counting
// from the send instead would let a request that waited in the network stack's queue (six connections per host)
// arrive less than windowMs before one sent later, and be refused.
//
// With a shared ledger, a place is also taken there, so that every process using the same ledger keeps to the one
// limit; while the ledger cannot be used, the throttle keeps to its own count.
class RequestThrottle : public QObject
{
    Q_OBJECT

public:
    // Time from any fixed point, never going back; the same point for every process that shares a ledger.
    using Clock = std::function<std::chrono::nanoseconds()>;

    RequestThrottle(int maxRequests, int windowMs, QObject* parent = nullptr);
    ~RequestThrottle() override;

    // Shares the limit with every throttle, in any process, that uses the ledger at this path.
    void setSharedLedger(const QString& path);

    int maxRequests() const { return m_maxRequests; }
    int windowMs() const { return m_windowMs; }
    // For tests; an empty clock goes back to the system's monotonic one.
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
        quint64 id = 0; // its entry in the shared ledger
    };

    std::chrono::nanoseconds now() const;
    // A place for context, when there is room here and in the shared ledger.
    bool takePlace(QObject* context);
    void releasePlace(Place& place, std::chrono::nanoseconds time);
    void watch(QObject* context);
    void onContextDestroyed();
    void forgetExpired(std::chrono::nanoseconds now);
    void serve();
    void schedule();

    int m_maxRequests;
    std::chrono::nanoseconds m_window;
    int m_windowMs;
    Clock m_clock;
    std::unique_ptr<SharedRequestLedger> m_ledger;
    // When the shared ledger last said a place may be free; none after a place was taken.
    std::optional<std::chrono::nanoseconds> m_sharedRetryAt;
    bool m_ledgerFailed = false;
    QList<Waiter> m_waiting;
    QList<Place> m_places;
    QTimer m_timer;
    // Tries again to write releases the shared ledger could not take when they came.
    QTimer m_flushTimer;
};
