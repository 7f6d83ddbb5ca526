// StoreFactory: "local:PATH" makes a LocalStore; anything else is refused with a reason.

#include "DropboxStore.h"
#include "FortnoxStore.h"
#include "KashflowStore.h"
#include "LocalStore.h"
#include "Settings.h"
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
    void dropboxNeedsAConnectedAccount();
    void dropboxFolderMustBeAPath_data();
    void dropboxFolderMustBeAPath();
    void dropboxRefusesPlainHttpOffLoopback();
    void kashflowIsReachedOverHttpsOrLoopback();
    void fortnoxNeedsAConnectedCompany();
    void parentOwnsTheStore();
};

void TestStoreFactory::localAbsolutePath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    std::unique_ptr<Store> store(StoreFactory::create(u"local:"_s + dir.path(), Settings(), nullptr, &error));
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
    std::unique_ptr<Store> store(StoreFactory::create(u"local:some/where"_s, Settings(), nullptr, &error));
    QVERIFY2(store, qPrintable(error));
    auto* local = qobject_cast<LocalStore*>(store.get());
    QVERIFY(local);
    QCOMPARE(local->rootPath(), QDir::current().absoluteFilePath(u"some/where"_s));
}

void TestStoreFactory::localWithoutPathIsRefused()
{
    QString error;
    QCOMPARE(StoreFactory::create(u"local:"_s, Settings(), nullptr, &error), nullptr);
    QVERIFY(!error.isEmpty());
}

void TestStoreFactory::unknownSchemeIsRefused_data()
{
    QTest::addColumn<QString>("uri");
    QTest::newRow("kashflow") << u"kashflow"_s;
    QTest::newRow("fortnox") << u"fortnox"_s;
    QTest::newRow("bare path") << u"/tmp/x"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("case") << u"LOCAL:/tmp/x"_s;
}

void TestStoreFactory::unknownSchemeIsRefused()
{
    QFETCH(QString, uri);
    QString error;
    QCOMPARE(StoreFactory::create(uri, Settings(), nullptr, &error), nullptr);
    QVERIFY(!error.isEmpty());
    if (!uri.isEmpty())
        QVERIFY2(error.contains(uri), qPrintable(error));
}

void TestStoreFactory::dropboxNeedsAConnectedAccount()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"settings.ini"_s));
    QString error;
    QCOMPARE(StoreFactory::create(u"dropbox:"_s, settings, nullptr, &error), nullptr);
    QVERIFY2(error.contains(u"connect"_s, Qt::CaseInsensitive), qPrintable(error));

    settings.setDropboxAccount(u"dbid:AAA"_s, u"anna@example.com"_s);
    std::unique_ptr<Store> store(StoreFactory::create(u"dropbox:/Accounting"_s, settings, nullptr, &error));
    QVERIFY2(qobject_cast<DropboxStore*>(store.get()), qPrintable(error));
    QCOMPARE(store->uri(), u"dropbox:/Accounting"_s);
    // What is queued and cached is the account's: another one connected later meets none of it.
    QCOMPARE(store->accountUri(), u"dropbox:/Accounting#dbid:AAA"_s);
}

void TestStoreFactory::dropboxFolderMustBeAPath_data()
{
    QTest::addColumn<QString>("uri");
    QTest::newRow("relative") << u"dropbox:Accounting"_s;
    QTest::newRow("trailing slash") << u"dropbox:/Accounting/"_s;
}

void TestStoreFactory::dropboxFolderMustBeAPath()
{
    QFETCH(QString, uri);
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"settings.ini"_s));
    settings.setDropboxAccount(u"dbid:AAA"_s, u"anna@example.com"_s);
    QString error;
    QCOMPARE(StoreFactory::create(uri, settings, nullptr, &error), nullptr);
    QVERIFY(error.contains(u"dropbox:/Accounting"_s));
}

void TestStoreFactory::dropboxRefusesPlainHttpOffLoopback()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"settings.ini"_s));
    settings.setDropboxAccount(u"dbid:AAA"_s, u"anna@example.com"_s);
    qputenv("ATTACHE_DROPBOX_BASE_URL", "http://dropbox.example.com");
    QString error;
    QCOMPARE(StoreFactory::create(u"dropbox:"_s, settings, nullptr, &error), nullptr);
    QVERIFY2(error.contains(u"https"_s), qPrintable(error));
    qputenv("ATTACHE_DROPBOX_BASE_URL", "http://127.0.0.1:9");
    std::unique_ptr<Store> store(StoreFactory::create(u"dropbox:"_s, settings, nullptr, &error));
    QVERIFY2(store, qPrintable(error));
    qunsetenv("ATTACHE_DROPBOX_BASE_URL");
}

void TestStoreFactory::kashflowIsReachedOverHttpsOrLoopback()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"settings.ini"_s));
    QString error;
    std::unique_ptr<Store> store(StoreFactory::create(u"kashflow:"_s, settings, nullptr, &error));
    QVERIFY2(qobject_cast<KashflowStore*>(store.get()), qPrintable(error));
    QCOMPARE(store->uri(), u"kashflow:"_s);
    // Each user's records are a store of their own; "kashflow:" is the user last signed in as.
    store.reset(StoreFactory::create(u"kashflow:anna"_s, settings, nullptr, &error));
    QCOMPARE(store->uri(), u"kashflow:anna"_s);
    settings.setKashflowUserName(u"bob"_s);
    store.reset(StoreFactory::create(u"kashflow:"_s, settings, nullptr, &error));
    QCOMPARE(store->uri(), u"kashflow:bob"_s);
    qputenv("ATTACHE_KASHFLOW_BASE_URL", "http://kashflow.example.com/v2");
    QCOMPARE(StoreFactory::create(u"kashflow:"_s, settings, nullptr, &error), nullptr);
    QVERIFY2(error.contains(u"https"_s), qPrintable(error));
    qputenv("ATTACHE_KASHFLOW_BASE_URL", "http://127.0.0.1:9/v2");
    store.reset(StoreFactory::create(u"kashflow:"_s, settings, nullptr, &error));
    QVERIFY2(store, qPrintable(error));
    qunsetenv("ATTACHE_KASHFLOW_BASE_URL");
}

void TestStoreFactory::fortnoxNeedsAConnectedCompany()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"settings.ini"_s));
    QString error;
    QCOMPARE(StoreFactory::create(u"fortnox:"_s, settings, nullptr, &error), nullptr);
    QVERIFY2(error.contains(u"No Fortnox company is connected"_s), qPrintable(error));

    QStringList accounts;
    for (const QString& connection : { u"oauth"_s, u"legacy"_s, u"oauth"_s }) {
        settings.setFortnoxClientId(u"attache-client"_s);
        settings.setFortnoxConnection(connection);
        error.clear();
        std::unique_ptr<Store> store(StoreFactory::create(u"fortnox:"_s, settings, nullptr, &error));
        QVERIFY2(qobject_cast<FortnoxStore*>(store.get()), qPrintable(error));
        QCOMPARE(store->uri(), u"fortnox:"_s);
        QVERIFY(store->entityTypes().contains(EntityType::Vouchers));
        // Each connection may be another company's: its work is its own.
        QVERIFY2(store->accountUri().startsWith(u"fortnox:#"_s), qPrintable(store->accountUri()));
        QVERIFY(!accounts.contains(store->accountUri()));
        accounts.append(store->accountUri());
    }
    // Only "fortnox:" itself: one company is connected at a time.
    QCOMPARE(StoreFactory::create(u"fortnox:other"_s, settings, nullptr, &error), nullptr);
    qputenv("ATTACHE_FORTNOX_BASE_URL", "http://fortnox.example.com");
    QCOMPARE(StoreFactory::create(u"fortnox:"_s, settings, nullptr, &error), nullptr);
    QVERIFY2(error.contains(u"https"_s), qPrintable(error));
    qputenv("ATTACHE_FORTNOX_BASE_URL", "http://127.0.0.1:9");
    std::unique_ptr<Store> store(StoreFactory::create(u"fortnox:"_s, settings, nullptr, &error));
    QVERIFY2(store, qPrintable(error));
    qunsetenv("ATTACHE_FORTNOX_BASE_URL");
}

void TestStoreFactory::parentOwnsTheStore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QObject parent;
    QString error;
    Store* store = StoreFactory::create(u"local:"_s + dir.path(), Settings(), &parent, &error);
    QVERIFY(store);
    QCOMPARE(store->parent(), &parent);
}

QTEST_GUILESS_MAIN(TestStoreFactory)
#include "TestStoreFactory.moc"
