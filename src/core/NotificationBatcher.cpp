#include "NotificationBatcher.h"

#include <QSet>
#include <QStringList>

NotificationBatcher::NotificationBatcher(QObject* parent)
    : QObject(parent)
{
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(3000);
    connect(&m_quiet, &QTimer::timeout, this, &NotificationBatcher::flush);
}

void NotificationBatcher::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled) {
        m_burst.clear();
        m_quiet.stop();
    }
}

void NotificationBatcher::add(const Transfer& transfer)
{
    // Cancelling is the user's own doing; it needs no news.
    if (!m_enabled || transfer.state == Transfer::State::Cancelled || !transfer.isFinished())
        return;
    m_burst.append(transfer);
    m_quiet.start();
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
        where = EntityTypes::entityTitle(focus.type, focus.id);
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
