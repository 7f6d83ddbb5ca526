#include "RemoteStore.h"

#include "NameRules.h"
#include "RemoteOperation.h"

#include <QNetworkAccessManager>

RemoteStore::RemoteStore(QObject* parent)
    : Store(parent)
{
    m_thread.setObjectName(QStringLiteral("Network"));
    m_context = new QObject;
    m_network = new QNetworkAccessManager(m_context);
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

RemoteStore::~RemoteStore()
{
    stopNetworkThread();
}

void RemoteStore::stopNetworkThread()
{
    // Everything there is asynchronous, so the thread leaves its event loop at once.
    m_thread.quit();
    m_thread.wait();
}

QString RemoteStore::problemWith(const EntityRef& entity, const QString& name)
{
    const QString entityProblem = NameRules::problem(entity.id);
    return entityProblem.isEmpty() ? NameRules::problem(name) : entityProblem;
}

StoreReply* RemoteStore::startNamed(const QString& problem, std::function<void(RemoteOperation*)> work)
{
    return startOperation([problem, work](RemoteOperation* operation) {
        if (problem.isEmpty())
            work(operation);
        else
            operation->fail(StoreReply::Error::InvalidName, problem);
    });
}

StoreReply* RemoteStore::startOperation(std::function<void(RemoteOperation*)> work)
{
    auto* reply = new StoreReply;
    auto* operation = new RemoteOperation(reply);
    operation->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        operation,
        [this, operation, work] {
            // Owned by the thread's context from now on, so that stopping the thread frees it.
            operation->setParent(m_context);
            work(operation);
        },
        Qt::QueuedConnection);
    return reply;
}
