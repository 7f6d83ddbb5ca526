// attache-cli, the real binary, against the loopback Dropbox emulator: connecting an account the way a
// terminal does (open the address, paste the code), working with a "dropbox:" store, and disconnecting.
// Runs in tests/with-keyring.sh, so that the refresh token goes to a private GNOME Keyring.

#include "../KeyringTestHelpers.h"
#include "CliTestProcess.h"
#include "ContentHasher.h"
#include "CoreTestHelpers.h"
#include "DropboxEmulator.h"
#include "DropboxStore.h"
#include "SecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using CoreTest::readFile;
using CoreTest::writeFile;

namespace {

// Generous: a loaded CI machine may be slow, and a passing run never waits this long.
constexpr int ProcessTimeoutMs = 120000;

using Run = CliRun;

// The answer to one keychain call. Its context dies first, so an answer arriving after a failed check
// never lands on a destroyed test.
struct Answer
{
    std::optional<SecretStore::Result> result;
    QObject context;

    SecretStore::Callback callback()
    {
        return [this](const SecretStore::Result& answer) { result = answer; };
    }
};

QSet<QString> toSet(const QStringList& list)
{
    return QSet<QString>(list.cbegin(), list.cend());
}

} // namespace

class TestCliDropbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void connectKeepsOnlyIdAndNameInSettings();
    void wrongCodeFails_data();
    void wrongCodeFails();
    void worksWithAttachments();
    void getNeverOverwrites();
    void hostileNamesNeverReachDropbox();
    void badStoresAreRefused_data();
    void badStoresAreRefused();
    void disconnectRevokesAndForgets();
    void killedUploadIsResumedOnceAndIntact();

private:
    enum class Code { FromPage, MadeUp, Empty };

    QProcessEnvironment environment() const;
    void start(QProcess& process, const QStringList& arguments) const;
    // Waits for the child with the event loop running: the emulator answers from this thread.
    static void finish(QProcess& process, Run& run);
    Run cli(const QStringList& arguments);
    Run dropbox(const QStringList& arguments)
    {
        return cli(QStringList { u"--store"_s, u"dropbox:/Accounting"_s } + arguments);
    }
    // "connect dropbox": reads the address it prints, opens it as a browser would and pastes the code.
    void connectAccount(Code code, Run& run);
    void connectOrFail();
    // The test reads the keychain itself: the CLI runs on the same private D-Bus session.
    void readKeychain(const QString& accountId, std::optional<SecretStore::Result>& result);

    QString settingsPath() const { return m_config->path() + u"/Attache/attache.conf"_s; }
    QStringList settingsKeys() const { return QSettings(settingsPath(), QSettings::IniFormat).allKeys(); }
    QString file(const QString& name, const QByteArray& data)
    {
        const QString path = m_work->filePath(name);
        return writeFile(path, data) ? path : QString();
    }

    std::unique_ptr<DropboxEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<QTemporaryDir> m_work;
};

void TestCliDropbox::initTestCase()
{
    // Never the developer's own keyring, nor their Dropbox account.
    if (qgetenv("ATTACHE_TEST_KEYRING") != "gnome-keyring")
        QSKIP("Needs a private keyring: tests/with-keyring.sh");
    QVERIFY(QFileInfo(QStringLiteral(ATTACHE_CLI_PATH)).isExecutable());
}

void TestCliDropbox::init()
{
    m_emulator = std::make_unique<DropboxEmulator>();
    QVERIFY(m_emulator->listen());
    m_emulator->setAutoApprove(true);
    // Under the wrapper's throwaway HOME, so that one search there covers everything the CLI could write.
    m_config = std::make_unique<QTemporaryDir>(QDir::home().filePath(u"config-XXXXXX"_s));
    m_work = std::make_unique<QTemporaryDir>(QDir::home().filePath(u"work-XXXXXX"_s));
    QVERIFY(m_config->isValid() && m_work->isValid());
}

void TestCliDropbox::cleanup()
{
    m_work.reset();
    m_config.reset();
    m_emulator.reset();
}

QProcessEnvironment TestCliDropbox::environment() const
{
    // The wrapper's HOME, XDG directories and D-Bus session (with its keyring); settings of the test's own.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_HOME"_s, m_config->path());
    // The transfer journal of this test alone.
    env.insert(u"XDG_DATA_HOME"_s, m_config->path() + u"/data"_s);
    env.insert(u"ATTACHE_DROPBOX_BASE_URL"_s, m_emulator->baseUrl().toString());
    env.insert(u"ATTACHE_DROPBOX_APP_KEY"_s, m_emulator->appKey());
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    return env;
}

void TestCliDropbox::start(QProcess& process, const QStringList& arguments) const
{
    CliTest::start(process, environment(), m_work->path(), arguments);
}

void TestCliDropbox::finish(QProcess& process, Run& run)
{
    CliTest::finish(process, run, ProcessTimeoutMs);
}

Run TestCliDropbox::cli(const QStringList& arguments)
{
    QProcess process;
    start(process, arguments);
    Run run;
    finish(process, run);
    return run;
}

void TestCliDropbox::connectAccount(Code code, Run& run)
{
    QProcess process;
    start(process, { u"connect"_s, u"dropbox"_s });
    // The address comes first, on a line of its own; then the tool waits for the code.
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning, ProcessTimeoutMs);
    QVERIFY2(process.canReadLine(), qPrintable(QString::fromUtf8(process.readAllStandardError())));
    const QString line = QString::fromUtf8(process.readLine());
    run.out = line;
    const QUrl url(line.trimmed(), QUrl::StrictMode);
    QVERIFY2(url.isValid(), qPrintable(line));
    QCOMPARE(url.adjusted(QUrl::RemoveQuery), QUrl(m_emulator->baseUrl().toString() + u"/oauth2/authorize"_s));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(u"client_id"_s), m_emulator->appKey());
    QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(query.queryItemValue(u"token_access_type"_s), u"offline"_s);
    // No redirect: the page shows the code for the user to copy.
    QVERIFY(!query.hasQueryItem(u"redirect_uri"_s));

    QByteArray answer;
    if (code == Code::FromPage) {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(ProcessTimeoutMs));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QString page = QString::fromUtf8(reply->readAll());
        const QRegularExpressionMatch match = QRegularExpression(u"<code id=\"code\">([^<]+)</code>"_s).match(page);
        QVERIFY2(match.hasMatch(), qPrintable(page));
        answer = match.captured(1).toUtf8();
    } else if (code == Code::MadeUp) {
        answer = "made-up-code-that-dropbox-never-issued";
    }
    process.write(answer + '\n');
    process.closeWriteChannel();
    finish(process, run);
}

void TestCliDropbox::connectOrFail()
{
    Run run;
    connectAccount(Code::FromPage, run);
    if (QTest::currentTestFailed())
        return;
    EXPECT_EXIT(run, 0);
}

void TestCliDropbox::readKeychain(const QString& accountId, std::optional<SecretStore::Result>& result)
{
    Answer read;
    SecretStore::readSecret(DropboxStore::keychainKey(accountId), &read.context, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.result, ProcessTimeoutMs);
    result = read.result;
}

void TestCliDropbox::connectKeepsOnlyIdAndNameInSettings()
{
    Run run;
    connectAccount(Code::FromPage, run);
    if (QTest::currentTestFailed())
        return;
    EXPECT_EXIT(run, 0);
    QCOMPARE(run.outLines().size(), 2);
    QCOMPARE(run.outLines().last(), u"Connected to Dropbox as ada@example.org."_s);

    // The settings hold who is connected, and nothing secret.
    QVERIFY2(QFileInfo::exists(settingsPath()), qPrintable(settingsPath()));
    QCOMPARE(toSet(settingsKeys()), (QSet<QString> { u"dropbox/accountId"_s, u"dropbox/accountName"_s }));
    const QSettings settings(settingsPath(), QSettings::IniFormat);
    const QString accountId = settings.value(u"dropbox/accountId"_s).toString();
    QVERIFY(accountId.startsWith(u"dbid:"_s));
    QCOMPARE(settings.value(u"dropbox/accountName"_s).toString(), u"ada@example.org"_s);

    // The refresh token is in the keychain, and in no file: not the settings, not beside them, not the work folder.
    std::optional<SecretStore::Result> secret;
    readKeychain(accountId, secret);
    QVERIFY(secret);
    QVERIFY2(secret->ok, qPrintable(secret->errorString));
    QVERIFY(secret->secret.size() >= 32);
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, secret->secret), QStringList());
    QVERIFY(!readFile(settingsPath()).contains(secret->secret.toUtf8()));
}

void TestCliDropbox::wrongCodeFails_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("made up") << int(Code::MadeUp) << u"Dropbox refused the sign-in"_s;
    QTest::newRow("empty") << int(Code::Empty) << u"Dropbox sent no authorization code."_s;
}

void TestCliDropbox::wrongCodeFails()
{
    QFETCH(int, code);
    QFETCH(QString, message);
    Run run;
    connectAccount(Code(code), run);
    if (QTest::currentTestFailed())
        return;
    EXPECT_EXIT(run, 1);
    QVERIFY2(run.errLines().last().startsWith(u"attache-cli: "_s + message), qPrintable(run.err));
    QVERIFY(!run.out.contains(u"Connected"_s));
    // Nothing was kept.
    QVERIFY(!QSettings(settingsPath(), QSettings::IniFormat).contains(u"dropbox/accountId"_s));
    EXPECT_EXIT(dropbox({ u"ls"_s, u"invoices"_s }), 2);
}

void TestCliDropbox::worksWithAttachments()
{
    connectOrFail();
    if (QTest::currentTestFailed())
        return;

    const Run made = dropbox({ u"mkdir"_s, u"invoices/4455"_s });
    EXPECT_EXIT(made, 0);
    QCOMPARE(made.outLines(), QStringList { u"invoices/4455"_s });
    QVERIFY(m_emulator->hasFolder(u"/Accounting/Invoices/4455"_s));
    const Run madeAgain = dropbox({ u"mkdir"_s, u"invoices/4455"_s });
    EXPECT_EXIT(madeAgain, 1);
    QVERIFY2(madeAgain.err.contains(u"already exists"_s), qPrintable(madeAgain.err));

    // A small file and one of several MiB, in one command.
    const QByteArray small = CoreTest::patternData(3000);
    const QByteArray large = CoreTest::patternData(5 * 1024 * 1024 + 321);
    const QString smallPath = file(u"receipt.pdf"_s, small);
    const QString largePath = file(u"scan.pdf"_s, large);
    const Run put = dropbox({ u"put"_s, u"invoices/4455"_s, smallPath, largePath });
    EXPECT_EXIT(put, 0);
    QCOMPARE(toSet(put.outLines()), (QSet<QString> { u"invoices/4455/receipt.pdf"_s, u"invoices/4455/scan.pdf"_s }));
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/receipt.pdf"_s), small);
    QCOMPARE(m_emulator->fileContent(u"/Accounting/Invoices/4455/scan.pdf"_s), large);

    const Run types = dropbox({ u"ls"_s, u"invoices"_s });
    EXPECT_EXIT(types, 0);
    QCOMPARE(types.outLines(), QStringList { u"4455\t2"_s });

    const Run json = dropbox({ u"ls"_s, u"invoices/4455"_s, u"--json"_s });
    EXPECT_EXIT(json, 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray array = document.array();
    QCOMPARE(array.size(), 2);
    const QSet<QString> expectedKeys = CoreTest::kashFlowKeys() + QSet<QString> { u"ContentHash"_s };
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        QCOMPARE(toSet(object.keys()), expectedKeys);
        byName.insert(object.value(u"Name"_s).toString(), object);
    }
    QCOMPARE(toSet(byName.keys()), (QSet<QString> { u"receipt.pdf"_s, u"scan.pdf"_s }));
    for (const auto& [name, local] :
         { std::pair { u"receipt.pdf"_s, smallPath }, std::pair { u"scan.pdf"_s, largePath } }) {
        const QJsonObject object = byName.value(name);
        QCOMPARE(object.value(u"SizeInBytes"_s).toInteger(), QFileInfo(local).size());
        QCOMPARE(object.value(u"ContentHash"_s).toString(),
                 m_emulator->fileContentHash(u"/Accounting/Invoices/4455/"_s + name));
        QCOMPARE(object.value(u"ContentHash"_s).toString(), ContentHasher::hashFile(local));
        QVERIFY(
            QDateTime::fromString(object.value(u"LastModifiedDate"_s).toString(), u"yyyy-MM-dd HH:mm:ss"_s).isValid());
    }

    const QString copy = m_work->filePath(u"copy.pdf"_s);
    const Run got = dropbox({ u"get"_s, u"invoices/4455/scan.pdf"_s, copy });
    EXPECT_EXIT(got, 0);
    QCOMPARE(got.outLines(), QStringList { copy });
    QCOMPARE(readFile(copy), large);

    // From the invoice into the inbox: gone from one, there in the other.
    const Run moved = dropbox({ u"mv"_s, u"invoices/4455/scan.pdf"_s, u"inbox/Unsorted"_s });
    EXPECT_EXIT(moved, 0);
    QCOMPARE(moved.outLines(), QStringList { u"inbox/Unsorted/scan.pdf"_s });
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/scan.pdf"_s));
    QCOMPARE(m_emulator->fileContentHash(u"/Accounting/Inbox/Unsorted/scan.pdf"_s), ContentHasher::hashFile(largePath));
    const Run inbox = dropbox({ u"ls"_s, u"inbox"_s });
    EXPECT_EXIT(inbox, 0);
    QCOMPARE(inbox.outLines(), QStringList { u"Unsorted\t1"_s });

    EXPECT_EXIT(dropbox({ u"rm"_s, u"invoices/4455/receipt.pdf"_s }), 0);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/receipt.pdf"_s));
    const Run removedAgain = dropbox({ u"rm"_s, u"invoices/4455/receipt.pdf"_s });
    EXPECT_EXIT(removedAgain, 1);
    QVERIFY(!removedAgain.err.isEmpty());
    const Run after = dropbox({ u"ls"_s, u"invoices"_s });
    EXPECT_EXIT(after, 0);
    QCOMPARE(after.outLines(), QStringList { u"4455\t0"_s });
}

void TestCliDropbox::getNeverOverwrites()
{
    connectOrFail();
    if (QTest::currentTestFailed())
        return;
    const QByteArray data = CoreTest::patternData(70000);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/receipt.pdf"_s, data));

    const QString destination = m_work->filePath(u"copy.pdf"_s);
    EXPECT_EXIT(dropbox({ u"get"_s, u"invoices/4455/receipt.pdf"_s, destination }), 0);
    QCOMPARE(readFile(destination), data);
    QVERIFY(m_emulator->putFile(u"/Accounting/Invoices/4455/receipt.pdf"_s, "changed"));
    const Run again = dropbox({ u"get"_s, u"invoices/4455/receipt.pdf"_s, destination });
    EXPECT_EXIT(again, 1);
    QVERIFY2(again.err.contains(u"already exists"_s), qPrintable(again.err));
    QCOMPARE(readFile(destination), data);

    // The default destination is the current folder, where a file of that name is refused too.
    QVERIFY(writeFile(m_work->filePath(u"receipt.pdf"_s), "mine"));
    EXPECT_EXIT(dropbox({ u"get"_s, u"invoices/4455/receipt.pdf"_s }), 1);
    QCOMPARE(readFile(m_work->filePath(u"receipt.pdf"_s)), QByteArray("mine"));
    // A folder as destination takes the attachment's name.
    QVERIFY(QDir(m_work->path()).mkdir(u"out"_s));
    EXPECT_EXIT(dropbox({ u"get"_s, u"invoices/4455/receipt.pdf"_s, m_work->filePath(u"out"_s) }), 0);
    QCOMPARE(readFile(m_work->filePath(u"out/receipt.pdf"_s)), QByteArray("changed"));
}

void TestCliDropbox::hostileNamesNeverReachDropbox()
{
    connectOrFail();
    if (QTest::currentTestFailed())
        return;
    const QString local = file(u"a.pdf"_s, "a");
    m_emulator->clearRequests();
    for (const QString& target : { u"invoices/.."_s, u"invoices/../x"_s, u"invoices/../../etc"_s }) {
        const Run run = dropbox({ u"put"_s, target, local });
        QVERIFY2(run.exitCode == 1 || run.exitCode == 2, qPrintable(target + u'|' + run.err));
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY(run.errLines().first().startsWith(u"attache-cli: "_s));
    }
    const Run name = dropbox({ u"get"_s, u"invoices/4455/.."_s, m_work->path() });
    QVERIFY2(name.exitCode == 1 || name.exitCode == 2, qPrintable(name.err));
    for (const auto& logged : m_emulator->requests())
        QVERIFY2(!logged.request.path().startsWith(u"/2/files"_s), qPrintable(logged.request.path()));
    QVERIFY(!m_emulator->hasFolder(u"/Accounting"_s));
}

void TestCliDropbox::badStoresAreRefused_data()
{
    QTest::addColumn<QString>("store");
    QTest::addColumn<QString>("message");
    QTest::newRow("relative") << u"dropbox:relative"_s << u"must start with “/”"_s;
    QTest::newRow("trailing slash") << u"dropbox:/Accounting/"_s << u"must start with “/”"_s;
    QTest::newRow("unknown scheme") << u"ftp://example.org/x"_s << u"Unknown store"_s;
}

void TestCliDropbox::badStoresAreRefused()
{
    QFETCH(QString, store);
    QFETCH(QString, message);
    connectOrFail();
    if (QTest::currentTestFailed())
        return;
    m_emulator->clearRequests();
    const Run run = cli({ u"--store"_s, store, u"ls"_s, u"invoices"_s });
    EXPECT_EXIT(run, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(run.out, QString());
    QCOMPARE(m_emulator->requests().size(), 0);
}

void TestCliDropbox::disconnectRevokesAndForgets()
{
    connectOrFail();
    if (QTest::currentTestFailed())
        return;
    const QString accountId = QSettings(settingsPath(), QSettings::IniFormat).value(u"dropbox/accountId"_s).toString();
    std::optional<SecretStore::Result> before;
    readKeychain(accountId, before);
    QVERIFY(before && before->ok);
    EXPECT_EXIT(dropbox({ u"ls"_s, u"invoices"_s }), 0);

    const Run run = cli({ u"disconnect"_s, u"dropbox"_s });
    EXPECT_EXIT(run, 0);
    QCOMPARE(run.outLines(), QStringList { u"Disconnected from Dropbox."_s });
    QCOMPARE(run.err, QString());
    QCOMPARE(settingsKeys(), QStringList());
    std::optional<SecretStore::Result> after;
    readKeychain(accountId, after);
    QVERIFY(after);
    QVERIFY2(after->notFound, qPrintable(after->errorString));

    // Dropbox was told: the refresh token no longer mints access tokens.
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(m_emulator->baseUrl().toString() + u"/oauth2/token"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"refresh_token"_s);
    form.addQueryItem(u"refresh_token"_s, before->secret);
    form.addQueryItem(u"client_id"_s, m_emulator->appKey());
    std::unique_ptr<QNetworkReply> reply(network.post(request, form.toString(QUrl::FullyEncoded).toUtf8()));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    QVERIFY(done.wait(ProcessTimeoutMs));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);

    const Run ls = cli({ u"--store"_s, u"dropbox:"_s, u"ls"_s, u"invoices"_s });
    EXPECT_EXIT(ls, 2);
    QVERIFY2(ls.err.contains(u"attache-cli connect dropbox"_s), qPrintable(ls.err));
    const Run again = cli({ u"disconnect"_s, u"dropbox"_s });
    EXPECT_EXIT(again, 1);
    QVERIFY2(again.err.contains(u"No Dropbox account is connected."_s), qPrintable(again.err));
}

void TestCliDropbox::killedUploadIsResumedOnceAndIntact()
{
    connectOrFail();
    if (QTest::currentTestFailed())
        return;
    // 300 MiB: an upload session of ten 32 MiB chunks, three in flight.
    const QString path = m_work->filePath(u"ledger.bin"_s);
    QVERIFY(CoreTest::writeNumberedFile(path, 300));
    QSignalSpy received(m_emulator.get(), &EmulatorServer::requestReceived);
    const auto requestsTo = [&received](const QString& route) {
        return int(std::count_if(received.cbegin(), received.cend(),
                                 [&route](const QList<QVariant>& arguments) { return arguments.at(0) == route; }));
    };
    const QString appendRoute = u"/2/files/upload_session/append_v2"_s;
    QProcess put;
    start(put, { u"--store"_s, u"dropbox:/Accounting"_s, u"put"_s, u"invoices/4455"_s, path });
    // Killed (SIGKILL, no chance to tidy up) once some chunks have landed and others are on their way.
    QTRY_VERIFY_WITH_TIMEOUT(requestsTo(appendRoute) >= 4 || put.state() == QProcess::NotRunning, ProcessTimeoutMs);
    QCOMPARE(put.state(), QProcess::Running);
    put.kill();
    Run killed;
    finish(put, killed);
    QCOMPARE(killed.exitCode, -1);
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/ledger.bin"_s));
    const int appendsBeforeKill = requestsTo(appendRoute);

    const Run resumed = dropbox({ u"resume"_s });
    EXPECT_EXIT(resumed, 0);
    QCOMPARE(resumed.outLines(), QStringList { u"invoices/4455/ledger.bin"_s });
    QCOMPARE(m_emulator->fileContentHash(u"/Accounting/Invoices/4455/ledger.bin"_s), ContentHasher::hashFile(path));
    // Once: the session carried on (one start in all, fewer appends than chunks again), and no numbered copy.
    QCOMPARE(requestsTo(u"/2/files/upload_session/start"_s), 1);
    QVERIFY2(requestsTo(appendRoute) - appendsBeforeKill < 10,
             qPrintable(u"%1 appends after the kill"_s.arg(requestsTo(appendRoute) - appendsBeforeKill)));
    QVERIFY(!m_emulator->hasFile(u"/Accounting/Invoices/4455/ledger (1).bin"_s));
    // Nothing is left for another run.
    const Run again = dropbox({ u"resume"_s });
    EXPECT_EXIT(again, 0);
    QCOMPARE(again.outLines(), QStringList { u"Nothing to resume."_s });
}

QTEST_GUILESS_MAIN(TestCliDropbox)
#include "TestCliDropbox.moc"
