#include "FaultInjector.h"

#include <QRegularExpression>

bool FaultInjector::Fault::replacesAnswer() const
{
    return kind == Kind::RateLimited || kind == Kind::ServerError || kind == Kind::ExpiredToken || kind == Kind::Portal;
}

FaultInjector::Fault FaultInjector::rateLimited(int retryAfterSeconds, bool jsonBody)
{
    Fault fault;
    fault.kind = Kind::RateLimited;
    fault.retryAfterSeconds = retryAfterSeconds;
    fault.jsonBody = jsonBody;
    return fault;
}

FaultInjector::Fault FaultInjector::serverError(int status)
{
    Fault fault;
    fault.kind = Kind::ServerError;
    fault.status = status;
    return fault;
}

FaultInjector::Fault FaultInjector::expiredToken()
{
    Fault fault;
    fault.kind = Kind::ExpiredToken;
    return fault;
}

FaultInjector::Fault FaultInjector::dropConnection(qint64 afterBytes)
{
    Fault fault;
    fault.kind = Kind::DropConnection;
    fault.afterBytes = afterBytes;
    return fault;
}

FaultInjector::Fault FaultInjector::stall(qint64 afterBytes)
{
    Fault fault = dropConnection(afterBytes);
    fault.kind = Kind::Stall;
    return fault;
}

FaultInjector::Fault FaultInjector::slow(int delayMs)
{
    Fault fault;
    fault.kind = Kind::Slow;
    fault.delayMs = delayMs;
    return fault;
}

FaultInjector::Fault FaultInjector::portal()
{
    Fault fault;
    fault.kind = Kind::Portal;
    return fault;
}

void FaultInjector::add(const QString& route, const Fault& fault, int count)
{
    if (count > 0)
        m_queues[route].append({ fault, count });
}

bool FaultInjector::addSpec(const QString& spec, QString* error)
{
    // The kind is matched lazily so that "expiredx3" splits into "expired" and "x3".
    static const QRegularExpression pattern(QStringLiteral("^([^=]+)=([a-z0-9-]+?)(?::(\\d+))?(?:x(\\d+))?$"));
    const QRegularExpressionMatch match = pattern.match(spec);
    const auto fail = [&](const QString& why) {
        if (error)
            *error = QStringLiteral("Bad fault \"%1\": %2").arg(spec, why);
        return false;
    };
    if (!match.hasMatch())
        return fail(QStringLiteral("expected route=kind[:arg][xCount]"));

    const QString kind = match.captured(2);
    const bool hasArg = match.hasCaptured(3);
    const qint64 arg = match.captured(3).toLongLong();
    const int count = match.hasCaptured(4) ? match.captured(4).toInt() : 1;
    if (count < 1)
        return fail(QStringLiteral("the count must be at least 1"));

    Fault fault;
    if (kind == QLatin1String("429") || kind == QLatin1String("429-text"))
        fault = rateLimited(hasArg ? int(arg) : 1, kind == QLatin1String("429"));
    else if (kind.size() == 3 && kind.startsWith(QLatin1Char('5')) && kind.toInt() > 0 && !hasArg)
        fault = serverError(kind.toInt());
    else if (kind == QLatin1String("expired") && !hasArg)
        fault = expiredToken();
    else if (kind == QLatin1String("drop"))
        fault = dropConnection(arg);
    else if (kind == QLatin1String("stall"))
        fault = stall(arg);
    else if (kind == QLatin1String("slow") && hasArg)
        fault = slow(int(arg));
    else if (kind == QLatin1String("portal") && !hasArg)
        fault = portal();
    else
        return fail(QStringLiteral("unknown kind or argument \"%1\"").arg(kind));
    add(match.captured(1), fault, count);
    return true;
}

QString FaultInjector::specSyntax()
{
    return QStringLiteral(
        "A fault is route=kind[:arg][xCount]: route is a URL path (/2/files/upload) or * for every route, and the "
        "fault applies to the next Count requests to it (default 1). Kinds:\n"
        "  429[:seconds]       429 Too Many Requests with Retry-After (default 1) and a JSON body\n"
        "  429-text[:seconds]  the same with a plain-text body\n"
        "  5xx                 that server error, plain text (500, 503, ...)\n"
        "  expired             401 expired access token\n"
        "  drop[:bytes]        carry out the request, then cut the answer after that many body bytes\n"
        "  stall[:bytes]       carry out the request, then send no more than that many body bytes, and hold on\n"
        "  slow:ms             carry out the request, then answer after that many milliseconds\n"
        "  portal              200 with a Wi-Fi sign-in page instead of the answer, as a captive portal sends\n"
        "Example: --fault /2/files/upload=429:2x3");
}

std::optional<FaultInjector::Fault> FaultInjector::take(const QString& path)
{
    if (const std::optional<Fault> own = takeFrom(path))
        return own;
    return takeFrom(QStringLiteral("*"));
}

void FaultInjector::clear()
{
    m_queues.clear();
}

std::optional<FaultInjector::Fault> FaultInjector::takeFrom(const QString& route)
{
    const auto queue = m_queues.find(route);
    if (queue == m_queues.end() || queue->isEmpty())
        return std::nullopt;
    Queued& head = queue->first();
    const Fault fault = head.fault;
    if (--head.remaining == 0)
        queue->removeFirst();
    return fault;
}
