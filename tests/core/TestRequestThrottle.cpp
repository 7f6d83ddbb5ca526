// The sliding-window limiter on its own, on a clock the test sets, alone and with throttles that share a ledger (as
// the window and attache-cli do), and in front of HttpCall against the Fortnox emulator, whose limit of 25 requests
// in any 5 seconds runs on the real monotonic clock.

#include "FortnoxEmulator.h"
#include "HttpCall.h"
#include "RequestThrottle.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestRequestThrottle : public QObject
{
    Q_OBJECT

private slots:
    void init();

    // On a clock the test sets: every step is decided by the throttle's own time, not by the machine's pace.
    void acquiringWithRoomGoesAtOnce();
    void waitsUntilTheOldestPlaceLeavesTheWindow();
    void heldPlaceCountsUntilReleased();
    void servesInOrder();
    void newcomerWaitsBehindWaiters();
    void destroyedWaiterIsSkipped();
    void destroyedHolderReleasesItsPlace();
    // On the real clock, callers coming and going at random: a property of the times go was called at.
    void neverMoreThanMaxInAnyWindow();
    void throttlesSharingALedgerKeepToOneLimit();
    void placesOfAGoneProcessAreDropped();
    void unusableLedgerLeavesTheOwnCount();
    void releaseIsWrittenOnceTheLedgerIsFree();

    // HttpCall against the Fortnox emulator.
    void burstWithinTheLimitIsNeverRefused();
    void burstWithoutThrottleIsRefused();

private:
    // A named caller; its context holds its place until the test releases it or destroys the context.
    struct Caller
    {
        QString name;
        std::unique_ptr<QObject> context = std::make_unique<QObject>();
    };

    struct Burst
    {
        // In the order the calls finished.
        QList<int> statuses;
        int retries = 0;
    };

    // Puts the throttles on the test's clock and one ledger, as programs of one user are.
    void share(std::initializer_list<RequestThrottle*> throttles, const QString& ledger)
    {
        for (RequestThrottle* throttle : throttles) {
            throttle->setClock([this] { return m_now; });
            throttle->setSharedLedger(ledger);
        }
    }
    // Records the caller's name and the throttle's time when it goes.
    void acquire(RequestThrottle& throttle, Caller& caller);
    HttpRequest inboxRequest(const FortnoxEmulator& emulator, const QString& token) const;
    // Starts `count` calls to GET /3/inbox at once and waits for all of them.
    void burst(FortnoxEmulator& emulator, int count, RequestThrottle* throttle, const RetryPolicy& policy,
               Burst* result);

    std::chrono::nanoseconds m_now { 0 };
    QStringList m_order;
    QList<std::chrono::nanoseconds> m_times;
};

void TestRequestThrottle::init()
{
    m_now = 0ns;
    m_order.clear();
    m_times.clear();
}

void TestRequestThrottle::acquire(RequestThrottle& throttle, Caller& caller)
{
    throttle.acquire(caller.context.get(), [this, name = caller.name] {
        m_order.append(name);
        m_times.append(m_now);
    });
}

void TestRequestThrottle::acquiringWithRoomGoesAtOnce()
{
    RequestThrottle throttle(3, 1000);
    throttle.setClock([this] { return m_now; });
    Caller a { u"a"_s }, b { u"b"_s }, c { u"c"_s }, d { u"d"_s };
    acquire(throttle, a);
    QCOMPARE(m_order, QStringList { u"a"_s });
    acquire(throttle, b);
    acquire(throttle, c);
    QCOMPARE(m_order, (QStringList { u"a"_s, u"b"_s, u"c"_s }));
    QCOMPARE(throttle.occupied(), 3);
    // Full: the fourth waits.
    acquire(throttle, d);
    QCOMPARE(m_order.size(), 3);
    QCOMPARE(throttle.waiting(), 1);
}

void TestRequestThrottle::waitsUntilTheOldestPlaceLeavesTheWindow()
{
    RequestThrottle throttle(2, 50);
    throttle.setClock([this] { return m_now; });
    Caller a { u"a"_s }, b { u"b"_s }, c { u"c"_s };
    acquire(throttle, a);
    acquire(throttle, b);
    acquire(throttle, c);
    m_now = 10ms;
    throttle.release(a.context.get());
    m_now = 30ms;
    throttle.release(b.context.get());
    QCOMPARE(throttle.waiting(), 1);
    // Had c gone before the clock moved on, it would have gone at 30 ms.
    m_now = 60ms;
    QTRY_COMPARE(m_order.size(), 3);
    QCOMPARE(m_order.last(), u"c"_s);
    QCOMPARE(m_times.last(), 60ms);
    QCOMPARE(throttle.waiting(), 0);
    // b's place is still in the window until 80 ms, c's is held.
    QCOMPARE(throttle.occupied(), 2);
}

void TestRequestThrottle::heldPlaceCountsUntilReleased()
{
    RequestThrottle throttle(1, 10);
    throttle.setClock([this] { return m_now; });
    Caller a { u"a"_s }, b { u"b"_s }, c { u"c"_s };
    acquire(throttle, a);
    acquire(throttle, b);
    // Long past the window, but a's request has not been answered: the server may count it any moment.
    m_now = 1s;
    acquire(throttle, c);
    QCOMPARE(m_order, QStringList { u"a"_s });
    QCOMPARE(throttle.waiting(), 2);
    throttle.release(a.context.get());
    m_now = 1010ms;
    QTRY_COMPARE(m_order, (QStringList { u"a"_s, u"b"_s }));
    QCOMPARE(m_times.last(), 1010ms);
    // b holds its place now: c still waits.
    QCOMPARE(throttle.waiting(), 1);
}

void TestRequestThrottle::servesInOrder()
{
    RequestThrottle throttle(1, 10);
    throttle.setClock([this] { return m_now; });
    std::vector<Caller> callers;
    for (const QString& name : { u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s })
        callers.push_back({ name });
    for (Caller& caller : callers)
        acquire(throttle, caller);
    for (int i = 0; i + 1 < int(callers.size()); ++i) {
        QTRY_COMPARE(m_order.size(), i + 1);
        throttle.release(callers[i].context.get());
        m_now += 10ms;
    }
    QTRY_COMPARE(m_order, (QStringList { u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s }));
    QCOMPARE(m_times, (QList<std::chrono::nanoseconds> { 0ms, 10ms, 20ms, 30ms, 40ms }));
}

void TestRequestThrottle::newcomerWaitsBehindWaiters()
{
    RequestThrottle throttle(1, 10);
    throttle.setClock([this] { return m_now; });
    Caller a { u"a"_s }, b { u"b"_s }, c { u"c"_s };
    acquire(throttle, a);
    acquire(throttle, b);
    throttle.release(a.context.get());
    // There is room again, but b was first: c does not overtake it, though b's timer has not fired yet.
    m_now = 10ms;
    acquire(throttle, c);
    QCOMPARE(m_order, QStringList { u"a"_s });
    QTRY_COMPARE(m_order, (QStringList { u"a"_s, u"b"_s }));
    throttle.release(b.context.get());
    m_now = 20ms;
    QTRY_COMPARE(m_order, (QStringList { u"a"_s, u"b"_s, u"c"_s }));
}

void TestRequestThrottle::destroyedWaiterIsSkipped()
{
    RequestThrottle throttle(1, 10);
    throttle.setClock([this] { return m_now; });
    Caller a { u"a"_s }, b { u"b"_s }, c { u"c"_s };
    acquire(throttle, a);
    acquire(throttle, b);
    acquire(throttle, c);
    QCOMPARE(throttle.waiting(), 2);
    b.context.reset();
    QCOMPARE(throttle.waiting(), 1);
    throttle.release(a.context.get());
    m_now = 10ms;
    QTRY_COMPARE(m_order, (QStringList { u"a"_s, u"c"_s }));
    QCOMPARE(throttle.waiting(), 0);
}

void TestRequestThrottle::destroyedHolderReleasesItsPlace()
{
    RequestThrottle throttle(1, 10);
    throttle.setClock([this] { return m_now; });
    Caller a { u"a"_s }, b { u"b"_s };
    acquire(throttle, a);
    acquire(throttle, b);
    // Gone without releasing: its place counts from the moment it went.
    m_now = 5ms;
    a.context.reset();
    QCOMPARE(throttle.occupied(), 1);
    m_now = 15ms;
    QTRY_COMPARE(m_order, (QStringList { u"a"_s, u"b"_s }));
    QCOMPARE(m_times.last(), 15ms);
}

void TestRequestThrottle::neverMoreThanMaxInAnyWindow()
{
    constexpr int MaxRequests = 4;
    constexpr auto Window = 100ms;
    constexpr int Callers = 40;
    RequestThrottle throttle(MaxRequests, int(Window.count()));
    // The real clock, and the time of each go is the throttle's own reading it decided on.
    QElapsedTimer monotonic;
    monotonic.start();
    std::chrono::nanoseconds lastReading { 0 };
    throttle.setClock([&] { return lastReading = std::chrono::nanoseconds(monotonic.nsecsElapsed()); });

    QRandomGenerator random(4711);
    QList<std::chrono::nanoseconds> times;
    std::vector<std::unique_ptr<QObject>> contexts;
    for (int i = 0; i < Callers; ++i)
        contexts.push_back(std::make_unique<QObject>());
    for (int i = 0; i < Callers; ++i) {
        QObject* context = contexts[i].get();
        // Callers turn up over a while and hold their place for a while, as requests do.
        QTimer::singleShot(random.bounded(300), context, [&, context] {
            throttle.acquire(context, [&, context] {
                times.append(lastReading);
                QTimer::singleShot(random.bounded(30), context, [&throttle, context] { throttle.release(context); });
            });
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(times.size(), Callers, 60000);
    for (int i = 0; i + MaxRequests < times.size(); ++i) {
        // Any MaxRequests + 1 consecutive calls span at least the window.
        if (times[i + MaxRequests] - times[i] < Window)
            QFAIL(qPrintable(u"Calls %1 to %2 within %3 ns"_s.arg(i)
                                 .arg(i + MaxRequests)
                                 .arg((times[i + MaxRequests] - times[i]).count())));
    }
}

// Two throttles on one ledger, as two programs would be: together never more than the limit, and a place released by
// one counts for the window in the other.
void TestRequestThrottle::throttlesSharingALedgerKeepToOneLimit()
{
    QTemporaryDir dir;
    const QString ledger = dir.filePath(u"fortnox.requests"_s);
    RequestThrottle first(2, 50), second(2, 50), third(2, 50);
    share({ &first, &second, &third }, ledger);
    Caller a { u"a"_s }, b { u"b"_s }, c { u"c"_s }, d { u"d"_s };
    acquire(first, a);
    acquire(first, b);
    // The second throttle has room of its own, but not in the ledger.
    acquire(second, c);
    QCOMPARE(m_order, (QStringList { u"a"_s, u"b"_s }));
    QCOMPARE(second.waiting(), 1);
    m_now = 10ms;
    first.release(a.context.get());
    // Released, but in the window until 60 ms: a newcomer in a third program waits too.
    m_now = 40ms;
    acquire(third, d);
    QCOMPARE(third.waiting(), 1);
    QCOMPARE(m_order.size(), 2);
    // Then one of them goes, and only one: b still holds its place.
    m_now = 60ms;
    QTRY_COMPARE(m_order.size(), 3);
    QCOMPARE(m_times.last(), 60ms);
    QCOMPARE(second.waiting() + third.waiting(), 1);
}

// A place held by a process that has ended (killed in the middle of a request) does not count.
void TestRequestThrottle::placesOfAGoneProcessAreDropped()
{
    QTemporaryDir dir;
    const QString ledger = dir.filePath(u"fortnox.requests"_s);
    QProcess gone;
    gone.start(u"sleep"_s, { u"0.1"_s });
    QVERIFY(gone.waitForStarted());
    const QByteArray pid = QByteArray::number(gone.processId());
    QVERIFY(gone.waitForFinished());
    QFile file(ledger);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // "pid owner id takenAt releasedAt": held since the clock's start.
    file.write(pid + " 7 1 0 0\n" + pid + " 7 2 0 0\n");
    file.close();
    RequestThrottle throttle(2, 50);
    throttle.setClock([this] { return m_now; });
    throttle.setSharedLedger(ledger);
    Caller a { u"a"_s }, b { u"b"_s };
    acquire(throttle, a);
    acquire(throttle, b);
    QCOMPARE(m_order, (QStringList { u"a"_s, u"b"_s }));
    // This process's own held places are in the ledger in their stead.
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    for (const QByteArray& line : lines)
        QVERIFY2(line.startsWith(QByteArray(QByteArray::number(QCoreApplication::applicationPid()) + ' ')),
                 line.constData());
}

// A ledger that cannot be written (no such folder can be made): the throttle keeps to its own count, with a warning.
void TestRequestThrottle::unusableLedgerLeavesTheOwnCount()
{
    RequestThrottle throttle(2, 50);
    throttle.setClock([this] { return m_now; });
    throttle.setSharedLedger(u"/proc/attache-test/fortnox.requests"_s);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot be used"_s));
    Caller a { u"a"_s }, b { u"b"_s }, c { u"c"_s };
    acquire(throttle, a);
    acquire(throttle, b);
    acquire(throttle, c);
    QCOMPARE(m_order, (QStringList { u"a"_s, u"b"_s }));
    QCOMPARE(throttle.waiting(), 1);
}

// A release that comes while another program holds the ledger's lock is written when it is free again: the place
// does not stay taken for the others.
void TestRequestThrottle::releaseIsWrittenOnceTheLedgerIsFree()
{
    QTemporaryDir dir;
    const QString ledger = dir.filePath(u"fortnox.requests"_s);
    RequestThrottle first(1, 50), second(1, 50);
    share({ &first, &second }, ledger);
    Caller a { u"a"_s }, b { u"b"_s };
    acquire(first, a);
    QLockFile busy(ledger + u".lock"_s);
    QVERIFY(busy.lock());
    m_now = 10ms;
    first.release(a.context.get());
    busy.unlock();
    m_now = 70ms;
    acquire(second, b);
    QTRY_COMPARE(m_order, (QStringList { u"a"_s, u"b"_s }));
}

HttpRequest TestRequestThrottle::inboxRequest(const FortnoxEmulator& emulator, const QString& token) const
{
    HttpRequest request;
    request.method = "GET";
    request.url = emulator.baseUrl().resolved(QUrl(u"/3/inbox"_s));
    request.setHeader("Accept", "application/json");
    request.setHeader("Authorization", "Bearer " + token.toLatin1());
    // Signed by its own header: no authenticator.
    request.authorized = false;
    return request;
}

void TestRequestThrottle::burst(FortnoxEmulator& emulator, int count, RequestThrottle* throttle,
                                const RetryPolicy& policy, Burst* result)
{
    QNetworkAccessManager network;
    const HttpRequest request = inboxRequest(emulator, emulator.issueAccessToken());
    std::vector<std::unique_ptr<HttpCall>> calls;
    for (int i = 0; i < count; ++i) {
        auto call = std::make_unique<HttpCall>(&network, request, nullptr);
        call->setRetryPolicy(policy);
        call->setThrottle(throttle);
        connect(call.get(), &HttpCall::finished, this,
                [result](const HttpResponse& response) { result->statuses.append(response.status); });
        connect(call.get(), &HttpCall::retrying, this, [result] { ++result->retries; });
        calls.push_back(std::move(call));
    }
    // All at once, as a store that lists many folders or uploads many files starts them.
    for (const std::unique_ptr<HttpCall>& call : calls)
        call->start();
    QTRY_COMPARE_WITH_TIMEOUT(result->statuses.size(), count, 180000);
}

void TestRequestThrottle::burstWithinTheLimitIsNeverRefused()
{
    constexpr int Calls = 200;
    FortnoxEmulator emulator;
    QVERIFY(emulator.listen());
    RequestThrottle throttle(FortnoxEmulatorRateLimit::DefaultLimit, int(FortnoxEmulatorRateLimit::DefaultWindowMs));
    QElapsedTimer elapsed;
    elapsed.start();
    Burst result;
    burst(emulator, Calls, &throttle, RetryPolicy(), &result);
    if (QTest::currentTestFailed())
        return;
    qInfo("%d calls through the throttle in %lld ms", Calls, elapsed.elapsed());
    QCOMPARE(result.statuses.count(200), Calls);
    // Each call went once: the emulator refused none of them (a 429 would have been tried again).
    QCOMPARE(result.retries, 0);
    QCOMPARE(emulator.requests().size(), Calls);
}

void TestRequestThrottle::burstWithoutThrottleIsRefused()
{
    // The control: the same kind of burst, unpaced, meets the emulator's limit. One attempt each, so that every
    // refusal is an answer to count.
    constexpr int Calls = 40;
    FortnoxEmulator emulator;
    QVERIFY(emulator.listen());
    RetryPolicy once;
    once.maxAttempts = 1;
    Burst result;
    burst(emulator, Calls, nullptr, once, &result);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(result.statuses.count(429) > 0, "The emulator refused nothing: the burst test could not fail");
    QCOMPARE(result.statuses.count(200) + result.statuses.count(429), Calls);
    QCOMPARE(emulator.requests().size(), Calls);
}

QTEST_GUILESS_MAIN(TestRequestThrottle)
#include "TestRequestThrottle.moc"
