#include "AttachmentMimeData.h"
#include "EntityTreeModel.h"
#include "LocalStore.h"
#include "MetadataCache.h"
#include "SyncMonitor.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

class TestEntityTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void listsTypesThenEntitiesWithCounts();
    void reloadUpdatesInPlace();
    void dropsOnEntitiesBecomeRequests();
    void showsTheCacheThenMergesTheStore();
    void showsTitlesAndAddresses();
    void sortsByWhatRowsShow();

private:
    void makeFile(const QString& relativePath);

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<SyncMonitor> m_sync;
};

void TestEntityTreeModel::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<LocalStore>(m_root->path());
    m_sync = std::make_unique<SyncMonitor>(m_store.get(), nullptr, nullptr);
    makeFile(QStringLiteral("Invoices/4455/a.pdf"));
    makeFile(QStringLiteral("Invoices/4455/b.jpg"));
    makeFile(QStringLiteral("Invoices/10/c.pdf"));
    makeFile(QStringLiteral("Inbox/Unsorted/d.png"));
    QDir(m_root->path()).mkpath(QStringLiteral("Customers/ACME01"));
}

void TestEntityTreeModel::makeFile(const QString& relativePath)
{
    const QString path = m_root->filePath(relativePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x");
}

void TestEntityTreeModel::listsTypesThenEntitiesWithCounts()
{
    EntityTreeModel model(m_sync.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Invoices"));
    QCOMPARE(model.index(4, 0).data().toString(), QStringLiteral("Bank accounts"));

    QSignalSpy loaded(&model, &EntityTreeModel::loaded);
    model.reload();
    QVERIFY(loaded.wait());
    const QModelIndex invoices = model.indexOf(EntityType::Invoices);
    QCOMPARE(model.rowCount(invoices), 2);
    // Natural order: 10 before 4455.
    QCOMPARE(model.index(0, 0, invoices).data().toString(), QStringLiteral("10"));
    const QModelIndex invoice = model.indexOf(EntityRef { EntityType::Invoices, QStringLiteral("4455") });
    QVERIFY(invoice.isValid());
    QCOMPARE(invoice.siblingAtColumn(EntityTreeModel::CountColumn).data().toInt(), 2);
    // The count is of documents, the word every message uses.
    QCOMPARE(model.headerData(EntityTreeModel::CountColumn, Qt::Horizontal).toString(), QStringLiteral("Documents"));
    QCOMPARE(invoice.data(EntityTreeModel::EntityRefRole).value<EntityRef>().id, QStringLiteral("4455"));
    QCOMPARE(model.rowCount(model.indexOf(EntityType::Customers)), 1);
    QCOMPARE(model.rowCount(model.indexOf(EntityType::Quotes)), 0);
}

void TestEntityTreeModel::reloadUpdatesInPlace()
{
    EntityTreeModel model(m_sync.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &EntityTreeModel::loaded);
    model.reload();
    QVERIFY(loaded.wait());
    const QPersistentModelIndex kept = model.indexOf(EntityRef { EntityType::Invoices, QStringLiteral("4455") });

    makeFile(QStringLiteral("Invoices/4455/e.txt"));
    makeFile(QStringLiteral("Invoices/500/f.txt"));
    QVERIFY(QDir(m_root->filePath(QStringLiteral("Invoices/10"))).removeRecursively());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.reloadType(EntityType::Invoices);
    QVERIFY(loaded.wait());

    QVERIFY(reset.isEmpty());
    QVERIFY(kept.isValid());
    QCOMPARE(QModelIndex(kept).siblingAtColumn(EntityTreeModel::CountColumn).data().toInt(), 3);
    const QModelIndex invoices = model.indexOf(EntityType::Invoices);
    QCOMPARE(model.rowCount(invoices), 2);
    QCOMPARE(model.index(0, 0, invoices).data().toString(), QStringLiteral("500"));
    QCOMPARE(model.index(1, 0, invoices).data().toString(), QStringLiteral("4455"));
}

void TestEntityTreeModel::dropsOnEntitiesBecomeRequests()
{
    EntityTreeModel model(m_sync.get());
    QSignalSpy loaded(&model, &EntityTreeModel::loaded);
    model.reload();
    QVERIFY(loaded.wait());
    const EntityRef invoice { EntityType::Invoices, QStringLiteral("4455") };
    const QModelIndex target = model.indexOf(invoice);

    QMimeData files;
    files.setUrls({ QUrl::fromLocalFile(QStringLiteral("/tmp/x.pdf")) });
    // Onto a type row or between rows: refused.
    QVERIFY(!model.canDropMimeData(&files, Qt::CopyAction, -1, -1, model.indexOf(EntityType::Invoices)));
    QVERIFY(!model.canDropMimeData(&files, Qt::CopyAction, 0, 0, target));
    QVERIFY(model.canDropMimeData(&files, Qt::CopyAction, -1, -1, target));

    QSignalSpy filesDropped(&model, &EntityTreeModel::filesDropped);
    QVERIFY(model.dropMimeData(&files, Qt::CopyAction, -1, -1, target));
    QCOMPARE(filesDropped.size(), 1);
    QCOMPARE(filesDropped.first().at(1).value<EntityRef>(), invoice);

    const AttachmentRef fromInbox { EntityRef { EntityType::Inbox, QStringLiteral("Unsorted") },
                                    QStringLiteral("d.png") };
    std::unique_ptr<QMimeData> dragged(AttachmentMimeData::create({ fromInbox }, { QStringLiteral("/tmp/d.png") }));
    QSignalSpy attachmentsDropped(&model, &EntityTreeModel::attachmentsDropped);
    QVERIFY(model.dropMimeData(dragged.get(), Qt::CopyAction, -1, -1, target));
    QCOMPARE(attachmentsDropped.size(), 1);
    QCOMPARE(attachmentsDropped.first().at(0).value<QList<AttachmentRef>>(), QList<AttachmentRef> { fromInbox });
    // Internal drags are moves, never uploads of the same file.
    QCOMPARE(filesDropped.size(), 1);
}

void TestEntityTreeModel::showsTheCacheThenMergesTheStore()
{
    MetadataCache cache(m_root->filePath(QStringLiteral(".cache.sqlite")));
    QVERIFY(cache.isOpen());
    const EntityRef gone { EntityType::Invoices, QStringLiteral("9999") };
    cache.setEntities(m_store->uri(), EntityType::Invoices,
                      { Entity { { EntityType::Invoices, QStringLiteral("4455") }, 1 }, Entity { gone, 4 } });
    SyncMonitor sync(m_store.get(), &cache, nullptr);
    EntityTreeModel model(&sync);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &EntityTreeModel::loaded);
    model.reload();

    // At once, before the store has answered: what the cache knew.
    QVERIFY(model.isLoading());
    QVERIFY(model.hasCachedListing());
    const QModelIndex invoices = model.indexOf(EntityType::Invoices);
    QCOMPARE(model.rowCount(invoices), 2);
    QVERIFY(model.indexOf(gone).isValid());
    const QPersistentModelIndex kept = model.indexOf(EntityRef { EntityType::Invoices, QStringLiteral("4455") });
    QCOMPARE(QModelIndex(kept).siblingAtColumn(EntityTreeModel::CountColumn).data().toInt(), 1);
    // Types never listed show nothing until the store answers.
    QCOMPARE(model.rowCount(model.indexOf(EntityType::Customers)), 0);

    QVERIFY(loaded.wait());
    QVERIFY(!model.indexOf(gone).isValid());
    QVERIFY(kept.isValid());
    QCOMPARE(QModelIndex(kept).siblingAtColumn(EntityTreeModel::CountColumn).data().toInt(), 2);
    QCOMPARE(model.rowCount(invoices), 2);
    QCOMPARE(model.rowCount(model.indexOf(EntityType::Customers)), 1);
    // And the store's answer is the cache's from now on.
    const std::optional<QList<Entity>> cached = cache.entities(m_store->uri(), EntityType::Invoices);
    QVERIFY(cached);
    QCOMPARE(cached->size(), 2);
}

void TestEntityTreeModel::showsTitlesAndAddresses()
{
    MetadataCache cache(m_root->filePath(QStringLiteral(".cache.sqlite")));
    const EntityRef suppliers { EntityType::Inbox, QStringLiteral("inbox_s") };
    QVERIFY(QDir(m_root->path()).mkpath(QStringLiteral("Inbox/inbox_s")));
    cache.setEntities(m_store->uri(), EntityType::Inbox,
                      { Entity { suppliers, 0, QStringLiteral("Leverantörsfakturor"),
                                 QStringLiteral("inbox.lev.501558@alfa.arkivplats.se") } });
    SyncMonitor sync(m_store.get(), &cache, nullptr);
    EntityTreeModel model(&sync);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &EntityTreeModel::loaded);
    model.reload();
    const QPersistentModelIndex row = model.indexOf(suppliers);
    QCOMPARE(row.data().toString(), QStringLiteral("Leverantörsfakturor"));
    QCOMPARE(row.data(EntityTreeModel::EmailRole).toString(), QStringLiteral("inbox.lev.501558@alfa.arkivplats.se"));
    QVERIFY(row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("inbox.lev.501558@alfa.arkivplats.se")));
    // The folder store knows neither: its listing takes them away, in place.
    QVERIFY(loaded.wait());
    QVERIFY(row.isValid());
    QCOMPARE(row.data().toString(), QStringLiteral("inbox_s"));
    QVERIFY(row.data(EntityTreeModel::EmailRole).toString().isEmpty());
}

// Titles (Fortnox's folder names) decide the order where there are any, a nested folder after its parent; when the
// titles change, rows move and the selection moves with them.
void TestEntityTreeModel::sortsByWhatRowsShow()
{
    MetadataCache cache(m_root->filePath(QStringLiteral(".cache.sqlite")));
    const QList<Entity> folders {
        { EntityRef { EntityType::Inbox, QStringLiteral("inbox_a") }, 0, QStringLiteral("Anläggningsregister") },
        { EntityRef { EntityType::Inbox, QStringLiteral("inbox_v") }, 0, QStringLiteral("Verifikationer") },
        { EntityRef { EntityType::Inbox, QStringLiteral("root") }, 0, QStringLiteral("Inbox") },
        { EntityRef { EntityType::Inbox, QStringLiteral("a1b2") }, 0, QStringLiteral("Verifikationer › Kvitton") },
        { EntityRef { EntityType::Inbox, QStringLiteral("k1") }, 0, QStringLiteral("Kvitton") },
        { EntityRef { EntityType::Inbox, QStringLiteral("k2") }, 0, QStringLiteral("Kvitton bil") },
        { EntityRef { EntityType::Inbox, QStringLiteral("k3") }, 0, QStringLiteral("Kvitton › 2024") },
    };
    for (const Entity& folder : folders)
        QVERIFY(QDir(m_root->path()).mkpath(QStringLiteral("Inbox/") + folder.ref.id));
    cache.setEntities(m_store->uri(), EntityType::Inbox, folders);
    SyncMonitor sync(m_store.get(), &cache, nullptr);
    EntityTreeModel model(&sync);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &EntityTreeModel::loaded);
    model.reload();
    const QModelIndex inbox = model.indexOf(EntityType::Inbox);
    const auto shown = [&model, &inbox] {
        QStringList rows;
        for (int row = 0; row < model.rowCount(inbox); ++row)
            rows.append(model.index(row, 0, inbox).data().toString());
        return rows;
    };
    QCOMPARE(shown(),
             (QStringList { QStringLiteral("Anläggningsregister"), QStringLiteral("Inbox"), QStringLiteral("Kvitton"),
                            QStringLiteral("Kvitton › 2024"), QStringLiteral("Kvitton bil"),
                            QStringLiteral("Verifikationer"), QStringLiteral("Verifikationer › Kvitton") }));
    const QPersistentModelIndex selected = model.indexOf(EntityRef { EntityType::Inbox, QStringLiteral("root") });
    QCOMPARE(selected.row(), 1);
    // The folder store gives no titles: by key now (with init()'s Unsorted), and the selected row is still root's.
    QVERIFY(loaded.wait());
    QCOMPARE(shown(),
             (QStringList { QStringLiteral("a1b2"), QStringLiteral("inbox_a"), QStringLiteral("inbox_v"),
                            QStringLiteral("k1"), QStringLiteral("k2"), QStringLiteral("k3"), QStringLiteral("root"),
                            QStringLiteral("Unsorted") }));
    QCOMPARE(selected.data().toString(), QStringLiteral("root"));
}

QTEST_MAIN(TestEntityTreeModel)
#include "TestEntityTreeModel.moc"
