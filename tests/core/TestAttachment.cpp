// Attachment: the derived fields of describe() and the KashFlow JSON record, both ways.

#include "Attachment.h"
#include "CoreTestHelpers.h"
#include "FileKind.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

class TestAttachment : public QObject
{
    Q_OBJECT

private slots:
    void describeDerivesFields_data();
    void describeDerivesFields();
    void describeStoresUtc();
    void jsonHasExactlyKashFlowKeys();
    void jsonAddsContentHashWhenSet();
    void jsonDateIsUtcInKashFlowFormat();
    void jsonRoundTrip();
    void parsesKashFlowSeedRecord();
    void seedRecordSurvivesRoundTrip();
    void equality();

private:
    static QJsonObject seedRecord();
};

namespace {

QDateTime utc(int y, int m, int d, int h, int min, int s)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), QTimeZone::utc());
}

QSet<QString> keysOf(const QJsonObject& object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

} // namespace

QJsonObject TestAttachment::seedRecord()
{
    QFile file(QStringLiteral(ATTACHE_SOURCE_DIR "/tests/data/kashflow-file-record.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void TestAttachment::describeDerivesFields_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QString>("icon");
    QTest::addColumn<QString>("sizeText");
    QTest::addColumn<bool>("thumbnail");

    QTest::newRow("kashflow jpg") << u"76643107_13e683ad6f.jpg"_s << qint64(164391) << u"page_white_picture"_s
                                  << u"160.5 KB"_s << true;
    QTest::newRow("pdf") << u"Kvitto åäö.pdf"_s << qint64(2048) << u"page_white_acrobat"_s << u"2.0 KB"_s << false;
    QTest::newRow("empty file") << u"empty.txt"_s << qint64(0) << u"page_white_text"_s << u"0 bytes"_s << false;
    QTest::newRow("heic has no thumbnail")
        << u"IMG_0001.HEIC"_s << qint64(1048576) << u"page_white_picture"_s << u"1.0 MB"_s << false;
}

void TestAttachment::describeDerivesFields()
{
    QFETCH(QString, name);
    QFETCH(qint64, size);
    QFETCH(QString, icon);
    QFETCH(QString, sizeText);
    QFETCH(bool, thumbnail);

    const QDateTime modified = utc(2008, 3, 11, 12, 0, 0);
    const Attachment attachment = Attachment::describe(name, size, modified);
    QCOMPARE(attachment.name, name);
    QCOMPARE(attachment.sizeInBytes, size);
    QCOMPARE(attachment.icon, icon);
    QCOMPARE(attachment.sizeToBeDisplayed, sizeText);
    QCOMPARE(attachment.isThumbnailAvailable, thumbnail);
    QCOMPARE(attachment.lastModifiedDate, modified);
    // Nothing describe() cannot know is made up.
    QVERIFY(attachment.fileUri.isEmpty());
    QVERIFY(attachment.thumbnailUri.isEmpty());
    QVERIFY(attachment.contentHash.isEmpty());
}

void TestAttachment::describeStoresUtc()
{
    const QDateTime local(QDate(2024, 6, 1), QTime(14, 30, 0), QTimeZone(2 * 3600));
    const Attachment attachment = Attachment::describe(u"a.pdf"_s, 1, local);
    QCOMPARE(attachment.lastModifiedDate, local);
    QCOMPARE(attachment.lastModifiedDate.offsetFromUtc(), 0);
}

void TestAttachment::jsonHasExactlyKashFlowKeys()
{
    const Attachment attachment = Attachment::describe(u"a.png"_s, 10, utc(2020, 1, 2, 3, 4, 5));
    const QJsonObject json = attachment.toKashFlowJson();
    QCOMPARE(keysOf(json), CoreTest::kashFlowKeys());
    QCOMPARE(json.value(u"Icon"_s).toString(), u"page_white_picture"_s);
    QCOMPARE(json.value(u"Name"_s).toString(), u"a.png"_s);
    QVERIFY(json.value(u"SizeInBytes"_s).isDouble());
    QCOMPARE(json.value(u"SizeInBytes"_s).toInteger(), 10);
    QCOMPARE(json.value(u"SizeToBeDisplayed"_s).toString(), u"10 bytes"_s);
    QVERIFY(json.value(u"IsThumbnailAvailable"_s).isBool());
    QCOMPARE(json.value(u"IsThumbnailAvailable"_s).toBool(), true);
    QVERIFY(json.value(u"FileUri"_s).isString());
    QVERIFY(json.value(u"ThumbnailUri"_s).isString());
}

void TestAttachment::jsonAddsContentHashWhenSet()
{
    Attachment attachment = Attachment::describe(u"a.pdf"_s, 10, utc(2020, 1, 2, 3, 4, 5));
    attachment.contentHash = u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
    const QJsonObject json = attachment.toKashFlowJson();
    QCOMPARE(keysOf(json), CoreTest::kashFlowKeys() + QSet<QString> { u"ContentHash"_s });
    QCOMPARE(json.value(u"ContentHash"_s).toString(), attachment.contentHash);
}

void TestAttachment::jsonDateIsUtcInKashFlowFormat()
{
    Attachment attachment;
    // 09:05:07 at UTC+2 is 07:05:07 UTC; single digits are zero-padded.
    attachment.lastModifiedDate = QDateTime(QDate(2021, 2, 3), QTime(9, 5, 7), QTimeZone(2 * 3600));
    QCOMPARE(attachment.toKashFlowJson().value(u"LastModifiedDate"_s).toString(), u"2021-02-03 07:05:07"_s);
}

void TestAttachment::jsonRoundTrip()
{
    Attachment attachment = Attachment::describe(u"Kvitto åäö.jpg"_s, 164391, utc(2008, 3, 11, 12, 0, 0));
    attachment.fileUri = u"file:///tmp/Invoices/4455/Kvitto%20%C3%A5%C3%A4%C3%B6.jpg"_s;
    attachment.thumbnailUri = u"https://example.org/thumb?x=1&y=2"_s;
    attachment.contentHash = u"1cd6ef71e6e0ff46ad2609d403dc3fee244417089aa4461245a4e4fe23a55e42"_s;

    const QByteArray text = QJsonDocument(attachment.toKashFlowJson()).toJson();
    const Attachment parsed = Attachment::fromKashFlowJson(QJsonDocument::fromJson(text).object());
    QCOMPARE(parsed.icon, attachment.icon);
    QCOMPARE(parsed.name, attachment.name);
    QCOMPARE(parsed.lastModifiedDate, attachment.lastModifiedDate);
    QCOMPARE(parsed.sizeInBytes, attachment.sizeInBytes);
    QCOMPARE(parsed.sizeToBeDisplayed, attachment.sizeToBeDisplayed);
    QCOMPARE(parsed.isThumbnailAvailable, attachment.isThumbnailAvailable);
    QCOMPARE(parsed.fileUri, attachment.fileUri);
    QCOMPARE(parsed.thumbnailUri, attachment.thumbnailUri);
    QCOMPARE(parsed.contentHash, attachment.contentHash);
    QVERIFY(parsed == attachment);
}

void TestAttachment::parsesKashFlowSeedRecord()
{
    const QJsonObject record = seedRecord();
    QVERIFY2(!record.isEmpty(), "tests/data/kashflow-file-record.json is missing or not a JSON object");

    const Attachment attachment = Attachment::fromKashFlowJson(record);
    QCOMPARE(attachment.icon, u"page_white_picture"_s);
    QCOMPARE(attachment.name, u"76643107_13e683ad6f.jpg"_s);
    QCOMPARE(attachment.sizeInBytes, qint64(164391));
    QCOMPARE(attachment.sizeToBeDisplayed, u"160.5 KB"_s);
    QCOMPARE(attachment.sizeToBeDisplayed, FileKind::displaySize(attachment.sizeInBytes));
    QCOMPARE(attachment.lastModifiedDate, utc(2008, 3, 11, 12, 0, 0));
    QCOMPARE(attachment.isThumbnailAvailable, true);
    QCOMPARE(attachment.isThumbnailAvailable, FileKind::isThumbnailFormat(attachment.name));
    QCOMPARE(attachment.icon, FileKind::iconName(attachment.name));
    // "\/" in the JSON text is just "/".
    QVERIFY(attachment.fileUri.startsWith(
        u"https://api-content.dropbox.com/1/files/sandbox/Invoices/4455/76643107_13e683ad6fnw123.jpg?"_s));
    QVERIFY(attachment.thumbnailUri.startsWith(
        u"https://api-content.dropbox.com/1/thumbnails/sandbox/Invoices/4455/76643107_13e683ad6fnw123.jpg?"_s));
    QVERIFY(attachment.fileUri.endsWith(u"oauth_signature=3%2FdLVsCIudp3fD2ZimlNlwatFzI%3D"_s));
    QVERIFY(attachment.contentHash.isEmpty());
}

void TestAttachment::seedRecordSurvivesRoundTrip()
{
    const QJsonObject record = seedRecord();
    QVERIFY(!record.isEmpty());
    // Reading and writing KashFlow's record loses and adds nothing.
    const QJsonObject written = Attachment::fromKashFlowJson(record).toKashFlowJson();
    QCOMPARE(keysOf(written), keysOf(record));
    for (const QString& key : record.keys())
        QVERIFY2(written.value(key) == record.value(key), qPrintable(key));
}

void TestAttachment::equality()
{
    const Attachment a = Attachment::describe(u"a.pdf"_s, 10, utc(2020, 1, 1, 0, 0, 0));
    Attachment b = a;
    QVERIFY(a == b);
    QVERIFY(!(a != b));
    b.contentHash = u"x"_s;
    QVERIFY(a != b);
    b = a;
    b.fileUri = u"file:///x"_s;
    QVERIFY(a != b);
}

QTEST_GUILESS_MAIN(TestAttachment)
#include "TestAttachment.moc"
