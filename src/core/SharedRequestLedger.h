#pragma once

#include <QList>
#include <QString>

#include <chrono>

// The places that every process talking to one API holds under its rate limit, kept in a small file under a lock
// file, so that the window and attache-cli (or two of either) keep to one limit between them: Fortnox counts the
// requests of an integration and company together, whichever program sends them. Times are on the system-wide
// monotonic clock (or whatever clock all of a test's throttles share). A place whose process has gone is dropped,
// as is one held for longer than any request could take.
class SharedRequestLedger
{
public:
    explicit SharedRequestLedger(const QString& path);

    QString path() const { return m_path; }

    // Takes a place for `id` (unique in this process) when fewer than maxPlaces are held or released within
    // `window` before `now`; otherwise sets *lookAgainAt to when one may be free. False too when the ledger cannot
    // be read or written, with *lookAgainAt left alone: see isUsable().
    bool take(quint64 id, int maxPlaces, std::chrono::nanoseconds now, std::chrono::nanoseconds window,
              std::chrono::nanoseconds* lookAgainAt);
    // The place's request was answered, failed or was dropped: it counts for the window from `now`.
    void release(quint64 id, std::chrono::nanoseconds now);
    // False once the file could not be locked, read or written; the caller then keeps to its own count.
    bool isUsable() const { return m_usable; }

private:
    struct Entry
    {
        qint64 pid = 0;
        quint64 id = 0;
        std::chrono::nanoseconds takenAt { 0 };
        std::chrono::nanoseconds releasedAt { 0 }; // zero while held
    };

    // Runs `change` on the entries under the lock and writes them back; false when that could not be done.
    template<typename Change> bool edit(Change change);
    static bool isAlive(qint64 pid);

    QString m_path;
    bool m_usable = true;
};
