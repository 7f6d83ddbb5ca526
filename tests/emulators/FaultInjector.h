#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// Faults to inject into an emulator's answers. Each is queued for a route (a URL path, or "*" for every route)
// and applies to the next `count` requests that reach it; a route's own queue goes before "*". The injector
// only decides which fault applies: each emulator words the answers in its own API (EmulatorServer::faultResponse).
class FaultInjector
{
public:
    enum class Kind {
        RateLimited, // 429 with Retry-After, instead of the answer
        ServerError, // 5xx, instead of the answer
        ExpiredToken, // 401 for an expired access token, instead of the answer
        DropConnection, // the request is carried out, its answer cut after some bytes of the body
        Stall, // the request is carried out, its answer stops after some bytes of the body, the connection kept open
        Slow, // the request is carried out, its answer delayed
        Portal, // 200 with a network's sign-in page, as a captive portal or a proxy answers in the server's stead
    };

    struct Fault
    {
        Kind kind = Kind::ServerError;
        int retryAfterSeconds = 1; // RateLimited
        bool jsonBody = true; // RateLimited: the API's JSON error, else plain text
        int status = 500; // ServerError
        qint64 afterBytes = 0; // DropConnection, Stall
        int delayMs = 0; // Slow

        // True for the faults that replace the route's answer, false for those that spoil its delivery.
        bool replacesAnswer() const;
    };

    static Fault rateLimited(int retryAfterSeconds, bool jsonBody = true);
    static Fault serverError(int status = 500);
    static Fault expiredToken();
    static Fault dropConnection(qint64 afterBytes);
    static Fault stall(qint64 afterBytes);
    static Fault slow(int delayMs);
    static Fault portal();

    void add(const QString& route, const Fault& fault, int count = 1);
    // Parses "route=kind[:arg][xCount]" (see specSyntax()) and queues it; false, with the reason, when malformed.
    bool addSpec(const QString& spec, QString* error = nullptr);
    // What addSpec() accepts, for --help.
    static QString specSyntax();

    // The fault for a request to this path, now used up; none when nothing is queued for it.
    std::optional<Fault> take(const QString& path);
    void clear();

private:
    struct Queued
    {
        Fault fault;
        int remaining;
    };

    std::optional<Fault> takeFrom(const QString& route);

    QHash<QString, QList<Queued>> m_queues;
};
