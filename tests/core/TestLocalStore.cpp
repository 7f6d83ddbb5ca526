// LocalStore: every operation on <root>/<Type>/<Id>/<file>, and how each one fails.

#include "ContentHasher.h"
#include "CoreTestHelpers.h"
#include "EntityType.h"
#include "FileKind.h"
#include "LocalStore.h"

#include <QDirIterator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;
using CoreTest::allEntries;
using CoreTest::readFile;
using CoreTest::visibleFiles;
using CoreTest::writeFile;
using Error = StoreReply::Error;

// Runs a store call and waits for its reply, which `var` then owns.
#define AWAIT(var, call)                                                                                               \
    auto var = CoreTest::await(call);                                                                                  \
    QVERIFY2(var->isFinished(), "the reply did not finish")

class TestLocalStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void uriAndOperations();
    void listEntityTypes();
    void createEntity();
    void createEntityTwiceIsAlreadyExists();
    void createEntityRefusesBadNames_data();
    void createEntityRefusesBadNames();
    void createEntityInUnwritableRoot();
    void listEntitiesCountsVisibleFiles();
    void listEntitiesOfEmptyStore();
    void listEntitiesNaturalOrder();
    void listAttachmentsFields();
    void listAttachmentsNaturalOrder();
    void listAttachmentsOfMissingEntity();
    void listAttachmentsRefusesBadEntity();

    void uploadCopiesFile();
    void uploadClashGetsNumberedName_data();
    void uploadClashGetsNumberedName();
    void nameTakenAtTheLastMomentIsNeverWrittenOver();
    void uploadsWhereUnnamedFilesAreRefused();
    void uploadMissingSource();
    void uploadDirectoryIsRefused();
    void uploadRefusesBadNames_data();
    void uploadRefusesBadNames();
    void uploadAbortedMidway();
    void uploadLargerThanFreeSpace();
    void uploadFailingMidwayKeepsWhatWasThere_data() { diskLimit_data(); }
    void uploadFailingMidwayKeepsWhatWasThere();
    void downloadFailingMidwayKeepsDestination_data() { diskLimit_data(); }
    void downloadFailingMidwayKeepsDestination();
    void uploadIntoUnwritableRoot();
    void contentHashFollowsReplacedFile();

    void downloadCopiesFile();
    void downloadReplacesDestinationWhenComplete_data();
    void downloadReplacesDestinationWhenComplete();
    void downloadAbortedKeepsDestination();
    void downloadMissingAttachment();
    void downloadIntoMissingFolder();
    void downloadKeepsModificationTime();

    void removeDeletesToTrash();
    void removeMissingAttachment();
    void removeRefusesBadName();
    void closingStopsAHashUnderWay();

    void moveToOtherEntity();
    void moveClashGetsNumberedName();
    void renameGivesTheChosenNameOrNone();
    void moveMissingAttachment();
    void moveToSameEntityChangesNothing();
    void moveRefusesBadTarget();

    void thumbnailIsUnsupported();
    void localFilePath_data();
    void localFilePath();
    void removeKeepsADocumentChangedSince();

private:
    static void diskLimit_data();
    QString rootPath() const { return m_tmp->filePath(u"store"_s); }
    QString entityDir(const EntityRef& ref) const
    {
        return rootPath() + u'/' + EntityTypes::folderName(ref.type) + u'/' + ref.id;
    }
    // A file to upload, outside the store.
    QString source(const QString& name, const QByteArray& data, const QDateTime& modified = {})
    {
        const QString path = m_sources->filePath(name);
        return writeFile(path, data, modified) ? path : QString();
    }
    // Puts a file straight into the store's folder, as a user could.
    QString place(const EntityRef& ref, const QString& name, const QByteArray& data)
    {
        QDir().mkpath(entityDir(ref));
        const QString path = entityDir(ref) + u'/' + name;
        return writeFile(path, data) ? path : QString();
    }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<QTemporaryDir> m_sources;
    std::unique_ptr<LocalStore> m_store;

    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
    const EntityRef m_inbox { EntityType::Inbox, u"Unsorted"_s };
    const QDateTime m_time { QDate(2021, 3, 4), QTime(5, 6, 7), QTimeZone::utc() };
};

void TestLocalStore::initTestCase()
{
    // remove() moves files to the trash: keep it, and everything else, out of the real home.
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    QStandardPaths::setTestModeEnabled(true);
}

void TestLocalStore::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_sources = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    QVERIFY(m_sources->isValid());
    m_store = std::make_unique<LocalStore>(rootPath());
}

void TestLocalStore::cleanup()
{
    m_store.reset();
    m_sources.reset();
    m_tmp.reset();
}

void TestLocalStore::uriAndOperations()
{
    QCOMPARE(m_store->rootPath(), rootPath());
    QCOMPARE(m_store->uri(), u"local:"_s + rootPath());
    using Op = Store::Operation;
    for (Op op :
         { Op::ListEntities, Op::CreateEntity, Op::ListAttachments, Op::Upload, Op::Download, Op::Delete, Op::Move })
        QVERIFY(m_store->supports(op));
    // Thumbnails come from localFilePath(), not from the store.
    QVERIFY(!m_store->supports(Op::Thumbnail));
}

void TestLocalStore::listEntityTypes()
{
    QCOMPARE(m_store->entityTypes(), EntityTypes::standard());
}

void TestLocalStore::createEntity()
{
    AWAIT(reply, m_store->createEntity(m_invoice));
    QCOMPARE(reply->error(), Error::None);
    QVERIFY(QFileInfo(entityDir(m_invoice)).isDir());
    QCOMPARE(reply->entities().size(), 1);
    QCOMPARE(reply->entities().at(0).ref, m_invoice);
    QCOMPARE(reply->entities().at(0).attachmentCount, 0);

    AWAIT(list, m_store->listEntities(EntityType::Invoices));
    QCOMPARE(list->entities().size(), 1);
    QCOMPARE(list->entities().at(0).ref, m_invoice);
}

void TestLocalStore::createEntityTwiceIsAlreadyExists()
{
    AWAIT(first, m_store->createEntity(m_invoice));
    QCOMPARE(first->error(), Error::None);
    QVERIFY(!place(m_invoice, u"keep.pdf"_s, "keep").isEmpty());
    AWAIT(second, m_store->createEntity(m_invoice));
    QCOMPARE(second->error(), Error::AlreadyExists);
    QVERIFY(second->errorString().contains(u"Invoice 4455"_s));
    QCOMPARE(readFile(entityDir(m_invoice) + u"/keep.pdf"_s), QByteArray("keep"));
}

void TestLocalStore::createEntityRefusesBadNames_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("parent") << u"../x"_s;
    QTest::newRow("slash") << u"a/b"_s;
    QTest::newRow("dot dot") << u".."_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("newline") << u"a\nb"_s;
    // Hidden here and in every file manager: the record would be made and never shown.
    QTest::newRow("leading dot") << u".5"_s;
}

void TestLocalStore::createEntityRefusesBadNames()
{
    QFETCH(QString, id);
    AWAIT(reply, m_store->createEntity(EntityRef { EntityType::Invoices, id }));
    QCOMPARE(reply->error(), Error::InvalidName);
    QVERIFY(!reply->errorString().isEmpty());
    // Nothing at all was created, inside the root or next to it.
    QCOMPARE(allEntries(m_tmp->path()), QStringList());
}

void TestLocalStore::createEntityInUnwritableRoot()
{
    // Not even root can create folders under /proc.
    LocalStore store(u"/proc/attache-readonly-root"_s);
    AWAIT(reply, store.createEntity(m_invoice));
    QCOMPARE(reply->error(), Error::PermissionDenied);
    QVERIFY2(reply->errorString().contains(u"/proc/attache-readonly-root"_s), qPrintable(reply->errorString()));
}

void TestLocalStore::listEntitiesCountsVisibleFiles()
{
    const EntityRef two { EntityType::Invoices, u"2"_s };
    const EntityRef ten { EntityType::Invoices, u"10"_s };
    QVERIFY(!place(ten, u"a.pdf"_s, "a").isEmpty());
    QVERIFY(!place(ten, u"b.jpg"_s, "b").isEmpty());
    // Hidden files and the store's own temporaries are not attachments.
    QVERIFY(!place(ten, u".DS_Store"_s, "x").isEmpty());
    QVERIFY(!place(ten, u".attache-Ab12Cd.part"_s, "partial").isEmpty());
    QVERIFY(QDir().mkpath(entityDir(ten) + u"/subfolder"_s));
    QVERIFY(QDir().mkpath(entityDir(two)));
    // Folders made by hand with names Attaché refuses are left out.
    QVERIFY(QDir().mkpath(entityDir(EntityRef { EntityType::Invoices, u" padded"_s })));
    QVERIFY(QDir().mkpath(entityDir(EntityRef { EntityType::Invoices, u"back\\slash"_s })));
    // Other types are listed separately.
    QVERIFY(!place(m_inbox, u"scan.pdf"_s, "s").isEmpty());

    AWAIT(reply, m_store->listEntities(EntityType::Invoices));
    QCOMPARE(reply->error(), Error::None);
    QHash<QString, int> counts;
    for (const Entity& entity : reply->entities()) {
        QCOMPARE(entity.ref.type, EntityType::Invoices);
        counts.insert(entity.ref.id, entity.attachmentCount);
    }
    QCOMPARE(counts, (QHash<QString, int> { { u"2"_s, 0 }, { u"10"_s, 2 } }));

    AWAIT(inbox, m_store->listEntities(EntityType::Inbox));
    QCOMPARE(inbox->entities().size(), 1);
    QCOMPARE(inbox->entities().at(0).ref, m_inbox);
    QCOMPARE(inbox->entities().at(0).attachmentCount, 1);
}

void TestLocalStore::listEntitiesOfEmptyStore()
{
    // A root that does not exist yet is an empty store, not an error.
    AWAIT(reply, m_store->listEntities(EntityType::Quotes));
    QCOMPARE(reply->error(), Error::None);
    QVERIFY(reply->entities().isEmpty());
}

void TestLocalStore::listEntitiesNaturalOrder()
{
    for (const QString& id : { u"10"_s, u"2"_s, u"1"_s, u"b"_s, u"A"_s })
        QVERIFY(QDir().mkpath(entityDir(EntityRef { EntityType::Invoices, id })));
    AWAIT(reply, m_store->listEntities(EntityType::Invoices));
    QStringList ids;
    for (const Entity& entity : reply->entities())
        ids.append(entity.ref.id);
    QCOMPARE(ids, (QStringList { u"1"_s, u"2"_s, u"10"_s, u"A"_s, u"b"_s }));
}

void TestLocalStore::listAttachmentsFields()
{
    const QByteArray jpg = CoreTest::patternData(164391);
    const QString jpgPath = place(m_invoice, u"photo.JPG"_s, jpg);
    const QString pdfPath = place(m_invoice, u"Kvitto åäö.pdf"_s, "pdf");
    QVERIFY(!jpgPath.isEmpty());
    QVERIFY(!pdfPath.isEmpty());
    QVERIFY(!place(m_invoice, u".attache-Xy12Zq.part"_s, "partial").isEmpty());
    QVERIFY(!place(m_invoice, u".hidden"_s, "hidden").isEmpty());

    AWAIT(reply, m_store->listAttachments(m_invoice));
    QCOMPARE(reply->error(), Error::None);
    const QList<Attachment> list = reply->attachments();
    QCOMPARE(list.size(), 2);

    const Attachment& pdf = list.at(0);
    QCOMPARE(pdf.name, u"Kvitto åäö.pdf"_s);
    QCOMPARE(pdf.icon, u"page_white_acrobat"_s);
    QCOMPARE(pdf.sizeInBytes, 3);
    QCOMPARE(pdf.sizeToBeDisplayed, u"3 bytes"_s);
    QCOMPARE(pdf.isThumbnailAvailable, false);
    QCOMPARE(pdf.contentHash, ContentHasher::hashFile(pdfPath));
    QCOMPARE(pdf.fileUri, QUrl::fromLocalFile(pdfPath).toString());
    QVERIFY(pdf.fileUri.startsWith(u"file:///"_s));
    QCOMPARE(QUrl(pdf.fileUri).toLocalFile(), pdfPath);

    const Attachment& photo = list.at(1);
    QCOMPARE(photo.name, u"photo.JPG"_s);
    QCOMPARE(photo.icon, u"page_white_picture"_s);
    QCOMPARE(photo.sizeInBytes, 164391);
    QCOMPARE(photo.sizeToBeDisplayed, u"160.5 KB"_s);
    QCOMPARE(photo.isThumbnailAvailable, true);
    QCOMPARE(photo.contentHash, ContentHasher::hashFile(jpgPath));
    QCOMPARE(photo.contentHash.size(), 64);
    QCOMPARE(photo.lastModifiedDate, QFileInfo(jpgPath).lastModified());
    QCOMPARE(QUrl(photo.fileUri).toLocalFile(), jpgPath);
}

void TestLocalStore::listAttachmentsNaturalOrder()
{
    for (const QString& name : { u"10.pdf"_s, u"2.pdf"_s, u"1.pdf"_s, u"b.pdf"_s, u"A.pdf"_s })
        QVERIFY(!place(m_invoice, name, name.toUtf8()).isEmpty());
    AWAIT(reply, m_store->listAttachments(m_invoice));
    QStringList names;
    for (const Attachment& attachment : reply->attachments())
        names.append(attachment.name);
    QCOMPARE(names, (QStringList { u"1.pdf"_s, u"2.pdf"_s, u"10.pdf"_s, u"A.pdf"_s, u"b.pdf"_s }));
}

void TestLocalStore::listAttachmentsOfMissingEntity()
{
    AWAIT(reply, m_store->listAttachments(m_invoice));
    QCOMPARE(reply->error(), Error::NotFound);
    QVERIFY2(reply->errorString().contains(u"Invoice 4455"_s), qPrintable(reply->errorString()));
    QVERIFY(reply->attachments().isEmpty());
}

void TestLocalStore::listAttachmentsRefusesBadEntity()
{
    // "../Inbox" would otherwise list another folder of the store.
    QVERIFY(!place(m_inbox, u"scan.pdf"_s, "s").isEmpty());
    AWAIT(reply, m_store->listAttachments(EntityRef { EntityType::Invoices, u"../Inbox/Unsorted"_s }));
    QCOMPARE(reply->error(), Error::InvalidName);
    QVERIFY(reply->attachments().isEmpty());
}

void TestLocalStore::uploadCopiesFile()
{
    const QByteArray data = CoreTest::patternData(3 * 1024 * 1024 + 17);
    const QString path = source(u"receipt.pdf"_s, data, m_time);
    QVERIFY(!path.isEmpty());

    QVERIFY(!QFileInfo::exists(entityDir(m_invoice)));
    StoreReply* raw = m_store->upload(path, m_invoice, u"receipt.pdf"_s);
    QSignalSpy progress(raw, &StoreReply::progress);
    AWAIT(reply, raw);
    QCOMPARE(reply->error(), Error::None);

    // The entity folder is made on the way.
    const QString stored = entityDir(m_invoice) + u"/receipt.pdf"_s;
    QCOMPARE(readFile(stored), data);
    QCOMPARE(QFileInfo(stored).lastModified(), m_time);
    QCOMPARE(readFile(path), data);
    // Progress ends with everything sent.
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(data.size()));
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(data.size()));

    const Attachment attachment = reply->attachment();
    QCOMPARE(attachment.name, u"receipt.pdf"_s);
    QCOMPARE(attachment.sizeInBytes, qint64(data.size()));
    QCOMPARE(attachment.sizeToBeDisplayed, FileKind::displaySize(data.size()));
    QCOMPARE(attachment.icon, u"page_white_acrobat"_s);
    QCOMPARE(attachment.contentHash, ContentHasher::hashFile(path));
    QCOMPARE(attachment.lastModifiedDate, m_time);
    QCOMPARE(QUrl(attachment.fileUri).toLocalFile(), stored);
    // No temporary is left next to it.
    QCOMPARE(allEntries(entityDir(m_invoice)), QStringList { u"receipt.pdf"_s });
}

void TestLocalStore::uploadClashGetsNumberedName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("second");
    QTest::addColumn<QString>("third");
    QTest::newRow("short") << u"receipt.pdf"_s << u"receipt (2).pdf"_s << u"receipt (3).pdf"_s;
    // 255 bytes: the numbered names give up the end of the stem to stay within the limit.
    QTest::newRow("longest") << QString(251, u'r') + u".pdf"_s << QString(247, u'r') + u" (2).pdf"_s
                             << QString(247, u'r') + u" (3).pdf"_s;
}

void TestLocalStore::uploadClashGetsNumberedName()
{
    QFETCH(QString, name);
    QFETCH(QString, second);
    QFETCH(QString, third);
    const QString firstSource = source(u"first.pdf"_s, "first");
    const QString secondSource = source(u"second.pdf"_s, "second");
    const QString thirdSource = source(u"third.pdf"_s, "third");

    AWAIT(a, m_store->upload(firstSource, m_invoice, name));
    QCOMPARE(a->attachment().name, name);
    AWAIT(b, m_store->upload(secondSource, m_invoice, name));
    QCOMPARE(b->error(), Error::None);
    QCOMPARE(b->attachment().name, second);
    AWAIT(c, m_store->upload(thirdSource, m_invoice, name));
    QCOMPARE(c->error(), Error::None);
    QCOMPARE(c->attachment().name, third);

    const QString dir = entityDir(m_invoice);
    QCOMPARE(readFile(dir + u'/' + name), QByteArray("first"));
    QCOMPARE(readFile(dir + u'/' + second), QByteArray("second"));
    QCOMPARE(readFile(dir + u'/' + third), QByteArray("third"));
    QStringList expected { name, second, third };
    expected.sort();
    QCOMPARE(allEntries(dir), expected);
}

void TestLocalStore::nameTakenAtTheLastMomentIsNeverWrittenOver()
{
    // Another writer (a second upload of the same name, a sync client) takes the name between the check and the
    // rename. The test runs this function again with a library preloaded that does so.
    if (qEnvironmentVariable("ATTACHE_TEST_TAKEN_NAME").isEmpty()) {
        // Once where the upload is written unnamed (O_TMPFILE, as QTemporaryFile does where it can), once where the
        // file system refuses that and it is a hidden temporary from the start.
        const QString takeName = QStringLiteral(ATTACHE_TAKE_NAME_BEFORE_RENAME);
        for (const QString& preload :
             QStringList { takeName, takeName + u' ' + QStringLiteral(ATTACHE_REFUSE_UNNAMED_FILES) }) {
            const QString failure = CoreTest::passesInChild(
                *this, QTest::currentTestFunction(), QCoreApplication::applicationFilePath(), {},
                { { u"LD_PRELOAD"_s, preload }, { u"ATTACHE_TEST_TAKEN_NAME"_s, u"receipt.pdf"_s } });
            QVERIFY2(failure.isEmpty(), qPrintable(preload + u'\n' + failure));
        }
        return;
    }
    AWAIT(stored, m_store->upload(source(u"mine.pdf"_s, "mine"), m_invoice, u"receipt.pdf"_s));
    QCOMPARE(stored->error(), Error::None);
    QCOMPARE(stored->attachment().name, u"receipt (2).pdf"_s);
    const QString dir = entityDir(m_invoice);
    QCOMPARE(readFile(dir + u"/receipt.pdf"_s), QByteArray("another writer's"));
    QCOMPARE(readFile(dir + u"/receipt (2).pdf"_s), QByteArray("mine"));
    QCOMPARE(allEntries(dir), (QStringList { u"receipt (2).pdf"_s, u"receipt.pdf"_s }));
}

// Where the file system has no unnamed files (NFS, FAT), an upload is written to a hidden temporary beside the
// documents: stored whole under a free name, and gone when the upload fails. The test runs this function again with
// a library preloaded that refuses unnamed files.
void TestLocalStore::uploadsWhereUnnamedFilesAreRefused()
{
    if (!qEnvironmentVariableIsSet("ATTACHE_TEST_NO_UNNAMED_FILES")) {
        const QString failure
            = CoreTest::passesInChild(*this, QTest::currentTestFunction(), QCoreApplication::applicationFilePath(), {},
                                      { { u"LD_PRELOAD"_s, QStringLiteral(ATTACHE_REFUSE_UNNAMED_FILES) },
                                        { u"ATTACHE_TEST_NO_UNNAMED_FILES"_s, u"1"_s },
                                        { u"ATTACHE_TEST_REFUSALS"_s, m_tmp->filePath(u"refusals.log"_s) } });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        // Else the uploads went the usual way, and this tested nothing.
        QVERIFY(readFile(m_tmp->filePath(u"refusals.log"_s)).startsWith("O_TMPFILE\n"));
        return;
    }
    const QString dir = entityDir(m_invoice);
    for (const QString& expected : { u"scan.pdf"_s, u"scan (2).pdf"_s }) {
        AWAIT(stored, m_store->upload(source(u"scan.pdf"_s, expected.toUtf8()), m_invoice, u"scan.pdf"_s));
        QCOMPARE(stored->error(), Error::None);
        QCOMPARE(stored->attachment().name, expected);
        QCOMPARE(readFile(dir + u'/' + expected), expected.toUtf8());
    }
    const QString big = source(u"big.pdf"_s, CoreTest::patternData(3 * 1024 * 1024));
    CoreTest::FileSizeLimit sizeLimit(1024 * 1024);
    QVERIFY(sizeLimit.isActive());
    AWAIT(failed, m_store->upload(big, m_invoice, u"big.pdf"_s));
    sizeLimit.lift();
    QCOMPARE(failed->error(), Error::DiskFull);
    QCOMPARE(allEntries(dir), (QStringList { u"scan (2).pdf"_s, u"scan.pdf"_s }));
}

void TestLocalStore::uploadMissingSource()
{
    const QString missing = m_sources->filePath(u"gone.pdf"_s);
    AWAIT(reply, m_store->upload(missing, m_invoice, u"gone.pdf"_s));
    QCOMPARE(reply->error(), Error::NotFound);
    QVERIFY2(reply->errorString().contains(missing), qPrintable(reply->errorString()));
    QCOMPARE(allEntries(m_tmp->path()), QStringList());
}

void TestLocalStore::uploadDirectoryIsRefused()
{
    const QString folder = m_sources->filePath(u"folder.pdf"_s);
    QVERIFY(QDir().mkpath(folder));
    AWAIT(reply, m_store->upload(folder, m_invoice, u"folder.pdf"_s));
    QVERIFY(reply->error() != Error::None);
    QVERIFY2(reply->errorString().contains(folder), qPrintable(reply->errorString()));
    QCOMPARE(allEntries(m_tmp->path()), QStringList());
}

void TestLocalStore::uploadRefusesBadNames_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::newRow("name with parent") << u"4455"_s << u"../evil.pdf"_s;
    QTest::newRow("name with slash") << u"4455"_s << u"a/b.pdf"_s;
    QTest::newRow("name dot dot") << u"4455"_s << u".."_s;
    QTest::newRow("name empty") << u"4455"_s << QString();
    QTest::newRow("name control") << u"4455"_s << u"a\x01.pdf"_s;
    QTest::newRow("id with parent") << u"../x"_s << u"ok.pdf"_s;
    QTest::newRow("id with slash") << u"a/b"_s << u"ok.pdf"_s;
    // Hidden: stored, counted as done, and never listed.
    QTest::newRow("name with leading dot") << u"4455"_s << u".receipt.pdf"_s;
    QTest::newRow("id with leading dot") << u".4455"_s << u"ok.pdf"_s;
}

void TestLocalStore::uploadRefusesBadNames()
{
    QFETCH(QString, id);
    QFETCH(QString, name);
    const QString path = source(u"ok.pdf"_s, "data");
    AWAIT(reply, m_store->upload(path, EntityRef { EntityType::Invoices, id }, name));
    QCOMPARE(reply->error(), Error::InvalidName);
    QVERIFY(!reply->errorString().isEmpty());
    // Nothing written anywhere: not in the store, not beside it.
    QCOMPARE(allEntries(m_tmp->path()), QStringList());
    QCOMPARE(allEntries(m_sources->path()), QStringList { u"ok.pdf"_s });
}

void TestLocalStore::uploadAbortedMidway()
{
    // The source is a FIFO, so the upload stays in the middle until this test lets it go on.
    const QString path = m_sources->filePath(u"stream.pdf"_s);
    CoreTest::Fifo fifo(path);
    QVERIFY(fifo.isValid());

    StoreReply* raw = m_store->upload(path, m_invoice, u"big.pdf"_s);
    QSignalSpy progress(raw, &StoreReply::progress);
    std::unique_ptr<StoreReply> reply(raw);
    const QByteArray chunk = CoreTest::patternData(1024 * 1024);
    QVERIFY(fifo.write(chunk));
    QVERIFY(fifo.write(chunk));
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toLongLong() >= chunk.size(), 30000);

    // Midway, nothing of the partial copy has a name (QTemporaryFile writes it unnamed where it can): listings show
    // nothing, and a process killed now would leave nothing behind.
    QCOMPARE(allEntries(entityDir(m_invoice)), QStringList());
    {
        AWAIT(list, m_store->listAttachments(m_invoice));
        QCOMPARE(list->error(), Error::None);
        QVERIFY(list->attachments().isEmpty());
        AWAIT(entities, m_store->listEntities(EntityType::Invoices));
        QCOMPARE(entities->entities().size(), 1);
        QCOMPARE(entities->entities().at(0).attachmentCount, 0);
    }

    reply->abort();
    fifo.close();
    QSignalSpy finished(raw, &StoreReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(30000));
    QCOMPARE(reply->error(), Error::Cancelled);
    // Neither the file nor its temporary remains.
    QCOMPARE(allEntries(entityDir(m_invoice)), QStringList());
}

void TestLocalStore::uploadLargerThanFreeSpace()
{
    const QString path = m_sources->filePath(u"huge.pdf"_s);
    QVERIFY(CoreTest::writeSparseFile(path));
    QVERIFY(QFileInfo(path).size() > QStorageInfo(m_tmp->path()).bytesAvailable());

    AWAIT(reply, m_store->upload(path, m_invoice, u"huge.pdf"_s));
    QCOMPARE(reply->error(), Error::DiskFull);
    QVERIFY2(reply->errorString().contains(u"huge.pdf"_s), qPrintable(reply->errorString()));
    QVERIFY2(reply->errorString().contains(u"disk space"_s), qPrintable(reply->errorString()));
    // No file, no temporary.
    QCOMPARE(allEntries(entityDir(m_invoice)), QStringList());
}

// The disk takes no more part-way through (here the process's file size limit, as FAT's 4 GiB would): a clear
// message, no half-written file, and what was there before is untouched. A small document meets the limit in one
// short write: it must not be stored cut off.
void TestLocalStore::diskLimit_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("limit");
    QTest::newRow("3 MiB past 1 MiB") << CoreTest::patternData(3 * 1024 * 1024) << 1024 * 1024;
    QTest::newRow("3000 bytes past 1024") << QByteArray(3000, 'n') << 1024;
}

void TestLocalStore::uploadFailingMidwayKeepsWhatWasThere()
{
    QFETCH(QByteArray, content);
    QFETCH(int, limit);
    QVERIFY(!place(m_invoice, u"scan.pdf"_s, "kept").isEmpty());
    const QString path = source(u"scan.pdf"_s, content);
    CoreTest::FileSizeLimit sizeLimit(limit);
    QVERIFY(sizeLimit.isActive());
    AWAIT(reply, m_store->upload(path, m_invoice, u"scan.pdf"_s));
    sizeLimit.lift();
    QCOMPARE(reply->error(), Error::DiskFull);
    QCOMPARE(reply->errorString(), u"“scan.pdf” is larger than the disk it goes to can hold in one file."_s);
    QCOMPARE(allEntries(entityDir(m_invoice)), QStringList { u"scan.pdf"_s });
    QCOMPARE(readFile(entityDir(m_invoice) + u"/scan.pdf"_s), QByteArray("kept"));
}

void TestLocalStore::downloadFailingMidwayKeepsDestination()
{
    QFETCH(QByteArray, content);
    QFETCH(int, limit);
    QVERIFY(!place(m_invoice, u"scan.pdf"_s, content).isEmpty());
    const QString destination = source(u"saved.pdf"_s, "kept");
    CoreTest::FileSizeLimit sizeLimit(limit);
    QVERIFY(sizeLimit.isActive());
    AWAIT(reply, m_store->download(AttachmentRef { m_invoice, u"scan.pdf"_s }, destination));
    sizeLimit.lift();
    QCOMPARE(reply->error(), Error::DiskFull);
    QVERIFY2(reply->errorString().contains(u"saved.pdf"_s), qPrintable(reply->errorString()));
    QCOMPARE(allEntries(m_sources->path()), QStringList { u"saved.pdf"_s });
    QCOMPARE(readFile(destination), QByteArray("kept"));
}

void TestLocalStore::uploadIntoUnwritableRoot()
{
    LocalStore store(u"/proc/attache-readonly-root"_s);
    const QString path = source(u"a.pdf"_s, "data");
    AWAIT(reply, store.upload(path, m_invoice, u"a.pdf"_s));
    QCOMPARE(reply->error(), Error::PermissionDenied);
    QVERIFY2(reply->errorString().contains(u"/proc/attache-readonly-root"_s), qPrintable(reply->errorString()));
    QVERIFY2(reply->errorString().contains(u"not writable"_s), qPrintable(reply->errorString()));
}

void TestLocalStore::contentHashFollowsReplacedFile()
{
    // Different scans of the same size and time, stored one after the other under the same name: each must
    // get its own hash, never the one remembered for the file that had the name before. File times tick
    // coarsely, so a quick replacement can keep even the change time; many rounds make that case come up.
    const QString sources[] = { source(u"first.pdf"_s, QByteArray(1000, 'A'), m_time),
                                source(u"second.pdf"_s, QByteArray(1000, 'B'), m_time) };
    const QString hashes[] = { ContentHasher::hashFile(sources[0]), ContentHasher::hashFile(sources[1]) };
    QVERIFY(hashes[0] != hashes[1]);
    const AttachmentRef ref { m_invoice, u"scan.pdf"_s };

    for (int round = 0; round < 300; ++round) {
        const int which = round % 2;
        AWAIT(uploaded, m_store->upload(sources[which], m_invoice, ref.name));
        QCOMPARE(uploaded->attachment().name, ref.name);
        QVERIFY2(uploaded->attachment().contentHash == hashes[which], qPrintable(u"round %1"_s.arg(round)));
        AWAIT(list, m_store->listAttachments(m_invoice));
        QCOMPARE(list->attachments().size(), 1);
        QVERIFY2(list->attachments().at(0).contentHash == hashes[which], qPrintable(u"round %1"_s.arg(round)));
        AWAIT(removed, m_store->remove(ref));
        QCOMPARE(removed->error(), Error::None);
    }
}

void TestLocalStore::downloadCopiesFile()
{
    const QByteArray data = CoreTest::patternData(2 * 1024 * 1024 + 5);
    QVERIFY(!place(m_invoice, u"receipt.pdf"_s, data).isEmpty());
    const QString destination = m_sources->filePath(u"saved.pdf"_s);

    StoreReply* raw = m_store->download(AttachmentRef { m_invoice, u"receipt.pdf"_s }, destination);
    QSignalSpy progress(raw, &StoreReply::progress);
    AWAIT(reply, raw);
    QCOMPARE(reply->error(), Error::None);
    QCOMPARE(readFile(destination), data);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(data.size()));
    QCOMPARE(allEntries(m_sources->path()), QStringList { u"saved.pdf"_s });
}

// A name as long as the file system allows (255 bytes) leaves no room for a temporary name beside it: it is
// replaced all the same.
void TestLocalStore::downloadReplacesDestinationWhenComplete_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("short") << u"saved.pdf"_s;
    QTest::newRow("longest") << QString(251, u's') + u".pdf"_s;
}

void TestLocalStore::downloadReplacesDestinationWhenComplete()
{
    QFETCH(QString, name);
    QVERIFY(!place(m_invoice, u"receipt.pdf"_s, "new content").isEmpty());
    const QString destination = m_sources->filePath(name);
    QVERIFY(writeFile(destination, "old"));
    AWAIT(reply, m_store->download(AttachmentRef { m_invoice, u"receipt.pdf"_s }, destination));
    QCOMPARE(reply->error(), Error::None);
    QCOMPARE(readFile(destination), QByteArray("new content"));
    QCOMPARE(allEntries(m_sources->path()), QStringList { name });
}

void TestLocalStore::downloadAbortedKeepsDestination()
{
    // The attachment is a FIFO: the download stays in the middle until the test lets it go on.
    QVERIFY(QDir().mkpath(entityDir(m_invoice)));
    CoreTest::Fifo fifo(entityDir(m_invoice) + u"/stream.pdf"_s);
    QVERIFY(fifo.isValid());
    const QString destination = m_sources->filePath(u"saved.pdf"_s);
    QVERIFY(writeFile(destination, "old"));

    StoreReply* raw = m_store->download(AttachmentRef { m_invoice, u"stream.pdf"_s }, destination);
    QSignalSpy progress(raw, &StoreReply::progress);
    std::unique_ptr<StoreReply> reply(raw);
    const QByteArray chunk = CoreTest::patternData(1024 * 1024);
    QVERIFY(fifo.write(chunk));
    QVERIFY(fifo.write(chunk));
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 30000);
    // Midway, the destination still holds what it had.
    QCOMPARE(readFile(destination), QByteArray("old"));

    reply->abort();
    fifo.close();
    QSignalSpy finished(raw, &StoreReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(30000));
    QCOMPARE(reply->error(), Error::Cancelled);
    QCOMPARE(readFile(destination), QByteArray("old"));
    QCOMPARE(allEntries(m_sources->path()), QStringList { u"saved.pdf"_s });
}

void TestLocalStore::downloadMissingAttachment()
{
    QVERIFY(QDir().mkpath(entityDir(m_invoice)));
    const QString destination = m_sources->filePath(u"saved.pdf"_s);
    AWAIT(reply, m_store->download(AttachmentRef { m_invoice, u"nothing.pdf"_s }, destination));
    QCOMPARE(reply->error(), Error::NotFound);
    QVERIFY2(reply->errorString().contains(u"nothing.pdf"_s), qPrintable(reply->errorString()));
    QCOMPARE(allEntries(m_sources->path()), QStringList());
}

void TestLocalStore::downloadIntoMissingFolder()
{
    QVERIFY(!place(m_invoice, u"receipt.pdf"_s, "data").isEmpty());
    const QString destination = m_sources->filePath(u"no/such/folder/saved.pdf"_s);
    AWAIT(reply, m_store->download(AttachmentRef { m_invoice, u"receipt.pdf"_s }, destination));
    QVERIFY(reply->error() != Error::None);
    QVERIFY(!reply->errorString().isEmpty());
    QCOMPARE(allEntries(m_sources->path()), QStringList());
}

void TestLocalStore::downloadKeepsModificationTime()
{
    // The store sets the saved copy's time to the attachment's, as it does for uploads.
    const QString stored = place(m_invoice, u"receipt.pdf"_s, "data");
    QFile file(stored);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(m_time, QFileDevice::FileModificationTime));
    file.close();
    const QString destination = m_sources->filePath(u"saved.pdf"_s);
    AWAIT(reply, m_store->download(AttachmentRef { m_invoice, u"receipt.pdf"_s }, destination));
    QCOMPARE(reply->error(), Error::None);
    QCOMPARE(QFileInfo(destination).lastModified(), m_time);
}

void TestLocalStore::removeDeletesToTrash()
{
    // A home without its data folder yet, as a new account has: the trash is still the home's, never the
    // working directory.
    QVERIFY(QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).removeRecursively());
    QTemporaryDir workingDir;
    const QString previousDir = QDir::currentPath();
    QVERIFY(QDir::setCurrent(workingDir.path()));
    const auto restoreDir = qScopeGuard([&] { QDir::setCurrent(previousDir); });

    QVERIFY(!place(m_invoice, u"old.pdf"_s, "old").isEmpty());
    QVERIFY(!place(m_invoice, u"keep.pdf"_s, "keep").isEmpty());
    AWAIT(reply, m_store->remove(AttachmentRef { m_invoice, u"old.pdf"_s }));
    QCOMPARE(reply->error(), Error::None);
    QCOMPARE(allEntries(entityDir(m_invoice)), QStringList { u"keep.pdf"_s });
    AWAIT(list, m_store->listAttachments(m_invoice));
    QCOMPARE(list->attachments().size(), 1);
    QCOMPARE(list->attachments().at(0).name, u"keep.pdf"_s);

    // It went to the trash, which the test put in its own home.
    QStringList trashed;
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(u"/Trash/files/"_s) && readFile(path) == "old")
            trashed.append(path);
    }
    QCOMPARE(trashed.size(), 1);
    QVERIFY(QDir(workingDir.path()).isEmpty());
}

void TestLocalStore::removeMissingAttachment()
{
    QVERIFY(!place(m_invoice, u"keep.pdf"_s, "keep").isEmpty());
    AWAIT(reply, m_store->remove(AttachmentRef { m_invoice, u"gone.pdf"_s }));
    QCOMPARE(reply->error(), Error::NotFound);
    QVERIFY(reply->errorString().contains(u"gone.pdf"_s));
    QCOMPARE(allEntries(entityDir(m_invoice)), QStringList { u"keep.pdf"_s });
}

void TestLocalStore::closingStopsAHashUnderWay()
{
    // A file that would take the listing's hash many minutes (sparse: it takes no disk).
    QVERIFY(QDir().mkpath(entityDir(m_invoice)));
    QFile huge(entityDir(m_invoice) + u"/archive.bin"_s);
    QVERIFY(huge.open(QIODevice::WriteOnly));
    QVERIFY(huge.resize(qint64(1) << 40));
    huge.close();
    StoreReply* listing = m_store->listAttachments(m_invoice);
    // Under way: the hash has the file open.
    const auto isOpenHere = [path = QFileInfo(huge).canonicalFilePath()] {
        const QFileInfoList descriptors = QDir(u"/proc/self/fd"_s).entryInfoList(QDir::Files | QDir::System);
        return std::any_of(descriptors.cbegin(), descriptors.cend(),
                           [&path](const QFileInfo& descriptor) { return descriptor.symLinkTarget() == path; });
    };
    QTRY_VERIFY(isOpenHere());
    QVERIFY(!listing->isFinished());
    // Closing (quitting the app) stops the hash: were it to wait for it, this would not return for minutes.
    m_store.reset();
    QVERIFY(!isOpenHere());
    delete listing;
}

void TestLocalStore::removeRefusesBadName()
{
    // "../Unsorted/scan.pdf" would reach into another entity.
    QVERIFY(!place(m_inbox, u"scan.pdf"_s, "scan").isEmpty());
    AWAIT(reply, m_store->remove(AttachmentRef { EntityRef { EntityType::Inbox, u"x"_s }, u"../Unsorted/scan.pdf"_s }));
    QCOMPARE(reply->error(), Error::InvalidName);
    QCOMPARE(readFile(entityDir(m_inbox) + u"/scan.pdf"_s), QByteArray("scan"));
}

void TestLocalStore::moveToOtherEntity()
{
    QVERIFY(!place(m_inbox, u"scan.pdf"_s, "scan").isEmpty());
    AWAIT(reply, m_store->move(AttachmentRef { m_inbox, u"scan.pdf"_s }, m_invoice));
    QCOMPARE(reply->error(), Error::None);
    QCOMPARE(reply->attachment().name, u"scan.pdf"_s);
    QCOMPARE(reply->attachment().contentHash, ContentHasher::hashFile(entityDir(m_invoice) + u"/scan.pdf"_s));
    QCOMPARE(readFile(entityDir(m_invoice) + u"/scan.pdf"_s), QByteArray("scan"));
    QCOMPARE(allEntries(entityDir(m_inbox)), QStringList());
}

void TestLocalStore::moveClashGetsNumberedName()
{
    QVERIFY(!place(m_inbox, u"scan.pdf"_s, "new").isEmpty());
    QVERIFY(!place(m_invoice, u"scan.pdf"_s, "existing").isEmpty());
    AWAIT(reply, m_store->move(AttachmentRef { m_inbox, u"scan.pdf"_s }, m_invoice));
    QCOMPARE(reply->error(), Error::None);
    QCOMPARE(reply->attachment().name, u"scan (2).pdf"_s);
    QCOMPARE(readFile(entityDir(m_invoice) + u"/scan.pdf"_s), QByteArray("existing"));
    QCOMPARE(readFile(entityDir(m_invoice) + u"/scan (2).pdf"_s), QByteArray("new"));
    QCOMPARE(allEntries(entityDir(m_inbox)), QStringList());
}

// A name the user chose is given as it is, or not at all: a taken one is refused, never numbered or written over.
void TestLocalStore::renameGivesTheChosenNameOrNone()
{
    QVERIFY(!place(m_invoice, u"scan.pdf"_s, "scan").isEmpty());
    QVERIFY(!place(m_invoice, u"receipt.pdf"_s, "receipt").isEmpty());
    const AttachmentRef scan { m_invoice, u"scan.pdf"_s };
    {
        AWAIT(taken, m_store->rename(scan, u"receipt.pdf"_s));
        QCOMPARE(taken->error(), Error::AlreadyExists);
        QCOMPARE(taken->errorString(), u"There is already a document named “receipt.pdf” on Invoice 4455."_s);
    }
    for (const QString& bad : { u"../scan.pdf"_s, u".scan.pdf"_s, QString() }) {
        AWAIT(refused, m_store->rename(scan, bad));
        QCOMPARE(refused->error(), Error::InvalidName);
    }
    QCOMPARE(allEntries(entityDir(m_invoice)), (QStringList { u"receipt.pdf"_s, u"scan.pdf"_s }));
    {
        AWAIT(renamed, m_store->rename(scan, u"Kvitto mars.pdf"_s));
        QCOMPARE(renamed->error(), Error::None);
        QCOMPARE(renamed->attachment().name, u"Kvitto mars.pdf"_s);
        QCOMPARE(renamed->attachment().contentHash, ContentHasher::hashFile(place(m_inbox, u"probe.pdf"_s, "scan")));
    }
    QCOMPARE(readFile(entityDir(m_invoice) + u"/Kvitto mars.pdf"_s), QByteArray("scan"));
    QCOMPARE(readFile(entityDir(m_invoice) + u"/receipt.pdf"_s), QByteArray("receipt"));
    AWAIT(gone, m_store->rename(scan, u"again.pdf"_s));
    QCOMPARE(gone->error(), Error::NotFound);
}

void TestLocalStore::moveMissingAttachment()
{
    AWAIT(reply, m_store->move(AttachmentRef { m_inbox, u"gone.pdf"_s }, m_invoice));
    QCOMPARE(reply->error(), Error::NotFound);
    QVERIFY(reply->errorString().contains(u"gone.pdf"_s));
    QVERIFY(!QFileInfo::exists(entityDir(m_invoice)));
}

void TestLocalStore::moveToSameEntityChangesNothing()
{
    QVERIFY(!place(m_invoice, u"scan.pdf"_s, "scan").isEmpty());
    AWAIT(reply, m_store->move(AttachmentRef { m_invoice, u"scan.pdf"_s }, m_invoice));
    QCOMPARE(reply->error(), Error::None);
    QCOMPARE(reply->attachment().name, u"scan.pdf"_s);
    QCOMPARE(allEntries(entityDir(m_invoice)), QStringList { u"scan.pdf"_s });
}

void TestLocalStore::moveRefusesBadTarget()
{
    QVERIFY(!place(m_inbox, u"scan.pdf"_s, "scan").isEmpty());
    AWAIT(reply,
          m_store->move(AttachmentRef { m_inbox, u"scan.pdf"_s }, EntityRef { EntityType::Invoices, u"../x"_s }));
    QCOMPARE(reply->error(), Error::InvalidName);
    QCOMPARE(allEntries(entityDir(m_inbox)), QStringList { u"scan.pdf"_s });
    QCOMPARE(allEntries(rootPath()), QStringList { u"Inbox"_s });
    // Nor onto a record the store would hide.
    AWAIT(hidden, m_store->move(AttachmentRef { m_inbox, u"scan.pdf"_s }, EntityRef { EntityType::Invoices, u".5"_s }));
    QCOMPARE(hidden->error(), Error::InvalidName);
    QCOMPARE(allEntries(rootPath()), QStringList { u"Inbox"_s });
}

void TestLocalStore::thumbnailIsUnsupported()
{
    QVERIFY(!place(m_invoice, u"photo.jpg"_s, "jpg").isEmpty());
    StoreReply* raw = m_store->thumbnail(AttachmentRef { m_invoice, u"photo.jpg"_s }, QSize(64, 64));
    // Finished later, never inside the call, so that the caller can connect first.
    QVERIFY(!raw->isFinished());
    AWAIT(reply, raw);
    QCOMPARE(reply->error(), Error::Unsupported);
    QVERIFY(!reply->errorString().isEmpty());
}

void TestLocalStore::localFilePath_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"4455"_s << u"a.pdf"_s << true;
    QTest::newRow("unicode") << u"4455"_s << u"Kvitto åäö.pdf"_s << true;
    QTest::newRow("name parent") << u"4455"_s << u"../a.pdf"_s << false;
    QTest::newRow("name slash") << u"4455"_s << u"x/a.pdf"_s << false;
    QTest::newRow("name dot dot") << u"4455"_s << u".."_s << false;
    QTest::newRow("name empty") << u"4455"_s << QString() << false;
    QTest::newRow("id parent") << u"../x"_s << u"a.pdf"_s << false;
    QTest::newRow("id dot dot") << u".."_s << u"a.pdf"_s << false;
    QTest::newRow("id empty") << QString() << u"a.pdf"_s << false;
}

void TestLocalStore::localFilePath()
{
    QFETCH(QString, id);
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const QString path = m_store->localFilePath(AttachmentRef { EntityRef { EntityType::Invoices, id }, name });
    if (valid)
        QCOMPARE(path, rootPath() + u"/Invoices/"_s + id + u'/' + name);
    else
        QCOMPARE(path, QString());
}

void TestLocalStore::removeKeepsADocumentChangedSince()
{
    const QString path = place(m_invoice, u"draft.txt"_s, "first");
    AWAIT(listed, m_store->listAttachments(m_invoice));
    const QString firstHash = listed->attachment().contentHash;
    QVERIFY(!firstHash.isEmpty());
    QVERIFY(writeFile(path, "second, longer"));

    AWAIT(refused, m_store->remove(AttachmentRef { m_invoice, u"draft.txt"_s }, firstHash));
    QCOMPARE(refused->error(), Error::Changed);
    QVERIFY2(refused->errorString().contains(u"draft.txt"_s), qPrintable(refused->errorString()));
    QCOMPARE(readFile(path), QByteArray("second, longer"));

    AWAIT(relisted, m_store->listAttachments(m_invoice));
    AWAIT(removed, m_store->remove(AttachmentRef { m_invoice, u"draft.txt"_s }, relisted->attachment().contentHash));
    QCOMPARE(removed->error(), Error::None);
    QVERIFY(!QFileInfo::exists(path));
}

QTEST_GUILESS_MAIN(TestLocalStore)
#include "TestLocalStore.moc"
