#include "TransferQueue.h"

#include "Store.h"

#include <QFileInfo>
#include <QTimer>

TransferQueue::TransferQueue(Store* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{ }

TransferQueue::~TransferQueue()
{
    for (StoreReply* reply : std::as_const(m_replies)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

int TransferQueue::enqueueUpload(const QString& localPath, const EntityRef& target, const QString& name)
{
    Transfer transfer;
    transfer.kind = Transfer::Kind::Upload;
    transfer.localPath = localPath;
    transfer.target = target;
    transfer.source = AttachmentRef { target, name.isEmpty() ? QFileInfo(localPath).fileName() : name };
    transfer.bytesTotal = QFileInfo(localPath).size();
    return add(transfer);
}

int TransferQueue::enqueueDownload(const AttachmentRef& attachment, const QString& localPath)
{
    Transfer transfer;
    transfer.kind = Transfer::Kind::Download;
    transfer.source = attachment;
    transfer.localPath = localPath;
    return add(transfer);
}

int TransferQueue::enqueueDelete(const AttachmentRef& attachment)
{
    Transfer transfer;
    transfer.kind = Transfer::Kind::Delete;
    transfer.source = attachment;
    return add(transfer);
}

int TransferQueue::enqueueMove(const AttachmentRef& attachment, const EntityRef& target)
{
    Transfer transfer;
    transfer.kind = Transfer::Kind::Move;
    transfer.source = attachment;
    transfer.target = target;
    return add(transfer);
}

int TransferQueue::add(Transfer transfer)
{
    transfer.id = m_nextId++;
    m_transfers.insert(transfer.id, transfer);
    m_order.append(transfer.id);
    emit transferAdded(transfer.id);
    // Scheduling on the next turn lets a caller enqueue a batch and connect to the reply signals first.
    QTimer::singleShot(0, this, &TransferQueue::schedule);
    return transfer.id;
}

int TransferQueue::pendingCount() const
{
    int pending = 0;
    for (const Transfer& transfer : m_transfers)
        pending += transfer.isFinished() ? 0 : 1;
    return pending;
}

void TransferQueue::setMaxConcurrent(int count)
{
    m_maxConcurrent = qMax(1, count);
    schedule();
}

void TransferQueue::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    emit pausedChanged(paused);
    // Pausing lets running transfers finish; nothing half-done is thrown away.
    if (!paused)
        schedule();
}

void TransferQueue::schedule()
{
    if (m_scheduling || !m_store)
        return;
    m_scheduling = true;
    for (int id : std::as_const(m_order)) {
        if (m_paused || runningCount() >= m_maxConcurrent)
            break;
        Transfer& transfer = m_transfers[id];
        if (transfer.state == Transfer::State::Queued)
            startTransfer(transfer);
    }
    m_scheduling = false;
    if (pendingCount() == 0)
        emit drained();
}

void TransferQueue::startTransfer(Transfer& transfer)
{
    StoreReply* reply = nullptr;
    switch (transfer.kind) {
    case Transfer::Kind::Upload:
        reply = m_store->upload(transfer.localPath, transfer.target, transfer.source.name);
        break;
    case Transfer::Kind::Download:
        reply = m_store->download(transfer.source, transfer.localPath);
        break;
    case Transfer::Kind::Delete:
        reply = m_store->remove(transfer.source);
        break;
    case Transfer::Kind::Move:
        reply = m_store->move(transfer.source, transfer.target);
        break;
    }
    transfer.state = Transfer::State::Running;
    transfer.errorString.clear();
    transfer.bytesDone = 0;
    const int id = transfer.id;
    m_replies.insert(id, reply);
    connect(reply, &StoreReply::progress, this, [this, id](qint64 done, qint64 total) {
        auto it = m_transfers.find(id);
        if (it == m_transfers.end())
            return;
        it->bytesDone = done;
        it->bytesTotal = total;
        emit transferChanged(id);
    });
    connect(reply, &StoreReply::finished, this, [this, id, reply] { finishTransfer(id, reply); });
    emit transferChanged(id);
}

void TransferQueue::finishTransfer(int id, StoreReply* reply)
{
    m_replies.remove(id);
    reply->deleteLater();
    auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    switch (reply->error()) {
    case StoreReply::Error::None:
        it->state = Transfer::State::Done;
        it->result = reply->attachment();
        if (it->bytesTotal >= 0)
            it->bytesDone = it->bytesTotal;
        break;
    case StoreReply::Error::Cancelled:
        it->state = Transfer::State::Cancelled;
        break;
    default:
        it->state = Transfer::State::Failed;
        it->errorString = reply->errorString();
        break;
    }
    emit transferChanged(id);
    emit transferFinished(id);
    schedule();
}

void TransferQueue::cancel(int id)
{
    auto it = m_transfers.find(id);
    if (it == m_transfers.end() || it->isFinished())
        return;
    if (StoreReply* reply = m_replies.value(id)) {
        // The store finishes the reply as cancelled, or as done if it completed first: never half of it.
        reply->abort();
        return;
    }
    it->state = Transfer::State::Cancelled;
    emit transferChanged(id);
    emit transferFinished(id);
    schedule();
}

void TransferQueue::cancelAll()
{
    const QList<int> ids = m_order;
    for (int id : ids)
        cancel(id);
}

void TransferQueue::retry(int id)
{
    auto it = m_transfers.find(id);
    if (it == m_transfers.end() || (it->state != Transfer::State::Failed && it->state != Transfer::State::Cancelled))
        return;
    it->state = Transfer::State::Queued;
    it->errorString.clear();
    it->bytesDone = 0;
    emit transferChanged(id);
    schedule();
}

void TransferQueue::clearFinished()
{
    const QList<int> ids = m_order;
    for (int id : ids) {
        if (!m_transfers.value(id).isFinished())
            continue;
        m_transfers.remove(id);
        m_order.removeOne(id);
        emit transferRemoved(id);
    }
}
