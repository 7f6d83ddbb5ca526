// The Dropbox wire conventions that need no server: header-safe arguments, error unions, endpoints,
// token answers and the PKCE sign-in URL.

#include "DropboxEndpoints.h"
#include "DropboxError.h"
#include "DropboxJson.h"
#include "DropboxSignIn.h"
#include "DropboxTokens.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

class TestDropboxProtocol : public QObject
{
    Q_OBJECT

private slots:
    void headerSafeEscapesFrom0x7f();
    void headerSafeWritesSurrogatePairs();
    void routeErrorsBecomeMessages_data();
    void routeErrorsBecomeMessages();
    void incorrectOffsetIsRead();
    void writeContentionIsRetried();
    void httpStatusesBecomeErrors();
    void endpointsMustBeHttpsOffLoopback();
    void tokenAnswers();
    void authorizeUrlUsesPkce();
    void tamperedStateIsRefused();
};

void TestDropboxProtocol::headerSafeEscapesFrom0x7f()
{
    // The example of Dropbox's JSON encoding guide.
    const QByteArray safe = DropboxJson::headerSafe(QJsonObject { { u"field"_s, u"some_üñîcødé_and_\x7f"_s } });
    QCOMPARE(safe, QByteArray(R"({"field":"some_\u00fc\u00f1\u00eec\u00f8d\u00e9_and_\u007f"})"));
}

void TestDropboxProtocol::headerSafeWritesSurrogatePairs()
{
    const QByteArray safe = DropboxJson::headerSafe(QJsonObject { { u"path"_s, u"/\U0001F4C4.pdf"_s } });
    QCOMPARE(safe, QByteArray(R"({"path":"/\ud83d\udcc4.pdf"})"));
    // And it reads back as the same text.
    QCOMPARE(QJsonDocument::fromJson(safe).object().value(u"path"_s).toString(), u"/\U0001F4C4.pdf"_s);
}

void TestDropboxProtocol::routeErrorsBecomeMessages_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<StoreReply::Error>("code");
    QTest::addColumn<QString>("words");
    QTest::newRow("not_found") << QByteArray(
        R"({"error_summary":"path/not_found/..","error":{".tag":"path","path":{".tag":"not_found"}}})")
                               << StoreReply::Error::NotFound << u"not found"_s;
    QTest::newRow("conflict") << QByteArray(
        R"({"error_summary":"path/conflict/folder/","error":{".tag":"path","path":{".tag":"conflict","conflict":{".tag":"folder"}}}})")
                              << StoreReply::Error::AlreadyExists << u"already exists"_s;
    QTest::newRow("upload insufficient_space") << QByteArray(
        R"({"error_summary":"path/insufficient_space/.","error":{".tag":"path","reason":{".tag":"insufficient_space"},"upload_session_id":"pid"}})")
                                               << StoreReply::Error::DiskFull << u"full"_s;
    QTest::newRow("disallowed_name") << QByteArray(
        R"({"error_summary":"path/disallowed_name/","error":{".tag":"path","reason":{".tag":"disallowed_name"}}})")
                                     << StoreReply::Error::InvalidName << u"does not allow"_s;
    QTest::newRow("malformed_path") << QByteArray(
        R"({"error_summary":"path/malformed_path/","error":{".tag":"path","path":{".tag":"malformed_path"}}})")
                                    << StoreReply::Error::InvalidName << u"not a valid"_s;
    QTest::newRow("move to conflict") << QByteArray(
        R"({"error_summary":"to/conflict/file/","error":{".tag":"to","to":{".tag":"conflict","conflict":{".tag":"file"}}}})")
                                      << StoreReply::Error::AlreadyExists << u"already exists"_s;
    QTest::newRow("hash mismatch") << QByteArray(
        R"({"error_summary":"content_hash_mismatch/","error":{".tag":"content_hash_mismatch"}})")
                                   << StoreReply::Error::Corrupted << u"damaged"_s;
    QTest::newRow("unknown tag, user message") << QByteArray(
        R"({"error_summary":"other/","error":{".tag":"something_new"},"user_message":{"text":"Try later.","locale":"en"}})")
                                               << StoreReply::Error::Refused << u"Try later."_s;
}

void TestDropboxProtocol::routeErrorsBecomeMessages()
{
    QFETCH(QByteArray, body);
    QFETCH(StoreReply::Error, code);
    QFETCH(QString, words);
    HttpResponse response;
    response.status = 409;
    response.body = body;
    const DropboxError error = DropboxError::fromResponse(response, u"receipt.pdf"_s);
    QCOMPARE(error.code(), code);
    QVERIFY2(error.message().contains(words), qPrintable(error.message()));
}

void TestDropboxProtocol::incorrectOffsetIsRead()
{
    HttpResponse append;
    append.status = 409;
    append.body
        = R"({"error_summary":"incorrect_offset/..","error":{".tag":"incorrect_offset","correct_offset":4194304}})";
    QCOMPARE(DropboxError::fromResponse(append, {}).correctOffset(), std::optional<qint64>(4194304));
    HttpResponse finish;
    finish.status = 409;
    finish.body
        = R"({"error_summary":"lookup_failed/incorrect_offset/","error":{".tag":"lookup_failed","lookup_failed":{".tag":"incorrect_offset","correct_offset":8388608}}})";
    const DropboxError error = DropboxError::fromResponse(finish, {});
    QCOMPARE(error.correctOffset(), std::optional<qint64>(8388608));
    QCOMPARE(error.tags(), (QStringList { u"lookup_failed"_s, u"incorrect_offset"_s }));
}

void TestDropboxProtocol::writeContentionIsRetried()
{
    HttpResponse response;
    response.status = 409;
    response.body
        = R"({"error_summary":"path/too_many_write_operations/","error":{".tag":"path","reason":{".tag":"too_many_write_operations"}}})";
    QVERIFY(DropboxError::isRetryable(response));
    response.body = R"({"error_summary":"path/not_found/","error":{".tag":"path","path":{".tag":"not_found"}}})";
    QVERIFY(!DropboxError::isRetryable(response));
    response.status = 503;
    QVERIFY(DropboxError::isRetryable(response));
}

void TestDropboxProtocol::httpStatusesBecomeErrors()
{
    HttpResponse response;
    response.status = 401;
    response.body = R"({"error_summary":"invalid_access_token/","error":{".tag":"invalid_access_token"}})";
    QCOMPARE(DropboxError::fromResponse(response, {}).code(), StoreReply::Error::SignedOut);
    response.status = 400;
    response.body = "Error in call to API function \"files/upload\": Bad HTTP \"Content-Type\" header";
    const DropboxError bad = DropboxError::fromResponse(response, {});
    QCOMPARE(bad.code(), StoreReply::Error::Refused);
    QVERIFY(bad.message().contains(u"Content-Type"_s));
    HttpResponse offline;
    offline.networkError = QNetworkReply::ConnectionRefusedError;
    offline.errorString = u"Connection refused"_s;
    QCOMPARE(DropboxError::fromResponse(offline, {}).code(), StoreReply::Error::Network);
}

void TestDropboxProtocol::endpointsMustBeHttpsOffLoopback()
{
    QVERIFY(DropboxEndpoints().problem().isEmpty());
    QVERIFY(DropboxEndpoints::withBaseUrl(QUrl(u"http://127.0.0.1:8080"_s)).problem().isEmpty());
    QVERIFY(DropboxEndpoints::withBaseUrl(QUrl(u"http://[::1]:8080"_s)).problem().isEmpty());
    QVERIFY(DropboxEndpoints::withBaseUrl(QUrl(u"http://localhost:8080"_s)).problem().isEmpty());
    QVERIFY(!DropboxEndpoints::withBaseUrl(QUrl(u"http://10.0.0.5"_s)).problem().isEmpty());
    QVERIFY(!DropboxEndpoints::withBaseUrl(QUrl(u"ftp://127.0.0.1"_s)).problem().isEmpty());
    const DropboxEndpoints emulator = DropboxEndpoints::withBaseUrl(QUrl(u"http://127.0.0.1:8080/"_s));
    QCOMPARE(emulator.apiRoute(u"files/list_folder"_s), QUrl(u"http://127.0.0.1:8080/2/files/list_folder"_s));
    QCOMPARE(DropboxEndpoints().contentRoute(u"files/upload"_s),
             QUrl(u"https://content.dropboxapi.com/2/files/upload"_s));
    QCOMPARE(DropboxEndpoints().tokenUrl(), QUrl(u"https://api.dropboxapi.com/oauth2/token"_s));
}

void TestDropboxProtocol::tokenAnswers()
{
    HttpResponse ok;
    ok.status = 200;
    ok.body
        = R"({"access_token":"sl.abc","token_type":"bearer","expires_in":14400,"refresh_token":"r1","account_id":"dbid:X"})";
    const DropboxTokens tokens = DropboxTokens::fromResponse(ok);
    QVERIFY(tokens.error.isEmpty());
    QCOMPARE(tokens.accessToken, u"sl.abc"_s);
    QCOMPARE(tokens.refreshToken, u"r1"_s);
    QCOMPARE(tokens.accountId, u"dbid:X"_s);
    QVERIFY(tokens.accessTokenExpiry > QDateTime::currentDateTimeUtc().addSecs(14000));

    HttpResponse refused;
    refused.status = 400;
    refused.body = R"({"error":"invalid_grant","error_description":"refresh token is invalid or revoked"})";
    const DropboxTokens none = DropboxTokens::fromResponse(refused);
    QVERIFY(none.grantRefused);
    QVERIFY(none.error.contains(u"revoked"_s));

    const HttpRequest request = DropboxTokens::request(QUrl(u"https://api.dropboxapi.com/oauth2/token"_s),
                                                       QUrlQuery { { u"refresh_token"_s, u"a+b/c="_s } });
    QCOMPARE(request.body, QByteArray("refresh_token=a%2Bb%2Fc%3D"));
    QVERIFY(request.headers.contains({ "Content-Type", "application/x-www-form-urlencoded" }));
}

void TestDropboxProtocol::authorizeUrlUsesPkce()
{
    QNetworkAccessManager network;
    DropboxSignIn signIn(&network, DropboxEndpoints(), u"appkey"_s, DropboxSignIn::defaultRedirectUri());
    const QUrl url = signIn.authorizeUrl();
    QCOMPARE(url.host(), u"www.dropbox.com"_s);
    QCOMPARE(url.path(), u"/oauth2/authorize"_s);
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(u"client_id"_s), u"appkey"_s);
    QCOMPARE(query.queryItemValue(u"response_type"_s), u"code"_s);
    QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(query.queryItemValue(u"token_access_type"_s), u"offline"_s);
    QCOMPARE(query.queryItemValue(u"code_challenge"_s), signIn.codeChallenge());
    QCOMPARE(signIn.codeChallenge().size(), 43); // base64url of 32 bytes, no padding
    QVERIFY(!query.queryItemValue(u"state"_s).isEmpty());
    // Two sign-ins never share a verifier or a state.
    DropboxSignIn other(&network, DropboxEndpoints(), u"appkey"_s, DropboxSignIn::defaultRedirectUri());
    QVERIFY(other.codeChallenge() != signIn.codeChallenge());
    QVERIFY(QUrlQuery(other.authorizeUrl()).queryItemValue(u"state"_s) != query.queryItemValue(u"state"_s));
    // Without a redirect URI Dropbox shows the code, and there is no state to send.
    DropboxSignIn paste(&network, DropboxEndpoints(), u"appkey"_s, QUrl());
    QVERIFY(!QUrlQuery(paste.authorizeUrl()).hasQueryItem(u"redirect_uri"_s));
}

void TestDropboxProtocol::tamperedStateIsRefused()
{
    QNetworkAccessManager network;
    DropboxSignIn signIn(&network, DropboxEndpoints::withBaseUrl(QUrl(u"http://127.0.0.1:9"_s)), u"appkey"_s,
                         DropboxSignIn::defaultRedirectUri());
    QSignalSpy failed(&signIn, &DropboxSignIn::failed);
    QUrl redirect = DropboxSignIn::defaultRedirectUri();
    redirect.setQuery(u"code=abc&state=forged"_s);
    signIn.handleRedirect(redirect);
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains(u"did not match"_s));
}

QTEST_GUILESS_MAIN(TestDropboxProtocol)
#include "TestDropboxProtocol.moc"
