// KashflowStore against the KashFlow emulator: paged lists, files listed, uploaded as ordered multipart forms,
// fetched through their signed links, deleted; sessions that end; KashFlow's errors; hostile names.

#include "CoreTestHelpers.h"
#include "EmulatorTestReply.h"
#include "FaultInjector.h"
#include "KashflowEmulator.h"
#include "KashflowStore.h"

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using CoreTest::await;

class TestKashflowStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listsEntitiesAcrossPages();
    void listsFilesWithKashFlowsFields();
    void listingIsNeverTakenFromAPortalsPage_data() { formats(); }
    void listingIsNeverTakenFromAPortalsPage();
    void uploadsAndNumbersATakenName();
    void uploadIsNeverTakenAsStoredFromAPortalsPage();
    void deleteIsNeverTakenAsDoneFromAPortalsPage();
    void downloadIsNeverTakenFromAPortalsPage();
    void uploadsToCustomersByCode();
    void downloadsThroughTheSignedLink();
    void downloadOntoAFullDiskSaysSo();
    void cancelledDownloadLeavesNothing();
    void thumbnailsOnlyWhereKashFlowHasThem();
    void deletes();
    void hostileNamesNeverReachKashFlow();
    void endedSessionSignsInAgainWithRememberedCredentials();
    void withoutASessionTheUserIsAsked();
    void kashFlowsMessageIsShown();
    void waitsOutRateLimit();
    void sendsThePdfToDropbox();
    void dropboxAuthenticationEndsAtTheRedirect_data() { formats(); }
    void dropboxAuthenticationEndsAtTheRedirect();
    void everythingWorksInXmlToo();

private:
    static void formats()
    {
        QTest::addColumn<KashflowPayload::Format>("format");
        QTest::newRow("json") << KashflowPayload::Format::Json;
        QTest::newRow("xml") << KashflowPayload::Format::Xml;
    }
    QString writeLocal(const QString& name, const QByteArray& data)
    {
        const QString path = m_dir->filePath(name);
        return CoreTest::writeFile(path, data) ? path : QString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<KashflowEmulator> m_emulator;
    std::unique_ptr<KashflowStore> m_store;
    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
};

void TestKashflowStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_emulator = std::make_unique<KashflowEmulator>(m_dir->filePath(u"emulator"_s));
    QVERIFY(m_emulator->listen());
    m_emulator->addEntity(EntityType::Invoices, u"4455"_s);
    m_emulator->addEntity(EntityType::Customers, u"ACME01"_s);
    m_store = std::make_unique<KashflowStore>(QUrl(m_emulator->baseUrl().toString() + u"/v2"_s));
    m_store->setSession(m_emulator->issueSessionToken());
}

void TestKashflowStore::cleanup()
{
    m_store.reset();
    m_emulator.reset();
    m_dir.reset();
}

void TestKashflowStore::listsEntitiesAcrossPages()
{
    m_emulator->setPageSize(3);
    for (int number = 4456; number < 4466; ++number)
        m_emulator->addEntity(EntityType::Invoices, QString::number(number));
    auto listed = await(m_store->listEntities(EntityType::Invoices));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QStringList ids;
    for (const Entity& entity : listed->entities())
        ids.append(entity.ref.id);
    QCOMPARE(ids.size(), 11);
    QVERIFY(ids.contains(u"4455"_s) && ids.contains(u"4465"_s));
    auto customers = await(m_store->listEntities(EntityType::Customers));
    QCOMPARE(customers->entities().value(0).ref.id, u"ACME01"_s);
    // KashFlow has no Inbox.
    QVERIFY(!m_store->entityTypes().contains(EntityType::Inbox));
    QCOMPARE(m_store->entityTypes().size(), 5);
}

void TestKashflowStore::listsFilesWithKashFlowsFields()
{
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"receipt.jpg"_s, QByteArray(164391, 'r')));
    auto listed = await(m_store->listAttachments(m_invoice));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    const Attachment receipt = listed->attachment();
    QCOMPARE(receipt.name, u"receipt.jpg"_s);
    QCOMPARE(receipt.sizeInBytes, 164391);
    QCOMPARE(receipt.sizeToBeDisplayed, u"160.5 KB"_s);
    QCOMPARE(receipt.icon, u"page_white_picture"_s);
    QVERIFY(receipt.isThumbnailAvailable);
    QVERIFY(!receipt.fileUri.isEmpty());
}

void TestKashflowStore::listingIsNeverTakenFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers the first request in KashFlow's stead: it is asked again, not read as nothing.
    QFETCH(KashflowPayload::Format, format);
    m_store->setFormat(format);
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"receipt.jpg"_s, "jpg"));
    m_emulator->faults().add(u"*"_s, FaultInjector::portal());
    auto entities = await(m_store->listEntities(EntityType::Invoices));
    QCOMPARE(entities->error(), StoreReply::Error::None);
    QCOMPARE(entities->entities().size(), 1);
    m_emulator->faults().add(u"*"_s, FaultInjector::portal());
    auto attachments = await(m_store->listAttachments(m_invoice));
    QCOMPARE(attachments->error(), StoreReply::Error::None);
    QCOMPARE(attachments->attachments().size(), 1);
    QCOMPARE(m_emulator->requests().size(), 4);
}

void TestKashflowStore::uploadsAndNumbersATakenName()
{
    QByteArray data(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char(i * 31 % 251);
    const QString path = writeLocal(u"Invoice scan.pdf"_s, data);
    auto first = await(m_store->upload(path, m_invoice, u"Invoice scan.pdf"_s));
    QCOMPARE(first->error(), StoreReply::Error::None);
    QCOMPARE(first->attachment().name, u"Invoice scan.pdf"_s);
    QCOMPARE(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, u"Invoice scan.pdf"_s), data);
    // Nothing is overwritten: the second gets the next numbered name.
    auto second = await(m_store->upload(path, m_invoice, u"Invoice scan.pdf"_s));
    QCOMPARE(second->error(), StoreReply::Error::None);
    QCOMPARE(second->attachment().name, u"Invoice scan (1).pdf"_s);
    QCOMPARE(m_emulator->fileNames(EntityType::Invoices, u"4455"_s).size(), 2);
}

void TestKashflowStore::uploadIsNeverTakenAsStoredFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers the upload in KashFlow's stead. Sent again it could be stored twice, were it the
    // answer that was lost: it fails, for the transfer queue to find out what became of it.
    const QString path = writeLocal(u"receipt.pdf"_s, "pdf");
    m_emulator->faults().add(u"/v2/invoices/files"_s, FaultInjector::portal());
    auto upload = await(m_store->upload(path, m_invoice, u"receipt.pdf"_s));
    QCOMPARE(upload->error(), StoreReply::Error::Network);
    QVERIFY2(upload->errorString().contains(u"sign-in page"_s), qPrintable(upload->errorString()));
    QVERIFY(m_emulator->fileNames(EntityType::Invoices, u"4455"_s).isEmpty());
}

void TestKashflowStore::uploadsToCustomersByCode()
{
    const QString path = writeLocal(u"contract.txt"_s, "Net 30");
    auto uploaded = await(m_store->upload(path, EntityRef { EntityType::Customers, u"ACME01"_s }, u"contract.txt"_s));
    QCOMPARE(uploaded->error(), StoreReply::Error::None);
    QCOMPARE(m_emulator->fileContent(EntityType::Customers, u"ACME01"_s, u"contract.txt"_s), QByteArray("Net 30"));
}

void TestKashflowStore::downloadsThroughTheSignedLink()
{
    const QByteArray data = CoreTest::patternData(2 * 1024 * 1024);
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"statement.pdf"_s, data));
    const QString target = m_dir->filePath(u"statement.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { m_invoice, u"statement.pdf"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), data);
    // A document that is not there leaves nothing behind.
    const QString missing = m_dir->filePath(u"missing.pdf"_s);
    auto notThere = await(m_store->download(AttachmentRef { m_invoice, u"missing.pdf"_s }, missing));
    QCOMPARE(notThere->error(), StoreReply::Error::NotFound);
    QVERIFY(!QFileInfo::exists(missing));
}

// A full disk (here the process's file size limit) stops a download as the disk's failure, not the network's, which
// would have the transfer wait for a connection that is there. The target keeps what it had. Larger than two of
// DownloadFile's blocks, so that the disk fails while the answer still arrives.
void TestKashflowStore::downloadOntoAFullDiskSaysSo()
{
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"statement.pdf"_s,
                                CoreTest::patternData(9 * 1024 * 1024)));
    const QString target = writeLocal(u"statement.pdf"_s, "precious");
    QVERIFY(!target.isEmpty());
    CoreTest::FileSizeLimit limit(1024 * 1024);
    QVERIFY(limit.isActive());
    auto downloaded = await(m_store->download(AttachmentRef { m_invoice, u"statement.pdf"_s }, target));
    limit.lift();
    QCOMPARE(downloaded->error(), StoreReply::Error::DiskFull);
    QCOMPARE(downloaded->errorString(),
             u"“%1” is larger than the disk it goes to can hold in one file."_s.arg(QDir::toNativeSeparators(target)));
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
}

// A download stopped part-way leaves no partial file: a whole-file download is never carried on.
void TestKashflowStore::cancelledDownloadLeavesNothing()
{
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"statement.pdf"_s,
                                CoreTest::patternData(2 * 1024 * 1024)));
    m_emulator->faults().add(u"/1/files/sandbox/Invoices/4455/statement.pdf"_s, FaultInjector::stall(64 * 1024));
    const QString folder = m_dir->filePath(u"saved"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(CoreTest::leftByCancelledDownload(*m_store, AttachmentRef { m_invoice, u"statement.pdf"_s }, folder),
             QStringList());
}

void TestKashflowStore::thumbnailsOnlyWhereKashFlowHasThem()
{
    QImage picture(400, 300, QImage::Format_RGB32);
    picture.fill(Qt::darkCyan);
    const QString image = writeLocal(u"photo.png"_s, {});
    QVERIFY(picture.save(image));
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"photo.png"_s, CoreTest::readFile(image)));
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"terms.pdf"_s, "%PDF-1.4"));
    auto thumbnail = await(m_store->thumbnail(AttachmentRef { m_invoice, u"photo.png"_s }, QSize(128, 128)));
    QCOMPARE(thumbnail->error(), StoreReply::Error::None);
    QVERIFY(!QImage::fromData(thumbnail->data()).isNull());
    auto none = await(m_store->thumbnail(AttachmentRef { m_invoice, u"terms.pdf"_s }, QSize(128, 128)));
    QCOMPARE(none->error(), StoreReply::Error::Unsupported);
}

void TestKashflowStore::deletes()
{
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"old.pdf"_s, "old"));
    auto removed = await(m_store->remove(AttachmentRef { m_invoice, u"old.pdf"_s }));
    QCOMPARE(removed->error(), StoreReply::Error::None);
    QVERIFY(!m_emulator->hasFile(EntityType::Invoices, u"4455"_s, u"old.pdf"_s));
    auto again = await(m_store->remove(AttachmentRef { m_invoice, u"old.pdf"_s }));
    QCOMPARE(again->error(), StoreReply::Error::NotFound);
}

void TestKashflowStore::deleteIsNeverTakenAsDoneFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers the delete in KashFlow's stead: the delete is sent again, and done.
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"old.pdf"_s, "old"));
    const QString path = u"/v2/invoices/4455/files/old.pdf"_s;
    m_emulator->faults().add(path, FaultInjector::portal());
    auto removed = await(m_store->remove(AttachmentRef { m_invoice, u"old.pdf"_s }));
    QCOMPARE(removed->error(), StoreReply::Error::None);
    QCOMPARE(m_emulator->requestCount(path, "DELETE"), 2);
    QVERIFY(!m_emulator->hasFile(EntityType::Invoices, u"4455"_s, u"old.pdf"_s));
}

void TestKashflowStore::downloadIsNeverTakenFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers the signed link in KashFlow's stead: it is asked again, never saved.
    const QByteArray data = CoreTest::patternData(4096);
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"statement.pdf"_s, data));
    const QString first = m_dir->filePath(u"first.pdf"_s);
    QCOMPARE(await(m_store->download(AttachmentRef { m_invoice, u"statement.pdf"_s }, first))->error(),
             StoreReply::Error::None);
    const QString link = m_emulator->requests().constLast().request.path();
    m_emulator->faults().add(link, FaultInjector::portal());
    const QString target = m_dir->filePath(u"statement.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { m_invoice, u"statement.pdf"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), data);
    QCOMPARE(m_emulator->requestCount(link, "GET"), 3);
}

void TestKashflowStore::hostileNamesNeverReachKashFlow()
{
    const QString path = writeLocal(u"x.txt"_s, "x");
    m_emulator->clearRequests();
    for (const QString& name : { u"../../x.txt"_s, u"a/b.txt"_s, u".."_s }) {
        auto refused = await(m_store->upload(path, m_invoice, name));
        QCOMPARE(refused->error(), StoreReply::Error::InvalidName);
        auto download = await(m_store->download(AttachmentRef { m_invoice, name }, m_dir->filePath(u"out"_s)));
        QCOMPARE(download->error(), StoreReply::Error::InvalidName);
    }
    auto badRecord = await(m_store->listAttachments(EntityRef { EntityType::Invoices, u"../4455"_s }));
    QCOMPARE(badRecord->error(), StoreReply::Error::InvalidName);
    QVERIFY(m_emulator->requests().isEmpty());
}

void TestKashflowStore::endedSessionSignsInAgainWithRememberedCredentials()
{
    m_store->setSession(m_emulator->issueSessionToken(),
                        { m_emulator->userName(), m_emulator->password(), m_emulator->memorableWord() });
    m_emulator->expireSessions();
    QSignalSpy asked(m_store.get(), &KashflowStore::signInRequired);
    auto listed = await(m_store->listAttachments(m_invoice));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    // The upload's form carries the new session's token too.
    m_emulator->expireSessions();
    auto uploaded = await(m_store->upload(writeLocal(u"late.txt"_s, "late"), m_invoice, u"late.txt"_s));
    QCOMPARE(uploaded->error(), StoreReply::Error::None);
    QVERIFY(asked.isEmpty());
}

void TestKashflowStore::withoutASessionTheUserIsAsked()
{
    m_emulator->expireSessions();
    QSignalSpy asked(m_store.get(), &KashflowStore::signInRequired);
    auto listed = await(m_store->listAttachments(m_invoice));
    QCOMPARE(listed->error(), StoreReply::Error::SignedOut);
    QTRY_COMPARE(asked.count(), 1);
}

void TestKashflowStore::kashFlowsMessageIsShown()
{
    auto missing = await(m_store->listAttachments(EntityRef { EntityType::Invoices, u"9999"_s }));
    QCOMPARE(missing->error(), StoreReply::Error::NotFound);
    QVERIFY2(missing->errorString().startsWith(u"KashFlow: "_s), qPrintable(missing->errorString()));
}

void TestKashflowStore::waitsOutRateLimit()
{
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"a.pdf"_s, "a"));
    m_emulator->faults().add(u"*"_s, FaultInjector::rateLimited(1));
    auto listed = await(m_store->listAttachments(m_invoice));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QCOMPARE(listed->attachments().size(), 1);
}

void TestKashflowStore::sendsThePdfToDropbox()
{
    auto sent = await(m_store->sendPdfToDropbox(m_invoice));
    QCOMPARE(sent->error(), StoreReply::Error::None);
    const QString name = sent->attachment().name;
    QVERIFY2(name.endsWith(u".pdf"_s), qPrintable(name));
    QVERIFY(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, name).startsWith("%PDF"));
    auto listed = await(m_store->listAttachments(m_invoice));
    QCOMPARE(listed->attachments().size(), 1);
    // Customers and bank accounts have no PDF of their own.
    auto refused = await(m_store->sendPdfToDropbox(EntityRef { EntityType::Customers, u"ACME01"_s }));
    QCOMPARE(refused->error(), StoreReply::Error::Unsupported);
    QCOMPARE(refused->errorString(), u"KashFlow makes PDFs of quotes, invoices and purchases only."_s);
}

void TestKashflowStore::dropboxAuthenticationEndsAtTheRedirect()
{
    QFETCH(KashflowPayload::Format, format);
    m_store->setFormat(format);
    m_emulator->setDropboxConnected(false);
    const QUrl redirect(u"http://localhost/attache-kashflow-dropbox?from=kashflow&x=%26"_s);
    auto asked = await(m_store->dropboxAuthentication(redirect));
    QCOMPARE(asked->error(), StoreReply::Error::None);
    QVERIFY(QUrlQuery(asked->link()).hasQueryItem(u"oauth_token"_s));

    // Followed as a browser would: Dropbox's page, KashFlow's callback, then the redirect the app catches.
    QNetworkAccessManager network;
    prepareTestNetwork(network);
    QUrl page = asked->link();
    for (int hop = 0; hop < 2; ++hop) {
        const EmulatorTestReply reply = EmulatorTestReply::of<EmulatorTestReply>(network.get(QNetworkRequest(page)));
        QCOMPARE(reply.status, 302);
        page = page.resolved(QUrl::fromEncoded(reply.header("Location")));
    }
    QCOMPARE(page, redirect);
    QVERIFY(m_emulator->isDropboxConnected());
}

void TestKashflowStore::everythingWorksInXmlToo()
{
    m_store->setFormat(KashflowPayload::Format::Xml);
    m_emulator->setPageSize(2);
    for (int number = 4456; number < 4461; ++number)
        m_emulator->addEntity(EntityType::Invoices, QString::number(number));
    auto entities = await(m_store->listEntities(EntityType::Invoices));
    QCOMPARE(entities->error(), StoreReply::Error::None);
    QCOMPARE(entities->entities().size(), 6);

    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"receipt.jpg"_s, QByteArray(164391, 'r')));
    auto listed = await(m_store->listAttachments(m_invoice));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QCOMPARE(listed->attachment().sizeInBytes, 164391);
    QCOMPARE(listed->attachment().sizeToBeDisplayed, u"160.5 KB"_s);
    QVERIFY(listed->attachment().isThumbnailAvailable);

    auto uploaded = await(m_store->upload(writeLocal(u"note.txt"_s, "xml"), m_invoice, u"note.txt"_s));
    QCOMPARE(uploaded->error(), StoreReply::Error::None);
    QCOMPARE(uploaded->attachment().name, u"note.txt"_s);
    const QString target = m_dir->filePath(u"saved.txt"_s);
    auto downloaded = await(m_store->download(AttachmentRef { m_invoice, u"note.txt"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), QByteArray("xml"));
    auto sent = await(m_store->sendPdfToDropbox(m_invoice));
    QVERIFY(sent->attachment().name.endsWith(u".pdf"_s));

    auto missing = await(m_store->listAttachments(EntityRef { EntityType::Invoices, u"9999"_s }));
    QCOMPARE(missing->error(), StoreReply::Error::NotFound);
    QVERIFY2(missing->errorString().startsWith(u"KashFlow: "_s), qPrintable(missing->errorString()));
    m_emulator->expireSessions();
    auto ended = await(m_store->listAttachments(m_invoice));
    QCOMPARE(ended->error(), StoreReply::Error::SignedOut);
}

QTEST_GUILESS_MAIN(TestKashflowStore)
#include "TestKashflowStore.moc"
