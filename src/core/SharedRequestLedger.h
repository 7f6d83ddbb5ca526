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
    enum class Outcome { Taken, Full, Failed };

    explicit SharedRequestLedger(const QString& path);

    QString path() const { return m_path; }

    // Takes a place for `id` (unique in this process) when fewer than maxPlaces are held or released within
    // `window` before `now`; when Full (or while another process holds the lock), sets *lookAgainAt to when to ask
    // again. Failed when the ledger cannot be made or written: the caller keeps to its own count for that request.
    Outcome take(quint64 id, int maxPlaces, std::chrono::nanoseconds now, std::chrono::nanoseconds window,
                 std::chrono::nanoseconds* lookAgainAt);
    // The place's request was answered, failed or was dropped: it counts for the window from `now`. A release
    // that cannot be written now is written with the next edit that can.
    void release(quint64 id, std::chrono::nanoseconds now);
    // Releases that could not be written yet; flush() tries again, true once none are left.
    bool hasUnwritten() const { return !m_unwritten.isEmpty(); }
    bool flush();

private:
    struct Entry
    {
        qint64 pid = 0;
        quint64 owner = 0; // this process's token: a pid can be reused, a token is not
        quint64 id = 0;
        std::chrono::nanoseconds takenAt { 0 };
        std::chrono::nanoseconds releasedAt { 0 }; // zero while held
    };
    struct Release
    {
        quint64 id = 0;
        std::chrono::nanoseconds at { 0 };
    };

    enum class Edit { Done, Busy, Broken };
    // Runs `change` on the entries under the lock and writes them back if it, or a release owed, changed them.
    template<typename Change> Edit edit(Change change);
    static bool isAlive(qint64 pid);

    QString m_path;
    const quint64 m_owner;
    // Releases not written yet, because the ledger could not be edited when they came.
    QList<Release> m_unwritten;
};
