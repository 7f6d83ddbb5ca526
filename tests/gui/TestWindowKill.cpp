// The window itself killed with SIGKILL in the middle of a 300 MiB upload to the Dropbox emulator, then started
// again: it takes up what its journal holds, carries on in the same upload session, and the file arrives
// once with the right content hash. The app runs as a child process on the offscreen platform, with its
// refresh token in the private keyring of tests/with-keyring.sh.

#include "../core/CoreTestHelpers.h"
#include "ContentHasher.h"
#include "DropboxEmulator.h"
#include "DropboxEmulatorAuth.h"
#include "DropboxStore.h"
#include "SecretStore.h"
#include "Settings.h"
#include "TransferJournal.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

class TestWindowKill : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedWindowsUploadArrivesOnceAfterRestart();

private:
    void startApp(QProcess& app) const;
    int journalRows() const;
    int requestsTo(const QString& route) const
    {
        return int(std::count_if(m_received->cbegin(), m_received->cend(),
                                 [&route](const QList<QVariant>& arguments) { return arguments.at(0) == route; }));
    }
    QString path(const QString& relative) const { return m_home->filePath(relative); }
    QString databasePath() const { return path(u"data/Attache/attache/attache.sqlite"_s); }

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<DropboxEmulator> m_emulator;
    std::unique_ptr<QSignalSpy> m_received;
};

void TestWindowKill::initTestCase()
{
    // Never the developer's own keyring.
    if (qgetenv("ATTACHE_TEST_KEYRING") != "gnome-keyring")
        QSKIP("Needs a private keyring: tests/with-keyring.sh");
    QVERIFY(QFileInfo(QStringLiteral(ATTACHE_APP_PATH)).isExecutable());
    m_home = std::make_unique<QTemporaryDir>(QDir::home().filePath(u"kill-XXXXXX"_s));
    QVERIFY(m_home->isValid());
    m_emulator = std::make_unique<DropboxEmulator>();
    QVERIFY(m_emulator->listen());
    m_received = std::make_unique<QSignalSpy>(m_emulator.get(), &EmulatorServer::requestReceived);

    // A connected Dropbox account, as the Accounts dialog leaves it: the settings name it, the keychain holds
    // its refresh token.
    Settings settings(path(u"config/Attache/attache.conf"_s));
    settings.setStoreUri(DropboxStore::uriFor(u"/Accounting"_s));
    settings.setDropboxAccount(DropboxEmulatorAuth::accountId(), u"Anna Accountant"_s);
    settings.setDropboxAppKey(m_emulator->appKey());
    settings.sync();
    std::optional<SecretStore::Result> written;
    SecretStore::writeSecret(DropboxStore::keychainKey(DropboxEmulatorAuth::accountId()),
                             m_emulator->issueRefreshToken(), this,
                             [&written](const SecretStore::Result& result) { written = result; });
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 30000);
    QVERIFY2(written->ok, qPrintable(written->errorString));
}

void TestWindowKill::startApp(QProcess& app) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_HOME"_s, path(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, path(u"data"_s));
    env.insert(u"XDG_CACHE_HOME"_s, path(u"cache"_s));
    env.insert(u"ATTACHE_DROPBOX_BASE_URL"_s, m_emulator->baseUrl().toString());
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(QStringLiteral(ATTACHE_APP_PATH), {});
}

int TestWindowKill::journalRows() const
{
    int rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        db.setDatabaseName(databasePath());
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        QSqlQuery query(db);
        if (db.open() && query.exec(u"SELECT COUNT(*) FROM transfers"_s) && query.next())
            rows = query.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(u"peek"_s);
    return rows;
}

void TestWindowKill::killedWindowsUploadArrivesOnceAfterRestart()
{
    const QString ledger = path(u"ledger.bin"_s);
    QVERIFY(CoreTest::writeNumberedFile(ledger, 300));
    // Dropped on Invoice 4455 just before: in the journal, where the window takes it up when it starts.
    const EntityRef invoice { EntityType::Invoices, u"4455"_s };
    {
        TransferJournal journal(databasePath());
        QVERIFY2(journal.isOpen(), qPrintable(journal.errorString()));
        Transfer upload;
        upload.kind = Transfer::Kind::Upload;
        upload.localPath = ledger;
        upload.target = invoice;
        upload.source = AttachmentRef { invoice, u"ledger.bin"_s };
        upload.bytesTotal = QFileInfo(ledger).size();
        QVERIFY(journal.add(upload, DropboxStore::accountUriFor(u"/Accounting"_s, DropboxEmulatorAuth::accountId()))
                > 0);
    }

    const QString appendRoute = u"/2/files/upload_session/append_v2"_s;
    const QString remote = u"/Accounting/Invoices/4455/ledger.bin"_s;
    QProcess first;
    startApp(first);
    QVERIFY(first.waitForStarted());
    // Killed, with no chance to tidy up, once some chunks have landed and others are on their way.
    QTRY_VERIFY_WITH_TIMEOUT(requestsTo(appendRoute) >= 4 || first.state() == QProcess::NotRunning, 120000);
    QCOMPARE(first.state(), QProcess::Running);
    first.kill();
    QSignalSpy firstEnded(&first, &QProcess::finished);
    QVERIFY(first.state() == QProcess::NotRunning || firstEnded.wait(30000));
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    QVERIFY(!m_emulator->hasFile(remote));
    const int appendsBeforeKill = requestsTo(appendRoute);

    QProcess second;
    startApp(second);
    QVERIFY(second.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->hasFile(remote) || second.state() == QProcess::NotRunning, 300000);
    QVERIFY(m_emulator->hasFile(remote));
    // Confirmed, so gone from the journal.
    QTRY_COMPARE_WITH_TIMEOUT(journalRows(), 0, 30000);
    second.kill();
    QSignalSpy secondEnded(&second, &QProcess::finished);
    QVERIFY(second.state() == QProcess::NotRunning || secondEnded.wait(30000));

    QCOMPARE(m_emulator->fileContentHash(remote), ContentHasher::hashFile(ledger));
    // Once: the same session carried on (one start in all, fewer appends than chunks again), no numbered copy.
    QCOMPARE(requestsTo(u"/2/files/upload_session/start"_s), 1);
    QVERIFY2(requestsTo(appendRoute) - appendsBeforeKill < 10,
             qPrintable(u"%1 appends after the kill"_s.arg(requestsTo(appendRoute) - appendsBeforeKill)));
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/ledger (1).bin"_s));
}

QTEST_GUILESS_MAIN(TestWindowKill)
#include "TestWindowKill.moc"
