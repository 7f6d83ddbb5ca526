// FileKind: KashFlow's icon names, size text and thumbnail formats, all judged from a file name; sizes as the
// locale writes them.

#include "FileKind.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;

class TestFileKind : public QObject
{
    Q_OBJECT

private slots:
    void displaySize_data();
    void displaySize();
    void localizedSize_data();
    void localizedSize();
    void iconName_data();
    void iconName();
    void isThumbnailFormat_data();
    void isThumbnailFormat();
    void isPdf_data();
    void isPdf();
};

void TestFileKind::displaySize_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("expected");

    constexpr qint64 KiB = 1024;
    constexpr qint64 MiB = KiB * 1024;
    constexpr qint64 GiB = MiB * 1024;
    constexpr qint64 TiB = GiB * 1024;
    // The example in KashFlow's API documentation.
    QTest::newRow("kashflow example") << qint64(164391) << u"160.5 KB"_s;
    QTest::newRow("zero") << qint64(0) << u"0 bytes"_s;
    QTest::newRow("one") << qint64(1) << u"1 bytes"_s;
    QTest::newRow("largest in bytes") << qint64(1023) << u"1023 bytes"_s;
    QTest::newRow("one KB") << KiB << u"1.0 KB"_s;
    QTest::newRow("1.5 KB") << qint64(1536) << u"1.5 KB"_s;
    // Truncated, never rounded up into the next unit.
    QTest::newRow("just below one MB") << MiB - 1 << u"1023.9 KB"_s;
    QTest::newRow("one MB") << MiB << u"1.0 MB"_s;
    QTest::newRow("2.5 MB") << MiB * 5 / 2 << u"2.5 MB"_s;
    QTest::newRow("just below one GB") << GiB - 1 << u"1023.9 MB"_s;
    QTest::newRow("one GB") << GiB << u"1.0 GB"_s;
    QTest::newRow("4.7 GB DVD") << qint64(4700000000) << u"4.3 GB"_s;
    QTest::newRow("one TB") << TiB << u"1.0 TB"_s;
    QTest::newRow("64 TB") << 64 * TiB << u"64.0 TB"_s;
    QTest::newRow("one PB") << 1024 * TiB << u"1.0 PB"_s;
}

void TestFileKind::displaySize()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, expected);
    QCOMPARE(FileKind::displaySize(bytes), expected);
}

void TestFileKind::localizedSize_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("expected");

    QTest::newRow("swedish bytes") << u"sv_SE"_s << qint64(512) << u"512 byte"_s;
    QTest::newRow("swedish thousands") << u"sv_SE"_s << qint64(1023) << u"1\u00a0023 byte"_s;
    QTest::newRow("swedish kB") << u"sv_SE"_s << qint64(164391) << u"160,5 kB"_s;
    QTest::newRow("swedish MB") << u"sv_SE"_s << qint64(3 * 1024 * 1024 + 17) << u"3,0 MB"_s;
    QTest::newRow("english bytes") << u"en_US"_s << qint64(512) << u"512 bytes"_s;
    QTest::newRow("english kB") << u"en_US"_s << qint64(164391) << u"160.5 kB"_s;
    QTest::newRow("english GB") << u"en_US"_s << qint64(5000000000) << u"4.7 GB"_s;
    QTest::newRow("not known") << u"sv_SE"_s << qint64(-1) << QString();
}

void TestFileKind::localizedSize()
{
    QFETCH(QString, locale);
    QFETCH(qint64, bytes);
    QFETCH(QString, expected);
    const QLocale before;
    QLocale::setDefault(QLocale(locale));
    const QString size = FileKind::localizedSize(bytes);
    QLocale::setDefault(before);
    QCOMPARE(size, expected);
}

void TestFileKind::iconName_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("icon");

    const QString picture = u"page_white_picture"_s;
    for (const char* name :
         { "a.jpg", "a.jpeg", "a.png", "a.gif", "a.tiff", "a.tif", "a.bmp", "a.heic", "SCAN.JPG", "Photo.Png" })
        QTest::newRow(name) << QString::fromLatin1(name) << picture;
    QTest::newRow("pdf") << u"invoice.pdf"_s << u"page_white_acrobat"_s;
    QTest::newRow("PDF") << u"INVOICE.PDF"_s << u"page_white_acrobat"_s;
    for (const char* name : { "letter.doc", "letter.docx", "letter.odt", "LETTER.DOCX" })
        QTest::newRow(name) << QString::fromLatin1(name) << u"page_white_word"_s;
    // CSV is text too, but KashFlow shows it as a spreadsheet.
    for (const char* name : { "sheet.xls", "sheet.xlsx", "sheet.ods", "sheet.csv", "SHEET.XLSX" })
        QTest::newRow(name) << QString::fromLatin1(name) << u"page_white_excel"_s;
    for (const char* name : { "bundle.zip", "bundle.7z", "bundle.tar.gz", "BUNDLE.ZIP" })
        QTest::newRow(name) << QString::fromLatin1(name) << u"page_white_compressed"_s;
    QTest::newRow("txt") << u"notes.txt"_s << u"page_white_text"_s;
    QTest::newRow("TXT") << u"NOTES.TXT"_s << u"page_white_text"_s;
    QTest::newRow("unknown extension") << u"data.qqxz"_s << u"page_white"_s;
    QTest::newRow("no extension") << u"scan0001"_s << u"page_white"_s;
    QTest::newRow("empty") << QString() << u"page_white"_s;
}

void TestFileKind::iconName()
{
    QFETCH(QString, fileName);
    QFETCH(QString, icon);
    QCOMPARE(FileKind::iconName(fileName), icon);
}

void TestFileKind::isThumbnailFormat_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<bool>("expected");

    // Exactly the formats KashFlow makes a minified version of, in any case.
    for (const char* name : { "a.jpg", "a.jpeg", "a.png", "a.tiff", "a.tif", "a.gif", "a.bmp", "A.JPG", "A.JPEG",
                              "a.Png", "A.TIFF", "A.TIF", "a.GIF", "a.BMP", "archive.2019.jpg" })
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    for (const char* name : { "a.pdf", "a.webp", "a.heic", "a.svg", "a.txt", "a.jpg.pdf", "a.jpgx", "a.xjpg", "jpg",
                              "png", "a.", "", "a.jp g" })
        QTest::newRow(*name ? name : "empty") << QString::fromLatin1(name) << false;
}

void TestFileKind::isThumbnailFormat()
{
    QFETCH(QString, fileName);
    QFETCH(bool, expected);
    QCOMPARE(FileKind::isThumbnailFormat(fileName), expected);
}

void TestFileKind::isPdf_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<bool>("expected");
    QTest::newRow("pdf") << u"a.pdf"_s << true;
    QTest::newRow("PDF") << u"A.PDF"_s << true;
    QTest::newRow("jpg") << u"a.jpg"_s << false;
    QTest::newRow("pdf.zip") << u"a.pdf.zip"_s << false;
    QTest::newRow("no dot") << u"pdf"_s << false;
}

void TestFileKind::isPdf()
{
    QFETCH(QString, fileName);
    QFETCH(bool, expected);
    QCOMPARE(FileKind::isPdf(fileName), expected);
}

QTEST_GUILESS_MAIN(TestFileKind)
#include "TestFileKind.moc"
