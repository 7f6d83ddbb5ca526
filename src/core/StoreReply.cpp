#include "StoreReply.h"

#include <QTimer>

StoreReply::StoreReply(QObject* parent)
    : QObject(parent)
{ }

void StoreReply::abort()
{
    if (m_finished || m_cancelled->exchange(true))
        return;
    emit abortRequested();
}

void StoreReply::reportProgress(qint64 done, qint64 total)
{
    if (!m_finished)
        emit progress(done, total);
}

void StoreReply::reportCheckpoint(const QByteArray& state)
{
    if (!m_finished)
        emit checkpoint(state);
}

void StoreReply::finishWithSuccess()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

StoreReply* StoreReply::failing(Error error, const QString& message)
{
    auto* reply = new StoreReply;
    QTimer::singleShot(0, reply, [reply, error, message] { reply->finishWithError(error, message); });
    return reply;
}

void StoreReply::finishWithError(Error error, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_errorString = message;
    emit finished();
}
