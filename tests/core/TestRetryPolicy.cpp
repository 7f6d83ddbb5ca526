#include "RetryPolicy.h"

#include <QTest>

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void backoffGrowsWithinItsCap();
    void retryAfterSeconds();
    void retryAfterHttpDate();
    void retryAfterUnreadable();
};

void TestRetryPolicy::backoffGrowsWithinItsCap()
{
    RetryPolicy policy;
    policy.baseDelayMs = 100;
    policy.maxDelayMs = 1000;
    QRandomGenerator random(42);
    int largestFirst = 0;
    int largestLate = 0;
    for (int i = 0; i < 500; ++i) {
        const int first = policy.backoffDelayMs(1, &random);
        const int late = policy.backoffDelayMs(12, &random);
        QVERIFY(first >= 0 && first <= 100);
        QVERIFY(late >= 0 && late <= 1000);
        largestFirst = std::max(largestFirst, first);
        largestLate = std::max(largestLate, late);
    }
    // Jitter spreads the waits; the later cap is the maximum, not the base.
    QVERIFY(largestLate > 100);
    QVERIFY(largestFirst > 0);
}

void TestRetryPolicy::retryAfterSeconds()
{
    QCOMPARE(RetryPolicy::retryAfterMs("5"), 5000);
    QCOMPARE(RetryPolicy::retryAfterMs(" 0 "), 0);
    QCOMPARE(RetryPolicy::retryAfterMs("300"), 300000);
}

void TestRetryPolicy::retryAfterHttpDate()
{
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(120);
    const QByteArray header
        = QLocale::c().toString(later, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " GMT";
    const int ms = RetryPolicy::retryAfterMs(header);
    QVERIFY2(ms > 100000 && ms <= 120000, header.constData());
    QCOMPARE(RetryPolicy::retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT"), 0);
}

void TestRetryPolicy::retryAfterUnreadable()
{
    QCOMPARE(RetryPolicy::retryAfterMs(""), -1);
    QCOMPARE(RetryPolicy::retryAfterMs("soon"), -1);
    QCOMPARE(RetryPolicy::retryAfterMs("-3"), -1);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "TestRetryPolicy.moc"
