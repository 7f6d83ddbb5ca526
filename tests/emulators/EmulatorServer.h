#pragma once

#include "EmulatorExchange.h"
#include "EmulatorRequest.h"
#include "EmulatorResponse.h"
#include "FaultInjector.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerRequest>
#include <QList>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

#include <functional>

// The machinery every API emulator shares: a loopback HTTP server with a table of exact routes and of pattern
// routes (for APIs with identifiers in their paths), injected faults applied before a route runs, and a log of the
// requests for tests to inspect.
class EmulatorServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<void(const EmulatorExchangePtr& exchange)>;
    // `captures` are the pattern's capture groups, still percent-encoded (see addPatternRoute()).
    using PatternHandler = std::function<void(const EmulatorExchangePtr& exchange, const QStringList& captures)>;

    struct LoggedRequest
    {
        EmulatorRequest request; // without its body
        qint64 bodySize = 0;
    };

    explicit EmulatorServer(QObject* parent = nullptr);

    // Listens on 127.0.0.1 only; port 0 picks a free one.
    bool listen(quint16 port = 0);
    // "http://127.0.0.1:PORT": the one base URL that stands for all of the service's hosts.
    QUrl baseUrl() const;

    FaultInjector& faults() { return m_faults; }
    // Unreachable, every connection is reset before anything is done, as when the network is gone.
    void setUnreachable(bool unreachable) { m_unreachable = unreachable; }
    QList<LoggedRequest> requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }
    // How many logged requests went to that path, with that method when one is given.
    int requestCount(const QString& path, const QByteArray& method = {}) const;

signals:
    // A request has arrived and been logged, before it is answered: lets a test wait until a client has asked.
    void requestReceived(const QString& path);

protected:
    void addRoute(QHttpServerRequest::Methods methods, const QString& path, const Handler& handler);
    // A route for every path the whole pattern matches, tried in the order added after the exact routes. The
    // pattern sees the path as sent, percent-encoding kept, so that an encoded "/" stays inside its segment: decode
    // each capture on its own. Several patterns may match one path with different methods.
    void addPatternRoute(QHttpServerRequest::Methods methods, const QRegularExpression& pattern,
                         const PatternHandler& handler);

    // The answer to a fault that replaces a route's answer. This one is generic; emulators word theirs in their
    // own API, and may follow the request (the format it asked for). A Retry-After header is added to rate-limit
    // answers whoever words them.
    virtual EmulatorResponse faultResponse(const FaultInjector::Fault& fault, const EmulatorRequest& request) const;

    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct Route
    {
        QHttpServerRequest::Methods methods;
        Handler handler;
    };

    struct PatternRoute
    {
        QHttpServerRequest::Methods methods;
        QRegularExpression pattern;
        PatternHandler handler;
    };

    // True when a pattern route took the request (answered it, or answered 405).
    bool dispatchToPattern(const EmulatorExchangePtr& exchange, QHttpServerRequest::Method method);

    QHash<QString, Route> m_routes;
    QList<PatternRoute> m_patternRoutes;
    FaultInjector m_faults;
    bool m_unreachable = false;
    QList<LoggedRequest> m_requests;
    quint16 m_port = 0;
};
