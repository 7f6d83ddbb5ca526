// attache-cli, the real binary, against a local store in a temporary folder.

#include "CliTestProcess.h"
#include "ContentHasher.h"
#include "CoreTestHelpers.h"
#include "FileKind.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <linux/securebits.h>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;
using CoreTest::readFile;
using CoreTest::writeFile;

// attache-cli's exit, output and errors, shared with the other CLI tests.
using Run = CliRun;

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void types();
    void mkdir();
    void putSeveralFiles();
    void putDuplicateGetsNumber();
    void lsType();
    void lsEntity();
    void lsJson();
    void getToFileAndFolder();
    void getRefusesToOverwrite();
    void rmMovesToTrash();
    void mvFromInbox();
    void unknownCommand();
    void badReferences_data();
    void badReferences();
    void putMissingFile();
    void putRefusedFile_data();
    void putRefusedFile();
    void putOntoFullDisk();
    void moveOntoFullDisk();
    void resumeWithUnreadableJournalFails();
    void putOntoReadOnlyDisk();
    void putIntoHostileFolder_data();
    void putIntoHostileFolder();
    void help_data();
    void help();
    void helpInTheSystemLanguage();

private:
    Run cli(const QStringList& arguments, bool withStore = true, const QStringList& wrapper = {});
    Run cliOnSmallDisk(const QString& mode, const QStringList& arguments, QByteArray* invoiceAfter);
    QString file(const QString& name, const QByteArray& data)
    {
        const QString path = m_work->filePath(name);
        return writeFile(path, data) ? path : QString();
    }
    QString entityDir(const QString& type, const QString& id) const { return m_root->path() + u'/' + type + u'/' + id; }

    // LANG as a user's session sets it; empty for the C locale.
    QString m_systemLanguage;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<QTemporaryDir> m_work;
};

void TestCli::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    m_root = std::make_unique<QTemporaryDir>();
    m_work = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid() && m_root->isValid() && m_work->isValid());
    QVERIFY(QFileInfo(QStringLiteral(ATTACHE_CLI_PATH)).isExecutable());
    QVERIFY(QDir().mkpath(m_home->path() + u"/runtime"_s));
    QVERIFY(QFile::setPermissions(m_home->path() + u"/runtime"_s,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

void TestCli::cleanup()
{
    m_systemLanguage.clear();
    m_work.reset();
    m_root.reset();
    m_home.reset();
}

Run TestCli::cli(const QStringList& arguments, bool withStore, const QStringList& wrapper)
{
    QProcess process;
    // As a user runs it: root starts it with no capabilities (for a user these calls fail, and are not needed), so
    // that a file the user cannot read is one attache-cli cannot read. A wrapper that mounts needs them.
    if (wrapper.isEmpty()) {
        process.setChildProcessModifier([] {
            ::prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED, 0, 0, 0);
            ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        });
    }
    // Nothing may touch the real home: settings, caches and the trash all go to the test's own.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString home = m_home->path();
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/.config"_s);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/.local/share"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/.cache"_s);
    env.insert(u"XDG_STATE_HOME"_s, home + u"/.local/state"_s);
    env.insert(u"XDG_RUNTIME_DIR"_s, home + u"/runtime"_s);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    if (!m_systemLanguage.isEmpty()) {
        for (const QString& name : { u"LC_ALL"_s, u"LC_MESSAGES"_s, u"LANGUAGE"_s })
            env.remove(name);
        env.insert(u"LANG"_s, m_systemLanguage);
    }
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_work->path());
    QStringList all;
    if (withStore)
        all << u"--store"_s << u"local:"_s + m_root->path();
    all << arguments;
    if (wrapper.isEmpty())
        process.start(QStringLiteral(ATTACHE_CLI_PATH), all);
    else
        process.start(wrapper.first(), wrapper.mid(1) + QStringList { QStringLiteral(ATTACHE_CLI_PATH) } + all);
    Run run;
    CliTest::finish(process, run, 60000);
    return run;
}

void TestCli::types()
{
    const Run run = cli({ u"types"_s });
    EXPECT_EXIT(run, 0);
    QCOMPARE(
        run.outLines(),
        (QStringList { u"quotes\tQuote number"_s, u"invoices\tInvoice number"_s, u"purchases\tPurchase number"_s,
                       u"customers\tCustomer code"_s, u"bankaccounts\tBank account name"_s, u"inbox\tFolder name"_s }));
    QCOMPARE(run.err, QString());
}

void TestCli::mkdir()
{
    const Run run = cli({ u"mkdir"_s, u"invoices/4455"_s });
    EXPECT_EXIT(run, 0);
    QCOMPARE(run.outLines(), QStringList { u"invoices/4455"_s });
    QVERIFY(QFileInfo(entityDir(u"Invoices"_s, u"4455"_s)).isDir());

    const Run again = cli({ u"mkdir"_s, u"invoices/4455"_s });
    EXPECT_EXIT(again, 1);
    QCOMPARE(again.errLines().size(), 1);
}

void TestCli::putSeveralFiles()
{
    const QString a = file(u"a.pdf"_s, "aaa");
    const QString b = file(u"b.jpg"_s, "bbbb");
    const QString c = file(u"Kvitto åäö.txt"_s, "ccccc");
    const Run run = cli({ u"put"_s, u"invoices/4455"_s, a, b, c });
    EXPECT_EXIT(run, 0);
    // They run concurrently, so the order of the lines is not fixed.
    const QStringList lines = run.outLines();
    QCOMPARE(QSet<QString>(lines.cbegin(), lines.cend()),
             (QSet<QString> { u"invoices/4455/a.pdf"_s, u"invoices/4455/b.jpg"_s, u"invoices/4455/Kvitto åäö.txt"_s }));
    QCOMPARE(lines.size(), 3);
    const QString dir = entityDir(u"Invoices"_s, u"4455"_s);
    QCOMPARE(readFile(dir + u"/a.pdf"_s), QByteArray("aaa"));
    QCOMPARE(readFile(dir + u"/b.jpg"_s), QByteArray("bbbb"));
    QCOMPARE(readFile(dir + u"/Kvitto åäö.txt"_s), QByteArray("ccccc"));
}

void TestCli::putDuplicateGetsNumber()
{
    const QString a = file(u"a.pdf"_s, "first");
    EXPECT_EXIT(cli({ u"put"_s, u"invoices/4455"_s, a }), 0);
    QVERIFY(writeFile(a, "second"));
    const Run run = cli({ u"put"_s, u"invoices/4455"_s, a });
    EXPECT_EXIT(run, 0);
    QCOMPARE(run.outLines(), QStringList { u"invoices/4455/a (2).pdf"_s });
    const QString dir = entityDir(u"Invoices"_s, u"4455"_s);
    QCOMPARE(readFile(dir + u"/a.pdf"_s), QByteArray("first"));
    QCOMPARE(readFile(dir + u"/a (2).pdf"_s), QByteArray("second"));
}

void TestCli::lsType()
{
    EXPECT_EXIT(cli({ u"put"_s, u"invoices/4455"_s, file(u"a.pdf"_s, "a"), file(u"b.pdf"_s, "b") }), 0);
    EXPECT_EXIT(cli({ u"mkdir"_s, u"invoices/12"_s }), 0);
    const Run run = cli({ u"ls"_s, u"invoices"_s });
    EXPECT_EXIT(run, 0);
    QCOMPARE(run.outLines(), (QStringList { u"12\t0"_s, u"4455\t2"_s }));

    const Run quotes = cli({ u"ls"_s, u"Quotes"_s });
    EXPECT_EXIT(quotes, 0);
    QCOMPARE(quotes.out, QString());
}

void TestCli::lsEntity()
{
    EXPECT_EXIT(
        cli({ u"put"_s, u"invoices/4455"_s, file(u"10.pdf"_s, QByteArray(2048, 'x')), file(u"2.pdf"_s, "two") }), 0);
    const Run run = cli({ u"ls"_s, u"invoices/4455"_s });
    EXPECT_EXIT(run, 0);
    const QStringList lines = run.outLines();
    QCOMPARE(lines.size(), 2);
    const QStringList first = lines.at(0).split(u'\t');
    const QStringList second = lines.at(1).split(u'\t');
    QCOMPARE(first.size(), 3);
    QCOMPARE(first.at(0), u"2.pdf"_s);
    QCOMPARE(first.at(1), u"3 bytes"_s);
    QVERIFY(QDateTime::fromString(first.at(2), Qt::ISODate).isValid());
    QCOMPARE(second.at(0), u"10.pdf"_s);
    QCOMPARE(second.at(1), u"2.0 KB"_s);

    const Run missing = cli({ u"ls"_s, u"invoices/9999"_s });
    EXPECT_EXIT(missing, 1);
    QCOMPARE(missing.errLines().size(), 1);
}

void TestCli::lsJson()
{
    const QByteArray photo = CoreTest::patternData(164391);
    const QString photoPath = file(u"photo.jpg"_s, photo);
    EXPECT_EXIT(cli({ u"put"_s, u"invoices/4455"_s, photoPath, file(u"notes.txt"_s, "notes") }), 0);

    const Run run = cli({ u"--json"_s, u"ls"_s, u"invoices/4455"_s });
    EXPECT_EXIT(run, 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isArray());
    const QJsonArray array = document.array();
    QCOMPARE(array.size(), 2);

    const QSet<QString> expectedKeys = CoreTest::kashFlowKeys() + QSet<QString> { QStringLiteral("ContentHash") };
    for (const QJsonValue& value : array) {
        QVERIFY(value.isObject());
        const QJsonObject object = value.toObject();
        const QStringList keys = object.keys();
        QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()), expectedKeys);
        QCOMPARE(object.value(u"SizeToBeDisplayed"_s).toString(),
                 FileKind::displaySize(object.value(u"SizeInBytes"_s).toInteger()));
        QVERIFY(
            QDateTime::fromString(object.value(u"LastModifiedDate"_s).toString(), u"yyyy-MM-dd HH:mm:ss"_s).isValid());
        QVERIFY(object.value(u"FileUri"_s).toString().startsWith(u"file:///"_s));
    }
    const QJsonObject notes = array.at(0).toObject();
    const QJsonObject jpg = array.at(1).toObject();
    QCOMPARE(notes.value(u"Name"_s).toString(), u"notes.txt"_s);
    QCOMPARE(notes.value(u"Icon"_s).toString(), u"page_white_text"_s);
    QCOMPARE(jpg.value(u"Name"_s).toString(), u"photo.jpg"_s);
    QCOMPARE(jpg.value(u"SizeInBytes"_s).toInteger(), 164391);
    QCOMPARE(jpg.value(u"SizeToBeDisplayed"_s).toString(), u"160.5 KB"_s);
    QCOMPARE(jpg.value(u"IsThumbnailAvailable"_s).toBool(), true);
    QCOMPARE(jpg.value(u"Icon"_s).toString(), u"page_white_picture"_s);
    QCOMPARE(jpg.value(u"ContentHash"_s).toString(), ContentHasher::hashFile(photoPath));

    // --json after the command works too.
    const Run after = cli({ u"ls"_s, u"--json"_s, u"invoices/4455"_s });
    EXPECT_EXIT(after, 0);
    QCOMPARE(QJsonDocument::fromJson(after.out.toUtf8()).array(), array);
}

void TestCli::getToFileAndFolder()
{
    const QByteArray data = CoreTest::patternData(100000);
    EXPECT_EXIT(cli({ u"put"_s, u"invoices/4455"_s, file(u"receipt.pdf"_s, data) }), 0);

    const QString destination = m_work->filePath(u"copy.pdf"_s);
    const Run toFile = cli({ u"get"_s, u"invoices/4455/receipt.pdf"_s, destination });
    EXPECT_EXIT(toFile, 0);
    QCOMPARE(readFile(destination), data);

    const QString folder = m_work->filePath(u"out"_s);
    QVERIFY(QDir().mkpath(folder));
    const Run toFolder = cli({ u"get"_s, u"invoices/4455/receipt.pdf"_s, folder });
    EXPECT_EXIT(toFolder, 0);
    QCOMPARE(readFile(folder + u"/receipt.pdf"_s), data);
    QCOMPARE(CoreTest::allEntries(folder), QStringList { u"receipt.pdf"_s });
}

void TestCli::getRefusesToOverwrite()
{
    EXPECT_EXIT(cli({ u"put"_s, u"invoices/4455"_s, file(u"receipt.pdf"_s, "stored") }), 0);
    const QString existing = file(u"mine.pdf"_s, "precious");
    const Run run = cli({ u"get"_s, u"invoices/4455/receipt.pdf"_s, existing });
    QVERIFY(run.exitCode != 0);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(existing), qPrintable(run.err));
    QCOMPARE(readFile(existing), QByteArray("precious"));

    // The same for a folder that already holds a file of that name.
    const QString folder = m_work->filePath(u"out"_s);
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(writeFile(folder + u"/receipt.pdf"_s, "mine"));
    const Run intoFolder = cli({ u"get"_s, u"invoices/4455/receipt.pdf"_s, folder });
    QVERIFY(intoFolder.exitCode != 0);
    QCOMPARE(intoFolder.errLines().size(), 1);
    QCOMPARE(readFile(folder + u"/receipt.pdf"_s), QByteArray("mine"));
}

void TestCli::rmMovesToTrash()
{
    EXPECT_EXIT(cli({ u"put"_s, u"invoices/4455"_s, file(u"old.pdf"_s, "old"), file(u"keep.pdf"_s, "keep") }), 0);
    const Run run = cli({ u"rm"_s, u"invoices/4455/old.pdf"_s });
    EXPECT_EXIT(run, 0);
    QCOMPARE(CoreTest::visibleFiles(entityDir(u"Invoices"_s, u"4455"_s)), QStringList { u"keep.pdf"_s });
    const Run ls = cli({ u"ls"_s, u"invoices/4455"_s });
    QCOMPARE(ls.outLines().size(), 1);

    // The trash is the one in the child's (temporary) home.
    bool trashed = false;
    QDirIterator it(m_home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        trashed = trashed || (path.contains(u"/Trash/files/"_s) && readFile(path) == "old");
    }
    QVERIFY(trashed);
    // Not into the working directory, as Qt 6.4 does when the home has no data folder yet.
    QCOMPARE(CoreTest::allEntries(m_work->path()), (QStringList { u"keep.pdf"_s, u"old.pdf"_s }));

    const Run again = cli({ u"rm"_s, u"invoices/4455/old.pdf"_s });
    EXPECT_EXIT(again, 1);
    QCOMPARE(again.errLines().size(), 1);
}

void TestCli::mvFromInbox()
{
    EXPECT_EXIT(cli({ u"put"_s, u"inbox/Unsorted"_s, file(u"scan.pdf"_s, "scan") }), 0);
    const Run run = cli({ u"mv"_s, u"inbox/Unsorted/scan.pdf"_s, u"invoices/4455"_s });
    EXPECT_EXIT(run, 0);
    QCOMPARE(run.outLines(), QStringList { u"invoices/4455/scan.pdf"_s });
    QCOMPARE(readFile(entityDir(u"Invoices"_s, u"4455"_s) + u"/scan.pdf"_s), QByteArray("scan"));
    QCOMPARE(CoreTest::visibleFiles(entityDir(u"Inbox"_s, u"Unsorted"_s)), QStringList());

    const Run missing = cli({ u"mv"_s, u"inbox/Unsorted/scan.pdf"_s, u"invoices/4455"_s });
    EXPECT_EXIT(missing, 1);
}

void TestCli::unknownCommand()
{
    const Run run = cli({ u"frobnicate"_s });
    EXPECT_EXIT(run, 2);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(u"frobnicate"_s), qPrintable(run.err));
    QCOMPARE(run.out, QString());

    const Run none = cli({});
    EXPECT_EXIT(none, 2);
    QCOMPARE(none.errLines().size(), 1);
}

void TestCli::badReferences_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("ls unknown type") << QStringList { u"ls"_s, u"nope"_s };
    QTest::newRow("ls bad entity") << QStringList { u"ls"_s, u"nope/1"_s };
    QTest::newRow("ls too deep") << QStringList { u"ls"_s, u"invoices/1/2"_s };
    QTest::newRow("mkdir no id") << QStringList { u"mkdir"_s, u"invoices/"_s };
    QTest::newRow("put bad entity") << QStringList { u"put"_s, u"nope/1"_s, u"a.pdf"_s };
    QTest::newRow("get no name") << QStringList { u"get"_s, u"invoices/4455"_s };
    QTest::newRow("rm bad type") << QStringList { u"rm"_s, u"nope/1/a.pdf"_s };
    QTest::newRow("mv bad target") << QStringList { u"mv"_s, u"inbox/x/a.pdf"_s, u"invoices"_s };
    QTest::newRow("put no files") << QStringList { u"put"_s, u"invoices/4455"_s };
    QTest::newRow("mkdir too many") << QStringList { u"mkdir"_s, u"invoices/1"_s, u"invoices/2"_s };
    QTest::newRow("unknown store") << QStringList { u"--store"_s, u"ftp://x"_s, u"types"_s };
}

void TestCli::badReferences()
{
    QFETCH(QStringList, arguments);
    const Run run = cli(arguments, !arguments.contains(u"--store"_s));
    EXPECT_EXIT(run, 2);
    QCOMPARE(run.errLines().size(), 1);
    QCOMPARE(CoreTest::allEntries(m_root->path()), QStringList());
}

void TestCli::putMissingFile()
{
    const QString missing = m_work->filePath(u"not-there.pdf"_s);
    const Run run = cli({ u"put"_s, u"invoices/4455"_s, missing });
    EXPECT_EXIT(run, 1);
    QVERIFY2(run.err.contains(missing), qPrintable(run.err));
    QCOMPARE(run.errLines().size(), 1);

    // One missing file among good ones: the good ones are stored, and the exit status says something failed.
    const Run mixed = cli({ u"put"_s, u"invoices/4455"_s, file(u"ok.pdf"_s, "ok"), missing });
    EXPECT_EXIT(mixed, 1);
    QCOMPARE(mixed.outLines(), QStringList { u"invoices/4455/ok.pdf"_s });
    QVERIFY(mixed.err.contains(missing));
}

void TestCli::putRefusedFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("unreadable") << u"secret.pdf"_s << u"Could not read “"_s;
    QTest::newRow("huge") << u"huge.mkv"_s << u"Not enough disk space for “huge.mkv”"_s;
    // Names the file manager allows but the store does not.
    QTest::newRow("backslash") << u"a\\b.pdf"_s << u"contains a backslash"_s;
    QTest::newRow("control character") << u"tab\there.pdf"_s << u"contains a control character"_s;
    QTest::newRow("leading space") << u" lead.pdf"_s << u"begins or ends with a space"_s;
}

void TestCli::putRefusedFile()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    const QString tag = QString::fromUtf8(QTest::currentDataTag());
    QString path = m_work->filePath(name);
    if (tag == u"huge"_s)
        QVERIFY(CoreTest::writeSparseFile(path));
    else
        path = file(name, "data");
    if (tag == u"unreadable"_s)
        QVERIFY(QFile::setPermissions(path, {}));
    const Run run = cli({ u"put"_s, u"invoices/4455"_s, path });
    EXPECT_EXIT(run, 1);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(CoreTest::allEntries(entityDir(u"Invoices"_s, u"4455"_s)), QStringList());
}

// attache-cli with the store on a disk of its own, a 1 MiB tmpfs that holds invoice 4455 with "scan.pdf", in
// a private mount namespace (unshare, as any user may on Debian). The disk goes when the run ends, so what the
// invoice holds afterwards (its entries, then the bytes of scan.pdf) is read inside, into invoiceAfter.
Run TestCli::cliOnSmallDisk(const QString& mode, const QStringList& arguments, QByteArray* invoiceAfter)
{
    const QString after = m_work->filePath(u"invoice-after"_s);
    const QString script = uR"sh(root=$1 mode=$2 after=$3
shift 3
unusable() { echo "test set-up: could not $1 in a private mount namespace (unshare)" >&2; exit 90; }
mount -t tmpfs -o size=1m attache-test "$root" || unusable "mount a 1 MiB tmpfs"
mkdir -p "$root/Invoices/4455" && printf kept > "$root/Invoices/4455/scan.pdf" || unusable "fill the tmpfs"
if [ "$mode" = read-only ]; then mount -o remount,ro "$root" || unusable "make the tmpfs read-only"; fi
if [ "$mode" = full-neighbour ]; then
    # Invoice 4456 is a full disk of its own: a move there is a copy, which finds no room.
    mkdir "$root/Invoices/4456" && mount -t tmpfs -o size=4k attache-test "$root/Invoices/4456" \
        && head -c 4096 /dev/zero > "$root/Invoices/4456/filler" || unusable "fill a second tmpfs"
fi
if [ "$mode" = full ]; then
    # The document grows past the free room while it is copied: the check beforehand cannot see it coming.
    mkfifo "$after.fifo" || unusable "make a FIFO"
    head -c 4194304 /dev/zero > "$after.fifo" &
    writer=$!
fi
"$@"
status=$?
# A writer nobody read from would wait for ever.
[ -z "${writer:-}" ] || kill "$writer" 2>/dev/null
{ ls -A "$root/Invoices/4455"; cat "$root/Invoices/4455/scan.pdf"; echo; ls -A "$root/Invoices/4456" 2>/dev/null; } \
    > "$after"
exit $status
)sh"_s;
    const Run run = cli(arguments, true,
                        { u"unshare"_s, u"--user"_s, u"--map-root-user"_s, u"--mount"_s, u"sh"_s, u"-c"_s, script,
                          u"sh"_s, m_root->path(), mode, after });
    *invoiceAfter = readFile(after);
    return run;
}

void TestCli::putOntoFullDisk()
{
    QByteArray invoiceAfter;
    const QString growing = m_work->filePath(u"invoice-after.fifo"_s);
    const Run run = cliOnSmallDisk(u"full"_s, { u"put"_s, u"invoices/4455"_s, growing }, &invoiceAfter);
    EXPECT_EXIT(run, 1);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(u"The disk is full: “invoice-after.fifo” was not stored."_s), qPrintable(run.err));
    // Nothing half-written, and the document that was there is whole.
    QCOMPARE(invoiceAfter, QByteArray("scan.pdf\nkept\n"));
}

void TestCli::moveOntoFullDisk()
{
    QByteArray after;
    const Run run
        = cliOnSmallDisk(u"full-neighbour"_s, { u"mv"_s, u"invoices/4455/scan.pdf"_s, u"invoices/4456"_s }, &after);
    EXPECT_EXIT(run, 1);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(u"The disk is full: “scan.pdf” was not moved."_s), qPrintable(run.err));
    // The document stays whole where it was, and nothing of it is left on the full disk.
    QCOMPARE(after, QByteArray("scan.pdf\nkept\nfiller\n"));
}

void TestCli::putOntoReadOnlyDisk()
{
    QByteArray invoiceAfter;
    const Run run
        = cliOnSmallDisk(u"read-only"_s, { u"put"_s, u"invoices/4455"_s, file(u"scan.pdf"_s, "new") }, &invoiceAfter);
    EXPECT_EXIT(run, 1);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(u"is on a read-only disk"_s), qPrintable(run.err));
    QCOMPARE(invoiceAfter, QByteArray("scan.pdf\nkept\n"));
}

void TestCli::putIntoHostileFolder_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("parent path") << u"invoices/../x"_s;
    QTest::newRow("parent") << u"invoices/.."_s;
    QTest::newRow("deep parent") << u"invoices/../../etc"_s;
}

void TestCli::putIntoHostileFolder()
{
    QFETCH(QString, target);
    const Run run = cli({ u"put"_s, target, file(u"a.pdf"_s, "a") });
    QVERIFY2(run.exitCode > 0, qPrintable(run.err));
    QCOMPARE(run.errLines().size(), 1);
    // Nothing was written in the store or beside it.
    QCOMPARE(CoreTest::allEntries(m_root->path()), QStringList());
    QCOMPARE(CoreTest::allEntries(m_work->path()), QStringList { u"a.pdf"_s });
}

void TestCli::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--help") << QStringList { u"--help"_s };
    for (const char* command : { "types", "ls", "put", "get", "rm", "mv", "mkdir" })
        QTest::newRow(command) << QStringList { QString::fromLatin1(command), u"--help"_s };
}

void TestCli::help()
{
    QFETCH(QStringList, arguments);
    const Run run = cli(arguments, false);
    EXPECT_EXIT(run, 0);
    QVERIFY2(run.out.startsWith(u"Usage: "_s), qPrintable(run.out));
    QCOMPARE(run.err, QString());
    if (arguments.size() == 1) {
        // The overview names every command.
        for (const char* command : { "types", "ls", "put", "get", "rm", "mv", "mkdir" })
            QVERIFY2(run.out.contains(u"\n  "_s + QString::fromLatin1(command) + u' '), command);
    } else {
        QVERIFY2(run.out.contains(arguments.first()), qPrintable(run.out));
    }
}

// The language is the session's, Qt's own texts included; a message for a script is in it too.
void TestCli::helpInTheSystemLanguage()
{
    m_systemLanguage = u"sv_SE.UTF-8"_s;
    const Run help = cli({ u"--help"_s }, false);
    EXPECT_EXIT(help, 0);
    QVERIFY2(help.out.startsWith(u"Användning: "_s), qPrintable(help.out));
    for (const QString& text : { u"Attaché på kommandoraden"_s, u"\nKommandon:"_s, u"\nAlternativ:\n"_s,
                                 u"Visar hjälp om kommandoradens alternativ."_s, u"\nArgument:\n"_s })
        QVERIFY2(help.out.contains(text), qPrintable(text));

    const Run unknown = cli({ u"--colour"_s }, false);
    EXPECT_EXIT(unknown, 2);
    QVERIFY2(unknown.err.contains(u"Okänt alternativ ”colour”."_s), qPrintable(unknown.err));
}

void TestCli::resumeWithUnreadableJournalFails()
{
    const QString journal = m_home->path() + u"/.local/share/Attache/attache/attache.sqlite"_s;
    QVERIFY(QDir().mkpath(QFileInfo(journal).absolutePath()));
    const QByteArray damaged(8192, 'x');
    QVERIFY(writeFile(journal, damaged));
    const Run run = cli({ u"resume"_s });
    EXPECT_EXIT(run, 1);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(u"Nothing was resumed."_s), qPrintable(run.err));
    QCOMPARE(run.out, QString());
    // Left as it was, for whoever can mend it.
    QCOMPARE(readFile(journal), damaged);
}

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
