#pragma once

#include "EntityRef.h"
#include "RetryPolicy.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class DropboxStore;
class StoreReply;

// Learns of changes in the Dropbox as they happen: a cursor for the whole tree (kept between runs), a
// list_folder/longpoll that returns when something changed, list_folder/continue to read what, and so on
// again. It waits as long as Dropbox's backoff asks; a cursor Dropbox has reset means every type is listed
// again from a new cursor; failures try again with a growing delay.
class DropboxChangeWatcher : public QObject
{
    Q_OBJECT

public:
    DropboxChangeWatcher(DropboxStore* store, QObject* parent = nullptr);
    ~DropboxChangeWatcher() override;

    // Starts (or starts again at once) from the cursor, or from now without one.
    void start(const QString& cursor);

signals:
    void changed(const QList<EntityType>& types, const QList<EntityRef>& entities);
    void cursorChanged(const QByteArray& cursor);

private:
    enum class Step { LatestCursor, Longpoll, Changes };

    void run(Step step);
    void onFinished(Step step, StoreReply* reply);
    // Runs the step after delayMs.
    void later(Step step, int delayMs);
    void stopRequest();
    // The same step again, later each time it fails.
    void retryLater(Step step);

    DropboxStore* m_store;
    QString m_cursor;
    QPointer<StoreReply> m_request;
    QTimer m_wait;
    Step m_next = Step::LatestCursor;
    RetryPolicy m_retryPolicy;
    int m_failures = 0;
    // Resets in a row: a Dropbox that keeps resetting is asked again later each time, not at once.
    int m_resets = 0;
};
