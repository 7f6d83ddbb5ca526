// attache-cli against the KashFlow emulator: "connect kashflow" asks for the user name, the password and either
// the whole memorable word (remembered in the keychain, which later commands sign in with by themselves) or the
// characters KashFlow names; every command then works with the "kashflow:" store. Every test runs twice, with
// KashFlow answering in JSON and in XML as the app's setting says. Runs in tests/with-keyring.sh's private keyring.

#include "../KeyringTestHelpers.h"
#include "Attachment.h"
#include "CliTestProcess.h"
#include "CoreTestHelpers.h"
#include "KashflowEmulator.h"
#include "KashflowEmulatorFormat.h"
#include "KashflowSignIn.h"
#include "KashflowStore.h"
#include "SecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace {
constexpr int ProcessTimeoutMs = 60000;

QJsonArray jsonArray(const CliRun& run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

bool hasKashFlowKeys(const QJsonObject& record)
{
    const QStringList keys = record.keys();
    return QSet<QString>(keys.cbegin(), keys.cend()).contains(CoreTest::kashFlowKeys());
}

// The names in the first column of "ls TYPE/ID".
QStringList listedNames(const CliRun& run)
{
    QStringList names;
    for (const QString& line : run.outLines())
        names.append(line.section(u'\t', 0, 0));
    return names;
}
} // namespace

// Most tests need a signed-in user; the rest of a test is pointless once that failed.
#define SIGN_IN_OR_RETURN()                                                                                            \
    do {                                                                                                               \
        signIn();                                                                                                      \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

class TestCliKashflow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();
    void rememberedSignInServesLaterCommands();
    void answersTheCharactersAskedFor();
    void wrongMemorableWordRemembersNothing();
    void listsEntitiesPageByPage();
    void listsTheFilesOfAnEntity();
    void putUploadsTheExactBytes();
    void getDownloadsTheExactBytes();
    void rmDeletesThatFileOnly();
    void kashflowsRefusalIsNotRetried();
    void sendPdfFilesThePdfAndPrintsItsName();
    void sendPdfRefusesACustomer();
    void sendPdfNeedsTheKashflowStore();
    void expiredSessionIsRenewedSilently();
    void hostileNamesStayInTheDestination();
    void disconnectForgetsTheSignIn();
    void disconnectWithNothingRemembered();

private:
    QProcessEnvironment environment() const;
    QString settingsPath() const { return m_config->path() + u"/Attache/attache.conf"_s; }
    // Runs attache-cli with the lines as its standard input.
    CliRun cli(const QStringList& arguments, const QStringList& input = {});
    CliRun kashflow(const QStringList& arguments)
    {
        return cli(QStringList { u"--store"_s, u"kashflow:"_s } + arguments);
    }
    // "connect kashflow", remembering the password and memorable word in the keychain: what a user does once.
    void signIn();
    // How many requests of that method reached the path.
    // The test reads the keychain itself: the CLI runs on the same private D-Bus session.
    void readKeychain(const QString& userName, std::optional<SecretStore::Result>& result);

    std::unique_ptr<KashflowEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<QTemporaryDir> m_work;
};

void TestCliKashflow::initTestCase_data()
{
    QTest::addColumn<KashflowEmulatorFormat::Kind>("format");
    QTest::newRow("json") << KashflowEmulatorFormat::Kind::Json;
    QTest::newRow("xml") << KashflowEmulatorFormat::Kind::Xml;
}

void TestCliKashflow::initTestCase()
{
    // Never the developer's own keyring.
    if (qgetenv("ATTACHE_TEST_KEYRING") != "gnome-keyring")
        QSKIP("Needs a private keyring: tests/with-keyring.sh");
}

void TestCliKashflow::init()
{
    m_emulator = std::make_unique<KashflowEmulator>();
    m_emulator->addEntity(EntityType::Invoices, u"4455"_s);
    QVERIFY(m_emulator->listen());
    // Under the wrapper's throwaway HOME, so that one search there covers everything the CLI could write.
    m_config = std::make_unique<QTemporaryDir>(QDir::home().filePath(u"config-XXXXXX"_s));
    m_work = std::make_unique<QTemporaryDir>(QDir::home().filePath(u"work-XXXXXX"_s));
    QVERIFY(m_config->isValid() && m_work->isValid());
    // The app's setting, which attache-cli shares.
    QFETCH_GLOBAL(KashflowEmulatorFormat::Kind, format);
    QSettings settings(settingsPath(), QSettings::IniFormat);
    settings.setValue(u"kashflow/xml"_s, format == KashflowEmulatorFormat::Kind::Xml);
    settings.sync();
    QCOMPARE(settings.status(), QSettings::NoError);
}

void TestCliKashflow::cleanup()
{
    const QList<EmulatorServer::LoggedRequest> requests = m_emulator->requests();
    // The keyring lives as long as the test: what one function remembered must not help the next.
    std::optional<SecretStore::Result> removed;
    QObject context;
    SecretStore::removeSecret(KashflowStore::keychainKey(m_emulator->userName()), &context,
                              [&removed](const SecretStore::Result& result) { removed = result; });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 30000);
    m_work.reset();
    m_config.reset();
    m_emulator.reset();

    // Every call on records and files asked for the row's format; signing in is JSON whatever the setting.
    QFETCH_GLOBAL(KashflowEmulatorFormat::Kind, format);
    for (const EmulatorServer::LoggedRequest& logged : requests) {
        const QString path = logged.request.path();
        if (path.startsWith(u"/v2/"_s) && path != u"/v2/sessiontoken"_s)
            QVERIFY2(KashflowEmulatorFormat::negotiate(logged.request) == format,
                     qPrintable(path + u": "_s + QString::fromLatin1(logged.request.header("Accept"))));
    }
}

QProcessEnvironment TestCliKashflow::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_HOME"_s, m_config->path());
    env.insert(u"XDG_DATA_HOME"_s, m_config->path() + u"/data"_s);
    env.insert(u"ATTACHE_KASHFLOW_BASE_URL"_s, m_emulator->baseUrl().toString() + u"/v2"_s);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    return env;
}

CliRun TestCliKashflow::cli(const QStringList& arguments, const QStringList& input)
{
    return CliTest::run(environment(), m_work->path(), arguments, input, ProcessTimeoutMs);
}

void TestCliKashflow::signIn()
{
    const CliRun connected
        = cli({ u"connect"_s, u"kashflow"_s },
              { m_emulator->userName(), m_emulator->password(), u"y"_s, m_emulator->memorableWord() });
    EXPECT_EXIT(connected, 0);
    QCOMPARE(connected.outLines(), QStringList { u"Connected to KashFlow as %1."_s.arg(m_emulator->userName()) });
}

void TestCliKashflow::readKeychain(const QString& userName, std::optional<SecretStore::Result>& result)
{
    QObject context;
    SecretStore::readSecret(KashflowStore::keychainKey(userName), &context,
                            [&result](const SecretStore::Result& answer) { result = answer; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
}

void TestCliKashflow::rememberedSignInServesLaterCommands()
{
    SIGN_IN_OR_RETURN();
    std::optional<SecretStore::Result> secret;
    readKeychain(m_emulator->userName(), secret);
    QVERIFY(secret && secret->ok);
    const QJsonObject stored = QJsonDocument::fromJson(secret->secret.toUtf8()).object();
    QCOMPARE(stored.value(u"memorableWord"_s).toString(), m_emulator->memorableWord());
    // The keychain only: no file holds the password or the memorable word.
    QCOMPARE(KeyringTest::filesContaining({ m_config->path(), m_work->path() }, m_emulator->password()), QStringList());

    // Each later command signs in by itself with what the keychain holds.
    const CliRun listed = kashflow({ u"ls"_s, u"invoices"_s });
    EXPECT_EXIT(listed, 0);
    QVERIFY2(listed.outLines().contains(u"4455"_s), qPrintable(listed.out));
    QVERIFY(CoreTest::writeFile(m_work->filePath(u"receipt.pdf"_s), "%PDF receipt"));
    EXPECT_EXIT(kashflow({ u"put"_s, u"invoices/4455"_s, u"receipt.pdf"_s }), 0);
    QCOMPARE(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, u"receipt.pdf"_s), QByteArray("%PDF receipt"));
}

void TestCliKashflow::answersTheCharactersAskedFor()
{
    QProcess process;
    CliTest::start(process, environment(), m_work->path(), { u"connect"_s, u"kashflow"_s });
    process.write((m_emulator->userName() + u'\n' + m_emulator->password() + u"\nn\n"_s).toUtf8());
    // KashFlow names three positions; the answer is the characters there.
    QString err;
    static const QRegularExpression asked(u"Characters (\\d+), (\\d+) and (\\d+) of your memorable word"_s);
    QRegularExpressionMatch match;
    QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(process.readAllStandardError()), match = asked.match(err),
                              match.hasMatch() || process.state() == QProcess::NotRunning),
                             ProcessTimeoutMs);
    QVERIFY2(match.hasMatch(), qPrintable(err));
    const QList<int> positions { match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt() };
    process.write((KashflowSignIn::charactersAt(m_emulator->memorableWord(), positions) + u'\n').toUtf8());
    process.closeWriteChannel();
    CliRun run;
    CliTest::finish(process, run, ProcessTimeoutMs);
    QVERIFY2(run.exitCode == 0, qPrintable(err + run.err));
    QVERIFY(run.out.startsWith(u"Signed in to KashFlow as "_s));
    // Nothing was to be remembered.
    std::optional<SecretStore::Result> secret;
    readKeychain(m_emulator->userName(), secret);
    QVERIFY(secret && secret->notFound);
}

void TestCliKashflow::wrongMemorableWordRemembersNothing()
{
    const CliRun refused = cli({ u"connect"_s, u"kashflow"_s },
                               { m_emulator->userName(), m_emulator->password(), u"y"_s, u"zzzzzzzzzz"_s });
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"KashFlow: "_s), qPrintable(refused.err));
    std::optional<SecretStore::Result> secret;
    readKeychain(m_emulator->userName(), secret);
    QVERIFY(secret && secret->notFound);
    QVERIFY(!QSettings(m_config->path() + u"/Attache/attache.conf"_s, QSettings::IniFormat)
                 .contains(u"kashflow/userName"_s));
}

void TestCliKashflow::listsEntitiesPageByPage()
{
    // Seven invoices, three to a page: the list follows NextPageUrl twice, and its last page is short.
    QStringList numbers { u"4455"_s };
    for (int number = 4456; number <= 4461; ++number) {
        numbers.append(QString::number(number));
        m_emulator->addEntity(EntityType::Invoices, numbers.last());
    }
    m_emulator->setPageSize(3);
    SIGN_IN_OR_RETURN();
    m_emulator->clearRequests();

    const CliRun listed = kashflow({ u"ls"_s, u"invoices"_s });
    EXPECT_EXIT(listed, 0);
    QCOMPARE(listed.outLines(), numbers);
    QCOMPARE(m_emulator->requestCount(u"/v2/invoices"_s, "GET"), 3);

    const CliRun json = kashflow({ u"--json"_s, u"ls"_s, u"invoices"_s });
    EXPECT_EXIT(json, 0);
    QStringList ids;
    for (const QJsonValue& entity : jsonArray(json)) {
        QCOMPARE(entity[u"Type"_s].toString(), u"Invoices"_s);
        ids.append(entity[u"Id"_s].toString());
    }
    QCOMPARE(ids, numbers);
}

void TestCliKashflow::listsTheFilesOfAnEntity()
{
    const QDateTime modified(QDate(2024, 3, 11), QTime(12, 0), QTimeZone::utc());
    const QList<QPair<QString, QByteArray>> files { { u"delivery note.pdf"_s, CoreTest::patternData(3000) },
                                                    { u"photo.jpg"_s, CoreTest::patternData(70000) } };
    QStringList lines;
    for (const auto& [name, content] : files) {
        QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, name, content, modified));
        lines.append(QStringList { name, Attachment::describe(name, content.size(), modified).sizeToBeDisplayed,
                                   modified.toLocalTime().toString(Qt::ISODate) }
                         .join(u'\t'));
    }
    SIGN_IN_OR_RETURN();

    const CliRun listed = kashflow({ u"ls"_s, u"invoices/4455"_s });
    EXPECT_EXIT(listed, 0);
    QCOMPARE(listed.outLines(), lines);

    const CliRun json = kashflow({ u"ls"_s, u"--json"_s, u"invoices/4455"_s });
    EXPECT_EXIT(json, 0);
    const QJsonArray records = jsonArray(json);
    QCOMPARE(records.size(), files.size());
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QJsonObject record = records.at(i).toObject();
        QVERIFY2(hasKashFlowKeys(record), qPrintable(json.out));
        QCOMPARE(record[u"Name"_s].toString(), files.at(i).first);
        QCOMPARE(record[u"SizeInBytes"_s].toInteger(), files.at(i).second.size());
    }
}

void TestCliKashflow::putUploadsTheExactBytes()
{
    const QByteArray scan = CoreTest::patternData(200000);
    QVERIFY(CoreTest::writeFile(m_work->filePath(u"scan 1.pdf"_s), scan));
    QVERIFY(CoreTest::writeFile(m_work->filePath(u"notes.txt"_s), "Paid by card, 11 March."));
    SIGN_IN_OR_RETURN();

    const CliRun put = kashflow({ u"put"_s, u"invoices/4455"_s, u"scan 1.pdf"_s, u"notes.txt"_s });
    EXPECT_EXIT(put, 0);
    // The two uploads may finish in either order.
    QStringList reported = put.outLines();
    reported.sort();
    QCOMPARE(reported, (QStringList { u"invoices/4455/notes.txt"_s, u"invoices/4455/scan 1.pdf"_s }));
    QCOMPARE(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, u"scan 1.pdf"_s), scan);
    QCOMPARE(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, u"notes.txt"_s),
             QByteArray("Paid by card, 11 March."));
}

void TestCliKashflow::getDownloadsTheExactBytes()
{
    const QByteArray statement = CoreTest::patternData(150000);
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"statement.pdf"_s, statement));
    QVERIFY(QDir(m_work->path()).mkdir(u"out"_s));
    SIGN_IN_OR_RETURN();

    const CliRun got = kashflow({ u"get"_s, u"invoices/4455/statement.pdf"_s, m_work->filePath(u"out"_s) });
    EXPECT_EXIT(got, 0);
    QCOMPARE(got.outLines(), QStringList { m_work->filePath(u"out/statement.pdf"_s) });
    QCOMPARE(CoreTest::readFile(m_work->filePath(u"out/statement.pdf"_s)), statement);
    // No partial file is left beside it.
    QCOMPARE(CoreTest::allEntries(m_work->filePath(u"out"_s)), QStringList { u"statement.pdf"_s });
}

void TestCliKashflow::rmDeletesThatFileOnly()
{
    for (const QString& name : { u"a.pdf"_s, u"b.pdf"_s })
        QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, name, name.toUtf8()));
    SIGN_IN_OR_RETURN();

    EXPECT_EXIT(kashflow({ u"rm"_s, u"invoices/4455/a.pdf"_s }), 0);
    QCOMPARE(m_emulator->fileNames(EntityType::Invoices, u"4455"_s), QStringList { u"b.pdf"_s });
    const CliRun again = kashflow({ u"rm"_s, u"invoices/4455/a.pdf"_s });
    EXPECT_EXIT(again, 1);
    QCOMPARE(again.errLines().size(), 1);
    QCOMPARE(m_emulator->fileNames(EntityType::Invoices, u"4455"_s), QStringList { u"b.pdf"_s });
}

// A 400 KashFlow names (here: no Dropbox connected) would come again: the transfer fails at once with its message.
void TestCliKashflow::kashflowsRefusalIsNotRetried()
{
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"a.pdf"_s, "a"));
    SIGN_IN_OR_RETURN();
    m_emulator->setDropboxConnected(false);
    m_emulator->clearRequests();
    const CliRun refused = kashflow({ u"rm"_s, u"invoices/4455/a.pdf"_s });
    EXPECT_EXIT(refused, 1);
    QVERIFY2(refused.errLines().join(u'\n').contains(u"KashFlow: "_s), qPrintable(refused.errLines().join(u'\n')));
    int deletes = 0;
    const QList<EmulatorServer::LoggedRequest> requests = m_emulator->requests();
    for (const EmulatorServer::LoggedRequest& logged : requests)
        deletes += logged.request.method() == "DELETE" ? 1 : 0;
    QCOMPARE(deletes, 1);
    QVERIFY(m_emulator->hasFile(EntityType::Invoices, u"4455"_s, u"a.pdf"_s));
}

void TestCliKashflow::sendPdfFilesThePdfAndPrintsItsName()
{
    m_emulator->addEntity(EntityType::Quotes, u"101"_s);
    SIGN_IN_OR_RETURN();

    const CliRun sent = kashflow({ u"send-pdf"_s, u"invoices/4455"_s });
    EXPECT_EXIT(sent, 0);
    const QStringList invoiceFiles = m_emulator->fileNames(EntityType::Invoices, u"4455"_s);
    QCOMPARE(invoiceFiles.size(), 1);
    QCOMPARE(sent.outLines(), invoiceFiles);
    QVERIFY2(invoiceFiles.first().endsWith(u".pdf"_s), qPrintable(invoiceFiles.first()));
    QVERIFY(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, invoiceFiles.first()).startsWith("%PDF-"));

    // --json gives the record, as put does.
    const CliRun json = kashflow({ u"send-pdf"_s, u"--json"_s, u"quotes/101"_s });
    EXPECT_EXIT(json, 0);
    const QStringList quoteFiles = m_emulator->fileNames(EntityType::Quotes, u"101"_s);
    QCOMPARE(quoteFiles.size(), 1);
    const QJsonArray records = jsonArray(json);
    QCOMPARE(records.size(), 1);
    const QJsonObject record = records.first().toObject();
    QVERIFY2(hasKashFlowKeys(record), qPrintable(json.out));
    QCOMPARE(record[u"Name"_s].toString(), quoteFiles.first());
    QCOMPARE(record[u"SizeInBytes"_s].toInteger(),
             m_emulator->fileContent(EntityType::Quotes, u"101"_s, quoteFiles.first()).size());
}

void TestCliKashflow::sendPdfRefusesACustomer()
{
    m_emulator->addEntity(EntityType::Customers, u"ACME01"_s);
    SIGN_IN_OR_RETURN();
    m_emulator->clearRequests();

    const CliRun refused = kashflow({ u"send-pdf"_s, u"customers/ACME01"_s });
    EXPECT_EXIT(refused, 2);
    QCOMPARE(refused.out, QString());
    QCOMPARE(refused.errLines(),
             QStringList { u"attache-cli: KashFlow sends PDFs of quotes, invoices and purchases only, not of "
                           u"“customers/ACME01”."_s });
    // Refused before asking KashFlow anything.
    QCOMPARE(m_emulator->requests().size(), 0);
    QCOMPARE(m_emulator->fileNames(EntityType::Customers, u"ACME01"_s), QStringList());
}

void TestCliKashflow::sendPdfNeedsTheKashflowStore()
{
    QVERIFY(QDir(m_work->path()).mkdir(u"store"_s));
    const CliRun refused
        = cli({ u"--store"_s, u"local:"_s + m_work->filePath(u"store"_s), u"send-pdf"_s, u"invoices/4455"_s });
    EXPECT_EXIT(refused, 2);
    QCOMPARE(refused.out, QString());
    QCOMPARE(
        refused.errLines(),
        QStringList {
            u"attache-cli: Only the KashFlow store sends PDFs: attache-cli --store kashflow: send-pdf invoices/4455"_s });
}

void TestCliKashflow::expiredSessionIsRenewedSilently()
{
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"receipt.pdf"_s, "%PDF receipt"));
    SIGN_IN_OR_RETURN();
    // The session that connecting started ends before the next command.
    m_emulator->expireSessions();
    m_emulator->clearRequests();

    // And the one that command starts ends too, between its sign-in and its first call: KashFlow answers that
    // call 401 InvalidSessionToken, and the remembered credentials must start another session unasked.
    const QString filesPath = u"/v2/invoices/4455/files"_s;
    bool expired = false;
    QObject connection;
    connect(m_emulator.get(), &EmulatorServer::requestReceived, &connection, [&](const QString& path) {
        if (path == filesPath && !std::exchange(expired, true))
            m_emulator->expireSessions();
    });
    const CliRun listed = kashflow({ u"ls"_s, u"invoices/4455"_s });
    EXPECT_EXIT(listed, 0);
    QVERIFY(expired);
    QCOMPARE(listedNames(listed), QStringList { u"receipt.pdf"_s });
    QCOMPARE(listed.err, QString());
    QCOMPARE(m_emulator->requestCount(u"/v2/sessiontoken"_s, "PUT"), 2);
    QCOMPARE(m_emulator->requestCount(filesPath, "GET"), 2);
}

void TestCliKashflow::hostileNamesStayInTheDestination()
{
    // KashFlow's API refuses such names, but the emulator's seeding does not: as if one had got through.
    const QStringList hostile { u"../../x.txt"_s, u"..\\x"_s, u".."_s, u"."_s };
    for (const QString& name : hostile)
        QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, name, "hostile " + name.toUtf8()));
    // Dots that lead nowhere are an ordinary name.
    QVERIFY(m_emulator->putFile(EntityType::Invoices, u"4455"_s, u"..x.txt"_s, "benign"));
    const QString out = m_work->filePath(u"out"_s);
    QVERIFY(QDir(m_work->path()).mkdir(u"out"_s));
    SIGN_IN_OR_RETURN();

    for (const QString& name : hostile) {
        // A slash ends TYPE/ID/NAME's ID early, so that name cannot even be asked for.
        const bool addressable = !name.contains(u'/');
        // Into the folder given, and into the current folder (m_work) by default.
        for (const QStringList& destination : { QStringList { out }, QStringList() }) {
            const CliRun got = kashflow(QStringList { u"get"_s, u"invoices/4455/"_s + name } + destination);
            EXPECT_EXIT(got, addressable ? 1 : 2);
            QCOMPARE(got.out, QString());
            QCOMPARE(got.errLines().size(), 1);
            const QString expected = addressable ? u"attache-cli: “%1” cannot be saved under its own name: "_s.arg(name)
                                                 : u"attache-cli: “invoices/4455/%1” is not TYPE/ID/NAME."_s.arg(name);
            QVERIFY2(got.err.startsWith(expected), qPrintable(got.err));
        }
    }
    EXPECT_EXIT(kashflow({ u"get"_s, u"invoices/4455/..x.txt"_s, out }), 0);

    QCOMPARE(CoreTest::allEntries(out), QStringList { u"..x.txt"_s });
    QCOMPARE(CoreTest::readFile(QDir(out).filePath(u"..x.txt"_s)), QByteArray("benign"));
    QCOMPARE(CoreTest::allEntries(m_work->path()), QStringList { u"out"_s });
    // Nothing that came from KashFlow landed anywhere else under HOME, where every destination above lies.
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, u"hostile"_s), QStringList());
}

// "disconnect kashflow": the remembered sign-in is forgotten, so later commands have to connect again.
void TestCliKashflow::disconnectForgetsTheSignIn()
{
    SIGN_IN_OR_RETURN();
    EXPECT_EXIT(kashflow({ u"ls"_s, u"invoices"_s }), 0);

    const CliRun run = cli({ u"disconnect"_s, u"kashflow"_s });
    EXPECT_EXIT(run, 0);
    QCOMPARE(run.outLines(),
             QStringList { u"Signed out of KashFlow: the sign-in of %1 is forgotten."_s.arg(m_emulator->userName()) });
    QCOMPARE(run.err, QString());
    std::optional<SecretStore::Result> secret;
    readKeychain(m_emulator->userName(), secret);
    QVERIFY(secret);
    QVERIFY2(secret->notFound, qPrintable(secret->errorString));
    QVERIFY(!QSettings(settingsPath(), QSettings::IniFormat).contains(u"kashflow/userName"_s));

    // Whether the user is named or not, nothing signs in any more, and the message says how to.
    for (const QString& store : QStringList { u"kashflow:"_s, u"kashflow:"_s + m_emulator->userName() }) {
        const CliRun ls = cli({ u"--store"_s, store, u"ls"_s, u"invoices"_s });
        EXPECT_EXIT(ls, 2);
        QVERIFY2(ls.err.contains(u"attache-cli connect kashflow"_s), qPrintable(store + u": "_s + ls.err));
    }
    const CliRun again = cli({ u"disconnect"_s, u"kashflow"_s });
    EXPECT_EXIT(again, 1);
    QVERIFY2(again.err.contains(u"No KashFlow user is signed in."_s), qPrintable(again.err));
}

// A sign-in that remembered nothing still names the user, which "disconnect kashflow" forgets.
void TestCliKashflow::disconnectWithNothingRemembered()
{
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        settings.setValue(u"kashflow/userName"_s, m_emulator->userName());
    }
    const CliRun run = cli({ u"disconnect"_s, u"kashflow"_s });
    EXPECT_EXIT(run, 0);
    QVERIFY(!QSettings(settingsPath(), QSettings::IniFormat).contains(u"kashflow/userName"_s));
}

QTEST_GUILESS_MAIN(TestCliKashflow)
#include "TestCliKashflow.moc"
