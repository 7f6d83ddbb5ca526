#pragma once

#include "Store.h"

#include <QThread>

#include <functional>

class QNetworkAccessManager;
class RemoteOperation;

// The base of stores that talk to a server. Requests, retries, file reads for uploads, hashing and the
// writing of downloads all run on the store's own network thread, so a 1 GiB transfer never touches the
// thread of the window.
class RemoteStore : public Store
{
    Q_OBJECT

public:
    explicit RemoteStore(QObject* parent = nullptr);
    ~RemoteStore() override;

protected:
    // Runs work on the network thread with an operation bound to a new reply, which is returned at once.
    StoreReply* startOperation(std::function<void(RemoteOperation*)> work);
    // The same, unless a name it was given is unacceptable (`problem`), which fails it with InvalidName.
    StoreReply* startNamed(const QString& problem, std::function<void(RemoteOperation*)> work);
    // Why the entity's id or the document's name cannot be one path component; empty when both can.
    static QString problemWith(const EntityRef& entity, const QString& name = QStringLiteral("x"));
    // Lives on the network thread.
    QNetworkAccessManager* network() const { return m_network; }
    // Derived stores call it first in their destructors, so no work runs while their members go.
    void stopNetworkThread();
    // An object on the network thread, as the context of work posted there.
    QObject* networkContext() const { return m_context; }

private:
    QThread m_thread;
    QObject* m_context = nullptr;
    QNetworkAccessManager* m_network = nullptr;
};
