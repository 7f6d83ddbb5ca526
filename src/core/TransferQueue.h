#pragma once

#include "RetryPolicy.h"
#include "Store.h"
#include "Transfer.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class ConnectivityMonitor;
class TransferJournal;

// The one queue every upload, download, delete and move goes through, from the window and from
// attache-cli alike. It runs a few transfers at a time against the current store and keeps finished
// ones until they are cleared, so that failures can be retried. With a journal, every transfer is on disk
// before it starts and until the store has confirmed it; failures that may pass (network, server) are
// tried again after a backoff kept in the journal.
class TransferQueue : public QObject
{
    Q_OBJECT

public:
    explicit TransferQueue(Store* store, QObject* parent = nullptr);
    ~TransferQueue() override;

    Store* store() const { return m_store; }
    // Records transfers from now on in the journal, which the caller keeps alive while the queue lives.
    void setJournal(TransferJournal* journal) { m_journal = journal; }
    // Takes over the journal's transfers for this store that ended processes left, and returns their ids.
    QList<int> resumeFromJournal();
    // Reports results to the monitor; while offline, starts nothing and lets network failures wait for the
    // connection instead of using up their attempts. The caller keeps the monitor alive while the queue lives.
    void setConnectivity(ConnectivityMonitor* connectivity);
    // Tests use short delays.
    void setRetryPolicy(const RetryPolicy& policy) { m_retryPolicy = policy; }

    int enqueueUpload(const QString& localPath, const EntityRef& target, const QString& name = {});
    enum class Download {
        // Into a new file: a file at localPath when the download starts, or one that comes once its bytes arrive,
        // stays, and the download fails.
        Save,
        // Over the file at localPath, which the user chose to replace.
        Replace,
        // A private copy to open (Transfer::opening), replacing an earlier one.
        Open,
    };
    int enqueueDownload(const AttachmentRef& attachment, const QString& localPath, Download download = Download::Save);
    // expectedContentHash: the content the user chose to delete; a document changed since is kept.
    int enqueueDelete(const AttachmentRef& attachment, const QString& expectedContentHash = {});
    int enqueueMove(const AttachmentRef& attachment, const EntityRef& target);

    QList<int> ids() const { return m_order; }
    Transfer transfer(int id) const { return m_transfers.value(id); }
    int count() const { return static_cast<int>(m_order.size()); }
    // Transfers queued or running, but for documents being opened, which are not the user's transfers to wait for.
    int pendingCount() const;
    // Whether a download not done or cancelled (a failed one may be retried) will write to this path.
    bool isDownloadingTo(const QString& localPath) const;
    // Whether a download, delete or move of the attachment is queued or running: renaming it meanwhile would leave
    // that transfer without its document.
    bool isActingOn(const AttachmentRef& attachment) const;

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
    void run(int id);
    // Before an upload or move runs again: whether an earlier attempt landed after all, so that it is not
    // made twice. An upload counts as landed when the entity holds the same content under its name or a
    // numbered one; a move whose source is gone, when the entity holds its name. `place` is where to look: the
    // transfer's target, or the store's waypoint for it.
    // localHash is the local file's content hash where an earlier place looked at has worked it out.
    void findEarlierResult(int id, const EntityRef& place, const QString& moveFailure = {},
                           const QString& localHash = {});
    // The upload is not in place: its waypoint is looked at next, if the store has one; else it runs again.
    void notFoundIn(Transfer& transfer, const EntityRef& place, const QString& localHash);
    // Whether the local file's content is that of one of the candidates in place, hashed off this thread unless
    // localHash already is its hash. A candidate the store names no hash for is downloaded to be compared.
    void compareContent(int id, const QList<Attachment>& candidates, const EntityRef& place, const QString& localHash);
    // An earlier attempt left the upload at its waypoint: it is taken on to the target, not sent again.
    void finishFromWaypoint(Transfer& transfer, const AttachmentRef& left);
    void compareDownloaded(StoreReply* comparison, const QString& hash, const EntityRef& entity,
                           QList<Attachment> candidates);
    // Hashes the file off this thread, then gives done the hash (empty when unreadable), unless the comparison ended.
    void hashFor(StoreReply* comparison, const QString& path, std::function<void(const QString&)> done);
    // Ends the comparison with the candidate when the downloaded hash is the local file's, else goes on with the rest.
    void matchDownloaded(StoreReply* comparison, const QString& hash, const QString& downloadedHash,
                         const Attachment& candidate, const EntityRef& entity, const QList<Attachment>& rest);
    // The transfer is running while it waits for the reply; then done runs, unless the transfer is gone.
    void await(int id, StoreReply* reply, std::function<void(Transfer&, StoreReply*)> done);
    void finishTransfer(Transfer& transfer, StoreReply* reply);
    void settle(Transfer& transfer, StoreReply::Error error, const QString& errorString);
    void record(const Transfer& transfer);
    // Puts a transfer that is to run into the journal, if it needs to be and is not there yet. One that cannot be
    // put there fails, with why: false.
    bool journalNew(Transfer& transfer);
    // Whether the transfer is to go into the journal and is not there yet; a document being opened never is.
    bool needsJournalEntry(const Transfer& transfer) const
    {
        return m_journal && transfer.journalId == 0 && !transfer.opening;
    }
    // A download given up (cancelled, or failed and cleared) leaves no partial file: nothing would carry it on.
    void removePartialFile(const Transfer& transfer) const;
    // Whether a download other than `except` goes to localPath: queued, running, or failed and may still run.
    bool hasDownloadTo(const QString& localPath, int except) const;
    // Which downloads go to one file.
    static QString downloadKey(const QString& localPath);
    int runningCount() const { return static_cast<int>(m_replies.size()); }

    QPointer<Store> m_store;
    TransferJournal* m_journal = nullptr;
    ConnectivityMonitor* m_connectivity = nullptr;
    RetryPolicy m_retryPolicy;
    // Wakes the queue when the earliest backoff ends.
    QTimer m_backoffTimer;
    QHash<int, Transfer> m_transfers;
    QList<int> m_order;
    QHash<int, StoreReply*> m_replies;
    int m_nextId = 1;
    int m_maxConcurrent = 3;
    bool m_paused = false;
    bool m_scheduling = false;
};
