// NameRules: which names may become one path component, and Dropbox-style numbered names.

#include "NameRules.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// A name of 255 bytes, the most a file system takes.
QString longest()
{
    return QString(251, u'a') + u".pdf"_s;
}
} // namespace

class TestNameRules : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void refuses_data();
    void refuses();
    void saysWhatIsWrong_data();
    void saysWhatIsWrong();
    void printableNamesHaveNoBreaks();
    void usable_data();
    void usable();
    void numbered_data();
    void numbered();
    void numberedNamesAreAcceptable();
    void nameOrNumbered_data();
    void nameOrNumbered();
};

void TestNameRules::accepts_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << u"receipt.pdf"_s;
    QTest::newRow("number") << u"4455"_s;
    QTest::newRow("unicode") << u"Kvitto åäö.pdf"_s;
    QTest::newRow("inner spaces") << u"March  receipt (copy).pdf"_s;
    QTest::newRow("dot file") << u".env"_s;
    QTest::newRow("three dots") << u"..."_s;
    QTest::newRow("emoji") << u"🧾 receipt.pdf"_s;
    QTest::newRow("255 ascii bytes") << QString(255, u'a');
    // 127 × 2 bytes: long in bytes, still within the limit.
    QTest::newRow("254 utf8 bytes") << QString(127, u'å');
}

void TestNameRules::accepts()
{
    QFETCH(QString, name);
    QCOMPARE(NameRules::problem(name), QString());
}

void TestNameRules::refuses_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("space") << u" "_s;
    QTest::newRow("spaces and tab") << u" \t "_s;
    QTest::newRow("dot") << u"."_s;
    QTest::newRow("dot dot") << u".."_s;
    QTest::newRow("slash") << u"a/b"_s;
    QTest::newRow("parent path") << u"../x"_s;
    QTest::newRow("backslash") << u"a\\b"_s;
    QTest::newRow("newline") << u"a\nb.pdf"_s;
    QTest::newRow("carriage return") << u"a\rb.pdf"_s;
    QTest::newRow("control 0x01") << u"a\x01"_s;
    QTest::newRow("nul") << QString(u"a\0b"_s);
    QTest::newRow("zero width space") << u"a\u200Bb.pdf"_s;
    QTest::newRow("line separator") << u"a\u2028b.pdf"_s;
    QTest::newRow("paragraph separator") << u"a\u2029b.pdf"_s;
    QTest::newRow("lone high surrogate") << QString(u"a"_s + QChar(0xD83E) + u".pdf"_s);
    QTest::newRow("lone low surrogate") << QString(QChar(0xDDFE) + u"b.pdf"_s);
    QTest::newRow("swapped pair") << QString(u"a"_s + QChar(0xDDFE) + QChar(0xD83E));
    QTest::newRow("leading space") << u" receipt.pdf"_s;
    QTest::newRow("trailing space") << u"receipt.pdf "_s;
    QTest::newRow("256 ascii bytes") << QString(256, u'a');
    // 128 characters but 256 bytes in UTF-8: the limit is in bytes.
    QTest::newRow("256 utf8 bytes") << QString(128, u'å');
}

void TestNameRules::refuses()
{
    QFETCH(QString, name);
    QVERIFY2(!NameRules::problem(name).isEmpty(), qPrintable(name));
}

void TestNameRules::saysWhatIsWrong_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("why");
    QTest::newRow("slash") << u"a/b.pdf"_s << u"contains a slash"_s;
    QTest::newRow("backslash") << u"a\\b.pdf"_s << u"contains a backslash"_s;
    QTest::newRow("control") << u"a\tb.pdf"_s << u"contains a control character"_s;
    QTest::newRow("half a pair") << QString(u"a"_s + QChar(0xD83E) + u".pdf"_s) << u"character that is not text"_s;
    // Only the half is marked, not the same half within a whole pair.
    QTest::newRow("half a pair after a whole one") << QString(u"🧾"_s + QChar(0xD83E) + u".pdf"_s)
                                                   << QString(u"“🧾"_s + QChar::ReplacementCharacter + u".pdf”"_s);
    QTest::newRow("space") << u"a.pdf "_s << u"begins or ends with a space"_s;
    QTest::newRow("long") << QString(256, u'a') << u"is too long"_s;
}

void TestNameRules::saysWhatIsWrong()
{
    QFETCH(QString, name);
    QFETCH(QString, why);
    const QString problem = NameRules::problem(name);
    QVERIFY2(problem.contains(why), qPrintable(problem));
}

void TestNameRules::usable_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("usable");
    QTest::newRow("fine as it is") << u"Kvitto åäö 🧾.pdf"_s << u"Kvitto åäö 🧾.pdf"_s;
    QTest::newRow("backslash") << u"March\\April.pdf"_s << u"March_April.pdf"_s;
    QTest::newRow("spaces at the ends") << u"  receipt.pdf \t"_s << u"receipt.pdf"_s;
    QTest::newRow("newline") << u"line one\nline two.pdf"_s << u"line one line two.pdf"_s;
    QTest::newRow("line separator") << u"a\u2028b.pdf"_s << u"a b.pdf"_s;
    QTest::newRow("zero width space") << u"a\u200Bb.pdf"_s << u"ab.pdf"_s;
    QTest::newRow("half a pair") << QString(u"a"_s + QChar(0xD83E) + u".pdf"_s) << u"a.pdf"_s;
    QTest::newRow("nothing left") << u" \u200B "_s << QString();
    QTest::newRow("dots") << u" .. "_s << QString();
}

void TestNameRules::printableNamesHaveNoBreaks()
{
    QCOMPARE(NameRules::printable(u"line one\nline two\u200B.pdf"_s), u"line one\uFFFDline two\uFFFD.pdf"_s);
    QCOMPARE(NameRules::printable(QString(u"🧾"_s + QChar(0xD83E))),
             QString(u"🧾"_s + QChar::ReplacementCharacter));
    QCOMPARE(NameRules::printable(u"Kvitto åäö.pdf"_s), u"Kvitto åäö.pdf"_s);
}

void TestNameRules::usable()
{
    QFETCH(QString, name);
    QFETCH(QString, usable);
    QCOMPARE(NameRules::usable(name), usable);
    if (!usable.isEmpty())
        QCOMPARE(NameRules::problem(usable), QString());
}

void TestNameRules::numbered_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("expected");
    QTest::newRow("pdf") << u"receipt.pdf"_s << 2 << u"receipt (2).pdf"_s;
    QTest::newRow("pdf 3") << u"receipt.pdf"_s << 3 << u"receipt (3).pdf"_s;
    QTest::newRow("pdf 10") << u"receipt.pdf"_s << 10 << u"receipt (10).pdf"_s;
    QTest::newRow("no extension") << u"noext"_s << 2 << u"noext (2)"_s;
    QTest::newRow("dot file") << u".env"_s << 2 << u".env (2)"_s;
    QTest::newRow("two dots") << u"a.b.pdf"_s << 2 << u"a.b (2).pdf"_s;
    QTest::newRow("unicode") << u"Kvitto åäö.pdf"_s << 2 << u"Kvitto åäö (2).pdf"_s;
    // At the limit of 255 bytes the stem gives way, a whole character at a time.
    QTest::newRow("longest") << longest() << 2 << QString(247, u'a') + u" (2).pdf"_s;
    QTest::newRow("longest, 10") << longest() << 10 << QString(246, u'a') + u" (10).pdf"_s;
    QTest::newRow("two-byte characters") << QString(125, u'å') + u".pdf"_s << 2 << QString(123, u'å') + u" (2).pdf"_s;
    // Past its last dot a long name has text, not an extension: that text gives way too.
    QTest::newRow("dot early in a long name")
        << u"2024."_s + QString(250, u'f') << 2 << u"2024."_s + QString(246, u'f') + u" (2)"_s;
    QTest::newRow("surrogate pairs") << u"😀"_s.repeated(62) + u".pdf"_s << 2 << u"😀"_s.repeated(61) + u" (2).pdf"_s;
}

void TestNameRules::numbered()
{
    QFETCH(QString, name);
    QFETCH(int, n);
    QFETCH(QString, expected);
    QCOMPARE(NameRules::numbered(name, n), expected);
}

void TestNameRules::numberedNamesAreAcceptable()
{
    const QStringList names { u"receipt.pdf"_s, u"noext"_s,         u".env"_s,
                              longest(),        QString(255, u'x'), u"😀"_s.repeated(63) + u".pdf"_s };
    for (const QString& name : names) {
        for (int n : { 2, 10, 1000 })
            QCOMPARE(NameRules::problem(NameRules::numbered(name, n)), QString());
    }
}

void TestNameRules::nameOrNumbered_data()
{
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("expected");
    QTest::newRow("same") << u"receipt.pdf"_s << u"receipt.pdf"_s << true;
    QTest::newRow("case") << u"Receipt.PDF"_s << u"receipt.pdf"_s << true;
    QTest::newRow("numbered") << u"receipt (1).pdf"_s << u"receipt.pdf"_s << true;
    QTest::newRow("two digits") << u"receipt (12).pdf"_s << u"receipt.pdf"_s << true;
    QTest::newRow("no extension") << u"README (2)"_s << u"README"_s << true;
    QTest::newRow("dot file") << u".env (2)"_s << u".env"_s << true;
    QTest::newRow("other name") << u"receipts.pdf"_s << u"receipt.pdf"_s << false;
    QTest::newRow("other extension") << u"receipt (1).png"_s << u"receipt.pdf"_s << false;
    QTest::newRow("no number") << u"receipt ().pdf"_s << u"receipt.pdf"_s << false;
    QTest::newRow("not a number") << u"receipt (x).pdf"_s << u"receipt.pdf"_s << false;
    QTest::newRow("signed") << u"receipt (+1).pdf"_s << u"receipt.pdf"_s << false;
    QTest::newRow("spaced") << u"receipt ( 1).pdf"_s << u"receipt.pdf"_s << false;
    QTest::newRow("zero-led") << u"receipt (01).pdf"_s << u"receipt.pdf"_s << false;
    QTest::newRow("shortened") << NameRules::numbered(longest(), 3) << longest() << true;
    QTest::newRow("shortened too far") << QString(200, u'a') + u" (3).pdf"_s << longest() << false;
}

void TestNameRules::nameOrNumbered()
{
    QFETCH(QString, candidate);
    QFETCH(QString, name);
    QFETCH(bool, expected);
    QCOMPARE(NameRules::isNameOrNumbered(candidate, name), expected);
}

QTEST_GUILESS_MAIN(TestNameRules)
#include "TestNameRules.moc"
