#include "FortnoxEmulator.h"

#include "EmulatorMultipartForm.h"
#include "EmulatorSampleImage.h"
#include "EmulatorXmlJson.h"
#include "KashflowEmulatorPdf.h"

#include <QBuffer>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QMimeDatabase>
#include <QUrlQuery>

#include <algorithm>

namespace {

using Format = FortnoxEmulatorFormat;
using Ledger = FortnoxEmulatorLedger;

const QString Segment = QStringLiteral("([^/]+)");
const QString CompanyNumber = QString::number(FortnoxEmulatorAuth::tenantId());
const QHash<QString, QString> FolderItems { { QStringLiteral("Files"), QStringLiteral("File") },
                                            { QStringLiteral("Folders"), QStringLiteral("Folder") } };

QString decoded(const QString& segment)
{
    return QUrl::fromPercentEncoding(segment.toLatin1());
}

QString mailAddress(const QString& local)
{
    return local + QLatin1Char('.') + CompanyNumber + QStringLiteral("@alfa.arkivplats.se");
}

// A query field by name in any case: the documentation writes both folderid and folderId.
std::optional<QString> queryField(const EmulatorRequest& request, const QString& name)
{
    const QHash<QString, QString> fields = request.queryFields();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return std::nullopt;
}

// Why Fortnox would not store a file of that name; empty when it would.
QString nameProblem(const QString& name)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("Filnamnet saknas.");
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) || name == QLatin1String("..")
        || name == QLatin1String("."))
        return QStringLiteral("Filnamnet är ogiltigt.");
    if (std::any_of(name.begin(), name.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7F; }))
        return QStringLiteral("Filnamnet innehåller ej tillåtna tecken.");
    if (name.size() > 255)
        return QStringLiteral("Filnamnet är för långt.");
    return {};
}

QString dateText(const QDate& date)
{
    return date.toString(Qt::ISODate);
}

} // namespace

FortnoxEmulator::FortnoxEmulator(const QString& dataDirectory, QObject* parent)
    : EmulatorServer(parent)
    , m_temporaryDirectory(dataDirectory.isEmpty() ? std::make_unique<QTemporaryDir>() : nullptr)
    , m_dataDirectory(dataDirectory.isEmpty() ? m_temporaryDirectory->path() : QDir(dataDirectory).absolutePath())
    , m_inbox(QStringLiteral("inbox"), QDir(m_dataDirectory).filePath(QStringLiteral("blobs")))
    , m_archive(QStringLiteral("root"), QDir(m_dataDirectory).filePath(QStringLiteral("blobs")))
{
    // Fortnox's own folders. The root's address and inbox_s's are the documentation's; the others are made alike.
    const QString root = FortnoxEmulatorFileTree::rootId();
    m_inbox.addFolder({ root, QStringLiteral("Inbox"), mailAddress(QStringLiteral("inbox")), {}, true });
    const QList<QStringList> defaults {
        { QStringLiteral("inbox_a"), QStringLiteral("Anläggningsregister"), QStringLiteral("inbox.anl") },
        { QStringLiteral("inbox_d"), QStringLiteral("Dagskassor"), QStringLiteral("inbox.dag") },
        { QStringLiteral("inbox_s"), QStringLiteral("Leverantörsfakturor"), QStringLiteral("inbox.lev") },
        { QStringLiteral("inbox_v"), QStringLiteral("Verifikationer"), QStringLiteral("inbox.ver") },
        { QStringLiteral("inbox_b"), QStringLiteral("Bankfiler"), QStringLiteral("inbox.bank") },
        { QStringLiteral("inbox_l"), QStringLiteral("Lön"), QStringLiteral("inbox.lon") },
        { QStringLiteral("inbox_kf"), QStringLiteral("Kundfakturor"), QStringLiteral("inbox.kf") },
        { QStringLiteral("inbox_o"), QStringLiteral("Order"), QStringLiteral("inbox.order") },
        { QStringLiteral("inbox_of"), QStringLiteral("Offerter"), QStringLiteral("inbox.offert") },
    };
    for (const QStringList& folder : defaults)
        m_inbox.addFolder({ folder.at(0), folder.at(1), mailAddress(folder.at(2)), root, true });
    m_archive.addFolder({ root, QStringLiteral("root"), mailAddress(QStringLiteral("arkiv")), {}, true });

    using Method = QHttpServerRequest::Method;
    const QHttpServerRequest::Methods anyMethod
        = Method::Get | Method::Post | Method::Put | Method::Delete | Method::Patch | Method::Head | Method::Options;
    for (const Tree which : { Tree::Inbox, Tree::Archive }) {
        const QString name = which == Tree::Inbox ? QStringLiteral("inbox") : QStringLiteral("archive");
        const QString scope = name;
        const QString base = QStringLiteral("^/3/") + name;
        addApiRoute(Method::Get, base + QStringLiteral("/?$"), scope, &FortnoxEmulator::getInTree, which);
        addApiRoute(Method::Get, base + QLatin1Char('/') + Segment + QLatin1Char('$'), scope, &FortnoxEmulator::getById,
                    which);
        addApiRoute(Method::Post, base + QStringLiteral("/?$"), scope, &FortnoxEmulator::upload, which);
        addApiRoute(Method::Delete, base + QStringLiteral("/?$"), scope, &FortnoxEmulator::deleteByPath, which);
        addApiRoute(Method::Delete, base + QLatin1Char('/') + Segment + QLatin1Char('$'), scope,
                    &FortnoxEmulator::deleteById, which);
    }
    addApiRoute(Method::Get, QStringLiteral("^/3/supplierinvoices/?$"), QStringLiteral("supplierinvoice"),
                &FortnoxEmulator::listSupplierInvoices);
    addApiRoute(Method::Get, QStringLiteral("^/3/vouchers/?$"), QStringLiteral("bookkeeping"),
                &FortnoxEmulator::listVouchers);
    addApiRoute(Method::Get, QStringLiteral("^/3/financialyears/?$"), QStringLiteral("bookkeeping"),
                &FortnoxEmulator::listFinancialYears);
    const QString connectFile = QStringLiteral("connectfile");
    addApiRoute(Method::Post, QStringLiteral("^/3/supplierinvoicefileconnections/?$"), connectFile,
                &FortnoxEmulator::createSupplierInvoiceConnection);
    addApiRoute(Method::Get, QStringLiteral("^/3/supplierinvoicefileconnections/?$"), connectFile,
                &FortnoxEmulator::listSupplierInvoiceConnections);
    addApiRoute(Method::Post, QStringLiteral("^/3/voucherfileconnections/?$"), connectFile,
                &FortnoxEmulator::createVoucherConnection);
    addApiRoute(Method::Get, QStringLiteral("^/3/voucherfileconnections/?$"), connectFile,
                &FortnoxEmulator::listVoucherConnections);
    for (const QString& kind : { QStringLiteral("supplierinvoice"), QStringLiteral("voucher") }) {
        const QString pattern
            = QStringLiteral("^/3/(") + kind + QStringLiteral(")fileconnections/") + Segment + QLatin1Char('$');
        addApiRoute(Method::Get, pattern, connectFile, &FortnoxEmulator::getConnection);
        addApiRoute(Method::Delete, pattern, connectFile, &FortnoxEmulator::deleteConnection);
    }
    // Anything else under /3, by any method, is Fortnox's "No such route".
    addPatternRoute(anyMethod, QRegularExpression(QStringLiteral("^/3(/.*)?$")),
                    [](const EmulatorExchangePtr& exchange, const QStringList&) {
                        exchange->respond(
                            Format::error(Format::negotiate(exchange->request()), FortnoxEmulatorError::noSuchRoute()));
                    });

    addRoute(Method::Get, QStringLiteral("/oauth-v1/auth"), [this](const EmulatorExchangePtr& exchange) {
        exchange->respond(m_auth.authorize(exchange->request(), now()));
    });
    addRoute(Method::Post, QStringLiteral("/oauth-v1/auth/decision"), [this](const EmulatorExchangePtr& exchange) {
        exchange->respond(m_auth.decide(exchange->request(), now()));
    });
    addRoute(Method::Post, QStringLiteral("/oauth-v1/token"), [this](const EmulatorExchangePtr& exchange) {
        exchange->respond(m_auth.token(exchange->request(), now()));
    });
}

QDateTime FortnoxEmulator::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void FortnoxEmulator::setClientCredentials(const QString& clientId, const QString& clientSecret)
{
    m_auth.setClientCredentials(clientId, clientSecret);
}

void FortnoxEmulator::setLegacyCredentials(const QString& accessToken, const QString& clientSecret)
{
    m_auth.setLegacyCredentials(accessToken, clientSecret);
}

QString FortnoxEmulator::issueAccessToken(const QStringList& scopes)
{
    return m_auth.issueAccessToken(scopes, now());
}

QString FortnoxEmulator::issueRefreshToken(const QStringList& scopes)
{
    return m_auth.issueRefreshToken(scopes, now());
}

std::optional<FortnoxEmulator::StoredFile> FortnoxEmulator::putInboxFile(const QString& folderId, const QString& name,
                                                                         const QByteArray& content, const QString& id)
{
    if (!m_inbox.folder(folderId))
        return std::nullopt;
    QBuffer source;
    source.setData(content);
    source.open(QIODevice::ReadOnly);
    const std::optional<FortnoxEmulatorFileTree::File> file = m_inbox.storeFile(folderId, name, source, false, id);
    return file ? std::optional<StoredFile>({ file->id, file->archiveFileId }) : std::nullopt;
}

std::optional<FortnoxEmulator::StoredFile> FortnoxEmulator::putArchiveFile(const QString& folderId, const QString& name,
                                                                           const QByteArray& content)
{
    if (!m_archive.folder(folderId))
        return std::nullopt;
    QBuffer source;
    source.setData(content);
    source.open(QIODevice::ReadOnly);
    const std::optional<FortnoxEmulatorFileTree::File> file = m_archive.storeFile(folderId, name, source, true);
    return file ? std::optional<StoredFile>({ file->id, file->archiveFileId }) : std::nullopt;
}

QString FortnoxEmulator::addFolder(Tree which, const QString& parentId, const QString& name)
{
    FortnoxEmulatorFileTree& folders = tree(which);
    if (!folders.folder(parentId))
        return {};
    const QString id = FortnoxEmulatorFileTree::newId();
    // A user folder's address is its Id at the company, as the archive documentation shows.
    folders.addFolder({ id, name, mailAddress(id), parentId, false });
    return id;
}

QString FortnoxEmulator::addInboxFolder(const QString& parentId, const QString& name)
{
    return addFolder(Tree::Inbox, parentId, name);
}

QString FortnoxEmulator::addArchiveFolder(const QString& parentId, const QString& name)
{
    return addFolder(Tree::Archive, parentId, name);
}

QByteArray FortnoxEmulator::fileContent(const QString& id) const
{
    std::optional<FortnoxEmulatorFileTree::File> file = m_inbox.file(id);
    if (!file)
        file = m_inbox.fileByArchiveId(id);
    if (!file)
        file = m_archive.file(id);
    if (!file)
        file = m_archive.fileByArchiveId(id);
    if (!file)
        return {};
    QFile blob(file->blobPath);
    return blob.open(QIODevice::ReadOnly) ? blob.readAll() : QByteArray();
}

QStringList FortnoxEmulator::inboxFileNames(const QString& folderId) const
{
    QStringList names;
    for (const FortnoxEmulatorFileTree::File& file : m_inbox.files(folderId))
        names.append(file.name);
    return names;
}

QStringList FortnoxEmulator::archiveFileNames(const QString& folderId) const
{
    QStringList names;
    for (const FortnoxEmulatorFileTree::File& file : m_archive.files(folderId))
        names.append(file.name);
    return names;
}

QString FortnoxEmulator::inboxFolderEmail(const QString& folderId) const
{
    const std::optional<FortnoxEmulatorFileTree::Folder> folder = m_inbox.folder(folderId);
    return folder ? folder->email : QString();
}

Ledger::SupplierInvoice FortnoxEmulator::addSupplierInvoice(const Ledger::SupplierInvoice& invoice)
{
    return m_ledger.addSupplierInvoice(invoice);
}

std::optional<Ledger::Voucher> FortnoxEmulator::addVoucher(const Ledger::Voucher& voucher)
{
    return m_ledger.addVoucher(voucher);
}

void FortnoxEmulator::seedSampleData()
{
    for (int year = 2023; year <= 2025; ++year)
        m_ledger.addFinancialYear({ year - 2022, QDate(year, 1, 1), QDate(year, 12, 31) });

    struct Invoice
    {
        const char* supplierNumber;
        QString supplierName;
        const char* invoiceNumber;
        QDate date;
        double total;
    };
    const QList<Invoice> invoices {
        { "1", QStringLiteral("Telia Sverige AB"), "2024-031187", QDate(2024, 3, 5), 1249.00 },
        { "2", QStringLiteral("Vattenfall AB"), "88231945", QDate(2024, 3, 12), 3412.50 },
        { "3", QStringLiteral("Kontorsgiganten i Norden AB"), "KG-10442", QDate(2024, 4, 2), 896.00 },
        { "4", QStringLiteral("Fastighets AB Kungsgatan"), "H-2024-05", QDate(2024, 5, 1), 18750.00 },
    };
    for (const Invoice& invoice : invoices) {
        Ledger::SupplierInvoice record;
        record.supplierNumber = QString::fromLatin1(invoice.supplierNumber);
        record.supplierName = invoice.supplierName;
        record.invoiceNumber = QString::fromLatin1(invoice.invoiceNumber);
        record.invoiceDate = invoice.date;
        record.dueDate = invoice.date.addDays(30);
        record.total = invoice.total;
        record.ocr = QString::number(4711000 + record.supplierNumber.toInt());
        m_ledger.addSupplierInvoice(record);
    }

    const QList<QPair<QDate, QString>> vouchers {
        { QDate(2024, 3, 8), QStringLiteral("Kontorsmaterial, kontantköp") },
        { QDate(2024, 3, 14), QStringLiteral("Representation, lunch med kund") },
        { QDate(2024, 4, 3), QStringLiteral("Tågresa Stockholm–Göteborg") },
        { QDate(2024, 4, 30), QStringLiteral("Bankavgift april") },
    };
    for (const auto& [date, description] : vouchers)
        m_ledger.addVoucher({ QStringLiteral("A"), 0, 0, date, description });

    const QString root = FortnoxEmulatorFileTree::rootId();
    putInboxFile(root, QStringLiteral("kvitto-lunch-2024-03-14.jpg"),
                 EmulatorSampleImage::encoded(480, 640, Qt::lightGray, "JPG"));
    putInboxFile(root, QStringLiteral("avtal-hyra-2024.pdf"),
                 KashflowEmulatorPdf::document(
                     QStringLiteral("Hyresavtal 2024"),
                     { QStringLiteral("Fastighets AB Kungsgatan"), QStringLiteral("Lokal 3 tr, 120 kvm") }));
    putInboxFile(QStringLiteral("inbox_s"), QStringLiteral("faktura-telia-mars.pdf"),
                 KashflowEmulatorPdf::document(
                     QStringLiteral("Faktura 2024-031187"),
                     { QStringLiteral("Telia Sverige AB"), QStringLiteral("Att betala: 1 249,00 SEK") }));
    putInboxFile(
        QStringLiteral("inbox_s"), QStringLiteral("vattenfall-2024-03.pdf"),
        KashflowEmulatorPdf::document(QStringLiteral("Faktura 88231945"),
                                      { QStringLiteral("Vattenfall AB"), QStringLiteral("Att betala: 3 412,50 SEK") }));
    putInboxFile(QStringLiteral("inbox_v"), QStringLiteral("kvitto-sj-2024-04-03.png"),
                 EmulatorSampleImage::encoded(400, 600, QColor(0, 90, 60), "PNG"));
}

EmulatorResponse FortnoxEmulator::faultResponse(const FaultInjector::Fault& fault, const EmulatorRequest& request) const
{
    const Format::Kind format = Format::negotiate(request);
    switch (fault.kind) {
    case FaultInjector::Kind::RateLimited:
        if (!fault.jsonBody)
            return EmulatorResponse::text(429, QStringLiteral("Too Many Requests"));
        return Format::error(format, FortnoxEmulatorError::tooManyRequests());
    case FaultInjector::Kind::ExpiredToken:
        return Format::error(format, FortnoxEmulatorError::invalidCredentials());
    default: {
        FortnoxEmulatorError error = FortnoxEmulatorError::systemException();
        error.status = fault.status;
        return Format::error(format, error);
    }
    }
}

void FortnoxEmulator::addApiRoute(QHttpServerRequest::Methods methods, const QString& pattern, const QString& scope,
                                  ApiHandler handler, Tree which)
{
    addPatternRoute(methods, QRegularExpression(pattern),
                    [this, scope, handler, which](const EmulatorExchangePtr& exchange, const QStringList& captures) {
                        Call call { exchange, Format::negotiate(exchange->request()), {}, which };
                        for (const QString& capture : captures)
                            call.captures.append(decoded(capture));
                        const FortnoxEmulatorAuth::Grant grant = m_auth.authenticate(exchange->request(), now());
                        if (grant.error.isError())
                            return fail(call, grant.error);
                        if (!m_rateLimit.admit(grant.rateKey))
                            return fail(call, FortnoxEmulatorError::tooManyRequests());
                        if (!grant.scopes.contains(scope))
                            return fail(call, FortnoxEmulatorError::missingScope());
                        (this->*handler)(call);
                    });
}

void FortnoxEmulator::reply(const Call& call, int status, const QJsonObject& body,
                            const QHash<QString, QString>& itemNames) const
{
    call.exchange->respond(Format::respond(call.format, status, body, itemNames));
}

void FortnoxEmulator::fail(const Call& call, const FortnoxEmulatorError& error) const
{
    call.exchange->respond(Format::error(call.format, error));
}

QString FortnoxEmulator::treeUrl(Tree which, const QString& id) const
{
    return baseUrl().toString() + (which == Tree::Inbox ? QStringLiteral("/3/inbox/") : QStringLiteral("/3/archive/"))
        + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QJsonObject FortnoxEmulator::fileRecord(Tree which, const FortnoxEmulatorFileTree::File& file) const
{
    // Size is a number, as in the documentation's JSON, though its field table says String.
    return { { QStringLiteral("@url"), treeUrl(which, file.id) },
             { QStringLiteral("Comments"), QJsonValue::Null },
             { QStringLiteral("Id"), file.id },
             { QStringLiteral("ArchiveFileId"), file.archiveFileId },
             { QStringLiteral("Name"), file.name },
             { QStringLiteral("Path"), tree(which).pathOf(file.folderId) },
             { QStringLiteral("Size"), file.size } };
}

QJsonObject FortnoxEmulator::folderRecord(Tree which, const FortnoxEmulatorFileTree::Folder& folder) const
{
    QJsonArray files;
    for (const FortnoxEmulatorFileTree::File& file : tree(which).files(folder.id))
        files.append(fileRecord(which, file));
    QJsonArray folders;
    for (const FortnoxEmulatorFileTree::Folder& child : tree(which).subfolders(folder.id))
        folders.append(QJsonObject { { QStringLiteral("@url"), treeUrl(which, child.id) },
                                     { QStringLiteral("Id"), child.id },
                                     { QStringLiteral("Name"), child.name } });
    return { { QStringLiteral("@url"), treeUrl(which, folder.id) },
             { QStringLiteral("Email"), folder.email },
             { QStringLiteral("Files"), files },
             { QStringLiteral("Folders"), folders },
             { QStringLiteral("Id"), folder.id },
             { QStringLiteral("Name"), folder.name } };
}

void FortnoxEmulator::getInTree(const Call& call)
{
    const EmulatorRequest& request = call.exchange->request();
    if (call.tree == Tree::Archive) {
        if (const std::optional<QString> fileId = queryField(request, QStringLiteral("fileid"))) {
            const std::optional<FortnoxEmulatorFileTree::File> file = m_archive.fileByArchiveId(*fileId);
            if (!file)
                return fail(call, FortnoxEmulatorError::notFound(QStringLiteral("Kan inte hitta filen.")));
            return streamFile(call, *file);
        }
    }
    QString folderId = FortnoxEmulatorFileTree::rootId();
    if (const std::optional<QString> path = queryField(request, QStringLiteral("path"))) {
        folderId = tree(call.tree).folderIdForPath(*path);
        // A path to a file answers with its content.
        if (folderId.isEmpty()) {
            if (const std::optional<FortnoxEmulatorFileTree::File> file = tree(call.tree).fileForPath(*path))
                return streamFile(call, *file);
            return fail(call, FortnoxEmulatorError::notFound(QStringLiteral("Kan inte hitta filen eller mappen.")));
        }
    }
    reply(call, 200, { { QStringLiteral("Folder"), folderRecord(call.tree, *tree(call.tree).folder(folderId)) } },
          FolderItems);
}

void FortnoxEmulator::getById(const Call& call)
{
    const QString id = call.captures.at(0);
    if (const std::optional<FortnoxEmulatorFileTree::Folder> folder = tree(call.tree).folder(id))
        return reply(call, 200, { { QStringLiteral("Folder"), folderRecord(call.tree, *folder) } }, FolderItems);
    const std::optional<FortnoxEmulatorFileTree::File> file = tree(call.tree).file(id);
    if (!file)
        return fail(call, FortnoxEmulatorError::notFound(QStringLiteral("Kan inte hitta filen eller mappen.")));
    streamFile(call, *file);
}

void FortnoxEmulator::streamFile(const Call& call, const FortnoxEmulatorFileTree::File& file) const
{
    static const QMimeDatabase mimeTypes;
    call.exchange->respond(EmulatorResponse::fileRange(
        200, file.blobPath, 0, file.size,
        mimeTypes.mimeTypeForFile(file.name, QMimeDatabase::MatchExtension).name().toLatin1()));
}

QString FortnoxEmulator::targetFolder(const Call& call)
{
    const EmulatorRequest& request = call.exchange->request();
    QString folderId = FortnoxEmulatorFileTree::rootId();
    if (const std::optional<QString> id = queryField(request, QStringLiteral("folderid"))) {
        folderId = tree(call.tree).folder(*id) ? *id : QString();
    } else if (const std::optional<QString> path = queryField(request, QStringLiteral("path"))) {
        folderId = tree(call.tree).folderIdForPath(*path);
    }
    if (folderId.isEmpty())
        fail(call, FortnoxEmulatorError::notFound(QStringLiteral("Kan inte hitta mappen.")));
    return folderId;
}

void FortnoxEmulator::upload(const Call& call)
{
    const EmulatorRequest& request = call.exchange->request();
    const QByteArray contentType = request.header(QByteArrayLiteral("Content-Type"));
    if (!EmulatorMultipartForm::isMultipartFormData(contentType))
        return fail(call, FortnoxEmulatorError::invalidContentType());
    const QString folderId = targetFolder(call);
    if (folderId.isEmpty())
        return;
    if (request.body().size() > m_maxUploadBytes)
        return fail(call,
                    FortnoxEmulatorError::badRequest(
                        2001392, QStringLiteral("Filen är för stor, högst %1 byte tillåts.").arg(m_maxUploadBytes)));
    const std::optional<QList<EmulatorMultipartForm::Part>> parts
        = EmulatorMultipartForm::parse(contentType, request.body());
    if (!parts)
        return fail(call, FortnoxEmulatorError::badData());
    const auto part = std::find_if(parts->begin(), parts->end(), [](const EmulatorMultipartForm::Part& candidate) {
        return candidate.name == QLatin1String("file") && candidate.hasFileName;
    });
    if (part == parts->end())
        return fail(call, FortnoxEmulatorError::badData());
    if (const QString problem = nameProblem(part->fileName); !problem.isEmpty())
        return fail(call, FortnoxEmulatorError::badRequest(2000359, problem));
    // The content goes to disk straight from the request, in chunks, and is never copied into the tree.
    QBuffer source;
    source.setData(part->data);
    source.open(QIODevice::ReadOnly);
    const std::optional<FortnoxEmulatorFileTree::File> stored
        = tree(call.tree).storeFile(folderId, part->fileName, source, call.tree == Tree::Archive);
    if (!stored)
        return fail(call, FortnoxEmulatorError::systemException());
    reply(call, 201, { { QStringLiteral("File"), fileRecord(call.tree, *stored) } });
}

void FortnoxEmulator::deleteById(const Call& call)
{
    FortnoxEmulatorFileTree& files = tree(call.tree);
    const QString id = call.captures.at(0);
    if (const std::optional<FortnoxEmulatorFileTree::Folder> folder = files.folder(id)) {
        if (!files.removeFolder(id))
            return fail(call,
                        FortnoxEmulatorError::badRequest(
                            2000588, QStringLiteral("Mappen \"%1\" kan inte tas bort.").arg(folder->name)));
        return call.exchange->respond(EmulatorResponse(204));
    }
    const std::optional<FortnoxEmulatorFileTree::File> file = files.file(id);
    if (!file)
        return fail(call, FortnoxEmulatorError::notFound(QStringLiteral("Kan inte hitta filen eller mappen.")));
    if (m_ledger.isConnected(file->archiveFileId))
        return fail(
            call, FortnoxEmulatorError::badRequest(2000588, QStringLiteral("Filen är kopplad och kan inte tas bort.")));
    files.removeFile(id);
    call.exchange->respond(EmulatorResponse(204));
}

void FortnoxEmulator::deleteByPath(const Call& call)
{
    const std::optional<QString> path = queryField(call.exchange->request(), QStringLiteral("path"));
    if (!path)
        return fail(call, FortnoxEmulatorError::invalidParameter());
    FortnoxEmulatorFileTree& files = tree(call.tree);
    Call byId = call;
    const QString folderId = files.folderIdForPath(*path);
    if (!folderId.isEmpty()) {
        byId.captures = QStringList { folderId };
        return deleteById(byId);
    }
    // A path may also end in a file's name.
    if (const std::optional<FortnoxEmulatorFileTree::File> file = files.fileForPath(*path)) {
        byId.captures = QStringList { file->id };
        return deleteById(byId);
    }
    fail(call, FortnoxEmulatorError::notFound(QStringLiteral("Kan inte hitta filen eller mappen.")));
}

std::optional<QPair<int, int>> FortnoxEmulator::paging(const Call& call) const
{
    const EmulatorRequest& request = call.exchange->request();
    const auto number = [&request](const QString& name, int fallback, int maximum) -> std::optional<int> {
        const std::optional<QString> text = queryField(request, name);
        if (!text)
            return fallback;
        bool ok = false;
        const int value = text->toInt(&ok);
        return ok && value >= 1 && value <= maximum ? std::optional<int>(value) : std::nullopt;
    };
    const std::optional<int> page = number(QStringLiteral("page"), 1, std::numeric_limits<int>::max());
    const std::optional<int> limit = number(QStringLiteral("limit"), m_pageSize, MaxPageSize);
    if (!page || !limit) {
        fail(call, FortnoxEmulatorError::invalidParameter());
        return std::nullopt;
    }
    return QPair<int, int>(*page, *limit);
}

QJsonObject FortnoxEmulator::page(const QString& listName, const QJsonArray& items, QPair<int, int> paging) const
{
    const auto [page, limit] = paging;
    const qsizetype first = qsizetype(page - 1) * limit;
    QJsonArray slice;
    for (qsizetype i = first; i < items.size() && i < first + limit; ++i)
        slice.append(items.at(i));
    const qsizetype pages = qMax<qsizetype>(1, (items.size() + limit - 1) / limit);
    return { { QStringLiteral("MetaInformation"),
               QJsonObject { { QStringLiteral("@TotalResources"), items.size() },
                             { QStringLiteral("@TotalPages"), pages },
                             { QStringLiteral("@CurrentPage"), page } } },
             { listName, slice } };
}

void FortnoxEmulator::listSupplierInvoices(const Call& call)
{
    const std::optional<QPair<int, int>> pageAndLimit = paging(call);
    if (!pageAndLimit)
        return;
    QJsonArray items;
    for (const Ledger::SupplierInvoice& invoice : m_ledger.supplierInvoices()) {
        const QString number = QString::number(invoice.givenNumber);
        items.append(QJsonObject {
            { QStringLiteral("@url"), QString(baseUrl().toString() + QStringLiteral("/3/supplierinvoices/") + number) },
            { QStringLiteral("Balance"), invoice.booked ? 0.0 : invoice.total },
            { QStringLiteral("Booked"), invoice.booked },
            { QStringLiteral("Cancelled"), false },
            { QStringLiteral("Currency"), invoice.currency },
            { QStringLiteral("DueDate"), dateText(invoice.dueDate) },
            { QStringLiteral("GivenNumber"), number },
            { QStringLiteral("InvoiceDate"), dateText(invoice.invoiceDate) },
            { QStringLiteral("InvoiceNumber"), invoice.invoiceNumber },
            { QStringLiteral("OCR"), invoice.ocr },
            { QStringLiteral("SupplierName"), invoice.supplierName },
            { QStringLiteral("SupplierNumber"), invoice.supplierNumber },
            { QStringLiteral("Total"), invoice.total } });
    }
    reply(call, 200, page(QStringLiteral("SupplierInvoices"), items, *pageAndLimit),
          { { QStringLiteral("SupplierInvoices"), QStringLiteral("SupplierInvoiceSubset") } });
}

void FortnoxEmulator::listVouchers(const Call& call)
{
    const std::optional<QPair<int, int>> pageAndLimit = paging(call);
    if (!pageAndLimit)
        return;
    // Without financialyear, the year of today, as Fortnox picks it.
    int year = 0;
    if (const std::optional<QString> text = queryField(call.exchange->request(), QStringLiteral("financialyear"))) {
        bool ok = false;
        year = text->toInt(&ok);
        if (!ok || !m_ledger.financialYear(year))
            return fail(call, FortnoxEmulatorError::invalidParameter());
    } else if (const std::optional<Ledger::FinancialYear> current = m_ledger.financialYearOf(now().date())) {
        year = current->id;
    }
    QJsonArray items;
    for (const Ledger::Voucher& voucher : m_ledger.vouchers()) {
        if (voucher.year != year)
            continue;
        items.append(QJsonObject { { QStringLiteral("@url"),
                                     QString(baseUrl().toString()
                                             + QStringLiteral("/3/vouchers/%1/%2?financialyear=%3")
                                                   .arg(voucher.series)
                                                   .arg(voucher.number)
                                                   .arg(voucher.year)) },
                                   { QStringLiteral("Description"), voucher.description },
                                   { QStringLiteral("ReferenceNumber"), QString() },
                                   { QStringLiteral("ReferenceType"), QStringLiteral("MANUAL") },
                                   { QStringLiteral("TransactionDate"), dateText(voucher.transactionDate) },
                                   { QStringLiteral("VoucherNumber"), voucher.number },
                                   { QStringLiteral("VoucherSeries"), voucher.series },
                                   { QStringLiteral("Year"), voucher.year } });
    }
    reply(call, 200, page(QStringLiteral("Vouchers"), items, *pageAndLimit),
          { { QStringLiteral("Vouchers"), QStringLiteral("VoucherSubset") } });
}

void FortnoxEmulator::listFinancialYears(const Call& call)
{
    const std::optional<QPair<int, int>> pageAndLimit = paging(call);
    if (!pageAndLimit)
        return;
    std::optional<QDate> date;
    if (const std::optional<QString> text = queryField(call.exchange->request(), QStringLiteral("date"))) {
        date = QDate::fromString(*text, Qt::ISODate);
        if (!date->isValid())
            return fail(call, FortnoxEmulatorError::invalidParameter());
    }
    QJsonArray items;
    for (const Ledger::FinancialYear& year : m_ledger.financialYears()) {
        if (date && (*date < year.from || *date > year.to))
            continue;
        items.append(QJsonObject {
            { QStringLiteral("@url"),
              QString(baseUrl().toString() + QStringLiteral("/3/financialyears/") + QString::number(year.id)) },
            { QStringLiteral("AccountChartType"), QStringLiteral("BAS %1").arg(year.from.year()) },
            { QStringLiteral("AccountingMethod"), QStringLiteral("ACCRUAL") },
            { QStringLiteral("FromDate"), dateText(year.from) },
            { QStringLiteral("Id"), year.id },
            { QStringLiteral("ToDate"), dateText(year.to) } });
    }
    reply(call, 200, page(QStringLiteral("FinancialYears"), items, *pageAndLimit),
          { { QStringLiteral("FinancialYears"), QStringLiteral("FinancialYearSubset") } });
}

QJsonObject FortnoxEmulator::connectionRecord(const Ledger::Connection& connection) const
{
    const QString id = QString::fromLatin1(QUrl::toPercentEncoding(connection.fileId));
    if (connection.target == Target::SupplierInvoice) {
        const std::optional<Ledger::SupplierInvoice> invoice
            = m_ledger.supplierInvoice(connection.supplierInvoiceNumber);
        return { { QStringLiteral("@url"),
                   QString(baseUrl().toString() + QStringLiteral("/3/supplierinvoicefileconnections/") + id) },
                 { QStringLiteral("FileId"), connection.fileId },
                 { QStringLiteral("Name"), connection.name },
                 { QStringLiteral("SupplierInvoiceNumber"), QString::number(connection.supplierInvoiceNumber) },
                 { QStringLiteral("SupplierName"), invoice ? invoice->supplierName : QString() } };
    }
    const std::optional<Ledger::Voucher> voucher
        = m_ledger.voucher(connection.voucherSeries, connection.voucherNumber, connection.voucherYear);
    return { { QStringLiteral("@url"),
               QString(baseUrl().toString() + QStringLiteral("/3/voucherfileconnections/") + id) },
             { QStringLiteral("FileId"), connection.fileId },
             { QStringLiteral("VoucherDescription"), voucher ? voucher->description : QString() },
             { QStringLiteral("VoucherNumber"), connection.voucherNumber },
             { QStringLiteral("VoucherSeries"), connection.voucherSeries },
             { QStringLiteral("VoucherYear"), connection.voucherYear } };
}

QString FortnoxEmulator::connectedFolder(Target target, const QDate& date)
{
    const QString yearId = QStringLiteral("fndoc%1").arg(date.year());
    if (!m_archive.folder(yearId))
        m_archive.addFolder({ yearId, yearId, mailAddress(yearId), FortnoxEmulatorFileTree::rootId(), true });
    const QString monthId = QStringLiteral("fndoc%1%2")
                                .arg(date.toString(QStringLiteral("yyyyMM")),
                                     target == Target::SupplierInvoice ? QStringLiteral("l") : QStringLiteral("v"));
    if (!m_archive.folder(monthId))
        m_archive.addFolder({ monthId, monthId, mailAddress(monthId), yearId, true });
    return monthId;
}

void FortnoxEmulator::connectFile(const Call& call, Ledger::Connection connection, const QDate& date)
{
    const std::optional<FortnoxEmulatorFileTree::File> file = m_inbox.file(connection.fileId);
    if (m_ledger.isConnected(connection.fileId))
        return fail(call, FortnoxEmulatorError::badRequest(2000588, QStringLiteral("Filen är redan kopplad.")));
    // The inbox file's Id only: its ArchiveFileId, or any other id, is a file the inbox does not have.
    if (!file)
        return fail(call, FortnoxEmulatorError::badRequest(2000423, QStringLiteral("Kan inte hitta filen.")));
    // Fortnox connects files from the inbox itself and its three bookkeeping folders
    // (https://support.fortnox.se/hc/sv/articles/208330285-Inbox).
    const QStringList connectable { FortnoxEmulatorFileTree::rootId(), QStringLiteral("inbox_d"),
                                    QStringLiteral("inbox_s"), QStringLiteral("inbox_v") };
    if (!connectable.contains(file->folderId))
        return fail(
            call,
            FortnoxEmulatorError::badRequest(2000588, QStringLiteral("Filer i den här mappen kan inte kopplas.")));
    const FortnoxEmulatorFileTree::File moved = *m_inbox.takeFile(file->id);
    // It keeps its Id: the connection's FileId reads it from the archive, as Fortnox's SDK does
    // (https://github.com/softwerkab/fortnox-csharp-api-sdk/discussions/295); ?fileid= takes its ArchiveFileId.
    m_archive.adoptFile(moved, connectedFolder(connection.target, date), moved.id);
    connection.archiveFileId = moved.archiveFileId;
    connection.name = moved.name;
    m_ledger.addConnection(connection);
    const QString root = connection.target == Target::SupplierInvoice ? QStringLiteral("SupplierInvoiceFileConnection")
                                                                      : QStringLiteral("VoucherFileConnection");
    reply(call, 201, { { root, connectionRecord(connection) } });
}

void FortnoxEmulator::createSupplierInvoiceConnection(const Call& call)
{
    const std::optional<QJsonObject> body
        = Format::readRecord(call.exchange->request(), QStringLiteral("SupplierInvoiceFileConnection"));
    if (!body)
        return fail(call, FortnoxEmulatorError::badData());
    const QString fileId = body->value(QStringLiteral("FileId")).toString();
    const std::optional<qint64> number = EmulatorXmlJson::integer(body->value(QStringLiteral("SupplierInvoiceNumber")));
    if (fileId.isEmpty() || !number)
        return fail(call, FortnoxEmulatorError::badData());
    const std::optional<Ledger::SupplierInvoice> invoice = m_ledger.supplierInvoice(int(*number));
    if (!invoice)
        return fail(call,
                    FortnoxEmulatorError::badRequest(2000423, QStringLiteral("Kan inte hitta leverantörsfakturan.")));
    Ledger::Connection connection;
    connection.target = Target::SupplierInvoice;
    connection.fileId = fileId;
    connection.supplierInvoiceNumber = invoice->givenNumber;
    connectFile(call, connection, invoice->invoiceDate);
}

void FortnoxEmulator::createVoucherConnection(const Call& call)
{
    const std::optional<QJsonObject> body
        = Format::readRecord(call.exchange->request(), QStringLiteral("VoucherFileConnection"));
    if (!body)
        return fail(call, FortnoxEmulatorError::badData());
    const QString fileId = body->value(QStringLiteral("FileId")).toString();
    const QString series = body->value(QStringLiteral("VoucherSeries")).toString();
    const std::optional<qint64> number = EmulatorXmlJson::integer(body->value(QStringLiteral("VoucherNumber")));
    if (fileId.isEmpty() || series.isEmpty() || !number)
        return fail(call, FortnoxEmulatorError::badData());
    // The year is the financial year's id, from the body, the financialyear parameter or today's year.
    std::optional<qint64> year = EmulatorXmlJson::integer(body->value(QStringLiteral("VoucherYear")));
    if (!year) {
        if (const std::optional<QString> text = queryField(call.exchange->request(), QStringLiteral("financialyear")))
            year = EmulatorXmlJson::integer(*text);
        else if (const std::optional<Ledger::FinancialYear> current = m_ledger.financialYearOf(now().date()))
            year = current->id;
    }
    const std::optional<Ledger::Voucher> voucher
        = year ? m_ledger.voucher(series, int(*number), int(*year)) : std::nullopt;
    if (!voucher)
        return fail(call, FortnoxEmulatorError::badRequest(2000423, QStringLiteral("Kan inte hitta verifikationen.")));
    Ledger::Connection connection;
    connection.target = Target::Voucher;
    connection.fileId = fileId;
    connection.voucherSeries = voucher->series;
    connection.voucherNumber = voucher->number;
    connection.voucherYear = voucher->year;
    connectFile(call, connection, voucher->transactionDate);
}

void FortnoxEmulator::listSupplierInvoiceConnections(const Call& call)
{
    const std::optional<QPair<int, int>> pageAndLimit = paging(call);
    if (!pageAndLimit)
        return;
    const std::optional<QString> number = queryField(call.exchange->request(), QStringLiteral("supplierinvoicenumber"));
    QJsonArray items;
    for (const Ledger::Connection& connection : m_ledger.connections(Target::SupplierInvoice)) {
        if (!number || *number == QString::number(connection.supplierInvoiceNumber))
            items.append(connectionRecord(connection));
    }
    reply(call, 200, page(QStringLiteral("SupplierInvoiceFileConnections"), items, *pageAndLimit),
          { { QStringLiteral("SupplierInvoiceFileConnections"),
              QStringLiteral("SupplierInvoiceFileConnectionSubset") } });
}

void FortnoxEmulator::listVoucherConnections(const Call& call)
{
    const std::optional<QPair<int, int>> pageAndLimit = paging(call);
    if (!pageAndLimit)
        return;
    const EmulatorRequest& request = call.exchange->request();
    const std::optional<QString> series = queryField(request, QStringLiteral("voucherseries"));
    const std::optional<QString> year = queryField(request, QStringLiteral("financialyear"));
    QJsonArray items;
    for (const Ledger::Connection& connection : m_ledger.connections(Target::Voucher)) {
        if ((!series || series->compare(connection.voucherSeries, Qt::CaseInsensitive) == 0)
            && (!year || *year == QString::number(connection.voucherYear)))
            items.append(connectionRecord(connection));
    }
    reply(call, 200, page(QStringLiteral("VoucherFileConnections"), items, *pageAndLimit),
          { { QStringLiteral("VoucherFileConnections"), QStringLiteral("VoucherFileConnectionSubset") } });
}

void FortnoxEmulator::getConnection(const Call& call)
{
    const Target target = call.captures.at(0) == QLatin1String("voucher") ? Target::Voucher : Target::SupplierInvoice;
    const std::optional<Ledger::Connection> connection = m_ledger.connection(target, call.captures.at(1));
    if (!connection)
        return fail(call, FortnoxEmulatorError::notFound(QStringLiteral("Kan inte hitta kopplingen.")));
    const QString root = target == Target::SupplierInvoice ? QStringLiteral("SupplierInvoiceFileConnection")
                                                           : QStringLiteral("VoucherFileConnection");
    reply(call, 200, { { root, connectionRecord(*connection) } });
}

void FortnoxEmulator::deleteConnection(const Call& call)
{
    const Target target = call.captures.at(0) == QLatin1String("voucher") ? Target::Voucher : Target::SupplierInvoice;
    // The file stays where connecting put it, in the archive.
    if (!m_ledger.removeConnection(target, call.captures.at(1)))
        return fail(call, FortnoxEmulatorError::notFound(QStringLiteral("Kan inte hitta kopplingen.")));
    call.exchange->respond(EmulatorResponse(204));
}
