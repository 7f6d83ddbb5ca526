#include "SharedRequestLedger.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QtGlobal>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <signal.h>
#endif

using namespace std::chrono_literals;

namespace {
// How long to wait for another process's few file operations before asking again later. Short: the store's network
// thread waits meanwhile.
constexpr int LockTimeoutMs = 100;
constexpr std::chrono::nanoseconds BusyRetry = 50ms;
// A place held this long is a request that is no longer running (Fortnox takes 5 MB at most).
constexpr std::chrono::nanoseconds MaxHoldTime = 15min;
// While every place is held by requests of other processes, whose releases this one cannot hear of.
constexpr std::chrono::nanoseconds PollInterval = 100ms;
} // namespace

SharedRequestLedger::SharedRequestLedger(const QString& path)
    : m_path(path)
    , m_owner(QRandomGenerator::system()->generate64())
{ }

bool SharedRequestLedger::isAlive(qint64 pid)
{
#ifdef Q_OS_UNIX
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
#else
    Q_UNUSED(pid);
    return true;
#endif
}

template<typename Change> SharedRequestLedger::Edit SharedRequestLedger::edit(Change change)
{
    // No folder for the ledger: no place of this process can be in it, nor any release owed.
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        m_unwritten.clear();
        return Edit::Broken;
    }
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(LockTimeoutMs))
        return lock.error() == QLockFile::LockFailedError ? Edit::Busy : Edit::Broken;
    QList<Entry> entries;
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        // "pid owner id takenAt releasedAt" per line; a line that does not read is left out.
        while (!file.atEnd()) {
            const QList<QByteArray> fields = file.readLine().trimmed().split(' ');
            if (fields.size() != 5)
                continue;
            bool ok[5] = {};
            const Entry entry { fields[0].toLongLong(&ok[0]), fields[1].toULongLong(&ok[1]),
                                fields[2].toULongLong(&ok[2]), std::chrono::nanoseconds(fields[3].toLongLong(&ok[3])),
                                std::chrono::nanoseconds(fields[4].toLongLong(&ok[4])) };
            if (std::all_of(std::begin(ok), std::end(ok), [](bool read) { return read; }))
                entries.append(entry);
        }
        file.close();
    }
    bool changed = !m_unwritten.isEmpty();
    for (const Release& release : std::as_const(m_unwritten)) {
        for (Entry& entry : entries) {
            if (entry.owner == m_owner && entry.id == release.id && entry.releasedAt == 0ns)
                entry.releasedAt = std::max(release.at, 1ns);
        }
    }
    // Most edits are a look while full: nothing to write then.
    if (!change(entries) && !changed)
        return Edit::Done;
    QByteArray text;
    for (const Entry& entry : std::as_const(entries))
        text += QByteArray::number(entry.pid) + ' ' + QByteArray::number(entry.owner) + ' '
            + QByteArray::number(entry.id) + ' ' + QByteArray::number(qint64(entry.takenAt.count())) + ' '
            + QByteArray::number(qint64(entry.releasedAt.count())) + '\n';
    // Whole or not at all: a reader never sees half a ledger (unbuffered, so that a short write shows as one).
    QSaveFile save(m_path);
    if (!save.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || save.write(text) != text.size() || !save.commit())
        return Edit::Broken;
    m_unwritten.clear();
    return Edit::Done;
}

SharedRequestLedger::Outcome SharedRequestLedger::take(quint64 id, int maxPlaces, std::chrono::nanoseconds now,
                                                       std::chrono::nanoseconds window,
                                                       std::chrono::nanoseconds* lookAgainAt)
{
    const qint64 pid = QCoreApplication::applicationPid();
    bool taken = false;
    const Edit edited = edit([&](QList<Entry>& entries) {
        const qsizetype dropped = entries.removeIf([&](const Entry& entry) {
            if (entry.releasedAt != 0ns)
                return entry.releasedAt + window <= now;
            return now - entry.takenAt > MaxHoldTime || (entry.owner != m_owner && !isAlive(entry.pid));
        });
        if (entries.size() < maxPlaces) {
            entries.append({ pid, m_owner, id, now, 0ns });
            taken = true;
            return true;
        }
        std::chrono::nanoseconds first = now + PollInterval;
        for (const Entry& entry : std::as_const(entries)) {
            if (entry.releasedAt != 0ns)
                first = std::min(first, entry.releasedAt + window);
        }
        *lookAgainAt = first;
        return dropped > 0;
    });
    switch (edited) {
    case Edit::Done:
        return taken ? Outcome::Taken : Outcome::Full;
    case Edit::Busy:
        *lookAgainAt = now + BusyRetry;
        return Outcome::Full;
    case Edit::Broken:
        break;
    }
    return Outcome::Failed;
}

void SharedRequestLedger::release(quint64 id, std::chrono::nanoseconds now)
{
    // Zero means held: a clock at zero (a test's) still releases. What could not be written for longer than a place
    // is held counts no more anyway.
    m_unwritten.removeIf([&now](const Release& release) { return now - release.at > MaxHoldTime; });
    m_unwritten.append({ id, now });
    flush();
}

bool SharedRequestLedger::flush()
{
    return m_unwritten.isEmpty() || edit([](QList<Entry>&) { return false; }) == Edit::Done;
}
