#include "KashflowStore.h"

#include "FileKind.h"
#include "HttpCall.h"
#include "KashflowError.h"
#include "KashflowPayload.h"
#include "NameRules.h"
#include "OAuthSupport.h"
#include "RemoteOperation.h"
#include "SecretStore.h"
#include "WholeFileDownload.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

namespace {
// How many numbered names an upload tries when its name is taken; KashFlow keeps no numbered copies itself.
constexpr int NumberedNames = 50;

// Only KashFlow's record of a stored file says that it is stored.
bool isFileRecord(const HttpResponse& response)
{
    return !Attachment::fromKashFlowJson(KashflowPayload::read(response).toObject()).name.isEmpty();
}

// The field that holds an entity's key in KashFlow's lists, and the form field an upload names it in.
QString keyField(EntityType type)
{
    switch (type) {
    case EntityType::Customers:
        return QStringLiteral("Code");
    case EntityType::BankAccounts:
        return QStringLiteral("Name");
    default:
        return QStringLiteral("Number");
    }
}

QByteArray formField(const QByteArray& boundary, const QByteArray& name, const QByteArray& value)
{
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}

// A quoted-string for a header: quotes and backslashes escaped, the rest as UTF-8.
QByteArray quoted(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + bytes + '"';
}
} // namespace

QString KashflowStore::baseUrlProblem(const QUrl& baseUrl)
{
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        return tr("“%1” is not a valid KashFlow address.").arg(baseUrl.toString());
    if (!isAcceptableLink(baseUrl))
        return tr("KashFlow must be reached over https, not “%1”.").arg(baseUrl.toDisplayString());
    return {};
}

KashflowStore::KashflowStore(const QUrl& baseUrl, const QString& userName, QObject* parent)
    : RemoteStore(parent)
    , m_baseUrl(baseUrl)
    , m_userName(userName)
{
    m_session = new KashflowSession(network(), baseUrl);
    m_session->moveToThread(networkContext()->thread());
    connect(networkContext(), &QObject::destroyed, m_session, &QObject::deleteLater);
    connect(m_session, &RequestAuthenticator::signedOut, this, &KashflowStore::signInRequired);
}

KashflowStore::~KashflowStore()
{
    // The network thread runs code that reads this object's members: stop it before they go.
    stopNetworkThread();
}

void KashflowStore::setSession(const QString& token, const KashflowSession::Credentials& remembered)
{
    QMetaObject::invokeMethod(m_session, [session = m_session, token, remembered] {
        session->setSessionToken(token);
        session->setCredentials(remembered);
    });
}

void KashflowStore::useKeychainCredentials(const QString& userName)
{
    const QString key = keychainKey(userName);
    KashflowSession* session = m_session;
    // Asked on the network thread, and answered there: SecretStore does the crossing to the keychain.
    auto loader = [key, userName, session](KashflowSession::LoadedCredentials done) {
        SecretStore::readSecret(key, session, [userName, done](const SecretStore::Result& result) {
            // The secret holds the password and the memorable word, as JSON; the user name is not secret.
            const QJsonObject secret = QJsonDocument::fromJson(result.secret.toUtf8()).object();
            const KashflowSession::Credentials credentials { userName,
                                                             secret.value(QLatin1String("password")).toString(),
                                                             secret.value(QLatin1String("memorableWord")).toString() };
            done(credentials, result.ok || result.notFound ? QString() : result.errorString);
        });
    };
    QMetaObject::invokeMethod(m_session, [session, loader] { session->setCredentialsLoader(loader); });
}

void KashflowStore::rememberCredentials(const KashflowSession::Credentials& credentials, QObject* context,
                                        SecretStore::Callback done)
{
    // The user name is not secret: it is the key, and the setting that names the account.
    const QJsonObject secret { { QStringLiteral("password"), credentials.password },
                               { QStringLiteral("memorableWord"), credentials.memorableWord } };
    SecretStore::writeSecret(keychainKey(credentials.userName),
                             QString::fromUtf8(QJsonDocument(secret).toJson(QJsonDocument::Compact)), context,
                             std::move(done));
}

void KashflowStore::forgetCredentials(const QString& userName, QObject* context, SecretStore::Callback done)
{
    SecretStore::removeSecret(keychainKey(userName), context, std::move(done));
}

QString KashflowStore::displayName() const
{
    return tr("KashFlow");
}

Store::Operations KashflowStore::supportedOperations() const
{
    return Operation::ListEntities | Operation::ListAttachments | Operation::Upload | Operation::Download
        | Operation::Delete | Operation::Thumbnail;
}

QUrl KashflowStore::route(const QStringList& segments) const
{
    QString path = m_baseUrl.path(QUrl::FullyEncoded);
    for (const QString& segment : segments)
        path += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(segment));
    QUrl url = m_baseUrl;
    url.setPath(path, QUrl::StrictMode);
    return url;
}

QUrl KashflowStore::filesUrl(const EntityRef& entity, const QString& name) const
{
    QStringList segments { EntityTypes::urlName(entity.type), entity.id, QStringLiteral("files") };
    if (!name.isEmpty())
        segments.append(name);
    return route(segments);
}

HttpRequest KashflowStore::request(const QByteArray& method, const QUrl& url) const
{
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.setHeader(QByteArrayLiteral("Accept"), KashflowPayload::accept(m_format));
    request.isExpectedAnswer = PayloadFormats::isServiceAnswer;
    return request;
}

HttpRequest KashflowStore::linkRequest(const QUrl& link)
{
    HttpRequest request;
    request.method = "GET";
    request.url = link;
    // Signed: the link itself is the permission. What comes is the file's own bytes.
    request.authorized = false;
    return request;
}

HttpCall* KashflowStore::newCall(RemoteOperation* operation, const HttpRequest& request)
{
    auto* call = new HttpCall(network(), request, request.authorized ? m_session : nullptr, operation);
    connect(operation, &RemoteOperation::cancelled, call, &HttpCall::abort);
    return call;
}

void KashflowStore::call(RemoteOperation* operation, const HttpRequest& request,
                         std::function<void(const HttpResponse&)> done)
{
    HttpCall* call = newCall(operation, request);
    connect(call, &HttpCall::finished, operation, [operation, call, done](const HttpResponse& response) {
        call->deleteLater();
        if (response.isSuccess()) {
            done(response);
            return;
        }
        const KashflowError error = KashflowError::fromResponse(response);
        operation->fail(error.code(), error.message());
    });
    call->start();
}

QList<EntityType> KashflowStore::entityTypes() const
{
    // KashFlow has no Inbox: unsorted documents stay in the local folder or Dropbox.
    return { EntityType::Quotes, EntityType::Invoices, EntityType::Purchases, EntityType::Customers,
             EntityType::BankAccounts };
}

StoreReply* KashflowStore::listEntities(EntityType type)
{
    if (type == EntityType::Inbox)
        return startOperation(
            [](RemoteOperation* operation) { operation->succeed([](StoreReply* reply) { reply->setEntities({}); }); });
    const QUrl url = route({ EntityTypes::urlName(type) });
    return startOperation([this, type, url](RemoteOperation* operation) { listPage(operation, type, url, {}); });
}

void KashflowStore::listPage(RemoteOperation* operation, EntityType type, const QUrl& url, QList<Entity> entities)
{
    HttpRequest get = request("GET", url);
    get.isExpectedAnswer = [](const HttpResponse& response) {
        return KashflowPayload::read(response).toObject().value(QLatin1String("Data")).isArray();
    };
    call(operation, get, [this, operation, type, entities](const HttpResponse& response) mutable {
        const QJsonObject page = KashflowPayload::read(response).toObject();
        const QJsonArray data = page.value(QLatin1String("Data")).toArray();
        for (const QJsonValue& item : data) {
            const QString key = item.toObject().value(keyField(type)).toVariant().toString();
            // A key that cannot be one path component is left out rather than shown.
            if (NameRules::problem(key).isEmpty())
                entities.append(Entity { EntityRef { type, key }, -1 });
        }
        const QUrl next(
            page.value(QLatin1String("MetaData")).toObject().value(QLatin1String("NextPageUrl")).toString());
        // The next page is on KashFlow's own host, never elsewhere.
        if (next.isValid() && !next.isEmpty() && next.scheme() == m_baseUrl.scheme() && next.host() == m_baseUrl.host()
            && next.port() == m_baseUrl.port()) {
            listPage(operation, type, next, entities);
            return;
        }
        operation->succeed([entities](StoreReply* reply) { reply->setEntities(entities); });
    });
}

StoreReply* KashflowStore::createEntity(const EntityRef&)
{
    return unsupported(tr("Records cannot be created in KashFlow from Attaché. Create them in KashFlow."));
}

StoreReply* KashflowStore::listAttachments(const EntityRef& entity)
{
    const QUrl url = filesUrl(entity);
    return startNamed(problemWith(entity), [this, url](RemoteOperation* operation) {
        HttpRequest get = request("GET", url);
        get.isExpectedAnswer = [](const HttpResponse& response) { return KashflowPayload::read(response).isArray(); };
        call(operation, get, [operation](const HttpResponse& response) {
            QList<Attachment> attachments;
            const QJsonArray records = KashflowPayload::read(response).toArray();
            for (const QJsonValue& record : records) {
                const Attachment attachment = Attachment::fromKashFlowJson(record.toObject());
                // A name from the server is never used as a path: one that could not be a file name is left out.
                if (NameRules::problem(attachment.name).isEmpty())
                    attachments.append(attachment);
            }
            operation->succeed([attachments](StoreReply* reply) { reply->setAttachments(attachments); });
        });
    });
}

StoreReply* KashflowStore::upload(const QString& localPath, const EntityRef& target, const QString& name,
                                  const QByteArray&)
{
    // KashFlow cannot carry on an interrupted upload: each attempt sends the whole file.
    return startNamed(problemWith(target, name), [this, localPath, target, name](RemoteOperation* operation) {
        sendFile(operation, localPath, target, name, 0);
    });
}

void KashflowStore::sendFile(RemoteOperation* operation, const QString& localPath, const EntityRef& target,
                             const QString& name, int attempt)
{
    const QString sentName = attempt == 0 ? name : NameRules::numbered(name, attempt);
    const QFileInfo file(localPath);
    if (!file.isFile()) {
        operation->fail(StoreReply::Error::NotFound, tr("“%1” no longer exists.").arg(file.fileName()));
        return;
    }
    HttpRequest form = request("POST", route({ EntityTypes::urlName(target.type), QStringLiteral("files") }));
    const QByteArray boundary = "attache-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    form.setHeader(QByteArrayLiteral("Content-Type"), "multipart/form-data; boundary=" + boundary);
    form.bodyFilePath = localPath;
    form.bodyFileLength = file.size();
    form.bodyAfterFile = "\r\n--" + boundary + "--\r\n";
    // Sent again after it landed, it would meet its own name and be stored once more under a numbered one.
    form.repeatable = false;
    form.isExpectedAnswer = isFileRecord;
    const QByteArray keyName = keyField(target.type) == QLatin1String("Number") ? "number" : "code";
    const QString mime = FileKind::mimeTypeName(sentName);
    HttpCall* call = newCall(operation, form);
    // The session token goes in the form, in the first field as KashFlow requires; it is the one the session
    // holds when the attempt is sent, a fresh one after a silent sign-in again.
    call->setBodySink({ [this, boundary, keyName, target, sentName, mime](HttpRequest& request) {
                           request.bodyBeforeFile
                               = formField(boundary, "sessiontoken", m_session->sessionToken().toUtf8())
                               + formField(boundary, keyName, target.id.toUtf8()) + "--" + boundary
                               + "\r\nContent-Disposition: form-data; name=\"file\"; filename=" + quoted(sentName)
                               + "\r\nContent-Type: " + mime.toLatin1() + "\r\n\r\n";
                       },
                        {},
                        {} });
    connect(call, &HttpCall::uploadProgress, operation, &RemoteOperation::reportProgress);
    connect(call, &HttpCall::finished, operation,
            [this, operation, call, localPath, target, name, attempt](const HttpResponse& response) {
                call->deleteLater();
                if (response.isSuccess()) {
                    const Attachment attachment
                        = Attachment::fromKashFlowJson(KashflowPayload::read(response).toObject());
                    operation->succeed([attachment](StoreReply* reply) { reply->setAttachments({ attachment }); });
                    return;
                }
                const KashflowError error = KashflowError::fromResponse(response);
                // Nothing is overwritten: a taken name gets the next numbered one.
                if (error.name() == QLatin1String("FileAlreadyExists") && attempt < NumberedNames) {
                    sendFile(operation, localPath, target, name, attempt + 1);
                    return;
                }
                operation->fail(error.code(), error.message());
            });
    call->start();
}

void KashflowStore::fetchRecord(RemoteOperation* operation, const AttachmentRef& attachment,
                                std::function<void(const Attachment&)> done)
{
    call(operation, request("GET", filesUrl(attachment.entity, attachment.name)), [done](const HttpResponse& response) {
        done(Attachment::fromKashFlowJson(KashflowPayload::read(response).toObject()));
    });
}

bool KashflowStore::isAcceptableLink(const QUrl& url)
{
    return url.isValid() && (url.scheme() == QLatin1String("https") || OAuthSupport::isLoopback(url));
}

StoreReply* KashflowStore::download(const AttachmentRef& attachment, const QString& localPath, const QByteArray&,
                                    ExistingFile existing)
{
    return startNamed(
        problemWith(attachment.entity, attachment.name),
        [this, attachment, localPath, existing](RemoteOperation* operation) {
            fetchRecord(
                operation, attachment, [this, operation, attachment, localPath, existing](const Attachment& record) {
                    const QUrl link(record.fileUri);
                    if (!isAcceptableLink(link)) {
                        operation->fail(StoreReply::Error::Server,
                                        tr("KashFlow gave no usable link to “%1”.").arg(attachment.name));
                        return;
                    }
                    WholeFileDownload download(localPath, existing);
                    HttpRequest get = linkRequest(link);
                    get.isExpectedAnswer = WholeFileDownload::isFileNamed(attachment.name);
                    HttpCall* call = newCall(operation, get);
                    call->setBodySink(download.sink());
                    connect(call, &HttpCall::downloadProgress, operation, &RemoteOperation::reportProgress);
                    connect(call, &HttpCall::finished, operation,
                            [operation, call, download, record, attachment](const HttpResponse& response) {
                                call->deleteLater();
                                if (download.discardIfAnswerFailed(response)) {
                                    const KashflowError error = KashflowError::fromResponse(response);
                                    operation->fail(error.code(), error.message());
                                    return;
                                }
                                // KashFlow gives no content hash; the size it lists is what can be checked.
                                const WholeFileDownload::Result saved = download.complete(
                                    record.sizeInBytes,
                                    tr("“%1” arrived damaged from KashFlow and was not saved.").arg(attachment.name));
                                if (saved.error != StoreReply::Error::None) {
                                    operation->fail(saved.error, saved.message);
                                    return;
                                }
                                Attachment stored = record;
                                stored.contentHash = saved.contentHash;
                                operation->succeed([stored](StoreReply* reply) { reply->setAttachments({ stored }); });
                            });
                    call->start();
                });
        });
}

StoreReply* KashflowStore::remove(const AttachmentRef& attachment, const QString&)
{
    // KashFlow's records carry no content hash to compare: the delete is of whatever is there.
    const QUrl url = filesUrl(attachment.entity, attachment.name);
    return startNamed(problemWith(attachment.entity, attachment.name), [this, url](RemoteOperation* operation) {
        call(operation, request("DELETE", url), [operation](const HttpResponse&) { operation->succeed(); });
    });
}

StoreReply* KashflowStore::thumbnail(const AttachmentRef& attachment, const QSize&)
{
    return startNamed(problemWith(attachment.entity, attachment.name), [this, attachment](RemoteOperation* operation) {
        fetchRecord(operation, attachment, [this, operation, attachment](const Attachment& record) {
            const QUrl link(record.thumbnailUri);
            if (!record.isThumbnailAvailable || !isAcceptableLink(link)) {
                operation->fail(StoreReply::Error::Unsupported,
                                tr("KashFlow has no thumbnail of “%1”.").arg(attachment.name));
                return;
            }
            call(operation, linkRequest(link), [operation](const HttpResponse& response) {
                const QByteArray image = response.body;
                operation->succeed([image](StoreReply* reply) { reply->setData(image); });
            });
        });
    });
}

bool KashflowStore::canSendPdf(EntityType type)
{
    return type == EntityType::Quotes || type == EntityType::Invoices || type == EntityType::Purchases;
}

StoreReply* KashflowStore::sendPdfToDropbox(const EntityRef& entity)
{
    if (!canSendPdf(entity.type))
        return unsupported(tr("KashFlow makes PDFs of quotes, invoices and purchases only."));
    const QUrl url = route({ EntityTypes::urlName(entity.type), QStringLiteral("files"), entity.id });
    return startNamed(problemWith(entity), [this, url](RemoteOperation* operation) {
        // A POST without a body, as the API describes it.
        HttpRequest post = request("POST", url);
        post.isExpectedAnswer = isFileRecord;
        call(operation, post, [operation](const HttpResponse& response) {
            const Attachment pdf = Attachment::fromKashFlowJson(KashflowPayload::read(response).toObject());
            operation->succeed([pdf](StoreReply* reply) { reply->setAttachments({ pdf }); });
        });
    });
}

StoreReply* KashflowStore::dropboxAuthentication(const QUrl& redirectUri)
{
    const QUrl url = route({ QStringLiteral("dropbox"), QStringLiteral("authentication") });
    return startOperation([this, url, redirectUri](RemoteOperation* operation) {
        call(operation, request("GET", url), [operation, redirectUri](const HttpResponse& response) {
            QUrl link(KashflowPayload::read(response).toString(), QUrl::StrictMode);
            // A browser is sent there: only to a page over https (or this machine's emulator).
            if (!link.isValid() || link.host().isEmpty() || !isAcceptableLink(link)) {
                operation->fail(StoreReply::Error::Server,
                                tr("KashFlow did not give an address to connect Dropbox with."));
                return;
            }
            // Appended to the query as it is, as the API describes: the query already holds KashFlow's own
            // encoded callback, which must reach Dropbox unchanged.
            if (!redirectUri.isEmpty())
                link = QUrl::fromEncoded(link.toEncoded() + (link.hasQuery() ? "&" : "?") + "redirecturl="
                                             + QUrl::toPercentEncoding(redirectUri.toString(QUrl::FullyEncoded)),
                                         QUrl::StrictMode);
            operation->succeed([link](StoreReply* reply) { reply->setLink(link); });
        });
    });
}

StoreReply* KashflowStore::move(const AttachmentRef&, const EntityRef&)
{
    return unsupported(tr("KashFlow cannot move documents from one record to another."));
}
