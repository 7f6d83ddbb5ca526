// StoreFactory: "local:PATH" makes a LocalStore; anything else is refused with a reason.

#include "LocalStore.h"
#include "StoreFactory.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestStoreFactory : public QObject
{
    Q_OBJECT

private slots:
    void localAbsolutePath();
    void localRelativePathIsMadeAbsolute();
    void localWithoutPathIsRefused();
    void unknownSchemeIsRefused_data();
    void unknownSchemeIsRefused();
    void parentOwnsTheStore();
};

void TestStoreFactory::localAbsolutePath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    std::unique_ptr<Store> store(StoreFactory::create(u"local:"_s + dir.path(), nullptr, &error));
    QVERIFY2(store, qPrintable(error));
    auto* local = qobject_cast<LocalStore*>(store.get());
    QVERIFY(local);
    QCOMPARE(local->rootPath(), QDir::cleanPath(dir.path()));
    QCOMPARE(store->uri(), u"local:"_s + QDir::cleanPath(dir.path()));
    QVERIFY(store->displayName().contains(QDir::cleanPath(dir.path())));
}

void TestStoreFactory::localRelativePathIsMadeAbsolute()
{
    QString error;
    std::unique_ptr<Store> store(StoreFactory::create(u"local:some/where"_s, nullptr, &error));
    QVERIFY2(store, qPrintable(error));
    auto* local = qobject_cast<LocalStore*>(store.get());
    QVERIFY(local);
    QCOMPARE(local->rootPath(), QDir::current().absoluteFilePath(u"some/where"_s));
}

void TestStoreFactory::localWithoutPathIsRefused()
{
    QString error;
    QCOMPARE(StoreFactory::create(u"local:"_s, nullptr, &error), nullptr);
    QVERIFY(!error.isEmpty());
}

void TestStoreFactory::unknownSchemeIsRefused_data()
{
    QTest::addColumn<QString>("uri");
    QTest::newRow("dropbox") << u"dropbox:abc"_s;
    QTest::newRow("bare path") << u"/tmp/x"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("case") << u"LOCAL:/tmp/x"_s;
}

void TestStoreFactory::unknownSchemeIsRefused()
{
    QFETCH(QString, uri);
    QString error;
    QCOMPARE(StoreFactory::create(uri, nullptr, &error), nullptr);
    QVERIFY(!error.isEmpty());
    if (!uri.isEmpty())
        QVERIFY2(error.contains(uri), qPrintable(error));
}

void TestStoreFactory::parentOwnsTheStore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QObject parent;
    QString error;
    Store* store = StoreFactory::create(u"local:"_s + dir.path(), &parent, &error);
    QVERIFY(store);
    QCOMPARE(store->parent(), &parent);
}

QTEST_GUILESS_MAIN(TestStoreFactory)
#include "TestStoreFactory.moc"
