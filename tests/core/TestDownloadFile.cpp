// DownloadFile: a download written and hashed in a partial file beside its target, which it replaces only on
// commit, and which a later download can open again where it stopped.

#include "ContentHasher.h"
#include "CoreTestHelpers.h"
#include "DownloadFile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TestDownloadFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void writesHashesAndCommits_data();
    void writesHashesAndCommits();
    void droppedWithoutFlushKeepsEverythingReceived();
    void reopensAndFinishes_data();
    void reopensAndFinishes();
    void emptyDownloadHasTheEmptyHash();
    void takesEverythingADeviceHasAvailable();
    void flushWritesAPartBlockThatGoesOn();
    void targetUntouchedUntilCommit();
    void fileThatAppearsMeanwhileIsKept();
    void fileToKeepIsNeitherOpenedNorReplaced();
    void secondDownloadIntoThePartialFileIsRefused();
    void givenUpPartialFileGoesUnlessAnotherWritesIt();
    void longestNameDownloads();
    void reopensAtOffsetAndHashesWholeFile();
    void longerPartialFileIsCutToOffset();
    void missingOrShorterPartialFileCannotBeReopened();
    void wrongHashLeavesTargetUntouched();
    void commitReplacesWhatALinkPointsToWithItsPermissions();
    void unwritableFolderGivesMessage();
    void writeProtectedTargetIsNotReplaced();
    void partialFileIsAsPrivateAsTheTarget();
    void writeErrorGivesMessageAndKeepsTarget();
    void writesThroughTheCacheWhereDirectIsRefused();
    void goesOnThroughTheCacheWhenADirectWriteIsRefused();

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

QString contentHashOf(const QByteArray& data)
{
    ContentHasher hasher;
    hasher.addData(data);
    return hasher.hexResult();
}

// Finishes and commits the download of data to target; what went wrong, if anything.
QString finishAndCommit(DownloadFile& file, const QString& target, const QByteArray& data)
{
    QString hash;
    if (const QString error = file.finish(&hash); !error.isEmpty())
        return error;
    if (hash != contentHashOf(data))
        return u"a content hash that is not the data's: "_s + hash;
    if (const QString error = file.commit(); !error.isEmpty())
        return error;
    return CoreTest::readFile(target) == data ? QString() : u"a target that is not the data"_s;
}

} // namespace

void TestDownloadFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDownloadFile::writesHashesAndCommits_data()
{
    QTest::addColumn<qint64>("size");
    QTest::newRow("one byte") << qint64(1);
    QTest::newRow("whole blocks") << 2 * DownloadFile::BlockSize;
    // More than the buffers hold, so that the network side waits for the disk at times.
    QTest::newRow("more than the buffers hold") << 3 * DownloadFile::MaxBufferedBytes + 12345;
}

void TestDownloadFile::writesHashesAndCommits()
{
    QFETCH(qint64, size);
    const QByteArray data = CoreTest::patternData(size);
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(), QString());
    QCOMPARE(appendInPieces(file, data), QString());
    QCOMPARE(finishAndCommit(file, target, data), QString());
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

// A cancel, a failure or a connection that drops: what arrived is in the partial file, none of it flushed before.
void TestDownloadFile::droppedWithoutFlushKeepsEverythingReceived()
{
    const QByteArray data = CoreTest::patternData(DownloadFile::BlockSize + 5);
    const QString target = m_dir->filePath(u"receipt.jpg"_s);
    {
        DownloadFile file(target, ExistingFile::Replace);
        QCOMPARE(file.open(), QString());
        QCOMPARE(appendInPieces(file, data), QString());
    }
    QCOMPARE(CoreTest::readFile(DownloadFile::partialPath(target)), data);
    QVERIFY(!QFileInfo::exists(target));
}

void TestDownloadFile::reopensAndFinishes_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("kept");
    const qint64 block = DownloadFile::BlockSize;
    QTest::newRow("all of it kept, blocks and a part") << 2 * block + 77 << 2 * block + 77;
    QTest::newRow("all of it kept, whole blocks") << 2 * block << 2 * block;
    QTest::newRow("whole blocks kept, then more") << 3 * block + 5 << 2 * block;
    QTest::newRow("a part of a block kept, then more") << 2 * block + 5 << qint64(100);
}

// finish() may follow open() at once, before the kept bytes have been read back.
void TestDownloadFile::reopensAndFinishes()
{
    QFETCH(qint64, size);
    QFETCH(qint64, kept);
    const QByteArray data = CoreTest::patternData(size);
    const QString target = m_dir->filePath(u"statement.pdf"_s);
    QVERIFY(CoreTest::writeFile(DownloadFile::partialPath(target), data.first(kept)));
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(kept), QString());
    // Nothing more to take: finish() straight away.
    if (kept < size)
        QCOMPARE(file.append(data.sliced(kept)), QString());
    QCOMPARE(file.received(), size);
    QCOMPARE(finishAndCommit(file, target, data), QString());
}

void TestDownloadFile::emptyDownloadHasTheEmptyHash()
{
    const QString target = m_dir->filePath(u"empty.txt"_s);
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(), QString());
    QString hash;
    QCOMPARE(file.finish(&hash), QString());
    QCOMPARE(hash, contentHashOf({}));
    QCOMPARE(file.commit(), QString());
    QCOMPARE(QFileInfo(target).size(), 0);
}

// What a network reply has when it says it has more: taken in one call, whatever the blocks it spans.
void TestDownloadFile::takesEverythingADeviceHasAvailable()
{
    const QByteArray data = CoreTest::patternData(2 * DownloadFile::BlockSize + 4321);
    QBuffer source;
    source.setData(data);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QString target = m_dir->filePath(u"scan.tiff"_s);
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(), QString());
    QCOMPARE(file.append(source), QString());
    QCOMPARE(source.bytesAvailable(), 0);
    QCOMPARE(file.received(), data.size());
    QCOMPARE(finishAndCommit(file, target, data), QString());
}

// A dropped connection flushes what arrived, in the middle of a block, and the download then goes on in that
// block: the part written early and the whole block written later agree.
void TestDownloadFile::flushWritesAPartBlockThatGoesOn()
{
    const QByteArray data = CoreTest::patternData(3 * DownloadFile::BlockSize + 999);
    const QString target = m_dir->filePath(u"contract.pdf"_s);
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(), QString());
    qint64 taken = 0;
    for (const qint64 stop : { qint64(5000), DownloadFile::BlockSize + 12345, 2 * DownloadFile::BlockSize + 1 }) {
        QCOMPARE(appendInPieces(file, data.sliced(taken, stop - taken)), QString());
        taken = stop;
        QCOMPARE(file.flush(), taken);
        QCOMPARE(QFileInfo(DownloadFile::partialPath(target)).size(), taken);
        QCOMPARE(CoreTest::readFile(DownloadFile::partialPath(target)), data.first(taken));
    }
    QCOMPARE(appendInPieces(file, data.sliced(taken)), QString());
    QCOMPARE(finishAndCommit(file, target, data), QString());
}

// A name of the file system's 255 bytes, which a store allows: the partial file's own name must fit too.
void TestDownloadFile::longestNameDownloads()
{
    // 127 two-byte letters and one more byte: 255 bytes.
    const QString name = QString(127, QChar(0xE5)) + u"x"_s;
    QCOMPARE(name.toUtf8().size(), 255);
    const QString target = m_dir->filePath(name);
    const QString partialName = QFileInfo(DownloadFile::partialPath(target)).fileName();
    QVERIFY(partialName.startsWith(u'.'));
    QVERIFY(partialName.toUtf8().size() <= 255);

    const QByteArray data = CoreTest::patternData(DownloadFile::BlockSize + 777);
    {
        DownloadFile file(target, ExistingFile::Replace);
        QCOMPARE(file.open(), QString());
        QCOMPARE(file.append(data.first(1000)), QString());
        QCOMPARE(file.flush(), 1000);
    }
    // The next attempt finds it under the same name.
    QVERIFY(QFileInfo::exists(DownloadFile::partialPath(target)));
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(1000), QString());
    QCOMPARE(appendInPieces(file, data.sliced(1000)), QString());
    QCOMPARE(finishAndCommit(file, target, data), QString());
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { name });
}

void TestDownloadFile::targetUntouchedUntilCommit()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    QVERIFY(CoreTest::writeFile(target, "precious"));
    {
        DownloadFile file(target, ExistingFile::Replace);
        QCOMPARE(file.open(), QString());
        QCOMPARE(file.append("replacement"), QString());
        QString hash;
        QCOMPARE(file.finish(&hash), QString());
        QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
        // Not committed: a cancel, a failure, or a process that ends here.
    }
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
    // What arrived stays, hidden beside the target, for the next attempt.
    QCOMPARE(CoreTest::allEntries(m_dir->path()),
             (QStringList { u".invoice.pdf.attache-partial"_s, u"invoice.pdf"_s }));
    QCOMPARE(CoreTest::readFile(DownloadFile::partialPath(target)), QByteArray("replacement"));
}

// A download that may not replace a file leaves one it finds at the start.
void TestDownloadFile::fileToKeepIsNeitherOpenedNorReplaced()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    QVERIFY(CoreTest::writeFile(target, "signed by hand"));
    DownloadFile file(target, ExistingFile::Keep);
    const QString error = file.open();
    QVERIFY2(error.contains(u"already exists"_s), qPrintable(error));
    QCOMPARE(file.errorCode(), StoreReply::Error::AlreadyExists);
    QCOMPARE(CoreTest::readFile(target), QByteArray("signed by hand"));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

// A file saved under the name while the download ran (the user's own, or another program's) is not the one the
// download was to replace: none was there when it began.
void TestDownloadFile::fileThatAppearsMeanwhileIsKept()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(), QString());
    QCOMPARE(file.append("downloaded"), QString());
    QVERIFY(CoreTest::writeFile(target, "signed by hand"));
    QString hash;
    QCOMPARE(file.finish(&hash), QString());
    const QString error = file.commit();
    QVERIFY2(error.contains(u"already exists"_s), qPrintable(error));
    QCOMPARE(file.errorCode(), StoreReply::Error::AlreadyExists);
    QCOMPARE(CoreTest::readFile(target), QByteArray("signed by hand"));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

void TestDownloadFile::secondDownloadIntoThePartialFileIsRefused()
{
    // Another process's download to the same file (attache-cli beside the window) must not cut this one's bytes.
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    DownloadFile first(target, ExistingFile::Replace);
    QCOMPARE(first.open(), QString());
    QCOMPARE(first.append("the first"), QString());
    QCOMPARE(first.flush(), 9);
    {
        DownloadFile second(target, ExistingFile::Replace);
        const QString refusal = second.open();
        QVERIFY2(refusal.contains(u"Another download"_s), qPrintable(refusal));
        // The disk is fine: not a full one.
        QCOMPARE(second.errorCode(), StoreReply::Error::Io);
    }
    QCOMPARE(first.errorCode(), StoreReply::Error::None);
    QString hash;
    QCOMPARE(first.finish(&hash), QString());
    QCOMPARE(first.commit(), QString());
    QCOMPARE(CoreTest::readFile(target), QByteArray("the first"));
}

void TestDownloadFile::givenUpPartialFileGoesUnlessAnotherWritesIt()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    DownloadFile writing(target, ExistingFile::Replace);
    QCOMPARE(writing.open(), QString());
    QCOMPARE(writing.append("under way"), QString());
    // Another process's download gave up on the same file: the partial file is this one's, and stays.
    DownloadFile::removeUnusedPartial(target);
    QVERIFY(QFileInfo::exists(DownloadFile::partialPath(target)));
    QString hash;
    QCOMPARE(writing.finish(&hash), QString());
    QCOMPARE(writing.commit(), QString());

    QVERIFY(CoreTest::writeFile(DownloadFile::partialPath(target), "left by a download given up"));
    DownloadFile::removeUnusedPartial(target);
    QVERIFY(!QFileInfo::exists(DownloadFile::partialPath(target)));
    QCOMPARE(CoreTest::readFile(target), QByteArray("under way"));
}

void TestDownloadFile::reopensAtOffsetAndHashesWholeFile()
{
    // Neither the break nor the end falls on a 4 MiB block of the content hash.
    const QByteArray data = CoreTest::patternData(2 * DownloadFile::MaxBufferedBytes + 12345);
    const qint64 cut = ContentHasher::BlockSize + 777;
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    {
        DownloadFile first(target, ExistingFile::Replace);
        QCOMPARE(first.open(), QString());
        QCOMPARE(appendInPieces(first, data.first(cut)), QString());
        QCOMPARE(first.flush(), cut);
        QCOMPARE(first.written(), cut);
    }
    QVERIFY(!QFileInfo::exists(target));

    DownloadFile second(target, ExistingFile::Replace);
    QCOMPARE(second.open(cut), QString());
    QCOMPARE(second.written(), cut);
    QCOMPARE(appendInPieces(second, data.sliced(cut)), QString());
    QString hash;
    QCOMPARE(second.finish(&hash), QString());
    // The bytes kept were hashed again, before those that followed them.
    QCOMPARE(hash, contentHashOf(data));
    QCOMPARE(second.written(), data.size());
    QCOMPARE(second.commit(), QString());
    QCOMPARE(CoreTest::readFile(target), data);
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

// A checkpoint lags behind what was written: the bytes beyond it are dropped and come again.
void TestDownloadFile::longerPartialFileIsCutToOffset()
{
    const QByteArray data = CoreTest::patternData(3 * 1024 * 1024 + 5);
    const qint64 offset = 1024 * 1024 + 3;
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    QVERIFY(CoreTest::writeFile(DownloadFile::partialPath(target), data.first(offset) + QByteArray(4096, 'x')));

    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(offset), QString());
    QCOMPARE(QFileInfo(DownloadFile::partialPath(target)).size(), offset);
    QCOMPARE(appendInPieces(file, data.sliced(offset)), QString());
    QCOMPARE(finishAndCommit(file, target, data), QString());
}

void TestDownloadFile::missingOrShorterPartialFileCannotBeReopened()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    {
        DownloadFile file(target, ExistingFile::Replace);
        const QString error = file.open(100);
        QVERIFY2(error.contains(u"invoice.pdf"_s), qPrintable(error));
    }
    // Not made by the attempt.
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList());

    QVERIFY(CoreTest::writeFile(DownloadFile::partialPath(target), QByteArray(99, 'p')));
    DownloadFile file(target, ExistingFile::Replace);
    const QString error = file.open(100);
    QVERIFY2(error.contains(u"invoice.pdf"_s), qPrintable(error));
    QCOMPARE(CoreTest::readFile(DownloadFile::partialPath(target)), QByteArray(99, 'p'));
}

void TestDownloadFile::wrongHashLeavesTargetUntouched()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    QVERIFY(CoreTest::writeFile(target, "precious"));
    const QByteArray expected = "what the server holds";
    QVERIFY(CoreTest::writeFile(DownloadFile::partialPath(target), expected.first(5)));
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(5), QString());
    QCOMPARE(file.append("damaged on the way"), QString());
    QString hash;
    QCOMPARE(file.finish(&hash), QString());
    QVERIFY(hash != contentHashOf(expected));
    // What the caller does when the hash is not the server's: no use carrying on from that file.
    file.discard();
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

// As QSaveFile did: the link stays a link, and the file replaced keeps who may read it.
void TestDownloadFile::commitReplacesWhatALinkPointsToWithItsPermissions()
{
    const QString real = m_dir->filePath(u"real.pdf"_s);
    QVERIFY(CoreTest::writeFile(real, "old"));
    QVERIFY(QFile::setPermissions(real, QFile::ReadOwner | QFile::WriteOwner));
    const QString link = m_dir->filePath(u"link.pdf"_s);
    QVERIFY(QFile::link(real, link));
    QCOMPARE(DownloadFile::partialPath(link), m_dir->filePath(u".real.pdf.attache-partial"_s));

    DownloadFile file(link, ExistingFile::Replace);
    QCOMPARE(file.open(), QString());
    QCOMPARE(file.append("new"), QString());
    QString hash;
    QCOMPARE(file.finish(&hash), QString());
    QCOMPARE(file.commit(), QString());
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(CoreTest::readFile(real), QByteArray("new"));
    QCOMPARE(QFile::permissions(real) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QCOMPARE(CoreTest::allEntries(m_dir->path()), (QStringList { u"link.pdf"_s, u"real.pdf"_s }));
}

void TestDownloadFile::unwritableFolderGivesMessage()
{
    const QString target = m_dir->filePath(u"missing/folder/invoice.pdf"_s);
    DownloadFile file(target, ExistingFile::Replace);
    const QString error = file.open();
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(u"invoice.pdf"_s), qPrintable(error));
}

void TestDownloadFile::writeProtectedTargetIsNotReplaced()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    QVERIFY(CoreTest::writeFile(target, "kept"));
    QVERIFY(QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(), u"“%1” is write-protected: it was not replaced."_s.arg(QDir::toNativeSeparators(target)));
    QCOMPARE(file.errorCode(), StoreReply::Error::PermissionDenied);
    QCOMPARE(CoreTest::readFile(target), QByteArray("kept"));
    QCOMPARE(CoreTest::allEntries(m_dir->path()), QStringList { u"invoice.pdf"_s });
}

// A document only its owner may read stays so while its new version arrives.
void TestDownloadFile::partialFileIsAsPrivateAsTheTarget()
{
    const QString target = m_dir->filePath(u"salaries.pdf"_s);
    QVERIFY(CoreTest::writeFile(target, "old"));
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QVERIFY(QFile::setPermissions(target, ownerOnly));
    DownloadFile file(target, ExistingFile::Replace);
    QCOMPARE(file.open(), QString());
    // The owner's, group's and others' bits; the "user" ones are the test's own view of them.
    const QFileDevice::Permissions userBits = QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser;
    QCOMPARE(QFile::permissions(DownloadFile::partialPath(target)) & ~userBits, ownerOnly);
    QCOMPARE(file.append("new"), QString());
    QString hash;
    QCOMPARE(file.finish(&hash), QString());
    QCOMPARE(file.commit(), QString());
    QCOMPARE(CoreTest::readFile(target), QByteArray("new"));
}

// A full disk, as the process's file size limit: the write fails, the message says so, the target stays.
void TestDownloadFile::writeErrorGivesMessageAndKeepsTarget()
{
    const QString target = m_dir->filePath(u"invoice.pdf"_s);
    QVERIFY(CoreTest::writeFile(target, "precious"));
    CoreTest::FileSizeLimit limit(1024 * 1024);
    QVERIFY(limit.isActive());

    QString appendError;
    QString finishError;
    StoreReply::Error errorCode = StoreReply::Error::None;
    {
        DownloadFile file(target, ExistingFile::Replace);
        const QString openError = file.open();
        if (openError.isEmpty()) {
            appendError = appendInPieces(file, CoreTest::patternData(4 * 1024 * 1024));
            QString hash;
            finishError = file.finish(&hash);
            errorCode = file.errorCode();
        }
    }
    limit.lift();

    // The error shows at a later append, and again when finishing: as a full disk, which it is.
    QCOMPARE(finishError,
             u"“%1” is larger than the disk it goes to can hold in one file."_s.arg(QDir::toNativeSeparators(target)));
    QCOMPARE(errorCode, StoreReply::Error::DiskFull);
    QVERIFY(appendError.isEmpty() || appendError == finishError);
    QCOMPARE(CoreTest::readFile(target), QByteArray("precious"));
    // What was written stays for a later attempt, once there is room.
    QCOMPARE(CoreTest::allEntries(m_dir->path()),
             (QStringList { u".invoice.pdf.attache-partial"_s, u"invoice.pdf"_s }));
}

namespace {

// Downloads whole blocks and a tail into folder, whose only entry must then be the target, whole and with the right
// hash; what went wrong, if anything.
QString downloadBlocksAndATail(const QString& folder)
{
    // Whole blocks, which would go past the cache, and a tail, which never does.
    const QByteArray data = CoreTest::patternData(3 * DownloadFile::BlockSize + 12345);
    const QString target = folder + u"/invoice.pdf"_s;
    DownloadFile file(target, ExistingFile::Replace);
    if (const QString error = file.open(); !error.isEmpty())
        return error;
    if (const QString error = appendInPieces(file, data); !error.isEmpty())
        return error;
    if (const QString error = finishAndCommit(file, target, data); !error.isEmpty())
        return error;
    const QStringList entries = CoreTest::allEntries(folder);
    return entries == QStringList { u"invoice.pdf"_s } ? QString() : u"entries left: "_s + entries.join(u", "_s);
}

} // namespace

// A file system that refuses O_DIRECT when the file is opened (ramfs; ext4 takes it, and tmpfs from Linux 6.6): the
// download goes through the page cache.
// The test runs this function again in a private mount namespace (unshare, as any user may on Debian), with a ramfs
// mounted over a folder, which it names in ATTACHE_TEST_RAMFS.
void TestDownloadFile::writesThroughTheCacheWhereDirectIsRefused()
{
    const QString ramfs = qEnvironmentVariable("ATTACHE_TEST_RAMFS");
    if (ramfs.isEmpty()) {
        const QString failure
            = CoreTest::passesInChild(*this, QTest::currentTestFunction(), u"unshare"_s,
                                      { u"--user"_s, u"--map-root-user"_s, u"--mount"_s, u"sh"_s, u"-c"_s,
                                        u"mount -t ramfs attache-test \"$1\" && exec \"$2\" \"$3\""_s, u"sh"_s,
                                        m_dir->path(), QCoreApplication::applicationFilePath() },
                                      { { u"ATTACHE_TEST_RAMFS"_s, m_dir->path() } });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        return;
    }
    // Else this would test nothing.
    const QByteArray probe = QFile::encodeName(ramfs + u"/probe"_s);
    const int refused = ::open(probe.constData(), O_WRONLY | O_CREAT | O_DIRECT | O_CLOEXEC, 0600);
    const int openError = errno;
    if (refused >= 0)
        ::close(refused);
    QCOMPARE(refused, -1);
    QCOMPARE(openError, EINVAL);
    // Some kernels create it before refusing; the entries are checked at the end.
    QFile::remove(QFile::decodeName(probe));

    QCOMPARE(downloadBlocksAndATail(ramfs), QString());
}

// A file system that takes O_DIRECT and the first direct write, then refuses one with EINVAL: the download goes on
// through the page cache from where the refused write would have started. The test runs this function again with
// a library preloaded that refuses so, and logs each direct write in the file ATTACHE_TEST_DIRECT_WRITES names.
void TestDownloadFile::goesOnThroughTheCacheWhenADirectWriteIsRefused()
{
    const QString log = qEnvironmentVariable("ATTACHE_TEST_DIRECT_WRITES");
    if (log.isEmpty()) {
        const QString failure
            = CoreTest::passesInChild(*this, QTest::currentTestFunction(), QCoreApplication::applicationFilePath(), {},
                                      { { u"LD_PRELOAD"_s, QStringLiteral(ATTACHE_REFUSE_LATER_DIRECT_WRITES) },
                                        { u"ATTACHE_TEST_DIRECT_WRITES"_s, m_dir->filePath(u"direct-writes.log"_s) } });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        return;
    }
    const QString folder = m_dir->filePath(u"download"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(downloadBlocksAndATail(folder), QString());
    // The first block went past the cache and the second was refused; nothing was tried directly after that.
    QCOMPARE(CoreTest::readFile(log), QByteArray("written\nrefused\n"));
}

QTEST_GUILESS_MAIN(TestDownloadFile)
#include "TestDownloadFile.moc"
