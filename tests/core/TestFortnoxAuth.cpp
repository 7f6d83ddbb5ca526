// Fortnox sign-in and request signing against the loopback emulator, with the real Secret Service on a private
// D-Bus session (tests/with-keyring.sh): the authorization code flow without a browser, single-use refresh tokens
// rotated through the keychain, the legacy headers, and no secret in the settings file.

#include "../KeyringTestHelpers.h"
#include "FaultInjector.h"
#include "FortnoxAccount.h"
#include "FortnoxAuthenticator.h"
#include "FortnoxEmulator.h"
#include "FortnoxEndpoints.h"
#include "FortnoxSignIn.h"
#include "FortnoxTestConsent.h"
#include "FortnoxTokens.h"
#include "HttpCall.h"
#include "SecretStore.h"
#include "Settings.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 20000;

// A keychain call made to look synchronous. Its context dies before the answer's storage, so an answer
// arriving after a timeout lands nowhere.
std::optional<SecretStore::Result> keychain(const std::function<void(QObject*, SecretStore::Callback)>& call)
{
    std::optional<SecretStore::Result> result;
    QObject context;
    call(&context, [&result](const SecretStore::Result& answer) { result = answer; });
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, WaitMs);
    return result;
}

std::optional<SecretStore::Result> readSecret(const QString& key)
{
    return keychain([&key](QObject* context, SecretStore::Callback done) {
        SecretStore::readSecret(key, context, std::move(done));
    });
}

bool writeSecret(const QString& key, const QString& secret)
{
    const auto result = keychain([&](QObject* context, SecretStore::Callback done) {
        SecretStore::writeSecret(key, secret, context, std::move(done));
    });
    return result && result->ok;
}

bool removeSecret(const QString& key)
{
    const auto result = keychain([&key](QObject* context, SecretStore::Callback done) {
        SecretStore::removeSecret(key, context, std::move(done));
    });
    return result && result->ok;
}

HttpRequest apiGet(const FortnoxEndpoints& endpoints, const QString& path)
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = endpoints.apiUrl(path);
    request.setHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    return request;
}

} // namespace

class TestFortnoxAuth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void endpointsFollowTheBaseUrl();
    void endpointsMustBeSecure();
    void tokenAnswers_data();
    void tokenAnswers();
    void authorizeUrlAsksForOfflineAccess();

    void codeFlowSignsIn();
    void stateMismatchIsRefused();
    void accessDeniedIsReported();

    void refreshRotatesTheKeychainToken_data();
    void refreshRotatesTheKeychainToken();
    void simultaneousRequestsRefreshOnce();
    void newRefreshTokenIsKeptBeforeUse();
    void refusedRefreshSignsOut();
    void refreshTokenSpentElsewhereIsReadAgain();

    void legacyHeadersFromKeychain();
    void wrongLegacyPairSignsOut();
    void connectLegacyChecksThePair();
    void connectLegacyNeverTakesAPortalsPageForFortnox();

    void secretsNeverInSettings();
    void disconnectForgetsTheCompany();

private:
    FortnoxEndpoints endpoints() const { return FortnoxEndpoints::withBaseUrl(m_emulator->baseUrl()); }
    QString settingsPath() const { return m_config->filePath(u"attache.conf"_s); }
    QUrl consent(const QUrl& authorizeUrl, const QString& decision)
    {
        return FortnoxTest::consent(m_network, authorizeUrl, decision, WaitMs);
    }
    // A sign-in through the emulator's consent page, ending in the tokens.
    std::optional<FortnoxTokens> signIn();
    int tokenRequests() const;
    // One request through HttpCall, signed by the authenticator.
    HttpResponse get(RequestAuthenticator* authenticator, const QString& path);
    // The integration's id in the settings and its secret in the keychain, as the Accounts dialog leaves them.
    bool setUpIntegration(FortnoxAccount& account);

    std::unique_ptr<FortnoxEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<Settings> m_settings;
    QNetworkAccessManager m_network;
};

void TestFortnoxAuth::init()
{
    // Never the developer's own keyring.
    if (qgetenv("ATTACHE_TEST_KEYRING") != "gnome-keyring")
        QSKIP("Needs a private keyring: run through tests/with-keyring.sh");
    qunsetenv("ATTACHE_FORTNOX_BASE_URL");
    qunsetenv("ATTACHE_FORTNOX_CLIENT_ID");
    m_emulator = std::make_unique<FortnoxEmulator>();
    QVERIFY(m_emulator->listen());
    m_config = std::make_unique<QTemporaryDir>();
    QVERIFY(m_config->isValid());
    m_settings = std::make_unique<Settings>(settingsPath());
    qputenv("ATTACHE_FORTNOX_BASE_URL", m_emulator->baseUrl().toString().toUtf8());
}

void TestFortnoxAuth::cleanup()
{
    qunsetenv("ATTACHE_FORTNOX_BASE_URL");
    if (m_emulator) {
        const QString clientId = m_emulator->clientId();
        for (const QString& key :
             { FortnoxAccount::clientSecretKey(clientId), FortnoxAccount::refreshTokenKey(clientId),
               FortnoxAccount::legacyAccessTokenKey(), FortnoxAccount::legacyClientSecretKey() })
            QVERIFY(removeSecret(key));
    }
    m_settings.reset();
    m_config.reset();
    m_emulator.reset();
}

std::optional<FortnoxTokens> TestFortnoxAuth::signIn()
{
    FortnoxSignIn signIn(&m_network, endpoints(), m_emulator->clientId(), m_emulator->clientSecret());
    std::optional<FortnoxTokens> tokens;
    QString failure;
    connect(&signIn, &FortnoxSignIn::succeeded, this, [&tokens](const FortnoxTokens& answer) { tokens = answer; });
    connect(&signIn, &FortnoxSignIn::failed, this, [&failure](const QString& message) { failure = message; });
    const QUrl redirect = consent(signIn.authorizeUrl(), u"allow"_s);
    if (redirect.isEmpty())
        return std::nullopt;
    signIn.handleRedirect(redirect);
    (void)QTest::qWaitFor([&] { return tokens.has_value() || !failure.isEmpty(); }, WaitMs);
    if (!failure.isEmpty())
        qWarning().noquote() << failure;
    return tokens;
}

int TestFortnoxAuth::tokenRequests() const
{
    return m_emulator->requestCount(u"/oauth-v1/token"_s, "POST");
}

HttpResponse TestFortnoxAuth::get(RequestAuthenticator* authenticator, const QString& path)
{
    HttpCall call(&m_network, apiGet(endpoints(), path), authenticator);
    std::optional<HttpResponse> response;
    connect(&call, &HttpCall::finished, this, [&response](const HttpResponse& answer) { response = answer; });
    call.start();
    if (!QTest::qWaitFor([&response] { return response.has_value(); }, WaitMs)) {
        HttpResponse timedOut;
        timedOut.errorString = u"No answer in time."_s;
        return timedOut;
    }
    return *response;
}

bool TestFortnoxAuth::setUpIntegration(FortnoxAccount& account)
{
    std::optional<QString> error;
    account.setClientCredentials(m_emulator->clientId(), m_emulator->clientSecret(),
                                 [&error](const QString& answer) { error = answer; });
    (void)QTest::qWaitFor([&error] { return error.has_value(); }, WaitMs);
    return error && error->isEmpty();
}

void TestFortnoxAuth::endpointsFollowTheBaseUrl()
{
    qunsetenv("ATTACHE_FORTNOX_BASE_URL");
    const FortnoxEndpoints fortnox = FortnoxEndpoints::fromEnvironment(*m_settings);
    QCOMPARE(fortnox.api, QUrl(u"https://api.fortnox.se/3"_s));
    QCOMPARE(fortnox.oauth, QUrl(u"https://apps.fortnox.se/oauth-v1"_s));
    QCOMPARE(fortnox.tokenUrl(), QUrl(u"https://apps.fortnox.se/oauth-v1/token"_s));
    QCOMPARE(fortnox.apiUrl(u"inbox/inbox_s"_s), QUrl(u"https://api.fortnox.se/3/inbox/inbox_s"_s));
    // Fortnox's own base named explicitly keeps Fortnox's OAuth host.
    QCOMPARE(FortnoxEndpoints::withBaseUrl(QUrl(u"https://api.fortnox.se/3/"_s)).oauth, fortnox.oauth);

    // The hidden setting, then the environment over it; the emulator serves both bases.
    QSettings(settingsPath(), QSettings::IniFormat).setValue(u"fortnox/baseUrl"_s, u"http://127.0.0.1:8123/3"_s);
    Settings settings(settingsPath());
    QCOMPARE(FortnoxEndpoints::fromEnvironment(settings).api, QUrl(u"http://127.0.0.1:8123/3"_s));
    QCOMPARE(FortnoxEndpoints::fromEnvironment(settings).oauth, QUrl(u"http://127.0.0.1:8123/oauth-v1"_s));
    qputenv("ATTACHE_FORTNOX_BASE_URL", m_emulator->baseUrl().toString().toUtf8());
    const FortnoxEndpoints emulator = FortnoxEndpoints::fromEnvironment(settings);
    QCOMPARE(emulator.api, QUrl(m_emulator->baseUrl().toString() + u"/3"_s));
    QCOMPARE(emulator.authorizeUrl(), QUrl(m_emulator->baseUrl().toString() + u"/oauth-v1/auth"_s));
    QCOMPARE(emulator.problem(), QString());
}

void TestFortnoxAuth::endpointsMustBeSecure()
{
    QCOMPARE(FortnoxEndpoints().problem(), QString());
    QCOMPARE(FortnoxEndpoints::withBaseUrl(QUrl(u"http://localhost:9000"_s)).problem(), QString());
    QCOMPARE(FortnoxEndpoints::withBaseUrl(QUrl(u"http://[::1]:9000/3"_s)).problem(), QString());
    QVERIFY(FortnoxEndpoints::withBaseUrl(QUrl(u"http://fortnox.example.com/3"_s)).problem().contains(u"https"_s));
    QVERIFY(!FortnoxEndpoints::withBaseUrl(QUrl(u"nonsense"_s)).problem().isEmpty());
}

void TestFortnoxAuth::tokenAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("grantRefused");
    QTest::addColumn<bool>("mayPass");

    QTest::newRow("tokens") << 200
                            << QByteArray(R"({"access_token":"a","refresh_token":"r","scope":"inbox archive",)"
                                          R"("expires_in":3600,"token_type":"bearer"})")
                            << true << false << false;
    QTest::newRow("no refresh token") << 200 << QByteArray(R"({"access_token":"a","expires_in":3600})") << false
                                      << false << false;
    QTest::newRow("spent refresh token")
        << 400 << QByteArray(R"({"error":"invalid_grant","error_description":"Invalid refresh token"})") << false
        << true << false;
    QTest::newRow("wrong client secret") << 401 << QByteArray(R"({"error":"invalid_client"})") << false << true
                                         << false;
    QTest::newRow("malformed request") << 400 << QByteArray(R"({"error":"invalid_request"})") << false << false
                                       << false;
    QTest::newRow("rate limited") << 429 << QByteArray() << false << false << true;
    QTest::newRow("server error") << 503 << QByteArray("<html>") << false << false << true;
    QTest::newRow("network") << 0 << QByteArray() << false << false << true;
}

void TestFortnoxAuth::tokenAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    HttpResponse response;
    response.status = status;
    response.body = body;
    if (status == 0) {
        response.networkError = QNetworkReply::ConnectionRefusedError;
        response.errorString = u"Connection refused"_s;
    }
    const FortnoxTokens tokens = FortnoxTokens::fromResponse(response);
    QTEST(tokens.error.isEmpty(), "ok");
    QTEST(tokens.grantRefused, "grantRefused");
    QTEST(tokens.mayPass, "mayPass");
    if (tokens.error.isEmpty()) {
        QCOMPARE(tokens.accessToken, u"a"_s);
        QCOMPARE(tokens.refreshToken, u"r"_s);
        QCOMPARE(tokens.scopes, QStringList({ u"inbox"_s, u"archive"_s }));
        QVERIFY(tokens.accessTokenExpiry > QDateTime::currentDateTimeUtc().addSecs(3000));
    }
}

void TestFortnoxAuth::authorizeUrlAsksForOfflineAccess()
{
    const FortnoxSignIn first(&m_network, endpoints(), u"client+id"_s, u"secret"_s);
    const FortnoxSignIn second(&m_network, endpoints(), u"client+id"_s, u"secret"_s);
    const QUrl url = first.authorizeUrl();
    QCOMPARE(url.adjusted(QUrl::RemoveQuery), endpoints().authorizeUrl());
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(u"client_id"_s, QUrl::FullyDecoded), u"client+id"_s);
    QCOMPARE(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded), u"http://localhost/attache-fortnox"_s);
    QCOMPARE(query.queryItemValue(u"scope"_s, QUrl::FullyDecoded),
             u"inbox archive connectfile supplierinvoice bookkeeping"_s);
    QCOMPARE(query.queryItemValue(u"access_type"_s), u"offline"_s);
    QCOMPARE(query.queryItemValue(u"response_type"_s), u"code"_s);
    // The state is random: two sign-ins never share one.
    QVERIFY(query.queryItemValue(u"state"_s).size() >= 32);
    QVERIFY(query.queryItemValue(u"state"_s) != QUrlQuery(second.authorizeUrl()).queryItemValue(u"state"_s));
    // The secret goes only to the token endpoint.
    QVERIFY(!url.toString().contains(u"secret"_s));
}

void TestFortnoxAuth::codeFlowSignsIn()
{
    const std::optional<FortnoxTokens> tokens = signIn();
    QVERIFY(tokens);
    QVERIFY(!tokens->accessToken.isEmpty());
    QVERIFY(!tokens->refreshToken.isEmpty());
    QCOMPARE(tokens->scopes, FortnoxSignIn::scopes());
    QCOMPARE(tokenRequests(), 1);

    // The tokens sign requests, and connecting keeps the refresh token in the keychain only.
    FortnoxAccount account(*m_settings, &m_network);
    QVERIFY(setUpIntegration(account));
    QVERIFY(!account.isConnected());
    // The integration's id is kept only once a sign-in with it succeeds.
    QVERIFY(m_settings->fortnoxClientId().isEmpty());
    QSignalSpy connected(&account, &FortnoxAccount::connected);
    account.connectWith(*tokens);
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, WaitMs);
    QVERIFY(account.isConnected());
    QCOMPARE(m_settings->fortnoxClientId(), m_emulator->clientId());
    QCOMPARE(account.mode(), FortnoxAuthenticator::Mode::OAuth);
    const auto stored = readSecret(FortnoxAccount::refreshTokenKey(m_emulator->clientId()));
    QVERIFY(stored && stored->ok);
    QCOMPARE(stored->secret, tokens->refreshToken);

    std::unique_ptr<FortnoxAuthenticator> authenticator(account.createAuthenticator());
    const HttpResponse response = get(authenticator.get(), u"inbox"_s);
    QCOMPARE(response.status, 200);
    QVERIFY(response.body.contains("\"Inbox\""));
    // The access token from the sign-in was used: no refresh spent.
    QCOMPARE(tokenRequests(), 1);

    // A sign-in begun with another integration and never finished leaves the connection as it was.
    std::optional<QString> error;
    account.setClientCredentials(u"another-integration"_s, u"its secret"_s,
                                 [&error](const QString& answer) { error = answer; });
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), WaitMs);
    QCOMPARE(m_settings->fortnoxClientId(), m_emulator->clientId());
    QVERIFY(account.isConnected());
}

void TestFortnoxAuth::stateMismatchIsRefused()
{
    FortnoxSignIn signIn(&m_network, endpoints(), m_emulator->clientId(), m_emulator->clientSecret());
    QSignalSpy succeeded(&signIn, &FortnoxSignIn::succeeded);
    QSignalSpy failed(&signIn, &FortnoxSignIn::failed);
    const QUrl redirect = consent(signIn.authorizeUrl(), u"allow"_s);
    QVERIFY(QUrlQuery(redirect).hasQueryItem(u"code"_s));

    // The same code with another sign-in's state, as a forged redirect would bring it.
    QUrl forged = redirect;
    QUrlQuery query(redirect);
    query.removeAllQueryItems(u"state"_s);
    query.addQueryItem(u"state"_s, u"someone-elses-state"_s);
    forged.setQuery(query);
    signIn.handleRedirect(forged);
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(u"did not match"_s));
    QCOMPARE(succeeded.size(), 0);
    // Without a state at all.
    signIn.handleRedirect(QUrl(u"http://localhost/attache-fortnox?code=abc"_s));
    QCOMPARE(failed.size(), 2);
    // The code was never exchanged.
    QCOMPARE(tokenRequests(), 0);
}

void TestFortnoxAuth::accessDeniedIsReported()
{
    FortnoxSignIn signIn(&m_network, endpoints(), m_emulator->clientId(), m_emulator->clientSecret());
    QSignalSpy succeeded(&signIn, &FortnoxSignIn::succeeded);
    QSignalSpy failed(&signIn, &FortnoxSignIn::failed);
    const QUrl redirect = consent(signIn.authorizeUrl(), u"deny"_s);
    QCOMPARE(QUrlQuery(redirect).queryItemValue(u"error"_s), u"access_denied"_s);
    signIn.handleRedirect(redirect);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().toString(), u"Access to Fortnox was not allowed."_s);
    QCOMPARE(succeeded.size(), 0);
    QCOMPARE(tokenRequests(), 0);
}

void TestFortnoxAuth::refreshRotatesTheKeychainToken_data()
{
    QTest::addColumn<int>("portalPages");
    QTest::newRow("answered") << 0;
    // A Wi-Fi sign-in page answers the renewal in Fortnox's stead: no tokens to take from it, least of all an empty
    // refresh token for the keychain. Asked again, the renewal goes through.
    QTest::newRow("after a Wi-Fi sign-in page") << 1;
}

void TestFortnoxAuth::refreshRotatesTheKeychainToken()
{
    QFETCH(int, portalPages);
    FortnoxAccount account(*m_settings, &m_network);
    QVERIFY(setUpIntegration(account));
    const std::optional<FortnoxTokens> tokens = signIn();
    QVERIFY(tokens);
    QSignalSpy connected(&account, &FortnoxAccount::connected);
    account.connectWith(*tokens);
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, WaitMs);
    std::unique_ptr<FortnoxAuthenticator> authenticator(account.createAuthenticator());
    QSignalSpy signedOut(authenticator.get(), &RequestAuthenticator::signedOut);
    QCOMPARE(get(authenticator.get(), u"inbox"_s).status, 200);
    m_emulator->clearRequests();

    m_emulator->expireAccessTokens();
    m_emulator->faults().add(u"/oauth-v1/token"_s, FaultInjector::portal(), portalPages);
    const HttpResponse response = get(authenticator.get(), u"inbox"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(tokenRequests(), 1 + portalPages);
    QCOMPARE(signedOut.size(), 0);

    // The keychain holds the successor; the token it replaced is spent.
    const auto stored = readSecret(FortnoxAccount::refreshTokenKey(m_emulator->clientId()));
    QVERIFY(stored && stored->ok);
    QVERIFY(!stored->secret.isEmpty());
    QVERIFY(stored->secret != tokens->refreshToken);
    const auto refresh = [this](const QString& refreshToken) {
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"refresh_token"_s);
        form.addQueryItem(u"refresh_token"_s, refreshToken);
        HttpCall call(
            &m_network,
            FortnoxTokens::request(endpoints().tokenUrl(), m_emulator->clientId(), m_emulator->clientSecret(), form),
            nullptr);
        std::optional<HttpResponse> answer;
        connect(&call, &HttpCall::finished, this, [&answer](const HttpResponse& response) { answer = response; });
        call.start();
        (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, WaitMs);
        return answer ? FortnoxTokens::fromResponse(*answer) : FortnoxTokens();
    };
    const FortnoxTokens reused = refresh(tokens->refreshToken);
    QVERIFY(reused.grantRefused);
    // The stored one is good (and spent by this check).
    QVERIFY2(refresh(stored->secret).error.isEmpty(), "the keychain's refresh token was refused");
}

void TestFortnoxAuth::simultaneousRequestsRefreshOnce()
{
    FortnoxAccount account(*m_settings, &m_network);
    QVERIFY(setUpIntegration(account));
    const QString first = m_emulator->issueRefreshToken();
    QVERIFY(writeSecret(FortnoxAccount::refreshTokenKey(m_emulator->clientId()), first));
    // As an earlier sign-in left it.
    m_settings->setFortnoxClientId(m_emulator->clientId());
    m_settings->setFortnoxConnection(u"oauth"_s);
    std::unique_ptr<FortnoxAuthenticator> authenticator(account.createAuthenticator());
    // Signed in a while ago: an access token the authenticator believes in, which Fortnox has let expire.
    authenticator->setAccessToken(m_emulator->issueAccessToken(), QDateTime::currentDateTimeUtc().addSecs(3600));
    m_emulator->expireAccessTokens();

    HttpCall one(&m_network, apiGet(endpoints(), u"inbox"_s), authenticator.get());
    HttpCall two(&m_network, apiGet(endpoints(), u"archive"_s), authenticator.get());
    QSignalSpy oneFinished(&one, &HttpCall::finished);
    QSignalSpy twoFinished(&two, &HttpCall::finished);
    one.start();
    two.start();
    QTRY_COMPARE_WITH_TIMEOUT(oneFinished.size(), 1, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(twoFinished.size(), 1, WaitMs);
    QCOMPARE(oneFinished.first().first().value<HttpResponse>().status, 200);
    QCOMPARE(twoFinished.first().first().value<HttpResponse>().status, 200);
    QCOMPARE(tokenRequests(), 1);

    // Two more at once with no access token at all: still one refresh between them.
    std::unique_ptr<FortnoxAuthenticator> fresh(account.createAuthenticator());
    HttpCall three(&m_network, apiGet(endpoints(), u"inbox"_s), fresh.get());
    HttpCall four(&m_network, apiGet(endpoints(), u"inbox"_s), fresh.get());
    QSignalSpy threeFinished(&three, &HttpCall::finished);
    QSignalSpy fourFinished(&four, &HttpCall::finished);
    three.start();
    four.start();
    QTRY_COMPARE_WITH_TIMEOUT(threeFinished.size(), 1, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(fourFinished.size(), 1, WaitMs);
    QCOMPARE(threeFinished.first().first().value<HttpResponse>().status, 200);
    QCOMPARE(fourFinished.first().first().value<HttpResponse>().status, 200);
    QCOMPARE(tokenRequests(), 2);

    // An expiry answered after the refresh it caused has ended (a slow request sent with the old token) does not
    // renew the new token again.
    QNetworkRequest old;
    fresh->authorize(old);
    m_emulator->expireAccessTokens();
    QCOMPARE(get(fresh.get(), u"inbox"_s).status, 200);
    QCOMPARE(tokenRequests(), 3);
    fresh->invalidateCredentialsOf(old);
    QCOMPARE(get(fresh.get(), u"inbox"_s).status, 200);
    QCOMPARE(tokenRequests(), 3);
}

void TestFortnoxAuth::newRefreshTokenIsKeptBeforeUse()
{
    const QString first = m_emulator->issueRefreshToken();
    FortnoxAuthenticator authenticator(&m_network, endpoints(), FortnoxAuthenticator::Mode::OAuth);
    authenticator.setClientId(m_emulator->clientId());
    authenticator.setClientSecret(m_emulator->clientSecret());
    authenticator.setRefreshToken(first);
    // A keychain that refuses the first write, then keeps what it is given.
    QStringList saved;
    int attempts = 0;
    authenticator.setRefreshTokenSaver(
        [&saved, &attempts](const QString& token, FortnoxAuthenticator::SavedSecret done) {
            if (++attempts == 1) {
                done(u"The keychain is locked."_s);
                return;
            }
            saved.append(token);
            done({});
        });

    // The sign-in is still good, so the request waits and tries again: the successor is kept first, without
    // spending it on another refresh, and only then is the new access token used.
    QSignalSpy signedOut(&authenticator, &RequestAuthenticator::signedOut);
    const HttpResponse response = get(&authenticator, u"inbox"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(attempts, 2);
    QCOMPARE(tokenRequests(), 1);
    QCOMPARE(saved.size(), 1);
    QVERIFY(saved.first() != first);
    // The token request and the one API request, sent once the successor was kept.
    QCOMPARE(m_emulator->requests().size(), 2);
    QVERIFY(signedOut.isEmpty());
}

void TestFortnoxAuth::refusedRefreshSignsOut()
{
    FortnoxAccount account(*m_settings, &m_network);
    QVERIFY(setUpIntegration(account));
    QVERIFY(writeSecret(FortnoxAccount::refreshTokenKey(m_emulator->clientId()), u"revoked-or-spent"_s));
    // As an earlier sign-in left it.
    m_settings->setFortnoxClientId(m_emulator->clientId());
    m_settings->setFortnoxConnection(u"oauth"_s);
    std::unique_ptr<FortnoxAuthenticator> authenticator(account.createAuthenticator());
    QSignalSpy signedOut(authenticator.get(), &RequestAuthenticator::signedOut);

    const HttpResponse response = get(authenticator.get(), u"inbox"_s);
    QCOMPARE(signedOut.size(), 1);
    QVERIFY(signedOut.first().first().toString().contains(u"Invalid refresh token"_s));
    QCOMPARE(response.authorizationError, signedOut.first().first().toString());
    // Read once more from the keychain in case another process had renewed it; it had not.
    QCOMPARE(tokenRequests(), 1);
    // Nothing but the token endpoint was asked.
    QCOMPARE(m_emulator->requests().size(), 1);
}

void TestFortnoxAuth::refreshTokenSpentElsewhereIsReadAgain()
{
    // attache-cli and the window share the keychain entry: the window's copy is spent by the other, which has
    // kept the successor.
    const QString successor = m_emulator->issueRefreshToken();
    FortnoxAuthenticator authenticator(&m_network, endpoints(), FortnoxAuthenticator::Mode::OAuth);
    authenticator.setClientId(m_emulator->clientId());
    authenticator.setClientSecret(m_emulator->clientSecret());
    QStringList keychain { u"invalid-spent"_s, successor };
    authenticator.setRefreshTokenLoader(
        [&keychain](FortnoxAuthenticator::LoadedSecret done) { done(keychain.takeFirst(), {}); });
    QSignalSpy signedOut(&authenticator, &RequestAuthenticator::signedOut);
    const HttpResponse response = get(&authenticator, u"inbox"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(signedOut.size(), 0);
    QCOMPARE(tokenRequests(), 2);
    QVERIFY(keychain.isEmpty());
}

void TestFortnoxAuth::legacyHeadersFromKeychain()
{
    QVERIFY(writeSecret(FortnoxAccount::legacyAccessTokenKey(), m_emulator->legacyAccessToken()));
    QVERIFY(writeSecret(FortnoxAccount::legacyClientSecretKey(), m_emulator->legacyClientSecret()));
    m_settings->setFortnoxConnection(u"legacy"_s);
    FortnoxAccount account(*m_settings, &m_network);
    QVERIFY(account.isConnected());
    QCOMPARE(account.mode(), FortnoxAuthenticator::Mode::Legacy);
    std::unique_ptr<FortnoxAuthenticator> authenticator(account.createAuthenticator());
    QSignalSpy signedOut(authenticator.get(), &RequestAuthenticator::signedOut);

    const HttpResponse response = get(authenticator.get(), u"inbox"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(signedOut.size(), 0);
    const EmulatorRequest sent = m_emulator->requests().constLast().request;
    QCOMPARE(sent.header("Access-Token"), m_emulator->legacyAccessToken().toUtf8());
    QCOMPARE(sent.header("Client-Secret"), m_emulator->legacyClientSecret().toUtf8());
    QVERIFY(sent.header("Authorization").isEmpty());
    QCOMPARE(tokenRequests(), 0);
}

void TestFortnoxAuth::wrongLegacyPairSignsOut()
{
    QVERIFY(writeSecret(FortnoxAccount::legacyAccessTokenKey(), m_emulator->legacyAccessToken()));
    QVERIFY(writeSecret(FortnoxAccount::legacyClientSecretKey(), u"not-the-secret"_s));
    m_settings->setFortnoxConnection(u"legacy"_s);
    FortnoxAccount account(*m_settings, &m_network);
    std::unique_ptr<FortnoxAuthenticator> authenticator(account.createAuthenticator());
    QSignalSpy signedOut(authenticator.get(), &RequestAuthenticator::signedOut);

    HttpResponse response = get(authenticator.get(), u"inbox"_s);
    QCOMPARE(signedOut.size(), 1);
    QCOMPARE(signedOut.first().first().toString(), u"Ogiltig inloggning"_s);
    QCOMPARE(response.authorizationError, u"Ogiltig inloggning"_s);
    // Sent once: the refused pair, read again from the keychain and unchanged, is not sent again.
    QCOMPARE(m_emulator->requests().size(), 1);

    // Corrected in the keychain (by attache-cli, say): read again, and it goes.
    QVERIFY(writeSecret(FortnoxAccount::legacyClientSecretKey(), m_emulator->legacyClientSecret()));
    response = get(authenticator.get(), u"inbox"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(signedOut.size(), 1);
}

void TestFortnoxAuth::connectLegacyChecksThePair()
{
    FortnoxAccount account(*m_settings, &m_network);
    QSignalSpy connected(&account, &FortnoxAccount::connected);
    QSignalSpy failed(&account, &FortnoxAccount::failed);
    account.connectLegacy(m_emulator->legacyAccessToken(), u"wrong"_s);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, WaitMs);
    QVERIFY(failed.first().first().toString().contains(u"Ogiltig inloggning"_s));
    QVERIFY(!account.isConnected());
    const auto nothing = readSecret(FortnoxAccount::legacyAccessTokenKey());
    QVERIFY(nothing && nothing->notFound);

    account.connectLegacy(m_emulator->legacyAccessToken(), m_emulator->legacyClientSecret());
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, WaitMs);
    QCOMPARE(failed.size(), 1);
    QVERIFY(account.isConnected());
    QCOMPARE(account.mode(), FortnoxAuthenticator::Mode::Legacy);
    const auto secret = readSecret(FortnoxAccount::legacyClientSecretKey());
    QVERIFY(secret && secret->ok);
    QCOMPARE(secret->secret, m_emulator->legacyClientSecret());
}

void TestFortnoxAuth::connectLegacyNeverTakesAPortalsPageForFortnox()
{
    // A Wi-Fi sign-in page answers the check in Fortnox's stead: the pair is kept only once Fortnox has taken it.
    m_emulator->faults().add(u"/3/inbox"_s, FaultInjector::portal());
    FortnoxAccount account(*m_settings, &m_network);
    QSignalSpy connected(&account, &FortnoxAccount::connected);
    QSignalSpy failed(&account, &FortnoxAccount::failed);
    account.connectLegacy(m_emulator->legacyAccessToken(), m_emulator->legacyClientSecret());
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, WaitMs);
    QVERIFY(failed.isEmpty());
    QCOMPARE(m_emulator->requests().size(), 2);
}

void TestFortnoxAuth::secretsNeverInSettings()
{
    FortnoxAccount account(*m_settings, &m_network);
    QVERIFY(setUpIntegration(account));
    const std::optional<FortnoxTokens> tokens = signIn();
    QVERIFY(tokens);
    QSignalSpy connected(&account, &FortnoxAccount::connected);
    account.connectWith(*tokens);
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, WaitMs);
    std::unique_ptr<FortnoxAuthenticator> authenticator(account.createAuthenticator());
    m_emulator->expireAccessTokens();
    QCOMPARE(get(authenticator.get(), u"inbox"_s).status, 200);
    const auto renewed = readSecret(FortnoxAccount::refreshTokenKey(m_emulator->clientId()));
    QVERIFY(renewed && renewed->ok);
    account.connectLegacy(m_emulator->legacyAccessToken(), m_emulator->legacyClientSecret());
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, WaitMs);
    m_settings->sync();

    // The settings were written, with what is not secret.
    QFile file(settingsPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains(m_emulator->clientId().toUtf8()));
    QVERIFY(content.contains("connection=legacy"));
    const QStringList folders { m_config->path(), QDir::homePath() + u"/.config"_s };
    for (const QString& secret : { m_emulator->clientSecret(), tokens->refreshToken, tokens->accessToken,
                                   renewed->secret, m_emulator->legacyAccessToken(), m_emulator->legacyClientSecret() })
        QCOMPARE(KeyringTest::filesContaining(folders, secret), QStringList());
}

void TestFortnoxAuth::disconnectForgetsTheCompany()
{
    FortnoxAccount account(*m_settings, &m_network);
    QVERIFY(setUpIntegration(account));
    QVERIFY(writeSecret(FortnoxAccount::refreshTokenKey(m_emulator->clientId()), m_emulator->issueRefreshToken()));
    QVERIFY(writeSecret(FortnoxAccount::legacyAccessTokenKey(), m_emulator->legacyAccessToken()));
    // As an earlier sign-in left it.
    m_settings->setFortnoxClientId(m_emulator->clientId());
    m_settings->setFortnoxConnection(u"oauth"_s);
    QVERIFY(account.isConnected());
    QSignalSpy disconnected(&account, &FortnoxAccount::disconnected);
    account.disconnectAccount();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, WaitMs);
    QVERIFY(!account.isConnected());
    for (const QString& key : { FortnoxAccount::refreshTokenKey(m_emulator->clientId()),
                                FortnoxAccount::legacyAccessTokenKey(), FortnoxAccount::legacyClientSecretKey() }) {
        const auto gone = readSecret(key);
        QVERIFY(gone);
        QVERIFY2(gone->notFound, qPrintable(key));
    }
    // The integration's secret stays for the next connection.
    const auto secret = readSecret(FortnoxAccount::clientSecretKey(m_emulator->clientId()));
    QVERIFY(secret && secret->ok);
}

QTEST_GUILESS_MAIN(TestFortnoxAuth)
#include "TestFortnoxAuth.moc"
