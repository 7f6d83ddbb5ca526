// DropboxStore against the loopback Dropbox emulator: every operation, the upload session path, the
// errors Dropbox defines and the faults a real network brings.

#include "CoreTestHelpers.h"
#include "DownloadFile.h"
#include "DropboxDownload.h"
#include "DropboxEmulator.h"
#include "DropboxStore.h"
#include "DropboxUpload.h"
#include "FaultInjector.h"
#include "TransferQueue.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using CoreTest::await;

class TestDropboxStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listsEntitiesWithCounts();
    void missingTypeFolderListsNothing();
    void listingFollowsEveryPage();
    void listingIsNeverTakenFromAPortalsPage();
    void changeIsNeverTakenAsDoneFromAPortalsPage();
    void downloadIsNeverTakenFromAPortalsPage();
    void resumedDownloadLeavesAFileThatCameMeanwhile();
    void createsEntityAndRefusesADuplicate();
    void uploadsSmallFileWithItsHash();
    void uploadNamesAreNfcAndHeaderSafe();
    void takenNameGetsDropboxsNumberedName();
    void uploadsLargeFileInSessionChunks_data();
    void uploadsLargeFileInSessionChunks();
    void resumesSessionAfterALostReply_data();
    void resumesSessionAfterALostReply();
    void resumesSessionFromCheckpoint_data();
    void resumesSessionFromCheckpoint();
    void unknownSessionInCheckpointStartsAgain_data();
    void unknownSessionInCheckpointStartsAgain();
    void lostFinishAnswerUnderANumberedName();
    void lostFinishAnswerOfAResumedUpload();
    void downloadsAndComparesBytes();
    void cancelledDownloadLeavesNothing();
    void failedDownloadKeepsExistingFile();
    void downloadOntoAFullDiskSaysSo();
    void thumbnailsComeSingleAndBatched();
    void removesAndMoves();
    void renamesWithoutNumbering();
    void hostileNamesNeverReachDropbox();
    void waitsOutRateLimit();
    void retriesServerErrors();
    void renewsExpiredAccessToken();
    void recoversFromDroppedDownload();
    void downloadCheckpointsAsItArrives();
    void resumesInterruptedDownloadWithRange();
    void downloadStartsOverWhenTheRevisionChanged_data();
    void downloadStartsOverWhenTheRevisionChanged();
    void downloadStartsOverWhenTheCheckpointDoesNotFit_data();
    void downloadStartsOverWhenTheCheckpointDoesNotFit();
    void revokedRefreshTokenSignsOut();
    void portalsPageIsNeverTakenForTokens();
    void removeKeepsADocumentChangedSince();
    void watchReportsChangesMadeElsewhere();
    void watchCarriesOnFromAStoredCursor();
    void resetCursorMeansEverythingIsListedAgain();
    void watchKeepsToDropboxsBackoff();
    void cancelsAnUpload();

private:
    EntityRef invoice() const { return EntityRef { EntityType::Invoices, u"4455"_s }; }
    QString writeLocal(const QString& name, const QByteArray& data);
    // A local "scan.tiff" of data, sent in a session, whose name another document in the invoice's folder has.
    QString sessionUploadOfATakenName(const QByteArray& data);
    QByteArray image(int width, int height) const;
    QByteArray interruptedDownload(const QString& name, const QString& target, qint64 cutAfter);
    QList<QByteArray> downloadRanges() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DropboxEmulator> m_emulator;
    std::unique_ptr<DropboxStore> m_store;
};

void TestDropboxStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_emulator = std::make_unique<DropboxEmulator>();
    QVERIFY(m_emulator->listen());
    m_store = std::make_unique<DropboxStore>(DropboxEndpoints::withBaseUrl(m_emulator->baseUrl()), m_emulator->appKey(),
                                             u"/Accounting"_s);
    m_store->setRefreshToken(m_emulator->issueRefreshToken());
    // Small enough for a test, and still multiples of 4 MiB as Dropbox wants.
    m_store->setUploadChunking(4 * 1024 * 1024, 8 * 1024 * 1024, DropboxUpload::DefaultParallelChunks);
}

void TestDropboxStore::cleanup()
{
    m_store.reset();
    m_emulator.reset();
    m_dir.reset();
}

QString TestDropboxStore::writeLocal(const QString& name, const QByteArray& data)
{
    const QString path = m_dir->filePath(name);
    CoreTest::writeFile(path, data);
    return path;
}

QString TestDropboxStore::sessionUploadOfATakenName(const QByteArray& data)
{
    if (!m_emulator->putFile(u"/Accounting/Invoices/4455/scan.tiff"_s, "another scan"))
        return {};
    m_store->setUploadChunking(4 * 1024 * 1024, 8 * 1024 * 1024, DropboxUpload::DefaultParallelChunks);
    return writeLocal(u"scan.tiff"_s, data);
}

QByteArray TestDropboxStore::image(int width, int height) const
{
    QImage picture(width, height, QImage::Format_RGB32);
    picture.fill(Qt::darkYellow);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    picture.save(&buffer, "JPEG");
    return bytes;
}

// A download that the emulator cuts off after `cutAfter` bytes, and whose retry it holds unanswered, stopped there
// as a crash or a kill would stop it: its last checkpoint, empty if it never came that far.
QByteArray TestDropboxStore::interruptedDownload(const QString& name, const QString& target, qint64 cutAfter)
{
    m_emulator->faults().add(u"/2/files/download"_s, FaultInjector::dropConnection(cutAfter));
    m_emulator->faults().add(u"/2/files/download"_s, FaultInjector::slow(60000));
    QSignalSpy received(m_emulator.get(), &EmulatorServer::requestReceived);
    StoreReply* reply = m_store->download(AttachmentRef { invoice(), name }, target);
    QSignalSpy checkpoints(reply, &StoreReply::checkpoint);
    const bool retried = QTest::qWaitFor(
        [&received, &checkpoints] {
            const auto downloads = std::count_if(received.cbegin(), received.cend(), [](const QList<QVariant>& args) {
                return args.at(0).toString() == u"/2/files/download"_s;
            });
            return downloads == 2 && !checkpoints.isEmpty();
        },
        30000);
    reply->abort();
    const auto stopped = await(reply);
    if (!retried || stopped->error() != StoreReply::Error::Cancelled)
        return {};
    m_emulator->faults().clear();
    return checkpoints.last().at(0).toByteArray();
}

// The Range header of every download the emulator received, empty where there was none.
QList<QByteArray> TestDropboxStore::downloadRanges() const
{
    QList<QByteArray> ranges;
    for (const auto& request : m_emulator->requests()) {
        if (request.request.path() == u"/2/files/download"_s)
            ranges.append(request.request.header("Range"));
    }
    return ranges;
}

void TestDropboxStore::listsEntitiesWithCounts()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/receipt.pdf"_s, "pdf"));
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/photo.jpg"_s, "jpg"));
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4456/contract.pdf"_s, "pdf"));
    QVERIFY(m_emulator->putFile(u"/Accounting/Customers/ACME01/card.png"_s, "png"));
    auto reply = await(m_store->listEntities(EntityType::Invoices));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QHash<QString, int> counts;
    for (const Entity& entity : reply->entities()) {
        QCOMPARE(entity.ref.type, EntityType::Invoices);
        counts.insert(entity.ref.id, entity.attachmentCount);
    }
    QCOMPARE(counts, (QHash<QString, int> { { u"4455"_s, 2 }, { u"4456"_s, 1 } }));
}

void TestDropboxStore::missingTypeFolderListsNothing()
{
    auto reply = await(m_store->listEntities(EntityType::Quotes));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QVERIFY(reply->entities().isEmpty());
}

void TestDropboxStore::listingFollowsEveryPage()
{
    // More than the 2000 entries one page holds.
    for (int i = 0; i < 2050; ++i)
        QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/r%1.txt"_s.arg(i), QByteArray::number(i)));
    m_emulator->clearRequests();
    auto reply = await(m_store->listAttachments(invoice()));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(reply->attachments().size(), 2050);
    const auto requests = m_emulator->requests();
    QVERIFY(std::any_of(requests.cbegin(), requests.cend(), [](const auto& request) {
        return request.request.path() == u"/2/files/list_folder/continue"_s;
    }));
}

void TestDropboxStore::listingIsNeverTakenFromAPortalsPage()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/receipt.pdf"_s, "pdf"));
    RetryPolicy quick;
    quick.baseDelayMs = 10;
    quick.maxDelayMs = 50;
    quick.maxAttempts = 3;
    m_store->setRetryPolicy(quick);

    // A Wi-Fi sign-in page answers once in Dropbox's stead: asked again, and the record is listed whole.
    m_emulator->faults().add(u"/2/files/list_folder"_s, FaultInjector::portal());
    auto passed = await(m_store->listAttachments(invoice()));
    QCOMPARE(passed->error(), StoreReply::Error::None);
    QCOMPARE(passed->attachments().size(), 1);

    // Only the page answers: a failure that says why, never an empty record.
    m_emulator->faults().add(u"/2/files/list_folder"_s, FaultInjector::portal(), 100);
    auto failed = await(m_store->listAttachments(invoice()));
    QCOMPARE(failed->error(), StoreReply::Error::Network);
    QVERIFY2(failed->errorString().contains(u"sign-in page"_s), qPrintable(failed->errorString()));
    auto entities = await(m_store->listEntities(EntityType::Invoices));
    QCOMPARE(entities->error(), StoreReply::Error::Network);
}

void TestDropboxStore::changeIsNeverTakenAsDoneFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers an upload in Dropbox's stead: the upload is sent again, and stored once.
    const QString local = writeLocal(u"a.txt"_s, "a");
    m_emulator->faults().add(u"/2/files/upload"_s, FaultInjector::portal());
    auto upload = await(m_store->upload(local, invoice(), u"a.txt"_s));
    QCOMPARE(upload->error(), StoreReply::Error::None);
    QCOMPARE(upload->attachment().name, u"a.txt"_s);
    QCOMPARE(m_emulator->requestCount(u"/2/files/upload"_s), 2);
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/a.txt"_s), QByteArray("a"));

    // And the delete: sent again, and done.
    m_emulator->faults().add(u"/2/files/delete_v2"_s, FaultInjector::portal());
    auto removed = await(m_store->remove(AttachmentRef { invoice(), u"a.txt"_s }));
    QCOMPARE(removed->error(), StoreReply::Error::None);
    QCOMPARE(m_emulator->requestCount(u"/2/files/delete_v2"_s), 2);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/a.txt"_s));
}

void TestDropboxStore::createsEntityAndRefusesADuplicate()
{
    auto created = await(m_store->createEntity(invoice()));
    QCOMPARE(created->error(), StoreReply::Error::None);
    QVERIFY(m_emulator->hasFolder(u"/Accounting/Invoices/4455"_s));
    auto again = await(m_store->createEntity(EntityRef { EntityType::Invoices, u"4455"_s }));
    QCOMPARE(again->error(), StoreReply::Error::AlreadyExists);
    QVERIFY2(again->errorString().contains(u"already exists"_s), qPrintable(again->errorString()));
}

void TestDropboxStore::uploadsSmallFileWithItsHash()
{
    const QByteArray data = CoreTest::patternData(300 * 1024);
    const QString local = writeLocal(u"receipt.pdf"_s, data);
    auto reply = await(m_store->upload(local, invoice(), u"receipt.pdf"_s));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(reply->attachment().name, u"receipt.pdf"_s);
    QCOMPARE(reply->attachment().sizeInBytes, data.size());
    QCOMPARE(reply->attachment().contentHash, ContentHasher::hashFile(local));
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/receipt.pdf"_s), data);
    // A single request, no session.
    QCOMPARE(m_emulator->activeUploadSessions(), 0);
}

void TestDropboxStore::uploadNamesAreNfcAndHeaderSafe()
{
    const QString local = writeLocal(u"local.pdf"_s, "kvitto");
    // "Kvitto å.pdf" with a decomposed å (a + combining ring), as macOS file managers hand it over.
    const QString decomposed = u"Kvitto a\u030A \u20AC \U0001F4C4.pdf"_s;
    auto reply = await(m_store->upload(local, invoice(), decomposed));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    const QString composed = decomposed.normalized(QString::NormalizationForm_C);
    QCOMPARE(reply->attachment().name, composed);
    QVERIFY(m_emulator->hasFile(u"/Accounting/Invoices/4455/"_s + composed));
    const auto requests = m_emulator->requests();
    for (const auto& request : requests) {
        const QByteArray arg = request.request.header("dropbox-api-arg");
        for (char c : arg)
            QVERIFY2(static_cast<unsigned char>(c) < 0x7f, arg.constData());
    }
}

void TestDropboxStore::takenNameGetsDropboxsNumberedName()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/receipt.pdf"_s, "first"));
    const QString local = writeLocal(u"receipt.pdf"_s, "second");
    auto reply = await(m_store->upload(local, invoice(), u"receipt.pdf"_s));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(reply->attachment().name, u"receipt (1).pdf"_s);
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/receipt.pdf"_s), QByteArray("first"));
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/receipt (1).pdf"_s), QByteArray("second"));
}

void TestDropboxStore::uploadsLargeFileInSessionChunks_data()
{
    QTest::addColumn<int>("parallelChunks");
    QTest::addColumn<QString>("sessionType");
    QTest::newRow("concurrent") << DropboxUpload::DefaultParallelChunks << u"concurrent"_s;
    QTest::newRow("sequential") << 1 << u"sequential"_s;
}

void TestDropboxStore::uploadsLargeFileInSessionChunks()
{
    QFETCH(int, parallelChunks);
    QFETCH(QString, sessionType);
    m_store->setUploadChunking(4 * 1024 * 1024, 8 * 1024 * 1024, parallelChunks);
    const QByteArray data = CoreTest::patternData(4 * 4 * 1024 * 1024 + 12345);
    const QString local = writeLocal(u"scan.tiff"_s, data);
    m_emulator->clearRequests();
    StoreReply* reply = m_store->upload(local, invoice(), u"scan.tiff"_s);
    QSignalSpy progress(reply, &StoreReply::progress);
    auto owned = await(reply);
    QCOMPARE(owned->error(), StoreReply::Error::None);
    QCOMPARE(m_emulator->fileContentHash(u"/Accounting/Invoices/4455/scan.tiff"_s), ContentHasher::hashFile(local));
    QStringList routes;
    QJsonObject startArg;
    for (const auto& request : m_emulator->requests()) {
        routes.append(request.request.path());
        if (request.request.path() == u"/2/files/upload_session/start"_s)
            startArg = QJsonDocument::fromJson(request.request.header("Dropbox-API-Arg")).object();
    }
    // An empty start, four whole chunks and a closing short one, an empty finish.
    QCOMPARE(routes.count(u"/2/files/upload_session/start"_s), 1);
    QCOMPARE(startArg.value(u"session_type"_s).toString(), sessionType);
    QCOMPARE(routes.count(u"/2/files/upload_session/append_v2"_s), 5);
    QCOMPARE(routes.count(u"/2/files/upload_session/finish"_s), 1);
    QVERIFY(!routes.contains(u"/2/files/upload"_s));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), data.size());
}

void TestDropboxStore::resumesSessionAfterALostReply_data()
{
    QTest::addColumn<int>("parallelChunks");
    // Sequential: the retry meets incorrect_offset and carries on from Dropbox's offset.
    QTest::newRow("sequential") << 1;
    // Concurrent: the retry sends the same piece again.
    QTest::newRow("concurrent") << DropboxUpload::DefaultParallelChunks;
}

void TestDropboxStore::resumesSessionAfterALostReply()
{
    QFETCH(int, parallelChunks);
    m_store->setUploadChunking(4 * 1024 * 1024, 8 * 1024 * 1024, parallelChunks);
    const QByteArray data = CoreTest::patternData(3 * 4 * 1024 * 1024 + 7);
    const QString local = writeLocal(u"big.pdf"_s, data);
    // The first append lands, but its answer is cut off.
    m_emulator->faults().add(u"/2/files/upload_session/append_v2"_s, FaultInjector::dropConnection(0));
    auto reply = await(m_store->upload(local, invoice(), u"big.pdf"_s));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/big.pdf"_s), data);
}

void TestDropboxStore::downloadIsNeverTakenFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers in Dropbox's stead: it is asked again, never written, not even in part.
    const QByteArray data = CoreTest::patternData(4096);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/contract.pdf"_s, data));
    m_emulator->faults().add(u"/2/files/download"_s, FaultInjector::portal());
    const QString target = m_dir->filePath(u"contract.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { invoice(), u"contract.pdf"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), data);
    QCOMPARE(m_emulator->requestCount(u"/2/files/download"_s), 2);
}

void TestDropboxStore::downloadsAndComparesBytes()
{
    const QByteArray data = CoreTest::patternData(5 * 1024 * 1024 + 3);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/contract.pdf"_s, data));
    const QString target = m_dir->filePath(u"contract.pdf"_s);
    auto reply = await(m_store->download(AttachmentRef { invoice(), u"contract.pdf"_s }, target));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), data);
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"contract.pdf"_s });
}

// A download the user stopped part-way leaves no partial file behind, though Dropbox's could be carried on.
void TestDropboxStore::cancelledDownloadLeavesNothing()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/contract.pdf"_s, CoreTest::patternData(2 * 1024 * 1024)));
    m_emulator->faults().add(u"/2/files/download"_s, FaultInjector::stall(64 * 1024));
    const QString folder = m_dir->filePath(u"saved"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(CoreTest::leftByCancelledDownload(*m_store, AttachmentRef { invoice(), u"contract.pdf"_s }, folder),
             QStringList());
}

void TestDropboxStore::failedDownloadKeepsExistingFile()
{
    const QString target = writeLocal(u"old.pdf"_s, "precious");
    auto reply = await(m_store->download(AttachmentRef { invoice(), u"missing.pdf"_s }, target));
    QCOMPARE(reply->error(), StoreReply::Error::NotFound);
    QVERIFY2(reply->errorString().contains(u"missing.pdf"_s), qPrintable(reply->errorString()));
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"old.pdf"_s });
}

// A full disk (here the process's file size limit) stops a download as the disk's failure, not the network's, which
// would have the transfer wait for a connection that is there. The target keeps what it had. Larger than two of
// DownloadFile's blocks, so that the disk fails while the answer still arrives.
void TestDropboxStore::downloadOntoAFullDiskSaysSo()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/contract.pdf"_s, CoreTest::patternData(9 * 1024 * 1024)));
    const QString target = writeLocal(u"contract.pdf"_s, "precious");
    QVERIFY(!target.isEmpty());
    CoreTest::FileSizeLimit limit(1024 * 1024);
    QVERIFY(limit.isActive());
    auto downloaded = await(m_store->download(AttachmentRef { invoice(), u"contract.pdf"_s }, target));
    limit.lift();
    QCOMPARE(downloaded->error(), StoreReply::Error::DiskFull);
    QCOMPARE(downloaded->errorString(),
             u"“%1” is larger than the disk it goes to can hold in one file."_s.arg(QDir::toNativeSeparators(target)));
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
}

void TestDropboxStore::thumbnailsComeSingleAndBatched()
{
    for (const QString& name : { u"a.jpg"_s, u"b.jpg"_s, u"c.jpg"_s })
        QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/"_s + name, image(800, 600)));
    m_emulator->clearRequests();
    // Asked for in one turn of the event loop, as a view asks for a page: one batch.
    std::vector<std::unique_ptr<StoreReply>> replies;
    QList<StoreReply*> raw;
    for (const QString& name : { u"a.jpg"_s, u"b.jpg"_s, u"c.jpg"_s })
        raw.append(m_store->thumbnail(AttachmentRef { invoice(), name }, QSize(256, 256)));
    for (StoreReply* reply : raw)
        replies.push_back(await(reply));
    for (const auto& reply : replies) {
        QCOMPARE(reply->error(), StoreReply::Error::None);
        const QImage thumbnail = QImage::fromData(reply->data());
        QVERIFY(!thumbnail.isNull());
        QVERIFY(thumbnail.width() <= 256 && thumbnail.height() <= 256);
    }
    auto single = await(m_store->thumbnail(AttachmentRef { invoice(), u"a.jpg"_s }, QSize(64, 64)));
    QCOMPARE(single->error(), StoreReply::Error::None);
    QVERIFY(QImage::fromData(single->data()).width() <= 64);
    QStringList routes;
    for (const auto& request : m_emulator->requests()) {
        if (request.request.path().contains(u"thumbnail"_s))
            routes.append(request.request.path());
    }
    QCOMPARE(routes, (QStringList { u"/2/files/get_thumbnail_batch"_s, u"/2/files/get_thumbnail_v2"_s }));
}

void TestDropboxStore::removesAndMoves()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Inbox/Unsorted/scan.pdf"_s, "scan"));
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/scan.pdf"_s, "other"));
    const EntityRef inbox { EntityType::Inbox, u"Unsorted"_s };
    auto moved = await(m_store->move(AttachmentRef { inbox, u"scan.pdf"_s }, invoice()));
    QCOMPARE(moved->error(), StoreReply::Error::None);
    // Nothing is overwritten: the name was taken, so Dropbox numbered it.
    QCOMPARE(moved->attachment().name, u"scan (1).pdf"_s);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Inbox/Unsorted/scan.pdf"_s));
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/scan (1).pdf"_s), QByteArray("scan"));

    auto removed = await(m_store->remove(AttachmentRef { invoice(), u"scan.pdf"_s }));
    QCOMPARE(removed->error(), StoreReply::Error::None);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/scan.pdf"_s));
    auto again = await(m_store->remove(AttachmentRef { invoice(), u"scan.pdf"_s }));
    QCOMPARE(again->error(), StoreReply::Error::NotFound);
}

// Renamed with move_v2 in place, without autorename: a taken name is refused rather than numbered.
void TestDropboxStore::renamesWithoutNumbering()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/scan.pdf"_s, "scan"));
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/receipt.pdf"_s, "receipt"));
    const AttachmentRef scan { invoice(), u"scan.pdf"_s };
    auto taken = await(m_store->rename(scan, u"receipt.pdf"_s));
    QCOMPARE(taken->error(), StoreReply::Error::AlreadyExists);
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/receipt.pdf"_s), QByteArray("receipt"));
    auto renamed = await(m_store->rename(scan, u"Kvitto mars.pdf"_s));
    QCOMPARE(renamed->error(), StoreReply::Error::None);
    QCOMPARE(renamed->attachment().name, u"Kvitto mars.pdf"_s);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/scan.pdf"_s));
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/Kvitto mars.pdf"_s), QByteArray("scan"));
    auto hostile = await(m_store->rename(AttachmentRef { invoice(), u"Kvitto mars.pdf"_s }, u"../x.pdf"_s));
    QCOMPARE(hostile->error(), StoreReply::Error::InvalidName);
}

void TestDropboxStore::hostileNamesNeverReachDropbox()
{
    m_emulator->clearRequests();
    const QString local = writeLocal(u"x.pdf"_s, "x");
    auto upload = await(m_store->upload(local, invoice(), u"../../x.pdf"_s));
    QCOMPARE(upload->error(), StoreReply::Error::InvalidName);
    auto download = await(m_store->download(AttachmentRef { EntityRef { EntityType::Invoices, u".."_s }, u"x.pdf"_s },
                                            m_dir->filePath(u"y.pdf"_s)));
    QCOMPARE(download->error(), StoreReply::Error::InvalidName);
    QVERIFY(m_emulator->requests().isEmpty());
}

void TestDropboxStore::waitsOutRateLimit()
{
    m_emulator->faults().add(u"/2/files/upload"_s, FaultInjector::rateLimited(1, true));
    m_emulator->faults().add(u"/2/files/list_folder"_s, FaultInjector::rateLimited(1, false));
    const QString local = writeLocal(u"a.txt"_s, "a");
    auto upload = await(m_store->upload(local, invoice(), u"a.txt"_s));
    QCOMPARE(upload->error(), StoreReply::Error::None);
    auto list = await(m_store->listAttachments(invoice()));
    QCOMPARE(list->error(), StoreReply::Error::None);
    QCOMPARE(list->attachments().size(), 1);
}

void TestDropboxStore::retriesServerErrors()
{
    m_emulator->faults().add(u"/2/files/create_folder_v2"_s, FaultInjector::serverError(500), 2);
    m_emulator->faults().add(u"/2/files/delete_v2"_s, FaultInjector::serverError(503));
    auto created = await(m_store->createEntity(invoice()));
    QCOMPARE(created->error(), StoreReply::Error::None);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/a.txt"_s, "a"));
    auto removed = await(m_store->remove(AttachmentRef { invoice(), u"a.txt"_s }));
    QCOMPARE(removed->error(), StoreReply::Error::None);
}

void TestDropboxStore::renewsExpiredAccessToken()
{
    auto first = await(m_store->listEntities(EntityType::Invoices));
    QCOMPARE(first->error(), StoreReply::Error::None);
    m_emulator->expireAccessTokens();
    m_emulator->faults().add(u"/2/files/list_folder"_s, FaultInjector::expiredToken());
    auto second = await(m_store->listEntities(EntityType::Invoices));
    QCOMPARE(second->error(), StoreReply::Error::None);
    const auto requests = m_emulator->requests();
    QVERIFY(std::count_if(requests.cbegin(), requests.cend(),
                          [](const auto& request) { return request.request.path() == u"/oauth2/token"_s; })
            >= 2);
}

void TestDropboxStore::portalsPageIsNeverTakenForTokens()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/receipt.pdf"_s, "pdf"));
    QSignalSpy signedOut(m_store.get(), &DropboxStore::signInRequired);
    // A Wi-Fi sign-in page answers the renewal in Dropbox's stead: asked again, the renewal goes through.
    m_emulator->faults().add(u"/oauth2/token"_s, FaultInjector::portal());
    auto listed = await(m_store->listAttachments(invoice()));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QCOMPARE(listed->attachments().size(), 1);
    QCOMPARE(m_emulator->requestCount(u"/oauth2/token"_s), 2);
    QCOMPARE(signedOut.size(), 0);
}

void TestDropboxStore::recoversFromDroppedDownload()
{
    const QByteArray data = CoreTest::patternData(2 * 1024 * 1024);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/a.bin"_s, data));
    m_emulator->faults().add(u"/2/files/download"_s, FaultInjector::dropConnection(1024 * 1024));
    const QString target = m_dir->filePath(u"a.bin"_s);
    m_emulator->clearRequests();
    auto reply = await(m_store->download(AttachmentRef { invoice(), u"a.bin"_s }, target));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), data);
    // The retry asked only for what had not arrived.
    QCOMPARE(downloadRanges(), (QList<QByteArray> { {}, "bytes=1048576-" }));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"a.bin"_s });
}

void TestDropboxStore::downloadCheckpointsAsItArrives()
{
    const QByteArray data = CoreTest::patternData(4 * DropboxDownload::CheckpointStep + 5);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/scan.pdf"_s, data));
    const QString target = m_dir->filePath(u"scan.pdf"_s);
    StoreReply* reply = m_store->download(AttachmentRef { invoice(), u"scan.pdf"_s }, target);
    QSignalSpy checkpoints(reply, &StoreReply::checkpoint);
    QCOMPARE(await(reply)->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), data);
    // Every few MiB, not with every piece; how many depends on how far the disk lags behind the network.
    QVERIFY(!checkpoints.isEmpty());
    qint64 previous = 0;
    for (const QList<QVariant>& arguments : std::as_const(checkpoints)) {
        const qint64 offset
            = QJsonDocument::fromJson(arguments.at(0).toByteArray()).object().value(u"offset"_s).toInteger();
        QVERIFY(offset - previous >= DropboxDownload::CheckpointStep);
        QVERIFY(offset <= data.size());
        previous = offset;
    }
}

void TestDropboxStore::resumedDownloadLeavesAFileThatCameMeanwhile()
{
    // The user saved a file under the name while the download waited: it is kept, and nothing more is asked for.
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/scan.pdf"_s, CoreTest::patternData(5 * 1024 * 1024)));
    const QString target = m_dir->filePath(u"scan.pdf"_s);
    const QByteArray checkpoint = interruptedDownload(u"scan.pdf"_s, target, 3 * 1024 * 1024);
    QVERIFY(CoreTest::writeFile(target, "the user's own"));
    m_emulator->clearRequests();
    auto resumed
        = await(m_store->download(AttachmentRef { invoice(), u"scan.pdf"_s }, target, checkpoint, ExistingFile::Keep));
    QCOMPARE(resumed->error(), StoreReply::Error::AlreadyExists);
    QCOMPARE(CoreTest::readFile(target), QByteArray("the user's own"));
    QCOMPARE(downloadRanges(), QList<QByteArray>());
}

void TestDropboxStore::resumesInterruptedDownloadWithRange()
{
    const QByteArray data = CoreTest::patternData(5 * 1024 * 1024 + 3);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/scan.pdf"_s, data));
    const QString target = m_dir->filePath(u"scan.pdf"_s);
    m_emulator->clearRequests();
    const QByteArray checkpoint = interruptedDownload(u"scan.pdf"_s, target, 3 * 1024 * 1024);
    const QJsonObject state = QJsonDocument::fromJson(checkpoint).object();
    const qint64 offset = state.value(u"offset"_s).toInteger();
    // Everything the cut let through is written and in the checkpoint.
    QCOMPARE(offset, 3 * 1024 * 1024);
    QCOMPARE(state.value(u"partial"_s).toString(), DownloadFile::partialPath(target));
    QCOMPARE(state.value(u"target"_s).toString(), target);
    QVERIFY(!state.value(u"rev"_s).toString().isEmpty());
    QCOMPARE(CoreTest::readFile(DownloadFile::partialPath(target)), data.first(offset));
    QVERIFY(!QFileInfo::exists(target));
    // The retry in the stopped download had asked for the rest already.
    QCOMPARE(downloadRanges(), (QList<QByteArray> { {}, "bytes=3145728-" }));

    m_emulator->clearRequests();
    auto resumed = await(
        m_store->download(AttachmentRef { invoice(), u"scan.pdf"_s }, target, checkpoint, ExistingFile::Replace));
    QCOMPARE(resumed->error(), StoreReply::Error::None);
    QCOMPARE(resumed->attachment().contentHash, ContentHasher::hashFile(target));
    QCOMPARE(CoreTest::readFile(target), data);
    QCOMPARE(downloadRanges(), QList<QByteArray> { "bytes=" + QByteArray::number(offset) + '-' });
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"scan.pdf"_s });
}

void TestDropboxStore::downloadStartsOverWhenTheRevisionChanged_data()
{
    QTest::addColumn<qint64>("newSize");
    // Dropbox gives the rest of the new revision: its rev tells it apart.
    QTest::newRow("same size") << qint64(5 * 1024 * 1024 + 3);
    // Nothing follows the bytes kept: 416.
    QTest::newRow("shorter") << qint64(2 * 1024 * 1024);
}

void TestDropboxStore::downloadStartsOverWhenTheRevisionChanged()
{
    QFETCH(qint64, newSize);
    const QString remote = u"/Accounting/Invoices/4455/scan.pdf"_s;
    QVERIFY(m_emulator->putFile(remote, CoreTest::patternData(5 * 1024 * 1024 + 3)));
    const QString target = m_dir->filePath(u"scan.pdf"_s);
    const QByteArray checkpoint = interruptedDownload(u"scan.pdf"_s, target, 3 * 1024 * 1024);
    QVERIFY(!checkpoint.isEmpty());
    // Replaced in Dropbox meanwhile.
    const QByteArray replaced = CoreTest::patternData(newSize + 1).sliced(1);
    QVERIFY(m_emulator->putFile(remote, replaced));

    m_emulator->clearRequests();
    auto reply = await(
        m_store->download(AttachmentRef { invoice(), u"scan.pdf"_s }, target, checkpoint, ExistingFile::Replace));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), replaced);
    QCOMPARE(downloadRanges(), (QList<QByteArray> { "bytes=3145728-", {} }));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"scan.pdf"_s });
}

void TestDropboxStore::downloadStartsOverWhenTheCheckpointDoesNotFit_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("partial file gone") << u"gone"_s;
    QTest::newRow("partial file shorter") << u"shorter"_s;
    QTest::newRow("another target") << u"another target"_s;
    QTest::newRow("not a checkpoint") << u"garbage"_s;
}

void TestDropboxStore::downloadStartsOverWhenTheCheckpointDoesNotFit()
{
    QFETCH(QString, change);
    const QByteArray data = CoreTest::patternData(5 * 1024 * 1024 + 3);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/scan.pdf"_s, data));
    const QString target = m_dir->filePath(u"scan.pdf"_s);
    QByteArray checkpoint = interruptedDownload(u"scan.pdf"_s, target, 3 * 1024 * 1024);
    QVERIFY(!checkpoint.isEmpty());
    const QString partial = DownloadFile::partialPath(target);
    QString downloadTo = target;
    if (change == u"gone"_s) {
        QVERIFY(QFile::remove(partial));
    } else if (change == u"shorter"_s) {
        QFile file(partial);
        QVERIFY(file.resize(1024 * 1024));
    } else if (change == u"another target"_s) {
        downloadTo = m_dir->filePath(u"copy.pdf"_s);
    } else {
        checkpoint = "{\"offset\": \"x\"";
    }

    m_emulator->clearRequests();
    auto reply = await(
        m_store->download(AttachmentRef { invoice(), u"scan.pdf"_s }, downloadTo, checkpoint, ExistingFile::Replace));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(downloadTo), data);
    QCOMPARE(downloadRanges(), QList<QByteArray> { {} });
}

void TestDropboxStore::revokedRefreshTokenSignsOut()
{
    m_store->setRefreshToken(u"not-a-token"_s);
    QSignalSpy signedOut(m_store.get(), &DropboxStore::signInRequired);
    auto reply = await(m_store->listEntities(EntityType::Invoices));
    QCOMPARE(reply->error(), StoreReply::Error::SignedOut);
    QVERIFY(signedOut.count() >= 1 || signedOut.wait());
}

void TestDropboxStore::resumesSessionFromCheckpoint_data()
{
    QTest::addColumn<int>("parallelChunks");
    QTest::newRow("sequential") << 1;
    QTest::newRow("concurrent") << DropboxUpload::DefaultParallelChunks;
}

void TestDropboxStore::resumesSessionFromCheckpoint()
{
    QFETCH(int, parallelChunks);
    constexpr qint64 chunk = 4 * 1024 * 1024;
    m_store->setUploadChunking(chunk, 2 * chunk, parallelChunks);
    const QByteArray data = CoreTest::patternData(4 * chunk + 12345);
    const QString local = writeLocal(u"scan.tiff"_s, data);
    // Two appends get through; every later one meets a server error, retried until the upload is stopped,
    // the way a crash or kill leaves it.
    m_emulator->faults().add(u"/2/files/upload_session/append_v2"_s, FaultInjector::slow(0), 2);
    m_emulator->faults().add(u"/2/files/upload_session/append_v2"_s, FaultInjector::serverError(503), 100);
    StoreReply* first = m_store->upload(local, invoice(), u"scan.tiff"_s);
    QSignalSpy checkpoints(first, &StoreReply::checkpoint);
    const auto confirmedBytes = [&checkpoints] {
        if (checkpoints.isEmpty())
            return qint64(0);
        qint64 bytes = 0;
        const QJsonArray ranges
            = QJsonDocument::fromJson(checkpoints.last().at(0).toByteArray()).object().value(u"confirmed"_s).toArray();
        for (const QJsonValue& range : ranges)
            bytes += range[1].toInteger();
        return bytes;
    };
    QTRY_COMPARE_WITH_TIMEOUT(confirmedBytes(), 2 * chunk, 30000);
    const QByteArray checkpoint = checkpoints.last().at(0).toByteArray();
    first->abort();
    QCOMPARE(await(first)->error(), StoreReply::Error::Cancelled);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/scan.tiff"_s));

    m_emulator->faults().clear();
    m_emulator->clearRequests();
    auto resumed = await(m_store->upload(local, invoice(), u"scan.tiff"_s, checkpoint));
    QCOMPARE(resumed->error(), StoreReply::Error::None);
    QCOMPARE(resumed->attachment().name, u"scan.tiff"_s);
    QCOMPARE(m_emulator->fileContentHash(u"/Accounting/Invoices/4455/scan.tiff"_s), ContentHasher::hashFile(local));
    QStringList routes;
    QList<qint64> offsets;
    for (const auto& request : m_emulator->requests()) {
        routes.append(request.request.path());
        if (request.request.path() == u"/2/files/upload_session/append_v2"_s)
            offsets.append(QJsonDocument::fromJson(request.request.header("Dropbox-API-Arg"))
                               .object()
                               .value(u"cursor"_s)
                               .toObject()
                               .value(u"offset"_s)
                               .toInteger());
    }
    // The same session, carried on with the chunks Dropbox had not confirmed (which ones those are depends
    // on the order the concurrent appends were answered in): nothing sent twice.
    QCOMPARE(routes.count(u"/2/files/upload_session/start"_s), 0);
    QList<qint64> unconfirmed { 0, chunk, 2 * chunk, 3 * chunk, 4 * chunk };
    const QJsonArray ranges = QJsonDocument::fromJson(checkpoint).object().value(u"confirmed"_s).toArray();
    for (const QJsonValue& range : ranges) {
        for (qint64 offset = range[0].toInteger(); offset < range[0].toInteger() + range[1].toInteger();
             offset += chunk)
            unconfirmed.removeOne(offset);
    }
    QCOMPARE(unconfirmed.size(), 3);
    // As a set: an append of the stopped upload that was already on its way may still reach the emulator
    // after the log was cleared, and it can only be one of the unconfirmed chunks.
    QCOMPARE(QSet<qint64>(offsets.cbegin(), offsets.cend()), QSet<qint64>(unconfirmed.cbegin(), unconfirmed.cend()));
    QCOMPARE(routes.count(u"/2/files/upload_session/finish"_s), 1);
}

void TestDropboxStore::unknownSessionInCheckpointStartsAgain_data()
{
    QTest::addColumn<int>("confirmedChunks");
    // Appends meet the unknown session.
    QTest::newRow("part confirmed") << 1;
    // Only the finish is left, and meets it: a resumed upload must not end with "not found".
    QTest::newRow("all confirmed") << 4;
}

void TestDropboxStore::unknownSessionInCheckpointStartsAgain()
{
    QFETCH(int, confirmedChunks);
    constexpr qint64 chunk = 4 * 1024 * 1024;
    m_store->setUploadChunking(chunk, 2 * chunk, DropboxUpload::DefaultParallelChunks);
    const QString local = writeLocal(u"scan.tiff"_s, CoreTest::patternData(3 * chunk + 5));
    const QFileInfo info(local);
    QJsonArray confirmed;
    for (int n = 0; n < confirmedChunks; ++n)
        confirmed.append(QJsonArray { n * chunk, std::min(chunk, info.size() - n * chunk) });
    // A checkpoint whose session Dropbox has forgotten (sessions expire).
    const QJsonObject stale {
        { u"session"_s, u"pid_upload_session:expired"_s },
        { u"concurrent"_s, true },
        { u"chunk"_s, chunk },
        { u"size"_s, info.size() },
        { u"modified"_s, info.lastModified().toMSecsSinceEpoch() },
        { u"confirmed"_s, confirmed },
    };
    m_emulator->clearRequests();
    auto reply = await(m_store->upload(local, invoice(), u"scan.tiff"_s, QJsonDocument(stale).toJson()));
    QCOMPARE(reply->error(), StoreReply::Error::None);
    QCOMPARE(m_emulator->fileContentHash(u"/Accounting/Invoices/4455/scan.tiff"_s), ContentHasher::hashFile(local));
    QStringList routes;
    int staleRequests = 0;
    for (const auto& request : m_emulator->requests()) {
        const bool stale = request.request.header("Dropbox-API-Arg").contains("pid_upload_session:expired");
        staleRequests += stale ? 1 : 0;
        if (!stale)
            routes.append(request.request.path());
    }
    // The checkpoint's session was tried, then a new one carried the whole file.
    QVERIFY(staleRequests > 0);
    QCOMPARE(routes.count(u"/2/files/upload_session/start"_s), 1);
    QCOMPARE(routes.count(u"/2/files/upload_session/append_v2"_s), 4);
    QCOMPARE(routes.count(u"/2/files/upload_session/finish"_s), 1);
}

// The answer to a finish is lost after Dropbox stored the file under a numbered name, the upload's own being taken.
// The retried finish finds its session spent and another document under the name: the queue's next attempt finds
// the upload under the numbered name and sends nothing again.
void TestDropboxStore::lostFinishAnswerUnderANumberedName()
{
    const QByteArray data = CoreTest::patternData(9 * 1024 * 1024);
    const QString local = sessionUploadOfATakenName(data);
    QVERIFY(!local.isEmpty());
    m_emulator->faults().add(u"/2/files/upload_session/finish"_s, FaultInjector::dropConnection(0));
    TransferQueue queue(m_store.get());
    RetryPolicy retries;
    retries.baseDelayMs = 10;
    retries.maxDelayMs = 50;
    queue.setRetryPolicy(retries);
    QSignalSpy finished(&queue, &TransferQueue::transferFinished);
    const int id = queue.enqueueUpload(local, invoice(), u"scan.tiff"_s);
    QVERIFY(finished.wait(30000));
    QCOMPARE(queue.transfer(id).errorString, QString());
    QCOMPARE(queue.transfer(id).state, Transfer::State::Done);
    QCOMPARE(queue.transfer(id).result.name, u"scan (1).tiff"_s);
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/scan (1).tiff"_s), data);
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/scan.tiff"_s), QByteArray("another scan"));
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/scan (2).tiff"_s));
}

// The same for an upload resumed from its checkpoint: the finish's lost answer is no expired session, and the file is
// not sent again.
void TestDropboxStore::lostFinishAnswerOfAResumedUpload()
{
    const QByteArray data = CoreTest::patternData(9 * 1024 * 1024);
    const QString local = sessionUploadOfATakenName(data);
    QVERIFY(!local.isEmpty());
    // Every chunk confirmed, the finish refused: the checkpoint holds the whole session.
    m_emulator->faults().add(u"/2/files/upload_session/finish"_s, FaultInjector::serverError(400));
    StoreReply* interrupted = m_store->upload(local, invoice(), u"scan.tiff"_s);
    QSignalSpy checkpoints(interrupted, &StoreReply::checkpoint);
    QVERIFY(await(interrupted)->error() != StoreReply::Error::None);
    QVERIFY(!checkpoints.isEmpty());

    m_emulator->faults().add(u"/2/files/upload_session/finish"_s, FaultInjector::dropConnection(0));
    auto resumed = await(m_store->upload(local, invoice(), u"scan.tiff"_s, checkpoints.last().at(0).toByteArray()));
    QCOMPARE(resumed->error(), StoreReply::Error::Server);
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/scan (1).tiff"_s), data);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/scan (2).tiff"_s));
}

void TestDropboxStore::cancelsAnUpload()
{
    const QString local = writeLocal(u"big.bin"_s, CoreTest::patternData(3 * 4 * 1024 * 1024));
    m_emulator->faults().add(u"/2/files/upload_session/append_v2"_s, FaultInjector::slow(60000), 3);
    QSignalSpy received(m_emulator.get(), &EmulatorServer::requestReceived);
    StoreReply* reply = m_store->upload(local, invoice(), u"big.bin"_s);
    // All three chunks are in flight at once, none answered.
    const auto appends = [&received] {
        return int(std::count_if(received.cbegin(), received.cend(), [](const QList<QVariant>& arguments) {
            return arguments.at(0).toString() == u"/2/files/upload_session/append_v2"_s;
        }));
    };
    QTRY_COMPARE(appends(), 3);
    reply->abort();
    auto owned = await(reply);
    QCOMPARE(owned->error(), StoreReply::Error::Cancelled);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/big.bin"_s));
}

namespace {
QList<EntityRef> changedEntities(const QSignalSpy& spy)
{
    QList<EntityRef> entities;
    for (const QList<QVariant>& signal : spy)
        entities += signal.at(1).value<QList<EntityRef>>();
    return entities;
}
} // namespace

void TestDropboxStore::removeKeepsADocumentChangedSince()
{
    const QString path = u"/Accounting/Invoices/4455/draft.txt"_s;
    QVERIFY(m_emulator->putFile(path, "first"));
    const QString firstHash = m_emulator->fileContentHash(path);
    // A colleague saves a new version after the user chose to delete the first.
    QVERIFY(m_emulator->putFile(path, "second, longer"));

    auto refused = await(m_store->remove(AttachmentRef { invoice(), u"draft.txt"_s }, firstHash));
    QCOMPARE(refused->error(), StoreReply::Error::Changed);
    QVERIFY2(refused->errorString().contains(u"draft.txt"_s), qPrintable(refused->errorString()));
    QCOMPARE(m_emulator->fileContent(path), QByteArray("second, longer"));

    // Changed between the look-up and the delete: the delete names the revision it saw, and Dropbox refuses it.
    const QString secondHash = m_emulator->fileContentHash(path);
    QMetaObject::Connection racing
        = connect(m_emulator.get(), &EmulatorServer::requestReceived, this, [this, &path](const QString& route) {
              if (route == u"/2/files/delete_v2"_s)
                  m_emulator->putFile(path, "third, at the last moment");
          });
    auto raced = await(m_store->remove(AttachmentRef { invoice(), u"draft.txt"_s }, secondHash));
    disconnect(racing);
    QCOMPARE(raced->error(), StoreReply::Error::Changed);
    QCOMPARE(m_emulator->fileContent(path), QByteArray("third, at the last moment"));

    auto removed
        = await(m_store->remove(AttachmentRef { invoice(), u"draft.txt"_s }, m_emulator->fileContentHash(path)));
    QCOMPARE(removed->error(), StoreReply::Error::None);
    QVERIFY(!m_emulator->hasFile(path));
}

void TestDropboxStore::watchReportsChangesMadeElsewhere()
{
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/a.pdf"_s, "a"));
    QSignalSpy cursors(m_store.get(), &Store::watchStateChanged);
    QSignalSpy changed(m_store.get(), &Store::changed);
    QVERIFY(m_store->startWatching({}));
    QVERIFY(cursors.wait());
    QVERIFY(!cursors.first().first().toByteArray().isEmpty());
    QCOMPARE(changed.count(), 0);

    // A colleague adds a document; the long poll answers, and continue tells where.
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/b.pdf"_s, "b"));
    QVERIFY(changed.wait());
    QCOMPARE(changedEntities(changed), QList<EntityRef> { invoice() });
    QVERIFY(changed.first().first().value<QList<EntityType>>().isEmpty());

    // An accountant removes one; and a new record appears, with its id as Dropbox shows it.
    changed.clear();
    QVERIFY(m_emulator->removePath(u"/Accounting/Invoices/4455/a.pdf"_s));
    QTRY_COMPARE(changedEntities(changed), QList<EntityRef> { invoice() });
    changed.clear();
    QVERIFY(m_emulator->putFile(u"/Accounting/Customers/ACME01/contract.pdf"_s, "c"));
    const EntityRef customer { EntityType::Customers, u"ACME01"_s };
    QTRY_VERIFY(changedEntities(changed).contains(customer));
    bool typeReported = false;
    for (const QList<QVariant>& signal : std::as_const(changed))
        typeReported |= signal.at(0).value<QList<EntityType>>().contains(EntityType::Customers);
    QVERIFY(typeReported);
}

void TestDropboxStore::watchCarriesOnFromAStoredCursor()
{
    QSignalSpy cursors(m_store.get(), &Store::watchStateChanged);
    QVERIFY(m_store->startWatching({}));
    QVERIFY(cursors.wait());
    const QByteArray stored = cursors.last().first().toByteArray();
    m_store.reset();

    // Changed while the app was closed: the next run hears of it from the stored cursor.
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/while-closed.pdf"_s, "x"));
    m_store = std::make_unique<DropboxStore>(DropboxEndpoints::withBaseUrl(m_emulator->baseUrl()), m_emulator->appKey(),
                                             u"/Accounting"_s);
    m_store->setRefreshToken(m_emulator->issueRefreshToken());
    QSignalSpy changed(m_store.get(), &Store::changed);
    QVERIFY(m_store->startWatching(stored));
    QVERIFY(changed.wait());
    QCOMPARE(changedEntities(changed), QList<EntityRef> { invoice() });
}

void TestDropboxStore::resetCursorMeansEverythingIsListedAgain()
{
    QSignalSpy cursors(m_store.get(), &Store::watchStateChanged);
    QVERIFY(m_store->startWatching({}));
    QVERIFY(cursors.wait());
    QSignalSpy changed(m_store.get(), &Store::changed);
    m_emulator->invalidateCursors();
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/after-reset.pdf"_s, "x"));
    QVERIFY(changed.wait());
    // Every type, to be listed whole, and watching goes on from a new cursor.
    QCOMPARE(changed.first().first().value<QList<EntityType>>(), EntityTypes::standard());
    QVERIFY(cursors.wait());
    changed.clear();
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/later.pdf"_s, "y"));
    QVERIFY(changed.wait());
    QCOMPARE(changedEntities(changed), QList<EntityRef> { invoice() });
}

void TestDropboxStore::watchKeepsToDropboxsBackoff()
{
    QSignalSpy cursors(m_store.get(), &Store::watchStateChanged);
    QVERIFY(m_store->startWatching({}));
    QVERIFY(cursors.wait());
    m_emulator->setLongpollBackoff(3600);
    QSignalSpy received(m_emulator.get(), &EmulatorServer::requestReceived);
    QSignalSpy changed(m_store.get(), &Store::changed);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/busy.pdf"_s, "x"));
    // The long poll said "changes, but back off for an hour": nothing more is asked meanwhile.
    QVERIFY(!changed.wait(1000));
    for (const QList<QVariant>& request : std::as_const(received))
        QVERIFY2(!request.first().toString().contains(u"continue"_s), qPrintable(request.first().toString()));

    // Asked to watch again (back online, say), it carries on at once.
    QVERIFY(m_store->startWatching({}));
    QVERIFY(changed.wait());
    QCOMPARE(changedEntities(changed), QList<EntityRef> { invoice() });
}

QTEST_GUILESS_MAIN(TestDropboxStore)
#include "TestDropboxStore.moc"
