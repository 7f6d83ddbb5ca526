// ConnectivityMonitor: offline as one state, entered on a network failure and left on any answer.

#include "ConnectivityMonitor.h"

#include <QSignalSpy>
#include <QTest>

class TestConnectivityMonitor : public QObject
{
    Q_OBJECT

private slots:
    void networkFailureMeansOfflineOnce();
    void anyAnswerMeansOnline();
    void probesFollowOneAnother();
};

namespace {
RetryPolicy quickProbes()
{
    RetryPolicy policy;
    policy.baseDelayMs = 10;
    policy.maxDelayMs = 20;
    return policy;
}
} // namespace

void TestConnectivityMonitor::networkFailureMeansOfflineOnce()
{
    ConnectivityMonitor monitor;
    QVERIFY(monitor.isOnline());
    QSignalSpy changed(&monitor, &ConnectivityMonitor::onlineChanged);
    monitor.report(StoreReply::Error::None);
    QCOMPARE(changed.count(), 0);
    monitor.report(StoreReply::Error::Network);
    QVERIFY(!monitor.isOnline());
    // More failures while offline are the same state, not news.
    monitor.report(StoreReply::Error::Network);
    monitor.report(StoreReply::Error::Cancelled);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toBool(), false);
    QVERIFY(!monitor.isOnline());
}

void TestConnectivityMonitor::anyAnswerMeansOnline()
{
    const QList<StoreReply::Error> answers { StoreReply::Error::None, StoreReply::Error::Server,
                                             StoreReply::Error::NotFound, StoreReply::Error::SignedOut };
    for (StoreReply::Error answer : answers) {
        ConnectivityMonitor monitor;
        monitor.report(StoreReply::Error::Network);
        QSignalSpy changed(&monitor, &ConnectivityMonitor::onlineChanged);
        monitor.report(answer);
        QVERIFY(monitor.isOnline());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toBool(), true);
    }
}

void TestConnectivityMonitor::probesFollowOneAnother()
{
    ConnectivityMonitor monitor;
    monitor.setProbePolicy(quickProbes());
    QSignalSpy probes(&monitor, &ConnectivityMonitor::probeDue);
    monitor.report(StoreReply::Error::Network);
    QVERIFY(probes.wait());
    // One at a time: no second probe while the first has not answered.
    QVERIFY(!probes.wait(300));
    QCOMPARE(probes.count(), 1);
    // Each probe that fails is followed by another.
    for (int i = 2; i <= 3; ++i) {
        monitor.report(StoreReply::Error::Network);
        QVERIFY(probes.wait());
        QCOMPARE(probes.count(), i);
    }
    monitor.report(StoreReply::Error::None);
    probes.clear();
    QVERIFY(!probes.wait(300));
}

QTEST_GUILESS_MAIN(TestConnectivityMonitor)
#include "TestConnectivityMonitor.moc"
