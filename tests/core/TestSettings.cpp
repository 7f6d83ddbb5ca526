// Settings: defaults, bounds and persistence, in a settings file of the test's own.

#include "LocalStore.h"
#include "Settings.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaults();
    void valuesPersist();
    void maxConcurrentIsBounded_data();
    void maxConcurrentIsBounded();
    void storeUriFollowsLocalRoot();

private:
    QTemporaryDir m_dir;
    QString fileName(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
};

void TestSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestSettings::defaults()
{
    const Settings settings(fileName("defaults.ini"));
    QCOMPARE(settings.localRootPath(), LocalStore::defaultRootPath());
    QCOMPARE(settings.storeUri(), u"local:"_s + LocalStore::defaultRootPath());
    QVERIFY(LocalStore::defaultRootPath().endsWith(u"/Attaché"_s));
    for (NotificationKind kind : allNotificationKinds)
        QCOMPARE(settings.notificationsEnabled(kind), true);
    QCOMPARE(settings.maxConcurrentTransfers(), 3);
    QCOMPARE(settings.pollIntervalMinutes(), 5);
    QCOMPARE(settings.viewMode(), 0);
    QVERIFY(settings.windowGeometry().isEmpty());
}

void TestSettings::valuesPersist()
{
    const QString file = fileName("persist.ini");
    {
        Settings settings(file);
        settings.setStoreUri(u"local:/srv/attache"_s);
        settings.setLocalRootPath(u"/srv/attache"_s);
        settings.setNotificationsEnabled(NotificationKind::RemoteChanges, false);
        settings.setNotificationsEnabled(NotificationKind::TransfersFailed, false);
        settings.setMaxConcurrentTransfers(5);
        settings.setPollIntervalMinutes(15);
        settings.setViewMode(1);
        settings.setWindowGeometry("geometry");
        settings.setWindowState("state");
        settings.setSplitterState("splitter");
        settings.sync();
    }
    const Settings settings(file);
    QCOMPARE(settings.storeUri(), u"local:/srv/attache"_s);
    QCOMPARE(settings.localRootPath(), u"/srv/attache"_s);
    QCOMPARE(settings.notificationsEnabled(NotificationKind::TransfersFinished), true);
    QCOMPARE(settings.notificationsEnabled(NotificationKind::TransfersFailed), false);
    QCOMPARE(settings.notificationsEnabled(NotificationKind::RemoteChanges), false);
    QCOMPARE(settings.maxConcurrentTransfers(), 5);
    QCOMPARE(settings.pollIntervalMinutes(), 15);
    QCOMPARE(settings.viewMode(), 1);
    QCOMPARE(settings.windowGeometry(), QByteArray("geometry"));
    QCOMPARE(settings.windowState(), QByteArray("state"));
    QCOMPARE(settings.splitterState(), QByteArray("splitter"));
}

void TestSettings::maxConcurrentIsBounded_data()
{
    QTest::addColumn<int>("stored");
    QTest::addColumn<int>("expected");
    QTest::newRow("zero") << 0 << 1;
    QTest::newRow("negative") << -4 << 1;
    QTest::newRow("one") << 1 << 1;
    QTest::newRow("sixteen") << 16 << 16;
    QTest::newRow("too many") << 100 << 16;
}

void TestSettings::maxConcurrentIsBounded()
{
    QFETCH(int, stored);
    QFETCH(int, expected);
    Settings settings(fileName("bounds.ini"));
    settings.setMaxConcurrentTransfers(stored);
    QCOMPARE(settings.maxConcurrentTransfers(), expected);
}

void TestSettings::storeUriFollowsLocalRoot()
{
    // Without an explicit store, the store is the local folder the user chose.
    Settings settings(fileName("follow.ini"));
    settings.setLocalRootPath(u"/data/docs"_s);
    QCOMPARE(settings.storeUri(), u"local:/data/docs"_s);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "TestSettings.moc"
