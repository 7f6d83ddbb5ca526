#include "RemoteOperation.h"

RemoteOperation::RemoteOperation(StoreReply* reply)
    : m_reply(reply)
    , m_cancelFlag(reply->cancelFlag())
{
    // Queued across threads: the abort lands on the network thread, where the requests live.
    connect(reply, &StoreReply::abortRequested, this, [this] {
        if (!m_finished) {
            emit cancelled();
            fail(StoreReply::Error::Cancelled, tr("Cancelled."));
        }
    });
}

void RemoteOperation::reportProgress(qint64 done, qint64 total)
{
    if (m_finished || !m_reply)
        return;
    QMetaObject::invokeMethod(
        m_reply, [reply = m_reply, done, total] { reply->reportProgress(done, total); }, Qt::AutoConnection);
}

void RemoteOperation::reportCheckpoint(const QByteArray& state)
{
    if (m_finished || !m_reply)
        return;
    QMetaObject::invokeMethod(
        m_reply, [reply = m_reply, state] { reply->reportCheckpoint(state); }, Qt::AutoConnection);
}

void RemoteOperation::succeed(Fill fill)
{
    finishOnReplyThread([fill](StoreReply* reply) {
        if (fill)
            fill(reply);
        reply->finishWithSuccess();
    });
}

void RemoteOperation::fail(StoreReply::Error error, const QString& message)
{
    finishOnReplyThread([error, message](StoreReply* reply) { reply->finishWithError(error, message); });
}

void RemoteOperation::finishOnReplyThread(std::function<void(StoreReply*)> finish)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_reply) {
        // With the reply as context, the call is dropped if the caller deleted the reply meanwhile.
        QMetaObject::invokeMethod(
            m_reply, [reply = m_reply, finish] { finish(reply); }, Qt::QueuedConnection);
    }
    deleteLater();
}
