// The Dropbox emulator over real HTTP, as a client sees it: OAuth, the files routes, their error shapes and the
// injected faults, plus the standalone program.

#include "ContentHasher.h"
#include "DropboxEmulator.h"
#include "DropboxEmulatorJson.h"
#include "EmulatorTestProgram.h"
#include "EmulatorTestReply.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <memory>

namespace {

struct HttpReply : EmulatorTestReply
{
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject error() const { return json().value(QStringLiteral("error")).toObject(); }
    QString text() const { return QString::fromUtf8(body); }
};

QString challengeFor(const QString& verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString newVerifier()
{
    return QUuid::createUuid().toString(QUuid::Id128) + QUuid::createUuid().toString(QUuid::Id128);
}

// Every value percent-encoded, so that '+' is not read back as a space.
QByteArray formBody(const QList<QPair<QString, QString>>& fields)
{
    QByteArray body;
    for (const auto& [name, value] : fields)
        body += (body.isEmpty() ? "" : "&") + name.toUtf8() + '=' + QUrl::toPercentEncoding(value);
    return body;
}

QString contentHashOf(const QByteArray& data)
{
    ContentHasher hasher;
    hasher.addData(data);
    return hasher.hexResult();
}

QByteArray pngImage(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return data;
}

QSet<QString> keysOf(const QJsonObject& object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QJsonObject tagged(const QString& tag)
{
    return DropboxEmulatorJson::tag(tag);
}

const QString SessionError = QStringLiteral("lookup_failed");

} // namespace

class TestDropboxEmulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void authorizationCodeWithPkce();
    void tokenEndpointErrors();
    void authorizationWithoutRedirectShowsCode();
    void denyAndUnknownClient();
    void refreshToken();
    void revokeKillsRefreshTokenAndItsAccessTokens();
    void authErrors();
    void contentTypeIsChecked();
    void listFolderPagesAndReportsChanges();
    void listFolderErrors();
    void uploadReturnsFileMetadata();
    void uploadConflictsAndAutorename();
    void pathsAreCaseInsensitiveAndCasePreserving();
    void disallowedNameAndQuota();
    void payloadTooLarge();
    void uploadSessionOffsets();
    void concurrentUploadSession();
    void downloadResultIsHeaderSafe();
    void downloadRanges_data();
    void downloadRanges();
    void unsatisfiableRangeIs416_data();
    void unsatisfiableRangeIs416();
    void thumbnails();
    void thumbnailBatch();
    void createFolder();
    void deleteAndMove();
    void longpollReportsChange();
    void rateLimitFault();
    void serverErrorFaults();
    void expiredTokenFault();
    void droppedConnectionFault();
    void stalledConnectionFault();
    void slowFaultDelaysOnlyItsAnswer();
    void faultSpecs();
    void requestLog();
    void programPrintsUrlFirst();

private:
    QUrl url(const QString& path, const QUrlQuery& query = {}) const;
    HttpReply finish(QNetworkReply* reply);
    HttpReply send(const QByteArray& verb, const QUrl& url, const Headers& headers, const QByteArray& body = {});
    HttpReply apiWith(const QString& token, const QString& route, const QJsonValue& arg);
    HttpReply api(const QString& route, const QJsonValue& arg) { return apiWith(m_token, route, arg); }
    HttpReply upload(const QString& route, const QJsonObject& arg, const QByteArray& data);
    HttpReply download(const QString& route, const QJsonObject& arg, const Headers& extra = {});
    HttpReply postForm(const QString& path, const QList<QPair<QString, QString>>& fields);
    HttpReply authorize(const QString& challenge, const QString& redirectUri, const QString& state,
                        const QString& clientId = {});
    // Auto-approves and returns the code from the redirect.
    QString approvedCode(const QString& challenge, const QString& redirectUri);
    HttpReply exchange(const QString& code, const QString& verifier, const QString& redirectUri);
    HttpReply refresh(const QString& refreshToken);

    QNetworkAccessManager m_network;
    std::unique_ptr<DropboxEmulator> m_emulator;
    QString m_token;
};

void TestDropboxEmulator::initTestCase()
{
    prepareTestNetwork(m_network);
}

void TestDropboxEmulator::init()
{
    m_emulator = std::make_unique<DropboxEmulator>();
    QVERIFY(m_emulator->listen());
    m_token = m_emulator->issueAccessToken();
}

void TestDropboxEmulator::cleanup()
{
    m_network.clearConnectionCache();
    m_emulator.reset();
}

QUrl TestDropboxEmulator::url(const QString& path, const QUrlQuery& query) const
{
    return emulatorUrl(m_emulator->baseUrl(), path, query);
}

HttpReply TestDropboxEmulator::finish(QNetworkReply* reply)
{
    return EmulatorTestReply::of<HttpReply>(reply);
}

HttpReply TestDropboxEmulator::send(const QByteArray& verb, const QUrl& url, const Headers& headers,
                                    const QByteArray& body)
{
    return EmulatorTestReply::send<HttpReply>(m_network, verb, url, headers, body);
}

HttpReply TestDropboxEmulator::apiWith(const QString& token, const QString& route, const QJsonValue& arg)
{
    Headers headers { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } };
    if (!token.isEmpty())
        headers.append({ QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1() });
    return send(QByteArrayLiteral("POST"), url(QStringLiteral("/2/") + route), headers,
                EmulatorResponse::compactJson(arg));
}

HttpReply TestDropboxEmulator::upload(const QString& route, const QJsonObject& arg, const QByteArray& data)
{
    return send(QByteArrayLiteral("POST"), url(QStringLiteral("/2/") + route),
                { { QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1() },
                  { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream") },
                  { QByteArrayLiteral("Dropbox-API-Arg"), DropboxEmulatorJson::headerSafe(arg) } },
                data);
}

HttpReply TestDropboxEmulator::download(const QString& route, const QJsonObject& arg, const Headers& extra)
{
    Headers headers { { QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1() },
                      { QByteArrayLiteral("Dropbox-API-Arg"), DropboxEmulatorJson::headerSafe(arg) } };
    headers.append(extra);
    return send(QByteArrayLiteral("GET"), url(QStringLiteral("/2/") + route), headers);
}

HttpReply TestDropboxEmulator::postForm(const QString& path, const QList<QPair<QString, QString>>& fields)
{
    return send(QByteArrayLiteral("POST"), url(path),
                { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded") } },
                formBody(fields));
}

HttpReply TestDropboxEmulator::authorize(const QString& challenge, const QString& redirectUri, const QString& state,
                                         const QString& clientId)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), clientId.isEmpty() ? m_emulator->appKey() : clientId);
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("code_challenge"), challenge);
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    query.addQueryItem(QStringLiteral("token_access_type"), QStringLiteral("offline"));
    if (!redirectUri.isEmpty())
        query.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(redirectUri)));
    if (!state.isEmpty())
        query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(state)));
    return send(QByteArrayLiteral("GET"), url(QStringLiteral("/oauth2/authorize"), query), {});
}

QString TestDropboxEmulator::approvedCode(const QString& challenge, const QString& redirectUri)
{
    m_emulator->setAutoApprove(true);
    const HttpReply reply = authorize(challenge, redirectUri, QStringLiteral("s"));
    const QUrl location(QString::fromUtf8(reply.header(QByteArrayLiteral("Location"))));
    return QUrlQuery(location).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

HttpReply TestDropboxEmulator::exchange(const QString& code, const QString& verifier, const QString& redirectUri)
{
    QList<QPair<QString, QString>> fields { { QStringLiteral("grant_type"), QStringLiteral("authorization_code") },
                                            { QStringLiteral("code"), code },
                                            { QStringLiteral("client_id"), m_emulator->appKey() },
                                            { QStringLiteral("code_verifier"), verifier } };
    if (!redirectUri.isEmpty())
        fields.append({ QStringLiteral("redirect_uri"), redirectUri });
    return postForm(QStringLiteral("/oauth2/token"), fields);
}

HttpReply TestDropboxEmulator::refresh(const QString& refreshToken)
{
    return postForm(QStringLiteral("/oauth2/token"),
                    { { QStringLiteral("grant_type"), QStringLiteral("refresh_token") },
                      { QStringLiteral("refresh_token"), refreshToken },
                      { QStringLiteral("client_id"), m_emulator->appKey() } });
}

void TestDropboxEmulator::authorizationCodeWithPkce()
{
    const QString verifier = newVerifier();
    const QString redirect = QStringLiteral("http://localhost:53682/");
    const QString state = QStringLiteral("a+b&c=d é");

    const HttpReply page = authorize(challengeFor(verifier), redirect, state);
    QCOMPARE(page.status, 200);
    QVERIFY(page.text().contains(QStringLiteral("Attaché")));
    QVERIFY(page.text().contains(QStringLiteral("<button id=\"allow\"")));
    QVERIFY(page.text().contains(QStringLiteral("<button id=\"deny\"")));
    const QRegularExpressionMatch requestId
        = QRegularExpression(QStringLiteral("name=\"request\" value=\"([^\"]+)\"")).match(page.text());
    QVERIFY(requestId.hasMatch());

    const HttpReply allowed = postForm(QStringLiteral("/oauth2/authorize/decision"),
                                       { { QStringLiteral("request"), requestId.captured(1) },
                                         { QStringLiteral("decision"), QStringLiteral("allow") } });
    QCOMPARE(allowed.status, 302);
    const QUrl location(QString::fromUtf8(allowed.header(QByteArrayLiteral("Location"))));
    QCOMPARE(location.toString(QUrl::RemoveQuery), redirect);
    const QUrlQuery query(location);
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), state);
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    QVERIFY(!code.isEmpty());

    const HttpReply wrongVerifier = exchange(code, newVerifier(), redirect);
    QCOMPARE(wrongVerifier.status, 400);
    QCOMPARE(wrongVerifier.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    const HttpReply tokens = exchange(code, verifier, redirect);
    QCOMPARE(tokens.status, 200);
    const QJsonObject json = tokens.json();
    QCOMPARE(keysOf(json),
             (QSet<QString> { QStringLiteral("access_token"), QStringLiteral("token_type"),
                              QStringLiteral("expires_in"), QStringLiteral("refresh_token"), QStringLiteral("scope"),
                              QStringLiteral("account_id"), QStringLiteral("uid") }));
    QVERIFY(json.value(QStringLiteral("access_token")).toString().startsWith(QStringLiteral("sl.")));
    QCOMPARE(json.value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
    QCOMPARE(json.value(QStringLiteral("expires_in")).toInt(), 14400);
    QVERIFY(json.value(QStringLiteral("account_id")).toString().startsWith(QStringLiteral("dbid:")));

    const HttpReply reused = exchange(code, verifier, redirect);
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    const HttpReply account = apiWith(json.value(QStringLiteral("access_token")).toString(),
                                      QStringLiteral("users/get_current_account"), QJsonValue::Null);
    QCOMPARE(account.status, 200);
    QCOMPARE(account.json().value(QStringLiteral("account_id")), json.value(QStringLiteral("account_id")));
    QVERIFY(account.json().value(QStringLiteral("name")).toObject().contains(QStringLiteral("display_name")));
}

void TestDropboxEmulator::tokenEndpointErrors()
{
    const QString verifier = newVerifier();
    const QString redirect = QStringLiteral("http://127.0.0.1:8080/callback");
    const QString code = approvedCode(challengeFor(verifier), redirect);

    const HttpReply otherRedirect = exchange(code, verifier, QStringLiteral("http://127.0.0.1:8080/other"));
    QCOMPARE(otherRedirect.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    const HttpReply noRedirect = exchange(code, verifier, {});
    QCOMPARE(noRedirect.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    const auto errorOf = [this](const QList<QPair<QString, QString>>& fields) {
        const HttpReply reply = postForm(QStringLiteral("/oauth2/token"), fields);
        return reply.status == 400 ? reply.json().value(QStringLiteral("error")).toString() : QString();
    };
    QCOMPARE(errorOf({ { QStringLiteral("grant_type"), QStringLiteral("password") },
                       { QStringLiteral("client_id"), m_emulator->appKey() } }),
             QStringLiteral("unsupported_grant_type"));
    QCOMPARE(errorOf({ { QStringLiteral("client_id"), m_emulator->appKey() } }), QStringLiteral("invalid_request"));
    QCOMPARE(errorOf({ { QStringLiteral("grant_type"), QStringLiteral("authorization_code") },
                       { QStringLiteral("client_id"), m_emulator->appKey() } }),
             QStringLiteral("invalid_request"));
    QCOMPARE(errorOf({ { QStringLiteral("grant_type"), QStringLiteral("authorization_code") },
                       { QStringLiteral("code"), code },
                       { QStringLiteral("client_id"), QStringLiteral("someoneelse") },
                       { QStringLiteral("code_verifier"), verifier } }),
             QStringLiteral("invalid_client"));

    const HttpReply wrongType = send(QByteArrayLiteral("POST"), url(QStringLiteral("/oauth2/token")),
                                     { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } },
                                     QByteArrayLiteral("{}"));
    QCOMPARE(wrongType.status, 400);
    QVERIFY(wrongType.text().startsWith(QStringLiteral("Bad HTTP \"Content-Type\" header")));

    // The failed attempts left the code usable.
    QCOMPARE(exchange(code, verifier, redirect).status, 200);
}

void TestDropboxEmulator::authorizationWithoutRedirectShowsCode()
{
    m_emulator->setAutoApprove(true);
    const QString verifier = newVerifier();
    const HttpReply page = authorize(challengeFor(verifier), {}, {});
    QCOMPARE(page.status, 200);
    const QRegularExpressionMatch code
        = QRegularExpression(QStringLiteral("<code id=\"code\">([^<]+)</code>")).match(page.text());
    QVERIFY(code.hasMatch());
    const HttpReply tokens = exchange(code.captured(1), verifier, {});
    QCOMPARE(tokens.status, 200);
    QVERIFY(tokens.json().contains(QStringLiteral("refresh_token")));
}

void TestDropboxEmulator::denyAndUnknownClient()
{
    const QString redirect = QStringLiteral("http://localhost:9/cb");
    const HttpReply page = authorize(challengeFor(newVerifier()), redirect, QStringLiteral("xyz"));
    const QString requestId
        = QRegularExpression(QStringLiteral("name=\"request\" value=\"([^\"]+)\"")).match(page.text()).captured(1);
    const HttpReply denied = postForm(
        QStringLiteral("/oauth2/authorize/decision"),
        { { QStringLiteral("request"), requestId }, { QStringLiteral("decision"), QStringLiteral("deny") } });
    QCOMPARE(denied.status, 302);
    const QUrlQuery query(QUrl(QString::fromUtf8(denied.header(QByteArrayLiteral("Location")))));
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("xyz"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("code")));

    const HttpReply unknown = authorize(challengeFor(newVerifier()), redirect, {}, QStringLiteral("notourapp"));
    QCOMPARE(unknown.status, 400);
    QVERIFY(unknown.text().contains(QStringLiteral("Invalid client_id")));
}

void TestDropboxEmulator::refreshToken()
{
    m_emulator->setAccessTokenLifetime(600);
    const HttpReply refreshed = refresh(m_emulator->issueRefreshToken());
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(refreshed.json().value(QStringLiteral("expires_in")).toInt(), 600);
    QCOMPARE(
        keysOf(refreshed.json()),
        (QSet<QString> { QStringLiteral("access_token"), QStringLiteral("token_type"), QStringLiteral("expires_in") }));
    const QString accessToken = refreshed.json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(apiWith(accessToken, QStringLiteral("users/get_current_account"), QJsonValue::Null).status, 200);
    QCOMPARE(refresh(QStringLiteral("made-up")).json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestDropboxEmulator::revokeKillsRefreshTokenAndItsAccessTokens()
{
    const QString refreshToken = m_emulator->issueRefreshToken();
    const QString first = refresh(refreshToken).json().value(QStringLiteral("access_token")).toString();
    const QString second = refresh(refreshToken).json().value(QStringLiteral("access_token")).toString();

    const HttpReply revoked = apiWith(first, QStringLiteral("auth/token/revoke"), QJsonValue::Null);
    QCOMPARE(revoked.status, 200);
    QCOMPARE(revoked.body, QByteArrayLiteral("null"));

    const HttpReply sibling = apiWith(second, QStringLiteral("users/get_current_account"), QJsonValue::Null);
    QCOMPARE(sibling.status, 401);
    QCOMPARE(sibling.error(), tagged(QStringLiteral("invalid_access_token")));
    QCOMPARE(refresh(refreshToken).json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // Tokens of other grants live on.
    QCOMPARE(api(QStringLiteral("users/get_current_account"), QJsonValue::Null).status, 200);
}

void TestDropboxEmulator::authErrors()
{
    const HttpReply missing = apiWith({}, QStringLiteral("users/get_current_account"), QJsonValue::Null);
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.text(),
             QStringLiteral("Error in call to API function \"users/get_current_account\": Must provide "
                            "HTTP header \"Authorization\" or URL parameter \"authorization\"."));

    const HttpReply unknown = apiWith(QStringLiteral("sl.nonsense"), QStringLiteral("files/list_folder"),
                                      QJsonObject { { QStringLiteral("path"), QString() } });
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.json(),
             (QJsonObject { { QStringLiteral("error_summary"), QStringLiteral("invalid_access_token/..") },
                            { QStringLiteral("error"), tagged(QStringLiteral("invalid_access_token")) } }));

    m_emulator->expireAccessTokens();
    const HttpReply expired = api(QStringLiteral("users/get_current_account"), QJsonValue::Null);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.json(),
             (QJsonObject { { QStringLiteral("error_summary"), QStringLiteral("expired_access_token/..") },
                            { QStringLiteral("error"), tagged(QStringLiteral("expired_access_token")) } }));
}

void TestDropboxEmulator::contentTypeIsChecked()
{
    const auto post = [this](const QString& route, const QByteArray& type, const QByteArray& body) {
        return send(QByteArrayLiteral("POST"), url(QStringLiteral("/2/") + route),
                    { { QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1() },
                      { QByteArrayLiteral("Content-Type"), type } },
                    body);
    };
    const QByteArray listRoot = QByteArrayLiteral("{\"path\":\"\"}");
    const HttpReply form = post(QStringLiteral("files/list_folder"), "application/x-www-form-urlencoded", listRoot);
    QCOMPARE(form.status, 400);
    QVERIFY(form.text().startsWith(
        QStringLiteral("Error in call to API function \"files/list_folder\": Bad HTTP \"Content-Type\" header: "
                       "\"application/x-www-form-urlencoded\".")));
    QCOMPARE(post(QStringLiteral("files/list_folder"), "application/json; charset=utf-8", listRoot).status, 200);

    const HttpReply badJson = post(QStringLiteral("files/list_folder"), "application/json", "{\"path\":");
    QCOMPARE(badJson.status, 400);
    QCOMPARE(badJson.text(),
             QStringLiteral("Error in call to API function \"files/list_folder\": request body: could "
                            "not decode input as JSON"));

    const HttpReply jsonUpload = send(QByteArrayLiteral("POST"), url(QStringLiteral("/2/files/upload")),
                                      { { QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1() },
                                        { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") },
                                        { QByteArrayLiteral("Dropbox-API-Arg"), "{\"path\":\"/a.txt\"}" } },
                                      QByteArrayLiteral("data"));
    QCOMPARE(jsonUpload.status, 400);
    QVERIFY(jsonUpload.text().contains(QStringLiteral("Expecting one of \"application/octet-stream\"")));
    QVERIFY(!m_emulator->hasFile(QStringLiteral("/a.txt")));
}

void TestDropboxEmulator::listFolderPagesAndReportsChanges()
{
    for (int i = 1; i <= 5; ++i)
        QVERIFY(m_emulator->putFile(QStringLiteral("/Paging/file%1.txt").arg(i), QByteArray::number(i)));

    HttpReply page
        = api(QStringLiteral("files/list_folder"),
              QJsonObject { { QStringLiteral("path"), QStringLiteral("/paging") }, { QStringLiteral("limit"), 2 } });
    QCOMPARE(page.status, 200);
    QStringList names;
    int pages = 0;
    while (true) {
        ++pages;
        const QJsonArray entries = page.json().value(QStringLiteral("entries")).toArray();
        QVERIFY(entries.size() <= 2);
        for (const QJsonValue& entry : entries) {
            QCOMPARE(entry.toObject().value(QStringLiteral(".tag")).toString(), QStringLiteral("file"));
            names.append(entry.toObject().value(QStringLiteral("name")).toString());
        }
        if (!page.json().value(QStringLiteral("has_more")).toBool())
            break;
        page = api(QStringLiteral("files/list_folder/continue"),
                   QJsonObject { { QStringLiteral("cursor"), page.json().value(QStringLiteral("cursor")) } });
        QCOMPARE(page.status, 200);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(names,
             (QStringList { QStringLiteral("file1.txt"), QStringLiteral("file2.txt"), QStringLiteral("file3.txt"),
                            QStringLiteral("file4.txt"), QStringLiteral("file5.txt") }));
    const QJsonValue cursor = page.json().value(QStringLiteral("cursor"));

    // Later changes come through the same cursor: a new file, then a deletion.
    QCOMPARE(
        upload(QStringLiteral("files/upload"), { { QStringLiteral("path"), QStringLiteral("/Paging/new.txt") } }, "new")
            .status,
        200);
    QVERIFY(m_emulator->putFile(QStringLiteral("/Elsewhere/other.txt"), "x"));
    HttpReply changes
        = api(QStringLiteral("files/list_folder/continue"), QJsonObject { { QStringLiteral("cursor"), cursor } });
    QJsonArray entries = changes.json().value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).toObject().value(QStringLiteral("path_display")).toString(),
             QStringLiteral("/Paging/new.txt"));

    QCOMPARE(api(QStringLiteral("files/delete_v2"),
                 QJsonObject { { QStringLiteral("path"), QStringLiteral("/Paging/file1.txt") } })
                 .status,
             200);
    changes = api(QStringLiteral("files/list_folder/continue"),
                  QJsonObject { { QStringLiteral("cursor"), changes.json().value(QStringLiteral("cursor")) } });
    entries = changes.json().value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).toObject(),
             (QJsonObject { { QStringLiteral(".tag"), QStringLiteral("deleted") },
                            { QStringLiteral("name"), QStringLiteral("file1.txt") },
                            { QStringLiteral("path_lower"), QStringLiteral("/paging/file1.txt") },
                            { QStringLiteral("path_display"), QStringLiteral("/Paging/file1.txt") } }));
    QCOMPARE(changes.json().value(QStringLiteral("has_more")).toBool(), false);
}

void TestDropboxEmulator::listFolderErrors()
{
    const HttpReply bogus = api(QStringLiteral("files/list_folder/continue"),
                                QJsonObject { { QStringLiteral("cursor"), QStringLiteral("not-a-cursor") } });
    QCOMPARE(bogus.status, 409);
    QCOMPARE(bogus.json(),
             (QJsonObject { { QStringLiteral("error_summary"), QStringLiteral("reset/..") },
                            { QStringLiteral("error"), tagged(QStringLiteral("reset")) } }));

    // Dropbox answers "/" for the root with a 400 these days, not a malformed_path route error.
    const HttpReply slash
        = api(QStringLiteral("files/list_folder"), QJsonObject { { QStringLiteral("path"), QStringLiteral("/") } });
    QCOMPARE(slash.status, 400);
    QCOMPARE(slash.text(),
             QStringLiteral("Error in call to API function \"files/list_folder\": request body: path: "
                            "Specify the root folder as an empty string rather than as \"/\"."));

    const HttpReply missing = api(QStringLiteral("files/list_folder"),
                                  QJsonObject { { QStringLiteral("path"), QStringLiteral("/nowhere") } });
    QCOMPARE(missing.status, 409);
    QCOMPARE(
        missing.json(),
        (QJsonObject { { QStringLiteral("error_summary"), QStringLiteral("path/not_found/..") },
                       { QStringLiteral("error"),
                         DropboxEmulatorJson::member(QStringLiteral("path"), tagged(QStringLiteral("not_found"))) } }));

    QVERIFY(m_emulator->putFile(QStringLiteral("/file.txt"), "x"));
    QCOMPARE(api(QStringLiteral("files/list_folder"),
                 QJsonObject { { QStringLiteral("path"), QStringLiteral("/file.txt") } })
                 .error(),
             DropboxEmulatorJson::member(QStringLiteral("path"), tagged(QStringLiteral("not_folder"))));
    QCOMPARE(
        api(QStringLiteral("files/list_folder"), QJsonObject { { QStringLiteral("path"), QStringLiteral("/a//b") } })
            .error(),
        DropboxEmulatorJson::member(QStringLiteral("path"), tagged(QStringLiteral("malformed_path"))));

    const HttpReply latest = api(QStringLiteral("files/list_folder/get_latest_cursor"),
                                 QJsonObject { { QStringLiteral("path"), QString() } });
    QCOMPARE(keysOf(latest.json()), QSet<QString> { QStringLiteral("cursor") });
    m_emulator->invalidateCursors();
    QCOMPARE(api(QStringLiteral("files/list_folder/continue"),
                 QJsonObject { { QStringLiteral("cursor"), latest.json().value(QStringLiteral("cursor")) } })
                 .error(),
             tagged(QStringLiteral("reset")));
}

void TestDropboxEmulator::uploadReturnsFileMetadata()
{
    const QByteArray data = QByteArrayLiteral("The quick brown fox");
    const HttpReply uploaded = upload(QStringLiteral("files/upload"),
                                      { { QStringLiteral("path"), QStringLiteral("/Receipts/fox.txt") },
                                        { QStringLiteral("mode"), QStringLiteral("add") },
                                        { QStringLiteral("client_modified"), QStringLiteral("2024-05-01T10:00:00Z") },
                                        { QStringLiteral("content_hash"), contentHashOf(data) } },
                                      data);
    QCOMPARE(uploaded.status, 200);
    const QJsonObject file = uploaded.json();
    // FileMetadata where the declared type is FileMetadata: no ".tag".
    QCOMPARE(keysOf(file),
             (QSet<QString> { QStringLiteral("name"), QStringLiteral("path_lower"), QStringLiteral("path_display"),
                              QStringLiteral("id"), QStringLiteral("client_modified"),
                              QStringLiteral("server_modified"), QStringLiteral("rev"), QStringLiteral("size"),
                              QStringLiteral("is_downloadable"), QStringLiteral("content_hash") }));
    QCOMPARE(file.value(QStringLiteral("name")).toString(), QStringLiteral("fox.txt"));
    QCOMPARE(file.value(QStringLiteral("path_lower")).toString(), QStringLiteral("/receipts/fox.txt"));
    QCOMPARE(file.value(QStringLiteral("size")).toInteger(), data.size());
    QCOMPARE(file.value(QStringLiteral("content_hash")).toString(), contentHashOf(data));
    QCOMPARE(file.value(QStringLiteral("client_modified")).toString(), QStringLiteral("2024-05-01T10:00:00Z"));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                .match(file.value(QStringLiteral("server_modified")).toString())
                .hasMatch());
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{9,}$"))
                .match(file.value(QStringLiteral("rev")).toString())
                .hasMatch());
    QVERIFY(file.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("id:")));
    QCOMPARE(m_emulator->fileContent(QStringLiteral("/receipts/FOX.txt")), data);
    QCOMPARE(m_emulator->fileContentHash(QStringLiteral("/Receipts/fox.txt")), contentHashOf(data));

    // Metadata where the declared type is Metadata: with ".tag".
    QJsonObject listed = file;
    listed.insert(QStringLiteral(".tag"), QStringLiteral("file"));
    QCOMPARE(api(QStringLiteral("files/get_metadata"),
                 QJsonObject { { QStringLiteral("path"), file.value(QStringLiteral("id")) } })
                 .json(),
             listed);

    const HttpReply mismatch = upload(QStringLiteral("files/upload"),
                                      { { QStringLiteral("path"), QStringLiteral("/Receipts/other.txt") },
                                        { QStringLiteral("content_hash"), contentHashOf("something else") } },
                                      data);
    QCOMPARE(mismatch.status, 409);
    QCOMPARE(mismatch.json(),
             (QJsonObject { { QStringLiteral("error_summary"), QStringLiteral("content_hash_mismatch/..") },
                            { QStringLiteral("error"), tagged(QStringLiteral("content_hash_mismatch")) } }));
    QVERIFY(!m_emulator->hasFile(QStringLiteral("/Receipts/other.txt")));
}

void TestDropboxEmulator::uploadConflictsAndAutorename()
{
    QVERIFY(m_emulator->putFile(QStringLiteral("/Docs/a.txt"), "original"));
    const QString originalRev = api(QStringLiteral("files/get_metadata"),
                                    QJsonObject { { QStringLiteral("path"), QStringLiteral("/Docs/a.txt") } })
                                    .json()
                                    .value(QStringLiteral("rev"))
                                    .toString();

    const HttpReply conflict = upload(QStringLiteral("files/upload"),
                                      { { QStringLiteral("path"), QStringLiteral("/Docs/a.txt") } }, "different");
    QCOMPARE(conflict.status, 409);
    QCOMPARE(conflict.json().value(QStringLiteral("error_summary")).toString(),
             QStringLiteral("path/conflict/file/.."));
    const QJsonObject error = conflict.error();
    QCOMPARE(error.value(QStringLiteral(".tag")).toString(), QStringLiteral("path"));
    QCOMPARE(error.value(QStringLiteral("reason")).toObject(),
             DropboxEmulatorJson::member(QStringLiteral("conflict"), tagged(QStringLiteral("file"))));
    // The data waits in an upload session, to be committed elsewhere.
    const QString sessionId = error.value(QStringLiteral("upload_session_id")).toString();
    QVERIFY(sessionId.startsWith(QStringLiteral("pid_upload_session:")));
    QCOMPARE(m_emulator->activeUploadSessions(), 1);
    const HttpReply retried = upload(
        QStringLiteral("files/upload_session/finish"),
        { { QStringLiteral("cursor"),
            QJsonObject { { QStringLiteral("session_id"), sessionId }, { QStringLiteral("offset"), 9 } } },
          { QStringLiteral("commit"), QJsonObject { { QStringLiteral("path"), QStringLiteral("/Docs/b.txt") } } } },
        {});
    QCOMPARE(retried.status, 200);
    QCOMPARE(m_emulator->fileContent(QStringLiteral("/Docs/b.txt")), QByteArrayLiteral("different"));
    QCOMPARE(m_emulator->activeUploadSessions(), 0);

    const auto uploadedName = [this](const QJsonObject& arg, const QByteArray& data) {
        return upload(QStringLiteral("files/upload"), arg, data).json().value(QStringLiteral("name")).toString();
    };
    const QJsonObject addRenaming { { QStringLiteral("path"), QStringLiteral("/Docs/a.txt") },
                                    { QStringLiteral("autorename"), true } };
    QCOMPARE(uploadedName(addRenaming, "second"), QStringLiteral("a (1).txt"));
    QCOMPARE(uploadedName(addRenaming, "third"), QStringLiteral("a (2).txt"));

    // Identical content conflicts with nothing and writes nothing.
    const HttpReply same = upload(QStringLiteral("files/upload"),
                                  { { QStringLiteral("path"), QStringLiteral("/docs/A.TXT") } }, "original");
    QCOMPARE(same.status, 200);
    QCOMPARE(same.json().value(QStringLiteral("rev")).toString(), originalRev);
    QCOMPARE(same.json().value(QStringLiteral("path_display")).toString(), QStringLiteral("/Docs/a.txt"));

    const HttpReply overwritten = upload(QStringLiteral("files/upload"),
                                         { { QStringLiteral("path"), QStringLiteral("/Docs/a.txt") },
                                           { QStringLiteral("mode"), QStringLiteral("overwrite") } },
                                         "replaced");
    QCOMPARE(overwritten.status, 200);
    QVERIFY(overwritten.json().value(QStringLiteral("rev")).toString() != originalRev);
    QCOMPARE(m_emulator->fileContent(QStringLiteral("/Docs/a.txt")), QByteArrayLiteral("replaced"));

    const QJsonObject staleUpdate { { QStringLiteral("path"), QStringLiteral("/Docs/a.txt") },
                                    { QStringLiteral("mode"),
                                      DropboxEmulatorJson::member(QStringLiteral("update"), originalRev) },
                                    { QStringLiteral("autorename"), true } };
    QCOMPARE(uploadedName(staleUpdate, "mine"), QStringLiteral("a (conflicted copy).txt"));
}

void TestDropboxEmulator::pathsAreCaseInsensitiveAndCasePreserving()
{
    QCOMPARE(upload(QStringLiteral("files/upload"), { { QStringLiteral("path"), QStringLiteral("/Docs/Report.PDF") } },
                    "%PDF")
                 .status,
             200);
    const QJsonObject metadata = api(QStringLiteral("files/get_metadata"),
                                     QJsonObject { { QStringLiteral("path"), QStringLiteral("/docs/report.pdf") } })
                                     .json();
    QCOMPARE(metadata.value(QStringLiteral("path_display")).toString(), QStringLiteral("/Docs/Report.PDF"));
    QCOMPARE(metadata.value(QStringLiteral("path_lower")).toString(), QStringLiteral("/docs/report.pdf"));
    // A new file takes the existing folder's casing.
    const HttpReply other = upload(QStringLiteral("files/upload"),
                                   { { QStringLiteral("path"), QStringLiteral("/DOCS/Other.txt") } }, "o");
    QCOMPARE(other.json().value(QStringLiteral("path_display")).toString(), QStringLiteral("/Docs/Other.txt"));
    QVERIFY(m_emulator->hasFile(QStringLiteral("/docs/REPORT.pdf")));
}

void TestDropboxEmulator::disallowedNameAndQuota()
{
    const HttpReply disallowed
        = upload(QStringLiteral("files/upload"), { { QStringLiteral("path"), QStringLiteral("/Desktop.ini") } }, "x");
    QCOMPARE(disallowed.status, 409);
    QCOMPARE(disallowed.error().value(QStringLiteral("reason")).toObject(), tagged(QStringLiteral("disallowed_name")));

    m_emulator->setQuotaBytes(10);
    const HttpReply full = upload(QStringLiteral("files/upload"),
                                  { { QStringLiteral("path"), QStringLiteral("/big.bin") } }, QByteArray(20, 'x'));
    QCOMPARE(full.status, 409);
    QCOMPARE(full.json().value(QStringLiteral("error_summary")).toString(),
             QStringLiteral("path/insufficient_space/.."));
    QCOMPARE(full.error().value(QStringLiteral("reason")).toObject(), tagged(QStringLiteral("insufficient_space")));

    const QJsonObject usage = api(QStringLiteral("users/get_space_usage"), QJsonValue::Null).json();
    QCOMPARE(usage.value(QStringLiteral("allocation")).toObject(),
             DropboxEmulatorJson::withTag(QStringLiteral("individual"), { { QStringLiteral("allocated"), 10 } }));
}

void TestDropboxEmulator::payloadTooLarge()
{
    const HttpReply tooLarge
        = upload(QStringLiteral("files/upload"), { { QStringLiteral("path"), QStringLiteral("/huge.bin") } },
                 QByteArray(DropboxEmulator::MaxRequestBytes + 1, 'x'));
    QCOMPARE(tooLarge.status, 409);
    QCOMPARE(tooLarge.error(), tagged(QStringLiteral("payload_too_large")));
    QCOMPARE(m_emulator->activeUploadSessions(), 0);
}

void TestDropboxEmulator::uploadSessionOffsets()
{
    const QByteArray data = QByteArrayLiteral("0123456789abcdefghij");
    const HttpReply started = upload(QStringLiteral("files/upload_session/start"), {}, data.left(5));
    QCOMPARE(started.status, 200);
    const QString sessionId = started.json().value(QStringLiteral("session_id")).toString();
    QCOMPARE(m_emulator->activeUploadSessions(), 1);
    const auto cursorAt = [&sessionId](qint64 offset) {
        return QJsonObject { { QStringLiteral("session_id"), sessionId }, { QStringLiteral("offset"), offset } };
    };

    const HttpReply wrongOffset = upload(QStringLiteral("files/upload_session/append_v2"),
                                         { { QStringLiteral("cursor"), cursorAt(3) } }, data.mid(5, 5));
    QCOMPARE(wrongOffset.status, 409);
    QCOMPARE(wrongOffset.json(),
             (QJsonObject { { QStringLiteral("error_summary"), QStringLiteral("incorrect_offset/..") },
                            { QStringLiteral("error"),
                              QJsonObject { { QStringLiteral(".tag"), QStringLiteral("incorrect_offset") },
                                            { QStringLiteral("correct_offset"), 5 } } } }));

    const HttpReply appended = upload(QStringLiteral("files/upload_session/append_v2"),
                                      { { QStringLiteral("cursor"), cursorAt(5) },
                                        { QStringLiteral("content_hash"), contentHashOf(data.mid(5, 5)) } },
                                      data.mid(5, 5));
    QCOMPARE(appended.status, 200);
    QCOMPARE(appended.body, QByteArrayLiteral("null"));
    const HttpReply badHash = upload(
        QStringLiteral("files/upload_session/append_v2"),
        { { QStringLiteral("cursor"), cursorAt(10) }, { QStringLiteral("content_hash"), contentHashOf("other") } },
        data.mid(10, 5));
    QCOMPARE(badHash.error(), tagged(QStringLiteral("content_hash_mismatch")));

    const QJsonObject commit { { QStringLiteral("path"), QStringLiteral("/Sessions/joined.txt") } };
    const HttpReply finishWrong
        = upload(QStringLiteral("files/upload_session/finish"),
                 { { QStringLiteral("cursor"), cursorAt(15) }, { QStringLiteral("commit"), commit } }, data.mid(15));
    QCOMPARE(finishWrong.status, 409);
    QCOMPARE(
        finishWrong.json(),
        (QJsonObject { { QStringLiteral("error_summary"), QStringLiteral("lookup_failed/incorrect_offset/..") },
                       { QStringLiteral("error"),
                         QJsonObject { { QStringLiteral(".tag"), QStringLiteral("lookup_failed") },
                                       { QStringLiteral("lookup_failed"),
                                         QJsonObject { { QStringLiteral(".tag"), QStringLiteral("incorrect_offset") },
                                                       { QStringLiteral("correct_offset"), 10 } } } } } }));

    QCOMPARE(upload(QStringLiteral("files/upload_session/append_v2"),
                    { { QStringLiteral("cursor"), cursorAt(10) }, { QStringLiteral("close"), true } }, data.mid(10, 5))
                 .status,
             200);
    const HttpReply closed = upload(QStringLiteral("files/upload_session/append_v2"),
                                    { { QStringLiteral("cursor"), cursorAt(15) } }, data.mid(15));
    QCOMPARE(closed.error(), tagged(QStringLiteral("closed")));
    const HttpReply closedFinish
        = upload(QStringLiteral("files/upload_session/finish"),
                 { { QStringLiteral("cursor"), cursorAt(15) }, { QStringLiteral("commit"), commit } }, data.mid(15));
    QCOMPARE(closedFinish.error(), DropboxEmulatorJson::member(SessionError, tagged(QStringLiteral("closed"))));

    const HttpReply finished
        = upload(QStringLiteral("files/upload_session/finish"),
                 { { QStringLiteral("cursor"), cursorAt(15) }, { QStringLiteral("commit"), commit } }, {});
    QCOMPARE(finished.status, 200);
    QVERIFY(!finished.json().contains(QStringLiteral(".tag")));
    QCOMPARE(finished.json().value(QStringLiteral("content_hash")).toString(), contentHashOf(data.left(15)));
    QCOMPARE(m_emulator->fileContent(QStringLiteral("/Sessions/joined.txt")), data.left(15));
    QCOMPARE(m_emulator->activeUploadSessions(), 0);

    const HttpReply gone = upload(QStringLiteral("files/upload_session/append_v2"),
                                  { { QStringLiteral("cursor"), cursorAt(15) } }, data.mid(15));
    QCOMPARE(gone.error(), tagged(QStringLiteral("not_found")));
}

void TestDropboxEmulator::concurrentUploadSession()
{
    const qint64 chunk = 4 * 1024 * 1024;
    const QByteArray data = QByteArray(chunk, 'a') + QByteArray(chunk, 'b') + QByteArrayLiteral("tail");
    const QJsonObject concurrent { { QStringLiteral("session_type"), QStringLiteral("concurrent") } };
    QCOMPARE(upload(QStringLiteral("files/upload_session/start"), concurrent, "data").error(),
             tagged(QStringLiteral("concurrent_session_data_not_allowed")));
    const QString sessionId = upload(QStringLiteral("files/upload_session/start"), concurrent, {})
                                  .json()
                                  .value(QStringLiteral("session_id"))
                                  .toString();
    const auto append = [&](qint64 offset, const QByteArray& piece, bool close) {
        return upload(
            QStringLiteral("files/upload_session/append_v2"),
            { { QStringLiteral("cursor"),
                QJsonObject { { QStringLiteral("session_id"), sessionId }, { QStringLiteral("offset"), offset } } },
              { QStringLiteral("close"), close } },
            piece);
    };
    QCOMPARE(append(0, QByteArray(1000, 'a'), false).error(),
             tagged(QStringLiteral("concurrent_session_invalid_data_size")));
    QCOMPARE(append(1000, QByteArray(chunk, 'a'), false).error(),
             tagged(QStringLiteral("concurrent_session_invalid_offset")));

    // Out of order, as concurrent requests may arrive.
    QCOMPARE(append(2 * chunk, data.mid(2 * chunk), true).status, 200);
    QCOMPARE(append(chunk, data.mid(chunk, chunk), false).status, 200);
    const QJsonObject finishArg {
        { QStringLiteral("cursor"),
          QJsonObject { { QStringLiteral("session_id"), sessionId }, { QStringLiteral("offset"), data.size() } } },
        { QStringLiteral("commit"), QJsonObject { { QStringLiteral("path"), QStringLiteral("/concurrent.bin") } } }
    };
    QCOMPARE(upload(QStringLiteral("files/upload_session/finish"), finishArg, {}).error(),
             tagged(QStringLiteral("concurrent_session_missing_data")));
    QCOMPARE(append(0, data.left(chunk), false).status, 200);
    const HttpReply finished = upload(QStringLiteral("files/upload_session/finish"), finishArg, {});
    QCOMPARE(finished.status, 200);
    QCOMPARE(finished.json().value(QStringLiteral("content_hash")).toString(), contentHashOf(data));
    QCOMPARE(m_emulator->fileContentHash(QStringLiteral("/concurrent.bin")), contentHashOf(data));
}

void TestDropboxEmulator::downloadResultIsHeaderSafe()
{
    const QString name = QStringLiteral("Ünïcødé \U0001F4C4.txt");
    const QByteArray data = QByteArrayLiteral("downloadable content");
    const QString path = QStringLiteral("/") + name;
    QVERIFY(m_emulator->putFile(path, data));

    const HttpReply downloaded
        = download(QStringLiteral("files/download"), { { QStringLiteral("path"), path.toLower() } });
    QCOMPARE(downloaded.status, 200);
    QCOMPARE(downloaded.body, data);
    const QByteArray result = downloaded.header(QByteArrayLiteral("Dropbox-API-Result"));
    QVERIFY(std::all_of(result.begin(), result.end(), [](char c) { return uchar(c) < 0x7f; }));
    QVERIFY(result.contains("\\u00dc"));
    QVERIFY(result.contains("\\ud83d\\udcc4"));
    const QJsonObject metadata = QJsonDocument::fromJson(result).object();
    QCOMPARE(metadata.value(QStringLiteral("name")).toString(), name);
    QCOMPARE(metadata.value(QStringLiteral("content_hash")).toString(), contentHashOf(data));
    QVERIFY(!metadata.contains(QStringLiteral(".tag")));

    const HttpReply part = download(QStringLiteral("files/download"), { { QStringLiteral("path"), path } },
                                    { { QByteArrayLiteral("Range"), QByteArrayLiteral("bytes=2-5") } });
    QCOMPARE(part.status, 206);
    QCOMPARE(part.body, data.mid(2, 4));
    QCOMPARE(part.header(QByteArrayLiteral("Content-Range")),
             QByteArray("bytes 2-5/" + QByteArray::number(data.size())));

    const HttpReply missing
        = download(QStringLiteral("files/download"), { { QStringLiteral("path"), QStringLiteral("/none") } });
    QCOMPARE(missing.status, 409);
    QCOMPARE(missing.error(), DropboxEmulatorJson::member(QStringLiteral("path"), tagged(QStringLiteral("not_found"))));
}

void TestDropboxEmulator::downloadRanges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    // 10 000 bytes.
    QTest::newRow("the rest") << QByteArray("bytes=4000-") << qint64(4000) << qint64(9999);
    QTest::newRow("the last byte") << QByteArray("bytes=9999-") << qint64(9999) << qint64(9999);
    QTest::newRow("first to last") << QByteArray("bytes=100-199") << qint64(100) << qint64(199);
    QTest::newRow("last beyond the end") << QByteArray("bytes=9000-20000") << qint64(9000) << qint64(9999);
    QTest::newRow("suffix") << QByteArray("bytes=-10") << qint64(9990) << qint64(9999);
    QTest::newRow("suffix longer than the file") << QByteArray("bytes=-20000") << qint64(0) << qint64(9999);
}

// As HTTP has it (RFC 9110 §14): the bytes asked for, with where they lie in the whole, and the whole file's
// metadata still in Dropbox-API-Result.
void TestDropboxEmulator::downloadRanges()
{
    QFETCH(QByteArray, range);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QByteArray data(10000, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char(i * 7 % 251);
    QVERIFY(m_emulator->putFile(QStringLiteral("/scan.pdf"), data));
    const QJsonObject arg { { QStringLiteral("path"), QStringLiteral("/scan.pdf") } };
    const HttpReply whole = download(QStringLiteral("files/download"), arg);
    QCOMPARE(whole.status, 200);

    const HttpReply part = download(QStringLiteral("files/download"), arg, { { QByteArrayLiteral("Range"), range } });
    QCOMPARE(part.status, 206);
    QCOMPARE(part.networkError, QNetworkReply::NoError);
    QCOMPARE(part.body, data.mid(first, last - first + 1));
    QCOMPARE(part.header(QByteArrayLiteral("Content-Length")), QByteArray::number(last - first + 1));
    QCOMPARE(part.header(QByteArrayLiteral("Content-Range")),
             "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + "/10000");
    const QByteArray result = part.header(QByteArrayLiteral("Dropbox-API-Result"));
    QVERIFY(!result.isEmpty());
    QCOMPARE(result, whole.header(QByteArrayLiteral("Dropbox-API-Result")));
    QCOMPARE(QJsonDocument::fromJson(result).object().value(QStringLiteral("size")).toInteger(), data.size());
}

void TestDropboxEmulator::unsatisfiableRangeIs416_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("range");
    QTest::newRow("first at the end") << QByteArray("0123456789") << QByteArray("bytes=10-");
    QTest::newRow("first beyond the end") << QByteArray("0123456789") << QByteArray("bytes=50-60");
    QTest::newRow("last before first") << QByteArray("0123456789") << QByteArray("bytes=5-2");
    QTest::newRow("empty suffix") << QByteArray("0123456789") << QByteArray("bytes=-0");
    QTest::newRow("empty file") << QByteArray() << QByteArray("bytes=0-");
}

void TestDropboxEmulator::unsatisfiableRangeIs416()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, range);
    QVERIFY(m_emulator->putFile(QStringLiteral("/scan.pdf"), content));
    const HttpReply refused
        = download(QStringLiteral("files/download"), { { QStringLiteral("path"), QStringLiteral("/scan.pdf") } },
                   { { QByteArrayLiteral("Range"), range } });
    QCOMPARE(refused.status, 416);
    QCOMPARE(refused.header(QByteArrayLiteral("Content-Range")), "bytes */" + QByteArray::number(content.size()));

    // A range in another unit is no range at all: the whole file.
    const HttpReply whole
        = download(QStringLiteral("files/download"), { { QStringLiteral("path"), QStringLiteral("/scan.pdf") } },
                   { { QByteArrayLiteral("Range"), QByteArrayLiteral("items=0-1") } });
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body, content);
}

void TestDropboxEmulator::thumbnails()
{
    QTemporaryDir local;
    const QString landscape = local.filePath(QStringLiteral("landscape.png"));
    QFile file(landscape);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(pngImage(400, 300));
    file.close();
    QVERIFY(m_emulator->putFileFromDisk(QStringLiteral("/Images/landscape.png"), landscape));
    QVERIFY(m_emulator->putFile(QStringLiteral("/Images/portrait.png"), pngImage(1200, 1600)));
    QVERIFY(m_emulator->putFile(QStringLiteral("/Images/notes.txt"), "text"));
    const auto thumbnail = [this](const QString& path, const QString& format, const QString& size,
                                  const QString& mode) {
        return download(QStringLiteral("files/get_thumbnail_v2"),
                        { { QStringLiteral("resource"), DropboxEmulatorJson::member(QStringLiteral("path"), path) },
                          { QStringLiteral("format"), format },
                          { QStringLiteral("size"), size },
                          { QStringLiteral("mode"), mode } });
    };

    const HttpReply strict = thumbnail(QStringLiteral("/Images/landscape.png"), QStringLiteral("jpeg"),
                                       QStringLiteral("w64h64"), QStringLiteral("strict"));
    QCOMPARE(strict.status, 200);
    QCOMPARE(strict.header(QByteArrayLiteral("Content-Type")), QByteArrayLiteral("image/jpeg"));
    const QImage small = QImage::fromData(strict.body, "JPEG");
    QCOMPARE(small.size(), QSize(64, 48));
    const QJsonObject result = QJsonDocument::fromJson(strict.header(QByteArrayLiteral("Dropbox-API-Result"))).object();
    QCOMPARE(result.value(QStringLiteral("file_metadata")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("landscape.png"));

    // bestfit may turn the box to fit a portrait image better.
    const HttpReply bestfit = thumbnail(QStringLiteral("/Images/portrait.png"), QStringLiteral("png"),
                                        QStringLiteral("w480h320"), QStringLiteral("bestfit"));
    const QImage turned = QImage::fromData(bestfit.body, "PNG");
    QVERIFY(turned.width() <= 320 && turned.height() <= 480);
    QVERIFY(turned.height() > 320);
    const HttpReply strictPortrait = thumbnail(QStringLiteral("/Images/portrait.png"), QStringLiteral("png"),
                                               QStringLiteral("w480h320"), QStringLiteral("strict"));
    QCOMPARE(QImage::fromData(strictPortrait.body, "PNG").size(), QSize(240, 320));

    QCOMPARE(thumbnail(QStringLiteral("/Images/notes.txt"), QStringLiteral("jpeg"), QStringLiteral("w64h64"),
                       QStringLiteral("strict"))
                 .error(),
             tagged(QStringLiteral("unsupported_extension")));
    QCOMPARE(thumbnail(QStringLiteral("/Images/none.png"), QStringLiteral("jpeg"), QStringLiteral("w64h64"),
                       QStringLiteral("strict"))
                 .error(),
             DropboxEmulatorJson::member(QStringLiteral("path"), tagged(QStringLiteral("not_found"))));
    QCOMPARE(thumbnail(QStringLiteral("/Images/landscape.png"), QStringLiteral("gif"), QStringLiteral("w64h64"),
                       QStringLiteral("strict"))
                 .status,
             400);
}

void TestDropboxEmulator::thumbnailBatch()
{
    QVERIFY(m_emulator->putFile(QStringLiteral("/photo.png"), pngImage(300, 200)));
    QVERIFY(m_emulator->putFile(QStringLiteral("/notes.txt"), "text"));
    const auto entry = [](const QString& path) {
        return QJsonObject { { QStringLiteral("path"), path },
                             { QStringLiteral("format"), QStringLiteral("jpeg") },
                             { QStringLiteral("size"), QStringLiteral("w128h128") } };
    };
    const HttpReply batch
        = api(QStringLiteral("files/get_thumbnail_batch"),
              QJsonObject { { QStringLiteral("entries"),
                              QJsonArray { entry(QStringLiteral("/photo.png")), entry(QStringLiteral("/notes.txt")),
                                           entry(QStringLiteral("/missing.png")) } } });
    QCOMPARE(batch.status, 200);
    const QJsonArray entries = batch.json().value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 3);
    const QJsonObject success = entries.at(0).toObject();
    QCOMPARE(success.value(QStringLiteral(".tag")).toString(), QStringLiteral("success"));
    QCOMPARE(success.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("photo.png"));
    const QImage image = QImage::fromData(
        QByteArray::fromBase64(success.value(QStringLiteral("thumbnail")).toString().toLatin1()), "JPEG");
    QCOMPARE(image.size(), QSize(128, 85));
    QCOMPARE(entries.at(1).toObject(),
             DropboxEmulatorJson::member(QStringLiteral("failure"), tagged(QStringLiteral("unsupported_extension"))));
    QCOMPARE(entries.at(2).toObject(),
             DropboxEmulatorJson::member(
                 QStringLiteral("failure"),
                 DropboxEmulatorJson::member(QStringLiteral("path"), tagged(QStringLiteral("not_found")))));

    QJsonArray tooMany;
    for (int i = 0; i < 26; ++i)
        tooMany.append(entry(QStringLiteral("/photo.png")));
    const HttpReply refused
        = api(QStringLiteral("files/get_thumbnail_batch"), QJsonObject { { QStringLiteral("entries"), tooMany } });
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.error(), tagged(QStringLiteral("too_many_files")));
}

void TestDropboxEmulator::createFolder()
{
    const HttpReply created = api(QStringLiteral("files/create_folder_v2"),
                                  QJsonObject { { QStringLiteral("path"), QStringLiteral("/Invoices/4455") } });
    QCOMPARE(created.status, 200);
    const QJsonObject folder = created.json().value(QStringLiteral("metadata")).toObject();
    QCOMPARE(keysOf(folder),
             (QSet<QString> { QStringLiteral("name"), QStringLiteral("path_lower"), QStringLiteral("path_display"),
                              QStringLiteral("id") }));
    QVERIFY(m_emulator->hasFolder(QStringLiteral("/invoices")));

    const HttpReply again = api(QStringLiteral("files/create_folder_v2"),
                                QJsonObject { { QStringLiteral("path"), QStringLiteral("/invoices/4455") } });
    QCOMPARE(again.status, 409);
    QCOMPARE(again.json().value(QStringLiteral("error_summary")).toString(), QStringLiteral("path/conflict/folder/.."));
    const HttpReply renamed = api(QStringLiteral("files/create_folder_v2"),
                                  QJsonObject { { QStringLiteral("path"), QStringLiteral("/Invoices/4455") },
                                                { QStringLiteral("autorename"), true } });
    QCOMPARE(renamed.json().value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("4455 (1)"));
}

void TestDropboxEmulator::deleteAndMove()
{
    QVERIFY(m_emulator->putFile(QStringLiteral("/A/one.txt"), "1"));
    QVERIFY(m_emulator->putFile(QStringLiteral("/A/two.txt"), "2"));
    QVERIFY(m_emulator->putFile(QStringLiteral("/B/one.txt"), "b1"));

    const HttpReply deleted = api(QStringLiteral("files/delete_v2"),
                                  QJsonObject { { QStringLiteral("path"), QStringLiteral("/A/two.txt") } });
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json().value(QStringLiteral("metadata")).toObject().value(QStringLiteral(".tag")).toString(),
             QStringLiteral("file"));
    QVERIFY(!m_emulator->hasFile(QStringLiteral("/A/two.txt")));
    QCOMPARE(api(QStringLiteral("files/get_metadata"),
                 QJsonObject { { QStringLiteral("path"), QStringLiteral("/A/two.txt") } })
                 .error(),
             DropboxEmulatorJson::member(QStringLiteral("path"), tagged(QStringLiteral("not_found"))));
    QCOMPARE(api(QStringLiteral("files/get_metadata"),
                 QJsonObject { { QStringLiteral("path"), QStringLiteral("/A/two.txt") },
                               { QStringLiteral("include_deleted"), true } })
                 .json()
                 .value(QStringLiteral(".tag"))
                 .toString(),
             QStringLiteral("deleted"));
    QCOMPARE(
        api(QStringLiteral("files/delete_v2"), QJsonObject { { QStringLiteral("path"), QStringLiteral("/A/two.txt") } })
            .error(),
        DropboxEmulatorJson::member(QStringLiteral("path_lookup"), tagged(QStringLiteral("not_found"))));

    const auto move = [this](const QString& from, const QString& to, bool autorename) {
        return api(QStringLiteral("files/move_v2"),
                   QJsonObject { { QStringLiteral("from_path"), from },
                                 { QStringLiteral("to_path"), to },
                                 { QStringLiteral("autorename"), autorename } });
    };
    const HttpReply conflict = move(QStringLiteral("/A/one.txt"), QStringLiteral("/B/one.txt"), false);
    QCOMPARE(conflict.status, 409);
    QCOMPARE(conflict.json().value(QStringLiteral("error_summary")).toString(), QStringLiteral("to/conflict/file/.."));
    QCOMPARE(conflict.error(),
             DropboxEmulatorJson::member(
                 QStringLiteral("to"),
                 DropboxEmulatorJson::member(QStringLiteral("conflict"), tagged(QStringLiteral("file")))));
    // Dropbox's move does not do case-only renames.
    QCOMPARE(move(QStringLiteral("/A/one.txt"), QStringLiteral("/A/ONE.txt"), false)
                 .json()
                 .value(QStringLiteral("error_summary"))
                 .toString(),
             QStringLiteral("to/conflict/file/.."));
    QCOMPARE(move(QStringLiteral("/A/none.txt"), QStringLiteral("/B/none.txt"), false).error(),
             DropboxEmulatorJson::member(QStringLiteral("from_lookup"), tagged(QStringLiteral("not_found"))));
    QCOMPARE(move(QStringLiteral("/A"), QStringLiteral("/A/inner"), false).error(),
             tagged(QStringLiteral("cant_move_folder_into_itself")));

    const HttpReply renamed = move(QStringLiteral("/A/one.txt"), QStringLiteral("/B/one.txt"), true);
    QCOMPARE(renamed.status, 200);
    QCOMPARE(
        renamed.json().value(QStringLiteral("metadata")).toObject().value(QStringLiteral("path_display")).toString(),
        QStringLiteral("/B/one (1).txt"));
    QCOMPARE(m_emulator->fileContent(QStringLiteral("/B/one (1).txt")), QByteArrayLiteral("1"));
    QVERIFY(!m_emulator->hasFile(QStringLiteral("/A/one.txt")));

    // A folder moves with everything in it, to parents that do not exist yet.
    const HttpReply folder = move(QStringLiteral("/B"), QStringLiteral("/Archive/2024/B"), false);
    QCOMPARE(folder.json().value(QStringLiteral("metadata")).toObject().value(QStringLiteral(".tag")).toString(),
             QStringLiteral("folder"));
    QCOMPARE(m_emulator->fileContent(QStringLiteral("/archive/2024/b/one.txt")), QByteArrayLiteral("b1"));
    QVERIFY(!m_emulator->hasFolder(QStringLiteral("/B")));

    const HttpReply copied
        = api(QStringLiteral("files/copy_v2"),
              QJsonObject { { QStringLiteral("from_path"), QStringLiteral("/Archive/2024/B/one.txt") },
                            { QStringLiteral("to_path"), QStringLiteral("/copy.txt") } });
    QCOMPARE(copied.status, 200);
    QCOMPARE(m_emulator->fileContent(QStringLiteral("/copy.txt")), QByteArrayLiteral("b1"));
    QVERIFY(m_emulator->hasFile(QStringLiteral("/Archive/2024/B/one.txt")));
}

void TestDropboxEmulator::longpollReportsChange()
{
    const QString cursor
        = api(QStringLiteral("files/list_folder/get_latest_cursor"),
              QJsonObject { { QStringLiteral("path"), QString() }, { QStringLiteral("recursive"), true } })
              .json()
              .value(QStringLiteral("cursor"))
              .toString();
    const auto longpoll = [this, &cursor] {
        QNetworkRequest request(url(QStringLiteral("/2/files/list_folder/longpoll")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return m_network.post(request,
                              EmulatorResponse::compactJson(QJsonObject { { QStringLiteral("cursor"), cursor },
                                                                          { QStringLiteral("timeout"), 30 } }));
    };

    // No change: after the (scaled) timeout, false.
    m_emulator->setLongpollTimeoutScale(0.001);
    const HttpReply quiet = finish(longpoll());
    QCOMPARE(quiet.json(), (QJsonObject { { QStringLiteral("changes"), false } }));

    // A change while waiting answers at once.
    m_emulator->setLongpollTimeoutScale(100);
    QSignalSpy received(m_emulator.get(), &EmulatorServer::requestReceived);
    QNetworkReply* waiting = longpoll();
    QVERIFY(received.wait());
    QVERIFY(!waiting->isFinished());
    QCOMPARE(
        upload(QStringLiteral("files/upload"), { { QStringLiteral("path"), QStringLiteral("/Deep/new.txt") } }, "n")
            .status,
        200);
    const HttpReply changed = finish(waiting);
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json(), (QJsonObject { { QStringLiteral("changes"), true } }));

    const QJsonArray entries
        = api(QStringLiteral("files/list_folder/continue"), QJsonObject { { QStringLiteral("cursor"), cursor } })
              .json()
              .value(QStringLiteral("entries"))
              .toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value(QStringLiteral(".tag")).toString(), QStringLiteral("folder"));
    QCOMPARE(entries.at(1).toObject().value(QStringLiteral("path_lower")).toString(), QStringLiteral("/deep/new.txt"));

    // A longpoll with a cursor that has something to fetch answers at once, too.
    QCOMPARE(finish(longpoll()).json(), (QJsonObject { { QStringLiteral("changes"), true } }));
}

void TestDropboxEmulator::rateLimitFault()
{
    m_emulator->faults().add(QStringLiteral("/2/users/get_current_account"), FaultInjector::rateLimited(7), 2);
    for (int i = 0; i < 2; ++i) {
        const HttpReply limited = api(QStringLiteral("users/get_current_account"), QJsonValue::Null);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header(QByteArrayLiteral("Retry-After")), QByteArrayLiteral("7"));
        QCOMPARE(
            limited.json(),
            (QJsonObject { { QStringLiteral("error_summary"), QStringLiteral("too_many_requests/..") },
                           { QStringLiteral("error"),
                             QJsonObject { { QStringLiteral("reason"), tagged(QStringLiteral("too_many_requests")) },
                                           { QStringLiteral("retry_after"), 7 } } } }));
    }
    QCOMPARE(api(QStringLiteral("users/get_current_account"), QJsonValue::Null).status, 200);

    m_emulator->faults().add(QStringLiteral("*"), FaultInjector::rateLimited(3, false));
    const HttpReply plain
        = api(QStringLiteral("files/list_folder"), QJsonObject { { QStringLiteral("path"), QString() } });
    QCOMPARE(plain.status, 429);
    QCOMPARE(plain.header(QByteArrayLiteral("Retry-After")), QByteArrayLiteral("3"));
    QCOMPARE(plain.body, QByteArrayLiteral("too_many_requests"));
}

void TestDropboxEmulator::serverErrorFaults()
{
    QVERIFY(m_emulator->faults().addSpec(QStringLiteral("/2/files/list_folder=500")));
    QVERIFY(m_emulator->faults().addSpec(QStringLiteral("*=503")));
    const QJsonObject root { { QStringLiteral("path"), QString() } };
    // The route's own fault goes first, then the one for every route.
    const HttpReply first = api(QStringLiteral("files/list_folder"), root);
    QCOMPARE(first.status, 500);
    QCOMPARE(first.networkError, QNetworkReply::InternalServerError);
    QVERIFY(first.header(QByteArrayLiteral("Content-Type")).startsWith("text/plain"));
    QCOMPARE(api(QStringLiteral("files/list_folder"), root).status, 503);
    QCOMPARE(api(QStringLiteral("files/list_folder"), root).status, 200);
}

void TestDropboxEmulator::expiredTokenFault()
{
    m_emulator->faults().add(QStringLiteral("/2/files/get_metadata"), FaultInjector::expiredToken());
    const QJsonObject arg { { QStringLiteral("path"), QStringLiteral("/x") } };
    const HttpReply expired = api(QStringLiteral("files/get_metadata"), arg);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.error(), tagged(QStringLiteral("expired_access_token")));
    QCOMPARE(api(QStringLiteral("files/get_metadata"), arg).status, 409);
}

void TestDropboxEmulator::droppedConnectionFault()
{
    const QByteArray data(1024 * 1024, 'd');
    QVERIFY(m_emulator->putFile(QStringLiteral("/big.bin"), data));
    m_emulator->faults().add(QStringLiteral("/2/files/download"), FaultInjector::dropConnection(1000));
    const QJsonObject arg { { QStringLiteral("path"), QStringLiteral("/big.bin") } };
    const HttpReply dropped = download(QStringLiteral("files/download"), arg);
    // The whole length is promised and less arrives; Qt does not always flag that as an error itself.
    QCOMPARE(dropped.header(QByteArrayLiteral("Content-Length")).toLongLong(), data.size());
    QVERIFY(dropped.body.size() < data.size());

    const HttpReply whole = download(QStringLiteral("files/download"), arg);
    QCOMPARE(whole.networkError, QNetworkReply::NoError);
    QCOMPARE(whole.body, data);

    // The request is carried out before its answer is cut: here the upload lands, its answer does not.
    QVERIFY(m_emulator->faults().addSpec(QStringLiteral("/2/files/upload=drop:5")));
    const HttpReply lost = upload(QStringLiteral("files/upload"),
                                  { { QStringLiteral("path"), QStringLiteral("/landed.txt") } }, "landed");
    QVERIFY(lost.networkError != QNetworkReply::NoError);
    QVERIFY(m_emulator->hasFile(QStringLiteral("/landed.txt")));
}

void TestDropboxEmulator::stalledConnectionFault()
{
    QVERIFY(m_emulator->putFile(QStringLiteral("/big.bin"), QByteArray(1024 * 1024, 's')));
    m_emulator->faults().add(QStringLiteral("/2/files/download"), FaultInjector::stall(1000));
    QNetworkRequest request(url(QStringLiteral("/2/files/download")));
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1());
    request.setRawHeader(QByteArrayLiteral("Dropbox-API-Arg"), QByteArrayLiteral("{\"path\":\"/big.bin\"}"));
    const std::unique_ptr<QNetworkReply> stalled(m_network.post(request, QByteArray()));
    // What came before the stall arrives; then nothing, and the connection stays.
    QTRY_COMPARE(stalled->bytesAvailable(), 1000);
    QCOMPARE(stalled->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    // Another exchange goes through meanwhile; the stalled answer has not moved.
    QCOMPARE(api(QStringLiteral("files/list_folder"), QJsonObject { { QStringLiteral("path"), QString() } }).status,
             200);
    QVERIFY(!stalled->isFinished());
    QCOMPARE(stalled->bytesAvailable(), 1000);
    stalled->abort();
}

void TestDropboxEmulator::slowFaultDelaysOnlyItsAnswer()
{
    m_emulator->faults().add(QStringLiteral("/2/users/get_current_account"), FaultInjector::slow(60000));
    QNetworkRequest request(url(QStringLiteral("/2/users/get_current_account")));
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const std::unique_ptr<QNetworkReply> slow(m_network.post(request, QByteArrayLiteral("null")));

    // The emulator keeps serving while the slow answer waits on its timer.
    QCOMPARE(api(QStringLiteral("files/list_folder"), QJsonObject { { QStringLiteral("path"), QString() } }).status,
             200);
    QVERIFY(!slow->isFinished());
    slow->abort();

    m_emulator->faults().add(QStringLiteral("/2/users/get_current_account"), FaultInjector::slow(50));
    QCOMPARE(api(QStringLiteral("users/get_current_account"), QJsonValue::Null).status, 200);
}

void TestDropboxEmulator::faultSpecs()
{
    FaultInjector faults;
    QVERIFY(faults.addSpec(QStringLiteral("/2/files/upload=429:2x3")));
    for (int i = 0; i < 3; ++i) {
        const std::optional<FaultInjector::Fault> fault = faults.take(QStringLiteral("/2/files/upload"));
        QVERIFY(fault);
        QCOMPARE(fault->kind, FaultInjector::Kind::RateLimited);
        QCOMPARE(fault->retryAfterSeconds, 2);
        QVERIFY(fault->jsonBody);
    }
    QVERIFY(!faults.take(QStringLiteral("/2/files/upload")));

    QVERIFY(faults.addSpec(QStringLiteral("*=expiredx2")));
    QVERIFY(faults.addSpec(QStringLiteral("/a=429-text")));
    QVERIFY(faults.addSpec(QStringLiteral("/b=drop:100")));
    QVERIFY(faults.addSpec(QStringLiteral("/c=slow:250")));
    QVERIFY(faults.addSpec(QStringLiteral("/d=portal")));
    QVERIFY(faults.addSpec(QStringLiteral("/e=stall:100")));
    const std::optional<FaultInjector::Fault> stall = faults.take(QStringLiteral("/e"));
    QCOMPARE(stall->kind, FaultInjector::Kind::Stall);
    QCOMPARE(stall->afterBytes, 100);
    QCOMPARE(faults.take(QStringLiteral("/d"))->kind, FaultInjector::Kind::Portal);
    QCOMPARE(faults.take(QStringLiteral("/a"))->jsonBody, false);
    QCOMPARE(faults.take(QStringLiteral("/b"))->afterBytes, 100);
    QCOMPARE(faults.take(QStringLiteral("/c"))->delayMs, 250);
    QCOMPARE(faults.take(QStringLiteral("/a"))->kind, FaultInjector::Kind::ExpiredToken);
    QCOMPARE(faults.take(QStringLiteral("/z"))->kind, FaultInjector::Kind::ExpiredToken);
    QVERIFY(!faults.take(QStringLiteral("/z")));
    faults.add(QStringLiteral("*"), FaultInjector::serverError(), 5);
    faults.clear();
    QVERIFY(!faults.take(QStringLiteral("/z")));

    QString error;
    for (const QString& bad :
         { QStringLiteral("no-route"), QStringLiteral("/x=teapot"), QStringLiteral("/x=slow"),
           QStringLiteral("/x=500:3"), QStringLiteral("/x=429x0"), QStringLiteral("/x=portal:1") }) {
        QVERIFY2(!faults.addSpec(bad, &error), qPrintable(bad));
        QVERIFY(error.contains(bad));
    }
}

void TestDropboxEmulator::requestLog()
{
    QCOMPARE(
        upload(QStringLiteral("files/upload"), { { QStringLiteral("path"), QStringLiteral("/logged.txt") } }, "12345")
            .status,
        200);
    const QList<EmulatorServer::LoggedRequest> requests = m_emulator->requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().request.method(), QByteArrayLiteral("POST"));
    QCOMPARE(requests.first().request.path(), QStringLiteral("/2/files/upload"));
    QCOMPARE(requests.first().request.header(QByteArrayLiteral("authorization")),
             QByteArray("Bearer " + m_token.toLatin1()));
    QCOMPARE(requests.first().bodySize, 5);
    QVERIFY(requests.first().request.body().isEmpty());
    m_emulator->clearRequests();
    QVERIFY(m_emulator->requests().isEmpty());
}

void TestDropboxEmulator::programPrintsUrlFirst()
{
    QProcess program;
    program.start(QStringLiteral(ATTACHE_DROPBOX_EMULATOR_PATH),
                  { QStringLiteral("--auto-approve"), QStringLiteral("--app-key"), QStringLiteral("cliappkey"),
                    QStringLiteral("--fault"), QStringLiteral("/2/users/get_current_account=503") });
    QVERIFY(program.waitForStarted());
    const QString firstLine = EmulatorTestProgram::readFirstLine(program);
    QVERIFY2(EmulatorTestProgram::isLoopbackUrl(firstLine), qPrintable(firstLine));

    const QUrl base(firstLine);
    const auto get = [&](const QString& path, const QUrlQuery& query) {
        return send(QByteArrayLiteral("GET"), emulatorUrl(base, path, query), {});
    };
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), QStringLiteral("cliappkey"));
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("code_challenge"), challengeFor(newVerifier()));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    const HttpReply approved = get(QStringLiteral("/oauth2/authorize"), query);
    QCOMPARE(approved.status, 200);
    QVERIFY(approved.text().contains(QStringLiteral("<code id=\"code\">")));
    QCOMPARE(
        send(QByteArrayLiteral("POST"), QUrl(firstLine + QStringLiteral("/2/users/get_current_account")), {}).status,
        503);

    program.kill();
    QVERIFY(program.waitForFinished());

    QProcess badFault;
    badFault.start(QStringLiteral(ATTACHE_DROPBOX_EMULATOR_PATH),
                   { QStringLiteral("--fault"), QStringLiteral("nonsense") });
    QVERIFY(badFault.waitForFinished());
    QCOMPARE(badFault.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestDropboxEmulator)
#include "TestDropboxEmulator.moc"
