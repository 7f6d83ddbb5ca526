#pragma once

#include "Transfer.h"

#include <QList>
#include <QObject>
#include <QTimer>

// Gathers finished transfers into bursts and sums each burst up in one notification with counts,
// never one per file. A burst ends when the queue drains or after a quiet spell.
class NotificationBatcher : public QObject
{
    Q_OBJECT

public:
    explicit NotificationBatcher(QObject* parent = nullptr);

    bool isEnabled() const { return m_enabled; }
    // A disabled batcher drops what it gathered and stays silent.
    void setEnabled(bool enabled);
    // How long a burst waits for more before it is summed up.
    void setQuietInterval(int milliseconds) { m_quiet.setInterval(milliseconds); }

    void add(const Transfer& transfer);
    // Ends the burst now.
    void flush();

signals:
    // entity is the record the burst was about, when it was about one; the tray opens it on a click.
    void notificationReady(const QString& title, const QString& message, const EntityRef& entity, bool isError);

private:
    QList<Transfer> m_burst;
    QTimer m_quiet;
    bool m_enabled = true;
};
