// MetadataCache: the last known listings of each store, for a window that opens at once and offline.

#include "MetadataCache.h"
#include "TransferJournal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMetadataCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void unknownListingsDifferFromEmptyOnes();
    void entitiesAreReplacedWhole();
    void titlesAndAddressesAreKept();
    void attachmentsKeepTheirFieldsAndSetTheCount();
    void storesAreKeptApart();
    void entityIsFoundWhateverItsCase();
    void watchStateIsKept();
    void listingsOutliveTheConnection();
    void sharesTheDatabaseWithTheJournal();
    void unwritableFolderGivesClearError();

private:
    QString path() const { return m_dir->filePath(u"attache.sqlite"_s); }
    static Attachment attachment(const QString& name, qint64 size)
    {
        Attachment a = Attachment::describe(name, size, QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC));
        a.contentHash = u"hash-"_s + name;
        a.fileUri = u"https://files.example/"_s + name;
        a.thumbnailUri = u"https://thumbs.example/"_s + name;
        return a;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    const QString m_store = u"dropbox:/Accounting"_s;
    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
};

void TestMetadataCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMetadataCache::unknownListingsDifferFromEmptyOnes()
{
    MetadataCache cache(path());
    QVERIFY2(cache.isOpen(), qPrintable(cache.errorString()));
    QVERIFY(!cache.entities(m_store, EntityType::Invoices));
    QVERIFY(!cache.attachments(m_store, m_invoice));
    cache.setEntities(m_store, EntityType::Invoices, {});
    cache.setAttachments(m_store, m_invoice, {});
    QVERIFY(cache.entities(m_store, EntityType::Invoices));
    QVERIFY(cache.entities(m_store, EntityType::Invoices)->isEmpty());
    QVERIFY(cache.attachments(m_store, m_invoice));
    QVERIFY(cache.attachments(m_store, m_invoice)->isEmpty());
    // Other types and entities are still unknown.
    QVERIFY(!cache.entities(m_store, EntityType::Quotes));
    QVERIFY(!cache.attachments(m_store, EntityRef { EntityType::Invoices, u"4456"_s }));
}

void TestMetadataCache::entitiesAreReplacedWhole()
{
    MetadataCache cache(path());
    cache.setEntities(m_store, EntityType::Invoices,
                      { Entity { m_invoice, 3 }, Entity { { EntityType::Invoices, u"10"_s }, 0 } });
    cache.setEntities(m_store, EntityType::Invoices,
                      { Entity { m_invoice, 4 }, Entity { { EntityType::Invoices, u"500"_s }, 1 } });
    const QList<Entity> entities = cache.entities(m_store, EntityType::Invoices).value();
    QCOMPARE(entities.size(), 2);
    QHash<QString, int> counts;
    for (const Entity& entity : entities)
        counts.insert(entity.ref.id, entity.attachmentCount);
    QCOMPARE(counts.value(u"4455"_s), 4);
    QCOMPARE(counts.value(u"500"_s), 1);
    QVERIFY(!counts.contains(u"10"_s));
}

void TestMetadataCache::titlesAndAddressesAreKept()
{
    MetadataCache cache(path());
    const QString fortnox = u"fortnox:501558"_s;
    cache.setEntities(fortnox, EntityType::Inbox,
                      { Entity { { EntityType::Inbox, u"inbox_s"_s },
                                 2,
                                 u"Leverantörsfakturor"_s,
                                 u"inbox.lev.501558@alfa.arkivplats.se"_s },
                        Entity { { EntityType::Inbox, u"plain"_s }, 0 } });
    QList<Entity> entities = cache.entities(fortnox, EntityType::Inbox).value();
    QCOMPARE(entities.size(), 2);
    QCOMPARE(entities.at(0).title, u"Leverantörsfakturor"_s);
    QCOMPARE(entities.at(0).email, u"inbox.lev.501558@alfa.arkivplats.se"_s);
    QCOMPARE(entities.at(0).attachmentCount, 2);
    QVERIFY(entities.at(1).title.isEmpty() && entities.at(1).email.isEmpty());
    // A new listing replaces them with the rest.
    cache.setEntities(fortnox, EntityType::Inbox, { Entity { { EntityType::Inbox, u"inbox_s"_s }, 1 } });
    entities = cache.entities(fortnox, EntityType::Inbox).value();
    QCOMPARE(entities.size(), 1);
    QVERIFY(entities.at(0).title.isEmpty() && entities.at(0).email.isEmpty());
}

void TestMetadataCache::attachmentsKeepTheirFieldsAndSetTheCount()
{
    MetadataCache cache(path());
    cache.setEntities(m_store, EntityType::Invoices, { Entity { m_invoice, 0 } });
    const QList<Attachment> stored { attachment(u"receipt.jpg"_s, 2048), attachment(u"Faktura ”4455”.pdf"_s, 0) };
    cache.setAttachments(m_store, m_invoice, stored);
    QList<Attachment> loaded = cache.attachments(m_store, m_invoice).value();
    std::sort(loaded.begin(), loaded.end(), [](const Attachment& a, const Attachment& b) { return a.name > b.name; });
    QCOMPARE(loaded.size(), 2);
    QVERIFY(loaded.at(0) == stored.at(0));
    QVERIFY(loaded.at(1) == stored.at(1));
    QCOMPARE(loaded.at(0).lastModifiedDate.toMSecsSinceEpoch(), 1700000000123);
    QCOMPARE(cache.entity(m_store, m_invoice)->attachmentCount, 2);

    cache.setAttachments(m_store, m_invoice, { stored.at(1) });
    QCOMPARE(cache.attachments(m_store, m_invoice)->size(), 1);
    QCOMPARE(cache.entity(m_store, m_invoice)->attachmentCount, 1);
}

void TestMetadataCache::storesAreKeptApart()
{
    MetadataCache cache(path());
    const QString local = u"local:/home/anna/Attaché"_s;
    cache.setEntities(m_store, EntityType::Invoices, { Entity { m_invoice, 1 } });
    cache.setAttachments(m_store, m_invoice, { attachment(u"a.pdf"_s, 1) });
    QVERIFY(!cache.entities(local, EntityType::Invoices));
    QVERIFY(!cache.attachments(local, m_invoice));
    cache.setEntities(local, EntityType::Invoices, {});
    QCOMPARE(cache.entities(m_store, EntityType::Invoices)->size(), 1);
}

void TestMetadataCache::entityIsFoundWhateverItsCase()
{
    MetadataCache cache(path());
    const EntityRef customer { EntityType::Customers, u"ACME01"_s };
    cache.setEntities(m_store, EntityType::Customers, { Entity { customer, 7 } });
    const std::optional<Entity> found = cache.entity(m_store, EntityRef { EntityType::Customers, u"acme01"_s });
    QVERIFY(found);
    QCOMPARE(found->ref, customer);
    QCOMPARE(found->attachmentCount, 7);
    QVERIFY(!cache.entity(m_store, EntityRef { EntityType::Invoices, u"ACME01"_s }));
    QVERIFY(!cache.entity(m_store, EntityRef { EntityType::Customers, u"ACME02"_s }));
}

void TestMetadataCache::watchStateIsKept()
{
    {
        MetadataCache cache(path());
        QVERIFY(cache.watchState(m_store).isEmpty());
        cache.setWatchState(m_store, "cursor-1");
        cache.setWatchState(m_store, "cursor-2");
    }
    MetadataCache cache(path());
    QCOMPARE(cache.watchState(m_store), QByteArray("cursor-2"));
    QVERIFY(cache.watchState(u"local:/x"_s).isEmpty());
}

void TestMetadataCache::listingsOutliveTheConnection()
{
    {
        MetadataCache cache(path());
        cache.setEntities(m_store, EntityType::Invoices, { Entity { m_invoice, 1 } });
        cache.setAttachments(m_store, m_invoice, { attachment(u"a.pdf"_s, 10) });
    }
    MetadataCache cache(path());
    QCOMPARE(cache.entities(m_store, EntityType::Invoices)->size(), 1);
    QCOMPARE(cache.attachments(m_store, m_invoice)->value(0).name, u"a.pdf"_s);
}

void TestMetadataCache::sharesTheDatabaseWithTheJournal()
{
    TransferJournal journal(path());
    MetadataCache cache(path());
    QVERIFY(journal.isOpen());
    QVERIFY(cache.isOpen());
    Transfer transfer;
    transfer.kind = Transfer::Kind::Delete;
    transfer.source = AttachmentRef { m_invoice, u"a.pdf"_s };
    QVERIFY(journal.add(transfer, m_store) > 0);
    cache.setEntities(m_store, EntityType::Invoices, { Entity { m_invoice, 1 } });
    QCOMPARE(cache.entities(m_store, EntityType::Invoices)->size(), 1);
}

void TestMetadataCache::unwritableFolderGivesClearError()
{
    const QString blocker = m_dir->filePath(u"file"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString impossible = blocker + u"/data/attache.sqlite"_s;
    MetadataCache cache(impossible);
    QVERIFY(!cache.isOpen());
    QVERIFY2(cache.errorString().contains(QDir::toNativeSeparators(impossible)), qPrintable(cache.errorString()));
    cache.setEntities(m_store, EntityType::Invoices, { Entity { m_invoice, 1 } });
    QVERIFY(!cache.entities(m_store, EntityType::Invoices));
}

QTEST_GUILESS_MAIN(TestMetadataCache)
#include "TestMetadataCache.moc"
