#include "EmulatorServer.h"

#include <algorithm>

#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QTimer>

EmulatorServer::EmulatorServer(QObject* parent)
    : QAbstractHttpServer(parent)
{ }

bool EmulatorServer::listen(quint16 port)
{
    m_port = QAbstractHttpServer::listen(QHostAddress::LocalHost, port);
    return m_port != 0;
}

QUrl EmulatorServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void EmulatorServer::addRoute(QHttpServerRequest::Methods methods, const QString& path, const Handler& handler)
{
    m_routes.insert(path, { methods, handler });
}

void EmulatorServer::addPatternRoute(QHttpServerRequest::Methods methods, const QRegularExpression& pattern,
                                     const PatternHandler& handler)
{
    m_patternRoutes.append({ methods, pattern, handler });
}

EmulatorResponse EmulatorServer::faultResponse(const FaultInjector::Fault& fault, const EmulatorRequest&) const
{
    switch (fault.kind) {
    case FaultInjector::Kind::RateLimited:
        return EmulatorResponse::text(429, QStringLiteral("Too Many Requests"));
    case FaultInjector::Kind::ExpiredToken:
        return EmulatorResponse::text(401, QStringLiteral("Unauthorized"));
    default:
        return EmulatorResponse::text(fault.status, QStringLiteral("Server error (injected)"));
    }
}

bool EmulatorServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    if (m_unreachable) {
        // After the server has done with the request, so that the socket goes in one piece.
        QTimer::singleShot(0, socket, [socket] { socket->abort(); });
        return true;
    }
    const EmulatorRequest copy(request);
    m_requests.append({ copy.withoutBody(), copy.body().size() });
    emit requestReceived(copy.path());

    const std::optional<FaultInjector::Fault> fault = m_faults.take(copy.path());
    if (fault && fault->replacesAnswer()) {
        // A portal's page is not the API's wording, so no emulator words it.
        EmulatorResponse response = fault->kind == FaultInjector::Kind::Portal
            ? EmulatorResponse::html(200,
                                     QStringLiteral("<html><body><h1>Welcome to Hotel Wi-Fi</h1>"
                                                    "<form><button>Accept and connect</button></form></body></html>"))
            : faultResponse(*fault, copy);
        if (fault->kind == FaultInjector::Kind::RateLimited)
            response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(fault->retryAfterSeconds));
        EmulatorExchange(socket, copy, std::nullopt).respond(response);
        return true;
    }

    const auto exchange = std::make_shared<EmulatorExchange>(socket, copy, fault);
    const auto route = m_routes.constFind(copy.path());
    if (route == m_routes.constEnd()) {
        if (!dispatchToPattern(exchange, request.method()))
            exchange->respond(EmulatorResponse::text(404, QStringLiteral("Not found: %1").arg(copy.path())));
    } else if (!route->methods.testFlag(request.method())) {
        exchange->respond(EmulatorResponse::text(405, QStringLiteral("Method not allowed")));
    } else {
        route->handler(exchange);
    }
    return true;
}

bool EmulatorServer::dispatchToPattern(const EmulatorExchangePtr& exchange, QHttpServerRequest::Method method)
{
    const QString path = exchange->request().url().path(QUrl::FullyEncoded);
    bool pathMatched = false;
    for (const PatternRoute& route : std::as_const(m_patternRoutes)) {
        const QRegularExpressionMatch match = route.pattern.match(path);
        if (!match.hasMatch() || match.capturedLength(0) != path.size())
            continue;
        pathMatched = true;
        if (route.methods.testFlag(method)) {
            QStringList captures = match.capturedTexts();
            captures.removeFirst();
            route.handler(exchange, captures);
            return true;
        }
    }
    if (pathMatched)
        exchange->respond(EmulatorResponse::text(405, QStringLiteral("Method not allowed")));
    return pathMatched;
}

void EmulatorServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // handleRequest() answers everything itself; this is only here because the base class requires it.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

int EmulatorServer::requestCount(const QString& path, const QByteArray& method) const
{
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(), [&](const LoggedRequest& logged) {
        return logged.request.path() == path && (method.isEmpty() || logged.request.method() == method);
    }));
}
