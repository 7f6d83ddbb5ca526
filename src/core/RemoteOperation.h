#pragma once

#include "StoreReply.h"

#include <QObject>
#include <QPointer>

#include <functional>

// One store operation carried out on a remote store's network thread, reporting to the StoreReply its
// caller holds on another thread. Calls after the first finish are ignored; the operation deletes itself
// once finished. Children (HttpCalls) die with it.
class RemoteOperation : public QObject
{
    Q_OBJECT

public:
    using Fill = std::function<void(StoreReply* reply)>;

    explicit RemoteOperation(StoreReply* reply);

    bool isCancelled() const { return m_cancelFlag->load(); }
    bool isFinished() const { return m_finished; }
    void reportProgress(qint64 done, qint64 total);
    void reportCheckpoint(const QByteArray& state);
    // Fill runs on the reply's thread, just before finished().
    void succeed(Fill fill = {});
    void fail(StoreReply::Error error, const QString& message);

signals:
    // The caller aborted; pending requests should stop.
    void cancelled();

private:
    void finishOnReplyThread(std::function<void(StoreReply*)> finish);

    QPointer<StoreReply> m_reply;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    bool m_finished = false;
};
