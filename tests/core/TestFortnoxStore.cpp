// FortnoxStore against the Fortnox emulator, in JSON and in XML: the folder trees as entities, supplier invoices and
// vouchers across pages, a folder's files uploaded, downloaded and deleted, inbox files connected to supplier
// invoices and vouchers, Fortnox's messages, hostile names, and what Fortnox cannot do.

#include "CoreTestHelpers.h"
#include "FaultInjector.h"
#include "FortnoxEmulator.h"
#include "FortnoxStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using CoreTest::await;

class TestFortnoxStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void voucherIdsReadBack();
    void onlyPlainIdsGoIntoPaths();
    void listsFoldersWithTheirTitlesAndAddresses_data() { formats(); }
    void listsFoldersWithTheirTitlesAndAddresses();
    void listsSupplierInvoicesAcrossPages_data() { formats(); }
    void listsSupplierInvoicesAcrossPages();
    void listsVouchersOfTheLastTwoYears_data() { formats(); }
    void listsVouchersOfTheLastTwoYears();
    void listsTheFilesOfAFolder_data() { formats(); }
    void listsTheFilesOfAFolder();
    void listingIsNeverTakenFromAPortalsPage_data() { formats(); }
    void listingIsNeverTakenFromAPortalsPage();
    void uploadsAndNumbersATakenName_data() { formats(); }
    void uploadsAndNumbersATakenName();
    void uploadsByPathOrFolderId_data() { formats(); }
    void uploadsByPathOrFolderId();
    void uploadsOntoARecord_data() { formats(); }
    void uploadsOntoARecord();
    void reachesByPathAFileWhoseIdCannotBeInAPath_data() { formats(); }
    void reachesByPathAFileWhoseIdCannotBeInAPath();
    void downloadsExactly_data() { formats(); }
    void downloadsExactly();
    void downloadOntoAFullDiskSaysSo();
    void cancelledDownloadLeavesNothing();
    void deletes_data() { formats(); }
    void deletes();
    void burstKeepsWithinTheRateLimit();
    void movesOntoASupplierInvoice_data() { formats(); }
    void movesOntoASupplierInvoice();
    void downloadIsNeverTakenFromAPortalsPage();
    void moveWhoseAnswerIsLostIsDone();
    void moveIsNeverTakenAsDoneFromAPortalsPage_data() { formats(); }
    void moveIsNeverTakenAsDoneFromAPortalsPage();
    void movesOntoAVoucher_data() { formats(); }
    void movesOntoAVoucher();
    void fortnoxsMessageIsShown_data() { formats(); }
    void fortnoxsMessageIsShown();
    void hostileNamesAreLeftOut_data() { formats(); }
    void hostileNamesAreLeftOut();
    void whatFortnoxCannotDoIsUnsupported();
    void refusedTokenSignsOut();

private:
    static void formats()
    {
        QTest::addColumn<PayloadFormat>("format");
        QTest::newRow("json") << PayloadFormat::Json;
        QTest::newRow("xml") << PayloadFormat::Xml;
    }
    void useFormat()
    {
        QFETCH(PayloadFormat, format);
        m_store->setFormat(format);
    }
    QString writeLocal(const QString& name, const QByteArray& data)
    {
        const QString path = m_dir->filePath(name);
        return CoreTest::writeFile(path, data) ? path : QString();
    }
    QStringList names(const StoreReply* reply) const
    {
        QStringList names;
        for (const Attachment& attachment : reply->attachments())
            names.append(attachment.name);
        return names;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FortnoxEmulator> m_emulator;
    std::unique_ptr<FortnoxStore> m_store;
    const EntityRef m_root { EntityType::Inbox, u"root"_s };
    const EntityRef m_suppliers { EntityType::Inbox, u"inbox_s"_s };
};

void TestFortnoxStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_emulator = std::make_unique<FortnoxEmulator>(m_dir->filePath(u"emulator"_s));
    QVERIFY(m_emulator->listen());
    // In the sample company's financial year 2024 (its id 2), which vouchers are listed from.
    m_emulator->setClock([] { return QDateTime(QDate(2024, 6, 3), QTime(10, 0), QTimeZone::utc()); });
    m_emulator->setRateLimitEnabled(false);
    m_emulator->seedSampleData();
    m_store = std::make_unique<FortnoxStore>(FortnoxEndpoints::withBaseUrl(m_emulator->baseUrl()));
    m_store->setAccessToken(m_emulator->issueAccessToken());
}

void TestFortnoxStore::cleanup()
{
    m_store.reset();
    m_emulator.reset();
    m_dir.reset();
}

void TestFortnoxStore::onlyPlainIdsGoIntoPaths()
{
    for (const QString& id : { u"6f8dd939-4e51-416f-aaea-5544f36eefff"_s, u"inbox_s"_s, u"fndoc202403l"_s })
        QVERIFY2(FortnoxStore::isPlainId(id), qPrintable(id));
    for (const QString& id : { QString(), u".."_s, u"../root"_s, u"a/b"_s, u"x?path=inbox_s"_s, u"x%2Fy"_s, u"a b"_s })
        QVERIFY2(!FortnoxStore::isPlainId(id), qPrintable(id));
}

void TestFortnoxStore::voucherIdsReadBack()
{
    QCOMPARE(FortnoxStore::voucherId(u"A"_s, 3, 2), u"A3-2"_s);
    const std::optional<FortnoxStore::VoucherKey> key = FortnoxStore::parseVoucherId(u"AB13-12"_s);
    QVERIFY(key);
    QCOMPARE(key->series, u"AB"_s);
    QCOMPARE(key->number, 13);
    QCOMPARE(key->year, 12);
    // What would not read back as the same voucher, or would not be one path component, has no id.
    QCOMPARE(FortnoxStore::voucherId(u"B2"_s, 3, 2), QString());
    QCOMPARE(FortnoxStore::voucherId(QString(), 3, 2), QString());
    QCOMPARE(FortnoxStore::voucherId(u"../"_s, 3, 2), QString());
    QVERIFY(!FortnoxStore::parseVoucherId(u"A3"_s));
}

void TestFortnoxStore::listsFoldersWithTheirTitlesAndAddresses()
{
    useFormat();
    const QString receipts = m_emulator->addInboxFolder(u"inbox_v"_s, u"Kvitton 2024"_s);
    QVERIFY(!receipts.isEmpty());
    QVERIFY(m_emulator->putInboxFile(receipts, u"taxi.pdf"_s, "taxi"));
    m_emulator->clearRequests();
    auto listed = await(m_store->listEntities(EntityType::Inbox));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QHash<QString, Entity> byId;
    QStringList order;
    for (const Entity& entity : listed->entities()) {
        QCOMPARE(entity.ref.type, EntityType::Inbox);
        byId.insert(entity.ref.id, entity);
        order.append(entity.ref.id);
    }
    QCOMPARE(order.size(), 11);
    QCOMPARE(order.first(), u"root"_s);
    // A folder's subfolders follow it.
    QCOMPARE(order.indexOf(receipts), order.indexOf(u"inbox_v"_s) + 1);
    const Entity suppliers = byId.value(u"inbox_s"_s);
    QCOMPARE(suppliers.title, u"Leverantörsfakturor"_s);
    QCOMPARE(suppliers.email, u"inbox.lev.501558@alfa.arkivplats.se"_s);
    QCOMPARE(suppliers.attachmentCount, 2);
    QCOMPARE(byId.value(u"root"_s).title, u"Inbox"_s);
    QCOMPARE(byId.value(u"root"_s).email, m_emulator->inboxFolderEmail(u"root"_s));
    QCOMPARE(byId.value(u"root"_s).attachmentCount, 2);
    QCOMPARE(byId.value(u"inbox_l"_s).title, u"Lön"_s);
    QCOMPARE(byId.value(u"inbox_l"_s).attachmentCount, 0);
    QCOMPARE(byId.value(receipts).title, u"Verifikationer › Kvitton 2024"_s);
    QCOMPARE(byId.value(receipts).email, m_emulator->inboxFolderEmail(receipts));
    QCOMPARE(byId.value(receipts).attachmentCount, 1);
    // The root by the tree's address, Fortnox's own folders by the paths it documents, the user's by Id.
    QStringList asked;
    for (const EmulatorServer::LoggedRequest& logged : m_emulator->requests())
        asked.append(logged.request.path() + u' ' + logged.request.queryFields().value(u"path"_s));
    QCOMPARE(asked.size(), 11);
    QCOMPARE(asked.first(), u"/3/inbox "_s);
    QVERIFY2(asked.contains(u"/3/inbox inbox_s"_s) && asked.contains(u"/3/inbox inbox_v"_s),
             qPrintable(asked.join(u", ")));
    QVERIFY2(asked.contains(u"/3/inbox/"_s + receipts + u' '), qPrintable(asked.join(u", ")));
    QCOMPARE(asked.filter(u"/3/inbox inbox_"_s).size(), 9);

    auto archive = await(m_store->listEntities(EntityType::Archive));
    QCOMPARE(archive->error(), StoreReply::Error::None);
    QCOMPARE(archive->entities().value(0).ref, (EntityRef { EntityType::Archive, u"root"_s }));
    // Fortnox names the archive's root "root": it shows as the tree it is.
    QCOMPARE(archive->entities().value(0).title, u"Archive"_s);
    QCOMPARE(m_store->entityTypes(),
             (QList<EntityType> { EntityType::Inbox, EntityType::Archive, EntityType::SupplierInvoices,
                                  EntityType::Vouchers }));
}

void TestFortnoxStore::listsSupplierInvoicesAcrossPages()
{
    useFormat();
    for (int i = 0; i < 3; ++i) {
        FortnoxEmulatorLedger::SupplierInvoice invoice;
        invoice.supplierNumber = u"9"_s;
        invoice.supplierName = u"Åhléns Företag AB"_s;
        invoice.invoiceDate = QDate(2024, 5, 10 + i);
        m_emulator->addSupplierInvoice(invoice);
    }
    m_emulator->setPageSize(2);
    m_emulator->clearRequests();
    auto listed = await(m_store->listEntities(EntityType::SupplierInvoices));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QStringList ids;
    QStringList titles;
    for (const Entity& entity : listed->entities()) {
        QCOMPARE(entity.attachmentCount, -1);
        ids.append(entity.ref.id);
        titles.append(entity.title);
    }
    QCOMPARE(ids, (QStringList { u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s, u"7"_s }));
    QCOMPARE(titles.first(), u"1 Telia Sverige AB"_s);
    QCOMPARE(titles.last(), u"7 Åhléns Företag AB"_s);
    // Four pages of two.
    QCOMPARE(m_emulator->requests().size(), 4);
}

// The sample company's financial years are 2023 to 2025, all begun by now: the last two are listed, the current one
// and the one a year-end closing still files onto.
void TestFortnoxStore::listsVouchersOfTheLastTwoYears()
{
    useFormat();
    QVERIFY(m_emulator->addVoucher({ u"A"_s, 0, 0, QDate(2023, 2, 1), u"Tre år sedan"_s }));
    QVERIFY(m_emulator->addVoucher({ u"B"_s, 0, 0, QDate(2024, 5, 2), u"Lön maj"_s }));
    QVERIFY(m_emulator->addVoucher({ u"A"_s, 0, 0, QDate(2025, 1, 15), u"Hyra januari"_s }));
    m_emulator->setPageSize(3);
    auto listed = await(m_store->listEntities(EntityType::Vouchers));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QHash<QString, QString> titles;
    for (const Entity& entity : listed->entities())
        titles.insert(entity.ref.id, entity.title);
    QCOMPARE(titles.size(), 6);
    QCOMPARE(titles.value(u"A1-2"_s), u"A 1 · 2024-03-08 · Kontorsmaterial, kontantköp"_s);
    QCOMPARE(titles.value(u"B1-2"_s), u"B 1 · 2024-05-02 · Lön maj"_s);
    QCOMPARE(titles.value(u"A1-3"_s), u"A 1 · 2025-01-15 · Hyra januari"_s);
    for (const QString& id : { u"A2-2"_s, u"A3-2"_s, u"A4-2"_s })
        QVERIFY2(titles.contains(id), qPrintable(id));
}

void TestFortnoxStore::listsTheFilesOfAFolder()
{
    useFormat();
    QVERIFY(m_emulator->putInboxFile(u"inbox_s"_s, u"faktura åäö.pdf"_s, QByteArray(164391, 'r')));
    auto listed = await(m_store->listAttachments(m_suppliers));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QCOMPARE(names(listed.get()),
             (QStringList { u"faktura-telia-mars.pdf"_s, u"vattenfall-2024-03.pdf"_s, u"faktura åäö.pdf"_s }));
    const Attachment added = listed->attachments().last();
    QCOMPARE(added.sizeInBytes, 164391);
    QCOMPARE(added.sizeToBeDisplayed, u"160.5 KB"_s);
    // Fortnox keeps no date.
    QVERIFY(!added.lastModifiedDate.isValid());
    // Of two files of one name (mailed in twice), the first in Fortnox's order is the one shown and read.
    QVERIFY(m_emulator->putInboxFile(u"inbox_b"_s, u"bank.txt"_s, "first"));
    QVERIFY(m_emulator->putInboxFile(u"inbox_b"_s, u"bank.txt"_s, "second"));
    const EntityRef bank { EntityType::Inbox, u"inbox_b"_s };
    auto twice = await(m_store->listAttachments(bank));
    QCOMPARE(names(twice.get()), QStringList { u"bank.txt"_s });
    const QString target = m_dir->filePath(u"bank.txt"_s);
    auto first = await(m_store->download(AttachmentRef { bank, u"bank.txt"_s }, target));
    QCOMPARE(first->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), QByteArray("first"));
    auto empty = await(m_store->listAttachments(EntityRef { EntityType::Inbox, u"inbox_l"_s }));
    QCOMPARE(empty->error(), StoreReply::Error::None);
    QVERIFY(empty->attachments().isEmpty());
}

void TestFortnoxStore::listingIsNeverTakenFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers the first request in Fortnox's stead: it is asked again, not read as nothing.
    useFormat();
    m_emulator->faults().add(u"*"_s, FaultInjector::portal());
    auto invoices = await(m_store->listEntities(EntityType::SupplierInvoices));
    QCOMPARE(invoices->error(), StoreReply::Error::None);
    QVERIFY(!invoices->entities().isEmpty());
    m_emulator->faults().add(u"*"_s, FaultInjector::portal());
    auto files = await(m_store->listAttachments(m_suppliers));
    QCOMPARE(files->error(), StoreReply::Error::None);
    QVERIFY(!files->attachments().isEmpty());
}

void TestFortnoxStore::uploadsAndNumbersATakenName()
{
    useFormat();
    const QByteArray data = CoreTest::patternData(3 * 1024 * 1024 + 17);
    const QString path = writeLocal(u"Faktura skannad.pdf"_s, data);
    auto first = await(m_store->upload(path, m_suppliers, u"Faktura skannad.pdf"_s));
    QCOMPARE(first->error(), StoreReply::Error::None);
    QCOMPARE(first->attachment().name, u"Faktura skannad.pdf"_s);
    QCOMPARE(first->attachment().sizeInBytes, data.size());
    auto second = await(m_store->upload(path, m_suppliers, u"Faktura skannad.pdf"_s));
    QCOMPARE(second->error(), StoreReply::Error::None);
    QCOMPARE(second->attachment().name, u"Faktura skannad (1).pdf"_s);
    const QStringList stored = m_emulator->inboxFileNames(u"inbox_s"_s);
    QCOMPARE(stored.mid(2), (QStringList { u"Faktura skannad.pdf"_s, u"Faktura skannad (1).pdf"_s }));
    // The bytes as they were, under each name.
    auto listed = await(m_store->listAttachments(m_suppliers));
    QCOMPARE(listed->attachments().size(), 4);
    const QString target = m_dir->filePath(u"back.pdf"_s);
    auto back = await(m_store->download(AttachmentRef { m_suppliers, u"Faktura skannad (1).pdf"_s }, target));
    QCOMPARE(back->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), data);
    // In the archive too.
    auto archived = await(m_store->upload(path, EntityRef { EntityType::Archive, u"root"_s }, u"arkiv.pdf"_s));
    QCOMPARE(archived->error(), StoreReply::Error::None);
    QCOMPARE(m_emulator->archiveFileNames(u"root"_s), QStringList { u"arkiv.pdf"_s });
}

// As Fortnox's SDK addresses folders: its named ones by path (the documentation's ?path=inbox_kf), a user's own
// folder, whose Id is a GUID, by folderid.
void TestFortnoxStore::uploadsByPathOrFolderId()
{
    useFormat();
    const QString path = writeLocal(u"kvitto.pdf"_s, "%PDF kvitto");
    const QString receipts = m_emulator->addInboxFolder(u"inbox_v"_s, u"Kvitton 2024"_s);
    m_emulator->clearRequests();
    for (const QString& folder : { u"inbox_kf"_s, receipts }) {
        auto sent = await(m_store->upload(path, EntityRef { EntityType::Inbox, folder }, u"kvitto.pdf"_s));
        QCOMPARE(sent->error(), StoreReply::Error::None);
        QCOMPARE(m_emulator->inboxFileNames(folder), QStringList { u"kvitto.pdf"_s });
    }
    QStringList queries;
    for (const EmulatorServer::LoggedRequest& logged : m_emulator->requests()) {
        if (logged.request.method() == "POST")
            queries.append(QUrl::fromPercentEncoding(logged.request.url().query().toUtf8()));
    }
    QCOMPARE(queries, (QStringList { u"path=inbox_kf"_s, u"folderid="_s + receipts }));
}

void TestFortnoxStore::downloadsExactly()
{
    useFormat();
    const QByteArray data = CoreTest::patternData(2 * 1024 * 1024 + 5);
    const std::optional<FortnoxEmulator::StoredFile> stored = m_emulator->putInboxFile(u"root"_s, u"avtal.pdf"_s, data);
    QVERIFY(stored);
    QCOMPARE(m_emulator->fileContent(stored->id), data);
    const QString target = m_dir->filePath(u"avtal.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { m_root, u"avtal.pdf"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), data);
    QVERIFY(!downloaded->attachment().contentHash.isEmpty());
    // A document that is not there leaves nothing behind.
    const QString missing = m_dir->filePath(u"missing.pdf"_s);
    auto notThere = await(m_store->download(AttachmentRef { m_root, u"missing.pdf"_s }, missing));
    QCOMPARE(notThere->error(), StoreReply::Error::NotFound);
    QVERIFY(!QFileInfo::exists(missing));
}

// A full disk (here the process's file size limit) stops a download as the disk's failure, not the network's, which
// would have the transfer wait for a connection that is there. The target keeps what it had. Larger than two of
// DownloadFile's blocks, so that the disk fails while the answer still arrives.
void TestFortnoxStore::downloadOntoAFullDiskSaysSo()
{
    QVERIFY(m_emulator->putInboxFile(u"root"_s, u"avtal.pdf"_s, CoreTest::patternData(9 * 1024 * 1024)));
    const QString target = writeLocal(u"avtal.pdf"_s, "precious");
    QVERIFY(!target.isEmpty());
    CoreTest::FileSizeLimit limit(1024 * 1024);
    QVERIFY(limit.isActive());
    auto downloaded = await(m_store->download(AttachmentRef { m_root, u"avtal.pdf"_s }, target));
    limit.lift();
    QCOMPARE(downloaded->error(), StoreReply::Error::DiskFull);
    QCOMPARE(downloaded->errorString(),
             u"“%1” is larger than the disk it goes to can hold in one file."_s.arg(QDir::toNativeSeparators(target)));
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
}

// A download stopped part-way leaves no partial file: a whole-file download is never carried on.
void TestFortnoxStore::cancelledDownloadLeavesNothing()
{
    const std::optional<FortnoxEmulator::StoredFile> stored
        = m_emulator->putInboxFile(u"root"_s, u"avtal.pdf"_s, CoreTest::patternData(2 * 1024 * 1024));
    QVERIFY(stored);
    m_emulator->faults().add(u"/3/inbox/"_s + stored->id, FaultInjector::stall(64 * 1024));
    const QString folder = m_dir->filePath(u"saved"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(CoreTest::leftByCancelledDownload(*m_store, AttachmentRef { m_root, u"avtal.pdf"_s }, folder),
             QStringList());
}

void TestFortnoxStore::deletes()
{
    useFormat();
    QVERIFY(m_emulator->putInboxFile(u"inbox_s"_s, u"gammal.pdf"_s, "old"));
    auto removed = await(m_store->remove(AttachmentRef { m_suppliers, u"gammal.pdf"_s }));
    QCOMPARE(removed->error(), StoreReply::Error::None);
    QVERIFY(!m_emulator->inboxFileNames(u"inbox_s"_s).contains(u"gammal.pdf"_s));
    QCOMPARE(m_emulator->inboxFileNames(u"inbox_s"_s).size(), 2);
    auto again = await(m_store->remove(AttachmentRef { m_suppliers, u"gammal.pdf"_s }));
    QCOMPARE(again->error(), StoreReply::Error::NotFound);
}

// Fortnox's ids are GUIDs; one that could not be a URL's path segment is reached by the path Fortnox lists for the
// file, in the query, for reading and deleting alike.
void TestFortnoxStore::reachesByPathAFileWhoseIdCannotBeInAPath()
{
    useFormat();
    const QByteArray content = CoreTest::patternData(5000);
    QVERIFY(m_emulator->putInboxFile(u"inbox_s"_s, u"udda.pdf"_s, content, u"udda/../id"_s));
    auto listed = await(m_store->listAttachments(m_suppliers));
    QVERIFY(names(listed.get()).contains(u"udda.pdf"_s));
    m_emulator->clearRequests();
    const QString target = m_dir->filePath(u"udda.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { m_suppliers, u"udda.pdf"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), content);
    auto removed = await(m_store->remove(AttachmentRef { m_suppliers, u"udda.pdf"_s }));
    QCOMPARE(removed->error(), StoreReply::Error::None);
    QVERIFY(!m_emulator->inboxFileNames(u"inbox_s"_s).contains(u"udda.pdf"_s));
    // Each after a listing of the folder: GET and DELETE by path.
    QStringList sent;
    for (const EmulatorServer::LoggedRequest& logged : m_emulator->requests())
        sent.append(QString::fromLatin1(logged.request.method()) + u' ' + logged.request.path() + u' '
                    + logged.request.queryFields().value(u"path"_s));
    QCOMPARE(sent,
             (QStringList { u"GET /3/inbox/inbox_s "_s, u"GET /3/inbox inbox_s/udda.pdf"_s, u"GET /3/inbox/inbox_s "_s,
                            u"DELETE /3/inbox inbox_s/udda.pdf"_s }));
}

// A document dropped onto a supplier invoice or a voucher: Fortnox takes files only into its folders, so it goes to
// the inbox folder for its kind and is connected from there, under a name not taken on the record.
void TestFortnoxStore::uploadsOntoARecord()
{
    useFormat();
    const QByteArray content = CoreTest::patternData(70000);
    const QString path = writeLocal(u"faktura.pdf"_s, content);
    const EntityRef invoice { EntityType::SupplierInvoices, u"1"_s };
    const EntityRef voucher { EntityType::Vouchers, u"A2-2"_s };
    for (const EntityRef& record : { invoice, invoice, voucher }) {
        auto sent = await(m_store->upload(path, record, u"faktura.pdf"_s));
        QCOMPARE(sent->error(), StoreReply::Error::None);
    }
    auto onInvoice = await(m_store->listAttachments(invoice));
    QCOMPARE(names(onInvoice.get()), (QStringList { u"faktura.pdf"_s, u"faktura (1).pdf"_s }));
    auto onVoucher = await(m_store->listAttachments(voucher));
    QCOMPARE(names(onVoucher.get()), QStringList { u"faktura.pdf"_s });
    QCOMPARE(m_emulator->connections().size(), 3);
    QCOMPARE(m_emulator->connections().at(2).voucherSeries, u"A"_s);
    // Connected, so no longer in the inbox folders.
    QCOMPARE(m_emulator->inboxFileNames(u"inbox_s"_s).size(), 2);
    QCOMPARE(m_emulator->inboxFileNames(u"inbox_v"_s).size(), 1);
    const QString back = m_dir->filePath(u"back.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { invoice, u"faktura (1).pdf"_s }, back));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(back), content);

    // When Fortnox will not connect it, the document is in the inbox, the message says so, and the transfer is not
    // one to retry (which would upload it again).
    auto refused
        = await(m_store->upload(path, EntityRef { EntityType::SupplierInvoices, u"9999"_s }, u"faktura %2.pdf"_s));
    QCOMPARE(refused->error(), StoreReply::Error::Refused);
    QCOMPARE(
        refused->errorString(),
        u"“faktura %2.pdf” is in Fortnox's inbox, but could not be connected: Kan inte hitta leverantörsfakturan."_s);
    QVERIFY(m_emulator->inboxFileNames(u"inbox_s"_s).contains(u"faktura %2.pdf"_s));
    // A voucher that cannot be one is refused before anything is sent.
    m_emulator->clearRequests();
    auto noVoucher = await(m_store->upload(path, EntityRef { EntityType::Vouchers, u"A"_s }, u"faktura.pdf"_s));
    QCOMPARE(noVoucher->error(), StoreReply::Error::NotFound);
    QVERIFY(m_emulator->requests().isEmpty());
}

// 60 listings at once, with the emulator enforcing Fortnox's 25 requests in any 5 seconds: each request is sent once
// and answered, none refused with 429 and sent again.
void TestFortnoxStore::burstKeepsWithinTheRateLimit()
{
    m_emulator->setRateLimitEnabled(true);
    m_emulator->clearRequests();
    constexpr int Burst = 60;
    std::vector<std::unique_ptr<StoreReply>> replies;
    for (int i = 0; i < Burst; ++i)
        replies.emplace_back(m_store->listAttachments(m_suppliers));
    for (const auto& reply : replies) {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply.get(), &StoreReply::finished);
            QVERIFY(finished.wait(120000));
        }
        QCOMPARE(reply->error(), StoreReply::Error::None);
    }
    QCOMPARE(m_emulator->requests().size(), Burst);
}

void TestFortnoxStore::movesOntoASupplierInvoice()
{
    useFormat();
    const AttachmentRef file { m_suppliers, u"faktura-telia-mars.pdf"_s };
    auto listedBefore = await(m_store->listAttachments(m_suppliers));
    const qint64 size = listedBefore->attachments().value(0).sizeInBytes;
    QVERIFY(size > 0);
    const EntityRef invoice { EntityType::SupplierInvoices, u"1"_s };
    auto moved = await(m_store->move(file, invoice));
    QCOMPARE(moved->error(), StoreReply::Error::None);
    QCOMPARE(moved->attachment().name, u"faktura-telia-mars.pdf"_s);
    QCOMPARE(moved->attachment().sizeInBytes, size);
    QCOMPARE(m_emulator->connections().size(), 1);
    QCOMPARE(m_emulator->connections().first().supplierInvoiceNumber, 1);
    // Gone from the inbox, shown under the invoice, and readable there.
    auto inbox = await(m_store->listAttachments(m_suppliers));
    QCOMPARE(names(inbox.get()), QStringList { u"vattenfall-2024-03.pdf"_s });
    auto connected = await(m_store->listAttachments(invoice));
    QCOMPARE(connected->error(), StoreReply::Error::None);
    QCOMPARE(names(connected.get()), QStringList { u"faktura-telia-mars.pdf"_s });
    auto other = await(m_store->listAttachments(EntityRef { EntityType::SupplierInvoices, u"2"_s }));
    QVERIFY(other->attachments().isEmpty());
    const QString target = m_dir->filePath(u"telia.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { invoice, u"faktura-telia-mars.pdf"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), m_emulator->fileContent(m_emulator->connections().first().fileId));
    QCOMPARE(QFileInfo(target).size(), size);
}

void TestFortnoxStore::downloadIsNeverTakenFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers in Fortnox's stead with the file's size: it is asked again, never saved.
    const QByteArray page = "<html><body><h1>Welcome to Hotel Wi-Fi</h1>"
                            "<form><button>Accept and connect</button></form></body></html>";
    const auto stored = m_emulator->putInboxFile(u"inbox_s"_s, u"kvitto.pdf"_s, QByteArray(page.size(), 'k'));
    QVERIFY(stored);
    const QString route = u"/3/inbox/"_s + stored->id;
    m_emulator->faults().add(route, FaultInjector::portal());
    const QString target = m_dir->filePath(u"kvitto.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { m_suppliers, u"kvitto.pdf"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), QByteArray(page.size(), 'k'));
    QCOMPARE(m_emulator->requestCount(route, "GET"), 2);
}

void TestFortnoxStore::moveWhoseAnswerIsLostIsDone()
{
    // Fortnox connects the file, and the connection breaks before its answer: sent again, the connection is refused
    // as made already, which the supplier invoice's own list confirms.
    const QString route = u"/3/supplierinvoicefileconnections"_s;
    m_emulator->faults().add(route, FaultInjector::dropConnection(5));
    const EntityRef invoice { EntityType::SupplierInvoices, u"1"_s };
    auto moved = await(m_store->move(AttachmentRef { m_suppliers, u"faktura-telia-mars.pdf"_s }, invoice));
    QVERIFY2(moved->error() == StoreReply::Error::None, qPrintable(moved->errorString()));
    QCOMPARE(moved->attachment().name, u"faktura-telia-mars.pdf"_s);
    QCOMPARE(m_emulator->requestCount(route, "POST"), 2);
    QCOMPARE(m_emulator->connections().size(), 1);
}

void TestFortnoxStore::moveIsNeverTakenAsDoneFromAPortalsPage()
{
    // A Wi-Fi sign-in page answers the connection in Fortnox's stead: it is sent again, and the file connected.
    useFormat();
    m_emulator->faults().add(u"/3/supplierinvoicefileconnections"_s, FaultInjector::portal());
    auto moved = await(m_store->move(AttachmentRef { m_suppliers, u"faktura-telia-mars.pdf"_s },
                                     EntityRef { EntityType::SupplierInvoices, u"1"_s }));
    QCOMPARE(moved->error(), StoreReply::Error::None);
    QCOMPARE(m_emulator->requestCount(u"/3/supplierinvoicefileconnections"_s, "POST"), 2);
    QCOMPARE(m_emulator->connections().size(), 1);
}

void TestFortnoxStore::movesOntoAVoucher()
{
    useFormat();
    const QByteArray receipt = CoreTest::patternData(4096);
    QVERIFY(m_emulator->putInboxFile(u"inbox_v"_s, u"kvitto taxi.pdf"_s, receipt));
    const EntityRef voucher { EntityType::Vouchers, u"A2-2"_s };
    auto moved = await(
        m_store->move(AttachmentRef { EntityRef { EntityType::Inbox, u"inbox_v"_s }, u"kvitto taxi.pdf"_s }, voucher));
    QCOMPARE(moved->error(), StoreReply::Error::None);
    QCOMPARE(moved->attachment().name, u"kvitto taxi.pdf"_s);
    QCOMPARE(m_emulator->connections().size(), 1);
    const FortnoxEmulatorLedger::Connection connection = m_emulator->connections().first();
    QCOMPARE(connection.voucherSeries, u"A"_s);
    QCOMPARE(connection.voucherNumber, 2);
    QCOMPARE(connection.voucherYear, 2);
    QCOMPARE(m_emulator->inboxFileNames(u"inbox_v"_s), QStringList { u"kvitto-sj-2024-04-03.png"_s });
    auto connected = await(m_store->listAttachments(voucher));
    QCOMPARE(connected->error(), StoreReply::Error::None);
    QCOMPARE(names(connected.get()), QStringList { u"kvitto taxi.pdf"_s });
    auto other = await(m_store->listAttachments(EntityRef { EntityType::Vouchers, u"A1-2"_s }));
    QCOMPARE(other->error(), StoreReply::Error::None);
    QVERIFY(other->attachments().isEmpty());
    const QString target = m_dir->filePath(u"taxi.pdf"_s);
    auto downloaded = await(m_store->download(AttachmentRef { voucher, u"kvitto taxi.pdf"_s }, target));
    QCOMPARE(downloaded->error(), StoreReply::Error::None);
    QCOMPARE(CoreTest::readFile(target), receipt);
}

void TestFortnoxStore::fortnoxsMessageIsShown()
{
    useFormat();
    // An invoice Fortnox does not have: its own message, in Swedish, as it is.
    auto refused = await(m_store->move(AttachmentRef { m_suppliers, u"vattenfall-2024-03.pdf"_s },
                                       EntityRef { EntityType::SupplierInvoices, u"9999"_s }));
    QCOMPARE(refused->error(), StoreReply::Error::Refused);
    QCOMPARE(refused->errorString(), u"Kan inte hitta leverantörsfakturan."_s);
    QCOMPARE(m_emulator->inboxFileNames(u"inbox_s"_s).size(), 2);
    // A folder it does not have.
    auto missing = await(m_store->listAttachments(EntityRef { EntityType::Inbox, u"inbox_zz"_s }));
    QCOMPARE(missing->error(), StoreReply::Error::NotFound);
    QCOMPARE(missing->errorString(), u"Kan inte hitta filen eller mappen."_s);
}

void TestFortnoxStore::hostileNamesAreLeftOut()
{
    useFormat();
    for (const QString& name : { u"../../etc/passwd"_s, u"a/b.pdf"_s, u".."_s })
        QVERIFY(m_emulator->putInboxFile(u"root"_s, name, "evil"));
    auto listed = await(m_store->listAttachments(m_root));
    QCOMPARE(listed->error(), StoreReply::Error::None);
    QCOMPARE(names(listed.get()), (QStringList { u"kvitto-lunch-2024-03-14.jpg"_s, u"avtal-hyra-2024.pdf"_s }));
    auto entities = await(m_store->listEntities(EntityType::Inbox));
    QCOMPARE(entities->entities().value(0).attachmentCount, 2);
    // Names Attaché is given never reach Fortnox.
    const QString path = writeLocal(u"x.txt"_s, "x");
    m_emulator->clearRequests();
    for (const QString& name : { u"../../x.txt"_s, u"a/b.txt"_s, u".."_s }) {
        auto refused = await(m_store->upload(path, m_root, name));
        QCOMPARE(refused->error(), StoreReply::Error::InvalidName);
        auto download = await(m_store->download(AttachmentRef { m_root, name }, m_dir->filePath(u"out"_s)));
        QCOMPARE(download->error(), StoreReply::Error::InvalidName);
    }
    auto badFolder = await(m_store->listAttachments(EntityRef { EntityType::Inbox, u"../root"_s }));
    QCOMPARE(badFolder->error(), StoreReply::Error::InvalidName);
    QVERIFY(m_emulator->requests().isEmpty());
}

void TestFortnoxStore::whatFortnoxCannotDoIsUnsupported()
{
    const EntityRef invoice { EntityType::SupplierInvoices, u"1"_s };
    QVERIFY(!m_store->supports(Store::Operation::Thumbnail));
    QVERIFY(!m_store->supports(Store::Operation::CreateEntity));
    QVERIFY(m_store->supports(Store::Operation::Move));
    // Fortnox's folders of connected files are its own.
    auto upload = await(
        m_store->upload(writeLocal(u"x.pdf"_s, "x"), EntityRef { EntityType::Archive, u"fndoc2024"_s }, u"x.pdf"_s));
    QCOMPARE(upload->error(), StoreReply::Error::Unsupported);
    QVERIFY2(upload->errorString().contains(u"Inbox"_s), qPrintable(upload->errorString()));
    auto thumbnail = await(m_store->thumbnail(AttachmentRef { m_root, u"avtal-hyra-2024.pdf"_s }, QSize(64, 64)));
    QCOMPARE(thumbnail->error(), StoreReply::Error::Unsupported);
    auto created = await(m_store->createEntity(invoice));
    QCOMPARE(created->error(), StoreReply::Error::Unsupported);
    // A connected file stays in Fortnox's archive.
    QVERIFY(await(m_store->move(AttachmentRef { m_suppliers, u"vattenfall-2024-03.pdf"_s }, invoice))->error()
            == StoreReply::Error::None);
    auto removed = await(m_store->remove(AttachmentRef { invoice, u"vattenfall-2024-03.pdf"_s }));
    QCOMPARE(removed->error(), StoreReply::Error::Unsupported);
    QVERIFY2(removed->errorString().contains(u"archive"_s), qPrintable(removed->errorString()));
    // Moves other than from the inbox onto a record.
    auto back = await(m_store->move(AttachmentRef { invoice, u"vattenfall-2024-03.pdf"_s }, m_suppliers));
    QCOMPARE(back->error(), StoreReply::Error::Unsupported);
    QCOMPARE(m_emulator->connections().size(), 1);
}

void TestFortnoxStore::refusedTokenSignsOut()
{
    // Without a refresh token to renew it with, a refused token is the end of the session.
    m_emulator->expireAccessTokens();
    auto listed = await(m_store->listAttachments(m_root));
    QCOMPARE(listed->error(), StoreReply::Error::SignedOut);
    QVERIFY(!listed->errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestFortnoxStore)
#include "TestFortnoxStore.moc"
