// SyncMonitor: listings through the cache, and changes made elsewhere found and announced with counts,
// against a local store watched by the file system and one that can only be polled.

#include "CoreTestHelpers.h"
#include "LocalStore.h"
#include "MetadataCache.h"
#include "SyncMonitor.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace CoreTest;

namespace {
// A store without change notifications, like KashFlow's and Fortnox's.
class PolledStore : public LocalStore
{
public:
    using LocalStore::LocalStore;
    bool startWatching(const QByteArray&) override { return false; }
};

// Listings answered when the test says, in the order it says.
class ManualStore : public LocalStore
{
public:
    using LocalStore::LocalStore;
    StoreReply* listAttachments(const EntityRef&) override
    {
        m_pending.append(new StoreReply);
        return m_pending.last();
    }
    QList<StoreReply*> m_pending;
};
} // namespace

class TestSyncMonitor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listingsGoThroughTheCache();
    void changesInWatchedFoldersAreAnnounced();
    void ownChangesAreNotAnnounced();
    void aNewRecordIsAnnounced();
    void storesThatCannotWatchArePolled();
    void anOlderAnswerNeverOverwritesANewerOne();
    void aRefreshAnnouncesWhatChangedElsewhere();

private:
    void makeFile(const QString& relativePath, const QByteArray& data = "x")
    {
        const QString path = m_root->filePath(relativePath);
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QVERIFY(writeFile(path, data));
    }
    // Lists the type and the entity, so that the cache knows them before anything changes.
    void listFirst(SyncMonitor& sync)
    {
        QSignalSpy types(&sync, &SyncMonitor::entitiesListed);
        sync.refreshType(EntityType::Invoices);
        QVERIFY(types.wait());
        QSignalSpy attachments(&sync, &SyncMonitor::attachmentsListed);
        sync.refreshEntity(m_invoice);
        QVERIFY(attachments.wait());
    }
    static QPair<int, int> totals(const QSignalSpy& spy, const EntityRef& entity)
    {
        QPair<int, int> sum;
        for (const QList<QVariant>& signal : spy) {
            if (signal.at(0).value<EntityRef>() == entity) {
                sum.first += signal.at(1).toInt();
                sum.second += signal.at(2).toInt();
            }
        }
        return sum;
    }

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<MetadataCache> m_cache;
    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
};

void TestSyncMonitor::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    m_data = std::make_unique<QTemporaryDir>();
    m_cache = std::make_unique<MetadataCache>(m_data->filePath(u"attache.sqlite"_s));
    QVERIFY(m_cache->isOpen());
    makeFile(u"Invoices/4455/a.pdf"_s);
}

void TestSyncMonitor::cleanup()
{
    m_cache.reset();
    m_data.reset();
    m_root.reset();
}

void TestSyncMonitor::listingsGoThroughTheCache()
{
    LocalStore store(m_root->path());
    SyncMonitor sync(&store, m_cache.get(), nullptr);
    QVERIFY(!sync.cachedEntities(EntityType::Invoices));
    listFirst(sync);
    QCOMPARE(sync.cachedEntities(EntityType::Invoices)->size(), 1);
    QCOMPARE(sync.cachedAttachments(m_invoice)->value(0).name, u"a.pdf"_s);
    // Listings asked for by the user are never announced as news.
    QSignalSpy changes(&sync, &SyncMonitor::remoteChanges);
    makeFile(u"Invoices/4455/b.pdf"_s);
    QSignalSpy attachments(&sync, &SyncMonitor::attachmentsListed);
    sync.refreshEntity(m_invoice);
    QVERIFY(attachments.wait());
    QCOMPARE(attachments.first().at(1).value<QList<Attachment>>().size(), 2);
    QCOMPARE(sync.cachedAttachments(m_invoice)->size(), 2);
    QCOMPARE(changes.count(), 0);
}

void TestSyncMonitor::changesInWatchedFoldersAreAnnounced()
{
    LocalStore store(m_root->path());
    SyncMonitor sync(&store, m_cache.get(), nullptr);
    listFirst(sync);
    sync.start(3600 * 1000);
    QVERIFY(!sync.isPolling());
    QSignalSpy changes(&sync, &SyncMonitor::remoteChanges);
    makeFile(u"Invoices/4455/b.pdf"_s);
    makeFile(u"Invoices/4455/c.pdf"_s);
    QVERIFY(QFile::remove(m_root->filePath(u"Invoices/4455/a.pdf"_s)));
    QTRY_COMPARE(totals(changes, m_invoice), qMakePair(2, 1));
    QCOMPARE(sync.cachedAttachments(m_invoice)->size(), 2);
}

void TestSyncMonitor::ownChangesAreNotAnnounced()
{
    LocalStore store(m_root->path());
    SyncMonitor sync(&store, m_cache.get(), nullptr);
    listFirst(sync);
    sync.start(3600 * 1000);
    QSignalSpy changes(&sync, &SyncMonitor::remoteChanges);
    QSignalSpy attachments(&sync, &SyncMonitor::attachmentsListed);
    sync.expectAdded(AttachmentRef { m_invoice, u"mine.pdf"_s });
    sync.expectRemoved(AttachmentRef { m_invoice, u"a.pdf"_s });
    makeFile(u"Invoices/4455/mine.pdf"_s);
    QVERIFY(QFile::remove(m_root->filePath(u"Invoices/4455/a.pdf"_s)));
    QTRY_VERIFY(sync.cachedAttachments(m_invoice)->size() == 1
                && sync.cachedAttachments(m_invoice)->first().name == u"mine.pdf"_s);
    QCOMPARE(changes.count(), 0);

    // Someone else's file, though, is news.
    makeFile(u"Invoices/4455/theirs.pdf"_s);
    QTRY_COMPARE(totals(changes, m_invoice), qMakePair(1, 0));
}

void TestSyncMonitor::aNewRecordIsAnnounced()
{
    LocalStore store(m_root->path());
    SyncMonitor sync(&store, m_cache.get(), nullptr);
    listFirst(sync);
    sync.start(3600 * 1000);
    QSignalSpy changes(&sync, &SyncMonitor::remoteChanges);
    QSignalSpy types(&sync, &SyncMonitor::entitiesListed);
    const EntityRef fresh { EntityType::Invoices, u"9000"_s };
    makeFile(u"Invoices/9000/x.pdf"_s);
    makeFile(u"Invoices/9000/y.pdf"_s);
    QTRY_COMPARE(totals(changes, fresh), qMakePair(2, 0));
    QVERIFY(sync.cachedEntities(EntityType::Invoices)->size() == 2);
    QVERIFY(!types.isEmpty());
}

void TestSyncMonitor::storesThatCannotWatchArePolled()
{
    PolledStore store(m_root->path());
    SyncMonitor sync(&store, m_cache.get(), nullptr);
    listFirst(sync);
    sync.start(50);
    QVERIFY(sync.isPolling());
    QSignalSpy changes(&sync, &SyncMonitor::remoteChanges);
    makeFile(u"Invoices/4455/b.pdf"_s);
    QTRY_COMPARE(totals(changes, m_invoice), qMakePair(1, 0));
    QCOMPARE(sync.cachedAttachments(m_invoice)->size(), 2);
}

void TestSyncMonitor::anOlderAnswerNeverOverwritesANewerOne()
{
    ManualStore store(m_root->path());
    SyncMonitor sync(&store, m_cache.get(), nullptr);
    QSignalSpy listed(&sync, &SyncMonitor::attachmentsListed);
    sync.refreshEntity(m_invoice);
    sync.refreshEntity(m_invoice);
    QCOMPARE(store.m_pending.size(), 2);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The second listing answers first, with the newer state; the first one's answer comes late.
    store.m_pending.at(1)->setAttachments(
        { Attachment::describe(u"a.pdf"_s, 1, now), Attachment::describe(u"b.pdf"_s, 1, now) });
    store.m_pending.at(1)->finishWithSuccess();
    QTRY_COMPARE(listed.count(), 1);
    store.m_pending.at(0)->setAttachments({ Attachment::describe(u"a.pdf"_s, 1, now) });
    store.m_pending.at(0)->finishWithSuccess();
    QVERIFY(!listed.wait(200));
    QCOMPARE(sync.cachedAttachments(m_invoice)->size(), 2);
}

void TestSyncMonitor::aRefreshAnnouncesWhatChangedElsewhere()
{
    // Not watched and not polled yet: the user's own Refresh is what finds the change.
    PolledStore store(m_root->path());
    SyncMonitor sync(&store, m_cache.get(), nullptr);
    listFirst(sync);
    QSignalSpy changes(&sync, &SyncMonitor::remoteChanges);
    makeFile(u"Invoices/4455/b.pdf"_s);
    sync.refreshType(EntityType::Invoices);
    QTRY_COMPARE(totals(changes, m_invoice), qMakePair(1, 0));
}

QTEST_GUILESS_MAIN(TestSyncMonitor)
#include "TestSyncMonitor.moc"
