// The shared request machinery against the emulator's fault injection: what is retried, how often,
// how long it waits, and what is given back.

#include "DropboxEmulator.h"
#include "FaultInjector.h"
#include "FortnoxEmulator.h"
#include "HttpCall.h"
#include "RequestAuthenticator.h"
#include "RequestThrottle.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Signs with a fixed bearer token and counts renewals.
class FixedTokenAuthenticator : public RequestAuthenticator
{
public:
    explicit FixedTokenAuthenticator(DropboxEmulator* emulator)
        : m_emulator(emulator)
    { }

    void ensureAuthorized(QObject*, Ready ready) override
    {
        if (m_token.isEmpty())
            m_token = m_emulator->issueAccessToken();
        ready({}, false);
    }
    void authorize(QNetworkRequest& request) const override
    {
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    }
    bool isExpiredCredentials(const HttpResponse& response) const override
    {
        return response.status == 401 && response.body.contains("expired_access_token");
    }
    void invalidate() override
    {
        ++renewals;
        m_token.clear();
    }

    int renewals = 0;

private:
    DropboxEmulator* m_emulator;
    QString m_token;
};
} // namespace

class TestHttpCall : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void succeedsAtOnce();
    void waitsForRetryAfter();
    void retriesServerErrorsWithBackoff();
    void givesUpAfterMaxAttempts();
    void doesNotRetryClientErrors();
    void idleConnectionIsDroppedAndRetried();
    void droppedConnectionIsRetried();
    void unrepeatableRequestIsNotSentAgainOnceItMayHaveArrived();
    void unrepeatableRequestIsSentAgainWhereItCannotHaveArrived();
    void renewsExpiredCredentialsOnce();
    void unreachableServerIsANetworkError();
    void abortFinishesCancelled();
    void throttlesEveryAttempt();
    void abortWhileWaitingForTheThrottle();
    void rateLimitWithoutRetryAfterBacksOff();
    void answerThatCannotBeReadIsNoSuccess();
    void answerThatIsNotTheOneAskedForIsNoSuccess();

private:
    HttpResponse run(HttpCall& call, int timeout = 30000);
    HttpRequest accountRequest() const;
    // A port that was free a moment ago: nothing listens there. 0 when none could be found.
    static quint16 unusedPort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
    }

    std::unique_ptr<DropboxEmulator> m_emulator;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FixedTokenAuthenticator> m_authenticator;
    RetryPolicy m_fast;
};

void TestHttpCall::init()
{
    m_emulator = std::make_unique<DropboxEmulator>();
    QVERIFY(m_emulator->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_authenticator = std::make_unique<FixedTokenAuthenticator>(m_emulator.get());
    m_fast.baseDelayMs = 10;
    m_fast.maxDelayMs = 50;
    m_fast.maxAttempts = 4;
}

void TestHttpCall::cleanup()
{
    m_authenticator.reset();
    m_network.reset();
    m_emulator.reset();
}

HttpRequest TestHttpCall::accountRequest() const
{
    HttpRequest request;
    request.url = m_emulator->baseUrl().resolved(QUrl(u"/2/users/get_current_account"_s));
    request.setHeader("Content-Type", "application/json");
    request.body = "null";
    return request;
}

HttpResponse TestHttpCall::run(HttpCall& call, int timeout)
{
    QSignalSpy finished(&call, &HttpCall::finished);
    call.start();
    if (finished.isEmpty() && !finished.wait(timeout))
        return {};
    return finished.first().first().value<HttpResponse>();
}

void TestHttpCall::succeedsAtOnce()
{
    HttpCall call(m_network.get(), accountRequest(), m_authenticator.get());
    const HttpResponse response = run(call);
    QCOMPARE(response.status, 200);
    QVERIFY(response.body.contains("account_id"));
    QCOMPARE(call.attempts(), 1);
}

void TestHttpCall::waitsForRetryAfter()
{
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::rateLimited(1, true));
    HttpCall call(m_network.get(), accountRequest(), m_authenticator.get());
    call.setRetryPolicy(m_fast);
    QSignalSpy retrying(&call, &HttpCall::retrying);
    const HttpResponse response = run(call);
    QCOMPARE(response.status, 200);
    QCOMPARE(call.attempts(), 2);
    // The server's delay, not the short backoff of the policy.
    QCOMPARE(retrying.first().first().toInt(), 1000);
}

void TestHttpCall::retriesServerErrorsWithBackoff()
{
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::serverError(500), 2);
    HttpCall call(m_network.get(), accountRequest(), m_authenticator.get());
    call.setRetryPolicy(m_fast);
    QSignalSpy retrying(&call, &HttpCall::retrying);
    const HttpResponse response = run(call);
    QCOMPARE(response.status, 200);
    QCOMPARE(call.attempts(), 3);
    QCOMPARE(retrying.count(), 2);
    for (const QList<QVariant>& retry : retrying)
        QVERIFY(retry.first().toInt() <= m_fast.maxDelayMs);
}

void TestHttpCall::givesUpAfterMaxAttempts()
{
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::serverError(503), 10);
    HttpCall call(m_network.get(), accountRequest(), m_authenticator.get());
    call.setRetryPolicy(m_fast);
    const HttpResponse response = run(call);
    QCOMPARE(response.status, 503);
    QCOMPARE(call.attempts(), m_fast.maxAttempts);
}

void TestHttpCall::answerThatIsNotTheOneAskedForIsNoSuccess()
{
    HttpRequest request = accountRequest();
    request.isExpectedAnswer = [](const HttpResponse& response) { return response.body.contains("account_id"); };

    // A captive portal's page in place of the answer is asked past; the server's own answer then counts.
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::portal());
    HttpCall passing(m_network.get(), request, m_authenticator.get());
    passing.setRetryPolicy(m_fast);
    const HttpResponse answered = run(passing);
    QVERIFY(answered.isSuccess());
    QVERIFY(answered.body.contains("account_id"));
    QCOMPARE(passing.attempts(), 2);

    // Only the portal answering: a failure that says so, not a success with its page.
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::portal(), 10);
    HttpCall portal(m_network.get(), request, m_authenticator.get());
    portal.setRetryPolicy(m_fast);
    const HttpResponse failed = run(portal);
    QVERIFY(!failed.isSuccess());
    QVERIFY(failed.isNetworkFailure());
    QCOMPARE(failed.status, 200);
    QVERIFY2(failed.errorString.contains(u"sign-in page"_s), qPrintable(failed.errorString));
    QCOMPARE(portal.attempts(), m_fast.maxAttempts);
}

void TestHttpCall::doesNotRetryClientErrors()
{
    HttpRequest request = accountRequest();
    request.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
    HttpCall call(m_network.get(), request, m_authenticator.get());
    call.setRetryPolicy(m_fast);
    const HttpResponse response = run(call);
    QCOMPARE(response.status, 400);
    QCOMPARE(call.attempts(), 1);
}

void TestHttpCall::idleConnectionIsDroppedAndRetried()
{
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::slow(20000));
    HttpRequest request = accountRequest();
    request.idleTimeoutMs = 300;
    HttpCall call(m_network.get(), request, m_authenticator.get());
    call.setRetryPolicy(m_fast);
    QSignalSpy retrying(&call, &HttpCall::retrying);
    const HttpResponse response = run(call);
    QCOMPARE(response.status, 200);
    QCOMPARE(call.attempts(), 2);
    QCOMPARE(retrying.first().at(1).toString(), u"The server stopped responding."_s);
}

void TestHttpCall::droppedConnectionIsRetried()
{
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::dropConnection(5));
    HttpCall call(m_network.get(), accountRequest(), m_authenticator.get());
    call.setRetryPolicy(m_fast);
    const HttpResponse response = run(call);
    QCOMPARE(response.status, 200);
    QVERIFY(response.body.contains("account_id"));
    QCOMPARE(call.attempts(), 2);
}

void TestHttpCall::unrepeatableRequestIsNotSentAgainOnceItMayHaveArrived()
{
    HttpRequest request = accountRequest();
    request.repeatable = false;
    // Carried out, its answer cut short: whether to send it again is the caller's to find out.
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::dropConnection(5));
    HttpCall dropped(m_network.get(), request, m_authenticator.get());
    dropped.setRetryPolicy(m_fast);
    const HttpResponse cut = run(dropped);
    QVERIFY(cut.isNetworkFailure());
    QVERIFY(!cut.errorString.isEmpty());
    QCOMPARE(dropped.attempts(), 1);

    // A 500 may come after the work was done.
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::serverError(500));
    HttpCall failed(m_network.get(), request, m_authenticator.get());
    failed.setRetryPolicy(m_fast);
    QCOMPARE(run(failed).status, 500);
    QCOMPARE(failed.attempts(), 1);

    // And so may a silence.
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::slow(20000));
    request.idleTimeoutMs = 300;
    HttpCall silent(m_network.get(), request, m_authenticator.get());
    silent.setRetryPolicy(m_fast);
    QVERIFY(run(silent).isNetworkFailure());
    QCOMPARE(silent.attempts(), 1);
}

void TestHttpCall::unrepeatableRequestIsSentAgainWhereItCannotHaveArrived()
{
    HttpRequest request = accountRequest();
    request.repeatable = false;
    // Unavailable, rate-limited and expired are answers instead of the work.
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::serverError(503));
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::rateLimited(0));
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::expiredToken());
    HttpCall refused(m_network.get(), request, m_authenticator.get());
    refused.setRetryPolicy(m_fast);
    QCOMPARE(run(refused).status, 200);
    QCOMPARE(refused.attempts(), 3);
    QCOMPARE(m_authenticator->renewals, 1);

    // Nothing listening: never reached.
    const quint16 port = unusedPort();
    QVERIFY(port > 0);
    request.url.setPort(port);
    HttpCall unreachable(m_network.get(), request, m_authenticator.get());
    unreachable.setRetryPolicy(m_fast);
    QCOMPARE(run(unreachable).networkError, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(unreachable.attempts(), m_fast.maxAttempts);
}

void TestHttpCall::renewsExpiredCredentialsOnce()
{
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::expiredToken());
    HttpCall once(m_network.get(), accountRequest(), m_authenticator.get());
    QCOMPARE(run(once).status, 200);
    QCOMPARE(m_authenticator->renewals, 1);

    // Expired again right after renewing: something else is wrong, and it is not renewed in a loop.
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::expiredToken(), 2);
    HttpCall twice(m_network.get(), accountRequest(), m_authenticator.get());
    QCOMPARE(run(twice).status, 401);
    QCOMPARE(m_authenticator->renewals, 2);
}

void TestHttpCall::unreachableServerIsANetworkError()
{
    const quint16 port = unusedPort();
    QVERIFY(port > 0);
    HttpRequest request = accountRequest();
    request.url.setPort(port);
    HttpCall call(m_network.get(), request, m_authenticator.get());
    call.setRetryPolicy(m_fast);
    const HttpResponse response = run(call);
    QVERIFY(!response.hasHttpStatus());
    QCOMPARE(response.networkError, QNetworkReply::ConnectionRefusedError);
    QVERIFY(!response.errorString.isEmpty());
    QCOMPARE(call.attempts(), m_fast.maxAttempts);
}

void TestHttpCall::abortFinishesCancelled()
{
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::slow(20000));
    HttpCall call(m_network.get(), accountRequest(), m_authenticator.get());
    QSignalSpy finished(&call, &HttpCall::finished);
    QSignalSpy received(m_emulator.get(), &EmulatorServer::requestReceived);
    call.start();
    QVERIFY(received.wait());
    call.abort();
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.first().first().value<HttpResponse>().cancelled);
}

void TestHttpCall::throttlesEveryAttempt()
{
    // Expired credentials, a server error and a 429 (Retry-After: 0): four sends for one call.
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::expiredToken());
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::serverError(500));
    m_emulator->faults().add(u"/2/users/get_current_account"_s, FaultInjector::rateLimited(0));
    // One request in any 50 ms of a clock that only the test moves: each attempt waits until it does.
    std::chrono::nanoseconds now { 0 };
    RequestThrottle throttle(1, 50);
    throttle.setClock([&now] { return now; });
    HttpCall call(m_network.get(), accountRequest(), m_authenticator.get());
    call.setRetryPolicy(m_fast);
    call.setThrottle(&throttle);
    QSignalSpy finished(&call, &HttpCall::finished);
    call.start();
    for (int sent = 1; sent <= 3; ++sent) {
        // Answered, and the next attempt waits for its turn instead of going.
        QTRY_COMPARE(throttle.waiting(), 1);
        QCOMPARE(m_emulator->requests().size(), sent);
        now += std::chrono::milliseconds(throttle.windowMs());
        QTRY_COMPARE(m_emulator->requests().size(), sent + 1);
    }
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().value<HttpResponse>().status, 200);
    QCOMPARE(m_authenticator->renewals, 1);
    QCOMPARE(throttle.waiting(), 0);
}

void TestHttpCall::abortWhileWaitingForTheThrottle()
{
    RequestThrottle throttle(1, 60000);
    HttpCall first(m_network.get(), accountRequest(), m_authenticator.get());
    first.setThrottle(&throttle);
    QCOMPARE(run(first).status, 200);
    HttpCall second(m_network.get(), accountRequest(), m_authenticator.get());
    second.setThrottle(&throttle);
    QSignalSpy finished(&second, &HttpCall::finished);
    second.start();
    QCOMPARE(throttle.waiting(), 1);
    second.abort();
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.first().first().value<HttpResponse>().cancelled);
    // Its turn is given up, and was never taken: only the first call's place counts.
    QCOMPARE(throttle.waiting(), 0);
    QCOMPARE(throttle.occupied(), 1);
    QCOMPARE(m_emulator->requests().size(), 1);
}

void TestHttpCall::rateLimitWithoutRetryAfterBacksOff()
{
    // Fortnox answers its rate limit with a bare 429: no Retry-After, no delay in the body.
    FortnoxEmulator fortnox;
    QVERIFY(fortnox.listen());
    qint64 fortnoxNow = 0;
    fortnox.setRateLimitClock([&fortnoxNow] { return fortnoxNow; });
    fortnox.setRateLimit(1);
    HttpRequest request;
    request.method = "GET";
    request.url = fortnox.baseUrl().resolved(QUrl(u"/3/inbox"_s));
    request.setHeader("Accept", "application/json");
    request.setHeader("Authorization", "Bearer " + fortnox.issueAccessToken().toLatin1());
    request.authorized = false;
    RetryPolicy policy;
    policy.defaultRateLimitDelayMs = 100;
    policy.baseDelayMs = 20;
    policy.maxDelayMs = 1000;
    policy.maxAttempts = 4;
    RetryPolicy once = policy;
    once.maxAttempts = 1;

    HttpCall first(m_network.get(), request, nullptr);
    first.setRetryPolicy(once);
    QCOMPARE(run(first).status, 200);
    HttpCall refused(m_network.get(), request, nullptr);
    refused.setRetryPolicy(once);
    const HttpResponse bare = run(refused);
    QCOMPARE(bare.status, 429);
    QVERIFY(bare.header("retry-after").isEmpty());

    // Refused every time: each wait is at least the default, plus a share that may grow with each attempt.
    HttpCall stubborn(m_network.get(), request, nullptr);
    stubborn.setRetryPolicy(policy);
    QSignalSpy retrying(&stubborn, &HttpCall::retrying);
    QCOMPARE(run(stubborn).status, 429);
    QCOMPARE(stubborn.attempts(), policy.maxAttempts);
    QCOMPARE(retrying.count(), policy.maxAttempts - 1);
    for (int i = 0; i < retrying.count(); ++i) {
        const int delay = retrying.at(i).first().toInt();
        QVERIFY2(delay >= policy.defaultRateLimitDelayMs, qPrintable(QString::number(delay)));
        QVERIFY2(delay <= policy.defaultRateLimitDelayMs + (policy.baseDelayMs << i),
                 qPrintable(QString::number(delay)));
    }

    // The window moves on while the call waits: its retry is let in.
    HttpCall patient(m_network.get(), request, nullptr);
    patient.setRetryPolicy(policy);
    connect(&patient, &HttpCall::retrying, this,
            [&fortnoxNow] { fortnoxNow += FortnoxEmulatorRateLimit::DefaultWindowMs; });
    QCOMPARE(run(patient).status, 200);
    QCOMPARE(patient.attempts(), 2);
}

// A 200 whose body cannot be read (here gzip that is not gzip, which Qt fails as unknown content) is a failed attempt,
// retried, and never a success with an empty body.
void TestHttpCall::answerThatCannotBeReadIsNoSuccess()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int answered = 0;
    connect(&server, &QTcpServer::newConnection, &server, [&server, &answered] {
        while (QTcpSocket* socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &answered] {
                // The whole request is small; it is answered once its headers are in.
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                ++answered;
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                              "Content-Length: 16\r\n\r\nthis is no gzip!");
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    HttpRequest request = accountRequest();
    request.url = QUrl(u"http://127.0.0.1:%1/2/users/get_current_account"_s.arg(server.serverPort()));
    HttpCall call(m_network.get(), request, m_authenticator.get());
    call.setRetryPolicy(m_fast);
    const HttpResponse response = run(call);
    QVERIFY(!response.isSuccess());
    QCOMPARE(response.networkError, QNetworkReply::UnknownContentError);
    QVERIFY(!response.errorString.isEmpty());
    QCOMPARE(call.attempts(), m_fast.maxAttempts);
    QCOMPARE(answered, m_fast.maxAttempts);
}

QTEST_GUILESS_MAIN(TestHttpCall)
#include "TestHttpCall.moc"
