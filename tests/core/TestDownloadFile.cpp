// DownloadFile: a download written and hashed beside its target, which it replaces only on commit.

#include "ContentHasher.h"
#include "CoreTestHelpers.h"
#include "DownloadFile.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

class TestDownloadFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void writesHashesAndCommits();
    void targetUntouchedUntilCommit();
    void unwritableFolderGivesMessage();
    void writeErrorGivesMessageAndKeepsTarget();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

// Appends data in pieces of various sizes, as the network delivers it.
QString appendInPieces(DownloadFile& file, const QByteArray& data)
{
    qint64 offset = 0;
    for (qint64 piece = 1; offset < data.size(); piece = piece * 7 + 3) {
        const qint64 take = std::min(piece, data.size() - offset);
        if (const QString error = file.append(data.sliced(offset, take)); !error.isEmpty())
            return error;
        offset += take;
    }
    return {};
}

} // namespace

void TestDownloadFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDownloadFile::writesHashesAndCommits()
{
    // More than the queue holds, so that the network side waits for the disk at times.
    const QByteArray data = CoreTest::patternData(3 * DownloadFile::MaxQueuedBytes + 12345);
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    DownloadFile file(target);
    QCOMPARE(file.open(), QString());
    QCOMPARE(appendInPieces(file, data), QString());
    QString hash;
    QCOMPARE(file.finish(&hash), QString());
    ContentHasher expected;
    expected.addData(data);
    QCOMPARE(hash, expected.hexResult());
    QCOMPARE(file.commit(), QString());
    QCOMPARE(CoreTest::readFile(target), data);
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

void TestDownloadFile::targetUntouchedUntilCommit()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    QVERIFY(CoreTest::writeFile(target, "precious"));
    {
        DownloadFile file(target);
        QCOMPARE(file.open(), QString());
        QCOMPARE(file.append("replacement"), QString());
        QString hash;
        QCOMPARE(file.finish(&hash), QString());
        QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
        // Not committed: a hash that did not match, or a cancel.
    }
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

void TestDownloadFile::unwritableFolderGivesMessage()
{
    const QString target = m_dir->filePath(u"missing/folder/invoice.pdf"_s);
    DownloadFile file(target);
    const QString error = file.open();
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(u"invoice.pdf"_s), qPrintable(error));
}

// A full disk, as the process's file size limit: the write fails, the message says so, the target stays.
void TestDownloadFile::writeErrorGivesMessageAndKeepsTarget()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    QVERIFY(CoreTest::writeFile(target, "precious"));
    rlimit saved {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved;
    limited.rlim_cur = 1024 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);

    QString appendError;
    QString finishError;
    {
        DownloadFile file(target);
        const QString openError = file.open();
        if (openError.isEmpty()) {
            appendError = appendInPieces(file, CoreTest::patternData(4 * 1024 * 1024));
            QString hash;
            finishError = file.finish(&hash);
        }
    }
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    // The error shows at a later append, and again when finishing.
    QVERIFY(!finishError.isEmpty());
    QVERIFY2(finishError.contains(u"invoice.pdf"_s), qPrintable(finishError));
    QVERIFY(appendError.isEmpty() || appendError == finishError);
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

QTEST_GUILESS_MAIN(TestDownloadFile)
#include "TestDownloadFile.moc"
