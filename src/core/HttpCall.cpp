#include "HttpCall.h"

#include "FileSliceDevice.h"
#include "RequestAuthenticator.h"
#include "RequestThrottle.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace {
constexpr qint64 ReadBufferSize = 1024 * 1024;

// Dropbox puts retry_after in a 429's JSON body when it sends no header.
int retryAfterFromBody(const QByteArray& body)
{
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    const int seconds = error.value(QLatin1String("retry_after")).toInt(-1);
    return seconds < 0 ? -1 : seconds * 1000;
}
} // namespace

HttpCall::HttpCall(QNetworkAccessManager* network, const HttpRequest& request, RequestAuthenticator* authenticator,
                   QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_request(request)
    , m_authenticator(authenticator)
    , m_isRetryable([](const HttpResponse& response) { return response.status >= 500; })
{
    m_idleTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (m_reply) {
            m_timedOut = true;
            m_reply->abort();
        }
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &HttpCall::attempt);
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpCall::setThrottle(RequestThrottle* throttle)
{
    m_throttle = throttle;
}

void HttpCall::start()
{
    attempt();
}

void HttpCall::abort()
{
    if (m_finished)
        return;
    m_retryTimer.stop();
    HttpResponse response;
    response.cancelled = true;
    response.networkError = QNetworkReply::OperationCanceledError;
    response.errorString = tr("Cancelled.");
    finish(response);
}

void HttpCall::attempt()
{
    ++m_attempt;
    if (!m_request.authorized || !m_authenticator) {
        takeTurn();
        return;
    }
    // Credentials first: no place at the throttle is held while a token is renewed.
    m_authenticator->ensureAuthorized(this, [this](const QString& error, bool mayPass) {
        if (m_finished)
            return;
        if (error.isEmpty()) {
            takeTurn();
            return;
        }
        HttpResponse response;
        response.errorString = error;
        if (mayPass) {
            // Like a network failure: waited out, and one in the end if it lasts.
            response.networkError = QNetworkReply::TemporaryNetworkFailureError;
            retryLater(m_policy.backoffDelayMs(m_attempt), error);
            if (!m_retryTimer.isActive())
                finish(response);
            return;
        }
        response.authorizationError = error;
        finish(response);
    });
}

void HttpCall::takeTurn()
{
    if (!m_throttle) {
        send();
        return;
    }
    // A fresh context per attempt: finish() or the destructor deletes it, which drops a turn still awaited.
    m_turn = std::make_unique<QObject>();
    m_throttle->acquire(m_turn.get(), [this] { send(); });
}

void HttpCall::endTurn()
{
    if (m_throttle && m_turn)
        m_throttle->release(m_turn.get());
    m_turn.reset();
}

void HttpCall::send()
{
    HttpRequest attempt = m_request;
    if (m_sink.prepare)
        m_sink.prepare(attempt);
    QNetworkRequest request(attempt.url);
    // Redirects are answers to look at, not to follow: they could lead off the configured hosts.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : std::as_const(attempt.headers))
        request.setRawHeader(name, value);
    if (attempt.authorized && m_authenticator)
        m_authenticator->authorize(request);

    QIODevice* body = nullptr;
    if (!attempt.bodyFilePath.isEmpty()) {
        auto* slice = new FileSliceDevice(attempt.bodyFilePath, attempt.bodyFileOffset, attempt.bodyFileLength,
                                          attempt.bodyBeforeFile, attempt.bodyAfterFile);
        if (!slice->open(QIODevice::ReadOnly)) {
            HttpResponse response;
            response.errorString = slice->errorString();
            response.networkError = QNetworkReply::UnknownContentError;
            delete slice;
            finish(response);
            return;
        }
        request.setHeader(QNetworkRequest::ContentLengthHeader, slice->size());
        body = slice;
    }
    m_body.clear();
    m_received = 0;
    m_timedOut = false;
    m_sinkError.clear();
    m_sinkBegun = false;
    m_notTheAnswer = false;
    m_reply = body ? m_network->sendCustomRequest(request, attempt.method, body)
                   : m_network->sendCustomRequest(request, attempt.method, attempt.body);
    if (body)
        body->setParent(m_reply);
    // A download streams to its sink: bound what Qt may hold ahead of it, or a fast server fills memory.
    // Qt 6.4 drops a limit set before its request has started, so it is set on the next turn.
    if (m_sink.write)
        QMetaObject::invokeMethod(
            m_reply, [reply = m_reply] { reply->setReadBufferSize(ReadBufferSize); }, Qt::QueuedConnection);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpCall::onFinished);
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 done, qint64 total) {
        touch();
        emit uploadProgress(done, total);
    });
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 done, qint64 total) {
        touch();
        emit downloadProgress(done, total);
    });
    touch();
}

void HttpCall::touch()
{
    if (m_request.idleTimeoutMs > 0)
        m_idleTimer.start(m_request.idleTimeoutMs);
}

void HttpCall::onReadyRead()
{
    // Stopped by the sink (abort() closes the reply and finishes it at once): nothing more to read.
    if (!m_reply->isOpen())
        return;
    touch();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool toSink = m_sink.write && status >= 200 && status < 300;
    const qint64 available = m_reply->bytesAvailable();
    m_received += available;
    if (!toSink) {
        m_body += m_reply->readAll();
        return;
    }
    if (!m_sinkError.isEmpty())
        return;
    if (!m_sinkBegun) {
        const HttpResponse head = responseOf(m_reply);
        if (m_request.isExpectedAnswer && !m_request.isExpectedAnswer(head)) {
            m_notTheAnswer = true;
            m_reply->abort();
            return;
        }
        m_sinkBegun = true;
        if (m_sink.begin)
            m_sinkError = m_sink.begin(head);
    }
    if (m_sinkError.isEmpty() && available > 0)
        m_sinkError = m_sink.write(*m_reply);
    if (!m_sinkError.isEmpty())
        m_reply->abort();
}

HttpResponse HttpCall::responseOf(QNetworkReply* reply) const
{
    HttpResponse response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.networkError = reply->error();
    // An HTTP error status is an answer, not a network failure: keep the status and body for the caller. A success
    // status keeps its error (a body cut short or that could not be decoded), which is retried like a dropped one.
    if (response.status >= 400 && reply->error() > QNetworkReply::UnknownProxyError)
        response.networkError = QNetworkReply::NoError;
    if (response.networkError != QNetworkReply::NoError)
        response.errorString = m_timedOut ? tr("The server stopped responding.") : reply->errorString();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        response.headers.insert(name.toLower(), value);
    response.body = m_body;
    return response;
}

void HttpCall::onFinished()
{
    if (m_finished)
        return;
    // What is left of the body, before the reply is let go.
    onReadyRead();
    m_idleTimer.stop();
    // Answered, or failed: the server counted the request by now if it ever did.
    endTurn();
    QNetworkReply* reply = std::exchange(m_reply, nullptr);
    reply->deleteLater();
    HttpResponse response = responseOf(reply);
    // Qt sometimes ends a reply whose connection closed early without an error: a body shorter than its
    // Content-Length is a dropped connection, and is retried like one.
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (response.networkError == QNetworkReply::NoError && length.isValid() && m_received < length.toLongLong()) {
        response.networkError = QNetworkReply::RemoteHostClosedError;
        response.errorString = tr("The connection closed before the whole answer arrived.");
    }
    if (m_notTheAnswer
        || (response.isSuccess() && !m_sink.write && m_request.isExpectedAnswer
            && !m_request.isExpectedAnswer(response))) {
        response.networkError = QNetworkReply::UnknownContentError;
        response.errorString
            = tr("The answer was not the server's. A network sign-in page or a proxy may be in the way.");
    }

    m_mayHaveBeenCarriedOut |= !wasNotCarriedOut(response);

    if (!m_sinkError.isEmpty()) {
        response.networkError = QNetworkReply::UnknownContentError;
        response.errorString = m_sinkError;
        finish(response);
        return;
    }
    if (!maySendAgain(response)) {
        finish(response);
        return;
    }
    if (response.isNetworkFailure()) {
        retryLater(m_policy.backoffDelayMs(m_attempt), response.errorString);
        if (!m_retryTimer.isActive())
            finish(response);
        return;
    }
    if (response.status == 401 && m_authenticator && m_request.authorized && !m_renewedCredentials
        && m_authenticator->isExpiredCredentials(response)) {
        // Once per call: a second expiry in a row means something else is wrong.
        m_renewedCredentials = true;
        m_authenticator->invalidateCredentialsOf(reply->request());
        --m_attempt;
        attempt();
        return;
    }
    if (response.status == 429) {
        int delay = RetryPolicy::retryAfterMs(response.header("retry-after"));
        if (delay < 0)
            delay = retryAfterFromBody(response.body);
        // No delay named (Fortnox names none): the default and a growing random share, so that calls refused
        // together neither come back together nor keep knocking at the same pace.
        if (delay < 0)
            delay = m_policy.defaultRateLimitDelayMs + m_policy.backoffDelayMs(m_attempt);
        retryLater(delay, tr("The server asked to slow down."));
        if (!m_retryTimer.isActive())
            finish(response);
        return;
    }
    if (m_isRetryable(response)) {
        retryLater(m_policy.backoffDelayMs(m_attempt), tr("The server answered %1.").arg(response.status));
        if (!m_retryTimer.isActive())
            finish(response);
        return;
    }
    finish(response);
}

bool HttpCall::maySendAgain(const HttpResponse& response) const
{
    return m_request.repeatable || wasNotCarriedOut(response);
}

bool HttpCall::wasNotCarriedOut(const HttpResponse& response)
{
    // Answers: a success, or one that says the request was not carried out (a refusal to serve it, a rate limit, a
    // renewal).
    if (!response.isNetworkFailure())
        return response.status < 500 || response.status == 503;
    // Failures before the request could reach the server.
    switch (response.networkError) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return true;
    default:
        return false;
    }
}

void HttpCall::retryLater(int delayMs, const QString& reason)
{
    if (m_attempt >= m_policy.maxAttempts)
        return;
    emit retrying(delayMs, reason);
    m_retryTimer.start(delayMs);
}

void HttpCall::finish(const HttpResponse& response)
{
    if (m_finished)
        return;
    m_finished = true;
    m_idleTimer.stop();
    endTurn();
    if (m_reply) {
        QNetworkReply* reply = std::exchange(m_reply, nullptr);
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    emit finished(response);
}
