#include "NotificationBatcher.h"

#include <QSet>
#include <QStringList>

NotificationBatcher::NotificationBatcher(QObject* parent)
    : QObject(parent)
{
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(3000);
    connect(&m_quiet, &QTimer::timeout, this, &NotificationBatcher::flush);
    m_changesQuiet.setSingleShot(true);
    m_changesQuiet.setInterval(3000);
    connect(&m_changesQuiet, &QTimer::timeout, this, &NotificationBatcher::flushRemoteChanges);
}

void NotificationBatcher::setQuietInterval(int milliseconds)
{
    m_quiet.setInterval(milliseconds);
    m_changesQuiet.setInterval(milliseconds);
}

void NotificationBatcher::setEnabled(NotificationKind kind, bool enabled)
{
    if (enabled) {
        m_disabled.remove(kind);
        return;
    }
    m_disabled.insert(kind);
    switch (kind) {
    case NotificationKind::TransfersFinished:
        m_burst.removeIf([](const Transfer& transfer) { return transfer.state == Transfer::State::Done; });
        break;
    case NotificationKind::TransfersFailed:
        m_burst.removeIf([](const Transfer& transfer) { return transfer.state == Transfer::State::Failed; });
        break;
    case NotificationKind::RemoteChanges:
        m_changes.clear();
        m_changesQuiet.stop();
        break;
    }
}

void NotificationBatcher::add(const Transfer& transfer)
{
    // Cancelling is the user's own doing; it needs no news.
    if (transfer.state != Transfer::State::Done && transfer.state != Transfer::State::Failed)
        return;
    if (!isEnabled(transfer.state == Transfer::State::Done ? NotificationKind::TransfersFinished
                                                           : NotificationKind::TransfersFailed))
        return;
    m_burst.append(transfer);
    m_quiet.start();
}

void NotificationBatcher::addRemoteChanges(const EntityRef& entity, int added, int removed)
{
    if (!isEnabled(NotificationKind::RemoteChanges) || (added <= 0 && removed <= 0))
        return;
    Changes& changes = m_changes[entity];
    changes.added += qMax(0, added);
    changes.removed += qMax(0, removed);
    m_changesQuiet.start();
}

void NotificationBatcher::flushRemoteChanges()
{
    m_changesQuiet.stop();
    if (m_changes.isEmpty())
        return;
    const QHash<EntityRef, Changes> changes = std::exchange(m_changes, {});
    int added = 0;
    int removed = 0;
    EntityRef focus;
    int focusCount = -1;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        added += it->added;
        removed += it->removed;
        // A click opens the record that changed most.
        if (it->added + it->removed > focusCount) {
            focusCount = it->added + it->removed;
            focus = it.key();
        }
    }
    QString message;
    if (changes.size() == 1) {
        const QString where = EntityTypes::entityTitle(focus.type, focus.id, EntityTypes::Wording::InSentence);
        if (added > 0 && removed > 0)
            message = tr("%n new document(s) on %1", nullptr, added).arg(where) + QStringLiteral(", ")
                + tr("%n removed", nullptr, removed);
        else if (added > 0)
            message = tr("%n new document(s) on %1", nullptr, added).arg(where);
        else
            message = tr("%n document(s) removed from %1", nullptr, removed).arg(where);
    } else {
        QStringList parts;
        if (added > 0)
            parts.append(tr("%n new document(s)", nullptr, added));
        if (removed > 0)
            parts.append(tr("%n removed", nullptr, removed));
        message
            = tr("%1 on %n record(s)", nullptr, static_cast<int>(changes.size())).arg(parts.join(QStringLiteral(", ")));
    }
    emit notificationReady(tr("Documents changed"), message, focus, false);
}

void NotificationBatcher::flush()
{
    m_quiet.stop();
    if (m_burst.isEmpty())
        return;
    const QList<Transfer> burst = std::exchange(m_burst, {});

    int uploaded = 0, downloaded = 0, deleted = 0, moved = 0;
    QStringList failures;
    QSet<EntityRef> entities;
    for (const Transfer& transfer : burst) {
        if (transfer.state == Transfer::State::Failed) {
            failures.append(transfer.displayName());
            continue;
        }
        switch (transfer.kind) {
        case Transfer::Kind::Upload:
            ++uploaded;
            break;
        case Transfer::Kind::Download:
            ++downloaded;
            break;
        case Transfer::Kind::Delete:
            ++deleted;
            break;
        case Transfer::Kind::Move:
            ++moved;
            break;
        }
        const QList<EntityRef> affected = transfer.affectedEntities();
        if (!affected.isEmpty())
            entities.insert(affected.constLast());
    }

    EntityRef focus;
    QString where;
    if (entities.size() == 1) {
        focus = *entities.cbegin();
        where = EntityTypes::entityTitle(focus.type, focus.id, EntityTypes::Wording::InSentence);
    }

    QStringList parts;
    if (uploaded > 0)
        parts.append(where.isEmpty() ? tr("%n document(s) uploaded", nullptr, uploaded)
                                     : tr("%n document(s) uploaded to %1", nullptr, uploaded).arg(where));
    if (moved > 0)
        parts.append(where.isEmpty() ? tr("%n document(s) moved", nullptr, moved)
                                     : tr("%n document(s) moved to %1", nullptr, moved).arg(where));
    if (deleted > 0)
        parts.append(tr("%n document(s) deleted", nullptr, deleted));
    if (downloaded > 0)
        parts.append(tr("%n document(s) saved", nullptr, downloaded));
    if (!failures.isEmpty()) {
        const int shown = 3;
        QString names = QStringList(failures.mid(0, shown)).join(QStringLiteral(", "));
        if (failures.size() > shown)
            names += QStringLiteral(", …");
        parts.append(tr("%n failed (%1)", nullptr, static_cast<int>(failures.size())).arg(names));
    }

    const bool isError = !failures.isEmpty();
    const QString title = isError ? tr("Some transfers failed") : tr("Transfers finished");
    emit notificationReady(title, parts.join(QStringLiteral("; ")), focus, isError);
}
