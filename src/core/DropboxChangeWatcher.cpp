#include "DropboxChangeWatcher.h"

#include "DropboxStore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
// Dropbox's shortest longpoll; it answers at once when something changed anyway.
constexpr int LongpollTimeoutSeconds = 30;
} // namespace

DropboxChangeWatcher::DropboxChangeWatcher(DropboxStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    m_retryPolicy.baseDelayMs = 2000;
    m_retryPolicy.maxDelayMs = 5 * 60 * 1000;
    m_wait.setSingleShot(true);
    connect(&m_wait, &QTimer::timeout, this, [this] { run(m_next); });
}

DropboxChangeWatcher::~DropboxChangeWatcher()
{
    stopRequest();
}

void DropboxChangeWatcher::stopRequest()
{
    if (!m_request)
        return;
    m_request->disconnect(this);
    m_request->abort();
    m_request->deleteLater();
    m_request = nullptr;
}

void DropboxChangeWatcher::start(const QString& cursor)
{
    stopRequest();
    m_wait.stop();
    m_failures = 0;
    if (!cursor.isEmpty())
        m_cursor = cursor;
    // With a cursor from the last run, what changed meanwhile comes first.
    run(m_cursor.isEmpty() ? Step::LatestCursor : Step::Changes);
}

void DropboxChangeWatcher::retryLater(Step step)
{
    later(step, m_retryPolicy.backoffDelayMs(++m_failures));
}

void DropboxChangeWatcher::later(Step step, int delayMs)
{
    m_next = step;
    m_wait.start(delayMs);
}

void DropboxChangeWatcher::run(Step step)
{
    StoreReply* reply = nullptr;
    switch (step) {
    case Step::LatestCursor:
        reply = m_store->latestCursor();
        break;
    case Step::Longpoll:
        reply = m_store->longpoll(m_cursor, LongpollTimeoutSeconds);
        break;
    case Step::Changes:
        reply = m_store->changesSince(m_cursor);
        break;
    }
    m_request = reply;
    connect(reply, &StoreReply::finished, this, [this, step, reply] {
        reply->deleteLater();
        m_request = nullptr;
        onFinished(step, reply);
    });
}

void DropboxChangeWatcher::onFinished(Step step, StoreReply* reply)
{
    if (reply->error() == StoreReply::Error::Cancelled)
        return;
    if (reply->error() != StoreReply::Error::None) {
        // Offline, or Dropbox in trouble. A signed-out account stops here; signing in again starts the store anew.
        if (reply->error() != StoreReply::Error::SignedOut)
            retryLater(step);
        return;
    }
    const QJsonObject result = QJsonDocument::fromJson(reply->data()).object();
    if (result.value(QLatin1String("reset")).toBool()) {
        // The cursor is no good any more: everything is listed again, and watching goes on from now.
        m_cursor.clear();
        emit changed(EntityTypes::standard(), {});
        if (++m_resets > 1)
            later(Step::LatestCursor, m_retryPolicy.backoffDelayMs(m_resets));
        else
            run(Step::LatestCursor);
        return;
    }
    // An answer that is not Dropbox's (a proxy's page, say) is a failure, not "no changes".
    const QLatin1String expected(step == Step::Longpoll ? "changes" : "cursor");
    if (!result.contains(expected)) {
        retryLater(step);
        return;
    }
    m_failures = 0;
    if (step != Step::LatestCursor)
        m_resets = 0;
    switch (step) {
    case Step::LatestCursor:
    case Step::Changes: {
        if (step == Step::Changes) {
            QList<EntityRef> entities;
            const QList<Entity> changedEntities = reply->entities();
            for (const Entity& entity : changedEntities)
                entities.append(entity.ref);
            if (!reply->entityTypes().isEmpty() || !entities.isEmpty())
                emit changed(reply->entityTypes(), entities);
        }
        m_cursor = result.value(QLatin1String("cursor")).toString();
        emit cursorChanged(m_cursor.toUtf8());
        run(Step::Longpoll);
        break;
    }
    case Step::Longpoll: {
        // Dropbox may ask for a pause before the next request of any kind.
        const int backoffMs = result.value(QLatin1String("backoff")).toInt() * 1000;
        const Step next = result.value(QLatin1String("changes")).toBool() ? Step::Changes : Step::Longpoll;
        if (backoffMs > 0)
            later(next, backoffMs);
        else
            run(next);
        break;
    }
    }
}
