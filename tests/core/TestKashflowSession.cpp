// KashflowSignIn and KashflowSession against the KashFlow emulator: the two-step sign-in with the memorable word,
// and a session KashFlow ended, signed in again silently once when the credentials were remembered.

#include "HttpCall.h"
#include "KashflowEmulator.h"
#include "KashflowSession.h"
#include "KashflowSignIn.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;

class TestKashflowSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void signsInWithTheMemorableWord();
    void wrongCharactersAreRefused();
    void signInNeverTakesAPortalsPageForKashflow();
    void wrongPasswordIsRefused();
    void charactersAtPositions();
    void endedSessionSignsInAgainSilently();
    void endedSessionWithoutRememberedCredentialsAsksToSignIn();
    void refusedRememberedCredentialsAskToSignIn();
    void rememberedCredentialsAreLoadedOnce();

private:
    QUrl base() const { return QUrl(m_emulator->baseUrl().toString() + u"/v2"_s); }
    // GET /v2/invoices signed by the session: the status KashFlow answered in the end.
    int listInvoices(KashflowSession& session);
    KashflowSession::Credentials credentials() const
    {
        return { m_emulator->userName(), m_emulator->password(), m_emulator->memorableWord() };
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<KashflowEmulator> m_emulator;
    // The plural forms ("3 characters") are in the English translation, as the app installs it.
    QTranslator m_english;
};

void TestKashflowSession::initTestCase()
{
    QVERIFY(m_english.load(u"attache_en"_s, u":/i18n"_s));
    QVERIFY(QCoreApplication::installTranslator(&m_english));
}

void TestKashflowSession::init()
{
    m_emulator = std::make_unique<KashflowEmulator>();
    m_emulator->seedSampleData();
    QVERIFY(m_emulator->listen());
}

void TestKashflowSession::cleanup()
{
    m_emulator.reset();
}

int TestKashflowSession::listInvoices(KashflowSession& session)
{
    HttpRequest request;
    request.method = "GET";
    request.url = QUrl(base().toString() + u"/invoices"_s);
    request.setHeader("Accept", "application/json");
    HttpCall call(&m_network, request, &session);
    QSignalSpy finished(&call, &HttpCall::finished);
    call.start();
    if (!finished.wait(30000))
        return -1;
    return finished.first().first().value<HttpResponse>().status;
}

void TestKashflowSession::signsInWithTheMemorableWord()
{
    KashflowSignIn signIn(&m_network, base());
    QSignalSpy positions(&signIn, &KashflowSignIn::positionsRequested);
    QSignalSpy signedIn(&signIn, &KashflowSignIn::signedIn);
    QSignalSpy failed(&signIn, &KashflowSignIn::failed);
    signIn.start(m_emulator->userName(), m_emulator->password());
    QVERIFY(positions.wait());
    const QList<int> asked = positions.first().first().value<QList<int>>();
    QCOMPARE(asked.size(), 3);
    for (int position : asked)
        QVERIFY(position >= 1 && position <= m_emulator->memorableWord().size());
    // Any case, as KashFlow takes it.
    signIn.answer(KashflowSignIn::charactersAt(m_emulator->memorableWord(), asked).toUpper());
    QVERIFY(signedIn.wait());
    QVERIFY(failed.isEmpty());
    KashflowSession session(&m_network, base());
    session.setSessionToken(signedIn.first().first().toString());
    QCOMPARE(listInvoices(session), 200);
}

void TestKashflowSession::wrongCharactersAreRefused()
{
    KashflowSignIn signIn(&m_network, base());
    QSignalSpy positions(&signIn, &KashflowSignIn::positionsRequested);
    QSignalSpy failed(&signIn, &KashflowSignIn::failed);
    signIn.start(m_emulator->userName(), m_emulator->password());
    QVERIFY(positions.wait());
    signIn.answer(u"###"_s);
    QVERIFY(failed.wait());
    QVERIFY2(failed.first().first().toString().startsWith(u"KashFlow: "_s),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(failed.first().at(1).toBool(), false);
    // Too few characters never reach KashFlow.
    signIn.answer(u"a"_s);
    QCOMPARE(failed.count(), 2);
    QVERIFY(failed.last().first().toString().contains(u"3 characters"_s));
}

void TestKashflowSession::signInNeverTakesAPortalsPageForKashflow()
{
    // A Wi-Fi sign-in page answers in KashFlow's stead: it is asked again, not read as an answer without positions.
    m_emulator->faults().add(u"/v2/sessiontoken"_s, FaultInjector::portal());
    KashflowSignIn signIn(&m_network, base());
    QSignalSpy positions(&signIn, &KashflowSignIn::positionsRequested);
    QSignalSpy failed(&signIn, &KashflowSignIn::failed);
    signIn.start(m_emulator->userName(), m_emulator->password());
    QVERIFY(positions.wait());
    QVERIFY(failed.isEmpty());
    QCOMPARE(positions.first().first().value<QList<int>>().size(), 3);
    QCOMPARE(m_emulator->requests().size(), 2);
}

void TestKashflowSession::wrongPasswordIsRefused()
{
    KashflowSignIn signIn(&m_network, base());
    QSignalSpy failed(&signIn, &KashflowSignIn::failed);
    QSignalSpy positions(&signIn, &KashflowSignIn::positionsRequested);
    signIn.start(m_emulator->userName(), u"not the password"_s);
    QVERIFY(failed.wait());
    QVERIFY(positions.isEmpty());
    QCOMPARE(failed.first().at(1).toBool(), false);
}

void TestKashflowSession::charactersAtPositions()
{
    QCOMPARE(KashflowSignIn::charactersAt(u"ledger"_s, { 1, 3, 6 }), u"ldr"_s);
    QCOMPARE(KashflowSignIn::charactersAt(u"åäö"_s, { 2 }), u"ä"_s);
    QVERIFY(KashflowSignIn::charactersAt(u"ab"_s, { 3 }).isEmpty());
    QVERIFY(KashflowSignIn::charactersAt(u"ab"_s, { 0 }).isEmpty());
}

void TestKashflowSession::endedSessionSignsInAgainSilently()
{
    KashflowSession session(&m_network, base());
    session.setSessionToken(m_emulator->issueSessionToken());
    session.setCredentials(credentials());
    QSignalSpy signedOut(&session, &KashflowSession::signedOut);
    QCOMPARE(listInvoices(session), 200);
    m_emulator->expireSessions();
    // 401 InvalidSessionToken, a sign-in with the remembered credentials, and the request again.
    QCOMPARE(listInvoices(session), 200);
    QVERIFY(signedOut.isEmpty());
}

void TestKashflowSession::endedSessionWithoutRememberedCredentialsAsksToSignIn()
{
    KashflowSession session(&m_network, base());
    session.setSessionToken(m_emulator->issueSessionToken());
    QSignalSpy signedOut(&session, &KashflowSession::signedOut);
    m_emulator->expireSessions();
    QVERIFY(listInvoices(session) != 200);
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(!session.hasSession());
}

void TestKashflowSession::refusedRememberedCredentialsAskToSignIn()
{
    KashflowSession session(&m_network, base());
    session.setSessionToken(m_emulator->issueSessionToken());
    KashflowSession::Credentials stale = credentials();
    stale.password = u"changed since"_s;
    session.setCredentials(stale);
    QSignalSpy signedOut(&session, &KashflowSession::signedOut);
    m_emulator->expireSessions();
    QVERIFY(listInvoices(session) != 200);
    QCOMPARE(signedOut.count(), 1);
    // Refused once, they are not tried again (KashFlow could lock the account): the next request just asks.
    const auto signIns = [this] { return m_emulator->requestCount(u"/v2/sessiontoken"_s, "POST"); };
    QCOMPARE(signIns(), 1);
    QVERIFY(listInvoices(session) != 200);
    QCOMPARE(signedOut.count(), 2);
    QCOMPARE(signIns(), 1);
}

void TestKashflowSession::rememberedCredentialsAreLoadedOnce()
{
    KashflowSession session(&m_network, base());
    int loads = 0;
    session.setCredentialsLoader([this, &loads](KashflowSession::LoadedCredentials done) {
        ++loads;
        // Answered later, as the keychain does.
        QTimer::singleShot(0, this, [this, done] { done(credentials(), {}); });
    });
    QSignalSpy signedOut(&session, &KashflowSession::signedOut);
    QCOMPARE(listInvoices(session), 200);
    m_emulator->expireSessions();
    QCOMPARE(listInvoices(session), 200);
    QCOMPARE(loads, 1);
    QVERIFY(signedOut.isEmpty());
}

QTEST_GUILESS_MAIN(TestKashflowSession)
#include "TestKashflowSession.moc"
