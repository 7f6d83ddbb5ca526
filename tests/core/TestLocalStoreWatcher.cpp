// LocalStoreWatcher: folders replaced under their names (restored from a backup, swapped in by a sync tool) are
// watched again, so that what is added to them later is announced.

#include "CoreTestHelpers.h"
#include "LocalStoreWatcher.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

class TestLocalStoreWatcher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void replacedRecordFolderIsWatchedAgain();
    void replacedTypeFolderIsWatchedAgain();

private:
    using Announcement = std::function<bool(const QList<EntityType>& types, const QList<EntityRef>& entities)>;
    // Whether spy, on LocalStoreWatcher::changed, has caught an announcement such as `wanted`.
    static bool caught(const QSignalSpy& spy, const Announcement& wanted);
    static bool announcesInvoice(const QSignalSpy& spy);
    QString path(const QString& relative) const { return m_root->filePath(relative); }

    std::unique_ptr<QTemporaryDir> m_root;
};

bool TestLocalStoreWatcher::caught(const QSignalSpy& spy, const Announcement& wanted)
{
    return std::any_of(spy.cbegin(), spy.cend(), [&wanted](const QList<QVariant>& arguments) {
        return wanted(arguments.at(0).value<QList<EntityType>>(), arguments.at(1).value<QList<EntityRef>>());
    });
}

bool TestLocalStoreWatcher::announcesInvoice(const QSignalSpy& spy)
{
    return caught(spy,
                  [invoice = EntityRef { EntityType::Invoices, u"4455"_s }](const QList<EntityType>&,
                                                                            const QList<EntityRef>& entities) {
                      return entities.contains(invoice);
                  });
}

void TestLocalStoreWatcher::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(QDir().mkpath(path(u"Invoices/4455"_s)));
}

void TestLocalStoreWatcher::replacedRecordFolderIsWatchedAgain()
{
    LocalStoreWatcher watcher(m_root->path());
    QSignalSpy changed(&watcher, &LocalStoreWatcher::changed);
    QVERIFY(QDir(path(u"Invoices/4455"_s)).removeRecursively());
    QVERIFY(QDir().mkpath(path(u"Invoices/4455"_s)));
    // Both seen: the invoices folder's change, and the end of the record folder that was removed.
    QTRY_VERIFY(announcesInvoice(changed)
                && caught(changed, [](const QList<EntityType>& types, const QList<EntityRef>&) {
                       return types.contains(EntityType::Invoices);
                   }));
    changed.clear();
    QVERIFY(CoreTest::writeFile(path(u"Invoices/4455/receipt.pdf"_s), "x"));
    QTRY_VERIFY(announcesInvoice(changed));
}

void TestLocalStoreWatcher::replacedTypeFolderIsWatchedAgain()
{
    LocalStoreWatcher watcher(m_root->path());
    QSignalSpy changed(&watcher, &LocalStoreWatcher::changed);
    QVERIFY(QDir().mkpath(path(u"Invoices.restored/4455"_s)));
    QVERIFY(QDir(path(u"Invoices"_s)).removeRecursively());
    QVERIFY(QDir().rename(path(u"Invoices.restored"_s), path(u"Invoices"_s)));
    // All seen: the root's change, and the end of the invoices folder and of its record folder that were removed.
    QTRY_VERIFY(
        announcesInvoice(changed)
        && caught(changed, [](const QList<EntityType>& types, const QList<EntityRef>&) { return types.size() > 1; })
        && caught(changed, [](const QList<EntityType>& types, const QList<EntityRef>&) {
               return types == QList<EntityType> { EntityType::Invoices };
           }));
    changed.clear();
    QVERIFY(CoreTest::writeFile(path(u"Invoices/4455/receipt.pdf"_s), "x"));
    QTRY_VERIFY(announcesInvoice(changed));
}

QTEST_GUILESS_MAIN(TestLocalStoreWatcher)
#include "TestLocalStoreWatcher.moc"
