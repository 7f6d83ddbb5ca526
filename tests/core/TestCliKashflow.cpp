// attache-cli against the KashFlow emulator: "connect kashflow" asks for the user name, the password and either
// the whole memorable word (remembered in the keychain, which later commands sign in with by themselves) or the
// characters KashFlow names. Runs in tests/with-keyring.sh's private keyring.

#include "../KeyringTestHelpers.h"
#include "CliTestProcess.h"
#include "CoreTestHelpers.h"
#include "KashflowEmulator.h"
#include "KashflowSignIn.h"
#include "KashflowStore.h"
#include "SecretStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

namespace {
constexpr int ProcessTimeoutMs = 60000;
} // namespace

class TestCliKashflow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void rememberedSignInServesLaterCommands();
    void answersTheCharactersAskedFor();
    void wrongMemorableWordRemembersNothing();

private:
    QProcessEnvironment environment() const;
    // Runs attache-cli with the lines as its standard input.
    CliRun cli(const QStringList& arguments, const QStringList& input = {});
    // The test reads the keychain itself: the CLI runs on the same private D-Bus session.
    void readKeychain(const QString& userName, std::optional<SecretStore::Result>& result);

    std::unique_ptr<KashflowEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<QTemporaryDir> m_work;
};

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
}

void TestCliKashflow::cleanup()
{
    // The keyring lives as long as the test: what one function remembered must not help the next.
    std::optional<SecretStore::Result> removed;
    QObject context;
    SecretStore::removeSecret(KashflowStore::keychainKey(m_emulator->userName()), &context,
                              [&removed](const SecretStore::Result& result) { removed = result; });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 30000);
    m_work.reset();
    m_config.reset();
    m_emulator.reset();
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
    QProcess process;
    CliTest::start(process, environment(), m_work->path(), arguments);
    if (!input.isEmpty())
        process.write((input.join(u'\n') + u'\n').toUtf8());
    process.closeWriteChannel();
    CliRun run;
    CliTest::finish(process, run, ProcessTimeoutMs);
    return run;
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
    const CliRun connected
        = cli({ u"connect"_s, u"kashflow"_s },
              { m_emulator->userName(), m_emulator->password(), u"y"_s, m_emulator->memorableWord() });
    QVERIFY2(connected.exitCode == 0, qPrintable(connected.err));
    QCOMPARE(connected.outLines(), QStringList { u"Connected to KashFlow as %1."_s.arg(m_emulator->userName()) });
    std::optional<SecretStore::Result> secret;
    readKeychain(m_emulator->userName(), secret);
    QVERIFY(secret && secret->ok);
    const QJsonObject stored = QJsonDocument::fromJson(secret->secret.toUtf8()).object();
    QCOMPARE(stored.value(u"memorableWord"_s).toString(), m_emulator->memorableWord());
    // The keychain only: no file holds the password or the memorable word.
    QCOMPARE(KeyringTest::filesContaining({ m_config->path(), m_work->path() }, m_emulator->password()), QStringList());

    // Each later command signs in by itself with what the keychain holds.
    const CliRun listed = cli({ u"--store"_s, u"kashflow:"_s, u"ls"_s, u"invoices"_s });
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY2(listed.outLines().contains(u"4455"_s), qPrintable(listed.out));
    QVERIFY(CoreTest::writeFile(m_work->filePath(u"receipt.pdf"_s), "%PDF receipt"));
    const CliRun put = cli({ u"--store"_s, u"kashflow:"_s, u"put"_s, u"invoices/4455"_s, u"receipt.pdf"_s });
    QVERIFY2(put.exitCode == 0, qPrintable(put.err));
    QCOMPARE(m_emulator->fileContent(EntityType::Invoices, u"4455"_s, u"receipt.pdf"_s), QByteArray("%PDF receipt"));
}

void TestCliKashflow::answersTheCharactersAskedFor()
{
    QProcess process;
    CliTest::start(process, environment(), m_work->path(), { u"connect"_s, u"kashflow"_s });
    process.write((m_emulator->userName() + u'\n' + m_emulator->password() + u"\nn\n"_s).toUtf8());
    // KashFlow names three positions; the answer is the characters there.
    QString err;
    static const QRegularExpression asked(u"Characters (\\d+), (\\d+), (\\d+) of your memorable word"_s);
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

QTEST_GUILESS_MAIN(TestCliKashflow)
#include "TestCliKashflow.moc"
