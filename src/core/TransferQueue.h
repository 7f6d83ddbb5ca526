#pragma once

#include "Store.h"
#include "Transfer.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

// The one queue every upload, download, delete and move goes through, from the window and from
// attache-cli alike. It runs a few transfers at a time against the current store and keeps finished
// ones until they are cleared, so that failures can be retried.
class TransferQueue : public QObject
{
    Q_OBJECT

public:
    explicit TransferQueue(Store* store, QObject* parent = nullptr);
    ~TransferQueue() override;

    Store* store() const { return m_store; }

    int enqueueUpload(const QString& localPath, const EntityRef& target, const QString& name = {});
    int enqueueDownload(const AttachmentRef& attachment, const QString& localPath);
    int enqueueDelete(const AttachmentRef& attachment);
    int enqueueMove(const AttachmentRef& attachment, const EntityRef& target);

    QList<int> ids() const { return m_order; }
    Transfer transfer(int id) const { return m_transfers.value(id); }
    int count() const { return static_cast<int>(m_order.size()); }
    // Transfers queued or running.
    int pendingCount() const;

    int maxConcurrent() const { return m_maxConcurrent; }
    void setMaxConcurrent(int count);
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);

    void cancel(int id);
    void cancelAll();
    // Queues a failed or cancelled transfer again.
    void retry(int id);
    // Forgets finished transfers.
    void clearFinished();

signals:
    void transferAdded(int id);
    void transferChanged(int id);
    // Done, failed or cancelled.
    void transferFinished(int id);
    void transferRemoved(int id);
    void pausedChanged(bool paused);
    // Nothing is queued or running any more.
    void drained();

private:
    int add(Transfer transfer);
    void schedule();
    void startTransfer(Transfer& transfer);
    void finishTransfer(int id, StoreReply* reply);
    int runningCount() const { return static_cast<int>(m_replies.size()); }

    QPointer<Store> m_store;
    QHash<int, Transfer> m_transfers;
    QList<int> m_order;
    QHash<int, StoreReply*> m_replies;
    int m_nextId = 1;
    int m_maxConcurrent = 3;
    bool m_paused = false;
    bool m_scheduling = false;
};
