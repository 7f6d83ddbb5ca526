#include "ContentHasher.h"
#include "SampleDocuments.h"
#include "ThumbnailCache.h"

#include <QColor>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestThumbnailCache : public QObject
{
    Q_OBJECT

private slots:
    void rendersImagesScaledDown();
    void rendersFirstPageOfPdf();
    void deliversAsynchronouslyAndCachesOnDiskByContent();
    void remembersFailures();
    void memoryIsBoundedAndDiskKeepsTheRest();
    void refusesFormatsWithoutThumbnails();
    void whitePagesStandOutFromAWhiteList();
    void keyFromAServerNeverBecomesAPath_data();
    void keyFromAServerNeverBecomesAPath();

private:
    QTemporaryDir m_dir;
};

void TestThumbnailCache::rendersImagesScaledDown()
{
    const QString path = m_dir.filePath(QStringLiteral("wide.jpg"));
    QVERIFY(SampleDocuments::writeImage(path, 2000, 1000, Qt::red));
    const QImage image = ThumbnailCache::render(path, 256);
    QCOMPARE(image.size(), QSize(256, 128));
    QCOMPARE(QColor(image.pixel(5, 5)).red() > 200, true);
}

void TestThumbnailCache::rendersFirstPageOfPdf()
{
    const QString path = m_dir.filePath(QStringLiteral("invoice.pdf"));
    QVERIFY(SampleDocuments::writePdf(path, QStringLiteral("INVOICE 4455")));
    const QImage page = ThumbnailCache::render(path, 256);
    QVERIFY(!page.isNull());
    // A4 is portrait: the longest side is the height.
    QCOMPARE(page.height(), 256);
    QVERIFY(page.width() > 170 && page.width() < 190);
    // White paper, with the blue header band near the top drawn by the sample.
    QCOMPARE(QColor(page.pixel(page.width() / 2, page.height() - 5)), QColor(Qt::white));
    // The paper has an edge, so a blank page still reads as a page.
    QVERIFY(QColor(page.pixel(0, page.height() / 2)).lightness() < 200);
    const QColor band(page.pixel(page.width() / 2, page.height() * 70 / 842));
    QVERIFY2(band.blue() > band.red() + 40, qPrintable(band.name()));
}

void TestThumbnailCache::deliversAsynchronouslyAndCachesOnDiskByContent()
{
    const QString path = m_dir.filePath(QStringLiteral("receipt.png"));
    QVERIFY(SampleDocuments::writeImage(path, 640, 480, Qt::blue));
    const QString hash = ContentHasher::hashFile(path);
    const QString cacheDir = m_dir.filePath(QStringLiteral("cache"));

    {
        ThumbnailCache cache(cacheDir);
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        // Never made on the calling thread: the first call only starts the work.
        QVERIFY(cache.thumbnail(hash, path).isNull());
        QVERIFY(ready.wait());
        QCOMPARE(ready.first().first().toString(), hash);
        QCOMPARE(cache.thumbnail(hash, path).actualSize(QSize(256, 256)), QSize(256, 192));
    }
    const QStringList cached = QDir(cacheDir).entryList(QDir::Files);
    QCOMPARE(cached.size(), 1);
    QVERIFY(cached.first().endsWith(QStringLiteral("-256.png")));

    // A new cache finds it on disk even when the original file is gone.
    QVERIFY(QFile::rename(path, path + QStringLiteral(".moved")));
    ThumbnailCache second(cacheDir);
    QSignalSpy ready(&second, &ThumbnailCache::thumbnailReady);
    QVERIFY(second.thumbnail(hash, path).isNull());
    QVERIFY(ready.wait());
    QCOMPARE(second.thumbnail(hash, path).actualSize(QSize(256, 256)), QSize(256, 192));
}

// Past its budget the memory cache lets the oldest go; the disk cache still has it, with its original gone.
void TestThumbnailCache::memoryIsBoundedAndDiskKeepsTheRest()
{
    constexpr int budgetKiB = 1024;
    ThumbnailCache cache(m_dir.filePath(QStringLiteral("bounded")), budgetKiB);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    QStringList hashes, paths;
    for (int i = 0; i < 8; ++i) {
        // 256 × 192 in memory: 192 KiB each, 1.5 MiB for all eight.
        const QString path = m_dir.filePath(QStringLiteral("page-%1.png").arg(i));
        QVERIFY(SampleDocuments::writeImage(path, 640, 480, QColor::fromHsv(i * 40, 200, 200)));
        hashes.append(ContentHasher::hashFile(path));
        paths.append(path);
        QVERIFY(cache.thumbnail(hashes.last(), path).isNull());
        QVERIFY(ready.wait());
        QVERIFY(cache.memoryUsedKiB() <= budgetKiB);
        QVERIFY(QFile::remove(path));
    }
    QVERIFY(cache.memoryUsedKiB() > budgetKiB / 2);
    // The last is in memory; the first is not, and comes back from the disk.
    QCOMPARE(cache.thumbnail(hashes.last(), paths.last()).actualSize(QSize(256, 256)), QSize(256, 192));
    ready.clear();
    QVERIFY(cache.thumbnail(hashes.first(), paths.first()).isNull());
    QVERIFY(ready.wait());
    QCOMPARE(cache.thumbnail(hashes.first(), paths.first()).actualSize(QSize(256, 256)), QSize(256, 192));
    QVERIFY(cache.memoryUsedKiB() <= budgetKiB);
}

void TestThumbnailCache::remembersFailures()
{
    const QString path = m_dir.filePath(QStringLiteral("broken.png"));
    QVERIFY(SampleDocuments::writeText(path, "not a picture"));
    ThumbnailCache cache(m_dir.filePath(QStringLiteral("cache-broken")));
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    QVERIFY(cache.thumbnail(QStringLiteral("broken-hash"), path).isNull());
    // The failure comes back through the event loop; then the cache stops asking.
    QTRY_VERIFY(cache.thumbnail(QStringLiteral("broken-hash"), path).isNull() && ready.isEmpty());
    QCOMPARE(ThumbnailCache::render(path, 256).isNull(), true);
}

void TestThumbnailCache::refusesFormatsWithoutThumbnails()
{
    QVERIFY(ThumbnailCache::canRender(QStringLiteral("a.JPG")));
    QVERIFY(ThumbnailCache::canRender(QStringLiteral("a.pdf")));
    QVERIFY(!ThumbnailCache::canRender(QStringLiteral("a.txt")));
    QVERIFY(!ThumbnailCache::canRender(QStringLiteral("a.docx")));
}

void TestThumbnailCache::whitePagesStandOutFromAWhiteList()
{
    // A blank white scan, as a PDF page or a receipt photographed on paper mostly is.
    const QString path = m_dir.filePath(QStringLiteral("blank.png"));
    QVERIFY(SampleDocuments::writeImage(path, 300, 400, Qt::white));
    ThumbnailCache cache(m_dir.filePath(QStringLiteral("cache")));
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    QVERIFY(cache.thumbnail(QStringLiteral("blank"), path).isNull());
    QVERIFY(ready.wait());
    const QIcon icon = cache.thumbnail(QStringLiteral("blank"), path);
    const QImage shown = icon.pixmap(QSize(256, 256)).toImage();
    QCOMPARE(shown.size(), QSize(192, 256));
    const QColor white(Qt::white);
    // A grey line all round the edge, and the page itself untouched inside it.
    for (const QPoint& edge : { QPoint(0, 0), QPoint(191, 0), QPoint(0, 255), QPoint(191, 255), QPoint(96, 0),
                                QPoint(0, 128), QPoint(191, 128), QPoint(96, 255) }) {
        const QColor pixel = shown.pixelColor(edge);
        QVERIFY2(pixel.lightness() < 200 && pixel.alpha() > 100, qPrintable(QString::number(pixel.rgba(), 16)));
    }
    QCOMPARE(shown.pixelColor(1, 1), white);
    QCOMPARE(shown.pixelColor(96, 128), white);
    // And at the size of the document list's icons, where a line scaled down with the page would fade.
    const QImage listed = icon.pixmap(QSize(24, 24)).toImage();
    QCOMPARE(listed.size(), QSize(24, 24));
    // The 18 × 24 page in the middle.
    QCOMPARE(listed.pixelColor(1, 12).alpha(), 0);
    for (const QPoint& edge : { QPoint(3, 12), QPoint(20, 12), QPoint(12, 0), QPoint(12, 23) }) {
        const QColor pixel = listed.pixelColor(edge);
        QVERIFY2(pixel.lightness() < 200 && pixel.alpha() > 100, qPrintable(QString::number(pixel.rgba(), 16)));
    }
}

// The key is a content hash the store's server gave, which may be anything: the disk cache's file is inside its
// folder whatever the key, and found again by it.
void TestThumbnailCache::keyFromAServerNeverBecomesAPath_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("parent") << QStringLiteral("../../escaped");
    QTest::newRow("absolute") << m_dir.filePath(QStringLiteral("escaped"));
    QTest::newRow("separator") << QStringLiteral("a/b");
    QTest::newRow("dot-dot") << QStringLiteral("..");
    QTest::newRow("too long for a name") << QString(1000, QLatin1Char('f'));
}

void TestThumbnailCache::keyFromAServerNeverBecomesAPath()
{
    QFETCH(QString, key);
    QTemporaryDir root;
    const QString path = root.filePath(QStringLiteral("receipt.png"));
    QVERIFY(SampleDocuments::writeImage(path, 640, 480, Qt::red));
    const QString cacheDir = root.filePath(QStringLiteral("one/two/cache"));
    {
        ThumbnailCache cache(cacheDir);
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        QVERIFY(cache.thumbnail(key, path).isNull());
        QVERIFY(ready.wait());
        QCOMPARE(cache.thumbnail(key, path).actualSize(QSize(256, 256)), QSize(256, 192));
    }
    // One file in the cache's folder, and nothing anywhere else, where the key points or not.
    const QString cachePrefix = QStringLiteral("one/two/cache/");
    QStringList cached, elsewhere;
    QDirIterator everything(root.path(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
    while (everything.hasNext()) {
        const QString entry = QDir(root.path()).relativeFilePath(everything.next());
        (entry.startsWith(cachePrefix) ? cached : elsewhere).append(entry);
    }
    QCOMPARE(cached.size(), 1);
    elsewhere.sort();
    QCOMPARE(elsewhere,
             (QStringList { QStringLiteral("one"), QStringLiteral("one/two"), QStringLiteral("one/two/cache"),
                            QStringLiteral("receipt.png") }));

    // Found again by the same key, with the original gone.
    QVERIFY(QFile::remove(path));
    ThumbnailCache again(cacheDir);
    QSignalSpy ready(&again, &ThumbnailCache::thumbnailReady);
    QVERIFY(again.thumbnail(key, path).isNull());
    QVERIFY(ready.wait());
    QCOMPARE(again.thumbnail(key, path).actualSize(QSize(256, 256)), QSize(256, 192));
}

QTEST_MAIN(TestThumbnailCache)
#include "TestThumbnailCache.moc"
