// attache-cli against the Fortnox emulator, with a company connected through an older integration's access token and
// client secret, both in the keychain (tests/with-keyring.sh's private one): folders (with their Swedish names and
// e-mail addresses), the archive and records listed; a document put into an inbox folder, fetched back and deleted,
// by Id and by path; filed onto a supplier invoice and a voucher with mv, or put straight onto one; Fortnox's own
// messages shown; a 429 waited out. Every test runs twice, with the app set to JSON and to XML, and the emulator
// enforcing Fortnox's rate limit.

#include "../KeyringTestHelpers.h"
#include "CliTestProcess.h"
#include "CoreTestHelpers.h"
#include "FortnoxAccount.h"
#include "FortnoxEmulator.h"
#include "FortnoxStore.h"
#include "FortnoxTestConsent.h"
#include "SecretStore.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <optional>

using namespace Qt::StringLiterals;

namespace {
constexpr int ProcessTimeoutMs = 60000;
} // namespace

class TestCliFortnox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();
    void listsFoldersAndRecords();
    void putsGetsAndDeletes();
    void mvFilesOntoASupplierInvoice();
    void mvFilesOntoAVoucher();
    void putsStraightOntoARecord();
    void getsAndDeletesByPath();
    void showsFortnoxsMessage();
    void waitsOutTooManyRequests();
    void processesTogetherKeepToTheLimit();
    void connectsThroughTheAddressTheBrowserEndsOn();
    void disconnectForgetsTheCompany();

private:
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, m_config->path());
        env.insert(u"XDG_DATA_HOME"_s, m_config->path() + u"/data"_s);
        env.insert(u"ATTACHE_FORTNOX_BASE_URL"_s, m_emulator->baseUrl().toString());
        env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        return env;
    }
    CliRun cli(const QStringList& arguments)
    {
        return CliTest::run(environment(), m_work->path(), arguments, {}, ProcessTimeoutMs);
    }
    CliRun fortnox(const QStringList& arguments)
    {
        return cli(QStringList { u"--store"_s, u"fortnox:"_s } + arguments);
    }
    bool writeKeychain(const QString& key, const QString& secret);
    // What the keychain answers for the key, read on the test's private D-Bus session, which the CLI shares.
    SecretStore::Result readKeychain(const QString& key);

    std::unique_ptr<FortnoxEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<QTemporaryDir> m_work;
};

void TestCliFortnox::initTestCase_data()
{
    QTest::addColumn<bool>("xml");
    QTest::newRow("json") << false;
    QTest::newRow("xml") << true;
}

void TestCliFortnox::initTestCase()
{
    // Never the developer's own keyring.
    if (qgetenv("ATTACHE_TEST_KEYRING") != "gnome-keyring")
        QSKIP("Needs a private keyring: tests/with-keyring.sh");
}

bool TestCliFortnox::writeKeychain(const QString& key, const QString& secret)
{
    std::optional<SecretStore::Result> written;
    QObject context;
    SecretStore::writeSecret(key, secret, &context,
                             [&written](const SecretStore::Result& result) { written = result; });
    return QTest::qWaitFor([&written] { return written.has_value(); }, 30000) && written->ok;
}

SecretStore::Result TestCliFortnox::readKeychain(const QString& key)
{
    std::optional<SecretStore::Result> read;
    QObject context;
    SecretStore::readSecret(key, &context, [&read](const SecretStore::Result& result) { read = result; });
    if (!QTest::qWaitFor([&read] { return read.has_value(); }, 30000)) {
        SecretStore::Result unanswered;
        unanswered.errorString = u"the keychain did not answer"_s;
        return unanswered;
    }
    return *read;
}

void TestCliFortnox::init()
{
    m_emulator = std::make_unique<FortnoxEmulator>();
    QVERIFY(m_emulator->listen());
    // In the sample company's financial year 2024, whose vouchers are listed.
    m_emulator->setClock([] { return QDateTime(QDate(2024, 6, 3), QTime(10, 0), QTimeZone::utc()); });
    m_emulator->seedSampleData();
    // Under the wrapper's throwaway HOME.
    m_config = std::make_unique<QTemporaryDir>(QDir::home().filePath(u"config-XXXXXX"_s));
    m_work = std::make_unique<QTemporaryDir>(QDir::home().filePath(u"work-XXXXXX"_s));
    QVERIFY(m_config->isValid() && m_work->isValid());
    // What connecting an older integration in Accounts leaves: the mode in the settings, the pair in the keychain.
    QFETCH_GLOBAL(bool, xml);
    QSettings settings(m_config->path() + u"/Attache/attache.conf"_s, QSettings::IniFormat);
    settings.setValue(u"fortnox/connection"_s, u"legacy"_s);
    settings.setValue(u"fortnox/xml"_s, xml);
    settings.sync();
    QVERIFY(writeKeychain(FortnoxAccount::legacyAccessTokenKey(), m_emulator->legacyAccessToken()));
    QVERIFY(writeKeychain(FortnoxAccount::legacyClientSecretKey(), m_emulator->legacyClientSecret()));
}

void TestCliFortnox::cleanup()
{
    m_work.reset();
    m_config.reset();
    m_emulator.reset();
}

void TestCliFortnox::listsFoldersAndRecords()
{
    const CliRun folders = fortnox({ u"ls"_s, u"inbox"_s });
    EXPECT_EXIT(folders, 0);
    // Id, count, name and the address that mails documents in.
    QVERIFY2(folders.outLines().contains(u"inbox_s\t2\tLeverantörsfakturor\t"_s
                                         + m_emulator->inboxFolderEmail(u"inbox_s"_s)),
             qPrintable(folders.out));
    QVERIFY(folders.out.contains(u"inbox_v\t1\tVerifikationer"_s));
    const CliRun archive = fortnox({ u"ls"_s, u"archive"_s });
    EXPECT_EXIT(archive, 0);
    QVERIFY2(archive.outLines().value(0).startsWith(u"root\t0\tArchive"_s), qPrintable(archive.out));
    const CliRun vouchers = fortnox({ u"ls"_s, u"vouchers"_s });
    EXPECT_EXIT(vouchers, 0);
    QCOMPARE(vouchers.outLines().size(), 4);
    QVERIFY2(vouchers.outLines().contains(u"A2-2\tA 2 · 2024-03-14 · Representation, lunch med kund"_s),
             qPrintable(vouchers.out));
    const CliRun files = fortnox({ u"ls"_s, u"inbox/inbox_s"_s });
    EXPECT_EXIT(files, 0);
    QVERIFY2(files.out.contains(u"faktura-telia-mars.pdf"_s), qPrintable(files.out));
    QVERIFY(files.out.contains(u"vattenfall-2024-03.pdf"_s));
    const CliRun invoices = fortnox({ u"ls"_s, u"supplierinvoices"_s });
    EXPECT_EXIT(invoices, 0);
    QCOMPARE(invoices.outLines().size(), 4);
    // Each request asked for the format the app is set to.
    QFETCH_GLOBAL(bool, xml);
    const QList<EmulatorServer::LoggedRequest> requests = m_emulator->requests();
    QVERIFY(!requests.isEmpty());
    for (const EmulatorServer::LoggedRequest& logged : requests)
        QVERIFY2(logged.request.header("Accept").contains(xml ? "xml" : "json"),
                 logged.request.header("Accept").constData());
}

void TestCliFortnox::putsGetsAndDeletes()
{
    const QString path = m_work->filePath(u"kvitto.pdf"_s);
    QVERIFY(CoreTest::writeFile(path, "%PDF kvitto"));
    EXPECT_EXIT(fortnox({ u"put"_s, u"inbox/inbox_v"_s, path }), 0);
    QVERIFY(m_emulator->inboxFileNames(u"inbox_v"_s).contains(u"kvitto.pdf"_s));
    // Fetched back, byte for byte, into a folder of its own.
    QVERIFY(QDir(m_work->path()).mkdir(u"back"_s));
    EXPECT_EXIT(fortnox({ u"get"_s, u"inbox/inbox_v/kvitto.pdf"_s, m_work->filePath(u"back"_s) }), 0);
    QCOMPARE(CoreTest::readFile(m_work->filePath(u"back/kvitto.pdf"_s)), QByteArray("%PDF kvitto"));
    EXPECT_EXIT(fortnox({ u"rm"_s, u"inbox/inbox_v/kvitto.pdf"_s }), 0);
    QVERIFY(!m_emulator->inboxFileNames(u"inbox_v"_s).contains(u"kvitto.pdf"_s));
}

void TestCliFortnox::mvFilesOntoASupplierInvoice()
{
    EXPECT_EXIT(fortnox({ u"mv"_s, u"inbox/inbox_s/faktura-telia-mars.pdf"_s, u"supplierinvoices/1"_s }), 0);
    QCOMPARE(m_emulator->connections().size(), 1);
    QVERIFY(!m_emulator->inboxFileNames(u"inbox_s"_s).contains(u"faktura-telia-mars.pdf"_s));
    const CliRun filed = fortnox({ u"ls"_s, u"supplierinvoices/1"_s });
    EXPECT_EXIT(filed, 0);
    QVERIFY2(filed.out.contains(u"faktura-telia-mars.pdf"_s), qPrintable(filed.out));
}

void TestCliFortnox::mvFilesOntoAVoucher()
{
    EXPECT_EXIT(fortnox({ u"mv"_s, u"inbox/inbox_v/kvitto-sj-2024-04-03.png"_s, u"vouchers/A3-2"_s }), 0);
    QCOMPARE(m_emulator->connections().size(), 1);
    QCOMPARE(m_emulator->connections().first().voucherNumber, 3);
    QVERIFY(m_emulator->inboxFileNames(u"inbox_v"_s).isEmpty());
    const CliRun filed = fortnox({ u"ls"_s, u"vouchers/A3-2"_s });
    EXPECT_EXIT(filed, 0);
    QVERIFY2(filed.out.contains(u"kvitto-sj-2024-04-03.png"_s), qPrintable(filed.out));
}

void TestCliFortnox::putsStraightOntoARecord()
{
    const QString path = m_work->filePath(u"faktura.pdf"_s);
    QVERIFY(CoreTest::writeFile(path, "%PDF faktura"));
    EXPECT_EXIT(fortnox({ u"put"_s, u"supplierinvoices/2"_s, path }), 0);
    EXPECT_EXIT(fortnox({ u"put"_s, u"vouchers/A1-2"_s, path }), 0);
    QCOMPARE(m_emulator->connections().size(), 2);
    QCOMPARE(m_emulator->connections().first().supplierInvoiceNumber, 2);
    const CliRun filed = fortnox({ u"ls"_s, u"supplierinvoices/2"_s });
    EXPECT_EXIT(filed, 0);
    QVERIFY2(filed.out.contains(u"faktura.pdf"_s), qPrintable(filed.out));
    QVERIFY(QDir(m_work->path()).mkdir(u"back"_s));
    EXPECT_EXIT(fortnox({ u"get"_s, u"vouchers/A1-2/faktura.pdf"_s, m_work->filePath(u"back"_s) }), 0);
    QCOMPARE(CoreTest::readFile(m_work->filePath(u"back/faktura.pdf"_s)), QByteArray("%PDF faktura"));
}

// A file whose Id cannot be a URL's path segment is fetched and deleted by the path Fortnox lists for it.
void TestCliFortnox::getsAndDeletesByPath()
{
    QVERIFY(m_emulator->putInboxFile(u"inbox_kf"_s, u"kund.pdf"_s, "%PDF kund", u"kund faktura.1"_s));
    QVERIFY(QDir(m_work->path()).mkdir(u"back"_s));
    m_emulator->clearRequests();
    EXPECT_EXIT(fortnox({ u"get"_s, u"inbox/inbox_kf/kund.pdf"_s, m_work->filePath(u"back"_s) }), 0);
    QCOMPARE(CoreTest::readFile(m_work->filePath(u"back/kund.pdf"_s)), QByteArray("%PDF kund"));
    EXPECT_EXIT(fortnox({ u"rm"_s, u"inbox/inbox_kf/kund.pdf"_s }), 0);
    QVERIFY(m_emulator->inboxFileNames(u"inbox_kf"_s).isEmpty());
    QStringList byPath;
    for (const EmulatorServer::LoggedRequest& logged : m_emulator->requests()) {
        if (logged.request.queryFields().contains(u"path"_s))
            byPath.append(QString::fromLatin1(logged.request.method()) + u' '
                          + logged.request.queryFields().value(u"path"_s));
    }
    QCOMPARE(byPath, (QStringList { u"GET inbox_kf/kund.pdf"_s, u"DELETE inbox_kf/kund.pdf"_s }));
}

void TestCliFortnox::showsFortnoxsMessage()
{
    const CliRun refused = fortnox({ u"mv"_s, u"inbox/inbox_s/faktura-telia-mars.pdf"_s, u"supplierinvoices/9999"_s });
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains(u"Kan inte hitta leverantörsfakturan."_s), qPrintable(refused.err));
    QVERIFY(m_emulator->inboxFileNames(u"inbox_s"_s).contains(u"faktura-telia-mars.pdf"_s));
}

// Fortnox answering 429 (its limit met by another program of the same integration): the command waits as asked and
// goes on.
void TestCliFortnox::waitsOutTooManyRequests()
{
    m_emulator->faults().add(u"/3/inbox/inbox_s"_s, FaultInjector::rateLimited(1), 1);
    m_emulator->clearRequests();
    const CliRun files = fortnox({ u"ls"_s, u"inbox/inbox_s"_s });
    EXPECT_EXIT(files, 0);
    QVERIFY2(files.out.contains(u"faktura-telia-mars.pdf"_s), qPrintable(files.out));
    QCOMPARE(m_emulator->requestCount(u"/3/inbox/inbox_s"_s), 2);
}

// Several attache-cli processes at once, as a script may start them: between them never more than Fortnox's limit, so
// the emulator, which enforces it, refuses none (a refused request would be sent again, and logged twice).
void TestCliFortnox::processesTogetherKeepToTheLimit()
{
    m_emulator->clearRequests();
    EXPECT_EXIT(fortnox({ u"ls"_s, u"inbox"_s }), 0);
    const qsizetype perListing = m_emulator->requests().size();
    // More than the limit between them.
    const int processes = int(FortnoxStore::MaxRequestsPerWindow / perListing) + 2;
    m_emulator->clearRequests();
    std::vector<std::unique_ptr<QProcess>> running;
    for (int i = 0; i < processes; ++i) {
        running.push_back(std::make_unique<QProcess>());
        CliTest::start(*running.back(), environment(), m_work->path(),
                       { u"--store"_s, u"fortnox:"_s, u"ls"_s, u"inbox"_s });
    }
    for (const std::unique_ptr<QProcess>& process : running) {
        CliRun run;
        CliTest::finish(*process, run, ProcessTimeoutMs);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(u"inbox_s"_s));
    }
    QCOMPARE(m_emulator->requests().size(), processes * perListing);
}

// "connect fortnox" on a machine without the app's browser: the client id and secret, then the address the browser
// ends on after Allow, pasted back. The refresh token goes to the keychain, and later commands use it.
void TestCliFortnox::connectsThroughTheAddressTheBrowserEndsOn()
{
    QProcess process;
    CliTest::start(process, environment(), m_work->path(), { u"connect"_s, u"fortnox"_s });
    process.write((m_emulator->clientId() + u'\n' + m_emulator->clientSecret() + u'\n').toUtf8());
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(process.readAllStandardOutput()),
                              out.contains(u'\n') || process.state() == QProcess::NotRunning),
                             ProcessTimeoutMs);
    const QUrl authorize(out.section(u'\n', 0, 0).trimmed());
    QVERIFY2(authorize.path().endsWith(u"/oauth-v1/auth"_s), qPrintable(out));
    QNetworkAccessManager network;
    const QUrl redirect = FortnoxTest::consent(network, authorize, u"allow"_s, ProcessTimeoutMs);
    QVERIFY(redirect.toString().startsWith(u"http://localhost/attache-fortnox"_s));
    process.write((redirect.toString(QUrl::FullyEncoded) + u'\n').toUtf8());
    process.closeWriteChannel();
    CliRun run;
    CliTest::finish(process, run, ProcessTimeoutMs);
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.contains(u"Connected to Fortnox."_s));

    QSettings settings(m_config->path() + u"/Attache/attache.conf"_s, QSettings::IniFormat);
    QCOMPARE(settings.value(u"fortnox/connection"_s).toString(), u"oauth"_s);
    QCOMPARE(settings.value(u"fortnox/clientId"_s).toString(), m_emulator->clientId());
    const SecretStore::Result read = readKeychain(FortnoxAccount::refreshTokenKey(m_emulator->clientId()));
    QVERIFY2(read.ok && !read.secret.isEmpty(), qPrintable(read.errorString));
    QCOMPARE(KeyringTest::filesContaining({ m_config->path() }, m_emulator->clientSecret()), QStringList());
    // Later commands sign in with it.
    EXPECT_EXIT(fortnox({ u"ls"_s, u"inbox/inbox_s"_s }), 0);
}

// "disconnect fortnox": the keychain and the settings no longer hold the company, so later commands have to connect
// again. Fortnox documents no way to revoke a token.
void TestCliFortnox::disconnectForgetsTheCompany()
{
    EXPECT_EXIT(fortnox({ u"ls"_s, u"inbox/inbox_s"_s }), 0);

    const CliRun run = cli({ u"disconnect"_s, u"fortnox"_s });
    EXPECT_EXIT(run, 0);
    QCOMPARE(run.outLines(), QStringList { u"Disconnected from Fortnox."_s });
    QCOMPARE(run.err, QString());
    for (const QString& key : { FortnoxAccount::legacyAccessTokenKey(), FortnoxAccount::legacyClientSecretKey() }) {
        const SecretStore::Result read = readKeychain(key);
        QVERIFY2(read.notFound, qPrintable(key + u": "_s + read.errorString));
    }
    QVERIFY(!QSettings(m_config->path() + u"/Attache/attache.conf"_s, QSettings::IniFormat)
                 .contains(u"fortnox/connection"_s));

    const CliRun ls = fortnox({ u"ls"_s, u"inbox/inbox_s"_s });
    EXPECT_EXIT(ls, 2);
    QVERIFY2(ls.err.contains(u"attache-cli connect fortnox"_s), qPrintable(ls.err));
    const CliRun again = cli({ u"disconnect"_s, u"fortnox"_s });
    EXPECT_EXIT(again, 1);
    QVERIFY2(again.err.contains(u"No Fortnox company is connected."_s), qPrintable(again.err));
}

QTEST_GUILESS_MAIN(TestCliFortnox)
#include "TestCliFortnox.moc"
