// The Fortnox emulator over real HTTP, as a client sees it: the inbox and archive trees in both formats, uploads
// and downloads, deletes, the lists, file connections moving files, OAuth 2 and the legacy headers, scopes, the
// rate limit, the injected faults, plus the standalone program. Time only moves when a test moves the emulator's
// clocks.

#include "EmulatorTestFormat.h"
#include "EmulatorTestProgram.h"
#include "EmulatorTestReply.h"
#include "EmulatorTestXml.h"
#include "FortnoxEmulator.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>
#include <QUuid>

#include <memory>
#include <optional>

namespace {

QString textOf(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return value.toString();
}

Fields fieldsOf(const QJsonObject& object)
{
    Fields fields;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isArray() && !it.value().isObject())
            fields.insert(it.key(), textOf(it.value()));
    }
    return fields;
}

// Attributes, like "@" members in JSON, as "@name".
Fields fieldsOf(const XmlNode& node)
{
    Fields fields;
    for (auto it = node.attributes.begin(); it != node.attributes.end(); ++it)
        fields.insert(QLatin1Char('@') + it.key(), it.value());
    for (const XmlNode& child : node.children) {
        if (child.children.isEmpty())
            fields.insert(child.name, child.text);
    }
    return fields;
}

QList<Fields> itemsOf(const QJsonArray& array)
{
    QList<Fields> items;
    for (const QJsonValue& item : array)
        items.append(fieldsOf(item.toObject()));
    return items;
}

QList<Fields> itemsOf(const XmlNode* node)
{
    QList<Fields> items;
    if (node) {
        for (const XmlNode& item : node->children)
            items.append(fieldsOf(item));
    }
    return items;
}

struct HttpReply : EmulatorTestReply
{
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    XmlNode xml() const { return XmlNode::parse(body).value_or(XmlNode()); }

    // The record the body holds, named `root` in either format.
    Fields record(Format format, const QString& root) const
    {
        if (format == Format::Json)
            return fieldsOf(json().value(root).toObject());
        const XmlNode node = xml();
        return node.name == root ? fieldsOf(node) : Fields();
    }
    // An array inside the record (Files, Folders).
    QList<Fields> nested(Format format, const QString& root, const QString& array) const
    {
        if (format == Format::Json)
            return itemsOf(json().value(root).toObject().value(array).toArray());
        return itemsOf(xml().child(array));
    }
    // A list's items and its MetaInformation, without the "@".
    QList<Fields> list(Format format, const QString& name) const
    {
        if (format == Format::Json)
            return itemsOf(json().value(name).toArray());
        const XmlNode node = xml();
        return itemsOf(&node);
    }
    Fields meta(Format format) const
    {
        Fields meta;
        if (format == Format::Json) {
            const Fields raw = fieldsOf(json().value(QStringLiteral("MetaInformation")).toObject());
            for (auto it = raw.begin(); it != raw.end(); ++it)
                meta.insert(it.key().mid(1), it.value());
        } else {
            const XmlNode node = xml();
            for (auto it = node.attributes.begin(); it != node.attributes.end(); ++it)
                meta.insert(it.key(), it.value());
        }
        return meta;
    }
    // {code, message} of an ErrorInformation, in either format.
    QPair<int, QString> error(Format format) const
    {
        const Fields fields = record(format, QStringLiteral("ErrorInformation"));
        return { fields.value(QStringLiteral("code")).toInt(), fields.value(QStringLiteral("message")) };
    }
    QUrlQuery locationQuery() const
    {
        return QUrlQuery(QUrl::fromEncoded(header(QByteArrayLiteral("Location"))).query());
    }
};

const QByteArray Boundary = QByteArrayLiteral("----AttacheFortnox7MA4YWxkTrZu0gW");

QByteArray multipartFile(const QByteArray& field, const QByteArray& fileName, const QByteArray& data)
{
    return "--" + Boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n--" + Boundary + "--\r\n";
}

// Every byte value, so that nothing is taken for text on the way.
QByteArray binaryContent(int size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = char((i * 7 + i / 256) % 256);
    return data;
}

const QString Root = QStringLiteral("root");
const QString RedirectUri = QStringLiteral("http://127.0.0.1:8765/fortnox/callback");

} // namespace

class TestFortnoxEmulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void rootFolder_data() { addFormats(); }
    void rootFolder();
    void folderEmails_data();
    void folderEmails();
    void folderByPathAndId_data() { addFormats(); }
    void folderByPathAndId();
    void xmlMatchesSpec();
    void uploadAndDownload_data() { addFormats(); }
    void uploadAndDownload();
    void uploadErrors_data() { addFormats(); }
    void uploadErrors();
    void deleteByIdAndPath_data() { addFormats(); }
    void deleteByIdAndPath();
    void archive_data() { addFormats(); }
    void archive();
    void lists_data() { addFormats(); }
    void lists();
    void supplierInvoiceConnection_data() { addFormats(); }
    void supplierInvoiceConnection();
    void voucherConnection_data() { addFormats(); }
    void voucherConnection();
    void connectionRefusals_data() { addFormats(); }
    void connectionRefusals();
    void oauthFlow();
    void authorizationCodeExpires();
    void refreshTokensRotate();
    void oauthErrors();
    void apiAuthentication_data() { addFormats(); }
    void apiAuthentication();
    void missingScope_data();
    void missingScope();
    void rateLimit();
    void faults_data() { addFormats(); }
    void faults();
    void noSuchRoute();
    void programPrintsUrlFirst();

private:
    QUrl url(const QString& path, const QUrlQuery& query = {}) const;
    HttpReply send(const QByteArray& verb, const QUrl& url, const Headers& headers, const QByteArray& body = {});
    HttpReply api(const QByteArray& verb, const QUrl& url, Format format = Format::Json, const QByteArray& body = {},
                  const QString& token = {});
    HttpReply get(const QString& path, Format format = Format::Json, const QUrlQuery& query = {})
    {
        return api("GET", url(path, query), format);
    }
    HttpReply upload(const QString& tree, const QUrlQuery& query, const QByteArray& fileName, const QByteArray& data,
                     Format format = Format::Json);
    HttpReply connect(const QString& kind, const QJsonObject& fields, Format format);
    // The consent page's Allow, and the code it redirects with.
    QString authorizationCode(const QString& scope, const QString& state);
    HttpReply token(const QByteArray& form, const QByteArray& basic = {});

    QNetworkAccessManager m_network;
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<FortnoxEmulator> m_emulator;
    QDateTime m_now;
    qint64 m_monotonicMs = 0;
    QString m_token;
};

void TestFortnoxEmulator::initTestCase()
{
    prepareTestNetwork(m_network);
}

void TestFortnoxEmulator::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_emulator = std::make_unique<FortnoxEmulator>(m_root->filePath(QStringLiteral("data")));
    m_now = QDateTime(QDate(2024, 6, 1), QTime(9, 0), QTimeZone::utc());
    m_emulator->setClock([this] { return m_now; });
    m_monotonicMs = 1000000;
    m_emulator->setRateLimitClock([this] { return m_monotonicMs; });
    m_emulator->seedSampleData();
    QVERIFY(m_emulator->listen());
    m_token = m_emulator->issueAccessToken();
}

void TestFortnoxEmulator::cleanup()
{
    m_network.clearConnectionCache();
    m_emulator.reset();
    m_root.reset();
}

QUrl TestFortnoxEmulator::url(const QString& path, const QUrlQuery& query) const
{
    return emulatorUrl(m_emulator->baseUrl(), path, query);
}

HttpReply TestFortnoxEmulator::send(const QByteArray& verb, const QUrl& url, const Headers& headers,
                                    const QByteArray& body)
{
    return EmulatorTestReply::send<HttpReply>(m_network, verb, url, headers, body);
}

HttpReply TestFortnoxEmulator::api(const QByteArray& verb, const QUrl& url, Format format, const QByteArray& body,
                                   const QString& token)
{
    Headers headers { { QByteArrayLiteral("Accept"), acceptOf(format) },
                      { QByteArrayLiteral("Authorization"),
                        "Bearer " + (token.isEmpty() ? m_token : token).toLatin1() } };
    if (!body.isEmpty())
        headers.append({ QByteArrayLiteral("Content-Type"), acceptOf(format) });
    return send(verb, url, headers, body);
}

HttpReply TestFortnoxEmulator::upload(const QString& tree, const QUrlQuery& query, const QByteArray& fileName,
                                      const QByteArray& data, Format format)
{
    return send(QByteArrayLiteral("POST"), url(QStringLiteral("/3/") + tree, query),
                { { QByteArrayLiteral("Accept"), acceptOf(format) },
                  { QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1() },
                  { QByteArrayLiteral("Content-Type"), "multipart/form-data; boundary=" + Boundary } },
                multipartFile("file", fileName, data));
}

HttpReply TestFortnoxEmulator::connect(const QString& kind, const QJsonObject& fields, Format format)
{
    const QString root = kind == QLatin1String("voucher") ? QStringLiteral("VoucherFileConnection")
                                                          : QStringLiteral("SupplierInvoiceFileConnection");
    QByteArray body;
    if (format == Format::Json) {
        body = QJsonDocument(QJsonObject { { root, fields } }).toJson(QJsonDocument::Compact);
    } else {
        body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root.toUtf8() + '>';
        for (auto it = fields.begin(); it != fields.end(); ++it)
            body += '<' + it.key().toUtf8() + '>' + textOf(it.value()).toHtmlEscaped().toUtf8() + "</"
                + it.key().toUtf8() + '>';
        body += "</" + root.toUtf8() + '>';
    }
    return api("POST", url(QStringLiteral("/3/%1fileconnections").arg(kind)), format, body);
}

QString TestFortnoxEmulator::authorizationCode(const QString& scope, const QString& state)
{
    const HttpReply page = send("GET",
                                url(QStringLiteral("/oauth-v1/auth"),
                                    QUrlQuery { { QStringLiteral("client_id"), m_emulator->clientId() },
                                                { QStringLiteral("redirect_uri"), RedirectUri },
                                                { QStringLiteral("scope"), scope },
                                                { QStringLiteral("state"), state },
                                                { QStringLiteral("access_type"), QStringLiteral("offline") },
                                                { QStringLiteral("response_type"), QStringLiteral("code") } }),
                                {});
    if (page.status != 200 || !page.body.contains("id=\"allow\""))
        return {};
    const QString requestId = QRegularExpression(QStringLiteral("name=\"request\" value=\"([^\"]+)\""))
                                  .match(QString::fromUtf8(page.body))
                                  .captured(1);
    const HttpReply decision
        = send("POST", url(QStringLiteral("/oauth-v1/auth/decision")),
               { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded") } },
               "request=" + QUrl::toPercentEncoding(requestId) + "&decision=allow");
    if (decision.status != 302 || decision.locationQuery().queryItemValue(QStringLiteral("state")) != state)
        return {};
    return decision.locationQuery().queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

HttpReply TestFortnoxEmulator::token(const QByteArray& form, const QByteArray& basic)
{
    const QByteArray credentials = basic.isEmpty()
        ? (m_emulator->clientId() + QLatin1Char(':') + m_emulator->clientSecret()).toUtf8().toBase64()
        : basic;
    return send("POST", url(QStringLiteral("/oauth-v1/token")),
                { { QByteArrayLiteral("Authorization"), "Basic " + credentials },
                  { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded") } },
                form);
}

void TestFortnoxEmulator::rootFolder()
{
    QFETCH(Format, format);
    const HttpReply reply = get(QStringLiteral("/3/inbox"), format);
    QCOMPARE(reply.status, 200);
    const QString folder = QStringLiteral("Folder");
    const Fields fields = reply.record(format, folder);
    QCOMPARE(fields.value(QStringLiteral("Id")), Root);
    QCOMPARE(fields.value(QStringLiteral("Name")), QStringLiteral("Inbox"));
    QCOMPARE(fields.value(QStringLiteral("Email")), QStringLiteral("inbox.501558@alfa.arkivplats.se"));
    QCOMPARE(fields.value(QStringLiteral("@url")), url(QStringLiteral("/3/inbox/root")).toString());

    const QList<Fields> folders = reply.nested(format, folder, QStringLiteral("Folders"));
    const QList<QPair<QString, QString>> expected {
        { QStringLiteral("inbox_a"), QStringLiteral("Anläggningsregister") },
        { QStringLiteral("inbox_d"), QStringLiteral("Dagskassor") },
        { QStringLiteral("inbox_s"), QStringLiteral("Leverantörsfakturor") },
        { QStringLiteral("inbox_v"), QStringLiteral("Verifikationer") },
        { QStringLiteral("inbox_b"), QStringLiteral("Bankfiler") },
        { QStringLiteral("inbox_l"), QStringLiteral("Lön") },
        { QStringLiteral("inbox_kf"), QStringLiteral("Kundfakturor") },
        { QStringLiteral("inbox_o"), QStringLiteral("Order") },
        { QStringLiteral("inbox_of"), QStringLiteral("Offerter") },
    };
    QCOMPARE(folders.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(folders.at(i).value(QStringLiteral("Id")), expected.at(i).first);
        QCOMPARE(folders.at(i).value(QStringLiteral("Name")), expected.at(i).second);
        QCOMPARE(folders.at(i).value(QStringLiteral("@url")),
                 url(QStringLiteral("/3/inbox/") + expected.at(i).first).toString());
    }

    const QList<Fields> files = reply.nested(format, folder, QStringLiteral("Files"));
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0).value(QStringLiteral("Name")), QStringLiteral("kvitto-lunch-2024-03-14.jpg"));
    for (const Fields& file : files) {
        QCOMPARE(file.keys(),
                 QStringList({ QStringLiteral("@url"), QStringLiteral("ArchiveFileId"), QStringLiteral("Comments"),
                               QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("Path"),
                               QStringLiteral("Size") }));
        QCOMPARE(file.value(QStringLiteral("Path")), QStringLiteral("inbox"));
        QVERIFY(file.value(QStringLiteral("Comments")).isEmpty());
        QVERIFY(file.value(QStringLiteral("Id")) != file.value(QStringLiteral("ArchiveFileId")));
        QCOMPARE(file.value(QStringLiteral("Size")).toLongLong(),
                 m_emulator->fileContent(file.value(QStringLiteral("Id"))).size());
    }
    if (format == Format::Json) {
        // As the spec prints them: Size a number, Comments null, ArchiveFileId after Id.
        const QJsonObject first
            = reply.json().value(folder).toObject().value(QStringLiteral("Files")).toArray().first().toObject();
        QVERIFY(first.value(QStringLiteral("Size")).isDouble());
        QVERIFY(first.value(QStringLiteral("Comments")).isNull());
        QVERIFY(reply.body.indexOf("\"Id\"") < reply.body.indexOf("\"ArchiveFileId\""));
        QVERIFY(reply.body.indexOf("\"ArchiveFileId\"") < reply.body.indexOf("\"Name\""));
    }
}

void TestFortnoxEmulator::folderEmails_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("email");
    const QList<QPair<const char*, const char*>> folders {
        { "root", "inbox" },          { "inbox_a", "inbox.anl" },
        { "inbox_d", "inbox.dag" },   { "inbox_s", "inbox.lev" },
        { "inbox_v", "inbox.ver" },   { "inbox_b", "inbox.bank" },
        { "inbox_l", "inbox.lon" },   { "inbox_kf", "inbox.kf" },
        { "inbox_o", "inbox.order" }, { "inbox_of", "inbox.offert" },
    };
    for (const auto& [folder, local] : folders)
        QTest::newRow(folder) << QString::fromLatin1(folder)
                              << QString::fromLatin1(local) + QStringLiteral(".501558@alfa.arkivplats.se");
}

void TestFortnoxEmulator::folderEmails()
{
    QFETCH(QString, folder);
    QFETCH(QString, email);
    const HttpReply reply = get(QStringLiteral("/3/inbox/") + folder);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.record(Format::Json, QStringLiteral("Folder")).value(QStringLiteral("Email")), email);
    QCOMPARE(m_emulator->inboxFolderEmail(folder), email);
}

void TestFortnoxEmulator::folderByPathAndId()
{
    QFETCH(Format, format);
    const HttpReply byPath
        = get(QStringLiteral("/3/inbox"), format, QUrlQuery { { QStringLiteral("path"), QStringLiteral("inbox_s") } });
    const HttpReply byId = get(QStringLiteral("/3/inbox/inbox_s"), format);
    QCOMPARE(byPath.status, 200);
    QCOMPARE(byPath.body, byId.body);
    const Fields folder = byPath.record(format, QStringLiteral("Folder"));
    QCOMPARE(folder.value(QStringLiteral("Name")), QStringLiteral("Leverantörsfakturor"));
    const QList<Fields> files = byPath.nested(format, QStringLiteral("Folder"), QStringLiteral("Files"));
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0).value(QStringLiteral("Path")), QStringLiteral("inbox_s"));
    QVERIFY(byPath.nested(format, QStringLiteral("Folder"), QStringLiteral("Folders")).isEmpty());

    // A user's folder by its path below a default one.
    const QString receipts = m_emulator->addInboxFolder(QStringLiteral("inbox_v"), QStringLiteral("Kvitton juni"));
    QVERIFY(m_emulator->putInboxFile(receipts, QStringLiteral("taxi.pdf"), "%PDF-1.4 taxi"));
    const HttpReply nested = get(QStringLiteral("/3/inbox"), format,
                                 QUrlQuery { { QStringLiteral("path"), QStringLiteral("inbox_v/Kvitton juni") } });
    QCOMPARE(nested.status, 200);
    QCOMPARE(nested.record(format, QStringLiteral("Folder")).value(QStringLiteral("Id")), receipts);
    QCOMPARE(
        nested.nested(format, QStringLiteral("Folder"), QStringLiteral("Files")).first().value(QStringLiteral("Path")),
        QStringLiteral("inbox_v/Kvitton juni"));
    // A path that names a file answers with its content, as a file's Id does.
    const HttpReply file
        = get(QStringLiteral("/3/inbox"), format,
              QUrlQuery { { QStringLiteral("path"), QStringLiteral("inbox_v/Kvitton juni/taxi.pdf") } });
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, QByteArray("%PDF-1.4 taxi"));

    for (const HttpReply& missing : { get(QStringLiteral("/3/inbox/inbox_zz"), format),
                                      get(QStringLiteral("/3/inbox"), format,
                                          QUrlQuery { { QStringLiteral("path"), QStringLiteral("nowhere") } }) }) {
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.error(format).first, 2000423);
    }
}

void TestFortnoxEmulator::xmlMatchesSpec()
{
    // The spec's XML for inbox_s, with the emulator's ids, URLs and files in place of the example's.
    FortnoxEmulator emulator;
    QVERIFY(emulator.listen());
    const std::optional<FortnoxEmulator::StoredFile> file
        = emulator.putInboxFile(QStringLiteral("inbox_s"), QStringLiteral("fakt1.jpg"), QByteArray(157, 'x'));
    QVERIFY(file);
    const QString base = emulator.baseUrl().toString();
    const HttpReply reply = EmulatorTestReply::send<HttpReply>(
        m_network, "GET", QUrl(base + QStringLiteral("/3/inbox/inbox_s")),
        { { QByteArrayLiteral("Accept"), QByteArrayLiteral("application/xml") },
          { QByteArrayLiteral("Authorization"), "Bearer " + emulator.issueAccessToken().toLatin1() } },
        {});
    const QString expected
        = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Folder url=\"%1/3/inbox/inbox_s\">"
                         "<Email>inbox.lev.501558@alfa.arkivplats.se</Email><Files><File url=\"%1/3/inbox/%2\">"
                         "<Comments></Comments><Id>%2</Id><ArchiveFileId>%3</ArchiveFileId><Name>fakt1.jpg</Name>"
                         "<Path>inbox_s</Path><Size>157</Size></File></Files><Folders/><Id>inbox_s</Id>"
                         "<Name>Leverantörsfakturor</Name></Folder>")
              .arg(base, file->id, file->archiveFileId);
    QCOMPARE(QString::fromUtf8(reply.body).trimmed(), expected);
    QCOMPARE(reply.header(QByteArrayLiteral("Content-Type")), QByteArrayLiteral("application/xml"));
}

void TestFortnoxEmulator::uploadAndDownload()
{
    QFETCH(Format, format);
    const QByteArray content = binaryContent(300 * 1024);
    const HttpReply uploaded
        = upload(QStringLiteral("inbox"), QUrlQuery { { QStringLiteral("folderid"), QStringLiteral("inbox_s") } },
                 "Faktura Ölgrossisten.pdf", content, format);
    QCOMPARE(uploaded.status, 201);
    const Fields file = uploaded.record(format, QStringLiteral("File"));
    const QString id = file.value(QStringLiteral("Id"));
    QVERIFY(QUuid::fromString(id).isNull() == false);
    QVERIFY(!QUuid::fromString(file.value(QStringLiteral("ArchiveFileId"))).isNull());
    QVERIFY(id != file.value(QStringLiteral("ArchiveFileId")));
    QCOMPARE(file.value(QStringLiteral("Name")), QStringLiteral("Faktura Ölgrossisten.pdf"));
    QCOMPARE(file.value(QStringLiteral("Path")), QStringLiteral("inbox_s"));
    QCOMPARE(file.value(QStringLiteral("Size")), QString::number(content.size()));
    QCOMPARE(file.value(QStringLiteral("@url")), url(QStringLiteral("/3/inbox/") + id).toString());
    QCOMPARE(m_emulator->fileContent(id), content);
    QVERIFY(m_emulator->inboxFileNames(QStringLiteral("inbox_s")).contains(QStringLiteral("Faktura Ölgrossisten.pdf")));

    // The content comes back as a stream, byte for byte, typed by its name.
    const HttpReply downloaded = get(QStringLiteral("/3/inbox/") + id, format);
    QCOMPARE(downloaded.status, 200);
    QCOMPARE(downloaded.body, content);
    QCOMPARE(downloaded.header(QByteArrayLiteral("Content-Type")), QByteArrayLiteral("application/pdf"));

    // By path too, as the spec's curl example does.
    const HttpReply byPath
        = upload(QStringLiteral("inbox"), QUrlQuery { { QStringLiteral("path"), QStringLiteral("inbox_kf") } },
                 "kund.png", "png bytes", format);
    QCOMPARE(byPath.status, 201);
    QCOMPARE(byPath.record(format, QStringLiteral("File")).value(QStringLiteral("Path")), QStringLiteral("inbox_kf"));
    QCOMPARE(m_emulator->inboxFileNames(QStringLiteral("inbox_kf")), QStringList { QStringLiteral("kund.png") });
    // Nothing of it is kept outside the data directory's blobs.
    QCOMPARE(QDir(m_root->filePath(QStringLiteral("data/blobs"))).entryList(QDir::Files).size(), 7);
}

void TestFortnoxEmulator::uploadErrors()
{
    QFETCH(Format, format);
    const HttpReply notMultipart = api("POST", url(QStringLiteral("/3/inbox")), format, "{}");
    QCOMPARE(notMultipart.status, 400);
    QCOMPARE(notMultipart.error(format).first, 1000031);

    const HttpReply wrongField
        = send("POST", url(QStringLiteral("/3/inbox")),
               { { QByteArrayLiteral("Accept"), acceptOf(format) },
                 { QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1() },
                 { QByteArrayLiteral("Content-Type"), "multipart/form-data; boundary=" + Boundary } },
               multipartFile("document", "a.pdf", "x"));
    QCOMPARE(wrongField.status, 400);
    QCOMPARE(wrongField.error(format), qMakePair(2001392, QStringLiteral("Ingen eller felaktig typ av data.")));

    m_emulator->setMaxUploadBytes(1000);
    const HttpReply tooLarge = upload(QStringLiteral("inbox"), {}, "big.pdf", QByteArray(2000, 'b'), format);
    QCOMPARE(tooLarge.status, 400);
    QCOMPARE(tooLarge.error(format).first, 2001392);

    const HttpReply noFolder
        = upload(QStringLiteral("inbox"), QUrlQuery { { QStringLiteral("folderid"), QStringLiteral("inbox_x") } },
                 "a.pdf", "x", format);
    QCOMPARE(noFolder.status, 404);
    QCOMPARE(noFolder.error(format).first, 2000423);
    const HttpReply badName = upload(QStringLiteral("inbox"), {}, "../a.pdf", "x", format);
    QCOMPARE(badName.status, 400);
    QCOMPARE(m_emulator->inboxFileNames(Root).size(), 2);
}

void TestFortnoxEmulator::deleteByIdAndPath()
{
    QFETCH(Format, format);
    const std::optional<FortnoxEmulator::StoredFile> file
        = m_emulator->putInboxFile(QStringLiteral("inbox_d"), QStringLiteral("kassa.pdf"), "z");
    QVERIFY(file);
    const HttpReply deleted = api("DELETE", url(QStringLiteral("/3/inbox/") + file->id), format);
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QVERIFY(m_emulator->inboxFileNames(QStringLiteral("inbox_d")).isEmpty());
    QVERIFY(m_emulator->fileContent(file->id).isEmpty());
    QCOMPARE(api("DELETE", url(QStringLiteral("/3/inbox/") + file->id), format).status, 404);

    // A user's folder goes by path, with what is in it.
    const QString folder = m_emulator->addInboxFolder(QStringLiteral("inbox_v"), QStringLiteral("Gamla"));
    const std::optional<FortnoxEmulator::StoredFile> inside
        = m_emulator->putInboxFile(folder, QStringLiteral("old.pdf"), "old");
    const HttpReply byPath = api(
        "DELETE",
        url(QStringLiteral("/3/inbox"), QUrlQuery { { QStringLiteral("path"), QStringLiteral("inbox_v/Gamla") } }),
        format);
    QCOMPARE(byPath.status, 204);
    QCOMPARE(get(QStringLiteral("/3/inbox/") + folder, format).status, 404);
    QVERIFY(m_emulator->fileContent(inside->id).isEmpty());

    // A file by its path.
    const HttpReply filePath
        = api("DELETE",
              url(QStringLiteral("/3/inbox"),
                  QUrlQuery { { QStringLiteral("path"), QStringLiteral("inbox_s/vattenfall-2024-03.pdf") } }),
              format);
    QCOMPARE(filePath.status, 204);
    QCOMPARE(m_emulator->inboxFileNames(QStringLiteral("inbox_s")),
             QStringList { QStringLiteral("faktura-telia-mars.pdf") });

    // Fortnox's own folders stay.
    for (const QUrl& target :
         { url(QStringLiteral("/3/inbox/inbox_s")), url(QStringLiteral("/3/inbox/root")),
           url(QStringLiteral("/3/inbox"), QUrlQuery { { QStringLiteral("path"), QStringLiteral("inbox_v") } }) }) {
        const HttpReply refused = api("DELETE", target, format);
        QCOMPARE(refused.status, 400);
        QVERIFY(!refused.error(format).second.isEmpty());
    }
    QCOMPARE(get(QStringLiteral("/3/inbox/inbox_s"), format).status, 200);
}

void TestFortnoxEmulator::archive()
{
    QFETCH(Format, format);
    const HttpReply root = get(QStringLiteral("/3/archive"), format);
    QCOMPARE(root.status, 200);
    QCOMPARE(root.record(format, QStringLiteral("Folder")).value(QStringLiteral("Id")), Root);
    QCOMPARE(root.record(format, QStringLiteral("Folder")).value(QStringLiteral("Name")), QStringLiteral("root"));

    const QByteArray content = binaryContent(4096);
    const HttpReply uploaded = upload(QStringLiteral("archive"), {}, "avtal.png", content, format);
    QCOMPARE(uploaded.status, 201);
    const Fields file = uploaded.record(format, QStringLiteral("File"));
    QCOMPARE(file.value(QStringLiteral("Id")), file.value(QStringLiteral("ArchiveFileId")));
    QCOMPARE(file.value(QStringLiteral("Path")), QStringLiteral("root"));
    const QString id = file.value(QStringLiteral("Id"));
    QCOMPARE(get(QStringLiteral("/3/archive/") + id, format).body, content);
    const HttpReply byFileId
        = get(QStringLiteral("/3/archive"), format, QUrlQuery { { QStringLiteral("fileid"), id } });
    QCOMPARE(byFileId.status, 200);
    QCOMPARE(byFileId.body, content);
    QCOMPARE(byFileId.header(QByteArrayLiteral("Content-Type")), QByteArrayLiteral("image/png"));
    QCOMPARE(
        get(QStringLiteral("/3/archive"), format, QUrlQuery { { QStringLiteral("fileid"), QStringLiteral("nope") } })
            .status,
        404);

    const QString folder = m_emulator->addArchiveFolder(Root, QStringLiteral("testmapp"));
    QCOMPARE(get(QStringLiteral("/3/archive/") + folder, format)
                 .record(format, QStringLiteral("Folder"))
                 .value(QStringLiteral("Email")),
             folder + QStringLiteral(".501558@alfa.arkivplats.se"));
    QCOMPARE(api("DELETE", url(QStringLiteral("/3/archive/") + id), format).status, 204);
    QCOMPARE(api("DELETE", url(QStringLiteral("/3/archive/") + folder), format).status, 204);
    QVERIFY(m_emulator->archiveFileNames(Root).isEmpty());
}

void TestFortnoxEmulator::lists()
{
    QFETCH(Format, format);
    const HttpReply first = get(QStringLiteral("/3/supplierinvoices"), format,
                                QUrlQuery { { QStringLiteral("limit"), QStringLiteral("3") } });
    QCOMPARE(first.status, 200);
    QCOMPARE(first.meta(format),
             Fields({ { QStringLiteral("TotalResources"), QStringLiteral("4") },
                      { QStringLiteral("TotalPages"), QStringLiteral("2") },
                      { QStringLiteral("CurrentPage"), QStringLiteral("1") } }));
    const QList<Fields> invoices = first.list(format, QStringLiteral("SupplierInvoices"));
    QCOMPARE(invoices.size(), 3);
    QCOMPARE(invoices.first().value(QStringLiteral("GivenNumber")), QStringLiteral("1"));
    QCOMPARE(invoices.first().value(QStringLiteral("SupplierName")), QStringLiteral("Telia Sverige AB"));
    QCOMPARE(invoices.first().value(QStringLiteral("InvoiceDate")), QStringLiteral("2024-03-05"));
    QCOMPARE(invoices.first().value(QStringLiteral("DueDate")), QStringLiteral("2024-04-04"));
    QCOMPARE(invoices.at(1).value(QStringLiteral("Total")), QStringLiteral("3412.5"));
    QCOMPARE(invoices.first().value(QStringLiteral("@url")), url(QStringLiteral("/3/supplierinvoices/1")).toString());
    if (format == Format::Xml)
        QCOMPARE(first.xml().children.first().name, QStringLiteral("SupplierInvoiceSubset"));
    const HttpReply second = get(QStringLiteral("/3/supplierinvoices"), format,
                                 QUrlQuery { { QStringLiteral("limit"), QStringLiteral("3") },
                                             { QStringLiteral("page"), QStringLiteral("2") } });
    QCOMPARE(second.list(format, QStringLiteral("SupplierInvoices")).size(), 1);
    QCOMPARE(second.meta(format).value(QStringLiteral("CurrentPage")), QStringLiteral("2"));

    // The page size when no limit is given, and the limit's bounds.
    m_emulator->setPageSize(2);
    QCOMPARE(get(QStringLiteral("/3/supplierinvoices"), format).list(format, QStringLiteral("SupplierInvoices")).size(),
             2);
    const HttpReply tooMany = get(QStringLiteral("/3/supplierinvoices"), format,
                                  QUrlQuery { { QStringLiteral("limit"), QStringLiteral("501") } });
    QCOMPARE(tooMany.status, 400);
    QCOMPARE(tooMany.error(format), qMakePair(2000588, QStringLiteral("Ogiltig parameter i anropet.")));
    QCOMPARE(get(QStringLiteral("/3/supplierinvoices"), format,
                 QUrlQuery { { QStringLiteral("limit"), QStringLiteral("500") } })
                 .status,
             200);

    // Vouchers of today's financial year unless one is asked for.
    const HttpReply vouchers
        = get(QStringLiteral("/3/vouchers"), format, QUrlQuery { { QStringLiteral("limit"), QStringLiteral("10") } });
    QCOMPARE(vouchers.status, 200);
    const QList<Fields> list = vouchers.list(format, QStringLiteral("Vouchers"));
    QCOMPARE(list.size(), 4);
    QCOMPARE(list.first().value(QStringLiteral("VoucherSeries")), QStringLiteral("A"));
    QCOMPARE(list.first().value(QStringLiteral("VoucherNumber")), QStringLiteral("1"));
    QCOMPARE(list.first().value(QStringLiteral("Year")), QStringLiteral("2"));
    QCOMPARE(list.first().value(QStringLiteral("TransactionDate")), QStringLiteral("2024-03-08"));
    QCOMPARE(list.first().value(QStringLiteral("Description")), QStringLiteral("Kontorsmaterial, kontantköp"));
    QCOMPARE(get(QStringLiteral("/3/vouchers"), format,
                 QUrlQuery { { QStringLiteral("financialyear"), QStringLiteral("1") } })
                 .meta(format)
                 .value(QStringLiteral("TotalResources")),
             QStringLiteral("0"));
    QCOMPARE(get(QStringLiteral("/3/vouchers"), format,
                 QUrlQuery { { QStringLiteral("financialyear"), QStringLiteral("9") } })
                 .status,
             400);

    const HttpReply years = get(QStringLiteral("/3/financialyears"), format,
                                QUrlQuery { { QStringLiteral("date"), QStringLiteral("2024-03-08") } });
    const QList<Fields> yearList = years.list(format, QStringLiteral("FinancialYears"));
    QCOMPARE(yearList.size(), 1);
    QCOMPARE(yearList.first().value(QStringLiteral("Id")), QStringLiteral("2"));
    QCOMPARE(yearList.first().value(QStringLiteral("FromDate")), QStringLiteral("2024-01-01"));
}

void TestFortnoxEmulator::supplierInvoiceConnection()
{
    QFETCH(Format, format);
    const QList<Fields> files = get(QStringLiteral("/3/inbox/inbox_s"))
                                    .nested(Format::Json, QStringLiteral("Folder"), QStringLiteral("Files"));
    const QString fileId = files.first().value(QStringLiteral("Id"));
    const QString archiveFileId = files.first().value(QStringLiteral("ArchiveFileId"));
    const QByteArray content = m_emulator->fileContent(fileId);

    const HttpReply created = connect(
        QStringLiteral("supplierinvoice"),
        { { QStringLiteral("FileId"), fileId }, { QStringLiteral("SupplierInvoiceNumber"), QStringLiteral("1") } },
        format);
    QCOMPARE(created.status, 201);
    const Fields connection = created.record(format, QStringLiteral("SupplierInvoiceFileConnection"));
    QCOMPARE(connection,
             Fields({ { QStringLiteral("@url"),
                        url(QStringLiteral("/3/supplierinvoicefileconnections/") + fileId).toString() },
                      { QStringLiteral("FileId"), fileId },
                      { QStringLiteral("Name"), QStringLiteral("faktura-telia-mars.pdf") },
                      { QStringLiteral("SupplierInvoiceNumber"), QStringLiteral("1") },
                      { QStringLiteral("SupplierName"), QStringLiteral("Telia Sverige AB") } }));

    // The file has left the inbox for the archive's connected files of March 2024, readable there by the connection's
    // FileId and by its ArchiveFileId.
    QCOMPARE(m_emulator->inboxFileNames(QStringLiteral("inbox_s")),
             QStringList { QStringLiteral("vattenfall-2024-03.pdf") });
    QCOMPARE(get(QStringLiteral("/3/inbox/") + fileId, format).status, 404);
    const HttpReply year = get(QStringLiteral("/3/archive/fndoc2024"), format);
    QCOMPARE(
        year.nested(format, QStringLiteral("Folder"), QStringLiteral("Folders")).first().value(QStringLiteral("Id")),
        QStringLiteral("fndoc202403l"));
    const HttpReply month = get(QStringLiteral("/3/archive/fndoc202403l"), format);
    const QList<Fields> archived = month.nested(format, QStringLiteral("Folder"), QStringLiteral("Files"));
    QCOMPARE(archived.size(), 1);
    QCOMPARE(archived.first().value(QStringLiteral("Id")), fileId);
    QCOMPARE(get(QStringLiteral("/3/archive/") + fileId, format).body, content);
    QCOMPARE(archived.first().value(QStringLiteral("Path")), QStringLiteral("fndoc2024/fndoc202403l"));
    QCOMPARE(get(QStringLiteral("/3/archive"), format, QUrlQuery { { QStringLiteral("fileid"), archiveFileId } }).body,
             content);
    // A connected file cannot be deleted.
    QCOMPARE(api("DELETE", url(QStringLiteral("/3/archive/") + fileId), format).status, 400);

    const HttpReply one = get(QStringLiteral("/3/supplierinvoicefileconnections/") + fileId, format);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.record(format, QStringLiteral("SupplierInvoiceFileConnection")), connection);
    const HttpReply list = get(QStringLiteral("/3/supplierinvoicefileconnections"), format,
                               QUrlQuery { { QStringLiteral("supplierinvoicenumber"), QStringLiteral("1") } });
    QCOMPARE(list.list(format, QStringLiteral("SupplierInvoiceFileConnections")).size(), 1);
    QCOMPARE(list.meta(format).value(QStringLiteral("TotalResources")), QStringLiteral("1"));
    QCOMPARE(get(QStringLiteral("/3/supplierinvoicefileconnections"), format,
                 QUrlQuery { { QStringLiteral("supplierinvoicenumber"), QStringLiteral("2") } })
                 .list(format, QStringLiteral("SupplierInvoiceFileConnections"))
                 .size(),
             0);
    QCOMPARE(m_emulator->connections().size(), 1);

    const HttpReply deleted = api("DELETE", url(QStringLiteral("/3/supplierinvoicefileconnections/") + fileId), format);
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(get(QStringLiteral("/3/supplierinvoicefileconnections/") + fileId, format).status, 404);
    QVERIFY(m_emulator->connections().isEmpty());
    QCOMPARE(m_emulator->fileContent(archiveFileId), content);
}

void TestFortnoxEmulator::voucherConnection()
{
    QFETCH(Format, format);
    const QList<Fields> files = get(QStringLiteral("/3/inbox/inbox_v"))
                                    .nested(Format::Json, QStringLiteral("Folder"), QStringLiteral("Files"));
    const QString fileId = files.first().value(QStringLiteral("Id"));
    const HttpReply created = connect(QStringLiteral("voucher"),
                                      { { QStringLiteral("FileId"), fileId },
                                        { QStringLiteral("VoucherNumber"), 3 },
                                        { QStringLiteral("VoucherSeries"), QStringLiteral("A") },
                                        { QStringLiteral("VoucherYear"), 2 } },
                                      format);
    QCOMPARE(created.status, 201);
    const Fields connection = created.record(format, QStringLiteral("VoucherFileConnection"));
    QCOMPARE(connection,
             Fields({ { QStringLiteral("@url"), url(QStringLiteral("/3/voucherfileconnections/") + fileId).toString() },
                      { QStringLiteral("FileId"), fileId },
                      { QStringLiteral("VoucherDescription"), QStringLiteral("Tågresa Stockholm–Göteborg") },
                      { QStringLiteral("VoucherNumber"), QStringLiteral("3") },
                      { QStringLiteral("VoucherSeries"), QStringLiteral("A") },
                      { QStringLiteral("VoucherYear"), QStringLiteral("2") } }));
    QVERIFY(m_emulator->inboxFileNames(QStringLiteral("inbox_v")).isEmpty());
    QCOMPARE(m_emulator->archiveFileNames(QStringLiteral("fndoc202404v")),
             QStringList { QStringLiteral("kvitto-sj-2024-04-03.png") });
    QCOMPARE(get(QStringLiteral("/3/voucherfileconnections/") + fileId, format)
                 .record(format, QStringLiteral("VoucherFileConnection")),
             connection);
    const HttpReply list = get(QStringLiteral("/3/voucherfileconnections"), format);
    QCOMPARE(list.list(format, QStringLiteral("VoucherFileConnections")).size(), 1);
    if (format == Format::Xml)
        QCOMPARE(list.xml().children.first().name, QStringLiteral("VoucherFileConnectionSubset"));

    // Without VoucherYear, the financial year of today.
    const QString rootFile = get(QStringLiteral("/3/inbox"))
                                 .nested(Format::Json, QStringLiteral("Folder"), QStringLiteral("Files"))
                                 .first()
                                 .value(QStringLiteral("Id"));
    const HttpReply noYear = connect(QStringLiteral("voucher"),
                                     { { QStringLiteral("FileId"), rootFile },
                                       { QStringLiteral("VoucherNumber"), 2 },
                                       { QStringLiteral("VoucherSeries"), QStringLiteral("A") } },
                                     format);
    QCOMPARE(noYear.status, 201);
    QCOMPARE(api("DELETE", url(QStringLiteral("/3/voucherfileconnections/") + fileId), format).status, 204);
    QCOMPARE(m_emulator->connections().size(), 1);
}

void TestFortnoxEmulator::connectionRefusals()
{
    QFETCH(Format, format);
    const QList<Fields> files = get(QStringLiteral("/3/inbox/inbox_s"))
                                    .nested(Format::Json, QStringLiteral("Folder"), QStringLiteral("Files"));
    const QString fileId = files.first().value(QStringLiteral("Id"));
    const QString archiveFileId = files.first().value(QStringLiteral("ArchiveFileId"));
    const auto supplier = [&](const QString& id, const QString& number) {
        return connect(QStringLiteral("supplierinvoice"),
                       { { QStringLiteral("FileId"), id }, { QStringLiteral("SupplierInvoiceNumber"), number } },
                       format);
    };

    // The ArchiveFileId is not what FileId takes.
    const HttpReply byArchiveId = supplier(archiveFileId, QStringLiteral("1"));
    QCOMPARE(byArchiveId.status, 400);
    QCOMPARE(byArchiveId.error(format), qMakePair(2000423, QStringLiteral("Kan inte hitta filen.")));
    QCOMPARE(m_emulator->inboxFileNames(QStringLiteral("inbox_s")).size(), 2);

    const HttpReply noInvoice = supplier(fileId, QStringLiteral("99"));
    QCOMPARE(noInvoice.status, 400);
    QCOMPARE(noInvoice.error(format).second, QStringLiteral("Kan inte hitta leverantörsfakturan."));
    QCOMPARE(supplier(fileId, QStringLiteral("2")).status, 201);
    const HttpReply again = supplier(fileId, QStringLiteral("3"));
    QCOMPARE(again.status, 400);
    QCOMPARE(again.error(format).second, QStringLiteral("Filen är redan kopplad."));

    // Files for customer invoices are attached another way.
    const std::optional<FortnoxEmulator::StoredFile> customer
        = m_emulator->putInboxFile(QStringLiteral("inbox_kf"), QStringLiteral("kund.pdf"), "k");
    QCOMPARE(supplier(customer->id, QStringLiteral("3")).status, 400);

    const HttpReply broken = api("POST", url(QStringLiteral("/3/supplierinvoicefileconnections")), format, "<<<{");
    QCOMPARE(broken.status, 400);
    QCOMPARE(broken.error(format).first, 2001392);
    const HttpReply noVoucher = connect(QStringLiteral("voucher"),
                                        { { QStringLiteral("FileId"), customer->id },
                                          { QStringLiteral("VoucherNumber"), 77 },
                                          { QStringLiteral("VoucherSeries"), QStringLiteral("A") } },
                                        format);
    QCOMPARE(noVoucher.status, 400);
    QCOMPARE(get(QStringLiteral("/3/voucherfileconnections/unknown"), format).status, 404);
    QCOMPARE(api("DELETE", url(QStringLiteral("/3/voucherfileconnections/unknown")), format).status, 404);
}

void TestFortnoxEmulator::oauthFlow()
{
    const QString code = authorizationCode(QStringLiteral("inbox connectfile"), QStringLiteral("xyz 1&2"));
    QVERIFY(!code.isEmpty());
    const QByteArray form = "grant_type=authorization_code&code=" + QUrl::toPercentEncoding(code)
        + "&redirect_uri=" + QUrl::toPercentEncoding(RedirectUri);
    const HttpReply tokens = token(form);
    QCOMPARE(tokens.status, 200);
    const QJsonObject body = tokens.json();
    QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 3600);
    QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
    QCOMPARE(body.value(QStringLiteral("scope")).toString(), QStringLiteral("inbox connectfile"));
    const QString access = body.value(QStringLiteral("access_token")).toString();
    QVERIFY(!body.value(QStringLiteral("refresh_token")).toString().isEmpty());
    QCOMPARE(access.count(QLatin1Char('.')), 2);

    QCOMPARE(api("GET", url(QStringLiteral("/3/inbox")), Format::Json, {}, access).status, 200);
    // Only the scopes asked for.
    QCOMPARE(api("GET", url(QStringLiteral("/3/archive")), Format::Json, {}, access).status, 403);

    // A code is good once.
    const HttpReply reused = token(form);
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    // The access token lasts an hour.
    m_now = m_now.addSecs(3599);
    QCOMPARE(api("GET", url(QStringLiteral("/3/inbox")), Format::Json, {}, access).status, 200);
    m_now = m_now.addSecs(1);
    const HttpReply expired = api("GET", url(QStringLiteral("/3/inbox")), Format::Json, {}, access);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.error(Format::Json), qMakePair(2000310, QStringLiteral("Ogiltig inloggning")));
}

void TestFortnoxEmulator::authorizationCodeExpires()
{
    const QString fresh = authorizationCode(QStringLiteral("inbox"), QStringLiteral("s"));
    const QString stale = authorizationCode(QStringLiteral("inbox"), QStringLiteral("s"));
    const auto exchange = [this](const QString& code) {
        return token("grant_type=authorization_code&code=" + QUrl::toPercentEncoding(code)
                     + "&redirect_uri=" + QUrl::toPercentEncoding(RedirectUri));
    };
    m_now = m_now.addSecs(10 * 60 - 1);
    QCOMPARE(exchange(fresh).status, 200);
    m_now = m_now.addSecs(1);
    const HttpReply late = exchange(stale);
    QCOMPARE(late.status, 400);
    QCOMPARE(late.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    // The redirect URI must be the one the code was given for.
    const QString other = authorizationCode(QStringLiteral("inbox"), QStringLiteral("s"));
    const HttpReply mismatch = token("grant_type=authorization_code&code=" + QUrl::toPercentEncoding(other)
                                     + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fother");
    QCOMPARE(mismatch.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
}

void TestFortnoxEmulator::refreshTokensRotate()
{
    const QString first = m_emulator->issueRefreshToken({ QStringLiteral("inbox") });
    const HttpReply refreshed = token("grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(first));
    QCOMPARE(refreshed.status, 200);
    const QString second = refreshed.json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(refreshed.json().value(QStringLiteral("scope")).toString(), QStringLiteral("inbox"));
    const QString access = refreshed.json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(api("GET", url(QStringLiteral("/3/inbox")), Format::Json, {}, access).status, 200);

    // The old one was revoked by its use.
    const HttpReply reused = token("grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(first));
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    // 45 days.
    m_now = m_now.addDays(45);
    const HttpReply expired = token("grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(second));
    QCOMPARE(expired.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    const QString third = m_emulator->issueRefreshToken();
    m_now = m_now.addDays(45).addSecs(-1);
    QCOMPARE(token("grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(third)).status, 200);
}

void TestFortnoxEmulator::oauthErrors()
{
    const auto authorize
        = [this](const QString& clientId, const QString& redirect, const QString& scope, const QString& responseType) {
              return send("GET",
                          url(QStringLiteral("/oauth-v1/auth"),
                              QUrlQuery { { QStringLiteral("client_id"), clientId },
                                          { QStringLiteral("redirect_uri"), redirect },
                                          { QStringLiteral("scope"), scope },
                                          { QStringLiteral("state"), QStringLiteral("st") },
                                          { QStringLiteral("response_type"), responseType } }),
                          {});
          };
    const QString id = m_emulator->clientId();
    const QString code = QStringLiteral("code");
    const HttpReply badClient = authorize(QStringLiteral("nobody"), RedirectUri, QStringLiteral("inbox"), code);
    QCOMPARE(badClient.status, 400);
    QVERIFY(badClient.header(QByteArrayLiteral("Content-Type")).startsWith("text/html"));
    QCOMPARE(authorize(id, QStringLiteral("http://evil.example/cb"), QStringLiteral("inbox"), code).status, 400);
    m_emulator->setRedirectUri(QStringLiteral("https://app.example/cb"));
    QCOMPARE(authorize(id, RedirectUri, QStringLiteral("inbox"), code).status, 400);
    m_emulator->setRedirectUri({});

    const HttpReply badScope = authorize(id, RedirectUri, QStringLiteral("inbox payroll"), code);
    QCOMPARE(badScope.status, 302);
    QCOMPARE(badScope.locationQuery().queryItemValue(QStringLiteral("error")), QStringLiteral("invalid_scope"));
    QCOMPARE(badScope.locationQuery().queryItemValue(QStringLiteral("state")), QStringLiteral("st"));
    const HttpReply badType = authorize(id, RedirectUri, QStringLiteral("inbox"), QStringLiteral("token"));
    QCOMPARE(badType.locationQuery().queryItemValue(QStringLiteral("error")),
             QStringLiteral("unsupported_response_type"));

    // Denying.
    const HttpReply page = authorize(id, RedirectUri, QStringLiteral("inbox"), code);
    const QString requestId = QRegularExpression(QStringLiteral("name=\"request\" value=\"([^\"]+)\""))
                                  .match(QString::fromUtf8(page.body))
                                  .captured(1);
    const HttpReply denied
        = send("POST", url(QStringLiteral("/oauth-v1/auth/decision")),
               { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded") } },
               "request=" + requestId.toLatin1() + "&decision=deny");
    QCOMPARE(denied.status, 302);
    QCOMPARE(denied.locationQuery().queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));

    const HttpReply wrongSecret = token("grant_type=refresh_token&refresh_token=x", QByteArray("a:b").toBase64());
    QCOMPARE(wrongSecret.status, 401);
    QCOMPARE(wrongSecret.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));
    const HttpReply unsupported = token("grant_type=password&username=a");
    QCOMPARE(unsupported.status, 400);
    QCOMPARE(unsupported.json().value(QStringLiteral("error")).toString(), QStringLiteral("unsupported_grant_type"));
    QVERIFY(!unsupported.json().value(QStringLiteral("error_description")).toString().isEmpty());
}

void TestFortnoxEmulator::apiAuthentication()
{
    QFETCH(Format, format);
    const QUrl inbox = url(QStringLiteral("/3/inbox"));
    const HttpReply none = send("GET", inbox, { { QByteArrayLiteral("Accept"), acceptOf(format) } });
    QCOMPARE(none.status, 401);
    QCOMPARE(none.error(format),
             qMakePair(2000311, QStringLiteral("Kan inte logga in, access-token eller client-secret saknas(2).")));
    const HttpReply bad = api("GET", inbox, format, {}, QStringLiteral("not-a-token"));
    QCOMPARE(bad.status, 401);
    QCOMPARE(bad.error(format).first, 2000310);

    const auto legacy = [&](const QString& accessToken, const QString& secret) {
        return send("GET", inbox,
                    { { QByteArrayLiteral("Accept"), acceptOf(format) },
                      { QByteArrayLiteral("Access-Token"), accessToken.toLatin1() },
                      { QByteArrayLiteral("Client-Secret"), secret.toLatin1() } });
    };
    QCOMPARE(legacy(m_emulator->legacyAccessToken(), m_emulator->legacyClientSecret()).status, 200);
    QCOMPARE(legacy(m_emulator->legacyAccessToken(), QStringLiteral("wrong")).error(format).first, 2000310);
    QCOMPARE(legacy(m_emulator->legacyAccessToken(), {}).error(format).first, 2000311);
    m_emulator->setLegacyCredentials(QStringLiteral("t"), QStringLiteral("s"));
    QCOMPARE(legacy(QStringLiteral("t"), QStringLiteral("s")).status, 200);

    QCOMPARE(get(QStringLiteral("/3/inbox"), format).status, 200);
    m_emulator->expireAccessTokens();
    const HttpReply expired = get(QStringLiteral("/3/inbox"), format);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.error(format).first, 2000310);
}

void TestFortnoxEmulator::missingScope_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("scope");
    QTest::newRow("inbox") << QByteArray("GET") << QStringLiteral("/3/inbox") << QStringLiteral("inbox");
    QTest::newRow("inbox delete") << QByteArray("DELETE") << QStringLiteral("/3/inbox/x") << QStringLiteral("inbox");
    QTest::newRow("archive") << QByteArray("GET") << QStringLiteral("/3/archive") << QStringLiteral("archive");
    QTest::newRow("connections") << QByteArray("GET") << QStringLiteral("/3/supplierinvoicefileconnections")
                                 << QStringLiteral("connectfile");
    QTest::newRow("connect voucher") << QByteArray("POST") << QStringLiteral("/3/voucherfileconnections")
                                     << QStringLiteral("connectfile");
    QTest::newRow("supplier invoices") << QByteArray("GET") << QStringLiteral("/3/supplierinvoices")
                                       << QStringLiteral("supplierinvoice");
    QTest::newRow("vouchers") << QByteArray("GET") << QStringLiteral("/3/vouchers") << QStringLiteral("bookkeeping");
    QTest::newRow("financial years") << QByteArray("GET") << QStringLiteral("/3/financialyears")
                                     << QStringLiteral("bookkeeping");
}

void TestFortnoxEmulator::missingScope()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QString, scope);
    QStringList others = FortnoxEmulator::allScopes();
    others.removeAll(scope);
    const HttpReply refused = api(verb, url(path), Format::Json, {}, m_emulator->issueAccessToken(others));
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.error(Format::Json), qMakePair(2000663, QStringLiteral("Har inte behörighet för scope.")));
    const HttpReply allowed = api(verb, url(path), Format::Json, {}, m_emulator->issueAccessToken({ scope }));
    QVERIFY(allowed.status != 403 && allowed.status != 401);
}

void TestFortnoxEmulator::rateLimit()
{
    const QUrl inbox = url(QStringLiteral("/3/inbox"));
    for (int i = 0; i < 25; ++i) {
        QCOMPARE(api("GET", inbox).status, 200);
        m_monotonicMs += 100;
    }
    // 2.5 s after the first, the 26th is one too many, and so is any other call of the same client.
    const HttpReply limited = api("GET", inbox);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.error(Format::Json).first, 0);
    QCOMPARE(limited.error(Format::Json).second, QStringLiteral("Too Many Requests"));
    QCOMPARE(api("GET", url(QStringLiteral("/3/vouchers")), Format::Json, {}, m_emulator->issueAccessToken()).status,
             429);
    // The legacy token is limited on its own.
    QCOMPARE(send("GET", inbox,
                  { { QByteArrayLiteral("Access-Token"), m_emulator->legacyAccessToken().toLatin1() },
                    { QByteArrayLiteral("Client-Secret"), m_emulator->legacyClientSecret().toLatin1() } })
                 .status,
             200);

    // The window slides: once the first request is 5 s old, one more gets through, then the limit holds again.
    m_monotonicMs += 5000 - 2500 - 1;
    QCOMPARE(api("GET", inbox).status, 429);
    m_monotonicMs += 1;
    QCOMPARE(api("GET", inbox).status, 200);
    QCOMPARE(api("GET", inbox).status, 429);
    m_monotonicMs += 5000;
    for (int i = 0; i < 25; ++i)
        QCOMPARE(api("GET", inbox).status, 200);
    QCOMPARE(api("GET", inbox).status, 429);

    // A shorter window for tests that want one.
    m_emulator->setRateLimitWindow(10);
    m_monotonicMs += 10;
    QCOMPARE(api("GET", inbox).status, 200);
}

void TestFortnoxEmulator::faults()
{
    QFETCH(Format, format);
    const QString path = QStringLiteral("/3/inbox");
    m_emulator->faults().add(path, FaultInjector::rateLimited(7), 2);
    for (int i = 0; i < 2; ++i) {
        const HttpReply limited = get(path, format);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header(QByteArrayLiteral("Retry-After")), QByteArrayLiteral("7"));
        QCOMPARE(limited.error(format), qMakePair(0, QStringLiteral("Too Many Requests")));
    }
    QCOMPARE(get(path, format).status, 200);

    QVERIFY(m_emulator->faults().addSpec(path + QStringLiteral("=500")));
    QVERIFY(m_emulator->faults().addSpec(QStringLiteral("*=503")));
    const HttpReply first = get(path, format);
    QCOMPARE(first.status, 500);
    QCOMPARE(first.error(format), qMakePair(1000003, QStringLiteral("System exception")));
    const HttpReply second = get(QStringLiteral("/3/vouchers"), format);
    QCOMPARE(second.status, 503);
    QCOMPARE(second.error(format).first, 1000003);

    QVERIFY(m_emulator->faults().addSpec(path + QStringLiteral("=expired")));
    const HttpReply expired = get(path, format);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.error(format).first, 2000310);

    m_emulator->faults().add(QStringLiteral("*"), FaultInjector::rateLimited(2, false));
    const HttpReply plain = get(path, format);
    QCOMPARE(plain.status, 429);
    QCOMPARE(plain.body, QByteArrayLiteral("Too Many Requests"));

    // A fault that replaces the answer stores nothing; a dropped connection stores and loses the answer.
    m_emulator->faults().add(path, FaultInjector::serverError(502));
    QCOMPARE(upload(QStringLiteral("inbox"), {}, "lost.pdf", "lost", format).status, 502);
    QVERIFY(!m_emulator->inboxFileNames(Root).contains(QStringLiteral("lost.pdf")));
    m_emulator->faults().add(path, FaultInjector::dropConnection(5));
    const HttpReply dropped = upload(QStringLiteral("inbox"), {}, "landed.pdf", "landed", format);
    QVERIFY(dropped.body.size() < dropped.header(QByteArrayLiteral("Content-Length")).toLongLong());
    QVERIFY(m_emulator->inboxFileNames(Root).contains(QStringLiteral("landed.pdf")));
}

void TestFortnoxEmulator::noSuchRoute()
{
    for (const HttpReply& reply : { get(QStringLiteral("/3/customers")), api("PUT", url(QStringLiteral("/3/inbox"))),
                                    get(QStringLiteral("/3/inbox/a/b")) }) {
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.error(Format::Json), qMakePair(2000762, QStringLiteral("No such route")));
    }
    QCOMPARE(get(QStringLiteral("/3/customers"), Format::Xml).xml().name, QStringLiteral("ErrorInformation"));
}

void TestFortnoxEmulator::programPrintsUrlFirst()
{
    QTemporaryDir data;
    QProcess program;
    program.start(QStringLiteral(ATTACHE_FORTNOX_EMULATOR_PATH),
                  { QStringLiteral("--data"), data.path(), QStringLiteral("--page-size"), QStringLiteral("3"),
                    QStringLiteral("--fault"), QStringLiteral("/3/vouchers=503") });
    QVERIFY(program.waitForStarted());
    const QString firstLine = EmulatorTestProgram::readFirstLine(program);
    QVERIFY2(EmulatorTestProgram::isLoopbackUrl(firstLine), qPrintable(firstLine));

    const QString errors = EmulatorTestProgram::readErrorsUntil(program, QStringLiteral("Files in "));
    const auto value
        = [&errors](const QString& label) { return EmulatorTestProgram::labelledValue(errors, label).toLatin1(); };
    QVERIFY(!value(QStringLiteral("Client id")).isEmpty() && !value(QStringLiteral("Client secret")).isEmpty());
    const Headers legacy { { QByteArrayLiteral("Access-Token"), value(QStringLiteral("Legacy Access-Token")) },
                           { QByteArrayLiteral("Client-Secret"), value(QStringLiteral("Legacy Client-Secret")) } };
    const auto at = [&firstLine](const QString& path) { return QUrl(firstLine + path); };

    const HttpReply inbox = send("GET", at(QStringLiteral("/3/inbox/inbox_s")), legacy);
    QCOMPARE(inbox.status, 200);
    QCOMPARE(inbox.nested(Format::Json, QStringLiteral("Folder"), QStringLiteral("Files")).size(), 2);
    const HttpReply invoices = send("GET", at(QStringLiteral("/3/supplierinvoices")), legacy);
    QCOMPARE(invoices.list(Format::Json, QStringLiteral("SupplierInvoices")).size(), 3);
    QCOMPARE(send("GET", at(QStringLiteral("/3/vouchers")), legacy).status, 503);
    QCOMPARE(send("GET", at(QStringLiteral("/3/vouchers")), legacy).status, 200);
    QVERIFY(!QDir(data.filePath(QStringLiteral("blobs"))).entryList(QDir::Files).isEmpty());

    program.kill();
    QVERIFY(program.waitForFinished());

    QProcess badPageSize;
    badPageSize.start(QStringLiteral(ATTACHE_FORTNOX_EMULATOR_PATH),
                      { QStringLiteral("--page-size"), QStringLiteral("0") });
    QVERIFY(badPageSize.waitForFinished());
    QCOMPARE(badPageSize.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestFortnoxEmulator)
#include "TestFortnoxEmulator.moc"
