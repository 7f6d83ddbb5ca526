#include "Store.h"

#include <QTimer>

bool Store::startWatching(const QByteArray&)
{
    return false;
}

QString Store::localFilePath(const AttachmentRef&) const
{
    return {};
}

StoreReply* Store::unsupported(const QString& what)
{
    auto* reply = new StoreReply;
    // Finish on the next turn of the event loop, so that callers can connect first.
    QTimer::singleShot(0, reply, [reply, what] {
        reply->finishWithError(StoreReply::Error::Unsupported, tr("%1 is not supported by this store.").arg(what));
    });
    return reply;
}
