#pragma once

#include "NotificationKind.h"
#include "Transfer.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

// Gathers finished transfers, and the changes found on the store, into bursts and sums each burst up in one
// notification with counts, never one per file. A burst of transfers ends when the queue drains or after a
// quiet spell; a burst of changes after a quiet spell.
class NotificationBatcher : public QObject
{
    Q_OBJECT

public:
    explicit NotificationBatcher(QObject* parent = nullptr);

    bool isEnabled(NotificationKind kind) const { return !m_disabled.contains(kind); }
    // A kind switched off is no longer gathered; what was gathered of it is dropped.
    void setEnabled(NotificationKind kind, bool enabled);
    // How long a burst waits for more before it is summed up.
    void setQuietInterval(int milliseconds);

    void add(const Transfer& transfer);
    // Documents that appeared on or vanished from an entity by someone else's doing.
    void addRemoteChanges(const EntityRef& entity, int added, int removed);
    // Ends the burst of transfers now.
    void flush();

signals:
    // entity is the record the burst was about, when it was about one; the tray opens it on a click.
    void notificationReady(const QString& title, const QString& message, const EntityRef& entity, bool isError);

private:
    struct Changes
    {
        int added = 0;
        int removed = 0;
    };

    void flushRemoteChanges();

    QList<Transfer> m_burst;
    QTimer m_quiet;
    QHash<EntityRef, Changes> m_changes;
    QTimer m_changesQuiet;
    QSet<NotificationKind> m_disabled;
};
