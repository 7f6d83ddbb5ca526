// The KashFlow emulator over real HTTP, as a client sees it: the two-step sign-in, sessions, paged lists, the files
// routes and their multipart upload, signed file URIs, connecting Dropbox, both response formats and the injected
// faults, plus the standalone program. Time only moves when a test moves the emulator's clock.

#include "EmulatorMultipartForm.h"
#include "EmulatorTestFormat.h"
#include "EmulatorTestProgram.h"
#include "EmulatorTestReply.h"
#include "EmulatorTestXml.h"
#include "KashflowEmulator.h"

#include <QBuffer>
#include <QDir>
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
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace {

QString textOf(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.toString();
}

Fields fieldsOf(const QJsonObject& object)
{
    Fields fields;
    for (auto it = object.begin(); it != object.end(); ++it)
        fields.insert(it.key(), textOf(it.value()));
    return fields;
}

Fields fieldsOf(const XmlNode& node)
{
    Fields fields;
    for (const XmlNode& child : node.children)
        fields.insert(child.name, child.text);
    return fields;
}

struct HttpReply : EmulatorTestReply
{
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray jsonArray() const { return QJsonDocument::fromJson(body).array(); }
    XmlNode xml() const { return XmlNode::parse(body).value_or(XmlNode()); }
    QString text() const { return QString::fromUtf8(body); }
    QUrl location() const { return QUrl::fromEncoded(header(QByteArrayLiteral("Location"))); }

    // The body as one record, whichever the format.
    Fields fields(Format format) const { return format == Format::Json ? fieldsOf(json()) : fieldsOf(xml()); }
    // The body as a list of records.
    QList<Fields> items(Format format) const
    {
        QList<Fields> list;
        if (format == Format::Json) {
            const QJsonArray array = jsonArray();
            for (const QJsonValue& item : array)
                list.append(fieldsOf(item.toObject()));
        } else {
            for (const XmlNode& item : xml().children)
                list.append(fieldsOf(item));
        }
        return list;
    }
    // {Error, Message} in either format.
    QPair<QString, QString> error(Format format) const
    {
        const Fields body = fields(format);
        return { body.value(QStringLiteral("Error")), body.value(QStringLiteral("Message")) };
    }
};

// One part of a multipart body written by hand, so that tests control its order and its mistakes.
struct RawPart
{
    QByteArray name;
    std::optional<QByteArray> fileName;
    QByteArray data;
};

const QByteArray Boundary = QByteArrayLiteral("----AttacheBoundary7MA4YWxkTrZu0gW");

QByteArray multipartBody(const QList<RawPart>& parts)
{
    QByteArray body;
    for (const RawPart& part : parts) {
        body += "--" + Boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + '"';
        if (part.fileName)
            body += "; filename=\"" + *part.fileName + "\"\r\nContent-Type: application/octet-stream";
        body += "\r\n\r\n" + part.data + "\r\n";
    }
    return body + "--" + Boundary + "--\r\n";
}

QByteArray image(int width, int height, const char* format)
{
    QImage picture(width, height, QImage::Format_RGB32);
    picture.fill(Qt::darkCyan);
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    picture.save(&buffer, format);
    return data;
}

const QString InvoiceImage = QStringLiteral("76643107_13e683ad6f.jpg");

} // namespace

Q_DECLARE_METATYPE(RawPart)

class TestKashflowEmulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void signIn_data() { addFormats(); }
    void signIn();
    void wrongMemorableCharacters();
    void wrongCredentialsAndLockedAccount();
    void temporaryTokenExpires();
    void invalidSessionToken_data();
    void invalidSessionToken();
    void sessionsExpire();
    void listsPageWithNextPageUrl_data();
    void listsPageWithNextPageUrl();
    void listParameters();
    void listFiles_data() { addFormats(); }
    void listFiles();
    void fileRecordFields_data();
    void fileRecordFields();
    void fileRecordMatchesReference();
    void upload_data();
    void upload();
    void uploadFieldOrder_data();
    void uploadFieldOrder();
    void uploadLimits();
    void hostileUploadNames_data();
    void hostileUploadNames();
    void hostileUrlNames_data();
    void hostileUrlNames();
    void nameClash();
    void deleteFile_data() { addFormats(); }
    void deleteFile();
    void sendPdf_data();
    void sendPdf();
    void sendPdfErrors();
    void fileUriServesBytes();
    void signedUrisExpire();
    void thumbnailOfBrokenImage();
    void dropboxAuthentication_data() { addFormats(); }
    void dropboxAuthentication();
    void dropboxAuthenticationUrlExpires();
    void filesNeedDropbox();
    void formatNegotiation_data();
    void formatNegotiation();
    void faults_data() { addFormats(); }
    void faults();
    void multipartParser();
    void programPrintsUrlFirst();

private:
    QUrl url(const QString& path, const QUrlQuery& query = {}) const;
    // A request written on a socket by hand, for paths an HTTP client would normalize ("/files/%2E%2E"); returns
    // the status and the body.
    QPair<int, QByteArray> rawRequest(const QByteArray& verb, const QByteArray& path);
    HttpReply send(const QByteArray& verb, const QUrl& url, const Headers& headers, const QByteArray& body = {});
    HttpReply api(const QByteArray& verb, const QUrl& url, Format format = Format::Json, const QByteArray& body = {},
                  const QString& token = {});
    HttpReply get(const QString& path, Format format = Format::Json) { return api("GET", url(path), format); }
    HttpReply upload(const QString& typePath, const QList<RawPart>& parts, Format format = Format::Json);
    // The usual three fields, in order.
    HttpReply uploadFile(const QString& typePath, const QByteArray& keyField, const QString& key,
                         const QByteArray& fileName, const QByteArray& data, Format format = Format::Json);
    HttpReply startSignIn(Format format, const QString& userName, const QString& password);
    HttpReply finishSignIn(Format format, const QString& temporaryToken, const QList<QPair<int, QString>>& answers);
    // The positions step 1 asks for.
    static QList<int> positionsOf(const HttpReply& reply, Format format);
    QList<QPair<int, QString>> answersFor(const QList<int>& positions) const;
    // Both steps, with the right characters.
    QString signedInToken(Format format = Format::Json);
    QJsonObject record(const QString& typePath, const QString& key, const QString& name);
    QStringList outsideDataDirectory() const;

    QNetworkAccessManager m_network;
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<KashflowEmulator> m_emulator;
    QDateTime m_now;
    QString m_token;
};

void TestKashflowEmulator::initTestCase()
{
    prepareTestNetwork(m_network);
}

void TestKashflowEmulator::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_emulator = std::make_unique<KashflowEmulator>(m_root->filePath(QStringLiteral("data")));
    m_now = QDateTime(QDate(2024, 6, 1), QTime(9, 0), QTimeZone::utc());
    m_emulator->setClock([this] { return m_now; });
    m_emulator->seedSampleData();
    QVERIFY(m_emulator->listen());
    m_token = m_emulator->issueSessionToken();
}

void TestKashflowEmulator::cleanup()
{
    m_network.clearConnectionCache();
    m_emulator.reset();
    m_root.reset();
}

QUrl TestKashflowEmulator::url(const QString& path, const QUrlQuery& query) const
{
    return emulatorUrl(m_emulator->baseUrl(), path, query);
}

QPair<int, QByteArray> TestKashflowEmulator::rawRequest(const QByteArray& verb, const QByteArray& path)
{
    // The emulator answers on this thread: wait with the event loop running, never with blocking socket calls.
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    QSignalSpy readyRead(&socket, &QTcpSocket::readyRead);
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_emulator->baseUrl().port()));
    if (!connected.wait(30000))
        return {};
    socket.write(verb + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: KfToken " + m_token.toLatin1()
                 + "\r\n\r\n");
    static const QRegularExpression lengthPattern(QStringLiteral("\r\nContent-Length: (\\d+)\r\n"),
                                                  QRegularExpression::CaseInsensitiveOption);
    QByteArray response;
    for (;;) {
        response += socket.readAll();
        // Complete once the head is there and as much body as it announces.
        const qsizetype headEnd = response.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const qsizetype length
                = lengthPattern.match(QString::fromLatin1(response.left(headEnd + 2))).captured(1).toLongLong();
            if (response.size() >= headEnd + 4 + length)
                return { response.mid(9, 3).toInt(), response.mid(headEnd + 4, length) };
        }
        if (!readyRead.wait(30000))
            return {};
    }
}

HttpReply TestKashflowEmulator::send(const QByteArray& verb, const QUrl& url, const Headers& headers,
                                     const QByteArray& body)
{
    return EmulatorTestReply::send<HttpReply>(m_network, verb, url, headers, body);
}

HttpReply TestKashflowEmulator::api(const QByteArray& verb, const QUrl& url, Format format, const QByteArray& body,
                                    const QString& token)
{
    Headers headers { { QByteArrayLiteral("Accept"), acceptOf(format) },
                      { QByteArrayLiteral("Authorization"),
                        "KfToken " + (token.isEmpty() ? m_token : token).toLatin1() } };
    if (!body.isEmpty())
        headers.append({ QByteArrayLiteral("Content-Type"), acceptOf(format) });
    return send(verb, url, headers, body);
}

HttpReply TestKashflowEmulator::upload(const QString& typePath, const QList<RawPart>& parts, Format format)
{
    return send(QByteArrayLiteral("POST"), url(QStringLiteral("/v2/%1/files").arg(typePath)),
                { { QByteArrayLiteral("Accept"), acceptOf(format) },
                  { QByteArrayLiteral("Content-Type"), "multipart/form-data; boundary=" + Boundary } },
                multipartBody(parts));
}

HttpReply TestKashflowEmulator::uploadFile(const QString& typePath, const QByteArray& keyField, const QString& key,
                                           const QByteArray& fileName, const QByteArray& data, Format format)
{
    return upload(typePath,
                  { { QByteArrayLiteral("sessiontoken"), std::nullopt, m_token.toLatin1() },
                    { keyField, std::nullopt, key.toUtf8() },
                    { QByteArrayLiteral("file"), fileName, data } },
                  format);
}

HttpReply TestKashflowEmulator::startSignIn(Format format, const QString& userName, const QString& password)
{
    QByteArray body;
    if (format == Format::Json) {
        body = QJsonDocument(
                   QJsonObject { { QStringLiteral("UserName"), userName }, { QStringLiteral("Password"), password } })
                   .toJson(QJsonDocument::Compact);
    } else {
        body = "<SessionTokenRequest><UserName>" + userName.toHtmlEscaped().toUtf8() + "</UserName><Password>"
            + password.toHtmlEscaped().toUtf8() + "</Password></SessionTokenRequest>";
    }
    return send(
        QByteArrayLiteral("POST"), url(QStringLiteral("/v2/sessiontoken")),
        { { QByteArrayLiteral("Accept"), acceptOf(format) }, { QByteArrayLiteral("Content-Type"), acceptOf(format) } },
        body);
}

HttpReply TestKashflowEmulator::finishSignIn(Format format, const QString& temporaryToken,
                                             const QList<QPair<int, QString>>& answers)
{
    QByteArray body;
    if (format == Format::Json) {
        QJsonArray list;
        for (const auto& [position, value] : answers)
            list.append(QJsonObject { { QStringLiteral("Position"), position }, { QStringLiteral("Value"), value } });
        body = QJsonDocument(QJsonObject { { QStringLiteral("TemporaryToken"), temporaryToken },
                                           { QStringLiteral("MemorableWordList"), list } })
                   .toJson(QJsonDocument::Compact);
    } else {
        body = "<SessionTokenRequest><TemporaryToken>" + temporaryToken.toUtf8()
            + "</TemporaryToken><MemorableWordList>";
        for (const auto& [position, value] : answers)
            body += "<MemorableWord><Position>" + QByteArray::number(position) + "</Position><Value>"
                + value.toHtmlEscaped().toUtf8() + "</Value></MemorableWord>";
        body += "</MemorableWordList></SessionTokenRequest>";
    }
    return send(
        QByteArrayLiteral("PUT"), url(QStringLiteral("/v2/sessiontoken")),
        { { QByteArrayLiteral("Accept"), acceptOf(format) }, { QByteArrayLiteral("Content-Type"), acceptOf(format) } },
        body);
}

QList<int> TestKashflowEmulator::positionsOf(const HttpReply& reply, Format format)
{
    QList<int> positions;
    if (format == Format::Json) {
        const QJsonArray list = reply.json().value(QStringLiteral("MemorableWordList")).toArray();
        for (const QJsonValue& item : list)
            positions.append(item.toObject().value(QStringLiteral("Position")).toInt());
    } else if (const XmlNode* list = reply.xml().child(QStringLiteral("MemorableWordList"))) {
        for (const XmlNode& item : list->children)
            positions.append(item.child(QStringLiteral("Position"))->text.toInt());
    }
    return positions;
}

QList<QPair<int, QString>> TestKashflowEmulator::answersFor(const QList<int>& positions) const
{
    QList<QPair<int, QString>> answers;
    for (const int position : positions)
        answers.append({ position, m_emulator->memorableWord().mid(position - 1, 1) });
    return answers;
}

QString TestKashflowEmulator::signedInToken(Format format)
{
    const HttpReply started = startSignIn(format, m_emulator->userName(), m_emulator->password());
    const QString temporary = started.fields(format).value(QStringLiteral("TemporaryToken"));
    const HttpReply finished = finishSignIn(format, temporary, answersFor(positionsOf(started, format)));
    return finished.fields(format).value(QStringLiteral("SessionToken"));
}

QJsonObject TestKashflowEmulator::record(const QString& typePath, const QString& key, const QString& name)
{
    // The path is set decoded, so QUrl encodes the spaces and the rest.
    return get(QStringLiteral("/v2/%1/%2/files/%3").arg(typePath, key, name)).json();
}

QStringList TestKashflowEmulator::outsideDataDirectory() const
{
    // Everything in the temporary root but the data directory, and in the data directory but its blobs.
    QStringList found = QDir(m_root->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    found.removeOne(QStringLiteral("data"));
    QStringList data = QDir(m_root->filePath(QStringLiteral("data")))
                           .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    data.removeOne(QStringLiteral("blobs"));
    return found + data;
}

void TestKashflowEmulator::signIn()
{
    QFETCH(Format, format);
    m_emulator->setCredentials(QStringLiteral("ada@example.org"), QStringLiteral("S3cret & <sure>"));
    m_emulator->setMemorableWord(QStringLiteral("Babbage"));

    // User names in any case, as KashFlow's.
    const HttpReply started = startSignIn(format, QStringLiteral("ADA@example.org"), QStringLiteral("S3cret & <sure>"));
    QCOMPARE(started.status, 200);
    const Fields challenge = started.fields(format);
    QVERIFY(!challenge.value(QStringLiteral("TemporaryToken")).isEmpty());
    QCOMPARE(challenge.value(QStringLiteral("IsAdmin")), QStringLiteral("true"));
    QCOMPARE(challenge.value(QStringLiteral("SubscriptionExpired")), QStringLiteral("false"));
    const QList<int> positions = positionsOf(started, format);
    QCOMPARE(positions.size(), 3);
    for (qsizetype i = 0; i < positions.size(); ++i) {
        QVERIFY(positions.at(i) >= 1 && positions.at(i) <= 7);
        QVERIFY(i == 0 || positions.at(i) > positions.at(i - 1));
    }
    if (format == Format::Json) {
        for (const QJsonValue& item : started.json().value(QStringLiteral("MemorableWordList")).toArray())
            QCOMPARE(item.toObject().value(QStringLiteral("Value")), QJsonValue(QString()));
    }

    // The characters in the other case are as good.
    QList<QPair<int, QString>> answers = answersFor(positions);
    for (auto& answer : answers)
        answer.second = answer.second.at(0).isUpper() ? answer.second.toLower() : answer.second.toUpper();
    const HttpReply finished = finishSignIn(format, challenge.value(QStringLiteral("TemporaryToken")), answers);
    QCOMPARE(finished.status, 200);
    const QString token = finished.fields(format).value(QStringLiteral("SessionToken"));
    QVERIFY(!token.isEmpty());
    QVERIFY(!finished.fields(format).value(QStringLiteral("CompanyName")).isEmpty());

    QCOMPARE(api("GET", url(QStringLiteral("/v2/customers")), format, {}, token).status, 200);
}

void TestKashflowEmulator::wrongMemorableCharacters()
{
    const Format format = Format::Json;
    const QString user = m_emulator->userName();
    const QString password = m_emulator->password();
    HttpReply started = startSignIn(format, user, password);
    QList<int> positions = positionsOf(started, format);
    QList<QPair<int, QString>> answers = answersFor(positions);
    answers[1].second = answers[1].second == QLatin1String("x") ? QStringLiteral("y") : QStringLiteral("x");
    const QString temporary = started.json().value(QStringLiteral("TemporaryToken")).toString();
    const HttpReply wrong = finishSignIn(format, temporary, answers);
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.error(format).first, QStringLiteral("InvalidMemorableWord"));

    // A temporary token is good for one try: the right characters are too late now.
    const HttpReply again = finishSignIn(format, temporary, answersFor(positions));
    QCOMPARE(again.status, 401);
    QCOMPARE(again.error(format).first, QStringLiteral("InvalidTemporaryToken"));

    // Characters at positions other than those asked, two characters, or one missing are all wrong.
    const auto tryAnswers = [&](const std::function<void(QList<QPair<int, QString>>&)>& spoil) {
        const HttpReply start = startSignIn(format, user, password);
        QList<QPair<int, QString>> list = answersFor(positionsOf(start, format));
        spoil(list);
        return finishSignIn(format, start.json().value(QStringLiteral("TemporaryToken")).toString(), list);
    };
    const HttpReply otherPositions = tryAnswers([this](QList<QPair<int, QString>>& list) {
        const int unasked = [&list] {
            for (int p = 1;; ++p) {
                if (std::none_of(list.begin(), list.end(), [p](const auto& answer) { return answer.first == p; }))
                    return p;
            }
        }();
        list[0] = { unasked, m_emulator->memorableWord().mid(unasked - 1, 1) };
    });
    QCOMPARE(otherPositions.status, 401);
    const HttpReply twoCharacters
        = tryAnswers([](QList<QPair<int, QString>>& list) { list[2].second += list[2].second; });
    QCOMPARE(twoCharacters.status, 401);
    const HttpReply missing = tryAnswers([](QList<QPair<int, QString>>& list) { list.removeLast(); });
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.json(),
             (QJsonObject { { QStringLiteral("Error"), QStringLiteral("InvalidMemorableWord") },
                            { QStringLiteral("Message"),
                              QStringLiteral("The memorable word characters provided are incorrect.") } }));
    QCOMPARE(tryAnswers([](QList<QPair<int, QString>>&) {}).status, 200);
}

void TestKashflowEmulator::wrongCredentialsAndLockedAccount()
{
    const HttpReply wrong = startSignIn(Format::Json, m_emulator->userName(), QStringLiteral("guess"));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.error(Format::Json).first, QStringLiteral("InvalidCredentials"));
    QVERIFY(!wrong.json().contains(QStringLiteral("TemporaryToken")));
    QCOMPARE(startSignIn(Format::Json, QStringLiteral("nobody"), m_emulator->password()).status, 401);
    // Passwords are case-sensitive.
    QCOMPARE(startSignIn(Format::Json, m_emulator->userName(), m_emulator->password().toUpper()).status, 401);
    const HttpReply empty = startSignIn(Format::Json, QString(), QString());
    QCOMPARE(empty.status, 400);
    QCOMPARE(empty.error(Format::Json).first, QStringLiteral("BadRequest"));
    const HttpReply garbage = send(QByteArrayLiteral("POST"), url(QStringLiteral("/v2/sessiontoken")),
                                   { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } },
                                   QByteArrayLiteral("{not json"));
    QCOMPARE(garbage.status, 400);

    m_emulator->setAccountLocked(true);
    const HttpReply locked = startSignIn(Format::Xml, m_emulator->userName(), m_emulator->password());
    QCOMPARE(locked.status, 401);
    QCOMPARE(locked.xml().name, QStringLiteral("Error"));
    QCOMPARE(locked.error(Format::Xml).first, QStringLiteral("AccountLocked"));
    m_emulator->setAccountLocked(false);
    QVERIFY(!signedInToken().isEmpty());
}

void TestKashflowEmulator::temporaryTokenExpires()
{
    m_emulator->setTemporaryTokenLifetime(120);
    HttpReply started = startSignIn(Format::Json, m_emulator->userName(), m_emulator->password());
    m_now = m_now.addSecs(121);
    HttpReply late = finishSignIn(Format::Json, started.json().value(QStringLiteral("TemporaryToken")).toString(),
                                  answersFor(positionsOf(started, Format::Json)));
    QCOMPARE(late.status, 401);
    QCOMPARE(late.error(Format::Json).first, QStringLiteral("InvalidTemporaryToken"));

    started = startSignIn(Format::Json, m_emulator->userName(), m_emulator->password());
    m_now = m_now.addSecs(119);
    QCOMPARE(finishSignIn(Format::Json, started.json().value(QStringLiteral("TemporaryToken")).toString(),
                          answersFor(positionsOf(started, Format::Json)))
                 .status,
             200);
}

void TestKashflowEmulator::invalidSessionToken_data()
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<QByteArray>("authorization");
    for (const Format format : { Format::Json, Format::Xml }) {
        const char* name = format == Format::Json ? "json" : "xml";
        QTest::addRow("%s, none", name) << format << QByteArray();
        QTest::addRow("%s, bearer", name) << format << QByteArrayLiteral("Bearer abc");
        QTest::addRow("%s, unknown token", name) << format << QByteArrayLiteral("KfToken 0b917a19-da72");
        QTest::addRow("%s, scheme only", name) << format << QByteArrayLiteral("KfToken");
    }
}

void TestKashflowEmulator::invalidSessionToken()
{
    QFETCH(Format, format);
    QFETCH(QByteArray, authorization);
    Headers headers { { QByteArrayLiteral("Accept"), acceptOf(format) } };
    if (!authorization.isEmpty())
        headers.append({ QByteArrayLiteral("Authorization"), authorization });
    for (const QString& path : { QStringLiteral("/v2/invoices"), QStringLiteral("/v2/invoices/4455/files"),
                                 QString(QStringLiteral("/v2/invoices/4455/files/") + InvoiceImage),
                                 QStringLiteral("/v2/dropbox/authentication") }) {
        const HttpReply reply = send(QByteArrayLiteral("GET"), url(path), headers);
        QCOMPARE(reply.status, 401);
        if (format == Format::Json) {
            // Byte for byte what the authentication page documents.
            QCOMPARE(
                reply.body,
                QByteArrayLiteral(R"({"Error":"InvalidSessionToken","Message":"Session token provided is invalid."})"));
        } else {
            QCOMPARE(reply.xml().name, QStringLiteral("Error"));
            QCOMPARE(
                reply.error(format),
                qMakePair(QStringLiteral("InvalidSessionToken"), QStringLiteral("Session token provided is invalid.")));
        }
    }
    // Nor is anything changed.
    const HttpReply deleted
        = send(QByteArrayLiteral("DELETE"), url(QStringLiteral("/v2/invoices/4455/files/") + InvoiceImage), headers);
    QCOMPARE(deleted.status, 401);
    QVERIFY(m_emulator->hasFile(EntityType::Invoices, QStringLiteral("4455"), InvoiceImage));
}

void TestKashflowEmulator::sessionsExpire()
{
    const QUrl customers = url(QStringLiteral("/v2/customers"));
    QCOMPARE(api("GET", customers).status, 200);
    m_emulator->expireSessions();
    const HttpReply expired = api("GET", customers);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.error(Format::Json).first, QStringLiteral("InvalidSessionToken"));

    // An idle hour ends a session; each use starts the hour again.
    m_token = signedInToken();
    m_now = m_now.addSecs(59 * 60);
    QCOMPARE(api("GET", customers).status, 200);
    m_now = m_now.addSecs(59 * 60);
    QCOMPARE(api("GET", customers).status, 200);
    m_now = m_now.addSecs(60 * 60);
    QCOMPARE(api("GET", customers).status, 401);

    m_emulator->setSessionIdleLifetime(30);
    m_token = m_emulator->issueSessionToken();
    m_now = m_now.addSecs(31);
    QCOMPARE(api("GET", customers).status, 401);

    // Signing out ends the session at once.
    m_token = signedInToken(Format::Xml);
    QCOMPARE(api("GET", customers).status, 200);
    QCOMPARE(api("DELETE", url(QStringLiteral("/v2/sessiontoken"))).status, 200);
    QCOMPARE(api("GET", customers).status, 401);
}

void TestKashflowEmulator::listsPageWithNextPageUrl_data()
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<QString>("typePath");
    QTest::addColumn<QString>("keyField");
    QTest::addColumn<QStringList>("keys");
    const QStringList invoices { QStringLiteral("4450"), QStringLiteral("4451"), QStringLiteral("4452"),
                                 QStringLiteral("4453"), QStringLiteral("4454"), QStringLiteral("4455"),
                                 QStringLiteral("4456"), QStringLiteral("4457"), QStringLiteral("4458"),
                                 QStringLiteral("4459"), QStringLiteral("4460"), QStringLiteral("4461") };
    const QStringList quotes { QStringLiteral("101"), QStringLiteral("102"), QStringLiteral("103"),
                               QStringLiteral("104") };
    const QStringList purchases { QStringLiteral("2001"), QStringLiteral("2002"), QStringLiteral("2003"),
                                  QStringLiteral("2004"), QStringLiteral("2005") };
    const QStringList customers { QStringLiteral("ACME01"), QStringLiteral("BRIGHT"), QStringLiteral("CORNER") };
    const QStringList bankAccounts { QStringLiteral("Business Card"), QStringLiteral("Current Account"),
                                     QStringLiteral("Deposit Account") };
    for (const Format format : { Format::Json, Format::Xml }) {
        const char* name = format == Format::Json ? "json" : "xml";
        QTest::addRow("%s invoices", name)
            << format << QStringLiteral("invoices") << QStringLiteral("Number") << invoices;
        QTest::addRow("%s quotes", name) << format << QStringLiteral("quotes") << QStringLiteral("Number") << quotes;
        QTest::addRow("%s purchases", name)
            << format << QStringLiteral("purchases") << QStringLiteral("Number") << purchases;
        QTest::addRow("%s customers", name)
            << format << QStringLiteral("customers") << QStringLiteral("Code") << customers;
        QTest::addRow("%s bank accounts", name)
            << format << QStringLiteral("bankaccounts") << QStringLiteral("Name") << bankAccounts;
    }
}

void TestKashflowEmulator::listsPageWithNextPageUrl()
{
    QFETCH(Format, format);
    QFETCH(QString, typePath);
    QFETCH(QString, keyField);
    QFETCH(QStringList, keys);
    m_emulator->setPageSize(2);

    QStringList listed;
    int pages = 0;
    QUrl next = url(QStringLiteral("/v2/") + typePath);
    while (next.isValid() && pages <= keys.size()) {
        const HttpReply page = api("GET", next, format);
        QCOMPARE(page.status, 200);
        ++pages;
        QString nextText;
        if (format == Format::Json) {
            const QJsonObject body = page.json();
            QCOMPARE(body.keys(), (QStringList { QStringLiteral("Data"), QStringLiteral("MetaData") }));
            const QJsonArray data = body.value(QStringLiteral("Data")).toArray();
            QVERIFY(data.size() <= 2);
            for (const QJsonValue& item : data)
                listed.append(textOf(item.toObject().value(keyField)));
            const QJsonValue nextValue
                = body.value(QStringLiteral("MetaData")).toObject().value(QStringLiteral("NextPageUrl"));
            QVERIFY(nextValue.isString() || nextValue.isNull());
            nextText = nextValue.toString();
        } else {
            const XmlNode root = page.xml();
            const XmlNode* data = root.child(QStringLiteral("Data"));
            const XmlNode* nextNode = root.child(QStringLiteral("MetaData"))->child(QStringLiteral("NextPageUrl"));
            QVERIFY(data && nextNode);
            for (const XmlNode& item : data->children)
                listed.append(item.child(keyField)->text);
            if (nextNode->attributes.value(QStringLiteral("i:nil")) != QLatin1String("true"))
                nextText = nextNode->text;
        }
        next = nextText.isEmpty() ? QUrl() : QUrl(nextText);
        if (next.isValid())
            QVERIFY2(nextText.startsWith(m_emulator->baseUrl().toString()), qPrintable(nextText));
    }
    QCOMPARE(listed, keys);
    QCOMPARE(pages, int((keys.size() + 1) / 2));
}

void TestKashflowEmulator::listParameters()
{
    const auto numbers = [this](const QUrlQuery& query) {
        const HttpReply page = api("GET", url(QStringLiteral("/v2/invoices"), query));
        QList<int> list;
        for (const QJsonValue& item : page.json().value(QStringLiteral("Data")).toArray())
            list.append(item.toObject().value(QStringLiteral("Number")).toInt());
        return qMakePair(list,
                         page.json().value(QStringLiteral("MetaData")).toObject().value(QStringLiteral("NextPageUrl")));
    };
    const auto query = [](const QList<QPair<QString, QString>>& items) {
        QUrlQuery built;
        built.setQueryItems(items);
        return built;
    };
    const auto middle = numbers(
        query({ { QStringLiteral("page"), QStringLiteral("2") }, { QStringLiteral("perpage"), QStringLiteral("3") } }));
    QCOMPARE(middle.first, (QList<int> { 4453, 4454, 4455 }));
    QCOMPARE(QUrlQuery(QUrl(middle.second.toString())).queryItemValue(QStringLiteral("page")), QStringLiteral("3"));

    const auto descending = numbers(query({ { QStringLiteral("perpage"), QStringLiteral("2") },
                                            { QStringLiteral("sortby"), QStringLiteral("Number") },
                                            { QStringLiteral("order"), QStringLiteral("Desc") } }));
    QCOMPARE(descending.first, (QList<int> { 4461, 4460 }));
    // The next page keeps the order it was asked for.
    const QUrlQuery nextQuery(QUrl(descending.second.toString()));
    QCOMPARE(nextQuery.queryItemValue(QStringLiteral("sortby")), QStringLiteral("Number"));
    QCOMPARE(nextQuery.queryItemValue(QStringLiteral("order")), QStringLiteral("Desc"));
    QCOMPARE(numbers(QUrlQuery(QUrl(descending.second.toString()))).first, (QList<int> { 4459, 4458 }));

    const auto byAmount = numbers(query({ { QStringLiteral("perpage"), QStringLiteral("1") },
                                          { QStringLiteral("sortby"), QStringLiteral("grossamount") },
                                          { QStringLiteral("order"), QStringLiteral("desc") } }));
    QCOMPARE(byAmount.first, (QList<int> { 4461 }));
    // A sortby the records have no field for leaves them in key order.
    QCOMPARE(numbers(query({ { QStringLiteral("perpage"), QStringLiteral("1") },
                             { QStringLiteral("sortby"), QStringLiteral("InvoiceDate") } }))
                 .first,
             (QList<int> { 4450 }));

    const auto past = numbers(query({ { QStringLiteral("page"), QStringLiteral("9") } }));
    QVERIFY(past.first.isEmpty());
    QVERIFY(past.second.isNull());
    for (const auto& [name, value] :
         QList<QPair<QString, QString>> { { QStringLiteral("page"), QStringLiteral("0") },
                                          { QStringLiteral("page"), QStringLiteral("-1") },
                                          { QStringLiteral("perpage"), QStringLiteral("x") } }) {
        const HttpReply bad = api("GET", url(QStringLiteral("/v2/invoices"), query({ { name, value } })));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.error(Format::Json).first, QStringLiteral("BadRequest"));
    }
}

void TestKashflowEmulator::listFiles()
{
    QFETCH(Format, format);
    const HttpReply list = get(QStringLiteral("/v2/invoices/4455/files"), format);
    QCOMPARE(list.status, 200);
    const QList<Fields> items = list.items(format);
    QCOMPARE(items.size(), 2);
    // In name order, with every field of the spec and no other.
    const QStringList keys {
        QStringLiteral("FileUri"),           QStringLiteral("Icon"),        QStringLiteral("IsThumbnailAvailable"),
        QStringLiteral("LastModifiedDate"),  QStringLiteral("Name"),        QStringLiteral("SizeInBytes"),
        QStringLiteral("SizeToBeDisplayed"), QStringLiteral("ThumbnailUri")
    };
    QCOMPARE(items.at(0).keys(), keys);
    QCOMPARE(items.at(0).value(QStringLiteral("Name")), InvoiceImage);
    QCOMPARE(items.at(0).value(QStringLiteral("Icon")), QStringLiteral("page_white_picture"));
    QCOMPARE(items.at(0).value(QStringLiteral("IsThumbnailAvailable")), QStringLiteral("true"));
    QCOMPARE(items.at(0).value(QStringLiteral("LastModifiedDate")), QStringLiteral("2024-03-11 12:00:00"));
    QCOMPARE(items.at(1).value(QStringLiteral("Name")), QStringLiteral("delivery note.pdf"));
    QCOMPARE(items.at(1).value(QStringLiteral("Icon")), QStringLiteral("page_white_acrobat"));
    QCOMPARE(items.at(1).value(QStringLiteral("ThumbnailUri")), QString());
    if (format == Format::Xml) {
        QCOMPARE(list.xml().name, QStringLiteral("ArrayOfFile"));
        QCOMPARE(list.xml().children.first().name, QStringLiteral("File"));
    } else {
        // .NET's JSON: slashes escaped, as in the spec's examples.
        QVERIFY(list.body.contains(QByteArrayLiteral("http:\\/\\/127.0.0.1")));
    }

    // One file by name, in any case, is the same record but for freshly signed URIs.
    const HttpReply one = get(QStringLiteral("/v2/Invoices/4455/files/") + InvoiceImage.toUpper(), format);
    QCOMPARE(one.status, 200);
    if (format == Format::Xml)
        QCOMPARE(one.xml().name, QStringLiteral("File"));
    Fields single = one.fields(format);
    Fields listed = items.at(0);
    for (Fields* fields : { &single, &listed }) {
        QVERIFY(fields->take(QStringLiteral("FileUri")).startsWith(m_emulator->baseUrl().toString()));
        QVERIFY(!fields->take(QStringLiteral("ThumbnailUri")).isEmpty());
    }
    QCOMPARE(single, listed);

    // An entity without files has an empty list; customers and bank accounts go by code and name.
    QCOMPARE(get(QStringLiteral("/v2/quotes/101/files"), format).items(format).size(), 0);
    QCOMPARE(get(QStringLiteral("/v2/customers/acme01/files"), format).items(format).size(), 1);
    const HttpReply bank = get(QStringLiteral("/v2/bankaccounts/Current Account/files"), format);
    QCOMPARE(bank.items(format).value(0).value(QStringLiteral("Name")), QStringLiteral("statement 2024-03.csv"));

    const HttpReply unknownEntity = get(QStringLiteral("/v2/invoices/9999/files"), format);
    QCOMPARE(unknownEntity.status, 404);
    QCOMPARE(unknownEntity.error(format).first, QStringLiteral("NotFound"));
    const HttpReply unknownFile = get(QStringLiteral("/v2/invoices/4455/files/nothing.pdf"), format);
    QCOMPARE(unknownFile.status, 404);
    QCOMPARE(unknownFile.error(format).first, QStringLiteral("NotFound"));
    // Unknown types are no route at all.
    QCOMPARE(get(QStringLiteral("/v2/projects/1/files"), format).status, 404);
}

void TestKashflowEmulator::fileRecordFields_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("size");
    QTest::addColumn<QString>("icon");
    QTest::addColumn<QString>("displayed");
    QTest::addColumn<bool>("thumbnail");
    QTest::newRow("spec's jpg") << InvoiceImage << 164391 << QStringLiteral("page_white_picture")
                                << QStringLiteral("160.5 KB") << true;
    QTest::newRow("jpeg") << QStringLiteral("b.jpeg") << 2048 << QStringLiteral("page_white_picture")
                          << QStringLiteral("2.0 KB") << true;
    QTest::newRow("png") << QStringLiteral("c.PNG") << 100 << QStringLiteral("page_white_picture")
                         << QStringLiteral("100 bytes") << true;
    QTest::newRow("tiff") << QStringLiteral("d.tiff") << 10 << QStringLiteral("page_white_picture")
                          << QStringLiteral("10 bytes") << true;
    QTest::newRow("tif") << QStringLiteral("e.tif") << 10 << QStringLiteral("page_white_picture")
                         << QStringLiteral("10 bytes") << true;
    QTest::newRow("gif") << QStringLiteral("f.gif") << 10 << QStringLiteral("page_white_picture")
                         << QStringLiteral("10 bytes") << true;
    QTest::newRow("bmp") << QStringLiteral("g.bmp") << 10 << QStringLiteral("page_white_picture")
                         << QStringLiteral("10 bytes") << true;
    // Images KashFlow makes no minified version of.
    QTest::newRow("webp") << QStringLiteral("h.webp") << 10 << QStringLiteral("page_white_picture")
                          << QStringLiteral("10 bytes") << false;
    QTest::newRow("pdf") << QStringLiteral("i.pdf") << 1048576 << QStringLiteral("page_white_acrobat")
                         << QStringLiteral("1.0 MB") << false;
    QTest::newRow("docx") << QStringLiteral("j.docx") << 1536 << QStringLiteral("page_white_word")
                          << QStringLiteral("1.5 KB") << false;
    QTest::newRow("xlsx") << QStringLiteral("k.xlsx") << 10 << QStringLiteral("page_white_excel")
                          << QStringLiteral("10 bytes") << false;
    QTest::newRow("zip") << QStringLiteral("l.zip") << 10 << QStringLiteral("page_white_compressed")
                         << QStringLiteral("10 bytes") << false;
    QTest::newRow("txt") << QStringLiteral("m.txt") << 0 << QStringLiteral("page_white_text")
                         << QStringLiteral("0 bytes") << false;
    QTest::newRow("unknown") << QStringLiteral("n.qqq") << 10 << QStringLiteral("page_white")
                             << QStringLiteral("10 bytes") << false;
}

void TestKashflowEmulator::fileRecordFields()
{
    QFETCH(QString, name);
    QFETCH(int, size);
    QFETCH(QString, icon);
    QFETCH(QString, displayed);
    QFETCH(bool, thumbnail);
    const QDateTime modified(QDate(2023, 12, 31), QTime(23, 59, 58), QTimeZone::utc());
    QVERIFY(m_emulator->putFile(EntityType::Quotes, QStringLiteral("102"), name, QByteArray(size, 'x'), modified));
    const QJsonObject json = record(QStringLiteral("quotes"), QStringLiteral("102"), name);
    QCOMPARE(json.value(QStringLiteral("Name")).toString(), name);
    QCOMPARE(json.value(QStringLiteral("Icon")).toString(), icon);
    QCOMPARE(json.value(QStringLiteral("SizeInBytes")), QJsonValue(size));
    QCOMPARE(json.value(QStringLiteral("SizeToBeDisplayed")).toString(), displayed);
    QCOMPARE(json.value(QStringLiteral("LastModifiedDate")).toString(), QStringLiteral("2023-12-31 23:59:58"));
    QCOMPARE(json.value(QStringLiteral("IsThumbnailAvailable")), QJsonValue(thumbnail));
    QCOMPARE(json.value(QStringLiteral("ThumbnailUri")).toString().isEmpty(), !thumbnail);
    QVERIFY(json.value(QStringLiteral("FileUri")).toString().contains(QStringLiteral("/1/files/sandbox/Quotes/102/")));
}

void TestKashflowEmulator::fileRecordMatchesReference()
{
    QFile reference(QStringLiteral(ATTACHE_SOURCE_DIR "/tests/data/kashflow-file-record.json"));
    QVERIFY(reference.open(QIODevice::ReadOnly));
    QJsonObject expected = QJsonDocument::fromJson(reference.readAll()).object();
    QVERIFY(m_emulator->putFile(EntityType::Invoices, QStringLiteral("4456"), InvoiceImage, QByteArray(164391, 'j'),
                                QDateTime(QDate(2008, 3, 11), QTime(12, 0), QTimeZone::utc())));
    QJsonObject actual = record(QStringLiteral("invoices"), QStringLiteral("4456"), InvoiceImage);
    QCOMPARE(actual.keys(), expected.keys());
    // The signed URIs point at the emulator, in the shape of the spec's Dropbox v1 URIs.
    const QRegularExpression signedUri(QStringLiteral(
        "^http://127\\.0\\.0\\.1:\\d+/1/(files|thumbnails)/sandbox/Invoices/4456/76643107_13e683ad6f\\.jpg"
        "\\?oauth_consumer_key=\\w+&oauth_nonce=[0-9A-F]+&oauth_signature_method=HMAC-SHA1"
        "&oauth_timestamp=\\d+&oauth_token=\\w+&oauth_signature=[A-Za-z0-9%]+$"));
    for (const QString& uri : { QStringLiteral("FileUri"), QStringLiteral("ThumbnailUri") }) {
        QVERIFY2(signedUri.match(actual.take(uri).toString()).hasMatch(), qPrintable(uri));
        expected.remove(uri);
    }
    QCOMPARE(actual, expected);
}

void TestKashflowEmulator::upload_data()
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<QString>("typePath");
    QTest::addColumn<QByteArray>("keyField");
    QTest::addColumn<QString>("key");
    QTest::addColumn<EntityType>("type");
    for (const Format format : { Format::Json, Format::Xml }) {
        const char* name = format == Format::Json ? "json" : "xml";
        QTest::addRow("%s invoice", name) << format << QStringLiteral("invoices") << QByteArrayLiteral("number")
                                          << QStringLiteral("4455") << EntityType::Invoices;
        QTest::addRow("%s quote", name) << format << QStringLiteral("quotes") << QByteArrayLiteral("number")
                                        << QStringLiteral("101") << EntityType::Quotes;
        QTest::addRow("%s purchase", name) << format << QStringLiteral("purchases") << QByteArrayLiteral("number")
                                           << QStringLiteral("2001") << EntityType::Purchases;
        QTest::addRow("%s customer", name) << format << QStringLiteral("customers") << QByteArrayLiteral("code")
                                           << QStringLiteral("BRIGHT") << EntityType::Customers;
        QTest::addRow("%s bank account", name) << format << QStringLiteral("bankaccounts") << QByteArrayLiteral("code")
                                               << QStringLiteral("Deposit Account") << EntityType::BankAccounts;
    }
}

void TestKashflowEmulator::upload()
{
    QFETCH(Format, format);
    QFETCH(QString, typePath);
    QFETCH(QByteArray, keyField);
    QFETCH(QString, key);
    QFETCH(EntityType, type);
    const QByteArray content = image(200, 100, "PNG");
    const QString name = QStringLiteral("Scan é 1.png");
    m_now = QDateTime(QDate(2024, 7, 2), QTime(8, 30, 15), QTimeZone::utc());
    m_token = m_emulator->issueSessionToken();
    const HttpReply uploaded = uploadFile(typePath, keyField, key, name.toUtf8(), content, format);
    QCOMPARE(uploaded.status, 200);
    if (format == Format::Xml)
        QCOMPARE(uploaded.xml().name, QStringLiteral("File"));
    const Fields fields = uploaded.fields(format);
    QCOMPARE(fields.value(QStringLiteral("Name")), name);
    QCOMPARE(fields.value(QStringLiteral("SizeInBytes")), QString::number(content.size()));
    QCOMPARE(fields.value(QStringLiteral("LastModifiedDate")), QStringLiteral("2024-07-02 08:30:15"));
    QCOMPARE(fields.value(QStringLiteral("IsThumbnailAvailable")), QStringLiteral("true"));
    QVERIFY(m_emulator->hasFile(type, key, name));
    QCOMPARE(m_emulator->fileContent(type, key, name), content);

    const HttpReply fetched = send(QByteArrayLiteral("GET"), QUrl(fields.value(QStringLiteral("FileUri"))), {});
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.body, content);
    const QList<Fields> listed = get(QStringLiteral("/v2/%1/%2/files").arg(typePath, key)).items(Format::Json);
    QVERIFY(std::any_of(listed.begin(), listed.end(),
                        [&name](const Fields& item) { return item.value(QStringLiteral("Name")) == name; }));
}

void TestKashflowEmulator::uploadFieldOrder_data()
{
    QTest::addColumn<QString>("typePath");
    QTest::addColumn<QList<RawPart>>("parts");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    // The token is filled in by the test.
    const RawPart token { QByteArrayLiteral("sessiontoken"), std::nullopt, QByteArrayLiteral("TOKEN") };
    const RawPart number { QByteArrayLiteral("number"), std::nullopt, QByteArrayLiteral("4455") };
    const RawPart code { QByteArrayLiteral("code"), std::nullopt, QByteArrayLiteral("ACME01") };
    const RawPart file { QByteArrayLiteral("file"), QByteArrayLiteral("order.txt"), QByteArrayLiteral("content") };
    const QString invoices = QStringLiteral("invoices");
    const QString bad = QStringLiteral("BadRequest");
    QTest::newRow("in order") << invoices << QList<RawPart> { token, number, file } << 200 << QString();
    QTest::newRow("number first") << invoices << QList<RawPart> { number, token, file } << 400 << bad;
    QTest::newRow("file first") << invoices << QList<RawPart> { file, token, number } << 400 << bad;
    QTest::newRow("file in the middle") << invoices << QList<RawPart> { token, file, number } << 400 << bad;
    QTest::newRow("no number") << invoices << QList<RawPart> { token, file } << 400 << bad;
    QTest::newRow("no token") << invoices << QList<RawPart> { number, file } << 400 << bad;
    QTest::newRow("no file") << invoices << QList<RawPart> { token, number } << 400 << bad;
    QTest::newRow("extra field") << invoices
                                 << QList<RawPart> { token,
                                                     number,
                                                     file,
                                                     { QByteArrayLiteral("submit"), std::nullopt, "Upload File" } }
                                 << 400 << bad;
    QTest::newRow("two files") << invoices << QList<RawPart> { token, number, file, file } << 400 << bad;
    QTest::newRow("code for an invoice") << invoices << QList<RawPart> { token, code, file } << 400 << bad;
    QTest::newRow("number for a customer")
        << QStringLiteral("customers") << QList<RawPart> { token, number, file } << 400 << bad;
    QTest::newRow("code for a customer") << QStringLiteral("customers") << QList<RawPart> { token, code, file } << 200
                                         << QString();
    QTest::newRow("file without a file name")
        << invoices << QList<RawPart> { token, number, { QByteArrayLiteral("file"), std::nullopt, "x" } } << 400 << bad;
    QTest::newRow("bad token") << invoices
                               << QList<RawPart> { { QByteArrayLiteral("sessiontoken"), std::nullopt, "nope" },
                                                   number,
                                                   file }
                               << 401 << QStringLiteral("InvalidSessionToken");
    QTest::newRow("unknown invoice") << invoices
                                     << QList<RawPart> { token,
                                                         { QByteArrayLiteral("number"), std::nullopt, "1" },
                                                         file }
                                     << 404 << QStringLiteral("NotFound");
}

void TestKashflowEmulator::uploadFieldOrder()
{
    QFETCH(QString, typePath);
    QFETCH(QList<RawPart>, parts);
    QFETCH(int, status);
    QFETCH(QString, error);
    for (RawPart& part : parts) {
        if (part.data == "TOKEN")
            part.data = m_token.toLatin1();
    }
    const HttpReply reply = upload(typePath, parts);
    QCOMPARE(reply.status, status);
    const EntityType type = typePath == QLatin1String("invoices") ? EntityType::Invoices : EntityType::Customers;
    const QString key = type == EntityType::Invoices ? QStringLiteral("4455") : QStringLiteral("ACME01");
    QCOMPARE(m_emulator->hasFile(type, key, QStringLiteral("order.txt")), status == 200);
    if (status != 200)
        QCOMPARE(reply.error(Format::Json).first, error);
}

void TestKashflowEmulator::uploadLimits()
{
    const QUrl target = url(QStringLiteral("/v2/invoices/files"));
    // Not multipart at all.
    const HttpReply plain
        = send(QByteArrayLiteral("POST"), target,
               { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream") } },
               QByteArrayLiteral("bytes"));
    QCOMPARE(plain.status, 415);
    QCOMPARE(plain.error(Format::Json).first, QStringLiteral("UnsupportedMediaType"));

    // Multipart without its closing boundary.
    QByteArray cut = multipartBody({ { QByteArrayLiteral("sessiontoken"), std::nullopt, m_token.toLatin1() },
                                     { QByteArrayLiteral("number"), std::nullopt, "4455" },
                                     { QByteArrayLiteral("file"), QByteArrayLiteral("cut.txt"), "data" } });
    cut.chop(Boundary.size() + 6);
    const HttpReply malformed
        = send(QByteArrayLiteral("POST"), target,
               { { QByteArrayLiteral("Content-Type"), "multipart/form-data; boundary=" + Boundary } }, cut);
    QCOMPARE(malformed.status, 400);
    QVERIFY(!m_emulator->hasFile(EntityType::Invoices, QStringLiteral("4455"), QStringLiteral("cut.txt")));

    m_emulator->setMaxUploadBytes(1000);
    const HttpReply large
        = uploadFile(QStringLiteral("invoices"), "number", QStringLiteral("4455"), "large.bin", QByteArray(2000, 'L'));
    QCOMPARE(large.status, 413);
    QCOMPARE(large.error(Format::Json).first, QStringLiteral("RequestEntityTooLarge"));
    QCOMPARE(uploadFile(QStringLiteral("invoices"), "number", QStringLiteral("4455"), "small.bin", "S").status, 200);
}

void TestKashflowEmulator::hostileUploadNames_data()
{
    QTest::addColumn<QByteArray>("fileName");
    QTest::newRow("parent") << QByteArrayLiteral("../escape.txt");
    QTest::newRow("parents") << QByteArrayLiteral("../../../../tmp/escape.txt");
    QTest::newRow("backslash parent") << QByteArrayLiteral("..\\escape.txt");
    QTest::newRow("absolute") << QByteArrayLiteral("/etc/passwd");
    QTest::newRow("windows path") << QByteArrayLiteral("C:\\Users\\ada\\scan.pdf");
    QTest::newRow("folder") << QByteArrayLiteral("sub/scan.pdf");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("blank") << QByteArrayLiteral("   ");
    QTest::newRow("dot") << QByteArrayLiteral(".");
    QTest::newRow("dot dot") << QByteArrayLiteral("..");
    QTest::newRow("control character") << QByteArrayLiteral("scan\x01.pdf");
    QTest::newRow("too long") << QByteArray(256, 'n');
}

void TestKashflowEmulator::hostileUploadNames()
{
    QFETCH(QByteArray, fileName);
    const QStringList before = m_emulator->fileNames(EntityType::Invoices, QStringLiteral("4455"));
    const HttpReply reply = uploadFile(QStringLiteral("invoices"), "number", QStringLiteral("4455"), fileName, "x");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.error(Format::Json).first, QStringLiteral("BadRequest"));
    QCOMPARE(m_emulator->fileNames(EntityType::Invoices, QStringLiteral("4455")), before);
    QCOMPARE(outsideDataDirectory(), QStringList());
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/escape.txt")));
}

void TestKashflowEmulator::hostileUrlNames_data()
{
    QTest::addColumn<QByteArray>("encodedName");
    QTest::addColumn<int>("status");
    QTest::newRow("encoded slash") << QByteArrayLiteral("..%2Finvoices%2F4455") << 400;
    QTest::newRow("encoded backslash") << QByteArrayLiteral("..%5C..%5Cblobs") << 400;
    QTest::newRow("encoded dot dot") << QByteArrayLiteral("%2E%2E") << 400;
    QTest::newRow("dot dot") << QByteArrayLiteral("..") << 400;
    QTest::newRow("dot") << QByteArrayLiteral(".") << 400;
    QTest::newRow("empty") << QByteArray() << 400;
    QTest::newRow("control character") << QByteArrayLiteral("a%00b") << 400;
}

void TestKashflowEmulator::hostileUrlNames()
{
    QFETCH(QByteArray, encodedName);
    QFETCH(int, status);
    const QStringList before = m_emulator->fileNames(EntityType::Invoices, QStringLiteral("4455"));
    for (const QByteArray& verb : { QByteArrayLiteral("GET"), QByteArrayLiteral("DELETE") }) {
        const auto [replyStatus, body] = rawRequest(verb, "/v2/invoices/4455/files/" + encodedName);
        QCOMPARE(replyStatus, status);
        QCOMPARE(QJsonDocument::fromJson(body).object().value(QStringLiteral("Error")).toString(),
                 QStringLiteral("BadRequest"));
    }
    QCOMPARE(m_emulator->fileNames(EntityType::Invoices, QStringLiteral("4455")), before);
    QCOMPARE(outsideDataDirectory(), QStringList());
}

void TestKashflowEmulator::nameClash()
{
    QCOMPARE(uploadFile(QStringLiteral("purchases"), "number", QStringLiteral("2002"), "scan.jpg", "first").status,
             200);
    for (const QByteArray& name : { QByteArrayLiteral("scan.jpg"), QByteArrayLiteral("SCAN.JPG") }) {
        const HttpReply clash
            = uploadFile(QStringLiteral("purchases"), "number", QStringLiteral("2002"), name, "second", Format::Xml);
        QCOMPARE(clash.status, 400);
        QCOMPARE(clash.error(Format::Xml).first, QStringLiteral("FileAlreadyExists"));
    }
    QCOMPARE(m_emulator->fileContent(EntityType::Purchases, QStringLiteral("2002"), QStringLiteral("scan.jpg")),
             QByteArrayLiteral("first"));
    QCOMPARE(api("DELETE", url(QStringLiteral("/v2/purchases/2002/files/scan.jpg"))).status, 200);
    QCOMPARE(uploadFile(QStringLiteral("purchases"), "number", QStringLiteral("2002"), "Scan.jpg", "third").status,
             200);
    QCOMPARE(m_emulator->fileNames(EntityType::Purchases, QStringLiteral("2002")),
             QStringList { QStringLiteral("Scan.jpg") });
    // The same name on another entity is no clash.
    QCOMPARE(uploadFile(QStringLiteral("purchases"), "number", QStringLiteral("2003"), "scan.jpg", "fourth").status,
             200);
}

void TestKashflowEmulator::deleteFile()
{
    QFETCH(Format, format);
    const QDir blobs(m_root->filePath(QStringLiteral("data/blobs")));
    const qsizetype blobCount = blobs.entryList(QDir::Files).size();
    const QString path = QStringLiteral("/v2/invoices/4455/files/delivery note.pdf");
    const HttpReply deleted = api("DELETE", url(path), format);
    QCOMPARE(deleted.status, 200);
    QVERIFY(deleted.body.isEmpty());
    QVERIFY(!m_emulator->hasFile(EntityType::Invoices, QStringLiteral("4455"), QStringLiteral("delivery note.pdf")));
    QCOMPARE(blobs.entryList(QDir::Files).size(), blobCount - 1);
    QCOMPARE(get(QStringLiteral("/v2/invoices/4455/files"), format).items(format).size(), 1);

    const HttpReply again = api("DELETE", url(path), format);
    QCOMPARE(again.status, 404);
    QCOMPARE(again.error(format).first, QStringLiteral("NotFound"));
    QCOMPARE(get(path, format).status, 404);
    QCOMPARE(api("DELETE", url(QStringLiteral("/v2/invoices/1/files/x.pdf")), format).status, 404);
    // By name in any case, on a bank account named with spaces.
    QCOMPARE(api("DELETE", url(QStringLiteral("/v2/BankAccounts/current account/files/STATEMENT 2024-03.CSV")), format)
                 .status,
             200);
    QVERIFY(m_emulator->fileNames(EntityType::BankAccounts, QStringLiteral("Current Account")).isEmpty());
}

void TestKashflowEmulator::sendPdf_data()
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<QString>("typePath");
    QTest::addColumn<QString>("number");
    QTest::addColumn<EntityType>("type");
    QTest::addColumn<QString>("title");
    for (const Format format : { Format::Json, Format::Xml }) {
        const char* name = format == Format::Json ? "json" : "xml";
        QTest::addRow("%s invoice", name) << format << QStringLiteral("invoices") << QStringLiteral("4455")
                                          << EntityType::Invoices << QStringLiteral("Invoice 4455");
        QTest::addRow("%s quote", name) << format << QStringLiteral("quotes") << QStringLiteral("103")
                                        << EntityType::Quotes << QStringLiteral("Quote 103");
        QTest::addRow("%s purchase", name) << format << QStringLiteral("purchases") << QStringLiteral("2004")
                                           << EntityType::Purchases << QStringLiteral("Purchase 2004");
    }
}

void TestKashflowEmulator::sendPdf()
{
    QFETCH(Format, format);
    QFETCH(QString, typePath);
    QFETCH(QString, number);
    QFETCH(EntityType, type);
    QFETCH(QString, title);
    const qsizetype filesBefore = m_emulator->fileNames(type, number).size();
    const QUrl target = url(QStringLiteral("/v2/%1/files/%2").arg(typePath, number));
    const HttpReply sent = api("POST", target, format);
    QCOMPARE(sent.status, 200);
    const Fields fields = sent.fields(format);
    const QString name = title + QStringLiteral(".pdf");
    QCOMPARE(fields.value(QStringLiteral("Name")), name);
    QCOMPARE(fields.value(QStringLiteral("Icon")), QStringLiteral("page_white_acrobat"));
    QCOMPARE(fields.value(QStringLiteral("IsThumbnailAvailable")), QStringLiteral("false"));
    QCOMPARE(fields.value(QStringLiteral("ThumbnailUri")), QString());
    const QByteArray pdf = m_emulator->fileContent(type, number, name);
    QVERIFY(pdf.startsWith("%PDF-1.4"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QVERIFY(pdf.contains(QByteArray("(" + title.toLatin1() + ")")));
    QCOMPARE(fields.value(QStringLiteral("SizeInBytes")), QString::number(pdf.size()));
    QCOMPARE(send(QByteArrayLiteral("GET"), QUrl(fields.value(QStringLiteral("FileUri"))), {}).body, pdf);

    // Sent again, it replaces the one before.
    m_now = m_now.addSecs(1800);
    const HttpReply again = api("POST", target, format);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.fields(format).value(QStringLiteral("LastModifiedDate")), QStringLiteral("2024-06-01 09:30:00"));
    QCOMPARE(m_emulator->fileNames(type, number).size(), filesBefore + 1);
}

void TestKashflowEmulator::sendPdfErrors()
{
    // Only quotes, invoices and purchases make PDFs.
    QCOMPARE(api("POST", url(QStringLiteral("/v2/customers/files/ACME01"))).status, 404);
    QCOMPARE(api("POST", url(QStringLiteral("/v2/bankaccounts/files/Current Account"))).status, 404);
    const HttpReply unknown = api("POST", url(QStringLiteral("/v2/invoices/files/1234")));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.error(Format::Json).first, QStringLiteral("NotFound"));
    const HttpReply withBody
        = api("POST", url(QStringLiteral("/v2/invoices/files/4455")), Format::Json, QByteArrayLiteral("{}"));
    QCOMPARE(withBody.status, 400);
    QCOMPARE(withBody.error(Format::Json).first, QStringLiteral("BadRequest"));
    QCOMPARE(send(QByteArrayLiteral("POST"), url(QStringLiteral("/v2/invoices/files/4455")), {}).status, 401);
    QCOMPARE(m_emulator->fileNames(EntityType::Invoices, QStringLiteral("4455")).size(), 2);
}

void TestKashflowEmulator::fileUriServesBytes()
{
    const QJsonObject json = record(QStringLiteral("invoices"), QStringLiteral("4455"), InvoiceImage);
    const QUrl fileUri(json.value(QStringLiteral("FileUri")).toString());
    const QUrl thumbnailUri(json.value(QStringLiteral("ThumbnailUri")).toString());

    // No session needed: the signature is the credential.
    const HttpReply file = send(QByteArrayLiteral("GET"), fileUri, {});
    QCOMPARE(file.status, 200);
    QCOMPARE(file.header(QByteArrayLiteral("Content-Type")), QByteArrayLiteral("image/jpeg"));
    QCOMPARE(file.body, m_emulator->fileContent(EntityType::Invoices, QStringLiteral("4455"), InvoiceImage));

    // A real, small image: the 640×480 sample scaled into 64×64.
    const HttpReply thumbnail = send(QByteArrayLiteral("GET"), thumbnailUri, {});
    QCOMPARE(thumbnail.status, 200);
    QCOMPARE(thumbnail.header(QByteArrayLiteral("Content-Type")), QByteArrayLiteral("image/jpeg"));
    const QImage picture = QImage::fromData(thumbnail.body, "JPEG");
    QCOMPARE(picture.size(), QSize(64, 48));

    // Another signature, or one moved to another file, opens nothing.
    QUrlQuery forged(fileUri);
    forged.removeQueryItem(QStringLiteral("oauth_signature"));
    forged.addQueryItem(QStringLiteral("oauth_signature"), QStringLiteral("AAAA"));
    QUrl forgedUri = fileUri;
    forgedUri.setQuery(forged);
    QCOMPARE(send(QByteArrayLiteral("GET"), forgedUri, {}).status, 403);
    QUrl moved = fileUri;
    moved.setPath(QStringLiteral("/1/files/sandbox/Invoices/4455/delivery note.pdf"));
    const HttpReply movedReply = send(QByteArrayLiteral("GET"), moved, {});
    QCOMPARE(movedReply.status, 403);
    QCOMPARE(movedReply.json().value(QStringLiteral("error")).toString(), QStringLiteral("Invalid signature."));
    QUrl asThumbnail = fileUri;
    asThumbnail.setPath(fileUri.path().replace(QStringLiteral("/1/files/"), QStringLiteral("/1/thumbnails/")));
    QCOMPARE(send(QByteArrayLiteral("GET"), asThumbnail, {}).status, 403);

    // A file deleted since is gone, whatever its URI.
    QVERIFY(m_emulator->putFile(EntityType::Invoices, QStringLiteral("4455"), QStringLiteral("gone.txt"), "bye"));
    const QUrl goneUri(record(QStringLiteral("invoices"), QStringLiteral("4455"), QStringLiteral("gone.txt"))
                           .value(QStringLiteral("FileUri"))
                           .toString());
    QCOMPARE(api("DELETE", url(QStringLiteral("/v2/invoices/4455/files/gone.txt"))).status, 200);
    QCOMPARE(send(QByteArrayLiteral("GET"), goneUri, {}).status, 404);
}

void TestKashflowEmulator::signedUrisExpire()
{
    m_emulator->setSignedUriLifetime(600);
    const QJsonObject json = record(QStringLiteral("purchases"), QStringLiteral("2001"), QStringLiteral("receipt.png"));
    const QUrl fileUri(json.value(QStringLiteral("FileUri")).toString());
    const QUrl thumbnailUri(json.value(QStringLiteral("ThumbnailUri")).toString());
    m_now = m_now.addSecs(600);
    QCOMPARE(send(QByteArrayLiteral("GET"), fileUri, {}).status, 200);
    QCOMPARE(send(QByteArrayLiteral("GET"), thumbnailUri, {}).status, 200);
    m_now = m_now.addSecs(1);
    for (const QUrl& uri : { fileUri, thumbnailUri }) {
        const HttpReply expired = send(QByteArrayLiteral("GET"), uri, {});
        QCOMPARE(expired.status, 403);
        QCOMPARE(expired.json(),
                 (QJsonObject { { QStringLiteral("error"), QStringLiteral("This link has expired.") } }));
    }
    // A record asked for again carries fresh URIs.
    const QJsonObject fresh
        = record(QStringLiteral("purchases"), QStringLiteral("2001"), QStringLiteral("receipt.png"));
    QCOMPARE(send(QByteArrayLiteral("GET"), QUrl(fresh.value(QStringLiteral("FileUri")).toString()), {}).status, 200);
    const QImage portrait = QImage::fromData(
        send(QByteArrayLiteral("GET"), QUrl(fresh.value(QStringLiteral("ThumbnailUri")).toString()), {}).body);
    QCOMPARE(portrait.size(), QSize(24, 64));
}

void TestKashflowEmulator::thumbnailOfBrokenImage()
{
    QVERIFY(m_emulator->putFile(EntityType::Quotes, QStringLiteral("101"), QStringLiteral("broken.jpg"),
                                QByteArrayLiteral("not a picture")));
    const QJsonObject json = record(QStringLiteral("quotes"), QStringLiteral("101"), QStringLiteral("broken.jpg"));
    // The flag goes by the extension, as the spec words it; the thumbnail itself cannot be made.
    QCOMPARE(json.value(QStringLiteral("IsThumbnailAvailable")), QJsonValue(true));
    const HttpReply thumbnail
        = send(QByteArrayLiteral("GET"), QUrl(json.value(QStringLiteral("ThumbnailUri")).toString()), {});
    QCOMPARE(thumbnail.status, 415);
    QVERIFY(thumbnail.json().contains(QStringLiteral("error")));
}

void TestKashflowEmulator::dropboxAuthentication()
{
    QFETCH(Format, format);
    m_emulator->setDropboxConnected(false);
    const auto authenticationUrl = [&] {
        const HttpReply reply = get(QStringLiteral("/v2/dropbox/authentication"), format);
        if (format == Format::Json) {
            // A bare JSON string, slashes escaped as in the spec's example.
            if (!reply.body.startsWith("\"http:\\/\\/"))
                return QString();
            return QJsonDocument::fromJson("[" + reply.body + "]").array().first().toString();
        }
        const XmlNode root = reply.xml();
        return root.name == QLatin1String("string") ? root.text : QString();
    };
    const QString first = authenticationUrl();
    QVERIFY2(first.startsWith(m_emulator->baseUrl().toString() + QStringLiteral("/1/oauth/authorize?")),
             qPrintable(first));
    const QUrlQuery query { QUrl(first) };
    const QUrl callback(query.queryItemValue(QStringLiteral("oauth_callback"), QUrl::FullyDecoded));
    QCOMPARE(callback.path(), QStringLiteral("/v2/dropbox/authentication/url"));
    QCOMPARE(QUrlQuery(callback).queryItemValue(QStringLiteral("kashflowuserid")), QStringLiteral("93951"));
    QCOMPARE(QUrlQuery(callback).queryItemValue(QStringLiteral("userguid")), m_emulator->userGuid());
    QVERIFY(!query.queryItemValue(QStringLiteral("oauth_token")).isEmpty());

    // The client appends redirecturl; Dropbox allows and sends the browser to KashFlow, which connects the account
    // and sends it on to redirecturl.
    const QString redirect = QStringLiteral("https://app.example/done?x=1&y=a b");
    const QUrl withRedirect = QUrl::fromEncoded(
        QByteArray(first.toUtf8() + "&redirecturl=" + QUrl::toPercentEncoding(redirect)), QUrl::StrictMode);
    const HttpReply allowed = send(QByteArrayLiteral("GET"), withRedirect, {});
    QCOMPARE(allowed.status, 302);
    const QUrl toCallback = allowed.location();
    QCOMPARE(toCallback.path(), QStringLiteral("/v2/dropbox/authentication/url"));
    const QUrlQuery callbackQuery(toCallback);
    for (const QString& name : { QStringLiteral("kashflowuserid"), QStringLiteral("uid"), QStringLiteral("userguid"),
                                 QStringLiteral("oauth_token"), QStringLiteral("redirecturl") })
        QVERIFY2(callbackQuery.hasQueryItem(name), qPrintable(name));
    QCOMPARE(callbackQuery.queryItemValue(QStringLiteral("redirecturl"), QUrl::FullyDecoded), redirect);
    QVERIFY(!m_emulator->isDropboxConnected());
    const HttpReply connected = send(QByteArrayLiteral("GET"), toCallback, {});
    QCOMPARE(connected.status, 302);
    QCOMPARE(connected.location(), QUrl(redirect));
    QVERIFY(m_emulator->isDropboxConnected());

    // Each URL serves once.
    const HttpReply reused = send(QByteArrayLiteral("GET"), toCallback, {});
    QCOMPARE(reused.status, 400);
    QVERIFY(reused.header(QByteArrayLiteral("Content-Type")).startsWith("text/html"));
    QCOMPARE(send(QByteArrayLiteral("GET"), withRedirect, {}).status, 400);

    // Without redirecturl the callback answers 200 itself.
    m_emulator->setDropboxConnected(false);
    const HttpReply plain = send(QByteArrayLiteral("GET"), QUrl(authenticationUrl()), {});
    QCOMPARE(plain.status, 302);
    QVERIFY(!QUrlQuery(plain.location()).hasQueryItem(QStringLiteral("redirecturl")));
    const HttpReply done = send(QByteArrayLiteral("GET"), plain.location(), {});
    QCOMPARE(done.status, 200);
    QVERIFY(done.text().contains(QStringLiteral("Dropbox connected")));
    QVERIFY(m_emulator->isDropboxConnected());

    // Going to KashFlow's callback without passing Dropbox connects nothing.
    m_emulator->setDropboxConnected(false);
    const QString unused = authenticationUrl();
    QUrl direct = callback;
    QUrlQuery directQuery(callback);
    directQuery.addQueryItem(QStringLiteral("uid"), QStringLiteral("4815162342"));
    directQuery.addQueryItem(QStringLiteral("oauth_token"),
                             QUrlQuery(QUrl(unused)).queryItemValue(QStringLiteral("oauth_token")));
    direct.setQuery(directQuery);
    QCOMPARE(send(QByteArrayLiteral("GET"), direct, {}).status, 400);
    QVERIFY(!m_emulator->isDropboxConnected());
}

void TestKashflowEmulator::dropboxAuthenticationUrlExpires()
{
    const auto newUrl = [this] {
        return QUrl(QJsonDocument::fromJson("[" + get(QStringLiteral("/v2/dropbox/authentication")).body + "]")
                        .array()
                        .first()
                        .toString());
    };
    // Five minutes to the second are still in time.
    QUrl url = newUrl();
    m_now = m_now.addSecs(300);
    QCOMPARE(send(QByteArrayLiteral("GET"), url, {}).status, 302);

    url = newUrl();
    m_now = m_now.addSecs(301);
    const HttpReply late = send(QByteArrayLiteral("GET"), url, {});
    QCOMPARE(late.status, 400);
    QVERIFY(late.header(QByteArrayLiteral("Content-Type")).startsWith("text/html"));
    QVERIFY(late.text().contains(QStringLiteral("expired")));

    // Late at KashFlow's end too: allowed at 4 minutes, back at 5 and a second.
    url = newUrl();
    m_now = m_now.addSecs(240);
    const HttpReply allowed = send(QByteArrayLiteral("GET"), url, {});
    QCOMPARE(allowed.status, 302);
    m_now = m_now.addSecs(61);
    QCOMPARE(send(QByteArrayLiteral("GET"), allowed.location(), {}).status, 400);

    // The hook ages every URL handed out.
    url = newUrl();
    m_emulator->expireDropboxAuthenticationUrls();
    QVERIFY(send(QByteArrayLiteral("GET"), url, {}).text().contains(QStringLiteral("expired")));
    QCOMPARE(send(QByteArrayLiteral("GET"), newUrl(), {}).status, 302);
}

void TestKashflowEmulator::filesNeedDropbox()
{
    m_emulator->setDropboxConnected(false);
    const HttpReply list = get(QStringLiteral("/v2/invoices/4455/files"));
    QCOMPARE(list.status, 400);
    QCOMPARE(list.error(Format::Json).first, QStringLiteral("DropboxNotConnected"));
    QCOMPARE(uploadFile(QStringLiteral("invoices"), "number", QStringLiteral("4455"), "a.txt", "a").status, 400);
    QCOMPARE(api("POST", url(QStringLiteral("/v2/invoices/files/4455"))).status, 400);
    // Lists of records do not involve Dropbox.
    QCOMPARE(get(QStringLiteral("/v2/invoices")).status, 200);
}

void TestKashflowEmulator::formatNegotiation_data()
{
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<bool>("xml");
    QTest::newRow("none") << QByteArray() << false;
    QTest::newRow("json") << QByteArrayLiteral("application/json") << false;
    QTest::newRow("text/json") << QByteArrayLiteral("text/json") << false;
    QTest::newRow("xml") << QByteArrayLiteral("application/xml") << true;
    QTest::newRow("text/xml") << QByteArrayLiteral("text/xml; charset=utf-8") << true;
    QTest::newRow("any") << QByteArrayLiteral("*/*") << false;
    QTest::newRow("xml over any") << QByteArrayLiteral("application/xml, */*") << true;
    QTest::newRow("json preferred") << QByteArrayLiteral("application/xml;q=0.5, application/json") << false;
    QTest::newRow("xml preferred") << QByteArrayLiteral("application/json;q=0.4, application/xml;q=0.9") << true;
    QTest::newRow("xml refused") << QByteArrayLiteral("application/xml;q=0, */*") << false;
    QTest::newRow("tie") << QByteArrayLiteral("text/*") << false;
    QTest::newRow("neither") << QByteArrayLiteral("text/html") << false;
}

void TestKashflowEmulator::formatNegotiation()
{
    QFETCH(QByteArray, accept);
    QFETCH(bool, xml);
    Headers headers { { QByteArrayLiteral("Authorization"), "KfToken " + m_token.toLatin1() } };
    if (!accept.isEmpty())
        headers.append({ QByteArrayLiteral("Accept"), accept });
    for (const QString& path : { QStringLiteral("/v2/customers"), QStringLiteral("/v2/customers/ACME01/files") }) {
        const HttpReply reply = send(QByteArrayLiteral("GET"), url(path), headers);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header(QByteArrayLiteral("Content-Type")),
                 xml ? QByteArrayLiteral("application/xml; charset=utf-8")
                     : QByteArrayLiteral("application/json; charset=utf-8"));
        QCOMPARE(XmlNode::parse(reply.body).has_value(), xml);
    }
    // Errors follow the same choice.
    headers.removeFirst();
    const HttpReply error = send(QByteArrayLiteral("GET"), url(QStringLiteral("/v2/customers")), headers);
    QCOMPARE(error.status, 401);
    QCOMPARE(error.error(xml ? Format::Xml : Format::Json).first, QStringLiteral("InvalidSessionToken"));
}

void TestKashflowEmulator::faults()
{
    QFETCH(Format, format);
    const QString path = QStringLiteral("/v2/invoices/4455/files");
    m_emulator->faults().add(path, FaultInjector::rateLimited(7), 2);
    for (int i = 0; i < 2; ++i) {
        const HttpReply limited = get(path, format);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header(QByteArrayLiteral("Retry-After")), QByteArrayLiteral("7"));
        QCOMPARE(
            limited.error(format),
            qMakePair(QStringLiteral("TooManyRequests"), QStringLiteral("Too many requests: try again in 7 seconds.")));
    }
    QCOMPARE(get(path, format).status, 200);

    QVERIFY(m_emulator->faults().addSpec(path + QStringLiteral("=500")));
    QVERIFY(m_emulator->faults().addSpec(QStringLiteral("*=503")));
    const HttpReply first = get(path, format);
    QCOMPARE(first.status, 500);
    QCOMPARE(first.error(format),
             qMakePair(QStringLiteral("InternalServerError"), QStringLiteral("An error has occurred.")));
    const HttpReply second = get(QStringLiteral("/v2/customers"), format);
    QCOMPARE(second.status, 503);
    QCOMPARE(second.error(format).first, QStringLiteral("ServiceUnavailable"));

    // An injected expiry looks like a real one.
    m_emulator->faults().add(QStringLiteral("/v2/sessiontoken"), FaultInjector::expiredToken());
    const HttpReply expired = startSignIn(format, m_emulator->userName(), m_emulator->password());
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.error(format).first, QStringLiteral("InvalidSessionToken"));

    m_emulator->faults().add(QStringLiteral("*"), FaultInjector::rateLimited(2, false));
    const HttpReply plain = get(path, format);
    QCOMPARE(plain.status, 429);
    QCOMPARE(plain.header(QByteArrayLiteral("Retry-After")), QByteArrayLiteral("2"));
    QCOMPARE(plain.body, QByteArrayLiteral("Too Many Requests"));

    // A fault replaces the answer: the upload it hits stores nothing.
    m_emulator->faults().add(QStringLiteral("/v2/invoices/files"), FaultInjector::serverError(502));
    const HttpReply failed
        = uploadFile(QStringLiteral("invoices"), "number", QStringLiteral("4455"), "lost.txt", "lost", format);
    QCOMPARE(failed.status, 502);
    QVERIFY(!m_emulator->hasFile(EntityType::Invoices, QStringLiteral("4455"), QStringLiteral("lost.txt")));

    // A dropped connection carries the request out and loses its answer.
    m_emulator->faults().add(QStringLiteral("/v2/invoices/files"), FaultInjector::dropConnection(5));
    const HttpReply dropped
        = uploadFile(QStringLiteral("invoices"), "number", QStringLiteral("4455"), "landed.txt", "landed", format);
    QVERIFY(dropped.body.size() < dropped.header(QByteArrayLiteral("Content-Length")).toLongLong());
    QVERIFY(m_emulator->hasFile(EntityType::Invoices, QStringLiteral("4455"), QStringLiteral("landed.txt")));
}

void TestKashflowEmulator::multipartParser()
{
    const QByteArray type = "multipart/form-data; boundary=\"" + Boundary + '"';
    const QByteArray body = "preamble to ignore\r\n--" + Boundary
        + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + Boundary
        + "\r\ncontent-disposition: form-data; name=\"file\"; filename=\"x.txt\"; "
          "filename*=UTF-8''%C3%A9t%C3%A9.txt\r\nContent-Type: text/plain\r\n\r\nline\r\n\r\n--"
        + Boundary + "\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n\r\n--" + Boundary
        + "--\r\nepilogue";
    const std::optional<QList<EmulatorMultipartForm::Part>> parts = EmulatorMultipartForm::parse(type, body);
    QVERIFY(parts);
    QCOMPARE(parts->size(), 3);
    QCOMPARE(parts->at(0).name, QStringLiteral("a"));
    QVERIFY(!parts->at(0).hasFileName);
    QCOMPARE(parts->at(0).data, QByteArrayLiteral("1"));
    QCOMPARE(parts->at(1).fileName, QStringLiteral("été.txt"));
    QCOMPARE(parts->at(1).contentType, QByteArrayLiteral("text/plain"));
    QCOMPARE(parts->at(1).data, QByteArrayLiteral("line\r\n"));
    QVERIFY(parts->at(2).hasFileName);
    QVERIFY(parts->at(2).fileName.isEmpty());
    QVERIFY(parts->at(2).data.isEmpty());

    QString error;
    QVERIFY(!EmulatorMultipartForm::parse(QByteArrayLiteral("multipart/form-data"), body, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!EmulatorMultipartForm::parse(type, body.left(body.indexOf(QByteArray("--" + Boundary + "--"))), &error));
    QVERIFY(!EmulatorMultipartForm::parse(
        type, "--" + Boundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + Boundary + "--", &error));
    QCOMPARE(EmulatorMultipartForm::parse(type, "--" + Boundary + "--")->size(), 0);
}

void TestKashflowEmulator::programPrintsUrlFirst()
{
    QTemporaryDir data;
    QProcess program;
    program.start(QStringLiteral(ATTACHE_KASHFLOW_EMULATOR_PATH),
                  { QStringLiteral("--data"), data.path(), QStringLiteral("--page-size"), QStringLiteral("5"),
                    QStringLiteral("--fault"), QStringLiteral("/v2/quotes=503") });
    QVERIFY(program.waitForStarted());
    const QString firstLine = EmulatorTestProgram::readFirstLine(program);
    QVERIFY2(EmulatorTestProgram::isLoopbackUrl(firstLine), qPrintable(firstLine));

    // The sample credentials, on stderr.
    const QString errors = EmulatorTestProgram::readErrorsUntil(program, QStringLiteral("Memorable word: "));
    const auto value = [&errors](const QString& label) { return EmulatorTestProgram::labelledValue(errors, label); };
    const QString user = value(QStringLiteral("Sample user"));
    const QString password = value(QStringLiteral("Password"));
    const QString word = value(QStringLiteral("Memorable word"));
    QVERIFY(!user.isEmpty() && !password.isEmpty() && word.size() >= 3);

    // Signing in with them works against the program.
    const auto at = [&firstLine](const QString& path) { return QUrl(firstLine + path); };
    const HttpReply started = send(
        QByteArrayLiteral("POST"), at(QStringLiteral("/v2/sessiontoken")),
        { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } },
        QJsonDocument(QJsonObject { { QStringLiteral("UserName"), user }, { QStringLiteral("Password"), password } })
            .toJson());
    QCOMPARE(started.status, 200);
    QJsonArray answers;
    for (const int position : positionsOf(started, Format::Json))
        answers.append(QJsonObject { { QStringLiteral("Position"), position },
                                     { QStringLiteral("Value"), word.mid(position - 1, 1) } });
    const HttpReply finished
        = send(QByteArrayLiteral("PUT"), at(QStringLiteral("/v2/sessiontoken")),
               { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } },
               QJsonDocument(QJsonObject { { QStringLiteral("TemporaryToken"),
                                             started.json().value(QStringLiteral("TemporaryToken")) },
                                           { QStringLiteral("MemorableWordList"), answers } })
                   .toJson());
    QCOMPARE(finished.status, 200);
    const QByteArray token = finished.json().value(QStringLiteral("SessionToken")).toString().toLatin1();
    const Headers auth { { QByteArrayLiteral("Authorization"), "KfToken " + token } };

    const HttpReply invoices = send(QByteArrayLiteral("GET"), at(QStringLiteral("/v2/invoices")), auth);
    QCOMPARE(invoices.status, 200);
    QCOMPARE(invoices.json().value(QStringLiteral("Data")).toArray().size(), 5);
    QVERIFY(
        !invoices.json().value(QStringLiteral("MetaData")).toObject().value(QStringLiteral("NextPageUrl")).isNull());
    const HttpReply files = send(QByteArrayLiteral("GET"), at(QStringLiteral("/v2/invoices/4455/files")), auth);
    QCOMPARE(files.jsonArray().size(), 2);
    QCOMPARE(send(QByteArrayLiteral("GET"), at(QStringLiteral("/v2/quotes")), auth).status, 503);
    QCOMPARE(send(QByteArrayLiteral("GET"), at(QStringLiteral("/v2/quotes")), auth).status, 200);
    // The files live in the data directory given.
    QVERIFY(!QDir(data.filePath(QStringLiteral("blobs"))).entryList(QDir::Files).isEmpty());

    program.kill();
    QVERIFY(program.waitForFinished());

    QProcess badFault;
    badFault.start(QStringLiteral(ATTACHE_KASHFLOW_EMULATOR_PATH),
                   { QStringLiteral("--fault"), QStringLiteral("nonsense") });
    QVERIFY(badFault.waitForFinished());
    QCOMPARE(badFault.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestKashflowEmulator)
#include "TestKashflowEmulator.moc"
