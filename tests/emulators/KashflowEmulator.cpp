#include "KashflowEmulator.h"

#include "Attachment.h"
#include "DropboxEmulatorThumbnails.h"
#include "EmulatorMultipartForm.h"
#include "EmulatorSampleImage.h"
#include "EmulatorXmlJson.h"
#include "FileKind.h"
#include "KashflowEmulatorPdf.h"

#include <QColor>
#include <QDir>
#include <QJsonArray>
#include <QMimeDatabase>
#include <QTimeZone>
#include <QUrlQuery>

#include <algorithm>

namespace {

using Format = KashflowEmulatorFormat;

const QString UserGuid = QStringLiteral("B40CFB55-A9D4-446F-A373-DB283EC57299");
const QString Types = QStringLiteral("(quotes|invoices|purchases|customers|bankaccounts)");
// The segments KashFlow names by number, which alone can send a PDF.
const QString NumberedTypes = QStringLiteral("(quotes|invoices|purchases)");
const QString Segment = QStringLiteral("([^/]*)");
const QString FileRoot = QStringLiteral("File");
const QString FileListRoot = QStringLiteral("ArrayOfFile");
// Dropbox API v1's default thumbnail: "s", 64 by 64, in JPEG.
const QString ThumbnailSize = QStringLiteral("w64h64");

QString decoded(const QString& segment)
{
    return QUrl::fromPercentEncoding(segment.toLatin1());
}

// Dropbox API v1's error body, for the content URLs it serves.
EmulatorResponse dropboxError(int status, const QString& message)
{
    return EmulatorResponse::json(status, QJsonObject { { QStringLiteral("error"), message } });
}

int compareValues(const QJsonValue& a, const QJsonValue& b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : (a.toDouble() > b.toDouble() ? 1 : 0);
    return QString::compare(a.toVariant().toString(), b.toVariant().toString(), Qt::CaseInsensitive);
}

} // namespace

KashflowEmulator::KashflowEmulator(const QString& dataDirectory, QObject* parent)
    : EmulatorServer(parent)
    , m_temporaryDirectory(dataDirectory.isEmpty() ? std::make_unique<QTemporaryDir>() : nullptr)
    , m_dataDirectory(dataDirectory.isEmpty() ? m_temporaryDirectory->path() : QDir(dataDirectory).absolutePath())
    , m_store(m_dataDirectory)
    , m_dropbox(KashflowUserId, UserGuid)
{
    using Method = QHttpServerRequest::Method;
    const QString v2 = QStringLiteral("/v2/");
    addApiRoute(Method::Post, v2 + QStringLiteral("sessiontoken"), false, &KashflowEmulator::startSession);
    addApiRoute(Method::Put, v2 + QStringLiteral("sessiontoken"), false, &KashflowEmulator::finishSession);
    addApiRoute(Method::Delete, v2 + QStringLiteral("sessiontoken"), true, &KashflowEmulator::endSession);
    addApiRoute(Method::Get, v2 + QStringLiteral("dropbox/authentication"), true,
                &KashflowEmulator::dropboxAuthentication);
    addApiRoute(Method::Get, v2 + Types, true, &KashflowEmulator::listEntities);
    // The upload carries its session token in the form.
    addApiRoute(Method::Post, v2 + Types + QStringLiteral("/files"), false, &KashflowEmulator::uploadFile);
    addApiRoute(Method::Post, v2 + NumberedTypes + QStringLiteral("/files/") + Segment, true,
                &KashflowEmulator::sendPdf);
    addApiRoute(Method::Get, v2 + Types + QLatin1Char('/') + Segment + QStringLiteral("/files"), true,
                &KashflowEmulator::listFiles);
    const QString filePattern = v2 + Types + QLatin1Char('/') + Segment + QStringLiteral("/files/") + Segment;
    addApiRoute(Method::Get, filePattern, true, &KashflowEmulator::getFile);
    addApiRoute(Method::Delete, filePattern, true, &KashflowEmulator::deleteFile);

    // Browser pages: neither a session nor a format.
    const auto caseInsensitive = QRegularExpression::CaseInsensitiveOption;
    addPatternRoute(Method::Get,
                    QRegularExpression(QStringLiteral("^/v2/dropbox/authentication/url$"), caseInsensitive),
                    [this](const EmulatorExchangePtr& exchange, const QStringList&) {
                        exchange->respond(m_dropbox.callback(exchange->request(), now()));
                    });
    addPatternRoute(Method::Get, QRegularExpression(QStringLiteral("^/1/oauth/authorize$")),
                    [this](const EmulatorExchangePtr& exchange, const QStringList&) {
                        exchange->respond(m_dropbox.authorize(exchange->request(), now()));
                    });
    addPatternRoute(
        Method::Get,
        QRegularExpression(QStringLiteral("^/1/(files|thumbnails)/sandbox/") + Segment + QLatin1Char('/') + Segment
                           + QLatin1Char('/') + Segment + QLatin1Char('$')),
        [this](const EmulatorExchangePtr& exchange, const QStringList& captures) { serveContent(exchange, captures); });
}

void KashflowEmulator::setClock(const Clock& clock)
{
    m_clock = clock;
}

QDateTime KashflowEmulator::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void KashflowEmulator::setCredentials(const QString& userName, const QString& password)
{
    m_auth.setCredentials(userName, password);
}

void KashflowEmulator::setMemorableWord(const QString& word)
{
    m_auth.setMemorableWord(word);
}

void KashflowEmulator::setAccountLocked(bool locked)
{
    m_auth.setAccountLocked(locked);
}

void KashflowEmulator::setTemporaryTokenLifetime(int seconds)
{
    m_auth.setTemporaryTokenLifetime(seconds);
}

void KashflowEmulator::setSessionIdleLifetime(int seconds)
{
    m_auth.setSessionIdleLifetime(seconds);
}

QString KashflowEmulator::userGuid() const
{
    return UserGuid;
}

QString KashflowEmulator::issueSessionToken()
{
    return m_auth.issueSessionToken(now());
}

void KashflowEmulator::expireSessions()
{
    m_auth.expireSessions();
}

void KashflowEmulator::addEntity(EntityType type, const QString& key, const QJsonObject& fields)
{
    Q_ASSERT(KashflowEmulatorStore::types().contains(type));
    m_store.addEntity(type, key, fields);
}

bool KashflowEmulator::hasEntity(EntityType type, const QString& key) const
{
    return m_store.hasEntity(type, key);
}

bool KashflowEmulator::putFile(EntityType type, const QString& key, const QString& name, const QByteArray& content,
                               const QDateTime& modified)
{
    return m_store.putFile(type, key, name, content, modified.isValid() ? modified : now()).has_value();
}

bool KashflowEmulator::hasFile(EntityType type, const QString& key, const QString& name) const
{
    return m_store.file(type, key, name).has_value();
}

QByteArray KashflowEmulator::fileContent(EntityType type, const QString& key, const QString& name) const
{
    return m_store.content(type, key, name);
}

QStringList KashflowEmulator::fileNames(EntityType type, const QString& key) const
{
    QStringList names;
    for (const KashflowEmulatorStore::File& file : m_store.files(type, key))
        names.append(file.name);
    return names;
}

void KashflowEmulator::setSignedUriLifetime(int seconds)
{
    m_signedUris.setLifetime(seconds);
}

void KashflowEmulator::seedSampleData()
{
    const QList<QPair<QString, QString>> customers { { QStringLiteral("ACME01"), QStringLiteral("Acme Trading Ltd") },
                                                     { QStringLiteral("BRIGHT"), QStringLiteral("Bright Ideas LLP") },
                                                     { QStringLiteral("CORNER"), QStringLiteral("Corner Café") } };
    for (const auto& [code, name] : customers)
        addEntity(EntityType::Customers, code,
                  { { QStringLiteral("Name"), name },
                    { QStringLiteral("Email"), QString(code.toLower() + QStringLiteral("@example.org")) } });

    const auto amounts = [](double net) {
        return QJsonObject { { QStringLiteral("NetAmount"), net },
                             { QStringLiteral("VATAmount"), net * 0.2 },
                             { QStringLiteral("GrossAmount"), net * 1.2 } };
    };
    for (int i = 0; i < 12; ++i) {
        const auto& [code, name] = customers.at(i % customers.size());
        QJsonObject invoice = amounts(100.0 * (i + 1));
        invoice.insert(QStringLiteral("CustomerCode"), code);
        invoice.insert(QStringLiteral("CustomerName"), name);
        invoice.insert(QStringLiteral("IssuedDate"),
                       QStringLiteral("2024-03-%1T00:00:00").arg(i + 1, 2, 10, QLatin1Char('0')));
        invoice.insert(QStringLiteral("DueDate"),
                       QStringLiteral("2024-04-%1T00:00:00").arg(i + 1, 2, 10, QLatin1Char('0')));
        invoice.insert(QStringLiteral("Status"), i % 3 == 0 ? QStringLiteral("Paid") : QStringLiteral("Unpaid"));
        addEntity(EntityType::Invoices, QString::number(4450 + i), invoice);
    }
    for (int i = 0; i < 4; ++i) {
        const auto& [code, name] = customers.at(i % customers.size());
        QJsonObject quote = amounts(250.0 * (i + 1));
        quote.insert(QStringLiteral("CustomerCode"), code);
        quote.insert(QStringLiteral("CustomerName"), name);
        quote.insert(QStringLiteral("Date"), QStringLiteral("2024-02-%1T00:00:00").arg(i + 10));
        addEntity(EntityType::Quotes, QString::number(101 + i), quote);
    }
    const QList<QPair<QString, QString>> suppliers { { QStringLiteral("STAT01"), QStringLiteral("Stationery Direct") },
                                                     { QStringLiteral("POWER"), QStringLiteral("Power & Light plc") } };
    for (int i = 0; i < 5; ++i) {
        const auto& [code, name] = suppliers.at(i % suppliers.size());
        QJsonObject purchase = amounts(40.0 * (i + 1));
        purchase.insert(QStringLiteral("SupplierCode"), code);
        purchase.insert(QStringLiteral("SupplierName"), name);
        purchase.insert(QStringLiteral("IssuedDate"), QStringLiteral("2024-03-%1T00:00:00").arg(i + 10));
        addEntity(EntityType::Purchases, QString::number(2001 + i), purchase);
    }
    int nominal = 1200;
    for (const QString& name :
         { QStringLiteral("Current Account"), QStringLiteral("Deposit Account"), QStringLiteral("Business Card") })
        addEntity(EntityType::BankAccounts, name,
                  { { QStringLiteral("Code"), nominal++ }, { QStringLiteral("Balance"), 1000.0 * (nominal - 1199) } });

    const QDateTime modified(QDate(2024, 3, 11), QTime(12, 0), QTimeZone::utc());
    putFile(EntityType::Invoices, QStringLiteral("4455"), QStringLiteral("76643107_13e683ad6f.jpg"),
            EmulatorSampleImage::encoded(640, 480, QColor(0x2e, 0x86, 0xab), "JPEG"), modified);
    putFile(EntityType::Invoices, QStringLiteral("4455"), QStringLiteral("delivery note.pdf"),
            KashflowEmulatorPdf::document(QStringLiteral("Delivery note"), { QStringLiteral("Invoice 4455") }),
            modified);
    putFile(EntityType::Purchases, QStringLiteral("2001"), QStringLiteral("receipt.png"),
            EmulatorSampleImage::encoded(300, 800, QColor(0xf2, 0xe8, 0xcf), "PNG"), modified);
    putFile(EntityType::Customers, QStringLiteral("ACME01"), QStringLiteral("contract.pdf"),
            KashflowEmulatorPdf::document(QStringLiteral("Contract"), { QStringLiteral("Acme Trading Ltd") }),
            modified);
    putFile(EntityType::BankAccounts, QStringLiteral("Current Account"), QStringLiteral("statement 2024-03.csv"),
            QByteArrayLiteral("Date,Description,Amount\n2024-03-01,Opening balance,1000.00\n"), modified);
}

EmulatorResponse KashflowEmulator::faultResponse(const FaultInjector::Fault& fault,
                                                 const EmulatorRequest& request) const
{
    const Format::Kind format = Format::negotiate(request);
    switch (fault.kind) {
    case FaultInjector::Kind::RateLimited:
        if (!fault.jsonBody)
            return EmulatorResponse::text(429, QStringLiteral("Too Many Requests"));
        return Format::error(
            format,
            { 429, QStringLiteral("TooManyRequests"),
              QStringLiteral("Too many requests: try again in %1 seconds.").arg(fault.retryAfterSeconds) });
    case FaultInjector::Kind::ExpiredToken:
        return Format::error(format, KashflowEmulatorError::invalidSessionToken());
    case FaultInjector::Kind::ServerError:
        if (fault.status == 503)
            return Format::error(format,
                                 { 503, QStringLiteral("ServiceUnavailable"),
                                   QStringLiteral("The service is temporarily unavailable.") });
        return Format::error(
            format, { fault.status, QStringLiteral("InternalServerError"), QStringLiteral("An error has occurred.") });
    default:
        return EmulatorServer::faultResponse(fault, request);
    }
}

void KashflowEmulator::addApiRoute(QHttpServerRequest::Methods methods, const QString& pattern, bool authenticated,
                                   ApiHandler handler)
{
    // Web API routes ignore case.
    const QRegularExpression expression(QLatin1Char('^') + pattern + QLatin1Char('$'),
                                        QRegularExpression::CaseInsensitiveOption);
    addPatternRoute(methods, expression,
                    [this, authenticated, handler](const EmulatorExchangePtr& exchange, const QStringList& captures) {
                        Call call { exchange, Format::negotiate(exchange->request()), {} };
                        for (const QString& capture : captures)
                            call.captures.append(decoded(capture));
                        if (!authenticated || authenticate(call))
                            (this->*handler)(call);
                    });
}

bool KashflowEmulator::authenticate(const Call& call)
{
    const QByteArray header = call.exchange->request().header(QByteArrayLiteral("Authorization")).trimmed();
    const qsizetype space = header.indexOf(' ');
    const bool kfToken = space > 0 && header.left(space).compare("KfToken", Qt::CaseInsensitive) == 0;
    if (kfToken && m_auth.use(QString::fromLatin1(header.mid(space + 1).trimmed()), now()))
        return true;
    fail(call, KashflowEmulatorError::invalidSessionToken());
    return false;
}

void KashflowEmulator::reply(const Call& call, const QJsonValue& value, const QString& root,
                             const QHash<QString, QString>& itemNames) const
{
    call.exchange->respond(Format::respond(call.format, 200, value, root, itemNames));
}

void KashflowEmulator::fail(const Call& call, const KashflowEmulatorError& error) const
{
    call.exchange->respond(Format::error(call.format, error));
}

std::optional<EntityType> KashflowEmulator::typeOf(const QString& urlName)
{
    const std::optional<EntityType> type = EntityTypes::fromName(urlName);
    if (!type || !KashflowEmulatorStore::types().contains(*type))
        return std::nullopt;
    return type;
}

QString KashflowEmulator::checkFilesCall(const Call& call, EntityType type, const QString& key) const
{
    if (!m_dropbox.isConnected()) {
        // Undocumented: the files live in the user's Dropbox, so without one there are none to list or keep.
        fail(call,
             { 400, QStringLiteral("DropboxNotConnected"),
               QStringLiteral("Dropbox is not connected for this user: connect it through "
                              "/dropbox/authentication first.") });
        return {};
    }
    const QString stored = m_store.entityKey(type, key);
    if (stored.isEmpty())
        fail(call,
             KashflowEmulatorError::notFound(
                 QStringLiteral("%1 %2 does not exist.").arg(KashflowEmulatorStore::singular(type), key)));
    return stored;
}

QJsonObject KashflowEmulator::fileRecord(EntityType type, const QString& key,
                                         const KashflowEmulatorStore::File& file) const
{
    using Kind = KashflowEmulatorSignedUris::Kind;
    Attachment record = Attachment::describe(file.name, file.size, file.modified);
    const QString folder = EntityTypes::folderName(type);
    record.fileUri = m_signedUris.sign(baseUrl(), Kind::File, folder, key, file.name, now());
    // The spec's example has an empty ThumbnailUri where there is no thumbnail.
    if (record.isThumbnailAvailable)
        record.thumbnailUri = m_signedUris.sign(baseUrl(), Kind::Thumbnail, folder, key, file.name, now());
    return record.toKashFlowJson();
}

QString KashflowEmulator::nameProblem(const QString& name)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("The file name is empty.");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return QStringLiteral("The file name \"%1\" is not allowed.").arg(name);
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return QStringLiteral("The file name must not contain a path.");
    if (std::any_of(name.begin(), name.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7F; }))
        return QStringLiteral("The file name must not contain control characters.");
    if (name.size() > 255)
        return QStringLiteral("The file name is longer than 255 characters.");
    return {};
}

void KashflowEmulator::startSession(const Call& call)
{
    const std::optional<QJsonObject> body = Format::readObject(call.exchange->request());
    if (!body)
        return fail(call, KashflowEmulatorError::badRequest(QStringLiteral("The request body is not valid.")));
    const KashflowEmulatorAuth::Challenge challenge
        = m_auth.start(Format::field(*body, QStringLiteral("UserName")).toString(),
                       Format::field(*body, QStringLiteral("Password")).toString(), now());
    if (challenge.error.isError())
        return fail(call, challenge.error);
    QJsonArray positions;
    for (const int position : challenge.positions)
        positions.append(
            QJsonObject { { QStringLiteral("Position"), position }, { QStringLiteral("Value"), QString() } });
    reply(call,
          QJsonObject { { QStringLiteral("TemporaryToken"), challenge.temporaryToken },
                        { QStringLiteral("MemorableWordList"), positions },
                        { QStringLiteral("IsAdmin"), true },
                        { QStringLiteral("SubscriptionExpired"), false } },
          QStringLiteral("TemporaryTokenResponse"),
          { { QStringLiteral("MemorableWordList"), QStringLiteral("MemorableWord") } });
}

void KashflowEmulator::finishSession(const Call& call)
{
    const std::optional<QJsonObject> body = Format::readObject(call.exchange->request());
    if (!body)
        return fail(call, KashflowEmulatorError::badRequest(QStringLiteral("The request body is not valid.")));
    QList<QPair<int, QString>> answers;
    const QJsonArray list = Format::field(*body, QStringLiteral("MemorableWordList")).toArray();
    for (const QJsonValue& item : list) {
        const QJsonObject answer = item.toObject();
        const std::optional<qint64> position
            = EmulatorXmlJson::integer(Format::field(answer, QStringLiteral("Position")));
        if (!position)
            return fail(
                call,
                KashflowEmulatorError::badRequest(QStringLiteral("Every MemorableWordList entry needs a Position.")));
        answers.append({ int(*position), Format::field(answer, QStringLiteral("Value")).toString() });
    }
    const KashflowEmulatorAuth::Session session
        = m_auth.finish(Format::field(*body, QStringLiteral("TemporaryToken")).toString(), answers, now());
    if (session.error.isError())
        return fail(call, session.error);
    reply(call,
          QJsonObject { { QStringLiteral("SessionToken"), session.sessionToken },
                        { QStringLiteral("CompanyName"), QStringLiteral("Attaché Test Company Ltd") } },
          QStringLiteral("SessionTokenResponse"));
}

void KashflowEmulator::endSession(const Call& call)
{
    const QByteArray header = call.exchange->request().header(QByteArrayLiteral("Authorization")).trimmed();
    m_auth.end(QString::fromLatin1(header.mid(header.indexOf(' ') + 1).trimmed()));
    call.exchange->respond(EmulatorResponse(200));
}

void KashflowEmulator::listEntities(const Call& call)
{
    const EntityType type = *typeOf(call.captures.at(0));
    const QHash<QString, QString> query = call.exchange->request().queryFields();
    const auto number = [&query](const QString& name, int fallback) -> std::optional<int> {
        if (!query.contains(name))
            return fallback;
        bool ok = false;
        const int value = query.value(name).toInt(&ok);
        return ok && value >= 1 ? std::optional<int>(value) : std::nullopt;
    };
    const std::optional<int> page = number(QStringLiteral("page"), 1);
    const std::optional<int> perPage = number(QStringLiteral("perpage"), m_pageSize);
    if (!page || !perPage)
        return fail(call,
                    KashflowEmulatorError::badRequest(QStringLiteral("page and perpage must be numbers from 1.")));

    // Any field the records have sorts them; the documented sortby names (InvoiceDate, CustomerRef...) are not all
    // field names, so an unknown one falls back to the key rather than failing.
    const QString keyField = KashflowEmulatorStore::keyField(type);
    QString sortBy = query.value(QStringLiteral("sortby"));
    QList<QJsonObject> entities = m_store.entities(type);
    if (entities.isEmpty() || Format::field(entities.first(), sortBy).isUndefined())
        sortBy = keyField;
    const bool descending
        = query.value(QStringLiteral("order")).compare(QLatin1String("desc"), Qt::CaseInsensitive) == 0;
    std::stable_sort(entities.begin(), entities.end(), [&](const QJsonObject& a, const QJsonObject& b) {
        int order = compareValues(Format::field(a, sortBy), Format::field(b, sortBy));
        if (order == 0)
            order = compareValues(a.value(keyField), b.value(keyField));
        return descending ? order > 0 : order < 0;
    });

    const qsizetype first = qsizetype(*page - 1) * *perPage;
    QJsonArray data;
    for (qsizetype i = first; i < entities.size() && i < first + *perPage; ++i)
        data.append(entities.at(i));
    QJsonValue next = QJsonValue::Null;
    if (first + *perPage < entities.size()) {
        QUrl url = baseUrl();
        url.setPath(call.exchange->request().url().path());
        QUrlQuery nextQuery;
        nextQuery.addQueryItem(QStringLiteral("page"), QString::number(*page + 1));
        nextQuery.addQueryItem(QStringLiteral("perpage"), QString::number(*perPage));
        for (const QString& name : { QStringLiteral("sortby"), QStringLiteral("order") }) {
            if (query.contains(name))
                nextQuery.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(query.value(name))));
        }
        url.setQuery(nextQuery);
        next = url.toString(QUrl::FullyEncoded);
    }
    reply(call,
          QJsonObject { { QStringLiteral("Data"), data },
                        { QStringLiteral("MetaData"), QJsonObject { { QStringLiteral("NextPageUrl"), next } } } },
          EntityTypes::folderName(type), { { QStringLiteral("Data"), KashflowEmulatorStore::singular(type) } });
}

void KashflowEmulator::listFiles(const Call& call)
{
    const EntityType type = *typeOf(call.captures.at(0));
    const QString key = checkFilesCall(call, type, call.captures.at(1));
    if (key.isEmpty())
        return;
    QJsonArray records;
    for (const KashflowEmulatorStore::File& file : m_store.files(type, key))
        records.append(fileRecord(type, key, file));
    reply(call, records, FileListRoot, { { FileListRoot, FileRoot } });
}

std::optional<KashflowEmulator::FileOfCall> KashflowEmulator::checkFileCall(const Call& call) const
{
    const EntityType type = *typeOf(call.captures.at(0));
    const QString key = checkFilesCall(call, type, call.captures.at(1));
    if (key.isEmpty())
        return std::nullopt;
    const QString name = call.captures.at(2);
    if (const QString problem = nameProblem(name); !problem.isEmpty()) {
        fail(call, KashflowEmulatorError::badRequest(problem));
        return std::nullopt;
    }
    if (!m_store.file(type, key, name)) {
        fail(call, KashflowEmulatorError::notFound(QStringLiteral("The file \"%1\" does not exist.").arg(name)));
        return std::nullopt;
    }
    return FileOfCall { type, key, name };
}

void KashflowEmulator::getFile(const Call& call)
{
    if (const std::optional<FileOfCall> target = checkFileCall(call))
        reply(call, fileRecord(target->type, target->key, *m_store.file(target->type, target->key, target->name)),
              FileRoot);
}

void KashflowEmulator::deleteFile(const Call& call)
{
    if (const std::optional<FileOfCall> target = checkFileCall(call)) {
        m_store.removeFile(target->type, target->key, target->name);
        call.exchange->respond(EmulatorResponse(200));
    }
}

void KashflowEmulator::uploadFile(const Call& call)
{
    const EntityType type = *typeOf(call.captures.at(0));
    const EmulatorRequest& request = call.exchange->request();
    const QByteArray contentType = request.header(QByteArrayLiteral("Content-Type"));
    if (!EmulatorMultipartForm::isMultipartFormData(contentType))
        return fail(call,
                    { 415, QStringLiteral("UnsupportedMediaType"),
                      QStringLiteral("A file is uploaded as multipart/form-data.") });
    if (request.body().size() > m_maxUploadBytes)
        return fail(call,
                    { 413, QStringLiteral("RequestEntityTooLarge"),
                      QStringLiteral("The file is larger than %1 bytes.").arg(m_maxUploadBytes) });
    QString malformed;
    const std::optional<QList<EmulatorMultipartForm::Part>> parts
        = EmulatorMultipartForm::parse(contentType, request.body(), &malformed);
    if (!parts)
        return fail(call, KashflowEmulatorError::badRequest(malformed));

    // "Sequence of the fields specified in the given code snippet should be maintained": exactly these three.
    const QString keyName = KashflowEmulatorStore::keyField(type) == QLatin1String("Number") ? QStringLiteral("number")
                                                                                             : QStringLiteral("code");
    const QStringList expected { QStringLiteral("sessiontoken"), keyName, QStringLiteral("file") };
    bool inOrder = parts->size() == expected.size();
    for (qsizetype i = 0; inOrder && i < expected.size(); ++i)
        inOrder = parts->at(i).name.compare(expected.at(i), Qt::CaseInsensitive) == 0
            && parts->at(i).hasFileName == (i == 2);
    if (!inOrder)
        return fail(call,
                    KashflowEmulatorError::badRequest(
                        QStringLiteral("The form must have the fields sessiontoken, %1 and file, in that order, "
                                       "and only those.")
                            .arg(keyName)));

    if (!m_auth.use(QString::fromUtf8(parts->at(0).data.trimmed()), now()))
        return fail(call, KashflowEmulatorError::invalidSessionToken());
    const QString key = checkFilesCall(call, type, QString::fromUtf8(parts->at(1).data.trimmed()));
    if (key.isEmpty())
        return;
    const EmulatorMultipartForm::Part& file = parts->at(2);
    if (const QString problem = nameProblem(file.fileName); !problem.isEmpty())
        return fail(call, KashflowEmulatorError::badRequest(problem));
    // The spec is silent on a name already taken; replacing a file unasked would lose data, so it is refused.
    if (m_store.file(type, key, file.fileName))
        return fail(call,
                    { 400, QStringLiteral("FileAlreadyExists"),
                      QStringLiteral("A file named \"%1\" is already attached to %2 %3.")
                          .arg(file.fileName, KashflowEmulatorStore::singular(type), key) });
    const std::optional<KashflowEmulatorStore::File> stored
        = m_store.putFile(type, key, file.fileName, file.data, now());
    if (!stored)
        return fail(call,
                    { 500, QStringLiteral("InternalServerError"), QStringLiteral("The file could not be stored.") });
    reply(call, fileRecord(type, key, *stored), FileRoot);
}

void KashflowEmulator::sendPdf(const Call& call)
{
    const EntityType type = *typeOf(call.captures.at(0));
    if (!call.exchange->request().body().isEmpty())
        return fail(call, KashflowEmulatorError::badRequest(QStringLiteral("This request takes no body.")));
    const QString key = checkFilesCall(call, type, call.captures.at(1));
    if (key.isEmpty())
        return;
    const QString title = KashflowEmulatorStore::singular(type) + QLatin1Char(' ') + key;
    QStringList lines;
    const QJsonObject entity = m_store.entity(type, key);
    for (auto it = entity.begin(); it != entity.end(); ++it)
        lines.append(it.key() + QStringLiteral(": ") + it.value().toVariant().toString());
    // Sent again, the document is made again: it replaces the PDF sent before, as it has the same name.
    const std::optional<KashflowEmulatorStore::File> stored = m_store.putFile(
        type, key, title + QStringLiteral(".pdf"), KashflowEmulatorPdf::document(title, lines), now());
    if (!stored)
        return fail(call,
                    { 500, QStringLiteral("InternalServerError"), QStringLiteral("The PDF could not be stored.") });
    reply(call, fileRecord(type, key, *stored), FileRoot);
}

void KashflowEmulator::dropboxAuthentication(const Call& call)
{
    reply(call, m_dropbox.newAuthorizationUrl(baseUrl(), now()), {});
}

void KashflowEmulator::serveContent(const EmulatorExchangePtr& exchange, const QStringList& captures)
{
    using Kind = KashflowEmulatorSignedUris::Kind;
    const Kind kind = captures.at(0) == QLatin1String("files") ? Kind::File : Kind::Thumbnail;
    const QString folder = decoded(captures.at(1));
    const QString key = decoded(captures.at(2));
    const QString name = decoded(captures.at(3));
    switch (m_signedUris.check(kind, folder, key, name, exchange->request().queryFields(), now())) {
    case KashflowEmulatorSignedUris::Check::Invalid:
        return exchange->respond(dropboxError(403, QStringLiteral("Invalid signature.")));
    case KashflowEmulatorSignedUris::Check::Expired:
        return exchange->respond(dropboxError(403, QStringLiteral("This link has expired.")));
    case KashflowEmulatorSignedUris::Check::Valid:
        break;
    }
    const std::optional<EntityType> type = EntityTypes::fromName(folder);
    const std::optional<KashflowEmulatorStore::File> file
        = type ? m_store.file(*type, key, name) : std::optional<KashflowEmulatorStore::File>();
    if (!file)
        return exchange->respond(dropboxError(404, QStringLiteral("File not found.")));
    if (kind == Kind::File) {
        static const QMimeDatabase mimeTypes;
        return exchange->respond(EmulatorResponse::fileRange(
            200, file->blobPath, 0, file->size,
            mimeTypes.mimeTypeForFile(file->name, QMimeDatabase::MatchExtension).name().toLatin1()));
    }
    const DropboxEmulatorThumbnails::Thumbnail thumbnail = DropboxEmulatorThumbnails::make(
        file->blobPath, file->size, QStringLiteral("jpeg"), ThumbnailSize, QStringLiteral("bestfit"));
    if (thumbnail.data.isEmpty())
        return exchange->respond(
            dropboxError(415, QStringLiteral("The image is invalid and cannot be converted to a thumbnail.")));
    EmulatorResponse response(200);
    response.setBody(thumbnail.data, QByteArrayLiteral("image/jpeg"));
    exchange->respond(response);
}
