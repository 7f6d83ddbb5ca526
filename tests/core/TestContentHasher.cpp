// ContentHasher: Dropbox's content_hash, checked against Dropbox's published block boundaries.

#include "ContentHasher.h"

#include "CoreTestHelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestContentHasher : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void vectorsInPieces_data();
    void vectorsInPieces();
    void hashFileMatchesMemory_data();
    void hashFileMatchesMemory();
    void hashFileOfMissingFileIsEmpty();
    void hashFileCancelledIsEmpty();
    void differentContentDiffers();
    void chunksJoinedByBlockDigests();
};

namespace {

// Hashes of buffers of 'A' bytes: empty, one byte, exactly one 4 MiB block, one block and a byte.
void addVectors()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QString>("hash");
    QTest::newRow("0") << qint64(0) << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
    QTest::newRow("1") << qint64(1) << u"1cd6ef71e6e0ff46ad2609d403dc3fee244417089aa4461245a4e4fe23a55e42"_s;
    QTest::newRow("4194304") << qint64(4194304)
                             << u"d4d63bac5b866c71620185392a8a6218ac1092454a2d16f820363b69852befa3"_s;
    QTest::newRow("4194305") << qint64(4194305)
                             << u"8f553da8d00d0bf509d8470e242888be33019c20c0544811f5b2b89e98360b92"_s;
}

} // namespace

void TestContentHasher::vectors_data()
{
    addVectors();
}

void TestContentHasher::vectors()
{
    QFETCH(qint64, size);
    QFETCH(QString, hash);
    ContentHasher hasher;
    hasher.addData(QByteArray(size, 'A'));
    QCOMPARE(hasher.hexResult(), hash);
}

void TestContentHasher::vectorsInPieces_data()
{
    addVectors();
}

void TestContentHasher::vectorsInPieces()
{
    QFETCH(qint64, size);
    QFETCH(QString, hash);
    const QByteArray data(size, 'A');
    // Odd piece sizes cross the 4 MiB block boundary at every offset but the aligned one.
    for (qint64 piece : { qint64(1), qint64(7), qint64(4093), qint64(1024 * 1024 + 3), ContentHasher::BlockSize - 1,
                          ContentHasher::BlockSize + 1 }) {
        if (piece == 1 && size > 4096)
            continue; // one byte at a time over 4 MiB proves nothing more and is slow
        ContentHasher hasher;
        for (qint64 offset = 0; offset < size; offset += piece)
            hasher.addData(QByteArrayView(data).sliced(offset, qMin(piece, size - offset)));
        QCOMPARE(hasher.hexResult(), hash);
    }
}

void TestContentHasher::hashFileMatchesMemory_data()
{
    addVectors();
}

void TestContentHasher::hashFileMatchesMemory()
{
    QFETCH(qint64, size);
    QFETCH(QString, hash);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"a.bin"_s);
    QVERIFY(CoreTest::writeFile(path, QByteArray(size, 'A')));
    QCOMPARE(ContentHasher::hashFile(path), hash);

    // And for content that is not uniform.
    const QByteArray varied = CoreTest::patternData(size + 12345);
    QVERIFY(CoreTest::writeFile(path, varied));
    ContentHasher hasher;
    hasher.addData(varied);
    QCOMPARE(ContentHasher::hashFile(path), hasher.hexResult());
}

void TestContentHasher::hashFileOfMissingFileIsEmpty()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(ContentHasher::hashFile(dir.filePath(u"missing.pdf"_s)).isEmpty());
    QVERIFY(ContentHasher::hashFile(QString()).isEmpty());
}

void TestContentHasher::hashFileCancelledIsEmpty()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"a.bin"_s);
    QVERIFY(CoreTest::writeFile(path, QByteArray(1000, 'A')));
    QVERIFY(ContentHasher::hashFile(path, [] { return true; }).isEmpty());
    QCOMPARE(ContentHasher::hashFile(path, [] { return false; }).size(), 64);
}

void TestContentHasher::differentContentDiffers()
{
    ContentHasher a;
    a.addData("AAAA");
    ContentHasher b;
    b.addData("AAAB");
    QVERIFY(a.hexResult() != b.hexResult());
}

// An upload hashes each chunk once; the whole file's hash is made of the chunks' block digests.
void TestContentHasher::chunksJoinedByBlockDigests()
{
    const qint64 chunk = 2 * ContentHasher::BlockSize;
    const QByteArray data = CoreTest::patternData(2 * chunk + 12345);
    ContentHasher direct;
    direct.addData(data);
    ContentHasher joined;
    for (qint64 offset = 0; offset < data.size(); offset += chunk) {
        ContentHasher part;
        part.addData(QByteArrayView(data).sliced(offset, qMin(chunk, data.size() - offset)));
        const QByteArray digests = part.blockDigests();
        QCOMPARE(digests.size(),
                 offset + chunk <= data.size() ? 2 * ContentHasher::DigestSize : ContentHasher::DigestSize);
        joined.addBlockDigests(digests);
    }
    QCOMPARE(joined.hexResult(), direct.hexResult());
    QCOMPARE(direct.blockDigests().size(), 5 * ContentHasher::DigestSize);
}

QTEST_GUILESS_MAIN(TestContentHasher)
#include "TestContentHasher.moc"
