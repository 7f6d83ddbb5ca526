// The queue against the Dropbox emulator when things go wrong. A hundred randomized transfers while it drops
// connections, rate-limits, fails with 5xx and expires the access token: every upload arrives once, intact,
// and every download matches (the seed is printed; ATTACHE_FAULT_SEED=<n> runs the same schedule again).
// And Dropbox out of reach for a while: one offline state, then everything goes through by itself. An upload to
// KashFlow or Fortnox whose answer is lost (neither would notice the same upload sent again) arrives once.

#include "ConnectivityMonitor.h"
#include "ContentHasher.h"
#include "CoreTestHelpers.h"
#include "DropboxEmulator.h"
#include "DropboxStore.h"
#include "FaultInjector.h"
#include "FortnoxEmulator.h"
#include "FortnoxStore.h"
#include "KashflowEmulator.h"
#include "KashflowStore.h"
#include "SyncMonitor.h"
#include "TransferJournal.h"
#include "TransferQueue.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr int TransferCount = 100;
constexpr int DownloadCount = 30;
constexpr int FaultCount = 80;

QString hashOf(const QByteArray& data)
{
    ContentHasher hasher;
    hasher.addData(data);
    return hasher.hexResult();
}
} // namespace

class TestTransferFaults : public QObject
{
    Q_OBJECT

private slots:
    void randomTransfersUnderFaultsAllArriveIntact();
    void offlineThenOnlineCarriesOnByItself();
    void kashflowUploadWhoseAnswerIsLostArrivesOnce_data();
    void kashflowUploadWhoseAnswerIsLostArrivesOnce();
    void fortnoxUploadWhoseAnswerIsLostArrivesOnce();
    void fortnoxRecordUploadLostInTheInboxArrivesOnce_data();
    void fortnoxRecordUploadLostInTheInboxArrivesOnce();

private:
    static RetryPolicy quickRetries()
    {
        RetryPolicy quick;
        quick.baseDelayMs = 20;
        quick.maxDelayMs = 50;
        return quick;
    }
    // Runs one upload through a queue to its end.
    static Transfer uploadThroughQueue(Store* store, const QString& localPath, const EntityRef& target)
    {
        TransferQueue queue(store);
        queue.setRetryPolicy(quickRetries());
        const int id = queue.enqueueUpload(localPath, target);
        QSignalSpy finished(&queue, &TransferQueue::transferFinished);
        if (!finished.wait(60000))
            return {};
        return queue.transfer(id);
    }

    QByteArray randomBytes(qint64 size)
    {
        QByteArray data(size, Qt::Uninitialized);
        for (qint64 i = 0; i + 4 <= size; i += 4) {
            const quint32 word = m_random.generate();
            memcpy(data.data() + i, &word, 4);
        }
        for (qint64 i = size - size % 4; i < size; ++i)
            data[i] = char(m_random.bounded(256));
        return data;
    }
    // Mostly small documents, some of a few MiB, and a few that need an upload session.
    qint64 randomSize()
    {
        const int kind = m_random.bounded(10);
        if (kind < 6)
            return m_random.bounded(300 * KiB);
        if (kind < 9)
            return 300 * KiB + m_random.bounded(3 * MiB);
        return 9 * MiB + m_random.bounded(4 * MiB);
    }
    FaultInjector::Fault randomFault()
    {
        switch (m_random.bounded(5)) {
        case 0:
            return FaultInjector::dropConnection(m_random.bounded(64 * KiB));
        case 1:
            return FaultInjector::rateLimited(1, m_random.bounded(2) == 0);
        case 2:
            return FaultInjector::serverError(m_random.bounded(2) == 0 ? 500 : 503);
        case 3:
            return FaultInjector::expiredToken();
        default:
            return FaultInjector::dropConnection(0);
        }
    }

    QRandomGenerator m_random;
};

void TestTransferFaults::randomTransfersUnderFaultsAllArriveIntact()
{
    const quint32 seed = qEnvironmentVariableIsSet("ATTACHE_FAULT_SEED")
        ? quint32(qEnvironmentVariableIntValue("ATTACHE_FAULT_SEED"))
        : QRandomGenerator::global()->generate();
    qInfo("ATTACHE_FAULT_SEED=%u", seed);
    m_random.seed(seed);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DropboxEmulator emulator;
    QVERIFY(emulator.listen());
    DropboxStore store(DropboxEndpoints::withBaseUrl(emulator.baseUrl()), emulator.appKey(), u"/Accounting"_s);
    store.setRefreshToken(emulator.issueRefreshToken());
    store.setUploadChunking(4 * MiB, 8 * MiB, 2);
    TransferJournal journal(dir.filePath(u"attache.sqlite"_s));
    QVERIFY(journal.isOpen());
    TransferQueue queue(&store);
    queue.setJournal(&journal);
    RetryPolicy retries;
    retries.baseDelayMs = 50;
    retries.maxDelayMs = 500;
    retries.maxAttempts = 30;
    queue.setRetryPolicy(retries);

    QList<EntityRef> entities;
    for (const char* id : { "4455", "4456", "4457", "4458", "4459" })
        entities.append(EntityRef { EntityType::Invoices, QString::fromLatin1(id) });

    // What is on Dropbox already, to be downloaded.
    struct Expected
    {
        QString remotePath;
        QString localPath;
        QString hash;
    };
    QList<Expected> downloads;
    QList<Expected> uploads;
    QList<int> ids;
    QVERIFY(QDir().mkpath(dir.filePath(u"up"_s)));
    QVERIFY(QDir().mkpath(dir.filePath(u"down"_s)));
    for (int i = 0; i < DownloadCount; ++i) {
        const EntityRef entity = entities.at(m_random.bounded(int(entities.size())));
        const QString name = u"seeded-%1.bin"_s.arg(i, 3, 10, QLatin1Char('0'));
        const QByteArray data = randomBytes(randomSize());
        const QString remote = u"/Accounting/Invoices/%1/%2"_s.arg(entity.id, name);
        QVERIFY(emulator.putFile(remote, data));
        downloads.append({ remote, dir.filePath(u"down/"_s + name), hashOf(data) });
        ids.append(queue.enqueueDownload(AttachmentRef { entity, name }, downloads.last().localPath));
    }
    for (int i = 0; i < TransferCount - DownloadCount; ++i) {
        const EntityRef entity = entities.at(m_random.bounded(int(entities.size())));
        const QString name = u"upload-%1.bin"_s.arg(i, 3, 10, QLatin1Char('0'));
        const QString path = dir.filePath(u"up/"_s + name);
        const QByteArray data = randomBytes(randomSize());
        QVERIFY(CoreTest::writeFile(path, data));
        uploads.append({ u"/Accounting/Invoices/%1/%2"_s.arg(entity.id, name), path, hashOf(data) });
        ids.append(queue.enqueueUpload(path, entity));
    }
    // Faults for whichever requests come next, on the routes transfers use and on any route at all.
    const QStringList routes { u"/2/files/upload"_s,
                               u"/2/files/upload_session/start"_s,
                               u"/2/files/upload_session/append_v2"_s,
                               u"/2/files/upload_session/finish"_s,
                               u"/2/files/download"_s,
                               u"/2/files/list_folder"_s,
                               u"*"_s };
    for (int i = 0; i < FaultCount; ++i) {
        const FaultInjector::Fault fault = randomFault();
        // An expired access token is an answer of the API routes; the token endpoint never gives it.
        const int choices = int(routes.size()) - (fault.kind == FaultInjector::Kind::ExpiredToken ? 1 : 0);
        emulator.faults().add(routes.at(m_random.bounded(choices)), fault);
    }
    // And the access token runs out now and then, as after four hours.
    QTimer expiry;
    connect(&expiry, &QTimer::timeout, &emulator, &DropboxEmulator::expireAccessTokens);
    expiry.start(700);

    QSignalSpy finished(&queue, &TransferQueue::transferFinished);
    QTRY_VERIFY_WITH_TIMEOUT(queue.pendingCount() == 0, 600000);
    expiry.stop();

    for (int id : std::as_const(ids)) {
        const Transfer transfer = queue.transfer(id);
        QVERIFY2(transfer.state == Transfer::State::Done,
                 qPrintable(transfer.displayName() + u": "_s + transfer.errorString));
    }
    QCOMPARE(finished.count(), TransferCount);
    for (const Expected& upload : std::as_const(uploads)) {
        QVERIFY2(emulator.hasFile(upload.remotePath), qPrintable(upload.remotePath));
        QCOMPARE(emulator.fileContentHash(upload.remotePath), upload.hash);
    }
    for (const Expected& download : std::as_const(downloads))
        QCOMPARE(ContentHasher::hashFile(download.localPath), download.hash);
    // Exactly once: no numbered copy of any upload, nor anything else, in the entities' folders.
    for (const EntityRef& entity : std::as_const(entities)) {
        StoreReply* listing = store.listAttachments(entity);
        QSignalSpy listed(listing, &StoreReply::finished);
        QVERIFY(listing->isFinished() || listed.wait(60000));
        const QList<Attachment> attachments = listing->attachments();
        delete listing;
        const auto expectedHere = std::count_if(uploads.cbegin(), uploads.cend(),
                                                [&entity](const Expected& e) {
                                                    return e.remotePath.contains(u"/Invoices/"_s + entity.id + u'/');
                                                })
            + std::count_if(downloads.cbegin(), downloads.cend(), [&entity](const Expected& e) {
                                      return e.remotePath.contains(u"/Invoices/"_s + entity.id + u'/');
                                  });
        QCOMPARE(attachments.size(), expectedHere);
    }
    // Nothing is left in the journal. Asked of the queue's own journal: another would leave the rows of an owner
    // still running alone.
    queue.clearFinished();
    QVERIFY(journal.takeOver(store.uri(), store.accountUri()).isEmpty());
}

void TestTransferFaults::offlineThenOnlineCarriesOnByItself()
{
    QTemporaryDir dir;
    DropboxEmulator emulator;
    QVERIFY(emulator.listen());
    DropboxStore store(DropboxEndpoints::withBaseUrl(emulator.baseUrl()), emulator.appKey(), u"/Accounting"_s);
    store.setRefreshToken(emulator.issueRefreshToken());
    RetryPolicy quick;
    quick.maxAttempts = 2;
    quick.baseDelayMs = 20;
    quick.maxDelayMs = 50;
    store.setRetryPolicy(quick);
    ConnectivityMonitor connectivity;
    connectivity.setProbePolicy(quick);
    TransferQueue queue(&store);
    queue.setConnectivity(&connectivity);
    queue.setRetryPolicy(quick);
    // The window's sync monitor is what probes while offline.
    SyncMonitor sync(&store, nullptr, &connectivity);
    QSignalSpy online(&connectivity, &ConnectivityMonitor::onlineChanged);
    QSignalSpy finished(&queue, &TransferQueue::transferFinished);

    emulator.setUnreachable(true);
    const EntityRef invoice { EntityType::Invoices, u"4455"_s };
    QList<QPair<QString, QByteArray>> files;
    for (int i = 0; i < 5; ++i) {
        const QString name = u"receipt-%1.pdf"_s.arg(i);
        files.append({ name, randomBytes(20 * KiB + i) });
        QVERIFY(CoreTest::writeFile(dir.filePath(name), files.last().second));
        queue.enqueueUpload(dir.filePath(name), invoice);
    }
    QVERIFY(online.wait(30000));
    QCOMPARE(online.first().first().toBool(), false);
    // Offline is one state: the transfers wait, none of them fails.
    QVERIFY(!finished.wait(500));
    QCOMPARE(queue.pendingCount(), 5);

    emulator.setUnreachable(false);
    QTRY_VERIFY_WITH_TIMEOUT(queue.pendingCount() == 0, 60000);
    QVERIFY(connectivity.isOnline());
    QCOMPARE(finished.count(), 5);
    for (int id : queue.ids())
        QCOMPARE(queue.transfer(id).state, Transfer::State::Done);
    for (const auto& [name, data] : std::as_const(files)) {
        const QString remote = u"/Accounting/Invoices/4455/"_s + name;
        QVERIFY2(emulator.hasFile(remote), qPrintable(remote));
        QCOMPARE(emulator.fileContent(remote), data);
    }
}

void TestTransferFaults::kashflowUploadWhoseAnswerIsLostArrivesOnce_data()
{
    QTest::addColumn<bool>("likeDocumentThere");
    QTest::addColumn<QString>("expectedName");
    // KashFlow stores the upload and the answer is cut: sent again, the name would be taken, and a numbered copy made.
    QTest::newRow("stored, answer lost") << false << u"receipt.pdf"_s;
    // Another document of the same name and size is there already, and what is lost is KashFlow's refusal of the
    // name: that document is not taken for the upload.
    QTest::newRow("refused, answer lost") << true << u"receipt (1).pdf"_s;
}

void TestTransferFaults::kashflowUploadWhoseAnswerIsLostArrivesOnce()
{
    QFETCH(bool, likeDocumentThere);
    QFETCH(QString, expectedName);
    QTemporaryDir dir;
    KashflowEmulator emulator(dir.filePath(u"emulator"_s));
    QVERIFY(emulator.listen());
    emulator.addEntity(EntityType::Invoices, u"4455"_s);
    KashflowStore store(QUrl(emulator.baseUrl().toString() + u"/v2"_s));
    store.setSession(emulator.issueSessionToken());
    const QByteArray other = randomBytes(64 * KiB);
    const QByteArray data = randomBytes(64 * KiB);
    if (likeDocumentThere)
        QVERIFY(emulator.putFile(EntityType::Invoices, u"4455"_s, u"receipt.pdf"_s, other));
    QVERIFY(CoreTest::writeFile(dir.filePath(u"receipt.pdf"_s), data));

    emulator.faults().add(u"/v2/invoices/files"_s, FaultInjector::dropConnection(5));
    const Transfer transfer
        = uploadThroughQueue(&store, dir.filePath(u"receipt.pdf"_s), EntityRef { EntityType::Invoices, u"4455"_s });
    QVERIFY2(transfer.state == Transfer::State::Done, qPrintable(transfer.errorString));
    QCOMPARE(transfer.result.name, expectedName);
    QCOMPARE(emulator.fileContent(EntityType::Invoices, u"4455"_s, expectedName), data);
    QCOMPARE(emulator.fileNames(EntityType::Invoices, u"4455"_s).size(), likeDocumentThere ? 2 : 1);
    if (likeDocumentThere)
        QCOMPARE(emulator.fileContent(EntityType::Invoices, u"4455"_s, u"receipt.pdf"_s), other);
}

void TestTransferFaults::fortnoxUploadWhoseAnswerIsLostArrivesOnce()
{
    QTemporaryDir dir;
    FortnoxEmulator emulator(dir.filePath(u"emulator"_s));
    QVERIFY(emulator.listen());
    emulator.setRateLimitEnabled(false);
    emulator.seedSampleData();
    // A folder by its Id: its list is read from a path of its own, and only the upload goes to /3/inbox.
    const QString folder = emulator.addInboxFolder(u"root"_s, u"Kvitton"_s);
    FortnoxStore store(FortnoxEndpoints::withBaseUrl(emulator.baseUrl()));
    store.setAccessToken(emulator.issueAccessToken());
    const QByteArray data = randomBytes(300 * KiB);
    QVERIFY(CoreTest::writeFile(dir.filePath(u"kvitto.pdf"_s), data));

    // Fortnox would keep a second file of the same name.
    emulator.faults().add(u"/3/inbox"_s, FaultInjector::dropConnection(5));
    const Transfer transfer
        = uploadThroughQueue(&store, dir.filePath(u"kvitto.pdf"_s), EntityRef { EntityType::Inbox, folder });
    QVERIFY2(transfer.state == Transfer::State::Done, qPrintable(transfer.errorString));
    QCOMPARE(transfer.result.name, u"kvitto.pdf"_s);
    QCOMPARE(emulator.inboxFileNames(folder), QStringList { u"kvitto.pdf"_s });
}

void TestTransferFaults::fortnoxRecordUploadLostInTheInboxArrivesOnce_data()
{
    QTest::addColumn<bool>("namesake");
    QTest::newRow("alone") << false;
    // A document of the user's with the same name and size: never connected in the upload's stead.
    QTest::newRow("beside a namesake") << true;
}

void TestTransferFaults::fortnoxRecordUploadLostInTheInboxArrivesOnce()
{
    // A record's upload goes into the inbox folder for its kind, then is connected. When the inbox's answer is lost,
    // the file waits there: it is connected, not sent again.
    QFETCH(bool, namesake);
    QTemporaryDir dir;
    FortnoxEmulator emulator(dir.filePath(u"emulator"_s));
    QVERIFY(emulator.listen());
    emulator.setRateLimitEnabled(false);
    emulator.seedSampleData();
    FortnoxStore store(FortnoxEndpoints::withBaseUrl(emulator.baseUrl()));
    store.setAccessToken(emulator.issueAccessToken());
    const QByteArray data = randomBytes(300 * KiB);
    QVERIFY(CoreTest::writeFile(dir.filePath(u"kvitto.pdf"_s), data));
    const QByteArray usersOwn = randomBytes(300 * KiB);
    if (namesake)
        QVERIFY(emulator.putInboxFile(u"inbox_s"_s, u"kvitto.pdf"_s, usersOwn));
    const QStringList inboxBefore = emulator.inboxFileNames(u"inbox_s"_s);

    emulator.faults().add(u"/3/inbox"_s, FaultInjector::dropConnection(5));
    const Transfer transfer
        = uploadThroughQueue(&store, dir.filePath(u"kvitto.pdf"_s), EntityRef { EntityType::SupplierInvoices, u"1"_s });
    QVERIFY2(transfer.state == Transfer::State::Done, qPrintable(transfer.errorString));
    QCOMPARE(transfer.result.name, u"kvitto.pdf"_s);
    QCOMPARE(emulator.connections().size(), 1);
    QCOMPARE(emulator.fileContent(emulator.connections().first().fileId), data);
    // Beside the user's namesake, found first by its name, the file left cannot be addressed: the upload is sent
    // again, and both stay in the inbox.
    QStringList inboxAfter = inboxBefore;
    if (namesake)
        inboxAfter.append(u"kvitto.pdf"_s);
    QCOMPARE(emulator.inboxFileNames(u"inbox_s"_s), inboxAfter);
    if (namesake)
        QCOMPARE(emulator.requestCount(u"/3/inbox"_s, "POST"), 2);
    else
        QCOMPARE(emulator.requestCount(u"/3/inbox"_s, "POST"), 1);
}

QTEST_GUILESS_MAIN(TestTransferFaults)
#include "TestTransferFaults.moc"
