// The shared request machinery against the emulator's fault injection: what is retried, how often,
// how long it waits, and what is given back.

#include "DropboxEmulator.h"
#include "FaultInjector.h"
#include "HttpCall.h"
#include "RequestAuthenticator.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
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
    void renewsExpiredCredentialsOnce();
    void unreachableServerIsANetworkError();
    void abortFinishesCancelled();

private:
    HttpResponse run(HttpCall& call, int timeout = 30000);
    HttpRequest accountRequest() const;

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
    // A port that was free a moment ago: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
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

QTEST_GUILESS_MAIN(TestHttpCall)
#include "TestHttpCall.moc"
