#include "SharedRequestLedger.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>
#include <QtGlobal>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <signal.h>
#endif

using namespace std::chrono_literals;

namespace {
// How long another process may hold the lock, a few file operations, before this one gives up on the ledger.
constexpr int LockTimeoutMs = 2000;
// A place held this long is a request that is no longer running (Fortnox takes 5 MB at most).
constexpr std::chrono::nanoseconds MaxHoldTime = 15min;
// While every place is held by requests of other processes, whose releases this one cannot hear of.
constexpr std::chrono::nanoseconds PollInterval = 100ms;
} // namespace

SharedRequestLedger::SharedRequestLedger(const QString& path)
    : m_path(path)
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

template<typename Change> bool SharedRequestLedger::edit(Change change)
{
    if (!m_usable)
        return false;
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        m_usable = false;
        return false;
    }
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(LockTimeoutMs)) {
        m_usable = false;
        return false;
    }
    QList<Entry> entries;
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        // "pid id takenAt releasedAt" per line; a line that does not read is left out.
        while (!file.atEnd()) {
            const QList<QByteArray> fields = file.readLine().trimmed().split(' ');
            if (fields.size() != 4)
                continue;
            bool ok[4] = {};
            const Entry entry { fields[0].toLongLong(&ok[0]), fields[1].toULongLong(&ok[1]),
                                std::chrono::nanoseconds(fields[2].toLongLong(&ok[2])),
                                std::chrono::nanoseconds(fields[3].toLongLong(&ok[3])) };
            if (ok[0] && ok[1] && ok[2] && ok[3])
                entries.append(entry);
        }
        file.close();
    }
    change(entries);
    QByteArray text;
    for (const Entry& entry : std::as_const(entries))
        text += QByteArray::number(entry.pid) + ' ' + QByteArray::number(entry.id) + ' '
            + QByteArray::number(qint64(entry.takenAt.count())) + ' '
            + QByteArray::number(qint64(entry.releasedAt.count())) + '\n';
    // Whole or not at all: a reader never sees half a ledger.
    QSaveFile save(m_path);
    if (!save.open(QIODevice::WriteOnly) || save.write(text) != text.size() || !save.commit()) {
        m_usable = false;
        return false;
    }
    return true;
}

bool SharedRequestLedger::take(quint64 id, int maxPlaces, std::chrono::nanoseconds now, std::chrono::nanoseconds window,
                               std::chrono::nanoseconds* lookAgainAt)
{
    const qint64 pid = QCoreApplication::applicationPid();
    bool taken = false;
    const bool edited = edit([&](QList<Entry>& entries) {
        entries.removeIf([&](const Entry& entry) {
            if (entry.releasedAt != 0ns)
                return entry.releasedAt + window <= now;
            return now - entry.takenAt > MaxHoldTime || (entry.pid != pid && !isAlive(entry.pid));
        });
        if (entries.size() < maxPlaces) {
            entries.append({ pid, id, now, 0ns });
            taken = true;
            return;
        }
        std::chrono::nanoseconds first = now + PollInterval;
        for (const Entry& entry : std::as_const(entries)) {
            if (entry.releasedAt != 0ns)
                first = std::min(first, entry.releasedAt + window);
        }
        *lookAgainAt = first;
    });
    return edited && taken;
}

void SharedRequestLedger::release(quint64 id, std::chrono::nanoseconds now)
{
    const qint64 pid = QCoreApplication::applicationPid();
    edit([&](QList<Entry>& entries) {
        for (Entry& entry : entries) {
            if (entry.pid == pid && entry.id == id && entry.releasedAt == 0ns) {
                // Zero means held: a clock at zero (a test's) still releases.
                entry.releasedAt = std::max(now, 1ns);
                return;
            }
        }
    });
}
