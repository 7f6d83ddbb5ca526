// NaturalOrder: "2" before "10", case ignored, whatever the system locale.

#include "NaturalOrder.h"

#include <QStringList>
#include <QTest>

#include <algorithm>
#include <random>

using namespace Qt::StringLiterals;

class TestNaturalOrder : public QObject
{
    Q_OBJECT

private slots:
    void compare_data();
    void compare();
    void sortsAList();
};

void TestNaturalOrder::compare_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("sign");
    QTest::newRow("2 < 10") << u"2.pdf"_s << u"10.pdf"_s << -1;
    QTest::newRow("inner numbers") << u"file9b"_s << u"file10a"_s << -1;
    QTest::newRow("same number, then text") << u"file10a"_s << u"file10b"_s << -1;
    QTest::newRow("case ignored") << u"apple"_s << u"Banana"_s << -1;
    QTest::newRow("case ignored reversed") << u"Banana"_s << u"apple"_s << 1;
    QTest::newRow("prefix first") << u"ab"_s << u"abc"_s << -1;
    QTest::newRow("empty first") << QString() << u"a"_s << -1;
    QTest::newRow("longer than 64 bits") << u"99999999999999999999"_s << u"100000000000000000000"_s << -1;
    QTest::newRow("leading zeros by value") << u"007"_s << u"10"_s << -1;
    QTest::newRow("equal") << u"Invoice 12.pdf"_s << u"Invoice 12.pdf"_s << 0;
}

void TestNaturalOrder::compare()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, sign);
    const auto signOf = [](int value) { return (value > 0) - (value < 0); };
    QCOMPARE(signOf(NaturalOrder::compare(a, b)), sign);
    // Antisymmetric, so that sorting is well defined.
    QCOMPARE(signOf(NaturalOrder::compare(b, a)), -sign);
    QCOMPARE(NaturalOrder::less(a, b), sign < 0);
}

void TestNaturalOrder::sortsAList()
{
    const QStringList expected = { u"1.pdf"_s, u"02.pdf"_s, u"2.pdf"_s,  u"10.pdf"_s,  u"100.pdf"_s,
                                   u"a.pdf"_s, u"A1.pdf"_s, u"a2.pdf"_s, u"A10.pdf"_s, u"b.pdf"_s };
    QStringList names = expected;
    std::mt19937 random(42);
    // Every starting order gives the same result: the order is total (equal numbers fall back to the text).
    for (int round = 0; round < 20; ++round) {
        std::shuffle(names.begin(), names.end(), random);
        std::sort(names.begin(), names.end(), NaturalOrder::less);
        QCOMPARE(names, expected);
    }
}

QTEST_GUILESS_MAIN(TestNaturalOrder)
#include "TestNaturalOrder.moc"
