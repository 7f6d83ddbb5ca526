// TransferQueue over a LocalStore: running, limiting, pausing, cancelling, retrying and clearing transfers.

#include "ConnectivityMonitor.h"
#include "CoreTestHelpers.h"
#include "DownloadFile.h"
#include "LocalStore.h"
#include "TransferJournal.h"
#include "TransferQueue.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using CoreTest::readFile;
using CoreTest::writeFile;
using State = Transfer::State;

namespace {
// A local store whose uploads and downloads fail with a network error the first `failures` times. A download
// that fails reports a checkpoint first, as one interrupted in the middle does.
class FlakyStore : public LocalStore
{
public:
    FlakyStore(const QString& root, int failures)
        : LocalStore(root)
        , m_failures(failures)
    { }

    using Store::upload;
    StoreReply* upload(const QString& localPath, const EntityRef& target, const QString& name,
                       const QByteArray& resumeState) override
    {
        if (++m_calls > m_failures)
            return LocalStore::upload(localPath, target, name, resumeState);
        return failure({});
    }
    using Store::download;
    StoreReply* download(const AttachmentRef& attachment, const QString& localPath, const QByteArray& resumeState,
                         ExistingFile existing) override
    {
        m_downloadStates.append(resumeState);
        if (++m_calls > m_failures)
            return LocalStore::download(attachment, localPath, resumeState, existing);
        return failure(checkpoint(m_calls));
    }
    static QByteArray checkpoint(int call) { return "where call " + QByteArray::number(call) + " stopped"; }
    int calls() const { return m_calls; }
    // The resume state each download was given.
    QList<QByteArray> downloadStates() const { return m_downloadStates; }

private:
    static StoreReply* failure(const QByteArray& checkpoint)
    {
        auto* reply = new StoreReply;
        QTimer::singleShot(0, reply, [reply, checkpoint] {
            if (!checkpoint.isEmpty())
                reply->reportCheckpoint(checkpoint);
            reply->finishWithError(StoreReply::Error::Network, u"The network is down."_s);
        });
        return reply;
    }

    const int m_failures;
    int m_calls = 0;
    QList<QByteArray> m_downloadStates;
};

// A local store that lists neither hashes nor sizes, and whose downloads name no hash, as some servers do.
class HashlessStore : public LocalStore
{
public:
    using LocalStore::LocalStore;

    StoreReply* listAttachments(const EntityRef& entity) override
    {
        StoreReply* listing = LocalStore::listAttachments(entity);
        auto* reply = new StoreReply;
        QObject::connect(listing, &StoreReply::finished, reply, [listing, reply] {
            listing->deleteLater();
            QList<Attachment> attachments = listing->attachments();
            for (Attachment& attachment : attachments) {
                attachment.contentHash.clear();
                attachment.sizeInBytes = -1;
            }
            reply->setAttachments(attachments);
            if (listing->error() == StoreReply::Error::None)
                reply->finishWithSuccess();
            else
                reply->finishWithError(listing->error(), listing->errorString());
        });
        return reply;
    }
};

// A local store in whose downloads the user saves a file under the same name just before the bytes come: after
// the queue has looked, before the file is opened.
class FileArrivesStore : public LocalStore
{
public:
    using LocalStore::LocalStore;

    using Store::download;
    StoreReply* download(const AttachmentRef& attachment, const QString& localPath, const QByteArray& resumeState,
                         ExistingFile existing) override
    {
        CoreTest::writeFile(localPath, "the user's own");
        return LocalStore::download(attachment, localPath, resumeState, existing);
    }
};
} // namespace

class TestTransferQueue : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void uploadRunsToDone();
    void downloadDeleteAndMove();
    void uploadUnderAnotherName();
    void atMostMaxConcurrentRun();
    void pausedQueueStartsNothing();
    void cancelQueuedTransfer();
    void cancelRunningTransfer();
    void failedTransferCanBeRetried();
    void clearFinishedForgetsFinishedOnly();
    void drainedWhenQueueEmpties();
    void journalKeepsTransfersUntilConfirmed();
    void openingIsNeitherPausedNorJournalled();
    void failuresThatMayPassAreRetriedAfterABackoff();
    void backoffAndFailuresOutliveTheProcess();
    void uploadThatLandedBeforeACrashIsNotRepeated_data();
    void uploadThatLandedBeforeACrashIsNotRepeated();
    void offlineHoldsTheQueueAndComesBackByItself();
    void downloadCheckpointIsJournalledAndPassedBack();
    void downloadGivenUpLeavesNoPartialFile();
    void downloadsToOneFileTakeTurns();
    void savingLeavesAFileThatCameMeanwhile();
    void retryGetsAsManyAttemptsAgain();
    void transferTheJournalRefusesNeverRuns();
    void savingLeavesAFileThatCameAsItStarted();

private:
    // Lets queued events run without waiting for anything in particular: for checking that nothing starts.
    static void spinEventLoop()
    {
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
    }
    QString source(const QString& name, const QByteArray& data)
    {
        const QString path = m_sources->filePath(name);
        return writeFile(path, data) ? path : QString();
    }
    QString entityDir(const EntityRef& ref) const
    {
        return m_root->path() + u'/' + EntityTypes::folderName(ref.type) + u'/' + ref.id;
    }
    bool waitFinished(int id, int timeout = 30000)
    {
        QSignalSpy spy(m_queue.get(), &TransferQueue::transferFinished);
        if (m_queue->transfer(id).isFinished())
            return true;
        while (spy.wait(timeout)) {
            if (m_queue->transfer(id).isFinished())
                return true;
        }
        return m_queue->transfer(id).isFinished();
    }

    // The queue of a process that ends (or is killed), and the one of the next process, on the same journal.
    void restartWith(Store* store)
    {
        m_queue.reset();
        m_journal = std::make_unique<TransferJournal>(m_data->filePath(u"attache.sqlite"_s));
        m_queue = std::make_unique<TransferQueue>(store);
        m_queue->setJournal(m_journal.get());
    }
    static RetryPolicy quickRetries(int attempts, int delayMs)
    {
        RetryPolicy policy;
        policy.maxAttempts = attempts;
        policy.baseDelayMs = delayMs;
        policy.maxDelayMs = delayMs;
        return policy;
    }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<TransferJournal> m_journal;
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<QTemporaryDir> m_sources;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<TransferQueue> m_queue;
    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
    const EntityRef m_inbox { EntityType::Inbox, u"Unsorted"_s };
};

void TestTransferQueue::initTestCase()
{
    // Deletes go to the trash: keep it out of the real home.
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    QStandardPaths::setTestModeEnabled(true);
    // Qt makes the Trash folder but not its parent, which a real home always has.
    QVERIFY(QDir().mkpath(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)));
}

void TestTransferQueue::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    m_sources = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    QVERIFY(m_sources->isValid());
    m_store = std::make_unique<LocalStore>(m_root->path());
    m_queue = std::make_unique<TransferQueue>(m_store.get());
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
}

void TestTransferQueue::cleanup()
{
    m_queue.reset();
    m_journal.reset();
    m_data.reset();
    m_store.reset();
    m_sources.reset();
    m_root.reset();
}

void TestTransferQueue::uploadRunsToDone()
{
    const QString path = source(u"receipt.pdf"_s, "receipt");
    QSignalSpy added(m_queue.get(), &TransferQueue::transferAdded);
    QSignalSpy changed(m_queue.get(), &TransferQueue::transferChanged);
    QSignalSpy finished(m_queue.get(), &TransferQueue::transferFinished);

    const int id = m_queue->enqueueUpload(path, m_invoice);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toInt(), id);
    const Transfer queued = m_queue->transfer(id);
    QCOMPARE(queued.state, State::Queued);
    QCOMPARE(queued.kind, Transfer::Kind::Upload);
    QCOMPARE(queued.source.name, u"receipt.pdf"_s);
    QCOMPARE(queued.bytesTotal, 7);
    QCOMPARE(m_queue->pendingCount(), 1);

    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), id);
    QVERIFY(changed.count() >= 2); // started, then finished
    const Transfer done = m_queue->transfer(id);
    QCOMPARE(done.state, State::Done);
    QCOMPARE(done.result.name, u"receipt.pdf"_s);
    QCOMPARE(done.result.sizeInBytes, 7);
    QCOMPARE(done.bytesDone, 7);
    QVERIFY(done.errorString.isEmpty());
    QCOMPARE(m_queue->pendingCount(), 0);
    QCOMPARE(readFile(entityDir(m_invoice) + u"/receipt.pdf"_s), QByteArray("receipt"));
}

void TestTransferQueue::downloadDeleteAndMove()
{
    QVERIFY(QDir().mkpath(entityDir(m_inbox)));
    QVERIFY(writeFile(entityDir(m_inbox) + u"/a.pdf"_s, "a"));
    QVERIFY(writeFile(entityDir(m_inbox) + u"/b.pdf"_s, "b"));
    const QString saved = m_sources->filePath(u"saved.pdf"_s);

    const int download = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"a.pdf"_s }, saved);
    // Its path is spoken for until it is done.
    QVERIFY(m_queue->isDownloadingTo(saved));
    QVERIFY(m_queue->isDownloadingTo(m_sources->path() + u"//SAVED.pdf"_s));
    QVERIFY(!m_queue->isDownloadingTo(m_sources->filePath(u"other.pdf"_s)));
    QVERIFY(waitFinished(download));
    QCOMPARE(m_queue->transfer(download).state, State::Done);
    QCOMPARE(readFile(saved), QByteArray("a"));
    QVERIFY(!m_queue->isDownloadingTo(saved));

    const int move = m_queue->enqueueMove(AttachmentRef { m_inbox, u"a.pdf"_s }, m_invoice);
    QVERIFY(waitFinished(move));
    QCOMPARE(m_queue->transfer(move).state, State::Done);
    QCOMPARE(m_queue->transfer(move).result.name, u"a.pdf"_s);
    QCOMPARE(readFile(entityDir(m_invoice) + u"/a.pdf"_s), QByteArray("a"));
    QVERIFY(!QFileInfo::exists(entityDir(m_inbox) + u"/a.pdf"_s));

    const int remove = m_queue->enqueueDelete(AttachmentRef { m_inbox, u"b.pdf"_s });
    QVERIFY(waitFinished(remove));
    QCOMPARE(m_queue->transfer(remove).state, State::Done);
    QVERIFY(!QFileInfo::exists(entityDir(m_inbox) + u"/b.pdf"_s));
    QCOMPARE(m_queue->count(), 3);
}

void TestTransferQueue::uploadUnderAnotherName()
{
    const QString path = source(u"IMG_0001.jpg"_s, "jpg");
    const int id = m_queue->enqueueUpload(path, m_invoice, u"Receipt March.jpg"_s);
    QCOMPARE(m_queue->transfer(id).displayName(), u"Receipt March.jpg"_s);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Done);
    QCOMPARE(m_queue->transfer(id).result.name, u"Receipt March.jpg"_s);
    QVERIFY(QFileInfo::exists(entityDir(m_invoice) + u"/Receipt March.jpg"_s));
}

void TestTransferQueue::atMostMaxConcurrentRun()
{
    m_queue->setMaxConcurrent(2);
    QCOMPARE(m_queue->maxConcurrent(), 2);
    int maxRunning = 0;
    connect(m_queue.get(), &TransferQueue::transferChanged, this, [&] {
        int running = 0;
        for (int id : m_queue->ids())
            running += m_queue->transfer(id).state == State::Running ? 1 : 0;
        maxRunning = qMax(maxRunning, running);
    });
    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);
    QList<int> ids;
    for (int i = 0; i < 10; ++i)
        ids.append(m_queue->enqueueUpload(source(u"f%1.pdf"_s.arg(i), CoreTest::patternData(256 * 1024)), m_invoice));
    QVERIFY(drained.wait(60000));
    for (int id : ids)
        QCOMPARE(m_queue->transfer(id).state, State::Done);
    QCOMPARE(maxRunning, 2);
    QCOMPARE(CoreTest::visibleFiles(entityDir(m_invoice)).size(), 10);

    // A limit below one still lets transfers run.
    m_queue->setMaxConcurrent(0);
    QCOMPARE(m_queue->maxConcurrent(), 1);
}

void TestTransferQueue::pausedQueueStartsNothing()
{
    QSignalSpy pausedChanged(m_queue.get(), &TransferQueue::pausedChanged);
    m_queue->setPaused(true);
    QVERIFY(m_queue->isPaused());
    QCOMPARE(pausedChanged.count(), 1);
    QCOMPARE(pausedChanged.at(0).at(0).toBool(), true);

    QList<int> ids;
    for (int i = 0; i < 3; ++i)
        ids.append(m_queue->enqueueUpload(source(u"p%1.pdf"_s.arg(i), "p"), m_invoice));
    spinEventLoop();
    for (int id : ids)
        QCOMPARE(m_queue->transfer(id).state, State::Queued);
    QCOMPARE(m_queue->pendingCount(), 3);
    QVERIFY(!QFileInfo::exists(entityDir(m_invoice)));

    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);
    m_queue->setPaused(false);
    QCOMPARE(pausedChanged.count(), 2);
    QVERIFY(drained.wait(30000));
    for (int id : ids)
        QCOMPARE(m_queue->transfer(id).state, State::Done);
}

void TestTransferQueue::cancelQueuedTransfer()
{
    m_queue->setPaused(true);
    const int keep = m_queue->enqueueUpload(source(u"keep.pdf"_s, "k"), m_invoice);
    const int drop = m_queue->enqueueUpload(source(u"drop.pdf"_s, "d"), m_invoice);
    QSignalSpy finished(m_queue.get(), &TransferQueue::transferFinished);
    m_queue->cancel(drop);
    QCOMPARE(m_queue->transfer(drop).state, State::Cancelled);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), drop);
    // Cancelling again changes nothing.
    m_queue->cancel(drop);
    QCOMPARE(finished.count(), 1);

    m_queue->setPaused(false);
    QVERIFY(waitFinished(keep));
    QCOMPARE(m_queue->transfer(keep).state, State::Done);
    QCOMPARE(m_queue->transfer(drop).state, State::Cancelled);
    QCOMPARE(CoreTest::visibleFiles(entityDir(m_invoice)), QStringList { u"keep.pdf"_s });
}

void TestTransferQueue::cancelRunningTransfer()
{
    // A FIFO holds the upload in the middle until the test ends it.
    const QString path = m_sources->filePath(u"stream.pdf"_s);
    CoreTest::Fifo fifo(path);
    QVERIFY(fifo.isValid());
    const int id = m_queue->enqueueUpload(path, m_invoice);
    // The queue starts it on the next turn of the event loop; only then is anyone reading the FIFO.
    QTRY_COMPARE_WITH_TIMEOUT(m_queue->transfer(id).state, State::Running, 30000);
    QVERIFY(fifo.write(CoreTest::patternData(2 * 1024 * 1024)));
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->transfer(id).bytesDone > 0, 30000);
    QCOMPARE(m_queue->transfer(id).state, State::Running);

    m_queue->cancel(id);
    fifo.close();
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Cancelled);
    QCOMPARE(CoreTest::allEntries(entityDir(m_invoice)), QStringList());
}

void TestTransferQueue::failedTransferCanBeRetried()
{
    const QString path = m_sources->filePath(u"later.pdf"_s);
    const int id = m_queue->enqueueUpload(path, m_invoice);
    QVERIFY(waitFinished(id));
    const Transfer failed = m_queue->transfer(id);
    QCOMPARE(failed.state, State::Failed);
    QVERIFY2(failed.errorString.contains(path), qPrintable(failed.errorString));

    QVERIFY(writeFile(path, "now here"));
    m_queue->retry(id);
    QCOMPARE(m_queue->transfer(id).errorString, QString());
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Done);
    QCOMPARE(readFile(entityDir(m_invoice) + u"/later.pdf"_s), QByteArray("now here"));
    // The same transfer, not a new one.
    QCOMPARE(m_queue->count(), 1);

    // Retrying a transfer that is done does nothing.
    m_queue->retry(id);
    QCOMPARE(m_queue->transfer(id).state, State::Done);
}

void TestTransferQueue::clearFinishedForgetsFinishedOnly()
{
    const int done = m_queue->enqueueUpload(source(u"a.pdf"_s, "a"), m_invoice);
    const int failed = m_queue->enqueueUpload(m_sources->filePath(u"missing.pdf"_s), m_invoice);
    QVERIFY(waitFinished(done));
    QVERIFY(waitFinished(failed));
    m_queue->setPaused(true);
    const int waiting = m_queue->enqueueUpload(source(u"b.pdf"_s, "b"), m_invoice);

    QSignalSpy removed(m_queue.get(), &TransferQueue::transferRemoved);
    m_queue->clearFinished();
    QCOMPARE(removed.count(), 2);
    QCOMPARE(m_queue->ids(), QList<int> { waiting });
    QCOMPARE(m_queue->count(), 1);
    QCOMPARE(m_queue->transfer(done).id, 0); // forgotten
}

void TestTransferQueue::drainedWhenQueueEmpties()
{
    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);
    QList<int> ids;
    for (int i = 0; i < 5; ++i)
        ids.append(m_queue->enqueueUpload(source(u"d%1.pdf"_s.arg(i), "d"), m_invoice));
    QVERIFY(drained.wait(30000));
    // Drained means nothing is left to do.
    QCOMPARE(m_queue->pendingCount(), 0);
    for (int id : ids)
        QVERIFY(m_queue->transfer(id).isFinished());
}

void TestTransferQueue::journalKeepsTransfersUntilConfirmed()
{
    restartWith(m_store.get());
    m_queue->setPaused(true);
    m_queue->enqueueUpload(source(u"a.pdf"_s, "first"), m_invoice);
    m_queue->enqueueUpload(source(u"b.pdf"_s, "second"), m_invoice);
    spinEventLoop();

    // The app quits (or dies) with both still queued; the next run takes them up.
    restartWith(m_store.get());
    const QList<int> ids = m_queue->resumeFromJournal();
    QCOMPARE(ids.size(), 2);
    QCOMPARE(m_queue->transfer(ids.at(0)).source.name, u"a.pdf"_s);
    QCOMPARE(m_queue->transfer(ids.at(1)).source.name, u"b.pdf"_s);
    for (int id : ids) {
        QVERIFY(waitFinished(id));
        QCOMPARE(m_queue->transfer(id).state, State::Done);
    }
    QCOMPARE(readFile(entityDir(m_invoice) + u"/a.pdf"_s), QByteArray("first"));
    QCOMPARE(readFile(entityDir(m_invoice) + u"/b.pdf"_s), QByteArray("second"));

    // Confirmed, so gone from the journal: a run after this one finds nothing to do.
    restartWith(m_store.get());
    QVERIFY(m_queue->resumeFromJournal().isEmpty());
}

// A document opened now is fetched while transfers are paused, and is not carried on by a later run: it is for now.
void TestTransferQueue::openingIsNeitherPausedNorJournalled()
{
    QVERIFY(QDir().mkpath(entityDir(m_invoice)));
    QVERIFY(writeFile(entityDir(m_invoice) + u"/scan.pdf"_s, "scan"));
    const AttachmentRef scan { m_invoice, u"scan.pdf"_s };
    const QString copy = m_sources->filePath(u"scan.pdf"_s);
    restartWith(m_store.get());
    m_queue->setPaused(true);
    m_queue->enqueueDownload(scan, copy + u".saved"_s);
    m_queue->enqueueDownload(scan, copy, TransferQueue::Download::Open);
    // One transfer waits for the user to resume them; the document being opened is none of them.
    QCOMPARE(m_queue->pendingCount(), 1);

    // The app quits before either ran: the next run carries on the saving only.
    restartWith(m_store.get());
    m_queue->setPaused(true);
    const QList<int> resumed = m_queue->resumeFromJournal();
    QCOMPARE(resumed.size(), 1);
    QCOMPARE(m_queue->transfer(resumed.first()).localPath, copy + u".saved"_s);
    QVERIFY(!m_queue->transfer(resumed.first()).opening);

    const int id = m_queue->enqueueDownload(scan, copy, TransferQueue::Download::Open);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Done);
    QCOMPARE(readFile(copy), QByteArray("scan"));
    QCOMPARE(m_queue->transfer(resumed.first()).state, State::Queued);
}

void TestTransferQueue::failuresThatMayPassAreRetriedAfterABackoff()
{
    FlakyStore flaky(m_root->path(), 2);
    TransferQueue queue(&flaky);
    queue.setRetryPolicy(quickRetries(5, 1));
    QSignalSpy finished(&queue, &TransferQueue::transferFinished);
    QList<QString> errorsWhileWaiting;
    connect(&queue, &TransferQueue::transferChanged, this, [&queue, &errorsWhileWaiting](int id) {
        const Transfer transfer = queue.transfer(id);
        if (transfer.state == State::Queued && transfer.notBefore.isValid())
            errorsWhileWaiting.append(transfer.errorString);
    });
    const int id = queue.enqueueUpload(source(u"flaky.pdf"_s, "arrives"), m_invoice);
    QVERIFY(finished.wait(30000));
    // Two failures waited out without being reported as finished, then done on the third attempt.
    QCOMPARE(finished.count(), 1);
    QCOMPARE(queue.transfer(id).state, State::Done);
    QCOMPARE(queue.transfer(id).attempts, 3);
    QCOMPARE(flaky.calls(), 3);
    QCOMPARE(errorsWhileWaiting, (QList<QString> { u"The network is down."_s, u"The network is down."_s }));
    QCOMPARE(readFile(entityDir(m_invoice) + u"/flaky.pdf"_s), QByteArray("arrives"));
}

void TestTransferQueue::offlineHoldsTheQueueAndComesBackByItself()
{
    // More failures than attempts allowed: offline, they wait for the connection instead of failing.
    FlakyStore flaky(m_root->path(), 4);
    TransferQueue queue(&flaky);
    queue.setRetryPolicy(quickRetries(2, 3600 * 1000));
    ConnectivityMonitor connectivity;
    RetryPolicy probes = quickRetries(1000, 20);
    connectivity.setProbePolicy(probes);
    queue.setConnectivity(&connectivity);
    // The probe is what the window's sync monitor does: one request, whose result comes back to the monitor.
    connect(&connectivity, &ConnectivityMonitor::probeDue, &flaky, [&flaky, &connectivity] {
        StoreReply* probe = flaky.upload(u"/nonexistent/probe"_s, EntityRef { EntityType::Inbox, u"Probe"_s }, u"p"_s);
        connect(probe, &StoreReply::finished, &connectivity, [probe, &connectivity] {
            probe->deleteLater();
            // A missing local file reached the store's own checks: the store is there.
            connectivity.report(probe->error());
        });
    });
    QSignalSpy online(&connectivity, &ConnectivityMonitor::onlineChanged);
    QSignalSpy finished(&queue, &TransferQueue::transferFinished);
    const int first = queue.enqueueUpload(source(u"first.pdf"_s, "first"), m_invoice);
    const int second = queue.enqueueUpload(source(u"second.pdf"_s, "second"), m_invoice);
    queue.setMaxConcurrent(1);

    QVERIFY(online.wait());
    QCOMPARE(online.first().first().toBool(), false);
    // Offline, the second transfer is not even tried.
    QCOMPARE(queue.transfer(second).attempts, 0);
    QCOMPARE(queue.transfer(first).state, State::Queued);

    // Probes fail until the network is back (the fifth call on), then both go through.
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 30000);
    QCOMPARE(queue.transfer(first).state, State::Done);
    QCOMPARE(queue.transfer(second).state, State::Done);
    QVERIFY(connectivity.isOnline());
    QCOMPARE(online.count(), 2);
    QCOMPARE(readFile(entityDir(m_invoice) + u"/first.pdf"_s), QByteArray("first"));
    QCOMPARE(readFile(entityDir(m_invoice) + u"/second.pdf"_s), QByteArray("second"));
}

void TestTransferQueue::backoffAndFailuresOutliveTheProcess()
{
    FlakyStore flaky(m_root->path(), 1000);
    // A long backoff: the first failure leaves the transfer waiting an hour.
    restartWith(&flaky);
    m_queue->setRetryPolicy(quickRetries(3, 3600 * 1000));
    const int waiting = m_queue->enqueueUpload(source(u"later.pdf"_s, "later"), m_invoice);
    QTRY_COMPARE(m_queue->transfer(waiting).attempts, 1);
    QTRY_VERIFY(m_queue->transfer(waiting).notBefore.isValid());
    QCOMPARE(m_queue->transfer(waiting).state, State::Queued);
    const QDateTime notBefore = m_queue->transfer(waiting).notBefore;

    // The next run knows the backoff and keeps to it.
    restartWith(&flaky);
    const QList<int> resumed = m_queue->resumeFromJournal();
    QCOMPARE(resumed.size(), 1);
    const Transfer kept = m_queue->transfer(resumed.first());
    QCOMPARE(kept.attempts, 1);
    QCOMPARE(kept.notBefore, notBefore);
    QCOMPARE(kept.errorString, u"The network is down."_s);
    spinEventLoop();
    QCOMPARE(flaky.calls(), 1);
    QCOMPARE(m_queue->transfer(resumed.first()).state, State::Queued);

    // Out of attempts: failed for good, and still shown (with why) after a restart, for the user to retry.
    m_queue->setRetryPolicy(quickRetries(3, 1));
    m_queue->retry(resumed.first()); // only acts on failed ones
    m_queue->cancel(resumed.first());
    const int failing = m_queue->enqueueUpload(source(u"never.pdf"_s, "never"), m_invoice);
    QVERIFY(waitFinished(failing));
    QCOMPARE(m_queue->transfer(failing).state, State::Failed);
    QCOMPARE(m_queue->transfer(failing).attempts, 3);
    restartWith(&flaky);
    const QList<int> left = m_queue->resumeFromJournal();
    QCOMPARE(left.size(), 1);
    const Transfer failed = m_queue->transfer(left.first());
    QCOMPARE(failed.source.name, u"never.pdf"_s);
    QCOMPARE(failed.state, State::Failed);
    QCOMPARE(failed.errorString, u"The network is down."_s);
}

void TestTransferQueue::uploadThatLandedBeforeACrashIsNotRepeated_data()
{
    QTest::addColumn<bool>("listsHashes");
    QTest::newRow("listed with hashes") << true;
    // The candidates are downloaded and hashed to be compared.
    QTest::newRow("listed without hashes or sizes") << false;
}

void TestTransferQueue::uploadThatLandedBeforeACrashIsNotRepeated()
{
    QFETCH(bool, listsHashes);
    HashlessStore hashless(m_root->path());
    Store* store = listsHashes ? static_cast<Store*>(m_store.get()) : &hashless;
    // The store holds receipt.pdf; the process that sent it died before the journal heard back.
    const QString sent = source(u"receipt.pdf"_s, "the receipt");
    QVERIFY(waitFinished(m_queue->enqueueUpload(sent, m_invoice)));
    const QString other = m_sources->filePath(u"other/receipt.pdf"_s);
    QVERIFY(QDir().mkpath(QFileInfo(other).absolutePath()));
    QVERIFY(writeFile(other, "another receipt"));
    {
        TransferJournal crashed(m_data->filePath(u"attache.sqlite"_s));
        for (const QString& path : { sent, other }) {
            Transfer transfer;
            transfer.kind = Transfer::Kind::Upload;
            transfer.localPath = path;
            transfer.target = m_invoice;
            transfer.source = AttachmentRef { m_invoice, u"receipt.pdf"_s };
            transfer.bytesTotal = QFileInfo(path).size();
            transfer.attempts = 1;
            QVERIFY(crashed.add(transfer, m_store->uri()) > 0);
        }
    }
    restartWith(store);
    const QList<int> ids = m_queue->resumeFromJournal();
    QCOMPARE(ids.size(), 2);
    for (int id : ids) {
        QVERIFY(waitFinished(id));
        QCOMPARE(m_queue->transfer(id).state, State::Done);
    }
    // The same content was there already: done, not sent twice. Different content under the same name
    // is another document, kept beside it.
    QCOMPARE(m_queue->transfer(ids.at(0)).result.name, u"receipt.pdf"_s);
    QCOMPARE(m_queue->transfer(ids.at(1)).result.name, u"receipt (2).pdf"_s);
    QCOMPARE(CoreTest::allEntries(entityDir(m_invoice)), (QStringList { u"receipt (2).pdf"_s, u"receipt.pdf"_s }));
}

void TestTransferQueue::downloadCheckpointIsJournalledAndPassedBack()
{
    QVERIFY(QDir().mkpath(entityDir(m_inbox)));
    QVERIFY(writeFile(entityDir(m_inbox) + u"/a.pdf"_s, "a"));
    const QString saved = m_sources->filePath(u"saved.pdf"_s);
    FlakyStore flaky(m_root->path(), 2);
    restartWith(&flaky);
    // The first failure is tried again in this process, the second is one too many.
    m_queue->setRetryPolicy(quickRetries(2, 1));
    const int id = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"a.pdf"_s }, saved);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Failed);
    QCOMPARE(m_queue->transfer(id).resumeState, FlakyStore::checkpoint(2));

    // The next process finds the last checkpoint in the journal and hands it to the store.
    restartWith(&flaky);
    const QList<int> left = m_queue->resumeFromJournal();
    QCOMPARE(left.size(), 1);
    QCOMPARE(m_queue->transfer(left.first()).resumeState, FlakyStore::checkpoint(2));
    m_queue->retry(left.first());
    QVERIFY(waitFinished(left.first()));
    QCOMPARE(m_queue->transfer(left.first()).state, State::Done);
    QCOMPARE(readFile(saved), QByteArray("a"));
    QCOMPARE(flaky.downloadStates(), (QList<QByteArray> { {}, FlakyStore::checkpoint(1), FlakyStore::checkpoint(2) }));

    // Done, so gone from the journal with its checkpoint.
    restartWith(&flaky);
    QVERIFY(m_queue->resumeFromJournal().isEmpty());
}

void TestTransferQueue::downloadGivenUpLeavesNoPartialFile()
{
    const QString saved = m_sources->filePath(u"saved.pdf"_s);
    const QString partial = DownloadFile::partialPath(saved);

    // Cancelled: nothing will carry it on.
    m_queue->setPaused(true);
    QVERIFY(writeFile(partial, "left by an earlier attempt"));
    const int cancelled = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"a.pdf"_s }, saved);
    m_queue->cancel(cancelled);
    QCOMPARE(m_queue->transfer(cancelled).state, State::Cancelled);
    QVERIFY(!QFileInfo::exists(partial));

    // Failed: kept for a retry, until the transfer is cleared.
    m_queue->setPaused(false);
    QVERIFY(writeFile(partial, "left by an earlier attempt"));
    const int failed = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"missing.pdf"_s }, saved);
    QVERIFY(waitFinished(failed));
    QCOMPARE(m_queue->transfer(failed).state, State::Failed);
    QVERIFY(QFileInfo::exists(partial));
    m_queue->clearFinished();
    QVERIFY(!QFileInfo::exists(partial));
    QCOMPARE(CoreTest::allEntries(m_sources->path()), QStringList());
}

void TestTransferQueue::downloadsToOneFileTakeTurns()
{
    // Side by side they would share one partial file, and mix their bytes: the later waits, then replaces the first
    // as it was asked to.
    QVERIFY(QDir().mkpath(entityDir(m_inbox)));
    CoreTest::Fifo fifo(entityDir(m_inbox) + u"/stream.pdf"_s);
    QVERIFY(fifo.isValid());
    QVERIFY(writeFile(entityDir(m_inbox) + u"/b.pdf"_s, "b"));
    const QString saved = m_sources->filePath(u"saved.pdf"_s);
    const QString partial = DownloadFile::partialPath(saved);
    QVERIFY(writeFile(partial, "the running download's"));
    const int first = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"stream.pdf"_s }, saved);
    QTRY_COMPARE_WITH_TIMEOUT(m_queue->transfer(first).state, State::Running, 30000);
    const int second
        = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"b.pdf"_s }, saved, TransferQueue::Download::Replace);
    const int cancelled = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"b.pdf"_s }, saved);
    spinEventLoop();
    QCOMPARE(m_queue->transfer(second).state, State::Queued);
    // Given up while another download to the file runs, it leaves that one's partial file alone.
    m_queue->cancel(cancelled);
    QCOMPARE(m_queue->transfer(cancelled).state, State::Cancelled);
    QVERIFY(QFileInfo::exists(partial));

    // More than the pipe holds: written only once the download reads, so that closing ends its data, not the FIFO's.
    QVERIFY(fifo.write(CoreTest::patternData(2 * 1024 * 1024)));
    fifo.close();
    QVERIFY(waitFinished(first));
    QCOMPARE(m_queue->transfer(first).state, State::Done);
    QVERIFY(waitFinished(second));
    QCOMPARE(m_queue->transfer(second).state, State::Done);
    QCOMPARE(readFile(saved), QByteArray("b"));
}

// A download to a free name that waited (paused, here) finds the name taken by the time it starts: what took it is
// the user's, and stays.
void TestTransferQueue::savingLeavesAFileThatCameMeanwhile()
{
    QVERIFY(QDir().mkpath(entityDir(m_inbox)));
    QVERIFY(writeFile(entityDir(m_inbox) + u"/scan.pdf"_s, "stored"));
    const QString saved = m_sources->filePath(u"scan.pdf"_s);
    m_queue->setPaused(true);
    const int id = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"scan.pdf"_s }, saved);
    QVERIFY(writeFile(saved, "the user's own"));
    m_queue->setPaused(false);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Failed);
    QVERIFY2(m_queue->transfer(id).errorString.contains(u"already exists"_s),
             qPrintable(m_queue->transfer(id).errorString));
    QCOMPARE(readFile(saved), QByteArray("the user's own"));
    QCOMPARE(CoreTest::allEntries(m_sources->path()), QStringList { u"scan.pdf"_s });
}

void TestTransferQueue::savingLeavesAFileThatCameAsItStarted()
{
    QVERIFY(QDir().mkpath(entityDir(m_inbox)));
    QVERIFY(writeFile(entityDir(m_inbox) + u"/scan.pdf"_s, "stored"));
    FileArrivesStore store(m_root->path());
    restartWith(&store);
    const QString saved = m_sources->filePath(u"scan.pdf"_s);
    const int id = m_queue->enqueueDownload(AttachmentRef { m_inbox, u"scan.pdf"_s }, saved);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Failed);
    QCOMPARE(readFile(saved), QByteArray("the user's own"));
    QCOMPARE(CoreTest::allEntries(m_sources->path()), QStringList { u"scan.pdf"_s });
}

void TestTransferQueue::retryGetsAsManyAttemptsAgain()
{
    // Three attempts fail for good; after Retry, the fourth fails too and the fifth goes through.
    FlakyStore flaky(m_root->path(), 4);
    restartWith(&flaky);
    m_queue->setRetryPolicy(quickRetries(3, 1));
    const int id = m_queue->enqueueUpload(source(u"later.pdf"_s, "later"), m_invoice);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Failed);
    QCOMPARE(flaky.calls(), 3);
    m_queue->retry(id);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Done);
    QCOMPARE(flaky.calls(), 5);
    QCOMPARE(readFile(entityDir(m_invoice) + u"/later.pdf"_s), QByteArray("later"));
}

void TestTransferQueue::transferTheJournalRefusesNeverRuns()
{
    restartWith(m_store.get());
    // The journal refuses new rows, as a full disk would make it.
    const auto refuse = [this](bool refusing) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"refusing"_s);
        db.setDatabaseName(m_data->filePath(u"attache.sqlite"_s));
        bool done = db.open();
        QSqlQuery query(db);
        done = done
            && query.exec(refusing ? u"CREATE TRIGGER refuse BEFORE INSERT ON transfers BEGIN"
                                     " SELECT RAISE(FAIL, 'the disk is full'); END"_s
                                   : u"DROP TRIGGER refuse"_s);
        query.finish();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"refusing"_s);
        return done;
    };
    QVERIFY(refuse(true));
    const int id = m_queue->enqueueUpload(source(u"receipt.pdf"_s, "receipt"), m_invoice);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Failed);
    QVERIFY2(m_queue->transfer(id).errorString.contains(u"the disk is full"_s),
             qPrintable(m_queue->transfer(id).errorString));
    // Retried while the journal still refuses: it fails again, and nothing is sent.
    m_queue->retry(id);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Failed);
    QVERIFY2(m_queue->transfer(id).errorString.contains(u"the disk is full"_s),
             qPrintable(m_queue->transfer(id).errorString));
    QVERIFY(!QFileInfo::exists(entityDir(m_invoice) + u"/receipt.pdf"_s));

    QVERIFY(refuse(false));
    m_queue->retry(id);
    QVERIFY(waitFinished(id));
    QCOMPARE(m_queue->transfer(id).state, State::Done);
    QCOMPARE(readFile(entityDir(m_invoice) + u"/receipt.pdf"_s), QByteArray("receipt"));
}

QTEST_GUILESS_MAIN(TestTransferQueue)
#include "TestTransferQueue.moc"
